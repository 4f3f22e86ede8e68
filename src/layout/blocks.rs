//! Headings, text and images: the simple blocks.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::paragraph::{paragraph_units, set_block};
use crate::layout::tags::StructKind;
use crate::layout::theme::{BODY_SIZE, INK};
use crate::model::{LoadedImage, RichText};

/// A heading: one unit that stays with what follows it.
pub fn layout_heading(ctx: &Ctx, text: &RichText, level: u8) -> Vec<Unit> {
    let theme = ctx.theme;
    let (style, before, after) = if level == 1 {
        (
            ctx.style(19.0, true, theme.accent),
            theme.space(20.0),
            theme.space(5.0),
        )
    } else {
        (
            ctx.style(15.5, true, INK),
            theme.space(14.0),
            theme.space(3.0),
        )
    };
    // The handout's title is H1, so its headings are H2 and H3.
    let kind = if level == 1 {
        StructKind::H2
    } else {
        StructKind::H3
    };
    let style = style.tagged(ctx.tag_block(kind));
    let (items, height) = set_block(
        ctx.fonts,
        &text.runs,
        theme.left(),
        theme.width(),
        &style,
        theme.lang,
    );
    let mut unit = Unit::new(height + after, items);
    unit.space_before = before;
    unit.keep_with_next = true;
    unit.anchor = Some((level, text.plain()));
    vec![unit]
}

/// Paragraphs of body text, a line per unit.
pub fn layout_text(ctx: &Ctx, paragraphs: &[RichText]) -> Vec<Unit> {
    let theme = ctx.theme;
    let mut units = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let style = ctx.body().tagged(ctx.tag_block(StructKind::P));
        let before = if i == 0 {
            ctx.block_gap()
        } else {
            theme.space(BODY_SIZE * 0.6)
        };
        units.extend(paragraph_units(
            ctx.fonts,
            &paragraph.runs,
            theme.left(),
            theme.width(),
            &style,
            theme.lang,
            before,
        ));
    }
    units
}

/// An image at a fraction of the text width, scaled down to fit a page.
pub fn layout_image(
    ctx: &Ctx,
    image: &LoadedImage,
    alt: &str,
    fraction: f32,
    max_height: Pt,
) -> Vec<Unit> {
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
