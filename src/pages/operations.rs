//! Windows 365 operations for the current assignments: allowed, denied or
//! conditional, what is missing with the least-privileged fix, where documentation
//! sources disagree, and what the Windows 365 service itself receives.

use crate::components::reasons::Reasons;
use crate::components::status::StatusBadge;
use crate::dom::{copy, num};
use crate::env::{context, environment, share_route};
use crate::route::use_router;
use crate::state::{cat, use_state, Shared};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::readiness::{Context, OperationResult, ServiceOutcome, Status};
use w365_engine::search::words;

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
fn Service(s: ServiceOutcome) -> impl IntoView {
    let before = s.before_cutoff.clone();
    view! {
        <div class="service" data-testid="service">
            <h4>"What the Windows 365 service receives"</h4>
            <p>
                <span class=format!("tag tag--{}", s.assignment)>{s.assignment.clone()}</span>
                " " {s.explanation.clone()}
            </p>
            <div class="service__cols">
                <div>
                    <h5>{if s.cutoff.is_some() { "Today" } else { "Roles" }}</h5>
                    <ul class="flow">
                        {s.receives.iter().map(|g| view! {
                            <li class="flow__step">
                                <strong>{g.role.clone()}</strong>
                                " on the " {slot_label(&g.slot)}
                                <code class="flow__scope">{g.scope.clone()}</code>
                                <span class="muted">{format!("{} operations · {}", num(g.operations), doc_label(&g.source))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
                {s.cutoff.clone().map(|cut| view! {
                    <div>
                        <h5>{format!("Connections created before {cut}")}</h5>
                        <ul class="flow flow--old">
                            {before.iter().map(|g| view! {
                                <li class="flow__step">
                                    <strong>{g.role.clone()}</strong>
                                    " on the " {slot_label(&g.slot)}
                                    <span class="muted">{format!("{} operations · {}", num(g.operations), doc_label(&g.source))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                        <p class="muted">"Retry the ANC health check to move to the new roles, then remove the Network Contributor assignments by hand (seed 001)."</p>
                    </div>
                })}
            </div>
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
                        <h4>{format!("Built-in roles that enable it on their own ({}), least privileged first", list.len())}</h4>
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

#[component]
fn OperationCard(r: OperationResult, open: bool) -> impl IntoView {
    let op = cat().windows365.operation(&r.id).cloned();
    let id = r.id.clone();
    view! {
        <details class="card" prop:open=open data-testid="operation" data-op=id.clone() data-status=r.status.as_str() id=format!("op-{}", id.replace([':', ' ', '/'], "-"))>
            <summary class="card__summary">
                <StatusBadge status=r.status/>
                <span class="card__title">{r.name.clone()}</span>
                {(!r.missing.is_empty()).then(|| view! { <span class="muted">{format!("{} missing", r.missing.len())}</span> })}
            </summary>
            <div class="card__body">
                {op.as_ref().map(|o| view! { <p>{o.summary.clone()}</p> })}
                {(!r.missing.is_empty()).then(|| view! {
                    <h4>"Missing"</h4>
                    <ul class="missing" data-testid="missing">
                        {r.missing.iter().map(|m| view! {
                            <li>
                                <span class="missing__what">{m.requirement.clone()}</span>
                                {m.fix.clone().map(|f| view! { <span class="missing__fix">{format!("Least-privileged fix: {}", f.message)}</span> })}
                                <span class="muted">{format!("{}: “{}”", doc_label(&m.source), m.says)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {r.conflicts.iter().filter(|c| !c.agree).map(|c| view! {
                    <div class="conflict" data-testid="conflict">
                        <h4>{format!("Sources disagree: {}", c.topic)}</h4>
                        <ul>
                            {c.positions.iter().map(|p| view! {
                                <li><StatusBadge status=p.status/>" " <strong>{doc_label(&p.source)}</strong> {format!(": “{}”", p.says)}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
                <h4>"Why"</h4>
                <Reasons reasons=r.reasons.clone()/>
                <Enablers id=id.clone()/>
                {r.service.clone().map(|s| view! { <Service s=s/> })}
                {(!r.prerequisites.is_empty()).then(|| view! {
                    <h4>"Also needed (not checked here)"</h4>
                    <ul>{r.prerequisites.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                })}
                {op.map(|o| (!o.notes.is_empty()).then(|| view! {
                    <h4>"Notes"</h4>
                    <ul class="notes">{o.notes.iter().map(|n| view! { <li>{n.text.clone()}<span class="muted">{format!(" ({})", doc_label(&n.source))}</span></li> }).collect_view()}</ul>
                }))}
            </div>
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

/// The operations view.
#[component]
pub fn OperationsPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let filter = router.param("status");
    let q = router.param("q");
    let selected = router.param("op");
    let computed = Memo::new(move |_| {
        let (env, problems) = environment(&state);
        let ctx = router.route.with(|r| context(&env, r));
        let results = env.operations(&ctx);
        let assigned: Vec<String> = env
            .assignments
            .iter()
            .filter_map(|a| {
                env.roles.get(a.role).map(|r| match &a.scope {
                    Some(s) => format!("{} at {s}", r.name),
                    None => r.name.clone(),
                })
            })
            .collect();
        Shared(Arc::new((results, ctx, problems, assigned)))
    });
    let ctx = Memo::new(move |_| computed.with(|c| c.0 .1.clone()));
    let visible = Memo::new(move |_| {
        let f = filter.get();
        let ws = words(&q.get());
        computed.with(|c| {
            c.0 .0
                .iter()
                .filter(|r| f.is_empty() || r.status.as_str() == f)
                .filter(|r| {
                    ws.iter().all(|w| {
                        r.name.to_ascii_lowercase().contains(w.as_str())
                            || r.id.contains(w.as_str())
                    })
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page">
            <h1>"Windows 365 operations"</h1>
            <p class="lead">"What the current assignments allow across Microsoft Entra, Cloud PC roles and Azure, what is missing, and what the Windows 365 service receives in your subscription."</p>
            <section class="panel" aria-labelledby="set-title">
                <h2 id="set-title">"Assignments in play"</h2>
                {move || computed.with(|c| {
                    if c.0 .3.is_empty() {
                        view! { <p class="empty" data-testid="no-assignments">"No assignments yet. Add roles in "<a href="#/assignments">"Assignments"</a>" or from a role's page."</p> }.into_any()
                    } else {
                        view! { <ul class="inline-list">{c.0 .3.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }
                })}
                {move || computed.with(|c| (!c.0 .2.is_empty()).then(|| view! {
                    <ul class="problems" role="alert">{c.0 .2.iter().map(|(i, m)| view! { <li>{format!("Assignment {}: {m}", i + 1)}</li> }).collect_view()}</ul>
                }))}
                <details class="scopes">
                    <summary>"Scopes used for Azure requirements"</summary>
                    <div class="grid2">
                        {scope_field("Subscription", "sub", ctx, |c| c.subscription.to_string())}
                        {scope_field("Resource group", "rg", ctx, |c| c.resource_group.to_string())}
                        {scope_field("Virtual network", "vnet", ctx, |c| c.virtual_network.to_string())}
                        {scope_field("Storage account", "sa", ctx, |c| c.storage_account.to_string())}
                    </div>
                    <p class="muted">{move || ctx.with(|c| if c.inferred.is_empty() { String::new() } else { format!("Inferred from the assignments: {}. A name in braces stands for any resource not otherwise assigned.", c.inferred.join(", ")) })}</p>
                </details>
                <button class="button" data-testid="share" on:click=move |_| {
                    let r = share_route(&state, router.route.get_untracked());
                    let url = format!("{}{}", window().location().href().unwrap_or_default().split('#').next().unwrap_or_default(), r.hash());
                    copy(url, move |res| match res {
                        Ok(()) => state.info("Link copied: it carries these assignments and their custom roles."),
                        Err(e) => state.error(format!("Could not copy the link: {e}")),
                    });
                }>"Copy a link to this view"</button>
            </section>
            <div class="filters">
                <label class="field field--grow">
                    <span>"Search operations"</span>
                    <input type="search" data-testid="w365-search" prop:value=move || q.get() on:input=move |ev| router.replace("q", &event_target_value(&ev))/>
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
                    let n = |s: Status| c.0 .0.iter().filter(|r| !r.id.starts_with("permission:") && r.status == s).count();
                    let p = |s: Status| c.0 .0.iter().filter(|r| r.id.starts_with("permission:") && r.status == s).count();
                    format!("Operations: {} allowed, {} conditional, {} denied. Cloud PC permissions: {} of 106 held.", n(Status::Allowed), n(Status::Conditional), n(Status::Denied), p(Status::Allowed))
                })}
            </p>
            {move || {
                let all = visible.get();
                let sel = selected.get();
                let (perms, ops): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r.id.starts_with("permission:"));
                let mut groups: Vec<(String, Vec<OperationResult>)> = Vec::new();
                for r in ops {
                    match groups.iter_mut().find(|(g, _)| *g == r.group) {
                        Some((_, v)) => v.push(r),
                        None => groups.push((r.group.clone(), vec![r])),
                    }
                }
                view! {
                    {groups.into_iter().map(|(g, list)| view! {
                        <section class="opgroup">
                            <h2>{g}</h2>
                            {list.into_iter().map(|r| { let open = r.id == sel; view! { <OperationCard r=r open=open/> } }).collect_view()}
                        </section>
                    }).collect_view()}
                    {(!perms.is_empty()).then(|| {
                        let open = sel.starts_with("permission:");
                        view! {
                            <section class="opgroup">
                                <h2>{format!("Cloud PC permissions ({})", perms.len())}</h2>
                                <details prop:open=open>
                                    <summary>"Each catalog permission as an operation"</summary>
                                    {perms.into_iter().map(|r| { let o = r.id == sel; view! { <OperationCard r=r open=o/> } }).collect_view()}
                                </details>
                            </section>
                        }
                    })}
                }
            }}
        </section>
    }
}
