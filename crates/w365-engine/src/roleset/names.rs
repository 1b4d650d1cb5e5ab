//! Looking roles up by name, alias, id or Azure resource id in constant time.
//!
//! [`Role::is_named`] tested against every role costs a scan per lookup; a request
//! with thousands of assignments would pay it thousands of times. The index answers
//! the same question from two hash maps.

use crate::model::Role;
use std::collections::HashMap;

/// Roles by their lowercase name, aliases and id; and by id alone, for references
/// of the form `/providers/Microsoft.Authorization/roleDefinitions/{id}`.
#[derive(Debug, Default, Clone)]
pub struct NameIndex {
    any: HashMap<String, Vec<usize>>,
    ids: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// Index roles (positions in `roles` are what lookups return).
    pub fn new(roles: &[Role]) -> NameIndex {
        let mut index = NameIndex::default();
        for (i, r) in roles.iter().enumerate() {
            let mut keys: Vec<String> = std::iter::once(&r.name)
                .chain(&r.aliases)
                .chain(std::iter::once(&r.id))
                .map(|k| k.trim().to_ascii_lowercase())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                index.any.entry(k).or_default().push(i);
            }
            index
                .ids
                .entry(r.id.trim().to_ascii_lowercase())
                .or_default()
                .push(i);
        }
        index
    }

    /// Every role the reference names, in order, as [`Role::is_named`] decides.
    pub fn lookup(&self, reference: &str) -> Vec<usize> {
        let r = reference.trim().to_ascii_lowercase();
        let mut out: Vec<usize> = self.any.get(&r).cloned().unwrap_or_default();
        if r.contains("/roledefinitions/") {
            if let Some(ids) = r.rsplit('/').next().and_then(|tail| self.ids.get(tail)) {
                out.extend(ids);
                out.sort_unstable();
                out.dedup();
            }
        }
        out
    }

    /// The first role the reference names.
    pub fn first(&self, reference: &str) -> Option<usize> {
        self.lookup(reference).first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleKind;

    fn role(id: &str, name: &str) -> Role {
        Role {
            aliases: vec!["Alias".into()],
            ..Role::empty(id, name, RoleKind::AzureCustom)
        }
    }

    #[test]
    fn agrees_with_is_named() {
        let roles = vec![
            role("id-1", "First"),
            role("id-2", "ID-1"),
            role("x", "Alias"),
            // A built-in name ends in a space (review J1 L1).
            role("y", "Azure Arc VMware Administrator role "),
        ];
        let index = NameIndex::new(&roles);
        for reference in [
            "first",
            " FIRST ",
            "id-1",
            "alias",
            "/providers/Microsoft.Authorization/roleDefinitions/ID-2",
            "/roleDefinitions/first",
            "nothing",
            "",
            "Azure Arc VMware Administrator role",
            "azure arc vmware administrator role ",
        ] {
            let naive: Vec<usize> = roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.is_named(reference))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(index.lookup(reference), naive, "{reference:?}");
        }
        assert_eq!(index.lookup("Azure Arc VMware Administrator role"), [3]);
    }
}
