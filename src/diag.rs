//! One diagnostic type for every error and warning a user sees.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// Where each line starts, made on the first diagnostic.
    pub lines: LineIndex,
}

/// The byte offset of each line's start, built once per file, so a
/// diagnostic finds its line by a binary search and not by reading the file
/// from the start; and the last column found, so many diagnostics on one
/// long line count its characters once.
#[derive(Default)]
pub struct LineIndex {
    starts: OnceLock<Vec<usize>>,
    /// The last place located: its byte offset and its column (0-based, in characters).
    last: Mutex<Option<(usize, usize)>>,
}

impl Clone for LineIndex {
    fn clone(&self) -> Self {
        Self {
            starts: self.starts.clone(),
            last: Mutex::new(None),
        }
    }
}

impl fmt::Debug for LineIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LineIndex")
    }
}

/// Longest stretch of a line kept in a [`Location`]: a window around the caret.
const KEPT: usize = MAX_QUOTED;

impl Source {
    /// A source with the text of a file.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            lines: LineIndex::default(),
        }
    }

    /// Turns a byte range into a line, a column and the quoted part of the line.
    pub fn locate(&self, range: Range<usize>) -> Location {
        let text = self.text.as_str();
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        let starts = self.lines.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let index = starts.partition_point(|&s| s <= start).saturating_sub(1);
        let line_start = starts.get(index).copied().unwrap_or(0);
        let line_end = starts
            .get(index + 1)
            .map_or(text.len(), |next| next.saturating_sub(1))
            .max(start);
        // The column counts characters from the line's start, or from the
        // last place located when that was earlier on the same line.
        let mut last = self.lines.last.lock().ok();
        let (from, from_col) = match last.as_deref().copied().flatten() {
            Some((at, col)) if at >= line_start && at <= start => (at, col),
            _ => (line_start, 0),
        };
        let col = from_col + text.get(from..start).map_or(0, |s| s.chars().count());
        if let Some(last) = last.as_deref_mut() {
            *last = Some((start, col));
        }
        // Only a window of a long line is kept: a third before the caret.
        let (window_start, window_end) = if line_end - line_start <= 4 * KEPT {
            (line_start, line_end)
        } else {
            let before = text.get(line_start..start).map_or(0, |s| {
                s.char_indices()
                    .rev()
                    .take(KEPT / 3)
                    .last()
                    .map_or(0, |(i, _)| s.len() - i)
            });
            let after = text.get(start..line_end).map_or(line_end, |s| {
                s.char_indices()
                    .nth(KEPT)
                    .map_or(line_end, |(i, _)| start + i)
            });
            (start - before, after)
        };
        let source_line = text
            .get(window_start..window_end)
            .unwrap_or("")
            .trim_end_matches('\r');
        let width = text
            .get(start..end.min(line_end))
            .map_or(0, |s| s.chars().take(KEPT + 1).count())
            .max(1);
        Location {
            line: index + 1,
            col: col + 1,
            source_line: source_line.to_string(),
            width,
            cut: col
                - text
                    .get(window_start..start)
                    .map_or(0, |s| s.chars().count()),
            cut_end: window_end < line_end,
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
    /// How many characters of a long line were left out before `source_line`.
    pub cut: usize,
    /// Whether a long line goes on after `source_line`.
    pub cut_end: bool,
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

    /// Whether this sums up diagnostics left out ("… and 12 more ..."): it comes last.
    pub fn is_summary(&self) -> bool {
        self.location.is_none() && self.message.starts_with("… and ")
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
    let col = loc
        .col
        .saturating_sub(1)
        .saturating_sub(loc.cut)
        .min(chars.len());
    if chars.len() <= MAX_QUOTED && loc.cut == 0 && !loc.cut_end {
        return (chars.into_iter().collect(), col, loc.width);
    }
    let from = col.saturating_sub(MAX_QUOTED / 3);
    let to = (from + MAX_QUOTED).min(chars.len());
    let cut_before = from > 0 || loc.cut > 0;
    let mut shown: String = if cut_before {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(chars.get(from..to).unwrap_or(&[]));
    if to < chars.len() || loc.cut_end {
        shown.push('…');
    }
    let caret_at = col - from + usize::from(cut_before);
    let caret_width = loc.width.min(to.saturating_sub(col)).max(1);
    (shown, caret_at, caret_width)
}

/// How many times one message is shown for one file before the rest are counted.
pub const REPEATS_SHOWN: usize = 10;
/// How many diagnostics one file shows in all before the rest are counted.
pub const MOST_SHOWN: usize = 200;

/// Keeps the first [`REPEATS_SHOWN`] of each repeated message and the first
/// [`MOST_SHOWN`] in all, and sums up the rest ("… and 19,990 more like
/// this: ..."), so a file with 20,000 mistakes prints a page and not a book.
pub fn cap_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if diagnostics.len() <= REPEATS_SHOWN {
        return diagnostics;
    }
    let mut counts: std::collections::HashMap<(Severity, String), usize> =
        std::collections::HashMap::new();
    // The repeated messages in the order they first came, with the file.
    let mut repeated: Vec<(Severity, String, Option<PathBuf>)> = Vec::new();
    let mut kept = Vec::new();
    let mut left_out = [0usize; 2];
    for diagnostic in diagnostics {
        let key = (diagnostic.severity, diagnostic.message.clone());
        let count = counts.entry(key).or_insert(0);
        *count += 1;
        if *count == REPEATS_SHOWN + 1 {
            repeated.push((
                diagnostic.severity,
                diagnostic.message.clone(),
                diagnostic.file.clone(),
            ));
        }
        if *count > REPEATS_SHOWN {
            continue;
        }
        if kept.len() >= MOST_SHOWN && !diagnostic.is_summary() {
            left_out[usize::from(diagnostic.severity == Severity::Warning)] += 1;
            continue;
        }
        kept.push(diagnostic);
    }
    for (severity, message, file) in repeated {
        let more = counts
            .get(&(severity, message.clone()))
            .map_or(0, |n| n - REPEATS_SHOWN);
        let summary = Diagnostic {
            severity,
            file,
            location: None,
            message: format!("… and {} more like this: {message}", thousands(more)),
            hint: None,
        };
        kept.push(summary);
    }
    let file = kept.first().and_then(|d| d.file.clone());
    for (index, count) in left_out.into_iter().enumerate() {
        if count > 0 {
            let (severity, what) = if index == 0 {
                (Severity::Error, "error")
            } else {
                (Severity::Warning, "warning")
            };
            kept.push(Diagnostic {
                severity,
                file: file.clone(),
                location: None,
                message: format!(
                    "… and {} more {what}{} in this file, not shown",
                    thousands(count),
                    if count == 1 { "" } else { "s" }
                ),
                hint: Some("fix the ones above and check again".to_string()),
            });
        }
    }
    kept
}

/// A count with commas between thousands: 19,990.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// A JSON string literal.
pub fn json_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_columns_in_characters() {
        let source = Source::new("x.toml", "a = 1\nbé = \"x\"\n");
        let loc = source.locate(11..14);
        assert_eq!((loc.line, loc.col), (2, 5));
        assert_eq!(loc.source_line, "bé = \"x\"");
    }

    #[test]
    fn a_long_line_is_quoted_around_the_caret() {
        let source = Source::new(
            "x.toml",
            format!("text = \"{}✓{}\"\n", "a".repeat(500), "b".repeat(500)),
        );
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
        let source = Source::new("x.toml", "a = \"\u{1b}[31m\"\n");
        let text = Diagnostic::error("bad").at(&source, 5..6).to_string();
        assert!(!text.contains('\u{1b}'), "{text:?}");
    }

    #[test]
    fn repeated_messages_are_summed_up_after_the_cap() {
        let source = Source::new("x.toml", "a\n".repeat(3));
        let many: Vec<Diagnostic> = (0..25_000)
            .map(|i| Diagnostic::warning("same").at(&source, (i % 3) * 2..(i % 3) * 2 + 1))
            .collect();
        let capped = cap_repeats(many);
        assert_eq!(capped.len(), REPEATS_SHOWN + 1);
        assert_eq!(
            capped[REPEATS_SHOWN].to_string(),
            "x.toml: warning: … and 24,990 more like this: same"
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn a_long_line_keeps_only_a_window_and_counts_columns_from_the_last_place() {
        let line = "x".repeat(80_000);
        let source = Source::new("x.toml", format!("a = 1\n{line}\nb = 2\n"));
        let first = source.locate(6 + 40_000..6 + 40_002);
        assert_eq!((first.line, first.col), (2, 40_001));
        assert!(
            first.source_line.len() <= 4 * MAX_QUOTED,
            "{}",
            first.source_line.len()
        );
        let second = source.locate(6 + 50_000..6 + 50_001);
        assert_eq!((second.line, second.col), (2, 50_001));
        let earlier = source.locate(6 + 10..6 + 11);
        assert_eq!((earlier.line, earlier.col), (2, 11));
        let last = source.locate(6 + 80_001..6 + 80_002);
        assert_eq!((last.line, last.col), (3, 1));
        assert_eq!(last.source_line, "b = 2");
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
