//! What every block type tells about itself: its name and its printed texts.

use crate::model::rich::RichText;

/// What a printed text of a block is, for the checks that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A section heading: reading level starts a new section here.
    Heading,
    /// The title of a block, set bold.
    Title,
    /// A short label: a phase's name or time, a contact's name, a table's
    /// header, a caption. Set regular or bold; not a sentence.
    Label,
    /// Running text: paragraphs and list items, what reading level counts.
    Prose,
    /// A value to copy as it is: a phone number, an address, a table cell.
    Value,
}

/// One printed text of a block.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    /// What it is.
    pub role: Role,
    /// The text.
    pub rich: &'a RichText,
}

/// How many of something a block has, which a translation must have as many of.
#[derive(Debug, Clone)]
pub struct Tally<'a> {
    /// What is counted, singular: "item", "phase", "row".
    pub what: &'static str,
    /// How many.
    pub count: usize,
    /// The part of the block counted in (a timeline's phase, by its label),
    /// or `None` for the block as a whole.
    pub within: Option<(&'static str, &'a RichText)>,
}

/// What every block type tells about itself.
pub trait Content {
    /// The `type` it is written with.
    fn name(&self) -> &'static str;

    /// Its printed texts, in reading order.
    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>);

    /// What a translation must have as many of.
    fn tallies(&self) -> Vec<Tally<'_>> {
        Vec::new()
    }

    /// Settings a translation keeps as they are, as (key, value).
    fn settings(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Pushes a text under a role, when there is one.
pub(crate) fn push<'a>(
    out: &mut Vec<Piece<'a>>,
    role: Role,
    texts: impl IntoIterator<Item = &'a RichText>,
) {
    out.extend(texts.into_iter().map(|rich| Piece { role, rich }));
}
