//! The planes a role can act on.

use serde::Serialize;
use std::fmt;

/// Where a permission is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Plane {
    /// Azure RBAC: role assignments at scopes, Actions and DataActions.
    Azure,
    /// Cloud PC RBAC (`/roleManagement/cloudPC`): allowed resource actions, tenant-wide.
    CloudPc,
    /// Microsoft Entra directory roles, by role.
    Entra,
    /// Intune RBAC (`deviceManagement/roleDefinitions`): allowed resource actions
    /// `Microsoft.Intune/...`, tenant-wide within the assignment's scope tags.
    Intune,
}

impl Plane {
    /// The name used in JSON (`azure`, `cloudPc`, `entra`, `intune`).
    pub fn as_str(self) -> &'static str {
        match self {
            Plane::Azure => "azure",
            Plane::CloudPc => "cloudPc",
            Plane::Entra => "entra",
            Plane::Intune => "intune",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Plane::Azure => "Azure",
            Plane::CloudPc => "Cloud PC",
            Plane::Entra => "Microsoft Entra",
            Plane::Intune => "Intune",
        }
    }

    /// [`Plane::label`] with its article, for a sentence: "an Azure", "a Cloud PC".
    pub fn label_with_article(self) -> &'static str {
        match self {
            Plane::Azure => "an Azure",
            Plane::CloudPc => "a Cloud PC",
            Plane::Entra => "a Microsoft Entra",
            Plane::Intune => "an Intune",
        }
    }

    /// Parse the JSON name, ignoring case and `-`/`_`.
    pub fn parse(s: &str) -> Option<Plane> {
        let k: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match k.as_str() {
            "azure" | "azurerbac" => Some(Plane::Azure),
            "cloudpc" | "windows365" | "w365" => Some(Plane::CloudPc),
            "entra" | "entraid" | "directory" | "aad" => Some(Plane::Entra),
            "intune" => Some(Plane::Intune),
            _ => None,
        }
    }
}

impl fmt::Display for Plane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}
