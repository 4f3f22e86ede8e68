//! The layout audit: after layout, every positioned item is checked against
//! the faults a print designer would never let through. Text drawn over text
//! or over a rule, anything off the page or outside its box, and a word cut
//! without a hyphen fail the build, naming the block.

use std::cell::Cell;
use std::ops::Range;

use crate::layout::frame::{Item, Page, Pt};
use crate::text::FontSet;

/// A fault the audit found on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    /// The index of the item at fault in the page's items.
    pub item: usize,
    /// What is wrong, in words, naming the text involved.
    pub what: String,
}

/// The box a line of text inks: from the tops of capitals to a little below
/// the baseline. Ascenders and descenders of neighbouring lines may touch;
/// letters drawn over letters may not.
#[derive(Debug, Clone, Copy)]
struct Ink {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Ink {
    fn overlaps(&self, other: &Ink, slack: f32) -> bool {
        self.left + slack < other.right
            && other.left + slack < self.right
            && self.top + slack < other.bottom
            && other.top + slack < self.bottom
    }

    fn inside(&self, left: f32, top: f32, right: f32, bottom: f32, slack: f32) -> bool {
        self.left >= left - slack
            && self.right <= right + slack
            && self.top >= top - slack
            && self.bottom <= bottom + slack
    }
}

fn text_of(item: &Item) -> String {
    match item {
        Item::Text { runs, .. } => runs.iter().map(|r| r.text.as_str()).collect(),
        _ => String::new(),
    }
}

/// A short quotation of a line for a message.
fn quote(item: &Item) -> String {
    let text = text_of(item);
    let text = text.trim();
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("\"{short}\"")
}

fn ink(item: &Item, fonts: &FontSet) -> Option<Ink> {
    let Item::Text {
        x, y, size, runs, ..
    } = item
    else {
        return None;
    };
    // Trailing and leading spaces ink nothing.
    if runs.iter().all(|r| r.text.trim().is_empty()) {
        return None;
    }
    let width: f32 = runs
        .iter()
        .map(|r| fonts.width(&r.text, r.style, size.0))
        .sum();
    Some(Ink {
        left: x.0,
        right: x.0 + width,
        top: y.0 - size.0 * 0.66,
        bottom: y.0 + size.0 * 0.12,
    })
}

/// Checks one page: text over text or a rule, text off the page or out of the
/// box it starts in. `margin` is the narrowest side margin any text may reach.
pub fn audit_page(page: &Page, fonts: &FontSet, margin: Pt) -> Vec<Fault> {
    let mut faults = Vec::new();
    let inks: Vec<(usize, Ink)> = page
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| ink(item, fonts).map(|b| (i, b)))
        .collect();
    // Text inside a marker circle (a step's or a phase's number) sits on the
    // timeline's line by design.
    let circles: Vec<(f32, f32, f32)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Circle { cx, cy, r, .. } => Some((cx.0, cy.0, r.0)),
            _ => None,
        })
        .collect();
    let in_circle = |b: &Ink| {
        let (mx, my) = ((b.left + b.right) / 2.0, (b.top + b.bottom) / 2.0);
        circles
            .iter()
            .any(|&(cx, cy, r)| (mx - cx).hypot(my - cy) <= r)
    };
    // Boxes: filled rectangles wide and tall enough to hold text.
    let boxes: Vec<(f32, f32, f32, f32)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: Some(_),
                ..
            } if w.0 > 30.0 && h.0 > 14.0 => Some((x.0, y.0, x.0 + w.0, y.0 + h.0)),
            _ => None,
        })
        .collect();
    let slack = 0.5;
    for (n, &(i, a)) in inks.iter().enumerate() {
        let item = &page.items[i];
        if !a.inside(margin.0, 0.0, page.width.0 - margin.0, page.height.0, slack) {
            faults.push(Fault {
                item: i,
                what: format!("the text {} runs outside the page's margins", quote(item)),
            });
        }
        // The innermost box whose area holds the start of the line must hold all of it.
        let start = (a.left + 0.1, (a.top + a.bottom) / 2.0);
        let holder = boxes
            .iter()
            .filter(|b| start.0 >= b.0 && start.0 <= b.2 && start.1 >= b.1 && start.1 <= b.3)
            .min_by(|p, q| {
                let area = |b: &&(f32, f32, f32, f32)| (b.2 - b.0) * (b.3 - b.1);
                area(p).total_cmp(&area(q))
            });
        if let Some(&(left, top, right, bottom)) = holder {
            if !a.inside(left, top, right, bottom, slack) {
                faults.push(Fault {
                    item: i,
                    what: format!("the text {} runs outside its box", quote(item)),
                });
            }
        }
        for &(j, b) in &inks[n + 1..] {
            if a.overlaps(&b, slack) {
                faults.push(Fault {
                    item: j,
                    what: format!(
                        "the text {} is printed over {}",
                        quote(&page.items[j]),
                        quote(item)
                    ),
                });
            }
        }
        if in_circle(&a) {
            continue;
        }
        for rule in &page.items {
            let Item::Line {
                from, to, width, ..
            } = rule
            else {
                continue;
            };
            let (x0, x1) = (from.0 .0.min(to.0 .0), from.0 .0.max(to.0 .0));
            let (y0, y1) = (
                from.1 .0.min(to.1 .0) - width.0 / 2.0,
                from.1 .0.max(to.1 .0) + width.0 / 2.0,
            );
            let line = Ink {
                left: x0,
                right: x1,
                top: y0,
                bottom: y1,
            };
            if a.overlaps(&line, slack) {
                faults.push(Fault {
                    item: i,
                    what: format!("a rule is drawn through the text {}", quote(item)),
                });
                break;
            }
        }
    }
    faults
}

thread_local! {
    static CUTS: Cell<usize> = const { Cell::new(0) };
}

/// Counts a line that ends in a word cut without a hyphen.
pub fn note_cut() {
    CUTS.with(|c| c.set(c.get() + 1));
}

/// How many lines were cut without a hyphen on this thread so far.
pub fn cuts() -> usize {
    CUTS.with(Cell::get)
}

/// Which block each item of a page comes from, when it comes from one.
pub type Origins = Vec<Option<Range<usize>>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Role;
    use crate::model::Rgb;
    use crate::text::{Run, Style};

    fn text(x: f32, y: f32, s: &str) -> Item {
        Item::Text {
            x: Pt(x),
            y: Pt(y),
            size: Pt(12.0),
            runs: vec![Run {
                text: s.to_string(),
                style: Style::REGULAR,
            }],
            color: Rgb(0, 0, 0),
            role: Role::Artifact,
        }
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: Pt(612.0),
            height: Pt(792.0),
            items,
        }
    }

    #[test]
    fn lines_a_leading_apart_pass() {
        let fonts = FontSet::bundled();
        let p = page(vec![
            text(60.0, 100.0, "First line"),
            text(60.0, 115.0, "Second"),
        ]);
        assert_eq!(audit_page(&p, &fonts, Pt(54.0)), Vec::new());
    }

    #[test]
    fn text_over_text_is_a_fault() {
        let fonts = FontSet::bundled();
        let p = page(vec![
            text(60.0, 100.0, "Inside this packet"),
            text(80.0, 104.0, "100 River Road"),
        ]);
        let faults = audit_page(&p, &fonts, Pt(54.0));
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert_eq!(
            faults[0].what,
            "the text \"100 River Road\" is printed over \"Inside this packet\""
        );
    }

    #[test]
    fn a_rule_through_text_is_a_fault() {
        let fonts = FontSet::bundled();
        let rule = Item::Line {
            from: (Pt(54.0), Pt(97.0)),
            to: (Pt(500.0), Pt(97.0)),
            color: Rgb(0, 0, 0),
            width: Pt(1.0),
        };
        let p = page(vec![text(60.0, 100.0, "Subtitle"), rule]);
        let faults = audit_page(&p, &fonts, Pt(54.0));
        assert_eq!(faults.len(), 1, "{faults:?}");
        assert!(faults[0].what.starts_with("a rule is drawn through"));
    }

    #[test]
    fn text_past_the_margin_or_its_box_is_a_fault() {
        let fonts = FontSet::bundled();
        let boxed = Item::Rect {
            x: Pt(54.0),
            y: Pt(80.0),
            w: Pt(60.0),
            h: Pt(40.0),
            radius: Pt(0.0),
            fill: Some(Rgb(0xEE, 0xEE, 0xEE)),
            stroke: None,
        };
        let p = page(vec![
            boxed,
            text(60.0, 100.0, "a line far too long for its box"),
            text(560.0, 300.0, "off the edge"),
        ]);
        let faults: Vec<String> = audit_page(&p, &fonts, Pt(54.0))
            .into_iter()
            .map(|f| f.what)
            .collect();
        assert_eq!(
            faults,
            vec![
                "the text \"a line far too long for its box\" runs outside its box".to_string(),
                "the text \"off the edge\" runs outside the page's margins".to_string(),
            ]
        );
    }
}
