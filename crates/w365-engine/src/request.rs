//! The request the command line and the app's Assignments view share:
//! `{"roles": [...], "assignments": [...], "queries": [...]}` and optional
//! `denyAssignments`, `managementGroups` and `context`.
//!
//! Parsing is strict (unknown keys and values of the wrong type are errors, with
//! "did you mean") because a misspelt key in a pipeline would silently change an
//! answer; so are supplied roles that would change answers ([`check_supplied`]).
//! The one exception: `assignments` may hold objects exactly as `az role
//! assignment list`, `Get-AzRoleAssignment`, Graph or Intune exported them
//! ([`crate::tenant::assignment`]); their keys that bear on no decision are
//! accepted and named in [`Request::notes`].

use crate::bundle::Catalog;
use crate::condition::Condition;
use crate::deny::Subject;
use crate::evaluate::{AssignError, Environment, Query};
use crate::import::{import_node, ImportedRole};
use crate::json::{self, JsonError, Node, Value};
use crate::model::Plane;
use crate::readiness::Context;
use crate::role_name;
use crate::roleset::RoleSet;
use crate::scope::{Hierarchy, Scope, ScopeKind};
use crate::tenant::assignment::{
    detect, read as read_exported, Exported, Principal, Source, UnusedKeys,
};
use crate::text::excerpt;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A parsed request.
#[derive(Debug)]
pub struct Request<'c> {
    /// Roles and assignments.
    pub env: Environment<'c>,
    /// The queries, in order.
    pub queries: Vec<Query>,
    /// The scopes Windows 365 operations refer to.
    pub context: Context,
    /// The supplied roles as imported (for lint).
    pub imported: Vec<ImportedRole>,
    /// What the request holds that Azure would refuse today but that is still
    /// evaluated (legacy patterns with several `*`), and keys of supplied roles
    /// that are ignored (with "did you mean"), with where each is.
    pub warnings: Vec<JsonError>,
    /// What was accepted and not used (keys of exported assignments that bear on no
    /// decision) and what the reading assumes, one sentence each.
    pub notes: Vec<String>,
}

/// A request's top-level keys.
pub(crate) const REQUEST_KEYS: &[&str] = &[
    "roles",
    "assignments",
    "queries",
    "denyAssignments",
    "managementGroups",
    "context",
    "principal",
];

/// Refuse a key of `n` that is not in `known` (ignoring case), with "did you mean".
pub(crate) fn check_keys(n: &Node<'_>, known: &[&str]) -> Result<(), JsonError> {
    for (k, pos) in n.keys() {
        if !known.iter().any(|x| x.eq_ignore_ascii_case(k)) {
            let hint = crate::fuzzy::closest(k, known.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(JsonError::at(
                &n.path(),
                pos,
                format!("unknown key `{k}`{hint}"),
            ));
        }
    }
    Ok(())
}

fn opt_str(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

fn scope_at(n: &Node<'_>, key: &str) -> Result<Option<Scope>, JsonError> {
    match n.get(key)? {
        Some(v) => match v.as_opt_str()? {
            Some(s) => Scope::parse(s)
                .map(Some)
                .map_err(|e| v.error(e.to_string())),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// A scope of the request's `context`, which must be of the kind its key names:
/// a subscription given a resource group's scope would be read as covering the
/// subscription (`/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{rg}`,
/// and a virtual network's or storage account's resource id).
fn context_scope(n: &Node<'_>, key: &str) -> Result<Option<Scope>, JsonError> {
    let Some(scope) = scope_at(n, key)? else {
        return Ok(None);
    };
    let segments: Vec<String> = scope
        .as_str()
        .split('/')
        .filter(|p| !p.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let resource = |provider: &str, kind: &str| {
        matches!(segments.as_slice(),
            [s, _, rg, _, p, pr, k, _]
                if s == "subscriptions" && rg == "resourcegroups" && p == "providers"
                    && pr == provider && k == kind)
    };
    let (fits, expected) = match key {
        "subscription" => (
            matches!(scope.kind(), crate::scope::ScopeKind::Subscription(_)),
            "a subscription, `/subscriptions/{id}`",
        ),
        "resourceGroup" => (
            matches!(scope.kind(), crate::scope::ScopeKind::ResourceGroup(..)),
            "a resource group, `/subscriptions/{id}/resourceGroups/{name}`",
        ),
        "virtualNetwork" => (
            resource("microsoft.network", "virtualnetworks"),
            "a virtual network, `/subscriptions/{id}/resourceGroups/{name}/providers/Microsoft.Network/virtualNetworks/{name}`",
        ),
        _ => (
            resource("microsoft.storage", "storageaccounts"),
            "a storage account, `/subscriptions/{id}/resourceGroups/{name}/providers/Microsoft.Storage/storageAccounts/{name}`",
        ),
    };
    if fits {
        return Ok(Some(scope));
    }
    let message = format!("expected {expected}, found `{}`", scope.as_str());
    Err(match n.get(key)? {
        Some(v) => v.error(message),
        None => n.error(message),
    })
}

/// Most distinct action patterns with more than one `*` that supplied roles may
/// hold. Azure refuses such patterns in roles created or updated today (§2, §7);
/// legacy roles carry a few, which are evaluated as globs. Each costs a scan of the
/// operations catalog when a role is expanded, so a file of thousands is refused.
pub const MAX_MULTI_WILDCARD_PATTERNS: usize = 64;

/// Check supplied roles before any matching. Refused, as the first error at its
/// JSON path: more than [`crate::import::MAX_ROLES`] roles, a name, alias or id of a built-in role (it would pass for the
/// built-in one), a name that displays as another ([`crate::role_name`]), and more
/// than [`MAX_MULTI_WILDCARD_PATTERNS`] distinct Azure patterns with several `*`.
/// Flagged, as the warnings returned: each distinct such pattern, once
/// ([`ActionPattern::azure_limits`]), and every key a role's shape has no place for
/// ([`crate::import::unknown_key_warnings`]: it is ignored, so a misspelt
/// `notActions` would widen the role unseen), with "did you mean".
pub fn check_supplied(
    catalog: &Catalog,
    imported: &[ImportedRole],
) -> Result<Vec<JsonError>, JsonError> {
    let mut warnings = crate::import::unknown_key_warnings(imported);
    let mut multi: HashSet<&str> = HashSet::new();
    if let Some(r) = imported.get(crate::import::MAX_ROLES) {
        return Err(JsonError::at(
            &r.path,
            r.pos,
            format!(
                "more than {} role definitions: a tenant holds at most 5,000 custom roles, and the built-in roles number under 1,000",
                crate::import::MAX_ROLES
            ),
        ));
    }
    for r in imported {
        if let Some(e) = role_name::check_imported(catalog, r).into_iter().next() {
            return Err(JsonError::at(&r.path, r.pos, e.to_string()));
        }
        if r.role.plane() != Plane::Azure {
            continue;
        }
        for (b, block) in r.role.blocks.iter().enumerate() {
            for (list, patterns) in block.named_lists() {
                for (i, p) in patterns.iter().enumerate() {
                    let Err(e) = p.azure_limits() else {
                        continue;
                    };
                    if !multi.insert(p.lower()) {
                        continue;
                    }
                    let (path, pos) = r
                        .origins
                        .iter()
                        .find(|o| o.block == b && o.list == list)
                        .and_then(|o| o.element(i))
                        .unwrap_or((r.path.clone(), r.pos));
                    if multi.len() > MAX_MULTI_WILDCARD_PATTERNS {
                        return Err(JsonError::at(
                            &path,
                            pos,
                            format!("{e}, and the roles hold more than {MAX_MULTI_WILDCARD_PATTERNS} distinct patterns like it: Azure refuses them in roles created today and legacy roles carry a few, so this input is refused"),
                        ));
                    }
                    warnings.push(JsonError::at(
                        &path,
                        pos,
                        format!("{e}: Azure refuses it when a role is created or updated; a legacy role that holds it is evaluated here as a glob"),
                    ));
                }
            }
        }
    }
    Ok(warnings)
}

/// An assignment in this tool's own shape, read strictly (a misspelt key is an
/// error with "did you mean"). A condition that is not of the documented form is
/// added to `problems` (and the assignment read without it), so every such
/// condition is named at once.
fn assign_native(
    env: &mut Environment<'_>,
    a: &Node<'_>,
    problems: &mut Vec<JsonError>,
    warnings: &mut Vec<JsonError>,
) -> Result<(), JsonError> {
    check_keys(
        a,
        &[
            "role",
            "scope",
            "condition",
            "conditionVersion",
            "principal",
            "principalType",
            "description",
        ],
    )?;
    let role_node = a.get("role")?.ok_or_else(|| a.error("missing `role`"))?;
    let reference = role_node.as_str()?;
    let scope_node = a.get("scope")?;
    let scope = match &scope_node {
        Some(v) => v.as_opt_str()?,
        None => None,
    };
    let condition = match a.get("condition")? {
        Some(v) => match v.as_opt_str()?.filter(|c| !c.trim().is_empty()) {
            Some(c) => Condition::for_assignment(c)
                .map_err(|why| problems.push(v.error(why)))
                .ok(),
            None => None,
        },
        None => None,
    };
    let i = env
        .assign(reference, scope, condition)
        .map_err(|e| match (&e, &scope_node) {
            (AssignError::Scope(_) | AssignError::DirectoryScope { .. }, Some(v)) => {
                v.error(e.to_string())
            }
            (AssignError::NeedsScope { .. }, _) => a.error(e.to_string()),
            _ => role_node.error(e.to_string()),
        })?;
    // A scope a tenant-wide role does not read: said where it stands (an outside
    // review: a Cloud PC role "at" a resource group was evaluated tenant-wide
    // without a word).
    if let (Some(v), Some(r)) = (
        &scope_node,
        env.assignments.get(i).and_then(|x| env.roles.get(x.role)),
    ) {
        if let Some(why) = crate::evaluate::directory_scope_not_read(r.plane(), &r.name, scope) {
            warnings.push(v.error(why));
        }
    }
    // To whom: decides whether it counts for who asks (`Environment::holding`).
    if let Some(p) = opt_str(a, "principal")?.filter(|p| !p.trim().is_empty()) {
        let kind = opt_str(a, "principalType")?
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "Unknown".into());
        let (id, name) = match Subject::from_text(&p) {
            Subject::One { id, name } => (id, name),
            _ => (None, Some(p.trim().to_string())),
        };
        if let Some(x) = env.assignments.get_mut(i) {
            x.principals = vec![Principal { id, name, kind }];
        }
    }
    Ok(())
}

/// An assignment as az, PowerShell, Graph or Intune exported it: one assignment
/// per scope it lists, held by the principals it names (whether it counts for who
/// asks is [`Environment::holding`]'s to say). A condition that is not of the
/// documented form is refused, at its path.
pub fn assign_exported(env: &mut Environment<'_>, e: &Exported) -> Result<(), JsonError> {
    let condition = exported_condition(e)?;
    let principals: Vec<Principal> = e
        .principals
        .iter()
        .filter(|p| p.id.is_some() || p.name.is_some())
        .cloned()
        .collect();
    for scope in &e.scopes {
        let i = env
            .assign(&e.role, scope.as_deref(), condition.clone())
            .map_err(|err| {
                if err.is_about_scope() {
                    JsonError::at(&e.path, e.pos, err.to_string())
                } else {
                    JsonError::at(&e.role_path.0, e.role_path.1, err.to_string())
                }
            })?;
        if let Some(x) = env.assignments.get_mut(i) {
            x.principals.clone_from(&principals);
        }
    }
    Ok(())
}

/// An exported assignment's condition: refused at its path when it is not of the
/// documented form ([`Condition::for_assignment`]).
fn exported_condition(e: &Exported) -> Result<Option<Condition>, JsonError> {
    match e.condition.as_deref().filter(|c| !c.trim().is_empty()) {
        Some(c) => Condition::for_assignment(c).map(Some).map_err(|why| {
            let (path, pos) = e.condition_at.clone().unwrap_or((e.path.clone(), e.pos));
            JsonError::at(&path, pos, why)
        }),
        None => Ok(None),
    }
}

/// Who asks: the request's `principal` (an object id, or a name), else the one
/// principal its assignments name (the same object id or name throughout), else
/// unknown ([`Subject::Several`] when they name several).
/// With a note when the request's `principal` is not among the principals the
/// assignments name.
fn subject(root: &Node<'_>, named: &[Subject]) -> Result<(Subject, Option<String>), JsonError> {
    let key = |s: &Subject| match s {
        Subject::One { id: Some(id), .. } => id.to_ascii_lowercase(),
        Subject::One { name: Some(n), .. } => format!("name:{}", n.to_ascii_lowercase()),
        _ => String::new(),
    };
    let mut distinct: Vec<&Subject> = Vec::new();
    for s in named {
        if !distinct.iter().any(|d| key(d) == key(s)) {
            distinct.push(s);
        }
    }
    if let Some(v) = root.get("principal")? {
        if let Some(p) = v.as_opt_str()?.map(str::trim).filter(|p| !p.is_empty()) {
            let s = Subject::from_text(p);
            let note = (!distinct.is_empty() && !distinct.iter().any(|d| key(d) == key(&s))).then(|| {
                format!(
                    "the request's `principal` `{p}` is not among the principals its assignments name; deny assignments are applied for `{p}`, assignments to another user, service principal or device do not count for it, and those to a group or a principal of unknown type count only conditionally (`{p}` may be a member)"
                )
            });
            return Ok((s, note));
        }
    }
    Ok((
        match distinct.as_slice() {
            [] => Subject::Unnamed,
            [one] => (*one).clone(),
            many => Subject::Several(
                many.iter()
                    .map(|s| match s {
                        Subject::One { id: Some(id), .. } => id.clone(),
                        Subject::One { name: Some(n), .. } => n.clone(),
                        _ => String::new(),
                    })
                    .collect(),
            ),
        },
        None,
    ))
}

/// One element of `assignments`: this tool's shape or an export's; a condition
/// that is not of the documented form goes to `problems`, as does an export in
/// an assignment's shape that grants nothing as it stands (a PIM eligibility or
/// request, a classic Account Administrator, a directory role without members:
/// [`Exported::not_an_assignment`]).
fn read_assignment(
    env: &mut Environment<'_>,
    a: &Node<'_>,
    named: &mut Vec<Subject>,
    unused: &mut UnusedKeys,
    problems: &mut Vec<JsonError>,
    warnings: &mut Vec<JsonError>,
) -> Result<(), JsonError> {
    if !a.is_object() {
        return Err(a.error(format!(
            "expected an assignment object, found {}",
            a.value().kind()
        )));
    }
    match detect(a) {
        None | Some(Source::Request) => {
            assign_native(env, a, problems, warnings)?;
            if let Some(p) = opt_str(a, "principal")?.filter(|p| !p.trim().is_empty()) {
                named.push(Subject::from_text(&p));
            }
        }
        Some(_) => {
            let mut e = read_exported(a)?;
            // Exported in an assignment's shape, but not one (review H3 H1).
            if let Some(why) = e.not_an_assignment() {
                problems.push(a.error(format!("this is {why}")));
                return Ok(());
            }
            for p in &e.principals {
                match (&p.id, &p.name) {
                    (Some(id), _) => named.push(Subject::from_text(id)),
                    (None, Some(n)) => named.push(Subject::One {
                        id: None,
                        name: Some(n.clone()),
                    }),
                    (None, None) => {}
                }
            }
            unused.add(&e);
            // A condition is one problem among others: named, and the rest read.
            if let Err(err) = exported_condition(&e) {
                problems.push(err);
                e.condition = None;
            }
            assign_exported(env, &e)?;
        }
    }
    Ok(())
}

/// Most errors [`all_in_one`] writes out; the rest are counted (a file of
/// thousands of bad conditions still gives a line a person can read).
const ERRORS_NAMED: usize = 20;

/// Several errors as one (the first, with the others after it on the same line,
/// past [`ERRORS_NAMED`] counted), for a caller that reports one error; `None`
/// when there are none.
pub(crate) fn all_in_one(errors: Vec<JsonError>) -> Option<JsonError> {
    let total = errors.len();
    let mut rest = errors.into_iter();
    let mut first = rest.next()?;
    for e in rest.by_ref().take(ERRORS_NAMED - 1) {
        first.message.push_str(&format!("; {e}"));
    }
    if total > ERRORS_NAMED {
        first
            .message
            .push_str(&format!("; and {} more like these", total - ERRORS_NAMED));
    }
    Some(first)
}

/// A request's `managementGroups`: each group's members, subscriptions and child
/// groups. Refused, every problem named at once: a member that no group can hold (a
/// resource group or a resource: it lies in its subscription), a group among its
/// own members, a member under two groups, and groups that hold each other round a
/// cycle (in Azure each subscription and group has one parent, and the tree has no
/// loop; read as given, a cycle or a second parent would grant what no tenant can).
fn read_groups(groups: &Node<'_>) -> Result<Hierarchy, JsonError> {
    if !groups.is_object() {
        return Err(groups.error("expected an object: management group id → list of member scopes"));
    }
    let mut hierarchy = Hierarchy::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, &str> = HashMap::new();
    // Each member's one parent (a member's lowercase normalized scope → the group's
    // key as written), and each child group's parent group id, for the cycle test.
    let mut parent: HashMap<String, (String, &str)> = HashMap::new();
    let mut parent_group: BTreeMap<String, String> = BTreeMap::new();
    for (key, pos, members) in groups.members() {
        let id = Hierarchy::group_id(key);
        if let Some(first) = seen.insert(id.clone(), key) {
            problems.push(JsonError::at(
                &groups.path(),
                pos,
                format!("keys `{first}` and `{key}` name the same management group; keep one"),
            ));
            continue;
        }
        let path = members.path();
        for (i, (text, at)) in members.str_items()?.into_iter().enumerate() {
            let here = format!("{path}[{i}]");
            let scope = match Scope::parse(text) {
                Ok(s) => s,
                Err(e) => {
                    problems.push(JsonError::at(&here, at, e.to_string()));
                    continue;
                }
            };
            let member_group = match scope.kind() {
                ScopeKind::ManagementGroup(g) => Some(g),
                ScopeKind::Subscription(_) => None,
                _ => {
                    problems.push(JsonError::at(
                        &here,
                        at,
                        format!("`{}` is not a subscription or a management group: a management group holds only those (a resource group or resource lies in its subscription; list the subscription)", excerpt(text)),
                    ));
                    continue;
                }
            };
            if member_group.as_deref() == Some(id.as_str()) {
                problems.push(JsonError::at(
                    &here,
                    at,
                    format!("management group `{key}` lists itself as a member"),
                ));
                continue;
            }
            let normal = scope.key();
            match parent.get(&normal) {
                Some((other_id, other)) if *other_id != id => {
                    problems.push(JsonError::at(
                        &here,
                        at,
                        format!("`{}` is listed under management groups `{other}` and `{key}`: in Azure a subscription or management group has one parent", excerpt(text)),
                    ));
                    continue;
                }
                Some(_) => {}
                None => {
                    parent.insert(normal, (id.clone(), key));
                    if let Some(g) = member_group {
                        parent_group.insert(g, id.clone());
                    }
                }
            }
            hierarchy.add(key, scope);
        }
    }
    // Walk up from each group, each group once (linear: a chain of thousands of
    // groups is cheap); a walk that meets its own path has found a cycle, named
    // from its least id.
    let mut done: HashSet<&str> = HashSet::new();
    for start in parent_group.keys() {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::new();
        let mut at = Some(start.as_str());
        while let Some(g) = at {
            if done.contains(g) {
                break;
            }
            if let Some(&i) = on_path.get(g) {
                let cycle = &path[i..];
                let least = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
                let names: Vec<String> = cycle[least..]
                    .iter()
                    .chain(&cycle[..least])
                    .map(|g| format!("`{g}`"))
                    .collect();
                problems.push(groups.error(format!(
                    "management groups {} hold each other round a cycle (each is a member of the next, the last of the first): in Azure a group has one parent and the groups form a tree",
                    names.join(", ")
                )));
                break;
            }
            on_path.insert(g, path.len());
            path.push(g);
            at = parent_group.get(g).map(String::as_str);
        }
        done.extend(path);
    }
    match all_in_one(problems) {
        Some(e) => Err(e),
        None => Ok(hierarchy),
    }
}

/// Parse a request text.
pub fn parse<'c>(catalog: &'c Catalog, text: &str) -> Result<Request<'c>, JsonError> {
    let doc = json::parse(text)?;
    let root = Node::root(&doc);
    if !root.is_object() {
        return Err(root.error(format!(
            "expected a request object, found {}",
            root.value().kind()
        )));
    }
    check_keys(&root, REQUEST_KEYS)?;

    let mut imported = Vec::new();
    if let Some(roles) = root.get("roles")? {
        for r in roles.items()? {
            imported.extend(import_node(&r)?);
        }
    }
    let mut warnings = check_supplied(catalog, &imported)?;
    let roles = RoleSet::new(catalog, imported.iter().map(|i| i.role.clone()).collect());
    let mut env = Environment::new(roles);

    let mut unused = UnusedKeys::default();
    // The principals the assignments name, for deciding who asks.
    let mut named: Vec<Subject> = Vec::new();
    // Conditions that are not of the documented form, all named at once (with the
    // first other problem of the assignments, if one stops the reading).
    let mut problems: Vec<JsonError> = Vec::new();
    if let Some(list) = root.get("assignments")? {
        for a in list.items()? {
            let read = read_assignment(
                &mut env,
                &a,
                &mut named,
                &mut unused,
                &mut problems,
                &mut warnings,
            );
            if let Err(e) = read {
                let mut all = std::mem::take(&mut problems);
                all.push(e.clone());
                return Err(all_in_one(all).unwrap_or(e));
            }
        }
    }

    if let Some(list) = root.get("denyAssignments")? {
        match crate::deny::read_list(&list) {
            Ok(denies) => env.denies = denies,
            Err(e) => problems.push(e),
        }
    }
    if let Some(e) = all_in_one(problems) {
        return Err(e);
    }
    let (who, who_note) = subject(&root, &named)?;
    env.subject = who;
    env.subject_named = root
        .get("principal")?
        .and_then(|v| v.as_opt_str().ok().flatten().map(|p| !p.trim().is_empty()))
        .unwrap_or(false);

    if let Some(groups) = root.get("managementGroups")? {
        env.hierarchy = read_groups(&groups)?;
    }

    let mut queries = Vec::new();
    // Every query whose action cannot be asked about (empty, padded with
    // whitespace, a pattern), named at once.
    let mut bad_actions: Vec<JsonError> = Vec::new();
    let mut first_pattern: Option<String> = None;
    if let Some(list) = root.get("queries")? {
        for q in list.items()? {
            if !q.is_object() {
                return Err(q.error(format!(
                    "expected a query object, found {}",
                    q.value().kind()
                )));
            }
            check_keys(&q, &["action", "dataAction", "scope", "plane"])?;
            let action = opt_str(&q, "action")?.ok_or_else(|| q.error("missing `action`"))?;
            let at = |why: String| -> Result<JsonError, JsonError> {
                Ok(match q.get("action")? {
                    Some(v) => v.error(why),
                    None => q.error(why),
                })
            };
            if action.trim().is_empty() {
                bad_actions.push(q.error("`action` is empty"));
                continue;
            }
            if let Some(why) = crate::evaluate::padded_action(&action) {
                bad_actions.push(at(why)?);
                continue;
            }
            if let Some(why) = crate::evaluate::pattern_in_query(&action) {
                bad_actions.push(at(why)?);
                first_pattern.get_or_insert(action);
                continue;
            }
            // Absent (or null): the query does not say which plane.
            let data_action = match q.get("dataAction")? {
                Some(v) if !matches!(v.value(), Value::Null) => Some(v.as_bool()?),
                _ => None,
            };
            let plane = match opt_str(&q, "plane")? {
                Some(p) => Some(Plane::parse(&p).ok_or_else(|| {
                    q.error(format!(
                        "unknown plane `{p}` (expected azure, cloudPc, intune, entra)"
                    ))
                })?),
                None => None,
            };
            queries.push(Query {
                action,
                data_action,
                scope: scope_at(&q, "scope")?,
                plane,
            });
        }
    }

    if let Some(mut first) = all_in_one(bad_actions) {
        if let Some(pattern) = first_pattern {
            first
                .message
                .push_str(&format!("; {}", crate::evaluate::pattern_advice(&pattern)));
        }
        return Err(first);
    }

    let (sub, rg, vnet, storage) = match root.get("context")? {
        Some(c) if matches!(c.value(), Value::Null) => (None, None, None, None),
        Some(c) if !c.is_object() => {
            return Err(c.error(format!(
                "expected a context object (`subscription`, `resourceGroup`, `virtualNetwork`, `storageAccount`), found {}",
                c.value().kind()
            )))
        }
        Some(c) => {
            check_keys(
                &c,
                &[
                    "subscription",
                    "resourceGroup",
                    "virtualNetwork",
                    "storageAccount",
                ],
            )?;
            let (sub, rg, vnet, storage) = (
                context_scope(&c, "subscription")?,
                context_scope(&c, "resourceGroup")?,
                context_scope(&c, "virtualNetwork")?,
                context_scope(&c, "storageAccount")?,
            );
            if let Some((key, why)) =
                crate::readiness::context::outside_subscription(sub.as_ref(), rg.as_ref(), vnet.as_ref())
                    .into_iter()
                    .next()
            {
                return Err(c.get(key)?.map_or_else(|| c.error(why.clone()), |n| n.error(why.clone())));
            }
            (sub, rg, vnet, storage)
        }
        None => (None, None, None, None),
    };
    let context = Context::infer(&env, sub, rg, vnet, storage);
    let mut notes = unused.notes();
    notes.extend(who_note);
    Ok(Request {
        env,
        queries,
        context,
        imported,
        warnings,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(crate::catalog().unwrap(), text) {
            Ok(_) => panic!("accepted {text}"),
            Err(e) => e.to_string(),
        }
    }

    /// Every malformed condition is named, the assignments' and the deny
    /// assignments' together, past twenty counted (review F1 L1).
    #[test]
    fn malformed_conditions_are_named_together_and_counted_past_twenty() {
        let bad = |i: usize| {
            format!(
                r#"{{"role": "Reader", "scope": "/subscriptions/s{i}", "condition": "(@Resource[x] StringEquals 'a'"}}"#
            )
        };
        let two = format!(
            r#"{{"assignments": [{}, {}], "denyAssignments": [{{"name": "d", "scope": "/subscriptions/s1", "actions": ["*"], "condition": "nothing here"}}]}}"#,
            bad(0),
            bad(1)
        );
        let e = err(&two);
        for at in [
            "`$.assignments[0].condition`",
            "`$.assignments[1].condition`",
            "`$.denyAssignments[0].condition`",
        ] {
            assert!(e.contains(at), "{at}: {e}");
        }
        assert!(!e.contains("more like these"), "{e}");
        let many: Vec<String> = (0..25).map(bad).collect();
        let e = err(&format!(r#"{{"assignments": [{}]}}"#, many.join(", ")));
        assert_eq!(e.matches("is never closed").count(), 20, "{e}");
        assert!(e.ends_with("; and 5 more like these"), "{e}");
    }

    /// A context scope of another kind than its key names is refused: a resource
    /// group given as the subscription read as covering the subscription (review
    /// of 2026-12-05).
    #[test]
    fn context_scopes_must_be_of_their_kind() {
        let sub = "/subscriptions/s1";
        let rg = "/subscriptions/s1/resourceGroups/rg";
        let vnet =
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v";
        let sa =
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a";
        let ctx = |k: &str, v: &str| format!(r#"{{"context": {{"{k}": "{v}"}}}}"#);
        let cat = crate::catalog().unwrap();
        for (k, good) in [
            ("subscription", sub),
            ("resourceGroup", rg),
            ("virtualNetwork", vnet),
            ("storageAccount", sa),
        ] {
            assert!(parse(cat, &ctx(k, good)).is_ok(), "{k}");
            for bad in [sub, rg, vnet, sa, "/", &format!("{vnet}/subnets/s")] {
                if bad == good {
                    continue;
                }
                let e = err(&ctx(k, bad));
                assert!(e.contains(&format!("`$.context.{k}`")), "{e}");
                assert!(e.contains("expected a"), "{e}");
            }
        }
        // Placeholders of the documented form are scopes of their kind too.
        assert!(parse(cat, &ctx("subscription", "/subscriptions/{subscription}")).is_ok());
        // A resource group or virtual network in another subscription than the one
        // given is refused at its path (an outside review: Owner on s1 was said to
        // let Windows 365 assign its roles on a resource group in s2).
        let two = |k: &str, v: &str| {
            format!(r#"{{"context": {{"subscription": "/subscriptions/S1", "{k}": "{v}"}}}}"#)
        };
        assert!(parse(cat, &two("resourceGroup", rg)).is_ok());
        assert!(parse(cat, &two("virtualNetwork", vnet)).is_ok());
        assert!(parse(cat, &two("storageAccount", &sa.replace("s1", "s2"))).is_ok());
        for (k, v) in [("resourceGroup", rg), ("virtualNetwork", vnet)] {
            let e = err(&two(k, &v.replace("s1", "s2")));
            assert!(e.contains(&format!("`$.context.{k}`")), "{e}");
            assert!(e.contains("is in subscription `s2`, not in the context's subscription `/subscriptions/S1`"), "{e}");
        }
        // Without a subscription, the resource group and the virtual network given
        // must share one.
        let e = err(&format!(
            r#"{{"context": {{"resourceGroup": "{}", "virtualNetwork": "{vnet}"}}}}"#,
            rg.replace("s1", "s2")
        ));
        assert!(e.contains("`$.context.virtualNetwork`"), "{e}");
        assert!(
            e.contains("is in subscription `s1`, the resource group"),
            "{e}"
        );
    }

    /// Microsoft's own Intune or Cloud PC role as a Graph export lists it
    /// (`isBuiltIn: true`, Graph's id, which the bundle does not hold) is read,
    /// as the tenant review reads it; a custom role of that name is still refused.
    #[test]
    fn built_in_intune_roles_as_graph_lists_them_are_read() {
        let cat = crate::catalog().unwrap();
        let req = |builtin: bool| {
            format!(
                r#"{{"roles":[{{"id":"9e0cc482-82df-4ab2-a24c-0c23a3f52e1e","displayName":"Help Desk Operator","isBuiltIn":{builtin},"rolePermissions":[{{"resourceActions":[{{"allowedResourceActions":["Microsoft.Intune_ManagedDevices_Read"]}}]}}]}}]}}"#
            )
        };
        assert!(parse(cat, &req(true)).is_ok());
        assert!(err(&req(false)).contains("names the Intune built-in role `Help Desk Operator`"));
    }

    #[test]
    fn values_of_the_wrong_type_are_refused() {
        assert!(err(r#"{"context": 5}"#)
            .contains("`$.context` at line 1, column 13: expected a context object"));
        assert!(err(r#"{"context": ["/subscriptions/s1"]}"#).contains("found an array"));
        assert!(err(r#"{"denyAssignments": [1]}"#)
            .contains("expected a deny assignment object, found a number"));
        assert!(err(r#"{"managementGroups": {"corp": [], "CORP": []}}"#)
            .contains("keys `corp` and `CORP` name the same management group"));
        let cat = crate::catalog().unwrap();
        assert!(parse(cat, r#"{"context": null}"#).is_ok());
    }

    #[test]
    fn deny_assignments_read_an_arm_list_response_and_who_asks() {
        let cat = crate::catalog().unwrap();
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/deny/arm-denyassignments.json"
        ))
        .unwrap();
        let req = parse(
            cat,
            &format!(
                r#"{{"principal": "aaaaaaaa-0000-4000-8000-000000000001",
                    "assignments": [{{"role": "Owner", "scope": "/subscriptions/s1", "principal": "cccccccc-0000-4000-8000-000000000003"}}],
                    "denyAssignments": {text}}}"#
            ),
        )
        .unwrap();
        assert_eq!(req.env.denies.len(), 1);
        assert_eq!(
            req.env.denies[0].exclude_principals[0].id,
            "cccccccc-0000-4000-8000-000000000003"
        );
        assert!(req.env.denies[0].everyone());
        assert_eq!(
            req.env.subject.id(),
            Some("aaaaaaaa-0000-4000-8000-000000000001")
        );
        assert!(
            req.notes
                .iter()
                .any(|n| n.contains("is not among the principals its assignments name")),
            "{:?}",
            req.notes
        );
        assert!(err(r#"{"denyAssignments": {"value": [], "nextPage": 1}}"#)
            .contains("unknown key `nextPage` in a list response"));
        assert!(err(r#"{"denyAssignments": [{"type": "Microsoft.Authorization/roleAssignments", "properties": {}}]}"#)
            .contains("a deny assignment's is `Microsoft.Authorization/denyAssignments`"));
    }

    #[test]
    fn a_query_that_asks_about_a_pattern_is_refused_with_every_such_query_named() {
        let e = err(
            r#"{"assignments": [{"role": "Contributor", "scope": "/subscriptions/s1"}],
                "queries": [{"action": "*"},
                            {"action": "Microsoft.Compute/virtualMachines/read"},
                            {"action": "Microsoft.Authorization/*"},
                            {"action": "Microsoft.Authorization/roleAssignments/*", "dataAction": false}]}"#,
        );
        assert!(e.starts_with("`$.queries[0].action` at line 2"), "{e}");
        assert!(
            e.contains("`*` is a pattern, not an action: a query asks about one action"),
            "{e}"
        );
        assert!(e.contains("; `$.queries[2].action` at line 4"), "{e}");
        assert!(e.contains("; `$.queries[3].action` at line 5"), "{e}");
        assert!(!e.contains("queries[1]"), "{e}");
        assert!(
            e.contains("`Microsoft.Authorization/roleAssignments/*` is a pattern"),
            "{e}"
        );
        // What to ask instead is said once, at the end.
        assert!(e.ends_with("; ask about each action a pattern stands for: `w365-perms grants '*'` lists the roles that grant every operation it matches, `w365-perms expand --role NAME` a role's operations"), "{e}");
        assert_eq!(e.matches("w365-perms grants").count(), 1, "{e}");
        assert!(!e.contains('\n'), "{e}");
    }

    #[test]
    fn patterns_with_several_wildcards_are_flagged_and_many_are_refused() {
        let cat = crate::catalog().unwrap();
        let role = |actions: Vec<String>| {
            format!(
                r#"{{"roles": [{{"roleName": "R", "permissions": [{{"actions": {}}}], "assignableScopes": ["/subscriptions/s1"]}}]}}"#,
                serde_json::to_string(&actions).unwrap()
            )
        };
        let legacy = role(vec!["Microsoft.CostManagement/*/query/*".into(); 3]);
        let req = parse(cat, &legacy).unwrap();
        assert_eq!(req.warnings.len(), 1);
        assert!(req.warnings[0].to_string().contains(
            "has 2 wildcards; Azure accepts only one `*` in an action string: Azure refuses it"
        ));
        let many = role(
            (0..=MAX_MULTI_WILDCARD_PATTERNS)
                .map(|i| format!("*a*{i}"))
                .collect(),
        );
        let e = err(&many);
        assert!(e.contains("more than 64 distinct patterns like it"), "{e}");
        assert!(e.contains("actions[64]"), "{e}");
    }
}
