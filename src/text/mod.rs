//! Text: fonts and their metrics, inline markup, line breaking.

mod fonts;
mod linebreak;
mod markup;

pub use fonts::{Face, FontError, FontFiles, FontSet, STYLE_NAMES};
pub use linebreak::{break_lines, BreakOptions, HyphenLang, Line, ADDED_HYPHEN};
pub use markup::{parse_markup, plain_text, Markup, Run, Style};
