//! The top bar: product name, the views, and the theme switch.

use crate::route::{use_router, View};
use crate::state::use_state;
use leptos::prelude::*;

/// The views in the top bar: (href, label, key, first of a group). Groups: explore,
/// build, review, learn.
const LINKS: &[(&str, &str, &str, bool)] = &[
    ("#/roles", "Roles", "roles", false),
    ("#/actions", "Azure actions", "actions", false),
    (
        "#/operations",
        "Windows 365 operations",
        "operations",
        false,
    ),
    ("#/scopetags", "Scope tags", "scopetags", false),
    ("#/compose", "Compose", "compose", true),
    ("#/minimal", "Minimal role", "minimal", false),
    ("#/assignments", "Assignments", "assignments", false),
    ("#/compare", "Compare", "compare", true),
    ("#/decode", "Decode an error", "decode", false),
    ("#/tenant", "Tenant review", "tenant", false),
    ("#/health", "ANC health checks", "health", false),
    ("#/training", "Training", "training", true),
    ("#/about", "About", "about", true),
];

fn key(v: &View) -> &'static str {
    match v {
        View::Start | View::NotFound(_) => "start",
        View::Roles | View::Role(_) => "roles",
        View::Actions => "actions",
        View::Operations => "operations",
        View::Compose => "compose",
        View::Assignments => "assignments",
        View::Compare => "compare",
        View::ScopeTags => "scopetags",
        View::Health => "health",
        View::About => "about",
        View::Minimal => "minimal",
        View::Decode => "decode",
        View::Training => "training",
        View::Tenant => "tenant",
    }
}

/// The top bar.
#[component]
pub fn TopBar() -> impl IntoView {
    let router = use_router();
    let state = use_state();
    let current = Memo::new(move |_| router.route.with(|r| key(&r.view)));
    let theme = move || {
        state.theme.with(|t| {
            if t.is_empty() {
                "system".to_string()
            } else {
                t.clone()
            }
        })
    };
    // On a narrow screen the menu scrolls sideways: the current view's entry is
    // brought into it (an outside review: at 360 px Training sat at x = 1,281).
    let list = NodeRef::<leptos::html::Ul>::new();
    Effect::new(move |_| {
        current.track();
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let Some(ul) = list.get_untracked() else {
                return;
            };
            if ul.scroll_width() <= ul.client_width() {
                return;
            }
            let Some(a) = ul
                .query_selector("a[aria-current=page]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            else {
                return;
            };
            let left = a.offset_left() - ul.offset_left();
            ul.set_scroll_left(left - (ul.client_width() - a.offset_width()) / 2);
        });
    });
    let links = LINKS
        .iter()
        .map(|&(href, label, k, group)| {
            view! {
                <li class:nav__group=group>
                    <a
                        href=href
                        class="nav__link"
                        aria-current=move || (current.get() == k).then_some("page")
                        data-testid=format!("nav-{k}")
                    >
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="top">
            <a class="top__brand" href="#/" data-testid="nav-start">
                <img src="icon.svg" alt="" width="28" height="28"/>
                <span>"Windows 365 Permission Explorer"</span>
            </a>
            <nav class="nav" aria-label="Views">
                <ul class="nav__list" node_ref=list>{links}</ul>
            </nav>
            <button class="button button--quiet button--small top__share" data-testid="copy-link"
                title="Copy a link that opens this view, with the custom roles and assignments it shows, in any browser"
                on:click=move |_| {
                    let route = router.route.get_untracked();
                    let part = crate::env::shared_part(&state, &route);
                    crate::env::copy_link(state, route, part);
                }>"Copy link"</button>
            <label class="top__theme">
                <span class="visually-hidden">"Theme"</span>
                <select
                    data-testid="theme"
                    prop:value=theme
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.set_theme(if v == "system" { String::new() } else { v });
                    }
                >
                    <option value="system">"System theme"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </label>
        </header>
    }
}
