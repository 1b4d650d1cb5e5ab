//! Windows 365 Permission Explorer, the offline web app (Leptos, client-side).

use leptos::prelude::*;

/// Mount the app into the page.
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    let count = w365_engine::catalog().map(|c| c.roles.len()).unwrap_or(0);
    view! { <p>{count} " roles"</p> }
}
