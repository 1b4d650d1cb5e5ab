//! Health-check codes and the two-person recipe: every line is looked up as a code,
//! and the first four lines are the recipe's subscription, resource group, virtual
//! network and admin. Errors are fine, panics are not; a code that decodes decodes
//! to a known code, and no recipe line carries a quote from its input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::health::{self, AncScopes};
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    for l in &lines {
        if let Ok(e) = health::explain(*CATALOG, l) {
            assert!(health::codes(*CATALOG).iter().any(|c| c.code == e.code));
        }
    }
    let at = AncScopes {
        subscription: lines.first().map(|s| s.to_string()),
        resource_group: lines.get(1).map(|s| s.to_string()),
        virtual_network: lines.get(2).map(|s| s.to_string()),
        vnet_resource_group: None,
    };
    if let Ok(r) = health::two_person_recipe(*CATALOG, &at, lines.get(3).copied()) {
        for a in &r.network_admin {
            assert!(!a.scope.contains(['"', '\'', '$', '`', ' ']), "{}", a.scope);
        }
    }
});
