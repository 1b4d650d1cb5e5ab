//! "Show N more (M not shown)": the button under a list drawn a page at a time.

use crate::dom::num;
use leptos::prelude::*;

/// The button, while anything is hidden: `shown` grows by `page` on a click.
#[component]
pub fn ShowMore(
    /// How many items the list holds.
    #[prop(into)]
    total: Signal<usize>,
    /// How many are drawn.
    shown: RwSignal<usize>,
    /// How many a click adds.
    page: usize,
    /// What is shown, after the count (`""` or `" objects"`).
    #[prop(optional)]
    noun: &'static str,
    /// The button's classes.
    #[prop(default = "button")]
    class: &'static str,
    /// Test hook.
    testid: &'static str,
) -> impl IntoView {
    move || {
        let hidden = total.get().saturating_sub(shown.get());
        (hidden > 0).then(|| {
            view! {
                <p>
                    <button class=class data-testid=testid on:click=move |_| shown.update(|n| *n += page)>
                        {format!("Show {} more{noun} ({} not shown)", num(hidden.min(page)), num(hidden))}
                    </button>
                </p>
            }
        })
    }
}
