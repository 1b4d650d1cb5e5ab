//! The objects of a scope-tag scenario: id, type and tags; for a Cloud PC, its
//! Intune device record's tags and its provisioning policy (what the dynamic device
//! group rule names).

use crate::components::show_more::ShowMore;
use crate::components::tag_choice::TagChoice;
use crate::components::tag_list::OnScenario;
use crate::scenario::{same_id, unique, ScenarioEdit, TagObject, TagScenario, OBJECT_TYPES};
use crate::state::new_key;
use leptos::prelude::*;

fn type_options(current: &str) -> impl IntoView {
    let known = OBJECT_TYPES.iter().any(|(k, _)| *k == current);
    view! {
        {OBJECT_TYPES.iter().map(|(k, l)| view! { <option value=*k selected={*k == current}>{*l}</option> }).collect_view()}
        {(!known).then(|| view! { <option value=current.to_string() selected=true>{current.to_string()}</option> })}
    }
}

#[component]
fn ObjectCard(key: String, scenario: Memo<TagScenario>, on_edit: OnScenario) -> impl IntoView {
    let k = StoredValue::new(key);
    let obj = Memo::new(move |_| scenario.with(|s| s.object(&k.get_value()).cloned()));
    let tags = Signal::derive(move || scenario.with(|s| s.tags.clone()));
    let error = RwSignal::new(None::<String>);
    let update = move |f: &dyn Fn(&mut TagObject)| {
        if let Some(mut o) = obj.get_untracked() {
            f(&mut o);
            on_edit.run((vec![ScenarioEdit::UpdateObject(o)], None));
        }
    };
    let id = move || obj.with(|o| o.as_ref().map(|o| o.id.clone()).unwrap_or_default());
    let kind = move || obj.with(|o| o.as_ref().map(|o| o.kind.clone()).unwrap_or_default());
    let is_cpc = move || kind() == "cloudPc";
    let field = move |name: &str| format!("{}-{name}", k.get_value());
    view! {
        <li class="tagcard" data-testid="tag-object" data-id=id>
            <div class="tagcard__head">
                <label class="field">
                    <span>"Id"</span>
                    <input type="text" id=field("id") prop:value=id data-testid="object-id" on:change=move |ev| {
                        let v = event_target_value(&ev).trim().to_string();
                        let taken = scenario.with_untracked(|s| s.objects.iter().find(|o| same_id(&o.id, &v) && o.key != k.get_value()).map(|o| o.id.clone()));
                        if v.is_empty() {
                            error.set(Some("An object needs an id; the old one is kept.".into()));
                        } else if let Some(other) = taken {
                            error.set(Some(format!("Another object is already called “{other}” (ids are compared ignoring letter case); the old id is kept.")));
                        } else {
                            error.set(None);
                            update(&|o| o.id = v.clone());
                            return;
                        }
                        if let Some(t) = ev.target() {
                            use wasm_bindgen::JsCast;
                            if let Ok(input) = t.dyn_into::<web_sys::HtmlInputElement>() {
                                input.set_value(&id());
                            }
                        }
                    }/>
                </label>
                <label class="field">
                    <span>"Type"</span>
                    <select prop:value=kind data-testid="object-type" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|o| {
                            o.kind = v.clone();
                            if v != "cloudPc" {
                                o.device_scope_tags = None;
                                o.provisioning_policy = None;
                            }
                        });
                    }>{move || type_options(&kind())}</select>
                </label>
                <button class="button button--quiet button--small tagcard__remove" aria-label=move || format!("Remove the object {}", id()) data-testid="remove-object" on:click=move |_| {
                    let name = id();
                    on_edit.run((vec![ScenarioEdit::RemoveObjects(vec![k.get_value()])], Some(format!("Removed the object “{name}”."))));
                }>"Remove"</button>
            </div>
            <p class="field__error" role="alert">{move || error.get()}</p>
            <div class="tagcard__tags">
                <span class="tagcard__label">"Scope tags"</span>
                <TagChoice label="Scope tags of the object" tags=tags
                    selected=Signal::derive(move || obj.with(|o| o.as_ref().map(|o| o.scope_tags.clone()).unwrap_or_default()))
                    on_change=Callback::new(move |t: Vec<String>| update(&|o| o.scope_tags = t.clone()))
                    none="none: carries Default" testid="object-tags"/>
            </div>
            {move || is_cpc().then(|| {
                let known = move || obj.with(|o| o.as_ref().is_some_and(|o| o.device_scope_tags.is_some()));
                view! {
                    <div class="tagcard__device">
                        <label class="check">
                            <input type="checkbox" data-testid="device-known" prop:checked=known on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                update(&|o| o.device_scope_tags = on.then(Vec::new));
                            }/>
                            "I know the tags of its Intune device record (All devices)"
                        </label>
                        {move || known().then(|| view! {
                            <div class="tagcard__tags">
                                <span class="tagcard__label">"Device record tags"</span>
                                <TagChoice label="Tags of the Intune device record" tags=tags
                                    selected=Signal::derive(move || obj.with(|o| o.as_ref().and_then(|o| o.device_scope_tags.clone()).unwrap_or_default()))
                                    on_change=Callback::new(move |t: Vec<String>| update(&|o| o.device_scope_tags = Some(t.clone())))
                                    none="none: carries Default" testid="device-tags"/>
                            </div>
                        })}
                        <label class="field">
                            <span>"Its provisioning policy (for the dynamic device group rule)"</span>
                            <input type="text" data-testid="object-policy"
                                prop:value=move || obj.with(|o| o.as_ref().and_then(|o| o.provisioning_policy.clone()).unwrap_or_default())
                                on:change=move |ev| {
                                    let v = event_target_value(&ev).trim().to_string();
                                    update(&|o| o.provisioning_policy = (!v.is_empty()).then(|| v.clone()));
                                }/>
                        </label>
                    </div>
                }
            })}
        </li>
    }
}

/// Object cards drawn before "Show more".
const CARDS: usize = 20;

/// The objects editor.
#[component]
pub fn TagObjects(
    /// The scenario shown.
    scenario: Memo<TagScenario>,
    /// Apply a change.
    on_edit: OnScenario,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let kind = RwSignal::new("cloudPc".to_string());
    let error = RwSignal::new(None::<String>);
    // Cards drawn a page at a time (an imported scenario may hold 2,000 objects).
    let shown = RwSignal::new(CARDS);
    let add = move || {
        let s = scenario.get_untracked();
        let name = draft.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("Type the new object's id first.".into()));
            return;
        }
        if s.objects.len() >= w365_engine::scopetags::MAX_OBJECTS {
            error.set(Some(format!(
                "A scenario holds at most {} objects.",
                w365_engine::scopetags::MAX_OBJECTS
            )));
            return;
        }
        let ids: Vec<String> = s.objects.iter().map(|o| o.id.clone()).collect();
        let k = kind.get_untracked();
        let o = TagObject {
            key: new_key("o"),
            id: unique(&name, &ids),
            device_scope_tags: None,
            provisioning_policy: None,
            scope_tags: Vec::new(),
            kind: k,
        };
        on_edit.run((
            vec![ScenarioEdit::InsertObjects(vec![(s.objects.len(), o)])],
            None,
        ));
        // The added object is drawn even when the list is longer than a page.
        shown.update(|n| *n = (*n).max(s.objects.len() + 1));
        draft.set(String::new());
        error.set(None);
    };
    view! {
        <section class="panel" aria-labelledby="objects-title">
            <h3 id="objects-title">{move || format!("Objects ({})", scenario.with(|s| s.objects.len()))}</h3>
            <ul class="tagcards" data-testid="tag-objects">
                <For each=move || { let n = shown.get(); scenario.with(|s| s.objects.iter().take(n).map(|o| o.key.clone()).collect::<Vec<_>>()) } key=|k| k.clone() let:k>
                    <ObjectCard key=k scenario=scenario on_edit=on_edit/>
                </For>
            </ul>
            <ShowMore total=Signal::derive(move || scenario.with(|s| s.objects.len())) shown=shown page=CARDS noun=" objects" class="button button--quiet" testid="tag-objects-more"/>
            <div class="tagadd">
                <label class="field">
                    <span>"New object's id"</span>
                    <input type="text" data-testid="object-add" placeholder="e.g. CPC-BER-001" prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                </label>
                <label class="field">
                    <span>"Type"</span>
                    <select data-testid="object-add-type" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                        {OBJECT_TYPES.iter().map(|(k, l)| view! { <option value=*k>{*l}</option> }).collect_view()}
                    </select>
                </label>
                <button class="button" data-testid="object-add-button" on:click=move |_| add()>"Add object"</button>
            </div>
            <p class="field__error" role="alert">{move || error.get()}</p>
        </section>
    }
}
