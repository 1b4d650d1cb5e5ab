//! Windows 365 Permission Explorer, the offline web app (Leptos, client-side).
//!
//! `main.rs` only calls [`start`]. The app shell lives here; each view is in
//! `pages/`, reusable pieces in `components/`. Nothing here matches or evaluates
//! permissions: that is `w365-engine`'s job.

pub mod components;
pub mod dom;
pub mod draft;
pub mod env;
pub mod history;
pub mod later;
pub mod links;
pub mod pages;
pub mod panic;
pub mod prerender;
pub mod route;
pub mod scenario;
pub mod scroll;
pub mod state;
pub mod storage;
pub mod table_export;
pub mod training;
pub mod workspace;

use components::address_banner::AddressBanner;
use components::link_banner::LinkBanner;
use components::nav::TopBar;
use components::notice::NoticeBar;
use components::storage_banner::StorageBanner;
use components::training_banner::TrainingBanner;
use leptos::prelude::*;
use route::{Router, View};
use state::AppState;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;
use w365_engine::CatalogPart;

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
    let first = set_link_aside();
    // The start in tasks (decode the catalog in three parts, expand the built-in roles
    // when the first view evaluates them, mount the view; then, after the first paint,
    // prepare the search), so the browser can paint and take input between them and
    // no one task of the start is long (issue 11: no task over 200 ms from a link).
    let mut steps: VecDeque<Box<dyn FnOnce()>> = VecDeque::new();
    for part in [CatalogPart::Operations, CatalogPart::AzureRoles] {
        steps.push_back(Box::new(move || w365_engine::decode_ahead(part)));
    }
    steps.push_back(Box::new(|| {
        let _ = w365_engine::catalog();
        mark("w365:catalog");
    }));
    steps.push_back(Box::new(storage::preload));
    if evaluates(&first) {
        steps.push_back(Box::new(warm_expansions));
    }
    steps.push_back(Box::new(mount));
    later::in_tasks(steps);
}

fn mount() {
    leptos::mount::mount_to_body(App);
    mark("w365:mounted");
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    // Once the first view is painted, prepare the catalog search and the built-in
    // roles' expansions, each in a task of its own, so neither the first keystroke
    // in a search box nor the first role that needs the expansions pays for them.
    request_animation_frame(|| {
        set_timeout(
            || {
                if let Ok(c) = w365_engine::catalog() {
                    c.operations.prepare_search();
                }
                expand_builtins_then(|| {
                    set_timeout(warm_search, Duration::ZERO);
                    warm_role_page();
                });
            },
            Duration::from_millis(100),
        );
    });
}

/// How many built-in roles one task expands when nothing waits for them (a few
/// milliseconds, so a keystroke meanwhile is answered at once).
const ROLES_PER_TASK: usize = 40;

/// What runs once the built-in roles are expanded.
type Waiting = Vec<Box<dyn FnOnce()>>;

thread_local! {
    /// What waits for the built-in roles' expansion under way (`None`: none is).
    static AFTER_EXPANSION: RefCell<Option<Waiting>> = const { RefCell::new(None) };
}

/// Expand the built-in roles a few per task unless done, then run `then`. One job
/// at a time: a caller while it runs (the roles list's sizes, the start's warm-up)
/// waits for it instead of expanding them again.
pub fn expand_builtins_then(then: impl FnOnce() + 'static) {
    let Ok(c) = w365_engine::catalog() else {
        return;
    };
    if c.builtin_expansions_if_ready().is_some() {
        then();
        return;
    }
    let then: Box<dyn FnOnce()> = Box::new(then);
    let running = AFTER_EXPANSION.with(|w| match &mut *w.borrow_mut() {
        Some(waiting) => {
            waiting.push(then);
            true
        }
        none => {
            *none = Some(vec![then]);
            false
        }
    });
    if running {
        return;
    }
    later::in_slices(
        c.expanding_builtins(),
        |job| job.step(ROLES_PER_TASK).then_some(()),
        || true,
        |()| {
            let waiting = AFTER_EXPANSION.with(|w| w.borrow_mut().take());
            waiting.into_iter().flatten().for_each(|f| f());
        },
    );
}

/// Run each search's paths once (a letter, then a longer query refining it, then
/// one that matches nothing, and an action), so the first keystrokes in a search
/// box do not also pay for V8 compiling the search code (it compiles each wasm
/// function on its first call): the first keystrokes took 8 to 14 ms, later ones 3
/// to 5.
fn warm_search() {
    use w365_engine::search::{roles, OperationSearch, RoleFilter};
    if let Ok(c) = w365_engine::catalog() {
        let set = w365_engine::roleset::RoleSet::new(c, Vec::new());
        for q in ["q", "qu", "zq-warm", "Microsoft.Zq/warm"] {
            let _ = roles(&set, q, &RoleFilter::default());
        }
        let mut ops = OperationSearch::new();
        for q in ["q", "qu", "zq-warm"] {
            let _ = ops.run(c, q, None);
        }
    }
}

/// Compute once what a role page computes (Owner's risk profile, the Windows 365
/// operations it enables alone, its operations by provider), a task each, so the
/// first role page opened does not also build the lookups these keep (the smallest
/// built-in holders, the Intune index) or wait for V8 to compile their code
/// (natively Owner's first risk profile and enabled-alone take 1.7 and 1.8 ms, later
/// ones 0.4 and 0.7: `role_page_profile`). A task each, so a click meanwhile waits
/// for one of them at most.
fn warm_role_page() {
    let Ok(c) = w365_engine::catalog() else {
        return;
    };
    let (Some((i, role)), Some(all)) = (
        c.role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
        c.builtin_expansions_if_ready(),
    ) else {
        return;
    };
    let Some(ex) = all.get(i) else {
        return;
    };
    let steps: VecDeque<Box<dyn FnOnce()>> = VecDeque::from([
        Box::new(move || drop(w365_engine::risk::profile(c, role, ex))) as Box<dyn FnOnce()>,
        Box::new(move || drop(w365_engine::readiness::alone_expanded(c, role, ex))),
        Box::new(move || drop(w365_engine::group::group(c, &ex.granted))),
        Box::new(warm_role_view),
    ]);
    later::in_tasks(steps);
}

/// The role whose page [`warm_role_view`] builds: an Azure role small enough to be
/// drawn whole at once (every section a broad role's page draws), with risk flags.
const WARM_ROLE: &str = "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"; // Virtual Machine Contributor

thread_local! {
    /// The app's owner, whose contexts (state, router) a page built apart reads.
    static APP_OWNER: RefCell<Option<Owner>> = const { RefCell::new(None) };
}

/// How long (ms) without a key or pointer press before [`warm_role_view`] runs.
const QUIET_BEFORE_WARMING: f64 = 1000.0;

/// Milliseconds on `performance.now()`'s clock (0 without it).
fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// When the user last pressed a key or a pointer, on `performance.now()`'s clock
/// (never: minus infinity). `start.js` keeps it in `window.w365LastInput` from before
/// the app starts, so a keystroke calls no wasm for it.
fn last_input() -> f64 {
    js_sys::Reflect::get(&window(), &wasm_bindgen::JsValue::from_str("w365LastInput"))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NEG_INFINITY)
}

/// Build a role page once, apart from the document, and drop it, so the first role
/// page opened does not wait for V8 to compile the code that draws it (it compiles
/// each wasm function on its first call: about 740 functions, 13 to 15 ms, when
/// Owner's page was the first opened in a tab). Nothing of it is shown or kept: its
/// nodes are never attached, and its owner is cleaned up at once. The role page
/// creates no `Effect` (whose first run is queued, and would still come once after
/// the cleanup); its render effects run as it is built, and its one timer
/// (`after_paint`) writes with `try_set`, which does nothing once the owner is gone.
///
/// It waits for a pause in the user's input ([`QUIET_BEFORE_WARMING`]), so that no
/// keystroke waits behind it (the build took 15 to 36 ms at idle, 12 loads).
fn warm_role_view() {
    use leptos::tachys::view::Render;
    let since = now() - last_input();
    if since < QUIET_BEFORE_WARMING {
        set_timeout(
            warm_role_view,
            Duration::from_millis((QUIET_BEFORE_WARMING - since).ceil() as u64),
        );
        return;
    }
    let Some(owner) = APP_OWNER.with(|o| o.borrow().clone()) else {
        return;
    };
    mark("w365:role-view-warming");
    let apart = owner.child();
    apart.with(|| {
        let page = view! { <pages::role::RolePage id=WARM_ROLE.to_string()/> };
        drop(page.build());
    });
    apart.cleanup();
    mark("w365:role-view-warmed");
}

/// Expand every built-in role once (the operations, role, compare and assignment
/// views use the expansions to name the smallest built-in role that would do).
fn warm_expansions() {
    if let Ok(c) = w365_engine::catalog() {
        let _ = c.builtin_expansions();
    }
}

/// The parameters that carry a shared workspace (`w`, or the first format's `as`, `cr`).
const LINK_KEYS: [&str; 3] = ["w", "as", "cr"];

/// Where a shared link taken out of the address waits (this tab's session
/// storage) until it is opened, so a reload meanwhile does not lose it.
const PENDING_LINK: &str = "w365-explorer/link-pending";

thread_local! {
    /// A shared link's route, taken out of the address before the app mounts.
    static ASIDE: RefCell<Option<route::Route>> = const { RefCell::new(None) };
}

/// Take a shared link's parameters out of the address before the app reads it, so
/// the view mounts on a short route and nothing parses a link of megabytes again;
/// the app opens the link from where it was set aside. Returns the route to mount.
fn set_link_aside() -> route::Route {
    use storage::Area;
    let full = route::Route::parse(&window().location().hash().unwrap_or_default());
    if !LINK_KEYS.iter().any(|k| full.param(k).is_some()) {
        // Reloaded after the link left the address but before it was opened and
        // saved for this tab (a review: a reload at 0.5 s lost the link): it is
        // opened again from where it was kept.
        if let Ok(Some(kept)) = storage::read(Area::Session, PENDING_LINK) {
            let link = route::Route::parse(&kept);
            if LINK_KEYS.iter().any(|k| link.param(k).is_some()) {
                ASIDE.with(|a| *a.borrow_mut() = Some(link));
            }
        }
        return full;
    }
    // Kept for this tab until the link is opened, before the address loses it.
    let _ = storage::write(Area::Session, PENDING_LINK, &full.hash());
    let rest = LINK_KEYS.iter().fold(full.clone(), |r, k| r.with(k, ""));
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&scroll::ENTRY_MARK, "", Some(&rest.hash()));
    }
    ASIDE.with(|a| *a.borrow_mut() = Some(full));
    rest
}

/// Whether the page is being printed (between `beforeprint` and `afterprint`); read
/// through [`components::fold::Drawn`].
#[derive(Clone, Copy)]
pub struct Printing(pub RwSignal<bool>);

/// Whether `route`'s view evaluates roles as it first renders; then the built-in
/// expansions are computed in a task of their own before it mounts.
fn evaluates(route: &route::Route) -> bool {
    !matches!(
        route.view,
        View::Start | View::Roles | View::About | View::Actions | View::Decode | View::Health
    )
}

/// The app shell: top bar, storage banner, the current view, notices.
#[component]
pub fn App() -> impl IntoView {
    // A followed link opens its view at the top, Back and Forward where it was
    // left. Installed before the router: its `popstate` listener must run first,
    // as the router's draws the view it names at once.
    let scrolling = scroll::ScrollMemory::install();
    let router = Router::install();
    provide_context(router);
    let state = AppState::install();
    provide_context(state);
    provide_context(training::Training::install());
    provide_context(pages::tenant::TenantKept::install());
    APP_OWNER.with(|o| *o.borrow_mut() = Owner::current());
    // A shared link opens as a workspace of its own, then leaves the URL: at start,
    // or when one is pasted into this tab's address bar.
    Effect::new(move |_| {
        let carries = router
            .route
            .with(|r| LINK_KEYS.iter().any(|k| r.param(k).is_some()));
        if carries {
            open_shared_link(state, router, router.route.get_untracked());
        }
    });
    if let Some(link) = ASIDE.with(|a| a.borrow_mut().take()) {
        open_shared_link(state, router, link);
    }
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
    // Printing opens every collapsed section, and closes them again afterwards;
    // sections whose body is drawn only when opened draw it while printing.
    let printing = Printing(RwSignal::new(false));
    provide_context(printing);
    let opened = StoredValue::new(Vec::<web_sys::Element>::new());
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        printing.0.set(true);
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
        printing.0.set(false);
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let main = NodeRef::<leptos::html::Main>::new();
    // Only a change of view rebuilds the page; parameter changes flow through signals.
    let current = Memo::new(move |_| router.route.with(|r| r.view.clone()));
    // When the view changes (not its parameters), the focus moves to the new
    // view unless the view took it itself: a followed link is gone with the old
    // page, or sits in the menu or the footer, and the next Tab went to the
    // footer (an outside review; the effect that did this never ran again).
    let first_page = StoredValue::new(true);
    let page = move || {
        let view = current.get();
        let opening = scrolling.entering(&view);
        if !first_page.get_value() {
            match opening {
                scroll::Opening::Top => window().scroll_to_with_x_and_y(0.0, 0.0),
                scroll::Opening::Restore(y) => scroll::restore(y),
                scroll::Opening::Keep => {}
            }
            request_animation_frame(move || {
                if let Some(m) = main.get_untracked() {
                    let inside = document().active_element().is_some_and(|e| {
                        (e.is_connected() && m.contains(Some(&e)))
                            || e.closest(".notice").ok().flatten().is_some()
                    });
                    if !inside {
                        crate::dom::focus_quietly(&m);
                    }
                }
            });
        }
        first_page.set_value(false);
        page_of(view)
    };
    view! {
        <button class="skip" on:click=move |_| { if let Some(m) = main.get_untracked() { let _ = m.focus(); } }>"Skip to content"</button>
        <TopBar/>
        <StorageBanner/>
        <LinkBanner/>
        <AddressBanner/>
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

/// The page of a view.
fn page_of(view: View) -> AnyView {
    match view {
        View::Start => pages::start::StartPage().into_any(),
        View::NotFound(path) => view! {
            <p class="import__message import__message--error" role="alert" data-testid="not-found">
                "There is no page at “#/" {path} "”: here is the start page."
            </p>
            {pages::start::StartPage()}
        }
        .into_any(),
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
    }
}

/// Open the workspace a link carries (`w=`, or the first format's `as=`/`cr=`) beside
/// the saved work, and drop it from the URL; a link that cannot be read says why and
/// changes nothing.
fn open_shared_link(state: AppState, router: Router, initial: route::Route) {
    let opened = || {
        let _ = storage::remove(storage::Area::Session, PENDING_LINK);
    };
    let done = move |result: Result<(workspace::Workspace, Vec<String>), String>| match result {
        // Read in one task, opened (saved for this tab, answered, drawn) in the next.
        Ok((ws, warnings)) => set_timeout(
            move || {
                state.open_link(ws);
                opened();
                if !warnings.is_empty() {
                    state.error(format!("Opened the link, but {}.", warnings.join("; ")));
                }
            },
            Duration::ZERO,
        ),
        Err(e) => {
            opened();
            state.error(format!(
                "The link could not be opened: {e}. Nothing was changed."
            ))
        }
    };
    if let Some(w) = initial.param("w").map(str::to_string) {
        if router.route.with_untracked(|r| r.param("w").is_some()) {
            router.replace("w", "");
        }
        leptos::task::spawn_local(async move { done(links::decode(&w).await) });
    } else if initial.param("as").is_some() || initial.param("cr").is_some() {
        let assignments = initial.param("as").map(str::to_string);
        let roles = initial.param("cr").map(str::to_string);
        for key in ["as", "cr"] {
            if router.route.with_untracked(|r| r.param(key).is_some()) {
                router.replace(key, "");
            }
        }
        // In a task of its own, after the view has mounted: a long link is read
        // and applied without making the start one long task.
        set_timeout(
            move || done(links::from_legacy(assignments.as_deref(), roles.as_deref())),
            Duration::ZERO,
        );
    }
}
