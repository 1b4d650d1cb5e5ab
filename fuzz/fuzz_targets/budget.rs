//! A time budget per fuzz input (`w365_engine::cost`): the work on an input runs
//! under [`within`], which panics when it took longer than an input of its size may,
//! so libFuzzer records a slow input as a crash with the input saved.

use std::time::Instant;

/// Run `work` on the input of target `what` (`len` bytes) and panic if it overruns
/// the budget. An overrun is confirmed by a second run (the first use of a lazily
/// built index, or a busy machine, can slow one run; a slow input is slow twice),
/// and the faster of the two is reported.
pub fn within(what: &'static str, len: usize, work: impl Fn()) {
    let start = Instant::now();
    work();
    let first = start.elapsed();
    if w365_engine::cost::check(what, len, first).is_ok() {
        return;
    }
    let start = Instant::now();
    work();
    let second = start.elapsed();
    if let Err(m) = w365_engine::cost::check(what, len, first.min(second)) {
        panic!("{m}");
    }
}
