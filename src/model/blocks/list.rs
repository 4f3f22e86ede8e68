//! `bullets`, `steps` and `checklist`: a list, marked three ways.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// How a list marks its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A round bullet.
    Bullets,
    /// A number.
    Steps,
    /// An empty box to tick by hand.
    Checklist,
}

impl ListKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [ListKind; 3] = [ListKind::Bullets, ListKind::Steps, ListKind::Checklist];

    /// The `type` a list of this kind is written with.
    pub const fn name(self) -> &'static str {
        match self {
            ListKind::Bullets => "bullets",
            ListKind::Steps => "steps",
            ListKind::Checklist => "checklist",
        }
    }
}

/// Bullets, steps or a checklist.
#[derive(Debug, Clone)]
pub struct List {
    /// How items are marked.
    pub kind: ListKind,
    /// A title above the list.
    pub title: Option<RichText>,
    /// The items.
    pub items: Vec<RichText>,
}

impl Content for List {
    fn name(&self) -> &'static str {
        self.kind.name()
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, &self.title);
        push(out, Role::Prose, &self.items);
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        vec![Tally {
            what: "item",
            count: self.items.len(),
            within: None,
        }]
    }
}
