//! Line breaking: optimal fit over measured fragments, with hyphenation.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{wrap_optimal_fit, Penalties};

use super::fonts::FontSet;
use super::markup::{Run, Style};

/// The hyphenation language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyphenLang {
    /// American English patterns.
    English,
    /// Spanish patterns.
    Spanish,
}

fn dictionary(lang: HyphenLang) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    static ES: OnceLock<Option<Standard>> = OnceLock::new();
    let (cell, language) = match lang {
        HyphenLang::English => (&EN, Language::EnglishUS),
        HyphenLang::Spanish => (&ES, Language::Spanish),
    };
    cell.get_or_init(|| Standard::from_embedded(language).ok())
        .as_ref()
}

/// One line of set text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The runs of the line, spaces included, a hyphen added where a word was split.
    pub runs: Vec<Run>,
    /// The width of the line in points.
    pub width: f32,
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct BreakOptions {
    /// Font size in points.
    pub size: f32,
    /// The width of a line in points.
    pub width: f32,
    /// Hyphenation patterns to use, if any.
    pub hyphenate: Option<HyphenLang>,
}

#[derive(Debug)]
struct Piece {
    runs: Vec<Run>,
    width: f64,
    space: f64,
    hyphen: f64,
    /// Whether a space follows in the source text.
    spaced: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        self.hyphen
    }
}

/// Breaks styled text into lines no wider than `options.width`.
///
/// Ragged right: the optimal-fit algorithm evens out the right edge without
/// stretching spaces. Words longer than a line (a long web address) are cut
/// where they must be, so no line runs past the margin.
pub fn break_lines(runs: &[Run], fonts: &FontSet, options: BreakOptions) -> Vec<Line> {
    let words = split_words(runs);
    let mut pieces = Vec::new();
    for (word, spaced) in words {
        fragment_word(&word, spaced, fonts, options, &mut pieces);
    }
    if pieces.is_empty() {
        return Vec::new();
    }
    let penalties = Penalties {
        // A point of overflow costs far more than any gap: lines never overflow
        // unless a single fragment is wider than the line.
        overflow_penalty: 1_000_000,
        nline_penalty: 1000,
        short_last_line_fraction: 6,
        short_last_line_penalty: 40,
        // Plain-language readers stumble on split words: hyphenate only when
        // the alternative is a clearly ragged line.
        hyphen_penalty: 400,
    };
    let widths = [f64::from(options.width)];
    let lines = match wrap_optimal_fit(&pieces, &widths, &penalties) {
        Ok(lines) => lines,
        Err(_) => vec![&pieces[..]],
    };
    lines
        .into_iter()
        .map(|line| assemble_line(line, fonts, options.size))
        .collect()
}

fn assemble_line(pieces: &[Piece], fonts: &FontSet, size: f32) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let push = |text: &str, style: Style, runs: &mut Vec<Run>| match runs.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => runs.push(Run {
            text: text.to_string(),
            style,
        }),
    };
    for (i, piece) in pieces.iter().enumerate() {
        for run in &piece.runs {
            push(&run.text, run.style, &mut runs);
        }
        let last_style = piece.runs.last().map_or(Style::REGULAR, |r| r.style);
        if i + 1 < pieces.len() {
            if piece.spaced {
                push(" ", last_style, &mut runs);
            }
        } else if piece.hyphen > 0.0 {
            push("-", last_style, &mut runs);
        }
    }
    // Measured again from the final runs, so a line's width is exactly what is drawn.
    let width = runs
        .iter()
        .map(|r| fonts.width(&r.text, r.style, size))
        .sum();
    Line { runs, width }
}

/// Splits runs into words at spaces; a word may mix styles ("**not**,").
fn split_words(runs: &[Run]) -> Vec<(Vec<Run>, bool)> {
    let mut words = Vec::new();
    let mut current: Vec<Run> = Vec::new();
    for run in runs {
        let mut rest = run.text.as_str();
        while !rest.is_empty() {
            match rest.find(is_break_space) {
                Some(0) => {
                    if !current.is_empty() {
                        words.push((std::mem::take(&mut current), true));
                    }
                    let skip = rest
                        .find(|c: char| !is_break_space(c))
                        .unwrap_or(rest.len());
                    rest = &rest[skip..];
                }
                Some(end) => {
                    current.push(Run {
                        text: rest[..end].to_string(),
                        style: run.style,
                    });
                    rest = &rest[end..];
                }
                None => {
                    current.push(Run {
                        text: rest.to_string(),
                        style: run.style,
                    });
                    rest = "";
                }
            }
        }
    }
    if !current.is_empty() {
        words.push((current, false));
    }
    words
}

fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// Turns one word into fragments: whole, at hyphenation points, or cut to fit.
fn fragment_word(
    word: &[Run],
    spaced: bool,
    fonts: &FontSet,
    options: BreakOptions,
    out: &mut Vec<Piece>,
) {
    let text: String = word.iter().map(|r| r.text.as_str()).collect();
    let last_style = word.last().map_or(Style::REGULAR, |r| r.style);
    let space = f64::from(fonts.width(" ", last_style, options.size));
    let hyphen = f64::from(fonts.width("-", last_style, options.size));

    // Byte offsets where the word may break, and whether a hyphen is added there.
    let mut breaks: Vec<(usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        // A hyphen between digits belongs to a number ("1-800-662-4357"): no break there.
        let digits_around = text[..i].ends_with(|p: char| p.is_ascii_digit())
            && text[next..].starts_with(|n: char| n.is_ascii_digit());
        if matches!(c, '-' | '–' | '—' | '/') && next < text.len() && i > 0 && !digits_around {
            breaks.push((next, false));
        }
    }
    // Web and email addresses are never hyphenated: an added hyphen would change them.
    let address = text.contains("://")
        || text.contains('@')
        || text
            .trim_end_matches(['.', ',', ';', ':', ')'])
            .contains('.');
    // Bold words are key terms: keep them whole so they read at a glance.
    let emphasised = word.iter().any(|r| r.style.bold);
    if let (Some(lang), false) = (options.hyphenate, address || emphasised) {
        breaks.extend(
            hyphenation_points(&text, lang)
                .into_iter()
                .map(|b| (b, true)),
        );
    }
    breaks.sort_unstable();
    breaks.dedup_by_key(|b| b.0);

    let mut start = 0;
    let mut parts: Vec<(usize, usize, bool)> = Vec::new();
    for &(at, hyphenated) in &breaks {
        parts.push((start, at, hyphenated));
        start = at;
    }
    parts.push((start, text.len(), false));

    let count = parts.len();
    for (index, (from, to, hyphenated)) in parts.into_iter().enumerate() {
        let runs = slice_runs(word, from, to);
        let last = index + 1 == count;
        let width = runs_width(&runs, fonts, options.size);
        let piece = Piece {
            runs,
            width,
            space: if last { space } else { 0.0 },
            hyphen: if hyphenated { hyphen } else { 0.0 },
            spaced: last && spaced,
        };
        if piece.width + piece.hyphen > f64::from(options.width) {
            cut_to_fit(piece, fonts, options, out);
        } else {
            out.push(piece);
        }
    }
}

/// Cuts a fragment wider than the line into pieces that fit, character by character.
fn cut_to_fit(piece: Piece, fonts: &FontSet, options: BreakOptions, out: &mut Vec<Piece>) {
    let limit = f64::from(options.width) * 0.98;
    let mut current: Vec<Run> = Vec::new();
    let mut width = 0.0;
    for run in &piece.runs {
        for c in run.text.chars() {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let w = f64::from(fonts.width(s, run.style, options.size));
            if width + w > limit && !current.is_empty() {
                out.push(Piece {
                    runs: std::mem::take(&mut current),
                    width,
                    space: 0.0,
                    hyphen: 0.0,
                    spaced: false,
                });
                width = 0.0;
            }
            match current.last_mut() {
                Some(last) if last.style == run.style => last.text.push(c),
                _ => current.push(Run {
                    text: c.to_string(),
                    style: run.style,
                }),
            }
            width += w;
        }
    }
    out.push(Piece {
        runs: current,
        width,
        ..piece
    });
}

fn runs_width(runs: &[Run], fonts: &FontSet, size: f32) -> f64 {
    runs.iter()
        .map(|r| f64::from(fonts.width(&r.text, r.style, size)))
        .sum()
}

/// The runs covering bytes `from..to` of the word's concatenated text.
fn slice_runs(word: &[Run], from: usize, to: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut offset = 0;
    for run in word {
        let end = offset + run.text.len();
        let a = from.max(offset);
        let b = to.min(end);
        if a < b {
            out.push(Run {
                text: run.text[a - offset..b - offset].to_string(),
                style: run.style,
            });
        }
        offset = end;
    }
    out
}

/// Hyphenation points inside the alphabetic core of a word, as byte offsets.
fn hyphenation_points(word: &str, lang: HyphenLang) -> Vec<usize> {
    let Some(dict) = dictionary(lang) else {
        return Vec::new();
    };
    let mut points = Vec::new();
    // Hyphenate each run of letters separately ("buprenorphine," or "day-by-day").
    let mut start = None;
    for (i, c) in word
        .char_indices()
        .chain(std::iter::once((word.len(), ' ')))
    {
        match (start, c.is_alphabetic()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let core = &word[s..i];
                // Short words and words with capitals inside (names, acronyms) stay whole.
                if core.chars().count() >= 8 && !core.chars().skip(1).any(char::is_uppercase) {
                    let lower = core.to_lowercase();
                    if lower.len() == core.len() {
                        points.extend(dict.hyphenate(&lower).breaks.iter().map(|b| s + b));
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Run> {
        vec![Run {
            text: s.to_string(),
            style: Style::REGULAR,
        }]
    }

    fn lines(s: &str, width: f32, hyphenate: Option<HyphenLang>) -> Vec<String> {
        let fonts = FontSet::bundled();
        let options = BreakOptions {
            size: 12.0,
            width,
            hyphenate,
        };
        break_lines(&text(s), &fonts, options)
            .into_iter()
            .map(|l| {
                assert!(l.width <= width + 0.01, "{} wider than {width}", l.width);
                l.runs.iter().map(|r| r.text.as_str()).collect()
            })
            .collect()
    }

    #[test]
    fn lines_keep_every_word_in_order() {
        let s = "Kratom comes from the leaves of a tree that grows in Southeast Asia. \
                 It is sold as a powder, capsules and drinks.";
        let got = lines(s, 200.0, Some(HyphenLang::English));
        assert!(got.len() >= 3);
        let joined = got.join(" ").replace("- ", "").replace("-", "");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>().join(" "),
            s.replace("-", "")
        );
    }

    #[test]
    fn long_words_are_hyphenated_at_narrow_widths() {
        let got = lines(
            "withdrawal buprenorphine counseling responsibilities",
            80.0,
            Some(HyphenLang::English),
        );
        assert!(got.iter().any(|l| l.ends_with('-')), "{got:?}");
    }

    #[test]
    fn a_long_url_never_passes_the_margin() {
        let url = format!("https://example.org/{}", "a1b2c3".repeat(50));
        let got = lines(&url, 300.0, Some(HyphenLang::English));
        assert!(got.len() > 2);
        assert_eq!(got.concat(), url);
    }

    #[test]
    fn phone_numbers_are_never_broken() {
        let got = lines(
            "Call 1-800-662-4357 or 804-555-0100 today for help",
            110.0,
            None,
        );
        assert!(got.iter().any(|l| l.contains("1-800-662-4357")), "{got:?}");
        assert!(got.iter().any(|l| l.contains("804-555-0100")), "{got:?}");
    }

    #[test]
    fn spanish_words_hyphenate_with_spanish_patterns() {
        let got = lines(
            "desintoxicación acompañamiento responsabilidades",
            90.0,
            Some(HyphenLang::Spanish),
        );
        assert!(got.iter().any(|l| l.ends_with('-')), "{got:?}");
    }
}
