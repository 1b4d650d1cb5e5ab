//! Containment: whether what one role effectively grants lies inside what another
//! grants, plane by plane, and which operations break it.
//!
//! A role is read as five sets taken from its [`Expansion`]: Azure control-plane
//! actions, Azure data actions, Cloud PC permissions, Intune permissions and its own
//! Microsoft Entra resource actions. A is contained in B when each set of A lies in
//! B's set of the same plane; an action never stands in for a data action.
//!
//! - Conditions: a condition is part of what is granted. An Azure operation A
//!   grants only under a condition is covered by B when B grants it outright, or
//!   under the same conditions (the same text, white space aside:
//!   [`Expansion::same_conditions`]); both granting it under conditions that differ
//!   (one lets a delegate assign Reader, the other Owner) breaks the containment
//!   both ways, and the pair says the conditions differ (`conditionsDiffer`, and
//!   `conditionsDiffer: true` on its breaking items). One A grants outright and B
//!   only under a condition breaks A ⊆ B.
//! - Entra actions are covered through their `allEntities` / `allProperties` /
//!   `allTasks` forms ([`entra_matches`]).
//!
//! The relation of a pair: `equal` (nothing only in either), `aInB` (nothing only in
//! A), `bInA`, `disjoint` (both grant something, nothing in common), else `overlap`.
//! A role that grants nothing is in every role (`aInB` / `bInA`), and two such roles
//! are `equal`.
//!
//! `breaking` lists what stops the pair from being equal, which is what breaks each
//! containment: first every operation only A grants (`in: "a"`; each one breaks
//! A ⊆ B), then every one only B grants (`in: "b"`; each breaks B ⊆ A), in plane
//! order (actions, data actions, Cloud PC, Intune, Entra) and catalog order, at most
//! [`BREAKING_LIMIT`] per side; `aOnly` and `bOnly` count them all. So `equal` has
//! none, `aInB` lists what B adds, `bInA` what A adds, `overlap` both directions.

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::evaluate::entra_matches;
use crate::expand::Expansion;
use crate::roleset::{RoleRef, RoleSet};
use serde::Serialize;

/// At most this many breaking operations are listed per side of a pair.
pub const BREAKING_LIMIT: usize = 50;

/// How two roles' grants relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Relation {
    /// They grant exactly the same.
    #[serde(rename = "equal")]
    Equal,
    /// Everything A grants, B grants; B grants more.
    #[serde(rename = "aInB")]
    AInB,
    /// Everything B grants, A grants; A grants more.
    #[serde(rename = "bInA")]
    BInA,
    /// Some in common, and each grants something the other does not.
    #[serde(rename = "overlap")]
    Overlap,
    /// Both grant something and nothing in common.
    #[serde(rename = "disjoint")]
    Disjoint,
}

impl Relation {
    /// The JSON name (`equal`, `aInB`, `bInA`, `overlap`, `disjoint`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::AInB => "aInB",
            Relation::BInA => "bInA",
            Relation::Overlap => "overlap",
            Relation::Disjoint => "disjoint",
        }
    }

    fn of(a_only: usize, b_only: usize, common: usize) -> Relation {
        match (a_only, b_only) {
            (0, 0) => Relation::Equal,
            (0, _) => Relation::AInB,
            (_, 0) => Relation::BInA,
            _ if common == 0 => Relation::Disjoint,
            _ => Relation::Overlap,
        }
    }

    /// A sentence naming the two roles, e.g. "`A` is contained in `B`".
    pub fn sentence(self, a: &str, b: &str) -> String {
        match self {
            Relation::Equal => format!("`{a}` and `{b}` grant exactly the same"),
            Relation::AInB => format!("`{a}` is contained in `{b}`"),
            Relation::BInA => format!("`{b}` is contained in `{a}`"),
            Relation::Overlap => {
                format!("`{a}` and `{b}` overlap: each grants something the other does not")
            }
            Relation::Disjoint => format!("`{a}` and `{b}` have nothing in common"),
        }
    }
}

/// The plane of a granted operation or permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GrantKind {
    /// An Azure control-plane action.
    Action,
    /// An Azure data action.
    DataAction,
    /// A Cloud PC permission.
    CloudPc,
    /// An Intune permission.
    Intune,
    /// A Microsoft Entra resource action.
    Entra,
}

/// Which role of the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    /// The first role.
    A,
    /// The second role.
    B,
}

/// An operation only one role of the pair grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breaking {
    /// The operation or permission, as the catalog spells it.
    pub operation: String,
    /// The role that grants it (the containment it breaks is that role's in the other).
    #[serde(rename = "in")]
    pub side: Side,
    /// Its plane.
    pub kind: GrantKind,
    /// This role grants it only under a condition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// The other role grants it, but only under a condition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub other_conditional: bool,
    /// Both grant it only under a condition, and the conditions differ.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditions_differ: bool,
}

/// One plane of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaneRelation {
    /// The plane.
    pub plane: GrantKind,
    /// How the two relate on this plane alone.
    pub relation: Relation,
    /// Granted only by A on this plane.
    pub a_only: usize,
    /// Granted only by B on this plane.
    pub b_only: usize,
    /// Granted by both alike on this plane (both outright, or both under a condition).
    pub common: usize,
}

/// Two roles set against each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    /// The first role's name.
    pub a: String,
    /// The second role's name.
    pub b: String,
    /// Index of A in the compared list.
    #[serde(skip)]
    pub a_index: usize,
    /// Index of B in the compared list.
    #[serde(skip)]
    pub b_index: usize,
    /// How they relate over every plane together.
    pub relation: Relation,
    /// The relation as a sentence.
    pub summary: String,
    /// Operations only A grants (every plane).
    pub a_only: usize,
    /// Operations only B grants (every plane).
    pub b_only: usize,
    /// Operations both grant alike, outright or both under a condition (every
    /// plane); one granted outright by one and only under a condition by the other
    /// is counted in that one's `a_only` / `b_only`, never here too.
    pub common: usize,
    /// The Azure operations both grant only under a condition, under conditions
    /// that differ (counted in both `aOnly` and `bOnly`, never in `common`).
    pub conditions_differ: usize,
    /// Each plane on which either role grants something.
    pub planes: Vec<PlaneRelation>,
    /// What breaks containment: A's own operations, then B's (see the module docs).
    pub breaking: Vec<Breaking>,
    /// Whether `breaking` was cut at the limit ([`BREAKING_LIMIT`] per side).
    pub truncated: bool,
}

/// One side's "only" sets, per plane.
struct Only {
    azure: BitSet,
    cloud_pc: BitSet,
    intune: BitSet,
    entra: Vec<usize>,
    /// Indexes into the role's [`Expansion::outside`].
    outside: Vec<usize>,
}

/// Whether `b` covers `a`'s grant of an action outside the catalog.
fn covers_outside(a: &crate::expand::Outside, b: &Expansion) -> bool {
    b.outside.iter().any(|x| a.covered_by(x))
}

/// What `a` grants that `b` does not (see the module docs for conditions).
fn only(a: &Expansion, b: &Expansion) -> Only {
    let mut azure = a.granted.clone();
    azure.subtract(&b.granted);
    if !a.conditional.is_empty() {
        // A conditional grant is covered by an outright one, or by one under the
        // same conditions; not by one under other conditions.
        let mut cond = a.conditional.clone();
        cond.subtract(&b.granted);
        cond.subtract(&b.conditional);
        cond.union_with(&a.conditions_differ(b));
        azure.union_with(&cond);
    }
    let mut cloud_pc = a.cloud_pc.clone();
    cloud_pc.subtract(&b.cloud_pc);
    let mut intune = a.intune.clone();
    intune.subtract(&b.intune);
    let entra = a
        .entra
        .iter()
        .enumerate()
        .filter(|(_, x)| !b.entra.iter().any(|g| entra_matches(g, x)))
        .map(|(i, _)| i)
        .collect();
    let outside = a
        .outside
        .iter()
        .enumerate()
        .filter(|(_, x)| !covers_outside(x, b))
        .map(|(i, _)| i)
        .collect();
    Only {
        azure,
        cloud_pc,
        intune,
        entra,
        outside,
    }
}

/// Everything a role may grant on the Azure planes (outright or under a condition).
fn azure_maybe(e: &Expansion) -> BitSet {
    let mut s = e.granted.clone();
    s.union_with(&e.conditional);
    s
}

/// Whether everything `a` grants, `b` grants too (the cheap test behind
/// [`related`]; [`pair`] gives the details).
pub fn within(a: &Expansion, b: &Expansion) -> bool {
    a.granted.is_subset(&b.granted)
        && (a.conditional.is_empty()
            || (a.conditional.is_subset(&azure_maybe(b)) && a.conditions_differ(b).is_empty()))
        && a.cloud_pc.is_subset(&b.cloud_pc)
        && a.intune.is_subset(&b.intune)
        && a.entra
            .iter()
            .all(|x| b.entra.iter().any(|g| entra_matches(g, x)))
        && a.outside.iter().all(|x| covers_outside(x, b))
}

/// Whether a role grants nothing on any plane.
pub fn grants_nothing(e: &Expansion) -> bool {
    e.granted.is_empty()
        && e.conditional.is_empty()
        && e.cloud_pc.is_empty()
        && e.intune.is_empty()
        && e.entra.is_empty()
        && e.outside.is_empty()
}

/// The relation of two expansions, without the details.
pub fn relate(catalog: &Catalog, a: &Expansion, b: &Expansion) -> Relation {
    pair(catalog, ("", a), ("", b)).relation
}

/// Set two roles (name, expansion) against each other, listing at most
/// [`BREAKING_LIMIT`] breaking operations per side.
pub fn pair(catalog: &Catalog, a: (&str, &Expansion), b: (&str, &Expansion)) -> Pair {
    pair_with_limit(catalog, a, b, BREAKING_LIMIT)
}

/// [`pair`] with another cap on the breaking operations listed per side
/// (`usize::MAX`: all of them, for a view that shows the whole list).
pub fn pair_with_limit(
    catalog: &Catalog,
    a: (&str, &Expansion),
    b: (&str, &Expansion),
    limit: usize,
) -> Pair {
    let ops = &catalog.operations;
    let (ao, bo) = (only(a.1, b.1), only(b.1, a.1));
    let data = ops.data_mask();
    let control = ops.control_mask();
    let mut planes = Vec::new();
    // (plane, a only, b only, common, overlap, either grants any). `common` counts
    // what both grant alike (both outright, or both under a condition), so it never
    // counts an operation `a only` or `b only` counts too: one granted outright by
    // one role and only under a condition by the other breaks a containment and is
    // counted there. `overlap` (anything both grant, however) decides `disjoint`.
    let (a_maybe, b_maybe) = (azure_maybe(a.1), azure_maybe(b.1));
    let differ = a.1.conditions_differ(b.1);
    for (kind, mask) in [(GrantKind::Action, control), (GrantKind::DataAction, data)] {
        let overlap = {
            let mut s = a_maybe.clone();
            s.intersect_with(&b_maybe);
            s.intersection_count(mask)
        };
        let common = a.1.granted.intersection_count_masked(&b.1.granted, mask)
            + a.1
                .conditional
                .intersection_count_masked(&b.1.conditional, mask)
            - differ.intersection_count(mask);
        let (an, bn) = (
            ao.azure.intersection_count(mask),
            bo.azure.intersection_count(mask),
        );
        let any = a_maybe.intersection_count(mask) + b_maybe.intersection_count(mask) > 0;
        // Actions outside the catalog, on this plane.
        let data = kind == GrantKind::DataAction;
        let on = |o: &[usize], e: &Expansion| {
            o.iter()
                .filter(|&&i| e.outside.get(i).is_some_and(|x| x.data == data))
                .count()
        };
        let (xa, xb) = (on(&ao.outside, a.1), on(&bo.outside, b.1));
        let mine = a.1.outside.iter().filter(|x| x.data == data);
        let both = mine
            .clone()
            .filter(|x| {
                b.1.outside
                    .iter()
                    .any(|y| y.lower == x.lower && y.data == data)
            })
            .count();
        let alike = mine
            .filter(|x| b.1.outside.iter().any(|y| y.alike(x)))
            .count();
        let any_outside =
            a.1.outside
                .iter()
                .chain(&b.1.outside)
                .any(|x| x.data == data);
        planes.push((
            kind,
            an + xa,
            bn + xb,
            common + alike,
            overlap + both,
            any || any_outside,
        ));
    }
    for (kind, x, y) in [
        (GrantKind::CloudPc, &a.1.cloud_pc, &b.1.cloud_pc),
        (GrantKind::Intune, &a.1.intune, &b.1.intune),
    ] {
        let common = x.intersection_count(y);
        let (an, bn) = match kind {
            GrantKind::CloudPc => (ao.cloud_pc.count(), bo.cloud_pc.count()),
            _ => (ao.intune.count(), bo.intune.count()),
        };
        planes.push((kind, an, bn, common, common, !x.is_empty() || !y.is_empty()));
    }
    {
        let (an, bn) = (ao.entra.len(), bo.entra.len());
        // Each side's actions the other holds, counted once, whatever the order (a
        // second site review: 27 in both one way, 6 the other).
        let held_by_other = |this: &Expansion, only: &[usize]| -> Vec<String> {
            this.entra
                .iter()
                .enumerate()
                .filter(|(i, _)| !only.contains(i))
                .map(|(_, x)| x.to_ascii_lowercase())
                .collect()
        };
        let mut both = held_by_other(a.1, &ao.entra);
        both.extend(held_by_other(b.1, &bo.entra));
        crate::order::sort(&mut both);
        both.dedup();
        let common = both.len();
        let any = !a.1.entra.is_empty() || !b.1.entra.is_empty();
        planes.push((GrantKind::Entra, an, bn, common, common, any));
    }
    let (mut a_only, mut b_only, mut common, mut overlap) = (0, 0, 0, 0);
    let mut plane_relations = Vec::new();
    for (plane, an, bn, c, o, any) in planes {
        a_only += an;
        b_only += bn;
        common += c;
        overlap += o;
        if any {
            plane_relations.push(PlaneRelation {
                plane,
                relation: Relation::of(an, bn, o),
                a_only: an,
                b_only: bn,
                common: c,
            });
        }
    }
    let relation = Relation::of(a_only, b_only, overlap);
    let mut breaking = Vec::new();
    let mut truncated = false;
    for (side, mine, this, other) in [(Side::A, &ao, a.1, b.1), (Side::B, &bo, b.1, a.1)] {
        let before = breaking.len();
        let items = side_items(catalog, mine, this, other);
        for item in items {
            if breaking.len() - before == limit {
                truncated = true;
                break;
            }
            let (operation, kind, conditional, other_conditional) = item;
            breaking.push(Breaking {
                operation,
                side,
                kind,
                conditional,
                other_conditional,
                conditions_differ: conditional && other_conditional,
            });
        }
    }
    Pair {
        a: a.0.to_string(),
        b: b.0.to_string(),
        a_index: 0,
        b_index: 1,
        relation,
        summary: relation.sentence(a.0, b.0) + &differ_clause(catalog, &differ),
        a_only,
        b_only,
        common,
        conditions_differ: differ.count(),
        planes: plane_relations,
        breaking,
        truncated,
    }
}

/// At most this many operations are named in a summary's "the conditions differ".
const DIFFER_NAMED: usize = 3;

/// The clause a pair's summary ends with when both roles grant operations under
/// conditions that differ (empty when none do).
fn differ_clause(catalog: &Catalog, differ: &BitSet) -> String {
    let n = differ.count();
    if n == 0 {
        return String::new();
    }
    let mut named: Vec<String> = differ
        .iter()
        .take(DIFFER_NAMED)
        .map(|i| format!("`{}`", catalog.operations.name(i)))
        .collect();
    if n > DIFFER_NAMED {
        named.push(format!("{} more", n - DIFFER_NAMED));
    }
    let list = match named.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    format!(
        "; both grant {list} only under a condition, and the conditions differ, so neither grant stands in for the other"
    )
}

/// One side's breaking items, lazily, in plane then catalog order:
/// (name, plane, conditional here, conditional in the other role).
fn side_items<'a>(
    catalog: &'a Catalog,
    mine: &'a Only,
    this: &'a Expansion,
    other: &'a Expansion,
) -> impl Iterator<Item = (String, GrantKind, bool, bool)> + 'a {
    let ops = &catalog.operations;
    let azure = |data: bool| {
        mine.azure
            .iter()
            .filter(move |&i| ops.is_data(i) == data)
            .map(move |i| {
                let kind = if data {
                    GrantKind::DataAction
                } else {
                    GrantKind::Action
                };
                (
                    ops.name(i).to_string(),
                    kind,
                    this.conditional.contains(i),
                    other.conditional.contains(i),
                )
            })
    };
    let cloud_pc = mine.cloud_pc.iter().filter_map(move |i| {
        catalog
            .windows365
            .permissions
            .get(i)
            .map(|p| (p.graph.clone(), GrantKind::CloudPc, false, false))
    });
    let intune = mine.intune.iter().filter_map(move |i| {
        catalog
            .intune
            .permissions
            .get(i)
            .map(|p| (p.graph.clone(), GrantKind::Intune, false, false))
    });
    let entra = mine.entra.iter().filter_map(move |&i| {
        this.entra
            .get(i)
            .map(|x| (x.clone(), GrantKind::Entra, false, false))
    });
    let outside = move |data: bool| {
        mine.outside.iter().filter_map(move |&i| {
            let x = this.outside.get(i).filter(|x| x.data == data)?;
            let kind = if data {
                GrantKind::DataAction
            } else {
                GrantKind::Action
            };
            let other_conditional = other
                .outside
                .iter()
                .any(|y| y.lower == x.lower && y.data == data && y.conditional);
            Some((x.name.clone(), kind, x.conditional, other_conditional))
        })
    };
    azure(false)
        .chain(outside(false))
        .chain(azure(true))
        .chain(outside(true))
        .chain(cloud_pc)
        .chain(intune)
        .chain(entra)
}

/// Every pair of the compared roles, in input order: (0, 1), (0, 2), ..., (1, 2), ...
pub fn pairs(catalog: &Catalog, names: &[String], ex: &[&Expansion]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, (na, ea)) in names.iter().zip(ex).enumerate() {
        for (j, (nb, eb)) in names.iter().zip(ex).enumerate().skip(i + 1) {
            let mut p = pair(catalog, (na, ea), (nb, eb));
            p.a_index = i;
            p.b_index = j;
            out.push(p);
        }
    }
    out
}

/// Which way the roles list is filtered around a chosen role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Roles that grant everything the chosen role grants (and maybe more).
    Contains,
    /// Roles whose every grant the chosen role also grants.
    ContainedIn,
}

/// The roles that contain the chosen role, or that it contains (the roles list's
/// filter), supplied roles first, then built-in ones in catalog order. The chosen
/// role itself and roles that grant nothing are left out; a chosen role that grants
/// nothing yields no role. One subset test per role over bit sets, so the whole
/// catalog is a few milliseconds.
pub fn related(roles: &RoleSet<'_>, chosen: RoleRef, direction: Direction) -> Vec<RoleRef> {
    let Some(c) = roles.expansion(chosen) else {
        return Vec::new();
    };
    if grants_nothing(c) {
        return Vec::new();
    }
    roles
        .all()
        .filter(|(r, _)| *r != chosen)
        .filter_map(|(r, _)| roles.expansion(r).map(|e| (r, e)))
        .filter(|(_, e)| !grants_nothing(e))
        .filter(|(_, e)| match direction {
            Direction::Contains => within(c, e),
            Direction::ContainedIn => within(e, c),
        })
        .map(|(r, _)| r)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn relations_from_counts() {
        assert_eq!(Relation::of(0, 0, 0), Relation::Equal);
        assert_eq!(Relation::of(0, 3, 2), Relation::AInB);
        assert_eq!(Relation::of(0, 3, 0), Relation::AInB);
        assert_eq!(Relation::of(2, 0, 1), Relation::BInA);
        assert_eq!(Relation::of(2, 3, 0), Relation::Disjoint);
        assert_eq!(Relation::of(2, 3, 1), Relation::Overlap);
    }

    #[test]
    fn a_role_is_equal_to_itself_and_in_owner() {
        let cat = catalog().unwrap();
        let ex = cat.builtin_expansions();
        let (reader, _) = cat.role("Reader").unwrap();
        let (owner, _) = cat.role("Owner").unwrap();
        let p = pair(cat, ("Reader", &ex[reader]), ("Reader", &ex[reader]));
        assert_eq!(p.relation, Relation::Equal);
        assert!(p.breaking.is_empty());
        let p = pair(cat, ("Reader", &ex[reader]), ("Owner", &ex[owner]));
        assert_eq!(p.relation, Relation::AInB);
        assert_eq!(p.a_only, 0);
        assert!(p.b_only > 1000);
        assert!(p.truncated);
        assert_eq!(p.breaking.len(), BREAKING_LIMIT);
        assert!(p.breaking.iter().all(|x| x.side == Side::B));
    }
}
