//! A role definition of any plane.

use super::{PermissionBlock, Plane};
use serde::Serialize;

/// What kind of role this is, which fixes its plane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RoleKind {
    /// An Azure built-in role definition.
    AzureBuiltIn,
    /// An Azure custom role (imported or composed).
    AzureCustom,
    /// A Cloud PC built-in role, as Microsoft Graph returns it.
    CloudPcBuiltIn,
    /// A Cloud PC custom role.
    CloudPcCustom,
    /// A Microsoft Entra role that reaches Cloud PCs.
    Entra,
    /// A Microsoft Entra custom role (`roleManagement/directory/roleDefinitions`):
    /// its directory permissions are held as `entra_actions`.
    EntraCustom,
    /// An Intune built-in role, as Microsoft Graph returns it.
    Intune,
    /// An Intune custom role (`deviceAndAppManagementRoleDefinition`).
    IntuneCustom,
}

impl RoleKind {
    /// The plane the role's assignments act on.
    pub fn plane(self) -> Plane {
        match self {
            RoleKind::AzureBuiltIn | RoleKind::AzureCustom => Plane::Azure,
            RoleKind::CloudPcBuiltIn | RoleKind::CloudPcCustom => Plane::CloudPc,
            RoleKind::Entra | RoleKind::EntraCustom => Plane::Entra,
            RoleKind::Intune | RoleKind::IntuneCustom => Plane::Intune,
        }
    }

    /// Whether it ships with the product (not supplied by the user).
    pub fn is_builtin(self) -> bool {
        !matches!(
            self,
            RoleKind::AzureCustom
                | RoleKind::CloudPcCustom
                | RoleKind::IntuneCustom
                | RoleKind::EntraCustom
        )
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            RoleKind::AzureBuiltIn => "Azure built-in role",
            RoleKind::AzureCustom => "Azure custom role",
            RoleKind::CloudPcBuiltIn => "Cloud PC built-in role",
            RoleKind::CloudPcCustom => "Cloud PC custom role",
            RoleKind::Entra => "Microsoft Entra role",
            RoleKind::EntraCustom => "Microsoft Entra custom role",
            RoleKind::Intune => "Intune built-in role",
            RoleKind::IntuneCustom => "Intune custom role",
        }
    }
}

/// A Microsoft Entra resource action held by an Entra role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct EntraAction {
    /// `microsoft.directory/devices/create`
    pub action: String,
    /// What the docs say it allows.
    pub description: String,
}

/// A role definition. Cloud PC and Intune roles carry their allowed resource actions
/// as the `actions` of a block (Intune's `notAllowedResourceActions` as
/// `not_actions`); Entra roles carry, as `actions`, the Cloud PC and Intune
/// permissions their `microsoft.cloudPC/...` and `microsoft.intune/...` lines are
/// read to grant (see `notes`), and their own resource actions in `entra_actions`.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Azure: the role GUID; Cloud PC and Entra: the template id; custom roles: the
    /// id given, or one derived from the name.
    pub id: String,
    /// Display name (`roleName` / `displayName`).
    pub name: String,
    /// Description.
    pub description: String,
    /// Kind and plane.
    pub kind: RoleKind,
    /// Azure docs category (`compute`, `networking`, ...), if listed.
    pub category: Option<String>,
    /// Permission blocks.
    pub blocks: Vec<PermissionBlock>,
    /// Where an Azure role may be assigned.
    pub assignable_scopes: Vec<String>,
    /// Where the definition comes from, one line per source.
    pub provenance: Vec<String>,
    /// How a modelled role was derived, completeness caveats.
    pub notes: Vec<String>,
    /// Entra resource actions (Entra roles only).
    pub entra_actions: Vec<EntraAction>,
    /// Other names the role is known by.
    pub aliases: Vec<String>,
    /// The date of this version of the definition, when it is not the current one.
    pub version_date: Option<String>,
}

impl Role {
    /// For a built-in role whose id is the bundle's own slug rather than
    /// Microsoft's (Intune's: the sources give no Graph id), a note saying so (an
    /// outside review: they looked as authoritative as the Graph ids beside them).
    pub fn id_note(&self) -> Option<&'static str> {
        (self.kind.is_builtin() && !crate::text::is_guid(&self.id)).then_some(
            "the bundle's own id: the sources give none for this role, so it is not an id Microsoft Graph knows",
        )
    }

    /// A role of `kind` named `name` that holds nothing, described by nothing.
    pub fn empty(id: impl Into<String>, name: impl Into<String>, kind: RoleKind) -> Role {
        Role {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            kind,
            category: None,
            blocks: Vec::new(),
            assignable_scopes: Vec::new(),
            provenance: Vec::new(),
            notes: Vec::new(),
            entra_actions: Vec::new(),
            aliases: Vec::new(),
            version_date: None,
        }
    }

    /// The same role but for its name and id (what typing a name changes): what it
    /// grants, where, and how it is described are equal.
    pub fn same_but_name(&self, other: &Role) -> bool {
        self.kind == other.kind
            && self.description == other.description
            && self.category == other.category
            && self.assignable_scopes == other.assignable_scopes
            && self.provenance == other.provenance
            && self.notes == other.notes
            && self.aliases == other.aliases
            && self.version_date == other.version_date
            && self.entra_actions == other.entra_actions
            && self.blocks == other.blocks
    }

    /// The plane the role acts on.
    pub fn plane(&self) -> Plane {
        self.kind.plane()
    }

    /// The full Azure resource id of an Azure role definition.
    pub fn azure_resource_id(&self) -> String {
        format!(
            "/providers/Microsoft.Authorization/roleDefinitions/{}",
            self.id
        )
    }

    /// Does `reference` name this role (name, alias, id or Azure resource id), ignoring case?
    pub fn is_named(&self, reference: &str) -> bool {
        // Both sides trimmed: a built-in name ends in a space (`Azure Arc VMware
        // Administrator role `), and a name is always read trimmed.
        let r = reference.trim();
        r.eq_ignore_ascii_case(self.name.trim())
            || r.eq_ignore_ascii_case(self.id.trim())
            || self
                .aliases
                .iter()
                .any(|a| r.eq_ignore_ascii_case(a.trim()))
            || r.rsplit('/').next().is_some_and(|tail| {
                r.to_ascii_lowercase().contains("/roledefinitions/")
                    && tail.eq_ignore_ascii_case(&self.id)
            })
    }

    /// Every pattern of the role with its block index and list name.
    pub fn patterns(
        &self,
    ) -> impl Iterator<Item = (usize, &'static str, &crate::pattern::ActionPattern)> {
        self.blocks.iter().enumerate().flat_map(|(i, b)| {
            b.actions
                .iter()
                .map(move |p| (i, "actions", p))
                .chain(b.not_actions.iter().map(move |p| (i, "notActions", p)))
                .chain(b.data_actions.iter().map(move |p| (i, "dataActions", p)))
                .chain(
                    b.not_data_actions
                        .iter()
                        .map(move |p| (i, "notDataActions", p)),
                )
        })
    }

    /// Whether any block has a condition.
    pub fn has_conditions(&self) -> bool {
        self.blocks.iter().any(|b| b.condition.is_some())
    }
}
