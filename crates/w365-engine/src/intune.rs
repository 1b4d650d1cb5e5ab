//! The Intune plane: every Intune permission Microsoft Graph returned in the built-in
//! Intune roles (`Microsoft.Intune/<Resource>/<Action>`), looked up by Graph name or
//! by its short `Resource/Action` form, with "did you mean" for the rest.
//!
//! Intune publishes no permission table with descriptions; the catalog is what the
//! observed built-in roles hold (see `data/PROVENANCE.md`). Its roles live in
//! [`crate::Catalog::roles`] with [`crate::RoleKind::Intune`]; custom roles are
//! imported from Graph `deviceAndAppManagementRoleDefinition` ([`crate::import`]).

use crate::json::{JsonError, Node};

/// The Graph namespace of Intune permissions.
pub const NAMESPACE: &str = "Microsoft.Intune";

/// One Intune permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntunePermission {
    /// `Microsoft.Intune/ManagedDevices/Read`
    pub graph: String,
    /// `ManagedDevices`
    pub resource: String,
    /// `Read`
    pub action: String,
    /// Held by a built-in Intune role today (false: only in an earlier version).
    pub current: bool,
}

impl IntunePermission {
    /// `ManagedDevices/Read`: the name without the namespace.
    pub fn short(&self) -> &str {
        self.graph
            .strip_prefix(NAMESPACE)
            .and_then(|s| s.strip_prefix('/'))
            .unwrap_or(&self.graph)
    }

    /// Does `text` name this permission: its Graph name, its short name
    /// (`ManagedDevices/Read`) or the underscore form, case and spaces ignored, as
    /// [`Intune::permission`] reads it.
    pub fn is_named(&self, text: &str) -> bool {
        let k = squash(&crate::import::intune_slashes(text));
        let short = k.strip_prefix("microsoft.intune/").unwrap_or(&k);
        short == squash(self.short())
    }

    /// Is the action a read (`Read`, `ViewReports`)? Used to tell readers from writers.
    pub fn is_read(&self) -> bool {
        self.action.eq_ignore_ascii_case("Read") || self.action.starts_with("View")
    }
}

/// The Intune permission catalog.
#[derive(Debug, Clone, Default)]
pub struct Intune {
    /// Sorted by Graph name, ignoring case.
    pub permissions: Vec<IntunePermission>,
    /// The squashed short name of each permission → its first index, built on first
    /// lookup (a role page's readiness looks permissions up a few hundred times).
    by_short: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

fn squash(s: &str) -> String {
    crate::windows365::squash(s)
}

impl Intune {
    /// Find a permission by Graph name or short name (case and spaces ignored).
    pub fn permission(&self, text: &str) -> Option<(usize, &IntunePermission)> {
        let k = squash(&crate::import::intune_slashes(text));
        let short = k
            .strip_prefix("microsoft.intune/")
            .map(str::to_string)
            .unwrap_or_else(|| k.clone());
        let index = self.by_short.get_or_init(|| {
            let mut index = std::collections::HashMap::new();
            for (i, p) in self.permissions.iter().enumerate() {
                index.entry(squash(p.short())).or_insert(i);
            }
            index
        });
        // Keys were inserted in order: the first permission so named, as a scan
        // would find.
        let i = *index.get(&short)?;
        self.permissions.get(i).map(|p| (i, p))
    }

    /// The number of permissions.
    pub fn len(&self) -> usize {
        self.permissions.len()
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.permissions.is_empty()
    }

    /// The closest known permission (Graph name) to an unknown one.
    pub fn suggest(&self, text: &str) -> Option<&str> {
        let k = squash(text);
        let short = k
            .strip_prefix("microsoft.intune/")
            .unwrap_or(&k)
            .to_string();
        let shorts: Vec<String> = self.permissions.iter().map(|p| squash(p.short())).collect();
        let hit = crate::fuzzy::closest(&short, shorts.iter().map(String::as_str))?;
        self.permissions
            .iter()
            .find(|p| squash(p.short()) == hit)
            .map(|p| p.graph.as_str())
    }

    /// The permissions of one resource (`RemoteTasks`), in catalog order.
    pub fn resource<'a>(&'a self, resource: &'a str) -> impl Iterator<Item = &'a IntunePermission> {
        self.permissions
            .iter()
            .filter(move |p| p.resource.eq_ignore_ascii_case(resource))
    }
}

/// Read the catalog from the bundled `windows365.json` (`intunePermissions`), marking
/// the ones a current built-in role holds.
pub(crate) fn load(root: &Node<'_>, current: &[usize]) -> Result<Intune, JsonError> {
    let list = root
        .get("intunePermissions")?
        .ok_or_else(|| root.error("missing `intunePermissions`"))?;
    let mut permissions = Vec::new();
    for s in list.strings()? {
        let mut parts = s.text.splitn(3, '/');
        let (Some(ns), Some(resource), Some(action)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(JsonError::at(
                &s.path,
                s.pos,
                format!("`{}` is not `Microsoft.Intune/<Resource>/<Action>`", s.text),
            ));
        };
        if ns != NAMESPACE {
            return Err(JsonError::at(
                &s.path,
                s.pos,
                format!("`{}` is not an Intune permission", s.text),
            ));
        }
        permissions.push(IntunePermission {
            resource: resource.to_string(),
            action: action.to_string(),
            graph: s.text.clone(),
            current: false,
        });
    }
    for &i in current {
        if let Some(p) = permissions.get_mut(i) {
            p.current = true;
        }
    }
    Ok(Intune {
        permissions,
        by_short: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::catalog;

    #[test]
    fn finds_by_graph_and_short_name_and_suggests() {
        let cat = catalog().unwrap();
        let i = &cat.intune;
        assert_eq!(i.len(), 200);
        let (_, p) = i.permission("managedDevices/read").unwrap();
        assert_eq!(p.graph, "Microsoft.Intune/ManagedDevices/Read");
        assert!(i
            .permission("Microsoft.Intune/RemoteTasks/RebootNow")
            .is_some());
        assert_eq!(
            i.suggest("Microsoft.Intune/RemoteTasks/RebotNow"),
            Some("Microsoft.Intune/RemoteTasks/RebootNow")
        );
        assert_eq!(i.permissions.iter().filter(|p| p.current).count(), 199);
        let edr = i.permission("EDRlines/Read").unwrap().1;
        assert!(!edr.current, "only in an earlier version of a role");
    }

    #[test]
    fn the_index_finds_what_a_scan_finds() {
        let i = &catalog().unwrap().intune;
        let scan = |text: &str| {
            let k = super::squash(&crate::import::intune_slashes(text));
            let short = k
                .strip_prefix("microsoft.intune/")
                .unwrap_or(&k)
                .to_string();
            i.permissions
                .iter()
                .position(|p| super::squash(p.short()) == short)
        };
        for p in &i.permissions {
            let spaced = p.short().replace('/', " / ").to_uppercase();
            for text in [p.graph.as_str(), p.short(), spaced.as_str()] {
                assert_eq!(i.permission(text).map(|(k, _)| k), scan(text), "{text}");
                assert!(i.permission(text).is_some(), "{text}");
            }
        }
        for text in ["", "Microsoft.Intune/", "ManagedDevices", "x/y"] {
            assert_eq!(i.permission(text).map(|(k, _)| k), scan(text), "{text}");
        }
    }
}
