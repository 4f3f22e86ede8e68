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
            return Diagnostic::error(
                "cannot write the PDF: a folder with this name is in the way",
            )
            .in_file(path)
            .with_hint("move or rename that folder, or choose another folder with -o");
        }
        Diagnostic::error(format!("cannot write the PDF: {e}"))
            .in_file(path)
            .with_hint("check that the output folder is writable and the disk is not full")
    })
}

/// Writes a PDF as [`write_atomically`] does; `Ok(false)` when the file already
/// held exactly these bytes and was left alone.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    if holds(path, bytes) {
        return Ok(false);
    }
    write_atomically(path, bytes).map(|()| true)
}

/// Whether the file at `path` is a plain file with exactly these bytes.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let same_size =
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Prints diagnostics to stderr, each followed by a blank line.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for diagnostic in diagnostics {
        if let Some(line) = crate::cli::format::machine_line(diagnostic) {
            let _ = writeln!(out, "{line}");
            continue;
        }
        let _ = writeln!(out, "{diagnostic}\n");
    }
}
