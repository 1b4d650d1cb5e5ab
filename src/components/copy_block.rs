//! A block of text to copy as is (commands, scripts, JSON), with a copy button.

use crate::dom::copy;
use crate::state::use_state;
use leptos::prelude::*;

/// The text in a scrollable block and a button that copies it.
#[component]
pub fn CopyBlock(
    /// What the text is (heading and button label).
    #[prop(into)]
    title: String,
    /// The text.
    #[prop(into)]
    text: Signal<String>,
    /// Test hook of the block; the button is `{testid}-copy`.
    testid: &'static str,
) -> impl IntoView {
    let state = use_state();
    let label = format!("Copy: {title}");
    view! {
        <div class="copyblock">
            <div class="copyblock__bar">
                <h4 class="copyblock__title">{title}</h4>
                <button class="button button--small" aria-label=label data-testid=format!("{testid}-copy") on:click=move |_| {
                    copy(text.get_untracked(), move |r| match r {
                        Ok(()) => state.info("Copied to the clipboard."),
                        Err(e) => state.error(format!("Could not copy: {e}")),
                    });
                }>"Copy"</button>
            </div>
            <pre class="code" tabindex="0" data-testid=testid>{move || text.get()}</pre>
        </div>
    }
}
