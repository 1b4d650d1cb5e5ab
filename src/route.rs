//! Where the user is: the view and its parameters, kept in the URL's hash
//! (`#/roles?q=network`), so every view is shareable, back and forward work, a
//! reload keeps the state, and the site works from any static host and sub-path
//! without server rewrites.

use leptos::prelude::*;

/// The views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The start page: the questions people come with.
    Start,
    /// The roles list.
    Roles,
    /// One role, by id.
    Role(String),
    /// The Azure operations catalog.
    Actions,
    /// Windows 365 operations for the current assignments.
    Operations,
    /// Compose a custom role.
    Compose,
    /// Role assignments.
    Assignments,
    /// Compare roles.
    Compare,
    /// Scope tags: who sees which Windows 365 object.
    ScopeTags,
    /// Azure network connection health checks.
    Health,
    /// About the data.
    About,
    /// The minimal custom role for actions or operations.
    Minimal,
    /// Decode an authorization error or a health-check code.
    Decode,
    /// Training: exercises that check themselves.
    Training,
    /// Review a real tenant's exported role assignments, offline, and the design's report.
    Tenant,
    /// A path the app does not have (as typed): said so, above the start page.
    NotFound(String),
}

impl View {
    /// The path segment.
    pub fn path(&self) -> String {
        match self {
            View::Start => String::new(),
            View::Roles => "roles".into(),
            View::Role(id) => format!("roles/{}", encode(id)),
            View::Actions => "actions".into(),
            View::Operations => "operations".into(),
            View::Compose => "compose".into(),
            View::Assignments => "assignments".into(),
            View::Compare => "compare".into(),
            View::ScopeTags => "scopetags".into(),
            View::Health => "health".into(),
            View::About => "about".into(),
            View::Minimal => "minimal".into(),
            View::Decode => "decode".into(),
            View::Training => "training".into(),
            View::Tenant => "tenant".into(),
            View::NotFound(path) => path.clone(),
        }
    }

    /// The page title part.
    pub fn title(&self) -> &'static str {
        match self {
            View::Start => "Start",
            View::Roles => "Roles",
            View::Role(_) => "Role",
            View::Actions => "Azure actions",
            View::Operations => "Windows 365 operations",
            View::Compose => "Compose a role",
            View::Assignments => "Assignments",
            View::Compare => "Compare roles",
            View::ScopeTags => "Scope tags",
            View::Health => "ANC health checks",
            View::About => "About the data",
            View::Minimal => "Minimal custom role",
            View::Decode => "Decode an error",
            View::Training => "Training",
            View::Tenant => "Tenant review",
            View::NotFound(_) => "Page not found",
        }
    }
}

/// A view with its query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The view.
    pub view: View,
    /// Query parameters in order.
    pub params: Vec<(String, String)>,
}

impl Route {
    /// A route without parameters.
    pub fn to(view: View) -> Route {
        Route {
            view,
            params: Vec::new(),
        }
    }

    /// With a parameter set (empty values are dropped).
    pub fn with(mut self, key: &str, value: &str) -> Route {
        self.params.retain(|(k, _)| k != key);
        if !value.is_empty() {
            self.params.push((key.to_string(), value.to_string()));
        }
        self
    }

    /// A parameter's value.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Parse a location hash (`#/roles?q=x`). An unknown path is `NotFound` (shown
    /// with the start page).
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        let view = match (parts.next(), parts.next()) {
            (Some("roles"), Some(id)) => View::Role(decode(id)),
            (Some("actions"), _) => View::Actions,
            (Some("operations"), _) => View::Operations,
            (Some("compose"), _) => View::Compose,
            (Some("assignments"), _) => View::Assignments,
            (Some("compare"), _) => View::Compare,
            (Some("scopetags"), _) => View::ScopeTags,
            (Some("health"), _) => View::Health,
            (Some("about"), _) => View::About,
            (Some("minimal"), _) => View::Minimal,
            (Some("decode"), _) => View::Decode,
            (Some("training"), _) => View::Training,
            (Some("tenant"), _) => View::Tenant,
            (Some("roles"), None) => View::Roles,
            (None, _) => View::Start,
            _ => View::NotFound(path.trim_matches('/').to_string()),
        };
        let params = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        Route { view, params }
    }

    /// The hash for this route.
    pub fn hash(&self) -> String {
        let mut s = format!("#/{}", self.view.path());
        for (i, (k, v)) in self.params.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(&encode(k));
            s.push('=');
            s.push_str(&encode(v));
        }
        s
    }
}

/// Percent-encode everything but unreserved characters and a few readable ones.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'*'
            | b':'
            | b'@'
            | b','
            | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Undo [`encode`] (and `+` as space); invalid escapes are kept as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The current route, shared through context.
#[derive(Clone, Copy)]
pub struct Router {
    /// The route.
    pub route: RwSignal<Route>,
    /// A typed change not yet written to the address bar (see [`Router::type_in`]).
    pending: StoredValue<Option<TimeoutHandle>>,
    /// When the address leaves out the route's longest parameters ([`MAX_ADDRESS`]):
    /// the length of the whole address it would have been.
    pub unwritten: RwSignal<Option<usize>>,
}

/// When the address bar follows typing: in the task after the keystroke's, so the
/// history write (about half a millisecond) is not between the keystroke and the
/// updated list, and keystrokes that arrive together write once. Not later: going
/// back and forward must find what was typed in the entry.
const URL_AFTER_TYPING: std::time::Duration = std::time::Duration::ZERO;

/// The longest address (its `#...` part, bytes) the app writes into the history
/// entry. Writing one took Chromium about 35 ms per megabyte (1 MB 35 ms, 1.9 MB
/// 76-98 ms, with nothing else pending on the page), paid again by every later write of
/// the view's route (each keystroke in one of its boxes); a longer route is written
/// without its longest parameters.
pub const MAX_ADDRESS: usize = 256 * 1024;

/// The address of a route: its hash, or, when that is longer than [`MAX_ADDRESS`],
/// the hash without its longest parameters, with the whole hash's length.
pub fn address(r: &Route) -> (String, Option<usize>) {
    let full = r.hash();
    if full.len() <= MAX_ADDRESS {
        return (full, None);
    }
    let mut longest: Vec<(usize, &str)> = r
        .params
        .iter()
        .map(|(k, v)| (v.len(), k.as_str()))
        .collect();
    longest.sort_by_key(|p| std::cmp::Reverse(p.0));
    let whole = full.len();
    let mut short = r.clone();
    let mut hash = full;
    for (_, key) in longest {
        short = short.with(key, "");
        hash = short.hash();
        if hash.len() <= MAX_ADDRESS {
            break;
        }
    }
    (hash, Some(whole))
}

/// Write a route into the current history entry (or a new one), and note whether
/// the address had to leave part of it out.
fn write_url(r: &Route, unwritten: RwSignal<Option<usize>>, new_entry: bool) {
    let (hash, left_out) = address(r);
    if let Ok(h) = window().history() {
        // Every entry the app writes is marked (`scroll.rs`: Back to it is told
        // from a link followed to a new one).
        let mark = crate::scroll::ENTRY_MARK;
        let _ = if new_entry {
            h.push_state_with_url(&mark, "", Some(&hash))
        } else {
            h.replace_state_with_url(&mark, "", Some(&hash))
        };
    }
    if unwritten.try_get_untracked() != Some(left_out) {
        unwritten.try_set(left_out);
    }
}

/// Stop a typed change's write still waiting; whether there was one.
fn cancel_pending(pending: StoredValue<Option<TimeoutHandle>>) -> bool {
    match pending.try_update_value(Option::take).flatten() {
        Some(h) => {
            h.clear();
            true
        }
        None => false,
    }
}

/// Write a typed change still waiting, now.
fn flush_pending(
    route: RwSignal<Route>,
    pending: StoredValue<Option<TimeoutHandle>>,
    unwritten: RwSignal<Option<usize>>,
) {
    if cancel_pending(pending) {
        route.with_untracked(|r| write_url(r, unwritten, false));
    }
}

fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

impl Router {
    /// Start from the page's URL and follow back/forward.
    pub fn install() -> Router {
        let route = RwSignal::new(Route::parse(&location_hash()));
        let pending = StoredValue::new(None::<TimeoutHandle>);
        let unwritten = RwSignal::new(None::<usize>);
        // Another entry is shown: a write still waiting would put this route in it.
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            cancel_pending(pending);
            // The entry shown holds its whole route (what it was written with).
            unwritten.set(None);
            route.set(Route::parse(&location_hash()));
        });
        let handle2 = window_event_listener(leptos::ev::hashchange, move |_| {
            cancel_pending(pending);
            unwritten.set(None);
            let r = Route::parse(&location_hash());
            if route.get_untracked() != r {
                route.set(r);
            }
        });
        // A click may follow a link (`<a href="#/...">`, navigated after the click's
        // listeners): the entry being left keeps what was typed in it first.
        let handle4 = window_event_listener(leptos::ev::click, move |_| {
            flush_pending(route, pending, unwritten)
        });
        // Leaving the page: the address keeps what was typed last.
        let handle3 = window_event_listener(leptos::ev::pagehide, move |_| {
            flush_pending(route, pending, unwritten)
        });
        on_cleanup(move || {
            handle.remove();
            handle2.remove();
            handle3.remove();
            handle4.remove();
        });
        // The page title names the view (a memo: typing changes parameters only).
        let view = Memo::new(move |_| route.with(|r| r.view.clone()));
        Effect::new(move |_| {
            let v = view.get();
            let extra = match &v {
                View::Role(id) => w365_engine::catalog()
                    .ok()
                    .and_then(|c| c.role(id))
                    .map(|(_, x)| x.name.clone()),
                _ => None,
            };
            let title = match extra {
                Some(name) => format!("{name} · Windows 365 Permission Explorer"),
                None => format!("{} · Windows 365 Permission Explorer", v.title()),
            };
            document().set_title(&title);
        });
        Router {
            route,
            pending,
            unwritten,
        }
    }

    /// Go to a route, adding a history entry, at the top of the page.
    pub fn go(&self, r: Route) {
        self.push(r);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Go to a route, adding a history entry, where the page is scrolled (a list's
    /// row opening its detail beside the list).
    pub fn push(&self, r: Route) {
        // The entry being left keeps what was typed in it.
        flush_pending(self.route, self.pending, self.unwritten);
        write_url(&r, self.unwritten, true);
        self.route.set(r);
    }

    /// Change parameters of the current view in place (no history entry, no scroll):
    /// for filters and choices (search boxes use [`Router::type_in`]).
    pub fn replace(&self, key: &str, value: &str) {
        // This write covers a typed change still waiting.
        cancel_pending(self.pending);
        let r = self.route.get_untracked().with(key, value);
        write_url(&r, self.unwritten, false);
        self.route.set(r);
    }

    /// [`Router::replace`] for a search box: the view follows at once, the address
    /// bar a task later (or before another view opens or the page is left).
    pub fn type_in(&self, key: &str, value: &str) {
        let r = self.route.get_untracked().with(key, value);
        self.route.set(r);
        if self.pending.with_value(Option::is_some) {
            // The write on its way takes the latest route.
            return;
        }
        let (route, pending, unwritten) = (self.route, self.pending, self.unwritten);
        // An address changed before this write (a link followed without a click, a
        // script): the write would put this view back over the page opened, so it is
        // left to the `hashchange` that follows. (A click writes it first, below.)
        let at = location_hash();
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                if location_hash() == at {
                    route.with_untracked(|r| write_url(r, unwritten, false));
                }
            },
            URL_AFTER_TYPING,
        )
        .ok();
        self.pending.set_value(handle);
    }

    /// A parameter of the current route, reactive: it changes only when that
    /// parameter does, so typing in one search box reruns nothing that reads another.
    pub fn param(&self, key: &'static str) -> Memo<String> {
        let route = self.route;
        Memo::new(move |_| route.with(|r| r.param(key).unwrap_or_default().to_string()))
    }
}

/// The router from context.
pub fn use_router() -> Router {
    expect_context::<Router>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_too_long_leaves_out_the_longest_parameters() {
        let short = Route::to(View::Minimal).with("scope", "/subscriptions/x");
        assert_eq!(address(&short), (short.hash(), None));
        let long = "Microsoft.Foo/thing/read,".repeat(20_000);
        let big = short.clone().with("a", &long).with("exact", "1");
        let (hash, left_out) = address(&big);
        assert_eq!(left_out, Some(big.hash().len()));
        assert!(big.hash().len() > MAX_ADDRESS && hash.len() <= MAX_ADDRESS);
        // The other parameters stay, in their order.
        assert_eq!(Route::parse(&hash), short.clone().with("exact", "1"));
        // Exactly at the limit, nothing is left out.
        let fill = MAX_ADDRESS + 1 - Route::to(View::Decode).with("t", "x").hash().len();
        let at = Route::to(View::Decode).with("t", &"x".repeat(fill));
        assert_eq!(at.hash().len(), MAX_ADDRESS);
        assert_eq!(address(&at).1, None);
        let over = Route::to(View::Decode).with("t", &"x".repeat(fill + 1));
        assert_eq!(
            address(&over),
            (Route::to(View::Decode).hash(), Some(MAX_ADDRESS + 1))
        );
    }

    #[test]
    fn round_trips_views_and_params() {
        let r = Route::to(View::Role("b24988ac-6180-42a0-ab88-20f7382dd24c".into()))
            .with("q", "a b&c=d/é");
        let back = Route::parse(&r.hash());
        assert_eq!(back, r);
        assert_eq!(
            Route::parse("#/nowhere?x").view,
            View::NotFound("nowhere".into())
        );
        assert_eq!(Route::parse("").view, View::Start);
        assert_eq!(Route::parse("#/roles").view, View::Roles);
        let t = Route::to(View::Training).with("ex", "scope-tags-paris");
        assert_eq!(t.hash(), "#/training?ex=scope-tags-paris");
        assert_eq!(Route::parse(&t.hash()), t);
        assert_eq!(Route::to(View::Start).hash(), "#/");
        let t = Route::to(View::Tenant)
            .with("q", "alice")
            .with("risk", "critical");
        assert_eq!(t.hash(), "#/tenant?q=alice&risk=critical");
        assert_eq!(Route::parse(&t.hash()), t);
        assert_eq!(Route::parse("#/tenant").view, View::Tenant);
        assert_eq!(
            Route::parse("#/scopetags?see=Auditor").view,
            View::ScopeTags
        );
        assert_eq!(Route::parse("#/health?code=x").view, View::Health);
        assert_eq!(
            Route::parse("#/compare?roles=a,b").param("roles"),
            Some("a,b")
        );
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(
            Route::parse("#/roles/custom%3Ax").view,
            View::Role("custom:x".into())
        );
    }
}
