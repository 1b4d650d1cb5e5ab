//! Deny assignments in the tenant review (azure-rbac-semantics.md §1, §5): per
//! principal and per scope of theirs, what the deny assignments that reach the
//! scope and apply to the principal take away from the effective operations.
//!
//! A deny's denied operations are computed once ([`Prepared::new`]); whom it
//! applies to once per principal ([`Prepared::whom`], an answer that names no
//! principal, so principals alike share one evaluation); what it does at a
//! scope only when it reaches that scope ([`Prepared::hits`]). What it surely
//! blocks is removed; what it blocks only if something unknown offline holds
//! (group membership, a management group's members, a condition) is kept as
//! conditional, and the deny that made it so is named.

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::deny::{take_away, Applies, DenyAssignment, Subject};
use crate::expand::{Expander, Expansion};
use crate::scope::{Coverage, Hierarchy, Scope};
use serde::Serialize;
use std::collections::HashMap;

/// What one deny assignment does at one of a principal's scopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeDeny {
    /// The deny assignment's name.
    pub name: String,
    /// Where it is assigned (this scope or a parent).
    pub scope: String,
    /// Operations held here (granted or conditional) that it surely blocks,
    /// control-plane and data-plane together.
    pub removed: usize,
    /// Of `removed`, the data actions (the planes are kept apart as elsewhere).
    #[serde(skip_serializing_if = "is_zero")]
    pub removed_data_actions: usize,
    /// Operations granted here that it blocks only if what is said in `why`
    /// holds: counted as conditional, control-plane and data-plane together.
    pub conditional: usize,
    /// Of `conditional`, the data actions.
    #[serde(skip_serializing_if = "is_zero")]
    pub conditional_data_actions: usize,
    /// What cannot be decided offline, when `conditional` is above 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// What one deny assignment takes from one principal, over its scopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DenyEffect {
    /// The deny assignment's name.
    pub name: String,
    /// Where it is assigned.
    pub scope: String,
    /// How many of the principal's scopes it changes.
    pub scopes: usize,
    /// Operations it surely blocks, at the scope of theirs where it blocks most.
    pub removed: usize,
    /// Of `removed`, the data actions.
    #[serde(skip_serializing_if = "is_zero")]
    pub removed_data_actions: usize,
    /// Operations it makes conditional, at the scope where it makes most so.
    pub conditional: usize,
    /// Of `conditional`, the data actions.
    #[serde(skip_serializing_if = "is_zero")]
    pub conditional_data_actions: usize,
    /// What cannot be decided offline, when `conditional` is above 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl DenyEffect {
    /// "deny `X` at `S` removes 12 operations" and what it makes conditional.
    pub fn sentence(&self) -> String {
        let mut s = format!("deny `{}` at `{}`", self.name, self.scope);
        if self.removed > 0 {
            s.push_str(&format!(
                " removes {} operation(s){}",
                self.removed,
                crate::text::of_them_data(self.removed, self.removed_data_actions)
            ));
        }
        if self.conditional > 0 {
            s.push_str(&format!(
                "{} makes {} operation(s){} conditional",
                if self.removed > 0 { " and" } else { "" },
                self.conditional,
                crate::text::of_them_data(self.conditional, self.conditional_data_actions)
            ));
            if let Some(w) = &self.why {
                s.push_str(&format!(" ({w})"));
            }
        }
        if self.scopes > 1 {
            s.push_str(&format!(" (at {} of their scopes)", self.scopes));
        }
        s
    }
}

/// One deny assignment across the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DenyUse {
    /// Its name.
    pub name: String,
    /// Where it is assigned.
    pub scope: String,
    /// Whom it applies to, in words.
    pub whom: String,
    /// It applies at its own scope only (`doNotApplyToChildScopes`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub this_scope_only: bool,
    /// Catalog operations it denies (control and data), surely.
    pub operations: usize,
    /// Of `operations`, the data actions.
    #[serde(skip_serializing_if = "is_zero")]
    pub data_actions: usize,
    /// Catalog operations it denies only under a condition that cannot be decided
    /// offline.
    #[serde(skip_serializing_if = "is_zero")]
    pub conditional_operations: usize,
    /// Of `conditional_operations`, the data actions.
    #[serde(skip_serializing_if = "is_zero")]
    pub conditional_data_actions: usize,
    /// Principals it removes at least one operation from.
    pub principals: usize,
    /// Principals it only makes operations conditional for.
    pub conditional_principals: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Whom a deny applies to, for one principal: 0 not them, 1 them, `k + 2` unknown
/// for the `k`-th reason of [`Prepared::whys`].
pub(super) type Whom = u32;

const NOT_THEM: Whom = 0;
const THEM: Whom = 1;

/// A deny assignment reaching a scope and (perhaps) applying to a principal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Hit {
    deny: u32,
    whom: Whom,
    /// The scope is under its management group only perhaps.
    scope_unknown: bool,
}

/// The review's deny assignments with their denied operations, computed once.
#[derive(Debug)]
pub(super) struct Prepared {
    /// Per deny: (surely denied, denied under an undecidable condition).
    sets: Vec<(BitSet, BitSet)>,
    /// Why whom a deny applies to is unknown, interned.
    whys: Vec<String>,
    why_ix: HashMap<String, u32>,
    /// The catalog's data actions: what a deny takes is counted by plane.
    data: BitSet,
}

impl Prepared {
    /// The denied operations of each deny assignment.
    pub(super) fn new(catalog: &Catalog, denies: &[DenyAssignment]) -> Prepared {
        let mut expander = Expander::new(catalog);
        Prepared {
            sets: denies
                .iter()
                .map(|d| d.denied_operations(&mut expander, &catalog.operations))
                .collect(),
            whys: Vec::new(),
            why_ix: HashMap::new(),
            data: catalog.operations.data_mask().clone(),
        }
    }

    /// Whether there is any deny assignment.
    pub(super) fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Whom each deny applies to, for `subject` (empty when there are none). For
    /// a group, a deny that spares other principals applies only to the members
    /// it does not spare (an outside review: a group's row was surely denied
    /// while a member the deny excluded kept Owner).
    pub(super) fn whom(
        &mut self,
        denies: &[DenyAssignment],
        subject: &Subject,
        group: bool,
    ) -> Vec<Whom> {
        denies
            .iter()
            .map(|d| {
                let why = match d.applies_to(subject) {
                    // Only a group's members can be spared (the text is built for
                    // groups alone: this runs for every principal and deny).
                    Applies::Yes if !group => return THEM,
                    Applies::Yes => match d.spares_members_of(subject) {
                        Some(why) => why,
                        None => return THEM,
                    },
                    Applies::No(_) => return NOT_THEM,
                    Applies::Unknown(_) => d.unknown_membership(subject),
                };
                let next = self.whys.len() as u32;
                let k = *self.why_ix.entry(why.clone()).or_insert(next);
                if k == next {
                    self.whys.push(why);
                }
                k + 2
            })
            .collect()
    }

    /// The deny assignments that reach `scope` and may apply to the principal
    /// whose [`Prepared::whom`] is `whom` (empty when none does: nothing to do).
    pub(super) fn hits(
        denies: &[DenyAssignment],
        hierarchy: &Hierarchy,
        whom: &[Whom],
        scope: &Scope,
    ) -> Vec<Hit> {
        let mut out = Vec::new();
        for (k, (d, &w)) in denies.iter().zip(whom).enumerate() {
            if w == NOT_THEM {
                continue;
            }
            let coverage = d.covers(hierarchy, scope);
            if coverage == Coverage::No {
                continue;
            }
            out.push(Hit {
                deny: k as u32,
                whom: w,
                scope_unknown: coverage == Coverage::Unknown,
            });
        }
        out
    }

    /// Take what `hits` block out of `ex` (the operations held at one scope), and
    /// say what each deny took (those that took nothing are left out).
    pub(super) fn apply(
        &self,
        denies: &[DenyAssignment],
        hits: &[Hit],
        ex: &mut Expansion,
    ) -> Vec<ScopeDeny> {
        let len = ex.granted.capacity();
        let mut held = ex.granted.clone();
        held.union_with(&ex.conditional);
        let mut removed = BitSet::new(len);
        let mut uncertain = BitSet::new(len);
        for h in hits {
            let Some((sure, conditional)) = self.sets.get(h.deny as usize) else {
                continue;
            };
            if h.whom == THEM && !h.scope_unknown {
                removed.union_with(sure);
            } else {
                uncertain.union_with(sure);
            }
            uncertain.union_with(conditional);
        }
        uncertain.subtract(&removed);
        let mut out = Vec::new();
        for h in hits {
            let (Some((sure, conditional)), Some(d)) =
                (self.sets.get(h.deny as usize), denies.get(h.deny as usize))
            else {
                continue;
            };
            let certain = h.whom == THEM && !h.scope_unknown;
            let mut maybe = conditional.clone();
            if !certain {
                maybe.union_with(sure);
            }
            maybe.subtract(&removed);
            maybe.intersect_with(&ex.granted);
            let (removed_n, removed_data) = if certain {
                let mut r = held.clone();
                r.intersect_with(sure);
                (r.count(), r.intersection_count(&self.data))
            } else {
                (0, 0)
            };
            let conditional_n = maybe.count();
            let conditional_data = maybe.intersection_count(&self.data);
            if removed_n + conditional_n == 0 {
                continue;
            }
            let why = (conditional_n > 0).then(|| {
                let mut why = Vec::new();
                if h.scope_unknown {
                    why.push(format!(
                        "it is at `{}`, and whether this scope lies under that management group is not in the exports",
                        d.scope.as_str()
                    ));
                }
                if let Some(w) = (h.whom as usize)
                    .checked_sub(2)
                    .and_then(|k| self.whys.get(k))
                {
                    why.push(w.clone());
                }
                if conditional.intersection_count(&ex.granted) > 0 {
                    let texts: Vec<&str> = d
                        .condition
                        .iter()
                        .chain(d.permissions.iter().filter_map(|b| b.condition.as_ref()))
                        .map(|c| c.as_str())
                        .collect();
                    why.push(format!(
                        "its condition {} cannot be decided offline",
                        texts
                            .iter()
                            .map(|t| format!("`{}`", crate::text::excerpt(t)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                why.join("; ")
            });
            out.push(ScopeDeny {
                name: d.name.clone(),
                scope: d.scope.as_str().to_string(),
                removed: removed_n,
                removed_data_actions: removed_data,
                conditional: conditional_n,
                conditional_data_actions: conditional_data,
                why,
            });
        }
        take_away(ex, &removed, &uncertain);
        out
    }

    /// Each deny assignment with how many principals it changed.
    pub(super) fn uses(
        &self,
        denies: &[DenyAssignment],
        effects: &mut dyn Iterator<Item = &DenyEffect>,
    ) -> Vec<DenyUse> {
        let mut uses: Vec<DenyUse> = denies
            .iter()
            .zip(&self.sets)
            .map(|(d, (sure, conditional))| DenyUse {
                name: d.name.clone(),
                scope: d.scope.as_str().to_string(),
                whom: d.whom(),
                this_scope_only: d.do_not_apply_to_child_scopes,
                operations: sure.count(),
                data_actions: sure.intersection_count(&self.data),
                conditional_operations: conditional.count(),
                conditional_data_actions: conditional.intersection_count(&self.data),
                principals: 0,
                conditional_principals: 0,
            })
            .collect();
        for e in effects {
            if let Some(u) = uses
                .iter_mut()
                .find(|u| u.name == e.name && u.scope == e.scope)
            {
                if e.removed > 0 {
                    u.principals += 1;
                } else {
                    u.conditional_principals += 1;
                }
            }
        }
        uses
    }
}

/// A principal's deny effects over its scopes: per deny, the scopes it changes
/// and the most it removes or makes conditional at one of them.
pub(super) fn effects<'a>(scopes: impl Iterator<Item = &'a ScopeDeny>) -> Vec<DenyEffect> {
    let mut out: Vec<DenyEffect> = Vec::new();
    for s in scopes {
        match out
            .iter_mut()
            .find(|e| e.name == s.name && e.scope == s.scope)
        {
            Some(e) => {
                e.scopes += 1;
                if s.removed > e.removed {
                    (e.removed, e.removed_data_actions) = (s.removed, s.removed_data_actions);
                }
                if s.conditional > e.conditional {
                    (e.conditional, e.conditional_data_actions) =
                        (s.conditional, s.conditional_data_actions);
                }
                if e.why.is_none() {
                    e.why.clone_from(&s.why);
                }
            }
            None => out.push(DenyEffect {
                name: s.name.clone(),
                scope: s.scope.clone(),
                scopes: 1,
                removed: s.removed,
                removed_data_actions: s.removed_data_actions,
                conditional: s.conditional,
                conditional_data_actions: s.conditional_data_actions,
                why: s.why.clone(),
            }),
        }
    }
    crate::order::sort_by(&mut out, |a, b| {
        b.removed
            .cmp(&a.removed)
            .then(b.conditional.cmp(&a.conditional))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}
