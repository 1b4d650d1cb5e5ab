//! Is an exercise usable? Its solution must pass every check, its start must fail
//! at least one, a scope-tag exercise must give the student a scenario to work
//! on, and no key of their roles may be ignored. Every problem is reported.

use super::check::Check;
use super::grade::grade;
use super::Exercise;
use crate::bundle::Catalog;

/// Why an exercise cannot be shared as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    /// The solution fails a check.
    #[error("the solution fails check {number} (`{kind}`): {explanation}")]
    SolutionFails {
        /// 1-based check number.
        number: usize,
        /// Its kind.
        kind: &'static str,
        /// The grader's explanation.
        explanation: String,
    },
    /// The start already passes every check.
    #[error("the start already passes every check, so there is nothing to do")]
    StartPasses,
    /// An assignment of the solution cannot be used.
    #[error("the solution's {0}")]
    SolutionUnusable(String),
    /// An assignment of the start cannot be used.
    #[error("the start's {0}")]
    StartUnusable(String),
    /// A key of a role of the start or the solution that is ignored (a misspelt
    /// `notActions` would change what the role grants).
    #[error("the {0}'s {1}")]
    IgnoredKey(&'static str, String),
    /// `sees` checks without a scenario in the start.
    #[error("the checks ask about scope tags (`sees`), but the start has no `scopeTags` scenario for the student to work on")]
    NoScenario,
}

/// Every reason the exercise cannot be shared; empty when it can.
pub fn validate(catalog: &Catalog, ex: &Exercise) -> Vec<Invalid> {
    let mut out = Vec::new();
    for (which, setup) in [("start", &ex.start), ("solution", &ex.solution)] {
        out.extend(
            setup
                .ignored_keys
                .iter()
                .map(|k| Invalid::IgnoredKey(which, k.clone())),
        );
    }
    let solution = ex.solution.answer(catalog);
    out.extend(
        solution
            .problems
            .iter()
            .cloned()
            .map(Invalid::SolutionUnusable),
    );
    let g = grade(catalog, ex, &solution);
    for (i, c) in g.checks.iter().enumerate() {
        if !c.passed {
            out.push(Invalid::SolutionFails {
                number: i + 1,
                kind: c.kind,
                explanation: c.explanation.clone(),
            });
        }
    }
    let start = ex.start.answer(catalog);
    out.extend(start.problems.iter().cloned().map(Invalid::StartUnusable));
    if grade(catalog, ex, &start).passed {
        out.push(Invalid::StartPasses);
    }
    if ex.checks.iter().any(|c| matches!(c, Check::Sees { .. })) && ex.start.scope_tags.is_none() {
        out.push(Invalid::NoScenario);
    }
    out
}
