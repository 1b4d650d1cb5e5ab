//! Risk findings as lint warnings.

use super::{Diagnostic, Severity};
use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::Role;
use crate::risk::{assess, Level};

/// Risk notes of a role as diagnostics: critical and high ones warn, the rest inform.
pub(super) fn findings(catalog: &Catalog, ex: &Expansion, role: &Role) -> Vec<Diagnostic> {
    assess(catalog, role, ex)
        .into_iter()
        .map(|n| {
            let sev = if n.level <= Level::High {
                Severity::Warning
            } else {
                Severity::Info
            };
            let basis = if n.basis == "inferred" {
                " (inferred)"
            } else {
                ""
            };
            let d = Diagnostic::new(
                sev,
                n.code,
                format!("{}: {}{basis}", n.level.as_str(), n.message),
            );
            match n.operations.first() {
                Some(o) => d.subject(&o.name),
                None => d,
            }
        })
        .collect()
}
