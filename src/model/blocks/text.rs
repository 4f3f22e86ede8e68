//! `text`: one or more paragraphs.

use crate::model::blocks::content::{push, Content, Piece, Role};
use crate::model::rich::RichText;

/// One or more paragraphs of running text.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// The paragraphs.
    pub paragraphs: Vec<RichText>,
}

impl TextBlock {
    /// The `type` of the block.
    pub const TYPE: &'static str = "text";
}

impl Content for TextBlock {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Prose, &self.paragraphs);
    }
}
