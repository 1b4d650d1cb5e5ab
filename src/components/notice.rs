//! A notice at the bottom of the screen, with undo when something was deleted or
//! replaced.

use crate::components::rich::Rich;
use crate::state::use_state;
use leptos::prelude::*;
use std::time::Duration;

/// The notice bar.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_state();
    // Hide after a while; a newer notice restarts the clock.
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        if state.notice.with(Option::is_some) {
            let g = generation.get_value().wrapping_add(1);
            generation.set_value(g);
            set_timeout(
                move || {
                    if generation.get_value() == g {
                        state.notice.set(None);
                    }
                },
                Duration::from_secs(12),
            );
        }
    });
    move || {
        state.notice.get().map(|n| {
            let undo = n.undo.clone();
            view! {
                <div class="notice" class:notice--error=n.error role=if n.error { "alert" } else { "status" } data-testid="notice">
                    <span class="notice__text"><Rich text=n.text.clone()/></span>
                    {undo.map(|(mode, edit)| {
                        view! {
                            <button
                                class="button button--small"
                                data-testid="undo"
                                on:click=move |_| state.undo(&mode, edit.clone())
                            >
                                "Undo"
                            </button>
                        }
                    })}
                    <button class="button button--quiet button--small" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
