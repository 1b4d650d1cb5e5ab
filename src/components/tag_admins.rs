//! The administrators of a scope-tag scenario: each with role assignments (Cloud
//! PC, Intune or Entra roles, built-in or custom) and their scope tags.

use crate::components::tag_choice::TagChoice;
use crate::components::tag_list::OnScenario;
use crate::scenario::{same_id, unique, ScenarioEdit, TagAdmin, TagAssignment, TagScenario};
use crate::state::new_key;
use leptos::prelude::*;

/// The roles an assignment may name, by group: (group label, role names).
pub type RoleChoices = Memo<Vec<(&'static str, Vec<String>)>>;

fn role_options(choices: &[(&'static str, Vec<String>)], current: &str) -> impl IntoView {
    let known = choices
        .iter()
        .any(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(current)));
    view! {
        {choices.iter().map(|(label, names)| view! {
            <optgroup label=*label>{names.iter().map(|n| view! { <option value=n.clone() selected=n.eq_ignore_ascii_case(current)>{n.clone()}</option> }).collect_view()}</optgroup>
        }).collect_view()}
        {(!known).then(|| view! { <option value=current.to_string() selected=true>{format!("{current} (unknown role)")}</option> })}
    }
}

#[component]
fn AdminCard(
    key: String,
    scenario: Memo<TagScenario>,
    on_edit: OnScenario,
    choices: RoleChoices,
) -> impl IntoView {
    let k = StoredValue::new(key);
    let admin = Memo::new(move |_| scenario.with(|s| s.admin(&k.get_value()).cloned()));
    let tags = Signal::derive(move || scenario.with(|s| s.tags.clone()));
    let error = RwSignal::new(None::<String>);
    let update = move |f: &dyn Fn(&mut TagAdmin)| {
        if let Some(mut a) = admin.get_untracked() {
            f(&mut a);
            on_edit.run((vec![ScenarioEdit::UpdateAdmin(a)], None));
        }
    };
    let name = move || admin.with(|a| a.as_ref().map(|a| a.name.clone()).unwrap_or_default());
    // Rows are keyed by position; each row reads its assignment from the admin, so a
    // change keeps the row (and the focus) where it is.
    let positions = Memo::new(move |_| {
        let n = admin.with(|a| a.as_ref().map_or(0, |a| a.assignments.len()));
        (0..n).collect::<Vec<usize>>()
    });
    let assignment =
        move |i: usize| admin.with(|a| a.as_ref().and_then(|a| a.assignments.get(i).cloned()));
    view! {
        <li class="tagcard" data-testid="tag-admin" data-name=name>
            <div class="tagcard__head">
                <label class="field">
                    <span>"Name"</span>
                    <input type="text" prop:value=name data-testid="admin-name" on:change=move |ev| {
                        let v = event_target_value(&ev).trim().to_string();
                        let taken = scenario.with_untracked(|s| s.admins.iter().any(|a| same_id(&a.name, &v) && a.key != k.get_value()));
                        if v.is_empty() || taken {
                            error.set(Some(if v.is_empty() { "An administrator needs a name; the old one is kept.".to_string() } else { format!("Another administrator is already called “{v}”; the old name is kept.") }));
                            if let Some(t) = ev.target() {
                                use wasm_bindgen::JsCast;
                                if let Ok(input) = t.dyn_into::<web_sys::HtmlInputElement>() {
                                    input.set_value(&name());
                                }
                            }
                        } else {
                            error.set(None);
                            update(&|a| a.name = v.clone());
                        }
                    }/>
                </label>
                <button class="button button--quiet button--small tagcard__remove" aria-label=move || format!("Remove the administrator {}", name()) data-testid="remove-admin" on:click=move |_| {
                    let n = name();
                    on_edit.run((vec![ScenarioEdit::RemoveAdmins(vec![k.get_value()])], Some(format!("Removed the administrator “{n}”."))));
                }>"Remove"</button>
            </div>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <ul class="tagassign">
                <For each=move || positions.get() key=|i| *i let:i>
                    {
                        let role = move || assignment(i).map(|a| a.role).unwrap_or_default();
                        view! {
                            <li class="tagassign__row" data-testid="admin-assignment">
                                <label class="field">
                                    <span>{format!("Role {}", i + 1)}</span>
                                    <select data-testid="assignment-role" prop:value=role on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        update(&|a| if let Some(x) = a.assignments.get_mut(i) { x.role = v.clone(); });
                                    }>{move || { let r = role(); choices.with(|c| role_options(c, &r)) }}</select>
                                </label>
                                <div class="tagcard__tags">
                                    <span class="tagcard__label">"Scope tags"</span>
                                    <TagChoice label=format!("Scope tags of role assignment {}", i + 1) tags=tags
                                        selected=Signal::derive(move || assignment(i).map(|a| a.scope_tags).unwrap_or_default())
                                        on_change=Callback::new(move |t: Vec<String>| update(&|a| if let Some(x) = a.assignments.get_mut(i) { x.scope_tags = t.clone(); }))
                                        none="none: sees every object" testid="assignment-tags"/>
                                </div>
                                <button class="button button--quiet button--small" aria-label=format!("Remove role assignment {}", i + 1) on:click=move |_| {
                                    update(&|a| if i < a.assignments.len() { a.assignments.remove(i); });
                                }>"Remove role"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button class="button button--quiet button--small" data-testid="admin-add-assignment" on:click=move |_| {
                update(&|a| a.assignments.push(TagAssignment { role: "Cloud PC Reader".into(), scope_tags: Vec::new() }));
            }>"Add a role assignment"</button>
        </li>
    }
}

/// The administrators editor.
#[component]
pub fn TagAdmins(
    /// The scenario shown.
    scenario: Memo<TagScenario>,
    /// Apply a change.
    on_edit: OnScenario,
    /// The roles an assignment may name.
    choices: RoleChoices,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move || {
        let s = scenario.get_untracked();
        let name = draft.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("Type the new administrator's name first.".into()));
            return;
        }
        let names: Vec<String> = s.admins.iter().map(|a| a.name.clone()).collect();
        let a = TagAdmin {
            key: new_key("d"),
            name: unique(&name, &names),
            assignments: vec![TagAssignment {
                role: "Cloud PC Reader".into(),
                scope_tags: Vec::new(),
            }],
        };
        on_edit.run((
            vec![ScenarioEdit::InsertAdmins(vec![(s.admins.len(), a)])],
            None,
        ));
        draft.set(String::new());
        error.set(None);
    };
    view! {
        <section class="panel" aria-labelledby="admins-title">
            <h3 id="admins-title">{move || format!("Administrators ({})", scenario.with(|s| s.admins.len()))}</h3>
            <ul class="tagcards" data-testid="tag-admins">
                <For each=move || scenario.with(|s| s.admins.iter().map(|a| a.key.clone()).collect::<Vec<_>>()) key=|k| k.clone() let:k>
                    <AdminCard key=k scenario=scenario on_edit=on_edit choices=choices/>
                </For>
            </ul>
            <div class="tagadd">
                <label class="field">
                    <span>"New administrator's name"</span>
                    <input type="text" data-testid="admin-add" placeholder="e.g. Berlin helpdesk" prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                </label>
                <button class="button" data-testid="admin-add-button" on:click=move |_| add()>"Add administrator"</button>
            </div>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </section>
    }
}
