//! Small browser helpers: downloads, clipboard, reading files, ids.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The text a paste event carries, as the browser's own string: its length can
/// be checked before a byte of it is copied into the page's memory or laid out
/// in a text box (a 50 MB paste into a textarea costs Chromium seconds).
pub fn pasted(ev: &web_sys::ClipboardEvent) -> Option<js_sys::JsString> {
    let data = ev.clipboard_data()?;
    let get = js_sys::Reflect::get(&data, &"getData".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    get.call1(&data, &"text".into())
        .ok()?
        .dyn_into::<js_sys::JsString>()
        .ok()
}

/// Megabytes, for messages: a UTF-16 length (a lower bound of the UTF-8 size).
pub fn megabytes(units: u32) -> String {
    format!("{:.1} MB", f64::from(units) / 1_048_576.0)
}

/// Offer `text` as a file download.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|e| crate::storage::js_message(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| crate::storage::js_message(&e))?;
    let a = document()
        .create_element("a")
        .map_err(|e| crate::storage::js_message(&e))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "cannot create a link".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copy text to the clipboard; reports the outcome through `done`.
pub fn copy(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let clipboard = window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(r.map(|_| ()).map_err(|e| crate::storage::js_message(&e)));
    });
}

/// Largest file the importers read: 5 MiB (the engine's limit).
pub const MAX_FILE: f64 = w365_engine::json::MAX_INPUT_BYTES as f64;

/// Read a file as text, refusing files over the limit.
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    let name = file.name();
    if file.size() > MAX_FILE {
        done(Err(format!(
            "`{name}` is {:.1} MB; files over {} MB are refused",
            file.size() / 1_048_576.0,
            MAX_FILE / 1_048_576.0
        )));
        return;
    }
    let file = gloo_file::File::from(file);
    leptos::task::spawn_local(async move {
        let r = gloo_file::futures::read_as_text(&file).await;
        done(r.map_err(|e| format!("cannot read `{name}`: {e}")));
    });
}

/// A short thousands-separated number.
pub fn num(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun: `1 operation`, `2,048 operations`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n), if n == 1 { one } else { many })
}
