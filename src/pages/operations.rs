//! Windows 365 operations for the current assignments: allowed, denied or
//! conditional, what is missing with the least-privileged fix, where documentation
//! sources disagree, and what the Windows 365 service itself receives; and the
//! remote actions on Cloud PCs with the permission(s) each needs in which plane.

use crate::components::fold::{Drawn, Fold};
use crate::components::reasons::Reasons;
use crate::components::remote_actions::RemoteActions;
use crate::components::rich::Rich;
use crate::components::status::StatusBadge;
use crate::dom::{count, num};
use crate::env::{context, copy_link, shared_part};
use crate::route::use_router;
use crate::state::{cat, use_state, EnvState, Shared};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use w365_engine::evaluate::Environment;
use w365_engine::model::Plane;
use w365_engine::readiness::{
    Context, OperationResult, ServiceOutcome, Status, SAMPLE_SUBSCRIPTION,
};
use w365_engine::roleset::RoleSet;
use w365_engine::search::{contains_folded, words};
use w365_engine::windows365::OperationKind;

/// The element id of an operation's card (`op-` and the id, `:`, ` ` and `/`
/// made `-`), which links and the address bring into view.
fn card_id(op: &str) -> String {
    format!("op-{}", op.replace([':', ' ', '/'], "-"))
}

fn slot_label(slot: &str) -> &'static str {
    w365_engine::windows365::Slot::parse(slot)
        .map(|s| s.label())
        .unwrap_or("scope")
}

fn doc_label(id: &str) -> String {
    match cat().windows365.document(id) {
        Some(d) => format!("{} ({})", d.title, d.date),
        None => id.to_string(),
    }
}

#[component]
fn Service(
    s: ServiceOutcome,
    /// An Azure network connection's roles: the health check and the two-person
    /// setup apply (not to a custom image's or a review's storage roles).
    anc: bool,
) -> impl IntoView {
    let before = s.before_cutoff.clone();
    view! {
        <div class="service" data-testid="service">
            <h3 class="card__h">"What the Windows 365 service receives"</h3>
            <p>
                <span class=format!("tag tag--{}", s.assignment)>{s.assignment.clone()}</span>
                " " {s.explanation.clone()}
            </p>
            <div class="service__cols">
                <div>
                    <h4 class="card__h">{if s.cutoff.is_some() { "Today" } else { "Roles" }}</h4>
                    <ul class="flow">
                        {s.receives.iter().map(|g| view! {
                            <li class="flow__step">
                                <strong>{g.role.clone()}</strong>
                                " on the " {slot_label(&g.slot)}
                                <code class="flow__scope">{g.scope.clone()}</code>
                                <span class="muted">{format!("{} · {}", count(g.operations, "operation", "operations"), doc_label(&g.source))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
                {s.cutoff.clone().map(|cut| view! {
                    <div>
                        <h4 class="card__h">{format!("Connections created before {cut}")}</h4>
                        <ul class="flow flow--old">
                            {before.iter().map(|g| view! {
                                <li class="flow__step">
                                    <strong>{g.role.clone()}</strong>
                                    " on the " {slot_label(&g.slot)}
                                    <span class="muted">{format!("{} · {}", count(g.operations, "operation", "operations"), doc_label(&g.source))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p class="muted">"Retry the ANC health check to move to the new roles, then remove the Network Contributor assignments by hand (seed 001)."</p>
                    </div>
                })}
            </div>
            {anc.then(|| view! {
                <p class="muted" data-testid="service-health-links">
                    <a href="#/health">"Decode a failed health check"</a>
                    " · "
                    <a href="#/health?recipe=1">"The two-person setup: a network admin gives these roles to the app, so the Intune admin needs no Azure write role"</a>
                </p>
            })}
        </div>
    }
}

/// The built-in roles that enable an operation on their own, computed on request.
#[component]
fn Enablers(id: String) -> impl IntoView {
    let shown = RwSignal::new(None::<Vec<w365_engine::readiness::Enabler>>);
    let id2 = id.clone();
    view! {
        <div class="enablers">
            {move || match shown.get() {
                None => {
                    let id = id2.clone();
                    view! {
                        <button class="button button--quiet button--small" data-testid="show-enablers" on:click=move |_| {
                            let c = cat();
                            shown.set(Some(c.windows365.operation(&id).map(|op| w365_engine::readiness::enablers(c, op)).unwrap_or_default()));
                        }>"Which built-in roles enable it on their own?"</button>
                    }
                    .into_any()
                }
                Some(list) if list.is_empty() => view! {
                    <p class="muted" data-testid="enablers">"No single built-in role does: it needs roles in several places (see what is missing)."</p>
                }
                .into_any(),
                Some(list) => view! {
                    <div data-testid="enablers">
                        <h3 class="card__h">{format!("Built-in roles that enable it on their own ({}), least privileged first", list.len())}</h3>
                        <ol class="grants">
                            {list.into_iter().take(12).map(|e| view! {
                                <li><a href=crate::pages::roles::role_href(&e.id)>{e.role.clone()}</a>
                                <span class="muted">{format!(" · {} · grants {}{}", e.plane.label(), num(e.size), if e.status == Status::Conditional { " · conditional" } else { "" })}</span></li>
                            }).collect_view()}
                        </ol>
                    </div>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The evaluated operations, the scopes used, and who holds what.
struct Computed {
    results: Vec<OperationResult>,
    remote: Vec<w365_engine::remote::RemoteStatus>,
    ctx: Context,
    assigned: Vec<String>,
    problems: Vec<String>,
}

fn compute(
    env: &Environment<'_>,
    given: &crate::env::ScopeParams,
    mut problems: Vec<String>,
) -> Computed {
    let ctx = context(env, given);
    // A resource group or virtual network in another subscription than the one
    // given is said, as the command line refuses it.
    let [sub, rg, vnet, _] = crate::env::given_scopes(given);
    for (key, why) in w365_engine::readiness::context::outside_subscription(
        sub.as_ref(),
        rg.as_ref(),
        vnet.as_ref(),
    ) {
        let field = if key == "resourceGroup" {
            "Resource group"
        } else {
            "Virtual network"
        };
        problems.push(format!("{field} (Scopes): {why}."));
    }
    let results = env.operations(&ctx);
    let remote = w365_engine::remote::check(env);
    let assigned = env
        .assignments
        .iter()
        .filter_map(|a| {
            env.roles.get(a.role).map(|r| {
                let name = w365_engine::text::shown_name(&r.name);
                let at = match &a.scope {
                    Some(s) => format!("{name} at {s}"),
                    None => name.into_owned(),
                };
                // The app's rows name their principal (`state::build_env`).
                if a.principals.is_empty() {
                    at
                } else {
                    format!("{at} (the Windows 365 app's)")
                }
            })
        })
        .collect();
    Computed {
        results,
        remote,
        ctx,
        assigned,
        problems,
    }
}

/// One role alone, assigned at the sample subscription when it is an Azure role.
fn alone_env(set: &RoleSet<'static>, id: &str) -> Result<Environment<'static>, String> {
    let mut env = Environment::new(set.clone());
    env.assign(id, Some(SAMPLE_SUBSCRIPTION), None)
        .map_err(|e| e.to_string())?;
    Ok(env)
}

fn problem_lines(e: &EnvState, rows: &[crate::workspace::AssignmentRow]) -> Vec<String> {
    rows.iter()
        .enumerate()
        .filter_map(|(i, r)| {
            e.problem(&r.id)
                .map(|p| format!("Assignment {}: {p}", i + 1))
        })
        .collect()
}

/// One operation's card. The `<details>` element lives as long as the operation is
/// listed, so it stays open while its contents follow the assignments.
#[component]
fn OperationCard(
    id: String,
    results: Memo<Shared<Computed>>,
    open: bool,
    /// The ids the search keeps; the card is hidden when its id is not among them.
    shown: Memo<HashSet<String>>,
    /// The card the user opened last, whose id it put in the address (the page
    /// does not scroll to it).
    opened_here: StoredValue<String>,
) -> impl IntoView {
    let key = id.clone();
    let hidden_id = id.clone();
    let hidden = move || shown.with(|s| !s.contains(&hidden_id));
    let r = Memo::new(move |_| results.with(|c| c.results.iter().find(|r| r.id == key).cloned()));
    let op = cat().windows365.operation(&id).cloned();
    let anc = op
        .as_ref()
        .is_some_and(|o| o.service == w365_engine::windows365::ServiceKind::Anc);
    let status = move || r.with(|r| r.as_ref().map_or(Status::Denied, |r| r.status));
    let summary = op.as_ref().map(|o| o.summary.clone());
    let notes: Vec<(String, String)> = op
        .map(|o| {
            o.notes
                .iter()
                .map(|n| (n.text.clone(), doc_label(&n.source)))
                .collect()
        })
        .unwrap_or_default();
    let body = move || {
        r.get().map(|r| {
            view! {
                {(!r.missing.is_empty()).then(|| view! {
                    <h3 class="card__h">"Missing"</h3>
                    <ul class="missing" data-testid="missing">
                        {r.missing.iter().map(|m| view! {
                            <li>
                                <span class="missing__what"><Rich text=m.requirement.clone()/></span>
                                {m.fix.clone().map(|f| view! { <span class="missing__fix">{if f.kind == "denyAssignment" { "Fix: " } else { "Least-privileged fix: " }}<Rich text=f.message/></span> })}
                                <span class="muted">{w365_engine::text::attributed(&doc_label(&m.source), &m.says, m.summary)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {r.conflicts.iter().filter(|c| !c.agree).map(|c| view! {
                    <div class="conflict" data-testid="conflict">
                        <h3 class="card__h">{format!("Sources disagree: {}", c.topic)}</h3>
                        <ul>
                            {c.positions.iter().map(|p| view! {
                                <li><StatusBadge status=p.status/>" " <strong>{doc_label(&p.source)}</strong> {w365_engine::text::attribution(&p.says, p.summary)}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
                <h3 class="card__h">"Why"</h3>
                <Reasons reasons=r.reasons.clone()/>
                {r.service.clone().map(|s| view! { <Service s=s anc=anc/> })}
                {(!r.prerequisites.is_empty()).then(|| view! {
                    <h3 class="card__h">"Also needed (not checked here)"</h3>
                    <ul>{r.prerequisites.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                })}
            }
        })
    };
    let name = move || r.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let missing = move || r.with(|r| r.as_ref().map_or(0, |r| r.missing.len()));
    // The body is drawn when the card is first opened, and kept: a page of folded
    // cards mounts only their summaries.
    let drawn = Drawn::new(open);
    let enablers_of = id.clone();
    // The address names the card the user opened last, so a link to this view
    // opens it; closing that card leaves it. Only the user's click (or key) on the
    // summary counts: printing opens and closes every card.
    let router = use_router();
    let named = id.clone();
    let follow = move |_| {
        // Before the click's default action: the card's state until now.
        let was_open = crate::dom::is_open(&card_id(&named));
        let now = router
            .route
            .with_untracked(|r| r.param("op").unwrap_or_default().to_string());
        if !was_open {
            if now != named {
                opened_here.set_value(named.clone());
                router.replace("op", &named);
            }
        } else if now == named {
            router.replace("op", "");
        }
    };
    view! {
        <details class="card" prop:open=open hidden=hidden data-testid="operation" data-op=id.clone() data-status=move || status().as_str() id=card_id(&id)
            on:toggle=move |ev| drawn.toggled(&ev)>
            <summary class="card__summary" on:click=follow>
                {move || view! { <StatusBadge status=status()/> }}
                <span class="card__title">{name}</span>
                {move || (missing() > 0).then(|| view! { <span class="muted">{format!("{} missing", missing())}</span> })}
            </summary>
            {move || drawn.get().then(|| view! {
                <div class="card__body">
                    {summary.clone().map(|s| view! { <p>{s}</p> })}
                    {body}
                    <Enablers id=enablers_of.clone()/>
                    {(!notes.is_empty()).then(|| view! {
                        <h3 class="card__h">"Notes"</h3>
                        <ul class="notes">{notes.iter().map(|(t, src)| view! { <li><crate::components::rich::Rich text=t.clone()/><span class="muted">{format!(" ({src})")}</span></li> }).collect_view()}</ul>
                    })}
                </div>
            })}
        </details>
    }
}

fn scope_field(
    label: &'static str,
    key: &'static str,
    ctx: Memo<Context>,
    get: fn(&Context) -> String,
) -> impl IntoView {
    let router = use_router();
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" spellcheck="false" data-testid=format!("ctx-{key}")
                prop:value=move || ctx.with(get)
                on:change=move |ev| router.replace(key, &event_target_value(&ev))
            />
        </label>
    }
}

/// Assignments, problems and inferred scopes listed before the rest are counted.
const LISTED: usize = 50;

/// The operations view: for the current assignments, or (`alone=ROLE`) for one
/// role on its own, as its role page counts them.
#[component]
pub fn OperationsPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let filter = router.param("status");
    let q = router.param("q");
    let selected = router.param("op");
    let alone = router.param("alone");
    let (sub, rg, vnet, sa) = (
        router.param("sub"),
        router.param("rg"),
        router.param("vnet"),
        router.param("sa"),
    );
    let given = Memo::new(move |_| [sub.get(), rg.get(), vnet.get(), sa.get()]);
    let computed = Memo::new(move |_| {
        let g = given.get();
        let role = alone.get();
        if role.is_empty() {
            let rows = state.assignments.get();
            state
                .env
                .with(|e| Shared(Arc::new(compute(&e.env, &g, problem_lines(e, &rows)))))
        } else {
            state.roles.with(|set| match alone_env(set, &role) {
                Ok(env) => Shared(Arc::new(compute(&env, &g, Vec::new()))),
                Err(e) => Shared(Arc::new(compute(
                    &Environment::new(RoleSet::clone(set)),
                    &g,
                    vec![e],
                ))),
            })
        }
    });
    let ctx = Memo::new(move |_| computed.with(|c| c.ctx.clone()));
    // Every operation's card by group, in catalog order: changes with the assignments
    // only. Searching and filtering hide cards instead of dropping them, so a
    // keystroke builds no card and an open card stays open.
    let layout = Memo::new(move |_| {
        computed.with(|c| {
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            let mut perms: Vec<String> = Vec::new();
            for r in &c.results {
                if r.kind == OperationKind::Permission {
                    perms.push(r.id.clone());
                } else {
                    match groups.iter_mut().find(|(g, _)| *g == r.group) {
                        Some((_, v)) => v.push(r.id.clone()),
                        None => groups.push((r.group.clone(), vec![r.id.clone()])),
                    }
                }
            }
            (groups, perms)
        })
    });
    // The ids the search and the status filter keep.
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let ws = words(&q.get());
        computed.with(|c| {
            c.results
                .iter()
                .filter(|r| f.is_empty() || r.status.as_str() == f)
                .filter(|r| {
                    ws.iter()
                        .all(|w| contains_folded(&r.name, w) || contains_folded(&r.id, w))
                })
                .map(|r| r.id.clone())
                .collect::<HashSet<String>>()
        })
    });
    let groups =
        Memo::new(move |_| layout.with(|l| l.0.iter().map(|(g, _)| g.clone()).collect::<Vec<_>>()));
    let perms = Memo::new(move |_| layout.with(|l| l.1.clone()));
    let ids_in = move |g: String| {
        move || {
            layout.with(|l| {
                l.0.iter()
                    .find(|(x, _)| *x == g)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
        }
    };
    let group_hidden = move |g: String| {
        move || {
            layout.with(|l| {
                shown.with(|s| {
                    l.0.iter()
                        .find(|(x, _)| *x == g)
                        .is_none_or(|(_, v)| !v.iter().any(|id| s.contains(id)))
                })
            })
        }
    };
    // Read by the section's `hidden` and its heading.
    let perms_shown = Memo::new(move |_| {
        perms.with(|p| shown.with(|s| p.iter().filter(|id| s.contains(*id)).count()))
    });
    let first_open = StoredValue::new(selected.get_untracked());
    let opened = move |id: &str| first_open.with_value(|f| f == id);
    // Opened for one operation: bring its card into view once it is there.
    if !first_open.with_value(String::is_empty) {
        crate::dom::reveal(first_open.with_value(|f| card_id(f)));
    }
    // A later `op` in the address (a pasted link, back and forward): open that
    // card and bring it into view, as a fresh load does; not the card the user has
    // just opened (its opening wrote the address).
    let opened_here = StoredValue::new(String::new());
    Effect::new(move |prev: Option<String>| {
        let now = selected.get();
        let by_hand = opened_here.with_value(|o| *o == now);
        opened_here.set_value(String::new());
        if prev.is_some_and(|p| p != now) && !now.is_empty() && !by_hand {
            crate::dom::reveal(card_id(&now));
        }
        now
    });
    let total_perms = cat().windows365.permission_count();
    view! {
        <section class="page">
            <h1>"Windows 365 operations"</h1>
            <p class="lead">"What the current assignments allow across Microsoft Entra, Cloud PC roles and Azure, what is missing, and what the Windows 365 service receives in your subscription."</p>
            {move || {
                let role = alone.get();
                (!role.is_empty()).then(|| {
                    let found = state.roles.with(|set| set.resolve(&role).ok().and_then(|r| set.get(r).map(|x| (x.name.clone(), x.plane() == Plane::Azure))));
                    // Where the role page assigns it: an Azure role at the sample
                    // subscription, any other tenant-wide (browser review of 2026-12-06:
                    // an Entra role, and a role no one has, were called Azure roles).
                    let said = match found {
                        Some((name, true)) => format!("Showing what {name} enables on its own, as its role page counts it (an Azure role assigned at {SAMPLE_SUBSCRIPTION}). "),
                        Some((name, false)) => format!("Showing what {name} enables on its own, as its role page counts it (assigned tenant-wide). "),
                        None => format!("No role has the name or id “{role}”, so nothing is shown on its own. "),
                    };
                    view! {
                        <p class="banner" data-testid="alone-banner">
                            {said}
                            <a href="#/operations" on:click=move |ev| { ev.prevent_default(); router.replace("alone", ""); }>"Show my assignments instead"</a>
                        </p>
                    }
                })
            }}
            // An address naming no operation says so (an outside review: it was
            // ignored without a word).
            {move || {
                let op = selected.get();
                let c = cat();
                (!op.is_empty() && c.windows365.operation(&op).is_none()).then(|| {
                    let near = w365_engine::fuzzy::closest(&op, c.windows365.operations.iter().map(|o| o.id.as_str()))
                        .and_then(|id| c.windows365.operation(id));
                    view! {
                        <p class="banner" role="status" data-testid="op-unknown">
                            {format!("No Windows 365 operation has the id “{}”. ", w365_engine::text::excerpt(&op))}
                            {near.map(|o| {
                                let id = o.id.clone();
                                view! { "Did you mean " <a href=format!("#/operations?op={}", crate::route::encode(&o.id)) on:click=move |ev| { ev.prevent_default(); router.replace("op", &id); }>{o.name.clone()}</a>"? " }
                            })}
                        </p>
                    }
                })
            }}
            <section class="panel" aria-labelledby="set-title">
                <h2 id="set-title">"Assignments in play"</h2>
                {move || computed.with(|c| {
                    if c.assigned.is_empty() {
                        view! { <p class="empty" data-testid="no-assignments">"No assignments yet. Add roles in "<a href="#/assignments">"Assignments"</a>" or from a role's page."</p> }.into_any()
                    } else {
                        // Thousands of rows (a long link) are counted, not all drawn.
                        let more = c.assigned.len().saturating_sub(LISTED);
                        view! {
                            <ul class="inline-list" data-testid="assigned-list">{c.assigned.iter().take(LISTED).map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                            {(more > 0).then(|| view! { <p class="muted" data-testid="assigned-more">{format!("and {} more; ", num(more))}<a href="#/assignments">{format!("see all {} in Assignments", num(c.assigned.len()))}</a></p> })}
                        }.into_any()
                    }
                })}
                {move || computed.with(|c| (!c.problems.is_empty()).then(|| view! {
                    <ul class="problems" role="alert">
                        {c.problems.iter().take(LISTED).map(|m| view! { <li><Rich text=m.clone()/></li> }).collect_view()}
                        {(c.problems.len() > LISTED).then(|| view! { <li>{format!("and {} more, listed in Assignments", count(c.problems.len() - LISTED, "problem", "problems"))}</li> })}
                    </ul>
                }))}
                <details class="scopes">
                    <summary>"Scopes used for Azure requirements"</summary>
                    <div class="grid2">
                        {scope_field("Subscription", "sub", ctx, |c| c.subscription.to_string())}
                        {scope_field("Resource group", "rg", ctx, |c| c.resource_group.to_string())}
                        {scope_field("Virtual network", "vnet", ctx, |c| c.virtual_network.to_string())}
                        {scope_field("Storage account", "sa", ctx, |c| c.storage_account.to_string())}
                    </div>
                    <p class="muted">{move || ctx.with(|c| if c.inferred.is_empty() { String::new() } else { format!("Inferred from the assignments: {}{}. A name in braces stands for any resource not otherwise assigned.", c.inferred.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", "), match c.inferred.len().saturating_sub(LISTED) { 0 => String::new(), n => format!(" and {n} more") }) })}</p>
                </details>
                <button class="button" data-testid="share" on:click=move |_| {
                    let route = router.route.get_untracked();
                    let part = if alone.get_untracked().is_empty() { shared_part(&state, &route) } else { crate::workspace::Workspace::default() };
                    copy_link(state, route, part);
                }>"Copy a link to this view"</button>
            </section>
            <div class="filters">
                <label class="field field--grow">
                    <span>"Search operations"</span>
                    <input type="search" data-testid="w365-search" prop:value=move || q.get() on:input=move |ev| router.type_in("q", &event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>"Status"</span>
                    <select data-testid="w365-status" prop:value=move || filter.get() on:change=move |ev| router.replace("status", &event_target_value(&ev))>
                        <option value="">"All"</option>
                        <option value="allowed">"Allowed"</option>
                        <option value="conditional">"Conditional"</option>
                        <option value="denied">"Denied"</option>
                    </select>
                </label>
            </div>
            <p class="summary" role="status" data-testid="w365-summary">
                {move || computed.with(|c| {
                    let n = |s: Status| c.results.iter().filter(|r| r.kind == OperationKind::Task && r.status == s).count();
                    let p = c.results.iter().filter(|r| r.kind == OperationKind::Permission && r.status == Status::Allowed).count();
                    format!("Operations: {} allowed, {} conditional, {} denied. Cloud PC permissions: {} of {} usable (held, with what the permission table says each also needs).", n(Status::Allowed), n(Status::Conditional), n(Status::Denied), p, total_perms)
                })}
            </p>
            <For each=move || groups.get() key=|g| g.clone() let:g>
                <section class="opgroup" hidden=group_hidden(g.clone())>
                    <h2>{g.clone()}</h2>
                    <For each=ids_in(g.clone()) key=|id: &String| id.clone() let:id>
                        <OperationCard open=opened(&id) id=id results=computed shown=shown opened_here=opened_here/>
                    </For>
                </section>
            </For>
            <section class="opgroup" aria-labelledby="remote-title">
                <h2 id="remote-title">{move || computed.with(|c| format!("Remote actions on Cloud PCs ({} of {} allowed)", c.remote.iter().filter(|r| r.status == Status::Allowed).count(), c.remote.len()))}</h2>
                <Fold summary="Which permission each needs, in which plane" testid="remote-details">
                    <p class="muted">"Intune remote tasks (sync, scans, Defender) are Intune permissions; resize, restore and reprovision are Cloud PC permissions; some need either or both. Scope tags then decide on which Cloud PCs."</p>
                    <RemoteActions statuses=Signal::derive(move || computed.with(|c| c.remote.clone()))/>
                </Fold>
            </section>
            {move || (!perms.with(Vec::is_empty)).then(|| {
                let open = first_open.with_value(|f| f.starts_with("permission:"));
                view! {
                    <section class="opgroup" hidden=move || perms_shown.get() == 0>
                        <h2>{move || format!("Cloud PC permissions ({})", perms_shown.get())}</h2>
                        <Fold summary="Each catalog permission as an operation" open=open>
                            <For each=move || perms.get() key=|id| id.clone() let:id>
                                <OperationCard open=opened(&id) id=id results=computed shown=shown opened_here=opened_here/>
                            </For>
                        </Fold>
                    </section>
                }
            })}
        </section>
    }
}
