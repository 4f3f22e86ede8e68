//! Tables: a bold header row on a light accent band, thin rules between rows
//! and columns, and a header drawn again on every page the table runs onto.

use std::sync::Arc;

use crate::layout::blocks::timeline::glue_numbers;
use crate::layout::context::Ctx;
use crate::layout::flow::{Repeat, Unit};
use crate::layout::frame::{Item, Pt, Role};
use crate::layout::paragraph::{emphasize, set_lines, TextStyle};
use crate::layout::tags::StructKind;
use crate::layout::theme::RULE;
use crate::model::{RichText, Run, Style, TableBlock};
use crate::text::FontSet;

/// The least height of a row, in ordinary-print points: 9 mm, a line of
/// handwriting, so an empty cell can be filled in with a pen. Large print
/// scales it (13 mm), for the larger hand of a reader who needs large print.
pub const MIN_ROW: f32 = 25.5;

/// The space between a cell's text and its rules, across, in ordinary-print points.
const PAD_X: f32 = 6.0;
/// The space above and below a cell's text, in ordinary-print points.
const PAD_Y: f32 = 5.0;

/// A table: its title, its header and one unit a row. A row is never split;
/// a page may break between rows, and the next page opens with the header again.
pub fn layout_table(ctx: &Ctx, table: &TableBlock) -> Vec<Unit> {
    let theme = ctx.theme;
    let mut units = Vec::new();
    if let Some(title) = &table.title {
        units.push(ctx.title_unit(title, ctx.parent));
    }
    let body = ctx.body();
    let mut head = body;
    head.base = Style::BOLD;
    // Column names are labels: never hyphenated.
    head.hyphenate = false;
    let pad_x = theme.size(PAD_X);
    let rows: Vec<Vec<Vec<Run>>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| glue_numbers(&cell.runs)).collect())
        .collect();
    let columns = table.header.len();
    let mut natural = vec![0.0f32; columns];
    let mut longest = vec![0.0f32; columns];
    let header_runs: Vec<&[Run]> = table.header.iter().map(|h| h.runs.as_slice()).collect();
    let cells = std::iter::once((header_runs, &head)).chain(
        rows.iter()
            .map(|row| (row.iter().map(Vec::as_slice).collect(), &body)),
    );
    for (row, style) in cells {
        for (column, runs) in row.into_iter().enumerate().take(columns) {
            let (n, l) = measure(ctx.fonts, runs, style);
            natural[column] = natural[column].max(n);
            longest[column] = longest[column].max(l);
        }
    }
    // A point to spare, so a text measured to fit its column is not broken
    // by a rounding in the line breaker.
    let pad = pad_x.0 * 2.0 + 1.0;
    let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
    let longest: Vec<f32> = longest.iter().map(|w| w + pad).collect();
    let widths = column_widths(&natural, &longest, theme.width().0, table.widths.as_deref());
    let mut lefts = Vec::with_capacity(columns);
    let mut x = theme.left().0;
    for w in &widths {
        lefts.push(x);
        x += w;
    }
    let grid = Grid {
        lefts,
        widths,
        pad_x,
        pad_y: theme.size(PAD_Y),
    };

    let node = ctx.tag_block(StructKind::Table);
    let header_row = ctx.tag(StructKind::TR, node);
    let header: Vec<(&RichText, TextStyle)> = table
        .header
        .iter()
        .map(|h| (h, head.tagged(ctx.tags.add_column_header(header_row))))
        .collect();
    let header_cells: Vec<(&[Run], TextStyle)> = header
        .iter()
        .map(|(h, s)| (h.runs.as_slice(), *s))
        .collect();
    let (mut items, height) = grid.row(ctx, &header_cells, Pt(0.0));
    let band = Item::Rect {
        x: theme.left(),
        y: Pt(0.0),
        w: theme.width(),
        h: height,
        radius: Pt(0.0),
        fill: Some(theme.accent.tint(0.9)),
        stroke: None,
    };
    items.insert(0, band);
    items.push(Item::Line {
        from: (theme.left(), height),
        to: (theme.left() + theme.width(), height),
        color: theme.accent,
        width: Pt(1.0),
    });
    // The copy drawn on later pages is decoration: the header is read once.
    let repeat = Arc::new(Repeat {
        items: items
            .iter()
            .cloned()
            .map(|mut item| {
                if let Item::Text { role, .. } = &mut item {
                    *role = Role::Artifact;
                }
                item
            })
            .collect(),
        height,
    });
    let mut unit = Unit::new(height, items);
    unit.space_before = if table.title.is_some() {
        theme.space(6.0)
    } else {
        ctx.block_gap()
    };
    unit.keep_with_next = true;
    units.push(unit);

    let min_row = theme.size(MIN_ROW);
    for (index, row) in rows.iter().enumerate() {
        let tr = ctx.tag(StructKind::TR, node);
        let cells: Vec<(&[Run], TextStyle)> = row
            .iter()
            .map(|runs| (runs.as_slice(), body.tagged(ctx.tag(StructKind::TD, tr))))
            .collect();
        let (mut items, height) = grid.row(ctx, &cells, min_row);
        items.push(Item::Line {
            from: (theme.left(), height),
            to: (theme.left() + theme.width(), height),
            color: RULE,
            width: Pt(0.75),
        });
        let mut unit = Unit::new(height, items);
        unit.repeat = (index > 0).then(|| Arc::clone(&repeat));
        units.push(unit);
    }
    for unit in &mut units {
        // A paragraph that introduces the table ("Fill this in together:") stays with it.
        unit.boxed = true;
    }
    units
}

/// Where the columns are.
struct Grid {
    lefts: Vec<f32>,
    widths: Vec<f32>,
    pad_x: Pt,
    pad_y: Pt,
}

impl Grid {
    /// One row's items, y from the row's top, and its height: each cell's
    /// lines from the top, thin rules between the columns.
    fn row(&self, ctx: &Ctx, cells: &[(&[Run], TextStyle)], min: Pt) -> (Vec<Item>, Pt) {
        let mut items = Vec::new();
        let mut tallest = Pt(0.0);
        for ((runs, style), (left, width)) in cells.iter().zip(self.lefts.iter().zip(&self.widths))
        {
            if runs.iter().all(|r| r.text.trim().is_empty()) {
                continue;
            }
            let lines = set_lines(
                ctx.fonts,
                runs,
                Pt(*left) + self.pad_x,
                Pt(*width) - self.pad_x * 2.0,
                style,
                ctx.theme.lang,
            );
            let mut y = self.pad_y;
            for mut line in lines {
                line.item.shift(y);
                items.push(line.item);
                y += style.leading;
            }
            tallest = tallest.max(y + self.pad_y);
        }
        let height = tallest.max(min);
        for left in self.lefts.iter().skip(1) {
            items.push(Item::Line {
                from: (Pt(*left), Pt(0.0)),
                to: (Pt(*left), height),
                color: RULE,
                width: Pt(0.5),
            });
        }
        (items, height)
    }
}

/// The width of a cell's text set on one line, and of its longest word.
fn measure(fonts: &FontSet, runs: &[Run], style: &TextStyle) -> (f32, f32) {
    let runs = emphasize(runs, style.base, style.roman_italics);
    let size = style.size.0;
    let line = runs
        .iter()
        .map(|r| fonts.width(&r.text, r.style, size))
        .sum();
    let word = runs
        .iter()
        .flat_map(|r| {
            r.text
                .split(|c: char| c.is_whitespace() && c != '\u{a0}')
                .map(move |w| fonts.width(w, r.style, size))
        })
        .fold(0.0f32, f32::max);
    (line, word)
}

/// The widths of the columns across `total`: from `given` relative widths,
/// or from the content. From the content, when every column's text fits on
/// one line the room left is shared in proportion to their natural widths.
/// Otherwise the columns are filled up to a common level: a column whose text
/// is shorter than the level keeps it on one line, the longer ones get the
/// level and wrap; each column gets at least its longest word where the
/// columns' longest words fit together.
pub fn column_widths(
    natural: &[f32],
    longest: &[f32],
    total: f32,
    given: Option<&[f32]>,
) -> Vec<f32> {
    let share = |weights: &[f32]| -> Vec<f32> {
        let sum: f32 = weights.iter().sum();
        if sum <= 0.0 {
            return vec![total / weights.len().max(1) as f32; weights.len()];
        }
        weights.iter().map(|w| total * w / sum).collect()
    };
    if let Some(given) = given.filter(|g| g.len() == natural.len()) {
        return at_least_longest(share(given), longest, total);
    }
    let natural: Vec<f32> = natural
        .iter()
        .zip(longest)
        .map(|(n, l)| n.max(*l))
        .collect();
    if natural.iter().sum::<f32>() <= total {
        return share(&natural);
    }
    if longest.iter().sum::<f32>() >= total {
        return share(longest);
    }
    let fill = |level: f32| -> Vec<f32> {
        natural
            .iter()
            .zip(longest)
            .map(|(n, l)| level.clamp(*l, *n))
            .collect()
    };
    let (mut low, mut high) = (0.0f32, total);
    for _ in 0..40 {
        let middle = (low + high) / 2.0;
        if fill(middle).iter().sum::<f32>() > total {
            high = middle;
        } else {
            low = middle;
        }
    }
    // What the bisection leaves over goes to the columns that wrap.
    let mut widths = fill(low);
    let left = total - widths.iter().sum::<f32>();
    let wrapping: Vec<usize> = (0..widths.len())
        .filter(|&i| widths[i] < natural[i])
        .collect();
    for &i in &wrapping {
        widths[i] += left / wrapping.len() as f32;
    }
    widths
}

/// Widths raised so each column holds its longest word, the room taken from
/// the columns wider than theirs in proportion to what they have to spare;
/// as they are when the longest words do not fit together.
fn at_least_longest(mut widths: Vec<f32>, longest: &[f32], total: f32) -> Vec<f32> {
    if longest.iter().sum::<f32>() > total {
        return widths;
    }
    // Each round fixes at least one more column at its longest word.
    for _ in 0..widths.len() {
        let short: f32 = widths
            .iter()
            .zip(longest)
            .map(|(w, l)| (l - w).max(0.0))
            .sum();
        if short <= 0.01 {
            break;
        }
        let spare: f32 = widths
            .iter()
            .zip(longest)
            .map(|(w, l)| (w - l).max(0.0))
            .sum();
        let take = (short / spare.max(f32::MIN_POSITIVE)).min(1.0);
        for (w, l) in widths.iter_mut().zip(longest) {
            if *w < *l {
                *w = *l;
            } else {
                *w -= (*w - l) * take;
            }
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::column_widths;

    fn close(a: &[f32], b: &[f32]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
    }

    #[test]
    fn given_widths_are_relative() {
        let w = column_widths(&[10.0; 3], &[5.0; 3], 500.0, Some(&[1.0, 1.0, 3.0]));
        assert!(close(&w, &[100.0, 100.0, 300.0]), "{w:?}");
    }

    #[test]
    fn given_widths_still_hold_the_longest_word() {
        // "Semana" needs 60 of 500, and a tenth would give it 50.
        let w = column_widths(
            &[60.0; 4],
            &[60.0, 40.0, 40.0, 40.0],
            500.0,
            Some(&[1.0, 2.0, 4.0, 3.0]),
        );
        assert!((w.iter().sum::<f32>() - 500.0).abs() < 0.01, "{w:?}");
        assert!((w[0] - 60.0).abs() < 0.01, "{w:?}");
        assert!(w[1] < w[3] && w[3] < w[2], "{w:?}");
    }

    #[test]
    fn short_columns_share_the_room_by_their_natural_width() {
        let w = column_widths(&[50.0, 150.0], &[50.0, 60.0], 400.0, None);
        assert!(close(&w, &[100.0, 300.0]), "{w:?}");
    }

    #[test]
    fn short_texts_stay_on_one_line_and_long_ones_share_the_rest() {
        // "Week", "Starting date", a long plan and "How I felt": the short
        // columns keep their text on one line, the long one wraps.
        let w = column_widths(
            &[40.0, 95.0, 600.0, 70.0],
            &[40.0, 60.0, 80.0, 40.0],
            500.0,
            None,
        );
        assert!(close(&w, &[40.0, 95.0, 295.0, 70.0]), "{w:?}");
        // Two long columns share the room left equally, above their longest words.
        let w = column_widths(&[40.0, 600.0, 300.0], &[40.0, 80.0, 80.0], 500.0, None);
        assert!(close(&w, &[40.0, 230.0, 230.0]), "{w:?}");
    }

    #[test]
    fn words_too_long_for_the_page_share_it_by_their_length() {
        let w = column_widths(&[400.0, 400.0], &[300.0, 100.0], 200.0, None);
        assert!(close(&w, &[150.0, 50.0]), "{w:?}");
    }
}
