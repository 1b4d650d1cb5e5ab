//! Role assignments: combine roles at scopes (Azure) and tenant-wide (Entra, Cloud
//! PC, Intune), see what the set can do, and ask "can it do X here?".

use crate::components::reasons::Reasons;
use crate::components::rich::Rich;
use crate::components::show_more::ShowMore;
use crate::components::status::DecisionBadge;
use crate::draft::Draft;
use crate::route::use_router;
use crate::state::{row, use_state};
use crate::workspace::{Assignee, AssignmentRow, Edit};
use leptos::prelude::*;
use w365_engine::evaluate::{AssignError, Query};
use w365_engine::readiness::{Status, SAMPLE_SUBSCRIPTION};
use w365_engine::roleset::ResolveError;
use w365_engine::windows365::OperationKind;
use w365_engine::{Plane, Scope};

const SUB: &str = SAMPLE_SUBSCRIPTION;

fn presets() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        (
            "Windows 365 Administrator + subscription Owner",
            vec![("Windows 365 Administrator", ""), ("Owner", SUB)],
        ),
        (
            "Windows 365 Administrator + subscription Reader",
            vec![("Windows 365 Administrator", ""), ("Reader", SUB)],
        ),
        ("Cloud PC Reader (helpdesk)", vec![("Cloud PC Reader", "")]),
        (
            "Intune Administrator + Contributor",
            vec![("Intune Administrator", ""), ("Contributor", SUB)],
        ),
    ]
}

/// One assignment row, keyed by its id: typing in one row rebuilds nothing else.
#[component]
fn AssignmentRowView(id: String, index: Memo<usize>) -> impl IntoView {
    let state = use_state();
    let key = id.clone();
    let row = Memo::new(move |_| {
        state
            .assignments
            .with(|l| l.iter().find(|a| a.id == key).cloned())
    });
    let key = id.clone();
    // A blank new row is not an error yet.
    let problem = Memo::new(move |_| {
        state.env.with(|e| match e.problem(&key) {
            Some(AssignError::Role(ResolveError::Empty)) | None => None,
            Some(p) => Some((p.is_about_scope(), p.to_string())),
        })
    });
    let tenant = Memo::new(move |_| {
        let r = row.get().map(|r| r.role).unwrap_or_default();
        state
            .roles
            .with(|set| {
                set.resolve(&r)
                    .ok()
                    .and_then(|x| set.get(x).map(|x| x.plane() != Plane::Azure))
            })
            .unwrap_or(false)
    });
    // An Azure role assigned outside its assignable scopes: Azure refuses the
    // assignment (an outside review: a custom role's new row kept the sample
    // subscription, outside its resource group, with no word on the row).
    let outside = Memo::new(move |_| {
        let (r, scope) = row.get().map(|r| (r.role, r.scope)).unwrap_or_default();
        let scope = Scope::parse(scope.trim()).ok()?;
        state.roles.with(|set| {
            let role = set.resolve(&r).ok().and_then(|x| set.get(x))?;
            (role.plane() == Plane::Azure
                && !role.assignable_scopes.is_empty()
                && !w365_engine::roleset::assignable(role, Some(&scope)))
            .then(|| {
                format!(
                    "Azure refuses this assignment: {} can be assigned only at {} and below (its assignable scopes).",
                    w365_engine::text::markdown_code(&role.name),
                    role.assignable_scopes
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
    });
    // A row that names its role by id (as the health view adds them) shows the
    // role's name beside it.
    let named = Memo::new(move |_| {
        let r = row.get().map(|r| r.role).unwrap_or_default();
        state.roles.with(|set| {
            set.resolve(&r)
                .ok()
                .and_then(|x| set.get(x))
                .filter(|x| !x.name.eq_ignore_ascii_case(r.trim()))
                .map(|x| w365_engine::text::shown_name(&x.name).into_owned())
        })
    });
    // `over`: the box's text is saved over what another tab saved in it while it
    // was typed in, said with the Undo that brings that back (an outside review:
    // one tab's text was dropped without a word).
    let change = move |f: &dyn Fn(&mut AssignmentRow), over: Option<&str>| {
        // Nothing once the row is gone (a draft saved as the view is left).
        if let Some(Some(mut r)) = row.try_get_untracked() {
            f(&mut r);
            match over {
                None => {
                    state.edit(Edit::UpdateAssignment(r));
                }
                Some(what) => state.edit_announced(
                    Edit::UpdateAssignment(r),
                    format!("Another tab changed this assignment’s {what} while you typed here; yours is saved over it. Undo brings back the other tab’s."),
                ),
            }
        }
    };
    let saved = move |f: fn(&AssignmentRow) -> &String| {
        move || row.with_untracked(|r| r.as_ref().map(|r| f(r).clone()).unwrap_or_default())
    };
    // Typed text is saved as it goes (see `draft`).
    // A tenant-wide role keeps no placeholder scope (browser review of 2026-12-06:
    // the new row's sample subscription stayed, hidden, under "tenant-wide"); a
    // scope the user wrote stays, shown again if the role becomes an Azure one. An
    // Azure role without a scope gets the one its role page assigns it at, shown.
    let set_role = move |v: String, over: Option<&str>| {
        let azure = state.roles.with_untracked(|set| {
            set.resolve(&v).ok().and_then(|x| {
                set.get(x).map(|x| {
                    (
                        x.plane() == Plane::Azure,
                        crate::pages::role::default_scope(x),
                    )
                })
            })
        });
        change(
            &|x: &mut AssignmentRow| {
                x.role = v.clone();
                match &azure {
                    Some((false, _)) if x.scope.trim() == SUB => x.scope.clear(),
                    // The new row's sample subscription too, when the role cannot be
                    // assigned there (its default is then its first assignable scope).
                    Some((true, at)) if x.scope.trim().is_empty() || x.scope.trim() == SUB => {
                        x.scope = at.clone()
                    }
                    _ => {}
                }
            },
            over,
        )
    };
    let role_text = Draft::guarded(
        move |v| set_role(v, None),
        saved(|r| &r.role),
        move |v, _| set_role(v, Some("role")),
    );
    let set_scope = move |v: String, over: Option<&str>| {
        change(
            &|x: &mut AssignmentRow| x.scope = v.trim().to_string(),
            over,
        )
    };
    let scope_text = Draft::guarded(
        move |v| set_scope(v, None),
        saved(|r| &r.scope),
        move |v, _| set_scope(v, Some("scope")),
    );
    let rid = format!("ar-{id}");
    let sid = format!("as-{id}");
    let tid = format!("at-{id}");
    let remove_id = id.clone();
    view! {
        <tr data-testid="assignment-row">
            <td>
                <label class="visually-hidden" for=rid.clone()>"Role"</label>
                <input id=rid type="text" list="all-roles" autocomplete="off" placeholder="Role name or id" prop:value={let d = role_text.clone(); move || d.shown(|| row.with(|r| r.as_ref().map(|r| r.role.clone()).unwrap_or_default()))}
                    aria-invalid=move || problem.with(|p| p.as_ref().is_some_and(|(s, _)| !s)).then_some("true")
                    on:input={let d = role_text.clone(); move |ev| d.input(event_target_value(&ev))}
                    on:change={let d = role_text.clone(); move |_| d.commit()}/>
                {move || named.get().map(|n| view! { <p class="muted" data-testid="assignment-role-name">{n}</p> })}
                {move || problem.get().filter(|(s, _)| !s).map(|(_, m)| view! { <p class="field__error" role="alert"><Rich text=m/></p> })}
            </td>
            <td>
                <label class="visually-hidden" for=sid.clone()>"Scope"</label>
                <input id=sid type="text" spellcheck="false" disabled=move || tenant.get()
                    placeholder=move || if tenant.get() { "tenant-wide" } else { "/subscriptions/<id>/resourceGroups/<name>" }
                    prop:value={let d = scope_text.clone(); move || if tenant.get() { String::new() } else { d.shown(|| row.with(|r| r.as_ref().map(|r| r.scope.clone()).unwrap_or_default())) }}
                    aria-invalid=move || problem.with(|p| p.as_ref().is_some_and(|(s, _)| *s)).then_some("true")
                    on:input={let d = scope_text.clone(); move |ev| d.input(event_target_value(&ev))}
                    on:change={let d = scope_text.clone(); move |_| d.commit()}/>
                {move || problem.get().filter(|(s, _)| *s).map(|(_, m)| view! { <p class="field__error" role="alert"><Rich text=m/></p> })}
                {move || outside.get().map(|m| view! { <p class="field__error" role="status" data-testid="assignment-outside-assignable"><Rich text=m/></p> })}
            </td>
            <td>
                <label class="visually-hidden" for=tid.clone()>"Assigned to"</label>
                <select id=tid data-testid="assignment-to"
                    title=move || if tenant.get() { "The Windows 365 app receives Azure roles only" } else { "" }
                    disabled=move || tenant.get() && row.with(|r| r.as_ref().is_none_or(|r| r.to.is_you()))
                    prop:value=move || row.with(|r| if r.as_ref().is_some_and(|r| r.to == Assignee::Windows365App) { "app" } else { "you" })
                    on:change=move |ev| {
                        let to = if event_target_value(&ev) == "app" { Assignee::Windows365App } else { Assignee::You };
                        // Moving a role between principals is said, with Undo.
                        if let Some(Some(mut r)) = row.try_get_untracked() {
                            r.to = to;
                            state.edit_announced(
                                Edit::UpdateAssignment(r),
                                format!("Assignment {} is now assigned to {}.", index.get_untracked() + 1, to.label()),
                            );
                        }
                    }>
                    <option value="you">"you"</option>
                    <option value="app">"the Windows 365 app"</option>
                </select>
                // A row given to the app whose role became tenant-wide (browser review
                // of 2026-12-06: kept without a word).
                {move || (tenant.get() && row.with(|r| r.as_ref().is_some_and(|r| r.to == Assignee::Windows365App))).then(|| view! {
                    <p class="field__error" role="status" data-testid="assignment-to-problem">"The Windows 365 app receives Azure roles only: this role counts for no one here. Assign it to you, or choose an Azure role."</p>
                })}
            </td>
            <td>
                <button class="button button--quiet button--small" aria-label=move || format!("Remove assignment {}", index.get() + 1) on:click=move |_| {
                    state.edit_announced(Edit::RemoveAssignments(vec![remove_id.clone()]), "Assignment removed.");
                }>"Remove"</button>
            </td>
        </tr>
    }
}

/// Assignment rows drawn at first, and added by "Show more".
const PAGE: usize = 100;

/// The assignments view.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let ask = router.param("ask");
    let at = router.param("at");
    let data = router.param("data");
    let ids = Memo::new(move |_| {
        state
            .assignments
            .with(|l| l.iter().map(|a| a.id.clone()).collect::<Vec<_>>())
    });
    // Rows are drawn a page at a time: a link of 10,000 assignments draws 100 rows,
    // not 10,000 (each row is two inputs and a button).
    let shown = RwSignal::new(PAGE);
    let positions = Memo::new(move |_| {
        ids.with(|l| {
            l.iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect::<std::collections::HashMap<_, _>>()
        })
    });
    let rows = move || {
        if ids.with(Vec::is_empty) {
            return view! { <p class="empty" data-testid="assignments-empty">"No assignments. Add one, or start from a preset."</p> }.into_any();
        }
        view! {
            <div class="table-wrap" tabindex="0"><table class="table assign" data-testid="assignments">
                <thead><tr><th scope="col">"Role"</th><th scope="col">"Scope"</th><th scope="col" title="The Windows 365 app's roles count for the app's own checks (the two-person ANC setup), never for you">"Assigned to"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>
                    <For each=move || ids.with(|l| l.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=|id| id.clone() let:id>
                        {
                            let key = id.clone();
                            let index = Memo::new(move |_| positions.with(|p| p.get(&key).copied().unwrap_or(0)));
                            view! { <AssignmentRowView id=id index=index/> }
                        }
                    </For>
                </tbody>
            </table></div>
            <ShowMore total=Signal::derive(move || ids.with(Vec::len)) shown=shown page=PAGE testid="assignments-more"/>
        }
        .into_any()
    };
    // The verdict in a few words, for the live region below the answer.
    // Said once typing pauses (a re-check review: every keystroke's partial
    // verdict was announced).
    let verdict = RwSignal::new(String::new());
    let said = StoredValue::new(0u32);
    let say = move |t: String| {
        let Some(g) = said.try_get_value().map(|g| g.wrapping_add(1)) else {
            return;
        };
        said.set_value(g);
        set_timeout(
            move || {
                if said.try_get_value() == Some(g)
                    && verdict.try_with_untracked(|v| *v != t) == Some(true)
                {
                    verdict.try_set(t);
                }
            },
            std::time::Duration::from_millis(700),
        );
    };
    let answer = move || {
        let action = ask.get();
        if action.trim().is_empty() {
            say(String::new());
            return None;
        }
        // A pattern is no action: asked as one, its text would be matched as
        // literal, past NotActions (an outside review: Contributor "allowed"
        // `Microsoft.Authorization/roleAssignments/*`). As `eval` refuses it, with
        // where to ask instead.
        if let Some(why) = w365_engine::evaluate::pattern_in_query(action.trim()) {
            let q = crate::route::encode(action.trim());
            // The operations it matches are Azure's only; the roles that grant all
            // it matches, on any plane (a second site review: a Cloud PC pattern
            // was sent to an empty Azure actions search).
            let azure = w365_engine::evaluate::detect_plane(crate::state::cat(), action.trim())
                == Plane::Azure;
            say(String::new());
            let actions = azure.then(|| {
                view! { ", the operations it matches in "<a href=format!("#/actions?q={q}")>"Azure actions"</a> }
            });
            return Some(
                view! {
                    <p class="field__error" role="status" data-testid="answer-pattern">
                        <crate::components::rich::Rich text=why/>
                        ". Ask about one action, or see the roles that grant everything it matches in "
                        <a href=format!("#/roles?q={q}")>"Roles"</a>{actions}"."
                    </p>
                }
                .into_any(),
            );
        }
        let scope_text = at.get();
        let scope = match scope_text.trim() {
            "" => None,
            s => match Scope::parse(s) {
                Ok(s) => Some(s),
                Err(e) => {
                    say(String::new());
                    return Some(
                        // Code spans drawn as code (an outside review: the
                        // backticks showed); said politely, as it changes with
                        // every keystroke of a scope being typed.
                        view! { <p class="field__error" role="status" data-testid="answer-scope"><crate::components::rich::Rich text=e.to_string()/></p> }
                            .into_any(),
                    );
                }
            },
        };
        let q = Query {
            action: action.trim().to_string(),
            // Ticked: a data action. Unticked: the plane the catalog knows the name
            // on (a data action stays one), as `w365-perms eval` reads a query
            // without `dataAction`; the answer names the plane and why.
            data_action: (data.get() == "1").then_some(true),
            scope,
            plane: None,
        };
        let (e, left_out) = state.env.with(|env| {
            // A row with no role yet is not filled in, not left out.
            let left_out: Vec<String> = env
                .problems
                .iter()
                .filter(|(_, why)| !matches!(why, AssignError::Role(ResolveError::Empty)))
                .map(|(_, why)| why.to_string())
                .collect();
            (env.env.evaluate(&q), left_out)
        });
        // An assignment that could not be used may be the one that grants it: the
        // answer is then not final (review J2 M3: "denied" for a role whose name an
        // import made ambiguous, where `w365-perms eval` refuses the request).
        let incomplete = (!left_out.is_empty() && e.decision != w365_engine::evaluate::Decision::Allow).then(|| view! {
            <p class="field__error" role="alert" data-testid="answer-incomplete">
                {format!(
                    "Not final: {} could not be used and {} left out of this answer, so it may change once {} fixed: ",
                    crate::dom::count(left_out.len(), "assignment", "assignments"),
                    if left_out.len() == 1 { "is" } else { "are" },
                    if left_out.len() == 1 { "it is" } else { "they are" },
                )}
                <crate::components::rich::Rich text=left_out.join("; ")/>
            </p>
        });
        say(format!(
            "{}{}: {} ({})",
            match e.decision {
                w365_engine::evaluate::Decision::Allow => "Allowed",
                w365_engine::evaluate::Decision::Deny => "Denied",
                w365_engine::evaluate::Decision::Conditional => "Conditional",
            },
            if incomplete.is_some() {
                ", not final"
            } else {
                ""
            },
            e.action,
            e.plane.label()
        ));
        let is_incomplete = incomplete.is_some().to_string();
        Some(view! {
            <div class="answer" data-testid="answer" data-decision=e.decision.as_str() data-incomplete=is_incomplete>
                {incomplete}
                <p><DecisionBadge decision=e.decision/>" "<code>{e.action.clone()}</code>{format!(" ({})", e.plane.label())}</p>
                <Reasons reasons=e.reasons/>
            </div>
        }.into_any())
    };
    let summary = Memo::new(move |_| {
        state.env.with(|e| {
            let ctx = w365_engine::readiness::Context::infer(&e.env, None, None, None, None);
            let results = e.env.operations(&ctx);
            let tasks = results.iter().filter(|r| r.kind == OperationKind::Task);
            let ok = tasks
                .clone()
                .filter(|r| r.status == Status::Allowed)
                .count();
            let n = e.env.assignments.len();
            let app = e
                .env
                .assignments
                .iter()
                .filter(|a| !a.principals.is_empty())
                .count();
            // A row with no role yet says nothing on its row (it is not wrong,
            // only not filled in): counted apart, not as "see its row" (an
            // outside review).
            let empty = e
                .problems
                .iter()
                .filter(|(_, p)| matches!(p, AssignError::Role(ResolveError::Empty)))
                .count();
            let aside = match e.problems.len() - empty {
                0 => String::new(),
                k => format!(
                    " {} could not be used (see {}).",
                    crate::dom::count(k, "assignment", "assignments"),
                    if k == 1 { "its row" } else { "their rows" }
                ),
            } + &match empty {
                0 => String::new(),
                k => format!(
                    " {} no role yet.",
                    if k == 1 {
                        "1 row has".to_string()
                    } else {
                        format!("{k} rows have")
                    }
                ),
            };
            let theirs = match app {
                0 => String::new(),
                k if k == n => " (all the Windows 365 app's)".to_string(),
                k => format!(" ({k} of them the Windows 365 app's)"),
            };
            format!(
                "{n} {}{theirs} allow{} {ok} of {} Windows 365 operations.{aside}",
                if n == 1 { "assignment" } else { "assignments" },
                if n == 1 { "s" } else { "" },
                tasks.count()
            )
        })
    });
    view! {
        <section class="page">
            <h1>"Assignments"</h1>
            <p class="lead">"Combine roles the way they are assigned: Azure roles at a scope, Entra, Cloud PC and Intune roles tenant-wide. Assignments add up. A row assigned to the Windows 365 app is the app's (the roles it receives for a connection): it counts for the app's own checks, never for you."</p>
            <datalist id="all-roles">
                {move || state.roles.with(|set| set.all().map(|(_, role)| view! { <option value=role.name.clone()></option> }).collect_view())}
            </datalist>
            {rows}
            <div class="actions-bar">
                <button class="button" data-testid="add-assignment" on:click=move |_| {
                    let new = row("", SUB);
                    // The new row's role box takes the focus, as a new role's name
                    // does (an outside review: it stayed on this button).
                    let focus = format!("#ar-{}", new.id);
                    let e = state.ws.with_untracked(|w| Edit::append_assignments(w, vec![new]));
                    state.edit(e);
                    // The new row is drawn even when the list is longer than a page.
                    shown.set(shown.get_untracked().max(ids.with_untracked(Vec::len)));
                    crate::dom::focus_revealed(focus);
                }>"Add an assignment"</button>
                {presets().into_iter().map(|(label, list)| view! {
                    <button class="button button--quiet" on:click=move |_| {
                        let rows = list.iter().map(|(r, s)| row(*r, *s)).collect();
                        let (e, had) = state.ws.with_untracked(|w| (Edit::replace_assignments(w, rows), w.assignments.len()));
                        // Say that the preset replaced what was there (review J2 L4).
                        let replaced = match had {
                            0 => String::new(),
                            n => format!(", replacing your {}", crate::dom::count(n, "assignment", "assignments")),
                        };
                        state.edit_announced(e, format!("Loaded the preset “{label}”{replaced}."));
                    } title="Replaces the assignments above (Undo brings them back)">{format!("Preset: {label}")}</button>
                }).collect_view()}
            </div>
            <p class="summary" data-testid="assignments-summary">
                {summary}
                " " <a href="#/operations">"See them all"</a>
            </p>
            <section class="panel" aria-labelledby="ask-title">
                <h2 id="ask-title">"Can it do this here?"</h2>
                <div class="grid2">
                    <label class="field">
                        <span>"Action or permission"</span>
                        <input type="text" spellcheck="false" data-testid="ask-action" placeholder="Microsoft.Authorization/roleAssignments/write"
                            prop:value=move || ask.get() on:input=move |ev| router.type_in("ask", &event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>"Scope (Azure)"</span>
                        <input type="text" spellcheck="false" data-testid="ask-scope" placeholder=SUB
                            prop:value=move || at.get() on:input=move |ev| router.type_in("at", &event_target_value(&ev))/>
                    </label>
                </div>
                <label class="check">
                    <input type="checkbox" data-testid="ask-data" prop:checked=move || data.get() == "1"
                        on:change=move |ev| router.replace("data", if event_target_checked(&ev) { "1" } else { "" })/>
                    " It is a data action (unticked: the plane the catalog knows it on)"
                </label>
                {answer}
                // The verdict in a few words for screen readers (the answer above
                // is long, and was never announced: an outside review).
                <p class="visually-hidden" aria-live="polite" data-testid="answer-live">{move || verdict.get()}</p>
            </section>
        </section>
    }
}
