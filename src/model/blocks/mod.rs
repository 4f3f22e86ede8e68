//! The blocks a handout is made of: one struct a type, each in its own file.
//!
//! Every block type says what it is called and walks its own printed texts
//! ([`Content`]); whatever needs a block's words (glyph coverage, reading
//! level, translation parity) takes them from that walk and never looks at
//! the kind of block. Adding a type is a struct here, a row in
//! `block_kinds!` below, a reader in `load/blocks/` and a layout in
//! `layout/blocks/`; the compiler or a table test finds each.

mod callout;
mod contacts;
mod heading;
mod image;
mod lines;
mod list;
mod page_break;
mod qr;
mod text;
mod timeline;

use std::ops::Range;

pub use callout::{Callout, Tone};
pub use contacts::{Contact, Contacts};
pub use heading::Heading;
pub use image::{Image, Picture};
pub use lines::Lines;
pub use list::{List, ListKind};
pub use page_break::PageBreak;
pub use qr::{Qr, Symbol};
pub use text::TextBlock;
pub use timeline::{Phase, Timeline, MAX_PHASES};

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

/// Defines [`BlockKind`] with one variant a block type struct, and its dispatch.
macro_rules! block_kinds {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// What a block is.
        #[derive(Debug, Clone)]
        pub enum BlockKind {
            $(
                #[doc = concat!("A [`", stringify!($ty), "`] block.")]
                $variant($ty),
            )*
        }

        impl BlockKind {
            /// The names of the variants, one a block type struct.
            pub const VARIANTS: &'static [&'static str] = &[$(stringify!($variant)),*];

            /// The name of the variant.
            pub fn variant(&self) -> &'static str {
                match self {
                    $(BlockKind::$variant(_) => stringify!($variant),)*
                }
            }

            /// The block as the [`Content`] it is.
            pub fn content(&self) -> &dyn Content {
                match self {
                    $(BlockKind::$variant(block) => block,)*
                }
            }
        }

        $(
            impl From<$ty> for BlockKind {
                fn from(block: $ty) -> BlockKind {
                    BlockKind::$variant(block)
                }
            }
        )*
    };
}

block_kinds! {
    Heading(Heading),
    Text(TextBlock),
    List(List),
    Callout(Callout),
    Timeline(Timeline),
    Contacts(Contacts),
    Image(Image),
    PageBreak(PageBreak),
    Qr(Qr),
    Lines(Lines),
}

/// A block with the place it was defined.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The span of its `type` value, where messages about it point.
    pub span: Range<usize>,
}

impl Block {
    /// The `type` it is written with.
    pub fn name(&self) -> &'static str {
        self.kind.content().name()
    }

    /// Its printed texts, in reading order, each tagged with its role.
    pub fn texts(&self) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        self.kind.content().texts(&mut out);
        out
    }

    /// What a translation must have as many of.
    pub fn tallies(&self) -> Vec<Tally<'_>> {
        self.kind.content().tallies()
    }

    /// Settings a translation keeps as they are.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        self.kind.content().settings()
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
