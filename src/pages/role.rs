//! One role: description, provenance, permission blocks as written, effective
//! operations grouped with counts, the Windows 365 operations it enables on its
//! own, risk notes, and what changed since the seed's version; for the Cloud PC and
//! Intune built-in roles, their dated changes as Graph returned them, the earlier
//! model they replaced and where the permission table disagrees; for Cloud PC,
//! Intune and Entra roles, the remote actions on Cloud PCs they allow. Each section
//! is its own component over the one role the page resolves.

use crate::components::export_panel::ExportPanel;
use crate::components::op_groups::OpGroups;
use crate::components::remote_actions::RemoteActions;
use crate::components::risk_profile::RiskProfile;
use crate::components::role_evidence::{role_disagreements, RoleEvidence};
use crate::components::role_timeline::RoleTimeline;
use crate::components::show_more::ShowMore;
use crate::components::status::StatusBadge;
use crate::dom::num;
use crate::pages::roles::role_href;
use crate::route::{encode, use_router, Route, View};
use crate::state::{cat, new_id, row, use_state};
use crate::workspace::{Assignee, AssignmentRow, CustomRole, Edit};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use w365_engine::expand::{Expander, Expansion};
use w365_engine::history::changes;
use w365_engine::model::{PermissionBlock, Role};
use w365_engine::pattern::ActionPattern;
use w365_engine::readiness::{alone_expanded, held_needing_more, Enabled, SAMPLE_SUBSCRIPTION};
use w365_engine::windows365::OperationKind;
use w365_engine::{Plane, RoleKind, Scope};

fn block_view(b: &PermissionBlock, plane: Plane, index: usize, total: usize) -> impl IntoView {
    let lists = [
        ("Actions", &b.actions, false),
        ("NotActions", &b.not_actions, false),
        ("DataActions", &b.data_actions, true),
        ("NotDataActions", &b.not_data_actions, true),
    ]
    .map(|(label, list, data)| (label, list.clone(), data));
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
                    .map(|(label, items, data)| view! {
                        <dt>{label}</dt>
                        <dd>
                            {if items.is_empty() {
                                view! { <span class="muted">"none"</span> }.into_any()
                            } else {
                                view! { <WrittenPatterns items=items plane=plane data=data/> }.into_any()
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

/// Patterns drawn at first, and added by each "Show more": a role of 60,000 lines
/// opened its page in 4.6 s with every line drawn and counted (browser review of
/// 2026-12-06).
const PATTERNS_SHOWN: usize = 200;

/// One list of a block's patterns as written, each with how many catalog entries it
/// matches, drawn [`PATTERNS_SHOWN`] at a time.
#[component]
fn WrittenPatterns(items: Vec<ActionPattern>, plane: Plane, data: bool) -> impl IntoView {
    let shown = RwSignal::new(PATTERNS_SHOWN);
    let total = items.len();
    let items = StoredValue::new(items);
    view! {
        <ul class="patterns">
            {move || {
                let mut ex = Expander::new(cat());
                items.with_value(|items| {
                    items.iter().take(shown.get()).map(|p| {
                        let n = ex.count(plane, p, data);
                        view! {
                            <li><code>{p.as_str().to_string()}</code><span class="muted">{match (plane, n) { (Plane::Entra, _) => String::new(), (_, 1) => " matches 1".to_string(), (_, n) => format!(" matches {}", num(n)) }}</span></li>
                        }
                    }).collect_view()
                })
            }}
        </ul>
        <ShowMore total=total shown=shown page=5 * PATTERNS_SHOWN noun=" lines" class="button button--quiet" testid="patterns-show-more"/>
    }
}

/// Where "Add to assignments" assigns a role: the sample subscription when the role
/// may be assigned there, otherwise its first assignable scope (tenant-wide roles: none).
pub fn default_scope(role: &Role) -> String {
    if role.plane() != Plane::Azure {
        return String::new();
    }
    let sample = Scope::parse(SAMPLE_SUBSCRIPTION).ok();
    if w365_engine::roleset::assignable(role, sample.as_ref()) || role.assignable_scopes.is_empty()
    {
        SAMPLE_SUBSCRIPTION.to_string()
    } else {
        role.assignable_scopes[0].clone()
    }
}

/// A copy of a role as a new custom role of the same plane.
fn custom_copy(role: &Role) -> Role {
    let mut copy = role.clone();
    copy.name = format!("{} (copy)", copy.name);
    copy.kind = match copy.plane() {
        Plane::CloudPc => RoleKind::CloudPcCustom,
        Plane::Intune => RoleKind::IntuneCustom,
        _ => RoleKind::AzureCustom,
    };
    if copy.plane() == Plane::Azure && copy.assignable_scopes.iter().any(|s| s == "/") {
        copy.assignable_scopes = vec![SAMPLE_SUBSCRIPTION.to_string()];
    }
    copy.provenance.clear();
    copy.version_date = None;
    copy
}

#[component]
fn RoleActions(role: Role) -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let copyable = matches!(role.plane(), Plane::Azure | Plane::CloudPc | Plane::Intune);
    let clone_role = role.clone();
    let assign_role = role.clone();
    // A role Windows 365 gives its own service, meant for a service's identity
    // (Windows 365 Network User): added as the Windows 365 app's, not the admin's
    // (an outside review: it was added for "you").
    let for_app =
        w365_engine::roleset::is_service_role(&role) && cat().windows365.service.gives(&role.name);
    view! {
        <div class="actions-bar">
            <button class="button" data-testid="clone-role" disabled=!copyable
                title=(!copyable).then_some(ENTRA_NOT_COPYABLE)
                aria-describedby=(!copyable).then_some("clone-role-why")
                on:click=move |_| {
                let id = new_id();
                state.put_role(CustomRole::new(id.clone(), custom_copy(&clone_role)));
                router.go(Route::to(View::Compose).with("role", &id));
            }>"Compose a copy"</button>
            <button class="button" data-testid="assign-role" on:click=move |_| {
                let scope = default_scope(&assign_role);
                let at = if scope.is_empty() { "tenant-wide".to_string() } else { format!("at {scope}") };
                let (to, whom) = if for_app {
                    (Assignee::Windows365App, " to the Windows 365 app (a role meant for the Windows 365 service)")
                } else {
                    (Assignee::You, "")
                };
                // Clicked twice: said, not added again (browser review of 2026-12-06).
                // The same role however a row names it (id, name, an earlier name).
                let twice = state.roles.with_untracked(|set| {
                    let this = set.resolve(&assign_role.id).ok();
                    state.ws.with_untracked(|w| w.assignments.iter().any(|r| {
                        r.to == to
                            && w365_engine::scope::Scope::same_place(&r.scope, &scope)
                            && this.is_some()
                            && set.resolve(&r.role).ok() == this
                    }))
                });
                if twice {
                    state.info(format!("{} is already in your assignments{whom} {at}.", assign_role.name));
                    return;
                }
                let new = AssignmentRow { to, ..row(state.row_role(&assign_role.id, &assign_role.name), scope) };
                let e = state.ws.with_untracked(|w| Edit::append_assignments(w, vec![new]));
                state.edit_announced(e, format!("Assigned {}{whom} {at}; edit the scope in Assignments.", assign_role.name));
            }>"Add to assignments"</button>
            <a class="button" href=format!("#/compare?roles={}", encode(&role.id))>"Compare with…"</a>
        </div>
        {(!copyable).then(|| view! {
            <p class="muted" id="clone-role-why" data-testid="clone-role-why">{ENTRA_NOT_COPYABLE}</p>
        })}
    }
}

/// Why a Microsoft Entra role has no "Compose a copy".
const ENTRA_NOT_COPYABLE: &str = "A Microsoft Entra role cannot be copied here: a custom Entra role cannot hold Cloud PC or Intune permissions. To replace it, compose a Cloud PC custom role (and an Intune one) with the permissions this role reaches.";

#[component]
fn Stats(ex: Expansion) -> impl IntoView {
    let (actions, data, conditional, cloud) = ex.counts(cat());
    view! {
        <section class="stats" aria-label="Effective permissions">
            <div class="stat"><span class="stat__n" data-testid="count-actions">{num(actions)}</span><span>"actions"</span></div>
            <div class="stat"><span class="stat__n" data-testid="count-data">{num(data)}</span><span>"data actions"</span></div>
            <div class="stat"><span class="stat__n">{num(conditional)}</span><span>"conditional"</span></div>
            <div class="stat"><span class="stat__n" data-testid="count-cloudpc">{num(cloud)}</span><span>"Cloud PC permissions"</span></div>
            {(ex.intune.count() > 0).then(|| view! {
                <div class="stat"><span class="stat__n" data-testid="count-intune">{num(ex.intune.count())}</span><span>"Intune permissions"</span></div>
            })}
            // An Entra role's own directory permissions (a second site review:
            // Groups Administrator read "0" everywhere beside its risk flag).
            {(!ex.entra.is_empty()).then(|| view! {
                <div class="stat"><span class="stat__n" data-testid="count-entra">{num(ex.entra.len())}</span><span>"Entra permissions"</span></div>
            })}
        </section>
    }
}

#[component]
fn Risks(role: Role, ex: Expansion) -> impl IntoView {
    let profile = w365_engine::risk::profile(cat(), &role, &ex);
    let unrated = w365_engine::risk::unrated(cat(), &ex);
    let id = role.id.clone();
    view! {
        <section class="risks" aria-labelledby="risk-title">
            <h2 id="risk-title">"Risk flags"</h2>
            <RiskProfile profile=profile unrated=unrated/>
            <p class="muted">
                <a href=format!("#/roles?rel=within&of={}", encode(&id)) data-testid="roles-within">"Roles it contains"</a>
                " · "
                <a href=format!("#/roles?rel=contains&of={}", encode(&id)) data-testid="roles-containing">"Roles that contain it"</a>
            </p>
        </section>
    }
}

thread_local! {
    /// What each built-in role enables on its own, by id, once computed in this tab.
    static BUILTIN_ALONE: RefCell<HashMap<String, Vec<Enabled>>> = RefCell::default();
}

/// The Windows 365 operations `role` enables on its own. A built-in role's answer is
/// kept for the tab (built-in roles never change, and a role page is often opened
/// again, back and forth from a list); a custom role's is computed each time.
fn enabled_alone(role: &Role, ex: &Expansion, builtin: bool) -> Vec<Enabled> {
    if !builtin {
        return alone_expanded(cat(), role, ex);
    }
    if let Some(kept) = BUILTIN_ALONE.with_borrow(|m| m.get(&role.id).cloned()) {
        return kept;
    }
    let enabled = alone_expanded(cat(), role, ex);
    BUILTIN_ALONE.with_borrow_mut(|m| m.insert(role.id.clone(), enabled.clone()));
    enabled
}

/// The Windows 365 operations a role enables on its own; each links to the
/// operations view showing that same role alone.
#[component]
fn EnabledAlone(role: Role, ex: Expansion, builtin: bool) -> impl IntoView {
    let enabled = enabled_alone(&role, &ex, builtin);
    let needing = held_needing_more(cat(), &ex, &enabled);
    let held = ex.cloud_pc.count();
    let id = role.id.clone();
    let azure = role.plane() == Plane::Azure;
    // A role that cannot be assigned there is said to be (an outside review: a
    // custom role of one resource group read as checked where Azure allows it).
    let outside = (azure
        && !role.assignable_scopes.is_empty()
        && !w365_engine::roleset::assignable(&role, Scope::parse(SAMPLE_SUBSCRIPTION).ok().as_ref()))
    .then(|| {
        format!(
            " Azure would refuse that assignment: the role can be assigned only at {} and below, where the operations it reaches may differ.",
            role.assignable_scopes.join(", ")
        )
    });
    let total = cat().windows365.permission_count();
    let body = if enabled.is_empty() {
        view! { <p class="muted">"None on its own; combine it with other roles in Assignments."</p> }.into_any()
    } else {
        let (perm_ops, ops): (Vec<_>, Vec<_>) = enabled
            .into_iter()
            .partition(|e| e.kind == OperationKind::Permission);
        let n_perm = perm_ops.len();
        view! {
            <ul class="oplist">
                {ops.into_iter().map(|e| view! {
                    <li data-testid="enabled-op" data-op=e.id.clone()><StatusBadge status=e.status/> " " <a href=format!("#/operations?alone={}&op={}", encode(&id), encode(&e.id))>{e.name}</a></li>
                }).collect_view()}
            </ul>
            // "Usable" as the operations view says it, and which held ones are not
            // (browser review of 2026-12-06: "93 of the 106" sat above "(100)").
            {(n_perm > 0).then(|| {
                let more = (!needing.is_empty()).then(|| {
                    let listed = crate::dom::first_and_more(&needing, 3, |n| n.to_string());
                    view! {
                        "; "{crate::dom::count(needing.len(), "permission it holds needs", "permissions it holds need")}
                        " more than this role gives ("{listed}"): "
                        <a href=format!("#/operations?alone={}", encode(&id)) data-testid="enabled-needing">"see what in Operations"</a>
                    }
                });
                // Held ones no table row has (seen only in Graph's built-in roles, or
                // retired) are no operation: counted, so the numbers add up to the
                // role's (code review of 2026-12-06).
                let untabled = held.saturating_sub(n_perm + needing.len());
                let untabled = (untabled > 0).then(|| format!("; {} it holds {} in no row of the permission table (seen in Microsoft Graph's built-in roles only, or retired), so no operation answers for {}", crate::dom::count(untabled, "permission", "permissions"), if untabled == 1 { "is" } else { "are" }, if untabled == 1 { "it" } else { "them" }));
                view! { <p class="muted" data-testid="enabled-permissions">{format!("and {n_perm} of its Cloud PC permissions usable on their own (of the {total} in the permission table)")}{more}{untabled}"."</p> }
            })}
        }
        .into_any()
    };
    view! {
        {body}
        {azure.then(|| view! { <p class="muted">{format!("Assigned at {SAMPLE_SUBSCRIPTION} for this check.")}{outside}</p> })}
    }
}

#[component]
fn CloudPcPermissions(ex: Expansion) -> impl IntoView {
    let perms: Vec<_> = ex
        .cloud_pc
        .iter()
        .filter_map(|i| cat().windows365.permissions.get(i))
        .cloned()
        .collect();
    (!perms.is_empty()).then(|| view! {
        <section aria-labelledby="cpc-title">
            <h2 id="cpc-title">{format!("Cloud PC permissions ({})", perms.len())}</h2>
            <div class="table-wrap" tabindex="0"><table class="table">
                <thead><tr><th scope="col">"Permission"</th><th scope="col">"Description"</th><th scope="col">"Graph resource action (how sure the mapping is)"</th></tr></thead>
                <tbody>
                    {perms.into_iter().map(|p| view! {
                        <tr><td>{p.name.clone()}</td><td>{p.summary.clone()}</td><td><code>{p.graph.clone()}</code>" "<span class="muted" title="How sure the mapping from the admin-center name to the Graph name is">{format!("mapping: {}", p.confidence)}</span></td></tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    })
}

#[component]
fn IntunePermissions(ex: Expansion) -> impl IntoView {
    let perms: Vec<_> = ex
        .intune
        .iter()
        .filter_map(|i| cat().intune.permissions.get(i))
        .cloned()
        .collect();
    (!perms.is_empty()).then(|| view! {
        <section aria-labelledby="intune-title" data-testid="intune-permissions">
            <h2 id="intune-title">{format!("Intune permissions ({})", perms.len())}</h2>
            <ul class="patterns columns">
                {perms.into_iter().map(|p| view! { <li><code>{p.graph.clone()}</code></li> }).collect_view()}
            </ul>
        </section>
    })
}

/// The dated changes of a Cloud PC or Intune built-in role, and the evidence its
/// observed list replaced.
#[component]
fn Observed(role: Role) -> impl IntoView {
    let builtin = matches!(role.kind, RoleKind::CloudPcBuiltIn | RoleKind::Intune);
    let timeline = builtin
        .then(|| w365_engine::observed::timeline(cat(), &role.name).ok())
        .flatten();
    let evidence = builtin
        .then(|| w365_engine::observed::evidence(cat(), &role.name))
        .flatten();
    let id = role.id.clone();
    view! {
        {timeline.map(|t| view! {
            <section aria-labelledby="timeline-title">
                <h2 id="timeline-title">"Changes over time"</h2>
                <RoleTimeline t=t role_id=id/>
            </section>
        })}
        {evidence.map(|e| view! {
            <section aria-labelledby="evidence-title">
                <h2 id="evidence-title">"Earlier model and published samples"</h2>
                <RoleEvidence e=e/>
            </section>
        })}
        {builtin.then(|| role_disagreements(&role.name))}
    }
}

/// Remote actions on Cloud PCs the role allows on its own (tenant-wide; scope tags
/// decide which Cloud PCs).
#[component]
fn Remote(role: Role) -> impl IntoView {
    let state = use_state();
    let statuses = state.roles.with_untracked(|set| {
        let mut env =
            w365_engine::evaluate::Environment::new(w365_engine::roleset::RoleSet::clone(set));
        env.assign(&role.id, None, None)
            .ok()
            .map(|_| w365_engine::remote::check(&env))
    });
    statuses.map(|list| {
        let allowed = list
            .iter()
            .filter(|s| s.status == w365_engine::readiness::Status::Allowed)
            .count();
        let total = list.len();
        view! {
            <section aria-labelledby="remote-title">
                <h2 id="remote-title">{format!("Remote actions on Cloud PCs ({allowed} of {total} on its own)")}</h2>
                <p class="muted">"Each remote action needs a Cloud PC permission, an Intune one, either or both. Scope tags then decide on which Cloud PCs (see "<a href="#/scopetags">"Scope tags"</a>")."</p>
                <RemoteActions statuses=Signal::stored(list)/>
            </section>
        }
    })
}

#[component]
fn Effective(ex: Expansion) -> impl IntoView {
    let cond_ops: Vec<String> = ex
        .conditional
        .iter()
        .map(|i| cat().operations.name(i).to_string())
        .collect();
    let granted = ex.granted;
    view! {
        <section aria-labelledby="eff-title">
            <h2 id="eff-title">"Effective operations"</h2>
            <OpGroups set=Signal::stored(granted) testid="effective"/>
            {(!cond_ops.is_empty()).then(|| view! {
                <h3>{format!("Granted only under a condition ({})", cond_ops.len())}</h3>
                <ul class="patterns">{cond_ops.into_iter().map(|n| view! { <li><code>{n}</code></li> }).collect_view()}</ul>
            })}
        </section>
    }
}

#[component]
fn Written(role: Role) -> impl IntoView {
    let n = role.blocks.len();
    // Lines of a built-in role that the sources read two ways (`A/*/B` beside
    // `A/B`: Managed Identity Operator's); a custom role's lint says it.
    let two_ways: Vec<String> = if role.kind.is_builtin() {
        w365_engine::lint::star_segments(cat(), &role)
            .into_iter()
            .map(|d| d.message)
            .collect()
    } else {
        Vec::new()
    };
    view! {
        <section aria-labelledby="blocks-title">
            <h2 id="blocks-title">"Permissions as written"</h2>
            {role.blocks.iter().enumerate().map(|(i, b)| block_view(b, role.plane(), i, n)).collect_view()}
            {(!two_ways.is_empty()).then(|| view! {
                <div class="conflict" data-testid="read-two-ways">
                    <p><strong>{format!("Read two ways ({})", two_ways.len())}</strong>": the effective operations above follow the documented rule."</p>
                    <ul>{two_ways.into_iter().map(|m| view! { <li><crate::components::rich::Rich text=m/></li> }).collect_view()}</ul>
                </div>
            })}
            {(!role.assignable_scopes.is_empty()).then(|| view! {
                <p>"Assignable scopes: " {role.assignable_scopes.iter().map(|s| view! { <code>{s.clone()}</code>" " }).collect_view()}</p>
            })}
        </section>
    }
}

#[component]
fn History(role: Role) -> impl IntoView {
    let history = cat().seed_version(&role).map(|old| {
        (
            old.version_date.clone().unwrap_or_default(),
            changes(old, &role),
        )
    });
    history.map(|(date, ch)| {
        view! {
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
        }
    })
}

/// Past this many effective operations, a role page draws its first screen (name,
/// counts, risks) a frame before the rest; a smaller role's page is drawn at once.
const BROAD: usize = 5_000;

/// The role view.
#[component]
pub fn RolePage(
    /// Role id or name.
    id: String,
) -> impl IntoView {
    let state = use_state();
    // A broad role's sections below the risks are drawn after its first screen paints.
    let below = crate::later::after_paint();
    let found = Memo::new(move |_| {
        state.roles.with(|set| {
            let r = set.resolve(&id).ok()?;
            Some((
                set.get(r)?.clone(),
                set.expansion(r)?.clone(),
                matches!(r, w365_engine::roleset::RoleRef::Custom(_)),
            ))
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
        let azure = role.plane() == Plane::Azure;
        let exportable = (custom || role.kind.is_builtin()) && role.plane() != Plane::Entra;
        let export_role = role.clone();
        let permalink = role_href(&role.id);
        let (lower_role, lower_ex) = (role.clone(), ex.clone());
        let broad = ex.granted.count() + ex.conditional.count() > BROAD;
        view! {
            <article class="page role" data-testid="role-page">
                <p class="crumbs"><a href="#/roles">"Roles"</a> " / "</p>
                <h1 data-testid="role-name">{w365_engine::text::shown_name(&role.name).into_owned()}</h1>
                <p class="role__meta">
                    <span class="tag">{role.kind.label()}</span>
                    {role.category.as_deref().map(|x| view! { <span class="tag tag--quiet">{w365_engine::search::category_label(x).to_string()}</span> })}
                    <code class="role__id">{role.id.clone()}</code>
                    {role.id_note().map(|n| view! {
                        <span class="muted" data-testid="role-id-note">{format!(" ({n})")}</span>
                    })}
                </p>
                <Description text=role.description.clone()/>
                <RoleActions role=role.clone()/>
                <Stats ex=ex.clone()/>
                <Risks role=role.clone() ex=ex.clone()/>
                {move || (!broad || below.get()).then(|| {
                    let (role, ex, export_role) = (lower_role.clone(), lower_ex.clone(), export_role.clone());
                    view! {
                        <section aria-labelledby="w365-title">
                            <h2 id="w365-title">"Windows 365 operations it enables on its own"</h2>
                            <EnabledAlone role=role.clone() ex=ex.clone() builtin=!custom/>
                        </section>
                        <CloudPcPermissions ex=ex.clone()/>
                        <IntunePermissions ex=ex.clone()/>
                        <Observed role=role.clone()/>
                        {(!role.entra_actions.is_empty()).then(|| {
                            let acts = role.entra_actions.clone();
                            view! {
                                <section aria-labelledby="entra-title">
                                    <h2 id="entra-title">{format!("Microsoft Entra permissions ({})", acts.len())}</h2>
                                    <ul class="patterns">{acts.into_iter().map(|a| view! { <li><code>{a.action}</code>" "<span class="muted">{a.description}</span></li> }).collect_view()}</ul>
                                </section>
                            }
                        })}
                        {(!azure).then(|| view! { <Remote role=role.clone()/> })}
                        {azure.then(|| view! { <Effective ex=ex.clone()/> })}
                        <Written role=role.clone()/>
                        <History role=role.clone()/>
                        <section aria-labelledby="prov-title" data-testid="provenance">
                            <h2 id="prov-title">"Provenance"</h2>
                            <ul>{role.provenance.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                            {(!role.notes.is_empty()).then(|| view! {
                                <ul class="notes">{role.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                            })}
                        </section>
                        {exportable.then(|| view! { <ExportPanel role=Signal::stored(Some(export_role)) lint=custom/> })}
                    }
                })}
                <p><a href=permalink>"Permalink"</a></p>
            </article>
        }
        .into_any()
    }
}

#[cfg(test)]
mod tests {
    use super::enabled_alone;
    use crate::state::cat;
    use w365_engine::expand::Expander;
    use w365_engine::readiness::alone;

    #[test]
    fn a_builtin_roles_enables_are_kept_and_a_custom_role_of_the_same_id_is_not_served_them() {
        let role = cat()
            .role("Cloud PC Administrator")
            .expect("a built-in role")
            .1
            .clone();
        let ex = Expander::new(cat()).expand(&role);
        let first = enabled_alone(&role, &ex, true);
        assert!(!first.is_empty());
        assert_eq!(first, alone(cat(), &role));
        // A custom role that took the built-in's id, with nothing in it.
        let mut custom = role.clone();
        custom.blocks.clear();
        let empty = Expander::new(cat()).expand(&custom);
        assert_eq!(enabled_alone(&custom, &empty, false), alone(cat(), &custom));
        assert_ne!(enabled_alone(&custom, &empty, false), first);
        // The built-in's answer is kept by id: asked again for that id, it is not
        // computed again (here from a role that would answer differently).
        assert_eq!(enabled_alone(&custom, &empty, true), first);
    }
}

/// The characters of a description a role page shows; past them it says how many
/// there are (laying out megabytes of text would hold the page for seconds).
const SHOWN_DESCRIPTION: usize = 4_000;

/// A role's description, clipped past [`SHOWN_DESCRIPTION`] characters.
#[component]
fn Description(text: String) -> impl IntoView {
    let total = text.chars().count();
    let shown = w365_engine::text::clip(&text, SHOWN_DESCRIPTION).into_owned();
    view! {
        <p class="lead" data-testid="role-description">{shown}</p>
        {(total > SHOWN_DESCRIPTION).then(|| view! {
            <p class="muted" data-testid="role-description-clipped">{format!(
                "The first {} of {} characters are shown (Azure accepts at most 2,048).",
                num(SHOWN_DESCRIPTION),
                num(total)
            )}</p>
        })}
    }
}
