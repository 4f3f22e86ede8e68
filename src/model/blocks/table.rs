//! `table`: a small table with a header row that repeats on every page it runs onto.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// The most columns a table may have: past six, the columns of a portrait
/// page are narrower than a long word at body size (12 pt, 18 pt in large
/// print), and the words would break letter by letter.
pub const MAX_COLUMNS: usize = 6;

/// A small table: a header row, then rows of as many cells.
#[derive(Debug, Clone)]
pub struct TableBlock {
    /// A title above the table.
    pub title: Option<RichText>,
    /// The header row, one text a column.
    pub header: Vec<RichText>,
    /// The rows, each with as many cells as the header; a cell may be empty
    /// (no runs), room to write by hand.
    pub rows: Vec<Vec<RichText>>,
    /// Relative column widths, each above 0, one a column; `None` to size
    /// the columns from their content.
    pub widths: Option<Vec<f32>>,
}

impl TableBlock {
    /// The `type` of the block.
    pub const TYPE: &'static str = "table";
}

impl Content for TableBlock {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, &self.title);
        push(out, Role::Label, &self.header);
        for row in &self.rows {
            push(out, Role::Value, row.iter().filter(|c| !c.runs.is_empty()));
        }
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        vec![
            Tally {
                what: "row",
                count: self.rows.len(),
                within: None,
            },
            Tally {
                what: "column",
                count: self.header.len(),
                within: None,
            },
        ]
    }
}
