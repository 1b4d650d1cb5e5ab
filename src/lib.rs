//! Windows 365 Permission Explorer, the offline web app (Leptos, client-side).
//!
//! `main.rs` only calls [`start`]. The app shell lives here; each view is in
//! `pages/`, reusable pieces in `components/`. Nothing here matches or evaluates
//! permissions: that is `w365-engine`'s job.

pub mod components;
pub mod dom;
pub mod env;
pub mod links;
pub mod pages;
pub mod panic;
pub mod route;
pub mod scenario;
pub mod state;
pub mod storage;
pub mod table_export;
pub mod training;
pub mod workspace;

use components::link_banner::LinkBanner;
use components::nav::TopBar;
use components::notice::NoticeBar;
use components::storage_banner::StorageBanner;
use components::training_banner::TrainingBanner;
use leptos::prelude::*;
use route::{Router, View};
use state::AppState;

/// A performance mark (`w365:...`) for the benchmark's start-up breakdown.
pub fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

/// Mount the app into the page.
pub fn start() {
    mark("w365:main");
    panic::install();
    let _ = w365_engine::catalog();
    mark("w365:catalog");
    leptos::mount::mount_to_body(App);
    mark("w365:mounted");
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    // Once the first view is painted, prepare the catalog search so the first
    // keystroke in a search box does not pay for it.
    request_animation_frame(|| {
        set_timeout(
            || {
                if let Ok(c) = w365_engine::catalog() {
                    c.operations.prepare_search();
                }
            },
            std::time::Duration::from_millis(100),
        );
    });
}

/// The app shell: top bar, storage banner, the current view, notices.
#[component]
pub fn App() -> impl IntoView {
    let router = Router::install();
    provide_context(router);
    let state = AppState::install();
    provide_context(state);
    provide_context(training::Training::install());
    // A shared link opens as a workspace of its own, then leaves the URL: at start,
    // or when one is pasted into this tab's address bar.
    Effect::new(move |_| {
        let carries = router
            .route
            .with(|r| ["w", "as", "cr"].iter().any(|k| r.param(k).is_some()));
        if carries {
            open_shared_link(state, router);
        }
    });
    // The theme follows the system unless chosen.
    Effect::new(move |_| {
        let theme = state.theme.get();
        if let Some(root) = document().document_element() {
            let _ = match theme.as_str() {
                "light" | "dark" => root.set_attribute("data-theme", &theme),
                _ => root.remove_attribute("data-theme"),
            };
        }
    });
    // Printing opens every collapsed section, and closes them again afterwards.
    let opened = StoredValue::new(Vec::<web_sys::Element>::new());
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        let mut list = Vec::new();
        if let Ok(nodes) = document().query_selector_all("details:not([open])") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes
                    .item(i)
                    .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
                {
                    let _ = el.set_attribute("open", "");
                    list.push(el);
                }
            }
        }
        opened.set_value(list);
    });
    let after = window_event_listener(leptos::ev::afterprint, move |_| {
        for el in opened.get_value() {
            let _ = el.remove_attribute("open");
        }
        opened.set_value(Vec::new());
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    // Move focus to the view when it changes (not when its parameters do).
    let view_key = Memo::new(move |_| router.route.with(|r| std::mem::discriminant(&r.view)));
    let main = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |prev: Option<()>| {
        view_key.track();
        if prev.is_some() {
            if let Some(m) = main.get_untracked() {
                let _ = m.focus();
            }
        }
    });
    // Only a change of view rebuilds the page; parameter changes flow through signals.
    let current = Memo::new(move |_| router.route.with(|r| r.view.clone()));
    let page = move || match current.get() {
        View::Start => pages::start::StartPage().into_any(),
        View::Roles => pages::roles::RolesPage().into_any(),
        View::Role(id) => view! { <pages::role::RolePage id=id/> }.into_any(),
        View::Actions => pages::actions::ActionsPage().into_any(),
        View::Operations => pages::operations::OperationsPage().into_any(),
        View::Compose => pages::compose::ComposePage().into_any(),
        View::Assignments => pages::assignments::AssignmentsPage().into_any(),
        View::Compare => pages::compare::ComparePage().into_any(),
        View::ScopeTags => pages::scopetags::ScopeTagsPage().into_any(),
        View::Health => pages::health::HealthPage().into_any(),
        View::About => pages::about::AboutPage().into_any(),
        View::Minimal => pages::minimal::MinimalPage().into_any(),
        View::Decode => pages::decode::DecodePage().into_any(),
        View::Training => pages::training::TrainingPage().into_any(),
        View::Tenant => pages::tenant::TenantPage().into_any(),
    };
    view! {
        <button class="skip" on:click=move |_| { if let Some(m) = main.get_untracked() { let _ = m.focus(); } }>"Skip to content"</button>
        <TopBar/>
        <StorageBanner/>
        <LinkBanner/>
        <TrainingBanner/>
        <main id="main" class="main" tabindex="-1" node_ref=main>{page}</main>
        <footer class="footer">
            <p>
                "Runs entirely in your browser; nothing leaves this page. Data: Azure roles and operations as of "
                {state::cat().manifest.data_date.clone()}
                ". "
                <a href="#/about">"About the data"</a>
            </p>
        </footer>
        <NoticeBar/>
    }
}

/// Open the workspace a link carries (`w=`, or the first format's `as=`/`cr=`) beside
/// the saved work, and drop it from the URL; a link that cannot be read says why and
/// changes nothing.
fn open_shared_link(state: AppState, router: Router) {
    let initial = router.route.get_untracked();
    let done = move |result: Result<(workspace::Workspace, Vec<String>), String>| match result {
        Ok((ws, warnings)) => {
            state.open_link(ws);
            if !warnings.is_empty() {
                state.error(format!("Opened the link, but {}.", warnings.join("; ")));
            }
        }
        Err(e) => state.error(format!(
            "The link could not be opened: {e}. Nothing was changed."
        )),
    };
    if let Some(w) = initial.param("w").map(str::to_string) {
        router.replace("w", "");
        leptos::task::spawn_local(async move { done(links::decode(&w).await) });
    } else if initial.param("as").is_some() || initial.param("cr").is_some() {
        done(links::from_legacy(initial.param("as"), initial.param("cr")));
        router.replace("as", "");
        router.replace("cr", "");
    }
}
