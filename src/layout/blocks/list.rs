//! Bullets, numbered steps and checklists with boxes to tick by pen.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::paragraph::set_block;
use crate::layout::tags::StructKind;
use crate::layout::theme::{INK, WHITE};
use crate::model::{List, ListKind, Run, Style};

/// The radius of a step's numbered circle, in ordinary-print points.
const STEP_RADIUS: f32 = 10.5;

/// A list: an optional title, then one unsplittable unit per item.
pub fn layout_list(ctx: &Ctx, list: &List) -> Vec<Unit> {
    let (kind, title, items) = (list.kind, list.title.as_ref(), &list.items);
    let theme = ctx.theme;
    let mut units = Vec::new();
    if let Some(title) = title {
        units.push(ctx.title_unit(title, ctx.parent));
    }
    let (indent, gap) = match kind {
        ListKind::Bullets => (theme.size(20.0), theme.space(4.0)),
        ListKind::Steps => (theme.size(32.0), theme.space(7.0)),
        ListKind::Checklist => (theme.size(32.0), theme.space(11.0)),
    };
    let list = ctx.tag_block(StructKind::L);
    for (index, item) in items.iter().enumerate() {
        let entry = ctx.tag(StructKind::LI, list);
        // Only a step's number is read as a label; bullets and boxes are drawn shapes.
        let label = (kind == ListKind::Steps).then(|| ctx.tag(StructKind::Lbl, entry));
        let body = ctx.body().tagged(ctx.tag(StructKind::LBody, entry));
        let x = theme.left() + indent;
        let (mut drawn, height) = set_block(
            ctx.fonts,
            &item.runs,
            x,
            theme.width() - indent,
            &body,
            theme.lang,
        );
        // A step's number sits in a circle taller than a line: centre it on
        // the first line and give the item room for the whole circle.
        let (pad, min_height) = match kind {
            ListKind::Steps => {
                let r = theme.size(STEP_RADIUS);
                ((r - theme.leading * 0.5).max(Pt(0.0)), r * 2.0)
            }
            _ => (Pt(0.0), Pt(0.0)),
        };
        drawn.iter_mut().for_each(|item| item.shift(pad));
        let mut markers = marker(
            ctx,
            kind,
            index + 1,
            label.map_or(Role::Artifact, Role::Tag),
        );
        markers.iter_mut().for_each(|item| item.shift(pad));
        markers.append(&mut drawn);
        let mut unit = Unit::new((height + pad).max(min_height), markers);
        unit.space_before = match (index, title.is_some()) {
            (0, true) => theme.space(6.0),
            (0, false) => ctx.block_gap(),
            _ => gap,
        };
        // No item alone at the foot or the head of a page: the first stays with
        // the second (and so with the title), the last with the one before.
        let count = items.len();
        unit.keep_with_next = count > 1 && (index == 0 || index + 2 == count);
        units.push(unit);
    }
    units
}

/// The marker of an item, positioned against the first line's box.
fn marker(ctx: &Ctx, kind: ListKind, number: usize, role: Role) -> Vec<Item> {
    let theme = ctx.theme;
    let left = theme.left();
    let middle = theme.leading * 0.5;
    match kind {
        ListKind::Bullets => vec![Item::Circle {
            cx: left + theme.size(6.0),
            cy: middle + theme.size(0.5),
            r: theme.size(2.9),
            fill: Some(theme.accent),
            stroke: None,
        }],
        ListKind::Steps => {
            let r = theme.size(STEP_RADIUS);
            let cx = left + r;
            let label = number.to_string();
            let size = theme.text_size(12.0);
            let width = Pt(ctx.fonts.width(&label, Style::BOLD, size.0));
            vec![
                Item::Circle {
                    cx,
                    cy: middle,
                    r,
                    fill: Some(theme.accent),
                    stroke: None,
                },
                Item::Text {
                    x: cx - width * 0.5,
                    y: middle + size * 0.36,
                    size,
                    runs: vec![Run {
                        text: label,
                        style: Style::BOLD,
                    }],
                    color: WHITE,
                    role,
                },
            ]
        }
        ListKind::Checklist => {
            // About a fifth of an inch: room for a pen's tick.
            let side = theme.size(17.0);
            vec![Item::Rect {
                x: left + theme.size(2.0),
                y: middle - side * 0.5,
                w: side,
                h: side,
                radius: theme.size(2.5),
                fill: Some(WHITE),
                stroke: Some((INK, Pt(1.4))),
            }]
        }
    }
}
