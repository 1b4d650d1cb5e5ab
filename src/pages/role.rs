//! One role: description, provenance, permission blocks as written, effective
//! operations grouped with counts, the Windows 365 operations it enables on its
//! own, risk notes, and what changed since the seed's version.

use crate::components::export_panel::ExportPanel;
use crate::components::op_groups::OpGroups;
use crate::components::status::StatusBadge;
use crate::dom::num;
use crate::pages::roles::role_href;
use crate::route::{use_router, Route, View};
use crate::state::{cat, new_id, use_state};
use crate::storage::{SavedAssignment, SavedRole};
use leptos::prelude::*;
use w365_engine::evaluate::{Assignment, Environment};
use w365_engine::expand::Expander;
use w365_engine::export::{export, Format};
use w365_engine::history::changes;
use w365_engine::model::{PermissionBlock, Role};
use w365_engine::readiness::{Context, Status};
use w365_engine::risk::assess;
use w365_engine::roleset::RoleSet;
use w365_engine::{Plane, Scope};

/// Where a role is assigned when the page asks what it enables on its own.
pub const SAMPLE_SUBSCRIPTION: &str = "/subscriptions/00000000-0000-0000-0000-000000000000";

fn block_view(b: &PermissionBlock, index: usize, total: usize) -> impl IntoView {
    let mut ex = Expander::new(cat());
    let lists: Vec<(&str, Vec<(String, usize)>)> = [
        ("Actions", &b.actions, false),
        ("NotActions", &b.not_actions, false),
        ("DataActions", &b.data_actions, true),
        ("NotDataActions", &b.not_data_actions, true),
    ]
    .into_iter()
    .map(|(label, list, data)| {
        (
            label,
            list.iter()
                .map(|p| {
                    (
                        p.as_str().to_string(),
                        ex.match_set(std::slice::from_ref(p), data).count(),
                    )
                })
                .collect(),
        )
    })
    .collect();
    let cond = b
        .condition
        .as_ref()
        .map(|c| (c.as_str().to_string(), c.is_understood()));
    view! {
        <div class="block">
            {(total > 1).then(|| view! { <h4>{format!("Permission block {}", index + 1)}</h4> })}
            <dl class="block__lists">
                {lists
                    .into_iter()
                    .map(|(label, items)| view! {
                        <dt>{label}</dt>
                        <dd>
                            {if items.is_empty() {
                                view! { <span class="muted">"none"</span> }.into_any()
                            } else {
                                view! {
                                    <ul class="patterns">
                                        {items.into_iter().map(|(p, n)| view! {
                                            <li><code>{p}</code><span class="muted">{format!(" matches {}", num(n))}</span></li>
                                        }).collect_view()}
                                    </ul>
                                }
                                .into_any()
                            }}
                        </dd>
                    })
                    .collect_view()}
            </dl>
            {cond.map(|(c, understood)| view! {
                <div class="condition">
                    <h5>"Condition"</h5>
                    <pre class="code">{c}</pre>
                    <p class="muted">{if understood {
                        "Actions the condition names are reported as conditional (their attributes cannot be checked offline); other actions of this block are granted."
                    } else {
                        "The condition could not be read: every grant of this block is reported as conditional."
                    }}</p>
                </div>
            })}
        </div>
    }
}

/// The Windows 365 operations a role enables on its own (id, name, status), assigned
/// at a sample subscription when it is an Azure role; denied ones left out.
pub fn alone(role: &Role) -> Vec<(String, String, Status)> {
    let c = cat();
    let set = RoleSet::new(c, vec![role.clone()]);
    let mut env = Environment::new(set);
    let scope = (role.plane() == Plane::Azure)
        .then(|| Scope::parse(SAMPLE_SUBSCRIPTION).ok())
        .flatten();
    env.assignments.push(Assignment {
        role: w365_engine::roleset::RoleRef::Custom(0),
        scope,
        condition: None,
    });
    let ctx = Context::infer(&env, None, None, None, None);
    env.operations(&ctx)
        .into_iter()
        .filter(|o| o.status != Status::Denied)
        .map(|o| (o.id, o.name, o.status))
        .collect()
}

/// The role view.
#[component]
pub fn RolePage(
    /// Role id or name.
    id: String,
) -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let found = Memo::new(move |_| {
        state.roles.with(|r| {
            r.set.resolve(&id).ok().and_then(|rr| {
                let role = r.set.get(rr)?.clone();
                let ex = r.set.expansion(rr)?.clone();
                Some((
                    role,
                    ex,
                    matches!(rr, w365_engine::roleset::RoleRef::Custom(_)),
                ))
            })
        })
    });
    move || {
        let Some((role, ex, custom)) = found.get() else {
            return view! {
                <section class="page">
                    <h1>"Role not found"</h1>
                    <p class="empty">"No built-in or saved role has this id. It may have been deleted, or the link was shared without the role."</p>
                    <p><a href="#/roles">"Back to all roles"</a></p>
                </section>
            }
            .into_any();
        };
        let c = cat();
        let (actions, data, conditional, cloud) = ex.counts(c);
        let risks = assess(c, &role, &ex);
        let history = c.seed_version(&role).map(|old| {
            (
                old.version_date.clone().unwrap_or_default(),
                changes(old, &role),
            )
        });
        let enabled = alone(&role);
        let granted = ex.granted.clone();
        let cond_ops: Vec<String> = ex
            .conditional
            .iter()
            .map(|i| c.operations.name(i).to_string())
            .collect();
        let perms: Vec<_> = ex
            .cloud_pc
            .iter()
            .filter_map(|i| c.windows365.permissions.get(i))
            .cloned()
            .collect();
        let role_for_export = role.clone();
        let export_sig = Signal::derive(move || Some(role_for_export.clone()));
        let clone_role = role.clone();
        let assign_role = role.clone();
        let blocks = role.blocks.clone();
        let nblocks = blocks.len();
        view! {
            <article class="page role" data-testid="role-page">
                <p class="crumbs"><a href="#/roles">"Roles"</a> " / "</p>
                <h1 data-testid="role-name">{role.name.clone()}</h1>
                <p class="role__meta">
                    <span class="tag">{role.kind.label()}</span>
                    {role.category.clone().map(|x| view! { <span class="tag tag--quiet">{x}</span> })}
                    <code class="role__id">{role.id.clone()}</code>
                </p>
                <p class="lead">{role.description.clone()}</p>
                <div class="actions-bar">
                    <button class="button" data-testid="clone-role" on:click=move |_| {
                        let mut copy = clone_role.clone();
                        copy.name = format!("{} (copy)", copy.name);
                        copy.kind = if copy.plane() == Plane::CloudPc { w365_engine::RoleKind::CloudPcCustom } else { w365_engine::RoleKind::AzureCustom };
                        if copy.plane() == Plane::Azure && copy.assignable_scopes.iter().any(|s| s == "/") {
                            copy.assignable_scopes = vec![SAMPLE_SUBSCRIPTION.to_string()];
                        }
                        let format = if copy.plane() == Plane::CloudPc { Format::Graph } else { Format::Arm };
                        match export(&copy, format) {
                            Ok(text) => {
                                let id = new_id();
                                state.put_role(SavedRole { id: id.clone(), definition: text });
                                router.go(Route::to(View::Compose).with("role", &id));
                            }
                            Err(e) => state.error(format!("Cannot copy this role: {e}")),
                        }
                    }
                        disabled=matches!(role.plane(), Plane::Entra | Plane::Intune)
                    >"Compose a copy"</button>
                    <button class="button" data-testid="assign-role" on:click=move |_| {
                        let scope = if assign_role.plane() == Plane::Azure { SAMPLE_SUBSCRIPTION.to_string() } else { String::new() };
                        let mut list = state.saved.get_untracked().assignments;
                        list.push(SavedAssignment { role: assign_role.id.clone(), scope });
                        state.set_assignments(list, Some(&format!("Assigned {}; edit the scope in Assignments.", assign_role.name)));
                    }>"Add to assignments"</button>
                    <a class="button" href=format!("#/compare?roles={}", crate::route::encode(&role.id))>"Compare with…"</a>
                </div>
                <section class="stats" aria-label="Effective permissions">
                    <div class="stat"><span class="stat__n" data-testid="count-actions">{num(actions)}</span><span>"actions"</span></div>
                    <div class="stat"><span class="stat__n" data-testid="count-data">{num(data)}</span><span>"data actions"</span></div>
                    <div class="stat"><span class="stat__n">{num(conditional)}</span><span>"conditional"</span></div>
                    <div class="stat"><span class="stat__n" data-testid="count-cloudpc">{num(cloud)}</span><span>"Cloud PC permissions"</span></div>
                </section>
                {(!risks.is_empty()).then(|| view! {
                    <section class="risks" aria-labelledby="risk-title">
                        <h2 id="risk-title">"Risk notes"</h2>
                        <ul>
                            {risks.into_iter().map(|r| view! {
                                <li class=format!("risk risk--{}", r.level.as_str())>
                                    <span class="risk__level">{r.level.as_str()}</span>
                                    <span>{r.message}</span>
                                    <span class="muted">{format!(" ({})", r.basis)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                <section aria-labelledby="w365-title">
                    <h2 id="w365-title">"Windows 365 operations it enables on its own"</h2>
                    {if enabled.is_empty() {
                        view! { <p class="muted">"None on its own; combine it with other roles in Assignments."</p> }.into_any()
                    } else {
                        let (perm_ops, ops): (Vec<_>, Vec<_>) = enabled.into_iter().partition(|(id, _, _)| id.starts_with("permission:"));
                        view! {
                            <ul class="oplist">
                                {ops.into_iter().map(|(id, name, s)| view! {
                                    <li><StatusBadge status=s/> " " <a href=format!("#/operations?op={}", crate::route::encode(&id))>{name}</a></li>
                                }).collect_view()}
                            </ul>
                            {(!perm_ops.is_empty()).then(|| view! { <p class="muted">{format!("and {} of the 106 Cloud PC permissions", perm_ops.len())}</p> })}
                        }
                        .into_any()
                    }}
                    {(role.plane() == Plane::Azure).then(|| view! {
                        <p class="muted">{format!("Assigned at {SAMPLE_SUBSCRIPTION} for this check.")}</p>
                    })}
                </section>
                {(!perms.is_empty()).then(|| view! {
                    <section aria-labelledby="cpc-title">
                        <h2 id="cpc-title">{format!("Cloud PC permissions ({})", perms.len())}</h2>
                        <div class="table-wrap"><table class="table">
                            <thead><tr><th scope="col">"Permission"</th><th scope="col">"Description"</th><th scope="col">"Graph resource action"</th></tr></thead>
                            <tbody>
                                {perms.into_iter().map(|p| view! {
                                    <tr><td>{p.name.clone()}</td><td>{p.summary.clone()}</td><td><code>{p.graph.clone()}</code>" "<span class="muted">{p.confidence.clone()}</span></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    </section>
                })}
                {(!role.entra_actions.is_empty()).then(|| {
                    let acts = role.entra_actions.clone();
                    view! {
                        <section aria-labelledby="entra-title">
                            <h2 id="entra-title">{format!("Microsoft Entra permissions ({})", acts.len())}</h2>
                            <ul class="patterns">{acts.into_iter().map(|a| view! { <li><code>{a.action}</code>" "<span class="muted">{a.description}</span></li> }).collect_view()}</ul>
                        </section>
                    }
                })}
                {(role.plane() == Plane::Azure).then(|| view! {
                    <section aria-labelledby="eff-title">
                        <h2 id="eff-title">"Effective operations"</h2>
                        <OpGroups set=Signal::derive(move || granted.clone()) testid="effective"/>
                        {(!cond_ops.is_empty()).then(|| view! {
                            <h3>{format!("Granted only under a condition ({})", cond_ops.len())}</h3>
                            <ul class="patterns">{cond_ops.into_iter().map(|n| view! { <li><code>{n}</code></li> }).collect_view()}</ul>
                        })}
                    </section>
                })}
                <section aria-labelledby="blocks-title">
                    <h2 id="blocks-title">"Permissions as written"</h2>
                    {blocks.iter().enumerate().map(|(i, b)| block_view(b, i, nblocks)).collect_view()}
                    {(!role.assignable_scopes.is_empty()).then(|| view! {
                        <p>"Assignable scopes: " {role.assignable_scopes.iter().map(|s| view! { <code>{s.clone()}</code>" " }).collect_view()}</p>
                    })}
                </section>
                {history.map(|(date, ch)| view! {
                    <section aria-labelledby="hist-title" data-testid="history">
                        <h2 id="hist-title">{format!("Changes since the {date} version (seed 003)")}</h2>
                        {if ch.is_empty() {
                            view! { <p class="muted">"No change."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="changes">
                                    {ch.into_iter().map(|x| view! {
                                        <li class=format!("change change--{}", x.kind)>
                                            <span class="change__kind">{x.kind}</span>
                                            " " {x.field} " "
                                            {x.old.map(|o| view! { <del>{o}</del> })}
                                            " "
                                            {x.new.map(|n| view! { <ins>{n}</ins> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }
                            .into_any()
                        }}
                    </section>
                })}
                <section aria-labelledby="prov-title">
                    <h2 id="prov-title">"Provenance"</h2>
                    <ul>{role.provenance.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    {(!role.notes.is_empty()).then(|| view! {
                        <ul class="notes">{role.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    })}
                </section>
                {(custom || role.kind.is_builtin()).then(|| view! { <ExportPanel role=export_sig/> })}
                <p><a href=role_href(&role.id)>"Permalink"</a></p>
            </article>
        }
        .into_any()
    }
}
