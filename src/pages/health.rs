//! Azure network connection health checks: paste a Graph `errorType` code or pick a
//! failed check, and read what it means, what fixes it and who must act (the
//! Windows 365 first-party app receives the roles, not the admin). From the fix, one
//! click adds the satisfying assignments to the workspace (undoable) or opens the
//! two-person recipe: the exact `az` and PowerShell commands a network admin runs so
//! that the Intune admin needs only Cloud PC permissions and Subscription Reader.

use crate::components::copy_block::CopyBlock;
use crate::components::rich::Rich;
use crate::route::use_router;
use crate::state::{cat, row, use_state, AppState};
use crate::workspace::{AssignmentRow, Edit};
use leptos::prelude::*;
use w365_engine::health::{
    self, fix_assignments, two_person_recipe, AncScopes, Assignee, HealthError, PlannedAssignment,
    RecipeError,
};

/// The scope fields: (URL key, label, default, hint).
const FIELDS: [(&str, &str, &str, &str); 5] = [
    ("sub", "Subscription id", PLACEHOLDER_SUBSCRIPTION, "a GUID"),
    (
        "rg",
        "The connection's resource group",
        "rg-cloudpc",
        "where the network interfaces go",
    ),
    (
        "vnet",
        "Virtual network",
        "vnet-cloudpc",
        "a name, or its full resource id",
    ),
    (
        "vrg",
        "The virtual network's resource group",
        "",
        "when not the connection's",
    ),
    (
        "admin",
        "The Intune admin (optional)",
        "",
        "user principal name or object id",
    ),
];

fn assignee_label(a: Assignee) -> &'static str {
    match a {
        Assignee::Windows365App => "the Windows 365 app",
        Assignee::Admin => "the admin",
    }
}

/// Add planned assignments to the workspace's assignments, with undo.
fn add_assignments(state: AppState, planned: &[PlannedAssignment], what: &str) {
    if planned.is_empty() {
        return;
    }
    // Each row goes to whom the plan assigns it: the app's roles are the app's,
    // so they count for its own check (the two-person setup), not for the admin.
    let to = crate::workspace::Assignee::from;
    // A row the workspace already holds (same role, scope and assignee) is not
    // added twice.
    let held = |p: &PlannedAssignment| {
        state.ws.with_untracked(|w| {
            w.assignments.iter().any(|a| {
                a.to == to(p.assignee)
                    && a.scope.trim().eq_ignore_ascii_case(&p.scope)
                    && (a.role.trim().eq_ignore_ascii_case(&p.role_id)
                        || a.role.trim().eq_ignore_ascii_case(&p.role))
            })
        })
    };
    let (had, planned): (Vec<&PlannedAssignment>, Vec<&PlannedAssignment>) =
        planned.iter().partition(|p| held(p));
    if planned.is_empty() {
        state.info(format!(
            "Nothing added: your workspace already holds {what} ({}).",
            crate::dom::count(had.len(), "assignment", "assignments")
        ));
        return;
    }
    let rows: Vec<_> = planned
        .iter()
        .map(|p| AssignmentRow {
            to: to(p.assignee),
            ..row(state.row_role(&p.role_id, &p.role), p.scope.clone())
        })
        .collect();
    let names: Vec<String> = planned
        .iter()
        .map(|p| format!("{} on {} for {}", p.role, p.scope, to(p.assignee).label()))
        .collect();
    let app = planned
        .iter()
        .any(|p| p.assignee == Assignee::Windows365App);
    let kept = match had.len() {
        0 => String::new(),
        k => format!(
            " ({} already there, not added again.)",
            crate::dom::count(k, "assignment was", "assignments were")
        ),
    };
    let e = state
        .ws
        .with_untracked(|w| Edit::append_assignments(w, rows));
    state.edit_announced(
        e,
        format!(
            "Added {}: {}.{kept}{}{}",
            if had.is_empty() {
                what.to_string()
            } else {
                format!("{} of {what}", names.len())
            },
            names.join("; "),
            if app {
                " The Windows 365 app's roles count for the app, not for you; see Windows 365 operations."
            } else {
                ""
            },
            // The subscription field's default is a placeholder (review s43).
            if planned.iter().any(|p| p.scope.contains(PLACEHOLDER_SUBSCRIPTION)) {
                " The subscription id is still the placeholder of zeros: enter yours above, or edit the scope in Assignments."
            } else {
                ""
            }
        ),
    );
}

/// The subscription field's default: no real subscription has it.
const PLACEHOLDER_SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000000";

/// Every problem the engine found, one item each (never split from the message
/// text: a problem quotes what the user typed, which may hold anything).
fn problem_items(e: RecipeError) -> impl IntoView {
    let RecipeError::Invalid(list) = e;
    list.into_iter()
        .map(|p| view! { <li><Rich text=p/></li> })
        .collect_view()
}

fn planned_list(list: Vec<PlannedAssignment>, testid: &'static str) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table" data-testid=testid>
                <thead><tr><th scope="col">"Role"</th><th scope="col">"Scope"</th><th scope="col">"Assigned to"</th></tr></thead>
                <tbody>
                    {list.into_iter().map(|p| view! {
                        <tr data-testid="planned">
                            <td>{p.role.clone()}<span class="muted">{format!(" ({})", p.role_id)}</span></td>
                            <td><span class="muted">{format!("{}: ", p.scope_kind.label())}</span><code>{p.scope.clone()}</code></td>
                            <td><strong>{assignee_label(p.assignee)}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The health-check view.
#[component]
pub fn HealthPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let code = router.param("code");
    let recipe_open = router.param("recipe");
    let params = FIELDS.map(|(k, ..)| router.param(k));
    // Each field: the URL's value, or its default when the URL has none.
    let value = move |i: usize| {
        let v = params[i].get();
        if v.is_empty() && router.route.with(|r| r.param(FIELDS[i].0).is_none()) {
            FIELDS[i].2.to_string()
        } else {
            v
        }
    };
    let scopes = Memo::new(move |_| {
        let opt = |i: usize| {
            let v = value(i);
            (!v.trim().is_empty()).then_some(v)
        };
        (
            AncScopes {
                subscription: opt(0),
                resource_group: opt(1),
                virtual_network: opt(2),
                vnet_resource_group: opt(3),
            },
            opt(4),
        )
    });
    let explained = Memo::new(move |_| code.with(|c| health::explain(cat(), c)));
    let fixes = Memo::new(move |_| {
        let c = code.get();
        explained
            .with(|e| e.is_ok())
            .then(|| scopes.with(|(s, _)| fix_assignments(cat(), &c, s)))
    });
    let recipe =
        Memo::new(move |_| scopes.with(|(s, admin)| two_person_recipe(cat(), s, admin.as_deref())));
    let open_recipe = move || {
        router.replace("recipe", "1");
        crate::dom::reveal("recipe".into());
    };
    let codes = health::codes(cat());
    let checks = health::checks(cat());
    let decoded = move || {
        let e = explained.get();
        match e {
            Err(HealthError::Empty) => view! { <p class="empty" data-testid="health-empty">"Paste a code from the connection's failed check (Graph "<code>"healthCheckStatusDetail.errorType"</code>"), or pick one."</p> }.into_any(),
            Err(err @ HealthError::Unknown { .. }) => {
                let suggestion = match &err { HealthError::Unknown { suggestion, .. } => suggestion.clone(), HealthError::Empty => None };
                view! {
                    <div class="import__message import__message--error" role="alert" data-testid="health-error">
                        <p><Rich text=format!("{err}.")/></p>
                        {suggestion.map(|s| {
                            let s2 = s.clone();
                            view! { <button class="button button--small" data-testid="health-suggestion" on:click=move |_| router.replace("code", &s2)>{format!("Use {s}")}</button> }
                        })}
                    </div>
                }.into_any()
            }
            Ok(x) => {
                let has_fix = !x.fix.is_empty();
                let app = x.app.clone();
                view! {
                    <article class="card health" data-testid="health-result" data-code=x.code.clone()>
                        <div class="card__body">
                            <h2 class="card__title"><code>{x.code.clone()}</code></h2>
                            <p>
                                <span class=if x.warning { "badge badge--maybe" } else { "badge badge--no" }>{if x.warning { "warning" } else { "failed" }}</span>
                                " " <strong data-testid="health-check">{x.check.clone()}</strong>
                                {x.check_inferred.then(|| view! { " " <span class="tag tag--inferred">"check inferred from the code"</span> })}
                            </p>
                            {x.warning_inferred.clone().map(|why| view! {
                                <p class="muted" data-testid="health-warning-inferred"><span class="tag tag--inferred">"inferred"</span>{format!(" A warning by the app's reading: {why}.")}</p>
                            })}
                            <h3 class="card__h">"What it means"</h3>
                            <blockquote class="quote" data-testid="health-meaning"><Rich text=x.meaning.clone()/></blockquote>
                            <p class="muted">{x.source.clone()}</p>
                            {x.legacy.clone().map(|l| view! { <p><span class="tag">"legacy"</span>" "<Rich text=l/></p> })}
                            {x.note.clone().map(|n| view! { <p class="notes"><Rich text=n/></p> })}
                            <h3 class="card__h">"Who must act"</h3>
                            <p data-testid="health-who" class=if has_fix { "who who--app" } else { "who" }>{x.who.clone()}</p>
                            {app.map(|a| view! { <p class="muted">{format!("The {} (app id {}), also called {}.", a.name, a.app_id, a.also_called.join(", "))}</p> })}
                            <h3 class="card__h">"The fix"</h3>
                            {if has_fix {
                                view! {
                                    <ul class="fixes" data-testid="health-fix">
                                        {x.fix.iter().map(|f| view! { <li><strong>{f.role.clone()}</strong>{format!(" on the {}, assigned to ", f.scope.label())}<strong>{assignee_label(f.assignee)}</strong></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            } else {
                                view! { <p data-testid="health-no-fix">"No role assignment fixes this code; the person named above must act."</p> }.into_any()
                            }}
                            {x.inferred_fix_note.clone().map(|why| {
                                let roles = x.inferred_fix.iter().map(|f| format!("{} on the {}", f.role, f.scope.label())).collect::<Vec<_>>().join(" and ");
                                view! { <p class="muted" data-testid="health-inferred-fix"><span class="tag tag--inferred">"inferred"</span>{format!(" {roles} may do instead: {why}.")}</p> }
                            })}
                            {(!x.legacy_fix.is_empty()).then(|| {
                                let asked = x.legacy_fix.iter().map(|f| format!("{} on the {}", f.role, f.scope.label())).collect::<Vec<_>>().join(" and ");
                                view! { <p class="muted" data-testid="health-legacy-fix">{format!("This legacy code's text asks for {asked}; today's role above replaces it, so do not assign {asked}.")}</p> }
                            })}
                            <p class="muted">{x.retry.clone()}</p>
                        </div>
                    </article>
                }.into_any()
            }
        }
    };
    let fix_view = move || {
        let r = fixes.get()?;
        Some(match r {
            Err(e) => view! { <ul class="problems" role="alert" data-testid="health-scope-problems">{problem_items(e)}</ul> }.into_any(),
            Ok(list) if list.is_empty() => ().into_any(),
            Ok(list) => {
                let (az, ps) = health::fix_commands(cat(), &list);
                let planned = StoredValue::new(list.clone());
                let one = list.len() == 1;
                view! {
                    <section class="panel" aria-labelledby="fixnow-title" data-testid="health-fix-panel">
                        <h3 id="fixnow-title">{if one { "The assignment that fixes it" } else { "The assignments that fix it" }}</h3>
                        {planned_list(list, "health-planned")}
                        <div class="actions-bar">
                            <button class="button" data-testid="health-add-fix" on:click=move |_| planned.with_value(|p| add_assignments(state, p, if one { "the assignment that fixes it" } else { "the assignments that fix it" }))>{if one { "Add this assignment to my workspace" } else { "Add these assignments to my workspace" }}</button>
                            <button class="button button--quiet" data-testid="health-open-recipe" on:click=move |_| open_recipe()>"Open the two-person recipe"</button>
                            <a class="button button--quiet" href="#/operations">"See Windows 365 operations"</a>
                        </div>
                        <p class="muted">"Each block starts by looking up the Windows 365 app's object id ("<code>"$APP_OBJECT_ID"</code>", "<code>"$app"</code>"); run it signed in as a subscription Owner or User Access Administrator."</p>
                        <CopyBlock title="az" text=az testid="health-fix-az"/>
                        <CopyBlock title="Az PowerShell" text=ps testid="health-fix-ps"/>
                    </section>
                }.into_any()
            }
        })
    };
    let recipe_view = move || {
        match recipe.get() {
        Err(e) => view! { <ul class="problems" role="alert" data-testid="recipe-problems">{problem_items(e)}</ul> }.into_any(),
        Ok(r) => {
            let planned = StoredValue::new(r.network_admin.clone());
            view! {
                <p>{format!("Run by {}.", r.network_admin_who)}</p>
                {planned_list(r.network_admin.clone(), "recipe-planned")}
                <div class="actions-bar">
                    <button class="button" data-testid="recipe-add" on:click=move |_| planned.with_value(|p| add_assignments(state, p, "the two-person setup's three assignments"))>"Add these three assignments to my workspace"</button>
                </div>
                <h3 class="card__h">"The network admin's commands"</h3>
                <CopyBlock title="Bash (az CLI)" text=r.az_script.clone() testid="recipe-az"/>
                <CopyBlock title="PowerShell (Az)" text=r.powershell_script.clone() testid="recipe-ps"/>
                <h3 class="card__h">"Then the Intune admin needs only"</h3>
                <ul data-testid="recipe-intune-admin">{r.intune_admin.iter().map(|n| view! { <li>{n.what.clone()}<span class="muted">{format!(" ({})", n.source)}</span></li> }).collect_view()}</ul>
                <h3 class="card__h">"Why this works"</h3>
                <p><crate::components::rich::Rich text=r.why.clone()/></p>
                <h3 class="card__h">"Caveats"</h3>
                <ul>{r.caveats.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                <details><summary>"Sources"</summary><ul class="notes">{r.sources.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul></details>
            }.into_any()
        }
    }
    };
    view! {
        <section class="page health">
            <h1>"ANC health checks"</h1>
            <p class="lead">"An Azure network connection's failed check, decoded: what it means, what fixes it and who must act. Permission checks are fixed by roles given to the Windows 365 first-party app, not to the admin."</p>
            <div class="filters">
                <label class="field field--grow">
                    <span>"Paste a code"</span>
                    <input type="text" spellcheck="false" list="health-codes" data-testid="health-code" placeholder="permissionCheckNoSubscriptionReaderRole"
                        prop:value=move || code.get() on:change=move |ev| router.replace("code", event_target_value(&ev).trim())
                        // A whole code pasted, typed or picked from the list is answered at
                        // once (an outside review: a paste showed nothing until Enter).
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            let v = v.trim();
                            if health::codes(cat()).iter().any(|c| c.code.eq_ignore_ascii_case(v)) {
                                router.replace("code", v);
                            }
                        }
                        on:keydown=move |ev| if ev.key() == "Enter" { router.replace("code", event_target_value(&ev).trim()); }/>
                    <datalist id="health-codes">{codes.iter().map(|c| view! { <option value=c.code.clone()></option> }).collect_view()}</datalist>
                </label>
                <label class="field field--grow">
                    <span>"Or pick a failed check"</span>
                    <select data-testid="health-pick" prop:value=move || code.get() on:change=move |ev| router.replace("code", &event_target_value(&ev))>
                        <option value="">"(choose)"</option>
                        {checks.iter().map(|k| view! {
                            <optgroup label=k.name.clone()>
                                {health::codes_of(cat(), &k.id).map(|c| view! { <option value=c.code.clone()>{c.code.clone()}</option> }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div aria-live="polite">{decoded}</div>
            <section class="panel" aria-labelledby="where-title">
                <h2 id="where-title">"Where the connection lives"</h2>
                <p class="muted">"Used in the commands and in the assignments added to your workspace."</p>
                <div class="grid2">
                    {FIELDS.into_iter().enumerate().map(|(i, (key, label, _, hint))| view! {
                        <label class="field">
                            <span>{label}</span>
                            <input type="text" spellcheck="false" data-testid=format!("health-{key}") placeholder=hint
                                prop:value=move || value(i)
                                // The commands follow as you type (an outside review: they
                                // changed on leaving the box only, and a Copy pressed first
                                // copied the old command). An emptied box is left alone
                                // until it is left, when the example comes back.
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    if !v.is_empty() {
                                        router.type_in(key, &v);
                                    }
                                }
                                on:change=move |ev| router.replace(key, &event_target_value(&ev))
                                // The example is selected on entering the box, so typing
                                // replaces it instead of writing into it.
                                on:focus=move |ev| {
                                    if router.route.with_untracked(|r| r.param(key).is_none()) {
                                        if let Some(input) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) {
                                            input.select();
                                        }
                                    }
                                }/>
                        </label>
                    }).collect_view()}
                </div>
            </section>
            {fix_view}
            <details class="group recipe" id="recipe" data-testid="recipe" prop:open=move || recipe_open.get() == "1"
                on:toggle=move |ev| {
                    let open = crate::dom::toggled_open(&ev);
                    if open != (recipe_open.get_untracked() == "1") {
                        router.replace("recipe", if open { "1" } else { "" });
                    }
                }>
                <summary><h2 class="recipe__title">"The two-person setup"</h2></summary>
                <p>"A network or subscription admin pre-assigns three roles to the Windows 365 first-party app, so the Intune admin who creates the connection needs only Cloud PC permissions and Subscription Reader."</p>
                {recipe_view}
            </details>
            <section aria-labelledby="checks-title">
                <h2 id="checks-title">"Every check and its codes"</h2>
                {checks.iter().map(|k| {
                    let list: Vec<_> = health::codes_of(cat(), &k.id).map(|c| (c.code.clone(), !c.fix.is_empty(), c.legacy.is_some())).collect();
                    view! {
                        <details class="group">
                            <summary>{k.name.clone()}<span class="muted">{format!(" · {} · {}", crate::dom::count(list.len(), "code", "codes"), k.who)}</span>{k.warning.then(|| view! { <span class="badge badge--maybe">"warning"</span> })}</summary>
                            <ul class="checkcodes">
                                {list.into_iter().map(|(c, fix, legacy)| view! {
                                    <li><a href=format!("#/health?code={c}")>{c.clone()}</a>
                                        {fix.then(|| view! { " " <span class="tag tag--automatic">"role fix"</span> })}
                                        {legacy.then(|| view! { " " <span class="tag">"legacy"</span> })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </details>
                    }
                }).collect_view()}
            </section>
        </section>
    }
}
