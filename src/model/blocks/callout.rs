//! `callout`: a boxed block that is never split.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// How loud a callout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good to know.
    Info,
    /// Take care.
    Warning,
    /// Act now.
    Emergency,
}

impl Tone {
    /// Every tone, quietest first.
    pub const ALL: [Tone; 3] = [Tone::Info, Tone::Warning, Tone::Emergency];
    /// The names a file may write.
    pub const NAMES: [&'static str; 3] = [
        Tone::Info.name(),
        Tone::Warning.name(),
        Tone::Emergency.name(),
    ];

    /// The name a file writes.
    pub const fn name(self) -> &'static str {
        match self {
            Tone::Info => "info",
            Tone::Warning => "warning",
            Tone::Emergency => "emergency",
        }
    }

    /// The tone of a name.
    pub fn parse(name: &str) -> Option<Tone> {
        Tone::ALL.into_iter().find(|tone| tone.name() == name)
    }
}

/// A boxed block, never split.
#[derive(Debug, Clone)]
pub struct Callout {
    /// How loud it is.
    pub tone: Tone,
    /// The title inside the box.
    pub title: Option<RichText>,
    /// Paragraphs inside the box.
    pub paragraphs: Vec<RichText>,
    /// Bullets inside the box.
    pub items: Vec<RichText>,
    /// Whether `items` came before `text` in the file, and so is drawn first.
    pub items_first: bool,
}

impl Callout {
    /// The `type` of the block.
    pub const TYPE: &'static str = "callout";
}

impl Content for Callout {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, &self.title);
        if self.items_first {
            push(out, Role::Prose, self.items.iter().chain(&self.paragraphs));
        } else {
            push(out, Role::Prose, self.paragraphs.iter().chain(&self.items));
        }
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        vec![Tally {
            what: "item",
            count: self.items.len(),
            within: None,
        }]
    }

    fn settings(&self) -> Vec<(&'static str, String)> {
        vec![("tone", self.tone.name().to_string())]
    }
}
