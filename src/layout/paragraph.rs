//! Setting text into lines and turning lines into flow units.

use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::model::{Lang, Rgb};
use crate::text::{break_lines, BreakOptions, FontSet, HyphenLang, Run, Style};

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Font size.
    pub size: Pt,
    /// Distance between baselines.
    pub leading: Pt,
    /// Colour of the glyphs.
    pub color: Rgb,
    /// Bold and italic added to every run.
    pub base: Style,
    /// Content or decoration.
    pub role: Role,
    /// Hyphenate long words.
    pub hyphenate: bool,
    /// Even out the lines of a short text (titles), instead of filling the first.
    pub balanced: bool,
    /// Set italics as bold (large print: italics are hard to read at any size).
    pub roman_italics: bool,
}

impl TextStyle {
    /// The same style, its text the content of a structure node.
    pub fn tagged(mut self, node: usize) -> TextStyle {
        self.role = Role::Tag(node);
        self
    }
}

/// One set line: its item, with the baseline measured from the line's top.
#[derive(Debug, Clone)]
pub struct SetLine {
    /// The text item; its y is the baseline relative to the top of the line.
    pub item: Item,
    /// The width of the ink.
    pub width: Pt,
    /// It ends in a hyphen that hyphenation added.
    pub hyphenated: bool,
}

/// Applies a base style to runs: a bold heading keeps its italics. With
/// `roman_italics`, italics are set bold instead.
pub fn emphasize(runs: &[Run], base: Style, roman_italics: bool) -> Vec<Run> {
    runs.iter()
        .map(|run| {
            let italic = run.style.italic || base.italic;
            Run {
                text: run.text.clone(),
                style: Style {
                    bold: run.style.bold || base.bold || (italic && roman_italics),
                    italic: italic && !roman_italics,
                },
            }
        })
        .collect()
}

/// The hyphenation patterns of a language.
pub fn hyphen_lang(lang: Lang) -> HyphenLang {
    match lang {
        Lang::En => HyphenLang::English,
        Lang::Es => HyphenLang::Spanish,
    }
}

/// Breaks runs into lines of at most `width` starting at `x`.
pub fn set_lines(
    fonts: &FontSet,
    runs: &[Run],
    x: Pt,
    width: Pt,
    style: &TextStyle,
    lang: Lang,
) -> Vec<SetLine> {
    let runs = emphasize(runs, style.base, style.roman_italics);
    let options = BreakOptions {
        size: style.size.0,
        width: width.0.max(1.0),
        hyphenate: style.hyphenate.then(|| hyphen_lang(lang)),
    };
    let baseline = baseline_offset(fonts, style);
    let mut lines = break_lines(&runs, fonts, options);
    if style.balanced && lines.len() > 1 {
        // The narrowest measure that needs no more lines: a title of two
        // lines gets two lines of about the same length, no word left alone.
        // Never narrower than the longest word: that would cut it.
        let longest = runs
            .iter()
            .flat_map(|r| {
                r.text
                    .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                    .map(move |w| fonts.width(w, r.style, style.size.0))
            })
            .fold(0.0f32, f32::max);
        let (mut low, mut high) = (
            (options.width * 0.4).max(longest).min(options.width),
            options.width,
        );
        for _ in 0..10 {
            let middle = (low + high) / 2.0;
            let trial = break_lines(
                &runs,
                fonts,
                BreakOptions {
                    width: middle,
                    ..options
                },
            );
            if trial.len() > lines.len() {
                low = middle;
            } else {
                high = middle;
            }
        }
        lines = break_lines(
            &runs,
            fonts,
            BreakOptions {
                width: high,
                ..options
            },
        );
    }
    if lines.iter().any(|l| l.cut) {
        crate::layout::audit::note_cut();
    }
    lines
        .into_iter()
        .map(|line| SetLine {
            width: Pt(line.width),
            hyphenated: line.hyphenated,
            item: Item::Text {
                x,
                y: baseline,
                size: style.size,
                runs: line.runs,
                color: style.color,
                role: style.role,
            },
        })
        .collect()
}

/// Where the baseline sits below the top of a line box, centring the font's extent.
pub fn baseline_offset(fonts: &FontSet, style: &TextStyle) -> Pt {
    let face = fonts.face(style.base);
    let ascent = face.ascender() * style.size.0;
    let extent = (face.ascender() - face.descender()) * style.size.0;
    Pt((style.leading.0 - extent) / 2.0 + ascent)
}

/// Sets text and stacks the lines into one block of items, relative to its top.
pub fn set_block(
    fonts: &FontSet,
    runs: &[Run],
    x: Pt,
    width: Pt,
    style: &TextStyle,
    lang: Lang,
) -> (Vec<Item>, Pt) {
    let lines = set_lines(fonts, runs, x, width, style, lang);
    let mut items = Vec::with_capacity(lines.len());
    let mut y = Pt(0.0);
    for mut line in lines {
        line.item.shift(y);
        items.push(line.item);
        y += style.leading;
    }
    (items, y)
}

/// Turns a paragraph into one unit per line, keeping its first two and last
/// two lines together so no line is stranded at the foot or head of a page.
pub fn paragraph_units(
    fonts: &FontSet,
    runs: &[Run],
    x: Pt,
    width: Pt,
    style: &TextStyle,
    lang: Lang,
    space_before: Pt,
) -> Vec<Unit> {
    let lines = set_lines(fonts, runs, x, width, style, lang);
    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let hyphenated = line.hyphenated;
            let mut unit = Unit::new(style.leading, vec![line.item]);
            unit.space_before = if i == 0 { space_before } else { Pt(0.0) };
            // Orphan: line 1 stays with line 2. Widow: the last line stays with the one before.
            // A hyphenated word is never split across a page break.
            unit.keep_with_next = count > 1 && (i == 0 || i + 2 == count || hyphenated);
            unit
        })
        .collect()
}
