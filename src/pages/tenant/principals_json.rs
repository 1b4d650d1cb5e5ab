//! The principals table's JSON (each principal's whole review: 89 MB for the
//! 11,357 principals of a 50,000-assignment tenant, which held the page for 650
//! ms as one string) written a slice of principals at a time, as the parts of
//! one file: the same bytes `serde_json::to_string_pretty` gives for the list.

use super::Reviewed;
use crate::state::Shared;
use std::time::Duration;

/// Work per slice, in milliseconds: well inside a 60 Hz frame.
const SLICE_MS: f64 = 12.0;

/// An element of a pretty-printed JSON array as `to_string_pretty` writes it in
/// the array: after `,\n` unless it is the first, each line indented two spaces
/// (a string's own line breaks are escapes, so every line break is the layout's).
pub fn element<T: serde::Serialize>(v: &T, first: bool) -> Result<String, String> {
    let text = serde_json::to_string_pretty(v).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 4);
    if !first {
        out.push_str(",\n");
    }
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    Ok(out)
}

/// Write the principals `idx` of `r` as `{name}`, then download it; `fail` is
/// told why when it cannot be.
pub fn download(
    r: Shared<Reviewed>,
    idx: std::sync::Arc<Vec<usize>>,
    name: String,
    fail: impl Fn(String) + 'static,
) {
    let parts = js_sys::Array::new();
    if idx.is_empty() {
        parts.push(&"[]".into());
        return finish(&parts, &name, fail);
    }
    parts.push(&"[\n".into());
    slice(r, idx, 0, parts, name, fail);
}

fn slice(
    r: Shared<Reviewed>,
    idx: std::sync::Arc<Vec<usize>>,
    mut next: usize,
    parts: js_sys::Array,
    name: String,
    fail: impl Fn(String) + 'static,
) {
    let started = js_sys::Date::now();
    while let Some(&i) = idx.get(next) {
        let Some(p) = r.0.review.principals.get(i) else {
            next += 1;
            continue;
        };
        match element(p, next == 0) {
            Ok(text) => {
                parts.push(&text.into());
            }
            Err(e) => return fail(e),
        }
        next += 1;
        if js_sys::Date::now() - started >= SLICE_MS {
            leptos::prelude::set_timeout(
                move || slice(r, idx, next, parts, name, fail),
                Duration::ZERO,
            );
            return;
        }
    }
    parts.push(&"\n]".into());
    finish(&parts, &name, fail);
}

fn finish(parts: &js_sys::Array, name: &str, fail: impl Fn(String)) {
    if let Err(e) = crate::dom::download_parts(name, parts, "application/json") {
        fail(e);
    }
}

#[cfg(test)]
mod tests {
    use super::element;
    use serde_json::json;

    #[test]
    fn the_elements_make_the_array_to_string_pretty_writes() {
        let items = [
            json!({"a": 1, "b": [1, 2, {"c": "line\nbreak"}], "d": {}}),
            json!([]),
            json!("text with \"quotes\""),
            json!({"nested": {"deeper": [[], [1]]}}),
        ];
        for n in 1..=items.len() {
            let list = &items[..n];
            let mut text = String::from("[\n");
            for (k, v) in list.iter().enumerate() {
                text.push_str(&element(v, k == 0).unwrap());
            }
            text.push_str("\n]");
            assert_eq!(
                text,
                serde_json::to_string_pretty(list).unwrap(),
                "{n} items"
            );
        }
        let empty: Vec<serde_json::Value> = Vec::new();
        assert_eq!(serde_json::to_string_pretty(&empty).unwrap(), "[]");
    }
}
