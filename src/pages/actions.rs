//! The Azure operations catalog: all 22,520 operations searchable as you type, and
//! for each the roles that grant it, least privileged first, with the pattern that does.

use crate::components::download_buttons::DownloadButtons;
use crate::components::virtual_list::VirtualList;
use crate::dom::{count, num};
use crate::pages::roles::role_href;
use crate::route::{encode, use_router};
use crate::state::{cat, use_state, Shared};
use crate::table_export::{file_stem, Table};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::catalog::OperationCatalog;
use w365_engine::reverse::{who_grants, Grant};
use w365_engine::search;

/// Operations (catalog indexes) with the columns the list and its detail show.
pub fn operations_table(ops: &OperationCatalog, list: &[usize]) -> Table {
    let mut t = Table::new([
        "operation",
        "data_action",
        "provider",
        "provider_category",
        "description",
    ]);
    for &i in list {
        let provider = ops.provider(i);
        t.push(vec![
            ops.name(i).into(),
            ops.is_data(i).into(),
            provider.map_or("", |p| p.name.as_str()).into(),
            provider
                .and_then(|p| p.category.as_deref())
                .unwrap_or("")
                .into(),
            ops.description(i).into_owned().into(),
        ]);
    }
    t
}

/// The inside of an operation's row in a list: its name (a link to its detail when
/// `link`), a tag when it is a data action, its description. Every text is escaped.
pub fn op_row_html(ops: &OperationCatalog, i: usize, link: bool) -> String {
    use w365_engine::text::escape_html as esc;
    let name = esc(ops.name(i));
    let data = ops.is_data(i);
    let title = if link {
        format!(
            r#"<a class="row__title" href="{href}" data-op="{name}"{flag}><code>{name}</code></a>"#,
            href = esc(&format!(
                "#/actions?op={}{}",
                encode(ops.name(i)),
                if data { "&data=1" } else { "" }
            )),
            flag = if data { " data-data" } else { "" },
        )
    } else {
        format!("<code>{name}</code>")
    };
    let tag = if data {
        r#"<span class="tag tag--data">data action</span>"#
    } else {
        ""
    };
    format!(
        r#"<div class="row__main">{title}{tag}</div><div class="row__sub row__desc">{}</div>"#,
        esc(&ops.description(i))
    )
}

/// The roles that grant an operation, least privileged first, every one of them.
pub fn grants_table(grants: &[Grant]) -> Table {
    let mut t = Table::new([
        "role",
        "id",
        "plane",
        "builtin",
        "operations",
        "patterns",
        "through_wildcard",
        "conditional",
    ]);
    for g in grants {
        t.push(vec![
            g.role.as_str().into(),
            g.id.as_str().into(),
            g.plane.label().into(),
            g.builtin.into(),
            g.size.into(),
            g.patterns.join("; ").into(),
            g.through_wildcard.into(),
            g.conditional.into(),
        ]);
    }
    t
}

/// The actions view.
#[component]
pub fn ActionsPage() -> impl IntoView {
    let router = use_router();
    let state = use_state();
    let q = router.param("q");
    let plane = router.param("plane");
    let selected = router.param("op");
    // Remembers recent queries: a keystroke searches within the last answer, and a
    // backspace finds its answer kept.
    let searcher = StoredValue::new(search::OperationSearch::new());
    let hits = Memo::new(move |_| {
        let data = match plane.get().as_str() {
            "control" => Some(false),
            "data" => Some(true),
            _ => None,
        };
        let query = q.get();
        let found = searcher
            .try_update_value(|s| s.run(cat(), &query, data))
            .unwrap_or_default();
        Shared(Arc::new(found))
    });
    let items = Memo::new(move |_| hits.with(|h| h.to_vec()));
    // A row is one element whose content is set as HTML (see `op_row_html`); its
    // link names the operation alone, and a plain click keeps the search.
    let render: crate::components::virtual_list::RowHtml =
        Callback::new(move |(_, i): (usize, usize)| op_row_html(&cat().operations, i, true));
    let open_keeping_search = move |ev: web_sys::MouseEvent| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|e| e.closest("a[data-op]").ok().flatten())
        else {
            return;
        };
        let Some(name) = link.get_attribute("data-op") else {
            return;
        };
        ev.prevent_default();
        let data = if link.has_attribute("data-data") {
            "1"
        } else {
            ""
        };
        router.push(
            router
                .route
                .get_untracked()
                .with("op", &name)
                .with("data", data),
        );
    };
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
        let is_data = op.is_some_and(|i| c.operations.is_data(i));
        let grants = state.roles.with(|r| who_grants(r, &name, is_data));
        let grants_stem = file_stem(&["action-grants", &name]);
        let title = name.clone();
        let grant_rows = Callback::new(move |()| {
            Some(
                state
                    .roles
                    .with_untracked(|r| grants_table(&who_grants(r, &name, is_data))),
            )
        });
        Some(view! {
            <aside class="detail" aria-labelledby="op-title" data-testid="op-detail">
                <h2 id="op-title"><code>{title}</code></h2>
                {op.map(|i| view! {
                    <p>{c.operations.description(i).into_owned()}</p>
                    <p class="muted">
                        {if c.operations.is_data(i) { "Data action" } else { "Control-plane action" }}
                        {c.operations.provider(i).map(|p| format!(" · {}{}", p.name, p.category.as_ref().map(|x| format!(" ({x})")).unwrap_or_default()))}
                    </p>
                })}
                <h3>{format!("{} {}", count(grants.len(), "role grants", "roles grant"), "it")}</h3>
                <DownloadButtons label="the roles that grant it" stem=grants_stem table=grant_rows testid="op-grants"/>
                <p class="muted" data-testid="op-grants-order">"Least privileged first: roles without a high or critical risk note before roles with one, each group by size; roles meant for a service's own identity (not for people) last."</p>
                <ol class="grants" data-testid="op-grants">
                    {grants.into_iter().take(200).map(|g| view! {
                        <li>
                            <a href=role_href(&g.id)>{g.role.clone()}</a>
                            <span class="muted">{format!(" · {} · through {}{}{}", count(g.size, "operation", "operations"), g.patterns.join(", "), if g.through_wildcard { " (wildcard)" } else { "" }, if g.conditional { ", under a condition" } else { "" })}{(!g.assignable_only_at.is_empty()).then(|| format!(" · assignable only at {}", g.assignable_only_at.join(", ")))}{g.service_role.then_some(" · for a service's own identity, not for people")}</span>
                        </li>
                    }).collect_view()}
                </ol>
            </aside>
        })
    };
    // Every operation the search keeps (the list renders only what is in view).
    let table = Callback::new(move |()| {
        Some(hits.with_untracked(|h| operations_table(&cat().operations, h)))
    });
    let stem = Signal::derive(move || file_stem(&["actions", &plane.get(), &q.get()]));
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
                        on:input=move |ev| router.type_in("q", &event_target_value(&ev))
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
            <p class="summary" role="status" data-testid="ops-count">{move || {
                let n = count(hits.with(|h| h.len()), "operation", "operations");
                if let Some(p) = w365_engine::search::as_pattern(&q.get()) {
                    return format!("{n} matched by the pattern {} (as Azure matches a pattern in a role's actions or data actions)", p.as_str());
                }
                match w365_engine::search::words_left_out(&q.get()) {
                    0 => n,
                    left => format!("{n} (the first {} words searched, {} more left out)", w365_engine::search::MAX_WORDS, num(left)),
                }
            }}</p>
            <DownloadButtons label="the operations shown" stem=stem table=table testid="ops"/>
            <div class="split">
                <div class="split__main" on:click=open_keeping_search>
                    {move || hits.with(|h| h.is_empty()).then(|| view! { <p class="empty">"No operation matches."</p> })}
                    <VirtualList items=items label="Operations" row_height=56.0 row_class="row row--op" render=render testid="ops-list" row_testid="op-row"/>
                </div>
                {detail}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use w365_engine::roleset::RoleSet;

    #[test]
    fn the_operations_table_has_every_match() {
        let hits = search::operations(cat(), "listkeys", None);
        assert!(hits.len() > 50, "{}", hits.len());
        let t = operations_table(&cat().operations, &hits);
        assert_eq!(t.len(), hits.len());
        let csv = t.to_csv();
        assert!(csv.starts_with("operation,data_action,provider,provider_category,description\r\n"));
        // The catalog spells it `listkeys`, as the provider publishes it.
        assert!(csv.contains(
            "\r\nMicrosoft.Storage/storageAccounts/listkeys/action,false,Microsoft.Storage,storage,Returns the access keys for the specified storage account.\r\n"
        ));
    }

    #[test]
    fn the_grants_table_lists_every_role_with_its_patterns() {
        let set = RoleSet::new(cat(), Vec::new());
        let grants = who_grants(
            &set,
            "Microsoft.Storage/storageAccounts/listKeys/action",
            false,
        );
        let t = grants_table(&grants);
        assert_eq!(t.len(), grants.len());
        let rows: serde_json::Value = serde_json::from_str(&t.to_json()).expect("json");
        let owner = rows
            .as_array()
            .and_then(|a| a.iter().find(|r| r["role"] == "Owner"))
            .expect("Owner grants it");
        assert_eq!(owner["patterns"], "*");
        assert_eq!(owner["through_wildcard"], true);
        assert_eq!(owner["builtin"], true);
    }
}
