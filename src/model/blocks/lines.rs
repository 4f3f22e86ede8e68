//! `lines`: a label and ruled lines to write on by hand.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// Labelled lines to write on: questions, the next appointment.
#[derive(Debug, Clone)]
pub struct Lines {
    /// The words above the lines, set bold.
    pub label: RichText,
    /// How many lines.
    pub count: usize,
}

impl Lines {
    /// The `type` of the block.
    pub const TYPE: &'static str = "lines";
    /// The most lines a block may have.
    pub const MAX: usize = 20;
    /// Lines without `count`.
    pub const DEFAULT: usize = 3;
}

impl Content for Lines {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, [&self.label]);
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        vec![Tally {
            what: "line",
            count: self.count,
            within: None,
        }]
    }
}
