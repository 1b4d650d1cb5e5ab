//! What a Cloud PC built-in role was modelled as before Graph's observed list
//! replaced it, and the published samples, where they differ from what Graph
//! returns; and where the seed's permission table disagrees with the role.

use crate::state::disagreements;
use leptos::prelude::*;
use w365_engine::observed::EvidenceReport;

fn list(items: &[String]) -> impl IntoView {
    view! { <ul class="patterns">{items.iter().map(|a| view! { <li><code>{a.clone()}</code></li> }).collect_view()}</ul> }
}

/// The earlier model and the samples against the observed list.
#[component]
pub fn RoleEvidence(
    /// What the engine found.
    e: EvidenceReport,
) -> impl IntoView {
    view! {
        <div class="evidence" data-testid="evidence">
            <p>{format!(
                "Graph returned {} for {} (captured until {}). The earlier model gave it {} ({}).",
                crate::dom::count(e.observed, "action", "actions"), e.role, e.observed_until, crate::dom::count(e.modelled, "permission", "permissions"), e.derivation
            )}</p>
            {(!e.modelled_only.is_empty()).then(|| view! {
                <h3>{format!("In the earlier model, not returned by Graph ({})", e.modelled_only.len())}</h3>
                {list(&e.modelled_only)}
            })}
            {(!e.observed_only.is_empty()).then(|| view! {
                <h3>{format!("Returned by Graph, not in the earlier model ({})", e.observed_only.len())}</h3>
                {list(&e.observed_only)}
            })}
            {e.samples.iter().map(|s| view! {
                <p>{format!("Published sample ({}): {}", s.source, crate::dom::count(s.actions, "action", "actions"))}
                    {if s.not_observed.is_empty() { "; all returned by Graph today.".to_string() } else { format!("; {} no longer returned by Graph:", s.not_observed.len()) }}
                </p>
                {(!s.not_observed.is_empty()).then(|| list(&s.not_observed))}
            }).collect_view()}
        </div>
    }
}

/// Where the seed's custom-role table disagrees with this built-in role: actions it
/// holds that have no row in the table, and actions that are not reads inside a
/// reader role, with the date each was added.
pub fn role_disagreements(role: &str) -> Option<impl IntoView> {
    let d = disagreements();
    let unlisted: Vec<(String, String)> = d
        .unlisted
        .iter()
        .filter_map(|u| {
            u.roles
                .iter()
                .find(|h| h.role == role)
                .map(|h| (u.action.clone(), h.since.clone()))
        })
        .collect();
    let unread: Vec<(String, String, String)> = d
        .unread
        .iter()
        .filter(|u| u.role == role)
        .map(|u| (u.action.clone(), u.since.clone(), u.description.clone()))
        .collect();
    // The heading's id names the role: compare shows several of these on one page.
    let title_id = format!(
        "disagree-{}",
        role.to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let labelled_by = title_id.clone();
    (!unlisted.is_empty() || !unread.is_empty()).then(|| {
        view! {
            <section aria-labelledby=labelled_by data-testid="role-disagreements" data-role=role.to_string()>
                <h2 id=title_id>"Where the permission table disagrees"</h2>
                <p class="muted">{format!("The seed's table ({}, {}) against what Graph returned until {}.", d.table_source, d.table_date, d.observed_until)}</p>
                <ul>
                    {unlisted.into_iter().map(|(a, since)| view! {
                        <li><code>{a}</code>{format!(": held since {since}, but the table has no row for it")}</li>
                    }).collect_view()}
                    {unread.into_iter().map(|(a, since, desc)| view! {
                        <li><code>{a}</code>{format!(": not a read, inside a reader role since {since}")}
                            {(!desc.is_empty()).then(|| view! { <span class="muted">{format!(" (the table: “{desc}”)")}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                <p><a href="#/about?at=disagreements">"Every disagreement"</a></p>
            </section>
        }
    })
}
