//! Pagination: stacking units onto pages, keeping what belongs together.

use std::ops::Range;
use std::sync::Arc;

use crate::layout::frame::{Item, Pt};

/// What a run of units draws again at the top of every page it continues
/// onto: a table's header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// The items, with y measured from the repeat's top; decoration only
    /// (artifacts), since the first copy is the one read.
    pub items: Vec<Item>,
    /// Its height, with the space below it.
    pub height: Pt,
}

/// A piece of the flow that is never split: a line, a list item, a box.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Height of the unit.
    pub height: Pt,
    /// Space above it, dropped at the top of a page.
    pub space_before: Pt,
    /// Never break a page between this unit and the next.
    pub keep_with_next: bool,
    /// Start a new page before this unit.
    pub break_before: bool,
    /// The items, with y measured from the unit's top.
    pub items: Vec<Item>,
    /// A bookmark that points here: level and title.
    pub anchor: Option<(u8, String)>,
    /// The span of the block the unit comes from, for messages.
    pub origin: Option<Range<usize>>,
    /// Part of a box: the paragraph that introduces it ("If you see these
    /// signs:") is kept on its page.
    pub boxed: bool,
    /// Emergency information: what comes before it is kept on its page, so it
    /// never opens a page alone.
    pub urgent: bool,
    /// Drawn above this unit when it opens a page: the header of the table
    /// the unit is a row of (`None` for the first row, below the header itself).
    pub repeat: Option<Arc<Repeat>>,
}

impl Unit {
    /// A unit of a height with its items.
    pub fn new(height: Pt, items: Vec<Item>) -> Unit {
        Unit {
            height,
            space_before: Pt(0.0),
            keep_with_next: false,
            break_before: false,
            items,
            anchor: None,
            origin: None,
            boxed: false,
            urgent: false,
            repeat: None,
        }
    }
}

/// The vertical room for the flow on each page.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// The top of the flow on the first page.
    pub first_top: Pt,
    /// The top of the flow on later pages.
    pub top: Pt,
    /// The lowest the flow may reach on any page.
    pub bottom: Pt,
}

/// Where a unit landed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// 0-based page.
    pub page: usize,
    /// The unit's top on that page.
    pub y: Pt,
    /// Where the unit's [`Unit::repeat`] is drawn above it, when the unit
    /// opens a page and has one.
    pub repeat: Option<Pt>,
}

/// Places units on pages, greedily, moving a kept-together run of units to the
/// next page when its last member does not fit. A unit taller than a page
/// starts a page of its own and runs past its foot; the caller reports it.
/// A unit with a [`Unit::repeat`] that opens a page gets it drawn above it:
/// a table continued on a new page starts with its header again.
pub fn paginate(units: &[Unit], frame: Frame) -> Vec<Placement> {
    let mut placed: Vec<Placement> = Vec::with_capacity(units.len());
    let mut page = 0;
    let mut cursor = frame.first_top;
    // The index of the first unit on the current page.
    let mut page_start = 0;
    let mut i = 0;
    while i < units.len() {
        let unit = &units[i];
        let empty = page_start == i;
        if unit.break_before && !empty {
            page += 1;
            cursor = frame.top;
            page_start = i;
            continue;
        }
        let space = if empty { Pt(0.0) } else { unit.space_before };
        if empty || cursor + space + unit.height <= frame.bottom + Pt(0.01) {
            let repeat = unit
                .repeat
                .as_ref()
                .filter(|_| empty)
                .map(|r| (cursor, r.height));
            let lead = repeat.map_or(Pt(0.0), |(_, height)| height);
            placed.push(Placement {
                page,
                y: cursor + space + lead,
                repeat: repeat.map(|(y, _)| y),
            });
            cursor += space + lead + unit.height;
            i += 1;
            continue;
        }
        // Walk back over units that must stay with this one.
        let mut start = i;
        while start > page_start && units[start - 1].keep_with_next {
            start -= 1;
        }
        if start > page_start {
            placed.truncate(start);
            i = start;
        }
        page += 1;
        cursor = frame.top;
        page_start = i;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(height: f32, keep: bool) -> Unit {
        let mut u = Unit::new(Pt(height), Vec::new());
        u.keep_with_next = keep;
        u
    }

    const FRAME: Frame = Frame {
        first_top: Pt(0.0),
        top: Pt(0.0),
        bottom: Pt(100.0),
    };

    #[test]
    fn units_fill_pages_in_order() {
        let units: Vec<Unit> = (0..5).map(|_| unit(30.0, false)).collect();
        let pages: Vec<usize> = paginate(&units, FRAME).iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![0, 0, 0, 1, 1]);
    }

    #[test]
    fn a_heading_is_never_left_at_the_foot_of_a_page() {
        let units = vec![
            unit(30.0, false),
            unit(30.0, false),
            unit(20.0, true),
            unit(30.0, false),
        ];
        let pages: Vec<usize> = paginate(&units, FRAME).iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![0, 0, 1, 1]);
    }

    #[test]
    fn a_chain_longer_than_a_page_still_breaks() {
        let units: Vec<Unit> = (0..6).map(|_| unit(30.0, true)).collect();
        let placed = paginate(&units, FRAME);
        assert_eq!(placed.len(), 6);
        assert_eq!(placed.last().map(|p| p.page), Some(1));
    }

    #[test]
    fn space_before_is_dropped_at_the_top_of_a_page() {
        let mut second = unit(80.0, false);
        second.space_before = Pt(10.0);
        let placed = paginate(&[unit(50.0, false), second], FRAME);
        assert_eq!(
            placed[1],
            Placement {
                page: 1,
                y: Pt(0.0),
                repeat: None,
            }
        );
    }

    /// A table of a title, a header and rows, as the table layout makes it.
    fn table(rows: usize, row: f32) -> Vec<Unit> {
        let repeat = Arc::new(Repeat {
            items: Vec::new(),
            height: Pt(10.0),
        });
        let mut units = vec![unit(10.0, true), unit(10.0, true)];
        for i in 0..rows {
            let mut u = unit(row, false);
            u.repeat = (i > 0).then(|| Arc::clone(&repeat));
            units.push(u);
        }
        units
    }

    #[test]
    fn a_table_continued_on_a_new_page_repeats_its_header_there() {
        // 20 + 4 rows of 20 = 100: the fifth row opens page 2, under a repeated header.
        let placed = paginate(&table(6, 20.0), FRAME);
        let pages: Vec<usize> = placed.iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![0, 0, 0, 0, 0, 0, 1, 1]);
        assert_eq!(placed[6].repeat, Some(Pt(0.0)));
        assert_eq!(placed[6].y, Pt(10.0));
        assert_eq!(placed[7].repeat, None);
        assert_eq!(placed[7].y, Pt(30.0));
        // Rows that stay on the first page draw no copy of the header.
        assert!(placed[..6].iter().all(|p| p.repeat.is_none()));
    }

    #[test]
    fn a_row_is_never_split_and_a_page_holds_the_header_and_whole_rows() {
        let placed = paginate(&table(9, 30.0), FRAME);
        for p in &placed {
            assert!(p.y + Pt(30.0) <= FRAME.bottom + Pt(0.01), "{p:?}");
        }
        // Page 1: title, header, two rows (80); page 2 and 3: header and three rows.
        let pages: Vec<usize> = placed.iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
        let repeats: Vec<usize> = placed
            .iter()
            .enumerate()
            .filter(|(_, p)| p.repeat.is_some())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(repeats, vec![4, 7, 10]);
    }

    #[test]
    fn the_title_and_header_stay_with_the_first_row() {
        // 70 of the page is taken: the title, header and first row (50) move together.
        let mut units = vec![unit(70.0, false)];
        units.extend(table(2, 30.0));
        let placed = paginate(&units, FRAME);
        let pages: Vec<usize> = placed.iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![0, 1, 1, 1, 1]);
        // The first row is under the real header, not a copy of it.
        assert!(placed.iter().all(|p| p.repeat.is_none()));
    }
}
