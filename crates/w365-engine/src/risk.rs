//! What makes a role risky, by category: privilege escalation, code execution on
//! compute, secret and key read, data exfiltration, policy and lock tampering,
//! broad access; Microsoft's privileged roles; sensitive Cloud PC and Intune
//! permissions.
//!
//! Azure findings come from the flags of `data/authored/azure-risks.json`
//! ([`model`]), each with its basis: `documented` where a document in `data/`
//! states the risk (quoted), `inferred` otherwise (with the reasoning). They are
//! computed on the role's *effective* operations, so a `NotActions` that removes
//! `roleAssignments/write` really removes the finding, and each operation is shown
//! with its provider's own description. Cloud PC findings use the documented facts
//! and the inferred severities of `cloudpc-sensitive.json`; Microsoft publishes no
//! privileged label for Cloud PC permissions, and the notes say so. Intune
//! findings ([`intune`]) are inferred from the permissions' names alone.
//!
//! Views call [`assess`] (a flat list, most serious first) or [`profile`] (the same
//! notes grouped by category, for role pages, compose, compare and the report).

mod azure;
mod escalation;
mod intune;
pub mod model;

pub use model::{CategoryInfo, RiskFlag, RiskModel, RiskSource};

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

    /// Parse the JSON name.
    pub fn parse(s: &str) -> Option<Level> {
        [Level::Critical, Level::High, Level::Medium, Level::Low]
            .into_iter()
            .find(|l| l.as_str() == s)
    }

    /// One step less serious (`low` stays `low`).
    pub fn lower(self) -> Level {
        match self {
            Level::Critical => Level::High,
            Level::High => Level::Medium,
            Level::Medium | Level::Low => Level::Low,
        }
    }
}

/// What kind of risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Category {
    /// Assigning roles, writing role definitions, taking over identities.
    PrivilegeEscalation,
    /// Running code on virtual machines, clusters, Automation, App Service.
    CodeExecution,
    /// Reading secrets, keys, connection strings, credentials.
    SecretRead,
    /// Reading or exporting the data itself.
    DataExfiltration,
    /// Policy assignments, exemptions, locks, deny settings.
    PolicyTampering,
    /// Wildcards over whole classes of operations.
    BroadAccess,
    /// A role Microsoft lists among its privileged roles.
    PrivilegedRole,
    /// Sensitive Cloud PC permissions.
    CloudPc,
    /// Sensitive Intune permissions.
    Intune,
}

impl Category {
    /// Every category, in display order.
    pub const ALL: [Category; 9] = [
        Category::PrivilegeEscalation,
        Category::CodeExecution,
        Category::SecretRead,
        Category::DataExfiltration,
        Category::PolicyTampering,
        Category::BroadAccess,
        Category::PrivilegedRole,
        Category::CloudPc,
        Category::Intune,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::PrivilegeEscalation => "privilegeEscalation",
            Category::CodeExecution => "codeExecution",
            Category::SecretRead => "secretRead",
            Category::DataExfiltration => "dataExfiltration",
            Category::PolicyTampering => "policyTampering",
            Category::BroadAccess => "broadAccess",
            Category::PrivilegedRole => "privilegedRole",
            Category::CloudPc => "cloudPc",
            Category::Intune => "intune",
        }
    }

    /// The lint code of the category's findings (`code-execution`).
    pub fn code(self) -> &'static str {
        match self {
            Category::PrivilegeEscalation => "privilege-escalation",
            Category::CodeExecution => "code-execution",
            Category::SecretRead => "secret-read",
            Category::DataExfiltration => "data-exfiltration",
            Category::PolicyTampering => "policy-tampering",
            Category::BroadAccess => "broad-access",
            Category::PrivilegedRole => "privileged-role",
            Category::CloudPc => "cloud-pc-permission",
            Category::Intune => "intune-permission",
        }
    }

    /// For people (the data's labels win where it has one: [`RiskModel::label`]).
    pub fn label(self) -> &'static str {
        match self {
            Category::PrivilegeEscalation => "Privilege escalation",
            Category::CodeExecution => "Code execution on compute",
            Category::SecretRead => "Secret and key read",
            Category::DataExfiltration => "Data exfiltration",
            Category::PolicyTampering => "Policy and lock tampering",
            Category::BroadAccess => "Broad access",
            Category::PrivilegedRole => "Privileged role",
            Category::CloudPc => "Sensitive Cloud PC permissions",
            Category::Intune => "Sensitive Intune permissions",
        }
    }

    /// Parse the JSON name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// An operation a finding rests on, with what its provider says it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskOperation {
    /// The operation, as the catalog spells it.
    pub name: String,
    /// A data action.
    pub data_action: bool,
    /// The provider's description.
    pub description: String,
}

/// One risk finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskNote {
    /// Level.
    pub level: Level,
    /// Its category.
    pub category: Category,
    /// Stable code: the category's lint code ([`Category::code`]).
    pub code: &'static str,
    /// The flag of `azure-risks.json` (or the Cloud PC or role rule) it comes from.
    pub flag: String,
    /// What and why, one sentence.
    pub message: String,
    /// `documented` (a document says so) or `inferred` (our reasoning).
    pub basis: &'static str,
    /// Why, when inferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// The operations it rests on (at most [`OPERATIONS_SHOWN`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<RiskOperation>,
    /// How many operations it rests on in all.
    pub operation_count: usize,
    /// Granted only under a condition (the level is one step lower).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// Documents quoted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RiskSource>,
}

/// At most this many operations are listed per note.
pub const OPERATIONS_SHOWN: usize = 10;

/// A note with nothing but a message (roles, Cloud PC permissions).
fn note(
    level: Level,
    category: Category,
    flag: &str,
    message: String,
    basis: &'static str,
) -> RiskNote {
    RiskNote {
        level,
        category,
        code: category.code(),
        flag: flag.to_string(),
        message,
        basis,
        reasoning: None,
        operations: Vec::new(),
        operation_count: 0,
        conditional: false,
        sources: Vec::new(),
    }
}

/// The notes of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryNotes {
    /// The category.
    pub category: Category,
    /// Its label.
    pub label: String,
    /// The most serious level among its notes.
    pub level: Level,
    /// The notes, most serious first.
    pub notes: Vec<RiskNote>,
}

/// Assess a role with its expansion: every note, most serious first.
pub fn assess(catalog: &Catalog, role: &Role, ex: &Expansion) -> Vec<RiskNote> {
    let mut out = match role.plane() {
        Plane::Azure => azure::assess(catalog, role, ex),
        Plane::CloudPc | Plane::Entra => cloud_pc(catalog, ex),
        Plane::Intune => Vec::new(),
    };
    if role.plane() != Plane::Azure {
        out.extend(intune::notes(catalog, ex));
    }
    if role.plane() != Plane::Azure {
        // A custom role's holder holds that very role: a permission that
        // updates roles of its plane widens it.
        let own = [(role.plane(), role.name.as_str())];
        let custom: &[(Plane, &str)] = if role.kind.is_builtin() { &[] } else { &own };
        out.extend(escalation::notes(catalog, ex, custom));
    }
    // Microsoft's list names built-in roles: a custom role of that name (which
    // Azure refuses anyway) is not one of them (an outside review: a two-action
    // custom `Owner` was called privileged).
    if role.plane() == Plane::Azure && role.kind.is_builtin() {
        if let Some((_, why)) = catalog
            .windows365
            .privileged_roles
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(&role.name))
        {
            out.push(note(
                Level::High,
                Category::PrivilegedRole,
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
            Category::PrivilegedRole,
            "privileged-entra-role",
            format!("Microsoft labels the Entra role `{}` PRIVILEGED", role.name),
            "documented",
        ));
    }
    if let Some(n) = group_membership(role) {
        out.push(n);
    }
    if role.kind == crate::model::RoleKind::EntraCustom {
        // "A built-in or custom role that has one or more privileged permissions"
        // is privileged (entra-docs privileged-roles-permissions.md); these two are
        // named privileged-labeled in the bundled facts (Global Reader's entry).
        for action in role.entra_actions.iter().map(|a| a.action.as_str()) {
            if let Some(&(_, what)) = PRIVILEGED_ENTRA_PERMISSIONS
                .iter()
                .find(|(p, _)| p.eq_ignore_ascii_case(action))
            {
                out.push(note(
                    Level::High,
                    Category::PrivilegedRole,
                    "privileged-entra-permission",
                    format!(
                        "`{action}` ({what}) is a privileged-labeled Microsoft Entra permission, so Microsoft labels `{}` privileged",
                        role.name
                    ),
                    "documented",
                ));
            }
        }
    }
    crate::order::sort_by_key(&mut out, |n| (n.level, n.category));
    out
}

/// The Microsoft Entra permissions that change who is in a group, then those that
/// change who owns one (an owner manages its members: a second review found a
/// custom role with `groups/owners/update` alone "never reaching Windows 365").
const GROUP_MEMBERSHIP: &[&str] = &[
    "microsoft.directory/groups/members/update",
    "microsoft.directory/groups/dynamicMembershipRule/update",
    "microsoft.directory/groups.security/members/update",
    "microsoft.directory/groups.security/dynamicMembershipRule/update",
    "microsoft.directory/groups/owners/update",
    "microsoft.directory/groups.security/owners/update",
];

/// An Entra role that changes group membership reaches Windows 365 through
/// groups: Intune and Cloud PC role assignments are given to groups, and Cloud
/// PC provisioning policies and user settings target them. An outside review:
/// Groups Administrator was "no risk" and listed as never reaching Windows 365
/// beside a group holding Intune Role Administrator.
fn group_membership(role: &Role) -> Option<RiskNote> {
    if role.plane() != Plane::Entra {
        return None;
    }
    // A security-group line held only through its parent entity's line is that
    // line again, not one more: each has its `groups` counterpart in the list.
    let held: Vec<&str> = GROUP_MEMBERSHIP
        .iter()
        .filter(|w| {
            role.entra_actions.iter().any(|a| {
                crate::evaluate::entra_matches(&a.action, w)
                    && !crate::evaluate::entra_via_parent(&a.action, w)
            })
        })
        .copied()
        .collect();
    let first = held.first()?;
    let mut n = note(
        Level::High,
        Category::PrivilegeEscalation,
        "group-membership",
        format!(
            "`{}` holds `{first}`{}: it can put anyone, its holder included, in a group{}, and so gains what the group is given in Windows 365: the Intune and Cloud PC roles assigned to the group, and the Cloud PCs and local administrator rights of the provisioning policies and user settings that target it",
            role.name,
            if held.len() > 1 {
                format!(" (and {} more that change membership)", held.len() - 1)
            } else {
                String::new()
            },
            if first.ends_with("/owners/update") {
                " (as an owner it makes itself, who manages the group's members)"
            } else {
                ""
            }
        ),
        "inferred",
    );
    n.reasoning = Some(
        "Intune role assignments are given to groups (intune-scope-tags.md: \"Members (Admin Groups). The admins who get the role.\"), and entra-privileged.json gives Groups Administrator's relevance to Cloud PCs as \"membership of groups targeted by a user setting with 'Enable local admin' makes users local administrators of their Cloud PCs; membership of provisioning-policy groups triggers provisioning\" (inferred there too); a group that can be assigned Microsoft Entra roles is managed only by Privileged Role Administrator, which this rule does not consider".into(),
    );
    Some(n)
}

/// Microsoft Entra permissions the bundled facts name as privileged-labeled (the
/// others of a custom Entra role are listed, not assessed).
const PRIVILEGED_ENTRA_PERMISSIONS: &[(&str, &str)] = &[
    (
        "microsoft.directory/bitlockerKeys/key/read",
        "reads BitLocker recovery keys",
    ),
    (
        "microsoft.directory/users/allProperties/read",
        "reads all properties of users",
    ),
];

/// Group notes by category, most serious first (categories of one level in
/// [`Category::ALL`] order; empty ones left out).
pub fn by_category(catalog: &Catalog, notes: Vec<RiskNote>) -> Vec<CategoryNotes> {
    let mut out: Vec<CategoryNotes> = Vec::new();
    for c in Category::ALL {
        let mut mine: Vec<RiskNote> = notes.iter().filter(|n| n.category == c).cloned().collect();
        crate::order::sort_by_key(&mut mine, |n| n.level);
        if let Some(level) = mine.first().map(|n| n.level) {
            out.push(CategoryNotes {
                category: c,
                label: catalog.azure_risks.label(c).to_string(),
                level,
                notes: mine,
            });
        }
    }
    // Most serious first, categories of one level in their own order (an outside
    // review: a critical category came after four high ones).
    crate::order::sort_by_key(&mut out, |c| c.level);
    out
}

/// [`assess`], grouped by category: what a role page, compose, compare or the
/// report shows.
pub fn profile(catalog: &Catalog, role: &Role, ex: &Expansion) -> Vec<CategoryNotes> {
    by_category(catalog, assess(catalog, role, ex))
}

/// The escalation notes (Cloud PC, Intune, Microsoft Entra: flags
/// `cloudpc-escalation`, `intune-escalation`, `entra-escalation`) of the
/// permissions in `ex`, for a holder of the custom roles `custom` (plane, name):
/// for permissions held through several roles together (the tenant review's
/// combined escalation). See [`escalation`] for the rule and its basis.
pub fn escalation_notes(
    catalog: &Catalog,
    ex: &Expansion,
    custom: &[(Plane, &str)],
) -> Vec<RiskNote> {
    escalation::notes(catalog, ex, custom)
}

/// A Cloud PC permission held whose risk no source rates (`cloudpc-sensitive.json`
/// gives it the severity `unknown`: `Webhooks/Create`, which no Microsoft table
/// or Graph capture it searched names). It makes no note, as no level can be given;
/// views list it so that a role without notes is not read as "no risk".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unrated {
    /// Admin-center name (`Webhooks/Create`).
    pub permission: String,
    /// Graph name.
    pub graph: String,
    /// The severity the reference gives (`unknown`), or `unassessed` for an
    /// observed permission it does not list.
    pub severity: String,
    /// Always `inferred`: the reference's own reasoning.
    pub basis: &'static str,
    /// Why it is unrated, in the reference's words.
    pub reasoning: String,
    /// The sentence.
    pub message: String,
}

/// The Cloud PC permissions held whose risk is not rated ([`Unrated`]), in
/// catalog order.
pub fn unrated(catalog: &Catalog, ex: &Expansion) -> Vec<Unrated> {
    let perms = &catalog.windows365.permissions;
    ex.cloud_pc
        .iter()
        .filter_map(|i| perms.get(i))
        // A permission that is not a current one grants nothing (as `eval`
        // answers it), so it has no risk to rate (a re-check review: a role with
        // `Reports/Export` was "unknown").
        .filter(|p| !p.legacy)
        .filter_map(|p| {
            let Some(s) = catalog.windows365.sensitivity(&p.graph) else {
                return unassessed(p);
            };
            let rated = matches!(
                s.severity.as_str(),
                "critical" | "high" | "medium-high" | "medium" | "low"
            );
            (!rated).then(|| {
                Unrated {
                    permission: p.name.clone(),
                    graph: p.graph.clone(),
                    severity: s.severity.clone(),
                    basis: "inferred",
                    reasoning: {
                        let mut why = s.reasoning.first().cloned().unwrap_or_default();
                        // Observed beats modelled: a note that doubts the permission
                        // exists is answered by Graph returning it (an outside review:
                        // "may not exist" beside the role's observed `Webhooks/Create`).
                        if p.confidence == "observed" {
                            why.push_str(&format!(
                                " Since observed: Graph returns `{}` in a built-in Cloud PC role, so the permission exists; no source rates its risk.",
                                p.graph
                            ));
                        }
                        why
                    },
                    message: format!(
                        "`{}`: its risk is {} (cloudpc-sensitive.json rates it `{}`), not known to be low",
                        p.name,
                        if s.severity == "unknown" { "undocumented" } else { "unrated" },
                        s.severity
                    ),
                }
            })
        })
        .collect()
}

/// A Cloud PC permission other than a read that the sensitivity reference does
/// not list: its silence is not a rating (it lists the permissions it found
/// sensitive, and was drawn up without Graph's captures: it found no
/// `Webhooks/Create`, which they hold), so no source rates its risk. An outside
/// review: `Roles/Delete`, `OnPremisesConnections/Delete` and
/// `Snapshot/PurgeImportedSnapshot` were "nothing flagged". Reads stay out (the
/// reference's scale: "low: read-only").
fn unassessed(p: &crate::windows365::CloudPcPermission) -> Option<Unrated> {
    let read_only = p.action.eq_ignore_ascii_case("Read");
    (!read_only).then(|| Unrated {
        permission: p.name.clone(),
        graph: p.graph.clone(),
        severity: "unassessed".to_string(),
        basis: "inferred",
        reasoning: if p.confidence == "observed" {
            format!(
                "cloudpc-sensitive.json does not list `{}`. Graph returns it in a built-in Cloud PC role, but the reference was drawn up without those captures (it found no `Webhooks/Create`, which they hold), so its silence is not a rating and no source rates this permission's risk.",
                p.graph
            )
        } else {
            format!(
                "cloudpc-sensitive.json does not list `{}`: it lists the permissions it found sensitive and rates no other, so its silence is not a rating and no source rates this permission's risk.",
                p.graph
            )
        },
        message: format!(
            "`{}`: its risk is unrated (cloudpc-sensitive.json does not assess it), not known to be low",
            p.name
        ),
    })
}

/// The sensitive-permission notes of the Cloud PC permissions held.
fn cloud_pc(catalog: &Catalog, ex: &Expansion) -> Vec<RiskNote> {
    let perms = &catalog.windows365.permissions;
    let mut out = Vec::new();
    for i in ex.cloud_pc.iter() {
        // Not a current permission: it grants nothing, so carries no risk.
        let Some(p) = perms.get(i).filter(|p| !p.legacy) else {
            continue;
        };
        let Some(s) = catalog.windows365.sensitivity(&p.graph) else {
            continue;
        };
        let level = match s.severity.as_str() {
            "critical" => Level::Critical,
            "high" => Level::High,
            "medium-high" | "medium" => Level::Medium,
            "low" => Level::Low,
            // No level is known (`unknown`): listed by [`unrated`], not a note.
            _ => continue,
        };
        let why = s.reasoning.first().cloned().unwrap_or_default();
        let mut n = note(
            level,
            Category::CloudPc,
            "sensitive-permission",
            format!("`{}` ({}): {why}", p.name, s.severity),
            "inferred",
        );
        n.code = "sensitive-permission";
        out.push(n);
    }
    out
}
