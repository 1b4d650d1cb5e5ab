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
            view! {
                <li class="result" data-testid="check-result" data-passed=c.passed.to_string()>
                    <span class=class>{badge}</span>
                    " " <strong>{format!("{}. ", i + 1)}<Rich text=asks.get(i).cloned().unwrap_or_default()/></strong>
                    " " <span class="tag tag--quiet">{c.kind}</span>
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
