//! The roles in play: every built-in role plus the ones the user supplied, with
//! their expansions (computed when first asked for, so a command about one role
//! does not pay for the others).
//!
//! A built-in role's name, alias or id always means the built-in role: Azure
//! refuses a custom role with a name that already exists in the tenant
//! (`RoleDefinitionWithSameNameExists`, `azure-rbac-semantics.md` §7), and readers
//! refuse such roles on import ([`crate::role_name`]); a supplied role that slipped
//! through is still reachable by its own id.

mod error;
mod names;

pub use error::ResolveError;
pub use names::NameIndex;

use crate::bundle::Catalog;
use crate::expand::{Expander, Expansion};
use crate::model::{Plane, Role, RoleKind};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A role of a [`RoleSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleRef {
    /// Index into [`Catalog::roles`].
    Builtin(usize),
    /// Index into the supplied roles.
    Custom(usize),
}

/// Answers of [`RoleSet::least_privileged_builtin_for`]: (operation, lowercase
/// scope) → built-in role index.
type LeastCache = HashMap<(usize, Option<String>), Option<usize>>;

/// Built-in roles and supplied roles.
#[derive(Debug)]
pub struct RoleSet<'c> {
    catalog: &'c Catalog,
    custom: Vec<Role>,
    custom_expansions: Vec<OnceLock<Expansion>>,
    names: NameIndex,
    /// Pattern matches shared by the expansions (10,000 roles holding `*/read`
    /// match it once).
    expander: Mutex<Expander<'c>>,
    /// Answers of [`RoleSet::least_privileged_builtin_for`] by operation and scope
    /// (a tenant review asks the same question for thousands of principals).
    least: Mutex<LeastCache>,
    /// Which set this is: unique per [`RoleSet::new`] in the process, kept by a copy
    /// (the roles never change after it), so a remembered answer knows its set.
    generation: u64,
}

/// The next [`RoleSet`]'s generation.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Clone for RoleSet<'_> {
    /// A copy with the expansions computed so far; the pattern cache starts empty.
    fn clone(&self) -> Self {
        RoleSet {
            catalog: self.catalog,
            custom: self.custom.clone(),
            custom_expansions: self.custom_expansions.clone(),
            names: self.names.clone(),
            expander: Mutex::new(Expander::new(self.catalog)),
            least: Mutex::new(HashMap::new()),
            generation: self.generation,
        }
    }
}

impl<'c> RoleSet<'c> {
    /// The built-in roles and the supplied ones (each expanded when first needed).
    pub fn new(catalog: &'c Catalog, custom: Vec<Role>) -> Self {
        RoleSet {
            catalog,
            custom_expansions: custom.iter().map(|_| OnceLock::new()).collect(),
            names: NameIndex::new(&custom),
            expander: Mutex::new(Expander::new(catalog)),
            least: Mutex::new(HashMap::new()),
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            custom,
        }
    }

    /// Which set this is: two sets with the same generation hold the same roles.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The catalog.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// The supplied roles.
    pub fn custom(&self) -> &[Role] {
        &self.custom
    }

    /// A role.
    pub fn get(&self, r: RoleRef) -> Option<&Role> {
        match r {
            RoleRef::Builtin(i) => self.catalog.roles.get(i),
            RoleRef::Custom(i) => self.custom.get(i),
        }
    }

    /// Give supplied role `i` its expansion, computed elsewhere from the same role
    /// (the app keeps every saved role's); ignored once it has one.
    pub fn give_expansion(&self, i: usize, expansion: Expansion) {
        if let Some(cell) = self.custom_expansions.get(i) {
            let _ = cell.set(expansion);
        }
    }

    /// Take from `prev` (the set this one replaces) the expansions it computed of
    /// supplied roles that grant what one of this set's does (renamed, or unchanged
    /// beside another role's edit), so that typing a role's name does not expand a
    /// role of 100,000 actions again (review H2 M2). A role is looked for at its
    /// own position, and among all of `prev`'s when there are few.
    pub fn keep_expansions(&self, prev: &RoleSet<'_>) {
        const SEARCH_ALL_UP_TO: usize = 200;
        let old = &prev.custom;
        for (i, role) in self.custom.iter().enumerate() {
            let same = |j: &usize| old.get(*j).is_some_and(|o| o.same_but_name(role));
            let j = Some(i).filter(same).or_else(|| {
                (old.len() <= SEARCH_ALL_UP_TO)
                    .then(|| (0..old.len()).find(same))
                    .flatten()
            });
            if let Some(ex) = j.and_then(|j| prev.custom_expansions.get(j)?.get()) {
                self.give_expansion(i, ex.clone());
            }
        }
    }

    /// A role's expansion.
    pub fn expansion(&self, r: RoleRef) -> Option<&Expansion> {
        match r {
            RoleRef::Builtin(i) => self.catalog.builtin_expansions().get(i),
            RoleRef::Custom(i) => {
                let role = self.custom.get(i)?;
                let cell = self.custom_expansions.get(i)?;
                Some(cell.get_or_init(|| {
                    let mut ex = self.expander.lock().unwrap_or_else(|e| e.into_inner());
                    ex.expand(role)
                }))
            }
        }
    }

    /// A role's expansion without waiting for every built-in role's: the stored one
    /// when ready; otherwise a built-in role outside Azure from the few expanded
    /// apart ([`Catalog::builtin_expansion_outside_azure`]), an Azure one expanded
    /// alone.
    pub fn expansion_now(&self, r: RoleRef) -> Option<std::borrow::Cow<'_, Expansion>> {
        match (r, self.catalog.builtin_expansions_if_ready()) {
            (RoleRef::Builtin(i), None) => {
                let role = self.catalog.roles.get(i)?;
                if role.plane() != Plane::Azure {
                    return self
                        .catalog
                        .builtin_expansion_outside_azure(i)
                        .map(std::borrow::Cow::Borrowed);
                }
                let mut ex = self.expander.lock().unwrap_or_else(|e| e.into_inner());
                Some(std::borrow::Cow::Owned(ex.expand(role)))
            }
            _ => self.expansion(r).map(std::borrow::Cow::Borrowed),
        }
    }

    /// Every role, supplied ones first.
    pub fn all(&self) -> impl Iterator<Item = (RoleRef, &Role)> {
        self.custom
            .iter()
            .enumerate()
            .map(|(i, r)| (RoleRef::Custom(i), r))
            .chain(
                self.catalog
                    .roles
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (RoleRef::Builtin(i), r)),
            )
    }

    /// Resolve a reference (name, alias, id or Azure resource id; any case). A
    /// built-in role's name, alias or id means the built-in role, even when a
    /// supplied role has the same name (Azure refuses such a name); two supplied
    /// roles that both match are ambiguous.
    pub fn resolve(&self, reference: &str) -> Result<RoleRef, ResolveError> {
        let r = reference.trim();
        if r.is_empty() {
            return Err(ResolveError::Empty);
        }
        if let Some((i, _)) = self.catalog.role(r) {
            return Ok(RoleRef::Builtin(i));
        }
        let custom = self.names.lookup(r);
        match custom.as_slice() {
            [one] => return Ok(RoleRef::Custom(*one)),
            [first, rest @ ..] => {
                let id_of = |i: usize| self.custom.get(i).map(|x| x.id.to_ascii_lowercase());
                let same_ids = rest.iter().all(|&i| id_of(i) == id_of(*first));
                return Err(ResolveError::Ambiguous {
                    same_ids,
                    reference: r.to_string(),
                    candidates: custom
                        .iter()
                        .filter_map(|&i| {
                            self.custom
                                .get(i)
                                .map(|x| format!("`{}` (id `{}`)", x.name, x.id))
                        })
                        .collect(),
                });
            }
            [] => {}
        }
        // A misspelling, or an abbreviation of one name ("Cloud PC Admin").
        let names: Vec<&str> = self.all().map(|(_, x)| x.name.as_str()).collect();
        Err(ResolveError::Unknown {
            reference: r.to_string(),
            suggestion: crate::fuzzy::closest_or_completion(r, names.iter().copied())
                .map(str::to_string),
        })
    }

    /// Is `r` the built-in role named `name`?
    pub fn is_builtin_named(&self, r: RoleRef, name: &str) -> bool {
        matches!(r, RoleRef::Builtin(_)) && self.get(r).is_some_and(|x| x.is_named(name))
    }

    /// The least-privileged built-in Azure role ([`crate::rank::Standing`]: no
    /// service role, no high-risk one, fewest effective operations, ...) whose
    /// expansion contains catalog entry `op` and that can be assigned at `scope`
    /// (any scope when `None`: then only roles assignable everywhere).
    pub fn least_privileged_builtin_for(
        &self,
        op: usize,
        scope: Option<&crate::scope::Scope>,
    ) -> Option<(usize, &'c Role)> {
        let key = (op, scope.map(|s| s.key()));
        if let Some(&hit) = self
            .least
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return hit.and_then(|i| self.catalog.roles.get(i).map(|r| (i, r)));
        }
        let found = self.least_privileged_uncached(op, scope);
        self.least
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, found.map(|(i, _)| i));
        found
    }

    /// The smallest built-in role for a service's own identity, without a high or
    /// critical risk note, that grants catalog entry `op` and can be assigned at
    /// `scope`, with its privilege size: said beside the least-privileged role when
    /// it is smaller, as the narrower option with its caveat (an outside review: a
    /// network interface join's fix was Domain Services Contributor, 122
    /// operations, while Windows 365 Network Interface Contributor holds 15).
    pub fn smallest_service_builtin_for(
        &self,
        op: usize,
        scope: Option<&crate::scope::Scope>,
    ) -> Option<(&'c Role, usize)> {
        self.builtins_granting(op, scope)
            .filter(|(i, _)| self.catalog.builtin_service(*i))
            .filter_map(|(i, r)| Some((crate::rank::Standing::builtin(self.catalog, i)?, r)))
            .filter(|(s, _)| !s.risky())
            .min_by(|a, b| {
                a.0.size()
                    .cmp(&b.0.size())
                    .then_with(|| a.1.name.cmp(&b.1.name))
            })
            .map(|(s, r)| (r, s.size()))
    }

    /// The built-in Azure roles whose expansion grants catalog entry `op` and that
    /// can be assigned at `scope`, with their indexes.
    fn builtins_granting<'s>(
        &'s self,
        op: usize,
        scope: Option<&'s crate::scope::Scope>,
    ) -> impl Iterator<Item = (usize, &'c Role)> + 's {
        let ex = self.catalog.builtin_expansions();
        self.catalog.roles.iter().enumerate().filter(move |(i, r)| {
            r.kind == RoleKind::AzureBuiltIn
                && assignable(r, scope)
                && ex.get(*i).is_some_and(|e| e.granted.contains(op))
        })
    }

    fn least_privileged_uncached(
        &self,
        op: usize,
        scope: Option<&crate::scope::Scope>,
    ) -> Option<(usize, &'c Role)> {
        self.builtins_granting(op, scope)
            .filter_map(|(i, r)| Some((crate::rank::Standing::builtin(self.catalog, i)?, i, r)))
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, i, r)| (i, r))
    }
}

/// A built-in role meant for a service's own identity: named so ("Access Review
/// Operator Service Role"), or described so ("This role is not intended for use
/// cases outside of assignment to the associated AVS identity", "For internal use
/// within Azure", "Role required by a Managed Identity", "Used by the StoragePool
/// Resource Provider", "Grant ARO Classic First Party Service Principal ...": a
/// first-party service principal is a Microsoft service's own identity; "This
/// role is used by Windows 365 to ...", "Provide permission to the Azure Virtual
/// Desktop Resource Provider to ..."), or
/// described as permissions for software ([`for_software`]: "Enables the control
/// plane operator to read ..."), or an Azure Red Hat OpenShift cluster component's
/// role ([`openshift_component`]: "Manage and update the cloud controller manager
/// deployed on top of OpenShift"). A fix for an administrator names one only when no
/// other built-in role will do, and `decode` never (review G M2, review F1 L9,
/// review L4).
pub fn is_service_role(role: &Role) -> bool {
    const SAID: [&str; 13] = [
        "this role is used by",
        "permission to the azure virtual desktop resource provider",
        "first party service principal",
        "first-party service principal",
        "not intended for use",
        "do not remove this role",
        "required by a managed identity",
        "assigned managed identity of",
        "permissions to user assigned managed identity",
        "service managed identity",
        "resource provider to manage",
        "to azure batch resource provider",
        "used by the storage actions - storage task",
    ];
    let name = role.name.to_ascii_lowercase();
    let said = role.description.to_ascii_lowercase();
    name.contains("service role")
        || SAID.iter().any(|s| said.contains(s))
        || for_software(&said)
        || openshift_component(&name, &said)
        || said.starts_with("for internal use")
        || (said.starts_with("used by the")
            && said
                .split(" to ")
                .next()
                .is_some_and(|who| who.ends_with("resource provider") || who.ends_with("cluster")))
}

/// Whether a (lowercase) name and description are an Azure Red Hat OpenShift
/// cluster component's role: Azure's built-in roles named "Azure Red Hat OpenShift
/// ..." are the roles of a cluster's operators and its first-party service (each
/// description names the OpenShift component, the cluster, or the managed identity
/// it is for: "Manage and configure the OpenShift router", "Install and upgrade
/// the networking components on an OpenShift cluster"), given to the identities the
/// cluster runs as, not to administrators (review L4: decode proposed the Cloud
/// Controller Manager's role for a network security group join).
fn openshift_component(name: &str, said: &str) -> bool {
    name.starts_with("azure red hat openshift ")
        && ["openshift", "cluster", "managed identit"]
            .iter()
            .any(|w| said.contains(w))
}

/// Whether a (lowercase) description says its permissions are for software: it
/// allows or enables a component (an operator, provider, API, controller, cluster,
/// identity or application) to act, named by one short noun phrase with no person
/// in it ("Enables permissions to allow cluster API to manage nodes", "Enables the
/// control plane operator to read", "allows a Connected Cluster managed identity to
/// call"). Not "allows user or principal to" (a person may hold it) nor "allow
/// assigning APIs to" (the phrase is an action, not a holder). Read word by word,
/// linear in the description.
fn for_software(said: &str) -> bool {
    const VERBS: [&str; 4] = ["allow", "allows", "enable", "enables"];
    const HOLDERS: [&str; 14] = [
        "operator",
        "operators",
        "provider",
        "providers",
        "api",
        "apis",
        "controller",
        "controllers",
        "cluster",
        "clusters",
        "identity",
        "identities",
        "application",
        "applications",
    ];
    const PERSONS: [&str; 15] = [
        "user",
        "users",
        "you",
        "person",
        "people",
        "admin",
        "admins",
        "administrator",
        "administrators",
        "developer",
        "developers",
        "principal",
        "principals",
        "or",
        "and",
    ];
    /// Words from the verb to the holder: "enables permissions for the operator".
    const PHRASE: usize = 6;
    let words: Vec<&str> = said
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        if !VERBS.contains(w) {
            return false;
        }
        for j in i + 1..(i + PHRASE + 1).min(words.len()) {
            let word = words.get(j).copied().unwrap_or_default();
            if VERBS.contains(&word) {
                // The next verb starts its own phrase ("enables permissions to allow ...").
                return false;
            }
            if HOLDERS.contains(&word) && words.get(j + 1) == Some(&"to") {
                return words
                    .get(i + 1..j)
                    .unwrap_or_default()
                    .iter()
                    .all(|b| !PERSONS.contains(b) && !b.ends_with("ing"));
            }
        }
        false
    })
}

/// Can the role be assigned at `scope` (by its assignable scopes)?
pub fn assignable(role: &Role, scope: Option<&crate::scope::Scope>) -> bool {
    // The root, which most built-in roles name, covers every scope: no parse
    // (this runs for every candidate of every suggestion).
    role.assignable_scopes.iter().any(|a| {
        a == "/"
            || match crate::scope::Scope::parse(a) {
                Ok(a) => match scope {
                    Some(t) => a.is_ancestor_or_self(t),
                    None => a.depth() == 0,
                },
                Err(_) => false,
            }
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// Two supplied roles of one name are ambiguous; when their ids are the
    /// same too (names that differ in case), the advice is to rename, since no
    /// id tells them apart (review of 2026-12-05).
    #[test]
    fn ambiguous_names_say_how_to_tell_them_apart() {
        use crate::model::RoleKind;
        let cat = crate::catalog().unwrap();
        let role =
            |name: &str, id: &str| crate::model::Role::empty(id, name, RoleKind::AzureCustom);
        let set = RoleSet::new(
            cat,
            vec![role("Ops", "custom-ops"), role("ops", "custom-ops")],
        );
        let e = set.resolve("Ops").unwrap_err().to_string();
        assert!(
            e.ends_with("their ids are the same too, so rename all but one of them"),
            "{e}"
        );
        let set = RoleSet::new(cat, vec![role("Ops", "a1"), role("Ops", "a2")]);
        let e = set.resolve("Ops").unwrap_err().to_string();
        assert!(e.ends_with("name the one you mean by its id"), "{e}");
    }

    /// A role renamed keeps the expansion the set it replaces computed; a role
    /// that grants something else does not (review H2 M2).
    #[test]
    fn a_renamed_role_keeps_its_expansion() {
        let cat = crate::catalog().unwrap();
        let role = |name: &str, action: &str| {
            let text = format!(
                r#"{{"roleName": "{name}", "permissions": [{{"actions": ["{action}"]}}], "assignableScopes": ["/subscriptions/s1"]}}"#
            );
            crate::import::import(&text).unwrap().remove(0).role
        };
        let read = "Microsoft.Compute/virtualMachines/read";
        let prev = RoleSet::new(cat, vec![role("A", read), role("B", read)]);
        assert!(prev.expansion(RoleRef::Custom(0)).is_some());
        let next = RoleSet::new(
            cat,
            vec![
                role("A renamed", read),
                role("B", "Microsoft.Compute/*/read"),
            ],
        );
        next.keep_expansions(&prev);
        let given = |set: &RoleSet<'_>, i: usize| set.custom_expansions[i].get().is_some();
        assert!(given(&next, 0), "renamed: kept");
        assert!(
            !given(&next, 1),
            "B was never expanded, and grants more now"
        );
        assert_eq!(
            next.expansion(RoleRef::Custom(0)),
            prev.expansion(RoleRef::Custom(0))
        );
    }

    #[test]
    fn permissions_for_software_are_read_from_the_description() {
        for said in [
            "enables permissions to allow cluster api to manage nodes, networks and disks for openshift cluster.",
            "enables the control plane operator to read resources necessary for openshift cluster.",
            "enables permissions for the operator to manage a singleton instance of the openshift image registry.",
            "built-in role that allows a connected cluster managed identity to call the checkaccess api",
        ] {
            assert!(for_software(said), "{said}");
        }
        for said in [
            "lets you manage virtual machines, but not access to them.",
            "allows user or principal to read fhir data",
            "has read access to apis and write access to allow assigning apis to products.",
            "allows developers to create and update workflows",
            "allows for full access to azure event hubs resources.",
            "",
        ] {
            assert!(!for_software(said), "{said}");
        }
    }

    /// The roles meant for a Microsoft first-party service that `eval` suggested
    /// to administrators (review F1 L9) are service roles; roles for people are not.
    #[test]
    fn first_party_and_component_roles_are_service_roles() {
        let cat = crate::catalog().unwrap();
        let role = |n: &str| cat.role(n).unwrap().1;
        for n in [
            "Azure Red Hat OpenShift First Party Network",
            // Roles the Windows 365 service and Azure Virtual Desktop's resource
            // provider receive (seed 001; the roles' descriptions).
            "Windows 365 Network User",
            "Windows 365 Network Interface Contributor",
            "Desktop Virtualization Power On Contributor",
            "Desktop Virtualization Power On Off Contributor",
            "Desktop Virtualization Virtual Machine Contributor",
            "Defender for Storage Data Scanner",
            "Azure Red Hat OpenShift Hosted Control Planes Cluster API Provider",
            "Azure Red Hat OpenShift Hosted Control Planes Control Plane Operator",
        ] {
            assert!(is_service_role(role(n)), "{n}");
        }
        for n in [
            "Network Contributor",
            "Virtual Machine Contributor",
            "Desktop Virtualization Contributor",
            "Desktop Virtualization User",
            "FHIR Data Reader",
            "API Management Service Workspace API Developer",
            "Managed Identity Operator",
            "Blueprint Operator",
        ] {
            assert!(!is_service_role(role(n)), "{n}");
        }
    }

    /// The roles Windows 365 gives its own service that are meant for no one else
    /// are service roles (the app adds them as the Windows 365 app's); Reader,
    /// which it gives too, is not.
    #[test]
    fn the_windows365_service_roles() {
        let cat = crate::catalog().unwrap();
        let role = |n: &str| cat.role(n).unwrap().1;
        for n in [
            "Windows 365 Network User",
            "Windows 365 Network Interface Contributor",
        ] {
            assert!(
                is_service_role(role(n)) && cat.windows365.service.gives(n),
                "{n}"
            );
        }
        assert!(cat.windows365.service.gives("Reader") && !is_service_role(role("Reader")));
        assert!(!cat.windows365.service.gives("Owner"));
    }

    /// The Azure Red Hat OpenShift roles that only the OpenShift rule makes service
    /// roles (review L4), so that a data update adding one is reviewed here; every
    /// "Azure Red Hat OpenShift" role is now one.
    #[test]
    fn the_openshift_component_roles() {
        let cat = crate::catalog().unwrap();
        let only_by_the_rule: Vec<&str> = cat
            .azure_roles()
            .filter(|(_, r)| {
                let name = r.name.to_ascii_lowercase();
                let said = r.description.to_ascii_lowercase();
                openshift_component(&name, &said) && {
                    let mut without = (*r).clone();
                    without.name = "x".into();
                    !is_service_role(&without)
                }
            })
            .map(|(_, r)| r.name.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            only_by_the_rule,
            [
                "Azure Red Hat OpenShift Cloud Controller Manager",
                "Azure Red Hat OpenShift Cluster Ingress Operator",
                "Azure Red Hat OpenShift Federated Credential",
                "Azure Red Hat OpenShift Machine API Operator",
                "Azure Red Hat OpenShift Network Operator",
                "Azure Red Hat OpenShift Service Operator",
            ]
        );
        assert!(cat
            .azure_roles()
            .filter(|(_, r)| r.name.starts_with("Azure Red Hat OpenShift"))
            .all(|(_, r)| is_service_role(r)));
        for n in [
            "Network Contributor",
            "Azure Kubernetes Service Cluster Admin Role",
        ] {
            assert!(!is_service_role(cat.role(n).unwrap().1), "{n}");
        }
    }

    /// Every built-in role the description rule for software flags, so that a data
    /// update adding one is reviewed here (each description was read: all are for
    /// a cluster's components, a managed identity or Microsoft's applications).
    #[test]
    fn the_roles_described_as_for_software() {
        let cat = crate::catalog().unwrap();
        let mut flagged: Vec<&str> = cat
            .azure_roles()
            .filter(|(_, r)| for_software(&r.description.to_ascii_lowercase()))
            .map(|(_, r)| r.name.as_str())
            .collect();
        flagged.sort_unstable();
        assert_eq!(
            flagged,
            [
                "Azure Red Hat OpenShift Disk Storage Operator",
                "Azure Red Hat OpenShift File Storage Operator",
                "Azure Red Hat OpenShift Hosted Control Planes Cluster API Provider",
                "Azure Red Hat OpenShift Hosted Control Planes Control Plane Operator",
                "Azure Red Hat OpenShift Image Registry Operator",
                "Connected Cluster Managed Identity CheckAccess Reader",
                "Grounding with Bing User",
            ]
        );
    }
}
