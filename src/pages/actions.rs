//! The Azure operations catalog: all 22,520 operations searchable as you type, and
//! for each the roles that grant it, smallest first, with the pattern that does.

use crate::components::virtual_list::VirtualList;
use crate::dom::{count, num};
use crate::pages::roles::role_href;
use crate::route::{encode, use_router};
use crate::state::{cat, use_state, Shared};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::reverse::who_grants;
use w365_engine::search;

/// The actions view.
#[component]
pub fn ActionsPage() -> impl IntoView {
    let router = use_router();
    let state = use_state();
    let q = router.param("q");
    let plane = router.param("plane");
    let selected = router.param("op");
    let hits = Memo::new(move |_| {
        let data = match plane.get().as_str() {
            "control" => Some(false),
            "data" => Some(true),
            _ => None,
        };
        Shared(Arc::new(search::operations(cat(), &q.get(), data)))
    });
    let items = Signal::derive(move || hits.with(|h| h.to_vec()));
    let render: crate::components::virtual_list::RowFn = Callback::new(move |i: usize| {
        let ops = &cat().operations;
        let name = ops.name(i).to_string();
        let data = ops.is_data(i);
        // Reactive: a row kept while the query changes links with the current query.
        let op_param = format!("{}{}", encode(&name), if data { "&data=1" } else { "" });
        let href = move || format!("#/actions?q={}&op={op_param}", encode(&q.get()));
        view! {
            <div class="row row--op" role="listitem" data-testid="op-row">
                <div class="row__main">
                    <a class="row__title" href=href><code>{name.clone()}</code></a>
                    {data.then(|| view! { <span class="tag tag--data">"data action"</span> })}
                </div>
                <div class="row__sub row__desc">{ops.description(i).into_owned()}</div>
            </div>
        }
        .into_any()
    });
    let detail = move || {
        let name = selected.get();
        if name.is_empty() {
            return None;
        }
        let data = router.route.with(|r| r.param("data") == Some("1"));
        let c = cat();
        let op = c
            .operations
            .find(&name, data)
            .or_else(|| c.operations.find(&name, !data));
        let grants = state
            .roles
            .with(|r| who_grants(r, &name, op.is_some_and(|i| c.operations.is_data(i))));
        Some(view! {
            <aside class="detail" aria-labelledby="op-title" data-testid="op-detail">
                <h2 id="op-title"><code>{name.clone()}</code></h2>
                {op.map(|i| view! {
                    <p>{c.operations.description(i).into_owned()}</p>
                    <p class="muted">
                        {if c.operations.is_data(i) { "Data action" } else { "Control-plane action" }}
                        {c.operations.provider(i).map(|p| format!(" · {}{}", p.name, p.category.as_ref().map(|x| format!(" ({x})")).unwrap_or_default()))}
                    </p>
                })}
                <h3>{format!("{} roles grant it", num(grants.len()))}</h3>
                <ol class="grants" data-testid="op-grants">
                    {grants.into_iter().take(200).map(|g| view! {
                        <li>
                            <a href=role_href(&g.id)>{g.role.clone()}</a>
                            <span class="muted">{format!(" · {} · through {}{}{}", count(g.size, "operation", "operations"), g.patterns.join(", "), if g.through_wildcard { " (wildcard)" } else { "" }, if g.conditional { ", under a condition" } else { "" })}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </aside>
        })
    };
    view! {
        <section class="page">
            <h1>"Azure actions"</h1>
            <p class="lead">"The Azure resource-provider operations catalog. Choose an operation to see every role that grants it, the least privileged first."</p>
            <div class="filters">
                <label class="field field--grow">
                    <span>{format!("Search {} operations", num(cat().operations.len()))}</span>
                    <input
                        type="search"
                        data-testid="ops-search"
                        placeholder="e.g. networkInterfaces join, or listKeys"
                        prop:value=move || q.get()
                        on:input=move |ev| router.replace("q", &event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>"Plane"</span>
                    <select data-testid="ops-plane" prop:value=move || plane.get() on:change=move |ev| router.replace("plane", &event_target_value(&ev))>
                        <option value="">"Actions and data actions"</option>
                        <option value="control">"Actions (control plane)"</option>
                        <option value="data">"Data actions"</option>
                    </select>
                </label>
            </div>
            <p class="summary" role="status" data-testid="ops-count">{move || count(hits.with(|h| h.len()), "operation", "operations")}</p>
            <div class="split">
                <div class="split__main">
                    {move || hits.with(|h| h.is_empty()).then(|| view! { <p class="empty">"No operation matches."</p> })}
                    <VirtualList items=items label="Operations" row_height=56.0 render=render testid="ops-list"/>
                </div>
                {detail}
            </div>
        </section>
    }
}
