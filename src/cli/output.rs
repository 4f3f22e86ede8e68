//! Writing files whole or not at all, and printing diagnostics.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use crate::cli::args::ColorArg;
use crate::diag::{Diagnostic, Severity};

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

/// Whether the file at `path` is a plain file with exactly these bytes.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    let same_size =
        std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// Whether diagnostics are coloured, and whether warnings are printed; set
/// once from the command line.
static COLOR: AtomicBool = AtomicBool::new(false);
static QUIET: AtomicBool = AtomicBool::new(false);
/// Errors and warnings printed so far, for the closing count.
static ERRORS: AtomicUsize = AtomicUsize::new(0);
static WARNINGS: AtomicUsize = AtomicUsize::new(0);

/// Sets how diagnostics are printed: `--color` (with `NO_COLOR` for `auto`) and `--quiet`.
pub fn set_style(color: ColorArg, quiet: bool) {
    let on = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    COLOR.store(on, Ordering::Relaxed);
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given: only errors are printed.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Errors and warnings printed so far, as "2 errors, 1 warning".
pub fn printed_counts() -> String {
    let errors = ERRORS.load(Ordering::Relaxed);
    let warnings = WARNINGS.load(Ordering::Relaxed);
    format!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    )
}

/// Whether any error or warning was printed so far.
pub fn printed_any() -> bool {
    ERRORS.load(Ordering::Relaxed) + WARNINGS.load(Ordering::Relaxed) > 0
}

/// Starts the counts again, for each round of `watch`.
pub fn reset_counts() {
    ERRORS.store(0, Ordering::Relaxed);
    WARNINGS.store(0, Ordering::Relaxed);
}

/// Prints a closing line to stderr, unless `--quiet` was given.
pub fn print_summary(line: &str) {
    if !quiet() {
        eprintln!("{line}");
    }
}

/// Prints diagnostics to stderr, each followed by a blank line; with
/// `--quiet`, only the errors.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    let color = COLOR.load(Ordering::Relaxed);
    for diagnostic in diagnostics {
        if diagnostic.is_error() {
            ERRORS.fetch_add(1, Ordering::Relaxed);
        } else if quiet() {
            continue;
        } else {
            WARNINGS.fetch_add(1, Ordering::Relaxed);
        }
        let text = if color {
            paint(diagnostic)
        } else {
            diagnostic.to_string()
        };
        let _ = writeln!(out, "{text}\n");
    }
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const CYAN: &str = "\x1b[1;36m";

/// A diagnostic as rustc colours it: a bold location and message, a red
/// `error` or yellow `warning`, a blue margin and carets in the label's colour.
pub fn paint(diagnostic: &Diagnostic) -> String {
    let text = diagnostic.to_string();
    let (label, colour) = match diagnostic.severity {
        Severity::Error => ("error", RED),
        Severity::Warning => ("warning", YELLOW),
    };
    let place = match (&diagnostic.file, &diagnostic.location) {
        (Some(file), Some(loc)) => format!("{}:{}:{}: ", file.display(), loc.line, loc.col),
        (Some(file), None) => format!("{}: ", file.display()),
        _ => String::new(),
    };
    let head = format!("{place}{label}: {}", diagnostic.message);
    let Some(rest) = text.strip_prefix(&head) else {
        return text;
    };
    let mut out = String::new();
    if !place.is_empty() {
        out.push_str(&format!("{BOLD}{place}{RESET}"));
    }
    out.push_str(&format!(
        "{colour}{label}{RESET}{BOLD}: {}{RESET}",
        diagnostic.message
    ));
    for line in rest.split('\n').skip(1) {
        out.push('\n');
        if let Some(hint) = line.strip_prefix("  hint: ") {
            out.push_str(&format!("  {CYAN}hint{RESET}: {hint}"));
            continue;
        }
        // The quoted lines: " 12 | text", with the margin in blue.
        let margin = line.find(" |").filter(|&at| {
            line.get(..at)
                .is_some_and(|m| m.chars().all(|c| c == ' ' || c.is_ascii_digit()))
        });
        match margin {
            Some(at) => {
                let (gutter, body) = line.split_at(at + 2);
                let carets = !body.is_empty() && body.trim_start().chars().all(|c| c == '^');
                if carets {
                    out.push_str(&format!("{BLUE}{gutter}{RESET}{colour}{body}{RESET}"));
                } else {
                    out.push_str(&format!("{BLUE}{gutter}{RESET}{body}"));
                }
            }
            None => out.push_str(line),
        }
    }
    out
}
