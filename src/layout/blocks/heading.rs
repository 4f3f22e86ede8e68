//! A heading: one unit that stays with what follows it.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::paragraph::set_block;
use crate::layout::tags::StructKind;
use crate::layout::theme::INK;
use crate::model::Heading;

/// A heading: one unit that stays with what follows it.
pub fn layout_heading(ctx: &Ctx, heading: &Heading) -> Vec<Unit> {
    let (text, level) = (&heading.text, heading.level);
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
