//! Property tests of scope-tag visibility against a naive model (set arithmetic over
//! a small tag universe): visibility is monotone in tags (non-empty sets) and in
//! assignments, actions only grow with assignments, and the Entra bypass holds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use proptest::prelude::*;
use w365_engine::catalog;
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::scopetags::{decide, Access, Mode, ObjectType, TaggedAssignment, TaggedObject};

const TAGS: [&str; 4] = ["A", "B", "C", "Default"];
const ROLES: [&str; 8] = [
    "Cloud PC Reader",
    "Cloud PC Administrator",
    "Help Desk Operator",
    "Read Only Operator",
    "Intune Administrator",
    "Global Administrator",
    "Windows 365 Administrator",
    "User Administrator",
];

fn tags(mask: u8) -> Vec<String> {
    TAGS.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| t.to_string())
        .collect()
}

#[derive(Debug, Clone)]
struct Case {
    kind: usize,
    object_mask: u8,
    assignments: Vec<(usize, u8)>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..ObjectType::ALL.len(),
        0u8..16,
        proptest::collection::vec((0..ROLES.len(), 0u8..16), 0..4),
    )
        .prop_map(|(kind, object_mask, assignments)| Case {
            kind,
            object_mask,
            assignments,
        })
}

struct World {
    roles: RoleSet<'static>,
    refs: Vec<RoleRef>,
}

fn world() -> World {
    let cat = catalog().unwrap();
    let roles = RoleSet::new(cat, Vec::new());
    let refs = ROLES.iter().map(|r| roles.resolve(r).unwrap()).collect();
    World { roles, refs }
}

fn object(c: &Case) -> TaggedObject {
    TaggedObject {
        id: "o".into(),
        kind: ObjectType::ALL[c.kind],
        scope_tags: tags(c.object_mask),
        device_scope_tags: None,
        provisioning_policy: None,
        policy: None,
    }
}

/// (in scope through its tags, actionable, how many permissions, visible): the tag
/// rules decide the first; visible also needs some permission on the type, or S4's
/// roles for a Windows 365 object (R14, R15).
fn visible(w: &World, c: &Case, mode: Mode) -> (bool, bool, usize, bool) {
    let tag_lists: Vec<Vec<String>> = c.assignments.iter().map(|(_, m)| tags(*m)).collect();
    let assignments: Vec<TaggedAssignment<'_>> = c
        .assignments
        .iter()
        .zip(&tag_lists)
        .map(|((r, _), t)| TaggedAssignment {
            role: w.refs[*r],
            scope_tags: t,
        })
        .collect();
    let v = decide(&w.roles, &assignments, &object(c), mode);
    (
        !matches!(v.access, Access::Hidden | Access::Unknown),
        v.actionable,
        v.actions.len(),
        v.visible,
    )
}

/// The naive model: R2 (untagged = Default), R3 (untagged assignment sees all), R1
/// (a shared tag), R4/R5/R10 (Entra bypass), nothing for other Entra roles.
fn model(c: &Case) -> bool {
    c.assignments.iter().any(|&a| sees(c, a))
}

/// Whether one assignment's tags (or bypass) reach the object.
fn sees(c: &Case, (r, mask): (usize, u8)) -> bool {
    let kind = ObjectType::ALL[c.kind];
    let object = if c.object_mask == 0 {
        0b1000
    } else {
        c.object_mask
    };
    match ROLES[r] {
        "Intune Administrator" | "Global Administrator" => true,
        "Windows 365 Administrator" => kind != ObjectType::IntuneDevice,
        "User Administrator" => false,
        _ => mask == 0 || mask & object != 0,
    }
}

/// R14: the roles of these (contributing) assignments are what S4 asks to view the
/// Windows 365 objects within scope: every role here but User Administrator meets
/// `view-objects-under-scope-tags` (Help Desk Operator by inference).
fn s4(c: &Case, mode: Mode) -> bool {
    ObjectType::ALL[c.kind].is_cloud_pc_resource()
        && c.assignments
            .iter()
            .any(|&a| ROLES[a.0] != "User Administrator" && (mode == Mode::Merged || sees(c, a)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn visibility_is_the_set_model(c in case()) {
        let w = world();
        prop_assert_eq!(visible(&w, &c, Mode::Merged).0, model(&c), "{:?}", c);
        prop_assert_eq!(visible(&w, &c, Mode::Scoped).0, model(&c), "{:?}", c);
    }

    #[test]
    fn monotone_in_assignment_tags(c in case(), k in 0usize..4, extra in 0usize..4) {
        prop_assume!(k < c.assignments.len() && c.assignments[k].1 != 0);
        let w = world();
        let before = visible(&w, &c, Mode::Merged).0;
        let mut more = c.clone();
        more.assignments[k].1 |= 1 << extra;
        prop_assert!(!before || visible(&w, &more, Mode::Merged).0, "{:?} -> {:?}", c, more);
    }

    #[test]
    fn monotone_in_object_tags(c in case(), extra in 0usize..4) {
        prop_assume!(c.object_mask != 0);
        let w = world();
        let before = visible(&w, &c, Mode::Merged).0;
        let mut more = c.clone();
        more.object_mask |= 1 << extra;
        prop_assert!(!before || visible(&w, &more, Mode::Merged).0, "{:?} -> {:?}", c, more);
    }

    #[test]
    fn monotone_in_assignments(c in case(), r in 0..ROLES.len(), mask in 0u8..16) {
        let w = world();
        let mut more = c.clone();
        more.assignments.push((r, mask));
        for mode in [Mode::Merged, Mode::Scoped] {
            let (v0, a0, n0, l0) = visible(&w, &c, mode);
            let (v1, a1, n1, l1) = visible(&w, &more, mode);
            prop_assert!(!v0 || v1, "in scope lost: {:?} -> {:?}", c, more);
            prop_assert!(!l0 || l1, "visible lost: {:?} -> {:?}", c, more);
            prop_assert!(!a0 || a1, "actionable lost: {:?} -> {:?}", c, more);
            prop_assert!(n1 >= n0, "actions lost: {:?} -> {:?}", c, more);
        }
    }

    #[test]
    fn scoped_permissions_never_grant_more(c in case()) {
        let w = world();
        let merged = visible(&w, &c, Mode::Merged);
        let scoped = visible(&w, &c, Mode::Scoped);
        prop_assert_eq!(merged.0, scoped.0);
        prop_assert!(scoped.2 <= merged.2);
        prop_assert!(!scoped.1 || merged.1);
        prop_assert!(!scoped.3 || merged.3);
    }

    /// R14/R15: visible is in scope and listable, i.e. some permission on the type,
    /// or for a Windows 365 object the roles S4 names (none of these roles is
    /// documented read only everywhere, as Global Reader is).
    #[test]
    fn visible_is_in_scope_and_listable(c in case()) {
        let w = world();
        for mode in [Mode::Merged, Mode::Scoped] {
            let (in_scope, actionable, n, visible) = visible(&w, &c, mode);
            prop_assert_eq!(visible, in_scope && (n > 0 || s4(&c, mode)), "{:?}", c);
            prop_assert!(!actionable || visible, "{:?}", c);
        }
    }

    #[test]
    fn the_entra_bypass(c in case(), which in 0usize..3) {
        let w = world();
        let mut more = c.clone();
        let role = ["Intune Administrator", "Global Administrator", "Windows 365 Administrator"][which];
        more.assignments.push((ROLES.iter().position(|r| *r == role).unwrap(), 0b0110));
        let kind = ObjectType::ALL[c.kind];
        let (v, a, _, _) = visible(&w, &more, Mode::Merged);
        if role == "Windows 365 Administrator" && kind == ObjectType::IntuneDevice {
            prop_assert_eq!(v, model(&c), "W365 Admin reaches Cloud PC resources only");
        } else {
            prop_assert!(v && a, "{} sees and acts on every {:?}", role, kind);
        }
    }
}
