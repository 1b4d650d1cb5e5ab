//! What a student starts from, what a solution holds and what an answer is: the
//! request shape `w365-perms eval` reads, limited to what an administrator can
//! change (`roles`, `assignments`), plus `scopeTags` for the scope-tag exercises.
//!
//! `scopeTags` is one administrator's scope-tag scenario in the shape
//! `w365-perms visibility` reads: the Windows 365 `objects` with their tags, and
//! the student's own Intune, Cloud PC or Entra role `assignments` with theirs
//! (`{"role": "Cloud PC Reader", "scopeTags": ["Paris"]}`). Roles named there may
//! be the answer's custom roles. The `sees` check decides visibility in this
//! scenario, so an exercise about scope tags carries one in its start and its
//! solution, and the student's answer carries it on.

use super::problems::Problems;
use crate::bundle::Catalog;
use crate::evaluate::{AssignError, Environment};
use crate::import::import_node;
use crate::json::{self, Node};
use crate::model::{Plane, Role};
use crate::roleset::{RoleRef, RoleSet};
use crate::scopetags::{self, AdminAssignment, Mode, ScopeTagError, TaggedObject};
use serde_json::{json, Value};

use super::ExerciseError;

/// Most custom roles a setup may hold.
pub const MAX_ROLES: usize = 100;
/// Most role assignments a setup may hold.
pub const MAX_ASSIGNMENTS: usize = 500;

/// A role assignment as written: a role reference (name or id) and, for Azure
/// roles, a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupAssignment {
    /// Role name or id.
    pub role: String,
    /// Scope (Azure roles); `None` for tenant-wide roles.
    pub scope: Option<String>,
}

/// One scope-tag assignment of the student: a role and its tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagAssignment {
    /// Role name or id (an Intune, Cloud PC or Entra role).
    pub role: String,
    /// Its scope tags (empty: none given, so it sees every object).
    pub scope_tags: Vec<String>,
}

/// The scope-tag scenario of a setup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagSetup {
    /// The Windows 365 objects and their tags.
    pub objects: Vec<TaggedObject>,
    /// The student's tagged role assignments.
    pub assignments: Vec<TagAssignment>,
    /// Intune's opt-in scoped-permissions mode.
    pub scoped_permissions: bool,
}

/// Roles, assignments and, optionally, a scope-tag scenario.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Setup {
    /// Custom roles.
    pub roles: Vec<Role>,
    /// Role assignments, in order.
    pub assignments: Vec<SetupAssignment>,
    /// The scope-tag scenario, for `sees` checks.
    pub scope_tags: Option<TagSetup>,
    /// Warnings, as `eval` gives them: keys of its roles that were not read
    /// (`notAllowedResourceActions` in a Cloud PC role: did you mean
    /// `excludedResourceActions`?), and scopes a tenant-wide role does not read;
    /// grading goes on without them.
    pub warnings: Vec<String>,
}

/// An answer made ready for grading: its environment and scope-tag scenario.
#[derive(Debug)]
pub struct Answer<'c> {
    /// The roles and the assignments that could be used.
    pub env: Environment<'c>,
    /// The scenario's objects and the assignments that could be used, when given.
    pub tags: Option<(Vec<TaggedObject>, Vec<AdminAssignment>, Mode)>,
    /// Assignments that could not be used, and why (the app grades what it can and
    /// shows these; the strict readers refuse them before).
    pub problems: Vec<String>,
}

impl Setup {
    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.assignments.is_empty() && self.scope_tags.is_none()
    }

    /// Build the environment (and scenario) this setup describes.
    pub fn answer<'c>(&self, catalog: &'c Catalog) -> Answer<'c> {
        let mut env = Environment::new(RoleSet::new(catalog, self.roles.clone()));
        let mut problems = Vec::new();
        for (i, a) in self.assignments.iter().enumerate() {
            if let Err(e) = env.assign(&a.role, a.scope.as_deref(), None) {
                problems.push(format!("assignment {} (`{}`): {e}", i + 1, a.role));
            }
        }
        let tags = self.scope_tags.as_ref().map(|t| {
            let mut list = Vec::new();
            for (i, a) in t.assignments.iter().enumerate() {
                match tag_role(&env.roles, &a.role) {
                    Ok(role) => list.push(AdminAssignment {
                        role,
                        scope_tags: a.scope_tags.clone(),
                    }),
                    Err(e) => problems.push(format!(
                        "scope-tag assignment {} (`{}`): {e}",
                        i + 1,
                        a.role
                    )),
                }
            }
            let mode = if t.scoped_permissions {
                Mode::Scoped
            } else {
                Mode::Merged
            };
            (t.objects.clone(), list, mode)
        });
        Answer {
            env,
            tags,
            problems,
        }
    }

    /// The setup as JSON, in the form the reader takes: Azure roles in ARM shape,
    /// Cloud PC and Intune roles as Graph definitions.
    pub fn to_json(&self) -> Value {
        let roles: Vec<Value> = self.roles.iter().filter_map(role_json).collect();
        let assignments: Vec<Value> = self
            .assignments
            .iter()
            .map(|a| match &a.scope {
                Some(s) => json!({"role": a.role, "scope": s}),
                None => json!({"role": a.role}),
            })
            .collect();
        let mut out = json!({"roles": roles, "assignments": assignments});
        if let Some(t) = &self.scope_tags {
            let objects: Vec<Value> = t
                .objects
                .iter()
                .map(|o| serde_json::to_value(o).unwrap_or(Value::Null))
                .collect();
            let list: Vec<Value> = t
                .assignments
                .iter()
                .map(|a| {
                    if a.scope_tags.is_empty() {
                        json!({"role": a.role})
                    } else {
                        json!({"role": a.role, "scopeTags": a.scope_tags})
                    }
                })
                .collect();
            let mut s = json!({"objects": objects, "assignments": list});
            if t.scoped_permissions {
                s["scopedPermissions"] = json!(true);
            }
            out["scopeTags"] = s;
        }
        out
    }
}

/// A role definition as JSON: ARM shape for Azure roles, Graph for the others.
pub fn role_json(role: &Role) -> Option<Value> {
    let text = match role.plane() {
        Plane::Intune => crate::export::intune_json(role).ok()?,
        Plane::CloudPc | Plane::Entra => crate::export::graph_json(role).ok()?,
        Plane::Azure => crate::export::export(role, crate::export::Format::Arm).ok()?,
    };
    serde_json::from_str(&text).ok()
}

/// Resolve a scope-tag assignment's role: Intune, Cloud PC or Entra only.
fn tag_role(roles: &RoleSet<'_>, reference: &str) -> Result<RoleRef, String> {
    let r = roles.resolve(reference).map_err(|e| e.to_string())?;
    if roles.get(r).is_some_and(|x| x.plane() == Plane::Azure) {
        return Err(format!(
            "`{reference}` is an Azure role: scope tags apply to Intune, Cloud PC and Entra role assignments"
        ));
    }
    Ok(r)
}

/// Keys an answer may hold; `queries` and `principal` (who asks: the student) are
/// accepted and ignored so an `eval` request can be graded as it is.
const KEYS: [&str; 5] = ["roles", "assignments", "scopeTags", "queries", "principal"];

/// Read a setup (a start, a solution or an answer); problems are collected in `p`.
pub(crate) fn read(p: &mut Problems, catalog: &Catalog, n: &Node<'_>) -> Setup {
    let mut setup = Setup::default();
    if !p.object(n, "a request") {
        return setup;
    }
    for (k, pos) in n.keys() {
        let why = match k.to_ascii_lowercase().as_str() {
            "denyassignments" => "deny assignments are created by Azure (managed applications, deployment stacks), not by an administrator, so they are not part of an answer",
            "managementgroups" | "context" => "the scopes an exercise refers to belong to the exercise (its `context`), not to the answer",
            _ => continue,
        };
        p.push(json::JsonError::at(
            &n.path(),
            pos,
            format!("`{k}` cannot be part of an answer: {why}"),
        ));
    }
    let known: Vec<&str> = KEYS
        .iter()
        .copied()
        .chain(["denyAssignments", "managementGroups", "context"])
        .collect();
    p.keys(n, &known);

    if let Some(list) = p.list(n, "roles", false) {
        if list.len() > MAX_ROLES {
            p.push(n.error(format!(
                "{} roles; an exercise holds at most {MAX_ROLES}",
                list.len()
            )));
        } else {
            let mut read = Vec::new();
            for r in &list {
                match import_node(r) {
                    Ok(imported) => read.extend(imported),
                    Err(e) => p.push(e),
                }
            }
            // A custom role named (or numbered) like a built-in one is refused,
            // as every command refuses it: a check would otherwise resolve the name
            // to the built-in role and another score the custom one (review G L7).
            for r in &read {
                for e in crate::role_name::check_imported(catalog, r) {
                    p.push(json::JsonError::at(&r.path, r.pos, e.to_string()));
                }
            }
            setup.warnings = crate::import::unknown_key_warnings(&read)
                .iter()
                .map(ToString::to_string)
                .collect();
            setup.roles.extend(read.into_iter().map(|i| i.role));
        }
    }
    let mut env = Environment::new(RoleSet::new(catalog, setup.roles.clone()));
    if let Some(list) = p.list(n, "assignments", false) {
        if list.len() > MAX_ASSIGNMENTS {
            p.push(n.error(format!(
                "{} assignments; an exercise holds at most {MAX_ASSIGNMENTS}",
                list.len()
            )));
            return setup;
        }
        for a in &list {
            if !p.object(a, "an assignment") {
                continue;
            }
            // An assignment as az, PowerShell, Graph or Intune exported it, read as
            // `eval` reads it (review s43 T2: `grade` refused what `eval` took).
            if !matches!(
                crate::tenant::assignment::detect(a),
                None | Some(crate::tenant::assignment::Source::Request)
            ) {
                exported(p, &mut env, &mut setup, a);
                continue;
            }
            // As `eval` reads an assignment; who holds it is the student, so
            // `principal` and `principalType` are read and ignored.
            p.keys(
                a,
                &[
                    "role",
                    "scope",
                    "principal",
                    "principalType",
                    "description",
                    "condition",
                    "conditionVersion",
                ],
            );
            // One problem for a condition and its version.
            if let Some((key, c)) = ["condition", "conditionVersion"]
                .into_iter()
                .find_map(|k| Some((k, p.member(a, k)?)))
            {
                p.push(c.error(format!(
                    "`{key}`: an answer's assignments are graded without ABAC conditions (the exercise's checks ask what the roles give); remove it, or ask `w365-perms eval` what the condition decides"
                )));
            }
            let Some(role) = p.text(a, "role", true) else {
                continue;
            };
            let scope_node = p.member(a, "scope");
            let scope = match &scope_node {
                Some(v) => match v.as_str() {
                    // As written: a padded scope is refused, as `eval` refuses it.
                    Ok(s) => Some(s.to_string()).filter(|s| !s.trim().is_empty()),
                    Err(e) => {
                        p.push(e);
                        continue;
                    }
                },
                None => None,
            };
            match env.assign(&role, scope.as_deref(), None) {
                Ok(i) => {
                    // A scope a tenant-wide role does not read: said, as `eval` says it.
                    let plane = env.assignments.get(i).and_then(|x| env.roles.get(x.role));
                    if let (Some(v), Some(r)) = (&scope_node, plane) {
                        if let Some(why) = crate::evaluate::directory_scope_not_read(
                            r.plane(),
                            &r.name,
                            scope.as_deref(),
                        ) {
                            setup.warnings.push(v.error(why).to_string());
                        }
                    }
                    let tenant_wide = env.assignments.last().is_some_and(|x| x.scope.is_none());
                    setup.assignments.push(SetupAssignment {
                        role,
                        scope: if tenant_wide { None } else { scope },
                    });
                }
                Err(e) => {
                    let at = match (&e, &scope_node) {
                        (AssignError::Scope(_) | AssignError::DirectoryScope { .. }, Some(v)) => {
                            v.clone()
                        }
                        (AssignError::NeedsScope { .. }, _) => a.clone(),
                        _ => a.get("role").ok().flatten().unwrap_or_else(|| a.clone()),
                    };
                    p.push(at.error(e.to_string()));
                }
            }
        }
    }
    if let Some(t) = p.member(n, "scopeTags") {
        setup.scope_tags = tag_setup(p, catalog, &t, &setup.roles);
    }
    setup
}

/// One exported assignment of an answer: one [`SetupAssignment`] per scope it
/// lists; who holds it is the student, so its principals are ignored; a
/// condition is refused as in this tool's shape.
fn exported(p: &mut Problems, env: &mut Environment<'_>, setup: &mut Setup, a: &Node<'_>) {
    let e = match crate::tenant::assignment::read(a) {
        Ok(e) => e,
        Err(err) => {
            p.push(err);
            return;
        }
    };
    if let Some(why) = e.not_an_assignment() {
        p.push(a.error(format!("this is {why}")));
        return;
    }
    if e.condition.as_deref().is_some_and(|c| !c.trim().is_empty()) {
        let (path, pos) = e.condition_at.clone().unwrap_or((e.path.clone(), e.pos));
        p.push(json::JsonError::at(
            &path,
            pos,
            "an answer's assignments are graded without ABAC conditions (the exercise's checks ask what the roles give); remove it, or ask `w365-perms eval` what the condition decides",
        ));
        return;
    }
    for scope in &e.scopes {
        match env.assign(&e.role, scope.as_deref(), None) {
            Ok(_) => {
                let tenant_wide = env.assignments.last().is_some_and(|x| x.scope.is_none());
                setup.assignments.push(SetupAssignment {
                    role: e.role.clone(),
                    scope: if tenant_wide { None } else { scope.clone() },
                });
            }
            Err(err) => {
                let (path, pos) = if err.is_about_scope() {
                    (e.path.clone(), e.pos)
                } else {
                    e.role_path.clone()
                };
                p.push(json::JsonError::at(&path, pos, err.to_string()));
            }
        }
    }
}

fn tag_setup(
    p: &mut Problems,
    catalog: &Catalog,
    n: &Node<'_>,
    roles: &[Role],
) -> Option<TagSetup> {
    if n.get("roles").ok().flatten().is_some() {
        p.push(n.error(
            "custom roles go in the answer's `roles`, which the scope-tag scenario uses too",
        ));
        return None;
    }
    if n.get("admins").ok().flatten().is_some() {
        p.push(
            n.error("an answer's `scopeTags` holds the student's own `assignments`, not `admins`"),
        );
        return None;
    }
    match scopetags::from_node(catalog, n, roles.to_vec()) {
        Ok(s) => {
            let list = s
                .admins
                .first()
                .map(|a| {
                    a.assignments
                        .iter()
                        .map(|x| TagAssignment {
                            role: s
                                .roles
                                .get(x.role)
                                .map(|r| r.name.clone())
                                .unwrap_or_default(),
                            scope_tags: x.scope_tags.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(TagSetup {
                objects: s.objects,
                assignments: list,
                scoped_permissions: s.mode == Mode::Scoped,
            })
        }
        Err(ScopeTagError::Invalid { problems }) => {
            p.0.extend(problems);
            None
        }
        Err(ScopeTagError::Json(e)) => {
            p.push(e);
            None
        }
    }
}

/// Read an answer: a request with `roles` and `assignments` (and `scopeTags`).
/// Every problem is reported, each with its JSON path, line and column.
pub fn parse_answer(catalog: &Catalog, text: &str) -> Result<Setup, ExerciseError> {
    let doc = json::parse(text).map_err(ExerciseError::Json)?;
    let mut p = Problems::default();
    let setup = read(&mut p, catalog, &Node::root(&doc));
    if p.0.is_empty() {
        Ok(setup)
    } else {
        Err(ExerciseError::Invalid { problems: p.0 })
    }
}
