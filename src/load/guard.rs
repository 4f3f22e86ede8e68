//! Running third-party code on a user's files without letting its panics through.
//!
//! The font parser and PDF subsetter come from other crates; a damaged font can
//! make them panic (an arithmetic overflow on a corrupt glyph, for one). Such a
//! panic becomes an error about the file, and no panic message reaches stderr.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static GUARDED: Cell<u32> = const { Cell::new(0) };
}

/// Runs `f`, returning `None` if it panicked. The panic is not printed.
pub fn without_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Panics outside a guard are defects and are printed as usual.
            if GUARDED.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    GUARDED.with(|g| g.set(g.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_none_and_a_value_passes_through() {
        assert_eq!(without_panic(|| 4), Some(4));
        let boom: Option<()> = without_panic(|| panic!("boom"));
        assert_eq!(boom, None);
    }
}
