//! What the readiness check returns for one operation.

use crate::evaluate::{Decision, Reason};
use crate::model::Plane;
use crate::windows365::OperationKind;
use serde::Serialize;

/// Whether an operation is possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Something required is missing.
    Denied,
    /// Depends on a condition, a management group, or which documentation source is right.
    Conditional,
    /// Everything required is held.
    Allowed,
}

impl Status {
    /// `allowed`, `denied`, `conditional`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Allowed => "allowed",
            Status::Denied => "denied",
            Status::Conditional => "conditional",
        }
    }
}

impl From<Decision> for Status {
    fn from(d: Decision) -> Status {
        match d {
            Decision::Allow => Status::Allowed,
            Decision::Deny => Status::Denied,
            Decision::Conditional => Status::Conditional,
        }
    }
}

/// How to fill a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// `permission`, `builtInRole`, `entraRole`, `intuneRole`, `cloudPcRole`.
    pub kind: String,
    /// The permission or role.
    pub name: String,
    /// Where (Azure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The sentence.
    pub message: String,
}

/// Something required and not held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    /// Plane.
    pub plane: Plane,
    /// What is required.
    pub requirement: String,
    /// Where (Azure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The document that requires it.
    pub source: String,
    /// Its words.
    pub says: String,
    /// Whether `says` is the app's summary of the document, not its words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub summary: bool,
    /// The least-privileged fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// One source's verdict in a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PositionVerdict {
    /// Document id.
    pub source: String,
    /// Its words.
    pub says: String,
    /// Whether `says` is the app's summary of the document, not its words.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub summary: bool,
    /// The verdict under this source.
    pub status: Status,
    /// What would be missing under this source.
    pub missing: Vec<String>,
}

/// How the sources of one conflict judge the assignments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictVerdict {
    /// What the sources disagree on.
    pub topic: String,
    /// Whether their verdicts agree for these assignments.
    pub agree: bool,
    /// Each source.
    pub positions: Vec<PositionVerdict>,
}

/// An Azure role the Windows 365 service receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRole {
    /// Built-in role.
    pub role: String,
    /// `subscription`, `resourceGroup`, `virtualNetwork`, `storageAccount`.
    pub slot: String,
    /// The concrete scope.
    pub scope: String,
    /// What it is for.
    pub why: String,
    /// Document id.
    pub source: String,
    /// Operations the role grants.
    pub operations: usize,
}

/// What the Windows 365 service receives for an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceOutcome {
    /// `automatic`, `manual`, `conditional`, or `service`.
    pub assignment: String,
    /// Why.
    pub explanation: String,
    /// Document id.
    pub source: String,
    /// The roles, today.
    pub receives: Vec<ServiceRole>,
    /// The roles for ANCs created before the cutoff.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before_cutoff: Vec<ServiceRole>,
    /// The cutoff date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff: Option<String>,
}

/// One operation, evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationResult {
    /// Stable id.
    pub id: String,
    /// Task or permission.
    pub kind: OperationKind,
    /// Name.
    pub name: String,
    /// Group.
    pub group: String,
    /// The verdict.
    pub status: Status,
    /// What is missing, each with its least-privileged fix.
    pub missing: Vec<Missing>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// Source conflicts and each source's verdict.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictVerdict>,
    /// What the Windows 365 service receives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceOutcome>,
    /// Needed, but not permissions (not evaluated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prerequisites: Vec<String>,
    /// What the sources say beside the requirement, each with its source: an
    /// earlier revision that asked for more, a limit the sources give differently,
    /// where a requirement is the app's reading rather than a source's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}
