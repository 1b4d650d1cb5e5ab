//! The minimal custom role: from the operations wanted, the role with the fewest
//! lines that grants exactly them, each wildcard proved from the catalog.
//!
//! Azure roles (this file): a line is an exact operation name or a trailing
//! wildcard at a segment boundary (`Microsoft.Network/virtualNetworks/subnets/*`).
//! A wildcard is used only when every operation it matches in the catalog on its
//! plane is wanted and it matches at least two, so it adds nothing beyond the
//! wanted set as of the catalog's date; its proof lists those operations. (Every
//! future operation the provider adds under that prefix would also be granted: the
//! proof says so, and `exact_only` keeps to exact names.) Matches of trailing
//! wildcards at segment boundaries form a tree, and a prefix whose matches are all
//! wanted has only such prefixes below it, so taking, for every wanted operation,
//! its shortest such prefix (or its exact name when there is none) gives the fewest
//! lines of that form. Partial-segment and middle wildcards are never written:
//! Azure's documentation shows no partial-segment wildcard (`azure-rbac-semantics.md`
//! §9.1). Cost: each wanted operation tries at most one prefix per `/` of its name,
//! each prefix is decided once over its catalog range, so the work is bounded by
//! (segments × catalog size).
//!
//! Cloud PC and Intune roles for Windows 365 operations: [`operations`].

pub mod operations;

pub use operations::{for_operations, AlsoNeeded, OperationRoles};

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::expand::Expander;
use crate::lint::{self, Diagnostic};
use crate::model::{PermissionBlock, Plane, Role, RoleKind};
use crate::pattern::ActionPattern;
use serde::Serialize;
use std::collections::HashMap;

/// The assignable scope written when none is given: the all-zero subscription,
/// which lint reports as a placeholder to replace.
pub const PLACEHOLDER_SCOPE: &str = "/subscriptions/00000000-0000-0000-0000-000000000000";

/// How to build the role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The role's name (default: "Least privilege for N operations").
    pub name: Option<String>,
    /// Where it may be assigned (default: [`PLACEHOLDER_SCOPE`]).
    pub assignable_scopes: Vec<String>,
    /// Exact operation names only, never a wildcard.
    pub exact_only: bool,
}

/// Why a wildcard line grants nothing beyond the wanted set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    /// The claim, with the catalog's date.
    pub statement: String,
    /// Every catalog operation the wildcard matches on its plane (all wanted).
    pub matches: Vec<String>,
}

/// One line of the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// The pattern as written in the role.
    pub pattern: String,
    /// `actions` or `dataActions` (Azure); `actions` for Cloud PC and Intune roles.
    pub list: &'static str,
    /// Whether it is a wildcard.
    pub wildcard: bool,
    /// Wanted operations it grants.
    pub covers: usize,
    /// For a wildcard: the catalog operations it matches, every one wanted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<Proof>,
}

/// A minimal custom role with its lines, proofs and lint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinimalRole {
    /// The role, ready for Compose and export.
    #[serde(skip)]
    pub role: Role,
    /// Its name.
    pub name: String,
    /// Its plane.
    pub plane: Plane,
    /// Operations (or permissions) wanted.
    pub requested: usize,
    /// The lines, actions first, each list in catalog order.
    pub lines: Vec<Line>,
    /// How many lines are wildcards.
    pub wildcards: usize,
    /// What lint says of the role.
    pub diagnostics: Vec<Diagnostic>,
    /// No lint error and no Graph name that no source gives
    /// (`unverified-permission-name`): ready to export.
    pub lint_clean: bool,
}

/// What a list of actions or patterns selects: the wanted operations (both
/// planes, as catalog indexes) and the inputs that match nothing.
pub fn wanted(catalog: &Catalog, actions: &[(String, bool)]) -> (BitSet, Vec<String>) {
    let w = wanted_on_known_plane(catalog, actions);
    (w.want, w.unknown)
}

/// What [`wanted_on_known_plane`] selects.
#[derive(Debug, Clone)]
pub struct Wanted {
    /// The wanted operations (both planes, as catalog indexes).
    pub want: BitSet,
    /// The inputs that match nothing on either plane.
    pub unknown: Vec<String>,
    /// Asked as actions, known to the catalog only as data actions: taken as data
    /// actions.
    pub as_data_actions: Vec<String>,
    /// Asked as data actions, known to the catalog only as control-plane actions:
    /// taken as actions.
    pub as_actions: Vec<String>,
}

/// [`wanted`], where a name asked on one plane that the catalog knows only on the
/// other is taken on that one (as `eval` and `grants` say it is): an action known
/// only as a data action, or a data action known only as a control-plane action
/// (review i1 #4: `least --data-action Microsoft.Storage/storageAccounts/read`
/// called it unknown and left it out).
pub fn wanted_on_known_plane(catalog: &Catalog, actions: &[(String, bool)]) -> Wanted {
    let mut ex = Expander::new(catalog);
    let mut out = Wanted {
        want: BitSet::new(catalog.operations.len()),
        unknown: Vec::new(),
        as_data_actions: Vec::new(),
        as_actions: Vec::new(),
    };
    for (a, data) in actions {
        let Ok(p) = ActionPattern::new(a.trim()) else {
            out.unknown.push(a.clone());
            continue;
        };
        let mut set = ex.match_set(std::slice::from_ref(&p), *data);
        if set.is_empty() {
            set = ex.match_set(std::slice::from_ref(&p), !*data);
            if !set.is_empty() {
                if *data {
                    out.as_actions.push(a.clone());
                } else {
                    out.as_data_actions.push(a.clone());
                }
            }
        }
        if set.is_empty() {
            out.unknown.push(a.clone());
        }
        out.want.union_with(&set);
    }
    out
}

/// The minimal Azure custom role granting exactly `want` (catalog indexes, both
/// planes): see the module docs.
pub fn azure_role(catalog: &Catalog, want: &BitSet, options: &Options) -> MinimalRole {
    let ops = &catalog.operations;
    let requested = want.count();
    let mut lines = Vec::new();
    let mut block = PermissionBlock::default();
    let mut ex = Expander::new(catalog);
    for data in [false, true] {
        let mask = if data {
            ops.data_mask()
        } else {
            ops.control_mask()
        };
        let mut plane_want = want.clone();
        plane_want.intersect_with(mask);
        let list = if data { "dataActions" } else { "actions" };
        let mut pure: HashMap<String, bool> = HashMap::new();
        // (prefix length of the chosen wildcard, or 0 for the exact name) per op.
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for i in plane_want.iter() {
            let lower = ops.lower(i);
            let chosen = if options.exact_only {
                None
            } else {
                prefixes(lower).find(|p| {
                    *pure
                        .entry((*p).to_string())
                        .or_insert_with(|| is_pure(catalog, p, &plane_want, mask))
                })
            };
            match chosen {
                Some(p) => match groups.last_mut() {
                    Some((g, members)) if g == p => members.push(i),
                    _ => groups.push((p.to_string(), vec![i])),
                },
                None => groups.push((String::new(), vec![i])),
            }
        }
        for (prefix, members) in groups {
            let first = members.first().copied().unwrap_or(0);
            let line = if prefix.is_empty() {
                None
            } else {
                wildcard_line(catalog, &mut ex, &prefix, first, &members, data, list)
            };
            match line {
                Some((pattern, line)) => {
                    lines.push(line);
                    push(&mut block, pattern, data);
                }
                None => {
                    // An exact name per operation (also the fallback should a
                    // wildcard's matches ever differ from its group).
                    for &i in &members {
                        if let Ok(p) = ActionPattern::new(ops.name(i)) {
                            lines.push(Line {
                                pattern: ops.name(i).to_string(),
                                list,
                                wildcard: false,
                                covers: 1,
                                proof: None,
                            });
                            push(&mut block, p, data);
                        }
                    }
                }
            }
        }
    }
    let name = options
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| {
            format!(
                "Least privilege for {requested} operation{}",
                plural(requested)
            )
        });
    let scopes = if options.assignable_scopes.is_empty() {
        vec![PLACEHOLDER_SCOPE.to_string()]
    } else {
        options.assignable_scopes.clone()
    };
    let role = Role {
        id: crate::import::derived_id(&name),
        name: name.clone(),
        description: format!(
            "Grants exactly {requested} operation{} (w365-perms minimal role, operations catalog of {}).",
            plural(requested),
            catalog.manifest.data_date
        ),
        kind: RoleKind::AzureCustom,
        category: None,
        blocks: vec![block],
        assignable_scopes: scopes,
        provenance: vec!["composed by w365-perms (minimal role)".into()],
        notes: Vec::new(),
        entra_actions: Vec::new(),
        aliases: Vec::new(),
        version_date: None,
    };
    finish(catalog, role, requested, lines)
}

/// `m` with an exact line for each action the catalog does not list that built-in
/// roles name (given with whether it is a data action), counted among what the
/// role grants; the role is linted again (each is a `not-in-catalog` warning).
pub(crate) fn with_named(
    catalog: &Catalog,
    m: MinimalRole,
    names: &[(String, bool)],
) -> MinimalRole {
    if names.is_empty() {
        return m;
    }
    let MinimalRole {
        mut role,
        mut lines,
        requested,
        ..
    } = m;
    let generated = format!(
        "Grants exactly {requested} operation{} (",
        plural(requested)
    );
    let mut added = 0;
    for (action, data) in names {
        let Ok(p) = ActionPattern::new(action) else {
            continue;
        };
        lines.push(Line {
            pattern: action.clone(),
            list: if *data { "dataActions" } else { "actions" },
            wildcard: false,
            covers: 1,
            proof: None,
        });
        if let Some(b) = role.blocks.first_mut() {
            push(b, p, *data);
        }
        added += 1;
    }
    let old_name = format!(
        "Least privilege for {requested} operation{}",
        plural(requested)
    );
    let requested = requested + added;
    if role.name == old_name {
        role.name = format!(
            "Least privilege for {requested} operation{}",
            plural(requested)
        );
        role.id = crate::import::derived_id(&role.name);
    }
    if role.description.starts_with(&generated) {
        role.description = format!(
            "Grants exactly {requested} operation{} (w365-perms minimal role, operations catalog of {}; {added} of them by name, newer than the catalog).",
            plural(requested),
            catalog.manifest.data_date
        );
    }
    finish(catalog, role, requested, lines)
}

/// Lint the role and wrap it up.
pub(crate) fn finish(
    catalog: &Catalog,
    role: Role,
    requested: usize,
    lines: Vec<Line>,
) -> MinimalRole {
    let diagnostics = lint::lint_role(catalog, &role, &[]);
    MinimalRole {
        name: role.name.clone(),
        plane: role.plane(),
        requested,
        wildcards: lines.iter().filter(|l| l.wildcard).count(),
        lint_clean: !lint::has_errors(&diagnostics)
            && !diagnostics.iter().any(|d| d.code == lint::UNVERIFIED_NAME),
        diagnostics,
        lines,
        role,
    }
}

fn push(block: &mut PermissionBlock, p: ActionPattern, data: bool) {
    if data {
        block.data_actions.push(p);
    } else {
        block.actions.push(p);
    }
}

/// The prefixes of a lowercase operation name that end at a `/` after the
/// namespace, shortest first: `a/b/c/read` → `a/`, `a/b/`, `a/b/c/`.
fn prefixes(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .char_indices()
        .filter(|&(_, c)| c == '/')
        .map(move |(at, _)| lower.get(..=at).unwrap_or_default())
        .filter(|p| !p.is_empty())
}

/// Whether every catalog operation on the plane under `prefix` is wanted, and
/// there are at least two.
fn is_pure(catalog: &Catalog, prefix: &str, want: &BitSet, mask: &BitSet) -> bool {
    let mut n = 0;
    for i in catalog.operations.prefix_range(prefix) {
        if mask.contains(i) {
            if !want.contains(i) {
                return false;
            }
            n += 1;
        }
    }
    n >= 2
}

/// The wildcard for a prefix, checked by matching it as Azure would: its matches on
/// the plane must be exactly the group. `None` when they are not.
fn wildcard_line(
    catalog: &Catalog,
    ex: &mut Expander<'_>,
    prefix: &str,
    first: usize,
    members: &[usize],
    data: bool,
    list: &'static str,
) -> Option<(ActionPattern, Line)> {
    let ops = &catalog.operations;
    let spelled = ops.name(first).get(..prefix.len())?;
    let text = format!("{spelled}*");
    let pattern = ActionPattern::new(&text).ok()?;
    let matched = ex.match_set(std::slice::from_ref(&pattern), data);
    let mut group = BitSet::new(ops.len());
    members.iter().for_each(|&i| group.insert(i));
    if matched != group {
        return None;
    }
    let matches: Vec<String> = matched.iter().map(|i| ops.name(i).to_string()).collect();
    let statement = format!(
        "in the operations catalog of {}, `{text}` matches exactly these {} {}, all of them wanted; operations the provider adds under this prefix later would be granted too",
        catalog.manifest.data_date,
        matches.len(),
        if data { "data actions" } else { "control-plane actions" }
    );
    Some((
        pattern,
        Line {
            pattern: text,
            list,
            wildcard: true,
            covers: members.len(),
            proof: Some(Proof { statement, matches }),
        },
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn prefixes_stop_at_slashes() {
        let v: Vec<&str> = prefixes("a.b/c/d/read").collect();
        assert_eq!(v, ["a.b/", "a.b/c/", "a.b/c/d/"]);
    }

    #[test]
    fn a_whole_resource_type_becomes_one_wildcard() {
        let cat = catalog().unwrap();
        let (want, unknown) = wanted(
            cat,
            &[("Microsoft.Network/virtualNetworks/subnets/*".into(), false)],
        );
        assert!(unknown.is_empty());
        let m = azure_role(cat, &want, &Options::default());
        assert_eq!(m.lines.len(), 1, "{:?}", m.lines);
        assert_eq!(
            m.lines[0].pattern,
            "Microsoft.Network/virtualNetworks/subnets/*"
        );
        let proof = m.lines[0].proof.as_ref().unwrap();
        assert_eq!(proof.matches.len(), want.count());
        assert!(m.lint_clean, "{:?}", m.diagnostics);
        // Exact only: one line per operation.
        let exact = azure_role(
            cat,
            &want,
            &Options {
                exact_only: true,
                ..Options::default()
            },
        );
        assert_eq!(exact.lines.len(), want.count());
        assert_eq!(exact.wildcards, 0);
    }
}
