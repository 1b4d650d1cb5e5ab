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

/// How many errors an export's warning names; it counts the rest.
pub const WARNING_NAMES: usize = 5;

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
        // The first few named; a warning of 150 errors spelled out filled the screen
        // (and a screen reader's whole alert: browser review of 2026-12-06).
        let mut named: Vec<String> = errors
            .iter()
            .filter(|d| d.unlisted == 0)
            .take(WARNING_NAMES)
            .map(|d| format!("{} ({})", d.message, d.code))
            .collect();
        let n = super::count(&errors, Severity::Error);
        if n > named.len() {
            named.push(format!(
                "and {} more (the lint lists them)",
                crate::text::thousands(n - named.len())
            ));
        }
        format!(
            "`{}` has {} lint error{} and would be refused as written: {}",
            crate::text::shown_name(&role.name),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The warning names the first few errors and counts every one, also those the
    /// lint does not list (browser review of 2026-12-06: 100 spelled out).
    #[test]
    fn the_warning_names_a_few_errors_and_counts_them_all() {
        let cat = crate::catalog().unwrap();
        let actions: Vec<String> = (0..150)
            .map(|i| format!("\"Microsoft.Compute/virtualMachines/op{i}/read\""))
            .collect();
        let text = format!(
            r#"{{"roleName": "R", "description": "d", "assignableScopes": ["/subscriptions/11111111-2222-3333-4444-555555555555"], "permissions": [{{"actions": [{}]}}]}}"#,
            actions.join(",")
        );
        let role = crate::import::import(&text).unwrap().remove(0).role;
        let w = export_check(cat, &role).warning.unwrap();
        assert!(
            w.starts_with("`R` has 150 lint errors and would be refused as written: "),
            "{w}"
        );
        assert!(w.ends_with("; and 145 more (the lint lists them)"), "{w}");
        assert_eq!(w.matches("(unknown-action)").count(), WARNING_NAMES);
    }
}
