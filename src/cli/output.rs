//! Writing files whole or not at all, and printing diagnostics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diag::Diagnostic;

/// Writes bytes to a temporary file beside `path`, then renames it into place.
///
/// A failure leaves no partial file and the old file untouched. The file is
/// not forced to disk before the rename: a batch of hundreds of handouts would
/// wait on the disk for each, and the rename alone already guarantees that a
/// reader sees the old PDF or the new one, never a part.
///
/// A file that already holds exactly these bytes is left alone, so a rebuild
/// in CI touches only the PDFs whose text changed and keeps the others' dates.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_whole(path, bytes, "the PDF")
}

/// [`write_atomically`] for any file: `what` names it in messages ("the PDF", "the file").
pub fn write_whole(path: &Path, bytes: &[u8], what: &str) -> Result<(), Diagnostic> {
    if holds(path, bytes) {
        return Ok(());
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| {
        // A file where a folder should be is the usual cause: say which one.
        let message = match folder.ancestors().find(|a| a.is_file()) {
            Some(file) => format!(
                "cannot create the output folder: {} is a file, not a folder",
                file.display()
            ),
            None => format!("cannot create the output folder: {e}"),
        };
        Diagnostic::error(message)
            .in_file(folder)
            .with_hint("choose another folder with -o, or check its permissions")
    })?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output.pdf");
    let temp: PathBuf = folder.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        if path.is_dir() {
            return Diagnostic::error(format!(
                "cannot write {what}: a folder with this name is in the way"
            ))
            .in_file(path)
            .with_hint("move or rename that folder, or choose another folder with -o");
        }
        Diagnostic::error(format!(
            "cannot write {what}: {}",
            lowercase_first(&e.to_string())
        ))
        .in_file(path)
        .with_hint("check that the output folder is writable and the disk is not full")
    })
}

/// Whether the file at `path` is a plain file with exactly these bytes.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let same_size =
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Writes text to stderr. A closed or full stderr is not an error worth
/// stopping for: the PDFs and the exit status still say what happened.
pub fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Writes text to stdout, the way the manifest and the report go out.
///
/// `Err` with a message when stdout is full or broken; a closed pipe (the
/// reader, such as `head`, has all it wanted) is not an error.
pub fn emit(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!(
            "cannot write to standard output: {}",
            lowercase_first(&e.to_string())
        )),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Prints diagnostics to stderr, each followed by a blank line.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for diagnostic in diagnostics {
        let _ = writeln!(out, "{diagnostic}\n");
    }
}
