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
    format!("{} MB", tenths(u64::from(units), 1_048_576))
}

/// A pasted text over a limit, for messages: `5,242,909 characters, over the
/// limit of 5,242,880 (5 MB)` (an outside review: "5.0 MB; over 5 MB is refused"
/// read as not over).
pub fn over_limit(len: usize, limit: usize) -> String {
    format!(
        "{} characters, over the limit of {} ({} MB)",
        num(len),
        num(limit),
        tenths(limit as u64, 1_048_576).trim_end_matches(".0")
    )
}

/// `n / unit` with one decimal, rounded (`9.5`), in integers: formatting a float
/// would bring the float printing code (about 10 KB of wasm) into the app for
/// these few messages.
pub fn tenths(n: u64, unit: u64) -> String {
    let unit = u128::from(unit.max(1));
    let t = (u128::from(n) * 10 + unit / 2) / unit;
    format!("{}.{}", t / 10, t % 10)
}

/// The address of this page at `route`: what a share link copies.
pub fn page_url(route: &crate::route::Route) -> String {
    let base = window().location().href().unwrap_or_default();
    format!(
        "{}{}",
        base.split('#').next().unwrap_or_default(),
        route.hash()
    )
}

/// Offer `text` as a file download.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    download_parts(
        filename,
        &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)),
        mime,
    )
}

/// Download a file of these parts (strings or Blobs), one after the other (a
/// large file written in slices, never one string).
pub fn download_parts(filename: &str, parts: &js_sys::Array, mime: &str) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts)
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

/// In the next frame (once the view has drawn it), bring the element `id` into
/// view, opening it first when it is a `<details>`.
pub fn reveal(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Some(d) = el.dyn_ref::<web_sys::HtmlDetailsElement>() {
                d.set_open(true);
            }
            el.scroll_into_view();
            // The keyboard follows the eye: the next Tab goes on from what was
            // brought into view, not from the top of the page (an outside review).
            let target = match el.query_selector(":scope > summary").ok().flatten() {
                Some(summary) => summary,
                None => {
                    if !el.has_attribute("tabindex") {
                        let _ = el.set_attribute("tabindex", "-1");
                    }
                    el
                }
            };
            if let Some(h) = target.dyn_ref::<web_sys::HtmlElement>() {
                focus_quietly(h);
            }
        }
    });
}

/// Leaving the page (reload, close, navigation away): the text box being typed in
/// loses the focus, so its `change` saves what it holds, as leaving the box would
/// (an outside review: a scope-tag scenario's name or id typed, then a reload,
/// was gone without a word; those boxes save on `change`, which a reload never
/// fires). Fields kept as drafts save on `pagehide` themselves; this is harmless
/// to them.
pub fn commit_focused_on_leave() -> WindowListenerHandle {
    window_event_listener_untyped("pagehide", |_| {
        let focused = document()
            .active_element()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = focused {
            let tag = el.tag_name().to_ascii_lowercase();
            if tag == "input" || tag == "textarea" {
                let _ = el.blur();
            }
        }
    })
}

/// Whether an event's target takes typing (a text box, a text area, an editable
/// element), where Ctrl+Z belongs to the text.
pub fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return false;
    };
    if el.is_content_editable() {
        return true;
    }
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => {
            let kind = el
                .get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "range" | "color"
            )
        }
        _ => false,
    }
}

/// Whether the focus fell back to the page (its element was removed).
pub fn focus_is_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|e| e.tag_name().eq_ignore_ascii_case("body"))
}

/// What held the focus is going away (a notice, a button its own click
/// removes): in the next frame, give the focus to the page's main region (its
/// heading follows), not back to the document, without scrolling.
pub fn focus_main() {
    request_animation_frame(|| {
        if focus_is_lost() {
            focus_main_now();
        }
    });
}

/// In the next frame (once a view just revealed is drawn), give the focus to the
/// element `selector` finds (made focusable by script if it is not), scrolling it
/// into view: a button that disables itself when pressed ("Show the solution", the
/// last hint) left the focus on the page's body (an outside review).
pub fn focus_revealed(selector: impl Into<String>) {
    let selector = selector.into();
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            if !el.has_attribute("tabindex") {
                let _ = el.set_attribute("tabindex", "-1");
            }
            let _ = el.focus();
        }
    });
}

/// Once the frames that move the focus have run, scroll the page so that the
/// focused element is not under `cover` (the notice at the bottom of the screen:
/// at 360 px it covered the button the focus had moved to, an outside review).
pub fn keep_focus_clear_of(cover: &'static str) {
    request_animation_frame(move || {
        request_animation_frame(move || {
            let doc = document();
            let (Some(focused), Some(over)) = (
                doc.active_element(),
                doc.query_selector(cover).ok().flatten(),
            ) else {
                return;
            };
            if focused.tag_name().eq_ignore_ascii_case("body") || over.contains(Some(&focused)) {
                return;
            }
            let (a, n) = (
                focused.get_bounding_client_rect(),
                over.get_bounding_client_rect(),
            );
            let overlaps = a.bottom() > n.top()
                && a.top() < n.bottom()
                && a.right() > n.left()
                && a.left() < n.right();
            if overlaps {
                window().scroll_by_with_x_and_y(0.0, a.bottom() - n.top() + 16.0);
            }
        });
    });
}

/// Give the focus to the page's main region now, without scrolling.
pub fn focus_main_now() {
    if let Some(m) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        focus_quietly(&m);
    }
}

/// Focus an element without scrolling to it (the page is where the view put
/// it: a tall view focused whole was scrolled to its far edge, an outside
/// review found).
pub fn focus_quietly(el: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}

/// Copy text to the clipboard; reports the outcome through `done`. Browsers
/// give pages the clipboard only over https or from localhost; on a plain-http
/// host (the app is a static site anyone may host) the text is copied through a
/// selection instead, or, failing that, `done` says how to copy it by hand.
pub fn copy(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        done(copy_by_selection(&text));
        return;
    }
    let clipboard = navigator.clipboard();
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(promise).await;
        done(r.map(|_| ()).map_err(|e| crate::storage::js_message(&e)));
    });
}

/// Copy `text` by selecting it in a hidden text box and asking the browser to
/// copy the selection (`document.execCommand("copy")`), which plain-http pages
/// may still do.
fn copy_by_selection(text: &str) -> Result<(), String> {
    const REFUSED: &str = "the browser gives the clipboard to pages served over https or from localhost only, and refused to copy here: copy it by hand";
    let doc = document();
    let area = doc
        .create_element("textarea")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .ok_or(REFUSED)?;
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    // A class, not a style attribute: the Content-Security-Policy has no
    // 'unsafe-inline' for styles.
    let _ = area.set_attribute("class", "offscreen-copy");
    let body = doc.body().ok_or(REFUSED)?;
    body.append_child(&area).map_err(|_| REFUSED)?;
    area.select();
    let copied = js_sys::Reflect::get(&doc, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&doc, &"copy".into()).ok())
        .and_then(|r| r.as_bool())
        .unwrap_or(false);
    area.remove();
    if copied {
        Ok(())
    } else {
        Err(REFUSED.into())
    }
}

/// Read a file as text, refusing files over the importers' limit.
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    read_file_limited(file, w365_engine::json::MAX_INPUT_BYTES, done);
}

/// Read a file as text (see [`decode_text`]), refusing files over `limit` bytes
/// before reading them.
pub fn read_file_limited(
    file: web_sys::File,
    limit: usize,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    let name = file.name();
    if file.size() > limit as f64 {
        done(Err(format!(
            "`{name}` is {} MB; files over {} MB are refused",
            tenths(file.size() as u64, 1_048_576),
            limit / 1_048_576
        )));
        return;
    }
    let file = gloo_file::File::from(file);
    leptos::task::spawn_local(async move {
        let read = gloo_file::futures::read_as_bytes(&file)
            .await
            .map_err(|e| e.to_string())
            .and_then(decode_text);
        done(read.map_err(|e| format!("cannot read `{name}`: {e}")));
    });
}

pub use w365_engine::text::decode_text;

/// Whether the `<details>` a `toggle` event came from is now open.
pub fn toggled_open(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

/// Whether the `<details>` of this id is open now.
pub fn is_open(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        .is_some_and(|d| d.open())
}

/// A short thousands-separated number.
pub fn num(n: usize) -> String {
    // The engine writes counts in its messages the same way.
    w365_engine::text::thousands(n)
}

/// A size in bytes as people read it: `512 bytes`, `64 KiB`, `1.3 MiB`.
pub fn bytes(n: usize) -> String {
    match n {
        0..1024 => count(n, "byte", "bytes"),
        1024..1_048_576 => format!("{} KiB", num(n / 1024)),
        _ => format!("{} MiB", tenths(n as u64, 1_048_576)),
    }
}

/// A count with its noun: `1 operation`, `2,048 operations`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n), if n == 1 { one } else { many })
}

/// The first `shown` items, each written by `show`, joined with commas, then how
/// many more: "a, b, c, and 1,200 more" (a message of thousands of names would not
/// fit the screen).
pub fn first_and_more<T: AsRef<str>>(
    items: &[T],
    shown: usize,
    show: impl Fn(&str) -> String,
) -> String {
    let mut text = items
        .iter()
        .take(shown)
        .map(|s| show(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > shown {
        text.push_str(&format!(", and {} more", num(items.len() - shown)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_shows_its_first_items_and_how_many_more() {
        let items: Vec<String> = (1..=1_203).map(|i| format!("r{i}")).collect();
        assert_eq!(
            first_and_more(&items, 3, str::to_string),
            "r1, r2, r3, and 1,200 more"
        );
        assert_eq!(
            first_and_more(&items[..2], 3, |s| format!("`{s}`")),
            "`r1`, `r2`"
        );
        assert_eq!(first_and_more::<&str>(&[], 3, str::to_string), "");
    }

    #[test]
    fn sizes_read_as_bytes_kib_and_mib() {
        assert_eq!(bytes(1), "1 byte");
        assert_eq!(bytes(65_536), "64 KiB");
        assert_eq!(bytes(1_363_149), "1.3 MiB");
    }

    #[test]
    fn tenths_round_as_float_formatting_does() {
        for n in (0..60_000_000u64)
            .step_by(99_991)
            .chain([1_048_575, 10_485_760, 52_428_799])
        {
            let float = format!("{:.1}", n as f64 / 1_048_576.0);
            assert_eq!(tenths(n, 1_048_576), float, "{n}");
        }
        assert_eq!(megabytes(9_961_472), "9.5 MB");
        assert_eq!(
            over_limit(5_242_909, 5_242_880),
            "5,242,909 characters, over the limit of 5,242,880 (5 MB)"
        );
        assert_eq!(tenths(1_536, 1024), "1.5");
        assert_eq!(tenths(7, 0), "7.0");
    }
}
