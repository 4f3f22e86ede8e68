//! Layout: models and fonts to pages of positioned items. A pure function, no I/O.

mod audit;
mod blocks;
mod chrome;
mod context;
mod coverage;
mod flow;
mod frame;
mod handout;
mod labels;
mod packet;
mod paragraph;
mod tags;
mod theme;

pub use blocks::{glue_numbers, link_for, tone_colors};
pub use chrome::header_logo_size;
pub use coverage::{check_coverage, check_packet_coverage, code_point};
pub use flow::{paginate, Frame, Placement, Repeat, Unit};
pub use frame::{Anchor, Document, Item, LinkTarget, Page, Pt, Role};
pub use handout::{layout_document, layout_handout, LaidOut, MAX_PAGES};
pub use labels::page_of;
pub use packet::{layout_packet, PacketParts};
pub use tags::{StructKind, StructNode};
pub use theme::{LayoutOptions, Theme, BODY_SIZE, INK, LARGE_BODY_SIZE, MUTED, WHITE};
