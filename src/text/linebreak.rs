//! Line breaking: optimal fit over measured fragments, with hyphenation.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Standard};

use super::dictionaries::{load_dictionary, HyphenLang};
use super::fonts::FontSet;
use super::markup::{Run, Style};
use super::optimal::{self, optimal_fit, Penalties};

fn dictionary(lang: HyphenLang) -> Option<&'static Standard> {
    static EN: OnceLock<Option<Standard>> = OnceLock::new();
    static ES: OnceLock<Option<Standard>> = OnceLock::new();
    let cell = match lang {
        HyphenLang::English => &EN,
        HyphenLang::Spanish => &ES,
    };
    cell.get_or_init(|| load_dictionary(lang)).as_ref()
}

/// One line of set text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The runs of the line, spaces included, a hyphen added where a word was split.
    pub runs: Vec<Run>,
    /// The width of the line in points.
    pub width: f32,
    /// The line ends inside a word cut without a hyphen: the measure is
    /// narrower than a letter and a hyphen.
    pub cut: bool,
    /// The line ends in a hyphen that hyphenation added.
    pub hyphenated: bool,
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

/// A paragraph's text in one string, with the style of each stretch of it.
struct Source {
    text: String,
    /// The end of each styled stretch, in order, and its style.
    spans: Vec<(usize, Style)>,
    /// Whether any stretch is bold.
    bold: bool,
}

impl Source {
    fn new(runs: &[Run]) -> Source {
        let mut text = String::with_capacity(runs.iter().map(|r| r.text.len()).sum());
        let mut spans = Vec::with_capacity(runs.len());
        for run in runs {
            text.push_str(&run.text);
            spans.push((text.len(), run.style));
        }
        let bold = runs.iter().any(|run| run.style.bold);
        Source { text, spans, bold }
    }

    /// The style of the byte at `at`.
    fn style_at(&self, at: usize) -> Style {
        let index = self.spans.partition_point(|&(end, _)| end <= at);
        self.spans
            .get(index)
            .or(self.spans.last())
            .map_or(Style::REGULAR, |&(_, style)| style)
    }

    /// The styled stretches inside `from..to`.
    fn stretches(&self, from: usize, to: usize) -> impl Iterator<Item = (&str, Style)> + '_ {
        let first = self.spans.partition_point(|&(end, _)| end <= from);
        let mut start = if first == 0 {
            0
        } else {
            self.spans[first - 1].0
        };
        self.spans[first..]
            .iter()
            .map_while(move |&(end, style)| {
                let (a, b) = (from.max(start), to.min(end));
                start = end;
                (a < to).then(|| (&self.text[a..b.max(a)], style))
            })
            .filter(|(text, _)| !text.is_empty())
    }

    fn width(&self, from: usize, to: usize, fonts: &FontSet, size: f32) -> f64 {
        self.stretches(from, to)
            .map(|(text, style)| f64::from(fonts.width(text, style, size)))
            .sum()
    }
}

/// A fragment of the paragraph: a word, or the part of one between break points.
#[derive(Debug)]
struct Piece {
    from: usize,
    to: usize,
    width: f64,
    space: f64,
    hyphen: f64,
    /// Whether a space follows in the source text.
    spaced: bool,
    /// Ends inside a word, with no hyphen: a break no reader would expect.
    cut: bool,
    /// The index of the word it is part of.
    word: usize,
}

impl optimal::Piece for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn space(&self) -> f64 {
        self.space
    }
    fn hyphen(&self) -> f64 {
        self.hyphen
    }
}

/// Breaks styled text into lines no wider than `options.width`.
///
/// Ragged right: the optimal-fit algorithm evens out the right edge without
/// stretching spaces. Words longer than a line (a long web address) are cut
/// where they must be, so no line runs past the margin.
///
/// Hyphenation is for ragged text's worst lines only: the text is set without
/// it first, and only a word that would leave the line before it shorter than
/// [`SHORT_LINE`] of the measure may be hyphenated. The last word of a
/// paragraph, capitalised words and words with a hyphen of their own never are.
pub fn break_lines(runs: &[Run], fonts: &FontSet, options: BreakOptions) -> Vec<Line> {
    /// The paragraph a hash stands for, and its lines.
    struct Set {
        serials: [u64; 4],
        size: u32,
        width: u32,
        hyphenate: Option<HyphenLang>,
        runs: Vec<Run>,
        lines: Vec<Line>,
    }
    let length: usize = runs.iter().map(|run| run.text.len()).sum();
    if !KEEP.load(Ordering::Relaxed) && length < LONG_PARAGRAPH {
        return set_paragraph(runs, fonts, options);
    }
    static CACHE: OnceLock<Mutex<HashMap<u64, Set>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let serials = fonts.serials();
    let (size, width) = (options.size.to_bits(), options.width.to_bits());
    let key = {
        let mut hasher = std::hash::DefaultHasher::new();
        (serials, size, width, options.hyphenate, runs).hash(&mut hasher);
        hasher.finish()
    };
    let same = |set: &Set| {
        set.serials == serials
            && set.size == size
            && set.width == width
            && set.hyphenate == options.hyphenate
            && set.runs == runs
    };
    if let Some(found) = cache.lock().ok().and_then(|map| {
        map.get(&key)
            .filter(|set| same(set))
            .map(|set| set.lines.clone())
    }) {
        return found;
    }
    let lines = set_paragraph(runs, fonts, options);
    if let Ok(mut map) = cache.lock() {
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(
            key,
            Set {
                serials,
                size,
                width,
                hyphenate: options.hyphenate,
                runs: runs.to_vec(),
                lines: lines.clone(),
            },
        );
    }
    lines
}

/// Whether [`break_lines`] keeps the lines of each paragraph it sets.
static KEEP: AtomicBool = AtomicBool::new(false);

/// Keeps the lines of each paragraph for the rest of the process, or stops
/// keeping them. Worth it when the same paragraphs are set again: a batch
/// of packets for many clinics, or `watch`. For a single input, hashing and
/// copying every paragraph cost more than they saved (0.13 ms of the peers'
/// 4.9 ms packet, 0.18 ms of the bundled one), so it is off unless asked.
pub fn keep_paragraphs(keep: bool) {
    KEEP.store(keep, Ordering::Relaxed);
}

/// A paragraph this long (in bytes) is kept even when a single input is
/// built: setting it again costs far more than keeping it, and the texts of a
/// brand's header and footer are set again for every attempt at fitting a
/// handout. A brand with a line of 25,000 letters took 8 s without this and
/// 0.7 s with it; a handout's paragraphs are a few hundred bytes.
const LONG_PARAGRAPH: usize = 2000;

/// How many paragraphs the process keeps the lines of before it starts afresh:
/// a batch of packets for many clinics sets the same handouts with the same
/// fonts, and sets each paragraph once.
const CACHE_LIMIT: usize = 8192;

/// Breaks a paragraph into lines, as [`break_lines`] describes.
fn set_paragraph(runs: &[Run], fonts: &FontSet, options: BreakOptions) -> Vec<Line> {
    let source = Source::new(runs);
    let words = words(&source.text);
    let mut allowed = vec![false; words.len()];
    let mut lines = wrap(&source, &words, &allowed, fonts, options);
    if options.hyphenate.is_none() {
        return lines.into_iter().map(|(line, _)| line).collect();
    }
    for _ in 0..3 {
        let mut more = false;
        let count = lines.len();
        for (i, (line, _)) in lines.iter().enumerate() {
            if i + 1 >= count || line.width >= options.width * SHORT_LINE {
                continue;
            }
            let next = lines[i + 1].1;
            if next + 1 < words.len() && !allowed[next] {
                allowed[next] = true;
                more = true;
            }
        }
        if !more {
            break;
        }
        lines = wrap(&source, &words, &allowed, fonts, options);
    }
    lines.into_iter().map(|(line, _)| line).collect()
}

/// A hyphen that line breaking adds: a hyphen and a word joiner (U+2060).
pub const ADDED_HYPHEN: &str = "-\u{2060}";

/// A line shorter than this share of the measure is ragged enough to hyphenate the next word.
pub const SHORT_LINE: f32 = 0.62;

/// Sets the words, hyphenating only those `allowed`; each line with the
/// index of the word it starts in.
fn wrap(
    source: &Source,
    words: &[Word],
    allowed: &[bool],
    fonts: &FontSet,
    options: BreakOptions,
) -> Vec<(Line, usize)> {
    let mut pieces = Vec::with_capacity(words.len());
    let mut marks = Marks::default();
    for (index, &word) in words.iter().enumerate() {
        let options = BreakOptions {
            hyphenate: options.hyphenate.filter(|_| allowed[index]),
            ..options
        };
        let start = pieces.len();
        fragment_word(source, word, fonts, options, &mut marks, &mut pieces);
        for piece in &mut pieces[start..] {
            piece.word = index;
        }
    }
    if pieces.is_empty() {
        return Vec::new();
    }
    let lines = if fits_one_line(&pieces, f64::from(options.width)) {
        vec![&pieces[..]]
    } else {
        optimal_fit(&pieces, f64::from(options.width), &PENALTIES)
    };
    lines
        .into_iter()
        .map(|line| {
            let first = line.first().map_or(0, |p| p.word);
            (assemble_line(source, line, fonts, options.size), first)
        })
        .collect()
}

/// What optimal fit weighs.
const PENALTIES: Penalties = Penalties {
    // A point of overflow costs far more than any gap: lines never overflow
    // unless a single fragment is wider than the line.
    overflow: 1_000_000.0,
    line: 1000.0,
    short_last_line_fraction: 6.0,
    short_last_line: 40.0,
    // Plain-language readers stumble on split words: hyphenate only when
    // the alternative is a clearly ragged line.
    hyphen: 400.0,
};

/// Whether all the pieces fit on one line, measured as optimal fit measures
/// a line. Every line costs optimal fit a penalty larger than any a single
/// line adds, so then one line is what it would choose.
fn fits_one_line(pieces: &[Piece], width: f64) -> bool {
    let Some(last) = pieces.last() else {
        return true;
    };
    let total: f64 = pieces.iter().fold(0.0, |sum, p| sum + (p.width + p.space));
    total - last.space + last.hyphen <= width.max(1.0)
}

fn assemble_line(source: &Source, pieces: &[Piece], fonts: &FontSet, size: f32) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    let cut = pieces.last().is_some_and(|p| p.cut);
    let hyphenated = pieces.last().is_some_and(|p| p.hyphen > 0.0);
    let push = |text: &str, style: Style, runs: &mut Vec<Run>| match runs.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => runs.push(Run {
            text: text.to_string(),
            style,
        }),
    };
    for (i, piece) in pieces.iter().enumerate() {
        for (text, style) in source.stretches(piece.from, piece.to) {
            push(text, style, &mut runs);
        }
        let last_style = source.style_at(piece.to.saturating_sub(1));
        if i + 1 < pieces.len() {
            if piece.spaced {
                push(" ", last_style, &mut runs);
            }
        } else if piece.hyphen > 0.0 {
            // An added hyphen is followed by a word joiner, which no line
            // measures or draws: the PDF writer knows it by that and gives
            // the word its whole text for extraction.
            push(ADDED_HYPHEN, last_style, &mut runs);
        }
    }
    // Measured again from the final runs, so a line's width is exactly what is drawn.
    let width = runs
        .iter()
        .map(|r| fonts.width(&r.text, r.style, size))
        .sum();
    Line {
        runs,
        width,
        cut,
        hyphenated,
    }
}

/// The words of a text as byte ranges, each with whether a space follows it.
fn words(text: &str) -> Vec<Word> {
    // A word is some six bytes and its space: room for them all at once.
    let mut words = Vec::with_capacity(text.len() / 6 + 1);
    let mut start = None;
    let mut i = 0;
    while i < text.len() {
        // ASCII is told by its byte; anything else is decoded.
        let (space, length) = match text.as_bytes()[i] {
            b if b.is_ascii() => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (is_break_space(c), c.len_utf8())),
        };
        match (start, space) {
            (Some(s), true) => {
                words.push(Word {
                    from: s,
                    to: i,
                    spaced: true,
                });
                start = None;
            }
            (None, false) => start = Some(i),
            _ => {}
        }
        i += length;
    }
    if let Some(s) = start {
        words.push(Word {
            from: s,
            to: text.len(),
            spaced: false,
        });
    }
    words
}

fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}'
}

/// What may follow a word without being part of it: sentence punctuation,
/// closing quotes and brackets.
const TRAILING: [char; 13] = [
    '.', ',', ';', ':', '!', '?', ')', ']', '”', '’', '"', '\'', '»',
];
/// What may come before a word without being part of it: opening quotes and brackets.
const LEADING: [char; 7] = ['(', '[', '“', '‘', '"', '\'', '«'];

/// A word of the paragraph: its byte range, and whether a space follows it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    from: usize,
    to: usize,
    spaced: bool,
}

/// The widths of a space and a hyphen in the styles met so far.
#[derive(Default)]
struct Marks([Option<(f64, f64)>; 4]);

impl Marks {
    fn get(&mut self, fonts: &FontSet, style: Style, size: f32) -> (f64, f64) {
        *self.0[style.index()].get_or_insert_with(|| {
            (
                f64::from(fonts.width(" ", style, size)),
                f64::from(fonts.width("-", style, size)),
            )
        })
    }
}

/// Turns one word into fragments: whole, at hyphenation points, or cut to fit.
fn fragment_word(
    source: &Source,
    Word { from, to, spaced }: Word,
    fonts: &FontSet,
    options: BreakOptions,
    marks: &mut Marks,
    out: &mut Vec<Piece>,
) {
    let text = &source.text[from..to];
    let last_style = source.style_at(to - 1);
    let (space, hyphen) = marks.get(fonts, last_style, options.size);
    // Most words have none of the characters the checks below look for: one
    // pass over the bytes tells (an en or em dash starts with 0xE2).
    let bytes = text.as_bytes();
    let marked = bytes
        .iter()
        .any(|b| matches!(b, b'-' | b'/' | b'.' | b'@' | b':' | 0xE2));

    // Web and email addresses are never hyphenated: an added hyphen would change them.
    // Punctuation around a word ("“natural.”", "(findtreatment.gov).") is not
    // part of it: a sentence's full stop inside a closing quote is no address.
    let core_end = text.trim_end_matches(TRAILING).len();
    let core_start = text.len() - text.trim_start_matches(LEADING).len();
    let core = text.get(core_start..core_end.max(core_start)).unwrap_or("");
    let address = marked && (text.contains("://") || core.bytes().any(|b| b == b'@' || b == b'.'));
    // Only an address too long for a line breaks inside: one that fits, and
    // an abbreviation such as "U.S.", moves to the next line whole.
    let breaks_inside =
        address && source.width(from, to, fonts, options.size) > f64::from(options.width);
    // Byte offsets in the word where it may break, and whether a hyphen is added there.
    let mut breaks: Vec<(usize, bool)> = Vec::new();
    for (i, c) in text.char_indices().filter(|_| marked) {
        let next = i + c.len_utf8();
        if matches!(c, '-' | '–' | '—' | '/') && next < text.len() && i > 0 {
            // A hyphen between digits belongs to a number ("1-800-662-4357"): no break there.
            let digits_around = text[..i].ends_with(|p: char| p.is_ascii_digit())
                && text[next..].starts_with(|n: char| n.is_ascii_digit());
            if !digits_around {
                breaks.push((next, false));
            }
        }
        // An address too long for its line breaks before a dot or an at sign,
        // never inside a name.
        if breaks_inside && matches!(c, '.' | '@') && i > core_start && next < core_end {
            breaks.push((i, false));
        }
    }
    // Bold words are key terms: keep them whole so they read at a glance.
    let emphasised = source.bold && source.stretches(from, to).any(|(_, style)| style.bold);
    // A capitalised word (a name: "Southeast") and a word with a hyphen of its
    // own ("day-to-day") are never hyphenated.
    let capitalised = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_uppercase);
    let hyphenated = marked && text.contains(['-', '–', '—']);
    if let (Some(lang), false) = (
        options.hyphenate,
        address || emphasised || capitalised || hyphenated,
    ) {
        breaks.extend(
            hyphenation_points(text, lang)
                .into_iter()
                .map(|b| (b, true)),
        );
    }
    breaks.sort_unstable();
    breaks.dedup_by_key(|b| b.0);

    let mut start = 0;
    let count = breaks.len() + 1;
    let ends = breaks
        .iter()
        .copied()
        .chain(std::iter::once((text.len(), false)));
    for (index, (at, hyphenated)) in ends.enumerate() {
        let last = index + 1 == count;
        let piece = Piece {
            from: from + start,
            to: from + at,
            width: source.width(from + start, from + at, fonts, options.size),
            space: if last { space } else { 0.0 },
            hyphen: if hyphenated { hyphen } else { 0.0 },
            spaced: last && spaced,
            cut: false,
            word: 0,
        };
        start = at;
        if piece.width + piece.hyphen > f64::from(options.width) {
            cut_to_fit(source, piece, fonts, options, out);
        } else {
            out.push(piece);
        }
    }
}

/// Cuts a fragment wider than the line into pieces that fit, character by
/// character, each with a visible hyphen: the last resort for a single word
/// wider than its measure.
fn cut_to_fit(
    source: &Source,
    piece: Piece,
    fonts: &FontSet,
    options: BreakOptions,
    out: &mut Vec<Piece>,
) {
    let hyphen = f64::from(fonts.width("-", source.style_at(piece.from), options.size));
    let limit = f64::from(options.width) * 0.98;
    let mut from = piece.from;
    let mut width = 0.0;
    let mut previous: Option<char> = None;
    for (i, c) in source.text[piece.from..piece.to].char_indices() {
        let at = piece.from + i;
        let style = source.style_at(at);
        // The letter's advance and its kerning with the one before.
        let w = match previous {
            Some(p) if at > from => {
                let pair: String = [p, c].iter().collect();
                let mut buf = [0u8; 4];
                f64::from(fonts.width(&pair, style, options.size))
                    - f64::from(fonts.width(p.encode_utf8(&mut buf), style, options.size))
            }
            _ => {
                let mut buf = [0u8; 4];
                f64::from(fonts.width(c.encode_utf8(&mut buf), style, options.size))
            }
        };
        previous = Some(c);
        if width + w + hyphen > limit && at > from {
            // Narrower than a letter and a hyphen, the word is cut bare.
            let bare = width + hyphen > f64::from(options.width);
            out.push(Piece {
                from,
                to: at,
                width,
                space: 0.0,
                hyphen: if bare { 0.0 } else { hyphen },
                spaced: false,
                cut: bare,
                word: 0,
            });
            from = at;
            // The new line starts with this letter alone: no kerning before it.
            let mut buf = [0u8; 4];
            width = f64::from(fonts.width(c.encode_utf8(&mut buf), style, options.size));
            continue;
        }
        width += w;
    }
    out.push(Piece {
        from,
        width,
        ..piece
    });
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

    #[test]
    fn words_are_split_at_breaking_spaces_only() {
        // The character-by-character definition the byte scan must agree with.
        fn by_chars(text: &str) -> Vec<Word> {
            let mut words = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                match (start, is_break_space(c)) {
                    (Some(s), true) => {
                        words.push(Word {
                            from: s,
                            to: i,
                            spaced: true,
                        });
                        start = None;
                    }
                    (None, false) => start = Some(i),
                    _ => {}
                }
            }
            if let Some(s) = start {
                words.push(Word {
                    from: s,
                    to: text.len(),
                    spaced: false,
                });
            }
            words
        }
        for text in [
            "",
            " ",
            "one",
            "two words ",
            "  tabs\tand\nlines\r\n",
            "no\u{a0}break and\u{202f}narrow",
            "em\u{2003}space, ideographic\u{3000}space, next\u{85}line",
            "señal — “quoted” día-a-día 1-800-662-4357",
            "\u{1c}\u{1f} control",
        ] {
            assert_eq!(words(text), by_chars(text), "{text:?}");
        }
        assert_eq!(words("a b").len(), 2);
        assert_eq!(words("a\u{a0}b").len(), 1);
    }

    #[test]
    fn kept_paragraphs_are_the_lines_set_afresh() {
        // Other tests may run meanwhile: the lines are the same either way.
        keep_paragraphs(true);
        let fonts = FontSet::bundled();
        let runs = text("Kratom can cause withdrawal when a person stops using it. Ask a clinic about care that helps.");
        for width in [120.0, 200.0, 120.0, 200.0] {
            for hyphenate in [None, Some(HyphenLang::English)] {
                let options = BreakOptions {
                    size: 12.0,
                    width,
                    hyphenate,
                };
                let kept = break_lines(&runs, &fonts, options);
                assert!(kept.len() > 1);
                assert_eq!(
                    kept,
                    set_paragraph(&runs, &fonts, options),
                    "{width} {hyphenate:?}"
                );
            }
        }
        let bold = vec![Run {
            style: Style::BOLD,
            ..runs[0].clone()
        }];
        let options = BreakOptions {
            size: 12.0,
            width: 120.0,
            hyphenate: None,
        };
        assert_eq!(
            break_lines(&bold, &fonts, options),
            set_paragraph(&bold, &fonts, options)
        );
        assert_ne!(
            break_lines(&bold, &fonts, options),
            break_lines(&runs, &fonts, options)
        );
    }

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
                l.runs
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<String>()
                    .replace(ADDED_HYPHEN, "-")
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
    fn a_word_is_hyphenated_only_to_save_a_short_line() {
        // "Ask about" alone would fill less than 62 % of the line.
        let got = lines(
            "Ask about buprenorphine treatment today",
            120.0,
            Some(HyphenLang::English),
        );
        assert!(
            got[0].starts_with("Ask about bu") && got[0].ends_with('-'),
            "{got:?}"
        );
        // Lines long enough without it are left whole.
        let got = lines(
            "withdrawal buprenorphine counseling responsibilities",
            80.0,
            Some(HyphenLang::English),
        );
        assert!(!got.iter().any(|l| l.ends_with('-')), "{got:?}");
    }

    #[test]
    fn names_hyphenated_words_and_the_last_word_stay_whole() {
        for text in [
            "It grows in Southeast Asia",
            "Go to day-to-day counseling",
            "Ask about buprenorphine",
        ] {
            let got = lines(text, 100.0, Some(HyphenLang::English));
            assert!(!got.iter().any(|l| l.ends_with('-')), "{got:?}");
        }
    }

    #[test]
    fn a_long_url_never_passes_the_margin() {
        let url = format!("https://example.org/{}", "a1b2c3".repeat(50));
        let got = lines(&url, 300.0, Some(HyphenLang::English));
        assert!(got.len() > 2);
        // Cut as a last resort, each cut shows a hyphen; nothing else is added.
        for line in &got[..got.len() - 1] {
            assert!(line.ends_with('-') || line.ends_with('/'), "{got:?}");
        }
        assert_eq!(got.concat().replace('-', ""), url);
    }

    #[test]
    fn a_quoted_word_ending_a_sentence_keeps_its_full_stop() {
        // "“natural.”" once counted as an address (a dot inside), so the line
        // could break before its full stop and start with ".”".
        let text =
            "Many think it is safe because it is “natural.” But the FDA has not approved it.";
        for width in (60..=400).step_by(7) {
            let got = lines(text, width as f32, Some(HyphenLang::English));
            assert!(
                !got.iter().any(|l| l.starts_with('.') || l.starts_with('”')),
                "{width}: {got:?}"
            );
        }
        // A real address still breaks before a dot when it must.
        let got = lines("(findtreatment.samhsa.gov).", 60.0, None);
        assert!(
            got.iter().skip(1).any(|l| l.starts_with(".samhsa")),
            "{got:?}"
        );
    }

    #[test]
    fn an_abbreviation_or_an_address_that_fits_is_never_broken_at_its_dots() {
        // "U.S." once counted as an address, and a narrow line ended "the U"
        // with the next one starting ".S. Food".
        let text = "It is not approved by the U.S. Food and Drug Administration, \
                    see findtreatment.gov or call us.";
        for width in (60..=400).step_by(3) {
            let got = lines(text, width as f32, Some(HyphenLang::English));
            assert!(got.iter().any(|l| l.contains("U.S.")), "{width}: {got:?}");
            // The address breaks before its dot only when a line cannot hold it.
            if width >= 200 {
                assert!(
                    got.iter().any(|l| l.contains("findtreatment.gov")),
                    "{width}: {got:?}"
                );
            }
        }
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
