//! Lines to write on by hand, under a bold label.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt};
use crate::layout::paragraph::{baseline_offset, set_block};
use crate::layout::tags::StructKind;
use crate::layout::theme::INK;
use crate::model::{Lines, Rgb};

/// The distance between lines in ordinary print, in millimetres: wide-ruled
/// paper, room for an older hand's writing.
pub const PITCH_MM: f32 = 9.0;
/// The distance between lines in large print, in millimetres: a reader who
/// needs large type often writes larger too.
pub const LARGE_PITCH_MM: f32 = 12.0;

/// The rules: dark enough to survive a photocopy, lighter than the text.
const RULE_INK: Rgb = Rgb(0x8A, 0x90, 0x94);

/// The distance between lines. It never tightens to fit a page: a line too
/// narrow to write on is no line at all.
pub fn pitch(large_print: bool) -> Pt {
    let mm = if large_print {
        LARGE_PITCH_MM
    } else {
        PITCH_MM
    };
    Pt(mm * 72.0 / 25.4)
}

/// The label and its lines as one unit, never split; the label is a
/// paragraph (not a heading, so the headings' order stays as the author
/// wrote it) and the lines are decoration.
pub fn layout_lines(ctx: &Ctx, block: &Lines) -> Vec<Unit> {
    let theme = ctx.theme;
    let style = ctx
        .style(13.5, true, INK)
        .tagged(ctx.tag_block(StructKind::P));
    let (mut items, label_h) = set_block(
        ctx.fonts,
        &block.label.runs,
        theme.left(),
        theme.width(),
        &style,
        theme.lang,
    );
    let pitch = pitch(theme.large());
    let width = Pt(0.8);
    // The first line is as far below the label's last baseline as the lines
    // are from each other: the same room to write on every line.
    let baseline = label_h - style.leading + baseline_offset(ctx.fonts, &style);
    let mut bottom = label_h;
    for n in 1..=block.count {
        let y = baseline + pitch * n as f32;
        bottom = y;
        items.push(Item::Line {
            from: (theme.left(), y),
            to: (theme.left() + theme.width(), y),
            color: RULE_INK,
            width,
        });
    }
    let mut unit = Unit::new(bottom + width, items);
    unit.space_before = ctx.block_gap();
    unit.boxed = true;
    vec![unit]
}
