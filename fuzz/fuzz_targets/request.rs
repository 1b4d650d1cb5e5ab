//! The request of `eval` / `operations` (`{"roles":[...],"assignments":[...],
//! "queries":[...]}`): parse, evaluate every query, evaluate every Windows 365
//! operation. Errors are fine, panics are not.
//!
//! Every input must finish within its time budget (`budget.rs`, `w365_engine::cost`).
#![no_main]
mod budget;

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cat = *CATALOG;
    budget::within("request", data.len(), || {
        let Ok(req) = w365_engine::request::parse(cat, text) else {
            return;
        };
        let ev = req.env.evaluator();
        for q in &req.queries {
            let _ = ev.evaluate(q);
        }
        let _ = req.env.operations(&req.context);
    });
});
