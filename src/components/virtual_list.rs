//! A list that renders only the rows in view, so tens of thousands of rows stay
//! smooth. Rows have a fixed height; the list scrolls inside its own box.

use leptos::prelude::*;

/// Renders one row for an item.
pub type RowFn = Callback<usize, AnyView>;

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
    /// Row renderer.
    render: RowFn,
    /// Test hook.
    #[prop(optional)]
    testid: &'static str,
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
    let visible = move || {
        let (s, e, _) = range.get();
        items.with(|v| v.get(s..e).map(<[usize]>::to_vec).unwrap_or_default())
    };
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
            <For each=visible key=|i| *i let:item>
                {render.run(item)}
            </For>
            <div class="vlist__pad" style:height=move || {
                let (_, e, n) = range.get();
                format!("{}px", (n - e) * row_height as usize)
            }></div>
        </div>
    }
}
