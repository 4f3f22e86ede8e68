//! Validated definitions: what a brand, a handout and a packet are, with no I/O.

mod block;
mod brand;
mod handout;
mod packet;

pub use block::{jpeg_frame, Block, BlockKind, Contact, ListKind, LoadedImage, Phase, Tone};
pub use brand::{Brand, BrandText, Rgb};
pub use handout::{Date, Handout, Lang, Paper, RichText, LAST_SECOND};
pub use packet::Packet;
