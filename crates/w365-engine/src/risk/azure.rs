//! The Azure flags of [`super::model`] applied to one role's effective operations.
//!
//! A flag fires when the role grants one of its operations outright; when the role
//! grants them only under a condition it fires one level lower and says so. Pattern
//! flags (`*`, `*/write`) fire on the pattern in `Actions` rated by what it
//! effectively grants, `Actions - NotActions` of its block (semantics §3): in full
//! at the flag's level, partly one level lower with the NotActions named, not at
//! all when the NotActions remove everything or leave only reads (what `*/read`
//! grants, which no flag rates); the provider-wide data flag looks at `DataActions`
//! wildcards of the form `Provider/*`.
//! `broadLevel` applies when the role can be assigned at a subscription or above.

use super::{Level, RiskNote, RiskOperation, OPERATIONS_SHOWN};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::expand::{Expander, Expansion};
use crate::model::Role;
use crate::risk::model::RiskFlag;
use crate::scope::{Scope, ScopeKind};

/// Whether the role can be assigned at a subscription, a management group or `/`.
fn broad(role: &Role) -> bool {
    role.assignable_scopes.iter().any(|s| {
        Scope::parse(s).is_ok_and(|s| {
            matches!(
                s.kind(),
                ScopeKind::Root | ScopeKind::ManagementGroup(_) | ScopeKind::Subscription(_)
            )
        })
    })
}

fn base(flag: &RiskFlag, level: Level, message: String) -> RiskNote {
    RiskNote {
        level,
        category: flag.category,
        code: flag.category.code(),
        flag: flag.id.clone(),
        message,
        basis: if flag.documented {
            "documented"
        } else {
            "inferred"
        },
        reasoning: flag.reasoning.clone(),
        operations: Vec::new(),
        operation_count: 0,
        conditional: false,
        sources: flag.sources.clone(),
    }
}

/// "`a` (what a does), `b` (...)" for up to three operations, else a count and the
/// first three names.
fn list(catalog: &Catalog, set: &BitSet) -> (String, Vec<RiskOperation>, usize) {
    let ops = &catalog.operations;
    let n = set.count();
    let shown: Vec<RiskOperation> = set
        .iter()
        .take(OPERATIONS_SHOWN)
        .map(|i| RiskOperation {
            name: ops.name(i).to_string(),
            data_action: ops.is_data(i),
            description: ops.description(i).trim().to_string(),
        })
        .collect();
    let text = if n <= 3 {
        shown
            .iter()
            .map(|o| {
                if o.description.is_empty() {
                    format!("`{}`", o.name)
                } else {
                    format!("`{}` ({})", o.name, o.description.trim_end_matches('.'))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        let first: Vec<String> = shown
            .iter()
            .take(3)
            .map(|o| format!("`{}`", o.name))
            .collect();
        format!("{n} operations, such as {}", first.join(", "))
    };
    (text, shown, n)
}

/// The note of a pattern flag for `pattern` (lowercase) in the role's Actions, rated
/// by what the pattern grants once its block's NotActions are subtracted
/// (`Actions - NotActions = Effective control plane permissions`, semantics §3):
/// the block where it grants most decides.
fn pattern_note(
    catalog: &Catalog,
    role: &Role,
    flag: &RiskFlag,
    level: Level,
    pattern: &str,
    expander: &mut Expander<'_>,
    held: &crate::bitset::BitSet,
) -> Option<RiskNote> {
    let ops = &catalog.operations;
    let mut best: Option<(usize, RiskNote)> = None;
    for block in &role.blocks {
        let Some(p) = block.actions.iter().find(|a| a.lower() == pattern) else {
            continue;
        };
        let matched = expander.match_set(std::slice::from_ref(p), false);
        let mut left = matched.clone();
        left.subtract(&expander.match_set(&block.not_actions, false));
        // What deny assignments took from the expansion (`held`: what it grants,
        // outright or under a condition) is not held either (review s43 T4: Owner
        // under a deny of all but reads kept "everything").
        let before = left.count();
        left.intersect_with(held);
        let denied = before - left.count();
        let (m, r) = (matched.count(), left.count());
        let (rank, note) = if denied > 0 {
            if r == 0 || left.iter().all(|i| ops.lower(i).ends_with("/read")) {
                continue;
            }
            // One level lower for the NotActions (as below), one more for the
            // denies.
            let lowered = if block.not_actions.is_empty() {
                level.lower()
            } else {
                level.lower().lower()
            };
            (
                2,
                base(
                    flag,
                    lowered,
                    format!(
                        "`{p}` in Actions{}, less what deny assignments block ({}): grants {} of the {} control-plane operations `{p}` matches, where the deny assignments apply",
                        if block.not_actions.is_empty() { "" } else { " less its NotActions" },
                        crate::text::thousands(denied),
                        crate::text::thousands(r),
                        crate::text::thousands(m),
                    ),
                ),
            )
        } else if r == m {
            (
                3,
                base(flag, level, format!("`{p}` in Actions: {}", flag.what)),
            )
        } else if r == 0 {
            continue;
        } else if left.iter().all(|i| ops.lower(i).ends_with("/read")) {
            // Reads only: what `*/read` grants (Reader), which no flag rates; the
            // flags of the operations themselves still apply.
            continue;
        } else {
            let nots: Vec<String> = block
                .not_actions
                .iter()
                .take(4)
                .map(|n| format!("`{n}`"))
                .collect();
            let more = block.not_actions.len().saturating_sub(nots.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            (
                2,
                base(
                    flag,
                    level.lower(),
                    format!(
                        "`{p}` in Actions less its NotActions {}{more}: grants {} of the {} control-plane operations `{p}` matches, and future ones of every provider that those NotActions do not remove",
                        nots.join(", "),
                        crate::text::thousands(r),
                        crate::text::thousands(m),
                    ),
                ),
            )
        };
        if best.as_ref().is_none_or(|(b, _)| rank > *b) {
            best = Some((rank, note));
        }
    }
    best.map(|(_, n)| n)
}

pub(super) fn assess(catalog: &Catalog, role: &Role, ex: &Expansion) -> Vec<RiskNote> {
    let model = &catalog.azure_risks;
    let sets = model.sets(&catalog.operations);
    let wide = broad(role);
    let mut expander = Expander::new(catalog);
    let mut held = ex.granted.clone();
    held.union_with(&ex.conditional);
    let actions: Vec<&str> = role
        .blocks
        .iter()
        .flat_map(|b| b.actions.iter().map(|p| p.lower()))
        .collect();
    let mut out = Vec::new();
    for (flag, set) in model.flags.iter().zip(sets) {
        let level = match flag.broad_level {
            Some(b) if wide => b,
            _ => flag.level,
        };
        for p in &flag.patterns {
            if actions.contains(&p.as_str()) {
                if let Some(note) =
                    pattern_note(catalog, role, flag, level, p, &mut expander, &held)
                {
                    out.push(note);
                }
            }
        }
        if flag.provider_wide_data {
            // `*` alone: every provider's data, as `*` in Actions is every
            // provider's control plane; one step lower when NotDataActions take
            // some of it back (as for Actions).
            for b in role.blocks.iter() {
                if b.data_actions.iter().any(|p| p.as_str() == "*") {
                    let (level, less) = if b.not_data_actions.is_empty() {
                        (Level::Critical, String::new())
                    } else {
                        (
                            Level::High,
                            format!(" less its {} NotDataActions", b.not_data_actions.len()),
                        )
                    };
                    out.push(base(
                        flag,
                        level,
                        format!("`*` in DataActions{less}: every data action of every provider, today's and future ones: the data itself (blobs, files, queues, tables, Key Vault secrets and keys, ...)"),
                    ));
                }
            }
            let wide_data: Vec<&str> = role
                .blocks
                .iter()
                .flat_map(|b| b.data_actions.iter())
                .filter(|p| {
                    p.is_wildcard() && p.as_str() != "*" && p.lower().matches('/').count() <= 1
                })
                .map(|p| p.as_str())
                .collect();
            if !wide_data.is_empty() {
                out.push(base(
                    flag,
                    level,
                    format!("{}: {}", flag.what, wide_data.join(", ")),
                ));
            }
        }
        if set.is_empty() {
            continue;
        }
        let mut granted = set.clone();
        granted.intersect_with(&ex.granted);
        let mut conditional = set.clone();
        conditional.intersect_with(&ex.conditional);
        if !granted.is_empty() {
            let (text, operations, n) = list(catalog, &granted);
            let mut note = base(flag, level, format!("{}: grants {text}", flag.what));
            note.operations = operations;
            note.operation_count = n;
            out.push(note);
        } else if !conditional.is_empty() {
            let (text, operations, n) = list(catalog, &conditional);
            let mut note = base(
                flag,
                level.lower(),
                // Said as what it grants under the condition, and what it would do
                // without one: never "can assign any role to anyone" followed by
                // a condition that narrows whom (review i1 #2). The condition is
                // the role definition's own when one of its blocks grants them
                // under it (a tenant review also makes operations conditional on
                // a deny assignment it cannot decide, and says so itself).
                if conditional.iter().all(|i| !ex.conditions_on(i).is_empty()) {
                    format!(
                        "grants {text} only under a condition written in the role's definition, which narrows whom or what it applies to (for role assignments, which roles to which principals) and is decided on each request: read it; granted without a condition, it {}",
                        flag.what
                    )
                } else {
                    format!(
                        "grants {text} only under a condition, which narrows whom or what it applies to and cannot be decided offline; granted without one, it {}",
                        flag.what
                    )
                },
            );
            note.operations = operations;
            note.operation_count = n;
            note.conditional = true;
            out.push(note);
        }
    }
    out
}
