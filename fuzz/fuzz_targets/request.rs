//! The request of `eval` / `operations` (`{"roles":[...],"assignments":[...],
//! "queries":[...]}`): parse, evaluate every query, evaluate every Windows 365
//! operation. Errors are fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(req) = w365_engine::request::parse(*CATALOG, text) else {
        return;
    };
    for q in &req.queries {
        let _ = req.env.evaluate(q);
    }
    let _ = req.env.operations(&req.context);
});
