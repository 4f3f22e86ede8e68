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
mod table;
mod text;
mod timeline;

mod content;

use std::ops::Range;

pub use content::{Content, Piece, Role, Tally};

pub use callout::{Callout, Tone};
pub use contacts::{Contact, Contacts};
pub use heading::Heading;
pub use image::{Image, Picture};
pub use lines::Lines;
pub use list::{List, ListKind};
pub use page_break::PageBreak;
pub use qr::{Qr, Symbol};
pub use table::{TableBlock, MAX_COLUMNS};
pub use text::TextBlock;
pub use timeline::{Phase, Timeline, MAX_PHASES};

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
    Table(TableBlock),
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
