//! The reasons behind a decision.

use crate::components::rich::Rich;
use leptos::prelude::*;
use w365_engine::evaluate::{Reason, ReasonKind};

fn label(k: ReasonKind) -> &'static str {
    match k {
        ReasonKind::Granted => "granted",
        ReasonKind::Excluded => "excluded",
        ReasonKind::Conditional => "conditional",
        ReasonKind::ConditionFalse => "condition false",
        ReasonKind::OutOfScope => "out of scope",
        ReasonKind::OutsideAssignableScopes => "not assignable here",
        ReasonKind::AssignableScopesUnknown => "maybe not assignable here",
        ReasonKind::RefusedAssignment => "not assignable here",
        ReasonKind::ScopeUnknown => "scope unknown",
        ReasonKind::OtherPrincipal => "another principal's",
        ReasonKind::PrincipalUnknown => "principal unknown",
        ReasonKind::WrongPlane => "other plane",
        ReasonKind::Denied => "deny assignment",
        ReasonKind::DenyScopeUnknown => "deny, scope unknown",
        ReasonKind::DenyNotApplied => "deny not applied",
        ReasonKind::DenyExempted => "deny exempted",
        ReasonKind::DenyPrincipalUnknown => "deny, principal unknown",
        ReasonKind::DenyConditional => "deny, condition",
        ReasonKind::NoGrant => "no grant",
        ReasonKind::NotInCatalog => "note",
        ReasonKind::Suggestion => "fix",
        ReasonKind::PlaneFromCatalog => "plane",
        ReasonKind::ActsAbove => "scope",
        ReasonKind::ScopeNotGiven => "scope",
        ReasonKind::StarSegment => "open question",
        ReasonKind::SourcesDisagree => "sources disagree",
    }
}

/// A list of reasons.
#[component]
pub fn Reasons(
    /// The reasons.
    reasons: Vec<Reason>,
) -> impl IntoView {
    if reasons.is_empty() {
        return view! { <p class="muted">"No current assignment grants any part of it."</p> }
            .into_any();
    }
    view! {
        <ul class="reasons">
            {reasons
                .into_iter()
                .map(|r| {
                    let conds = r.conditions.clone();
                    view! {
                        <li class=format!("reason reason--{}", label(r.kind).replace(' ', "-"))>
                            <span class="reason__kind">{label(r.kind)}</span>
                            <span class="reason__text"><Rich text=r.message.clone()/></span>
                            {(!conds.is_empty()).then(|| view! {
                                <details class="reason__conditions">
                                    <summary>"Condition"</summary>
                                    {conds.into_iter().map(|c| view! { <pre class="code">{c}</pre> }).collect_view()}
                                </details>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
