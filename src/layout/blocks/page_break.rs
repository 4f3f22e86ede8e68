//! A page break: an empty unit that starts a new page.

use crate::layout::flow::Unit;
use crate::layout::frame::{Item, Pt};

/// An empty unit that starts a new page.
pub fn layout_page_break() -> Vec<Unit> {
    let mut unit = Unit::new(Pt(0.0), Vec::<Item>::new());
    unit.break_before = true;
    vec![unit]
}
