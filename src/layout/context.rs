//! What every block layout function needs: fonts, theme, the structure tree and the common text styles.

use crate::layout::flow::Unit;
use crate::layout::frame::{Pt, Role};
use crate::layout::paragraph::{set_block, TextStyle};
use crate::layout::tags::{StructKind, Tags};
use crate::layout::theme::{Theme, INK};
use crate::model::{Rgb, RichText};
use crate::text::{FontSet, Style};

/// Fonts, theme and structure tree, borrowed for one handout's layout.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The brand's font family.
    pub fonts: &'a FontSet,
    /// Sizes and colours.
    pub theme: &'a Theme,
    /// The structure tree being built.
    pub tags: &'a Tags,
    /// The node new blocks go under.
    pub parent: usize,
}

impl Ctx<'_> {
    /// Body text, content of a structure node.
    pub fn body(&self) -> TextStyle {
        TextStyle {
            size: self.theme.body,
            leading: self.theme.leading,
            color: INK,
            base: Style::REGULAR,
            role: Role::Artifact,
            // Large-print guidance: no hyphens.
            hyphenate: !self.theme.large(),
            balanced: false,
            roman_italics: self.theme.large(),
        }
    }

    /// A style of a given ordinary size, bold or not, in a colour; decoration
    /// until tagged with [`TextStyle::tagged`].
    pub fn style(&self, ordinary: f32, bold: bool, color: Rgb) -> TextStyle {
        let size = self.theme.text_size(ordinary);
        TextStyle {
            size,
            leading: size * 1.3,
            color,
            base: if bold { Style::BOLD } else { Style::REGULAR },
            role: Role::Artifact,
            hyphenate: false,
            balanced: true,
            roman_italics: self.theme.large(),
        }
    }

    /// Adds a structure node under `parent`.
    pub fn tag(&self, kind: StructKind, parent: usize) -> usize {
        self.tags.add(kind, parent)
    }

    /// Adds a structure node under the block's parent.
    pub fn tag_block(&self, kind: StructKind) -> usize {
        self.tags.add(kind, self.parent)
    }

    /// A block's own title (of a list, a table, a timeline): bold, a paragraph
    /// under `parent`, kept with what follows it.
    pub fn title_unit(&self, title: &RichText, parent: usize) -> Unit {
        let style = self
            .style(13.5, true, INK)
            .tagged(self.tag(StructKind::P, parent));
        let theme = self.theme;
        let (items, height) = set_block(
            self.fonts,
            &title.runs,
            theme.left(),
            theme.width(),
            &style,
            theme.lang,
        );
        let mut unit = Unit::new(height, items);
        unit.space_before = self.block_gap();
        unit.keep_with_next = true;
        unit
    }

    /// The space between blocks.
    pub fn block_gap(&self) -> Pt {
        self.theme.space(9.0)
    }
}
