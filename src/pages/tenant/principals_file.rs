//! The principals table as a file, written a slice of principals at a time into
//! the parts of one Blob: the JSON keeps each principal's whole review (89 MB for
//! the 11,357 principals of a 50,000-assignment tenant, which held the page for
//! 650 ms as one string), the CSV one line each (2.7 MB, 170-180 ms in one task).
//! The bytes are those of `serde_json::to_string_pretty` of the list and of the
//! table's `to_csv`.

use super::Reviewed;
use crate::state::Shared;
use crate::table_export::FileFormat as Format;
use std::sync::Arc;
use std::time::Duration;
use w365_engine::tenant::review::PrincipalReview;

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

/// Principals written per look at the clock in a CSV (a line is a small part; a
/// JSON principal, its whole review, may be large: one at a time).
const CSV_BATCH: usize = 16;

/// Write the principals `idx` of `r` as `{name}` in `format`, then download it;
/// `fail` is told why when it cannot be.
pub fn download(
    r: Shared<Reviewed>,
    idx: Arc<Vec<usize>>,
    name: String,
    format: Format,
    fail: impl Fn(String) + 'static,
) {
    let parts = js_sys::Array::new();
    match format {
        Format::Csv => {
            parts.push(&super::principals_table(&[]).csv_header().into());
        }
        Format::Json if idx.is_empty() => {
            parts.push(&"[]".into());
            return finish(&parts, &name, format, fail);
        }
        Format::Json => {
            parts.push(&"[\n".into());
        }
    }
    slice(r, idx, 0, parts, name, format, fail);
}

fn slice(
    r: Shared<Reviewed>,
    idx: Arc<Vec<usize>>,
    mut next: usize,
    parts: js_sys::Array,
    name: String,
    format: Format,
    fail: impl Fn(String) + 'static,
) {
    let started = js_sys::Date::now();
    let batch_len = match format {
        Format::Csv => CSV_BATCH,
        Format::Json => 1,
    };
    // This slice's text, made a Blob of its own before the slice ends: the
    // browser encodes each slice's strings then, not 89 MB at the end.
    let chunk = js_sys::Array::new();
    while next < idx.len() {
        let batch: Vec<&PrincipalReview> = idx
            .iter()
            .skip(next)
            .take(batch_len)
            .filter_map(|&i| r.0.review.principals.get(i))
            .collect();
        let text = match format {
            Format::Csv => super::principals_table(&batch).csv_rows(),
            Format::Json => {
                let mut text = String::new();
                for (k, p) in batch.iter().enumerate() {
                    match element(p, next == 0 && k == 0) {
                        Ok(t) => text.push_str(&t),
                        Err(e) => return fail(e),
                    }
                }
                text
            }
        };
        chunk.push(&text.into());
        next += batch_len;
        if js_sys::Date::now() - started >= SLICE_MS && next < idx.len() {
            if let Err(e) = push_blob(&parts, &chunk) {
                return fail(e);
            }
            leptos::prelude::set_timeout(
                move || slice(r, idx, next, parts, name, format, fail),
                Duration::ZERO,
            );
            return;
        }
    }
    if let Err(e) = push_blob(&parts, &chunk) {
        return fail(e);
    }
    if format == Format::Json {
        parts.push(&"\n]".into());
    }
    finish(&parts, &name, format, fail);
}

/// Add the strings of `chunk` to `parts` as one Blob.
fn push_blob(parts: &js_sys::Array, chunk: &js_sys::Array) -> Result<(), String> {
    let blob =
        web_sys::Blob::new_with_str_sequence(chunk).map_err(|e| crate::storage::js_message(&e))?;
    parts.push(&blob);
    Ok(())
}

fn finish(parts: &js_sys::Array, name: &str, format: Format, fail: impl Fn(String)) {
    if let Err(e) = crate::dom::download_parts(name, parts, format.mime()) {
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
