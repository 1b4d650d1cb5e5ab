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
    /// The start already passes every check the exercise states (failing only
    /// the grader's own `deployable` leaves nothing to do once a typo is fixed).
    #[error("the start already passes every check of the exercise, so there is nothing to do")]
    StartPasses,
    /// An assignment of the solution cannot be used.
    #[error("the solution's {0}")]
    SolutionUnusable(String),
    /// An assignment of the start cannot be used.
    #[error("the start's {0}")]
    StartUnusable(String),
    /// A warning on the start or the solution: a key of a role that is ignored (a
    /// misspelt `notActions` would change what the role grants), or a scope a
    /// tenant-wide role does not read.
    #[error("the {0}'s {1}")]
    Warning(&'static str, String),
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
                .warnings
                .iter()
                .map(|k| Invalid::Warning(which, k.clone())),
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
    // Every assignment of the start can be made too: one Azure refuses is no
    // situation a student meets (outside review of 2026-12-06: the solution's were
    // checked, the start's not). A custom role of the start with lint errors may
    // be the exercise (a role to repair), so only refused assignments count here.
    out.extend(
        start
            .env
            .refused_assignments()
            .into_iter()
            .map(|r| Invalid::StartUnusable(format!("assignment cannot be made: {}", r.message))),
    );
    // The start must fail a check the exercise states: failing only the grader's
    // own `deployable` (a typo in a custom role) leaves nothing to do once the
    // typo is fixed (the same review: a start with a misspelt permission and a
    // check no answer fails was valid).
    let stated = ex.checks.len();
    if grade(catalog, ex, &start)
        .checks
        .iter()
        .take(stated)
        .all(|c| c.passed)
    {
        out.push(Invalid::StartPasses);
    }
    if ex.checks.iter().any(|c| matches!(c, Check::Sees { .. })) && ex.start.scope_tags.is_none() {
        out.push(Invalid::NoScenario);
    }
    out
}
