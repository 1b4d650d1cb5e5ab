//! Action patterns and ABAC conditions: parsing and matching never panic, and a
//! pattern always matches itself when it has no `*`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use w365_engine::condition::Condition;
use w365_engine::ActionPattern;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (p, a) = text.split_once('\n').unwrap_or((text, "Microsoft.Compute/virtualMachines/read"));
    if let Ok(pattern) = ActionPattern::new(p) {
        let _ = pattern.matches(a);
        let _ = (pattern.literal_prefix(), pattern.literal_suffix(), pattern.wildcard_count());
        if !pattern.is_wildcard() {
            assert!(pattern.matches(p));
        }
    }
    let c = Condition::parse(text);
    let _ = c.evaluate(a);
    let _ = c.named_actions();
});
