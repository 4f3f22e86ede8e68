//! `handout new`: starter definitions that build as they are.

use std::path::Path;

use crate::cli::args::StarterKind;
use crate::cli::output::{print_diagnostics, say, write_whole};
use crate::diag::Diagnostic;
use crate::load::find_brand;

const GUIDE: &str = include_str!("starters/guide.toml");
const TIMELINE: &str = include_str!("starters/timeline.toml");
const CHECKLIST: &str = include_str!("starters/checklist.toml");
const PACKET: &str = include_str!("starters/packet.toml");
const BRAND: &str = include_str!("starters/brand.toml");
/// Written beside the starters, which name it on their first line, so an
/// editor with a TOML language server completes and checks keys.
const SCHEMA: &str = include_str!("../../docs/handout.schema.json");

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_whole(path, bytes, "the file")
}

fn kind_name(kind: StarterKind) -> &'static str {
    match kind {
        StarterKind::Guide => "guide",
        StarterKind::Timeline => "timeline",
        StarterKind::Checklist => "checklist",
        StarterKind::Packet => "packet",
    }
}

/// `handout new KIND FILE`.
pub fn run_new(kind: StarterKind, file: &Path) -> u8 {
    let folder_name = file.as_os_str().to_str().is_some_and(|p| p.ends_with('/'));
    if folder_name || file.is_dir() {
        print_diagnostics(&[Diagnostic::error(
            "this is a folder; `handout new` needs the name of the file to write",
        )
        .in_file(file)
        .with_hint(format!(
            "add a file name, for example `handout new {} {}`",
            kind_name(kind),
            file.join(format!("{}.toml", kind_name(kind))).display()
        ))]);
        return 1;
    }
    if file.exists() {
        print_diagnostics(&[
            Diagnostic::error("the file already exists; it was left as it is")
                .in_file(file)
                .with_hint("choose a new file name, or delete the old file first"),
        ]);
        return 1;
    }
    let text = match kind {
        StarterKind::Guide => GUIDE,
        StarterKind::Timeline => TIMELINE,
        StarterKind::Checklist => CHECKLIST,
        StarterKind::Packet => PACKET,
    };
    let mut written = vec![file.to_path_buf()];
    if let Err(diagnostic) = write_file(file, fill(text, file).as_bytes()) {
        print_diagnostics(&[diagnostic]);
        return 1;
    }
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if matches!(kind, StarterKind::Packet) {
        // A packet needs handouts to bind: write the three starters beside it.
        for (name, text) in [
            ("guide.toml", GUIDE),
            ("timeline.toml", TIMELINE),
            ("checklist.toml", CHECKLIST),
        ] {
            let path = folder.join(name);
            if !path.exists() && write_file(&path, fill(text, &path).as_bytes()).is_ok() {
                written.push(path);
            }
        }
    }
    if find_brand(file).is_none() {
        let path = folder.join("brand.toml");
        if write_file(&path, BRAND.as_bytes()).is_ok() {
            written.push(path);
        }
    }
    let schema = folder.join("handout.schema.json");
    if !schema.exists() && write_file(&schema, SCHEMA.as_bytes()).is_ok() {
        written.push(schema);
    }
    for path in written {
        say(&format!("wrote {}\n", path.display()));
    }
    say(&format!(
        "next: edit the text, then run `handout build {}`\n",
        file.display()
    ));
    0
}

/// A starter's text with the commands in its comments naming the file itself.
fn fill(text: &str, file: &Path) -> String {
    let name = file.display().to_string();
    text.replace("handout build FILE", &format!("handout build {name}"))
        .replace("handout check FILE", &format!("handout check {name}"))
}
