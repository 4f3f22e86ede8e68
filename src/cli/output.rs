//! Writing files whole or not at all, and printing diagnostics.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use crate::cli::args::ColorArg;
use crate::diag::{Diagnostic, Severity};

/// Writes bytes to a temporary file beside `path`, then renames it into place.
///
/// A failure leaves no partial file and the old file untouched, and a reader
/// sees the old PDF or the new one, never a part. The file is not flushed to
/// the disk before the rename, as no build tool's outputs are: a flush costs
/// 2.5 ms a PDF on a fast disk and far more on a CI runner's, and what it
/// guards against, a power cut in the second after a build, at worst leaves
/// an empty PDF that the next build sees differs and writes again (ext4,
/// with its default `auto_da_alloc`, even flushes a file renamed over an
/// old one by itself). The temporary file is listed while it exists, so
/// Ctrl-C or SIGTERM removes it (see [`remove_temporaries_on_signal`]).
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
        let mut file = create_listed(&temp)?;
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    unlist(&temp);
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

/// The temporary files this process has open, removed if a signal stops it.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Creates a temporary file and lists it, both under the lock: a signal
/// handled meanwhile finds every temporary file that exists on the list.
fn create_listed(temp: &Path) -> std::io::Result<std::fs::File> {
    let mut list = TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)?;
    list.push(temp.to_path_buf());
    Ok(file)
}

fn unlist(temp: &Path) {
    let mut list = TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner);
    list.retain(|listed| listed != temp);
}

/// On SIGINT (Ctrl-C), SIGTERM (a cancelled CI job) or SIGHUP, removes this
/// process's temporary files, then dies of the signal as it would have.
/// PDFs already renamed into place stay: each is whole.
pub fn remove_temporaries_on_signal() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The lock is held to the end: no new temporary file appears.
                let list = TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner);
                for temp in list.iter() {
                    let _ = std::fs::remove_file(temp);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}

/// Removes the temporary files that builds killed outright (SIGKILL, a power
/// cut) left in the output folder: `.NAME.PID.N.tmp` of a process that is no
/// longer running. Another build writing there now keeps its own.
pub fn remove_dead_temporaries(out: &Path) -> usize {
    let mut removed = 0;
    let mut folders = vec![(out.to_path_buf(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() && depth < crate::cli::inputs::MAX_DEPTH {
                folders.push((path, depth + 1));
            } else if kind.is_file() {
                let name = entry.file_name();
                let dead = name
                    .to_str()
                    .and_then(temporary_owner)
                    .is_some_and(|pid| !running(pid));
                if dead && std::fs::remove_file(&path).is_ok() {
                    removed += 1;
                }
            }
        }
    }
    removed
}

/// The process id in a temporary file's name `.NAME.PID.N.tmp`.
fn temporary_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '.');
    let counter = parts.next()?;
    let pid = parts.next()?;
    parts.next().filter(|n| !n.is_empty())?;
    counter.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this id is running (this one counts).
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        // Without /proc, nothing tells: leave the file.
        true
    }
}

/// Whether the file at `path` is a plain file with exactly these bytes.
/// Writes a PDF as [`write_atomically`] does; `Ok(false)` when the file already
/// held exactly these bytes and was left alone.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<bool, Diagnostic> {
    if holds(path, bytes) {
        return Ok(false);
    }
    write_atomically(path, bytes).map(|()| true)
}

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
        say(&format!("{line}\n"));
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
        if let Some(line) = crate::cli::format::machine_line(diagnostic) {
            let _ = writeln!(out, "{line}");
            continue;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_give_their_process() {
        assert_eq!(temporary_owner(".guide.pdf.4242.7.tmp"), Some(4242));
        assert_eq!(temporary_owner(".a.b.pdf.1.0.tmp"), Some(1));
        assert_eq!(temporary_owner("guide.pdf.4242.7.tmp"), None);
        assert_eq!(temporary_owner("..4242.7.tmp"), None);
        assert_eq!(temporary_owner(".guide.pdf.x.7.tmp"), None);
    }
}
