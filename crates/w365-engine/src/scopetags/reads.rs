//! S4's roles for seeing the objects within scope (R14): "To let scoped
//! administrators view which scope tags are assigned to them and the objects within
//! their scope, they must be assigned one of the following roles: Intune read only;
//! Cloud PC reader/administrator; A custom role with similar permissions" (seed 001).
//!
//! The requirement read here is the `view-objects-under-scope-tags` operation's,
//! the one `operations` and `enables` evaluate, so `visibility` and `operations`
//! answer that question alike. It is evaluated on the Cloud PC and Intune
//! permissions an administrator's assignments hold together: a scope-tag scenario
//! has no Azure scopes, deny assignments or other principals, so set arithmetic is
//! all there is, and an answer costs a few bit-set unions (not an environment per
//! grid cell). An alternative whose statement the model marks as this project's
//! reading (its words start with "Inferred") counts as inferred: which permissions
//! make "a custom role with similar permissions" is not documented.

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::Plane;
use crate::roleset::{RoleRef, RoleSet};
use crate::windows365::{Leaf, Requirement};

/// The operation whose requirement is S4's.
pub const OPERATION: &str = "view-objects-under-scope-tags";

/// What some assignments hold together, on the planes S4's requirement reads.
pub(super) struct Held<'a> {
    cloud_pc: BitSet,
    intune: BitSet,
    roles: Vec<&'a crate::model::Role>,
}

impl<'a> Held<'a> {
    /// The union of these roles' Cloud PC and Intune permissions.
    pub(super) fn of(roles: &'a RoleSet<'_>, refs: impl Iterator<Item = RoleRef>) -> Held<'a> {
        let cat = roles.catalog();
        let mut held = Held {
            cloud_pc: BitSet::new(cat.windows365.permissions.len()),
            intune: BitSet::new(cat.intune.len()),
            roles: Vec::new(),
        };
        for r in refs {
            if let Some(e) = roles.expansion(r) {
                held.cloud_pc.union_with(&e.cloud_pc);
                held.intune.union_with(&e.intune);
            }
            if let Some(role) = roles.get(r) {
                held.roles.push(role);
            }
        }
        held
    }
}

/// How the assignments meet S4's requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Met {
    /// What they hold that meets it, for people.
    pub what: String,
    /// Met only through an alternative this project infers.
    pub inferred: bool,
}

impl Met {
    /// The roles held, and how they meet S4's requirement, for a reason's words.
    pub(super) fn why(&self) -> String {
        if self.inferred {
            format!(
                "the roles hold {}, which this tool reads as S4's \"custom role with similar permissions\" that lets a scoped administrator view the objects within their scope (an inference, the one `operations` makes for `view-objects-under-scope-tags`)",
                self.what
            )
        } else {
            format!(
                "the roles hold {}, one of the roles S4 says let a scoped administrator view the objects within their scope",
                self.what
            )
        }
    }
}

/// Whether `held` meets S4's requirement, and how (a documented alternative before
/// an inferred one); `None` when it does not, or when the catalog has no such
/// operation.
pub(super) fn meets(cat: &Catalog, held: &Held<'_>) -> Option<Met> {
    let op = cat
        .windows365
        .operations
        .iter()
        .find(|o| o.id == OPERATION)?;
    let (inferred, parts) = eval(cat, held, &op.requirement)?;
    Some(Met {
        what: parts.join(" and "),
        inferred,
    })
}

/// (inferred, what is held) when the requirement is met.
fn eval(cat: &Catalog, held: &Held<'_>, r: &Requirement) -> Option<(bool, Vec<String>)> {
    match r {
        Requirement::Nothing => Some((false, Vec::new())),
        Requirement::Leaf(leaf, cite) => leaf_met(cat, held, leaf).then(|| {
            (
                cite.says.trim_start().starts_with("Inferred"),
                vec![describe(leaf)],
            )
        }),
        Requirement::All(parts) => {
            let mut inferred = false;
            let mut what = Vec::new();
            for p in parts {
                let (i, w) = eval(cat, held, p)?;
                inferred |= i;
                what.extend(w);
            }
            Some((inferred, what))
        }
        // A documented alternative first: `false` sorts before `true`.
        Requirement::Any(parts) => parts
            .iter()
            .filter_map(|p| eval(cat, held, p))
            .min_by_key(|(inferred, _)| *inferred),
        // Sources that disagree: met only when every position is.
        Requirement::Conflict(c) => {
            let mut inferred = false;
            let mut what = Vec::new();
            for p in &c.positions {
                let (i, w) = eval(cat, held, &p.requirement)?;
                inferred |= i;
                what.extend(w);
            }
            what.dedup();
            Some((inferred, what))
        }
    }
}

fn plane_set(e: &Expansion, plane: Plane) -> &BitSet {
    match plane {
        Plane::Intune => &e.intune,
        _ => &e.cloud_pc,
    }
}

fn leaf_met(cat: &Catalog, held: &Held<'_>, leaf: &Leaf) -> bool {
    let role_held = |name: &str, plane: Plane| {
        let mine = match plane {
            Plane::Intune => &held.intune,
            _ => &held.cloud_pc,
        };
        cat.role(name)
            .and_then(|(i, _)| cat.builtin_expansions().get(i))
            .is_some_and(|e| plane_set(e, plane).is_subset(mine))
    };
    match leaf {
        Leaf::CloudPc(name) => cat
            .windows365
            .permission(name)
            .is_some_and(|(i, _)| held.cloud_pc.contains(i)),
        Leaf::Intune(name) => cat
            .intune
            .permission(name)
            .is_some_and(|(i, _)| held.intune.contains(i)),
        Leaf::CloudPcRole(name) => role_held(name, Plane::CloudPc),
        Leaf::IntuneRole(name) => role_held(name, Plane::Intune),
        Leaf::Entra(names) => held
            .roles
            .iter()
            .any(|r| r.plane() == Plane::Entra && names.iter().any(|n| r.is_named(n))),
        // No Azure scope in a scope-tag scenario.
        Leaf::AzureRole { .. } | Leaf::AzureAction { .. } | Leaf::AppHoldsAncRoles => false,
        // No deny assignments in a scope-tag scenario.
        Leaf::NotDenied { .. } => true,
    }
}

use crate::windows365::APP_HOLDS_ANC_ROLES;

fn describe(leaf: &Leaf) -> String {
    match leaf {
        Leaf::CloudPc(name) => format!("the Cloud PC permission {name}"),
        Leaf::Intune(name) => format!("the Intune permission {name}"),
        Leaf::CloudPcRole(name) => format!("every permission of the Cloud PC role {name}"),
        Leaf::IntuneRole(name) => format!("every permission of the Intune role {name}"),
        Leaf::Entra(names) => format!("the Microsoft Entra role {}", names.join(" or ")),
        Leaf::AzureRole { roles, slot } => format!("{} on the {slot}", roles.join(" or ")),
        Leaf::AzureAction { action, slot } => format!("{action} on the {slot}"),
        Leaf::NotDenied { action, slot } => {
            format!("no deny assignment blocking {action} on the {slot}")
        }
        Leaf::AppHoldsAncRoles => APP_HOLDS_ANC_ROLES.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    fn met(names: &[&str]) -> Option<Met> {
        let cat = crate::catalog().unwrap();
        let roles = RoleSet::new(cat, Vec::new());
        let refs: Vec<RoleRef> = names.iter().map(|n| roles.resolve(n).unwrap()).collect();
        meets(cat, &Held::of(&roles, refs.into_iter()))
    }

    /// S4's three roles are documented; Help Desk Operator meets it only as "a
    /// custom role with similar permissions" (inferred); Intune Role Administrator,
    /// which reads roles but no device, and an Azure role do not.
    #[test]
    fn the_roles_s4_names_and_the_similar_ones() {
        for n in [
            "Read Only Operator",
            "Cloud PC Reader",
            "Cloud PC Administrator",
        ] {
            let m = met(&[n]).unwrap();
            assert!(!m.inferred, "{n}: {m:?}");
        }
        let m = met(&["Read Only Operator"]).unwrap();
        assert_eq!(
            m.what,
            "every permission of the Intune role Read Only Operator"
        );
        let m = met(&["Help Desk Operator"]).unwrap();
        assert!(m.inferred, "{m:?}");
        assert!(m.what.contains("ManagedDevices/Read"), "{m:?}");
        assert_eq!(met(&["Intune Role Administrator"]), None);
        assert_eq!(met(&["Reader"]), None);
        assert_eq!(met(&[]), None);
    }
}
