//! Scopes: parsing, kinds, normalization and coverage never panic.
//!
//! Input: `<scope a>\n<scope b>` (without a newline b is `/subscriptions/s1`). Also
//! checks that a scope covers itself and that its normalized text parses to a scope
//! of the same kind.
//!
//! Every input must finish within its time budget (`budget.rs`, `w365_engine::cost`).
#![no_main]
mod budget;

use libfuzzer_sys::fuzz_target;
use w365_engine::scope::{Coverage, Hierarchy, Scope};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    budget::within("scope", data.len(), || {
        let (a_text, b_text) = text.split_once('\n').unwrap_or((text, "/subscriptions/s1"));
        let a = Scope::parse(a_text);
        let b = Scope::parse(b_text);
        for s in [&a, &b].into_iter().flatten() {
            let n = s.normalized();
            let _ = (s.depth(), s.is_normalized(), s.subscription_id(), s.management_group_id());
            let again = Scope::parse(&n).expect("a normalized scope parses");
            assert_eq!(again.kind(), s.kind(), "{s} vs {n}");
            assert_eq!(Hierarchy::new().covers(s, s), Coverage::Yes, "{s}");
        }
        let (Ok(a), Ok(b)) = (a, b) else {
            return;
        };
        let _ = (a.is_ancestor_or_self(&b), b.is_ancestor_or_self(&a));
        // Without membership, and with b (or the raw text of a) as a member of a group.
        let mut h = Hierarchy::new();
        let _ = (h.covers(&a, &b), h.covers(&b, &a));
        h.add(a_text, b.clone());
        h.add("mg", a.clone());
        h.add(b_text, a.clone());
        let _ = (h.covers(&a, &b), h.covers(&b, &a), h.is_empty());
    });
});
