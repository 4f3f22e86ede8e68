//! A picture at a fraction of the text width, tagged as a figure with its alt text.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::tags::StructKind;
use crate::model::Image;

/// An image at a fraction of the text width, scaled down to fit a page.
pub fn layout_image(ctx: &Ctx, block: &Image, max_height: Pt) -> Vec<Unit> {
    let (image, alt, fraction) = (&block.picture, &block.alt, block.width);
    let theme = ctx.theme;
    let mut w = theme.width() * fraction;
    let mut h = Pt(w.0 / image.aspect());
    if h > max_height {
        w = Pt(w.0 * max_height.0 / h.0);
        h = max_height;
    }
    let item = Item::Image {
        key: image.key.clone(),
        x: theme.left(),
        y: Pt(0.0),
        w,
        h,
        role: Role::Tag(ctx.tags.add_with_alt(
            StructKind::Figure,
            ctx.parent,
            Some(alt.to_string()),
        )),
    };
    let mut unit = Unit::new(h, vec![item]);
    unit.space_before = ctx.block_gap();
    vec![unit]
}
