//! `timeline`: phases along a line, never split.

use crate::model::blocks::content::{push, Content, Piece, Role, Tally};
use crate::model::rich::RichText;

/// The most phases a timeline may have: more stop being readable side by side.
pub const MAX_PHASES: usize = 6;

/// One phase of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// The name of the phase.
    pub label: RichText,
    /// When it happens.
    pub when: Option<RichText>,
    /// What happens.
    pub items: Vec<RichText>,
}

/// Phases along a line.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// A title above the timeline.
    pub title: Option<RichText>,
    /// The phases in order.
    pub phases: Vec<Phase>,
}

impl Timeline {
    /// The `type` of the block.
    pub const TYPE: &'static str = "timeline";
}

impl Content for Timeline {
    fn name(&self) -> &'static str {
        Self::TYPE
    }

    fn texts<'a>(&'a self, out: &mut Vec<Piece<'a>>) {
        push(out, Role::Title, &self.title);
        for phase in &self.phases {
            push(out, Role::Label, [&phase.label]);
            push(out, Role::Label, &phase.when);
            push(out, Role::Prose, &phase.items);
        }
    }

    fn tallies(&self) -> Vec<Tally<'_>> {
        let mut tallies = vec![Tally {
            what: "phase",
            count: self.phases.len(),
            within: None,
        }];
        tallies.extend(self.phases.iter().map(|phase| Tally {
            what: "item",
            count: phase.items.len(),
            within: Some(("phase", &phase.label)),
        }));
        tallies
    }
}
