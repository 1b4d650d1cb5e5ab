//! Minimal custom roles for Windows 365 operations: the Cloud PC permissions (and
//! Intune permissions, and Azure actions) the operations' requirements name, each
//! as a custom role of its plane with exact names (the Cloud PC and Intune role
//! documents never show a wildcard), and what no custom role can hold (an Entra
//! role, an Azure built-in role at a scope) listed apart.
//!
//! Reading a requirement: every part of `all`; of `any`, the alternative a custom
//! role can hold with the fewest permissions (else the whole choice goes to
//! `alsoNeeds`); a source conflict: every position's needs, so that the role works
//! whichever source is right (noted); "every permission of the built-in role R":
//! R's permissions. A Cloud PC role that acts on Cloud PCs also gets
//! `CloudPCs/Read`, without which it cannot find them (noted).

use super::{finish, Line, MinimalRole, Options};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::model::{PermissionBlock, Plane, Role, RoleKind};
use crate::pattern::ActionPattern;
use crate::windows365::{Cite, Leaf, Operation, Requirement, Slot};
use serde::Serialize;

/// A requirement that no custom role can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlsoNeeded {
    /// The operation's id.
    pub operation: String,
    /// What is needed, for people.
    pub requirement: String,
    /// The document.
    pub source: String,
    /// Its words.
    pub says: String,
    /// Whether `says` is the app's summary of the document, not its words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub summary: bool,
}

/// The custom roles for a set of Windows 365 operations.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationRoles {
    /// The operations' ids, in the order given.
    pub operations: Vec<String>,
    /// A Cloud PC custom role with the Cloud PC permissions needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_pc: Option<MinimalRole>,
    /// An Intune custom role with the Intune permissions needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune: Option<MinimalRole>,
    /// An Azure custom role with the Azure actions needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azure: Option<MinimalRole>,
    /// What no custom role can hold, per operation.
    pub also_needs: Vec<AlsoNeeded>,
    /// Notes (source conflicts satisfied on every side).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Default)]
struct Needs {
    cloud_pc: Vec<usize>,
    intune: Vec<usize>,
    /// Azure actions, each with where it is needed.
    azure: Vec<(String, Option<Slot>)>,
    other: Vec<Other>,
    notes: Vec<String>,
}

/// A requirement no custom role can hold (`alsoNeeds`).
struct Other {
    text: String,
    cite: Cite,
    /// It is one Azure built-in role (of these names) at a slot.
    role: Option<(Vec<String>, Slot)>,
    /// The Azure built-in roles (one of these names, at a slot) that meeting it
    /// gives in every way it can be met.
    gives: Vec<(Vec<String>, Slot)>,
}

/// The Azure built-in roles (one of the names, at a slot) that every way of
/// meeting `r` includes; a source conflict needs what every position requires.
fn given_roles(r: &Requirement) -> Vec<(Vec<String>, Slot)> {
    match r {
        Requirement::Leaf(Leaf::AzureRole { roles, slot }, _) => vec![(roles.clone(), *slot)],
        Requirement::All(v) => v.iter().flat_map(given_roles).collect(),
        Requirement::Conflict(c) => c
            .positions
            .iter()
            .flat_map(|p| given_roles(&p.requirement))
            .collect(),
        Requirement::Any(v) => {
            let mut each = v.iter().map(given_roles);
            let first = each.next().unwrap_or_default();
            let rest: Vec<_> = each.collect();
            first
                .into_iter()
                .filter(|g| rest.iter().all(|o| o.contains(g)))
                .collect()
        }
        Requirement::Leaf(..) | Requirement::Nothing => Vec::new(),
    }
}

/// Whether what is assigned at `outer` reaches `inner`: the ANC's subscription
/// holds its resource group and virtual network.
fn reaches(outer: Slot, inner: Slot) -> bool {
    outer == inner
        || (outer == Slot::Subscription
            && matches!(inner, Slot::ResourceGroup | Slot::VirtualNetwork))
}

/// Whether every role named in `any` grants every operation of some role named
/// in `role` (`Owner` and `User Access Administrator` both grant all `Reader`
/// does): whichever of `any` is assigned, `role`'s requirement is met.
fn covers(catalog: &Catalog, any: &[String], role: &[String]) -> bool {
    let ex = |name: &String| builtin(catalog, name);
    !any.is_empty()
        && any.iter().all(|a| {
            ex(a).is_some_and(|ea| {
                role.iter()
                    .any(|r| ex(r).is_some_and(|er| er.granted.is_subset(&ea.granted)))
            })
        })
}

/// Whether every role named in `any` grants the Azure action `action`.
fn grants_action(catalog: &Catalog, any: &[String], action: &str) -> bool {
    let Some(op) = catalog.operations.find(action, false) else {
        return false;
    };
    !any.is_empty()
        && any
            .iter()
            .all(|a| builtin(catalog, a).is_some_and(|e| e.granted.contains(op)))
}

/// The expansion of the built-in role of this name.
fn builtin<'c>(catalog: &'c Catalog, name: &str) -> Option<&'c crate::expand::Expansion> {
    catalog
        .role(name)
        .and_then(|(i, _)| catalog.builtin_expansions().get(i))
}

/// Can a custom role hold this requirement (alone)?
fn holdable(r: &Requirement) -> bool {
    match r {
        Requirement::All(v) => v.iter().all(holdable),
        Requirement::Any(v) => v.iter().any(holdable),
        Requirement::Leaf(l, _) => !matches!(
            l,
            Leaf::Entra(_) | Leaf::AzureRole { .. } | Leaf::AppHoldsAncRoles
        ),
        Requirement::Conflict(c) => c.positions.iter().all(|p| holdable(&p.requirement)),
        Requirement::Nothing => true,
    }
}

fn describe(l: &Leaf) -> String {
    match l {
        Leaf::Entra(names) => format!("one of the Microsoft Entra roles {}", names.join(", ")),
        Leaf::AzureRole { roles, slot } => format!(
            "the Azure role {} at the {}",
            roles
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(" or "),
            slot.label()
        ),
        Leaf::CloudPc(p) => format!("the Cloud PC permission {p}"),
        Leaf::Intune(p) => format!("the Intune permission {p}"),
        Leaf::AzureAction { action, slot } => format!("`{action}` at the {}", slot.label()),
        Leaf::NotDenied { action, slot } => {
            format!(
                "no deny assignment blocking `{action}` at the {}",
                slot.label()
            )
        }
        Leaf::CloudPcRole(r) | Leaf::IntuneRole(r) => format!("every permission of {r}"),
        Leaf::AppHoldsAncRoles => crate::windows365::APP_HOLDS_ANC_ROLES.to_string(),
    }
}

fn collect(catalog: &Catalog, r: &Requirement, out: &mut Needs) {
    match r {
        Requirement::All(v) => v.iter().for_each(|x| collect(catalog, x, out)),
        Requirement::Any(v) => match smallest(catalog, v) {
            Some(x) => collect(catalog, x, out),
            None => {
                let alts = alternatives(r);
                // An alternative that needs nothing: the requirement is met.
                if alts.iter().any(Vec::is_empty) {
                    return;
                }
                for topic in conflict_topics(r) {
                    out.notes.push(format!(
                        "sources disagree on {topic}: `alsoNeeds` names what every source requires"
                    ));
                }
                let cite = v
                    .iter()
                    .flat_map(|x| x.leaves())
                    .map(|(_, c)| c.clone())
                    .next()
                    .unwrap_or_default();
                out.other.push(Other {
                    text: render(&alts),
                    cite,
                    role: None,
                    gives: given_roles(r),
                });
            }
        },
        Requirement::Leaf(l, cite) => match l {
            Leaf::CloudPc(p) => {
                if let Some((i, _)) = catalog.windows365.permission(p) {
                    out.cloud_pc.push(i);
                }
            }
            Leaf::Intune(p) => {
                if let Some((i, _)) = catalog.intune.permission(p) {
                    out.intune.push(i);
                }
            }
            Leaf::AzureAction { action, slot } => out.azure.push((action.clone(), Some(*slot))),
            // Nothing to hold: met unless a deny assignment blocks it.
            Leaf::NotDenied { .. } => {}
            Leaf::CloudPcRole(name) | Leaf::IntuneRole(name) => {
                if let Some(e) = catalog
                    .role(name)
                    .and_then(|(i, _)| catalog.builtin_expansions().get(i))
                {
                    out.cloud_pc.extend(e.cloud_pc.iter());
                    out.intune.extend(e.intune.iter());
                }
            }
            Leaf::Entra(_) | Leaf::AzureRole { .. } | Leaf::AppHoldsAncRoles => {
                let role = match l {
                    Leaf::AzureRole { roles, slot } => Some((roles.clone(), *slot)),
                    _ => None,
                };
                out.other.push(Other {
                    text: describe(l),
                    cite: cite.clone(),
                    gives: role.clone().into_iter().collect(),
                    role,
                })
            }
        },
        Requirement::Conflict(c) => {
            out.notes.push(format!(
                "sources disagree on {}: the roles hold what every source requires",
                c.topic
            ));
            c.positions
                .iter()
                .for_each(|p| collect(catalog, &p.requirement, out));
        }
        Requirement::Nothing => {}
    }
}

/// The most alternatives a requirement is spelled out into (the authored
/// requirements have a handful).
const MOST_ALTERNATIVES: usize = 64;

/// A requirement as alternatives, each needing every one of its parts: `All`
/// multiplies, `Any` adds, a source conflict needs what every position requires
/// (as the roles do). An alternative that needs every part of another and more is
/// dropped: "`Owner`, or `Owner` and `User Access Administrator`" is `Owner`.
fn alternatives(r: &Requirement) -> Vec<Vec<String>> {
    let alts = match r {
        Requirement::Leaf(l, _) => vec![vec![describe(l)]],
        Requirement::Nothing => vec![Vec::new()],
        Requirement::Any(v) => v
            .iter()
            .flat_map(alternatives)
            .take(MOST_ALTERNATIVES)
            .collect(),
        Requirement::All(v) => product(v.iter().map(alternatives)),
        Requirement::Conflict(c) => {
            product(c.positions.iter().map(|p| alternatives(&p.requirement)))
        }
    };
    let subset = |a: &Vec<String>, b: &Vec<String>| a.iter().all(|x| b.contains(x));
    let mut kept: Vec<Vec<String>> = Vec::new();
    for (i, a) in alts.iter().enumerate() {
        let needless = alts
            .iter()
            .enumerate()
            .any(|(j, b)| j != i && subset(b, a) && (!subset(a, b) || j < i));
        if !needless {
            kept.push(a.clone());
        }
    }
    kept
}

/// Every way of taking one alternative of each part (parts merged, repeats once).
fn product(parts: impl Iterator<Item = Vec<Vec<String>>>) -> Vec<Vec<String>> {
    let mut acc: Vec<Vec<String>> = vec![Vec::new()];
    for alts in parts {
        let mut next = Vec::new();
        'outer: for a in &acc {
            for b in &alts {
                let mut t = a.clone();
                for x in b {
                    if !t.contains(x) {
                        t.push(x.clone());
                    }
                }
                next.push(t);
                if next.len() >= MOST_ALTERNATIVES {
                    break 'outer;
                }
            }
        }
        acc = next;
    }
    acc
}

/// Alternatives as one sentence: "(a, and b), or c".
fn render(alts: &[Vec<String>]) -> String {
    match alts {
        [one] => one.join(", and "),
        _ => alts
            .iter()
            .map(|a| match a.as_slice() {
                [one] => one.clone(),
                _ => format!("({})", a.join(", and ")),
            })
            .collect::<Vec<_>>()
            .join(", or "),
    }
}

/// The topics of the source conflicts a requirement holds.
fn conflict_topics(r: &Requirement) -> Vec<&str> {
    match r {
        Requirement::All(v) | Requirement::Any(v) => v.iter().flat_map(conflict_topics).collect(),
        Requirement::Conflict(c) => vec![c.topic.as_str()],
        Requirement::Leaf(..) | Requirement::Nothing => Vec::new(),
    }
}

/// Of the alternatives a custom role can hold, the one needing the fewest
/// permissions (the first of equals): "Intune read only" (53 permissions) loses to
/// Cloud PC `Roles/Read` and `CloudPCs/Read` (review F2 M1).
fn smallest<'r>(catalog: &Catalog, v: &'r [Requirement]) -> Option<&'r Requirement> {
    v.iter().filter(|x| holdable(x)).min_by_key(|x| {
        let mut n = Needs::default();
        collect(catalog, x, &mut n);
        n.cloud_pc.len() + n.intune.len() + n.azure.len() + n.other.len()
    })
}

/// The Cloud PC permission a role needs to find the Cloud PCs it acts on; lint's
/// `cannot-list-cloud-pcs` asks for it with any other `CloudPCs/` permission.
const LIST_CLOUD_PCS: &str = "CloudPCs/Read";

/// The custom roles that hold what the operations require (see the module docs).
pub fn for_operations(catalog: &Catalog, ops: &[&Operation], options: &Options) -> OperationRoles {
    let mut cloud_pc = BitSet::new(catalog.windows365.permissions.len());
    let mut intune = BitSet::new(catalog.intune.len());
    let mut azure = Vec::new();
    let mut also_needs = Vec::new();
    let mut notes = Vec::new();
    for op in ops {
        let mut n = Needs::default();
        collect(catalog, &op.requirement, &mut n);
        n.cloud_pc.iter().for_each(|&i| cloud_pc.insert(i));
        n.intune.iter().for_each(|&i| intune.insert(i));
        // What the built-in roles the operation also needs give already is not
        // asked again (a re-check review: Reader beside Owner or User Access
        // Administrator on the subscription; a custom role for role assignments
        // that Owner or User Access Administrator there grants).
        let given: Vec<&(Vec<String>, Slot)> =
            n.other.iter().flat_map(|o| o.gives.iter()).collect();
        let (kept, covered): (Vec<_>, Vec<_>) = n.azure.into_iter().partition(|(a, at)| {
            !at.is_some_and(|at| {
                given
                    .iter()
                    .any(|(any, s)| reaches(*s, at) && grants_action(catalog, any, a))
            })
        });
        if !covered.is_empty() {
            let mut names: Vec<String> = Vec::new();
            for (a, at) in &covered {
                let n = match at {
                    Some(at) => format!("`{a}` at the {}", at.label()),
                    None => format!("`{a}`"),
                };
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            notes.push(format!(
                "{}: {} not in a custom role, as the built-in role it also needs grants {} there",
                op.id,
                names.join(", "),
                if names.len() == 1 { "it" } else { "them" }
            ));
        }
        azure.extend(kept.into_iter().map(|(a, _)| (a, false)));
        let others = n.other;
        for (k, o) in others.iter().enumerate() {
            let needless = o.role.as_ref().is_some_and(|(names, at)| {
                others.iter().enumerate().any(|(j, x)| {
                    j != k
                        && x.gives.iter().any(|(any, s)| {
                            *s == *at && any != names && covers(catalog, any, names)
                        })
                })
            });
            if needless {
                notes.push(format!(
                    "{}: {} is not listed apart: the built-in role it also needs there grants all it does",
                    op.id, o.text
                ));
                continue;
            }
            if !also_needs
                .iter()
                .any(|x: &AlsoNeeded| x.operation == op.id && x.requirement == o.text)
            {
                also_needs.push(AlsoNeeded {
                    operation: op.id.clone(),
                    requirement: o.text.clone(),
                    source: o.cite.source.clone(),
                    says: o.cite.says.clone(),
                    summary: o.cite.summary,
                });
            }
        }
        for note in n.notes {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    // Acting on Cloud PCs needs finding them first (review F2 L5).
    let w = &catalog.windows365;
    let acts_on_cloud_pcs = cloud_pc.iter().any(|i| {
        w.permissions
            .get(i)
            .is_some_and(|p| p.name.starts_with("CloudPCs/") && p.name != LIST_CLOUD_PCS)
    });
    if acts_on_cloud_pcs {
        if let Some((i, _)) = w.permission(LIST_CLOUD_PCS) {
            if !cloud_pc.contains(i) {
                cloud_pc.insert(i);
                notes.push(format!(
                    "`{LIST_CLOUD_PCS}` added: without it the admin cannot list the Cloud PCs to act on (inferred: every built-in Cloud PC role that acts on Cloud PCs also reads them)"
                ));
            }
        }
    }
    // So does acting on any other object: deleting a connection or adding an
    // image without reading them (an outside review: `least` gave
    // `Azure Network Connections/Delete` alone, where it adds `CloudPCs/Read`).
    let mut reads_added = Vec::new();
    for i in cloud_pc.iter().collect::<Vec<_>>() {
        let Some(p) = w.permissions.get(i) else {
            continue;
        };
        let Some((category, action)) = p.name.rsplit_once('/') else {
            continue;
        };
        if crate::scopetags::is_read(action) {
            continue;
        }
        let read = format!("{category}/Read");
        if let Some((r, _)) = w.permission(&read) {
            if !cloud_pc.contains(r) {
                cloud_pc.insert(r);
                reads_added.push(format!("`{read}`"));
            }
        }
    }
    if !reads_added.is_empty() {
        notes.push(format!(
            "{} added: without reading them the admin cannot find in the admin center the objects the role acts on (inferred, as for `{LIST_CLOUD_PCS}`: Cloud PC Administrator reads every object it acts on)",
            reads_added.join(", ")
        ));
    }
    let label = match ops {
        [one] => one.name.clone(),
        _ => format!("{} Windows 365 operations", ops.len()),
    };
    let named = |suffix: &str| Options {
        name: Some(
            options
                .name
                .clone()
                .map(|n| format!("{n}{suffix}"))
                .unwrap_or_else(|| format!("{label} (least privilege){suffix}")),
        ),
        ..options.clone()
    };
    let cloud_pc_role = (!cloud_pc.is_empty()).then(|| {
        let names: Vec<&str> = cloud_pc
            .iter()
            .filter_map(|i| catalog.windows365.permissions.get(i))
            .map(|p| p.graph.as_str())
            .collect();
        exact_role(catalog, RoleKind::CloudPcCustom, &names, &named(""), &label)
    });
    let intune_role = (!intune.is_empty()).then(|| {
        let names: Vec<&str> = intune
            .iter()
            .filter_map(|i| catalog.intune.permissions.get(i))
            .map(|p| p.graph.as_str())
            .collect();
        let suffix = if cloud_pc.is_empty() { "" } else { " (Intune)" };
        exact_role(
            catalog,
            RoleKind::IntuneCustom,
            &names,
            &named(suffix),
            &label,
        )
    });
    let azure_role = (!azure.is_empty()).then(|| {
        let (want, _) = super::wanted(catalog, &azure);
        super::azure_role(catalog, &want, &named(" (Azure)"))
    });
    OperationRoles {
        operations: ops.iter().map(|o| o.id.clone()).collect(),
        cloud_pc: cloud_pc_role,
        intune: intune_role,
        azure: azure_role,
        also_needs,
        notes,
    }
}

/// A Cloud PC or Intune custom role with exactly these permissions (Graph names).
fn exact_role(
    catalog: &Catalog,
    kind: RoleKind,
    names: &[&str],
    options: &Options,
    label: &str,
) -> MinimalRole {
    let name = options.name.clone().unwrap_or_else(|| label.to_string());
    let actions: Vec<ActionPattern> = names
        .iter()
        .filter_map(|n| ActionPattern::new(n).ok())
        .collect();
    let lines = actions
        .iter()
        .map(|p| Line {
            pattern: p.as_str().to_string(),
            list: "actions",
            wildcard: false,
            covers: 1,
            proof: None,
        })
        .collect();
    let plane = kind.plane();
    let role = Role {
        id: crate::import::derived_id(&name),
        name: name.clone(),
        description: format!(
            "The {} permissions for: {label} (w365-perms minimal role)",
            if plane == Plane::Intune {
                "Intune"
            } else {
                "Cloud PC"
            }
        ),
        kind,
        category: None,
        blocks: vec![PermissionBlock {
            actions,
            ..Default::default()
        }],
        assignable_scopes: Vec::new(),
        provenance: vec!["composed by w365-perms (minimal role)".into()],
        notes: Vec::new(),
        entra_actions: Vec::new(),
        aliases: Vec::new(),
        version_date: None,
    };
    finish(catalog, role, names.len(), lines)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn an_anc_needs_its_cloud_pc_permission_and_azure_roles_apart() {
        let cat = catalog().unwrap();
        let op = cat
            .windows365
            .operation("create-azure-network-connection")
            .unwrap();
        let r = for_operations(cat, &[op], &Options::default());
        let cpc = r.cloud_pc.as_ref().unwrap();
        assert!(cpc
            .lines
            .iter()
            .any(|l| l.pattern == "Microsoft.CloudPC/OnPremisesConnections/Create"));
        assert!(cpc.lint_clean, "{:?}", cpc.diagnostics);
        // Owner or User Access Administrator on the subscription (seed 002's
        // never-used network), which give all Reader does: Reader is not asked
        // apart (a re-check review).
        assert!(r.also_needs.iter().any(|x| x
            .requirement
            .contains("`Owner` or `User Access Administrator`")));
        assert!(!r
            .also_needs
            .iter()
            .any(|x| x.requirement.contains("`Reader`")));
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains("`Reader` at the subscription")),
            "{:?}",
            r.notes
        );
        assert!(r.azure.is_none());
    }
}
