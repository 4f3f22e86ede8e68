//! Timelines: numbered markers along a line, a tinted card for each phase.

use crate::layout::context::Ctx;
use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::paragraph::{set_block, TextStyle};
use crate::layout::tags::StructKind;
use crate::layout::theme::{INK, WHITE};
use crate::model::{Phase, Run, Style, Timeline};

/// The narrowest a phase's card may be, in ordinary-print points.
const MIN_CARD: f32 = 92.0;

/// How many phases share a row: as many as fit, rows balanced.
pub fn phases_per_row(count: usize, width: Pt, min_card: Pt, gap: Pt) -> usize {
    let fit = (((width + gap).0 / (min_card + gap).0).floor() as usize).max(1);
    let rows = count.div_ceil(fit).max(1);
    count.div_ceil(rows).max(1)
}

/// A timeline as one unit per row of cards: a page may break between rows.
pub fn layout_timeline_block(ctx: &Ctx, timeline: &Timeline) -> Vec<Unit> {
    let mut units = Vec::new();
    let group = ctx.tag_block(StructKind::Div);
    if let Some(title) = &timeline.title {
        units.push(ctx.title_unit(title, group));
    }
    let mut phases = layout_timeline(ctx, &timeline.phases, group);
    for unit in &mut phases {
        unit.boxed = true;
    }
    units.append(&mut phases);
    units
}

/// The phases as cards along a line, in rows of as many as fit.
fn layout_timeline(ctx: &Ctx, phases: &[Phase], group: usize) -> Vec<Unit> {
    let theme = ctx.theme;
    let compact = theme.compact();
    let gap = theme.size(10.0);
    let per_row = phases_per_row(phases.len(), theme.width(), theme.size(MIN_CARD), gap);
    let card_w = Pt((theme.width().0 - gap.0 * (per_row as f32 - 1.0)) / per_row as f32);
    let r = theme.size(if compact { 10.0 } else { 12.0 });
    let pad = theme.size(if compact { 7.0 } else { 9.0 });
    let label_style = ctx.style(BODY_ORDINARY, true, INK);
    let mut body = ctx.body();
    // Short items in narrow columns: no hyphens, and the leading of the body
    // text or tighter.
    body.hyphenate = false;
    body.leading = body.size * (theme.leading.0 / theme.body.0).min(1.3);
    let inner_w = card_w - pad * 2.0;
    let set = |runs: &[Run], style: TextStyle| {
        set_block(ctx.fonts, runs, Pt(0.0), inner_w, &style, theme.lang)
    };
    let glued: Vec<Option<Vec<Run>>> = phases
        .iter()
        .map(|p| p.when.as_ref().map(|w| glue_numbers(&w.runs)))
        .collect();
    let mut units = Vec::new();
    for (row, chunk) in phases.chunks(per_row).enumerate() {
        let mut items = Vec::new();
        let first = row * per_row;
        let whens_runs = &glued[first..first + chunk.len()];
        // The `when`s of a row share one size: the largest, down to the body
        // size, at which each fits one line.
        let largest = if compact { 13.0 } else { 14.5 };
        let mut when_style = ctx.style(largest, true, theme.accent);
        let mut size = largest;
        while size > BODY_ORDINARY {
            let style = ctx.style(size, true, theme.accent);
            let one_line = whens_runs.iter().flatten().all(|runs| {
                crate::layout::paragraph::set_lines(
                    ctx.fonts,
                    runs,
                    Pt(0.0),
                    inner_w,
                    &style,
                    theme.lang,
                )
                .len()
                    <= 1
            });
            when_style = style;
            if one_line {
                break;
            }
            size = (size - 0.5).max(BODY_ORDINARY);
            when_style = ctx.style(size, true, theme.accent);
        }
        let line_y = r + Pt(2.0);
        let last_row = first + per_row >= phases.len();
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
        let card_top = line_y + r + theme.size(if compact { 5.0 } else { 8.0 });
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
        let whens: Vec<(Vec<Item>, Pt)> = whens_runs
            .iter()
            .zip(&nodes)
            .map(|(w, n)| {
                w.as_ref().map_or((Vec::new(), Pt(0.0)), |runs| {
                    set(runs, when_style.tagged(n.1))
                })
            })
            .collect();
        let labels: Vec<(Vec<Item>, Pt)> = chunk
            .iter()
            .zip(&nodes)
            .map(|(p, n)| set(&p.label.runs, label_style.tagged(n.2)))
            .collect();
        // The header of each card (`when` over label) sits on a common line:
        // a header shorter than the row's tallest is pushed down whole, so no
        // card opens a hole between its `when` and its label.
        let header_h = whens
            .iter()
            .zip(&labels)
            .fold(Pt(0.0), |m, ((_, w), (_, l))| m.max(*w + *l));
        let mut cards = Vec::new();
        let mut tallest = Pt(0.0);
        for (col, (((phase, when), label), node)) in
            chunk.iter().zip(whens).zip(labels).zip(&nodes).enumerate()
        {
            let number = first + col + 1;
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
            let size = theme.text_size(if compact { 11.5 } else { 12.5 });
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
            let top = card_top + pad + (header_h - when.1 - label.1);
            let when_h = when.1;
            for ((mut drawn, _), dy) in [(when, Pt(0.0)), (label, when_h)] {
                for item in &mut drawn {
                    item.shift(top + dy);
                    if let Item::Text { x: left, .. } = item {
                        *left += inner_x;
                    }
                }
                content.append(&mut drawn);
            }
            let mut cy = card_top + pad + header_h + theme.space(4.0);
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
                    &glue_numbers(&item.runs),
                    inner_x + indent,
                    inner_w - indent,
                    &body,
                    theme.lang,
                );
                drawn.iter_mut().for_each(|i| i.shift(cy));
                content.append(&mut drawn);
                cy += h + theme.space(2.0);
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
        let mut unit = Unit::new(card_top + tallest, items);
        unit.space_before = if row == 0 {
            ctx.block_gap() + theme.space(6.0)
        } else {
            theme.space(14.0)
        };
        units.push(unit);
    }
    units
}

/// Glues numbers to what belongs with them, with no-break spaces: "12 to 48
/// hours", "De 12 a 48 horas", "2 weeks". A line may break before the first
/// number of a range, never inside it.
pub fn glue_numbers(runs: &[Run]) -> Vec<Run> {
    const JOINERS: [&str; 6] = ["to", "a", "-", "–", "or", "o"];
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    // Decide on the whole text, then cut it back into the runs' styles.
    let words: Vec<(usize, usize)> = {
        let mut v = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (start, c == ' ') {
                (Some(s), true) => {
                    v.push((s, i));
                    start = None;
                }
                (None, false) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            v.push((s, text.len()));
        }
        v
    };
    let is_number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let mut glue = vec![false; text.len()];
    for pair in words.windows(2) {
        let (a, b) = (&text[pair[0].0..pair[0].1], &text[pair[1].0..pair[1].1]);
        let space = pair[0].1;
        // Only a single plain space is replaced.
        if pair[1].0 != space + 1 {
            continue;
        }
        let joiner = |w: &str| JOINERS.contains(&w.to_lowercase().as_str());
        let unit_word = b.chars().next().is_some_and(char::is_alphabetic) && b.len() <= 12;
        if (is_number(a) && (joiner(b) || unit_word)) || (joiner(a) && is_number(b)) {
            glue[space] = true;
        }
    }
    let mut at = 0;
    for run in runs {
        let mut piece = String::with_capacity(run.text.len());
        for (i, c) in run.text.char_indices() {
            if c == ' ' && glue.get(at + i).copied().unwrap_or(false) {
                piece.push('\u{a0}');
            } else {
                piece.push(c);
            }
        }
        at += run.text.len();
        out.push(Run {
            text: piece,
            style: run.style,
        });
    }
    out
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

    fn glued(s: &str) -> String {
        let runs = vec![Run {
            text: s.to_string(),
            style: Style::REGULAR,
        }];
        glue_numbers(&runs).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn numbers_are_glued_to_ranges_and_units() {
        assert_eq!(glued("12 to 48 hours"), "12\u{a0}to\u{a0}48\u{a0}hours");
        assert_eq!(glued("De 12 a 48 horas"), "De 12\u{a0}a\u{a0}48\u{a0}horas");
        assert_eq!(glued("Days 2 to 4"), "Days 2\u{a0}to\u{a0}4");
        assert_eq!(glued("Call 988 today"), "Call 988\u{a0}today");
        assert_eq!(glued("Weeks or months"), "Weeks or months");
    }
}
