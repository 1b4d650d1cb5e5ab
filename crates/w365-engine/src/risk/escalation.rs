//! Escalation through the role systems outside Azure: Cloud PC
//! (`roleManagement/cloudPC`), Intune (`deviceManagement`) and Microsoft Entra
//! (`roleManagement/directory`). One rule for the three, driven by the
//! permissions a role holds, never by its name:
//!
//! - a permission that **assigns** roles of the plane lets its holder assign any
//!   role of that plane, the strongest included, to itself or others;
//! - a permission that **updates** role assignments lets its holder change which
//!   groups or scopes an existing assignment covers, adding its own group to an
//!   assignment of the strongest role (Cloud PC's `Role Assignments/Update`, rated
//!   critical by `cloudpc-sensitive.json`; Intune's `Roles/Assign` and Entra's
//!   `roleAssignments/allProperties/allTasks` already assign);
//! - a permission that **updates** role definitions lets its holder add any
//!   permission of the plane to a custom role it already holds: escalation
//!   without a new assignment. It counts only when the holder holds a custom
//!   role of that plane (a built-in role cannot be edited): the role itself when
//!   it is custom, or another of the principal's roles in a tenant review.
//!
//! Each is rated critical, as `role-assignment-write` and `role-definition-write`
//! are for Azure (`azure-risks.json`) and as `cloudpc-escalation` always was:
//! [`super::Level::Critical`] is "escalation of admin rights". The three planes
//! reach Windows 365: Cloud PC roles hold its permissions, Entra roles include
//! Windows 365 Administrator and Intune Administrator (which hold every Cloud PC
//! permission), and Intune roles hold the Intune permissions some Windows 365
//! operations and remote actions need besides (resize: an Intune read besides
//! the Cloud PC permission).
//!
//! The quotes below are kept word for word from `data/sources/reference/`; a
//! unit test checks each against its file.

use super::{note, Category, Level, RiskNote, RiskSource};
use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::Plane;

/// The role-granting permissions of one plane, with the basis of the rule.
struct RoleControl {
    /// The plane whose roles they grant.
    plane: Plane,
    /// The flag and code of its notes.
    flag: &'static str,
    /// The plane in words.
    name: &'static str,
    /// The strongest role of the plane a holder can assign, in words.
    strongest: &'static str,
    /// Permissions that create role assignments.
    assign: &'static [&'static str],
    /// Permissions that change an existing role assignment's members or scopes.
    reassign: &'static [&'static str],
    /// Permissions that change an existing role definition's permissions.
    update: &'static [&'static str],
    /// Permissions that create role definitions (with `assign`: any permission).
    create: &'static [&'static str],
    /// `documented` or `inferred`.
    basis: &'static str,
    /// Why, when inferred.
    reasoning: Option<&'static str>,
    /// (file of `data/sources/reference/` and the document it copies, words).
    sources: &'static [(&'static str, &'static str, &'static str)],
}

const MEMDOCS_INTUNE_RBAC: &str = "MicrosoftDocs/memdocs intune/intune-service/fundamentals/role-based-access-control.md @ 71ffdad00e (microsoft, 08/20/2025)";

/// The three planes. Cloud PC's is inferred (no Microsoft document says what a
/// Cloud PC role-assignment permission allows beyond its one-line description);
/// Intune's is inferred too (its document says what Intune Role Administrator
/// manages, not that its holder can raise its own access); Entra's is documented
/// for the built-in role that holds the permission ("can grant themselves or
/// others additional privilege").
const CONTROLS: &[RoleControl] = &[
    RoleControl {
        plane: Plane::CloudPc,
        flag: "cloudpc-escalation",
        name: "Cloud PC",
        strongest: "Cloud PC Administrator",
        assign: &["Role Assignments/Create"],
        reassign: &["Role Assignments/Update"],
        update: &["Roles/Update"],
        create: &["Roles/Create"],
        basis: "inferred",
        reasoning: Some(
            "cloudpc-sensitive.json's reasoning: `Role Assignments/Create`: \"A holder can assign any Cloud PC role definition (including Cloud PC Administrator, or a custom role carrying the most sensitive permissions below) to admin groups. That makes it an escalation permission within Cloud PC RBAC, just as roleAssignments/write is in Azure.\" `Role Assignments/Update`: \"Can change which groups or scopes an existing assignment covers, for example adding an attacker-controlled group to a Cloud PC Administrator assignment.\" `Roles/Create`: \"Combined with any Role Assignments/* permission this is full escalation.\" `Roles/Update`: \"Can add permissions to a custom role that is already assigned, including one assigned to the holder. That is escalation without creating a new assignment, so it is at least as sensitive as Roles/Create.\"",
        ),
        sources: &[
            (
                "cloudpc-sensitive.json",
                "MicrosoftDocs/memdocs windows-365/enterprise/role-based-access.md @ b94f70b85a (microsoft, 05/8/2024)",
                "Role Assignments/Create | Create a new Cloud PC role assignment.",
            ),
            (
                "cloudpc-sensitive.json",
                "MicrosoftDocs/memdocs windows-365/enterprise/role-based-access.md @ b94f70b85a (microsoft, 05/8/2024)",
                "Role Assignments/Update | Update the properties of a specific Cloud PC role assignment.",
            ),
        ],
    },
    RoleControl {
        plane: Plane::Intune,
        flag: "intune-escalation",
        name: "Intune",
        strongest: "any built-in Intune role",
        assign: &["Microsoft.Intune/Roles/Assign"],
        reassign: &[],
        update: &["Microsoft.Intune/Roles/Update"],
        create: &["Microsoft.Intune/Roles/Create"],
        // Documented is what the role manages; that its holder can raise its own
        // access is this rule's reading (an outside audit of the facts).
        basis: "inferred",
        reasoning: Some(
            "Intune's RBAC page says of Intune Role Administrator: \"Manages custom Intune roles and adds assignments for built-in Intune roles. It's the only Intune role that can assign permissions to Administrators.\" It does not say its holder can raise its own access; that a holder of Roles/Assign, with Roles/Create or Roles/Update, can write a role with any Intune permission and assign it to a group the holder is in is this rule's reading, as Azure's roleAssignments/write and Entra's Privileged Role Administrator are documented to allow.",
        ),
        sources: &[(
            "cloudpc-sensitive.json",
            MEMDOCS_INTUNE_RBAC,
            "Intune Role Administrator: Manages custom Intune roles and adds assignments for built-in Intune roles. It's the only Intune role that can assign permissions to Administrators.",
        )],
    },
    RoleControl {
        plane: Plane::Entra,
        flag: "entra-escalation",
        name: "Microsoft Entra",
        strongest: "Global Administrator, Windows 365 Administrator or Intune Administrator",
        assign: &["microsoft.directory/roleAssignments/allProperties/allTasks"],
        reassign: &[],
        update: &["microsoft.directory/roleDefinitions/allProperties/allTasks"],
        create: &[],
        basis: "documented",
        reasoning: None,
        sources: &[(
            "entra-privileged.json",
            "MicrosoftDocs/entra-docs docs/identity/role-based-access-control/includes/privileged-role-administrator.md @ 4692b0e44d (microsoft, 06/25/2025)",
            "This role grants the ability to manage assignments for all Microsoft Entra roles including the Global Administrator role. ... However, users assigned to this role can grant themselves or others additional privilege by assigning additional roles.",
        )],
    },
];

/// Whether `ex` holds the permission `name` of `plane`.
fn holds(catalog: &Catalog, ex: &Expansion, plane: Plane, name: &str) -> bool {
    match plane {
        Plane::CloudPc => catalog
            .windows365
            .permissions
            .iter()
            .position(|p| p.is_named(name))
            .is_some_and(|i| ex.cloud_pc.contains(i)),
        Plane::Intune => catalog
            .intune
            .permissions
            .iter()
            .position(|p| p.graph.eq_ignore_ascii_case(name))
            .is_some_and(|i| ex.intune.contains(i)),
        Plane::Entra => ex.entra.binary_search(&name.to_ascii_lowercase()).is_ok(),
        Plane::Azure => false,
    }
}

/// The escalation notes of the permissions in `ex`, for a holder who holds the
/// custom roles `custom` (plane and name): one note a plane at most, critical,
/// in the privilege-escalation category (so the tenant review counts it as
/// escalation).
pub(super) fn notes(catalog: &Catalog, ex: &Expansion, custom: &[(Plane, &str)]) -> Vec<RiskNote> {
    let mut out = Vec::new();
    for c in CONTROLS {
        let first = |names: &[&'static str]| {
            names
                .iter()
                .copied()
                .find(|n| holds(catalog, ex, c.plane, n))
        };
        let assign = first(c.assign);
        let reassign = first(c.reassign);
        let widen = first(c.update).or_else(|| first(c.create));
        let message = match (assign, reassign, widen) {
            (Some(a), _, Some(w)) => format!(
                "holds `{a}` with `{w}`: it can write a role with any {} permission and assign it, to itself included",
                c.name
            ),
            (Some(a), _, None) => format!(
                "holds `{a}`: it can assign any {} role, {} included, to itself or others",
                c.name, c.strongest
            ),
            (None, Some(r), Some(w)) => format!(
                "holds `{r}` with `{w}`: it can give a role any {} permission and change which groups an existing assignment covers, its own included",
                c.name
            ),
            (None, Some(r), None) => format!(
                "holds `{r}`: it can change which groups or scopes an existing {} role assignment covers, adding its own group to a {} assignment",
                c.name, c.strongest
            ),
            (None, None, _) => {
                let Some(u) = first(c.update) else { continue };
                let mut mine: Vec<&str> = custom
                    .iter()
                    .filter(|(p, _)| *p == c.plane)
                    .map(|(_, n)| *n)
                    .collect();
                mine.sort_unstable();
                mine.dedup();
                let Some(role) = mine.first() else { continue };
                let more = if mine.len() > 1 {
                    format!(" (and {} other custom {} role(s) it holds)", mine.len() - 1, c.name)
                } else {
                    String::new()
                };
                format!(
                    "holds `{u}` and the custom {} role `{role}`{more}: it can add any {} permission to a role it already holds, an escalation without a new assignment",
                    c.name, c.name
                )
            }
        };
        let mut n = note(
            Level::Critical,
            Category::PrivilegeEscalation,
            c.flag,
            message,
            c.basis,
        );
        n.code = c.flag;
        n.reasoning = c.reasoning.map(str::to_string);
        n.sources = c
            .sources
            .iter()
            .map(|(file, doc, quote)| RiskSource {
                source: format!("{file}: {doc}"),
                quote: (*quote).to_string(),
            })
            .collect();
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use super::*;

    #[test]
    fn every_quote_is_in_its_reference_file() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources/reference");
        for c in CONTROLS {
            for (file, _, quote) in c.sources {
                let text = std::fs::read_to_string(dir.join(file)).unwrap();
                assert!(text.contains(quote), "{}: not in {file}: {quote}", c.flag);
            }
            if let Some(r) = c.reasoning {
                // The reasoning quotes the reference's own reasoning, each in "...".
                let text = std::fs::read_to_string(dir.join("cloudpc-sensitive.json")).unwrap();
                for q in r.split('"').skip(1).step_by(2) {
                    assert!(
                        text.contains(q),
                        "{}: not in cloudpc-sensitive.json: {q}",
                        c.flag
                    );
                }
            }
        }
    }

    #[test]
    fn every_permission_is_in_its_catalog() {
        let cat = crate::catalog().unwrap();
        let mut all = Expansion::empty(cat);
        for i in 0..cat.windows365.permissions.len() {
            all.cloud_pc.insert(i);
        }
        for i in 0..cat.intune.permissions.len() {
            all.intune.insert(i);
        }
        all.entra = cat
            .roles
            .iter()
            .flat_map(|r| r.entra_actions.iter())
            .map(|a| a.action.to_ascii_lowercase())
            .collect();
        crate::order::sort(&mut all.entra);
        all.entra.dedup();
        for c in CONTROLS {
            for p in c
                .assign
                .iter()
                .chain(c.reassign)
                .chain(c.update)
                .chain(c.create)
            {
                assert!(
                    holds(cat, &all, c.plane, p),
                    "{}: `{p}` is not in the catalog",
                    c.flag
                );
            }
        }
    }
}
