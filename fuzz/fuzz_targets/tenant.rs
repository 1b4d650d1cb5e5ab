//! Tenant exports (`w365-perms tenant` and `report`): load the text as a file of
//! assignments and role definitions, review it, build and render the report.
//! Errors are fine, panics are not.
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
    budget::within("tenant", data.len(), || {
        let Ok(loaded) = w365_engine::tenant::load(cat, &[("fuzz.json", text)]) else {
            return;
        };
        let review = w365_engine::tenant::review(cat, &loaded);
        let report = w365_engine::report::tenant(cat, &loaded, &review);
        let _ = w365_engine::report::render::markdown(&report);
        let _ = w365_engine::report::render::html(&report);
    });
});
