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
                    // Offered only when the link carries assignments or a scenario
                    // to put in place of the user's (review s43: a link of one role
                    // offered it, and replacing emptied the user's assignments).
                    {move || {
                        let (rows, tags) = state.ws.with(|w| (w.assignments.len(), w.scopetags.is_some()));
                        (rows > 0 || tags).then(|| view! {
                            <button class="button" data-testid="link-replace" on:click=move |_| state.close_link(Some(true))>
                                {if rows > 0 {
                                    format!("Keep it, replacing my assignments with its {}", crate::dom::count(rows, "assignment", "assignments"))
                                } else {
                                    "Keep it, replacing my scope-tag scenario with its own".to_string()
                                }}
                            </button>
                        })
                    }}
                    <button class="button button--quiet" data-testid="link-close" on:click=move |_| state.close_link(None)>"Close it, back to my work"</button>
                </div>
            </section>
        })
    }
}
