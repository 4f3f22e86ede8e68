//! What every block layout function needs: fonts, theme and the common text styles.

use crate::layout::frame::{Pt, Role};
use crate::layout::paragraph::TextStyle;
use crate::layout::theme::{Theme, INK};
use crate::model::Rgb;
use crate::text::{FontSet, Style};

/// Fonts and theme, borrowed for one handout's layout.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The brand's font family.
    pub fonts: &'a FontSet,
    /// Sizes and colours.
    pub theme: &'a Theme,
}

impl Ctx<'_> {
    /// Body text.
    pub fn body(&self) -> TextStyle {
        TextStyle {
            size: self.theme.body,
            leading: self.theme.leading,
            color: INK,
            base: Style::REGULAR,
            role: Role::Content,
            hyphenate: true,
        }
    }

    /// A style of a given ordinary size, bold or not, in a colour.
    pub fn style(&self, ordinary: f32, bold: bool, color: Rgb) -> TextStyle {
        let size = self.theme.size(ordinary);
        TextStyle {
            size,
            leading: size * 1.3,
            color,
            base: if bold { Style::BOLD } else { Style::REGULAR },
            role: Role::Content,
            hyphenate: false,
        }
    }

    /// The space between blocks.
    pub fn block_gap(&self) -> Pt {
        self.theme.size(9.0)
    }
}
