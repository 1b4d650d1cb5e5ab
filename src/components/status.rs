//! Badges for decisions and statuses: text and shape, never colour alone.

use leptos::prelude::*;
use w365_engine::evaluate::Decision;
use w365_engine::readiness::Status;

/// A status badge (allowed, denied, conditional).
#[component]
pub fn StatusBadge(
    /// The status.
    status: Status,
) -> impl IntoView {
    let (class, icon, label) = match status {
        Status::Allowed => ("badge badge--ok", "✓", "allowed"),
        Status::Denied => ("badge badge--no", "✗", "denied"),
        Status::Conditional => ("badge badge--maybe", "?", "conditional"),
    };
    view! {
        <span class=class data-status=label>
            <span aria-hidden="true">{icon}</span>
            " "
            {label}
        </span>
    }
}

/// A decision badge (allow, deny, conditional).
#[component]
pub fn DecisionBadge(
    /// The decision.
    decision: Decision,
) -> impl IntoView {
    view! { <StatusBadge status=Status::from(decision)/> }
}
