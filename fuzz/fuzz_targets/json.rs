//! The position-tracking JSON reader: any input gives a value or a positioned error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match w365_engine::json::parse(text) {
        Ok(v) => {
            let n = w365_engine::json::Node::root(&v);
            let _ = n.path();
        }
        Err(e) => assert!(e.pos.line >= 1 && e.pos.column >= 1),
    }
});
