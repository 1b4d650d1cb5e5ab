//! Remote actions on Cloud PCs and the permission(s) each needs in which plane
//! (Cloud PC, Intune, either or both), documented or inferred, with whether the
//! assignments in play hold them: what `remote::check` answered (an action that is
//! also an operation, such as resize, with that operation's verdict and the
//! sources' disagreement).

use crate::components::status::StatusBadge;
use crate::state::cat;
use leptos::prelude::*;
use w365_engine::remote::{Needs, RemoteStatus};

fn needs_label(n: Needs) -> &'static str {
    match n {
        Needs::CloudPc => "a Cloud PC permission",
        Needs::Intune => "an Intune permission",
        Needs::Either => "either plane's permission",
        Needs::Both => "both planes' permissions",
    }
}

/// The remote actions table.
#[component]
pub fn RemoteActions(
    /// The statuses, in the bundled order.
    statuses: Signal<Vec<RemoteStatus>>,
) -> impl IntoView {
    let doc = |id: &str| {
        cat()
            .windows365
            .document(id)
            .map(|d| format!("{} ({})", d.title, d.date))
            .unwrap_or_else(|| id.to_string())
    };
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="table remote" data-testid="remote-actions">
                <thead><tr><th scope="col">"Remote action"</th><th scope="col">"Status"</th><th scope="col">"Needs"</th><th scope="col">"Permissions, by plane"</th></tr></thead>
                <tbody>
                    {move || statuses.get().into_iter().map(|s| {
                        let inferred = s.action.basis == "inferred";
                        // The action's `says` is the app's account of its sources, their words
                        // in quotation marks within it.
                        let source = format!("{}: {}", doc(&s.action.source), s.action.says);
                        view! {
                            <tr data-testid="remote-action" data-action=s.action.id.clone() data-status=s.status.as_str()>
                                <th scope="row">{s.action.name.clone()}</th>
                                <td><StatusBadge status=s.status/></td>
                                <td>{needs_label(s.action.needs)}
                                    " " {if inferred { view! { <span class="tag tag--inferred">"inferred"</span> }.into_any() } else { view! { <span class="tag">"documented"</span> }.into_any() }}
                                </td>
                                <td>
                                    <ul class="patterns">
                                        {s.permissions.iter().map(|p| view! {
                                            <li>
                                                <span class="tag">{p.plane.label()}</span>" "
                                                <code>{p.permission.clone()}</code>
                                                {if p.held || p.conditional {
                                                    let through = if p.granted_by.is_empty() { String::new() } else { format!(" through {}", p.granted_by.join(", ")) };
                                                    if p.held { format!(" ✓ held{through}") } else { format!(" ? held only under a condition{through}") }
                                                } else { " ✗ not held".to_string() }}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    {s.conflicts.iter().map(|c| view! {
                                        <p class="remote__conflict" data-testid="remote-conflict">
                                            {format!("Sources disagree on {}: ", c.topic)}
                                            {c.positions.iter().map(|p| format!("{} per {}", p.status.as_str(), doc(&p.source))).collect::<Vec<_>>().join("; ")}
                                        </p>
                                    }).collect_view()}
                                    <span class="muted remote__source">{source}</span>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
