//! The Windows 365 model: the Cloud PC permission catalog, the admin operations and
//! what each requires across Entra, Cloud PC, Intune and Azure, and the Azure roles
//! the Windows 365 service itself receives.

mod load;
mod requirement;

pub use requirement::{Cite, Conflict, Leaf, Position, Requirement, Slot};

use std::collections::HashMap;
use std::sync::OnceLock;

pub(crate) use load::load;

/// A document the model cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `seed-001`, `ref-edit-anc`, ...
    pub id: String,
    /// Title.
    pub title: String,
    /// Date (ms.date), or a note when undated.
    pub date: String,
    /// Where the copy comes from.
    pub origin: String,
}

/// A note attached to a permission in the seed's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionNote {
    /// `azure-owner-or-uaa`, `in-use`, `limited`.
    pub kind: String,
    /// The sentence.
    pub text: String,
}

/// A Cloud PC custom-role permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudPcPermission {
    /// The admin-center name, `CloudPCs/Reboot`.
    pub name: String,
    /// `CloudPCs`
    pub resource: String,
    /// `Reboot`
    pub action: String,
    /// The seed's description, verbatim.
    pub description: String,
    /// The description without its notes.
    pub summary: String,
    /// Notes split out of the description.
    pub notes: Vec<PermissionNote>,
    /// The Graph resource action, `Microsoft.CloudPC/CloudPCs/Reboot`.
    pub graph: String,
    /// How sure the Graph name is: `high`, `medium`, `captured`, `low`, `observed`
    /// (Graph returned it in a built-in role), `derived` (no source gives it: made
    /// from the admin-center name by the naming rule; see
    /// [`CloudPcPermission::graph_name_unverified`]).
    pub confidence: String,
    /// Why.
    pub evidence: Vec<String>,
    /// Has a row in the seed's custom-role permission table.
    pub in_table: bool,
    /// In neither the table nor a current built-in role (kept so older roles import).
    pub legacy: bool,
}

impl CloudPcPermission {
    /// No source gives this Graph name: it is derived from the admin-center name by
    /// the naming rule (spaces removed), and Graph never returned it in a built-in
    /// role. A role holding it may be refused by Graph.
    pub fn graph_name_unverified(&self) -> bool {
        self.confidence == "derived"
    }

    /// Does `text` name this permission (admin-center name or Graph name; case and
    /// spaces ignored)?
    pub fn is_named(&self, text: &str) -> bool {
        let k = squash(text);
        k == squash(&self.name) || k == squash(&self.graph)
    }
}

pub(crate) fn squash(s: &str) -> String {
    // One allocation of the right size (a role page looks names up hundreds of times).
    let mut out = String::with_capacity(s.len());
    out.extend(
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase()),
    );
    out
}

/// What the Windows 365 service receives for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceKind {
    /// Nothing.
    None,
    /// The ANC role set on subscription, resource group and virtual network.
    Anc,
    /// Reader on the image's subscription (custom image without an ANC).
    Image,
    /// Two storage roles (place under review).
    Review,
}

/// The Windows 365 first-party app's application id (A7: `az ad sp create --id
/// 0af06dc6-e4b5-4f28-818e-e78e62d137a5`), by which an assignment names it.
pub const WINDOWS365_APP_ID: &str = "0af06dc6-e4b5-4f28-818e-e78e62d137a5";

/// The Windows 365 first-party app as an assignment's principal: named by its
/// application id, as [`Leaf::AppHoldsAncRoles`] recognises it, and a service
/// principal, so its assignments never count for a user who asks.
pub fn app_principal() -> crate::tenant::assignment::Principal {
    crate::tenant::assignment::Principal {
        id: Some(WINDOWS365_APP_ID.to_string()),
        name: Some("Windows 365".to_string()),
        kind: "ServicePrincipal".to_string(),
    }
}

/// What [`Leaf::AppHoldsAncRoles`] asks, in words.
pub const APP_HOLDS_ANC_ROLES: &str = "the Windows 365 first-party app holding the Azure roles Windows 365 receives for an ANC (assigned beforehand)";

/// One Azure role the Windows 365 service holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceGrant {
    /// Azure built-in role name.
    pub role: String,
    /// Where.
    pub slot: Slot,
    /// What the docs say it is for.
    pub why: String,
    /// Document id.
    pub source: String,
}

/// The roles Windows 365 receives, today and before the 2023-11-26 migration.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRoles {
    /// For ANCs created on or after the cutoff.
    pub anc_current: Vec<ServiceGrant>,
    /// For ANCs created before the cutoff.
    pub anc_before: Vec<ServiceGrant>,
    /// The cutoff date, `2023-11-26`.
    pub cutoff: String,
    /// The migration text.
    pub migration: Cite,
    /// When the assignment is automatic, and the text saying so.
    pub automatic: (Cite, Requirement),
    /// Custom image from a subscription without an ANC.
    pub image: Vec<ServiceGrant>,
    /// Place a Cloud PC under review.
    pub review: Vec<ServiceGrant>,
}

impl ServiceRoles {
    /// Whether Windows 365 gives the role named `role` to its service (for an ANC,
    /// today's or one created before the 2023-11-26 migration, a custom image or a
    /// review).
    pub fn gives(&self, role: &str) -> bool {
        self.anc_current
            .iter()
            .chain(&self.anc_before)
            .chain(&self.image)
            .chain(&self.review)
            .any(|g| g.role.eq_ignore_ascii_case(role))
    }
}

/// A sourced note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Document id.
    pub source: String,
    /// Text.
    pub text: String,
}

/// A Windows 365 admin operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Stable kebab-case id, or `permission:<catalog name>`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group for display.
    pub group: String,
    /// One-sentence summary.
    pub summary: String,
    /// What the admin needs.
    pub requirement: Requirement,
    /// Other sources saying the same.
    pub agreement: Vec<Cite>,
    /// Notes, including source conflicts that are not about permissions.
    pub notes: Vec<Note>,
    /// Things needed that are not permissions (not evaluated).
    pub prerequisites: Vec<Note>,
    /// What the service receives.
    pub service: ServiceKind,
}

/// What a Windows 365 operation is: an admin task, or one catalog permission
/// shown as an operation (`permission:<name>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OperationKind {
    /// An admin task across planes (create an ANC, add a custom image, ...).
    Task,
    /// One Cloud PC custom-role permission as an operation.
    Permission,
}

impl Operation {
    /// Task or permission.
    pub fn kind(&self) -> OperationKind {
        if self.id.starts_with("permission:") {
            OperationKind::Permission
        } else {
            OperationKind::Task
        }
    }
}

/// Severity of a sensitive Cloud PC permission (inferred, see the source file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitivePermission {
    /// Graph name.
    pub graph: String,
    /// `critical`, `high`, `medium-high`, `medium`, `low`, `unknown`.
    pub severity: String,
    /// Why (inferred reasoning).
    pub reasoning: Vec<String>,
}

/// An Azure action Microsoft treats as privileged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivilegedAction {
    /// Action or pattern.
    pub action: String,
    /// Why.
    pub why: String,
    /// In Microsoft's privileged-action list (as reproduced).
    pub listed: bool,
}

/// Everything Windows 365 specific.
#[derive(Debug, Clone)]
pub struct Windows365 {
    /// The 106 permissions of the seed's table, then the actions of built-in roles
    /// that have no row in it, then the legacy ones.
    pub permissions: Vec<CloudPcPermission>,
    /// Cited documents.
    pub documents: Vec<Document>,
    /// Admin operations, authored ones first, then one per catalog permission.
    pub operations: Vec<Operation>,
    /// What the service receives.
    pub service: ServiceRoles,
    /// Sensitive Cloud PC permissions.
    pub sensitive: Vec<SensitivePermission>,
    /// Privileged Azure actions.
    pub privileged_actions: Vec<PrivilegedAction>,
    /// Privileged Azure roles: (name, why).
    pub privileged_roles: Vec<(String, String)>,
    /// Known gaps of the data.
    pub known_gaps: Vec<String>,
    /// The built-in roles as Microsoft Graph returned them: capture, timelines, evidence.
    pub observed: crate::observed::Observed,
    /// Remote actions on Cloud PCs with the permissions each needs per plane.
    pub remote_actions: Vec<crate::remote::RemoteAction>,
    /// Permissions by squashed admin-center and Graph name, built on first lookup.
    pub(crate) by_name: OnceLock<HashMap<String, usize>>,
}

impl Windows365 {
    /// Find a permission by admin-center or Graph name.
    pub fn permission(&self, text: &str) -> Option<(usize, &CloudPcPermission)> {
        let index = self.by_name.get_or_init(|| {
            let mut index = HashMap::new();
            for (i, p) in self.permissions.iter().enumerate() {
                index.entry(squash(&p.name)).or_insert(i);
                index.entry(squash(&p.graph)).or_insert(i);
            }
            index
        });
        // Keys were inserted in order, so this is the first permission named so,
        // as a scan with `is_named` would find.
        let i = *index.get(&squash(text))?;
        self.permissions.get(i).map(|p| (i, p))
    }

    /// The permissions of the custom-role table (what a custom role is composed of).
    pub fn current_permissions(&self) -> impl Iterator<Item = &CloudPcPermission> {
        self.permissions.iter().filter(|p| p.in_table)
    }

    /// How many current permissions the catalog holds.
    pub fn permission_count(&self) -> usize {
        self.current_permissions().count()
    }

    /// A cited document.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// An operation by id (case-insensitive; `permission:` ids also match the Graph name).
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        if let Some(rest) = id.strip_prefix("permission:") {
            return self.permission_operation(rest).map(|(_, o)| o);
        }
        self.operations
            .iter()
            .find(|o| o.id.eq_ignore_ascii_case(id))
    }

    /// A Cloud PC permission named any of its ways (`CloudPCs/Reboot`, its Graph
    /// name), with the operation it is when the permission table has a row for it
    /// (none for a permission seen only in Graph's built-in roles, or retired).
    pub fn permission_operation(&self, name: &str) -> Option<(&CloudPcPermission, &Operation)> {
        let (_, p) = self.permission(name)?;
        let want = format!("permission:{}", p.name);
        let o = self.operations.iter().find(|o| o.id == want)?;
        Some((p, o))
    }

    /// The severity of a Cloud PC permission, if it is known to be sensitive.
    pub fn sensitivity(&self, graph: &str) -> Option<&SensitivePermission> {
        self.sensitive
            .iter()
            .find(|s| s.graph.eq_ignore_ascii_case(graph))
    }
}
