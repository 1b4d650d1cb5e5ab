//! Reverse lookup: which roles grant an action or a pattern, and through which of
//! their patterns.

use crate::bundle::Catalog;
use crate::evaluate::detect_plane;
use crate::expand::Expander;
use crate::model::{Plane, Role};
use crate::pattern::ActionPattern;
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
    })
}

/// Every role (supplied and built-in) that grants `action`, smallest first.
pub fn who_grants(roles: &RoleSet<'_>, action: &str, data: bool) -> Vec<Grant> {
    let cat = roles.catalog();
    let plane = detect_plane(cat, action);
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
    let mut out: Vec<Grant> = roles
        .all()
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
            Some(g)
        })
        .collect();
    out.sort_by(|a, b| a.size.cmp(&b.size).then_with(|| a.role.cmp(&b.role)));
    out
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
    out.sort_by(|a, b| b.covered.cmp(&a.covered).then_with(|| a.role.cmp(&b.role)));
    out
}
