//! The request the command line and the app's Assignments view share:
//! `{"roles": [...], "assignments": [...], "queries": [...]}` and optional
//! `denyAssignments`, `managementGroups` and `context`.
//!
//! Parsing is strict (unknown keys are errors, with "did you mean") because a
//! misspelt key in a pipeline would silently change an answer.

use crate::bundle::Catalog;
use crate::condition::Condition;
use crate::evaluate::{AssignError, DenyAssignment, Environment, Query};
use crate::import::{import_node, ImportedRole};
use crate::json::{self, JsonError, Node, Value};
use crate::model::{PermissionBlock, Plane};
use crate::pattern::ActionPattern;
use crate::readiness::Context;
use crate::roleset::RoleSet;
use crate::scope::Scope;

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
}

fn check_keys(n: &Node<'_>, known: &[&str]) -> Result<(), JsonError> {
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

fn patterns(n: &Node<'_>, key: &str) -> Result<Vec<ActionPattern>, JsonError> {
    let Some(v) = n.get(key)? else {
        return Ok(Vec::new());
    };
    v.strings()?
        .into_iter()
        .map(|s| {
            ActionPattern::new(&s.text).map_err(|e| JsonError::at(&s.path, s.pos, e.to_string()))
        })
        .collect()
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
    check_keys(
        &root,
        &[
            "roles",
            "assignments",
            "queries",
            "denyAssignments",
            "managementGroups",
            "context",
        ],
    )?;

    let mut imported = Vec::new();
    if let Some(roles) = root.get("roles")? {
        for r in roles.items()? {
            imported.extend(import_node(&r)?);
        }
    }
    let roles = RoleSet::new(catalog, imported.iter().map(|i| i.role.clone()).collect());
    let mut env = Environment::new(roles);

    if let Some(list) = root.get("assignments")? {
        for a in list.items()? {
            if !a.is_object() {
                return Err(a.error(format!(
                    "expected an assignment object, found {}",
                    a.value().kind()
                )));
            }
            check_keys(
                &a,
                &[
                    "role",
                    "scope",
                    "condition",
                    "conditionVersion",
                    "principal",
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
            let condition = opt_str(&a, "condition")?
                .filter(|c| !c.trim().is_empty())
                .map(|c| Condition::parse(&c));
            env.assign(reference, scope, condition)
                .map_err(|e| match (&e, &scope_node) {
                    (AssignError::Scope(_), Some(v)) => v.error(e.to_string()),
                    (AssignError::NeedsScope { .. }, _) => a.error(e.to_string()),
                    _ => role_node.error(e.to_string()),
                })?;
        }
    }

    if let Some(list) = root.get("denyAssignments")? {
        for d in list.items()? {
            check_keys(
                &d,
                &[
                    "name",
                    "scope",
                    "actions",
                    "notActions",
                    "dataActions",
                    "notDataActions",
                    "doNotApplyToChildScopes",
                ],
            )?;
            let scope = scope_at(&d, "scope")?.ok_or_else(|| d.error("missing `scope`"))?;
            env.denies.push(DenyAssignment {
                name: opt_str(&d, "name")?.unwrap_or_else(|| "deny assignment".into()),
                scope,
                permissions: PermissionBlock {
                    actions: patterns(&d, "actions")?,
                    not_actions: patterns(&d, "notActions")?,
                    data_actions: patterns(&d, "dataActions")?,
                    not_data_actions: patterns(&d, "notDataActions")?,
                    condition: None,
                    condition_version: None,
                },
                do_not_apply_to_child_scopes: d
                    .get("doNotApplyToChildScopes")?
                    .map(|v| v.as_bool())
                    .transpose()?
                    .unwrap_or(false),
            });
        }
    }

    if let Some(groups) = root.get("managementGroups")? {
        if !groups.is_object() {
            return Err(
                groups.error("expected an object: management group id → list of member scopes")
            );
        }
        for (key, _) in groups.keys() {
            let members = groups
                .get(key)?
                .ok_or_else(|| groups.error("missing member list"))?;
            for s in members.strings()? {
                let scope = Scope::parse(&s.text)
                    .map_err(|e| JsonError::at(&s.path, s.pos, e.to_string()))?;
                env.hierarchy.add(key, scope);
            }
        }
    }

    let mut queries = Vec::new();
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
            if action.trim().is_empty() {
                return Err(q.error("`action` is empty"));
            }
            let data_action = match q.get("dataAction")? {
                Some(v) if !matches!(v.value(), Value::Null) => v.as_bool()?,
                _ => false,
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

    let (sub, rg, vnet, storage) = match root.get("context")? {
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
            (
                scope_at(&c, "subscription")?,
                scope_at(&c, "resourceGroup")?,
                scope_at(&c, "virtualNetwork")?,
                scope_at(&c, "storageAccount")?,
            )
        }
        None => (None, None, None, None),
    };
    let context = Context::infer(&env, sub, rg, vnet, storage);
    Ok(Request {
        env,
        queries,
        context,
        imported,
    })
}
