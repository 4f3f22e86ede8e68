//! `page-break`: start a new page.

use crate::model::blocks::content::{Content, Piece};

/// Start a new page.
#[derive(Debug, Clone, Copy)]
pub struct PageBreak;

impl PageBreak {
    /// The `type` of the block.
    pub const TYPE: &'static str = "page-break";
}

impl Content for PageBreak {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, _out: &mut Vec<Piece<'a>>) {}
}
