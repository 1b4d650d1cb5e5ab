//! The cost contract: how long reading and checking an input of a given size may
//! take before it counts as a finding. The fuzz targets time every input against
//! [`check`], so a slow input (a backtracking matcher, a quadratic check) is
//! reported like a crash; `scripts/bench-hostile.sh` measures the release binary
//! on the large hostile inputs.
//!
//! The budget is generous (the fuzz builds run with AddressSanitizer on a shared
//! machine) but linear: a quadratic step on 64 KiB overruns it by far.

use std::time::Duration;

/// Time allowed whatever the size: the constant work of an answer, such as the "did
/// you mean" work a command may spend (a few milliseconds in a release build,
/// about 300 ms under AddressSanitizer, which slows that loop twentyfold).
pub const BASE: Duration = Duration::from_millis(1000);

/// Time allowed per input byte.
pub const PER_BYTE: Duration = Duration::from_micros(20);

/// The time an input of `len` bytes may take.
pub fn budget(len: usize) -> Duration {
    let per_byte = PER_BYTE.saturating_mul(u32::try_from(len).unwrap_or(u32::MAX));
    BASE.saturating_add(per_byte)
}

/// `Ok` when `elapsed` is within the budget of an input of `len` bytes, otherwise
/// the message of a finding.
pub fn check(what: &str, len: usize, elapsed: Duration) -> Result<(), String> {
    let allowed = budget(len);
    if elapsed <= allowed {
        Ok(())
    } else {
        Err(format!(
            "{what} took {} ms on {len} bytes, over its budget of {} ms (cost must be linear in the input)",
            elapsed.as_millis(),
            allowed.as_millis()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_grows_linearly_with_the_input() {
        assert_eq!(budget(0), BASE);
        assert_eq!(budget(1000), BASE + Duration::from_millis(20));
        assert_eq!(budget(65_536) - budget(32_768), budget(32_768) - budget(0));
        assert_eq!(budget(usize::MAX), BASE.saturating_add(PER_BYTE * u32::MAX));
    }

    #[test]
    fn slow_inputs_are_findings() {
        assert!(check("pattern", 100, Duration::from_millis(10)).is_ok());
        assert!(check("pattern", 65_536, Duration::from_millis(2000)).is_ok());
        let e = check("pattern", 65_536, Duration::from_secs(3)).unwrap_err();
        assert_eq!(
            e,
            "pattern took 3000 ms on 65536 bytes, over its budget of 2310 ms (cost must be linear in the input)"
        );
        // What the backtracking matcher did: 5.7 s on a 100 KB pattern.
        assert!(check("eval", 100_000, Duration::from_millis(5700)).is_err());
    }
}
