//! `heading`: a section heading.

use crate::model::blocks::content::{push, Content, Piece, Role};
use crate::model::rich::RichText;

/// A section heading.
#[derive(Debug, Clone)]
pub struct Heading {
    /// The words.
    pub text: RichText,
    /// 1 or 2.
    pub level: u8,
}

impl Heading {
    /// The `type` of the block.
    pub const TYPE: &'static str = "heading";
}

impl Content for Heading {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Heading, [&self.text]);
    }
}
