//! Every importer (ARM, az CLI / PowerShell, Graph, lists, embedded JSON), then lint
//! and every export of what was imported: errors are fine, panics are not.
#![no_main]
use libfuzzer_sys::fuzz_target;
use w365_engine::export::{export, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(cat) = w365_engine::catalog() else { return };
    let Ok(roles) = w365_engine::import::import(text) else { return };
    for r in &roles {
        let _ = w365_engine::lint::lint_imported(cat, r);
        for f in Format::ALL {
            if let Ok(out) = export(&r.role, f) {
                if matches!(f, Format::Arm | Format::AzJson | Format::Graph) && r.role.blocks.len() == 1 {
                    // What we write, we read back.
                    assert!(w365_engine::import::import(&out).is_ok(), "{f}: {out}");
                }
            }
        }
    }
});
