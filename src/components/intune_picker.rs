//! Choose Intune permissions: the 200 `Microsoft.Intune/*` actions the built-in
//! Intune roles have held, grouped by resource, with a filter box and select-all
//! per group (of what the filter shows).

use crate::state::cat;
use leptos::prelude::*;
use w365_engine::search::words;

/// Called with the new list of Graph resource actions.
pub type OnChange = Callback<Vec<String>>;

/// The permissions shown for a filter: (resource, catalog indexes), in catalog order.
fn shown(filter: &str) -> Vec<(String, Vec<usize>)> {
    let ws = words(filter);
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, p) in cat().intune.permissions.iter().enumerate() {
        let name = p.graph.to_ascii_lowercase();
        if !ws.iter().all(|w| name.contains(w.as_str())) {
            continue;
        }
        match out.iter_mut().find(|(r, _)| *r == p.resource) {
            Some((_, v)) => v.push(i),
            None => out.push((p.resource.clone(), vec![i])),
        }
    }
    out
}

/// The Intune permission picker.
#[component]
pub fn IntunePicker(
    /// Graph names held.
    selected: Signal<Vec<String>>,
    /// Apply a change.
    on_change: OnChange,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let groups = Memo::new(move |_| filter.with(|f| shown(f)));
    let has = move |graph: &str| selected.with(|s| s.iter().any(|x| x.eq_ignore_ascii_case(graph)));
    let toggle = move |graphs: Vec<String>, on: bool| {
        let mut s = selected.get_untracked();
        for g in graphs {
            s.retain(|x| !x.eq_ignore_ascii_case(&g));
            if on {
                s.push(g);
            }
        }
        on_change.run(s);
    };
    let total = cat().intune.len();
    view! {
        <div class="cpicker" data-testid="intune-picker">
            <label class="field">
                <span>"Filter Intune permissions"</span>
                <input type="search" data-testid="intune-filter" placeholder="e.g. remote tasks sync" prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))/>
            </label>
            <p class="muted" role="status" data-testid="intune-shown">{move || {
                let n: usize = groups.with(|g| g.iter().map(|(_, v)| v.len()).sum());
                let held = selected.with(Vec::len);
                format!("Showing {n} of {total} Intune permissions; {held} chosen.")
            }}</p>
            <For each=move || groups.get() key=|g| g.clone() let:g>
                {
                    let (resource, idx) = g;
                    let perms = &cat().intune.permissions;
                    let all: Vec<String> = idx.iter().filter_map(|&i| perms.get(i)).map(|p| p.graph.clone()).collect();
                    let (a2, a3) = (all.clone(), all.clone());
                    view! {
                        <fieldset class="cpicker__group" data-group=resource.clone()>
                            <legend>
                                <label>
                                    <input type="checkbox" data-testid=format!("intune-all-{resource}")
                                        prop:checked=move || a2.iter().all(|g| has(g))
                                        prop:indeterminate=move || { let n = a3.iter().filter(|g| has(g)).count(); n > 0 && n < a3.len() }
                                        on:change=move |ev| toggle(all.clone(), event_target_checked(&ev))/>
                                    {format!(" {resource}")}
                                </label>
                            </legend>
                            <ul>
                                {idx.iter().filter_map(|&i| perms.get(i)).map(|p| {
                                    let g = p.graph.clone();
                                    let g2 = g.clone();
                                    view! {
                                        <li>
                                            <label class="cpicker__perm">
                                                <input type="checkbox" data-perm=p.graph.clone() prop:checked=move || has(&g2)
                                                    on:change=move |ev| toggle(vec![g.clone()], event_target_checked(&ev))/>
                                                <span class="cpicker__name">{p.short().to_string()}</span>
                                                {(!p.current).then(|| view! { <span class="tag tag--quiet">"only in an earlier version of a built-in role"</span> })}
                                            </label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </fieldset>
                    }
                }
            </For>
            {move || groups.with(Vec::is_empty).then(|| view! { <p class="empty">"No Intune permission matches the filter."</p> })}
        </div>
    }
}
