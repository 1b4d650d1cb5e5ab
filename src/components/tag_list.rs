//! The scope tags of a scenario: define one, remove one (off every object and
//! assignment too, undoable).

use crate::scenario::{ScenarioEdit, TagScenario};
use leptos::prelude::*;

/// Apply edits to the scenario as one action; with a text, announce it with undo.
pub type OnScenario = Callback<(Vec<ScenarioEdit>, Option<String>)>;

/// Longest tag name read (Intune's display names are short).
pub const MAX_TAG_LEN: usize = 128;

/// Check a new tag's name against the scenario; the error says why it is refused.
pub fn check_tag(s: &TagScenario, name: &str) -> Result<String, String> {
    let t = name.trim();
    if t.is_empty() {
        return Err("Type a tag name first.".into());
    }
    if t.chars().count() > MAX_TAG_LEN {
        return Err(format!("A tag name is at most {MAX_TAG_LEN} characters."));
    }
    if s.has_tag(t) {
        return Err(format!("“{t}” is already defined."));
    }
    if s.tags.len() >= w365_engine::scopetags::MAX_TAGS {
        return Err(format!(
            "Intune allows at most {} scope tags here.",
            w365_engine::scopetags::MAX_TAGS
        ));
    }
    Ok(t.to_string())
}

/// The tags editor.
#[component]
pub fn TagList(
    /// The scenario shown.
    scenario: Memo<TagScenario>,
    /// Apply a change.
    on_edit: OnScenario,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move || {
        let s = scenario.get_untracked();
        match check_tag(&s, &draft.get_untracked()) {
            Ok(t) => {
                on_edit.run((
                    vec![ScenarioEdit::InsertTags(vec![(s.tags.len(), t)])],
                    None,
                ));
                draft.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <section class="panel" aria-labelledby="tags-title" data-testid="tag-list">
            <h3 id="tags-title">"Scope tags"</h3>
            <p class="muted">"An object without tags carries "<code>"Default"</code>"; an assignment without tags sees every object."</p>
            <ul class="inline-list">
                <For each=move || scenario.with(|s| s.tags.clone()) key=|t| t.clone() let:t>
                    {
                        let t2 = t.clone();
                        view! {
                            <li data-testid="tag">{t.clone()}" "
                                <button class="button button--quiet button--small" aria-label=format!("Remove the tag {t}") on:click=move |_| {
                                    let edits = scenario.with_untracked(|s| s.remove_tag_edits(&t2));
                                    on_edit.run((edits, Some(format!("Removed the tag “{t2}” from the scenario."))));
                                }>"×"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <div class="plist__add">
                <label class="visually-hidden" for="tag-add">"New scope tag"</label>
                <input id="tag-add" type="text" placeholder="New tag, e.g. Berlin" data-testid="tag-add"
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }
                    aria-describedby="tag-add-error"/>
                <button class="button button--small" data-testid="tag-add-button" on:click=move |_| add()>"Add tag"</button>
            </div>
            <p id="tag-add-error" class="field__error" role="alert">{move || error.get()}</p>
        </section>
    }
}
