//! A built-in Cloud PC or Intune role's dated changes, as Microsoft Graph returned
//! them: the first capture, then each date with what was added and removed and the
//! size after; each earlier version one click from a comparison with today's.

use crate::route::encode;
use leptos::prelude::*;
use w365_engine::observed::Timeline;

/// Names in a summary line: each without its namespace (`CloudPCs/Read`, never a
/// bare `Read` that several permissions share), the first few and how many more.
fn names(list: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut out = list
        .iter()
        .take(SHOWN)
        .map(|a| short(a))
        .collect::<Vec<_>>()
        .join(", ");
    if list.len() > SHOWN {
        out.push_str(&format!(" and {} more", list.len() - SHOWN));
    }
    out
}

fn short(a: &str) -> &str {
    a.split_once('/').map_or(a, |(_, rest)| rest)
}

/// The timeline. `role_id` names today's role in the compare links.
#[component]
pub fn RoleTimeline(
    /// What the engine recorded.
    t: Timeline,
    /// Today's role (id or name) for "compare with this version".
    #[prop(into)]
    role_id: String,
) -> impl IntoView {
    let verb = match t.current_count.cmp(&t.first_count) {
        std::cmp::Ordering::Greater => "grew",
        std::cmp::Ordering::Less => "shrank",
        std::cmp::Ordering::Equal => "changed",
    };
    let first = t
        .entries
        .first()
        .map(|e| e.date.clone())
        .unwrap_or_default();
    let last = t.entries.last().map(|e| e.date.clone()).unwrap_or_default();
    let summary = format!(
        "{} {verb} from {} to {} in {} ({first} to {last}); Graph captured until {}.",
        t.role,
        crate::dom::num(t.first_count),
        crate::dom::count(t.current_count, "action", "actions"),
        crate::dom::count(t.changes, "dated change", "dated changes"),
        t.captured_until
    );
    let n = t.entries.len();
    let rows = t
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let compare = (i + 1 < n).then(|| {
                format!(
                    "#/compare?roles={},{}",
                    encode(&role_id),
                    encode(&format!("{}@{}", t.role, e.date))
                )
            });
            let added = e.added.clone();
            let removed = e.removed.clone();
            let detail = !e.first && (added.len() + removed.len()) > 0;
            view! {
                <tr data-testid="timeline-entry" data-date=e.date.clone()>
                    <th scope="row">{e.date.clone()}</th>
                    <td class="timeline__delta">
                        {if e.first {
                            view! { <span>{format!("first capture: {}", crate::dom::count(e.added.len(), "action", "actions"))}</span> }.into_any()
                        } else {
                            view! {
                                {(!added.is_empty()).then(|| view! { <ins>{format!("+{}", added.len())}</ins>" " })}
                                {(!removed.is_empty()).then(|| view! { <del>{format!("−{}", removed.len())}</del> })}
                            }.into_any()
                        }}
                        {detail.then(|| view! {
                            <details class="timeline__detail">
                                <summary>{format!("{}{}", if added.is_empty() { String::new() } else { format!("added {}", names(&added)) }, if removed.is_empty() { String::new() } else { format!("{}removed {}", if added.is_empty() { "" } else { "; " }, names(&removed)) })}</summary>
                                <ul class="patterns">
                                    {added.iter().map(|a| view! { <li><ins>{format!("+ {}", short(a))}</ins></li> }).collect_view()}
                                    {removed.iter().map(|a| view! { <li><del>{format!("− {}", short(a))}</del></li> }).collect_view()}
                                </ul>
                            </details>
                        })}
                    </td>
                    <td data-testid="timeline-count">{e.count}</td>
                    <td>{compare.map(|href| view! { <a href=href data-testid="timeline-compare">"Compare with today"</a> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="timeline" data-testid="timeline">
            <p class="summary" data-testid="timeline-summary">{summary}</p>
            <div class="table-wrap" tabindex="0">
                <table class="table">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Change"</th><th scope="col">"Actions after"</th><th scope="col"><span class="visually-hidden">"Compare"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted">{t.source.clone()}</p>
        </div>
    }
}
