//! Choose Cloud PC permissions, grouped by resource, with descriptions, notes and
//! select-all per group. Where the permission table and the built-in roles as Graph
//! returned them disagree, the permission says so with the dates.

use crate::state::{cat, disagreements};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::windows365::CloudPcPermission;

/// Called with the new list of Graph resource actions.
pub type OnChange = Callback<Vec<String>>;

/// What the filter reads of a permission: its admin-center and Graph names, its
/// summary, and the words the admin center uses for it ("restart" for a reboot).
fn filter_text(p: &CloudPcPermission) -> String {
    let also = if p.name.to_ascii_lowercase().contains("reboot") {
        " restart"
    } else {
        ""
    };
    format!("{} {} {}{also}", p.name, p.graph, p.summary).to_lowercase()
}

fn groups() -> Vec<(String, Vec<CloudPcPermission>)> {
    let mut out: Vec<(String, Vec<CloudPcPermission>)> = Vec::new();
    for p in cat().windows365.current_permissions() {
        match out.iter_mut().find(|(r, _)| *r == p.resource) {
            Some((_, v)) => v.push(p.clone()),
            None => out.push((p.resource.clone(), vec![p.clone()])),
        }
    }
    out
}

/// The lines of a list that read as patterns (only those with a `*` when
/// `wildcards_only`).
fn parsed(
    list: Signal<Vec<String>>,
    wildcards_only: bool,
) -> Memo<Vec<w365_engine::pattern::ActionPattern>> {
    Memo::new(move |_| {
        list.with(|s| {
            s.iter()
                .filter(|x| !wildcards_only || x.contains('*'))
                .filter_map(|x| w365_engine::pattern::ActionPattern::new(x).ok())
                .collect()
        })
    })
}

/// The first of `patterns` that matches a permission's Graph name, as written.
fn first_match(
    patterns: Memo<Vec<w365_engine::pattern::ActionPattern>>,
    graph: &str,
) -> Option<String> {
    let lower = graph.to_ascii_lowercase();
    patterns.with(|x| {
        x.iter()
            .find(|p| p.matches_lower(&lower))
            .map(|p| p.as_str().to_string())
    })
}

/// A button that removes one line from a list of the role's.
#[component]
fn RemoveLine(
    list: Signal<Vec<String>>,
    line: String,
    on_change: OnChange,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <button type="button" class="button button--quiet button--small" data-testid=testid
            on:click=move |_| {
                let mut s = list.get_untracked();
                s.retain(|x| x != &line);
                on_change.run(s);
            }>"Remove"</button>
    }
}

/// The permission picker.
#[component]
pub fn CloudPcPicker(
    /// Graph names held.
    selected: Signal<Vec<String>>,
    /// The role's exclusions (`excludedResourceActions`): what they match is not
    /// held, whatever grants it.
    excluded: Signal<Vec<String>>,
    /// Apply a change.
    on_change: OnChange,
    /// Apply a change of the exclusions.
    on_exclusions: OnChange,
) -> impl IntoView {
    let has = move |graph: &str| selected.with(|s| s.iter().any(|x| x.eq_ignore_ascii_case(graph)));
    // The exclusions, and the exclusion that takes a permission back, if one does.
    let exclusions = parsed(excluded, false);
    let excluded_by = move |graph: &str| first_match(exclusions, graph);
    // The role's wildcard lines (`CloudPCs/*`): what they grant shows as held, and
    // each can be removed or replaced by the exact names it matches.
    let wildcards = parsed(selected, true);
    let via = move |graph: &str| first_match(wildcards, graph);
    let held =
        move |graph: &str| (has(graph) || via(graph).is_some()) && excluded_by(graph).is_none();
    let matched_by = move |pattern: &str| -> Vec<String> {
        let line: Option<w365_engine::pattern::ActionPattern> =
            w365_engine::pattern::ActionPattern::new(pattern).ok();
        cat()
            .windows365
            .current_permissions()
            .filter(|p| {
                line.as_ref()
                    .is_some_and(|x| x.matches_lower(&p.graph.to_ascii_lowercase()))
            })
            .map(|p| p.graph.clone())
            .collect()
    };
    let toggle = {
        Arc::new(move |graphs: Vec<String>, on: bool| {
            let mut s = selected.get_untracked();
            for g in graphs {
                s.retain(|x| !x.eq_ignore_ascii_case(&g));
                if on {
                    s.push(g);
                }
            }
            on_change.run(s);
        })
    };
    // Filter by name or description; a group with no match is hidden.
    let filter = RwSignal::new(String::new());
    let words = Memo::new(move |_| w365_engine::search::words(&filter.get()));
    let shows = move |text: &str| words.with(|ws| ws.iter().all(|w| text.contains(w.as_str())));
    // Said when the filter leaves nothing (review J2 L2).
    let every_text: Vec<String> = groups()
        .iter()
        .flat_map(|(_, v)| v.iter().map(filter_text))
        .collect();
    let none_shown =
        move || words.with(|ws| !ws.is_empty()) && !every_text.iter().any(|t| shows(t));
    let total = cat().windows365.permission_count();
    let d = disagreements();
    let table_only = move |graph: &str| {
        d.table_only
            .iter()
            .find(|t| t.graph.eq_ignore_ascii_case(graph))
            .map(|t| {
                let model = if t.modelled_in.is_empty() {
                    String::new()
                } else {
                    format!("; the earlier model gave it to {}", t.modelled_in.join(", "))
                };
                format!(
                    "In the permission table ({}), but in no built-in role as Graph returned them until {}{model}.",
                    d.table_date, d.observed_until
                )
            })
    };
    let unread = move |graph: &str| {
        d.unread
            .iter()
            .filter(|u| u.action.eq_ignore_ascii_case(graph))
            .map(|u| format!("Not a read, yet in {} since {}.", u.role, u.since))
            .collect::<Vec<_>>()
    };
    let unlisted: Vec<String> = d
        .unlisted
        .iter()
        .map(|u| {
            let held: Vec<String> = u
                .roles
                .iter()
                .map(|h| format!("{} since {}", h.role, h.since))
                .collect();
            format!("{} ({})", u.action, held.join(", "))
        })
        .collect();
    view! {
        <div class="cpicker" data-testid="cloudpc-picker">
            <label class="field">
                <span>{format!("Filter the {total} permissions")}</span>
                <input type="search" data-testid="cloudpc-filter" placeholder="e.g. reboot, provisioning, snapshot" prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            </label>
            {move || none_shown().then(|| view! {
                <p class="muted" role="status" data-testid="cloudpc-filter-none">{format!("No permission matches “{}”.", filter.get().trim())}</p>
            })}
            {move || {
                let lines: Vec<String> = wildcards.with(|w| w.iter().map(|p| p.as_str().to_string()).collect());
                (!lines.is_empty()).then(|| view! {
                    <div class="cpicker__wildcards" data-testid="picker-wildcards">
                        <p>"This role grants through wildcards, which also cover permissions added later; the permissions they match show as held below."</p>
                        <ul>
                            {lines.into_iter().map(|line| {
                                let matched = matched_by(&line);
                                let n = matched.len();
                                let (l1, l2) = (line.clone(), line.clone());
                                view! {
                                    <li data-testid="picker-wildcard">
                                        <code>{line.clone()}</code>
                                        {format!(" matches {n} permission{} ", if n == 1 { "" } else { "s" })}
                                        <button type="button" class="button button--small" data-testid="wildcard-expand"
                                            on:click=move |_| {
                                                let mut s = selected.get_untracked();
                                                s.retain(|x| x != &l1);
                                                for g in &matched {
                                                    if !s.iter().any(|x| x.eq_ignore_ascii_case(g)) {
                                                        s.push(g.clone());
                                                    }
                                                }
                                                on_change.run(s);
                                            }>"Replace by its permissions"</button>
                                        " "
                                        <RemoveLine list=selected line=l2 on_change=on_change testid="wildcard-remove"/>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            {move || {
                let lines = excluded.get();
                (!lines.is_empty()).then(|| view! {
                    <div class="cpicker__wildcards" data-testid="picker-exclusions">
                        <p>"This role excludes permissions ("<code>"excludedResourceActions"</code>"): what they match is not held, whatever grants it. Remove an exclusion to grant what it matches."</p>
                        <ul>
                            {lines.into_iter().map(|line| view! {
                                <li data-testid="picker-exclusion">
                                    <code>{line.clone()}</code>" "
                                    <RemoveLine list=excluded line=line on_change=on_exclusions testid="exclusion-remove"/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <p class="muted cpicker__hint">"Most admins also need "<code>"CloudPCs/Read"</code>": without it the Cloud PCs cannot be listed, so the other Cloud PCs actions cannot be reached from the admin center."</p>
            {(!unlisted.is_empty()).then(|| view! {
                <details class="group" data-testid="picker-unlisted">
                    <summary>{if unlisted.len() == 1 { "1 action the built-in roles hold has no row in the table".to_string() } else { format!("{} actions the built-in roles hold have no row in the table", crate::dom::num(unlisted.len())) }}</summary>
                    <ul class="patterns">{unlisted.into_iter().map(|u| view! { <li><code>{u}</code></li> }).collect_view()}</ul>
                    <p class="muted">{format!("As Graph returned the built-in roles until {}; the table ({}) does not list them.", d.observed_until, d.table_date)}</p>
                </details>
            })}
            {groups().into_iter().map(|(resource, perms)| {
                let group_text: Vec<String> = perms.iter().map(filter_text).collect();
                let every: Vec<(String, String)> = perms.iter().map(|p| (p.graph.clone(), filter_text(p))).collect();
                let group_shown = move || group_text.iter().any(|t| shows(t));
                // Under a filter, the group's box covers the permissions shown only
                // (an outside review: ticking it beside the one row "reboot" showed
                // added the 25 hidden ones, Deprovision and ChangeUserAccountType
                // among them, without a word).
                let filtering = move || words.with(|ws| !ws.is_empty());
                let all = StoredValue::new(every);
                let shown_of = move || -> Vec<String> {
                    all.with_value(|v| v.iter().filter(|(_, t)| shows(t)).map(|(g, _)| g.clone()).collect())
                };
                let n_all = all.with_value(Vec::len);
                let t_all = toggle.clone();
                let gid = format!("grp-{}", resource.replace([' ', '(', ')'], "-"));
                let gid_shown = format!("select-shown-{gid}");
                view! {
                    <fieldset class="cpicker__group" data-group=resource.clone() class:hidden=move || !group_shown()>
                        <legend>
                            <label>
                                <input
                                    type="checkbox"
                                    data-testid=format!("select-all-{gid}")
                                    prop:checked=move || { let v = shown_of(); !v.is_empty() && v.iter().all(|g| held(g)) }
                                    prop:indeterminate=move || { let v = shown_of(); let n = v.iter().filter(|g| held(g)).count(); n > 0 && n < v.len() }
                                    on:change=move |ev| t_all(shown_of(), event_target_checked(&ev))
                                />
                                {format!(" {resource}")}
                                {move || {
                                    let n = shown_of().len();
                                    (filtering() && n < n_all).then(|| view! {
                                        <span class="muted" data-testid=gid_shown.clone()>{format!(" (the {n} shown of {n_all})")}</span>
                                    })
                                }}
                            </label>
                        </legend>
                        <ul>
                            {perms.into_iter().map(|p| {
                                let g = p.graph.clone();
                                let g2 = g.clone();
                                let g3 = g.clone();
                                let g4 = g.clone();
                                let g5 = g.clone();
                                let t = toggle.clone();
                                let sens = cat().windows365.sensitivity(&p.graph).map(|s| s.severity.clone());
                                let notes: Vec<String> = p.notes.iter().map(|n| n.text.clone()).collect();
                                let text = filter_text(&p);
                                let only = table_only(&p.graph);
                                let unread = unread(&p.graph);
                                // The checkbox is named by the permission alone and
                                // described by its sentence: the whole label (notes,
                                // disagreements) made names of up to 622 characters
                                // (an outside review).
                                let slug: String = p.name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
                                let (name_id, desc_id) = (format!("cpp-name-{slug}"), format!("cpp-desc-{slug}"));
                                view! {
                                    <li class:hidden=move || !shows(&text)>
                                        <label class="cpicker__perm">
                                            <input type="checkbox" data-perm=p.name.clone()
                                                aria-labelledby=name_id.clone() aria-describedby=desc_id.clone()
                                                prop:checked=move || held(&g2)
                                                prop:disabled=move || excluded_by(&g3).is_some() || (!has(&g3) && via(&g3).is_some())
                                                on:change=move |ev| t(vec![g.clone()], event_target_checked(&ev))
                                            />
                                            <span class="cpicker__name" id=name_id>{p.name.clone()}</span>
                                            {move || excluded_by(&g5).map(|x| view! { <span class="tag tag--quiet" data-testid="picker-excluded" title="Taken back by this exclusion: remove it above to grant the permission">{format!("excluded by {x}")}</span> })}
                                            {move || (!has(&g4)).then(|| via(&g4)).flatten().map(|w| view! { <span class="tag tag--quiet" data-testid="picker-via" title="Held through this wildcard line: replace it by its permissions to untick one">{format!("via {w}")}</span> })}
                                            {sens.filter(|s| s != "unknown").map(|s| view! { <span class=format!("tag tag--risk-{s}") title="How sensitive the permission is (inferred from the documentation)">{format!("risk: {s} (inferred)")}</span> })}
                                            <span class="cpicker__desc" id=desc_id>{p.summary.clone()}</span>
                                            {notes.into_iter().map(|n| view! { <span class="cpicker__note">{n}</span> }).collect_view()}
                                            {only.map(|t| view! { <span class="cpicker__disagree" data-testid="picker-table-only"><span class="tag tag--quiet">"in no built-in role"</span>" "{t}</span> })}
                                            {unread.into_iter().map(|t| view! { <span class="cpicker__disagree"><span class="tag tag--quiet">"not a read"</span>" "{t}</span> }).collect_view()}
                                        </label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </fieldset>
                }
            }).collect_view()}
        </div>
    }
}
