//! While a shared link's workspace is open: what it is, that the saved work is
//! untouched, and the choice to keep it (added to, or replacing, the saved work) or
//! to close it.

use crate::state::{use_state, Mode};
use leptos::prelude::*;

/// The banner; empty unless a link's workspace is open.
#[component]
pub fn LinkBanner() -> impl IntoView {
    let state = use_state();
    move || {
        let Mode::Link { summary } = state.mode.get() else {
            return None;
        };
        Some(view! {
            <section class="banner banner--link" role="region" aria-label="Shared link" data-testid="link-banner">
                <p>
                    <strong>{format!("You are looking at a shared link: {summary}.")}</strong>
                    " Changes stay in this tab; your saved roles and assignments are untouched until you keep it."
                </p>
                <div class="banner__actions">
                    <button class="button" data-testid="link-keep" on:click=move |_| state.close_link(Some(false))>"Add it to my work"</button>
                    <button class="button" data-testid="link-replace" on:click=move |_| state.close_link(Some(true))>"Keep it, replacing my assignments"</button>
                    <button class="button button--quiet" data-testid="link-close" on:click=move |_| state.close_link(None)>"Close it, back to my work"</button>
                </div>
            </section>
        })
    }
}
