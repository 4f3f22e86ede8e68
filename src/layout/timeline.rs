//! Timelines: numbered markers along a line, a tinted card for each phase.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::paragraph::{set_block, TextStyle};
use crate::layout::tags::StructKind;
use crate::layout::theme::{INK, WHITE};
use crate::model::Phase;
use crate::text::{Run, Style};

/// The narrowest a phase's card may be, in ordinary-print points.
const MIN_CARD: f32 = 92.0;

/// How many phases share a row: as many as fit, rows balanced.
pub fn phases_per_row(count: usize, width: Pt, min_card: Pt, gap: Pt) -> usize {
    let fit = (((width + gap).0 / (min_card + gap).0).floor() as usize).max(1);
    let rows = count.div_ceil(fit).max(1);
    count.div_ceil(rows).max(1)
}

/// A timeline as one unit: it is never split across pages.
pub fn layout_timeline(ctx: &Ctx, phases: &[Phase], group: usize) -> Unit {
    let theme = ctx.theme;
    let gap = theme.size(10.0);
    let per_row = phases_per_row(phases.len(), theme.width(), theme.size(MIN_CARD), gap);
    let card_w = Pt((theme.width().0 - gap.0 * (per_row as f32 - 1.0)) / per_row as f32);
    let r = theme.size(12.0);
    let pad = theme.size(9.0);
    let when_style = ctx.style(14.5, true, theme.accent);
    let label_style = ctx.style(BODY_ORDINARY, true, INK);
    let mut body = ctx.body();
    body.leading = body.size * 1.3;
    let mut items = Vec::new();
    let mut y = Pt(0.0);
    for (row, chunk) in phases.chunks(per_row).enumerate() {
        if row > 0 {
            y += theme.size(14.0);
        }
        let line_y = y + r + Pt(2.0);
        let last_row = (row + 1) * per_row >= phases.len();
        let line_end = theme.left() + theme.width() - if last_row { Pt(0.0) } else { card_w * 0.5 };
        items.push(Item::Line {
            from: (theme.left(), line_y),
            to: (line_end - theme.size(6.0), line_y),
            color: theme.accent,
            width: theme.size(3.0),
        });
        if last_row {
            let tip = theme.left() + theme.width();
            items.push(Item::Triangle {
                points: [
                    (tip, line_y),
                    (tip - theme.size(11.0), line_y - theme.size(6.5)),
                    (tip - theme.size(11.0), line_y + theme.size(6.5)),
                ],
                fill: theme.accent,
            });
        }
        let card_top = line_y + r + theme.size(8.0);
        let inner_w = card_w - pad * 2.0;
        // The `when` and the label of every phase in a row share their heights,
        // so the first points line up across the cards.
        let set = |runs: &[Run], style: TextStyle| {
            set_block(ctx.fonts, runs, Pt(0.0), inner_w, &style, theme.lang)
        };
        // Each phase is a group: its `when`, its label, then its items.
        let nodes: Vec<(usize, usize, usize)> = chunk
            .iter()
            .map(|_| {
                let phase = ctx.tag(StructKind::Div, group);
                (
                    phase,
                    ctx.tag(StructKind::P, phase),
                    ctx.tag(StructKind::P, phase),
                )
            })
            .collect();
        let whens: Vec<(Vec<Item>, Pt)> = chunk
            .iter()
            .zip(&nodes)
            .map(|(p, n)| {
                p.when.as_ref().map_or((Vec::new(), Pt(0.0)), |w| {
                    set(&w.runs, when_style.tagged(n.1))
                })
            })
            .collect();
        let labels: Vec<(Vec<Item>, Pt)> = chunk
            .iter()
            .zip(&nodes)
            .map(|(p, n)| set(&p.label.runs, label_style.tagged(n.2)))
            .collect();
        let when_h = whens.iter().fold(Pt(0.0), |m, (_, h)| m.max(*h));
        let label_h = labels.iter().fold(Pt(0.0), |m, (_, h)| m.max(*h));
        let mut cards = Vec::new();
        let mut tallest = Pt(0.0);
        for (col, (((phase, when), label), node)) in
            chunk.iter().zip(whens).zip(labels).zip(&nodes).enumerate()
        {
            let number = row * per_row + col + 1;
            let x = theme.left() + (card_w + gap) * col as f32;
            let cx = x + card_w * 0.5;
            let mut content = Vec::new();
            content.push(Item::Circle {
                cx,
                cy: line_y,
                r,
                fill: Some(theme.accent),
                stroke: Some((WHITE, Pt(2.0))),
            });
            let size = theme.size(12.5);
            let digits = number.to_string();
            let w = Pt(ctx.fonts.width(&digits, Style::BOLD, size.0));
            content.push(Item::Text {
                x: cx - w * 0.5,
                y: line_y + size * 0.36,
                size,
                runs: vec![Run {
                    text: digits,
                    style: Style::BOLD,
                }],
                color: WHITE,
                // The number repeats the order the phases are read in.
                role: Role::Artifact,
            });
            let inner_x = x + pad;
            let top = card_top + pad;
            for ((mut drawn, _), dy) in [(when, Pt(0.0)), (label, when_h)] {
                for item in &mut drawn {
                    item.shift(top + dy);
                    if let Item::Text { x: left, .. } = item {
                        *left += inner_x;
                    }
                }
                content.append(&mut drawn);
            }
            let mut cy = top + when_h + label_h + theme.size(4.0);
            let list = (!phase.items.is_empty()).then(|| ctx.tag(StructKind::L, node.0));
            for item in &phase.items {
                let entry = ctx.tag(StructKind::LI, list.unwrap_or(node.0));
                let body = body.tagged(ctx.tag(StructKind::LBody, entry));
                let indent = theme.size(11.0);
                content.push(Item::Circle {
                    cx: inner_x + theme.size(3.0),
                    cy: cy + body.leading * 0.5 + theme.size(0.5),
                    r: theme.size(2.4),
                    fill: Some(theme.accent),
                    stroke: None,
                });
                let (mut drawn, h) = set_block(
                    ctx.fonts,
                    &item.runs,
                    inner_x + indent,
                    inner_w - indent,
                    &body,
                    theme.lang,
                );
                drawn.iter_mut().for_each(|i| i.shift(cy));
                content.append(&mut drawn);
                cy += h + theme.size(2.0);
            }
            tallest = tallest.max(cy + pad - card_top);
            cards.push((x, content));
        }
        // Backgrounds first, then each phase whole: marker, when, label, items.
        for (x, _) in &cards {
            items.push(Item::Rect {
                x: *x,
                y: card_top,
                w: card_w,
                h: tallest,
                radius: theme.size(4.0),
                fill: Some(theme.accent.tint(0.9)),
                stroke: None,
            });
        }
        for (_, mut content) in cards {
            items.append(&mut content);
        }
        y = card_top + tallest;
    }
    let mut unit = Unit::new(y, items);
    unit.space_before = ctx.block_gap() + theme.size(6.0);
    unit
}

const BODY_ORDINARY: f32 = crate::layout::theme::BODY_SIZE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_balanced() {
        let width = Pt(500.0);
        let gap = Pt(10.0);
        let min = Pt(92.0);
        assert_eq!(phases_per_row(3, width, min, gap), 3);
        assert_eq!(phases_per_row(4, width, min, gap), 4);
        assert_eq!(phases_per_row(5, width, min, gap), 5);
        assert_eq!(phases_per_row(6, width, min, gap), 3);
        // Large print: wider cards, fewer per row.
        assert_eq!(phases_per_row(4, width, Pt(132.0), gap), 2);
    }
}
