//! Text: fonts and their metrics, inline markup, line breaking.

mod dictionaries;
mod fonts;
mod kerning;
mod linebreak;
mod markup;
mod optimal;

pub use dictionaries::{load_dictionary, HyphenLang};
pub use fonts::{
    open_face, Face, FaceMetrics, FontBytes, FontError, FontFiles, FontProblem, FontSet,
    STYLE_NAMES,
};
pub use linebreak::{break_lines, keep_paragraphs, BreakOptions, Line, ADDED_HYPHEN};
pub use markup::{parse_markup, plain_text, Markup, Run, Style};
