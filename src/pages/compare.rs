//! Two or more roles side by side: what only one grants, what all grant, with
//! counts, one plane per column. The seeds' migration (Network Contributor against
//! the Windows 365 network roles) is one click away. A built-in Cloud PC or Intune
//! role can be compared with its own earlier version (`Cloud PC Reader@2023-05-18`,
//! as the CLI reads it), and the compared roles' dated changes are shown with
//! where the permission table disagrees with them.

use crate::components::containment::Pairs;
use crate::components::download_buttons::DownloadButtons;
use crate::components::rich::Rich;
use crate::components::risk_profile::RiskProfile;
use crate::components::role_evidence::role_disagreements;
use crate::components::role_picker::RolePicker;
use crate::components::role_timeline::RoleTimeline;
use crate::components::virtual_list::VirtualList;
use crate::dom::num;
use crate::later::later;
use crate::pages::roles::role_href;
use crate::route::use_router;
use crate::state::{cat, use_state, Shared};
use crate::table_export::{file_stem, Table};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::compare::Comparison;
use w365_engine::expand::{Expander, Expansion};
use w365_engine::observed::{timeline, version_as_of, Timeline};
use w365_engine::risk::CategoryNotes;
use w365_engine::roleset::RoleRef;
use w365_engine::RoleKind;

/// `NAME@YYYY-MM-DD`: a built-in role as Graph returned it on that date.
fn dated(reference: &str) -> Option<(&str, &str)> {
    let (name, date) = reference.rsplit_once('@')?;
    (date.len() == 10 && date.as_bytes().get(4) == Some(&b'-')).then_some((name.trim(), date))
}

/// The comparison, the compared roles as (label, reference, role page id), the
/// problems, the timelines of the built-in roles compared, and each role's risk
/// flags (computed with the comparison, from the same expansions).
type Result_ = (
    Comparison,
    Vec<(String, String, String)>,
    Vec<String>,
    Vec<(Timeline, String)>,
    Vec<(String, Vec<CategoryNotes>)>,
    // Caveats: Entra sub-entities read through the parent, conditions on tenant roles.
    Vec<String>,
);

fn op_row() -> crate::components::virtual_list::RowHtml {
    Callback::new(|(_, i): (usize, usize)| {
        crate::pages::actions::op_row_html(&cat().operations, i, false)
    })
}

/// The compare table: per role its totals and what only it grants, per plane.
pub fn summary_table(c: &Comparison, names: &[(String, String, String)]) -> Table {
    let mut t = Table::new([
        "role",
        "reference",
        "azure_operations",
        "only_this_role_azure",
        "cloud_pc_permissions",
        "only_this_role_cloud_pc",
        "intune_permissions",
        "only_this_role_intune",
    ]);
    for (i, (n, reference, _)) in names.iter().enumerate() {
        let (total, cpc) = c.totals.get(i).copied().unwrap_or_default();
        t.push(vec![
            n.as_str().into(),
            reference.as_str().into(),
            total.into(),
            c.only_azure_count(i).into(),
            cpc.into(),
            c.only_cloud_pc.get(i).map_or(0, Vec::len).into(),
            c.intune_totals.get(i).copied().unwrap_or_default().into(),
            c.only_intune.get(i).map_or(0, Vec::len).into(),
        ]);
    }
    t
}

/// What the lists under the table show: each operation or permission only one role
/// grants (with that role), then those every role grants (`all`).
pub fn operations_table(c: &Comparison, names: &[(String, String, String)]) -> Table {
    let ops = &cat().operations;
    let mut t = Table::new(["granted_by", "plane", "name", "description"]);
    let add = |t: &mut Table, by: &str, cpc: &[String], intune: &[String], azure: &[usize]| {
        for p in cpc {
            t.push(vec![
                by.into(),
                "Cloud PC".into(),
                p.as_str().into(),
                "".into(),
            ]);
        }
        for p in intune {
            t.push(vec![
                by.into(),
                "Intune".into(),
                p.as_str().into(),
                "".into(),
            ]);
        }
        for &i in azure {
            let plane = if ops.is_data(i) {
                "Azure data action"
            } else {
                "Azure action"
            };
            t.push(vec![
                by.into(),
                plane.into(),
                ops.name(i).into(),
                ops.description(i).into_owned().into(),
            ]);
        }
    };
    let none = Vec::new();
    for (i, (n, _, _)) in names.iter().enumerate() {
        add(
            &mut t,
            n,
            c.only_cloud_pc.get(i).unwrap_or(&none),
            c.only_intune.get(i).unwrap_or(&none),
            c.only_ops.get(i).map_or(&[], Vec::as_slice),
        );
    }
    add(
        &mut t,
        "all",
        &c.common_cloud_pc,
        &c.common_intune,
        &c.common_ops,
    );
    t
}

/// Each compared role's risk flags by category.
#[component]
fn RiskRow(profiles: Vec<(String, Vec<CategoryNotes>)>) -> impl IntoView {
    view! {
        <section aria-labelledby="cmp-risk" data-testid="compare-risks">
            <h2 id="cmp-risk">"Risk flags"</h2>
            <div class="compare__risks">
                {profiles.into_iter().map(|(n, p)| view! { <div><h3>{n}</h3><RiskProfile profile=p compact=true/></div> }).collect_view()}
            </div>
        </section>
    }
}

/// Roles compared at once.
const MAX_COMPARED: usize = 12;

/// The compare view.
#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let roles_param = router.param("roles");
    // The roles named in the address, each once, at most MAX_COMPARED of them (a
    // link naming thousands is compared on its first ones and says so).
    let named = Memo::new(move |_| {
        let mut seen = std::collections::HashSet::new();
        roles_param.with(|p| {
            p.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty() && seen.insert(s.to_ascii_lowercase()))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    });
    let picked = Memo::new(move |_| {
        named.with(|n| n.iter().take(MAX_COMPARED).cloned().collect::<Vec<_>>())
    });
    let add = RwSignal::new(String::new());
    // More than two roles are compared a task after the view is drawn
    // ("Comparing…" meanwhile), so opening a compare link is not one long task.
    let settled = later(picked, |p: &Vec<String>| p.len() > 2, 1);
    let result = Memo::new(move |_| {
        let ids = settled.get()?;
        let beyond = named.with(Vec::len).saturating_sub(MAX_COMPARED);
        state.roles.with(|r| {
            // Each compared role: from the role set, or a dated version (expanded here).
            enum Src {
                Set(RoleRef),
                Version(usize),
            }
            let mut srcs = Vec::new();
            let mut names = Vec::new();
            let mut versions: Vec<Expansion> = Vec::new();
            let mut version_roles: Vec<w365_engine::Role> = Vec::new();
            let mut errors = Vec::new();
            if beyond > 0 {
                errors.push(format!(
                    "The address names {} more roles than can be compared at once ({MAX_COMPARED}); the first {MAX_COMPARED} are compared.",
                    crate::dom::num(beyond)
                ));
            }
            let mut timelines: Vec<(Timeline, String)> = Vec::new();
            let mut add_timeline = |name: &str, id: &str| {
                if let Ok(t) = timeline(cat(), name) {
                    if !timelines.iter().any(|(x, _)| x.role == t.role) {
                        timelines.push((t, id.to_string()));
                    }
                }
            };
            let mut expander = Expander::new(cat());
            for id in &ids {
                if let Some((name, date)) = dated(id) {
                    match version_as_of(cat(), name, date) {
                        Ok(v) => {
                            let base = v.id.trim_end_matches(&format!("@{date}")).to_string();
                            names.push((format!("{} @ {date}", v.name), id.clone(), base.clone()));
                            add_timeline(&v.name, &base);
                            versions.push(expander.expand(&v));
                            version_roles.push(v);
                            srcs.push(Src::Version(versions.len() - 1));
                        }
                        Err(e) => errors.push(e.to_string()),
                    }
                    continue;
                }
                match r.resolve(id) {
                    Ok(rr) => {
                        if let Some(role) = r.get(rr) {
                            names.push((w365_engine::text::shown_name(&role.name).into_owned(), role.id.clone(), role.id.clone()));
                            if matches!(role.kind, RoleKind::CloudPcBuiltIn | RoleKind::Intune) {
                                add_timeline(&role.name, &role.id);
                            }
                            srcs.push(Src::Set(rr));
                        }
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            let empty = Expansion::empty(cat());
            let ex: Vec<&Expansion> = srcs
                .iter()
                .map(|s| match s {
                    Src::Set(rr) => r.expansion(*rr).unwrap_or(&empty),
                    Src::Version(i) => versions.get(*i).unwrap_or(&empty),
                })
                .collect();
            let labels: Vec<String> = names.iter().map(|(n, _, _)| n.clone()).collect();
            let roles: Vec<&w365_engine::Role> = srcs
                .iter()
                .filter_map(|s| match s {
                    Src::Set(rr) => r.get(*rr),
                    Src::Version(i) => version_roles.get(*i),
                })
                .collect();
            let mut c = w365_engine::compare::compare_roles(cat(), &labels, &roles, &ex);
            // Whether each retired permission is listed by name or matched by a
            // pattern, for the note under the table.
            w365_engine::compare::note_listed(cat(), &mut c, &roles);
            // A dated version is not in the role set: its flags come from the
            // expansion made above (review J2 L6: it was left out).
            let profiles = names
                .iter()
                .zip(roles.iter().zip(&ex))
                .map(|((n, _, _), (role, ex))| (n.clone(), w365_engine::risk::profile(cat(), role, ex)))
                .collect();
            let entra: Vec<String> = w365_engine::compare::entra_subentity_caveat(&c, &roles)
                .into_iter()
                .chain(w365_engine::compare::condition_caveat(&roles))
                .collect();
            Some(Shared(Arc::new((c, names, errors, timelines, profiles, entra))))
        })
    });
    let set_roles = move |ids: Vec<String>| router.replace("roles", &ids.join(","));
    let add_role = move || {
        let v = add.get_untracked();
        let resolved = match dated(&v) {
            Some((name, date)) => match version_as_of(cat(), name, date) {
                Ok(role) => Ok(format!("{}@{date}", role.name)),
                Err(e) => Err(format!("{e}.")),
            },
            None => state
                .roles
                .with(|r| {
                    r.resolve(&v)
                        .ok()
                        .and_then(|rr| r.get(rr).map(|x| x.id.clone()))
                })
                .ok_or_else(|| format!("No role named “{v}”.")),
        };
        match resolved {
            Ok(id) => {
                let mut ids = picked.get_untracked();
                if ids.len() >= MAX_COMPARED && !ids.contains(&id) {
                    state.error(format!(
                        "At most {MAX_COMPARED} roles are compared at once; remove one first."
                    ));
                    return;
                }
                if ids.contains(&id) {
                    // Said, not silently ignored: a partial name may resolve to a
                    // role the table already has.
                    let name = state
                        .roles
                        .with_untracked(|r| {
                            r.resolve(&id)
                                .ok()
                                .and_then(|rr| r.get(rr).map(|x| x.name.clone()))
                        })
                        .unwrap_or_else(|| id.clone());
                    state.info(format!("“{name}” is in the comparison already."));
                    return;
                }
                ids.push(id);
                set_roles(ids);
                add.set(String::new());
                // An earlier refusal ("No role named …") is answered by this add:
                // it goes (an outside review saw it stay beside the new row).
                if state
                    .notice
                    .with_untracked(|n| n.as_ref().is_some_and(|n| n.error))
                {
                    state.notice.set(None);
                }
            }
            Err(e) => state.error(e),
        }
    };
    let body = move || {
        let Some(r) = result.get() else {
            return view! { <p class="muted" role="status" data-testid="compare-working">"Comparing…"</p> }.into_any();
        };
        let (c, names, errors, timelines, profiles, entra): &Result_ = &r.0;
        let errs = errors.clone();
        if names.len() < 2 {
            return view! {
                {(!errs.is_empty()).then(|| view! { <ul class="problems" role="alert" data-testid="compare-problems">{errs.iter().map(|e| view! { <li><Rich text=e.clone()/></li> }).collect_view()}</ul> })}
                <p class="empty" data-testid="compare-empty">{match names.first() {
                    // "Compare with…" on a role page opens the comparison with that
                    // role: it is named (an outside review saw only this line).
                    Some((name, _, _)) => format!("“{name}” is picked: add at least one more role to compare it with."),
                    None => "Pick at least two roles.".to_string(),
                }}</p>
            }
            .into_any();
        }
        let rows = names.iter().enumerate().map(|(i, (n, reference, page))| {
            let (total, cpc) = c.totals.get(i).copied().unwrap_or_default();
            let only = c.only_azure_count(i);
            let only_cpc = c.only_cloud_pc.get(i).map(Vec::len).unwrap_or(0);
            let intune = c.intune_totals.get(i).copied().unwrap_or_default();
            let only_intune = c.only_intune.get(i).map(Vec::len).unwrap_or(0);
            let ids: Vec<String> = names.iter().map(|(_, x, _)| x.clone()).filter(|x| x != reference).collect();
            view! {
                <tr data-testid="compare-row">
                    <th scope="row"><a href=role_href(page)>{n.clone()}</a></th>
                    <td>{num(total)}</td>
                    <td data-testid="compare-only">{num(only)}</td>
                    <td data-testid="compare-cloudpc">{num(cpc)}</td>
                    <td data-testid="compare-only-cloudpc">{num(only_cpc)}</td>
                    <td>{num(intune)}</td>
                    <td>{num(only_intune)}</td>
                    <td><button class="button button--quiet button--small" aria-label=format!("Remove {n}") on:click=move |_| set_roles(ids.clone())>"Remove"</button></td>
                </tr>
            }
        }).collect_view();
        let lists = names.iter().enumerate().map(|(i, (n, _, _))| {
            let items: Vec<usize> = c.only_ops.get(i).cloned().unwrap_or_default();
            let cpc: Vec<String> = c.only_cloud_pc.get(i).cloned().unwrap_or_default();
            let intune: Vec<String> = c.only_intune.get(i).cloned().unwrap_or_default();
            // Entra actions and actions newer than the catalog, as the pairs count them.
            let entra: Vec<String> = c.only_entra.get(i).cloned().unwrap_or_default();
            let outside: Vec<String> = c.only_not_in_catalog.get(i).cloned().unwrap_or_default();
            let count = items.len() + cpc.len() + intune.len() + entra.len() + outside.len();
            let conditional = conditional_note(c.only_conditional.get(i).map_or(&[][..], Vec::as_slice));
            view! {
                <details class="group" data-testid="only-list">
                    <summary>{format!("Only {n} grants ({})", num(count))}</summary>
                    {conditional.map(|t| view! { <p class="muted" data-testid="only-conditional"><Rich text=t/></p> })}
                    {(!cpc.is_empty()).then(|| view! { <ul class="patterns" data-testid="only-cloudpc">{cpc.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> })}
                    {(!intune.is_empty()).then(|| view! { <ul class="patterns">{intune.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> })}
                    {(!entra.is_empty()).then(|| view! { <ul class="patterns" data-testid="only-entra">{entra.into_iter().map(|p| view! { <li><code>{p}</code>" "<span class="muted">"Microsoft Entra"</span></li> }).collect_view()}</ul> })}
                    {(!outside.is_empty()).then(|| view! { <ul class="patterns" data-testid="only-not-in-catalog">{outside.into_iter().map(|p| view! { <li><code>{p}</code>" "<span class="muted">"not in the operations catalog"</span></li> }).collect_view()}</ul> })}
                    {(!items.is_empty()).then(|| view! { <VirtualList items=Signal::derive(move || items.clone()) label=format!("Only in {n}") row_height=56.0 row_class="row row--op" render=op_row()/> })}
                </details>
            }
        }).collect_view();
        let common = c.common_ops.clone();
        let common_n = common.len()
            + c.common_cloud_pc.len()
            + c.common_intune.len()
            + c.common_entra.as_ref().map_or(0, Vec::len)
            + c.common_not_in_catalog.len();
        let timelines = timelines.clone();
        // Built on click from the comparison shown.
        let summary = Callback::new(move |()| {
            result.with_untracked(|r| {
                r.as_ref()
                    .filter(|r| r.0 .1.len() >= 2)
                    .map(|r| summary_table(&r.0 .0, &r.0 .1))
            })
        });
        let operations = Callback::new(move |()| {
            result.with_untracked(|r| {
                r.as_ref()
                    .filter(|r| r.0 .1.len() >= 2)
                    .map(|r| operations_table(&r.0 .0, &r.0 .1))
            })
        });
        let labels: Vec<&str> = names.iter().map(|(n, _, _)| n.as_str()).collect();
        let summary_stem = file_stem(&[&["compare"], labels.as_slice()].concat());
        let operations_stem = file_stem(&[&["compare-operations"], labels.as_slice()].concat());
        view! {
            {(!errs.is_empty()).then(|| view! { <ul class="problems" role="alert" data-testid="compare-problems">{errs.iter().map(|e| view! { <li><Rich text=e.clone()/></li> }).collect_view()}</ul> })}
            <div class="table-wrap" tabindex="0"><table class="table" data-testid="compare-table">
                <thead><tr><th scope="col">"Role"</th><th scope="col">"Azure operations"</th><th scope="col">"Only this role"</th><th scope="col">"Cloud PC permissions"</th><th scope="col">"Only this role"</th><th scope="col">"Intune permissions"</th><th scope="col">"Only this role"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table></div>
            {w365_engine::compare::retired_caveat(c).map(|t| view! { <p class="muted" data-testid="compare-retired"><Rich text=t/></p> })}
            {entra.iter().map(|t| view! { <p class="muted" data-testid="compare-entra-subentity"><Rich text=t.clone()/></p> }).collect_view()}
            {outside_list(c)}
            <DownloadButtons label="the comparison table" stem=summary_stem table=summary testid="compare-summary"/>
            <Pairs pairs=c.pairs.clone()/>
            <RiskRow profiles=profiles.clone()/>
            <p class="summary" data-testid="compare-common">{format!("{} grant {} operations and permissions.", if names.len() == 2 { "Both" } else { "All of them" }, num(common_n))}</p>
            <DownloadButtons label="what only one role grants and what all grant" stem=operations_stem table=operations testid="compare-ops"/>
            {lists}
            {(!c.conditions_differ.is_empty()).then(|| view! {
                <p class="muted" data-testid="compare-conditions-differ"><Rich text=format!(
                    "Granted under conditions that differ, so in each role's own list and not granted by all: {}.",
                    listed(&c.conditions_differ)
                )/></p>
            })}
            <details class="group">
                <summary>{format!("Granted by all ({})", num(common_n))}</summary>
                {conditional_note(&c.common_conditional).map(|t| view! { <p class="muted" data-testid="common-conditional"><Rich text=t/></p> })}
                {(!common.is_empty()).then(|| view! { <VirtualList items=Signal::derive(move || common.clone()) label="Granted by all" row_height=56.0 row_class="row row--op" render=op_row()/> })}
            </details>
            {(!timelines.is_empty()).then(|| view! {
                <section aria-labelledby="timelines-title" data-testid="compare-timelines">
                    <h2 id="timelines-title">"Changes over time, and where the permission table disagrees"</h2>
                    {timelines.into_iter().map(|(t, id)| {
                        let name = t.role.clone();
                        let disagree = role_disagreements(&name);
                        view! {
                            <details class="group" open=true>
                                <summary>{name}</summary>
                                <RoleTimeline t=t role_id=id/>
                                {disagree}
                            </details>
                        }
                    }).collect_view()}
                </section>
            })}
        }
        .into_any()
    };
    view! {
        <section class="page">
            <h1>"Compare roles"</h1>
            <p class="lead">"Effective operations side by side. For ANCs created before 2023-11-26, Windows 365 held Network Contributor where it now holds the two Windows 365 network roles."</p>
            <div class="actions-bar">
                <button class="button button--quiet" data-testid="preset-migration" on:click=move |_| set_roles(vec![
                    "4d97b98b-1d4f-4787-a291-c67834d212e7".into(), "1f135831-5bbe-4924-9016-264044c00788".into(), "7eabc9a4-85f7-4f71-b8ab-75daaccc1033".into(),
                ])>"Network Contributor against the Windows 365 network roles"</button>
                <button class="button button--quiet" on:click=move |_| set_roles(vec![
                    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635".into(), "b24988ac-6180-42a0-ab88-20f7382dd24c".into(), "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9".into(),
                ])>"Owner, Contributor, User Access Administrator"</button>
                <button class="button button--quiet" on:click=move |_| set_roles(vec![
                    "b5c08161-a7af-481c-ace2-a20a69a48fb1".into(), "d40368cb-fbf4-4965-bbc1-f17b3a78e510".into(),
                ])>"Cloud PC Administrator against Cloud PC Reader"</button>
                <button class="button button--quiet" data-testid="preset-reader-then" on:click=move |_| set_roles(vec![
                    "d40368cb-fbf4-4965-bbc1-f17b3a78e510".into(), "Cloud PC Reader@2023-05-18".into(),
                ])>"Cloud PC Reader today against itself on 2023-05-18"</button>
            </div>
            // A form, so Enter in the box adds the role as the button does.
            <form class="add-role" on:submit=move |ev| { ev.prevent_default(); add_role(); }>
                <RolePicker value=add label="Add a role (or a built-in Cloud PC or Intune role on a date: Cloud PC Reader@2023-05-18)" id="compare-add" testid="compare-add"/>
                <button class="button" type="submit" data-testid="compare-add-button">"Add"</button>
            </form>
            {body}
        </section>
    }
}

/// At most ten names in code, then how many more.
fn listed(names: &[String]) -> String {
    crate::dom::first_and_more(names, 10, |n| format!("`{n}`"))
}

/// Which of a list's Azure operations are granted only under a condition (an ABAC
/// condition the offline tool cannot decide): a conditional grant is its own grant
/// in a comparison, as `w365-perms compare` counts it.
fn conditional_note(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| {
        format!(
            "Of these, {} {} granted only under a condition, which cannot be decided offline: {}.",
            crate::dom::count(names.len(), "operation", "operations"),
            if names.len() == 1 { "is" } else { "are" },
            listed(names)
        )
    })
}

/// The exact actions outside the operations catalog the roles grant (compared by
/// name): which role alone grants which, and which all grant.
fn outside_list(c: &Comparison) -> Option<impl IntoView> {
    w365_engine::compare::outside_caveat(c)?;
    let per_role: Vec<String> = c
        .roles
        .iter()
        .zip(&c.only_not_in_catalog)
        .filter(|(_, v)| !v.is_empty())
        .map(|(r, v)| format!("only {r}: {}", listed(v)))
        .chain(
            (!c.common_not_in_catalog.is_empty())
                .then(|| format!("all: {}", listed(&c.common_not_in_catalog))),
        )
        .collect();
    Some(view! {
        <p class="muted" data-testid="compare-not-in-catalog">
            <Rich text=format!("Not in the operations catalog (a role names them, the providers' lists do not), compared by name as an evaluation matches them, and counted above: {}.", per_role.join("; "))/>
        </p>
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use w365_engine::roleset::RoleSet;

    #[test]
    fn the_compare_tables_hold_what_the_view_lists() {
        let set = RoleSet::new(cat(), Vec::new());
        let ids = [
            "4d97b98b-1d4f-4787-a291-c67834d212e7",
            "1f135831-5bbe-4924-9016-264044c00788",
        ];
        let mut names = Vec::new();
        let mut ex = Vec::new();
        for id in ids {
            let r = set.resolve(id).expect("built-in");
            let role = set.get(r).expect("role");
            names.push((role.name.clone(), role.id.clone(), role.id.clone()));
            ex.push(set.expansion(r).expect("expansion"));
        }
        let labels: Vec<String> = names.iter().map(|(n, _, _)| n.clone()).collect();
        let c = w365_engine::compare::compare(cat(), &labels, &ex);
        let summary = summary_table(&c, &names);
        assert_eq!(summary.len(), 2);
        assert!(summary.to_csv().starts_with(
            "role,reference,azure_operations,only_this_role_azure,cloud_pc_permissions,only_this_role_cloud_pc,intune_permissions,only_this_role_intune\r\nNetwork Contributor,4d97b98b-1d4f-4787-a291-c67834d212e7,"
        ));
        let ops = operations_table(&c, &names);
        let shown: usize = c.only_ops.iter().map(Vec::len).sum::<usize>()
            + c.only_cloud_pc.iter().map(Vec::len).sum::<usize>()
            + c.only_intune.iter().map(Vec::len).sum::<usize>()
            + c.common_ops.len()
            + c.common_cloud_pc.len()
            + c.common_intune.len();
        assert_eq!(ops.len(), shown);
        let csv = ops.to_csv();
        assert!(csv.starts_with("granted_by,plane,name,description\r\n"));
        assert!(
            csv.contains("\r\nall,Azure action,Microsoft.Network/networkInterfaces/join/action,")
        );
    }
}
