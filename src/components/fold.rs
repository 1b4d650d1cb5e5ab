//! A folded section (`<details>`) whose body is drawn when it is first opened, or
//! while the page prints, and kept after: a view of many folded sections mounts
//! only their summaries (a comparison of twelve roles: 2,673 elements instead of 16,347).

use crate::dom::toggled_open;
use leptos::prelude::*;

/// The folded section.
#[component]
pub fn Fold(
    /// What the summary says.
    #[prop(into)]
    summary: String,
    /// The body, drawn once the section opens.
    children: ChildrenFn,
) -> impl IntoView {
    let drawn = RwSignal::new(false);
    let printing = crate::use_printing();
    view! {
        <details on:toggle=move |ev| if toggled_open(&ev) { drawn.set(true) }>
            <summary>{summary}</summary>
            {move || (drawn.get() || printing()).then(|| children())}
        </details>
    }
}
