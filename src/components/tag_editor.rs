//! For scope-tag exercises: the scenario's objects and their tags, and the student's
//! own role assignments with their scope tags, which the student edits. The rows are
//! the Intune, Cloud PC and Entra roles the training workspace assigns
//! ([`aligned`]): a role changed under Assignments is the row shown here.

use crate::state::use_state;
use crate::training::{aligned, use_training};
use leptos::prelude::*;

/// The scope-tag editor of the training workspace.
#[component]
pub fn TagEditor() -> impl IntoView {
    let training = use_training();
    let state = use_state();
    move || {
        let given = training.tags.get()?;
        let roles = state.roles.get();
        let t = state
            .assignments
            .with(|rows| aligned(rows, &roles.0, &given));
        let empty = t.assignments.is_empty();
        let objects = t
            .objects
            .iter()
            .map(|o| {
                view! {
                    <tr>
                        <td><code>{o.id.clone()}</code></td>
                        <td>{o.kind.as_str()}</td>
                        <td>{if o.scope_tags.is_empty() { "(none: Default)".to_string() } else { o.scope_tags.join(", ") }}</td>
                    </tr>
                }
            })
            .collect_view();
        let rows = t
            .assignments
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let tags = a.scope_tags.join(", ");
                let label = format!("Scope tags of {}", a.role);
                let role = a.role.clone();
                view! {
                    <tr>
                        <td>{a.role.clone()}</td>
                        <td>
                            <input
                                class="field__input"
                                aria-label=label
                                data-testid=format!("tag-input-{i}")
                                prop:value=tags
                                on:change=move |ev| {
                                    training.set_role_tags(state, &role, &event_target_value(&ev));
                                }
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let none = empty.then(|| view! {
            <p class="muted" data-testid="tag-editor-none">"Your training workspace assigns no Intune, Cloud PC or Entra role: assign one under "<a href="#/assignments">"Assignments"</a>" and give it its scope tags here."</p>
        });
        Some(view! {
            <section class="tag-editor" aria-labelledby="tags-title" data-testid="tag-editor">
                <h3 id="tags-title">"Scope tags"</h3>
                <div class="table-wrap" tabindex="0">
                    <table class="table">
                        <caption>"Objects in the tenant"</caption>
                        <thead><tr><th scope="col">"Object"</th><th scope="col">"Type"</th><th scope="col">"Scope tags"</th></tr></thead>
                        <tbody>{objects}</tbody>
                    </table>
                </div>
                <div class="table-wrap" tabindex="0">
                    <table class="table">
                        <caption>"Your Intune, Cloud PC and Entra role assignments, as under Assignments (scope tags separated by commas; none: sees every object)"</caption>
                        <thead><tr><th scope="col">"Role"</th><th scope="col">"Scope tags"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {none}
            </section>
        })
    }
}
