//! What the assignments of one query add up to: the decision's flags and the
//! reasons, at most [`MAX_REASONS_PER_KIND`] of each kind listed (the others
//! counted in one note), so an answer stays readable and its cost bounded when
//! thousands of assignments grant the same action.

use super::reason::{Reason, ReasonKind};
use super::Decision;
use crate::model::{PermissionBlock, Role};
use crate::pattern::ActionPattern;
use std::collections::HashMap;

/// Most reasons of one kind listed for one query.
pub const MAX_REASONS_PER_KIND: usize = 10;

/// The decision so far and its reasons.
#[derive(Default)]
pub(super) struct Outcome {
    pub(super) allowed: bool,
    pub(super) conditional: bool,
    /// Some grant pattern matched (granted, excluded, out of scope or conditional).
    pub(super) matched: bool,
    reasons: Vec<Reason>,
    counts: HashMap<ReasonKind, usize>,
}

impl Outcome {
    pub(super) fn decision(&self) -> Decision {
        if self.allowed {
            Decision::Allow
        } else if self.conditional {
            Decision::Conditional
        } else {
            Decision::Deny
        }
    }

    /// Count a reason, and build and keep it while fewer than the cap are listed.
    pub(super) fn add(&mut self, kind: ReasonKind, make: impl FnOnce() -> Reason) {
        let n = self.counts.entry(kind).or_default();
        *n += 1;
        if *n <= MAX_REASONS_PER_KIND {
            self.reasons.push(make());
        }
    }

    /// Count reasons that are not listed.
    pub(super) fn add_unlisted(&mut self, kind: ReasonKind, n: usize) {
        if n > 0 {
            *self.counts.entry(kind).or_default() += n;
        }
    }

    /// The reasons in assignment and block order, then one note per kind with
    /// more than the cap.
    pub(super) fn into_reasons(self) -> Vec<Reason> {
        let mut reasons = self.reasons;
        reasons.sort_by_key(|r| (r.assignment, r.block));
        let mut more: Vec<(ReasonKind, usize)> = self
            .counts
            .into_iter()
            .filter(|(_, n)| *n > MAX_REASONS_PER_KIND)
            .map(|(k, n)| (k, n - MAX_REASONS_PER_KIND))
            .collect();
        more.sort_by_key(|(k, _)| reasons.iter().position(|r| r.kind == *k));
        for (kind, n) in more {
            let what = match kind {
                ReasonKind::Granted => "grant it",
                ReasonKind::Conditional => "grant it under a condition",
                ReasonKind::ConditionFalse => "match it under a condition that is false",
                ReasonKind::Excluded => "match it but exclude it",
                ReasonKind::OutOfScope => "are at scopes that do not cover the target",
                ReasonKind::OutsideAssignableScopes => {
                    "are at scopes outside their role's assignableScopes"
                }
                ReasonKind::AssignableScopesUnknown => {
                    "may be at scopes outside their role's assignableScopes"
                }
                ReasonKind::RefusedAssignment => "are assignments Azure refuses to create",
                ReasonKind::ScopeUnknown => "grant it at management groups of unknown membership",
                ReasonKind::WrongPlane => "grant it on the other plane",
                ReasonKind::OtherPrincipal => "would grant it but are other principals'",
                ReasonKind::PrincipalUnknown => {
                    "grant it if they are the asking principal's, which is not known"
                }
                _ => "say the same",
            };
            reasons.push(Reason::note(
                kind,
                format!(
                    "{n} more assignment{} {what} (the first {MAX_REASONS_PER_KIND} are listed)",
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
        reasons
    }
}

/// What one permission block says about an action.
#[derive(Clone, Copy)]
pub(super) enum BlockResult<'r> {
    /// A grant pattern matched and no exclusion of the block did.
    Grant(&'r ActionPattern),
    /// A grant pattern matched, and so did an exclusion.
    Excluded(&'r ActionPattern, &'r ActionPattern),
    /// Nothing matched on the plane asked about, but a grant on the other one did.
    OtherPlane(&'r ActionPattern),
}

/// The blocks of a role that say something about an action, computed once per
/// query and role however many assignments the role has.
pub(super) fn role_results<'r>(
    role: &'r Role,
    lower: &str,
    data: bool,
) -> Vec<(usize, BlockResult<'r>)> {
    role_results_by(role, data, &|p: &ActionPattern| p.matches_lower(lower))
}

/// [`role_results`] with the test of a line given: `hit` says whether a line of the
/// role covers the action.
pub(super) fn role_results_by<'r>(
    role: &'r Role,
    data: bool,
    hit: &dyn Fn(&ActionPattern) -> bool,
) -> Vec<(usize, BlockResult<'r>)> {
    let mut out = Vec::new();
    for (b, block) in role.blocks.iter().enumerate() {
        match match_block_by(block, data, hit) {
            BlockMatch::Grant(p) => out.push((b, BlockResult::Grant(p))),
            BlockMatch::Excluded(p, n) => out.push((b, BlockResult::Excluded(p, n))),
            BlockMatch::None => {
                if let BlockMatch::Grant(p) = match_block_by(block, !data, hit) {
                    out.push((b, BlockResult::OtherPlane(p)));
                }
            }
        }
    }
    out
}

pub(super) enum BlockMatch<'a> {
    None,
    Grant(&'a ActionPattern),
    Excluded(&'a ActionPattern, &'a ActionPattern),
}

pub(super) fn match_block<'a>(
    block: &'a PermissionBlock,
    lower: &str,
    data: bool,
) -> BlockMatch<'a> {
    match_block_by(block, data, &|p: &ActionPattern| p.matches_lower(lower))
}

fn match_block_by<'a>(
    block: &'a PermissionBlock,
    data: bool,
    hit: &dyn Fn(&ActionPattern) -> bool,
) -> BlockMatch<'a> {
    let (grants, exclusions) = block.for_plane(data);
    let Some(g) = grants.iter().find(|p| hit(p)) else {
        return BlockMatch::None;
    };
    let Some(n) = exclusions.iter().find(|p| hit(p)) else {
        return BlockMatch::Grant(g);
    };
    if !n.is_wildcard() {
        return BlockMatch::Excluded(g, n);
    }
    // The lines named are the ones that settle it: an exclusion naming the action
    // exactly removes it beyond doubt, so it is named rather than a wildcard one;
    // when only wildcards exclude it, a grant naming it exactly is named, as that
    // is the case Azure's documents leave open (`azure-rbac-semantics.md` §9
    // question 3).
    if let Some(exact) = exclusions.iter().find(|p| !p.is_wildcard() && hit(p)) {
        return BlockMatch::Excluded(g, exact);
    }
    let g = if g.is_wildcard() {
        grants
            .iter()
            .find(|p| !p.is_wildcard() && hit(p))
            .unwrap_or(g)
    } else {
        g
    };
    BlockMatch::Excluded(g, n)
}
