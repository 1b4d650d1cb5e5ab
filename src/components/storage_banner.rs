//! What went wrong with browser storage, and what the user can do about it.

use crate::components::rich::Rich;
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
                let confirming = RwSignal::new(false);
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
                                aria-expanded=move || confirming.get().to_string()
                                on:click=move |_| confirming.set(true)
                            >
                                "Discard it and start fresh"
                            </button>
                        </div>
                        // Discarding cannot be undone: it asks once more (an outside
                        // review: one click deleted the saved text for good).
                        <Show when=move || confirming.get()>
                            <p data-testid="discard-confirm-text"><strong>"The saved text is deleted for good:"</strong>" download it first to keep a copy."</p>
                            <div class="banner__actions">
                                <button
                                    class="button button--danger"
                                    data-testid="discard-confirm"
                                    on:click=move |_| {
                                        match state.discard_unreadable() {
                                            Ok(()) => state.info("The unreadable saved data was discarded."),
                                            Err(e) => state.error(format!("Could not discard: {e}")),
                                        }
                                    }
                                >
                                    "Discard for good"
                                </button>
                                <button class="button" data-testid="discard-cancel" on:click=move |_| confirming.set(false)>"Keep it"</button>
                            </div>
                        </Show>
                        {move || state.unsaved_while_locked.get().then(|| view! {
                            <p data-testid="storage-unsaved-work"><strong>"Your changes since are not saved either:"</strong>" they last only while this tab is open. Download them before you reload or close it, or discard the unreadable data to save again."</p>
                            <div class="banner__actions">
                                <button class="button" data-testid="download-unsaved" on:click=move |_| download_work(state)>"Download your work"</button>
                            </div>
                        })}
                        <p class="banner__hint">{format!("The saved text that could not be read holds {} characters.", raw.chars().count())}</p>
                    </section>
                }
                .into_any()
            }
            Problem::Recovered { skipped, backup, raw } => recovered(skipped, backup, raw),
            Problem::Unavailable(m) => view! {
                <section class="banner" role="status" data-testid="storage-unavailable">
                    <p><Rich text=format!("Browser storage is not available ({m}): your roles and assignments last only while this tab is open.")/></p>
                </section>
            }
            .into_any(),
            Problem::NotSaved(m) => view! {
                <section class="banner banner--error" role="alert" data-testid="storage-not-saved">
                    <p><Rich text=format!("Your last change was not saved: {m}.")/></p>
                    // What is only in this tab can be kept in a file (an outside
                    // review: 4.9 MB imported, then gone on reload).
                    <div class="banner__actions">
                        <button class="button" data-testid="download-unsaved" on:click=move |_| download_work(state)>"Download your work"</button>
                    </div>
                    <p class="banner__hint">"The custom roles and assignments of this tab in one request file: Compose imports its roles again, and the command line reads it whole ("<code>"w365-perms report --input"</code>"); the assignments are to add again by hand, and a scope-tag scenario is not in it."</p>
                </section>
            }
            .into_any(),
        })
    }
}

/// The tab's custom roles and assignments in one request file.
fn download_work(state: crate::state::AppState) {
    let text = state
        .ws
        .with_untracked(crate::pages::tenant::design_request);
    if let Err(e) = download("w365-explorer-work.json", &text, "application/json") {
        state.error(format!("Download failed: {e}"));
    }
}

/// Items listed in the banner before "and N more".
const LISTED: usize = 8;

/// Part of the saved data could not be read (or a backup of such data is kept):
/// what was left out, and the text as it was to download or delete.
fn recovered(skipped: Vec<String>, backup: String, raw: String) -> AnyView {
    let state = use_state();
    let (title, lead) = if skipped.is_empty() {
        (
            "A copy of earlier saved data is kept",
            "Part of the data saved in this browser could not be read when the app last opened it. Everything else was opened, and the saved text as it was is kept here until you delete it.".to_string(),
        )
    } else {
        (
            "Part of your saved data could not be read",
            format!(
                "{} could not be read and {} left out; everything else is open and saving goes on. The saved text as it was is kept in this browser until you delete it:",
                if skipped.len() == 1 { "One item".to_string() } else { format!("{} items", skipped.len()) },
                if skipped.len() == 1 { "is" } else { "are" }
            ),
        )
    };
    let more = skipped.len().saturating_sub(LISTED);
    let items: Vec<_> = skipped
        .into_iter()
        .take(LISTED)
        .map(|s| view! { <li><Rich text=s/></li> })
        .collect();
    let chars = raw.chars().count();
    view! {
        <section class="banner" role="status" data-testid="storage-recovered">
            <h2 class="banner__title">{title}</h2>
            <p>{lead}</p>
            <ul class="banner__list" data-testid="storage-skipped">{items}</ul>
            {(more > 0).then(|| view! { <p class="banner__hint">{format!("and {more} more (all of them are in the saved text).")}</p> })}
            <div class="banner__actions">
                <button
                    class="button"
                    data-testid="download-backup"
                    on:click=move |_| {
                        if let Err(e) = download("w365-explorer-saved-data-as-it-was.txt", &raw, "text/plain") {
                            state.error(format!("Download failed: {e}"));
                        }
                    }
                >
                    "Download the saved text as it was"
                </button>
                <button
                    class="button button--danger"
                    data-testid="delete-backup"
                    on:click=move |_| {
                        match state.delete_backup(&backup) {
                            Ok(()) => state.info("The copy of the earlier saved data was deleted."),
                            Err(e) => state.error(format!("Could not delete the copy: {e}")),
                        }
                    }
                >
                    "Delete the copy"
                </button>
                <button
                    class="button"
                    data-testid="hide-recovered"
                    on:click=move |_| state.problem.set(None)
                >
                    "Hide"
                </button>
            </div>
            <p class="banner__hint">{format!("{chars} characters kept.")}</p>
        </section>
    }
    .into_any()
}
