//! `contacts`: the clinic's numbers and more, in a box.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// One line of a contacts block.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// Who to call.
    pub label: RichText,
    /// The number or address.
    pub value: RichText,
}

/// Phone numbers and addresses.
#[derive(Debug, Clone)]
pub struct Contacts {
    /// A title for the box.
    pub title: Option<RichText>,
    /// The lines after the brand's own.
    pub items: Vec<Contact>,
}

impl Contacts {
    /// The `type` of the block.
    pub const TYPE: &'static str = "contacts";
}

impl Content for Contacts {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, &self.title);
        for contact in &self.items {
            push(out, Role::Label, [&contact.label]);
            push(out, Role::Value, [&contact.value]);
        }
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        vec![Tally {
            what: "contact",
            count: self.items.len(),
            within: None,
        }]
    }
}
