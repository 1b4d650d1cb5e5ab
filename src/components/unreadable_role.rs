//! A saved role whose definition cannot be read: its name when the text still
//! shows it, what is wrong, and its text to mend and read again or to download.

use crate::dom::download;
use crate::state::use_state;
use crate::storage::read_role;
use crate::workspace::{BrokenRole, Edit};
use leptos::prelude::*;

/// The editor of an unreadable role.
#[component]
pub fn UnreadableRole(
    /// The id of a role of `Workspace::broken`.
    id: String,
) -> impl IntoView {
    let state = use_state();
    let id = StoredValue::new(id);
    let broken = Memo::new(move |_| {
        state
            .ws
            .with(|w| w.broken.iter().find(|b| b.id == id.get_value()).cloned())
    });
    let text = RwSignal::new(
        broken.with_untracked(|b| b.as_ref().map(|b| b.definition.clone()).unwrap_or_default()),
    );
    let failure = RwSignal::new(None::<String>);
    let read_again = move |_| {
        let t = text.get_untracked();
        match read_role(&id.get_value(), &t) {
            Ok(role) => {
                let name = role.role.name.clone();
                state.edit_announced(
                    Edit::Batch(vec![
                        Edit::RemoveBroken(id.get_value()),
                        Edit::PutRole(role),
                    ]),
                    format!("“{name}” was read and is saved."),
                );
                failure.set(None);
            }
            Err(e) => {
                // The mended text is kept (saved), though still not readable.
                let pos = state
                    .ws
                    .with_untracked(|w| w.broken.iter().position(|b| b.id == id.get_value()));
                if let (Some(pos), Some(old)) = (pos, broken.get_untracked()) {
                    if old.definition != t {
                        state.edit(Edit::Batch(vec![
                            Edit::RemoveBroken(id.get_value()),
                            Edit::RestoreBroken(
                                BrokenRole {
                                    definition: t,
                                    error: e.clone(),
                                    ..old
                                },
                                pos,
                            ),
                        ]));
                    }
                }
                failure.set(Some(e));
            }
        }
    };
    view! {
        <div class="editor" data-testid="unreadable-role">
            <h2>{move || match broken.with(|b| b.as_ref().and_then(|b| b.name_hint())) {
                Some(n) => format!("{n} (unreadable definition)"),
                None => "Unreadable definition".to_string(),
            }}</h2>
            <p class="import__message import__message--error" role="alert">
                {move || format!("The saved definition cannot be read: {}", broken.with(|b| b.as_ref().map(|b| b.error.clone()).unwrap_or_default()))}
            </p>
            <p>"Its text is kept as it was saved. Mend it here and read it again, or download it."</p>
            <label class="field">
                <span>"Saved text"</span>
                <textarea rows="12" spellcheck="false" data-testid="unreadable-text"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            {move || failure.get().map(|e| view! { <p class="import__message import__message--error" role="alert" data-testid="unreadable-still">{format!("Still not readable: {e}")}</p> })}
            <div class="banner__actions">
                <button class="button" data-testid="unreadable-read" on:click=read_again>"Read it again"</button>
                <button class="button" data-testid="unreadable-download"
                    on:click=move |_| {
                        if let Err(e) = download("w365-explorer-unreadable-role.txt", &text.get_untracked(), "text/plain") {
                            state.error(format!("Download failed: {e}"));
                        }
                    }>"Download the text"</button>
            </div>
        </div>
    }
}
