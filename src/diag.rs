//! One diagnostic type for every error and warning a user sees.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be built.
    Error,
    /// The input builds, but something in it deserves a look.
    Warning,
}

/// A source file as it was read, kept so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (or as it was found).
    pub path: PathBuf,
    /// The whole text of the file.
    pub text: String,
}

impl Source {
    /// Turns a byte range into a line, a column and the quoted line.
    pub fn locate(&self, range: Range<usize>) -> Location {
        let text = self.text.as_str();
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        // Both are char boundaries within the text, so none of these slices can fail;
        // `get` keeps it that way should that ever change.
        let before = text.get(..start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = text
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| start + i);
        let line = before.matches('\n').count() + 1;
        let col = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
        let source_line = text
            .get(line_start..line_end)
            .unwrap_or("")
            .trim_end_matches('\r');
        let width = text
            .get(start..end.min(line_end))
            .map_or(0, |s| s.chars().count())
            .max(1);
        Location {
            line,
            col,
            source_line: source_line.to_string(),
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Where in a file a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// The text of that line, without its line ending.
    pub source_line: String,
    /// How many characters of the line the caret underlines.
    pub width: usize,
}

/// An error or warning about one input, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in, if it is about a file.
    pub file: Option<PathBuf>,
    /// The place in the file, when one is known.
    pub location: Option<Box<Location>>,
    /// What is wrong: lowercase, no final period.
    pub message: String,
    /// How to fix it, when there is an obvious fix.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with only a message.
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: None,
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning with only a message.
    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    /// Points the diagnostic at a byte range of a source file.
    pub fn at(mut self, source: &Source, range: Range<usize>) -> Self {
        self.file = Some(source.path.clone());
        self.location = Some(Box::new(source.locate(range)));
        self
    }

    /// Names the file without a position.
    pub fn in_file(mut self, path: &Path) -> Self {
        self.file = Some(path.to_path_buf());
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error (and not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (&self.file, &self.location) {
            (Some(file), Some(loc)) => write!(f, "{}:{}:{}: ", file.display(), loc.line, loc.col)?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            _ => {}
        }
        write!(f, "{label}: {}", self.message)?;
        if let Some(loc) = &self.location {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let (shown, caret_at, caret_width) = excerpt(loc);
            let before: String = shown
                .chars()
                .take(caret_at)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n {pad} |\n {number} | {shown}\n {pad} | {before}{}",
                "^".repeat(caret_width)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A value from the user's file, fit to quote in a message: at most 60
/// characters, control characters shown as U+FFFD.
pub fn clip(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

/// Longest source line quoted whole; a longer one is cut to a window around the caret.
const MAX_QUOTED: usize = 240;

/// The part of the line to quote, where the caret starts in it and how wide it is.
/// Control characters are shown as U+FFFD so they cannot upset the terminal.
fn excerpt(loc: &Location) -> (String, usize, usize) {
    let chars: Vec<char> = loc
        .source_line
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let col = loc.col.saturating_sub(1).min(chars.len());
    if chars.len() <= MAX_QUOTED {
        return (chars.into_iter().collect(), col, loc.width);
    }
    let from = col.saturating_sub(MAX_QUOTED / 3);
    let to = (from + MAX_QUOTED).min(chars.len());
    let mut shown: String = if from > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(chars.get(from..to).unwrap_or(&[]));
    if to < chars.len() {
        shown.push('…');
    }
    let caret_at = col - from + usize::from(from > 0);
    let caret_width = loc.width.min(to.saturating_sub(col)).max(1);
    (shown, caret_at, caret_width)
}

/// Picks the closest candidate to a misspelt word, if one is close enough.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_columns_in_characters() {
        let source = Source {
            path: "x.toml".into(),
            text: "a = 1\nbé = \"x\"\n".into(),
        };
        let loc = source.locate(11..14);
        assert_eq!((loc.line, loc.col), (2, 5));
        assert_eq!(loc.source_line, "bé = \"x\"");
    }

    #[test]
    fn a_long_line_is_quoted_around_the_caret() {
        let source = Source {
            path: "x.toml".into(),
            text: format!("text = \"{}✓{}\"\n", "a".repeat(500), "b".repeat(500)),
        };
        let diagnostic = Diagnostic::error("bad").at(&source, 508..511);
        let text = diagnostic.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[2].chars().count() < 260, "{}", lines[2]);
        let quoted = lines[2].chars().position(|c| c == '✓');
        let caret = lines[3].chars().position(|c| c == '^');
        assert!(quoted.is_some() && quoted == caret, "{text}");
    }

    #[test]
    fn control_characters_are_not_sent_to_the_terminal() {
        let source = Source {
            path: "x.toml".into(),
            text: "a = \"\u{1b}[31m\"\n".into(),
        };
        let text = Diagnostic::error("bad").at(&source, 5..6).to_string();
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(
            did_you_mean("buletts", &["bullets", "steps"]),
            Some("bullets")
        );
        assert_eq!(did_you_mean("titel", &["title", "items"]), Some("title"));
        assert_eq!(did_you_mean("zzzz", &["title", "items"]), None);
    }
}
