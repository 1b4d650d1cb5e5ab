//! Lint findings: every problem, where it is, and how to fix it.

use crate::components::rich::Rich;
use leptos::prelude::*;
use w365_engine::lint::{Diagnostic, Severity};

/// The findings of a role.
#[component]
pub fn LintPanel(
    /// The findings.
    diagnostics: Signal<Vec<Diagnostic>>,
    /// Whether the role has been begun (Compose): a new role's checks say how to
    /// begin rather than list errors about an empty form.
    #[prop(optional, into)]
    begun: Option<Signal<bool>>,
) -> impl IntoView {
    let idle = move || begun.is_some_and(|b| !b.get());
    view! {
        <section class="lint" aria-labelledby="lint-title" data-testid="lint">
            <h3 id="lint-title">
                "Checks"
                {move || (!idle()).then(|| diagnostics.with(|d| {
                    let e = w365_engine::lint::count(d, Severity::Error);
                    let w = w365_engine::lint::count(d, Severity::Warning);
                    format!(" ({}, {})", crate::dom::count(e, "error", "errors"), crate::dom::count(w, "warning", "warnings"))
                }))}
            </h3>
            {move || {
                if idle() {
                    return view! { <p class="muted" data-testid="lint-start">"Add a permission to begin; the role is checked as soon as it grants something."</p> }.into_any();
                }
                let d = diagnostics.get();
                if d.is_empty() {
                    return view! { <p class="ok" data-testid="lint-clean">"No problems found."</p> }.into_any();
                }
                view! {
                    <ul class="diags">
                        {d.into_iter().map(|x| {
                            let sev = x.severity.as_str();
                            view! {
                                <li class=format!("diag diag--{sev}") data-code=x.code>
                                    <span class="diag__sev">{sev}</span>
                                    <span class="diag__msg"><Rich text=x.message.clone()/></span>
                                    {x.help.clone().map(|h| view! { <span class="diag__help"><Rich text=h/></span> })}
                                    {x.path.clone().map(|p| view! { <span class="diag__at muted">{format!("{p} line {} column {}", x.line.unwrap_or(0), x.column.unwrap_or(0))}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}
