//! "Paste an error": any text is decoded against an empty environment. Errors are
//! fine, panics are not; a decoded action or scope is text the input holds (with
//! whitespace removed), and every az command quotes only a resource id's characters.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use w365_engine::decode::decode;
use w365_engine::evaluate::Environment;
use w365_engine::roleset::RoleSet;
use w365_engine::Catalog;

static CATALOG: LazyLock<&'static Catalog> =
    LazyLock::new(|| w365_engine::catalog().expect("the bundled catalog decodes"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let env = Environment::new(RoleSet::new(*CATALOG, Vec::new()));
    let Ok(d) = decode(&env, text) else {
        return;
    };
    for f in &d.fixes {
        if let Some(c) = &f.command {
            let scope = c.split('"').nth(1).unwrap_or_default();
            assert!(
                scope.chars().all(|c| c.is_ascii_alphanumeric() || "/._-()".contains(c)),
                "{c}"
            );
        }
    }
});
