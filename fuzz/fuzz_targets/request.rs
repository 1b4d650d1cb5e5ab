//! The request of `eval` / `operations`: parse, evaluate every query, evaluate every
//! Windows 365 operation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cat) = w365_engine::catalog() else { return };
    let Ok(req) = w365_engine::request::parse(cat, text) else { return };
    for q in &req.queries {
        let _ = req.env.evaluate(q);
    }
    if req.env.assignments.len() <= 8 {
        let _ = req.env.operations(&req.context);
    }
});
