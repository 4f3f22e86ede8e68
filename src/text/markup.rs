//! Inline markup: `**bold**` and `*italic*` inside a string.

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The characters, markup removed.
    pub text: String,
    /// How they are drawn.
    pub style: Style,
}

/// The result of reading a marked-up string.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Markup {
    /// The styled runs, in order, adjacent runs of one style merged.
    pub runs: Vec<Run>,
    /// Byte offsets of `*` or `**` markers that never close and were kept as text.
    pub unclosed: Vec<usize>,
}

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    Marker { len: usize, at: usize },
}

/// Splits a string with `**bold**` and `*italic*` into styled runs.
///
/// A marker opens only before a non-space and closes only after one, so
/// "5 * 3" stays as it is. A marker that opens and never closes is kept as
/// text and reported in [`Markup::unclosed`].
pub fn parse_markup(input: &str) -> Markup {
    let tokens = tokenize(input);
    // For each marker token: Some(true) if it toggles a style, None if literal.
    let mut active = vec![false; tokens.len()];
    let mut unclosed = Vec::new();
    let mut open: [Option<usize>; 3] = [None; 3];
    for (i, token) in tokens.iter().enumerate() {
        let Token::Marker { len, at } = *token else {
            continue;
        };
        let before = input[..at].chars().next_back();
        let after = input[at + len..].chars().next();
        let can_close = before.is_some_and(|c| !c.is_whitespace());
        let can_open = after.is_some_and(|c| !c.is_whitespace());
        if let Some(start) = open[len].filter(|_| can_close) {
            active[start] = true;
            active[i] = true;
            open[len] = None;
        } else if can_open {
            if let Some(start) = open[len] {
                unclosed.push(marker_offset(&tokens, start));
            }
            open[len] = Some(i);
        }
    }
    unclosed.extend(open.iter().flatten().map(|&i| marker_offset(&tokens, i)));
    unclosed.sort_unstable();

    let mut runs: Vec<Run> = Vec::new();
    let mut style = Style::default();
    for (token, active) in tokens.iter().zip(active) {
        let text = match *token {
            Token::Marker { len, .. } if active => {
                if len == 2 {
                    style.bold = !style.bold;
                } else {
                    style.italic = !style.italic;
                }
                continue;
            }
            Token::Marker { len, .. } => &"**"[..len],
            Token::Text(text) => text,
        };
        match runs.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => runs.push(Run {
                text: text.to_string(),
                style,
            }),
        }
    }
    runs.retain(|run| !run.text.is_empty());
    Markup { runs, unclosed }
}

fn marker_offset(tokens: &[Token], index: usize) -> usize {
    match tokens.get(index) {
        Some(Token::Marker { at, .. }) => *at,
        _ => 0,
    }
}

fn tokenize(input: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'*' {
            if start < i {
                tokens.push(Token::Text(&input[start..i]));
            }
            let len = if bytes.get(i + 1) == Some(&b'*') {
                2
            } else {
                1
            };
            tokens.push(Token::Marker { len, at: i });
            i += len;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < input.len() {
        tokens.push(Token::Text(&input[start..]));
    }
    tokens
}

/// The text of runs without their styles.
pub fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(|run| run.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(input: &str) -> String {
        let markup = parse_markup(input);
        markup
            .runs
            .iter()
            .map(|r| match (r.style.bold, r.style.italic) {
                (false, false) => r.text.clone(),
                (true, false) => format!("B({})", r.text),
                (false, true) => format!("I({})", r.text),
                (true, true) => format!("BI({})", r.text),
            })
            .collect()
    }

    #[test]
    fn bold_and_italic_are_recognised() {
        assert_eq!(
            show("It is **not** a *medicine*."),
            "It is B(not) a I(medicine)."
        );
        assert_eq!(show("***both***"), "BI(both)");
        assert_eq!(
            show("**bold *and italic* here**"),
            "B(bold )BI(and italic)B( here)"
        );
    }

    #[test]
    fn spaced_asterisks_stay_literal_without_warning() {
        let markup = parse_markup("5 * 3 = 15");
        assert_eq!(plain_text(&markup.runs), "5 * 3 = 15");
        assert!(markup.unclosed.is_empty());
    }

    #[test]
    fn unclosed_markers_are_printed_and_reported() {
        let markup = parse_markup("a **bold start and *x");
        assert_eq!(plain_text(&markup.runs), "a **bold start and *x");
        assert_eq!(markup.unclosed, vec![2, 19]);
    }
}
