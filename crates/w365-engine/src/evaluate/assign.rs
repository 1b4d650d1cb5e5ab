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
}

impl AssignError {
    /// Whether the problem is in the scope (rather than the role reference).
    pub fn is_about_scope(&self) -> bool {
        matches!(self, AssignError::NeedsScope { .. } | AssignError::Scope(_))
    }
}

impl Environment<'_> {
    /// Assign the role named `reference` at `scope` (blank or `None`: tenant-wide,
    /// which only Entra, Cloud PC and Intune roles are). A scope given for a
    /// tenant-wide role is ignored. Returns the new assignment's index.
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
        assert!(matches!(
            env.assign("Readr", None, None),
            Err(AssignError::Role(ResolveError::Unknown { .. }))
        ));
    }
}
