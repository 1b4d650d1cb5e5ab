//! The position-tracking JSON reader: any input gives a value or a positioned
//! error; walking the value by path (as the importers do) never panics; and it
//! agrees with `serde_json` (what one accepts the other accepts, with the same
//! value), except where the reader is stricter on purpose: duplicate keys and
//! nesting deeper than `MAX_DEPTH` are refused, a leading BOM is skipped, numbers
//! beyond the range of `f64` are kept as text.
//!
//! Every input must finish within its time budget (`budget.rs`, `w365_engine::cost`).
#![no_main]
mod budget;

use libfuzzer_sys::fuzz_target;
use w365_engine::json::{self, Json, Node, Value};

fn walk(n: &Node<'_>) {
    let _ = (n.path(), n.pos(), n.value().kind(), n.as_opt_str(), n.as_bool());
    let _ = n.strings();
    if let Ok(items) = n.items() {
        for i in &items {
            walk(i);
        }
    }
    let keys = n.keys();
    // Lookups are linear; keep huge objects from making the target quadratic.
    if keys.len() > 256 {
        return;
    }
    for (k, _) in keys {
        let _ = n.get(&k.to_ascii_uppercase());
        if let Ok(Some(child)) = n.get(k) {
            walk(&child);
        }
    }
}

/// The same value in `serde_json`'s model (numbers converted the way it converts them).
fn to_serde(j: &Json) -> serde_json::Value {
    match &j.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(s) => serde_json::from_str(s).expect("a number the reader accepted"),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Value::Object(m) => serde_json::Value::Object(
            m.iter().map(|(k, v)| (k.name.clone(), to_serde(v))).collect(),
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    budget::within("json", data.len(), || {
        let reference = serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{feff}').unwrap_or(text));
        match json::parse(text) {
            Ok(v) => {
                walk(&Node::root(&v));
                match &reference {
                    Ok(r) => assert_eq!(&to_serde(&v), r, "the readers disagree on the value"),
                    // Numbers keep their text here; serde_json refuses those beyond f64.
                    Err(e) if e.to_string().starts_with("number out of range") => {}
                    Err(e) => panic!("accepted what serde_json refuses ({e})"),
                }
            }
            Err(e) => {
                assert!(e.pos.line >= 1 && e.pos.column >= 1, "{e:?}");
                let _ = e.to_string();
                let on_purpose = e.message.starts_with("duplicate key")
                    || e.message.starts_with("nesting deeper");
                if reference.is_ok() && !on_purpose {
                    panic!("refused what serde_json accepts: {e}");
                }
            }
        }
    });
});
