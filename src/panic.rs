//! A panic anywhere shows an error panel that says what happened and what to
//! report, instead of a dead page. The panel is plain DOM built from text (no
//! markup from the message), with a reload link and the saved data as a download.

use wasm_bindgen::JsCast;

/// Install the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        show(&info.to_string());
        console_error_panic_hook::hook(info);
    }));
}

/// Show the panel for an unrecoverable condition and stop.
pub fn fatal(message: &str) -> ! {
    show(message);
    wasm_bindgen::throw_str(message)
}

fn show(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    if doc.get_element_by_id("fatal").is_some() {
        return;
    }
    let el = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Ok(panel) = doc.create_element("section") else {
        return;
    };
    panel.set_id("fatal");
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("data-testid", "fatal-panel");
    let parts = [
        el("h1", "Something went wrong"),
        el("p", "The explorer hit an internal error and stopped. Your saved roles and assignments are still in this browser's storage."),
        el("p", "Please report the text below, the page address and your browser version:"),
        el("pre", message),
    ];
    for p in parts.into_iter().flatten() {
        let _ = panel.append_child(&p);
    }
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(
            &web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default(),
        );
        a.set_text_content(Some("Reload the page"));
        a.set_class_name("button");
        let _ = panel.append_child(&a);
    }
    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(crate::storage::KEY).ok().flatten());
    if let (Some(text), Some(a)) = (
        saved,
        doc.create_element("a")
            .ok()
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()),
    ) {
        a.set_href(&format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&text))
        ));
        let _ = a.set_attribute("download", "w365-explorer-saved-data.json");
        a.set_text_content(Some("Download your saved data"));
        a.set_class_name("button");
        let _ = panel.append_child(&a);
    }
    let _ = body.prepend_with_node_1(&panel);
}
