//! When the address leaves out a view's input (longer than the address keeps,
//! [`crate::route::MAX_ADDRESS`]): what that means for a reload or a shared address.

use crate::route::{use_router, MAX_ADDRESS};
use leptos::prelude::*;

/// The banner; empty while the address holds the whole route.
#[component]
pub fn AddressBanner() -> impl IntoView {
    let router = use_router();
    move || {
        router.unwritten.get().map(|n| view! {
            <section class="banner" role="status" data-testid="address-unwritten">
                <p>{format!(
                    "This view's input would make the page's address {} long, and the address keeps at most {} KiB: it leaves that input out. Reloading the page, coming back to it, or sharing its address will not bring the input back.",
                    crate::dom::megabytes(u32::try_from(n).unwrap_or(u32::MAX)),
                    MAX_ADDRESS / 1024,
                )}</p>
            </section>
        })
    }
}
