//! Grading an answer: each check passed or failed with why, in the engine's own
//! words (the reasons the rest of the app shows), and a score. Failed checks say
//! what is wrong or missing, never the fix: least-privileged suggestions and the
//! fixes of missing requirements are left out, so the solution stays hidden.

use super::check::Check;
use super::setup::Answer;
use super::Exercise;
use crate::bundle::Catalog;
use crate::evaluate::{Decision, Query, ReasonKind};
use crate::expand::{Expander, Expansion};
use crate::lint::{lint_role, Severity};
use crate::model::{Plane, Role};
use crate::readiness::Status;
use crate::risk::assess;
use crate::roleset::RoleRef;
use serde::Serialize;

/// Most reasons quoted in one explanation.
const MAX_REASONS: usize = 6;

/// One check, graded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    /// The check kind (`enables`, `allows`, ...).
    pub kind: &'static str,
    /// Whether the answer passes it.
    pub passed: bool,
    /// Why, in the engine's words.
    pub explanation: String,
}

/// An answer, graded: the shape `w365-perms grade` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grade {
    /// The exercise id.
    pub exercise: String,
    /// Every check passed.
    pub passed: bool,
    /// Checks passed.
    pub score: usize,
    /// Checks in all.
    pub of: usize,
    /// Each check, in the exercise's order.
    pub checks: Vec<CheckResult>,
}

pub(super) fn join(messages: impl IntoIterator<Item = String>) -> String {
    let all: Vec<String> = messages.into_iter().collect();
    let mut out: Vec<String> = all.iter().take(MAX_REASONS).cloned().collect();
    if all.len() > MAX_REASONS {
        out.push(format!("and {} more", all.len() - MAX_REASONS));
    }
    out.join("; ")
}

/// Evaluate one action where a check asks, with the engine's reasons.
fn decide(
    env: &crate::evaluate::Environment<'_>,
    action: &str,
    scope: Option<&crate::scope::Scope>,
    data_action: bool,
) -> (Decision, String) {
    let e = env.evaluate(&Query {
        action: action.to_string(),
        data_action: Some(data_action),
        scope: scope.cloned(),
        plane: None,
    });
    let at = scope.map(|s| format!(" at `{s}`")).unwrap_or_default();
    let what = match e.decision {
        Decision::Allow => "allowed",
        Decision::Deny => "denied",
        Decision::Conditional => "only conditionally allowed",
    };
    let reasons = join(
        e.reasons
            .iter()
            .filter(|r| r.kind != ReasonKind::Suggestion)
            .map(|r| r.message.clone()),
    );
    let text = if reasons.is_empty() {
        format!("`{action}`{at} is {what}")
    } else {
        format!("`{action}`{at} is {what}: {reasons}")
    };
    (e.decision, text)
}

/// Grade an answer against every check of an exercise.
pub fn grade(catalog: &Catalog, ex: &Exercise, answer: &Answer<'_>) -> Grade {
    let checks: Vec<CheckResult> = ex
        .checks
        .iter()
        .map(|c| {
            let (passed, explanation) = one(catalog, ex, c, answer);
            CheckResult {
                kind: c.kind(),
                passed,
                explanation,
            }
        })
        .collect();
    let mut checks = checks;
    if let Some(explanation) = undeployable(catalog, ex, answer) {
        checks.push(CheckResult {
            kind: "deployable",
            passed: false,
            explanation,
        });
    }
    let score = checks.iter().filter(|c| c.passed).count();
    Grade {
        exercise: ex.id.clone(),
        passed: score == checks.len(),
        score,
        of: checks.len(),
        checks,
    }
}

/// Why the answer could not be deployed as written, if it could not: an
/// assignment Azure refuses to create (outside its role's assignableScopes, a
/// custom role with DataActions at a management group), or, when the exercise
/// has no `lintClean` check of its own, a custom role with lint errors (a role
/// Azure or Graph refuses to create). Such an answer fails, whatever the
/// checks say: they are about what the roles would do once assigned (review of
/// 2026-12-05).
fn undeployable(catalog: &Catalog, ex: &Exercise, answer: &Answer<'_>) -> Option<String> {
    let env = &answer.env;
    let mut why: Vec<String> = env
        .refused_assignments()
        .into_iter()
        .map(|r| r.message)
        .collect();
    if !ex.checks.iter().any(|c| matches!(c, Check::LintClean)) {
        for r in env.roles.custom() {
            let found = lint_role(catalog, r, &[]);
            let first = found
                .iter()
                .find(|d| d.severity == Severity::Error)
                .map(|d| format!("{} ({})", d.message, d.code));
            if let Some(first) = first {
                why.push(format!(
                    "`{}` has {} and would be refused as written: {first}",
                    crate::text::shown_name(&r.name),
                    plural(
                        crate::lint::count(&found, Severity::Error),
                        "lint error",
                        "lint errors"
                    )
                ));
            }
        }
    }
    (!why.is_empty()).then(|| {
        format!(
            "the answer cannot be deployed as written, so it does not pass: {}",
            join(why)
        )
    })
}

fn one(catalog: &Catalog, ex: &Exercise, check: &Check, answer: &Answer<'_>) -> (bool, String) {
    let env = &answer.env;
    match check {
        Check::Enables {
            operation,
            allow_conditional,
        } => enables(catalog, ex, answer, operation, true, *allow_conditional),
        Check::NotEnables { operation } => enables(catalog, ex, answer, operation, false, false),
        Check::Allows {
            action,
            scope,
            data_action,
        }
        | Check::Denies {
            action,
            scope,
            data_action,
            ..
        } => {
            let want = if matches!(check, Check::Allows { .. }) {
                Decision::Allow
            } else {
                Decision::Deny
            };
            let (decision, text) = decide(env, action, scope.as_ref(), *data_action);
            if decision != want {
                return (false, text);
            }
            // A grant below the scope is a grant there too (review G H1).
            if let (
                Check::Denies {
                    and_below: true, ..
                },
                Some(top),
            ) = (check, scope)
            {
                let mut below: Vec<&crate::scope::Scope> = env
                    .assignments
                    .iter()
                    .filter_map(|a| a.scope.as_ref())
                    .filter(|s| s.normalized() != top.normalized() && top.is_ancestor_or_self(s))
                    .filter(|s| may_be_at(action, s))
                    .collect();
                crate::order::sort_by_key(&mut below, |s| s.normalized());
                below.dedup_by_key(|s| s.normalized());
                for s in below {
                    let (d, why) = decide(env, action, Some(s), *data_action);
                    if d != Decision::Deny {
                        // What fails first; what holds at the scope itself after
                        // (review s43: "is denied ..., but below it ... is allowed"
                        // read as a pass).
                        return (
                            false,
                            format!(
                                "{why}; that scope lies below `{top}`, where the check asks for a denial at every scope too (at `{top}` itself: {text})"
                            ),
                        );
                    }
                }
                return (
                    true,
                    format!("{text}, and at every scope below it where the answer assigns a role and what the action acts on may be"),
                );
            }
            (true, text)
        }
        Check::OnlyBuiltIn { roles } => {
            let mut extra: Vec<String> = Vec::new();
            for a in &env.assignments {
                if !matches!(a.role, RoleRef::Builtin(_)) {
                    continue;
                }
                let Some(r) = env.roles.get(a.role) else {
                    continue;
                };
                let allowed = roles.iter().any(|x| x.eq_ignore_ascii_case(&r.name));
                let named = format!("`{}`", r.name);
                if !allowed && !extra.contains(&named) {
                    extra.push(named);
                }
            }
            if extra.is_empty() {
                (
                    true,
                    "no built-in role is assigned beyond those the exercise allows".to_string(),
                )
            } else {
                (
                    false,
                    format!(
                        "{} assigned beyond what the exercise allows: {}",
                        plural(extra.len(), "built-in role", "built-in roles"),
                        join(extra)
                    ),
                )
            }
        }
        Check::NoRisk { level } => {
            let mut seen: Vec<RoleRef> =
                (0..env.roles.custom().len()).map(RoleRef::Custom).collect();
            let mut known: std::collections::HashSet<RoleRef> = seen.iter().copied().collect();
            for a in &env.assignments {
                if known.insert(a.role) {
                    seen.push(a.role);
                }
            }
            let mut found = Vec::new();
            for r in &seen {
                let (Some(role), Some(x)) = (env.roles.get(*r), env.roles.expansion(*r)) else {
                    continue;
                };
                for n in assess(catalog, role, x) {
                    if n.level <= *level {
                        found.push(format!(
                            "`{}`: {}: {}{}",
                            role.name,
                            n.level.as_str(),
                            n.message,
                            if n.basis == "inferred" {
                                " (inferred)"
                            } else {
                                ""
                            }
                        ));
                    }
                }
            }
            if found.is_empty() {
                let names: Vec<String> = seen
                    .iter()
                    .filter_map(|r| env.roles.get(*r).map(|x| format!("`{}`", x.name)))
                    .collect();
                let text = if names.is_empty() {
                    "the answer uses no roles, so nothing is at risk".to_string()
                } else {
                    format!(
                        "no risk note at {} or above in {}",
                        level.as_str(),
                        names.join(", ")
                    )
                };
                (true, text)
            } else {
                (
                    false,
                    format!(
                        "{} at {} or above: {}",
                        plural(found.len(), "risk note", "risk notes"),
                        level.as_str(),
                        join(found)
                    ),
                )
            }
        }
        Check::MaxPermissions { count } => {
            // Each listed grant line counts once, a wildcard too (issue 8); what a
            // wildcard grants once expanded is said beside, as `maxGranted` counts it.
            let per = custom_counts(catalog, env);
            let total: usize = per.iter().map(|(_, n, _)| n).sum();
            let granted: usize = per.iter().map(|(_, _, g)| g).sum();
            let detail = per
                .iter()
                .map(|(name, n, _)| format!("`{name}`: {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let text = if per.is_empty() {
                format!("the answer has no custom roles (0 permissions; at most {count})")
            } else {
                format!(
                    "the custom roles list {}, a wildcard counting as one ({detail}); at most {count}{}",
                    plural(total, "permission or action", "permissions and actions"),
                    if granted > total {
                        format!(
                            "; once wildcards are expanded they grant {} (what `maxGranted` counts)",
                            crate::text::thousands(granted)
                        )
                    } else {
                        String::new()
                    }
                )
            };
            (total <= *count, text)
        }
        Check::MaxGranted { count } => {
            let per = custom_counts(catalog, env);
            let total: usize = per.iter().map(|(_, _, n)| n).sum();
            let detail = per
                .iter()
                .map(|(name, p, n)| {
                    format!("`{name}`: {n} from {}", plural(*p, "pattern", "patterns"))
                })
                .collect::<Vec<_>>()
                .join(", ");
            let text = if per.is_empty() {
                format!("the answer has no custom roles (0 permissions; at most {count})")
            } else {
                format!(
                    "the custom roles grant {} once wildcards are expanded and exclusions removed ({detail}); at most {count}",
                    plural(total, "permission or action", "permissions and actions")
                )
            };
            (total <= *count, text)
        }
        Check::WithinSolution => {
            super::within::within_solution(catalog, answer, &ex.solution.answer(catalog))
        }
        Check::LintClean => {
            let mut errors = Vec::new();
            // Counted as the lint counts them (a line for the findings not listed
            // stands for them all).
            let mut found = 0;
            for r in env.roles.custom() {
                let diagnostics = lint_role(catalog, r, &[]);
                found += crate::lint::count(&diagnostics, Severity::Error);
                for d in diagnostics {
                    if d.severity == Severity::Error {
                        let help = d.help.map(|h| format!(" ({h})")).unwrap_or_default();
                        errors.push(format!(
                            "`{}`: error[{}]: {}{help}",
                            r.name, d.code, d.message
                        ));
                    }
                }
            }
            if errors.is_empty() {
                let names: Vec<String> = env
                    .roles
                    .custom()
                    .iter()
                    .map(|r| format!("`{}`", r.name))
                    .collect();
                let text = if names.is_empty() {
                    "the answer has no custom roles to lint".to_string()
                } else {
                    format!("no lint errors in {}", names.join(", "))
                };
                (true, text)
            } else {
                (
                    false,
                    format!(
                        "{}: {}",
                        plural(found, "lint error", "lint errors"),
                        join(errors)
                    ),
                )
            }
        }
        Check::Sees {
            object,
            visible,
            actionable,
            allow_conditional,
        } => super::sees::sees(
            answer,
            ex.start.scope_tags.as_ref().map(|t| t.objects.as_slice()),
            object,
            *visible,
            actionable.map(|a| (a, *allow_conditional)),
        ),
    }
}

fn enables(
    catalog: &Catalog,
    ex: &Exercise,
    answer: &Answer<'_>,
    id: &str,
    want: bool,
    allow_conditional: bool,
) -> (bool, String) {
    let Some(op) = catalog.windows365.operation(id) else {
        return (false, format!("unknown operation `{id}`"));
    };
    let ctx = ex.context.resolve(&answer.env);
    let r = answer.env.operation(op, &ctx);
    let name = &op.name;
    match r.status {
        Status::Allowed => {
            let why = join(
                r.reasons
                    .iter()
                    .filter(|x| x.kind == ReasonKind::Granted)
                    .map(|x| x.message.clone()),
            );
            (want, format!("“{name}” is allowed: {why}"))
        }
        Status::Conditional => {
            let notes: Vec<String> = r
                .reasons
                .iter()
                .filter(|x| matches!(x.kind, ReasonKind::NoGrant | ReasonKind::Conditional))
                .map(|x| x.message.clone())
                .collect();
            let why = if notes.is_empty() {
                join(r.reasons.iter().map(|x| x.message.clone()))
            } else {
                join(notes)
            };
            (
                want && allow_conditional,
                format!("“{name}” is only conditional: {why}"),
            )
        }
        Status::Denied => {
            let missing = join(r.missing.iter().map(|m| m.requirement.clone()));
            (!want, format!("“{name}” is denied: missing {missing}"))
        }
    }
}

/// Per custom role of the answer: its name, the lines it lists
/// ([`permission_count`], what `maxPermissions` counts) and what they grant
/// ([`effective_count`], what `maxGranted` counts).
fn custom_counts(
    catalog: &Catalog,
    env: &crate::evaluate::Environment<'_>,
) -> Vec<(String, usize, usize)> {
    let mut expander = Expander::new(catalog);
    env.roles
        .custom()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let granted = env
                .roles
                .expansion(RoleRef::Custom(i))
                .map_or(0, |x| effective_count(&mut expander, r, x));
            (r.name.clone(), permission_count(r), granted)
        })
        .collect()
}

/// A custom role's distinct grant patterns (actions and data actions, a wildcard
/// counting as one), as `maxPermissions` counts them; exclusions do not count.
/// `maxGranted` counts what the patterns grant instead ([`effective_count`]).
pub fn permission_count(role: &crate::model::Role) -> usize {
    // A line with whitespace in or around it grants nothing (lint's `whitespace`
    // error), as `effective_count` reads it (a re-check review: the two checks
    // disagreed on a padded copy of a line).
    let granting =
        |p: &&crate::pattern::ActionPattern| !p.as_str().chars().any(char::is_whitespace);
    let mut seen: std::collections::HashSet<(u8, String)> = std::collections::HashSet::new();
    for b in &role.blocks {
        seen.extend(
            b.actions
                .iter()
                .filter(granting)
                .map(|p| (0, p.lower().to_string())),
        );
        seen.extend(
            b.data_actions
                .iter()
                .filter(granting)
                .map(|p| (1, p.lower().to_string())),
        );
    }
    // A Microsoft Entra custom role's lines are its directory permissions (a
    // re-check review: they counted 0, so any Entra role passed `maxPermissions`).
    seen.extend(
        role.entra_actions
            .iter()
            .filter(|a| !a.action.chars().any(char::is_whitespace))
            .map(|a| (2, a.action.to_ascii_lowercase())),
    );
    seen.len()
}

/// What a custom role effectively grants, as `maxGranted` counts it: the
/// Cloud PC and Intune permissions, Azure actions and data actions (conditional
/// ones included) and Entra resource actions its patterns match once wildcards are
/// expanded and `NotActions` / `excludedResourceActions` removed, plus one for each
/// grant pattern that matches nothing in the catalog (what it grants is unknown, so
/// it is not free).
pub fn effective_count(expander: &mut Expander<'_>, role: &Role, x: &Expansion) -> usize {
    let plane = role.plane();
    let unknown = if plane == Plane::Entra {
        0
    } else {
        let mut seen = std::collections::HashSet::new();
        role.blocks
            .iter()
            .flat_map(|b| {
                let actions = b.actions.iter().map(|p| (false, p));
                actions.chain(b.data_actions.iter().map(|p| (true, p)))
            })
            // A name with whitespace around or in it grants nothing (names are
            // compared as written; lint's `whitespace` error): not a permission,
            // and not the one it pads counted twice (an outside review).
            .filter(|(_, p)| !p.as_str().chars().any(char::is_whitespace))
            .filter(|(data, p)| seen.insert((*data, p.lower())))
            .filter(|(data, p)| expander.count(plane, p, *data) == 0)
            .count()
    };
    x.cloud_pc.count()
        + x.intune.count()
        + x.granted.count()
        + x.conditional.count()
        + x.entra.len()
        + unknown
}

/// Whether what `action` acts on may be at or below scope `s`: not when `s` is a
/// resource of the action's own provider namespace whose type the action's is not
/// under (a virtual network is never below a network interface: outside review
/// of 2026-12-06). Another namespace's action may act on an extension resource
/// there (role assignments on a network interface), so it is kept.
fn may_be_at(action: &str, s: &crate::scope::Scope) -> bool {
    let lower = s.as_str().to_ascii_lowercase();
    let Some(at) = lower.rfind("/providers/") else {
        return true;
    };
    let parts: Vec<&str> = lower[at + "/providers/".len()..]
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let Some((namespace, rest)) = parts.split_first() else {
        return true;
    };
    if rest.is_empty() {
        return true;
    }
    let action = action.to_ascii_lowercase();
    if action.split('/').next() != Some(namespace) {
        return true;
    }
    let kind: Vec<&str> = std::iter::once(*namespace)
        .chain(rest.iter().step_by(2).copied())
        .collect();
    action.starts_with(&format!("{}/", kind.join("/")))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        crate::text::thousands(n),
        if n == 1 { one } else { many }
    )
}

#[cfg(test)]
mod tests {
    use super::may_be_at;
    use crate::scope::Scope;

    #[test]
    fn an_action_is_looked_for_only_where_its_resource_may_be() {
        let s = |t: &str| Scope::parse(t).unwrap();
        let rg = "/subscriptions/s1/resourceGroups/rg";
        let nic = s(&format!(
            "{rg}/providers/Microsoft.Network/networkInterfaces/nic1"
        ));
        let vnet = s(&format!(
            "{rg}/providers/Microsoft.Network/virtualNetworks/v1"
        ));
        let subnet = s(&format!(
            "{rg}/providers/Microsoft.Network/virtualNetworks/v1/subnets/a"
        ));
        assert!(!may_be_at("Microsoft.Network/virtualNetworks/write", &nic));
        assert!(may_be_at("Microsoft.Network/virtualNetworks/write", &vnet));
        assert!(may_be_at(
            "microsoft.network/VIRTUALNETWORKS/subnets/write",
            &vnet
        ));
        assert!(!may_be_at(
            "Microsoft.Network/virtualNetworks/write",
            &subnet
        ));
        assert!(may_be_at(
            "Microsoft.Network/virtualNetworks/subnets/join/action",
            &subnet
        ));
        // Role assignments are extension resources: on a network interface too.
        assert!(may_be_at(
            "Microsoft.Authorization/roleAssignments/write",
            &nic
        ));
        assert!(may_be_at("Microsoft.Network/virtualNetworks/write", &s(rg)));
        assert!(may_be_at(
            "Microsoft.Network/virtualNetworks/write",
            &s("/subscriptions/s1")
        ));
    }
}
