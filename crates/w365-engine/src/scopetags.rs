//! Scope tags: which Windows 365 objects an administrator sees, and which of them
//! the administrator can act on.
//!
//! The rules come from `data/sources/reference/intune-scope-tags.md` (bundled as
//! [`ScopeTagModel`], each rule `documented` or `inferred`):
//! an untagged object carries `Default` (R2); an assignment without tags sees every
//! object (R3); otherwise an object is visible when it shares at least one tag with
//! an assignment (R1), and assignments add up (R6). Entra Global Administrator and
//! Intune Administrator bypass tags (R4), Windows 365 Administrator for Cloud PC
//! resources (R5, inferred), Global Reader read only (R10, inferred). Visible is not
//! actionable (R11): the roles must also grant a non-read permission on that object
//! type; the permissions of all assignments apply to every visible object unless
//! the opt-in scoped-permissions mode is on (R12). In scope is listed when the roles
//! grant some permission on the type, or, for a Windows 365 object, when they are
//! what S4 asks of a scoped administrator to view the objects within their scope
//! (R14: Intune read only, Cloud PC reader/administrator, or a custom role with
//! similar permissions, evaluated as `operations` evaluates
//! `view-objects-under-scope-tags`); otherwise it is not listable (R15, inferred),
//! as is a Cloud PC that the roles act on without `CloudPCs/Read`.
//! An action on an Intune device record that only an Intune role assignment grants
//! acts only within that assignment's Scope (Groups) (R16), which the scenario does
//! not give: the answer says so and is `conditional`. A Cloud PC's Intune device
//! record is tagged separately (R8, inferred): the All Cloud PCs vs All devices
//! mismatch is flagged with its dynamic-device-group fix.
//!
//! Views call [`decide`] for one object, [`grid`] for admins × objects, and
//! [`parse`] to read the JSON scenario that the CLI and the app share.

mod decide;
mod error;
mod grid;
mod input;
mod model;
mod reads;

pub use decide::decide;
pub use error::ScopeTagError;
pub use grid::{grid, Counts, Grid};
pub use input::{
    from_node, parse, Admin, AdminAssignment, Scenario, MAX_ASSIGNMENTS, MAX_CELLS, MAX_OBJECTS,
    MAX_PAIRS, MAX_TAGS,
};
pub use model::{Bypass, Disagreement, MismatchFix, Reach, Rule, ScopeTagModel, Source, TypeInfo};

pub(crate) use model::load;
pub use reads::OPERATION as VIEW_OPERATION;

use crate::roleset::RoleRef;
use serde::Serialize;

/// The tag every untagged object carries.
pub const DEFAULT_TAG: &str = "Default";

/// The objects that take scope tags (S4), and the Cloud PC's Intune device record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ObjectType {
    /// A provisioning policy.
    ProvisioningPolicy,
    /// An Azure network connection.
    AzureNetworkConnection,
    /// A Cloud PC (its Windows 365 record, listed in All Cloud PCs).
    CloudPc,
    /// A custom image.
    CustomImage,
    /// A Windows 365 RBAC role assignment.
    RoleAssignment,
    /// A Cloud PC's Intune device record (listed in All devices).
    IntuneDevice,
}

impl ObjectType {
    /// Every type, in the order of the documentation.
    pub const ALL: [ObjectType; 6] = [
        ObjectType::ProvisioningPolicy,
        ObjectType::AzureNetworkConnection,
        ObjectType::CloudPc,
        ObjectType::CustomImage,
        ObjectType::RoleAssignment,
        ObjectType::IntuneDevice,
    ];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectType::ProvisioningPolicy => "provisioningPolicy",
            ObjectType::AzureNetworkConnection => "azureNetworkConnection",
            ObjectType::CloudPc => "cloudPc",
            ObjectType::CustomImage => "customImage",
            ObjectType::RoleAssignment => "roleAssignment",
            ObjectType::IntuneDevice => "intuneDevice",
        }
    }

    /// Parse the JSON name (ASCII case ignored).
    pub fn parse(s: &str) -> Option<ObjectType> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// A Windows 365 (Cloud PC) resource, as opposed to an Intune object.
    pub fn is_cloud_pc_resource(self) -> bool {
        self != ObjectType::IntuneDevice
    }
}

/// An object with the tags it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaggedObject {
    /// Its id.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ObjectType,
    /// The tags given (empty: untagged, so `Default`).
    pub scope_tags: Vec<String>,
    /// For a Cloud PC: the tags of its Intune device record, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_scope_tags: Option<Vec<String>>,
    /// For a Cloud PC: the name of its provisioning policy (for the dynamic group rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provisioning_policy: Option<String>,
    /// For a Cloud PC whose `provisioningPolicy` is the id of a provisioning policy
    /// of the same scenario: that policy. Filled in by [`parse`], never read from
    /// the input.
    #[serde(skip)]
    pub policy: Option<PolicyLink>,
}

/// The provisioning policy object a Cloud PC names (by id) in the same scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyLink {
    /// The policy's id in the scenario.
    pub id: String,
    /// Its `name`, when the input gave one (the dynamic group rule needs it).
    pub name: Option<String>,
    /// Its tags (empty: none given).
    pub scope_tags: Vec<String>,
}

impl TaggedObject {
    /// The policy whose tags it takes (R13, inferred): a Cloud PC without tags of
    /// its own whose provisioning policy in the scenario has some.
    pub fn inherited(&self) -> Option<&PolicyLink> {
        self.policy
            .as_ref()
            .filter(|p| self.scope_tags.is_empty() && !p.scope_tags.is_empty())
    }

    /// The tags it carries: the given ones; else those taken from its provisioning
    /// policy (R13, inferred); else `Default` (R2).
    pub fn effective_tags(&self) -> Vec<String> {
        if !self.scope_tags.is_empty() {
            self.scope_tags.clone()
        } else if let Some(h) = self.inherited() {
            h.scope_tags.clone()
        } else {
            vec![DEFAULT_TAG.to_string()]
        }
    }
}

/// One Intune, Cloud PC or Entra role assignment of an administrator, with its tags
/// (empty: none given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedAssignment<'a> {
    /// The role.
    pub role: RoleRef,
    /// Its scope tags.
    pub scope_tags: &'a [String],
}

/// Whether assignments' permissions are merged (the default) or each applies only
/// within its own tags (the opt-in scoped permissions mode, S1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// Permissions of all assignments apply to every visible object.
    #[default]
    Merged,
    /// Each assignment's permissions apply only to objects it makes visible.
    Scoped,
}

/// A grid cell: hidden, unknown, not listable, visible (read only), or actionable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Access {
    /// Not visible: no assignment's tags reach it.
    Hidden,
    /// Not known: no assignment is documented to reach it, and an assignment's
    /// Entra role bypasses scope tags for Cloud PC resources only, which the
    /// sources do not say either way for this type (R5: the Intune device record).
    /// Not counted as visible.
    Unknown,
    /// In scope through its tags, but no role grants any permission on its type,
    /// not even read, and (for a Windows 365 object) the roles are none of those S4
    /// names for viewing the objects within scope (R14): the administrator cannot
    /// list or open it, so it is not visible (R15, inferred).
    NotListable,
    /// Visible; the roles grant no action other than reading on this type.
    Visible,
    /// Visible, and the roles grant at least one action on this type.
    Actionable,
}

/// One step of a decision, with the rule it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TagReason {
    /// `R1` ... `R16`.
    pub rule: String,
    /// Whether that rule is an inference.
    pub inferred: bool,
    /// The assignment (index in the admin's list), when one is concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<usize>,
    /// Its role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The sentence.
    pub message: String,
}

impl TagReason {
    /// The sentence with its rule: `... (R1)` or `... (R5, inferred)`.
    pub fn text(&self) -> String {
        if self.inferred {
            format!("{} ({}, inferred)", self.message, self.rule)
        } else {
            format!("{} ({})", self.message, self.rule)
        }
    }
}

/// The All Cloud PCs vs All devices mismatch for one Cloud PC, with its fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    /// Known from the device record's tags (true) or only possible (false).
    pub certain: bool,
    /// What goes wrong.
    pub message: String,
    /// The dynamic device group rule.
    pub group_rule: String,
    /// The fix, step by step.
    pub steps: Vec<String>,
    /// The rule (R8, inferred).
    pub rule: String,
    /// Always true today: R8 is an inference.
    pub inferred: bool,
}

/// Whether a Cloud PC's Intune device record is visible too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceVisibility {
    /// The record's tags as given.
    pub scope_tags: Vec<String>,
    /// Visible in All devices.
    pub visible: bool,
    /// Not documented either way (an Entra role that bypasses scope tags for Cloud
    /// PC resources only, R5); `visible` is then false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unknown: bool,
    /// Why.
    pub reasons: Vec<TagReason>,
}

/// What one administrator sees of one object, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Visibility {
    /// The object's id.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ObjectType,
    /// Visible: in scope through its tags and listable (some permission on its type,
    /// or S4's roles for a Windows 365 object, R14).
    pub visible: bool,
    /// Visible and a non-read permission on its type is granted.
    pub actionable: bool,
    /// Actionable only if what the scenario does not give holds: every non-read
    /// permission here comes from an Intune role assignment, which acts only on the
    /// devices in its Scope (Groups) (R16), and whether this device is in one is not
    /// known. A reason names the assignments.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// The grid cell.
    pub access: Access,
    /// The permissions on this type that apply (read ones included).
    pub actions: Vec<String>,
    /// The rules applied, in order (`R1`, `R2`, ...).
    pub rules: Vec<String>,
    /// Whether the visibility rests on an inferred rule.
    pub inferred: bool,
    /// Why, step by step.
    pub reasons: Vec<TagReason>,
    /// Things worth knowing that do not change the answer.
    pub notes: Vec<TagReason>,
    /// For a Cloud PC whose device record's tags were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceVisibility>,
    /// For a Cloud PC: the All Cloud PCs vs All devices mismatch, when it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mismatch: Option<Mismatch>,
}

/// Tag names are compared with ASCII case and surrounding spaces ignored; the
/// sources say nothing about case, so a match that needs this is noted. `0`, the
/// id Microsoft Graph's `roleScopeTagIds` give the built-in Default tag, is read as
/// `Default` (inferred, and noted when a match needs it), so a scenario copied from
/// Graph exports, whose untagged objects list `0`, matches an assignment that
/// lists `Default`.
fn same_tag(a: &str, b: &str) -> bool {
    tag_key(a) == tag_key(b)
}

/// The id Microsoft Graph gives the built-in Default scope tag.
pub(crate) const DEFAULT_TAG_ID: &str = "0";

/// A tag as [`same_tag`] compares it: two tags are the same when their keys are.
pub(crate) fn tag_key(t: &str) -> String {
    let t = t.trim();
    if t == DEFAULT_TAG_ID {
        return DEFAULT_TAG.to_ascii_lowercase();
    }
    t.to_ascii_lowercase()
}

/// Whether two objects' own tag lists carry the same tags, compared as
/// [`same_tag`] does, an empty list carrying `Default` (R2).
pub(crate) fn same_tags(a: &[String], b: &[String]) -> bool {
    let set = |tags: &[String]| {
        let mut v: Vec<String> = tags
            .iter()
            .map(|t| tag_key(t))
            .filter(|t| !t.is_empty())
            .collect();
        if v.is_empty() {
            v.push(DEFAULT_TAG.to_ascii_lowercase());
        }
        crate::order::sort(&mut v);
        v.dedup();
        v
    };
    set(a) == set(b)
}

pub(crate) fn tag_list(tags: &[String]) -> String {
    let mut out = tags
        .iter()
        .take(TAGS_NAMED)
        .map(|t| format!("`{}`", crate::text::excerpt(t)))
        .collect::<Vec<_>>()
        .join(", ");
    if tags.len() > TAGS_NAMED {
        out.push_str(&format!(" and {} more", tags.len() - TAGS_NAMED));
    }
    out
}

/// How many tags a reason names: every reason of every answer names the tags it
/// compared, and 100 tags on each of 200 assignments made a 300 MB answer (an
/// outside review).
const TAGS_NAMED: usize = 10;

/// Is a permission's action a read (`Read`, `Get...`, `Retrieve...`, `View...`)?
pub fn is_read(action: &str) -> bool {
    action.eq_ignore_ascii_case("Read")
        || ["Get", "Retrieve", "View"]
            .iter()
            .any(|p| action.starts_with(p))
}

/// The tags an object created by this administrator receives (R7): every tag of
/// every assignment; none (so `Default`) when the assignments carry none.
pub fn created_tags(assignments: &[TaggedAssignment<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in assignments {
        for t in a.scope_tags {
            if !out.iter().any(|x| same_tag(x, t)) {
                out.push(t.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;
    use crate::roleset::RoleSet;

    #[test]
    fn reader_sees_but_does_not_act_admin_acts() {
        let cat = catalog().unwrap();
        let roles = RoleSet::new(cat, Vec::new());
        let reader = roles.resolve("Cloud PC Reader").unwrap();
        let admin = roles.resolve("Cloud PC Administrator").unwrap();
        let paris = vec!["Paris".to_string()];
        let obj = TaggedObject {
            id: "pp".into(),
            kind: ObjectType::ProvisioningPolicy,
            scope_tags: paris.clone(),
            device_scope_tags: None,
            provisioning_policy: None,
            policy: None,
        };
        let v = decide(
            &roles,
            &[TaggedAssignment {
                role: reader,
                scope_tags: &paris,
            }],
            &obj,
            Mode::Merged,
        );
        assert_eq!((v.visible, v.access), (true, Access::Visible));
        assert!(v
            .actions
            .contains(&"Provisioning Policies/Read".to_string()));
        let v = decide(
            &roles,
            &[TaggedAssignment {
                role: admin,
                scope_tags: &paris,
            }],
            &obj,
            Mode::Merged,
        );
        assert_eq!(v.access, Access::Actionable);
        assert_eq!(v.rules, ["R1", "R11"]);
        assert!(!v.inferred);
    }
}
