//! A list that renders only the rows in view, so tens of thousands of rows stay
//! smooth. Rows have a fixed height; the list scrolls inside its own box.
//!
//! A row is one element whose content is set as HTML, in a slot that stays while the
//! list does: slot `i` shows the `i`-th row in view. A keystroke that changes the
//! list reruns each slot, which sets its HTML only if it changed, keeping the nodes
//! that stay the same (`src/js/row_html.js`): a row's link under the pointer while
//! the row's count arrives stays the element pressed, so the click is not lost. No row element,
//! no reactive node is created or dropped, so a keystroke costs no more than the
//! rows it changes, and no long-lived memo collects the subscriptions of rows gone
//! (a Leptos memo keeps a dropped subscriber in its list until it changes no more:
//! rows made and dropped per keystroke made every later keystroke slower).

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/js/row_html.js")]
extern "C" {
    #[wasm_bindgen(js_name = setRowHtml)]
    fn set_row_html(el: &web_sys::Element, html: &str);
}

/// The HTML inside one row, given its position in the list and its item. Run inside
/// the row's reactive effect: what it reads, the row follows.
pub type RowHtml = Callback<(usize, usize), String>;

/// What slot `slot` of a list shows, and from what.
#[derive(Clone, Copy)]
struct Slot {
    slot: usize,
    range: Memo<(usize, usize, usize)>,
    items: Signal<Vec<usize>>,
    render: RowHtml,
}

/// The directive that keeps a slot's content: its row's HTML, set again (in place)
/// when it changes.
fn row_content(el: web_sys::Element, s: Slot) {
    let effect = RenderEffect::new(move |prev: Option<String>| {
        let pos = s.range.with(|r| r.0) + s.slot;
        let html = s
            .items
            .with(|v| v.get(pos).copied())
            .map(|item| s.render.run((pos, item)))
            .unwrap_or_default();
        if prev.as_ref() != Some(&html) {
            set_row_html(&el, &html);
        }
        html
    });
    // Kept while the slot is: dropping a render effect stops it.
    on_cleanup(move || drop(effect));
}

/// The virtualized list.
#[component]
pub fn VirtualList(
    /// The items (any ids), in display order.
    #[prop(into)]
    items: Signal<Vec<usize>>,
    /// Accessible name.
    #[prop(into)]
    label: String,
    /// Row height in CSS pixels (must match the stylesheet).
    row_height: f64,
    /// The class of each row element.
    row_class: &'static str,
    /// Row renderer.
    render: RowHtml,
    /// Test hook of the list.
    #[prop(optional)]
    testid: &'static str,
    /// Test hook of each row.
    #[prop(optional)]
    row_testid: &'static str,
) -> impl IntoView {
    let scroll = RwSignal::new(0.0f64);
    // The box is at most 70% of the window high (stylesheet); read sizes from the
    // window, not the element, so rendering never forces a layout.
    let viewport = RwSignal::new(
        window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(900.0)
            * 0.7,
    );
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        items.track();
        if scroll.get_untracked() > 0.0 {
            if let Some(el) = node.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll.set(0.0);
        }
    });
    let range = Memo::new(move |_| {
        let n = items.with(Vec::len);
        let first = (scroll.get() / row_height).floor() as usize;
        // The rows in view and two more on each side: every row drawn is work on each
        // keystroke that changes the list (fixed heights make scrolling cheap anyway).
        let count = (viewport.get() / row_height).ceil() as usize + 4;
        let start = first.saturating_sub(2).min(n);
        let end = (start + count).min(n);
        (start, end, n)
    });
    // The slots in use; a slot is made or dropped only when the number of rows in
    // view changes.
    let slots = Memo::new(move |_| {
        let (s, e, _) = range.get();
        e - s
    });
    let row_testid = (!row_testid.is_empty()).then_some(row_testid);
    view! {
        <div
            class="vlist"
            node_ref=node
            tabindex="0"
            role="list"
            aria-label=label
            data-testid=testid
            on:scroll=move |_| {
                if let Some(el) = node.get_untracked() {
                    scroll.set(f64::from(el.scroll_top()));
                    let h = f64::from(el.client_height().max(200));
                    if h != viewport.get_untracked() {
                        viewport.set(h);
                    }
                }
            }
        >
            <div class="vlist__pad" style:height=move || format!("{}px", range.get().0 * row_height as usize)></div>
            <For each=move || 0..slots.get() key=|i| *i let:slot>
                <div class=row_class role="listitem" data-testid=row_testid use:row_content=Slot { slot, range, items, render }></div>
            </For>
            <div class="vlist__pad" style:height=move || {
                let (_, e, n) = range.get();
                format!("{}px", (n - e) * row_height as usize)
            }></div>
        </div>
    }
}
