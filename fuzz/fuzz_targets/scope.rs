//! Scopes: parsing, kinds, normalization and coverage never panic; a scope covers itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use w365_engine::scope::{Coverage, Hierarchy, Scope};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (a, b) = text.split_once('\n').unwrap_or((text, "/subscriptions/s1"));
    let (Ok(a), Ok(b)) = (Scope::parse(a), Scope::parse(b)) else { return };
    let _ = (a.kind(), a.normalized(), a.subscription_id(), a.management_group_id());
    let mut h = Hierarchy::new();
    h.add("mg", b.clone());
    let _ = h.covers(&a, &b);
    assert_eq!(Hierarchy::new().covers(&a, &a), Coverage::Yes);
});
