//! `--diagnostic-format`: diagnostics in full, one line each, or as GitHub Actions annotations.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use crate::cli::args::DiagnosticFormat;
use crate::diag::{Diagnostic, Severity};

static FORMAT: OnceLock<DiagnosticFormat> = OnceLock::new();

/// Sets the format for the rest of the run (the first call wins).
pub fn set_format(format: DiagnosticFormat) {
    let _ = FORMAT.set(format);
}

/// The format of this run.
pub fn format() -> DiagnosticFormat {
    FORMAT.get().copied().unwrap_or_default()
}

/// The diagnostic as one line, for the `short` and `github` formats; `None` for `human`.
pub fn machine_line(diagnostic: &Diagnostic) -> Option<String> {
    match format() {
        DiagnosticFormat::Human => None,
        DiagnosticFormat::Short => Some(short_line(diagnostic)),
        DiagnosticFormat::Github => Some(github_line(diagnostic)),
    }
}

/// `file:line:col: error: message (hint: ...)`.
pub fn short_line(d: &Diagnostic) -> String {
    let mut s = String::new();
    match (&d.file, &d.location) {
        (Some(file), Some(loc)) => {
            let _ = write!(s, "{}:{}:{}: ", file.display(), loc.line, loc.col);
        }
        (Some(file), None) => {
            let _ = write!(s, "{}: ", file.display());
        }
        _ => {}
    }
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = write!(s, "{label}: {}", one_line(&d.message));
    if let Some(hint) = &d.hint {
        let _ = write!(s, " (hint: {})", one_line(hint));
    }
    s
}

/// `::error file=F,line=L,col=C,endColumn=E,title=handout::message%0Ahint: ...`.
pub fn github_line(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = &d.file {
        properties.push(format!("file={}", property(&file.display().to_string())));
    }
    if let Some(loc) = &d.location {
        properties.push(format!("line={}", loc.line));
        properties.push(format!("col={}", loc.col));
        properties.push(format!("endColumn={}", loc.col + loc.width));
    }
    properties.push("title=handout".to_string());
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!("::{command} {}::{}", properties.join(","), data(&message))
}

/// A note about a file that needs no action (a file that was skipped), in the run's format.
pub fn note_line(file: &Path, message: &str) -> String {
    match format() {
        DiagnosticFormat::Github => format!(
            "::notice file={},title=handout::{}",
            property(&file.display().to_string()),
            data(message)
        ),
        DiagnosticFormat::Human => format!("{}: note: {message}\n", file.display()),
        DiagnosticFormat::Short => format!("{}: note: {message}", file.display()),
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Escapes the message of a workflow command.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;

    fn sample() -> Diagnostic {
        let source = Source::new("a,b.toml", "[handout]\ntitle = \"50% off: now\"\n");
        Diagnostic::warning("50% of the title: too long\nreally")
            .at(&source, 18..31)
            .with_hint("shorten it")
    }

    #[test]
    fn github_annotations_escape_what_the_runner_would_read_as_syntax() {
        assert_eq!(
            github_line(&sample()),
            "::warning file=a%2Cb.toml,line=2,col=9,endColumn=22,title=handout::50%25 of the title: too long%0Areally%0Ahint: shorten it"
        );
    }

    #[test]
    fn short_lines_keep_the_place_message_and_hint_on_one_line() {
        assert_eq!(
            short_line(&sample()),
            "a,b.toml:2:9: warning: 50% of the title: too long really (hint: shorten it)"
        );
        assert_eq!(
            short_line(&Diagnostic::error("no brand")),
            "error: no brand"
        );
    }
}
