//! Effective operations grouped by provider and resource type, data plane apart,
//! with descriptions and counts. Groups are drawn as escaped HTML, and a group's
//! rows only when it is first opened.

use crate::components::show_more::ShowMore;
use crate::dom::{count, num};
use crate::state::cat;
use leptos::prelude::*;
use std::fmt::Write as _;
use w365_engine::bitset::BitSet;
use w365_engine::group::{group, ProviderGroup, Verb};
use w365_engine::search::words;
use w365_engine::text::escape_html as esc;
use wasm_bindgen::JsCast;

/// An operation's row: its verb, name and description, escaped.
fn row_html(out: &mut String, i: usize) {
    let ops = &cat().operations;
    let name = ops.name(i);
    let verb = Verb::of(name).label();
    let _ = write!(
        out,
        r#"<li class="op"><span class="op__verb op__verb--{verb}">{verb}</span><code class="op__name">{}</code><span class="op__desc">{}</span></li>"#,
        esc(name),
        esc(&ops.description(i))
    );
}

/// An opened group's content: its resource types, each with its operations.
fn body_html(g: &ProviderGroup) -> String {
    let mut out = String::new();
    for t in g.types(cat()) {
        let label = if t.resource_type.is_empty() {
            "(provider)".to_string()
        } else {
            esc(&t.resource_type)
        };
        let _ = write!(
            out,
            r#"<div class="group__type"><h4 class="group__type-name">{label}<span class="muted"> {}</span></h4><ul class="ops">"#,
            t.ops.len()
        );
        for &i in &t.ops {
            row_html(&mut out, i);
        }
        out.push_str("</ul></div>");
    }
    out
}

/// A provider's group, closed unless `open`: its summary, and its content only
/// when open (a closed group is filled when first opened, see `PlaneGroups`).
fn group_html(out: &mut String, g: &ProviderGroup, index: usize, open: bool) {
    let [r, w, d, a] = g.verbs;
    let _ = write!(
        out,
        r#"<details class="group" data-g="{index}"{}><summary class="group__summary"><span class="group__name">{} ({}: {} read, {} write, {} delete, {} action)</span>"#,
        if open { " open data-filled" } else { "" },
        esc(&g.provider),
        num(g.total),
        num(r),
        num(w),
        num(d),
        num(a)
    );
    if let Some(c) = &g.category {
        let _ = write!(out, r#"<span class="tag">{}</span>"#, esc(c));
    }
    out.push_str("</summary>");
    if open {
        out.push_str(&body_html(g));
    }
    out.push_str("</details>");
}

/// The groups `from..to` as one piece of HTML.
fn groups_html(groups: &[ProviderGroup], from: usize, to: usize, open: bool) -> String {
    let mut out = String::new();
    for (i, g) in groups.iter().enumerate().take(to).skip(from) {
        group_html(&mut out, g, i, open);
    }
    out
}

/// Fills a group opened for the first time with its operations.
fn fill_opened(ev: &web_sys::Event, groups: &[ProviderGroup]) {
    let Some(details) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    else {
        return;
    };
    if !details.open() || details.has_attribute("data-filled") {
        return;
    }
    let Some(g) = details
        .get_attribute("data-g")
        .and_then(|i| i.parse::<usize>().ok())
        .and_then(|i| groups.get(i))
    else {
        return;
    };
    let _ = details.set_attribute("data-filled", "");
    let _ = details.insert_adjacent_html("beforeend", &body_html(g));
}

/// How many providers a plane's list draws at first, and adds per click. Owner's
/// page would otherwise build about 300 groups before it shows; the filter box
/// searches every provider.
const PROVIDERS_PAGE: usize = 40;

/// The pieces a list of `shown` groups is drawn in: the first page, then what each
/// click added, so pieces already drawn stay as they are (groups opened stay open).
fn pieces(shown: usize, total: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut to = PROVIDERS_PAGE;
    while from < shown.min(total) {
        out.push((from, to.min(shown).min(total)));
        from = to;
        to += PROVIDERS_PAGE * 10;
    }
    out
}

/// One plane's provider groups, a page at a time, drawn as HTML (Owner's page draws
/// 40 groups of about five elements each at first); a group's operations are added when it
/// is first opened.
#[component]
fn PlaneGroups(groups: Vec<ProviderGroup>, open_all: bool, testid: &'static str) -> impl IntoView {
    let total = groups.len();
    let shown = RwSignal::new(PROVIDERS_PAGE);
    let groups = StoredValue::new(groups);
    view! {
        <div class="groups" on:toggle:capture=move |ev| groups.with_value(|gs| fill_opened(&ev, gs))>
            <For each=move || pieces(shown.get(), total) key=|p| p.0 let:p>
                <div class="groups__piece" inner_html=groups.with_value(|gs| groups_html(gs, p.0, p.1, open_all))></div>
            </For>
        </div>
        <ShowMore total=total shown=shown page=PROVIDERS_PAGE * 10 noun=" providers" class="button button--quiet" testid=testid/>
    }
}

/// The grouped operations of a set, with a filter box.
#[component]
pub fn OpGroups(
    /// The operations (catalog indexes).
    set: Signal<BitSet>,
    /// Test hook prefix.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let filtered = Memo::new(move |_| {
        let ws = words(&filter.get());
        set.with(|s| {
            if ws.is_empty() {
                return s.clone();
            }
            let ops = &cat().operations;
            let mut out = BitSet::new(s.capacity());
            for i in s.iter() {
                let n = ops.lower(i);
                let d = ops.description_lower(i);
                if ws
                    .iter()
                    .all(|w| n.contains(w.as_str()) || d.contains(w.as_str()))
                {
                    out.insert(i);
                }
            }
            out
        })
    });
    let groups = Memo::new(move |_| filtered.with(|s| group(cat(), s)));
    view! {
        <div class="opgroups" data-testid=testid>
            <label class="field field--inline">
                <span>"Filter operations"</span>
                <input
                    type="search"
                    placeholder="e.g. subnets join"
                    data-testid=format!("{testid}-filter")
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </label>
            {move || {
                let gs = groups.get();
                let total: usize = gs.iter().map(|g| g.total).sum();
                let open_all = total <= 60 || (!filter.with(String::is_empty) && total <= 300);
                if gs.is_empty() {
                    return view! { <p class="empty">"No operations."</p> }.into_any();
                }
                let (control, data): (Vec<_>, Vec<_>) = gs.into_iter().partition(|g| !g.data);
                let c_total: usize = control.iter().map(|g| g.total).sum();
                let d_total: usize = data.iter().map(|g| g.total).sum();
                view! {
                    <div>
                        {(!control.is_empty()).then(|| view! {
                            <h3 class="plane">{format!("Control plane: {} in {}", count(c_total, "action", "actions"), count(control.len(), "provider", "providers"))}</h3>
                            <PlaneGroups groups=control open_all=open_all testid="providers-more"/>
                        })}
                        {(!data.is_empty()).then(|| view! {
                            <h3 class="plane">{format!("Data plane: {} in {}", count(d_total, "data action", "data actions"), count(data.len(), "provider", "providers"))}</h3>
                            <PlaneGroups groups=data open_all=open_all testid="providers-more-data"/>
                        })}
                    </div>
                }
                .into_any()
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{body_html, groups_html, pieces, PROVIDERS_PAGE};
    use crate::state::cat;
    use w365_engine::bitset::BitSet;
    use w365_engine::group::group;

    #[test]
    fn pieces_are_the_first_page_then_each_click() {
        assert_eq!(pieces(PROVIDERS_PAGE, 12), vec![(0, 12)]);
        assert_eq!(pieces(PROVIDERS_PAGE, 300), vec![(0, 40)]);
        assert_eq!(pieces(440, 300), vec![(0, 40), (40, 300)]);
        assert_eq!(pieces(840, 900), vec![(0, 40), (40, 440), (440, 840)]);
        assert_eq!(pieces(PROVIDERS_PAGE, 0), vec![]);
    }

    #[test]
    fn groups_are_drawn_closed_and_filled_with_every_operation_when_opened() {
        let ops = &cat().operations;
        let mut all = BitSet::new(ops.len());
        for i in 0..ops.len() {
            all.insert(i);
        }
        let groups = group(cat(), &all);
        let closed = groups_html(&groups, 0, groups.len(), false);
        assert_eq!(closed.matches("<details ").count(), groups.len());
        assert!(!closed.contains("class=\"op\""));
        assert!(closed.contains(r#"<details class="group" data-g="0"><summary"#));
        let open = groups_html(&groups, 3, 5, true);
        assert!(open.contains(r#"data-g="3" open data-filled"#));
        assert!(!open.contains(r#"data-g="2""#) && !open.contains(r#"data-g="5""#));
        // Every operation of the catalog is in its group's body, once, escaped.
        let rows: usize = groups
            .iter()
            .map(|g| body_html(g).matches(r#"<li class="op">"#).count())
            .sum();
        assert_eq!(rows, ops.len());
        for g in &groups {
            let body = body_html(g);
            assert!(!body.contains("<script") && !body.contains("<img"));
        }
    }
}
