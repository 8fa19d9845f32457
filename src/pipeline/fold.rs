//! Reading many files on every core while folding each file's result into a running total as
//! soon as every earlier file's is in. Results are folded in input order, so the total does not
//! depend on scheduling, and a worker claims a file only while fewer than `in_flight` claimed
//! files wait to be folded: memory follows the work in flight, not the number of files.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

struct Queue<T> {
    /// The next item to claim.
    next: usize,
    /// Items folded so far (always a prefix).
    folded: usize,
    /// Results waiting for an earlier one.
    ready: BTreeMap<usize, T>,
    /// A worker is folding the ready prefix.
    folding: bool,
    /// A worker panicked: the others stop claiming.
    abandoned: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Produces a result for each of `items` on `workers` threads, each with its own `scratch` (a
/// per-thread running total the producer may add to), and hands each result to `fold` in order.
/// At most `in_flight` items are claimed but not yet folded at any time. Returns the workers'
/// scratches.
pub(crate) fn in_order<I, S, T>(
    items: &[I],
    workers: usize,
    in_flight: usize,
    scratch: impl Fn() -> S + Sync,
    produce: impl Fn(usize, &I, &mut S) -> T + Sync,
    fold: impl FnMut(usize, T) + Send,
) -> Vec<S>
where
    I: Sync,
    S: Send,
    T: Send,
{
    let count = items.len();
    let in_flight = in_flight.max(1);
    let queue = Mutex::new(Queue {
        next: 0,
        folded: 0,
        ready: BTreeMap::new(),
        folding: false,
        abandoned: false,
    });
    let room = Condvar::new();
    // Only the worker that set `folding` takes this lock.
    let fold = Mutex::new(fold);
    let work = || {
        let mut own = scratch();
        loop {
            let claimed = {
                let mut q = lock(&queue);
                loop {
                    if q.abandoned || q.next >= count {
                        break None;
                    }
                    if q.next < q.folded + in_flight {
                        q.next += 1;
                        break Some(q.next - 1);
                    }
                    q = room.wait(q).unwrap_or_else(PoisonError::into_inner);
                }
            };
            let Some((i, item)) = claimed.and_then(|i| Some((i, items.get(i)?))) else {
                break;
            };
            let result = match catch_unwind(AssertUnwindSafe(|| produce(i, item, &mut own))) {
                Ok(r) => r,
                Err(panic) => {
                    lock(&queue).abandoned = true;
                    room.notify_all();
                    resume_unwind(panic);
                }
            };
            let mut q = lock(&queue);
            q.ready.insert(i, result);
            if q.folding {
                continue;
            }
            q.folding = true;
            loop {
                let first = q.folded;
                let mut batch = Vec::new();
                while let Some(r) = q.ready.remove(&(first + batch.len())) {
                    batch.push(r);
                }
                if batch.is_empty() {
                    q.folding = false;
                    break;
                }
                drop(q);
                let n = batch.len();
                {
                    let mut fold = lock(&fold);
                    for (k, r) in batch.into_iter().enumerate() {
                        (*fold)(first + k, r);
                    }
                }
                q = lock(&queue);
                q.folded += n;
                room.notify_all();
            }
        }
        own
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers.max(1)).map(|_| s.spawn(work)).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A per-file result that counts how many of its kind are alive.
    struct Counted {
        index: usize,
        live: Arc<AtomicUsize>,
    }

    impl Counted {
        fn new(index: usize, live: &Arc<AtomicUsize>, peak: &AtomicUsize) -> Self {
            let now = live.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            Counted {
                index,
                live: Arc::clone(live),
            }
        }
    }

    impl Drop for Counted {
        fn drop(&mut self) {
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Uneven work: every seventh item is slow, and item 0 slowest, so later items finish first.
    fn work_for(i: usize) -> u64 {
        let rounds = match i {
            0 => 400_000,
            i if i % 7 == 0 => 60_000,
            _ => 2_000,
        };
        (0..rounds).fold(i as u64, |a, x| {
            std::hint::black_box(a.wrapping_mul(31).wrapping_add(x))
        })
    }

    #[test]
    fn results_are_folded_in_input_order_with_few_alive_at_once() {
        for (workers, in_flight) in [(1, 1), (2, 4), (4, 3), (8, 16)] {
            let live = Arc::new(AtomicUsize::new(0));
            let peak = AtomicUsize::new(0);
            let mut order = Vec::new();
            let items: Vec<usize> = (0..500).collect();
            let scratches = in_order(
                &items,
                workers,
                in_flight,
                || 0usize,
                |i, item, produced: &mut usize| {
                    // A result is born when its file starts being read.
                    let r = Counted::new(i, &live, &peak);
                    std::hint::black_box(work_for(*item));
                    *produced += 1;
                    r
                },
                |i, r: Counted| {
                    assert_eq!(i, r.index);
                    order.push(i);
                },
            );
            assert_eq!(order, (0..500).collect::<Vec<_>>());
            assert_eq!(scratches.len(), workers);
            assert_eq!(scratches.iter().sum::<usize>(), 500);
            assert_eq!(live.load(Ordering::SeqCst), 0);
            let peak = peak.load(Ordering::SeqCst);
            assert!(
                peak <= in_flight,
                "{peak} results alive with {workers} workers and room for {in_flight}"
            );
        }
    }

    #[test]
    fn a_panicking_item_stops_the_others_and_reaches_the_caller() {
        let items: Vec<usize> = (0..100).collect();
        let outcome = catch_unwind(|| {
            in_order(
                &items,
                3,
                2,
                || (),
                |i, _, _| {
                    if i == 10 {
                        panic!("item 10");
                    }
                    i
                },
                |_, _| {},
            )
        });
        assert!(outcome.is_err());
    }
}
