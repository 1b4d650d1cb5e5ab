//! One role assignment as a tool exported it: the request's own shape
//! (`role`, `scope`, `principal`), `az role assignment list -o json`,
//! `Get-AzRoleAssignment | ConvertTo-Json`, Graph `unifiedRoleAssignment` and
//! `unifiedRoleAssignmentMultiple` (`roleManagement/directory` and
//! `roleManagement/cloudPC`), and Intune `deviceAndAppManagementRoleAssignment`.
//!
//! Keys that decide something (the role, the scope, the condition) are read with
//! their JSON path; the principal is kept for grouping; every other key is
//! accepted and listed in [`Exported::unused`], so a reviewer sees what was not
//! used instead of a refusal.

use crate::json::{JsonError, Node, Pos, Value};
use serde::Serialize;

/// The tool an assignment was exported by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// This tool's request shape: `role`, `scope`, `principal`.
    Request,
    /// `az role assignment list -o json`.
    AzCli,
    /// `Get-AzRoleAssignment | ConvertTo-Json`.
    AzPowerShell,
    /// Graph `roleManagement/{directory,cloudPC}/roleAssignments`.
    Graph,
    /// Graph `deviceManagement/roleAssignments` (Intune).
    Intune,
}

impl Source {
    /// What a reviewer would call it.
    pub fn label(self) -> &'static str {
        match self {
            Source::Request => "w365-perms request",
            Source::AzCli => "az role assignment list",
            Source::AzPowerShell => "Get-AzRoleAssignment",
            Source::Graph => "Graph roleAssignments",
            Source::Intune => "Intune deviceManagement/roleAssignments",
        }
    }

    /// The keys of the shape that bear on a decision or name the principal.
    fn used(self) -> &'static [&'static str] {
        match self {
            Source::Request => &[
                "role",
                "scope",
                "condition",
                "conditionVersion",
                "principal",
                "principalType",
                "description",
            ],
            Source::AzCli => &[
                "roleDefinitionName",
                "roleDefinitionId",
                "scope",
                "condition",
                "conditionVersion",
                "principalName",
                "principalId",
                "principalType",
            ],
            Source::AzPowerShell => &[
                "RoleDefinitionName",
                "RoleDefinitionId",
                "Scope",
                "Condition",
                "ConditionVersion",
                "DisplayName",
                "SignInName",
                "ObjectId",
                "ObjectType",
            ],
            Source::Graph => &[
                "roleDefinitionId",
                "principalId",
                "principalIds",
                "directoryScopeId",
                "directoryScopeIds",
                "appScopeId",
                "appScopeIds",
                "condition",
                "principal",
            ],
            Source::Intune => &["roleDefinition", "roleDefinitionId", "members"],
        }
    }
}

/// Who holds an assignment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// The object id, when exported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name (UPN, display name or app name), when exported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `User`, `Group`, `ServicePrincipal`, ... or `Unknown`.
    #[serde(rename = "type")]
    pub kind: String,
}

impl Principal {
    /// The key assignments are grouped by: the id in lowercase, else the name.
    pub fn key(&self) -> String {
        match (&self.id, &self.name) {
            (Some(id), _) => id.to_ascii_lowercase(),
            (None, Some(n)) => format!("name:{}", n.to_ascii_lowercase()),
            (None, None) => "unknown".into(),
        }
    }

    /// The name if known, else the id.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or("(no principal)")
    }

    fn unknown() -> Principal {
        Principal {
            id: None,
            name: None,
            kind: "Unknown".into(),
        }
    }
}

/// One exported assignment, read.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The shape it was read as.
    pub source: Source,
    /// The role reference to resolve (an id, a resource id or a name).
    pub role: String,
    /// The other reference exported beside [`Exported::role`] (the name when the
    /// id is used, the Intune id when the display name is), for display.
    pub role_name: Option<String>,
    /// Where: one entry per scope (`None`: tenant-wide).
    pub scopes: Vec<Option<String>>,
    /// Who (Graph `principalIds` and Intune `members` may list several).
    pub principals: Vec<Principal>,
    /// The condition's text.
    pub condition: Option<String>,
    /// The JSON path and position of the condition, for errors (where there is one).
    pub condition_at: Option<(String, Pos)>,
    /// Keys accepted but not used for a decision.
    pub unused: Vec<String>,
    /// Explanations of what the review assumes for this shape (one line each).
    pub assumptions: Vec<&'static str>,
    /// The JSON path of the assignment.
    pub path: String,
    /// Its position.
    pub pos: Pos,
    /// The JSON path of the role reference, for errors.
    pub role_path: (String, Pos),
}

fn has(n: &Node<'_>, exact: &str) -> bool {
    n.keys().iter().any(|(k, _)| *k == exact)
}

fn has_any_case(n: &Node<'_>, key: &str) -> bool {
    n.keys().iter().any(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// The shape of an assignment object, if it is one.
pub fn detect(n: &Node<'_>) -> Option<Source> {
    if !n.is_object() {
        return None;
    }
    if has_any_case(n, "role") && !has_any_case(n, "roleDefinitionId") {
        return Some(Source::Request);
    }
    if has_any_case(n, "members") || has_any_case(n, "scopeMembers") || has(n, "roleDefinition") {
        return Some(Source::Intune);
    }
    if has(n, "RoleDefinitionName")
        || has(n, "RoleDefinitionId")
        || has(n, "ObjectId")
        || has(n, "SignInName")
        || has(n, "RoleAssignmentId")
    {
        return Some(Source::AzPowerShell);
    }
    if has_any_case(n, "roleDefinitionName")
        || (has_any_case(n, "roleDefinitionId") && has_any_case(n, "scope"))
    {
        return Some(Source::AzCli);
    }
    if has_any_case(n, "roleDefinitionId")
        && (has_any_case(n, "principalId")
            || has_any_case(n, "principalIds")
            || has_any_case(n, "directoryScopeId")
            || has_any_case(n, "directoryScopeIds"))
    {
        return Some(Source::Graph);
    }
    None
}

fn opt_str<'a>(n: &Node<'a>, key: &str) -> Result<Option<&'a str>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::trim).filter(|s| !s.is_empty())),
        None => Ok(None),
    }
}

fn opt_strs<'a>(n: &Node<'a>, key: &str) -> Result<Vec<&'a str>, JsonError> {
    match n.get(key)? {
        Some(v) if matches!(v.value(), Value::Null) => Ok(Vec::new()),
        Some(v) => Ok(v
            .str_items()?
            .into_iter()
            .map(|(s, _)| s.trim())
            .filter(|s| !s.is_empty())
            .collect()),
        None => Ok(Vec::new()),
    }
}

/// PowerShell's `ObjectType` and az's `principalType` use the same words.
fn kind_of(t: Option<&str>) -> String {
    t.unwrap_or("Unknown").to_string()
}

/// A Graph directory scope: `/` is the tenant; anything else narrows the
/// assignment, which the review treats as tenant-wide (and says so).
fn graph_scope(s: &str) -> Option<String> {
    (s != "/").then(|| s.to_string())
}

/// Read one assignment object of any supported shape.
pub fn read(n: &Node<'_>) -> Result<Exported, JsonError> {
    let source = detect(n).ok_or_else(|| {
        n.error("not a role assignment: expected `role` (this tool), `roleDefinitionName`/`roleDefinitionId` and `scope` (az), `RoleDefinitionName` and `Scope` (Get-AzRoleAssignment), `roleDefinitionId` and `principalId`/`principalIds` (Graph), or `roleDefinition` and `members` (Intune)")
    })?;
    let used = source.used();
    let unused: Vec<String> = n
        .keys()
        .into_iter()
        .filter(|(k, _)| !used.iter().any(|u| u.eq_ignore_ascii_case(k)))
        .map(|(k, _)| k.to_string())
        .collect();
    let mut assumptions = Vec::new();
    let role_at = |key: &str| -> Result<Option<(String, String, Pos)>, JsonError> {
        match n.get(key)? {
            Some(v) => Ok(v
                .as_opt_str()?
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| (s.to_string(), v.path(), v.pos()))),
            None => Ok(None),
        }
    };
    let missing_role = |what: &str| n.error(format!("missing the role: expected {what}"));
    let (role, role_name, role_path, scopes, principals, condition) = match source {
        Source::Request => {
            let (r, p, pos) = role_at("role")?.ok_or_else(|| missing_role("`role`"))?;
            let principal = opt_str(n, "principal")?.map(|p| Principal {
                id: None,
                name: Some(p.to_string()),
                kind: kind_of(opt_str(n, "principalType").ok().flatten()),
            });
            (
                r,
                None,
                (p, pos),
                vec![opt_str(n, "scope")?.map(str::to_string)],
                vec![principal.unwrap_or_else(Principal::unknown)],
                opt_str(n, "condition")?.map(str::to_string),
            )
        }
        Source::AzCli | Source::AzPowerShell => {
            let (id_key, name_key) = ("roleDefinitionId", "roleDefinitionName");
            let id = role_at(id_key)?;
            let name = role_at(name_key)?;
            // The id is exact; the name is what a reader recognises.
            let (r, p, pos) = id
                .clone()
                .or_else(|| name.clone())
                .ok_or_else(|| missing_role("`roleDefinitionId` or `roleDefinitionName`"))?;
            let role_name = id.and(name).map(|x| x.0);
            let principal = if source == Source::AzCli {
                Principal {
                    id: opt_str(n, "principalId")?.map(str::to_string),
                    name: opt_str(n, "principalName")?.map(str::to_string),
                    kind: kind_of(opt_str(n, "principalType")?),
                }
            } else {
                Principal {
                    id: opt_str(n, "ObjectId")?.map(str::to_string),
                    name: opt_str(n, "SignInName")?
                        .or(opt_str(n, "DisplayName")?)
                        .map(str::to_string),
                    kind: kind_of(opt_str(n, "ObjectType")?),
                }
            };
            // Missing (or null): the review lists it as unresolved, with why; a
            // request refuses it (an Azure role needs a scope).
            let scope = opt_str(n, "scope")?;
            (
                r,
                role_name,
                (p, pos),
                vec![scope.map(str::to_string)],
                vec![principal],
                opt_str(n, "condition")?.map(str::to_string),
            )
        }
        Source::Graph => {
            let (r, p, pos) =
                role_at("roleDefinitionId")?.ok_or_else(|| missing_role("`roleDefinitionId`"))?;
            let mut ids: Vec<&str> = opt_strs(n, "principalIds")?;
            if let Some(one) = opt_str(n, "principalId")? {
                ids.push(one);
            }
            // `$expand=principal` gives the principal's name and type.
            let (name, kind) = match n.get("principal")? {
                Some(p) if p.is_object() => (
                    opt_str(&p, "displayName")?.map(str::to_string),
                    opt_str(&p, "@odata.type")?
                        .map(|t| {
                            let t = t.rsplit('.').next().unwrap_or(t);
                            let mut c = t.chars();
                            c.next()
                                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                                .unwrap_or_default()
                        })
                        .unwrap_or_else(|| "Unknown".into()),
                ),
                _ => (None, "Unknown".into()),
            };
            let principals = if ids.is_empty() {
                vec![Principal::unknown()]
            } else {
                ids.iter()
                    .map(|id| Principal {
                        id: Some(id.to_string()),
                        name: if ids.len() == 1 { name.clone() } else { None },
                        kind: kind.clone(),
                    })
                    .collect()
            };
            let mut scopes: Vec<&str> = opt_strs(n, "directoryScopeIds")?;
            if let Some(one) = opt_str(n, "directoryScopeId")? {
                scopes.push(one);
            }
            let app: Vec<&str> = opt_strs(n, "appScopeIds")?
                .into_iter()
                .chain(opt_str(n, "appScopeId")?)
                .collect();
            if scopes.iter().any(|s| *s != "/") || app.iter().any(|s| *s != "/") {
                assumptions.push("a Graph assignment scoped below the tenant (an administrative unit, an app scope) is reviewed as tenant-wide: the answer may overstate what it allows");
            }
            let scopes = if scopes.is_empty() {
                vec![None]
            } else {
                scopes.iter().map(|s| graph_scope(s)).collect()
            };
            (
                r,
                None,
                (p, pos),
                scopes,
                principals,
                opt_str(n, "condition")?.map(str::to_string),
            )
        }
        Source::Intune => {
            let (r, name, p, pos) = match n.get("roleDefinition")? {
                Some(v) if v.is_object() => {
                    let id = opt_str(&v, "id")?;
                    let name = opt_str(&v, "displayName")?;
                    // Intune's built-in role ids differ per cloud and are not in
                    // the catalog; the display name is what resolves.
                    let r = name.or(id).ok_or_else(|| {
                        v.error("missing the role: expected `roleDefinition.id` or `roleDefinition.displayName`")
                    })?;
                    (
                        r.to_string(),
                        name.and(id).map(str::to_string),
                        v.path(),
                        v.pos(),
                    )
                }
                Some(v) if !matches!(v.value(), Value::Null) => {
                    (v.as_str()?.trim().to_string(), None, v.path(), v.pos())
                }
                _ => {
                    let (r, p, pos) = role_at("roleDefinitionId")?.ok_or_else(|| {
                        missing_role(
                            "`roleDefinition` (use `$expand=roleDefinition`) or `roleDefinitionId`",
                        )
                    })?;
                    (r, None, p, pos)
                }
            };
            if r.is_empty() {
                return Err(JsonError::at(&p, pos, "the role reference is empty"));
            }
            let members = opt_strs(n, "members")?;
            if has_any_case(n, "scopeMembers")
                || has_any_case(n, "resourceScopes")
                || has_any_case(n, "roleScopeTagIds")
            {
                assumptions.push("Intune `scopeMembers`, `resourceScopes` and `roleScopeTagIds` limit which devices and users an assignment acts on, not which permissions it holds; the review treats the assignment as tenant-wide (see `w365-perms visibility` for scope tags)");
            }
            let principals = if members.is_empty() {
                vec![Principal::unknown()]
            } else {
                members
                    .iter()
                    .map(|m| Principal {
                        id: Some(m.to_string()),
                        name: None,
                        kind: "Group".into(),
                    })
                    .collect()
            };
            (r, name, (p, pos), vec![None], principals, None)
        }
    };
    let condition_at = match (&condition, n.get("condition")?) {
        (Some(_), Some(v)) => Some((v.path(), v.pos())),
        _ => None,
    };
    Ok(Exported {
        source,
        role,
        role_name,
        scopes,
        principals,
        condition,
        condition_at,
        unused,
        assumptions,
        path: n.path(),
        pos: n.pos(),
        role_path,
    })
}

/// Keys accepted and not used, summed over many assignments of each shape: one note
/// per shape, not one per assignment.
#[derive(Debug, Default, Clone)]
pub struct UnusedKeys {
    by_source: Vec<(Source, Vec<String>, usize, String)>,
    assumptions: Vec<&'static str>,
}

impl UnusedKeys {
    /// Record one assignment's unused keys and assumptions.
    pub fn add(&mut self, e: &Exported) {
        for a in &e.assumptions {
            if !self.assumptions.contains(a) {
                self.assumptions.push(a);
            }
        }
        let entry = match self.by_source.iter_mut().find(|x| x.0 == e.source) {
            Some(x) => x,
            None => {
                self.by_source
                    .push((e.source, Vec::new(), 0, e.path.clone()));
                let last = self.by_source.len() - 1;
                match self.by_source.get_mut(last) {
                    Some(x) => x,
                    None => return,
                }
            }
        };
        entry.2 += 1;
        for k in &e.unused {
            if !entry.1.iter().any(|x| x == k) && entry.1.len() < 64 {
                entry.1.push(k.clone());
            }
        }
    }

    /// One sentence per shape that had unused keys, then the assumptions.
    pub fn notes(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .by_source
            .iter()
            .filter(|x| !x.1.is_empty())
            .map(|(s, keys, n, first)| {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                format!(
                    "{n} assignment(s) read as {} (first at `{first}`); accepted but not used for any decision: {}",
                    s.label(),
                    keys.join(", ")
                )
            })
            .collect();
        out.extend(self.assumptions.iter().map(|a| a.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Exported {
        let doc = crate::json::parse(text).unwrap();
        read(&Node::root(&doc)).unwrap()
    }

    #[test]
    fn shapes_are_told_apart() {
        let az = one(
            r#"{"principalName":"a@x.com","principalType":"User","principalId":"p1","roleDefinitionName":"Reader","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","scope":"/subscriptions/s1","createdOn":"2024"}"#,
        );
        assert_eq!(az.source, Source::AzCli);
        assert_eq!(az.role_name.as_deref(), Some("Reader"));
        assert_eq!(az.principals[0].name.as_deref(), Some("a@x.com"));
        assert_eq!(az.unused, ["createdOn"]);
        let ps = one(
            r#"{"RoleDefinitionName":"Owner","RoleDefinitionId":"8e3af657-a8ff-443c-a75c-2fe8c4bcb635","Scope":"/subscriptions/s1","DisplayName":"Ops","SignInName":null,"ObjectId":"g1","ObjectType":"Group","CanDelegate":false}"#,
        );
        assert_eq!(ps.source, Source::AzPowerShell);
        assert_eq!(ps.principals[0].kind, "Group");
        assert_eq!(ps.principals[0].name.as_deref(), Some("Ops"));
        let g = one(
            r#"{"id":"x","roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","principalIds":["u1","u2"],"directoryScopeIds":["/"],"appScopeIds":[]}"#,
        );
        assert_eq!(g.source, Source::Graph);
        assert_eq!(g.principals.len(), 2);
        assert_eq!(g.scopes, vec![None]);
        let i = one(
            r#"{"id":"a","displayName":"Helpdesk","members":["g1"],"scopeMembers":["g2"],"roleScopeTagIds":["0"],"roleDefinition":{"id":"r1","displayName":"Help Desk Operator"}}"#,
        );
        assert_eq!(i.source, Source::Intune);
        assert_eq!(i.role, "Help Desk Operator");
        assert_eq!(i.role_name.as_deref(), Some("r1"));
        assert_eq!(i.assumptions.len(), 1);
    }

    #[test]
    fn unusable_assignments_name_their_path() {
        let doc = crate::json::parse(r#"[{"roleDefinitionName": 5, "scope": "/"}]"#).unwrap();
        let item = Node::root(&doc).items().unwrap().remove(0);
        let e = read(&item).unwrap_err().to_string();
        assert!(e.contains("`$[0].roleDefinitionName`"), "{e}");
        let doc = crate::json::parse(r#"{"foo": 1}"#).unwrap();
        assert!(read(&Node::root(&doc))
            .unwrap_err()
            .to_string()
            .contains("not a role assignment"));
    }
}
