//! The roles list: every bundled and custom role, searchable as you type by name,
//! id, description, or by an action it grants (through a wildcard or not).

use crate::components::download_buttons::DownloadButtons;
use crate::components::virtual_list::VirtualList;
use crate::dom::{count, num};
use crate::route::{encode, use_router};
use crate::state::{cat, use_state, Shared};
use crate::table_export::{file_stem, Cell, Table};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::containment::{related, Direction};
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::search::{self, looks_like_action, RoleFilter, RoleHit};
use w365_engine::{Plane, Role};

/// Where custom roles' list keys start (built-in roles are keyed by index below it).
const CUSTOM_KEYS: usize = 1 << 20;

/// A list key for a role that stays the same while the role exists: built-in roles
/// by index, custom ones by their id (so deleting one does not re-key the others).
pub fn role_key(set: &RoleSet<'_>, r: RoleRef) -> usize {
    match r {
        RoleRef::Builtin(i) => i,
        RoleRef::Custom(_) => {
            let id = set.get(r).map(|x| x.id.as_str()).unwrap_or_default();
            // FNV-1a, folded into the custom key range.
            let h = id.bytes().fold(0x811c_9dc5u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
            CUSTOM_KEYS + (h as usize % (usize::MAX - CUSTOM_KEYS))
        }
    }
}

/// The characters of a description (or match) a row shows at most.
const ROW_TEXT: usize = 1_000;

/// The inside of a role's row in the list (and in the prerendered first screen):
/// its name linking to its page, its kind and category, its size once known, and
/// how it matched the query or else its description. Every text is escaped.
pub fn row_html(role: &Role, count: Option<&str>, via: Option<&str>) -> String {
    use w365_engine::text::escape_html as esc;
    let category = role
        .category
        .as_deref()
        .map(|c| {
            format!(
                r#"<span class="tag tag--quiet">{}</span>"#,
                esc(search::category_label(c))
            )
        })
        .unwrap_or_default();
    let (class, sub) = match via {
        Some(v) => ("row__via", v),
        None => ("row__desc", role.description.as_str()),
    };
    // A row shows one line: a description of megabytes is clipped, not laid out.
    let sub = w365_engine::text::clip(sub, ROW_TEXT);
    format!(
        concat!(
            r#"<div class="row__main"><a class="row__title" href="{href}">{name}</a>"#,
            r#"<span class="tag">{kind}</span>{category}<span class="row__count muted">{count}</span></div>"#,
            r#"<div class="row__sub"><span class="{class}">{sub}</span></div>"#,
        ),
        href = esc(&role_href(&role.id)),
        name = esc(&w365_engine::text::clip(&role.name, ROW_TEXT)),
        kind = esc(role.kind.label()),
        category = category,
        count = esc(count.unwrap_or("")),
        class = class,
        sub = esc(&sub),
    )
}

/// The roles view's lead: before the example action, the action, after it (also in
/// the prerendered first screen, [`crate::prerender`]).
pub const ROLES_LEAD: (&str, &str, &str) = (
    "Every Azure built-in role, the Cloud PC and Entra roles that reach Cloud PCs, and your own. Type a name, or an action such as ",
    "Microsoft.Network/networkInterfaces/join/action",
    " to see which roles grant it and through which pattern.",
);

/// The link to a role's page.
pub fn role_href(id: &str) -> String {
    format!("#/roles/{}", encode(id))
}

/// A role's size as the list shows it: Azure operations (conditional included),
/// or Cloud PC, Intune and Entra permissions; `None` until the built-in sizes are
/// computed.
fn role_size(set: &RoleSet<'_>, r: RoleRef, builtin: Option<&[usize]>) -> Option<usize> {
    // An Entra role's own directory permissions count too (a second site review:
    // Groups Administrator showed "0 permissions"), as the role page counts them:
    // the directory lines that stand for Cloud PC or Intune permissions
    // (`microsoft.cloudPC/allEntities/...`) are those permissions, not one more (an
    // outside review: Windows 365 Administrator 140 here, 112 + 27 on its page).
    // A built-in role's expansion is read only once the sizes are there, which
    // means every built-in role is expanded: asked before, it would expand them all
    // while the first rows are drawn.
    match r {
        RoleRef::Builtin(i) => builtin.and_then(|v| v.get(i).copied()).map(|n| {
            n + set
                .get(r)
                .filter(|x| x.plane() == Plane::Entra)
                .and_then(|_| set.expansion(r))
                .map_or(0, |e| e.entra.len())
        }),
        RoleRef::Custom(_) => set.expansion(r).map(|e| {
            e.granted.count()
                + e.conditional.count()
                + e.cloud_pc.count()
                + e.intune.count()
                + e.entra.len()
        }),
    }
}

/// `query` with each word no role name holds replaced by the closest word that
/// role names hold (a few letters off), when that finds roles; `None` otherwise,
/// or for an action.
fn respelt(set: &RoleSet<'_>, query: &str, filter: &RoleFilter) -> Option<String> {
    if looks_like_action(query) || query.len() > 200 {
        return None;
    }
    let mut words: Vec<String> = set
        .all()
        .flat_map(|(_, r)| {
            r.name
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    let mut changed = false;
    let fixed: Vec<String> = query
        .split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            if words.iter().any(|x| x.contains(&lower)) {
                return lower;
            }
            match w365_engine::fuzzy::closest(&lower, words.iter().map(String::as_str)) {
                Some(near) => {
                    changed = true;
                    near.to_string()
                }
                None => lower,
            }
        })
        .collect();
    let better = fixed.join(" ");
    (changed && !search::roles(set, &better, filter).is_empty()).then_some(better)
}

/// The unit of a role's size: Azure operations, or the permissions of its plane.
fn size_unit(plane: Plane, n: usize) -> &'static str {
    match (plane, n == 1) {
        (Plane::Azure, true) => "operation",
        (Plane::Azure, false) => "operations",
        (Plane::CloudPc, true) => "Cloud PC permission",
        (Plane::CloudPc, false) => "Cloud PC permissions",
        (Plane::Intune, true) => "Intune permission",
        (Plane::Intune, false) => "Intune permissions",
        (Plane::Entra, true) => "permission",
        (Plane::Entra, false) => "permissions",
    }
}

/// How a role matched a query naming an action or permissions: what it holds (the
/// first `limit` names), or the patterns that grant the action. `None` when the
/// query matched the name, id or description.
fn via_text(hit: &RoleHit, limit: usize) -> Option<String> {
    if !hit.holds.is_empty() {
        let n = hit.holds.len();
        let shown: Vec<&str> = hit.holds.iter().take(limit).map(String::as_str).collect();
        let more = if n > limit {
            format!(" and {} more", n - limit)
        } else {
            String::new()
        };
        return Some(format!("holds {}{more}", shown.join(", ")));
    }
    hit.grant.as_ref().map(|g| {
        let wild = if g.through_wildcard {
            " (wildcard)"
        } else {
            ""
        };
        let cond = if g.conditional {
            ", under a condition"
        } else {
            ""
        };
        format!("grants it through {}{wild}{cond}", g.patterns.join(", "))
    })
}

/// The roles a search shows, every one of them, with the list's columns.
pub fn roles_table<'a>(
    set: &RoleSet<'_>,
    hits: impl IntoIterator<Item = &'a RoleHit>,
    builtin: Option<&[usize]>,
) -> Table {
    let mut t = Table::new([
        "name",
        "id",
        "type",
        "plane",
        "category",
        "size",
        "size_unit",
        "match",
        "description",
    ]);
    for h in hits {
        let Some(role) = set.get(h.role) else {
            continue;
        };
        let size = role_size(set, h.role, builtin);
        let plane = role.plane();
        t.push(vec![
            role.name.as_str().into(),
            role.id.as_str().into(),
            role.kind.label().into(),
            plane.label().into(),
            role.category.as_deref().unwrap_or("").into(),
            size.map_or(Cell::Text(String::new()), Cell::Count),
            size.map_or("", |n| size_unit(plane, n)).into(),
            via_text(h, usize::MAX).unwrap_or_default().into(),
            role.description.as_str().into(),
        ]);
    }
    t
}

/// The roles view.
#[component]
pub fn RolesPage() -> impl IntoView {
    let router = use_router();
    let state = use_state();
    let q = router.param("q");
    let plane = router.param("plane");
    let category = router.param("category");
    let origin = router.param("origin");
    let filter = Memo::new(move |_| RoleFilter {
        plane: Plane::parse(&plane.get()),
        category: Some(category.get()).filter(|c| !c.is_empty()),
        builtin: match origin.get().as_str() {
            "builtin" => Some(true),
            "custom" => Some(false),
            _ => None,
        },
    });
    let rel = router.param("rel");
    let of = router.param("of");
    // The containment filter: the roles that contain, or are contained in, a chosen role.
    let relation = Memo::new(move |_| {
        let dir = match rel.get().as_str() {
            "contains" => Direction::Contains,
            "within" => Direction::ContainedIn,
            _ => return None,
        };
        let chosen = of.get();
        state.roles.with(|set| {
            let r = set.resolve(&chosen).ok()?;
            let name = set.get(r)?.name.clone();
            Some((name, dir, Shared(Arc::new(related(set, r, dir)))))
        })
    });
    // Remembers recent queries: a keystroke searches within the last answer, and a
    // backspace finds its answer kept (a new role set forgets them).
    let searcher = StoredValue::new(search::RoleSearch::new());
    let hits = Memo::new(move |_| {
        let f = filter.get();
        let query = q.get();
        let keep = relation.get();
        state.roles.with(|set| {
            let found = searcher
                .try_update_value(|s| s.run(set, &query, &f))
                .unwrap_or_default();
            Shared(Arc::new(
                found
                    .iter()
                    .filter(|h| {
                        keep.as_ref()
                            .is_none_or(|(_, _, list)| list.contains(&h.role))
                    })
                    .map(|h| (role_key(set, h.role), h.clone()))
                    .collect::<Vec<_>>(),
            ))
        })
    });
    let items = Memo::new(move |_| hits.with(|h| h.iter().map(|(k, _)| *k).collect::<Vec<_>>()));
    // Sizes need every built-in role expanded: do that after the first rows paint.
    let sizes = RwSignal::new(cat().builtin_sizes_if_ready().map(|s| Arc::new(s.to_vec())));
    if sizes.with_untracked(Option::is_none) {
        // A few roles per task, so typing meanwhile is answered at once.
        request_animation_frame(move || {
            crate::expand_builtins_then(move || {
                sizes.try_set(Some(Arc::new(cat().builtin_sizes().to_vec())));
            });
        });
    }
    // A row's content is set as HTML (the same markup as the prerendered first
    // screen): a keystroke that changes every row in view parses one string per row,
    // instead of building a dozen nodes and their reactive parts through the
    // framework. The row at a position is the hit at that position.
    let render: crate::components::virtual_list::RowHtml =
        Callback::new(move |(pos, k): (usize, usize)| {
            let roles = state.roles.get_untracked();
            hits.with(|h| {
                let (_, hit) = h
                    .get(pos)
                    .filter(|(key, _)| *key == k)
                    .or_else(|| h.iter().find(|(key, _)| *key == k))?;
                let role = roles.get(hit.role)?;
                let count = sizes
                    .with(|s| role_size(&roles, hit.role, s.as_deref().map(Vec::as_slice)))
                    .map(|n| format!("{} {}", num(n), size_unit(role.plane(), n)));
                Some(row_html(
                    role,
                    count.as_deref(),
                    via_text(hit, 4).as_deref(),
                ))
            })
            .unwrap_or_default()
        });
    let categories = search::categories(cat());
    // Every role the filters keep (not only the rendered rows), built on click.
    let table = Callback::new(move |()| {
        let sizes = Some(cat().builtin_sizes());
        Some(hits.with_untracked(|h| {
            state
                .roles
                .with_untracked(|set| roles_table(set, h.iter().map(|(_, x)| x), sizes))
        }))
    });
    let stem = Signal::derive(move || file_stem(&["roles", &plane.get(), &q.get()]));
    view! {
        <section class="page">
            <h1>"Roles"</h1>
            <p class="lead">{ROLES_LEAD.0}<code>{ROLES_LEAD.1}</code>{ROLES_LEAD.2}</p>
            <div class="filters">
                <label class="field field--grow">
                    <span>"Search roles"</span>
                    <input
                        type="search"
                        data-testid="roles-search"
                        placeholder="Name, id, description or action"
                        prop:value=move || q.get()
                        on:input=move |ev| router.type_in("q", &event_target_value(&ev))
                    />
                </label>
                <label class="field">
                    <span>"Plane"</span>
                    <select data-testid="roles-plane" prop:value=move || plane.get() on:change=move |ev| router.replace("plane", &event_target_value(&ev))>
                        <option value="">"All planes"</option>
                        <option value="azure">"Azure"</option>
                        <option value="cloudPc">"Cloud PC"</option>
                        <option value="entra">"Microsoft Entra"</option>
                        <option value="intune">"Intune"</option>
                    </select>
                </label>
                <label class="field">
                    <span>"Category"</span>
                    <select data-testid="roles-category" prop:value=move || category.get() on:change=move |ev| router.replace("category", &event_target_value(&ev))>
                        <option value="">"All categories"</option>
                        {categories.into_iter().map(|c| view! { <option value=c.clone()>{search::category_label(&c).to_string()}</option> }).collect_view()}
                        <option value="none">"Not in the docs"</option>
                    </select>
                </label>
                <label class="field">
                    <span>"Origin"</span>
                    <select data-testid="roles-origin" prop:value=move || origin.get() on:change=move |ev| router.replace("origin", &event_target_value(&ev))>
                        <option value="">"Built-in and custom"</option>
                        <option value="builtin">"Built-in"</option>
                        <option value="custom">"Custom"</option>
                    </select>
                </label>
            </div>
            {move || relation.get().map(|(name, dir, _)| view! {
                <p class="banner" data-testid="roles-related">
                    {match dir { Direction::Contains => format!("Only roles that grant everything {name} grants. "), Direction::ContainedIn => format!("Only roles whose every grant {name} also grants. ") }}
                    <a href="#/roles" on:click=move |ev| { ev.prevent_default(); router.replace("rel", ""); router.replace("of", ""); }>"Show all roles"</a>
                </p>
            })}
            <p class="summary" role="status" data-testid="roles-count">
                {move || {
                    let n = hits.with(|h| h.len());
                    let query = q.get();
                    if looks_like_action(&query) {
                        format!("{} {} {}", count(n, "role", "roles"), if n == 1 { "grants" } else { "grant" }, query.trim())
                    } else {
                        count(n, "role", "roles")
                    }
                }}
            </p>
            <DownloadButtons label="the roles shown" stem=stem table=table testid="roles"/>
            {move || hits.with(|h| h.is_empty()).then(|| {
                // A query whose misspelt words, put right, finds roles: offered (an
                // outside review: "clod pc admin" found nothing and said no more).
                let query = q.get_untracked();
                let better = state.roles.with_untracked(|set| respelt(set, &query, &filter.get_untracked()));
                view! {
                    <p class="empty" data-testid="roles-empty">
                        "No role matches. Clear a filter or check the spelling."
                        {better.map(|b| {
                            let go = b.clone();
                            view! { " Did you mean " <a href=format!("#/roles?q={}", encode(&b)) data-testid="roles-respelt" on:click=move |ev| { ev.prevent_default(); router.replace("q", &go); }>{format!("“{b}”")}</a>"?" }
                        })}
                    </p>
                }
            })}
            <VirtualList items=items label="Roles" row_height=64.0 row_class="row" render=render testid="roles-list" row_testid="role-row"/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roles_table_has_every_hit_with_the_list_columns() {
        let set = RoleSet::new(cat(), Vec::new());
        let hits = search::roles(&set, "Cloud PC", &RoleFilter::default());
        assert!(hits.len() > 2);
        let t = roles_table(&set, &hits, Some(cat().builtin_sizes()));
        assert_eq!(t.len(), hits.len());
        let csv = t.to_csv();
        assert!(csv.starts_with("name,id,type,plane,category,size,size_unit,match,description\r\n"));
        assert!(csv.contains(
            "\r\nCloud PC Reader,d40368cb-fbf4-4965-bbc1-f17b3a78e510,Cloud PC built-in role,Cloud PC,"
        ));
    }

    #[test]
    fn an_action_query_says_how_each_role_grants_it() {
        let set = RoleSet::new(cat(), Vec::new());
        let q = "Microsoft.Network/networkInterfaces/join/action";
        let hits = search::roles(&set, q, &RoleFilter::default());
        let t = roles_table(&set, &hits, None);
        let rows: serde_json::Value = serde_json::from_str(&t.to_json()).expect("json");
        let nc = rows
            .as_array()
            .and_then(|a| a.iter().find(|r| r["name"] == "Network Contributor"))
            .expect("Network Contributor grants it");
        assert_eq!(
            nc["match"],
            "grants it through Microsoft.Network/* (wildcard)"
        );
        // Sizes not computed yet: empty, not zero.
        assert_eq!(nc["size"], "");
    }

    #[test]
    fn a_row_escapes_every_text_of_a_supplied_role() {
        let mut role = cat().roles[0].clone();
        role.name = r#"<img src=x onerror="alert(1)">"#.into();
        role.id = r#"x" onmouseover="alert(2)"#.into();
        role.description = "a & b <script>".into();
        role.category = Some("<b>".into());
        let html = row_html(&role, Some("3 <operations>"), None);
        for raw in ["<img", "<script", "<b>", r#"" onmouseover"#, "<operations>"] {
            assert!(!html.contains(raw), "{raw} unescaped in {html}");
        }
        assert!(html.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"));
        assert!(html.contains(r#"<span class="row__desc">a &amp; b &lt;script&gt;</span>"#));
        let via = row_html(&role, None, Some("holds <x>"));
        assert!(via.contains(r#"<span class="row__via">holds &lt;x&gt;</span>"#));
    }

    #[test]
    fn held_names_are_capped_in_the_list_only() {
        let hit = RoleHit {
            role: RoleRef::Builtin(0),
            grant: None,
            holds: (1..=6).map(|i| format!("p{i}")).collect(),
        };
        assert_eq!(
            via_text(&hit, 4).as_deref(),
            Some("holds p1, p2, p3, p4 and 2 more")
        );
        assert_eq!(
            via_text(&hit, usize::MAX).as_deref(),
            Some("holds p1, p2, p3, p4, p5, p6")
        );
    }
}
