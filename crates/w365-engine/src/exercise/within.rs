//! The `withinSolution` check: the answer grants nothing the exercise's model
//! solution does not, at any scope.
//!
//! What a set of assignments grants at a scope is the union of the expansions of
//! the assignments that reach it. Going down from a scope, an answer's grants grow
//! only at its own assignment scopes, and the solution's never shrink, so comparing
//! the two at each scope where the answer assigns an Azure role (and tenant-wide,
//! for its Entra, Cloud PC and Intune roles and the roles of its scope-tag
//! assignments) decides every scope. An assignment reaches a scope when it surely
//! does: one at a management group is compared at the management group itself,
//! where it surely reaches (an identical answer and solution never differ).

use super::setup::Answer;
use crate::bundle::Catalog;
use crate::containment::{pair_with_limit, within, Side};
use crate::evaluate::Environment;
use crate::expand::Expansion;
use crate::scope::{Coverage, Scope};

/// Most extra operations named per scope.
const NAMED: usize = 4;

/// What `env` grants at `at` (`None`: tenant-wide), from the assignments that
/// surely reach it.
fn grants(catalog: &Catalog, env: &Environment<'_>, at: Option<&Scope>) -> Expansion {
    let mut out = Expansion::empty(catalog);
    for a in &env.assignments {
        if reaches(env, a, at) {
            if let Some(e) = env.roles.expansion(a.role) {
                out.union_with(e);
            }
        }
    }
    out
}

fn reaches(env: &Environment<'_>, a: &crate::evaluate::Assignment, at: Option<&Scope>) -> bool {
    match (&a.scope, at) {
        (None, None) => true,
        (Some(s), Some(t)) => env.hierarchy.covers(s, t) == Coverage::Yes,
        _ => false,
    }
}

/// The solution's grants at a place, with the actions outside the catalog the
/// answer grants there that the solution's roles grant by text (a wildcard).
fn covered(
    solution: &Answer<'_>,
    at: Option<&Scope>,
    answer: &Expansion,
    mut b: Expansion,
) -> Expansion {
    if answer.outside.is_empty() {
        return b;
    }
    let mut roles: Vec<&crate::model::Role> = solution
        .env
        .assignments
        .iter()
        .filter(|a| reaches(&solution.env, a, at))
        .filter_map(|a| solution.env.roles.get(a.role))
        .collect();
    if at.is_none() {
        if let Some((_, list, _)) = &solution.tags {
            roles.extend(list.iter().filter_map(|a| solution.env.roles.get(a.role)));
        }
    }
    crate::expand::cover_outside(&roles, &answer.outside, &mut b);
    b
}

/// The tenant-wide grants plus the roles of the scope-tag assignments.
fn tenant(catalog: &Catalog, answer: &Answer<'_>) -> Expansion {
    let mut out = grants(catalog, &answer.env, None);
    if let Some((_, list, _)) = &answer.tags {
        for a in list {
            if let Some(e) = answer.env.roles.expansion(a.role) {
                out.union_with(e);
            }
        }
    }
    out
}

/// Grade the answer: (passed, why).
pub(super) fn within_solution(
    catalog: &Catalog,
    answer: &Answer<'_>,
    solution: &Answer<'_>,
) -> (bool, String) {
    let mut scopes: Vec<&Scope> = answer
        .env
        .assignments
        .iter()
        .filter_map(|a| a.scope.as_ref())
        .collect();
    crate::order::sort_by_key(&mut scopes, |s| s.normalized());
    scopes.dedup_by_key(|s| s.normalized());
    let mut extra = Vec::new();
    let mut places: Vec<(String, Expansion, Expansion)> = vec![(
        "tenant-wide".to_string(),
        tenant(catalog, answer),
        tenant(catalog, solution),
    )];
    for s in &scopes {
        places.push((
            format!("at `{s}`"),
            grants(catalog, &answer.env, Some(s)),
            grants(catalog, &solution.env, Some(s)),
        ));
    }
    let mut at: Vec<Option<&Scope>> = vec![None];
    at.extend(scopes.iter().map(|s| Some(*s)));
    let places: Vec<(String, Expansion, Expansion)> = places
        .into_iter()
        .zip(at)
        .map(|((place, a, b), at)| {
            let b = covered(solution, at, &a, b);
            (place, a, b)
        })
        .collect();
    for (place, a, b) in &places {
        if within(a, b) {
            continue;
        }
        let p = pair_with_limit(catalog, ("answer", a), ("solution", b), NAMED);
        let named: Vec<String> = p
            .breaking
            .iter()
            .filter(|x| x.side == Side::A)
            .map(|x| format!("`{}`", x.operation))
            .collect();
        let more = p.a_only.saturating_sub(named.len());
        extra.push(format!(
            "{place}: {}{}",
            named.join(", "),
            if more > 0 {
                format!(" and {} more", crate::text::thousands(more))
            } else {
                String::new()
            }
        ));
    }
    if extra.is_empty() {
        (
            true,
            format!(
                "the answer grants nothing beyond what the task needs, tenant-wide and at {}",
                match scopes.len() {
                    0 => "no Azure scope (it assigns no Azure role)".to_string(),
                    1 => "the one scope where it assigns an Azure role".to_string(),
                    n => format!("each of the {n} scopes where it assigns an Azure role"),
                }
            ),
        )
    } else {
        (
            false,
            format!(
                "the answer grants more than the task needs: {}",
                extra.join("; ")
            ),
        )
    }
}
