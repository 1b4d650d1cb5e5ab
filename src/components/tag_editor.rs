//! For scope-tag exercises: the scenario's objects and their tags, and the student's
//! own role assignments with their scope tags, which the student edits.

use crate::training::{use_training, with_tags};
use leptos::prelude::*;

/// The scope-tag editor of the training workspace.
#[component]
pub fn TagEditor() -> impl IntoView {
    let training = use_training();
    move || {
        let t = training.tags.get()?;
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
                                    let v = event_target_value(&ev);
                                    if let Some(mut t) = training.tags.get_untracked() {
                                        if let Some(x) = t.assignments.get(i) {
                                            t.assignments[i] = with_tags(x, &v);
                                            training.set_tags(Some(t));
                                        }
                                    }
                                }
                            />
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="tag-editor" aria-labelledby="tags-title" data-testid="tag-editor">
                <h3 id="tags-title">"Scope tags"</h3>
                <div class="table-wrap">
                    <table class="table">
                        <caption>"Objects in the tenant"</caption>
                        <thead><tr><th scope="col">"Object"</th><th scope="col">"Type"</th><th scope="col">"Scope tags"</th></tr></thead>
                        <tbody>{objects}</tbody>
                    </table>
                </div>
                <div class="table-wrap">
                    <table class="table">
                        <caption>"Your role assignments (scope tags separated by commas; none: sees every object)"</caption>
                        <thead><tr><th scope="col">"Role"</th><th scope="col">"Scope tags"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        })
    }
}
