//! The scope-tag scenario of `w365-perms visibility` (`{"objects": [...],
//! "assignments": [...]}` or `admins`): parse, then decide every cell of the grid,
//! including device records and mismatches. Errors are fine, panics are not; a
//! visible cell is read only or actionable (never hidden or not listable), an
//! actionable one always visible.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::scopetags::{self, Access};
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = scopetags::parse(*CATALOG, text) else {
        return;
    };
    for row in scenario.grid().cells {
        for v in row {
            assert_eq!(
                v.visible,
                matches!(v.access, Access::Visible | Access::Actionable)
            );
            assert!(!v.actionable || v.visible);
        }
    }
});
