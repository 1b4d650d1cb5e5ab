//! Role assignments: combine roles at scopes (Azure) and tenant-wide (Entra, Cloud
//! PC, Intune), see what the set can do, and ask "can it do X here?".

use crate::components::reasons::Reasons;
use crate::components::status::DecisionBadge;
use crate::env::environment;
use crate::route::use_router;
use crate::state::use_state;
use crate::storage::SavedAssignment;
use leptos::prelude::*;
use w365_engine::evaluate::Query;
use w365_engine::readiness::Status;
use w365_engine::{Plane, Scope};

const SUB: &str = "/subscriptions/00000000-0000-0000-0000-000000000000";

fn presets() -> Vec<(&'static str, Vec<SavedAssignment>)> {
    let a = |role: &str, scope: &str| SavedAssignment {
        role: role.into(),
        scope: scope.into(),
    };
    vec![
        (
            "Windows 365 Administrator + subscription Owner",
            vec![a("Windows 365 Administrator", ""), a("Owner", SUB)],
        ),
        (
            "Windows 365 Administrator + subscription Reader",
            vec![a("Windows 365 Administrator", ""), a("Reader", SUB)],
        ),
        ("Cloud PC Reader (helpdesk)", vec![a("Cloud PC Reader", "")]),
        (
            "Intune Administrator + Contributor",
            vec![a("Intune Administrator", ""), a("Contributor", SUB)],
        ),
    ]
}

/// The assignments view.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let ask = router.param("ask");
    let at = router.param("at");
    let data = router.param("data");
    let env = Memo::new(move |_| crate::state::Shared(std::sync::Arc::new(environment(&state))));
    let edit = move |i: usize, f: &dyn Fn(&mut SavedAssignment)| {
        state.saved.update(|s| {
            if let Some(a) = s.assignments.get_mut(i) {
                f(a);
            }
        });
    };
    let rows = move || {
        let list = state.saved.with(|s| s.assignments.clone());
        let problems = env.with(|e| e.0 .1.clone());
        if list.is_empty() {
            return view! { <p class="empty" data-testid="assignments-empty">"No assignments. Add one, or start from a preset."</p> }.into_any();
        }
        view! {
            <div class="table-wrap"><table class="table assign" data-testid="assignments">
                <thead><tr><th scope="col">"Role"</th><th scope="col">"Scope"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>
                    {list.into_iter().enumerate().map(|(i, a)| {
                        let problem = problems.iter().find(|(j, _)| *j == i).map(|(_, m)| m.clone());
                        let plane = env.with(|e| e.0 .0.roles.resolve(&a.role).ok().and_then(|r| e.0 .0.roles.get(r).map(|x| x.plane())));
                        let tenant = plane.is_some_and(|p| p != Plane::Azure);
                        view! {
                            <tr data-testid="assignment-row">
                                <td>
                                    <label class="visually-hidden" for=format!("ar-{i}")>"Role"</label>
                                    <input id=format!("ar-{i}") type="text" list="all-roles" autocomplete="off" prop:value=a.role.clone()
                                        on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|x: &mut SavedAssignment| x.role = v.clone()); }/>
                                    {problem.map(|m| view! { <p class="field__error" role="alert">{m}</p> })}
                                </td>
                                <td>
                                    <label class="visually-hidden" for=format!("as-{i}")>"Scope"</label>
                                    <input id=format!("as-{i}") type="text" spellcheck="false" disabled=tenant
                                        placeholder=if tenant { "tenant-wide" } else { "/subscriptions/<id>/resourceGroups/<name>" }
                                        prop:value=if tenant { String::new() } else { a.scope.clone() }
                                        on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|x: &mut SavedAssignment| x.scope = v.clone()); }/>
                                </td>
                                <td>
                                    <button class="button button--quiet button--small" aria-label=format!("Remove assignment {}", i + 1) on:click=move |_| {
                                        let mut l = state.saved.get_untracked().assignments;
                                        if i < l.len() {
                                            l.remove(i);
                                            state.set_assignments(l, Some("Assignment removed."));
                                        }
                                    }>"Remove"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        }
        .into_any()
    };
    let answer = move || {
        let action = ask.get();
        if action.trim().is_empty() {
            return None;
        }
        let scope_text = at.get();
        let scope = match scope_text.trim() {
            "" => None,
            s => match Scope::parse(s) {
                Ok(s) => Some(s),
                Err(e) => {
                    return Some(
                        view! { <p class="field__error" role="alert">{e.to_string()}</p> }
                            .into_any(),
                    )
                }
            },
        };
        let q = Query {
            action: action.trim().to_string(),
            data_action: data.get() == "1",
            scope,
            plane: None,
        };
        let e = env.with(|env| env.0 .0.evaluate(&q));
        Some(view! {
            <div class="answer" data-testid="answer" data-decision=e.decision.as_str()>
                <p><DecisionBadge decision=e.decision/>" "<code>{e.action.clone()}</code>{format!(" ({})", e.plane.label())}</p>
                <Reasons reasons=e.reasons/>
            </div>
        }.into_any())
    };
    view! {
        <section class="page">
            <h1>"Assignments"</h1>
            <p class="lead">"Combine roles the way they are assigned: Azure roles at a scope, Entra, Cloud PC and Intune roles tenant-wide. Assignments add up."</p>
            <datalist id="all-roles">
                {move || state.roles.with(|r| r.set.all().map(|(_, role)| view! { <option value=role.name.clone()></option> }).collect_view())}
            </datalist>
            {rows}
            <div class="actions-bar">
                <button class="button" data-testid="add-assignment" on:click=move |_| {
                    let mut l = state.saved.get_untracked().assignments;
                    l.push(SavedAssignment { role: String::new(), scope: SUB.into() });
                    state.set_assignments(l, None);
                }>"Add an assignment"</button>
                {presets().into_iter().map(|(label, list)| view! {
                    <button class="button button--quiet" on:click=move |_| state.set_assignments(list.clone(), Some(&format!("Loaded the preset “{label}”.")))>{format!("Preset: {label}")}</button>
                }).collect_view()}
            </div>
            <p class="summary" data-testid="assignments-summary">
                {move || env.with(|e| {
                    let ctx = w365_engine::readiness::Context::infer(&e.0 .0, None, None, None, None);
                    let results = e.0 .0.operations(&ctx);
                    let ok = results.iter().filter(|r| !r.id.starts_with("permission:") && r.status == Status::Allowed).count();
                    let total = results.iter().filter(|r| !r.id.starts_with("permission:")).count();
                    format!("{} assignments allow {ok} of {total} Windows 365 operations.", e.0 .0.assignments.len())
                })}
                " " <a href="#/operations">"See them all"</a>
            </p>
            <section class="panel" aria-labelledby="ask-title">
                <h2 id="ask-title">"Can it do this here?"</h2>
                <div class="grid2">
                    <label class="field">
                        <span>"Action or permission"</span>
                        <input type="text" spellcheck="false" data-testid="ask-action" placeholder="Microsoft.Authorization/roleAssignments/write"
                            prop:value=move || ask.get() on:input=move |ev| router.replace("ask", &event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>"Scope (Azure)"</span>
                        <input type="text" spellcheck="false" data-testid="ask-scope" placeholder=SUB
                            prop:value=move || at.get() on:input=move |ev| router.replace("at", &event_target_value(&ev))/>
                    </label>
                </div>
                <label class="check">
                    <input type="checkbox" data-testid="ask-data" prop:checked=move || data.get() == "1"
                        on:change=move |ev| router.replace("data", if event_target_checked(&ev) { "1" } else { "" })/>
                    " It is a data action"
                </label>
                {answer}
            </section>
        </section>
    }
}
