//! Checks of an Azure custom role (`custom-roles.md` limits, catalog checks).
//!
//! Each list is reduced to its distinct patterns first (ignoring case); a pattern's
//! matches are kept as a catalog range or a sorted list, never as a set the size of
//! the catalog, so memory follows the role, not the role times the catalog.

use super::{names, Diagnostic, Linter, Places, Severity, MAX_PER_CODE, MAX_REDUNDANCY_CHECK};
use crate::bitset::BitSet;
use crate::catalog::Matches;
use crate::model::Role;
use crate::pattern::ActionPattern;
use crate::request::MAX_MULTI_WILDCARD_PATTERNS;
use crate::scope::{Scope, ScopeKind};
use std::collections::hash_map::Entry as Slot;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Characters of a custom role's name Azure accepts.
pub const MAX_NAME: usize = 512;
/// Characters of a custom role's description Azure accepts.
pub const MAX_DESCRIPTION: usize = 2048;
const MAX_SCOPES: usize = 2000;

pub(super) fn lint(linter: &Linter<'_>, role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let catalog = linter.catalog;
    let mut out = Vec::new();
    name_and_description(role, &mut out);
    names::check(catalog, role, &mut out);
    if role.blocks.len() > 1 {
        out.push(Diagnostic::new(
            Severity::Error,
            "multiple-blocks",
            format!("the role has {} permission blocks; Azure accepts exactly one when a custom role is created or updated", role.blocks.len()),
        ));
    }
    // Only Microsoft's roles carry a condition in a permission block: Azure's
    // role definition API has no `condition` in 2022-04-01 and reads it only in
    // 2022-05-01-preview, so a custom role with one cannot be created as
    // written, and an export drops it (granting more than the role says).
    if role.kind == crate::model::RoleKind::AzureCustom
        && role.blocks.iter().any(|b| b.condition.is_some())
    {
        out.push(Diagnostic::new(
            Severity::Error,
            "condition-in-role",
            "a permission block has a `condition`: Azure's role definition API cannot create a custom role with one (2022-04-01 has no `condition`; 2022-05-01-preview reads it only); put the condition on the role assignment instead".into(),
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
    let ops = &catalog.operations;
    let mut unsuggested = 0;
    for (b, block) in role.blocks.iter().enumerate() {
        for data in [false, true] {
            let (grants, exclusions) = block.for_plane(data);
            if grants.is_empty() && exclusions.is_empty() {
                continue;
            }
            let (gl, nl) = if data {
                ("dataActions", "notDataActions")
            } else {
                ("actions", "notActions")
            };
            let mask = if data {
                ops.data_mask()
            } else {
                ops.control_mask()
            };
            let mut cx = ListCx {
                linter,
                places,
                data,
                block: b,
                out: &mut out,
                unsuggested: &mut unsuggested,
            };
            let g = cx.list(grants, gl);
            let n = cx.list(exclusions, nl);
            if !n.is_empty() {
                exclusion_checks(&g, &n, mask, (b, gl, nl), places, &mut out);
            }
            redundant(&g, mask, b, gl, places, &mut out);
        }
        if let Some(c) = &block.condition {
            if block.condition_version.is_none() {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    "condition-version",
                    "a condition needs `conditionVersion` (\"2.0\")".into(),
                ));
            }
            if let Some(e) = c.error() {
                out.push(Diagnostic::new(
                    Severity::Warning,
                    "condition-unparsed",
                    format!("the condition is not of the documented form ({e}); every grant of this block will be reported as conditional"),
                ));
            }
        }
    }
    if unsuggested > 0 {
        out.push(Diagnostic::new(
            Severity::Info,
            "suggestions-limited",
            format!(
                "\"did you mean\" was not looked up for {unsuggested} more unknown action{} (suggestions are limited per run)",
                if unsuggested == 1 { "" } else { "s" },
            ),
        ));
    }
    scopes(role, places, &mut out);
    // Risk needs the role's expansion; legacy patterns with several `*` each cost a
    // scan of the catalog, so past the number a request accepts (in this role, or
    // in all the roles linted together) it is not assessed.
    let multi: HashSet<&str> = role
        .patterns()
        .filter(|(_, _, p)| p.azure_limits().is_err())
        .map(|(_, _, p)| p.lower())
        .collect();
    if multi.len() > MAX_MULTI_WILDCARD_PATTERNS {
        out.push(Diagnostic::new(
            Severity::Info,
            "risk-not-assessed",
            format!(
                "risk is not assessed: {} distinct patterns have several `*` (requests accept at most {MAX_MULTI_WILDCARD_PATTERNS})",
                multi.len()
            ),
        ));
    } else if let Err(total) = linter.multi_within_limit(&multi) {
        out.push(Diagnostic::new(
            Severity::Info,
            "risk-not-assessed",
            format!(
                "risk is not assessed: with the roles checked before it, this role brings the distinct patterns with several `*` to {total} (requests accept at most {MAX_MULTI_WILDCARD_PATTERNS})"
            ),
        ));
    } else {
        out.extend(linter.risk(role));
    }
    out
}

/// `exclusion-removes-nothing` and `fully-excluded` for one block and plane.
fn exclusion_checks(
    g: &[Entry<'_>],
    n: &[Entry<'_>],
    mask: &BitSet,
    (b, gl, nl): (usize, &str, &str),
    places: &Places<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let granted = union(g, mask);
    let removed = union(n, mask);
    for e in n {
        if let Some(hits) = &e.hits {
            if hits.count(mask) > 0 && !hits.overlaps(&granted) {
                out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "exclusion-removes-nothing",
                        format!("`{}` in {nl} removes nothing: no pattern of {gl} in the same block grants what it matches", e.pattern),
                    )
                    .help(format!("{nl} only subtract from {gl} of the same block; delete it, or it suggests a pattern is missing"))
                    .subject(e.pattern.as_str())
                    .at_place(places.get(b, nl, e.index)),
                );
            }
        }
    }
    // What exact NotActions remove alone: an exact action removed only with the help
    // of a wildcard NotAction is the documents' open question (semantics §9 q3).
    let exact: Vec<Entry<'_>> = n
        .iter()
        .filter(|e| !e.pattern.as_str().contains('*'))
        .cloned()
        .collect();
    let removed_exactly = union(&exact, mask);
    for e in g {
        if let Some(hits) = &e.hits {
            if hits.count(mask) > 0 && hits.within(&removed, mask) {
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    "fully-excluded",
                    format!("everything `{}` grants is removed again by {nl}", e.pattern),
                )
                .subject(e.pattern.as_str())
                .at_place(places.get(b, gl, e.index));
                if !e.pattern.as_str().contains('*') && !hits.within(&removed_exactly, mask) {
                    d = d.help(format!(
                        "a wildcard in {nl} removes an action {gl} name exactly: Azure's documents leave open whether it does (an unmerged docs change suggests the exact action survives); this tool follows the documented reading, {gl} minus {nl}. Say what you mean: drop the action, or narrow the wildcard"
                    ));
                }
                out.push(d);
            }
        }
    }
}

fn name_and_description(role: &Role, out: &mut Vec<Diagnostic>) {
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
}

/// The operations one distinct pattern matches: a catalog range (both planes; the
/// plane mask filters it) or a sorted list already on the list's plane.
#[derive(Debug)]
pub(crate) enum Hits {
    Range(usize, usize),
    List(Vec<u32>),
    /// Already on the list's plane.
    Set(BitSet),
}

impl Hits {
    fn count(&self, mask: &BitSet) -> usize {
        match self {
            Hits::Range(s, e) => mask.count_range(*s, *e),
            Hits::List(l) => l.len(),
            Hits::Set(set) => set.count(),
        }
    }

    /// Does it share an operation with `set` (a set on the same plane)?
    fn overlaps(&self, set: &BitSet) -> bool {
        match self {
            Hits::Range(s, e) => set.count_range(*s, *e) > 0,
            Hits::List(l) => l.iter().any(|&i| set.contains(i as usize)),
            Hits::Set(x) => x.intersection_count(set) > 0,
        }
    }

    /// Is all of it in `set` (a subset of `mask`)?
    fn within(&self, set: &BitSet, mask: &BitSet) -> bool {
        match self {
            Hits::Range(s, e) => set.count_range(*s, *e) == mask.count_range(*s, *e),
            Hits::List(l) => l.iter().all(|&i| set.contains(i as usize)),
            Hits::Set(x) => x.is_subset(set),
        }
    }

    /// The operations, in `mask` (the list's plane).
    pub(super) fn ops<'a>(&'a self, mask: &'a BitSet) -> Box<dyn Iterator<Item = usize> + 'a> {
        match self {
            Hits::Range(s, e) => Box::new((*s..*e).filter(|&i| mask.contains(i))),
            Hits::List(l) => Box::new(l.iter().map(|&i| i as usize)),
            Hits::Set(x) => Box::new(x.iter()),
        }
    }

    fn add_to(&self, set: &mut BitSet) {
        match self {
            Hits::Range(s, e) => set.insert_range(*s, *e),
            Hits::List(l) => l.iter().for_each(|&i| set.insert(i as usize)),
            Hits::Set(x) => set.union_with(x),
        }
    }
}

/// A distinct pattern of a list: its first index and its matches (`None` when it
/// was not matched: whitespace, or more `*` than Azure accepts).
#[derive(Clone)]
struct Entry<'a> {
    index: usize,
    pattern: &'a ActionPattern,
    hits: Option<Rc<Hits>>,
}

fn union(entries: &[Entry<'_>], mask: &BitSet) -> BitSet {
    let mut set = BitSet::new(mask.capacity());
    for h in entries.iter().filter_map(|e| e.hits.as_ref()) {
        h.add_to(&mut set);
    }
    set.intersect_with(mask);
    set
}

/// A pattern's matches on one plane, and how many it has on the other.
pub(super) fn hits(
    ops: &crate::catalog::OperationCatalog,
    m: &Matches,
    data: bool,
) -> (Hits, usize) {
    let (here, there) = if data {
        (ops.data_mask(), ops.control_mask())
    } else {
        (ops.control_mask(), ops.data_mask())
    };
    match m {
        Matches::Range(r) => (
            Hits::Range(r.start, r.end),
            there.count_range(r.start, r.end),
        ),
        Matches::List(l) => {
            let (on, off): (Vec<u32>, Vec<u32>) =
                l.iter().partition(|&&x| ops.is_data(x as usize) == data);
            (Hits::List(on), off.len())
        }
        Matches::Set(s) => {
            let mut on = (**s).clone();
            on.intersect_with(here);
            (Hits::Set(on), s.intersection_count(there))
        }
    }
}

/// What checking one list needs.
struct ListCx<'l, 'c, 'p> {
    linter: &'l Linter<'c>,
    places: &'l Places<'p>,
    data: bool,
    block: usize,
    out: &'l mut Vec<Diagnostic>,
    unsuggested: &'l mut usize,
}

impl ListCx<'_, '_, '_> {
    /// Check the distinct patterns of one list, each once.
    fn list<'a>(&mut self, list: &'a [ActionPattern], name: &'static str) -> Vec<Entry<'a>> {
        let ops = &self.linter.catalog.operations;
        let data = self.data;
        // Distinct patterns (ignoring case) in order: (first index, count, second index).
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(list.len());
        let mut distinct: Vec<(usize, usize, usize)> = Vec::with_capacity(list.len());
        for (i, p) in list.iter().enumerate() {
            match seen.entry(p.lower()) {
                Slot::Occupied(k) => {
                    if let Some(d) = distinct.get_mut(*k.get()) {
                        if d.1 == 1 {
                            d.2 = i;
                        }
                        d.1 += 1;
                    }
                }
                Slot::Vacant(v) => {
                    v.insert(distinct.len());
                    distinct.push((i, 1, i));
                }
            }
        }
        let mut entries = Vec::with_capacity(distinct.len());
        // Findings per code in this list: past `MAX_PER_CODE` they are only counted
        // (the report lists the first ones by position, which within a list are the
        // first by index), so 200,000 unknown patterns build 100 messages, not 200,000.
        // A handful of codes: a list searched, not a table hashed per finding.
        let mut found: Vec<(&'static str, Severity, usize)> = Vec::new();
        // The last namespace looked up among the providers, and whether it is one
        // (100,000 unknown actions of one provider look it up once).
        let mut last_provider: Option<(&str, bool)> = None;
        for (i, count, second) in distinct {
            let Some(p) = list.get(i) else {
                continue;
            };
            let mut put =
                |cx: &mut Self,
                 severity: Severity,
                 code: &'static str,
                 make: &mut dyn FnMut(&mut Self) -> Diagnostic| {
                    let at = found.iter().position(|f| f.0 == code).unwrap_or_else(|| {
                        found.push((code, severity, 0));
                        found.len() - 1
                    });
                    let Some(f) = found.get_mut(at) else {
                        return;
                    };
                    f.2 += 1;
                    if f.2 > MAX_PER_CODE {
                        if matches!(code, "unknown-action" | "unknown-provider") {
                            // Not looked up either: counted in `suggestions-limited`.
                            *cx.unsuggested += 1;
                        }
                        return;
                    }
                    let d = make(cx);
                    cx.out.push(
                        d.subject(p.as_str())
                            .at_place(cx.places.get(cx.block, name, i)),
                    );
                };
            if count > 1 {
                // Not capped here: its position is the second occurrence's, which
                // is not in the order the patterns are visited.
                self.out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "duplicate",
                        if count == 2 {
                            format!("`{p}` appears more than once in {name}")
                        } else {
                            format!("`{p}` appears {count} times in {name}")
                        },
                    )
                    .subject(p.as_str())
                    .at_place(self.places.get(self.block, name, second)),
                );
            }
            if has_whitespace(p.as_str()) {
                put(self, Severity::Error, "whitespace", &mut |_| {
                    Diagnostic::new(
                        Severity::Error,
                        "whitespace",
                        format!("`{p}` contains whitespace; Azure compares action strings literally, so it matches nothing"),
                    )
                    .help(whitespace_help(ops, p.as_str(), data))
                });
                entries.push(Entry {
                    index: i,
                    pattern: p,
                    hits: None,
                });
                continue;
            }
            if p.azure_limits().is_err() {
                // Refused before any matching: Azure would not create the role.
                put(self, Severity::Error, "multiple-wildcards", &mut |_| {
                    Diagnostic::new(
                        Severity::Error,
                        "multiple-wildcards",
                        format!(
                            "`{}` contains multiple wildcards. Only one is allowed.",
                            crate::text::excerpt(p.as_str())
                        ),
                    )
                    .help(format!(
                        "Azure accepts one `*` in an action string; this one has {}",
                        p.wildcard_count()
                    ))
                });
                entries.push(Entry {
                    index: i,
                    pattern: p,
                    hits: None,
                });
                continue;
            }
            let (hits, other) = self.linter.hits(p, data);
            let mask = if data {
                ops.data_mask()
            } else {
                ops.control_mask()
            };
            if hits.count(mask) == 0 {
                let namespace = p.lower().split('/').next().unwrap_or_default();
                // Which built-in role names it, looked up once (the branches below
                // ask up to twice, for each of 100,000 unknown actions).
                let catalog = self.linter.catalog;
                let naming_cell = std::cell::OnceCell::new();
                let naming =
                    || *naming_cell.get_or_init(|| catalog.builtin_naming(p.lower(), data));
                if other > 0 {
                    // The list it is in and its counterpart on the other plane: an
                    // exclusion moves to the other plane's exclusions (an outside
                    // review: a data action in NotActions was told to go to
                    // DataActions, which would grant what it meant to exclude).
                    let exclusion = name.starts_with("not");
                    let (here, there) = match (data, exclusion) {
                        (true, false) => ("DataActions", "Actions"),
                        (false, false) => ("Actions", "DataActions"),
                        (true, true) => ("NotDataActions", "NotActions"),
                        (false, true) => ("NotActions", "NotDataActions"),
                    };
                    let verb = if exclusion { "excluded" } else { "granted" };
                    put(self, Severity::Error, "wrong-plane", &mut |_| {
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
                                    "`{p}` is a {} and cannot be {verb} in {here}",
                                    if data {
                                        "control-plane action"
                                    } else {
                                        "data action"
                                    }
                                )
                            },
                        )
                        .help(format!("move it to {there}"))
                    });
                } else if let Some(c) = p.as_str().chars().find(|c| "[]()'\"`;<>".contains(*c)) {
                    // No operation name has it: an ARM expression (`[concat('*')]`,
                    // which a template would evaluate to `*`) or a pasted fragment
                    // (a re-check review: only warnings were given for it).
                    put(self, Severity::Error, "unknown-action", &mut |_| {
                        Diagnostic::new(
                            Severity::Error,
                            "unknown-action",
                            format!(
                                "`{p}` holds `{c}`, which no Azure operation name has (an ARM template expression such as `[concat(...)]`, or pasted text?): Azure refuses a role with it"
                            ),
                        )
                        .help("write the operation's name, `Provider/resourceType/action`".to_string())
                    });
                } else if let Some(r) = crate::catalog::rejected::documented(p.as_str()) {
                    // Azure is documented to refuse it, whatever a built-in role
                    // still names (review i1 #3).
                    let date = self.linter.catalog.manifest.data_date.clone();
                    let named = naming()
                        .map(|u| format!("; the built-in role `{}` still names it, which does not make it valid", u.name))
                        .unwrap_or_default();
                    put(self, Severity::Error, "unknown-action", &mut |_| {
                        Diagnostic::new(
                            Severity::Error,
                            "unknown-action",
                            format!(
                                "`{p}` does not match any of the actions supported by the providers: Azure refuses a role with it ({}: \"{}\", {}), and the operations catalog ({date}) has no such operation{named}",
                                r.code, r.quote, r.source
                            ),
                        )
                        .help("remove it: a single unknown action rejects the whole role".to_string())
                    });
                } else if let Some(user) =
                    naming().filter(|_| crate::catalog::rejected::is_classic_provider(namespace))
                {
                    // A classic (Azure Service Manager) provider is retired and
                    // gains no operations: an action of it the catalog lacks is
                    // legacy, not newer than the catalog (review i1 #3).
                    let date = self.linter.catalog.manifest.data_date.clone();
                    let role = user.name.clone();
                    let provider = p.as_str().split('/').next().unwrap_or_default().to_string();
                    put(self, Severity::Error, "unknown-action", &mut |_| {
                        Diagnostic::new(
                            Severity::Error,
                            "unknown-action",
                            format!(
                                "`{p}` is not in the operations catalog ({date}): `{provider}` is a classic (Azure Service Manager) provider, retired and given no new operations, so the action is legacy, not newer than the catalog; the built-in role `{role}` still names it, but Azure refuses a custom role with an action its providers do not list (InvalidActionOrNotAction)"
                            ),
                        )
                        .help("remove it: a single unknown action rejects the whole role".to_string())
                    });
                } else if let Some(user) = naming().filter(|_| {
                    // `A/*/B` beside the catalog's `A/B` matches nothing because of
                    // the slashes, not because it is newer than the catalog:
                    // `star-between-slashes` says so (Managed Identity Operator's).
                    super::segments::without_star_segment(p)
                        .is_none_or(|c| ops.find(&c, data).is_none())
                }) {
                    // Newer than the catalog, not a typo (review G L8): a warning.
                    let date = self.linter.catalog.manifest.data_date.clone();
                    let role = user.name.clone();
                    put(self, Severity::Warning, "not-in-catalog", &mut |_| {
                        Diagnostic::new(
                            Severity::Warning,
                            "not-in-catalog",
                            format!(
                                "`{p}` is not in the operations catalog ({date}), but the built-in role `{role}` grants it by name: it is probably newer than the catalog, and Azure refuses a custom role with it if its provider does not list it"
                            ),
                        )
                        .help("check with `az provider operation show --namespace <provider>`".to_string())
                    });
                } else if !namespace.contains('*')
                    && !{
                        let known = match last_provider {
                            Some((ns, known)) if ns == namespace => known,
                            _ => ops.find_provider(namespace).is_some(),
                        };
                        last_provider = Some((namespace, known));
                        known
                    }
                {
                    put(self, Severity::Error, "unknown-provider", &mut |cx| {
                        let d = Diagnostic::new(
                            Severity::Error,
                            "unknown-provider",
                            format!(
                                "`{p}`: no resource provider is named `{}`",
                                p.as_str().split('/').next().unwrap_or_default()
                            ),
                        );
                        // A suggestion only from a provider spelled nearly the same
                        // (`Microsoft.Comptue`), not any action a few edits away
                        // (`Microsoft.Fake/things/read` is not `Microsoft.AAD/...`).
                        let given = p.as_str().split('/').next().unwrap_or_default();
                        let near = |s: &str| {
                            let theirs = s.split('/').next().unwrap_or_default();
                            crate::fuzzy::provider_near(given, theirs)
                        };
                        match cx.suggest(p.as_str()).filter(|s| near(s)) {
                            Some(s) => d.help(format!("did you mean `{s}`?")),
                            None => d,
                        }
                    });
                } else if p.is_wildcard() {
                    put(self, Severity::Warning, "matches-nothing", &mut |_| {
                        Diagnostic::new(
                            Severity::Warning,
                            "matches-nothing",
                            format!("`{p}` matches no operation in the catalog"),
                        )
                    });
                } else {
                    put(self, Severity::Error, "unknown-action", &mut |cx| {
                        let d = Diagnostic::new(
                            Severity::Error,
                            "unknown-action",
                            format!(
                                "`{p}` does not match any of the actions supported by the providers"
                            ),
                        );
                        match cx.suggest(p.as_str()) {
                            Some(s) => d.help(format!("did you mean `{s}`?")),
                            None => d,
                        }
                    });
                }
            }
            if partial_segment(p) {
                let mask = if data {
                    ops.data_mask()
                } else {
                    ops.control_mask()
                };
                put(
                    self,
                    Severity::Warning,
                    "partial-segment-wildcard",
                    &mut |_| {
                        let (prefix, suffix) = (p.literal_prefix(), p.literal_suffix());
                        // The matches whose `*` runs on past the segment it starts in
                        // (`virtualMachines*` into `virtualMachineScaleSets/...`).
                        let mut beyond = 0;
                        let mut shown = Vec::new();
                        for op in hits.ops(mask) {
                            let name = ops.lower(op);
                            let span = name
                                .get(prefix.len()..name.len().saturating_sub(suffix.len()))
                                .unwrap_or_default();
                            if span.contains('/') && !span.starts_with('/') {
                                beyond += 1;
                                if shown.len() < 3 {
                                    shown.push(format!("`{}`", ops.name(op)));
                                }
                            }
                        }
                        let all = hits.count(mask);
                        let tail = if beyond > 0 {
                            format!(
                            "; as a glob (`*` spans `/`) it matches {all} operations here, {beyond} of them past the segment the `*` starts in, such as {}",
                            shown.join(", ")
                        )
                        } else {
                            format!("; as a glob it matches {all} operations here")
                        };
                        Diagnostic::new(
                        Severity::Warning,
                        "partial-segment-wildcard",
                        format!(
                            "`{p}` has `*` inside a segment: \"Partial-segment wildcards such as `virtualMachines*` are not shown anywhere in the docs\", and whether Azure accepts and matches them is an open question (azure-rbac-semantics.md §2, §9 question 1){tail}"
                        ),
                    )
                    .help("write `*` as a whole segment (`Microsoft.Compute/virtualMachines/*`, `Microsoft.Network/*/read`) or list the exact actions".to_string())
                    },
                );
            }
            entries.push(Entry {
                index: i,
                pattern: p,
                hits: Some(hits),
            });
        }
        // Those past the cap: counted, not built.
        for (code, severity, n) in found {
            if n > MAX_PER_CODE {
                self.linter.not_listed(code, severity, n - MAX_PER_CODE);
            }
        }
        entries
    }

    fn suggest(&mut self, input: &str) -> Option<String> {
        if self.linter.suggestions_spent() {
            *self.unsuggested += 1;
            return None;
        }
        self.linter.suggest_operation(input, self.data)
    }
}

/// Report a pattern whose matches another pattern of the same list already
/// grants (on the later one when two match the same operations).
fn redundant(
    entries: &[Entry<'_>],
    mask: &BitSet,
    block: usize,
    list: &str,
    places: &Places<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let live: Vec<(&Entry<'_>, BitSet)> = entries
        .iter()
        .filter_map(|e| {
            let hits = e.hits.as_ref()?;
            if hits.count(mask) == 0 {
                return None;
            }
            Some((e, BitSet::new(0)))
        })
        .collect();
    if live.len() < 2 {
        return;
    }
    if live.len() > MAX_REDUNDANCY_CHECK {
        out.push(Diagnostic::new(
            Severity::Info,
            "redundancy-not-checked",
            format!(
                "{list} of permission block {} has {} distinct patterns that match something; patterns that add nothing are looked for in lists of up to {MAX_REDUNDANCY_CHECK}",
                block + 1,
                live.len()
            ),
        ));
        return;
    }
    let sets: Vec<(&Entry<'_>, BitSet, usize)> = live
        .into_iter()
        .filter_map(|(e, _)| {
            let mut set = BitSet::new(mask.capacity());
            e.hits.as_ref()?.add_to(&mut set);
            set.intersect_with(mask);
            let n = set.count();
            Some((e, set, n))
        })
        .collect();
    for (k, (g, set, n)) in sets.iter().enumerate() {
        let wider = sets
            .iter()
            .enumerate()
            .find(|(j, (_, ws, wn))| *j != k && set.is_subset(ws) && (*wn > *n || *j < k));
        if let Some((_, (w, _, _))) = wider {
            out.push(
                Diagnostic::new(
                    Severity::Info,
                    "redundant",
                    format!(
                        "`{}` adds nothing: `{}` in the same list already grants all it matches",
                        g.pattern, w.pattern
                    ),
                )
                .subject(g.pattern.as_str())
                .at_place(places.get(block, list, g.index)),
            );
        }
    }
}

fn scopes(role: &Role, places: &Places<'_>, out: &mut Vec<Diagnostic>) {
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
    let mut seen = std::collections::HashSet::new();
    for (i, s) in role.assignable_scopes.iter().enumerate() {
        let at = places.get(0, "assignableScopes", i);
        let diag = |sev, code, msg: String| {
            Diagnostic::new(sev, code, msg)
                .subject(s)
                .at_place(at.clone())
        };
        // Scopes compare as Azure compares them (case beyond ASCII too); a scope
        // listed twice is one management group, not two.
        let fresh =
            seen.insert(Scope::parse(s).map_or_else(|_| s.to_ascii_lowercase(), |x| x.key()));
        if !fresh {
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
                if names_no_resource(&scope) {
                    out.push(diag(
                        Severity::Error,
                        "invalid-scope",
                        format!("`{s}` names a resource provider or type but no resource: a resource's scope ends in its name (`.../providers/{{namespace}}/{{type}}/{{name}}`)"),
                    ));
                }
                match scope.kind() {
                    ScopeKind::Root => out.push(diag(
                        Severity::Error,
                        "root-scope",
                        "you cannot set `AssignableScopes` to the root scope (`/`) for a custom role".into(),
                    )),
                    ScopeKind::ManagementGroup(_) => {
                        groups += usize::from(fresh);
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
                            format!("`{s}` ends with `/`"),
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

/// The fix of a pattern holding whitespace: the name without it when the catalog
/// has that; several names the catalog has, run together (a list pasted on one
/// line), each put on its own line; else only to remove the whitespace (a review: a list of three
/// actions was offered as one name no catalog has).
fn whitespace_help(ops: &crate::catalog::OperationCatalog, p: &str, data: bool) -> String {
    let joined: String = p.split_whitespace().collect();
    let known = |s: &str| s.contains('*') || ops.find(s, data).is_some();
    if known(&joined) {
        return format!("use `{joined}`");
    }
    let parts: Vec<&str> = p.split_whitespace().collect();
    if parts.len() > 1 && parts.iter().all(|x| x.contains('/') && known(x)) {
        let named: Vec<String> = parts
            .iter()
            .take(5)
            .map(|x| format!("`{}`", crate::text::excerpt(x)))
            .collect();
        return format!(
            "it reads as {} names on one line: give each as an entry of its own ({}{})",
            parts.len(),
            named.join(", "),
            if parts.len() > 5 { ", …" } else { "" }
        );
    }
    "remove the whitespace".into()
}

/// Whether `s` holds whitespace (`char::is_whitespace`), by bytes when it is ASCII.
/// A pattern with one `*` that is not a whole segment: a letter on either side of it
/// (`virtualMachines*`, `Microsoft.Comp*/...`, `*read`), a form Azure's documents
/// never show (semantics §2, §9 question 1).
fn partial_segment(p: &ActionPattern) -> bool {
    if p.wildcard_count() != 1 {
        return false;
    }
    let (prefix, suffix) = (p.literal_prefix(), p.literal_suffix());
    (!prefix.is_empty() && !prefix.ends_with('/'))
        || (!suffix.is_empty() && !suffix.starts_with('/'))
}

fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes()
            .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
    } else {
        s.chars().any(char::is_whitespace)
    }
}

/// Whether a scope under a subscription goes into `providers` without reaching a
/// resource: after `providers` come a namespace, then a type and a name for each
/// level (`.../providers/Microsoft.Compute/virtualMachines/vm1`), so fewer than
/// three segments, or an even number, name a provider or a type, not a resource.
/// `providers` is read as the keyword only where a resource id places it (after
/// the subscription or resource group, or after a whole resource), so a resource
/// group or a resource named `providers` is a name.
fn names_no_resource(scope: &Scope) -> bool {
    let parts: Vec<&str> = scope
        .as_str()
        .split('/')
        .filter(|p| !p.is_empty())
        .collect();
    let is = |i: usize, w: &str| parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case(w));
    if !is(0, "subscriptions") {
        return false;
    }
    let at = if is(2, "resourceGroups") { 4 } else { 2 };
    if !is(at, "providers") {
        return false;
    }
    let mut run = 0;
    for i in at + 1..parts.len() {
        if is(i, "providers") && run >= 3 && run % 2 == 1 {
            run = 0;
        } else {
            run += 1;
        }
    }
    run < 3 || run % 2 == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn whitespace_by_bytes_is_whitespace_by_chars() {
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("Microsoft.Compute/{c}read");
            assert_eq!(
                super::has_whitespace(&s),
                s.chars().any(char::is_whitespace),
                "{c:?}"
            );
        }
    }
}
