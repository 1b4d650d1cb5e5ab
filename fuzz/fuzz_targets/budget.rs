//! A time budget per fuzz input (`w365_engine::cost`): the guard, dropped when the
//! input is done, panics when it took longer than an input of its size may, so
//! libFuzzer records a slow input as a crash with the input saved.

use std::time::Instant;

/// Times one input from its creation to its drop.
pub struct Budget {
    what: &'static str,
    len: usize,
    start: Instant,
}

impl Budget {
    /// Start timing the input of target `what`, `len` bytes long.
    pub fn start(what: &'static str, len: usize) -> Budget {
        Budget {
            what,
            len,
            start: Instant::now(),
        }
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if let Err(m) = w365_engine::cost::check(self.what, self.len, self.start.elapsed()) {
            panic!("{m}");
        }
    }
}
