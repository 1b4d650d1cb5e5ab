//! Name checks shared by the planes: names and ids of built-in roles, and names
//! that can display as another ([`crate::role_name`]).

use super::{Diagnostic, Severity};
use crate::bundle::Catalog;
use crate::model::Role;
use crate::role_name::{self, NameError};

/// Push a diagnostic for every problem [`role_name::check`] finds.
pub(super) fn check(catalog: &Catalog, role: &Role, out: &mut Vec<Diagnostic>) {
    for e in role_name::check(catalog, role) {
        let code = match e {
            NameError::Builtin { .. } => "name-taken",
            NameError::BuiltinId { .. } => "id-taken",
            NameError::Hidden { .. } => "name-hidden-characters",
        };
        out.push(Diagnostic::new(Severity::Error, code, e.to_string()));
    }
}
