//! Block layout: one file a block type, and the one place that picks which.

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

pub use callout::tone_colors;
pub use contacts::link_for;
pub use timeline::glue_numbers;

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::Pt;
use crate::model::{BlockKind, Brand};

/// What a block's layout may need besides its own data.
pub struct Place<'a> {
    /// The brand, whose phone and website open a contacts block.
    pub brand: &'a Brand,
    /// The height of a page's flow, which a picture is scaled down to fit.
    pub room: Pt,
}

/// The units of one block. Boxes mark their units [`Unit::boxed`] (and an
/// emergency [`Unit::urgent`]), so pagination keeps what introduces them.
pub fn block_units(ctx: &Ctx, kind: &BlockKind, place: &Place) -> Vec<Unit> {
    match kind {
        BlockKind::Heading(block) => heading::layout_heading(ctx, block),
        BlockKind::Text(block) => text::layout_text(ctx, block),
        BlockKind::List(block) => list::layout_list(ctx, block),
        BlockKind::Callout(block) => callout::layout_callout(ctx, block),
        BlockKind::Timeline(block) => timeline::layout_timeline_block(ctx, block),
        BlockKind::Contacts(block) => contacts::layout_contacts(ctx, place.brand, block),
        BlockKind::Image(block) => image::layout_image(ctx, block, place.room),
        BlockKind::PageBreak(_) => page_break::layout_page_break(),
        BlockKind::Table(block) => table::layout_table(ctx, block),
        BlockKind::Qr(block) => qr::layout_qr(ctx, block),
        BlockKind::Lines(block) => lines::layout_lines(ctx, block),
    }
}
