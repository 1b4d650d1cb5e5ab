//! Before export: the lint errors of a role, named, so that the app and the CLI can
//! warn when a role Azure (or Graph) would refuse is exported, and still let the
//! user export it on purpose.

use super::{lint_role, Diagnostic, Severity};
use crate::bundle::Catalog;
use crate::model::Role;
use serde::Serialize;

/// What to say before exporting a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportCheck {
    /// The role's name.
    pub role: String,
    /// Its lint errors (empty: nothing to warn about).
    pub errors: Vec<Diagnostic>,
    /// One sentence naming every error, or `None` when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

impl ExportCheck {
    /// Whether the role exports without a warning.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Lint `role` and name its errors; see [`export_check_of`] for diagnostics
/// already at hand (an imported role's, with positions).
pub fn export_check(catalog: &Catalog, role: &Role) -> ExportCheck {
    export_check_of(role, &lint_role(catalog, role, &[]))
}

/// Name the errors among `diagnostics`, the lint of `role`, except those the export
/// repairs ([`super::REPAIRED_BY_EXPORT`]: a name in another form, written as the
/// resource action it names).
pub fn export_check_of(role: &Role, diagnostics: &[Diagnostic]) -> ExportCheck {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        // Written as the resource action it names: not refused for it.
        .filter(|d| !super::REPAIRED_BY_EXPORT.contains(&d.code))
        .cloned()
        .collect();
    let warning = (!errors.is_empty()).then(|| {
        let named: Vec<String> = errors
            .iter()
            .map(|d| format!("{} ({})", d.message, d.code))
            .collect();
        let n = super::count(&errors, Severity::Error);
        format!(
            "`{}` has {} lint error{} and would be refused as written: {}",
            role.name,
            crate::text::thousands(n),
            if n == 1 { "" } else { "s" },
            named.join("; ")
        )
    });
    ExportCheck {
        role: role.name.clone(),
        errors,
        warning,
    }
}
