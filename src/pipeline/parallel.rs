//! Sharing one input's work with an idle core: a packet's handouts are read
//! while its brand loads, then laid out side by side. The results, their
//! order and every byte of the PDF are the same with or without a helper.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `first` here and `second` on a helper thread when `helpers` allows
/// one, else one after the other; returns both results.
pub fn both<A, B>(
    helpers: usize,
    first: impl FnOnce() -> A,
    second: impl FnOnce() -> B + Send,
) -> (A, B)
where
    B: Send,
{
    if helpers == 0 {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let helper = scope.spawn(second);
        let a = first();
        match helper.join() {
            Ok(b) => (a, b),
            // The helper's panic goes on here, as it would have without a helper.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// `work` applied to every item, on this thread and up to `helpers` more,
/// each taking the next item not yet taken; the results in the items' order.
pub fn map_ordered<T, R>(items: &[T], helpers: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let helpers = helpers.min(items.len().saturating_sub(1));
    if helpers == 0 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let run = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(index) else {
            break;
        };
        let result = work(item);
        // The lock is held only to store a result, so it is never poisoned;
        // if it were, the result is still kept: none may go missing.
        let mut slots = results
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(slot) = slots.get_mut(index) {
            *slot = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let started: Vec<_> = (0..helpers).map(|_| scope.spawn(run)).collect();
        run();
        for helper in started {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_with_and_without_helpers() {
        let items: Vec<u64> = (0..50).collect();
        let slow_square = |n: &u64| {
            // Uneven work, so the threads finish items out of order.
            std::thread::sleep(std::time::Duration::from_micros((50 - n) * 20));
            n * n
        };
        let expected: Vec<u64> = items.iter().map(|n| n * n).collect();
        assert_eq!(map_ordered(&items, 0, slow_square), expected);
        assert_eq!(map_ordered(&items, 1, slow_square), expected);
        assert_eq!(map_ordered(&items, 3, slow_square), expected);
    }

    #[test]
    fn both_returns_each_result_in_its_place() {
        for helpers in [0, 1] {
            let (a, b) = both(helpers, || "here".len(), || vec![1, 2, 3]);
            assert_eq!((a, b), (4, vec![1, 2, 3]));
        }
    }

    #[test]
    fn a_helper_that_panics_panics_the_caller() {
        let outcome = std::panic::catch_unwind(|| both(1, || 1, || -> u8 { panic!("helper") }));
        assert!(outcome.is_err());
    }
}
