//! The administrators × objects grid of the scope-tag view: each cell hidden,
//! visible or actionable, with its rules (inferred ones marked) and the device
//! record mismatch flagged; a cell opens its explanation.

use crate::components::show_more::ShowMore;
use crate::components::visibility_detail::{access_label, rule_chip};
use crate::scenario::type_label;
use crate::state::Shared;
use leptos::prelude::*;
use w365_engine::scopetags::{Access, Grid};

/// Objects (columns) drawn before "Show more".
const COLUMNS: usize = 20;

/// The grid. `selected` is (administrator, object) by position.
#[component]
pub fn ScopeGrid(
    /// What the engine decided.
    grid: Signal<Shared<Grid>>,
    /// Object types by column (JSON names).
    kinds: Signal<Vec<String>>,
    /// The cell shown below the grid.
    selected: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    // Objects are drawn COLUMNS at a time: 25 administrators × 2,000 objects would
    // be 50,000 buttons; the counts on each row are over every object.
    let shown = RwSignal::new(COLUMNS);
    move || {
        let g = grid.get();
        let kinds = kinds.get();
        let limit = shown.get();
        if g.admins.is_empty() || g.objects.is_empty() {
            return view! { <p class="empty" data-testid="grid-empty">"Add at least one administrator and one object to see the grid."</p> }.into_any();
        }
        let head = g
            .objects
            .iter()
            .take(limit)
            .enumerate()
            .map(|(j, id)| {
                let kind = kinds.get(j).map(|k| type_label(k).to_string()).unwrap_or_default();
                view! { <th scope="col"><span class="grid__obj">{id.clone()}</span><span class="muted grid__type">{kind}</span></th> }
            })
            .collect_view();
        let rows = g
            .admins
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let counts = g.counts(i);
                let cells = g.cells.get(i).map(|row| row.iter().take(limit).cloned().collect::<Vec<_>>()).unwrap_or_default().into_iter().enumerate().map(|(j, v)| {
                    let access = access_label(v.access);
                    let label = format!(
                        "{name} and {}: {access}{}{}",
                        v.id,
                        if v.inferred { ", rests on an inferred rule" } else { "" },
                        if v.mismatch.is_some() { ", device record mismatch" } else { "" }
                    );
                    let mark = match v.access {
                        Access::Hidden => "–",
                        Access::Unknown => "?",
                        Access::NotListable => "⊘",
                        Access::Visible => "◐",
                        Access::Actionable => "●",
                    };
                    let rules = v.rules.clone();
                    view! {
                        <td class=format!("grid__cell grid__cell--{access}")>
                            <button class="cellbtn" aria-label=label data-testid="grid-cell" data-admin=name.clone() data-object=v.id.clone() data-access=access
                                aria-pressed=move || if selected.get() == Some((i, j)) { "true" } else { "false" }
                                on:click=move |_| selected.set(if selected.get_untracked() == Some((i, j)) { None } else { Some((i, j)) })>
                                <span class="cellbtn__access" aria-hidden="true">{mark}" "{access}</span>
                                <span class="cellbtn__rules" aria-hidden="true">{rules.iter().map(|r| rule_chip(r)).collect_view()}</span>
                                {v.mismatch.is_some().then(|| view! { <span class="cellbtn__warn" aria-hidden="true">"⚠ device record"</span> })}
                            </button>
                        </td>
                    }
                }).collect_view();
                view! {
                    <tr data-testid="grid-row" data-admin=name.clone()>
                        <th scope="row">{name.clone()}<span class="muted grid__counts">{format!(
                            "{} actionable · {} visible · {}{}{} hidden",
                            counts.actionable,
                            counts.visible,
                            if counts.not_listable > 0 { format!("{} not listable · ", counts.not_listable) } else { String::new() },
                            if counts.unknown > 0 { format!("{} unknown · ", counts.unknown) } else { String::new() },
                            counts.hidden
                        )}</span></th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Who sees what: administrators by objects">
                <table class="table grid" data-testid="scope-grid">
                    <thead><tr><th scope="col">"Administrator"</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ShowMore total=g.objects.len() shown=shown page=COLUMNS noun=" objects" testid="grid-more"/>
        }
        .into_any()
    }
}
