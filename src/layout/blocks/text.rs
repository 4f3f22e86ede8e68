//! Paragraphs of body text, a line per unit, so a page may break between lines.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::paragraph::paragraph_units;
use crate::layout::tags::StructKind;
use crate::layout::theme::BODY_SIZE;
use crate::model::TextBlock;

/// Paragraphs of body text, a line per unit.
pub fn layout_text(ctx: &Ctx, block: &TextBlock) -> Vec<Unit> {
    let paragraphs = &block.paragraphs;
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
