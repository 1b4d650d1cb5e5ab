//! The minimal custom role: from Azure actions (or patterns) or from Windows 365
//! operations, the smallest role that grants exactly what is wanted, each
//! wildcard with its proof from the catalog, linted, one click from Compose.

use crate::components::lint_panel::LintPanel;
use crate::components::rich::Rich;
use crate::dom::count;
use crate::later::later;
use crate::route::{use_router, Route, View};
use crate::state::{cat, new_id, use_state};
use crate::workspace::{CustomRole, Edit};
use leptos::prelude::*;
use w365_engine::minimal::{azure_role, for_operations, wanted, MinimalRole, Options};
use w365_engine::windows365::OperationKind;

fn lines_of(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One minimal role: its lines with their proofs, lint, and "open in Compose".
#[component]
fn Result(m: MinimalRole, label: &'static str) -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let role = m.role.clone();
    let diagnostics = m.diagnostics.clone();
    let wildcards = m.wildcards;
    view! {
        <section class="panel minimal__result" data-testid="minimal-result" data-plane=m.plane.label()>
            <h2>{format!("{label}: {}", count(m.lines.len(), "line", "lines"))}</h2>
            <p class="muted">{format!("{} wanted, granted exactly; {}.", count(m.requested, "operation", "operations"), if wildcards == 0 { "written as exact names".to_string() } else { format!("{} proved by the catalog", count(wildcards, "wildcard", "wildcards")) })}</p>
            <ol class="minimal__lines">
                {m.lines.into_iter().map(|l| view! {
                    <li data-testid="minimal-line">
                        <code>{l.pattern.clone()}</code>" "<span class="tag tag--quiet">{l.list}</span>
                        {l.proof.map(|p| view! {
                            <details class="minimal__proof">
                                <summary>{format!("Why this wildcard grants nothing more ({})", crate::dom::count(p.matches.len(), "match", "matches"))}</summary>
                                <p><Rich text=p.statement/></p>
                                <ul class="patterns">{p.matches.into_iter().map(|x| view! { <li><code>{x}</code></li> }).collect_view()}</ul>
                            </details>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            <LintPanel diagnostics=Signal::stored(diagnostics)/>
            <button class="button" data-testid="minimal-open" on:click=move |_| {
                let id = new_id();
                let name = role.name.clone();
                state.edit_announced(Edit::PutRole(CustomRole::new(id.clone(), role.clone())), format!("Saved the minimal role “{name}”."));
                router.go(Route::to(View::Compose).with("role", &id));
            }>"Open in Compose"</button>
        </section>
    }
}

/// The minimal-role view.
#[component]
pub fn MinimalPage() -> impl IntoView {
    let router = use_router();
    let actions = router.param("a");
    let data = router.param("d");
    let ops = router.param("ops");
    let exact = router.param("exact");
    let scope = router.param("scope");
    // The boxes answer as you type (browser review of 2026-12-06: only on leaving
    // them; the scope box too, review of 2026-12-07). Each keeps its text as typed (a line being written, a blank line) while
    // the address holds the lines; an address changed otherwise (back, a link)
    // writes its lines into the box.
    let typed = |param: Memo<String>| {
        let text = RwSignal::new(param.get_untracked().replace(',', "\n"));
        Effect::new(move |_| {
            let lines = param.get();
            if text.with_untracked(|t| lines_of(t).join(",")) != lines {
                text.set(lines.replace(',', "\n"));
            }
        });
        text
    };
    let typed_actions = typed(actions);
    let typed_data = typed(data);
    let type_lines = move |text: RwSignal<String>, key: &str, value: String| {
        let lines = lines_of(&value).join(",");
        text.set(value);
        router.type_in(key, &lines);
    };
    let options = Memo::new(move |_| Options {
        name: None,
        assignable_scopes: Some(scope.get())
            .filter(|s| !s.trim().is_empty())
            .map(|s| vec![s.trim().to_string()])
            .unwrap_or_default(),
        exact_only: exact.get() == "1",
    });
    let listed = Memo::new(move |_| {
        let mut list: Vec<(String, bool)> = lines_of(&actions.get())
            .into_iter()
            .map(|a| (a, false))
            .collect();
        list.extend(lines_of(&data.get()).into_iter().map(|a| (a, true)));
        list
    });
    // A list of hundreds (a long link) is answered a task after the view is drawn.
    let settled = later(listed, |l: &Vec<(String, bool)>| l.len() > 200, 1);
    let from_actions = Memo::new(move |_| {
        let list = settled.get()?;
        if list.is_empty() {
            return None;
        }
        let (want, unknown) = wanted(cat(), &list);
        Some((azure_role(cat(), &want, &options.get()), unknown))
    });
    let chosen = Memo::new(move |_| lines_of(&ops.get()));
    let from_ops = Memo::new(move |_| {
        let ids = chosen.get();
        let list: Vec<_> = ids
            .iter()
            .filter_map(|id| cat().windows365.operation(id))
            .collect();
        (!list.is_empty()).then(|| for_operations(cat(), &list, &options.get()))
    });
    let tasks: Vec<(String, String)> = cat()
        .windows365
        .operations
        .iter()
        .filter(|o| o.kind() == OperationKind::Task)
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let toggle = move |id: String, on: bool| {
        let mut list = chosen.get_untracked();
        list.retain(|x| *x != id);
        if on {
            list.push(id);
        }
        router.replace("ops", &list.join(","));
    };
    view! {
        <section class="page minimal">
            <h1>"Minimal custom role"</h1>
            <p class="lead">"List what the role must do; get the smallest custom role that grants exactly that: exact names, or a wildcard only where the catalog proves it adds nothing more."</p>
            <div class="grid2">
                <section class="panel" aria-labelledby="min-actions">
                    <h2 id="min-actions">"From Azure actions"</h2>
                    <label class="field">
                        <span>"Actions or patterns (one per line)"</span>
                        <textarea rows="6" spellcheck="false" wrap="off" data-testid="minimal-actions" prop:value=move || typed_actions.get()
                            on:input=move |ev| type_lines(typed_actions, "a", event_target_value(&ev))></textarea>
                    </label>
                    <label class="field">
                        <span>"Data actions (one per line)"</span>
                        <textarea rows="3" spellcheck="false" data-testid="minimal-data" prop:value=move || typed_data.get()
                            on:input=move |ev| type_lines(typed_data, "d", event_target_value(&ev))></textarea>
                    </label>
                    <label class="field">
                        <span>"Assignable scope"</span>
                        <input type="text" spellcheck="false" placeholder="/subscriptions/<id>" data-testid="minimal-scope" prop:value=move || scope.get() on:input=move |ev| router.type_in("scope", &event_target_value(&ev))/>
                    </label>
                    <label class="check"><input type="checkbox" data-testid="minimal-exact" prop:checked=move || exact.get() == "1" on:change=move |ev| router.replace("exact", if event_target_checked(&ev) { "1" } else { "" })/>" Exact names only (no wildcard, so future operations are never granted)"</label>
                </section>
                <section class="panel" aria-labelledby="min-ops">
                    <h2 id="min-ops">"From Windows 365 operations"</h2>
                    <ul class="minimal__ops">
                        {tasks.into_iter().map(|(id, name)| {
                            let id2 = id.clone();
                            view! { <li><label class="check"><input type="checkbox" data-op=id.clone() prop:checked=move || chosen.with(|c| c.contains(&id2)) on:change=move |ev| toggle(id.clone(), event_target_checked(&ev))/>" " {name}</label></li> }
                        }).collect_view()}
                    </ul>
                    {move || {
                        // Cloud PC permissions moved here from the actions box.
                        let perms: Vec<(String, String)> = chosen.get().into_iter().filter_map(|id| {
                            let o = cat().windows365.operation(&id).filter(|o| o.kind() == OperationKind::Permission)?;
                            Some((id, o.name.clone()))
                        }).collect();
                        (!perms.is_empty()).then(|| view! {
                            <p data-testid="minimal-permissions">"Cloud PC permissions: "
                                {perms.into_iter().map(|(id, name)| view! {
                                    <button class="button button--quiet" aria-label=format!("Remove {name}") on:click=move |_| toggle(id.clone(), false)>{format!("{name} ✕")}</button>" "
                                }).collect_view()}
                            </p>
                        })
                    }}
                </section>
            </div>
            {move || from_actions.get().map(|(m, unknown)| {
                // A Cloud PC permission typed as an action is answered where Cloud PC
                // roles are (browser review of 2026-12-06: "matches nothing").
                // Only those an operation answers for (one in the permission table):
                // an observed-only or retired permission stays "matches nothing".
                // (as typed, the permission's name, its operation's id)
                let mut found: Vec<(String, String, String)> = Vec::new();
                let unknown: Vec<String> = unknown.into_iter().filter(|a| match cat().windows365.permission_operation(a) {
                    Some((p, o)) => { found.push((a.clone(), p.name.clone(), o.id.clone())); false }
                    None => true,
                }).collect();
                let cloud: Vec<String> = found.iter().map(|f| f.0.clone()).collect();
                let names: Vec<String> = found.iter().map(|f| f.1.clone()).collect();
                let op_ids: Vec<String> = found.into_iter().map(|f| f.2).collect();
                let said = match names.as_slice() {
                    [] => String::new(),
                    [one] => format!("“{}” is the Cloud PC permission {one}, granted by Cloud PC or Microsoft Entra roles, not an Azure operation. ", cloud.first().map(String::as_str).unwrap_or_default()),
                    many => format!("{} lines are Cloud PC permissions ({}), granted by Cloud PC or Microsoft Entra roles, not Azure operations. ", many.len(), crate::dom::first_and_more(many, 5, str::to_string)),
                };
                let to_cloud_pc = move |_| {
                    let mut ops = chosen.get_untracked();
                    for id in &op_ids {
                        if !ops.contains(id) {
                            ops.push(id.clone());
                        }
                    }
                    // From both boxes: a Cloud PC permission may be typed as a data action too.
                    for (key, param) in [("a", actions), ("d", data)] {
                        let left: Vec<String> = lines_of(&param.get_untracked()).into_iter().filter(|a| !cloud.contains(a)).collect();
                        router.replace(key, &left.join(","));
                    }
                    router.replace("ops", &ops.join(","));
                };
                view! {
                    {(!unknown.is_empty()).then(|| view! { <p class="field__error" role="status" data-testid="minimal-unknown">{unknown_text(&unknown)}</p> })}
                    {suggestions(&unknown).map(|t| view! { <p class="muted" data-testid="minimal-suggest"><crate::components::rich::Rich text=t/></p> })}
                    {(!said.is_empty()).then(|| view! {
                        <p class="banner" data-testid="minimal-cloudpc">
                            {said}
                            <button class="button" data-testid="minimal-to-cloudpc" on:click=to_cloud_pc>"Make a minimal Cloud PC role instead"</button>
                        </p>
                    })}
                    {(!m.lines.is_empty()).then(|| view! { <Result m=m label="Azure custom role"/> })}
                }
            })}
            {move || from_ops.get().map(|o| view! {
                {o.cloud_pc.map(|m| view! { <Result m=m label="Cloud PC custom role"/> })}
                {o.intune.map(|m| view! { <Result m=m label="Intune custom role"/> })}
                {o.azure.map(|m| view! { <Result m=m label="Azure custom role"/> })}
                {(!o.also_needs.is_empty()).then(|| view! {
                    <section class="panel" data-testid="minimal-also">
                        <h2>"Also needed, which no custom role can hold"</h2>
                        <ul>{o.also_needs.into_iter().map(|a| view! { <li><Rich text=a.requirement/><span class="muted">{format!(" ({})", w365_engine::text::attributed(&a.operation, &a.says, a.summary))}</span></li> }).collect_view()}</ul>
                    </section>
                })}
            })}
        </section>
    }
}

/// Unknown actions named in the message; the rest are counted.
const UNKNOWN_LISTED: usize = 20;

/// "Matches nothing in the catalog: …" with at most [`UNKNOWN_LISTED`] names.
fn unknown_text(unknown: &[String]) -> String {
    format!(
        "Matches nothing in the catalog: {}",
        crate::dom::first_and_more(unknown, UNKNOWN_LISTED, crate::components::rich::clip_words)
    )
}

/// "Did you mean" for the first few unknown names, as Compose offers it (an
/// outside review: a misspelt action here got none), within the engine's budget.
fn suggestions(unknown: &[String]) -> Option<String> {
    let budget = w365_engine::fuzzy::Budget::new(3);
    let near: Vec<String> = unknown
        .iter()
        .take(3)
        .filter_map(|u| {
            w365_engine::fuzzy::suggest_operation_within(crate::state::cat(), u, false, &budget)
                .map(|s| format!("`{s}` for `{}`", crate::components::rich::clip_words(u)))
        })
        .collect();
    (!near.is_empty()).then(|| format!("Did you mean {}?", near.join(", ")))
}
