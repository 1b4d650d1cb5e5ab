//! A graded answer: the score, then each check passed or failed with the engine's
//! explanation.

use crate::components::rich::Rich;
use leptos::prelude::*;
use w365_engine::exercise::Grade;

/// The results of one Check.
#[component]
pub fn CheckResults(
    /// The grade.
    grade: Grade,
    /// What each check asks, in the grade's order.
    asks: Vec<String>,
) -> impl IntoView {
    let summary = if grade.passed {
        format!("Passed: {} of {} checks.", grade.score, grade.of)
    } else {
        format!("{} of {} checks pass.", grade.score, grade.of)
    };
    let rows = grade
        .checks
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let (badge, class) = if c.passed {
                ("passed", "badge badge--ok")
            } else {
                ("failed", "badge badge--no")
            };
            // The list numbers the checks; what each asks, else its kind in words
            // (the grader's own `deployable` check has no text of its own).
            let label = crate::components::check_picker::kind_label(c.kind).to_string();
            let ask = asks.get(i).cloned().filter(|a| !a.trim().is_empty()).unwrap_or_else(|| label.clone());
            view! {
                <li class="result" data-testid="check-result" data-passed=c.passed.to_string() data-kind=c.kind>
                    <span class=class>{badge}</span>
                    " " <strong><Rich text=ask/></strong>
                    " " <span class="tag tag--quiet">{label}</span>
                    <p class="result__why"><Rich text=c.explanation/></p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="results" aria-labelledby="results-title" data-testid="check-results">
            <h3 id="results-title" data-testid="training-score" class=if grade.passed { "ok" } else { "" }>{summary}</h3>
            <ol class="results__list">{rows}</ol>
        </section>
    }
}
