//! Checks of an Azure custom role (`custom-roles.md` limits, catalog checks).

use super::{origin, risk, Diagnostic, Severity};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::expand::Expander;
use crate::import::Origin;
use crate::model::{Role, RoleKind};
use crate::pattern::ActionPattern;
use crate::scope::{Scope, ScopeKind};

const MAX_NAME: usize = 512;
const MAX_DESCRIPTION: usize = 2048;
const MAX_SCOPES: usize = 2000;

pub(super) fn lint(catalog: &Catalog, role: &Role, origins: &[Origin]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    names(catalog, role, &mut out);
    if role.blocks.len() > 1 {
        out.push(Diagnostic::new(
            Severity::Error,
            "multiple-blocks",
            format!("the role has {} permission blocks; Azure accepts exactly one when a custom role is created or updated", role.blocks.len()),
        ));
    }
    if role
        .blocks
        .iter()
        .all(|b| b.actions.is_empty() && b.data_actions.is_empty())
    {
        out.push(Diagnostic::new(
            Severity::Error,
            "no-permissions",
            "the role grants nothing: `Actions` and `DataActions` are both empty".into(),
        ));
    }
    let mut ex = Expander::new(catalog);
    for (b, block) in role.blocks.iter().enumerate() {
        for data in [false, true] {
            let (grants, exclusions) = block.for_plane(data);
            let (gl, nl) = if data {
                ("dataActions", "notDataActions")
            } else {
                ("actions", "notActions")
            };
            let gsets = patterns(catalog, &mut ex, grants, data, b, gl, origins, &mut out);
            let nsets = patterns(catalog, &mut ex, exclusions, data, b, nl, origins, &mut out);
            let mut granted = BitSet::new(catalog.operations.len());
            gsets.iter().flatten().for_each(|s| granted.union_with(s));
            let mut removed = BitSet::new(catalog.operations.len());
            nsets.iter().flatten().for_each(|s| removed.union_with(s));
            for (i, (n, set)) in exclusions.iter().zip(&nsets).enumerate() {
                if let Some(set) = set {
                    if !set.is_empty() && set.intersection_count(&granted) == 0 {
                        out.push(
                            Diagnostic::new(
                                Severity::Warning,
                                "exclusion-removes-nothing",
                                format!("`{n}` in {nl} removes nothing: no pattern of {gl} in the same block grants what it matches"),
                            )
                            .help(format!("{nl} only subtract from {gl} of the same block; delete it, or it suggests a pattern is missing"))
                            .subject(n.as_str())
                            .at_opt(origin(origins, b, nl, i)),
                        );
                    }
                }
            }
            for (i, (g, set)) in grants.iter().zip(&gsets).enumerate() {
                if let Some(set) = set {
                    if !set.is_empty() && set.is_subset(&removed) {
                        out.push(
                            Diagnostic::new(
                                Severity::Warning,
                                "fully-excluded",
                                format!("everything `{g}` grants is removed again by {nl}"),
                            )
                            .subject(g.as_str())
                            .at_opt(origin(origins, b, gl, i)),
                        );
                    }
                    // A pattern inside another of the same list (reported on the later one).
                    // Two different exact names never match the same operation, so a pair
                    // is compared only when one is a wildcard: a role of thousands of
                    // exact lines stays fast (lines × wildcards, not lines²).
                    let duplicate = grants[..i].iter().any(|q| q.lower() == g.lower());
                    let wider = grants.iter().enumerate().find(|(j, w)| {
                        !duplicate
                            && *j != i
                            && (w.is_wildcard() || g.is_wildcard())
                            && w.lower() != g.lower()
                            && gsets.get(*j).and_then(Option::as_ref).is_some_and(|ws| {
                                !set.is_empty()
                                    && set.is_subset(ws)
                                    && (ws.count() > set.count() || *j < i)
                            })
                    });
                    if let Some((_, wider)) = wider {
                        out.push(
                            Diagnostic::new(
                                Severity::Info,
                                "redundant",
                                format!("`{g}` adds nothing: `{wider}` in the same list already grants all it matches"),
                            )
                            .subject(g.as_str())
                            .at_opt(origin(origins, b, gl, i)),
                        );
                    }
                }
            }
        }
        if let Some(c) = &block.condition {
            if block.condition_version.is_none() {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    "condition-version",
                    "a condition needs `conditionVersion` (\"2.0\")".into(),
                ));
            }
            if !c.is_understood() {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    "condition-unparsed",
                    "the condition could not be read; every grant of this block will be reported as conditional".into(),
                ));
            }
        }
    }
    scopes(role, origins, &mut out);
    out.extend(risk::findings(catalog, role));
    out
}

fn names(catalog: &Catalog, role: &Role, out: &mut Vec<Diagnostic>) {
    if role.name.trim().is_empty() {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-missing",
            "the role has no name".into(),
        ));
    } else if role.name.chars().count() > MAX_NAME {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-too-long",
            format!(
                "the name has {} characters; the limit is {MAX_NAME}",
                role.name.chars().count()
            ),
        ));
    }
    let len = role.description.chars().count();
    if len > MAX_DESCRIPTION {
        out.push(Diagnostic::new(
            Severity::Error,
            "description-too-long",
            format!("the description has {len} characters; the limit is {MAX_DESCRIPTION}"),
        ));
    } else if role.description.trim().is_empty() {
        out.push(Diagnostic::new(
            Severity::Warning,
            "description-missing",
            "the role has no description; New-AzRoleDefinition refuses a role without one".into(),
        ));
    }
    if let Some((_, b)) = catalog.role(&role.name).filter(|(_, b)| {
        b.kind == RoleKind::AzureBuiltIn && b.name.eq_ignore_ascii_case(&role.name)
    }) {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-taken",
            format!(
                "`{}` is the name of a built-in role; role names must be unique in the tenant",
                b.name
            ),
        ));
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "a private helper of one function"
)]
fn patterns(
    catalog: &Catalog,
    ex: &mut Expander<'_>,
    list: &[ActionPattern],
    data: bool,
    block: usize,
    name: &'static str,
    origins: &[Origin],
    out: &mut Vec<Diagnostic>,
) -> Vec<Option<BitSet>> {
    let ops = &catalog.operations;
    let mut sets = Vec::new();
    for (i, p) in list.iter().enumerate() {
        let at = origin(origins, block, name, i);
        let mut push = |d: Diagnostic| out.push(d.subject(p.as_str()).at_opt(at));
        if list[..i].iter().any(|q| q.lower() == p.lower()) {
            push(Diagnostic::new(
                Severity::Warning,
                "duplicate",
                format!("`{p}` appears more than once in {name}"),
            ));
        }
        if p.as_str().chars().any(char::is_whitespace) {
            push(
                Diagnostic::new(
                    Severity::Error,
                    "whitespace",
                    format!("`{p}` contains whitespace; Azure compares action strings literally, so it matches nothing"),
                )
                .help(format!("use `{}`", p.as_str().split_whitespace().collect::<String>())),
            );
            sets.push(None);
            continue;
        }
        if p.wildcard_count() > 1 {
            push(Diagnostic::new(
                Severity::Error,
                "multiple-wildcards",
                format!("`{p}` contains multiple wildcards. Only one is allowed."),
            ));
        }
        let set = ex.match_set(std::slice::from_ref(p), data);
        let other = ex.match_set(std::slice::from_ref(p), !data);
        let namespace = p.lower().split('/').next().unwrap_or_default();
        if set.is_empty() {
            if !other.is_empty() {
                let (here, there) = if data {
                    ("DataActions", "Actions")
                } else {
                    ("Actions", "DataActions")
                };
                push(
                    Diagnostic::new(
                        Severity::Error,
                        "wrong-plane",
                        if p.is_wildcard() {
                            format!(
                                "`{p}` in {here} matches only {}; it belongs in {there}",
                                if data {
                                    "control-plane actions"
                                } else {
                                    "data actions"
                                }
                            )
                        } else {
                            format!(
                                "`{p}` is a {} and cannot be granted in {here}",
                                if data {
                                    "control-plane action"
                                } else {
                                    "data action"
                                }
                            )
                        },
                    )
                    .help(format!("move it to {there}")),
                );
            } else if p.lower() == "*" {
                // `*` in DataActions: nothing in the catalog is a data action? never; handled by risk.
            } else if !namespace.contains('*') && ops.find_provider(namespace).is_none() {
                let mut d = Diagnostic::new(
                    Severity::Error,
                    "unknown-provider",
                    format!(
                        "`{p}`: no resource provider is named `{}`",
                        p.as_str().split('/').next().unwrap_or_default()
                    ),
                );
                if let Some(s) = crate::fuzzy::suggest_operation(catalog, p.as_str(), data) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                push(d);
            } else if p.is_wildcard() {
                push(Diagnostic::new(
                    Severity::Warning,
                    "matches-nothing",
                    format!("`{p}` matches no operation in the catalog"),
                ));
            } else {
                let mut d = Diagnostic::new(
                    Severity::Error,
                    "unknown-action",
                    format!("`{p}` does not match any of the actions supported by the providers"),
                );
                if let Some(s) = crate::fuzzy::suggest_operation(catalog, p.as_str(), data) {
                    d = d.help(format!("did you mean `{s}`?"));
                }
                push(d);
            }
        }
        sets.push(Some(set));
    }
    sets
}

fn scopes(role: &Role, origins: &[Origin], out: &mut Vec<Diagnostic>) {
    if role.assignable_scopes.is_empty() {
        out.push(Diagnostic::new(
            Severity::Error,
            "no-assignable-scopes",
            "`AssignableScopes` is empty; a custom role needs at least one subscription, resource group or management group".into(),
        ));
        return;
    }
    if role.assignable_scopes.len() > MAX_SCOPES {
        out.push(Diagnostic::new(
            Severity::Error,
            "too-many-scopes",
            format!(
                "{} assignable scopes; the limit is {MAX_SCOPES}",
                role.assignable_scopes.len()
            ),
        ));
    }
    let has_data = role.blocks.iter().any(|b| !b.data_actions.is_empty());
    let mut groups = 0;
    for (i, s) in role.assignable_scopes.iter().enumerate() {
        let at = origin(origins, 0, "assignableScopes", i);
        let diag = |sev, code, msg: String| Diagnostic::new(sev, code, msg).subject(s).at_opt(at);
        if role.assignable_scopes[..i]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(s))
        {
            out.push(diag(
                Severity::Warning,
                "duplicate-scope",
                format!("`{s}` is listed twice"),
            ));
        }
        match Scope::parse(s) {
            Err(e) => {
                let code = if s.contains('*') {
                    "scope-wildcard"
                } else {
                    "invalid-scope"
                };
                let msg = if s.contains('*') {
                    format!("`{s}`: you cannot use wildcards (`*`) in `AssignableScopes`")
                } else {
                    e.to_string()
                };
                out.push(diag(Severity::Error, code, msg));
            }
            Ok(scope) => {
                match scope.kind() {
                    ScopeKind::Root => out.push(diag(
                        Severity::Error,
                        "root-scope",
                        "you cannot set `AssignableScopes` to the root scope (`/`) for a custom role".into(),
                    )),
                    ScopeKind::ManagementGroup(_) => {
                        groups += 1;
                        if has_data {
                            out.push(diag(
                                Severity::Error,
                                "data-actions-at-management-group",
                                format!("`{s}`: custom roles with `DataActions` can't be assigned at the management group scope"),
                            ));
                        }
                    }
                    ScopeKind::Other => out.push(diag(
                        Severity::Warning,
                        "unusual-scope",
                        format!("`{s}` is not a management group, subscription, resource group or resource scope"),
                    )),
                    _ => {}
                }
                if !scope.is_normalized() {
                    out.push(
                        diag(
                            Severity::Warning,
                            "scope-not-normalized",
                            format!("`{s}` has an empty segment or a trailing `/`"),
                        )
                        .help(format!("use `{}`", scope.normalized())),
                    );
                }
            }
        }
    }
    if groups > 1 {
        out.push(Diagnostic::new(
            Severity::Error,
            "multiple-management-groups",
            format!("{groups} management groups in `AssignableScopes`; you can define only one"),
        ));
    }
}
