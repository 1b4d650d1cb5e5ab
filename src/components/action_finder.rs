//! Find Azure operations in the catalog and add them to a role being composed.

use crate::dom::num;
use crate::state::cat;
use leptos::prelude::*;
use w365_engine::search;

/// Called with an operation name and whether it is a data action.
pub type OnAdd = Callback<(String, bool)>;

const SHOWN: usize = 40;

/// A search box over the operations catalog with an Add button per result.
#[component]
pub fn ActionFinder(
    /// Adds an operation.
    on_add: OnAdd,
) -> impl IntoView {
    let q = RwSignal::new(String::new());
    // None until the query has two characters; then the match count and the first few.
    let searcher = StoredValue::new(search::OperationSearch::new());
    let hits = Memo::new(move |_| {
        let text = q.get();
        (text.trim().len() >= 2).then(|| {
            let all = searcher
                .try_update_value(|s| s.run(cat(), &text, None))
                .unwrap_or_default();
            (all.len(), all.into_iter().take(SHOWN).collect::<Vec<_>>())
        })
    });
    view! {
        <section class="finder" aria-labelledby="finder-title" data-testid="action-finder">
            <h3 id="finder-title">"Find actions in the catalog"</h3>
            <label class="field">
                <span>{format!("Search {} operations", num(cat().operations.len()))}</span>
                <input type="search" data-testid="finder-search" placeholder="e.g. virtualNetworks subnets join"
                    prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            </label>
            {move || {
                let Some((total, list)) = hits.get() else {
                    return view! { <p class="muted">"Type at least two characters."</p> }.into_any();
                };
                let ops = &cat().operations;
                view! {
                    <p class="muted" role="status">{if total > SHOWN { format!("{} matches; the first {SHOWN}:", num(total)) } else { crate::dom::count(total, "match", "matches") }}</p>
                    <ul class="finder__list">
                        {list.into_iter().map(|i| {
                            let name = ops.name(i).to_string();
                            let data = ops.is_data(i);
                            let n2 = name.clone();
                            let label = format!("Add {name}");
                            view! {
                                <li>
                                    <button class="button button--small" aria-label=label data-testid="finder-add" on:click=move |_| on_add.run((n2.clone(), data))>"Add"</button>
                                    " "
                                    <code>{name}</code>
                                    {data.then(|| view! { <span class="tag tag--data">"data action"</span> })}
                                    <span class="finder__desc muted">{ops.description(i).into_owned()}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
