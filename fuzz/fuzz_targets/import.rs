//! Every importer (ARM, az CLI / PowerShell, Graph, lists, embedded JSON), then lint
//! and every export of each imported role: errors are fine, panics are not. What the
//! JSON exporters write for a one-block role, the importer reads back. The roles of
//! one input are linted by one `Linter`, as `w365-perms lint` and the report do (its
//! limit on patterns with several `*` counts across them).
//!
//! Every input must finish within its time budget (`budget.rs`, `w365_engine::cost`).
#![no_main]
mod budget;

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::export::{export, Format};
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let cat = *CATALOG;
    budget::within("import", data.len(), || {
        let Ok(roles) = w365_engine::import::import(text) else {
            return;
        };
        let linter = w365_engine::lint::Linter::new(cat);
        for r in &roles {
            let _ = linter.lint_imported(r);
            for f in Format::ALL {
                let Ok(out) = export(&r.role, f) else {
                    continue;
                };
                if matches!(f, Format::Arm | Format::AzJson | Format::Graph) && r.role.blocks.len() == 1 {
                    assert!(w365_engine::import::import(&out).is_ok(), "{f}: {out}");
                }
            }
        }
    });
});
