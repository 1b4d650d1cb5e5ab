//! Action patterns and ABAC conditions.
//!
//! Input: `<pattern or condition>\n<action>` (without a newline the action is a fixed
//! Compute action). Parsing and matching never panic; a pattern without `*` matches
//! itself; the literal prefix and suffix are a prefix and suffix of the lowercase
//! pattern; matching ignores ASCII case; Azure's one-`*` limit agrees with the count;
//! the pattern's catalog matches are computed too.
//!
//! Every input must finish within its time budget (`budget.rs`, `w365_engine::cost`).
#![no_main]
mod budget;

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::condition::Condition;
use w365_engine::{ActionPattern, Catalog};

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cat = *CATALOG;
    budget::within("pattern", data.len(), || {
        let (p, a) = text
            .split_once('\n')
            .unwrap_or((text, "Microsoft.Compute/virtualMachines/read"));
        if let Ok(pattern) = ActionPattern::new(p) {
            let m = pattern.matches(a);
            let (pre, suf) = (pattern.literal_prefix(), pattern.literal_suffix());
            assert!(pattern.lower().starts_with(pre), "prefix {pre:?} of {p:?}");
            assert!(pattern.lower().ends_with(suf), "suffix {suf:?} of {p:?}");
            assert_eq!(m, pattern.matches_lower(&a.to_ascii_lowercase()), "{p:?} ~ {a:?}");
            assert_eq!(m, pattern.matches(&a.to_ascii_uppercase()), "{p:?} ~ {a:?} (case)");
            if !pattern.is_wildcard() {
                assert!(pattern.matches(p), "{p:?} does not match itself");
            }
            assert_eq!(pattern.azure_limits().is_ok(), pattern.wildcard_count() <= 1, "{p:?}");
            let _ = cat.operations.matches(&pattern);
        }
        // The first line as a condition, and the whole input as one.
        for c in [Condition::parse(p), Condition::parse(text)] {
            let _ = c.evaluate(a);
            let _ = (c.is_understood(), c.named_actions(), c.to_string());
        }
    });
});
