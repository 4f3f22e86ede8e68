//! Finding the definition files a command works on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

pub use crate::pipeline::Input;

/// How many folders deep a walk goes below the folder named; deeper
/// folders are reported, never passed over in silence.
pub const MAX_DEPTH: usize = 32;

/// Expands files and folders into inputs, in a stable order.
///
/// The same file named twice (`build . .`) is one input. Warnings in the
/// problems (a link not followed) do not fail the run; errors do.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut taken: BTreeSet<PathBuf> = BTreeSet::new();
    let mut take = |file: &Path| taken.insert(file.canonicalize().unwrap_or_else(|_| file.into()));
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            let root = path.canonicalize().unwrap_or_else(|_| path.clone());
            let mut walk = Walk {
                root: &root,
                found: &mut found,
                problems: &mut problems,
                seen: BTreeSet::new(),
            };
            walk.folder(path, 0);
            found.sort();
            for file in found {
                if !take(&file) {
                    continue;
                }
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
            if !take(path) {
                continue;
            }
            let stem = path
                .file_stem()
                .map_or_else(|| PathBuf::from("handout"), PathBuf::from);
            inputs.push(Input {
                path: path.clone(),
                output: stem.with_extension("pdf"),
                named: true,
            });
        } else {
            problems.push(missing(path));
        }
    }
    (inputs, problems)
}

fn missing(path: &Path) -> Diagnostic {
    match std::fs::metadata(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Diagnostic::error(format!("cannot use this path: {}", io_words(&e)))
                .in_file(path)
                .with_hint(path_hint(&e))
        }
        _ => Diagnostic::error("no such file or folder")
            .in_file(path)
            .with_hint("check the spelling; with no path, `handout` uses the folder `templates`"),
    }
}

/// An operating system error in the lowercase words of the other messages.
fn io_words(error: &std::io::Error) -> String {
    if error.raw_os_error() == Some(36) {
        return "the path is longer than the system allows".to_string();
    }
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// A folder that cannot be listed, as an error naming it.
fn unreadable_folder(dir: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot read the folder: {}", io_words(error)))
        .in_file(dir)
        .with_hint(path_hint(error))
}

fn path_hint(error: &std::io::Error) -> &'static str {
    if error.raw_os_error() == Some(36) {
        "move the files to a folder with a shorter path, or use shorter folder names"
    } else {
        "check that the folder is one you can open"
    }
}

/// Whether a file name ends in `.toml`, in any case (`Guide.TOML` too).
pub fn is_toml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// One folder walk: the folder named, what it found and what it met.
struct Walk<'a> {
    /// The named folder, resolved: links that lead out of it are not followed.
    root: &'a Path,
    found: &'a mut Vec<PathBuf>,
    problems: &'a mut Vec<Diagnostic>,
    /// Each real folder is walked once: two symbolic links to `.` would
    /// otherwise make the walk double at every level.
    seen: BTreeSet<PathBuf>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path, depth: usize) {
        if depth > MAX_DEPTH {
            self.problems.push(
                Diagnostic::error(format!(
                    "this folder is more than {MAX_DEPTH} folders deep, so the handouts in it were not built"
                ))
                .in_file(dir)
                .with_hint("move the handouts to a folder nearer the top, or name this folder itself"),
            );
            return;
        }
        match dir.canonicalize() {
            Ok(real) => {
                if !self.seen.insert(real) {
                    return;
                }
            }
            Err(e) => {
                self.problems.push(unreadable_folder(dir, &e));
                return;
            }
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(unreadable_folder(dir, &e));
                return;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    self.problems.push(unreadable_folder(dir, &e));
                    continue;
                }
            };
            let path = entry.path();
            let hidden = entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            // Follows a link to see what it leads to; an error here is the
            // path itself (too long, or a link that leads nowhere).
            let metadata = match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(e) => {
                    if is_toml(&path) || !link {
                        self.problems.push(
                            Diagnostic::error(format!("cannot read this file: {}", io_words(&e)))
                                .in_file(&path)
                                .with_hint(if link {
                                    "the link leads to nothing: remove it or point it at a file"
                                } else {
                                    path_hint(&e)
                                }),
                        );
                    }
                    continue;
                }
            };
            if metadata.is_dir() {
                if link && !self.inside(&path) {
                    self.problems.push(
                        Diagnostic::warning(format!(
                            "this link leads out of {}, so it was not followed",
                            self.root.display()
                        ))
                        .in_file(&path)
                        .with_hint("name the folder it leads to on the command line to build it"),
                    );
                    continue;
                }
                self.folder(&path, depth + 1);
            } else if is_toml(&path) {
                self.found.push(path);
            }
        }
    }

    /// Whether a link's target lies inside the folder named.
    fn inside(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| real.starts_with(self.root))
    }
}
