//! The top bar: product name, the views, and the theme switch.

use crate::route::{use_router, View};
use crate::state::use_state;
use leptos::prelude::*;

const LINKS: [(&str, &str, &str); 8] = [
    ("#/roles", "Roles", "roles"),
    ("#/actions", "Azure actions", "actions"),
    ("#/operations", "Windows 365 operations", "operations"),
    ("#/compose", "Compose", "compose"),
    ("#/assignments", "Assignments", "assignments"),
    ("#/compare", "Compare", "compare"),
    ("#/training", "Training", "training"),
    ("#/about", "About", "about"),
];

fn key(v: &View) -> &'static str {
    match v {
        View::Start => "start",
        View::Roles | View::Role(_) => "roles",
        View::Actions => "actions",
        View::Operations => "operations",
        View::Compose => "compose",
        View::Assignments => "assignments",
        View::Compare => "compare",
        View::About => "about",
        View::Training => "training",
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
    let links = LINKS
        .iter()
        .filter(|(h, _, _)| !h.is_empty())
        .map(|&(href, label, k)| {
            view! {
                <li>
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
                <ul class="nav__list">{links}</ul>
            </nav>
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
