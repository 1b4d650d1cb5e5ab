//! Pick a role by typing its name (built-in or custom), with suggestions.

use crate::state::use_state;
use leptos::prelude::*;

/// A text input with the names of every role as suggestions.
#[component]
pub fn RolePicker(
    /// The chosen reference.
    value: RwSignal<String>,
    /// Label.
    #[prop(into)]
    label: String,
    /// Element id (for the datalist).
    id: &'static str,
    /// Test hook.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let state = use_state();
    let list_id = format!("{id}-roles");
    let options = move || {
        state.roles.with(|r| {
            r.all().map(|(_, role)| view! { <option value=role.name.clone()>{role.kind.label()}</option> }).collect_view()
        })
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                id=id
                type="text"
                list=list_id.clone()
                autocomplete="off"
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <datalist id=list_id>{options}</datalist>
        </label>
    }
}
