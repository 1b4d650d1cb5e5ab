//! A role's risk notes grouped by category (privilege escalation, code execution,
//! secret read, ...), each with its level, its basis (documented or inferred) and
//! the operations it rests on. Shown on role pages, beside the editor and in compare.
//! A category's notes are drawn when it first opens (Owner's notes are about 13,500
//! characters of text that its page would otherwise lay out on every visit).

use crate::components::fold::Drawn;
use crate::components::rich::Rich;
use crate::dom::count;
use leptos::prelude::*;
use w365_engine::risk::{CategoryNotes, RiskNote};

/// Up to this many notes in all, a page shows every category open; past it, only
/// the most serious one.
const OPEN_ALL_UP_TO: usize = 8;

/// The notes, by category; nothing when there are none.
#[component]
pub fn RiskProfile(
    /// The notes by category, most serious first.
    profile: Vec<CategoryNotes>,
    /// Heading level 2 (a page section) or 3 (a side panel).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    if profile.is_empty() {
        return view! { <p class="muted" data-testid="risk-none">"No risk flag."</p> }.into_any();
    }
    let total: usize = profile.iter().map(|c| c.notes.len()).sum();
    view! {
        <ul class="riskcats" data-testid="risk-profile">
            {profile.into_iter().enumerate().map(|(i, c)| {
                let level = c.level.as_str();
                let n = c.notes.len();
                let open = !compact && (i == 0 || total <= OPEN_ALL_UP_TO);
                let drawn = Drawn::new(open);
                let notes = c.notes;
                view! {
                    <li class=format!("riskcat risk--{level}") data-category=c.label.clone() data-level=level>
                        <details prop:open=open on:toggle=move |ev| drawn.toggled(&ev)>
                            <summary>
                                <span class="risk__level">{level}</span>" "
                                <strong>{c.label.clone()}</strong>
                                <span class="muted">{format!(" · {}", count(n, "flag", "flags"))}</span>
                            </summary>
                            {move || drawn.get().then(|| notes_list(notes.clone()))}
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// One category's notes, each with its basis, reasoning and operations.
fn notes_list(notes: Vec<RiskNote>) -> impl IntoView {
    view! {
        <ul class="riskcat__notes">
            {notes.into_iter().map(|r| {
                let ops = r.operations;
                let more = r.operation_count.saturating_sub(ops.len());
                view! {
                    <li class="riskcat__note">
                        <Rich text=r.message/>
                        <span class=format!("tag tag--{}", r.basis)>{r.basis}</span>
                        {r.reasoning.map(|why| view! { <span class="muted riskcat__why"><Rich text=why/></span> })}
                        {(!ops.is_empty()).then(|| view! {
                            <ul class="riskcat__ops">
                                {ops.into_iter().map(|o| view! { <li><code>{o.name}</code>" "<span class="muted">{o.description}</span></li> }).collect_view()}
                                {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
