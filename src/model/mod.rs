//! Validated definitions: what a brand, a handout and a packet are. Plain data:
//! no I/O, no parsed fonts, no decoded pixels.

mod blocks;
mod brand;
mod handout;
mod packet;
mod rich;

pub use blocks::{
    Block, BlockKind, Callout, Contact, Contacts, Content, Heading, Image, List, ListKind,
    PageBreak, Phase, Picture, Piece, Role, Tally, TextBlock, Timeline, Tone, MAX_PHASES,
};
pub use blocks::{Lines, Qr, Symbol};
pub use brand::{Brand, BrandText, Rgb};
pub use handout::{Date, Handout, Lang, Paper, LAST_SECOND};
pub use packet::Packet;
pub use rich::{plain_text, RichText, Run, Style};
