//! Compare roles by what they effectively grant: what only each grants, what all
//! grant, and for every pair whether one is contained in the other
//! ([`crate::containment`]).

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::Role;
use serde::Serialize;
use std::collections::HashMap;

/// The operations of two or more roles, set against each other. Every list holds
/// one plane: Azure actions, Azure data actions, Cloud PC and Intune permissions.
///
/// A grant under a condition is its own grant, the condition part of it (as in
/// [`crate::containment`]): an Azure operation one role grants under a condition is
/// only that role's unless another grants it outright or under the same
/// conditions, and it is common only when every role grants it outright, or every
/// role under the same conditions. So the lists agree with each pair's counts, and
/// `totals` count what the lists are drawn from (outright and conditional grants).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Role names, in the order given.
    pub roles: Vec<String>,
    /// Per role: Azure control-plane actions only that role grants (outright, or
    /// under a condition no other role grants it under: see `onlyConditional`).
    pub only: Vec<Vec<String>>,
    /// Per role: Azure data actions only that role grants.
    pub only_data_actions: Vec<Vec<String>>,
    /// Per role: the entries of its `only` and `onlyDataActions` it grants only
    /// under a condition.
    pub only_conditional: Vec<Vec<String>>,
    /// Azure control-plane actions every role grants alike (outright, or all under
    /// the same conditions).
    pub common: Vec<String>,
    /// Azure data actions every role grants alike.
    pub common_data_actions: Vec<String>,
    /// The entries of `common` and `commonDataActions` every role grants only under
    /// a condition (the same conditions in every role).
    pub common_conditional: Vec<String>,
    /// Azure operations two or more roles grant only under a condition, under
    /// conditions that differ: listed in those roles' `only` lists, never in `common`.
    pub conditions_differ: Vec<String>,
    /// Per role: Cloud PC permissions only that role grants.
    pub only_cloud_pc: Vec<Vec<String>>,
    /// Cloud PC permissions every role grants.
    pub common_cloud_pc: Vec<String>,
    /// Per role: Intune permissions only that role grants.
    pub only_intune: Vec<Vec<String>>,
    /// Intune permissions every role grants.
    pub common_intune: Vec<String>,
    /// Per role: total Azure operations (both planes, outright or under a
    /// condition) and Cloud PC permissions granted.
    pub totals: Vec<(usize, usize)>,
    /// Per role: how many of its total Azure operations it grants only under a
    /// condition.
    pub conditional_totals: Vec<usize>,
    /// Per role: total Intune permissions granted.
    pub intune_totals: Vec<usize>,
    /// Per role: the Cloud PC permissions (names as in the Cloud PC lists) and
    /// Intune permissions (Graph names) it grants that no current role or table
    /// holds ([`crate::observed::not_current`]); the lists and totals above
    /// include them.
    pub not_current: Vec<Vec<String>>,
    /// Per role: for each entry of `not_current`, whether the role names it
    /// exactly (listed, as a dated built-in version lists it) rather than through
    /// a wildcard; empty until [`note_listed`] is given the roles.
    #[serde(skip)]
    pub not_current_listed: Vec<Vec<bool>>,
    /// Per role: catalog indexes of the Azure operations (both planes) only it grants.
    #[serde(skip)]
    pub only_ops: Vec<Vec<usize>>,
    /// Catalog indexes of the Azure operations (both planes) every role grants.
    #[serde(skip)]
    pub common_ops: Vec<usize>,
    /// Per role: exact Azure actions (and data actions) outside the operations
    /// catalog that only that role grants, by text (names as written; empty lists
    /// when no role grants such an action). Give [`compare`] the expansions of
    /// [`crate::expand::with_outside_covered`] so that a wildcard of another role
    /// counts.
    #[serde(skip_serializing_if = "all_empty")]
    pub only_not_in_catalog: Vec<Vec<String>>,
    /// Such actions every role grants alike.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub common_not_in_catalog: Vec<String>,
    /// Per role: the Microsoft Entra resource actions only it grants (no other
    /// role's action covers them, `allTasks` forms included, as the pairs count
    /// them); empty lists when no role holds one.
    #[serde(skip_serializing_if = "all_empty")]
    pub only_entra: Vec<Vec<String>>,
    /// The Entra actions of the first role every other role covers; `None` (left
    /// out) when no role holds one, as `only_entra` is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_entra: Option<Vec<String>>,
    /// Every pair of roles in input order ((0, 1), (0, 2), ..., (1, 2), ...): equal,
    /// contained one in the other, overlapping or disjoint, with what breaks it.
    pub pairs: Vec<crate::containment::Pair>,
}

impl Comparison {
    /// How many Azure operations (both planes) only role `i` grants, those
    /// outside the catalog included.
    pub fn only_azure_count(&self, i: usize) -> usize {
        self.only_ops.get(i).map_or(0, Vec::len)
            + self.only_not_in_catalog.get(i).map_or(0, Vec::len)
    }
}

fn all_empty(v: &[Vec<String>]) -> bool {
    v.iter().all(Vec::is_empty)
}

/// The actions outside the catalog role `i` grants that no other role covers.
fn only_outside<'e>(i: usize, ex: &[&'e Expansion]) -> Vec<&'e crate::expand::Outside> {
    ex[i]
        .outside
        .iter()
        .filter(|x| {
            !ex.iter()
                .enumerate()
                .any(|(j, o)| j != i && o.outside.iter().any(|y| x.covered_by(y)))
        })
        .collect()
}

/// What role `i` grants (outright or under a condition) that no other role grants
/// as it does: an outright grant is covered only by another outright one, a
/// conditional one also by a grant under the same conditions.
fn only_azure(i: usize, ex: &[&Expansion]) -> BitSet {
    let mine = ex[i];
    let mut s = mine.granted.clone();
    s.union_with(&mine.conditional);
    for (j, other) in ex.iter().enumerate() {
        if j == i {
            continue;
        }
        s.subtract(&other.granted);
        if !mine.conditional.is_empty() && !other.conditional.is_empty() {
            let mut alike = mine.conditional.clone();
            alike.intersect_with(&other.conditional);
            alike.subtract(&mine.conditions_differ(other));
            s.subtract(&alike);
        }
    }
    s
}

/// What every role grants alike: outright by all, or by all under the same
/// conditions (as a pair's `common` counts it).
fn common_azure(ex: &[&Expansion]) -> BitSet {
    let outright: Vec<&BitSet> = ex.iter().map(|e| &e.granted).collect();
    let mut s = common(&outright);
    let conditional: Vec<&BitSet> = ex.iter().map(|e| &e.conditional).collect();
    let mut cond = common(&conditional);
    if let Some(first) = ex.first() {
        for other in &ex[1..] {
            cond.subtract(&first.conditions_differ(other));
        }
    }
    s.union_with(&cond);
    s
}

fn only_in(i: usize, sets: &[&BitSet]) -> BitSet {
    let mut s = sets[i].clone();
    for (j, other) in sets.iter().enumerate() {
        if j != i {
            s.subtract(other);
        }
    }
    s
}

fn common(sets: &[&BitSet]) -> BitSet {
    let mut s = sets[0].clone();
    for o in &sets[1..] {
        s.intersect_with(o);
    }
    s
}

/// Compare expansions (at least one).
pub fn compare(catalog: &Catalog, names: &[String], ex: &[&Expansion]) -> Comparison {
    if ex.is_empty() {
        return Comparison::default();
    }
    let cpc: Vec<&BitSet> = ex.iter().map(|e| &e.cloud_pc).collect();
    let itn: Vec<&BitSet> = ex.iter().map(|e| &e.intune).collect();
    let op_names = |s: &BitSet, data: bool| {
        s.iter()
            .filter(|&i| catalog.operations.is_data(i) == data)
            .map(|i| catalog.operations.name(i).to_string())
            .collect::<Vec<_>>()
    };
    let perm_names = |s: &BitSet| {
        s.iter()
            .filter_map(|i| catalog.windows365.permissions.get(i))
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    let intune_names = |s: &BitSet| {
        s.iter()
            .filter_map(|i| catalog.intune.permissions.get(i))
            .map(|p| p.graph.clone())
            .collect::<Vec<_>>()
    };
    let only_sets: Vec<BitSet> = (0..ex.len()).map(|i| only_azure(i, ex)).collect();
    let common_set = common_azure(ex);
    let all_names = |s: &BitSet| {
        s.iter()
            .map(|i| catalog.operations.name(i).to_string())
            .collect::<Vec<_>>()
    };
    let within = |s: &BitSet, t: &BitSet| {
        let mut x = s.clone();
        x.intersect_with(t);
        x
    };
    let mut differ = BitSet::new(catalog.operations.len());
    for (i, a) in ex.iter().enumerate() {
        for b in &ex[i + 1..] {
            differ.union_with(&a.conditions_differ(b));
        }
    }
    Comparison {
        roles: names.to_vec(),
        only: only_sets.iter().map(|s| op_names(s, false)).collect(),
        only_data_actions: only_sets.iter().map(|s| op_names(s, true)).collect(),
        only_conditional: only_sets
            .iter()
            .zip(ex)
            .enumerate()
            .map(|(i, (s, e))| {
                let mut v = all_names(&within(s, &e.conditional));
                v.extend(
                    only_outside(i, ex)
                        .into_iter()
                        .filter(|x| x.conditional)
                        .map(|x| x.name.clone()),
                );
                v
            })
            .collect(),
        common: op_names(&common_set, false),
        common_data_actions: op_names(&common_set, true),
        common_conditional: ex
            .first()
            .map(|e| all_names(&within(&common_set, &e.conditional)))
            .unwrap_or_default(),
        conditions_differ: all_names(&differ),
        only_ops: only_sets.iter().map(|s| s.iter().collect()).collect(),
        common_ops: common_set.iter().collect(),
        only_cloud_pc: (0..ex.len())
            .map(|i| perm_names(&only_in(i, &cpc)))
            .collect(),
        common_cloud_pc: perm_names(&common(&cpc)),
        only_intune: (0..ex.len())
            .map(|i| intune_names(&only_in(i, &itn)))
            .collect(),
        common_intune: intune_names(&common(&itn)),
        totals: ex
            .iter()
            .map(|e| {
                (
                    e.granted.count() + e.conditional.count() + e.outside.len(),
                    e.cloud_pc.count(),
                )
            })
            .collect(),
        conditional_totals: ex
            .iter()
            .map(|e| e.conditional.count() + e.outside.iter().filter(|x| x.conditional).count())
            .collect(),
        intune_totals: ex.iter().map(|e| e.intune.count()).collect(),
        not_current: ex.iter().map(|e| retired(catalog, e)).collect(),
        not_current_listed: Vec::new(),
        only_not_in_catalog: if ex.iter().all(|e| e.outside.is_empty()) {
            Vec::new()
        } else {
            (0..ex.len())
                .map(|i| only_outside(i, ex).iter().map(|x| x.name.clone()).collect())
                .collect()
        },
        common_not_in_catalog: ex
            .first()
            .map(|first| {
                first
                    .outside
                    .iter()
                    .filter(|x| ex[1..].iter().all(|o| o.outside.iter().any(|y| y.alike(x))))
                    .map(|x| x.name.clone())
                    .collect()
            })
            .unwrap_or_default(),
        only_entra: if ex.iter().all(|e| e.entra.is_empty()) {
            Vec::new()
        } else {
            (0..ex.len())
                .map(|i| {
                    ex[i]
                        .entra
                        .iter()
                        .filter(|x| {
                            !ex.iter().enumerate().any(|(j, o)| {
                                j != i
                                    && o.entra.iter().any(|g| crate::evaluate::entra_matches(g, x))
                            })
                        })
                        .cloned()
                        .collect()
                })
                .collect()
        },
        // Every role's actions that all the others hold too, whatever the order
        // (a second site review: with Global Administrator first, Windows 365
        // Administrator's `devices/create`, which Global Administrator's
        // `devices/allProperties/allTasks` covers, was in no list at all).
        common_entra: ex
            .first()
            .filter(|_| ex.iter().any(|e| !e.entra.is_empty()))
            .map(|_| {
                let mut common: Vec<String> = Vec::new();
                for (i, e) in ex.iter().enumerate() {
                    for x in &e.entra {
                        let all = ex.iter().enumerate().all(|(j, o)| {
                            j == i || o.entra.iter().any(|g| crate::evaluate::entra_matches(g, x))
                        });
                        if all && !common.iter().any(|c| c.eq_ignore_ascii_case(x)) {
                            common.push(x.clone());
                        }
                    }
                }
                crate::order::sort(&mut common);
                common
            }),
        pairs: crate::containment::pairs(catalog, names, ex),
    }
}

/// Compare roles: [`compare`] on their expansions once the exact actions outside
/// the catalog that any of them grants are read against each one's patterns
/// ([`crate::expand::with_outside_covered`]). `roles` and `ex` are in the same order.
pub fn compare_roles(
    catalog: &Catalog,
    names: &[String],
    roles: &[&Role],
    ex: &[&Expansion],
) -> Comparison {
    if roles.len() != ex.len() {
        return compare(catalog, names, ex);
    }
    // A Cloud PC, Intune or Entra role's grants under a condition are compared as
    // not granted outright (an outside review: a role granting under a condition
    // what another grants outright was "equal" to it); `condition_caveat` says so.
    let outright: Vec<Option<Expansion>> = roles
        .iter()
        .zip(ex)
        .map(|(r, e)| {
            crate::expand::tenant_outright(catalog, r).map(|plain| Expansion {
                cloud_pc: plain.cloud_pc,
                intune: plain.intune,
                entra: plain.entra,
                ..(*e).clone()
            })
        })
        .collect();
    let ex: Vec<&Expansion> = outright
        .iter()
        .zip(ex)
        .map(|(o, e)| o.as_ref().unwrap_or(e))
        .collect();
    let ex = ex.as_slice();
    let mut c = match crate::expand::with_outside_covered(roles, ex) {
        Some(covered) => compare(catalog, names, &covered.iter().collect::<Vec<_>>()),
        None => compare(catalog, names, ex),
    };
    respell_entra(&mut c, roles);
    c
}

/// Name the Entra resource actions as the roles write them (Graph's
/// `microsoft.azure.supportTickets/allEntities/allTasks`): expansions hold them
/// in lowercase to compare them, and an outside review found the lowercase
/// names could not be pasted back as written.
fn respell_entra(c: &mut Comparison, roles: &[&Role]) {
    let mut spelt: HashMap<String, &str> = HashMap::new();
    for a in roles.iter().flat_map(|r| r.entra_actions.iter()) {
        spelt
            .entry(a.action.to_ascii_lowercase())
            .or_insert(a.action.as_str());
    }
    let respell = |x: &mut String| {
        if let Some(s) = spelt.get(x.as_str()) {
            *x = (*s).to_string();
        }
    };
    c.only_entra.iter_mut().flatten().for_each(&respell);
    c.common_entra.iter_mut().flatten().for_each(&respell);
    c.pairs
        .iter_mut()
        .flat_map(|p| p.breaking.iter_mut())
        .filter(|b| b.kind == crate::containment::GrantKind::Entra)
        .for_each(|b| respell(&mut b.operation));
}

/// A note when the compared roles grant exact actions the catalog does not list:
/// they are compared by text, and named in `onlyNotInCatalog` /
/// `commonNotInCatalog`.
pub fn outside_caveat(c: &Comparison) -> Option<String> {
    let n =
        c.only_not_in_catalog.iter().map(Vec::len).sum::<usize>() + c.common_not_in_catalog.len();
    (n > 0).then(|| {
        format!(
            "{} exact action(s) granted here are not in the operations catalog (a role names them, the providers' operation lists do not): compared by name, as `eval` matches them, each role's wildcards included; listed in `onlyNotInCatalog` and `commonNotInCatalog`, and counted in the pairs and totals",
            crate::text::thousands(n)
        )
    })
}

/// The retired permissions an expansion holds, named as the comparison's lists
/// name them.
fn retired(catalog: &Catalog, e: &Expansion) -> Vec<String> {
    let (cloud_pc, intune) = crate::observed::retired_held(catalog, e);
    cloud_pc
        .into_iter()
        .map(|p| p.name.clone())
        .chain(intune.into_iter().map(|p| p.graph.clone()))
        .collect()
}

/// Say, for each retired permission of the comparison, whether its role lists it
/// by name (a Cloud PC or Intune action written out, as a dated version of a
/// built-in role lists it) or grants it through a wildcard. `roles` are the
/// compared roles in the comparison's order; when their number differs, nothing
/// is noted and [`retired_caveat`] says "listed or matched".
pub fn note_listed(catalog: &Catalog, c: &mut Comparison, roles: &[&Role]) {
    if roles.len() != c.not_current.len() {
        return;
    }
    c.not_current_listed = roles
        .iter()
        .zip(&c.not_current)
        .map(|(role, names)| {
            names
                .iter()
                .map(|name| {
                    let graph = catalog
                        .windows365
                        .permission(name)
                        .map_or(name.as_str(), |(_, p)| p.graph.as_str());
                    role.blocks.iter().any(|b| {
                        b.actions
                            .iter()
                            .any(|a| !a.is_wildcard() && a.as_str().eq_ignore_ascii_case(graph))
                    })
                })
                .collect()
        })
        .collect();
}

/// A note for a comparison whose roles grant retired permissions: the lists and
/// totals count them, and which they are, each said listed by name in its role or
/// granted because a pattern matches its name (when [`note_listed`] was given the
/// roles; else "listed or matched"). `None` when no role grants one.
pub fn retired_caveat(c: &Comparison) -> Option<String> {
    let held: Vec<String> = c
        .roles
        .iter()
        .enumerate()
        .zip(&c.not_current)
        .filter(|(_, v)| !v.is_empty())
        .map(|((i, r), v)| {
            let how = match c.not_current_listed.get(i) {
                Some(listed) if listed.len() == v.len() => {
                    let pick = |want: bool| -> Vec<&str> {
                        v.iter()
                            .zip(listed)
                            .filter(|(_, l)| **l == want)
                            .map(|(n, _)| n.as_str())
                            .collect()
                    };
                    let (by_name, by_pattern) = (pick(true), pick(false));
                    let mut parts = Vec::new();
                    if !by_name.is_empty() {
                        parts.push(format!(
                            "listed by name in the role: {}",
                            by_name.join(", ")
                        ));
                    }
                    if !by_pattern.is_empty() {
                        parts.push(format!(
                            "matched by a pattern's text, which grants nothing (as `eval` answers): {}",
                            by_pattern.join(", ")
                        ));
                    }
                    parts.join("; ")
                }
                _ => format!(
                    "listed in the role or matched by a pattern: {}",
                    v.join(", ")
                ),
            };
            format!("`{r}` {} ({how})", v.len())
        })
        .collect();
    (!held.is_empty()).then(|| {
        format!(
            "the Cloud PC and Intune lists and `totals` include permissions that no current built-in role or permission table holds (retired, or never in a built-in role as Graph returns it; `notCurrent`): {}",
            held.join("; ")
        )
    })
}

/// A caveat for Entra permissions on a sub-entity (`groups.security/create`) that
/// a role holds and another covers only through a permission on the parent entity
/// (`groups/allProperties/allTasks`): the comparison reads the parent's as
/// covering it, as `eval` does ([`crate::evaluate::entra_via_parent`]), which is
/// inferred, and says so. `roles` are the compared roles in the comparison's
/// order; `None` when no such pair is found.
pub fn entra_subentity_caveat(c: &Comparison, roles: &[&Role]) -> Option<String> {
    if roles.len() != c.only_entra.len() {
        return None;
    }
    let mut pairs: Vec<String> = Vec::new();
    let mut n = 0usize;
    for (i, r) in roles.iter().enumerate() {
        for x in &r.entra_actions {
            let direct = |j: usize, o: &&Role| {
                j != i
                    && o.entra_actions.iter().any(|g| {
                        crate::evaluate::entra_matches(&g.action, &x.action)
                            && !crate::evaluate::entra_via_parent(&g.action, &x.action)
                    })
            };
            if roles.iter().enumerate().any(|(j, o)| direct(j, o)) {
                continue;
            }
            let holder = roles.iter().enumerate().find_map(|(j, o)| {
                (j != i).then_some(())?;
                o.entra_actions
                    .iter()
                    .find(|g| crate::evaluate::entra_via_parent(&g.action, &x.action))
                    .map(|g| (o.name.as_str(), g.action.as_str()))
            });
            if let Some((who, g)) = holder {
                n += 1;
                if pairs.len() < 3 {
                    pairs.push(format!("`{}` through {who}'s `{g}`", x.action));
                }
            }
        }
    }
    (n > 0).then(|| {
        format!(
            "{n} Entra permission(s) on a sub-entity are counted as held through a permission on the parent entity ({}{}): inferred, as `eval` reads them (Microsoft describes the `groups` entity's permissions as for \"Security groups and Microsoft 365 groups\", and `groups.security`'s as for Security groups); no source this tool holds says so for every entity",
            pairs.join("; "),
            if n > pairs.len() { "; …" } else { "" }
        )
    })
}

/// A caveat for a compared Cloud PC, Intune or Entra role with a block under a
/// condition: the comparison's lists hold what such a block names as granted,
/// while `eval`, `operations` and `remote-actions` answer it conditional (an
/// outside review: the condition was dropped without a word). Azure roles are
/// not named here: their conditional operations are kept apart in the lists.
pub fn condition_caveat(roles: &[&Role]) -> Option<String> {
    let named: Vec<String> = roles
        .iter()
        .filter(|r| r.plane() != crate::model::Plane::Azure)
        .filter_map(|r| {
            let c = r.blocks.iter().find_map(|b| b.condition.as_ref())?;
            Some(format!(
                "{} (`{}`)",
                r.name,
                crate::text::excerpt(c.as_str())
            ))
        })
        .collect();
    (!named.is_empty()).then(|| {
        format!(
            "{} grant{} permissions only under a condition, which no offline tool decides: {}; what a block under a condition grants is compared, listed and counted here only where another block of the role grants it outright (`eval`, `operations` and `remote-actions` answer it conditional, `expand` lists it under `conditionalActions`)",
            if named.len() == 1 { "1 role" } else { "these roles" },
            if named.len() == 1 { "s" } else { "" },
            named.join("; ")
        )
    })
}

/// Most wildcards named per role in [`wildcard_caveat`]; the rest are counted.
const WILDCARDS_NAMED: usize = 5;

/// A pattern's lowercase form (what compares) and its first spelling (what is shown).
type Spelled = (String, String);

/// A caveat for a comparison of roles whose wildcards differ: what they grant is
/// set against each other in the bundled operations catalog, and a wildcard also
/// grants what its provider adds later, which exact names (or another wildcard) do
/// not; so `equal` or a containment holds for today's catalog only. Every role's
/// wildcards are named (roles with the same ones together, as written in the first
/// of them, at most [`WILDCARDS_NAMED`] each), and roles without one are named too
/// (review F1 L5: only the first role's were). `None` when no role has a wildcard,
/// or all have the same ones.
pub fn wildcard_caveat(catalog: &Catalog, roles: &[&Role]) -> Option<String> {
    // Per role: its wildcards (Actions and DataActions) as written, first spelling
    // of each, sorted by their lowercase form, which also decides sameness.
    let wildcards = |r: &Role| -> Vec<Spelled> {
        let mut v: Vec<Spelled> = r
            .blocks
            .iter()
            .flat_map(|b| b.actions.iter().chain(&b.data_actions))
            .filter(|p| p.is_wildcard())
            .map(|p| (p.lower().to_string(), p.as_str().to_string()))
            .collect();
        crate::order::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        v
    };
    let all: Vec<Vec<Spelled>> = roles.iter().map(|r| wildcards(r)).collect();
    let first = all.first()?;
    let same = |a: &[Spelled], b: &[Spelled]| {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
    };
    if all.iter().all(|w| same(w, first)) {
        return None;
    }
    // Roles with the same wildcards, in the order they are first given.
    let mut groups: Vec<(&[Spelled], Vec<&str>)> = Vec::new();
    for (r, w) in roles.iter().zip(&all) {
        match groups.iter_mut().find(|(g, _)| same(g, w)) {
            Some((_, names)) => {
                if !names.contains(&r.name.as_str()) {
                    names.push(&r.name);
                }
            }
            None => groups.push((w, vec![r.name.as_str()])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(w, names)| {
            let names = and_list(&names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>());
            if w.is_empty() {
                return format!("none in {names}");
            }
            let mut shown: Vec<String> = w
                .iter()
                .take(WILDCARDS_NAMED)
                .map(|(_, p)| format!("`{p}`"))
                .collect();
            if w.len() > WILDCARDS_NAMED {
                shown.push(format!("{} more", w.len() - WILDCARDS_NAMED));
            }
            format!("{} in {names}", and_list(&shown))
        })
        .collect();
    Some(format!(
        "compared in the operations catalog of {}: the roles' wildcards differ ({}), and a wildcard also grants operations its provider adds later, so a relation that holds today (`equal`, `aInB`, `bInA`) may not hold then",
        catalog.manifest.data_date,
        parts.join("; ")
    ))
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    fn roles(names: &[&str]) -> Vec<&'static Role> {
        let cat = crate::catalog().unwrap();
        names.iter().map(|n| cat.role(n).unwrap().1).collect()
    }

    /// Review i2 F8: a retired permission a role lists by name is said listed; one
    /// a wildcard matches is said matched by a pattern.
    #[test]
    fn the_retired_caveat_says_listed_or_matched() {
        let cat = crate::catalog().unwrap();
        let dated =
            crate::observed::version_as_of(cat, "Cloud PC Administrator", "2023-05-18").unwrap();
        let w365 = cat.role("Windows 365 Administrator").unwrap().1;
        let mut expander = crate::expand::Expander::new(cat);
        let ex = [expander.expand(&dated), expander.expand(w365)];
        let names = ["old".to_string(), "w365".to_string()];
        let mut c = compare(cat, &names, &[&ex[0], &ex[1]]);
        assert_eq!(c.not_current[0], ["Reports/Export"]);
        let unknown = retired_caveat(&c).unwrap();
        assert!(
            unknown
                .contains("`old` 1 (listed in the role or matched by a pattern: Reports/Export)"),
            "{unknown}"
        );
        note_listed(cat, &mut c, &[&dated, w365]);
        let note = retired_caveat(&c).unwrap();
        assert!(
            note.contains("`old` 1 (listed by name in the role: Reports/Export)"),
            "{note}"
        );
        assert!(
            note.contains(
                "`w365` 3 (matched by a pattern's text, which grants nothing (as `eval` answers): Reports/Export"
            ),
            "{note}"
        );
        // Roles that do not match the comparison are not guessed at.
        note_listed(cat, &mut c, &[&dated]);
        assert_eq!(c.not_current_listed.len(), 2);
    }

    /// Every role's wildcards are named, grouped, and roles without one too
    /// (review F1 L5: only `*` in the first role was).
    /// An outside review: a Cloud PC role's condition was dropped by compare.
    #[test]
    fn a_tenant_role_under_a_condition_is_named_and_an_azure_one_is_not() {
        let text = r#"[{"displayName":"CpcCond","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/*"],"condition":"@Resource[Microsoft.CloudPC/CloudPCs/Tag] StringEquals 'x'"}]},
            {"roleName":"AzCond","permissions":[{"dataActions":["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],"condition":"@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'c'","conditionVersion":"2.0"}],"assignableScopes":["/"]}]"#;
        let roles: Vec<Role> = crate::import::import(text)
            .unwrap()
            .into_iter()
            .map(|r| r.role)
            .collect();
        let refs: Vec<&Role> = roles.iter().collect();
        let note = condition_caveat(&refs).unwrap();
        assert!(note.starts_with("1 role grants"), "{note}");
        assert!(
            note.contains("CpcCond (`@Resource[Microsoft.CloudPC/CloudPCs/Tag]"),
            "{note}"
        );
        assert!(!note.contains("AzCond"), "{note}");
        assert_eq!(condition_caveat(&refs[1..]), None);
        // Compared with the same permissions granted outright: contained, never
        // equal (an outside review).
        let cat = crate::catalog().unwrap();
        let plain = crate::import::import(
            r#"{"displayName":"CpcPlain","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/*"]}]}"#,
        )
        .unwrap()
        .remove(0)
        .role;
        let pair = [&roles[0], &plain];
        let mut ex = crate::expand::Expander::new(cat);
        let e: Vec<Expansion> = pair.iter().map(|r| ex.expand(r)).collect();
        let c = compare_roles(
            cat,
            &["CpcCond".into(), "CpcPlain".into()],
            &pair,
            &e.iter().collect::<Vec<_>>(),
        );
        assert_eq!(c.pairs[0].relation, crate::containment::Relation::AInB);
        assert_eq!(c.totals[0].1, 0);
    }

    #[test]
    fn the_wildcard_caveat_names_every_role_s_wildcards() {
        let cat = crate::catalog().unwrap();
        let note = wildcard_caveat(
            cat,
            &roles(&[
                "Contributor",
                "Owner",
                "Storage Blob Data Owner",
                "Service Group Contributor",
            ]),
        )
        .unwrap();
        assert!(
            note.contains("(`*` in `Contributor`, `Owner` and `Service Group Contributor`; `Microsoft.Storage/storageAccounts/blobServices/containers/*` and `Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*` in `Storage Blob Data Owner`)"),
            "{note}"
        );
        let note = wildcard_caveat(cat, &roles(&["Reader", "Windows 365 Network User"])).unwrap();
        assert!(
            note.contains("(`*/read` in `Reader`; none in `Windows 365 Network User`)"),
            "{note}"
        );
        // The same wildcards: no caveat.
        assert_eq!(
            wildcard_caveat(cat, &roles(&["Owner", "Contributor"])),
            None
        );
    }

    #[test]
    fn lists_read_as_prose() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }
}
