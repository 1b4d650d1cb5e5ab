//! Reverse lookup: which roles grant an action or a pattern, and through which of
//! their patterns.

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::evaluate::detect_plane;
use crate::expand::Expander;
use crate::model::{Plane, Role};
use crate::pattern::ActionPattern;
use crate::rank::Standing;
use crate::roleset::{RoleRef, RoleSet};
use serde::Serialize;

/// Built-in roles per catalog operation: a posting list over the expansions.
#[derive(Debug, Clone)]
pub struct ReverseIndex {
    offsets: Vec<u32>,
    roles: Vec<u32>,
}

impl ReverseIndex {
    /// Build from the built-in expansions.
    pub fn build(catalog: &Catalog) -> ReverseIndex {
        let n = catalog.operations.len();
        let ex = catalog.builtin_expansions();
        let mut counts = vec![0u32; n + 1];
        for e in ex {
            for i in e.granted.iter() {
                if let Some(c) = counts.get_mut(i + 1) {
                    *c += 1;
                }
            }
        }
        for i in 1..=n {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut roles = vec![0u32; counts[n] as usize];
        for (r, e) in ex.iter().enumerate() {
            for i in e.granted.iter() {
                let slot = &mut fill[i];
                if let Some(x) = roles.get_mut(*slot as usize) {
                    *x = r as u32;
                }
                *slot += 1;
            }
        }
        ReverseIndex {
            offsets: counts,
            roles,
        }
    }

    /// Built-in role indexes that grant catalog operation `op`.
    pub fn roles_for(&self, op: usize) -> &[u32] {
        let (Some(&s), Some(&e)) = (self.offsets.get(op), self.offsets.get(op + 1)) else {
            return &[];
        };
        self.roles.get(s as usize..e as usize).unwrap_or_default()
    }

    /// Total number of (operation, role) pairs.
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// Whether it holds no pair.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }
}

/// A role that grants an action, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
    /// Role name.
    pub role: String,
    /// Role id.
    pub id: String,
    /// Plane.
    pub plane: Plane,
    /// Built in or supplied.
    pub builtin: bool,
    /// The patterns that grant it: (block, pattern).
    pub patterns: Vec<String>,
    /// Whether every granting pattern is a wildcard.
    pub through_wildcard: bool,
    /// Granted only under a condition.
    pub conditional: bool,
    /// Operations the role grants in all (its "privilege size").
    pub size: usize,
    /// A built-in role assignable only at these scopes (not at `/`, so at no
    /// subscription): Reservations Administrator at `/providers/Microsoft.Capacity`
    /// (review F2 M3). Empty for the others.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assignable_only_at: Vec<String>,
    /// A built-in role meant for a service's own identity
    /// ([`crate::roleset::is_service_role`]): listed because it grants the action,
    /// ranked last, and never a fix for an administrator (review L4).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub service_role: bool,
}

/// [`Grant::assignable_only_at`]: a built-in role's assignable scopes when `/` is
/// not one of them.
fn assignable_only_at(role: &Role, builtin: bool) -> Vec<String> {
    if builtin
        && !role.assignable_scopes.is_empty()
        && role.assignable_scopes.iter().all(|s| s != "/")
    {
        role.assignable_scopes.clone()
    } else {
        Vec::new()
    }
}

/// The providers (the first segment of a name, before its first `/`, lowercased)
/// that a role's Actions and DataActions name. A pattern can match an action only
/// if its first segment, read up to its first `*`, agrees with the action's: one
/// with a `*` in its first segment (`*`, `*/read`, `Microsoft.Net*`) may match any
/// provider and sets `any`.
#[derive(Debug, Clone, Default)]
struct Providers {
    any: bool,
    names: Vec<String>,
}

impl Providers {
    fn of(role: &Role) -> Providers {
        let mut p = Providers::default();
        for b in &role.blocks {
            for pat in b.actions.iter().chain(&b.data_actions) {
                let first = first_segment(pat.lower());
                if first.contains('*') {
                    p.any = true;
                } else {
                    p.names.push(first.to_string());
                }
            }
        }
        p.names.sort_unstable();
        p.names.dedup();
        p
    }
}

/// The built-in roles by the providers their grants name ([`Providers`]), built
/// once per catalog: the roles that may grant an action are those whose patterns
/// may match any provider and those naming the action's, found with one lookup
/// instead of a test of every role.
#[derive(Debug, Default)]
pub(crate) struct ProviderIndex {
    /// The roles with a `*` in a pattern's first segment, in index order.
    any: Vec<usize>,
    /// Per provider (sorted), the other roles naming it, in index order.
    named: Vec<(String, Vec<usize>)>,
}

impl ProviderIndex {
    pub(crate) fn of(roles: &[Role]) -> ProviderIndex {
        let mut any = Vec::new();
        let mut named: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, role) in roles.iter().enumerate() {
            let p = Providers::of(role);
            if p.any {
                any.push(i);
            } else {
                for n in p.names {
                    named.entry(n).or_default().push(i);
                }
            }
        }
        ProviderIndex {
            any,
            named: named.into_iter().collect(),
        }
    }

    /// The built-in roles that may grant an action of `provider_lower`, in index
    /// order (the two lists are disjoint).
    fn may_grant(&self, provider_lower: &str) -> Vec<usize> {
        let named = self
            .named
            .binary_search_by(|(n, _)| n.as_str().cmp(provider_lower))
            .ok()
            .and_then(|k| self.named.get(k))
            .map_or(&[][..], |(_, v)| v.as_slice());
        let mut out: Vec<usize> = self.any.iter().chain(named).copied().collect();
        out.sort_unstable();
        out
    }
}

fn first_segment(name: &str) -> &str {
    name.split_once('/').map_or(name, |(first, _)| first)
}

/// The roles of the set that may grant `action_lower` at all ([`ProviderIndex`]),
/// in the set's order: every supplied role (not indexed), then the built-in ones.
fn may_grant<'a>(roles: &'a RoleSet<'_>, action_lower: &str) -> Vec<(RoleRef, &'a Role)> {
    let cat = roles.catalog();
    let builtin = cat
        .builtin_provider_index()
        .may_grant(first_segment(action_lower));
    roles
        .custom()
        .iter()
        .enumerate()
        .map(|(i, r)| (RoleRef::Custom(i), r))
        .chain(
            builtin
                .into_iter()
                .filter_map(|i| Some((RoleRef::Builtin(i), cat.roles.get(i)?))),
        )
        .collect()
}

fn grant_of(
    role: &Role,
    action_lower: &str,
    data: bool,
    size: usize,
    builtin: bool,
) -> Option<Grant> {
    let mut patterns = Vec::new();
    let mut conditional = false;
    let mut unconditional = false;
    for b in &role.blocks {
        let (g, n) = b.for_plane(data);
        if let Some(p) = g.iter().find(|p| p.matches_lower(action_lower)) {
            if n.iter().any(|x| x.matches_lower(action_lower)) {
                continue;
            }
            match &b.condition {
                Some(c) => match c.evaluate(action_lower) {
                    crate::condition::Truth::True => unconditional = true,
                    crate::condition::Truth::Unknown => conditional = true,
                    crate::condition::Truth::False => continue,
                },
                None => unconditional = true,
            }
            patterns.push(p.as_str().to_string());
        }
    }
    (!patterns.is_empty()).then(|| Grant {
        role: role.name.clone(),
        id: role.id.clone(),
        plane: role.plane(),
        builtin,
        through_wildcard: patterns.iter().all(|p| p.contains('*')),
        patterns,
        conditional: conditional && !unconditional,
        size,
        assignable_only_at: assignable_only_at(role, builtin),
        service_role: builtin && crate::roleset::is_service_role(role),
    })
}

/// An action without a provider namespace (`devices/create`) is no Azure
/// operation (only Azure's `*` roles would match its text): when a Microsoft
/// Entra role holds `microsoft.directory/` + it, that directory permission, as
/// the roles search, `grants` and `least` read it (an outside review: Contributor
/// and Owner were listed for `devices/create`): that permission and the roles
/// that grant it, as [`who_grants`] lists them. `None` otherwise.
pub fn directory_reading(roles: &RoleSet<'_>, action: &str) -> Option<(String, Vec<Grant>)> {
    let action = action.trim();
    let namespaced = action.split('/').next().is_some_and(|p| p.contains('.'));
    if namespaced
        || !action.contains('/')
        || action.contains('*')
        || detect_plane(roles.catalog(), action) != Plane::Azure
    {
        return None;
    }
    let directory = format!("microsoft.directory/{action}");
    let grants = entra_grants(roles, &directory);
    (!grants.is_empty()).then_some((directory, grants))
}

/// Every role (supplied and built-in) that grants `action`, least privileged first
/// ([`Standing`]).
///
/// An `action` with a `*` is a pattern, and a role grants a pattern when it grants
/// every catalog entry the pattern matches on that plane ([`who_grants_pattern`]):
/// the pattern's text is never matched as if it were one action, which would let
/// Contributor's `*` "grant" `Microsoft.Authorization/roleAssignments/*` past its
/// NotActions.
pub fn who_grants(roles: &RoleSet<'_>, action: &str, data: bool) -> Vec<Grant> {
    who_grants_with(roles, action, data, true)
}

/// [`who_grants`], with or without the quick provider test (the tests compare).
fn who_grants_with(roles: &RoleSet<'_>, action: &str, data: bool, quick: bool) -> Vec<Grant> {
    if action.contains('*') {
        return match ActionPattern::new(action) {
            Ok(p) => who_grants_pattern(roles, &p, data).grants,
            Err(_) => Vec::new(),
        };
    }
    let cat = roles.catalog();
    let plane = detect_plane(cat, action);
    if plane == Plane::Entra {
        return entra_grants(roles, action);
    }
    // A retired Cloud PC permission, or a name no Cloud PC permission has, is held
    // by no role, as `eval` answers it (a re-check review: a misspelt name was
    // listed as granted by every role with `Microsoft.CloudPC/*`).
    if plane == Plane::CloudPc
        && cat
            .windows365
            .permission(action)
            .is_none_or(|(_, p)| p.legacy)
    {
        return Vec::new();
    }
    let target = match plane {
        Plane::CloudPc => cat
            .windows365
            .permission(action)
            .map(|(_, p)| p.graph.clone())
            .unwrap_or_else(|| action.to_string()),
        Plane::Intune => cat
            .intune
            .permission(action)
            .map(|(_, p)| p.graph.clone())
            .unwrap_or_else(|| action.to_string()),
        _ => action.to_string(),
    }
    .to_ascii_lowercase();
    let want = |p: Plane| match plane {
        Plane::CloudPc | Plane::Intune => p == plane || p == Plane::Entra,
        other => p == other,
    };
    let sizes = cat.builtin_sizes();
    let candidates = if quick {
        may_grant(roles, &target)
    } else {
        roles.all().collect()
    };
    let out: Vec<(Option<Standing>, Grant)> = candidates
        .into_iter()
        .filter(|(_, r)| want(r.plane()))
        .filter_map(|(rr, r)| {
            let (size, builtin) = match rr {
                RoleRef::Builtin(i) => (sizes.get(i).copied().unwrap_or(0), true),
                RoleRef::Custom(_) => (0, false),
            };
            let mut g = grant_of(r, &target, data && plane == Plane::Azure, size, builtin)?;
            // A supplied role is expanded only when it grants the action.
            if !builtin {
                g.size = roles
                    .expansion(rr)
                    .map(|e| e.granted.count() + e.cloud_pc.count() + e.intune.count())
                    .unwrap_or(0);
            }
            Some((standing(roles, rr, r, g.size), g))
        })
        .collect();
    least_first(out)
}

/// The Entra roles whose own resource actions hold `action` as `eval` reads them
/// ([`crate::evaluate::entra_matches`]: the action itself, or every task or every
/// read of its entity). An outside review: `grants microsoft.directory/bitlockerKeys/key/read`
/// listed no role while `eval` allowed it through Global Reader.
fn entra_grants(roles: &RoleSet<'_>, action: &str) -> Vec<Grant> {
    let sizes = roles.catalog().builtin_sizes();
    let out: Vec<(Option<Standing>, Grant)> = roles
        .all()
        .filter(|(_, r)| r.plane() == Plane::Entra)
        .filter_map(|(rr, r)| {
            let patterns: Vec<String> = r
                .entra_actions
                .iter()
                .filter(|a| crate::evaluate::entra_matches(&a.action, action))
                .map(|a| a.action.clone())
                .collect();
            if patterns.is_empty() {
                return None;
            }
            let (size, builtin) = match rr {
                RoleRef::Builtin(i) => (sizes.get(i).copied().unwrap_or(0), true),
                RoleRef::Custom(_) => (r.entra_actions.len(), false),
            };
            let g = Grant {
                role: r.name.clone(),
                id: r.id.clone(),
                plane: Plane::Entra,
                builtin,
                through_wildcard: patterns.iter().all(|p| !p.eq_ignore_ascii_case(action)),
                patterns,
                conditional: false,
                size,
                assignable_only_at: Vec::new(),
                service_role: false,
            };
            Some((standing(roles, rr, r, size), g))
        })
        .collect();
    least_first(out)
}

/// Where a role of the set stands in the least-privileged order.
fn standing(roles: &RoleSet<'_>, rr: RoleRef, r: &Role, size: usize) -> Option<Standing> {
    match rr {
        RoleRef::Builtin(i) => Standing::builtin(roles.catalog(), i),
        RoleRef::Custom(_) => roles
            .expansion(rr)
            .map(|e| Standing::of(roles.catalog(), r, e, size)),
    }
}

/// Grants in the least-privileged order ([`Standing`]; one without a standing last).
fn least_first(mut v: Vec<(Option<Standing>, Grant)>) -> Vec<Grant> {
    crate::order::sort_by(&mut v, |a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.role.cmp(&b.1.role),
    });
    v.into_iter().map(|(_, g)| g).collect()
}

/// The roles that grant everything a pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternGrants {
    /// The plane of the pattern (from its provider, as for an action).
    pub plane: Plane,
    /// How many catalog entries it matches on that plane: Azure operations (control
    /// or data), Cloud PC or Intune permissions. Microsoft Entra resource actions
    /// have no catalog here and take no wildcard, so an Entra pattern matches none.
    pub matched: usize,
    /// The roles granting every one of them, least privileged first; `patterns` are the
    /// role's patterns that grant at least one of them, `conditional` is set when
    /// some are granted only under a condition.
    pub grants: Vec<Grant>,
}

/// Which roles (supplied and built-in) grant every catalog entry `pattern` matches:
/// a role's patterns are compared with what the pattern stands for, not with its
/// text, so NotActions (and Graph exclusions) that remove part of it keep the role
/// out. A pattern that matches nothing in the catalog is granted by no role here.
pub fn who_grants_pattern(
    roles: &RoleSet<'_>,
    pattern: &ActionPattern,
    data: bool,
) -> PatternGrants {
    let cat = roles.catalog();
    let plane = detect_plane(cat, pattern.as_str());
    let data = data && plane == Plane::Azure;
    let mut ex = Expander::new(cat);
    // What the pattern stands for, as indexes into the plane's list.
    // A tenant plane's permissions by Graph name, in catalog order.
    let graph_names: Vec<&str> = match plane {
        Plane::CloudPc => cat
            .windows365
            .permissions
            .iter()
            .map(|p| p.graph.as_str())
            .collect(),
        Plane::Intune => cat
            .intune
            .permissions
            .iter()
            .map(|p| p.graph.as_str())
            .collect(),
        Plane::Azure | Plane::Entra => Vec::new(),
    };
    let (azure, listed): (Option<BitSet>, Vec<usize>) = match plane {
        Plane::Azure => (
            Some(ex.match_set(std::slice::from_ref(pattern), data)),
            Vec::new(),
        ),
        _ => (
            None,
            graph_names
                .iter()
                .enumerate()
                .filter(|(_, n)| pattern.matches(n))
                .map(|(i, _)| i)
                .collect(),
        ),
    };
    // The matched permissions' names, lowercase, for the roles' patterns (once, not
    // per role and block).
    let listed_lower: Vec<String> = listed
        .iter()
        .filter_map(|&i| graph_names.get(i))
        .map(|n| n.to_ascii_lowercase())
        .collect();
    let matched = azure.as_ref().map_or(listed.len(), BitSet::count);
    let mut out = PatternGrants {
        plane,
        matched,
        grants: Vec::new(),
    };
    if matched == 0 {
        return out;
    }
    let want = |p: Plane| match plane {
        Plane::CloudPc | Plane::Intune => p == plane || p == Plane::Entra,
        other => p == other,
    };
    let sizes = cat.builtin_sizes();
    let mut ranked = Vec::new();
    for (rr, r) in roles.all().filter(|(_, r)| want(r.plane())) {
        let Some(e) = roles.expansion(rr) else {
            continue;
        };
        let (all, conditional) = match &azure {
            Some(set) => {
                let mut held = e.granted.clone();
                held.union_with(&e.conditional);
                (set.is_subset(&held), !set.is_subset(&e.granted))
            }
            None => {
                let held = if plane == Plane::CloudPc {
                    &e.cloud_pc
                } else {
                    &e.intune
                };
                (listed.iter().all(|&i| held.contains(i)), false)
            }
        };
        if !all {
            continue;
        }
        let mut patterns = Vec::new();
        for b in &r.blocks {
            let (grants, exclusions) = b.for_plane(data);
            match &azure {
                Some(set) => {
                    let removed = ex.match_set(exclusions, data);
                    for g in grants {
                        let mut m = ex.match_set(std::slice::from_ref(g), data);
                        m.intersect_with(set);
                        m.subtract(&removed);
                        if !m.is_empty() && !patterns.contains(&g.as_str().to_string()) {
                            patterns.push(g.as_str().to_string());
                        }
                    }
                }
                None => {
                    for g in grants {
                        let grants_one = listed_lower.iter().any(|n| {
                            g.matches_lower(n) && !exclusions.iter().any(|x| x.matches_lower(n))
                        });
                        if grants_one && !patterns.contains(&g.as_str().to_string()) {
                            patterns.push(g.as_str().to_string());
                        }
                    }
                }
            }
        }
        let (size, builtin) = match rr {
            RoleRef::Builtin(i) => (sizes.get(i).copied().unwrap_or(0), true),
            RoleRef::Custom(_) => (
                e.granted.count() + e.cloud_pc.count() + e.intune.count(),
                false,
            ),
        };
        ranked.push((
            standing(roles, rr, r, size),
            Grant {
                role: r.name.clone(),
                id: r.id.clone(),
                plane: r.plane(),
                builtin,
                through_wildcard: patterns.iter().all(|p| p.contains('*')),
                patterns,
                conditional,
                size,
                assignable_only_at: assignable_only_at(r, builtin),
                service_role: builtin && crate::roleset::is_service_role(r),
            },
        ));
    }
    out.grants = least_first(ranked);
    out
}

/// The plane of the operations catalog a pattern matches entries on, when it matches
/// entries on exactly one: `Some(true)` for data actions only, `Some(false)` for
/// control-plane actions only (as [`crate::evaluate::catalog_plane`] for a name).
pub fn pattern_plane(catalog: &Catalog, pattern: &ActionPattern) -> Option<bool> {
    let mut ex = Expander::new(catalog);
    let one = std::slice::from_ref(pattern);
    match (
        ex.match_set(one, false).is_empty(),
        ex.match_set(one, true).is_empty(),
    ) {
        (false, true) => Some(false),
        (true, false) => Some(true),
        _ => None,
    }
}

/// How much of what a pattern matches each role grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// Role name.
    pub role: String,
    /// Role id.
    pub id: String,
    /// Operations of the pattern the role grants.
    pub covered: usize,
    /// Operations the pattern matches.
    pub total: usize,
}

/// Built-in Azure roles granting any operation a pattern matches, most coverage first.
pub fn who_covers(catalog: &Catalog, pattern: &ActionPattern, data: bool) -> Vec<Coverage> {
    let set = Expander::new(catalog).match_set(std::slice::from_ref(pattern), data);
    let total = set.count();
    let mut out: Vec<Coverage> = catalog
        .roles
        .iter()
        .zip(catalog.builtin_expansions())
        .filter(|(r, _)| r.plane() == Plane::Azure)
        .filter_map(|(r, e)| {
            let covered = e.granted.intersection_count(&set);
            (covered > 0).then(|| Coverage {
                role: r.name.clone(),
                id: r.id.clone(),
                covered,
                total,
            })
        })
        .collect();
    crate::order::sort_by(&mut out, |a, b| {
        b.covered.cmp(&a.covered).then_with(|| a.role.cmp(&b.role))
    });
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// An outside review: `grants` listed no role for an Entra resource action
    /// `eval` allowed, and listed roles for a retired Cloud PC permission `eval`
    /// denies.
    #[test]
    fn entra_actions_are_granted_as_eval_reads_them_and_retired_ones_by_no_role() {
        let cat = crate::bundle::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        let names = |v: Vec<Grant>| v.into_iter().map(|g| g.role).collect::<Vec<_>>();
        let mut bitlocker = names(who_grants(
            &set,
            "microsoft.directory/bitlockerKeys/key/read",
            false,
        ));
        bitlocker.sort();
        assert_eq!(
            bitlocker,
            [
                "Cloud Device Administrator",
                "Global Administrator",
                "Global Reader",
                "Intune Administrator"
            ]
        );
        // Through every task of its entity, as `eval` reads it.
        let g = who_grants(&set, "microsoft.directory/groups/members/update", false);
        let ga = g.iter().find(|g| g.role == "Global Administrator").unwrap();
        assert!(
            ga.through_wildcard
                && ga.patterns == ["microsoft.directory/groups/allProperties/allTasks"]
        );
        assert!(g
            .iter()
            .any(|g| g.role == "Groups Administrator" && !g.through_wildcard));
        // A sub-entity's permission through its parent entity's (a second review:
        // Global Administrator was denied `groups.security/members/update`).
        let sec = names(who_grants(
            &set,
            "microsoft.directory/groups.security/members/update",
            false,
        ));
        for r in [
            "Global Administrator",
            "Groups Administrator",
            "User Administrator",
            "Windows 365 Administrator",
        ] {
            assert!(sec.iter().any(|x| x == r), "{r}: {sec:?}");
        }
        use crate::evaluate::{entra_matches, entra_via_parent};
        assert!(entra_via_parent(
            "microsoft.directory/groups/members/update",
            "microsoft.directory/groups.security/members/update"
        ));
        assert!(!entra_matches(
            "microsoft.directory/groups.security/members/update",
            "microsoft.directory/groups/members/update"
        ));
        assert!(!entra_matches(
            "microsoft.directory/groups/members/update",
            "microsoft.directory/groupsAssignableToRoles/members/update"
        ));
        assert!(!entra_matches(
            "microsoft.directory/groups/members/update",
            "microsoft.directory/groups.security/owners/update"
        ));
        assert!(who_grants(&set, "Microsoft.CloudPC/Reports/Export", false).is_empty());
        assert!(!who_grants(&set, "Microsoft.CloudPC/CloudPCs/Reboot", false).is_empty());
    }

    #[test]
    fn the_provider_index_keeps_the_roles_a_test_of_each_role_keeps_in_order() {
        let cat = crate::bundle::catalog().unwrap();
        let index = ProviderIndex::of(&cat.roles);
        let each: Vec<Providers> = cat.roles.iter().map(Providers::of).collect();
        let mut providers: Vec<String> = each.iter().flat_map(|p| p.names.clone()).collect();
        providers.sort_unstable();
        providers.dedup();
        assert!(providers.len() > 200, "{}", providers.len());
        providers.extend(["", "nothing", "microsoft.networ", "zzz"].map(String::from));
        for p in &providers {
            let naive: Vec<usize> = (0..each.len())
                .filter(|&i| each[i].any || each[i].names.iter().any(|n| n == p))
                .collect();
            assert_eq!(index.may_grant(p), naive, "{p}");
        }
    }

    #[test]
    fn the_quick_provider_test_leaves_out_no_role_that_grants() {
        let cat = crate::bundle::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        let mut actions: Vec<String> = (0..cat.operations.len())
            .step_by(97)
            .map(|i| cat.operations.name(i).to_string())
            .collect();
        actions.extend(
            [
                "Microsoft.Network/networkIn",
                "microsoft.compute/virtualmachines/read",
                "Microsoft.Authorization/roleAssignments/write",
                "CloudPCs/Reboot",
                "Microsoft.CloudPC/CloudPCs/Reboot",
                "ManagedDevices/Read",
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
                "nothing/at/all",
                "a/b",
            ]
            .map(String::from),
        );
        let mut granted = 0;
        for a in &actions {
            for data in [false, true] {
                let ids = |v: Vec<Grant>| v.into_iter().map(|g| g.id).collect::<Vec<_>>();
                let quick = ids(who_grants_with(&set, a, data, true));
                assert_eq!(
                    quick,
                    ids(who_grants_with(&set, a, data, false)),
                    "{a} data {data}"
                );
                granted += quick.len();
            }
        }
        assert!(granted > 1000, "{granted}");
    }

    fn names(g: &[Grant]) -> Vec<&str> {
        g.iter().map(|g| g.role.as_str()).collect()
    }

    #[test]
    fn a_pattern_is_granted_by_roles_that_grant_all_it_matches_not_by_its_text() {
        let cat = crate::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        for pattern in [
            "*",
            "Microsoft.Authorization/*",
            "Microsoft.Authorization/roleAssignments/*",
        ] {
            let p = ActionPattern::new(pattern).unwrap();
            let found = who_grants_pattern(&set, &p, false);
            assert!(found.matched > 0, "{pattern}");
            let roles = names(&found.grants);
            // Contributor's NotActions remove roleAssignments/write and /delete.
            assert!(!roles.contains(&"Contributor"), "{pattern}: {roles:?}");
            assert!(roles.contains(&"Owner"), "{pattern}: {roles:?}");
            assert_eq!(names(&who_grants(&set, pattern, false)), roles);
        }
        let uaa = who_grants(&set, "Microsoft.Authorization/roleAssignments/*", false);
        let uaa = uaa
            .iter()
            .find(|g| g.role == "User Access Administrator")
            .unwrap();
        // Each of its patterns that grants part of it: `*/read` grants the read.
        assert_eq!(uaa.patterns, ["*/read", "Microsoft.Authorization/*"]);
        assert!(!uaa.conditional);
        // A concrete action is still answered as one action.
        let read = who_grants(&set, "Microsoft.Authorization/roleAssignments/read", false);
        assert!(names(&read).contains(&"Contributor"));
    }

    #[test]
    fn exclusions_keep_a_role_out_on_the_tenant_planes_too() {
        let cat = crate::catalog().unwrap();
        let custom = crate::import::import(
            r#"{"displayName": "Most Cloud PC", "description": "d", "rolePermissions": [{"allowedResourceActions": ["Microsoft.CloudPC/CloudPCs/*"], "excludedResourceActions": ["Microsoft.CloudPC/CloudPCs/Reboot"]}]}"#,
        )
        .unwrap()
        .remove(0)
        .role;
        let set = RoleSet::new(cat, vec![custom]);
        let p = ActionPattern::new("Microsoft.CloudPC/CloudPCs/*").unwrap();
        let found = who_grants_pattern(&set, &p, false);
        assert_eq!(found.plane, Plane::CloudPc);
        assert!(found.matched > 1);
        assert!(!names(&found.grants).contains(&"Most Cloud PC"));
        assert!(names(&found.grants).contains(&"Windows 365 Administrator"));
        let p = ActionPattern::new("Microsoft.CloudPC/CloudPCs/Re*").unwrap();
        let narrow = who_grants_pattern(&set, &p, false);
        assert!(!names(&narrow.grants).contains(&"Most Cloud PC"));
        let p = ActionPattern::new("Microsoft.CloudPC/CloudPCs/Rename*").unwrap();
        let rename = who_grants_pattern(&set, &p, false);
        let mine = rename
            .grants
            .iter()
            .find(|g| g.role == "Most Cloud PC")
            .unwrap();
        assert_eq!(mine.patterns, ["Microsoft.CloudPC/CloudPCs/*"]);
    }

    #[test]
    fn a_pattern_that_matches_nothing_is_granted_by_no_role() {
        let cat = crate::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        let p = ActionPattern::new("Microsoft.NoSuchProvider/*").unwrap();
        let found = who_grants_pattern(&set, &p, false);
        assert_eq!((found.matched, found.grants.len()), (0, 0));
    }
}
