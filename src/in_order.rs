//! Work on many items in parallel, with the results handed on in the items' order as soon as
//! they can be, and only a few of them waiting at any time.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

/// How many results each thread may have done before the ones that come first: enough to
/// keep every thread busy past an item that takes a little longer, few enough that the results
/// waiting stay small.
pub const RESULTS_AHEAD_PER_THREAD: usize = 16;

/// Runs `work` on each of `items` on `threads` threads, and hands each result (or the panic
/// that `work` raised) with its item to `consume`, in the order of `items`, as soon as it and
/// every one before it are done.
///
/// At most `window` results are done and not yet consumed: a thread that would go further
/// waits until `consume` catches up, so a slow item stalls the work instead of letting results
/// pile up. `consume` runs on the calling thread.
pub fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(&T, std::thread::Result<R>),
) {
    let window = window.max(1);
    let progress = Mutex::new(Progress::default());
    let progress_changed = Condvar::new();
    let next_item = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let sender = sender.clone();
            let (progress, progress_changed, next_item, work) =
                (&progress, &progress_changed, &next_item, &work);
            scope.spawn(move || {
                loop {
                    let index = next_item.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    let guard = progress.lock().unwrap_or_else(PoisonError::into_inner);
                    let guard = progress_changed
                        .wait_while(guard, |progress| {
                            !progress.stopped && index >= progress.consumed + window
                        })
                        .unwrap_or_else(PoisonError::into_inner);
                    if guard.stopped {
                        break;
                    }
                    drop(guard);
                    let result = std::panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                    if sender.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        // Lets waiting threads go if `consume` panics, so that the scope can end.
        let _stop = StopOnDrop {
            progress: &progress,
            progress_changed: &progress_changed,
        };
        let mut done: BTreeMap<usize, std::thread::Result<R>> = BTreeMap::new();
        let mut n_consumed = 0;
        for (index, result) in receiver.iter() {
            done.insert(index, result);
            while let Some(result) = done.remove(&n_consumed) {
                if let Some(item) = items.get(n_consumed) {
                    consume(item, result);
                }
                n_consumed += 1;
                progress
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .consumed = n_consumed;
                progress_changed.notify_all();
            }
        }
    });
}

/// How far the consumer got.
#[derive(Default)]
struct Progress {
    /// Results consumed: the items before this index.
    consumed: usize,
    /// The consumer stopped: no more results are wanted.
    stopped: bool,
}

struct StopOnDrop<'a> {
    progress: &'a Mutex<Progress>,
    progress_changed: &'a Condvar,
}

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.progress
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        self.progress_changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[test]
    fn results_come_in_order_and_never_more_than_the_window_ahead() {
        let items: Vec<usize> = (0..500).collect();
        let window = 4;
        let consumed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        for_each_in_order(
            &items,
            3,
            window,
            |&item| {
                // Items are started only within the window of the ones consumed.
                let ahead = item - consumed.load(Ordering::SeqCst);
                // Uneven work, so that threads finish out of order.
                let spins = (item * 7919) % 5000;
                let mut sum = 0usize;
                for spin in 0..spins {
                    sum = sum.wrapping_add(std::hint::black_box(spin));
                }
                (item, ahead, sum)
            },
            |&item, result| {
                let (from_work, ahead, _) = result.unwrap();
                assert_eq!(from_work, item);
                assert!(ahead < window, "item {item} started {ahead} ahead");
                seen.push(item);
                consumed.store(seen.len(), Ordering::SeqCst);
            },
        );
        assert_eq!(seen, items);
    }

    #[test]
    fn a_panic_in_the_work_is_handed_on_with_its_item_and_the_rest_go_on() {
        let items: Vec<usize> = (0..50).collect();
        let mut panicked = Vec::new();
        let mut n_results = 0;
        for_each_in_order(
            &items,
            2,
            2,
            |&item| {
                assert!(item % 10 != 3, "item {item}");
                item
            },
            |&item, result| {
                n_results += 1;
                if result.is_err() {
                    panicked.push(item);
                }
            },
        );
        assert_eq!(n_results, 50);
        assert_eq!(panicked, [3, 13, 23, 33, 43]);
    }
}
