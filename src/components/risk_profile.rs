//! A role's risk notes grouped by category (privilege escalation, code execution,
//! secret read, ...), each with its level, its basis (documented or inferred) and
//! the operations it rests on. Shown on role pages, beside the editor and in compare.
//! A category's notes are drawn when it first opens (Owner's notes are about 13,500
//! characters of text that its page would otherwise lay out on every visit).
//! Permissions whose risk no source rates (`risk::unrated`) are listed under the
//! categories, so a role holding only those does not read "No risk flag."

use crate::components::fold::Drawn;
use crate::components::rich::rich_html;
use crate::components::rich::Rich;
use crate::dom::count;
use leptos::prelude::*;
use w365_engine::risk::{CategoryNotes, RiskNote, Unrated};

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
    /// Cloud PC permissions held whose risk no source rates.
    #[prop(optional)]
    unrated: Vec<Unrated>,
) -> impl IntoView {
    // A long list (Cloud PC Administrator holds about 40 unrated permissions)
    // starts closed, its count in the summary.
    let unrated_view = (!unrated.is_empty()).then(|| {
        let n = unrated.len();
        view! {
            <details class="riskcat__unrated" prop:open=n <= OPEN_ALL_UP_TO>
            <summary class="riskcat__unrated-title" data-testid="risk-unrated-title"><strong>"Not rated by any source"</strong>{format!(" ({}; Cloud PC permissions held whose risk is undocumented, not known to be low)", count(n, "permission", "permissions"))}</summary>
            <ul class="riskcat__notes" data-testid="risk-unrated">
                {unrated.into_iter().map(|u| view! {
                    <li class="riskcat__note">
                        <Rich text=u.message/>
                        <span class=format!("tag tag--{}", u.basis)>{u.basis}</span>
                        <span class="muted riskcat__why"><Rich text=u.reasoning/></span>
                    </li>
                }).collect_view()}
            </ul>
            </details>
        }
    });
    if profile.is_empty() {
        return match unrated_view {
            Some(v) => view! { <p class="muted" data-testid="risk-unknown">"Risk unknown: no source rates what this role holds."</p>{v} }.into_any(),
            None => view! { <p class="muted" data-testid="risk-none">"No risk flag."</p> }.into_any(),
        };
    }
    let total: usize = profile.iter().map(|c| c.notes.len()).sum();
    let printing = use_context::<crate::Printing>();
    view! {
        <ul class="riskcats" data-testid="risk-profile">
            {profile.into_iter().enumerate().map(|(i, c)| {
                let level = c.level.as_str();
                let n = c.notes.len();
                let open = !compact && (i == 0 || total <= OPEN_ALL_UP_TO);
                let drawn = Drawn::printed_by(open, printing);
                let notes = c.notes;
                view! {
                    <li class=format!("riskcat risk--{level}") data-category=c.label.clone() data-level=level>
                        <details prop:open=open on:toggle=move |ev| drawn.toggled(&ev)>
                            <summary>
                                <span class="risk__level">{level}</span>" "
                                <strong>{c.label.clone()}</strong>
                                <span class="muted">{format!(" · {}", count(n, "flag", "flags"))}</span>
                            </summary>
                            {move || drawn.get().then(|| view! { <div inner_html=notes_html(&notes)></div> })}
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
        {unrated_view}
    }
    .into_any()
}

/// One category's notes, each with its basis, reasoning and operations, as escaped
/// HTML (Owner's first category alone is about 90 elements).
fn notes_html(notes: &[RiskNote]) -> String {
    use std::fmt::Write as _;
    use w365_engine::text::escape_html as esc;
    let mut out = String::from(r#"<ul class="riskcat__notes">"#);
    for r in notes {
        out.push_str(r#"<li class="riskcat__note">"#);
        rich_html(&mut out, &r.message);
        let basis = esc(r.basis);
        let _ = write!(out, r#"<span class="tag tag--{basis}">{basis}</span>"#);
        if let Some(why) = &r.reasoning {
            out.push_str(r#"<span class="muted riskcat__why">"#);
            rich_html(&mut out, why);
            out.push_str("</span>");
        }
        if !r.operations.is_empty() {
            out.push_str(r#"<ul class="riskcat__ops">"#);
            for o in &r.operations {
                let _ = write!(
                    out,
                    r#"<li><code>{}</code> <span class="muted">{}</span></li>"#,
                    esc(&o.name),
                    esc(&o.description)
                );
            }
            let more = r.operation_count.saturating_sub(r.operations.len());
            if more > 0 {
                let _ = write!(out, r#"<li class="muted">and {more} more</li>"#);
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}
