//! What makes a role risky: privilege escalation, secrets, broad data access.
//!
//! Azure findings rest on Microsoft's privileged-action list (as reproduced in
//! `data/sources/reference/azure-privileged.json`) and are computed on the role's
//! *effective* operations, so a `NotActions` that removes `roleAssignments/write`
//! really removes the finding. Cloud PC findings use the documented facts and the
//! inferred severities of `cloudpc-sensitive.json`; Microsoft publishes no
//! privileged label for Cloud PC permissions, and the notes say so.

use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::{Plane, Role};
use serde::Serialize;

/// How serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Escalation of admin rights, or export of whole disks or credentials.
    Critical,
    /// Destructive, or local admin on endpoints, or trust expansion.
    High,
    /// Indirect security effect.
    Medium,
    /// Worth knowing.
    Low,
}

impl Level {
    /// `critical`, `high`, `medium`, `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Critical => "critical",
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// One risk finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskNote {
    /// Level.
    pub level: Level,
    /// Stable code.
    pub code: &'static str,
    /// What and why.
    pub message: String,
    /// `documented` (Microsoft says so) or `inferred` (our reasoning).
    pub basis: &'static str,
}

fn note(level: Level, code: &'static str, message: String, basis: &'static str) -> RiskNote {
    RiskNote {
        level,
        code,
        message,
        basis,
    }
}

/// Assess a role with its expansion.
pub fn assess(catalog: &Catalog, role: &Role, ex: &Expansion) -> Vec<RiskNote> {
    let mut out = match role.plane() {
        Plane::Azure => azure(catalog, role, ex),
        Plane::CloudPc | Plane::Entra => cloud_pc(catalog, ex),
        Plane::Intune => Vec::new(),
    };
    if role.plane() == Plane::Azure {
        if let Some((_, why)) = catalog
            .windows365
            .privileged_roles
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&role.name))
        {
            out.push(note(
                Level::High,
                "privileged-role",
                format!(
                    "Microsoft lists `{}` among the privileged administrator roles: {why}",
                    role.name
                ),
                "documented",
            ));
        }
    }
    if role.plane() == Plane::Entra
        && role
            .notes
            .iter()
            .any(|n| n.contains("labels this Entra role PRIVILEGED"))
    {
        out.push(note(
            Level::High,
            "privileged-entra-role",
            format!("Microsoft labels the Entra role `{}` PRIVILEGED", role.name),
            "documented",
        ));
    }
    out.sort_by_key(|n| n.level);
    out
}

fn azure(catalog: &Catalog, role: &Role, ex: &Expansion) -> Vec<RiskNote> {
    let ops = &catalog.operations;
    let mut out = Vec::new();
    let has = |name: &str| -> (bool, bool) {
        match ops.find(name, false) {
            Some(i) => (ex.granted.contains(i), ex.conditional.contains(i)),
            None => (false, false),
        }
    };
    let patterns: Vec<&str> = role
        .blocks
        .iter()
        .flat_map(|b| b.actions.iter().map(|p| p.lower()))
        .collect();
    if patterns.contains(&"*") {
        out.push(note(Level::Critical, "everything", "`*` in Actions grants every control-plane action of every provider, today's and future ones".into(), "documented"));
    }
    for (action, level, what) in [
        (
            "Microsoft.Authorization/roleAssignments/write",
            Level::Critical,
            "can assign any role to anyone at its scope, including itself: a path to Owner",
        ),
        (
            "Microsoft.Authorization/roleDefinitions/write",
            Level::Critical,
            "can create or widen role definitions",
        ),
        (
            "Microsoft.Authorization/elevateAccess/Action",
            Level::Critical,
            "grants the caller User Access Administrator at the tenant root",
        ),
        (
            "Microsoft.Authorization/denyAssignments/write",
            Level::Critical,
            "can create deny assignments",
        ),
        (
            "Microsoft.Authorization/denyAssignments/delete",
            Level::Critical,
            "can remove deny assignments",
        ),
        (
            "Microsoft.Authorization/roleAssignments/delete",
            Level::High,
            "can remove role assignments",
        ),
        (
            "Microsoft.Authorization/roleDefinitions/delete",
            Level::High,
            "can delete custom role definitions",
        ),
    ] {
        match has(action) {
            (true, _) => out.push(note(level, "privileged-action", format!("grants `{action}`: {what}"), "documented")),
            (false, true) => out.push(note(
                Level::Medium,
                "privileged-action-conditional",
                format!("grants `{action}` only under a condition (delegation with conditions narrows which roles and principals): {what}"),
                "documented",
            )),
            _ => {}
        }
    }
    for p in ["*/write", "*/delete"] {
        if patterns.contains(&p) {
            out.push(note(Level::High, "privileged-pattern", format!("`{p}` is on Microsoft's privileged-action list: it writes or deletes resources of all types"), "documented"));
        }
    }
    let secrets = ex
        .actions(catalog)
        .filter(|&i| {
            let n = ops.lower(i);
            n.ends_with("/listkeys/action")
                || n.ends_with("/listsecrets/action")
                || n.ends_with("/listcredentials/action")
                || n.ends_with("/regeneratekey/action")
        })
        .count();
    if secrets > 0 {
        out.push(note(
            Level::Medium,
            "secrets",
            format!("grants {secrets} operations that return or rotate keys and secrets (`listKeys/action` and the like); a storage account key gives full access to its data"),
            "documented",
        ));
    }
    let broad_data: Vec<&str> = role
        .blocks
        .iter()
        .flat_map(|b| b.data_actions.iter())
        .filter(|p| p.is_wildcard() && p.lower().matches('/').count() <= 1)
        .map(|p| p.as_str())
        .collect();
    if !broad_data.is_empty() {
        out.push(note(
            Level::Medium,
            "broad-data-access",
            format!(
                "provider-wide data actions ({}) reach the data itself, not only the resources",
                broad_data.join(", ")
            ),
            "inferred",
        ));
    }
    out
}

fn cloud_pc(catalog: &Catalog, ex: &Expansion) -> Vec<RiskNote> {
    let perms = &catalog.windows365.permissions;
    let held = |name: &str| {
        perms
            .iter()
            .position(|p| p.is_named(name))
            .is_some_and(|i| ex.cloud_pc.contains(i))
    };
    let mut out = Vec::new();
    if held("Role Assignments/Create") && (held("Roles/Update") || held("Roles/Create")) {
        out.push(note(
            Level::Critical,
            "cloudpc-escalation",
            "holds `Role Assignments/Create` with `Roles/Update` or `Roles/Create`: it can write a role with any Cloud PC permission and assign it, to itself included".into(),
            "inferred",
        ));
    }
    for i in ex.cloud_pc.iter() {
        let Some(p) = perms.get(i) else { continue };
        let Some(s) = catalog.windows365.sensitivity(&p.graph) else {
            continue;
        };
        let level = match s.severity.as_str() {
            "critical" => Level::Critical,
            "high" => Level::High,
            "medium-high" | "medium" => Level::Medium,
            "low" => Level::Low,
            // A research note (no such permission was found), not a risk.
            _ => continue,
        };
        let why = s.reasoning.first().cloned().unwrap_or_default();
        out.push(note(
            level,
            "sensitive-permission",
            format!("`{}` ({}): {why}", p.name, s.severity),
            "inferred",
        ));
    }
    out
}
