//! Inline markup: `**bold**` and `*italic*` inside a string.

pub use crate::model::{plain_text, Run, Style};

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
    let mut runs = smarten(&runs);
    runs.retain(|run| !run.text.is_empty());
    Markup { runs, unclosed }
}

/// Typographic punctuation: straight quotes become curly ones (“ ” ‘ ’), `--`
/// an en dash, `---` an em dash and `...` an ellipsis, in any language;
/// « » stay as typed. A backslash keeps the next `"`, `'`, `-` or `.` as it is
/// (`\"`). Web and email addresses are left untouched, and so are phone
/// numbers (their single hyphens never change).
pub fn smarten(runs: &[Run]) -> Vec<Run> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    if !text.contains(['"', '\'', '-', '.', '\\']) {
        return runs.to_vec();
    }
    // Addresses, as whitespace-separated words, are protected byte ranges.
    let mut protected = vec![false; text.len()];
    let mut start = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        if word.contains("://") || word.contains('@') || word.starts_with("www.") {
            protected[start..start + word.len()].fill(true);
        }
        start += word.len();
    }
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut prev: Option<char> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut run_index = 0;
    let mut run_end = runs.first().map_or(0, |r| r.text.len());
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<Run>, style: Style| {
        if !current.is_empty() {
            out.push(Run {
                text: std::mem::take(current),
                style,
            });
        }
    };
    while i < chars.len() {
        let (pos, c) = chars[i];
        while pos >= run_end && run_index + 1 < runs.len() {
            flush(&mut current, &mut out, runs[run_index].style);
            run_index += 1;
            run_end += runs[run_index].text.len();
        }
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let opens = || prev.is_none_or(|p| p.is_whitespace() || "([{—–“‘«/".contains(p));
        // The character written, and how many characters of the text it stands for.
        let (made, step) = if protected.get(pos).copied().unwrap_or(false) {
            (c, 1)
        } else {
            match (c, next) {
                ('\\', Some(kept @ ('"' | '\'' | '-' | '.'))) => (kept, 2),
                ('"', _) if opens() => ('“', 1),
                ('"', _) => ('”', 1),
                ('\'', _) if opens() && next.is_some_and(|n| !n.is_whitespace()) => ('‘', 1),
                ('\'', _) => ('’', 1),
                ('-', _) if text[pos..].starts_with("---") => ('—', 3),
                ('-', _) if text[pos..].starts_with("--") => ('–', 2),
                ('.', _) if text[pos..].starts_with("...") => ('…', 3),
                _ => (c, 1),
            }
        };
        prev = Some(made);
        current.push(made);
        i += step;
    }
    if let Some(run) = runs.get(run_index) {
        flush(&mut current, &mut out, run.style);
    }
    // Merge neighbours of one style again.
    let mut merged: Vec<Run> = Vec::with_capacity(out.len());
    for run in out {
        match merged.last_mut() {
            Some(last) if last.style == run.style => last.text.push_str(&run.text),
            _ => merged.push(run),
        }
    }
    merged
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
    fn punctuation_is_typographic_except_in_addresses_and_numbers() {
        let plain = |s: &str| plain_text(&parse_markup(s).runs);
        assert_eq!(
            plain("She said \"call 988\" -- it's free... Days 2---4."),
            "She said “call 988” – it’s free… Days 2—4."
        );
        assert_eq!(plain("'Sí', dijo. «Hola»"), "‘Sí’, dijo. «Hola»");
        assert_eq!(plain("Call 1-800-662-4357"), "Call 1-800-662-4357");
        assert_eq!(
            plain("See https://example.org/a--b...c or a--b@example.org"),
            "See https://example.org/a--b...c or a--b@example.org"
        );
        assert_eq!(plain("5\\'10\\\" and a\\-\\-b"), "5'10\" and a--b");
        assert_eq!(show("**\"Stop\"** now"), "B(“Stop”) now");
    }

    #[test]
    fn the_bundled_fonts_draw_the_typographic_punctuation() {
        let fonts = crate::text::FontSet::bundled();
        for face in fonts.faces() {
            for c in "“”‘’–—…«»".chars() {
                assert!(face.has_glyph(c), "{c:?}");
            }
        }
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
