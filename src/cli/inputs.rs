//! Finding the definition files a command works on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// One definition file and where its PDF goes, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// The PDF's path relative to the output folder.
    pub output: PathBuf,
    /// Whether the user named the file itself (not found in a folder).
    pub named: bool,
}

/// Expands files and folders into inputs, in a stable order.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, &mut problems, &mut BTreeSet::new(), 0);
            found.sort();
            for file in found {
                let relative = file
                    .strip_prefix(path)
                    .unwrap_or(&file)
                    .with_extension("pdf");
                inputs.push(Input {
                    path: file,
                    output: relative,
                    named: false,
                });
            }
        } else if path.exists() {
            let stem = path
                .file_stem()
                .map_or_else(|| PathBuf::from("handout"), PathBuf::from);
            inputs.push(Input {
                path: path.clone(),
                output: stem.with_extension("pdf"),
                named: true,
            });
        } else {
            problems.push(
                Diagnostic::error("no such file or folder")
                    .in_file(path)
                    .with_hint(
                        "check the spelling; with no path, `handout` uses the folder `templates`",
                    ),
            );
        }
    }
    (inputs, problems)
}

fn walk(
    dir: &Path,
    found: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
    seen: &mut BTreeSet<PathBuf>,
    depth: usize,
) {
    // Deep enough for any real tree; stops symlink loops.
    if depth > 32 {
        return;
    }
    // Each real folder is walked once: two symbolic links to `.` would
    // otherwise make the walk double at every level, 2^32 folders deep.
    if let Ok(real) = dir.canonicalize() {
        if !seen.insert(real) {
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic::error(format!("cannot read the folder: {e}")).in_file(dir));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, found, problems, seen, depth + 1);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}
