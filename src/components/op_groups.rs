//! Effective operations grouped by provider and resource type, data plane apart,
//! with descriptions and counts. Groups render their rows only when opened.

use crate::components::show_more::ShowMore;
use crate::dom::{count, num};
use crate::state::cat;
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::bitset::BitSet;
use w365_engine::group::{group, ProviderGroup, Verb};
use w365_engine::search::words;

fn row(i: usize) -> impl IntoView {
    let ops = &cat().operations;
    let name = ops.name(i).to_string();
    let desc = ops.description(i).into_owned();
    let verb = Verb::of(&name).label();
    view! {
        <li class="op">
            <span class=format!("op__verb op__verb--{verb}")>{verb}</span>
            <code class="op__name">{name}</code>
            <span class="op__desc">{desc}</span>
        </li>
    }
}

#[component]
fn Group(g: Arc<ProviderGroup>, open_all: bool) -> impl IntoView {
    let open = RwSignal::new(open_all);
    let [r, w, d, a] = g.verbs;
    let summary = format!(
        "{} ({}: {} read, {} write, {} delete, {} action)",
        g.provider,
        num(g.total),
        num(r),
        num(w),
        num(d),
        num(a)
    );
    view! {
        <details class="group" prop:open=open_all on:toggle=move |ev| open.set(crate::dom::toggled_open(&ev))>
            <summary class="group__summary">
                <span class="group__name">{summary}</span>
                {g.category.clone().map(|c| view! { <span class="tag">{c}</span> })}
            </summary>
            {move || open.get().then(|| {
                g.types(cat())
                    .into_iter()
                    .map(|t| {
                        let label = if t.resource_type.is_empty() { "(provider)".to_string() } else { t.resource_type.clone() };
                        view! {
                            <div class="group__type">
                                <h4 class="group__type-name">{label} <span class="muted">{format!(" {}", t.ops.len())}</span></h4>
                                <ul class="ops">{t.ops.iter().map(|&i| row(i)).collect_view()}</ul>
                            </div>
                        }
                    })
                    .collect_view()
            })}
        </details>
    }
}

/// How many providers a plane's list draws at first, and adds per click. Owner's
/// page would otherwise build about 300 groups before it shows; the filter box
/// searches every provider.
const PROVIDERS_PAGE: usize = 40;

/// One plane's provider groups, a page at a time; groups already drawn stay as
/// they are (open or not) when more are shown.
#[component]
fn PlaneGroups(
    groups: Vec<Arc<ProviderGroup>>,
    open_all: bool,
    testid: &'static str,
) -> impl IntoView {
    let total = groups.len();
    let shown = RwSignal::new(PROVIDERS_PAGE);
    let groups = StoredValue::new(groups);
    let each = move || (0..shown.get().min(total)).collect::<Vec<_>>();
    view! {
        <For each=each key=|i| *i let:i>
            {groups.with_value(|gs| gs.get(i).cloned()).map(|g| view! { <Group g=g open_all=open_all/> })}
        </For>
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
    let groups = Memo::new(move |_| {
        filtered.with(|s| {
            group(cat(), s)
                .into_iter()
                .map(Arc::new)
                .collect::<Vec<_>>()
        })
    });
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
