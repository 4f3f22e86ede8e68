//! Marked-up text: runs of one style each, with the place in the file they came from.

use std::ops::Range;

/// The look of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// Bold weight.
    pub bold: bool,
    /// Italic slant.
    pub italic: bool,
}

impl Style {
    /// The upright regular style.
    pub const REGULAR: Style = Style {
        bold: false,
        italic: false,
    };
    /// The upright bold style.
    pub const BOLD: Style = Style {
        bold: true,
        italic: false,
    };

    /// Index of the style in a four-face family: regular, bold, italic, bold italic.
    pub fn index(self) -> usize {
        usize::from(self.bold) + 2 * usize::from(self.italic)
    }
}

/// A stretch of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Run {
    /// The characters, markup removed.
    pub text: String,
    /// How they are drawn.
    pub style: Style,
}

/// The characters of runs, without their styles.
pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(|run| run.text.as_str()).collect()
}

/// Marked-up text with the place in the source it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct RichText {
    /// The styled runs.
    pub runs: Vec<Run>,
    /// The byte range of the string in its file.
    pub span: Range<usize>,
}

impl RichText {
    /// The text without styles.
    pub fn plain(&self) -> String {
        plain_text(&self.runs)
    }

    /// Text in one style, as it is, with no markup read.
    pub fn literal(text: &str, span: Range<usize>) -> RichText {
        RichText {
            runs: vec![Run {
                text: text.to_string(),
                style: Style::REGULAR,
            }],
            span,
        }
    }
}
