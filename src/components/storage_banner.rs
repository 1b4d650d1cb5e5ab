//! What went wrong with browser storage, and what the user can do about it.

use crate::dom::download;
use crate::state::use_state;
use crate::storage::Problem;
use leptos::prelude::*;

/// The banner; empty when storage is fine.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_state();
    move || {
        state.problem.get().map(|p| match p {
            Problem::Unreadable { message, raw } => {
                let raw2 = raw.clone();
                view! {
                    <section class="banner banner--error" role="alert" data-testid="storage-unreadable">
                        <h2 class="banner__title">"Your saved data could not be read"</h2>
                        <p>{format!("{message}. Nothing has been overwritten: saving is paused until you decide.")}</p>
                        <div class="banner__actions">
                            <button
                                class="button"
                                data-testid="download-raw"
                                on:click=move |_| {
                                    if let Err(e) = download("w365-explorer-saved-data.txt", &raw2, "text/plain") {
                                        state.error(format!("Download failed: {e}"));
                                    }
                                }
                            >
                                "Download the saved text"
                            </button>
                            <button
                                class="button button--danger"
                                data-testid="discard-saved"
                                on:click=move |_| {
                                    match state.discard_unreadable() {
                                        Ok(()) => state.info("The unreadable saved data was discarded."),
                                        Err(e) => state.error(format!("Could not discard: {e}")),
                                    }
                                }
                            >
                                "Discard it and start fresh"
                            </button>
                        </div>
                        <p class="banner__hint">{format!("{} characters saved.", raw.chars().count())}</p>
                    </section>
                }
                .into_any()
            }
            Problem::Unavailable(m) => view! {
                <section class="banner" role="status" data-testid="storage-unavailable">
                    <p>{format!("Browser storage is not available ({m}): your roles and assignments last only while this tab is open.")}</p>
                </section>
            }
            .into_any(),
            Problem::NotSaved(m) => view! {
                <section class="banner banner--error" role="alert" data-testid="storage-not-saved">
                    <p>{format!("Your last change was not saved: {m}.")}</p>
                </section>
            }
            .into_any(),
        })
    }
}
