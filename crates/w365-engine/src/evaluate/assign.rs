//! Adding a role assignment by reference: the one place that resolves the role,
//! reads the scope and applies the plane's rule (Azure roles need a scope; Entra,
//! Cloud PC and Intune roles are tenant-wide). The request reader and the app both
//! call [`Environment::assign`].

use super::{Assignment, Environment};
use crate::condition::Condition;
use crate::model::Plane;
use crate::roleset::ResolveError;
use crate::scope::{Scope, ScopeError};

/// Why an assignment could not be added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// The role reference names no role (or several).
    #[error(transparent)]
    Role(#[from] ResolveError),
    /// An Azure role without a scope.
    #[error("an Azure role assignment needs a scope (for example `/subscriptions/<id>`); `{role}` is an Azure role")]
    NeedsScope {
        /// The role's name.
        role: String,
    },
    /// The scope does not parse.
    #[error(transparent)]
    Scope(#[from] ScopeError),
    /// A Cloud PC, Intune or Entra role's scope that is no directory scope id
    /// (padded, or not starting with `/`).
    #[error("`{scope}` is not a directory scope: {plane} role is assigned tenant-wide (`/`; an Entra role also at an administrative unit, `/administrativeUnits/<id>`), written without spaces around it")]
    DirectoryScope {
        /// The scope as written.
        scope: String,
        /// The role's plane's label, with its article.
        plane: &'static str,
    },
}

impl AssignError {
    /// Whether the problem is in the scope (rather than the role reference).
    pub fn is_about_scope(&self) -> bool {
        matches!(
            self,
            AssignError::NeedsScope { .. }
                | AssignError::Scope(_)
                | AssignError::DirectoryScope { .. }
        )
    }
}

impl Environment<'_> {
    /// Assign the role named `reference` at `scope` (blank or `None`: tenant-wide,
    /// which only Entra, Cloud PC and Intune roles are). A scope given for a
    /// tenant-wide role is not read (the role is evaluated tenant-wide, see
    /// [`directory_scope_not_read`]), but it must look like a Graph
    /// `directoryScopeId`: padded text or one not starting with `/` is refused (an
    /// outside review: `"not a scope at all"` passed without a word). Returns the
    /// new assignment's index.
    pub fn assign(
        &mut self,
        reference: &str,
        scope: Option<&str>,
        condition: Option<Condition>,
    ) -> Result<usize, AssignError> {
        let role = self.roles.resolve(reference)?;
        let plane = self
            .roles
            .get(role)
            .map(|r| r.plane())
            .unwrap_or(Plane::Azure);
        // Blank is no scope; any other text is parsed as written, padding refused
        // (as the request's and deny assignments' scopes are).
        let scope = match scope.filter(|s| !s.trim().is_empty()) {
            Some(s) if plane != Plane::Azure && (s != s.trim() || !s.starts_with('/')) => {
                return Err(AssignError::DirectoryScope {
                    scope: s.to_string(),
                    plane: plane.label_with_article(),
                })
            }
            _ if plane != Plane::Azure => None,
            Some(s) => Some(Scope::parse(s)?),
            None => {
                return Err(AssignError::NeedsScope {
                    role: self
                        .roles
                        .get(role)
                        .map(|r| r.name.clone())
                        .unwrap_or_else(|| reference.to_string()),
                })
            }
        };
        self.assignments.push(Assignment {
            role,
            scope,
            condition,
            principals: Vec::new(),
        });
        Ok(self.assignments.len() - 1)
    }
}

/// Why a scope given to a tenant-wide role's assignment is not read, if it is one
/// that says more than the tenant (`/`): the answer reads the role tenant-wide,
/// which may overstate what an administrative unit's assignment allows, and an
/// Azure resource path means nothing there.
pub fn directory_scope_not_read(plane: Plane, role: &str, scope: Option<&str>) -> Option<String> {
    let s = scope
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "/")?;
    let why = if s.to_ascii_lowercase().starts_with("/administrativeunits/") {
        "an administrative unit's assignment may allow less than the answer says"
    } else {
        "an Azure scope means nothing to it"
    };
    (plane != Plane::Azure).then(|| {
        format!(
            "`{s}` is not read: `{role}` is {} role, evaluated tenant-wide (Graph's `directoryScopeIds: [\"/\"]`); {why}",
            plane.label_with_article()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roleset::RoleSet;

    #[test]
    fn planes_decide_whether_a_scope_is_needed() {
        let cat = crate::catalog().unwrap();
        let mut env = Environment::new(RoleSet::new(cat, Vec::new()));
        assert_eq!(env.assign("Reader", Some("/subscriptions/s1"), None), Ok(0));
        assert!(matches!(
            env.assign("Reader", Some("  "), None),
            Err(AssignError::NeedsScope { .. })
        ));
        assert!(env
            .assign("Reader", Some("subscriptions"), None)
            .unwrap_err()
            .is_about_scope());
        assert_eq!(
            env.assign("Cloud PC Reader", Some("/subscriptions/s1"), None),
            Ok(1)
        );
        assert!(env.assignments[1].scope.is_none());
        for bad in [
            " /subscriptions/s1 ",
            "not a scope at all",
            "subscriptions/s1",
        ] {
            let e = env.assign("Cloud PC Reader", Some(bad), None).unwrap_err();
            assert!(matches!(e, AssignError::DirectoryScope { .. }), "{bad}");
            assert!(e.is_about_scope());
        }
        assert!(env
            .assign(
                "Windows 365 Administrator",
                Some("/administrativeUnits/au1"),
                None
            )
            .is_ok());
        assert!(env.assign("Cloud PC Reader", Some("/"), None).is_ok());
        let said = |scope| directory_scope_not_read(Plane::CloudPc, "Cloud PC Reader", scope);
        assert!(said(Some("/subscriptions/s1")).is_some_and(
            |n| n.contains("is not read") && n.contains("an Azure scope means nothing")
        ));
        // An administrative unit is no Azure scope (a re-check review).
        assert!(said(Some("/administrativeUnits/au1")).is_some_and(|n| {
            n.contains("an administrative unit's assignment may allow less")
                && !n.contains("Azure scope")
        }));
        assert_eq!(said(Some("/")), None);
        assert_eq!(said(Some(" ")), None);
        assert_eq!(
            directory_scope_not_read(Plane::Azure, "Reader", Some("/subscriptions/s1")),
            None
        );
        assert!(matches!(
            env.assign("Readr", None, None),
            Err(AssignError::Role(ResolveError::Unknown { .. }))
        ));
    }
}
