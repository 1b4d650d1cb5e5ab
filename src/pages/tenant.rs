//! Review a real tenant offline: the exports reviewers can take without this tool
//! touching their tenant (`az role assignment list`, `az role definition list`,
//! `Get-AzRoleAssignment`, Graph and Intune pages) are read by
//! [`w365_engine::tenant::load`] and answered per principal by
//! [`w365_engine::tenant::review`]. The files live in a page-local signal only:
//! never saved, never uploaded. The principals table downloads as CSV and JSON,
//! the report ([`w365_engine::report`]) as Markdown and HTML, and prints. The same
//! page reports on the current design (the workspace's custom roles and
//! assignments).

use crate::components::download_buttons::DownloadButtons;
use crate::dom::{count, download, num};
use crate::route::use_router;
use crate::state::{cat, use_state, Shared};
use crate::table_export::{FileFormat, Table};
use crate::workspace::Workspace;
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::report::{render, Report};
use w365_engine::tenant::review::PrincipalReview;
use w365_engine::tenant::{Loaded, Review, MAX_TENANT_BYTES};

mod exports;
mod job;
mod principals_file;
mod report_job;
mod report_view;

use exports::{add_export, fingerprints, paste_name, replace_export, same_text, Offer, Taken};
use report_job::{Of, ReportJob};
use report_view::ReportView;

/// Pastes this long (UTF-16 units, 1 MiB) or longer skip the paste box.
const PASTE_INTO_BOX: u32 = 1 << 20;

/// Rows shown before "Show more".
const PAGE: usize = 100;

/// The sample tenant: real-shaped exports of each format (the engine's test files).
const SAMPLES: &[(&str, &str)] = &[
    (
        "az-role-assignment-list.json",
        include_str!("../../crates/w365-engine/tests/tenant/az-role-assignment-list.json"),
    ),
    (
        "az-role-definition-list-custom.json",
        include_str!("../../crates/w365-engine/tests/tenant/az-role-definition-list-custom.json"),
    ),
    (
        "get-azroleassignment.json",
        include_str!("../../crates/w365-engine/tests/tenant/get-azroleassignment.json"),
    ),
    (
        "graph-cloudpc-roleassignments.json",
        include_str!("../../crates/w365-engine/tests/tenant/graph-cloudpc-roleassignments.json"),
    ),
    (
        "graph-cloudpc-roledefinitions.json",
        include_str!("../../crates/w365-engine/tests/tenant/graph-cloudpc-roledefinitions.json"),
    ),
    (
        "graph-directory-roleassignments.json",
        include_str!("../../crates/w365-engine/tests/tenant/graph-directory-roleassignments.json"),
    ),
    (
        "intune-roleassignments.json",
        include_str!("../../crates/w365-engine/tests/tenant/intune-roleassignments.json"),
    ),
];

/// A reviewed tenant: what was read and the answers.
pub struct Reviewed {
    /// The files as read.
    pub loaded: Loaded,
    /// Per principal and summary.
    pub review: Review,
}

/// The principal's display name: the name, else the id.
fn who(p: &PrincipalReview) -> String {
    p.principal
        .name
        .clone()
        .or_else(|| p.principal.id.clone())
        .unwrap_or_else(|| "(unnamed)".into())
}

/// The distinct role names a principal holds, in order.
fn role_names(p: &PrincipalReview) -> Vec<String> {
    // A principal may hold thousands of assignments of a few hundred roles.
    let mut seen = std::collections::HashSet::new();
    p.assignments
        .iter()
        .filter(|h| seen.insert(h.role.as_str()))
        .map(|h| h.role.clone())
        .collect()
}

fn level_of(p: &PrincipalReview) -> &'static str {
    p.level.as_str()
}

/// The roles of a principal's assignments that could not be resolved, each by
/// its id (the last segment of a resource id), once.
fn unresolved_names(p: &PrincipalReview) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    p.unresolved
        .iter()
        .map(|u| u.role.rsplit('/').next().unwrap_or(&u.role))
        .filter(|r| seen.insert(*r))
        .map(str::to_string)
        .collect()
}

/// What the text filter searches in a row, in lower case: name, id, type and
/// the names of the roles held, one per line. Built once per review.
pub fn haystack(p: &PrincipalReview) -> String {
    let mut hay = String::new();
    for part in [
        p.principal.name.as_deref(),
        p.principal.id.as_deref(),
        Some(p.principal.kind.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        hay.push_str(&part.to_lowercase());
        hay.push('\n');
    }
    for role in role_names(p).into_iter().chain(unresolved_names(p)) {
        hay.push_str(&role.to_lowercase());
        hay.push('\n');
    }
    hay
}

/// Does the row (with its [`haystack`]) match the text and the risk filter?
/// `q` is already trimmed and in lower case.
pub fn matches(p: &PrincipalReview, hay: Option<&str>, q: &str, risk: &str) -> bool {
    let risk_ok = match risk {
        "" => true,
        "escalate" => p.can_escalate,
        r => level_of(p) == r,
    };
    risk_ok && (q.is_empty() || hay.is_some_and(|h| h.contains(q)))
}

/// Windows 365 operation ids split into the admin tasks' names and the Cloud PC
/// permissions' names (the review lists both kinds by id).
fn tasks_and_permissions(ids: &[String]) -> (Vec<String>, Vec<String>) {
    use w365_engine::windows365::OperationKind;
    let w = &cat().windows365;
    let mut tasks = Vec::new();
    let mut permissions = Vec::new();
    for id in ids {
        match w.operation(id) {
            Some(o) if o.kind() == OperationKind::Permission => permissions.push(
                id.strip_prefix("permission:")
                    .unwrap_or(id.as_str())
                    .to_string(),
            ),
            Some(o) => tasks.push(o.name.clone()),
            None => tasks.push(id.clone()),
        }
    }
    (tasks, permissions)
}

/// What deny assignments take from a principal, for the CSV: per deny, its name,
/// scope and the operations it removes or makes conditional (at the scope of
/// theirs where most).
fn denied_by(p: &PrincipalReview) -> String {
    p.denies
        .iter()
        .map(|d| {
            let mut s = format!(
                "{} at {}: {} removed{}",
                d.name,
                d.scope,
                d.removed,
                w365_engine::text::of_them_data(d.removed, d.removed_data_actions)
            );
            if d.conditional > 0 {
                s.push_str(&format!(
                    ", {} conditional{}",
                    d.conditional,
                    w365_engine::text::of_them_data(d.conditional, d.conditional_data_actions)
                ));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The principals as a table: the columns of the CSV download.
pub fn principals_table(list: &[&PrincipalReview]) -> Table {
    let mut t = Table::new([
        "principal",
        "id",
        "type",
        "roles",
        "windows365_operations_allowed",
        "cloud_pc_permissions_allowed",
        "risk",
        "can_escalate",
        "flags",
        "unresolved_roles",
        "denied_by",
        "eligible_roles",
    ]);
    for p in list {
        // A flag raised by several roles is named once.
        let mut flags: Vec<&str> = Vec::new();
        for f in &p.flags {
            if !flags.contains(&f.flag.as_str()) {
                flags.push(f.flag.as_str());
            }
        }
        // PIM eligibilities (not held until activated), an ended one marked.
        let eligible: Vec<String> = p
            .eligible
            .iter()
            .map(|e| {
                if e.ended {
                    format!("{} (ended)", e.role)
                } else {
                    e.role.clone()
                }
            })
            .collect();
        let (tasks, permissions) = tasks_and_permissions(&p.windows365.allowed);
        t.push(vec![
            p.principal.name.as_deref().unwrap_or("").into(),
            p.principal.id.as_deref().unwrap_or("").into(),
            p.principal.kind.as_str().into(),
            role_names(p).join("; ").into(),
            tasks.len().into(),
            permissions.len().into(),
            level_of(p).into(),
            p.can_escalate.into(),
            flags.join("; ").into(),
            unresolved_names(p).join("; ").into(),
            denied_by(p).into(),
            eligible.join("; ").into(),
        ]);
    }
    t
}

/// The saved roles whose names a report cannot use as they are, with why and the
/// name the report gives them: (id, why, name in the report). A custom role named
/// like a built-in role (Compose saves it, with a lint error) would pass for the
/// built-in one, so the design's request refuses it (an outside review: the
/// design report could not be made, the message pointing into JSON the user
/// never sees); so does a name that displays as another.
pub fn report_names(ws: &Workspace) -> Vec<(String, String, String)> {
    let why = |role: &w365_engine::model::Role| {
        w365_engine::role_name::check(cat(), role)
            .first()
            .map(ToString::to_string)
    };
    ws.roles
        .iter()
        .filter_map(|r| {
            let reason = why(&r.role)?;
            let shown = w365_engine::text::escape_hidden(r.role.name.trim()).into_owned();
            let mut role = r.role.clone();
            role.name = format!("{shown} (custom role {})", r.id);
            if why(&role).is_some() {
                role.name = format!("Custom role {}", r.id);
            }
            Some((r.id.clone(), reason, role.name))
        })
        .collect()
}

/// The request text of a design: the workspace's custom roles (as saved) and its
/// assignments, custom roles named by their names. When a row is the Windows 365
/// app's, each row names its principal (the app as the service principal
/// "Windows 365", the others "you") and the request is asked by "you", so the
/// app's roles count for its own checks and never as the admin's.
pub fn design_request(ws: &Workspace) -> String {
    let any_app = ws.app_rows() > 0;
    let renamed = report_names(ws);
    let name_of = |r: &crate::workspace::CustomRole| {
        renamed
            .iter()
            .find(|(id, _, _)| *id == r.id)
            .map_or_else(|| r.role.name.clone(), |(_, _, new)| new.clone())
    };
    let roles: Vec<serde_json::Value> = ws
        .roles
        .iter()
        .filter_map(|r| {
            let mut role = r.role.clone();
            role.name = name_of(r);
            crate::storage::definition(&role).ok()
        })
        .filter_map(|d| serde_json::from_str(&d).ok())
        .collect();
    let assignments: Vec<serde_json::Value> = ws
        .assignments
        .iter()
        .map(|a| {
            let role = ws.role(&a.role).map_or_else(|| a.role.clone(), name_of);
            let mut o = serde_json::Map::new();
            o.insert("role".into(), serde_json::Value::String(role));
            if !a.scope.trim().is_empty() {
                o.insert(
                    "scope".into(),
                    serde_json::Value::String(a.scope.trim().to_string()),
                );
            }
            if any_app {
                let (who, kind) = if a.to.is_you() {
                    (crate::state::ADMIN, "User")
                } else {
                    ("Windows 365", "ServicePrincipal")
                };
                o.insert("principal".into(), who.into());
                o.insert("principalType".into(), kind.into());
            }
            serde_json::Value::Object(o)
        })
        .collect();
    if any_app {
        return serde_json::json!({ "principal": crate::state::ADMIN, "roles": roles, "assignments": assignments })
            .to_string();
    }
    serde_json::json!({ "roles": roles, "assignments": assignments }).to_string()
}

/// Print the preview once it is wholly on the page (a long report's preview is
/// added a part at a time); given up after a minute.
fn print_when_complete(complete: RwSignal<bool>, which: &'static str, tries: u32) {
    if complete.try_get_untracked() == Some(true) {
        request_animation_frame(move || print_report(which));
    } else if tries < 1_200 {
        set_timeout(
            move || print_when_complete(complete, which, tries + 1),
            std::time::Duration::from_millis(50),
        );
    }
}

/// Print one report: the page shows only that report while printing.
fn print_report(which: &'static str) {
    let class = format!("print-{which}");
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1(&class);
        let _ = window().print();
        let _ = root.class_list().remove_1(&class);
    }
}

/// Downloads and print for a report. The report is computed only when asked
/// for (a download, the print, the preview opened): for a large tenant or
/// design it is not free. `ask` calls what it is given with the report once
/// there is one.
#[component]
fn ReportActions(
    ask: Callback<Callback<Shared<Report>>>,
    #[prop(into)] available: Signal<bool>,
    open: RwSignal<bool>,
    /// The preview is wholly on the page.
    complete: RwSignal<bool>,
    which: &'static str,
    file: &'static str,
) -> impl IntoView {
    let state = use_state();
    let save = move |html: bool| {
        ask.run(Callback::new(move |r: Shared<Report>| {
            let res = if html {
                download(
                    &format!("{file}.html"),
                    &render::html(&r.0),
                    "text/html;charset=utf-8",
                )
            } else {
                download(
                    &format!("{file}.md"),
                    &render::markdown(&r.0),
                    "text/markdown;charset=utf-8",
                )
            };
            if let Err(e) = res {
                state.error(format!("Could not download the report: {e}"));
            }
        }));
    };
    let none = move || !available.get();
    // Print once the preview (opened for it) is wholly on the page.
    let print = move |_| {
        ask.run(Callback::new(move |_| {
            open.set(true);
            print_when_complete(complete, which, 0);
        }));
    };
    view! {
        <div class="actions-bar">
            <button class="button" data-testid=format!("{which}-report-md") disabled=none on:click=move |_| save(false)>"Download the report (Markdown)"</button>
            <button class="button" data-testid=format!("{which}-report-html") disabled=none on:click=move |_| save(true)>"Download the report (HTML)"</button>
            <button class="button button--quiet" data-testid=format!("{which}-print") disabled=none on:click=print>"Print the report"</button>
        </div>
    }
}

/// A report's progress while it is computed, and why there is none when it
/// cannot be made.
#[component]
fn ReportStatus(job: ReportJob, which: &'static str, label: &'static str) -> impl IntoView {
    let problem = move || {
        job.report
            .with(|d| d.as_ref().and_then(|r| r.as_ref().err().cloned()))
    };
    view! {
        {move || job.progress.get().map(|p| view! {
            <div class="tenant__progress" data-testid=format!("{which}-report-busy")>
                <progress max=p.total.max(1) value=p.done aria-label=format!("{label}: progress")></progress>
                <p><span role="status"><crate::components::rich::Rich text=format!("{label}: {}", p.stage)/></span><span aria-hidden="true">{(p.total > 1).then(|| format!(": {}", p.amount()))}</span></p>
            </div>
        })}
        {move || problem().map(|e| view! { <p class="import__message import__message--error" role="alert" data-testid=format!("{which}-report-error")><crate::components::rich::Rich text=e/></p> })}
    }
}

/// A report's preview, rendered only while it is open.
#[component]
fn ReportPreview(
    report: Signal<Option<Shared<Report>>>,
    open: RwSignal<bool>,
    complete: RwSignal<bool>,
    which: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <details class="report-preview" prop:open=move || open.get() on:toggle=move |ev| {
            let now = crate::dom::toggled_open(&ev);
            if now != open.get_untracked() {
                open.set(now);
            }
        }>
            <summary>{label}</summary>
            {move || open.get().then(|| report.get().map(|r| view! { <ReportView markdown=render::markdown(&r.0) which=which complete=complete/> }))}
        </details>
    }
}

/// One principal's row, expandable to the details.
#[component]
fn PrincipalRow(p: Arc<Reviewed>, index: usize) -> impl IntoView {
    let open = RwSignal::new(false);
    // A row exists only for an index of its review (the table filters them).
    let Some(r) = p.review.principals.get(index) else {
        return ().into_any();
    };
    // Names from an export are shown with their hidden characters escaped, as the
    // reports write them: a right-to-left override made `x \u{202e}gnp.exe` read
    // `x exe.png` (a review of 2026-12-07).
    let shown = |s: String| w365_engine::text::escape_hidden(&s).into_owned();
    let name = shown(who(r));
    let id = r
        .principal
        .id
        .clone()
        .filter(|i| r.principal.name.as_ref().is_some_and(|n| n != i))
        .map(shown);
    let kind = shown(r.principal.kind.clone());
    let roles = shown(role_names(r).join(", "));
    let unresolved = shown(unresolved_names(r).join(", "));
    let ops = tasks_and_permissions(&r.windows365.allowed).0.len();
    let level = level_of(r);
    let escalate = r.can_escalate;
    let service = r.windows365_service;
    let p2 = p.clone();
    let details = move || {
        if !open.get() {
            return None;
        }
        {
            let r = p2.review.principals.get(index)?;
            let held = r
                .assignments
                .iter()
                .map(|h| {
                    let scope = h.scope.clone().unwrap_or_else(|| "tenant-wide".into());
                    let cond = h.conditional.then_some(" (with a condition)");
                    view! { <li><code>{h.role.clone()}</code>" at "<code>{scope}</code>{cond}</li> }
                })
                .collect_view();
            let unresolved = r
                .unresolved
                .iter()
                .map(|u| {
                    let scope = u.scope.clone().unwrap_or_else(|| "tenant-wide".into());
                    let name = u.role_name.clone().map(|n| format!(" ({n})"));
                    view! { <li><code>{u.role.clone()}</code>{name}" at "<code>{scope}</code></li> }
                })
                .collect_view();
            let eligible = r
                .eligible
                .iter()
                .map(|e| {
                    let scope = e.scope.clone().unwrap_or_else(|| "tenant-wide".into());
                    let ends = match &e.ends {
                        Some(d) if e.ended => format!(", ended {d}: it can no longer be activated"),
                        Some(d) => format!(", until {d}"),
                        None => ", no end given".to_string(),
                    };
                    let level = e
                        .level_if_activated
                        .map(|l| format!(", {} once activated", l.as_str()));
                    view! { <li><code>{e.role.clone()}</code>" at "<code>{scope}</code>{ends}{level}</li> }
                })
                .collect_view();
            let (allowed, permissions) = tasks_and_permissions(&r.windows365.allowed);
            let (conditional, conditional_permissions) =
                tasks_and_permissions(&r.windows365.conditional);
            let conditional: Vec<String> = conditional
                .into_iter()
                .chain(conditional_permissions)
                .collect();
            let azure = r
                .azure
                .iter()
                .map(|s| {
                    let providers = s
                        .providers
                        .iter()
                        .map(|p| format!("{} ({})", p.provider, p.operations))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let inherited = s
                        .inherited
                        .iter()
                        .map(|i| format!("{} from {}", i.role, i.from))
                        .collect::<Vec<_>>()
                        .join("; ");
                    view! {
                        <li>
                            <code>{s.scope.clone()}</code>": "
                            {s.roles.join(", ")}
                            {(!inherited.is_empty()).then(|| view! { " " <span class="muted" data-testid="scope-inherited">{format!("(and inherited: {inherited})")}</span> })}
                            " · "
                            {format!("{}, {}", crate::dom::count(s.actions, "action", "actions"), crate::dom::count(s.data_actions, "data action", "data actions"))}
                            {(s.conditional_actions > 0).then(|| format!(", {} under a condition", crate::dom::count(s.conditional_actions, "action", "actions")))}
                            {(s.conditional_data_actions > 0).then(|| format!(", {} under a condition", crate::dom::count(s.conditional_data_actions, "data action", "data actions")))}
                            {(s.denied > 0).then(|| view! { <span data-testid="scope-denied">{format!(", {}{} removed by deny assignments", num(s.denied), w365_engine::text::of_them_data(s.denied, s.denied_data_actions))}</span> })}
                            " · "{providers}
                        </li>
                    }
                })
                .collect_view();
            let flags = r
                .flags
                .iter()
                .map(|f| {
                    let lv = f.level.as_str();
                    view! {
                        <li class="riskcat__note">
                            <span class=format!("tag tag--risk-{lv}")>{lv}</span>" "
                            <strong>{f.flag.clone()}</strong>
                            {f.escalation.then(|| view! { " " <span class="tag tag--risk-critical">"escalation"</span> })}
                            {f.conditional.then(|| view! { " " <span class="tag tag--quiet" data-testid="flag-conditional" title="Held only under a condition (the assignment's, or one written in the role's definition), or unless a deny assignment that cannot be decided offline blocks it">"under a condition"</span> })}
                            ": "<crate::components::rich::Rich text=f.message.clone()/>
                        </li>
                    }
                })
                .collect_view();
            let denies = r
                .denies
                .iter()
                .map(|d| view! { <li><crate::components::rich::Rich text=d.sentence()/></li> })
                .collect_view();
            Some(view! {
                <tr class="tenant__details">
                    <td colspan="7">
                        <h4>"Assignments"</h4>
                        {if r.assignments.is_empty() { view! { <p class="muted">"None resolved."</p> }.into_any() } else { view! { <ul>{held}</ul> }.into_any() }}
                        {(!r.unresolved.is_empty()).then(|| view! {
                            <h4>{format!("Unresolved assignments ({})", num(r.unresolved.len()))}</h4>
                            <p class="muted">"The role is neither built in nor among the role definitions read, or the assignment could not be read (its scope, or a condition that is not of the documented form; the summary’s “Skipped or unresolved” says why): what it grants is unknown. Add the custom role definitions, or fix the export, to review it."</p>
                            <ul data-testid="tenant-details-unresolved">{unresolved}</ul>
                        })}
                        {(!r.eligible.is_empty()).then(|| view! {
                            <h4>{format!("Eligible through PIM ({})", num(r.eligible.len()))}</h4>
                            <p class="muted">"Held only once the principal activates them (Privileged Identity Management): not counted in this row’s operations, flags or level."</p>
                            <ul data-testid="tenant-details-eligible">{eligible}</ul>
                        })}
                        <h4>{format!("Windows 365 operations allowed ({})", allowed.len())}</h4>
                        {if allowed.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else {
                            view! { <ul class="tenant__ops">{allowed.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul> }.into_any()
                        }}
                        {(!permissions.is_empty()).then(|| view! {
                            <h4>{format!("Cloud PC permissions usable ({})", num(permissions.len()))}</h4>
                            <p class="muted">"Held, with what the permission table says each also needs (the Azure network connection permissions also need Owner or User Access Administrator on the subscription)."</p>
                            <ul class="patterns columns">{permissions.into_iter().map(|o| view! { <li><code>{o}</code></li> }).collect_view()}</ul>
                        })}
                        {(!conditional.is_empty()).then(|| view! {
                            <h4>{format!("Allowed under a condition ({})", conditional.len())}</h4>
                            <ul class="tenant__ops">{conditional.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                        })}
                        <h4>"Azure operations per scope, by provider"</h4>
                        {if r.azure.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { view! { <ul>{azure}</ul> }.into_any() }}
                        {(!r.denies.is_empty()).then(|| view! {
                            <h4>{format!("Deny assignments ({})", num(r.denies.len()))}</h4>
                            <p class="muted">"Taken out of the counts above: what a deny surely blocks is removed; what it blocks only if something the exports do not say holds (a group's members, a management group's subscriptions, its condition) is counted under a condition."</p>
                            <ul data-testid="tenant-details-denies">{denies}</ul>
                        })}
                        <h4>"Risk flags"</h4>
                        {if r.flags.is_empty() { view! { <p class="muted">"None."</p> }.into_any() } else { view! { <ul class="riskcat__notes">{flags}</ul> }.into_any() }}
                        {(!r.unrated.is_empty()).then(|| view! {
                            <h4>{format!("Risk not rated ({})", num(r.unrated.len()))}</h4>
                            <p class="muted">"Cloud PC permissions held whose risk no source rates (the reference calls it unknown): they make no flag, which does not mean they are harmless."</p>
                            <ul data-testid="tenant-details-unrated">{r.unrated.iter().map(|u| view! { <li><code>{u.clone()}</code></li> }).collect_view()}</ul>
                        })}
                    </td>
                </tr>
            })
        }
    };
    view! {
        <tr data-testid="tenant-row" data-level=level data-escalate=escalate.to_string()>
            <td>
                <button class="cellbtn" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "▾ " } else { "▸ " }}{name}
                </button>
                {id.map(|i| view! { <div class="tenant__id"><code>{i}</code></div> })}
            </td>
            <td>
                {kind}
                {service.then(|| view! { " " <span class="tag tag--quiet" data-testid="tenant-row-service" title="The Windows 365 first-party app: it holds the Azure roles Windows 365 gives it">"Windows 365 service"</span> })}
            </td>
            <td>
                {roles}
                {(!unresolved.is_empty()).then(|| view! {
                    <div class="tenant__unresolved" data-testid="tenant-row-unresolved">"unresolved: "<code>{unresolved}</code></div>
                })}
            </td>
            <td class="num">{ops}</td>
            <td><span class=format!("tag tag--risk-{level}")>{level}</span></td>
            <td>{if escalate { "yes" } else { "no" }}</td>
        </tr>
        {details}
    }
    .into_any()
}

/// Read chosen or dropped files (each up to the tenant limit) into `files`, one
/// after the other in the order given: the review (and its report) lists a
/// principal's assignments in the order of the files, so the same files give the
/// same report (read all at once, they were added as each read ended).
fn read_tenant_files(
    list: web_sys::FileList,
    files: RwSignal<Vec<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    offer: RwSignal<Offer>,
) {
    let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    read_in_turn(chosen, 0, files, message, offer);
}

fn read_in_turn(
    chosen: Vec<web_sys::File>,
    next: usize,
    files: RwSignal<Vec<(String, String)>>,
    message: RwSignal<Option<(bool, String)>>,
    offer: RwSignal<Offer>,
) {
    let Some(f) = chosen.get(next).cloned() else {
        return;
    };
    let name = f.name();
    crate::dom::read_file_limited(f, MAX_TENANT_BYTES, move |read| {
        match read {
            Ok(text) => {
                let Some((said, copy)) = files.try_update(|v| add_export(v, &name, text)) else {
                    return; // the page is gone
                };
                if let Some(copy) = copy {
                    offer.set(Some((said.clone(), copy, name.clone())));
                }
                message.set(Some((false, said)));
            }
            Err(e) => {
                if message.try_set(Some((true, e))).is_some() {
                    return;
                }
            }
        }
        read_in_turn(chosen, next + 1, files, message, offer);
    });
}

/// The exports read and the review of them, kept for the tab's life: moving to
/// another view and back finds them (an outside review: they were gone, though
/// the page said only a reload would lose them). Never saved.
#[derive(Clone, Copy)]
pub struct TenantKept {
    files: RwSignal<Vec<(String, String)>>,
    reviewed: RwSignal<Option<Shared<Reviewed>>>,
    reviewed_of: RwSignal<Vec<(String, usize, u64)>>,
    /// A review was running when the view was last left (leaving stops it).
    running: RwSignal<bool>,
}

impl TenantKept {
    /// Empty, owned by the app (provided as context at its root).
    pub fn install() -> TenantKept {
        TenantKept {
            files: RwSignal::new(Vec::new()),
            reviewed: RwSignal::new(None),
            reviewed_of: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
        }
    }
}

/// The tenant review view.
#[component]
pub fn TenantPage() -> impl IntoView {
    use wasm_bindgen::JsCast;
    let state = use_state();
    let router = use_router();
    let q = router.param("q");
    let risk = router.param("risk");
    let kept = use_context::<TenantKept>().unwrap_or_else(TenantKept::install);
    let files = kept.files;
    let message = RwSignal::new(None::<(bool, String)>);
    let offer = RwSignal::new(None::<(String, String, String)>);
    // What the last removal, replacement, clear or sample took out of the list,
    // with the message that said so: Undo is offered while that message is shown.
    let undo = RwSignal::new(None::<(String, Taken)>);
    let said_with_undo = move |said: String, taken: Taken| {
        undo.set(Some((said.clone(), taken)));
        message.set(Some((false, said)));
    };
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<job::Progress>);
    let run = StoredValue::new(0u64);
    let reviewed = kept.reviewed;
    let shown = RwSignal::new(PAGE);
    let dragging = RwSignal::new(false);
    let area = NodeRef::<leptos::html::Textarea>::new();

    // The exports the shown review read, so a change to them after it is said
    // (outside review of 2026-12-06: a removed or replaced export stayed in the
    // results); taken when a review ends, as a stopped one keeps the results before.
    let reviewed_of = kept.reviewed_of;
    let reading = StoredValue::new(Vec::<(String, usize, u64)>::new());
    let sinks = job::Sinks {
        run,
        progress,
        reviewed,
        error,
        done: Callback::new(move |()| {
            shown.set(PAGE);
            reviewed_of.set(reading.get_value());
        }),
    };
    let busy = move || progress.with(Option::is_some);
    let run_review = move || {
        let list = files.get_untracked();
        if list.is_empty() {
            error.set(Some("Add at least one export first.".into()));
            return;
        }
        reading.set_value(fingerprints(&list));
        job::start(list, sinks);
        kept.running.set(true);
    };
    // A review ends (done, stopped, refused): not running. Leaving the view stops
    // it without this, so coming back says so (a review: it vanished without a word).
    Effect::new(move |_| {
        if progress.with(Option::is_none) {
            kept.running.set(false);
        }
    });
    if kept.running.get_untracked() {
        kept.running.set(false);
        message.set(Some((
            false,
            "The review was stopped when you left this view: press Review to run it again.".into(),
        )));
    }
    let stale = Memo::new(move |_| {
        reviewed.with(Option::is_some)
            && files.with(|f| reviewed_of.with(|r| fingerprints(f) != *r))
    });

    // What the text filter searches, built once per review (on the first search).
    let hays = Memo::new(move |_| {
        reviewed.with(|r| {
            r.as_ref().map(|r| {
                Shared(Arc::new(
                    r.0.review
                        .principals
                        .iter()
                        .map(haystack)
                        .collect::<Vec<String>>(),
                ))
            })
        })
    });
    let hits = Memo::new(move |_| {
        let q = q.get().trim().to_lowercase();
        let risk = risk.get();
        let hays = (!q.is_empty()).then(|| hays.get()).flatten();
        reviewed.with(|r| {
            r.as_ref().map(|r| {
                Shared(Arc::new(
                    r.0.review
                        .principals
                        .iter()
                        .enumerate()
                        .filter(|(i, p)| {
                            let hay = hays.as_ref().and_then(|h| h.0.get(*i)).map(String::as_str);
                            matches(p, hay, &q, &risk)
                        })
                        .map(|(i, _)| i)
                        .collect::<Vec<usize>>(),
                ))
            })
        })
    });

    // The reports are computed when asked for (a download, the print, the
    // preview), never when the page opens, and a slice at a time: for thousands
    // of saved roles or a large tenant they take a while (review J2 H1: opening
    // this page froze it for 9 s).
    let tenant_job = ReportJob::new(Of::Tenant(reviewed));
    let tenant_report = Signal::derive(move || tenant_job.report.get().and_then(|r| r.ok()));
    let has_design = Memo::new(move |_| {
        state
            .ws
            .with(|ws| !(ws.roles.is_empty() && ws.assignments.is_empty()))
    });
    let design = ReportJob::new(Of::Design(state.ws, state.mode));
    let design_report = Signal::derive(move || design.report.get().and_then(|r| r.ok()));

    // The rows the filters keep, all of them (not only the ones rendered).
    let filtered = move || {
        let r = reviewed.get_untracked()?;
        let idx = hits.get_untracked().map(|h| h.0).unwrap_or_default();
        Some((r, idx))
    };
    // The table's rows as CSV; the JSON keeps each principal's whole review
    // (assignments, operations, flags). Both are written a slice of principals
    // at a time.
    let write = Callback::new(move |(format, name): (FileFormat, String)| {
        if let Some((r, idx)) = filtered() {
            principals_file::download(r, idx, name, format, move |e| {
                state.error(format!("Could not download the table: {e}"));
            });
        }
    });

    let file_list = move || {
        // Names and sizes only: the texts (megabytes) are not copied.
        let list: Vec<(String, usize)> =
            files.with(|f| f.iter().map(|(n, t)| (n.clone(), t.len())).collect());
        (!list.is_empty()).then(|| {
            view! {
                <ul class="tenant__files" data-testid="tenant-files">
                    {list.into_iter().map(|(name, len)| {
                        let n2 = name.clone();
                        view! {
                            <li>
                                <code>{name.clone()}</code>" "<span class="muted">{crate::dom::bytes(len)}</span>" "
                                <button class="button button--quiet button--small" aria-label=format!("Remove {name}") on:click=move |_| {
                                    if let Some((said, taken)) = files.try_update(|v| exports::remove_export(v, &n2)).flatten() {
                                        said_with_undo(format!("{said} Undo puts it back."), taken);
                                    }
                                }>"Remove"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    };

    let summary = move || {
        reviewed.get().map(|r| {
            let rv = &r.0.review;
            let s = &rv.summary;
            let unresolved: usize = rv.unresolved.iter().map(|u| u.count).sum();
            let levels = s
                .by_level
                .iter()
                .map(|l| view! { <li><span class=format!("tag tag--risk-{}", l.level)>{l.level}</span>" "{num(l.principals)}</li> })
                .collect_view();
            let list = |items: &[String]| -> AnyView {
                if items.is_empty() {
                    view! { <p class="muted">"None."</p> }.into_any()
                } else {
                    view! { <ul>{items.iter().map(|x| view! { <li><code>{x.clone()}</code></li> }).collect_view()}</ul> }.into_any()
                }
            };
            let sources = rv
                .sources
                .iter()
                .map(|f| {
                    let shapes: Vec<&str> = f.shapes.iter().map(|s| s.label()).collect();
                    view! {
                        <li><code>{f.name.clone()}</code>": "
                            {count(f.assignments, "assignment", "assignments")}", "
                            {count(f.roles, "custom role", "custom roles")}
                            {(f.builtin_skipped > 0).then(|| format!(", {} built-in definitions skipped", f.builtin_skipped))}
                            {(f.deny_assignments > 0).then(|| format!(", {} applied", count(f.deny_assignments, "deny assignment", "deny assignments")))}
                            {(f.eligible > 0).then(|| format!(", {} (PIM: held once activated, not assignments)", count(f.eligible, "eligibility", "eligibilities")))}
                            {(!shapes.is_empty()).then(|| format!(" ({})", shapes.join(", ")))}
                        </li>
                    }
                })
                .collect_view();
            let unresolved_list = rv
                .unresolved
                .iter()
                .map(|u| view! { <li><code>{u.role.clone()}</code>{format!(" ×{} at ", u.count)}<code>{u.path.clone()}</code>": "<crate::components::rich::Rich text=u.message.clone()/></li> })
                .collect_view();
            let notes = rv.notes.clone();
            view! {
                <section class="tenant__summary" aria-labelledby="tenant-summary-title" data-testid="tenant-summary">
                    <h2 id="tenant-summary-title">"Summary"</h2>
                    <p data-testid="tenant-counts">
                        {count(s.principals, "principal", "principals")}", "
                        {count(s.assignments, "assignment", "assignments")}
                        {format!(" {}, ", s.distinct_note())}
                        {count(s.custom_roles, "custom role", "custom roles")}", "
                        {count(s.windows365_admins, "principal reaches", "principals reach")}" Windows 365."
                    </p>
                    {(s.eligible > 0).then(|| view! {
                        <p data-testid="tenant-eligible">
                            {format!(
                                "{} for {} (Privileged Identity Management: held only once activated, so not counted above){}.",
                                count(s.eligible, "eligible role", "eligible roles"),
                                count(s.eligible_principals, "principal", "principals"),
                                if s.eligible_ended > 0 { format!("; {} ended before now and can no longer be activated", num(s.eligible_ended)) } else { String::new() }
                            )}
                        </p>
                    })}
                    <div class="tenant__cards">
                        <div class="card">
                            <h3>"Principals per risk level"</h3>
                            <ul class="tenant__levels">{levels}</ul>
                        </div>
                        <div class="card">
                            <h3>"Who can escalate"</h3>
                            <p data-testid="tenant-escalate"><strong>{num(s.can_escalate)}</strong>{if s.can_escalate == 1 { " principal can" } else { " principals can" }}" grant themselves or others more rights."</p>
                            {(s.can_escalate > 0).then(|| view! {
                                <button class="button button--small" data-testid="tenant-show-escalate" on:click=move |_| router.replace("risk", "escalate")>"Show them"</button>
                            })}
                        </div>
                        <div class="card">
                            <h3>"Unused custom roles"</h3>
                            {list(&s.unused_custom_roles)}
                        </div>
                        <div class="card">
                            <h3>"Assigned, never reaching Windows 365"</h3>
                            {list(&s.never_reach_windows365)}
                            {(!s.windows365_service_roles.is_empty()).then(|| view! {
                                <p data-testid="tenant-service-roles">
                                    "Held by the Windows 365 service for its network connections, images or reviews, and needed there: "
                                    {s.windows365_service_roles.iter().map(|x| view! { <code>{x.clone()}</code>" " }).collect_view()}
                                </p>
                            })}
                        </div>
                        {(!s.deny_assignments.is_empty()).then(|| view! {
                            <div class="card" data-testid="tenant-denies">
                                <h3>"Deny assignments"</h3>
                                <p>
                                    {count(s.deny_assignments.len(), "deny assignment applied", "deny assignments applied")}": "
                                    <strong>{num(s.principals_affected_by_denies)}</strong>
                                    {if s.principals_affected_by_denies == 1 { " principal has" } else { " principals have" }}
                                    " operations removed or made conditional."
                                </p>
                                <ul>
                                    {s.deny_assignments.iter().map(|d| view! {
                                        <li>
                                            <code>{d.name.clone()}</code>" at "<code>{d.scope.clone()}</code>
                                            " (for "<crate::components::rich::Rich text=d.whom.clone()/>{format!("): {}", deny_reach(d.principals, d.conditional_principals))}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                        <div class="card">
                            <h3>"Skipped or unresolved"</h3>
                            <p data-testid="tenant-unresolved">{count(unresolved, "assignment", "assignments")}" could not be resolved."</p>
                            {(!rv.unresolved.is_empty()).then(|| view! { <ul>{unresolved_list}</ul> })}
                        </div>
                    </div>
                    <details>
                        <summary>{format!("Sources ({})", rv.sources.len())}</summary>
                        <ul data-testid="tenant-sources">{sources}</ul>
                    </details>
                    {(!notes.is_empty()).then(|| view! {
                        <details data-testid="tenant-notes">
                            <summary>{format!("Notes ({})", notes.len())}</summary>
                            <ul>{notes.into_iter().map(|n| view! { <li><crate::components::rich::Rich text=n/></li> }).collect_view()}</ul>
                        </details>
                    })}
                </section>
            }
        })
    };

    let table = move || {
        let r = reviewed.get()?;
        let all = r.0.review.principals.len();
        let total = move || hits.with(|h| h.as_ref().map_or(0, |h| h.0.len()));
        // Keyed by the principal's place in the review: a filter change adds and
        // removes rows, and leaves the rows (and their opened details) that stay.
        let shown_rows = move || {
            let limit = shown.get();
            hits.with(|h| {
                // A newer review's hits can reach this table's rows before the
                // table itself is redrawn for it: only this review's principals.
                h.as_ref()
                    .map(|idx| {
                        idx.0
                            .iter()
                            .copied()
                            .filter(|&i| i < all)
                            .take(limit)
                            .collect::<Vec<usize>>()
                    })
                    .unwrap_or_default()
            })
        };
        let rows = view! {
            <For each=shown_rows key=|i| *i children=move |i| view! { <PrincipalRow p=r.0.clone() index=i/> }/>
        };
        Some(view! {
            <section class="tenant__principals" aria-labelledby="tenant-principals-title">
                <h2 id="tenant-principals-title">"Principals"</h2>
                <div class="filters">
                    <label class="field field--grow">
                        <span>"Filter by name, id, type or role"</span>
                        <input type="search" data-testid="tenant-search" placeholder="e.g. alice, Group, Owner"
                            prop:value=move || q.get()
                            on:input=move |ev| { shown.set(PAGE); router.type_in("q", &event_target_value(&ev)) }/>
                    </label>
                    <label class="field">
                        <span>"Risk"</span>
                        <select data-testid="tenant-risk" prop:value=move || risk.get() on:change=move |ev| { shown.set(PAGE); router.replace("risk", &event_target_value(&ev)) }>
                            <option value="">"Every level"</option>
                            <option value="escalate">"Can escalate"</option>
                            <option value="critical">"Critical"</option>
                            <option value="high">"High"</option>
                            <option value="unresolved">"Unresolved role"</option>
                            <option value="medium">"Medium"</option>
                            <option value="low">"Low"</option>
                            <option value="unknown">"Unknown (a permission not rated)"</option>
                            <option value="none">"No flag"</option>
                        </select>
                    </label>
                </div>
                <p class="summary" role="status" data-testid="tenant-count">{move || format!("{} of {}", count(total(), "principal", "principals"), num(all))}</p>
                <DownloadButtons label="the principals shown" stem="tenant-principals" write=write testid="tenant"/>
                <div class="table-wrap" tabindex="0">
                    <table class="table tenant__table" data-testid="tenant-table">
                        <thead><tr>
                            <th scope="col">"Principal"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Roles"</th>
                            <th scope="col">"Windows 365 operations allowed"</th>
                            <th scope="col">"Risk"</th>
                            <th scope="col">"Can escalate"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {move || {
                    let (total, limit) = (total(), shown.get());
                    (total > limit).then(|| view! {
                        <button class="button" data-testid="tenant-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                            {format!("Show {} more (of {} not shown)", num(PAGE.min(total - limit)), num(total - limit))}
                        </button>
                    })
                }}
                {move || (total() == 0).then(|| view! { <p class="empty">"No principal matches."</p> })}
            </section>
        })
    };

    let tenant_open = RwSignal::new(false);
    let design_open = RwSignal::new(false);
    let tenant_complete = RwSignal::new(false);
    let design_complete = RwSignal::new(false);
    let ask_tenant =
        Callback::new(move |then: Callback<Shared<Report>>| tenant_job.ask(Some(then)));
    let ask_design = Callback::new(move |then: Callback<Shared<Report>>| design.ask(Some(then)));
    // An open preview asks for its report too, again when what it is of changed.
    Effect::new(move || {
        if design_open.get() && design.report.with(Option::is_none) {
            design.ask(None);
        }
    });
    Effect::new(move || {
        if tenant_open.get() && tenant_job.report.with(Option::is_none) {
            tenant_job.ask(None);
        }
    });
    let design_part = move || {
        if !has_design.get() {
            return view! { <p class="muted" data-testid="design-empty">"No custom roles or assignments are saved in this browser yet: compose a role or add assignments, then come back for its report."</p> }.into_any();
        }
        view! {
            <ReportStatus job=design which="design" label="The design report"/>
            <ReportPreview report=design_report open=design_open complete=design_complete which="design" label="Preview the design report"/>
        }
        .into_any()
    };

    view! {
        <section class="page tenant">
            <h1>"Tenant review"</h1>
            <p class="lead">"Review what a tenant really has, from the exports you can take without this tool touching the tenant: per principal, the Windows 365 operations they can do, the Azure operations at each scope, and the risks they hold (who can escalate)."</p>
            <section class="import tenant__import" aria-labelledby="tenant-import-title">
                <h2 id="tenant-import-title">"Exports"</h2>
                <p class="tenant__privacy" data-testid="tenant-privacy"><strong>"Everything stays in this browser: nothing is uploaded, and the exports are not saved."</strong>" They stay while this tab is open, across its views; reload or close it and they are gone."</p>
                <p class="muted">
                    "Accepted: "<code>"az role assignment list --all -o json"</code>", "<code>"az role definition list --custom-role-only -o json"</code>", "
                    <code>"Get-AzRoleAssignment | ConvertTo-Json"</code>", "<code>"Get-Mg...RoleAssignment | ConvertTo-Json"</code>", "<code>"az rest"</code>" lists of role assignments, Graph "<code>"roleManagement/cloudPC/roleAssignments"</code>" and "<code>"roleDefinitions"</code>", "
                    <code>"roleManagement/directory/roleAssignments"</code>", PIM "<code>"roleEligibilitySchedules"</code>" (eligible roles, listed apart), "<code>"directoryRoles?$expand=members"</code>", Intune "<code>"deviceManagement/roleAssignments"</code>" and "<code>"roleDefinitions"</code>". "
                    {format!("Several files at once, each up to {} MB.", MAX_TENANT_BYTES / 1_048_576)}
                </p>
                <div
                    class="dropzone"
                    class:dropzone--active=move || dragging.get()
                    data-testid="tenant-dropzone"
                    on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |ev: web_sys::DragEvent| {
                        ev.prevent_default();
                        dragging.set(false);
                        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                            read_tenant_files(list, files, message, offer);
                        }
                    }
                >
                    <label class="button">
                        "Choose files…"
                        <input type="file" class="visually-hidden" accept=".json,.txt,application/json,text/plain" multiple=true data-testid="tenant-file"
                            on:change=move |ev| {
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    if let Some(list) = input.files() {
                                        read_tenant_files(list, files, message, offer);
                                    }
                                    input.set_value("");
                                }
                            }/>
                    </label>
                    <span class="muted">" or drop files here"</span>
                </div>
                <label class="field">
                    <span>"Or paste an export"</span>
                    <textarea rows="4" spellcheck="false" data-testid="tenant-paste" node_ref=area
                        on:paste=move |ev: web_sys::ClipboardEvent| {
                            // A large paste goes straight to the exports: laid out in
                            // the box it would hold the page for seconds.
                            let Some(text) = crate::dom::pasted(&ev) else { return };
                            let len = text.length();
                            if len < PASTE_INTO_BOX {
                                return;
                            }
                            ev.prevent_default();
                            if len as usize > MAX_TENANT_BYTES {
                                message.set(Some((true, format!("The pasted text has {}: it is refused (nothing was added).", crate::dom::over_limit(len as usize, MAX_TENANT_BYTES)))));
                                return;
                            }
                            let text = String::from(text);
                            if let Some(same) = files.with_untracked(|f| same_text(f, &text)) {
                                message.set(Some((false, format!("The pasted text is the same as `{same}`, already among the exports: not added again."))));
                                return;
                            }
                            let name = files.with_untracked(|f| paste_name(f));
                            files.update(|v| v.push((name.clone(), text)));
                            message.set(Some((false, format!("Added `{name}` ({}) to the exports directly: a paste that large is not shown in the box.", crate::dom::megabytes(len)))));
                        }></textarea>
                </label>
                <div class="actions-bar">
                    <button class="button button--quiet" data-testid="tenant-paste-add" on:click=move |_| {
                        let Some(a) = area.get_untracked() else { return };
                        let text = a.value();
                        if text.trim().is_empty() {
                            message.set(Some((true, "The paste box is empty.".into())));
                            return;
                        }
                        if text.len() > MAX_TENANT_BYTES {
                            a.set_value("");
                            message.set(Some((true, format!("Pasted text over {} MB is refused; the box was emptied.", MAX_TENANT_BYTES / 1_048_576))));
                            return;
                        }
                        if let Some(same) = files.with_untracked(|f| same_text(f, &text)) {
                            message.set(Some((false, format!("The pasted text is the same as `{same}`, already among the exports: not added again."))));
                            return;
                        }
                        let name = files.with_untracked(|f| paste_name(f));
                        files.update(|v| v.push((name.clone(), text)));
                        message.set(Some((false, format!("Added `{name}`."))));
                        // Emptying a box of megabytes lays it out again: in a task
                        // of its own (review J2 M5).
                        set_timeout(move || a.set_value(""), std::time::Duration::ZERO);
                    }>"Add the pasted text"</button>
                    <button class="button button--quiet" data-testid="tenant-sample" on:click=move |_| {
                        let sample = SAMPLES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
                        let taken = files.try_update(|v| exports::take_all(v, sample));
                        let said = format!("Added the {} sample exports.", SAMPLES.len());
                        match taken {
                            // The sample takes the place of the exports read: said, with Undo.
                            Some((n, taken)) if n > 0 => {
                                said_with_undo(format!("{said} They took the place of {}; Undo puts those back.", count(n, "export", "exports")), taken);
                            }
                            _ => message.set(Some((false, said))),
                        }
                        run_review();
                    }>"Try the sample tenant"</button>
                    <button class="button button--quiet" data-testid="tenant-clear" disabled=move || files.with(Vec::is_empty) on:click=move |_| {
                        job::stop(sinks);
                        let taken = files.try_update(|v| exports::take_all(v, Vec::new()));
                        reviewed.set(None);
                        error.set(None);
                        if let Some((n, taken)) = taken {
                            said_with_undo(format!("Cleared {} and the review. Undo puts the exports back.", count(n, "export", "exports")), taken);
                        }
                    }>"Clear"</button>
                </div>
                {file_list}
                {move || message.get().map(|(err, m)| {
                    // A numbered copy just added can take the earlier export's place.
                    let replace = offer.get().filter(|(said, copy, original)| {
                        *said == m && files.with(|f| f.iter().any(|(n, _)| n == copy) && f.iter().any(|(n, _)| n == original))
                    });
                    let with_undo = undo.with(|u| u.as_ref().is_some_and(|(said, _)| *said == m));
                    view! {
                        <p class=if err { "import__message import__message--error" } else { "import__message" } role=if err { "alert" } else { "status" } data-testid="tenant-message">
                            <crate::components::rich::Rich text=m/>
                        </p>
                        {with_undo.then(|| view! {
                            <button class="button button--small" data-testid="tenant-undo" on:click=move |_| {
                                let Some((_, taken)) = undo.try_update(Option::take).flatten() else { return };
                                if let Some(said) = files.try_update(|f| taken.restore(f)) {
                                    message.set(Some((false, said)));
                                }
                            }>"Undo"</button>
                        })}
                        {replace.map(|(_, copy, original)| {
                            let label = format!("Replace {original} with {copy}");
                            view! {
                                <button class="button button--small" data-testid="tenant-replace" on:click=move |_| {
                                    let done = files.try_update(|f| replace_export(f, &original, &copy)).flatten();
                                    offer.set(None);
                                    match done {
                                        Some((said, taken)) => said_with_undo(format!("{said} Undo puts it back."), taken),
                                        None => message.set(Some((true, "Nothing was replaced: one of the two exports is no longer in the list.".into()))),
                                    }
                                }>{label}</button>
                            }
                        })}
                    }
                })}
                <div class="actions-bar">
                    <button class="button button--primary" data-testid="tenant-review" disabled=move || busy() || files.with(Vec::is_empty) on:click=move |_| run_review()>
                        {move || if busy() { "Reviewing…" } else { "Review" }}
                    </button>
                    {move || busy().then(|| view! {
                        <button class="button button--quiet" data-testid="tenant-stop" on:click=move |_| job::stop(sinks)>"Stop"</button>
                    })}
                </div>
                {move || progress.get().map(|p| view! {
                    <div class="tenant__progress" data-testid="tenant-busy">
                        <progress max=p.total.max(1) value=p.done aria-label="Review progress"></progress>
                        <p><span role="status"><crate::components::rich::Rich text=p.stage.clone()/></span><span aria-hidden="true">{(p.total > 1).then(|| format!(": {}", p.amount()))}</span></p>
                    </div>
                })}
                {move || error.get().map(|e| view! {
                    <p class="import__message import__message--error" role="alert" data-testid="tenant-error"><crate::components::rich::Rich text=e/></p>
                })}
            </section>
            {move || stale.get().then(|| view! {
                <p class="import__message import__message--error" role="status" data-testid="tenant-stale">"The exports changed since this review: press Review again. The summary, the table and the report below are of the exports as they were reviewed."</p>
            })}
            {summary}
            {table}
            {move || reviewed.with(Option::is_some).then(|| view! {
                <section class="tenant__report" aria-labelledby="tenant-report-title">
                    <h2 id="tenant-report-title">"Tenant report"</h2>
                    <p class="muted">"A report to sign: what was reviewed, the data date and sources, the operations, the risky Azure operations and the findings."</p>
                    <ReportActions ask=ask_tenant available=Signal::derive(move || reviewed.with(Option::is_some)) open=tenant_open complete=tenant_complete which="tenant" file="tenant-review"/>
                    <ReportStatus job=tenant_job which="tenant" label="The tenant report"/>
                    <ReportPreview report=tenant_report open=tenant_open complete=tenant_complete which="tenant" label="Preview the tenant report"/>
                </section>
            })}
            <section class="tenant__design" aria-labelledby="design-report-title">
                <h2 id="design-report-title">"Report on the current design"</h2>
                <p class="muted" data-testid="design-source">{move || {
                    let source = state.mode.with(crate::state::design_source);
                    let mut first = source.chars();
                    let source: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
                    format!("{source}, reviewed as one design: the Windows 365 operations enabled and denied, the Azure operations by provider, lint and risk findings, the nearest built-in role.")
                }}</p>
                <ReportActions ask=ask_design available=has_design open=design_open complete=design_complete which="design" file="design-review"/>
                {design_part}
            </section>
        </section>
    }
}

/// Whom a deny assignment takes operations from, in words: "3 principals", "1
/// principal, and 2 more if ..." or "no principal of these exports".
fn deny_reach(sure: usize, perhaps: usize) -> String {
    let n = |k: usize| format!("{} principal{}", num(k), if k == 1 { "" } else { "s" });
    match (sure, perhaps) {
        (0, 0) => "no principal of these exports".to_string(),
        (s, 0) => format!("operations taken from {}", n(s)),
        (0, p) => format!(
            "operations of {} conditional (it may or may not apply to them offline)",
            n(p)
        ),
        (s, p) => format!(
            "operations taken from {}, and conditional for {} more",
            n(s),
            num(p)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use w365_engine::tenant;

    /// A saved custom role named like a built-in role: the design's request
    /// gives it another name, so the report can be made and its rows keep
    /// meaning the custom role, not the built-in one (an outside review).
    #[test]
    fn a_custom_role_named_like_a_built_in_one_is_reported_under_another_name() {
        use crate::workspace::{Assignee, AssignmentRow, CustomRole, Workspace};
        let role = w365_engine::import::import(
            r#"{"roleName":"Reader","description":"d","permissions":[{"actions":["Microsoft.Compute/virtualMachines/start/action"]}],"assignableScopes":["/subscriptions/s1"]}"#,
        )
        .expect("role")
        .remove(0)
        .role;
        let ws = Workspace {
            roles: vec![CustomRole::new("custom-1", role)],
            assignments: vec![AssignmentRow {
                id: "a-1".into(),
                role: "custom-1".into(),
                scope: "/subscriptions/s1".into(),
                to: Assignee::You,
            }],
            ..Workspace::default()
        };
        let names = report_names(&ws);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].2, "Reader (custom role custom-1)");
        let req = w365_engine::request::parse(cat(), &design_request(&ws)).expect("request");
        let q = w365_engine::evaluate::Query {
            action: "Microsoft.Compute/virtualMachines/start/action".into(),
            data_action: None,
            scope: w365_engine::scope::Scope::parse("/subscriptions/s1").ok(),
            plane: None,
        };
        assert_eq!(
            req.env.evaluate(&q).decision,
            w365_engine::evaluate::Decision::Allow,
            "the row is the custom role's, which starts VMs (Reader does not)"
        );
    }

    /// A design with rows of the Windows 365 app: those count for the app only
    /// (outside review of 2026-12-06: the report counted them as the admin's).
    #[test]
    fn a_designs_app_rows_are_the_apps() {
        use crate::workspace::{Assignee, AssignmentRow, Workspace};
        use w365_engine::evaluate::Holding;
        let row = |id: &str, role: &str, to| AssignmentRow {
            id: id.into(),
            role: role.into(),
            scope: "/subscriptions/s1".into(),
            to,
        };
        let mut ws = Workspace {
            assignments: vec![row("a-1", "Reader", Assignee::You)],
            ..Workspace::default()
        };
        assert!(!design_request(&ws).contains("principal"));
        ws.assignments
            .push(row("a-2", "Owner", Assignee::Windows365App));
        let req = w365_engine::request::parse(cat(), &design_request(&ws)).expect("request");
        let held: Vec<Holding> = req
            .env
            .assignments
            .iter()
            .map(|a| req.env.holding(a))
            .collect();
        assert_eq!(held, [Holding::Asker, Holding::Other]);
        assert!(
            req.notes
                .iter()
                .all(|n| !n.contains("not among the principals")),
            "{:?}",
            req.notes
        );
    }

    #[test]
    fn the_sample_tenant_reviews() {
        let loaded = tenant::load(cat(), SAMPLES).expect("samples load");
        let review = tenant::review(cat(), &loaded);
        assert!(review.summary.principals > 0);
        assert!(review.principals.iter().any(|p| p.can_escalate));
        let all: Vec<&PrincipalReview> = review.principals.iter().collect();
        let csv = principals_table(&all).to_csv();
        assert!(csv.starts_with("principal,id,type,roles,"));
        assert_eq!(csv.lines().count(), all.len() + 1);
    }

    #[test]
    fn a_principal_with_an_unresolved_role_says_so_in_its_row() {
        let az = r#"[{"principalName":"old@contoso.com","principalId":"p5","principalType":"User","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-0000-0000-0000-000000000003","roleDefinitionName":"","scope":"/subscriptions/s1"}]"#;
        let loaded = tenant::load(cat(), &[("az.json", az)]).expect("loads");
        let review = tenant::review(cat(), &loaded);
        let all: Vec<&PrincipalReview> = review.principals.iter().collect();
        let csv = principals_table(&all).to_csv();
        let row = csv.lines().nth(1).unwrap_or_default();
        assert!(row.contains(",unresolved,"), "{csv}");
        assert!(
            row.ends_with(",aaaaaaaa-0000-0000-0000-000000000003,,"),
            "{csv}"
        );
        let p = &review.principals[0];
        assert!(matches(p, Some(&haystack(p)), "", "unresolved"));
        assert!(!matches(p, Some(&haystack(p)), "", "none"));
        assert!(matches(p, Some(&haystack(p)), "aaaaaaaa", ""));
    }

    /// Review J2 M1: the table (and its CSV) names each principal's PIM
    /// eligibilities, an ended one marked.
    #[test]
    fn a_principal_eligible_through_pim_says_so_in_its_row() {
        let page =
            include_str!("../../crates/w365-cli/tests/fixtures/review-h3/t2-pim-eligible.json");
        let mut loaded = tenant::load(cat(), &[("pim.json", page)]).expect("loads");
        loaded.as_of = Some("2099-01-01".into());
        let review = tenant::review(cat(), &loaded);
        let all: Vec<&PrincipalReview> = review.principals.iter().collect();
        let csv = principals_table(&all).to_csv();
        let row = csv.lines().nth(1).unwrap_or_default();
        assert!(row.ends_with(",Global Administrator (ended)"), "{csv}");
    }

    #[test]
    fn a_principal_a_deny_assignment_changes_says_so_in_its_row() {
        let mut files: Vec<(&str, &str)> = SAMPLES.to_vec();
        files.push((
            "arm-denyassignments.json",
            include_str!("../../crates/w365-engine/tests/deny/arm-denyassignments.json"),
        ));
        let loaded = tenant::load(cat(), &files).expect("loads");
        let review = tenant::review(cat(), &loaded);
        assert!(review.summary.principals_affected_by_denies > 0);
        let all: Vec<&PrincipalReview> = review.principals.iter().collect();
        let csv = principals_table(&all).to_csv();
        assert!(csv
            .lines()
            .next()
            .unwrap_or_default()
            .ends_with(",denied_by,eligible_roles"));
        let alex = csv
            .lines()
            .find(|l| l.starts_with("alex@contoso.com,"))
            .unwrap_or_default();
        assert!(
            alex.contains("created by deployment stack 'stack-prod'. at /subscriptions/11111111-2222-3333-4444-555555555555: "),
            "{alex}"
        );
    }
}
