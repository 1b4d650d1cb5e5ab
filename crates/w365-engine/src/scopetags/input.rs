//! The JSON scenario the CLI (`w365-perms visibility`) and the app share:
//! `{"objects": [{"id", "type", "scopeTags"}], "assignments": [{"role", "scopeTags"}]}`
//! for one administrator, or `"admins": [{"name", "assignments"}]` for several;
//! optional `roles` (custom role definitions) and `scopedPermissions`.
//!
//! Keys are strict (a misspelt key would silently change an answer) and every
//! problem is collected before the scenario is refused. Limits are checked before
//! any work: 2,000 objects, 200 assignments in all, 100 tags per object or
//! assignment (Intune's own limit, S1).

use super::{Mode, ObjectType, ScopeTagError, TaggedAssignment, TaggedObject};
use crate::bundle::Catalog;
use crate::import::import_node;
use crate::json::{self, JsonError, Node, Value};
use crate::model::{Plane, Role};
use crate::roleset::{RoleRef, RoleSet};

/// Most objects a scenario may hold.
pub const MAX_OBJECTS: usize = 2_000;
/// Most assignments a scenario may hold, all administrators together.
pub const MAX_ASSIGNMENTS: usize = 200;
/// Most answers (administrators × objects) a scenario may ask for: each is a
/// decision with its reasons, so this bounds the time, the memory and the output.
pub const MAX_CELLS: usize = 50_000;
/// Most decisions (each administrator's assignments × objects) a scenario may ask
/// for: each weighs one assignment for one object, with its reason.
pub const MAX_PAIRS: usize = 100_000;
/// Most tags an object or an assignment may carry (S1: "at most 100").
pub const MAX_TAGS: usize = 100;

/// One administrator's assignment: a role and its scope tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminAssignment {
    /// The role.
    pub role: RoleRef,
    /// Its scope tags (empty: none given).
    pub scope_tags: Vec<String>,
}

/// An administrator and the role assignments they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admin {
    /// A name for display (`admin 1` when none was given).
    pub name: String,
    /// Assignments.
    pub assignments: Vec<AdminAssignment>,
}

impl Admin {
    /// The assignments in the form [`super::decide`] takes.
    pub fn tagged(&self) -> Vec<TaggedAssignment<'_>> {
        self.assignments
            .iter()
            .map(|a| TaggedAssignment {
                role: a.role,
                scope_tags: &a.scope_tags,
            })
            .collect()
    }
}

/// A parsed scenario.
#[derive(Debug)]
pub struct Scenario<'c> {
    /// Built-in roles plus the supplied ones.
    pub roles: RoleSet<'c>,
    /// The objects, in input order.
    pub objects: Vec<TaggedObject>,
    /// The administrators (one when the input gave `assignments`).
    pub admins: Vec<Admin>,
    /// Merged (default) or scoped permissions.
    pub mode: Mode,
    /// The input gave one administrator's `assignments` (not `admins`).
    pub single: bool,
    /// Keys of the supplied roles that their shape has no place for: ignored, each
    /// named with its path and "did you mean" ([`crate::import::unknown_key_warnings`]).
    pub warnings: Vec<JsonError>,
}

impl Scenario<'_> {
    /// What the first (or only) administrator sees of every object, in input order.
    pub fn visibility(&self) -> Vec<super::Visibility> {
        self.grid_row(0)
    }

    /// The administrators × objects grid.
    pub fn grid(&self) -> super::Grid {
        super::grid(&self.roles, &self.admins, &self.objects, self.mode)
    }

    /// One administrator's row of [`Scenario::grid`] (every object, in input
    /// order; empty past the last administrator), so a large grid can be decided a
    /// few rows at a time.
    pub fn grid_row(&self, admin: usize) -> Vec<super::Visibility> {
        self.admins.get(admin).map_or_else(Vec::new, |a| {
            super::grid::row(&self.roles, a, &self.objects, self.mode)
        })
    }

    /// The grid of rows decided one by one with [`Scenario::grid_row`], in order.
    pub fn grid_of_rows(&self, cells: Vec<Vec<super::Visibility>>) -> super::Grid {
        super::Grid {
            admins: self.admins.iter().map(|a| a.name.clone()).collect(),
            objects: self.objects.iter().map(|o| o.id.clone()).collect(),
            cells,
        }
    }

    /// The scenario in the JSON form [`parse`] reads (to save, export or share it):
    /// roles by name, supplied Cloud PC and Intune roles as Graph definitions.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Value as J};
        let role_name = |r: RoleRef| {
            self.roles
                .get(r)
                .map(|x| x.name.clone())
                .unwrap_or_default()
        };
        let assignments = |a: &Admin| -> Vec<J> {
            a.assignments
                .iter()
                .map(|x| {
                    let mut m = json!({"role": role_name(x.role)});
                    if !x.scope_tags.is_empty() {
                        m["scopeTags"] = json!(x.scope_tags);
                    }
                    m
                })
                .collect()
        };
        let objects: Vec<J> = self
            .objects
            .iter()
            .map(|o| serde_json::to_value(o).unwrap_or(J::Null))
            .collect();
        let roles: Vec<J> = self
            .roles
            .custom()
            .iter()
            .filter_map(|r| {
                let text = match r.plane() {
                    Plane::Intune => crate::export::intune_json(r).ok()?,
                    Plane::CloudPc => crate::export::graph_json(r).ok()?,
                    _ => crate::export::role_json(r).ok()?,
                };
                serde_json::from_str(&text).ok()
            })
            .collect();
        let mut out = json!({"objects": objects});
        if !roles.is_empty() {
            out["roles"] = json!(roles);
        }
        if self.mode == Mode::Scoped {
            out["scopedPermissions"] = json!(true);
        }
        match (self.single, self.admins.first()) {
            (true, Some(a)) => out["assignments"] = json!(assignments(a)),
            _ => {
                out["admins"] = json!(self
                    .admins
                    .iter()
                    .map(|a| json!({"name": a.name, "assignments": assignments(a)}))
                    .collect::<Vec<_>>())
            }
        }
        out
    }
}

struct Problems(Vec<JsonError>);

impl Problems {
    fn keys(&mut self, n: &Node<'_>, known: &[&str]) {
        for (k, pos) in n.keys() {
            if !known.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                // Scope groups are the other half of an Intune assignment: say why
                // they are not read (review G L6).
                let groups = ["scopeGroups", "scopeMembers", "members"]
                    .iter()
                    .any(|g| g.eq_ignore_ascii_case(k));
                let hint = if groups {
                    " (scope groups and members are not modelled: they decide which users and devices an assignment acts on and who holds it, not which objects its admins see; only scope tags decide visibility, intune-scope-tags.md §1; an action on a device that only an Intune role assignment grants is answered `conditional`, with a reason naming the assignment whose scope groups decide it, R16)".to_string()
                } else {
                    crate::fuzzy::closest(k, known.iter().copied())
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default()
                };
                self.0.push(JsonError::at(
                    &n.path(),
                    pos,
                    format!("unknown key `{k}`{hint}"),
                ));
            }
        }
    }

    fn push(&mut self, e: JsonError) {
        self.0.push(e);
    }

    /// Tags: an array of non-empty strings, at most [`MAX_TAGS`], kept as given;
    /// duplicates (as [`super::tag_key`] compares tags) dropped.
    fn tags(&mut self, n: &Node<'_>, key: &str) -> Option<Vec<String>> {
        let v = match n.get(key) {
            Ok(Some(v)) => v,
            Ok(None) => return None,
            Err(e) => {
                self.push(e);
                return None;
            }
        };
        if matches!(v.value(), Value::Null) {
            return None;
        }
        // Every element that is not a string is named, not only the first (an
        // outside review), and the strings are still read.
        let nodes = match v.items() {
            Ok(nodes) => nodes,
            Err(e) => {
                self.push(e);
                return Some(Vec::new());
            }
        };
        let mut items = Vec::with_capacity(nodes.len());
        for item in &nodes {
            match item.as_str() {
                Ok(text) => items.push(crate::json::Located {
                    text: text.to_string(),
                    path: item.path(),
                    pos: item.pos(),
                }),
                Err(e) => self.push(e),
            }
        }
        if items.len() > MAX_TAGS {
            self.push(v.error(format!(
                "{} scope tags; Intune allows at most {MAX_TAGS}",
                items.len()
            )));
        }
        let mut out: Vec<String> = Vec::new();
        for s in items {
            let t = s.text.trim();
            if t.is_empty() {
                self.push(JsonError::at(&s.path, s.pos, "a scope tag cannot be empty"));
            } else if !out.iter().any(|x| super::tag_key(x) == super::tag_key(t)) {
                // Kept as given: a match that needs case or space folding is noted.
                out.push(s.text.clone());
            }
        }
        Some(out)
    }

    fn string(&mut self, n: &Node<'_>, key: &str, required: bool) -> Option<String> {
        match n.get(key) {
            Ok(Some(v)) => match v.as_str() {
                Ok(s) => Some(s.to_string()),
                Err(e) => {
                    self.push(e);
                    None
                }
            },
            Ok(None) => {
                if required {
                    self.push(n.error(format!("missing `{key}`")));
                }
                None
            }
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    fn list<'a>(&mut self, n: &Node<'a>, key: &str) -> Option<Vec<Node<'a>>> {
        match n.get(key) {
            Ok(Some(v)) => match v.items() {
                Ok(items) => Some(items),
                Err(e) => {
                    self.push(e);
                    None
                }
            },
            Ok(None) => None,
            Err(e) => {
                self.push(e);
                None
            }
        }
    }
}

/// An object, with the `name` the input gave it (kept for a policy's group rule).
fn object(p: &mut Problems, n: &Node<'_>) -> Option<(TaggedObject, Option<String>)> {
    if !n.is_object() {
        p.push(n.error(format!("expected an object, found {}", n.value().kind())));
        return None;
    }
    p.keys(
        n,
        &[
            "id",
            "type",
            "scopeTags",
            "deviceScopeTags",
            "provisioningPolicy",
            "name",
        ],
    );
    let id = p.string(n, "id", true);
    let kind = p.string(n, "type", true).and_then(|t| {
        let parsed = ObjectType::parse(&t);
        if parsed.is_none() {
            let names = ObjectType::ALL.map(ObjectType::as_str);
            let hint = crate::fuzzy::closest(&t, names)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            let msg = format!(
                "unknown object type `{t}` ({hint}expected {})",
                names.join(", ")
            );
            p.push(n.error_at("type", msg));
        }
        parsed
    });
    let scope_tags = p.tags(n, "scopeTags").unwrap_or_default();
    let device_scope_tags = p.tags(n, "deviceScopeTags");
    let provisioning_policy = p.string(n, "provisioningPolicy", false);
    let name = p.string(n, "name", false);
    // Seed 004: "Your provisioning policy name cannot contain the following
    // characters: < > & | \" ^" (a policy's name feeds the dynamic group rule).
    let policy_name = |key: &str, text: &Option<String>, p: &mut Problems| {
        let mut bad: Vec<char> = Vec::new();
        for c in text.as_deref().unwrap_or_default().chars() {
            if "<>&|\"^".contains(c) && !bad.contains(&c) {
                bad.push(c);
            }
        }
        if let (false, Some(at)) = (bad.is_empty(), n.get(key).ok().flatten()) {
            let shown: String = bad
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(" ");
            p.push(at.error(format!(
                "a provisioning policy name cannot contain {shown} (seed 004: < > & | \" ^ are not allowed)"
            )));
        }
    };
    policy_name("provisioningPolicy", &provisioning_policy, p);
    if kind == Some(ObjectType::ProvisioningPolicy) {
        policy_name("name", &name, p);
    }
    // An empty id names nothing a check can find, and a Cloud PC's keys on another
    // object would be ignored without a word (an outside review).
    if id.as_deref().is_some_and(|i| i.trim().is_empty()) {
        p.push(n.error_at("id", "an object's id is empty: give it one".to_string()));
    }
    if let Some(k) = kind.filter(|k| *k != ObjectType::CloudPc) {
        for key in ["deviceScopeTags", "provisioningPolicy"] {
            if n.get(key).ok().flatten().is_some() {
                p.push(n.error_at(
                    key,
                    format!(
                        "`{key}` belongs to a Cloud PC (type `cloudPc`), not to an object of type `{}`",
                        k.as_str()
                    ),
                ));
            }
        }
    }
    Some((
        TaggedObject {
            id: id?,
            kind: kind?,
            scope_tags,
            device_scope_tags,
            provisioning_policy,
            policy: None,
        },
        name,
    ))
}

/// Link each Cloud PC whose `provisioningPolicy` is the id of a provisioning policy
/// of the scenario (ASCII case and surrounding spaces ignored, as ids are unique that
/// way) to that policy: its name for the group rule, its tags for R13 (inferred: a
/// Cloud PC without tags of its own takes them).
fn link_policies(objects: &mut [TaggedObject], names: &[Option<String>]) {
    let policies: std::collections::HashMap<String, super::PolicyLink> = objects
        .iter()
        .zip(names)
        .filter(|(o, _)| o.kind == ObjectType::ProvisioningPolicy)
        .map(|(o, name)| {
            (
                o.id.trim().to_ascii_lowercase(),
                super::PolicyLink {
                    id: o.id.clone(),
                    name: name.clone(),
                    scope_tags: o.scope_tags.clone(),
                },
            )
        })
        .collect();
    if policies.is_empty() {
        return;
    }
    for o in objects.iter_mut() {
        if o.kind != ObjectType::CloudPc {
            continue;
        }
        if let Some(p) = &o.provisioning_policy {
            o.policy = policies.get(&p.trim().to_ascii_lowercase()).cloned();
        }
    }
}

fn assignments(p: &mut Problems, roles: &RoleSet<'_>, list: &[Node<'_>]) -> Vec<AdminAssignment> {
    let mut out = Vec::new();
    for a in list {
        if !a.is_object() {
            p.push(a.error(format!("expected an object, found {}", a.value().kind())));
            continue;
        }
        p.keys(a, &["role", "scopeTags"]);
        let tags = p.tags(a, "scopeTags").unwrap_or_default();
        let Some(reference) = p.string(a, "role", true) else {
            continue;
        };
        let at = a.get("role").ok().flatten();
        let err = |msg: String| match &at {
            Some(v) => v.error(msg),
            None => a.error(msg),
        };
        match roles.resolve(&reference) {
            Ok(r) => {
                if roles.get(r).is_some_and(|x| x.plane() == Plane::Azure) {
                    p.push(err(format!(
                        "`{reference}` is an Azure role: scope tags apply to Intune, Cloud PC and Entra role assignments"
                    )));
                    continue;
                }
                out.push(AdminAssignment {
                    role: r,
                    scope_tags: tags,
                });
            }
            Err(e) => p.push(err(e.to_string())),
        }
    }
    out
}

/// Parse a scenario; every problem is reported, none stops the reading.
pub fn parse<'c>(catalog: &'c Catalog, text: &str) -> Result<Scenario<'c>, ScopeTagError> {
    let doc = json::parse(text).map_err(ScopeTagError::Json)?;
    from_node(catalog, &Node::root(&doc), Vec::new())
}

/// Read a scenario from a value of a larger document (an exercise's `scopeTags`),
/// with `extra_roles` (the document's own custom roles) added to the scenario's.
pub fn from_node<'c>(
    catalog: &'c Catalog,
    root: &Node<'_>,
    extra_roles: Vec<Role>,
) -> Result<Scenario<'c>, ScopeTagError> {
    let root = root.clone();
    if !root.is_object() {
        return Err(ScopeTagError::Invalid {
            problems: vec![root.error(format!(
                "expected an object with `objects` and `assignments`, found {}",
                root.value().kind()
            ))],
        });
    }
    let mut p = Problems(Vec::new());
    p.keys(
        &root,
        &[
            "objects",
            "assignments",
            "admins",
            "roles",
            "scopedPermissions",
        ],
    );
    let mut custom = extra_roles;
    let mut imported_roles = Vec::new();
    if let Some(list) = p.list(&root, "roles") {
        for r in list {
            match import_node(&r) {
                Ok(imported) => imported_roles.extend(imported),
                Err(e) => p.push(e),
            }
        }
    }
    // A custom role named (or numbered) like a built-in one is refused, as every
    // other reader of roles refuses it: the assignment would otherwise be answered
    // for the built-in role, the definition dropped without a word (an outside
    // review: a custom "Cloud PC Reader" holding Reboot).
    for r in &imported_roles {
        for e in crate::role_name::check_imported(catalog, r) {
            p.push(JsonError::at(&r.path, r.pos, e.to_string()));
        }
    }
    let warnings = crate::import::unknown_key_warnings(&imported_roles);
    custom.extend(imported_roles.into_iter().map(|i| i.role));
    let roles = RoleSet::new(catalog, custom);
    let mode = match root.get("scopedPermissions") {
        Ok(Some(v)) => match v.as_bool() {
            Ok(true) => Mode::Scoped,
            Ok(false) => Mode::Merged,
            Err(e) => {
                p.push(e);
                Mode::Merged
            }
        },
        Ok(None) => Mode::Merged,
        Err(e) => {
            p.push(e);
            Mode::Merged
        }
    };
    let object_nodes = p.list(&root, "objects");
    if object_nodes.is_none() && root.get("objects").ok().flatten().is_none() {
        p.push(root.error("missing `objects`"));
    }
    let object_nodes = object_nodes.unwrap_or_default();
    if object_nodes.len() > MAX_OBJECTS {
        p.push(root.error(format!(
            "{} objects; at most {MAX_OBJECTS} are evaluated at once",
            object_nodes.len()
        )));
    }
    let single = p.list(&root, "assignments");
    let many = p.list(&root, "admins");
    let mut admins = Vec::new();
    let mut total = 0;
    match (single, many) {
        (Some(_), Some(_)) => p.push(
            root.error("give either `assignments` (one administrator) or `admins`, not both"),
        ),
        (None, None) => p.push(
            root.error("missing `assignments` (one administrator's role assignments) or `admins`"),
        ),
        (Some(list), None) => {
            total = list.len();
            if total <= MAX_ASSIGNMENTS {
                admins.push(Admin {
                    name: "admin".into(),
                    assignments: assignments(&mut p, &roles, &list),
                });
            }
        }
        (None, Some(list)) => {
            // Names tell administrators apart in the answer (and a `sees` check
            // finds one by name): a second one with the same name is refused.
            let mut names: std::collections::HashMap<String, String> =
                std::collections::HashMap::new();
            for (i, n) in list.iter().enumerate() {
                if !n.is_object() {
                    p.push(n.error(format!("expected an object, found {}", n.value().kind())));
                    continue;
                }
                p.keys(n, &["name", "assignments"]);
                let name = p
                    .string(n, "name", false)
                    .unwrap_or_else(|| format!("admin {}", i + 1));
                let key = name.trim().to_lowercase();
                if let Some(first) = names.get(&key) {
                    let msg = format!(
                        "duplicate administrator name `{}`: `{first}` has the same name (names are compared ignoring letter case and surrounding spaces)",
                        crate::text::excerpt(&name)
                    );
                    p.push(n.error_at("name", msg));
                } else {
                    names.insert(key, n.path());
                }
                let list = p.list(n, "assignments").unwrap_or_default();
                total += list.len();
                if total <= MAX_ASSIGNMENTS {
                    admins.push(Admin {
                        name,
                        assignments: assignments(&mut p, &roles, &list),
                    });
                }
            }
        }
    }
    if total > MAX_ASSIGNMENTS {
        p.push(root.error(format!(
            "{total} assignments; at most {MAX_ASSIGNMENTS} are evaluated at once"
        )));
    }
    let cells = admins.len().saturating_mul(object_nodes.len());
    // Each answer weighs each assignment of its administrator: the assignments
    // × objects bound the work and the output (an outside review: 200
    // assignments of 100 tags over 2,000 objects ran for minutes).
    let pairs = total.saturating_mul(object_nodes.len());
    if cells > MAX_CELLS {
        p.push(root.error(format!(
            "{} administrators × {} objects = {cells} answers; at most {MAX_CELLS} are evaluated at once (give fewer administrators or objects)",
            admins.len(),
            object_nodes.len()
        )));
    } else if total <= MAX_ASSIGNMENTS && pairs > MAX_PAIRS {
        p.push(root.error(format!(
            "{total} assignments × {} objects = {pairs} decisions; at most {MAX_PAIRS} are made at once (give fewer assignments or objects)",
            object_nodes.len()
        )));
    }
    let mut objects = Vec::new();
    if object_nodes.len() <= MAX_OBJECTS && cells <= MAX_CELLS && pairs <= MAX_PAIRS {
        // Ids name objects (a `sees` check finds one by id, ASCII case ignored): a
        // second object with the same id is refused, naming both paths.
        let mut ids: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut names = Vec::new();
        for n in &object_nodes {
            if let Some((o, name)) = object(&mut p, n) {
                let key = o.id.trim().to_ascii_lowercase();
                if let Some(first) = ids.get(&key) {
                    let msg = format!(
                        "duplicate object id `{}`: `{first}` has the same id (ids are compared ignoring letter case and surrounding spaces)",
                        o.id
                    );
                    p.push(n.error_at("id", msg));
                } else {
                    ids.insert(key, n.path());
                }
                objects.push(o);
                names.push(name);
            }
        }
        link_policies(&mut objects, &names);
    }
    if !p.0.is_empty() {
        return Err(ScopeTagError::Invalid { problems: p.0 });
    }
    let is_single = root.get("assignments").ok().flatten().is_some();
    Ok(Scenario {
        roles,
        objects,
        admins,
        mode,
        single: is_single,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn scope_groups_are_named_as_not_modelled() {
        let cat = catalog().unwrap();
        let e = parse(
            cat,
            r#"{"objects":[{"id":"a","type":"provisioningPolicy","scopeTags":["x"]}],
                "assignments":[{"role":"Cloud PC Reader","scopeTags":["x"],"scopeGroups":["g1"]}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("unknown key `scopeGroups` (scope groups and members are not modelled"),
            "{e}"
        );
        assert!(e.contains("only scope tags decide visibility"), "{e}");
    }

    #[test]
    fn a_second_administrator_with_the_same_name_is_refused() {
        let cat = catalog().unwrap();
        let e = parse(
            cat,
            r#"{"objects":[{"id":"a","type":"provisioningPolicy"}],
                "admins":[{"name":"Ana","assignments":[]},{"name":" ana ","assignments":[]},{"name":"Bo","assignments":[]}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("`$.admins[1].name`")
                && e.contains(
                    "duplicate administrator name ` ana `: `$.admins[0]` has the same name"
                ),
            "{e}"
        );
        assert!(!e.contains("Bo"), "{e}");
    }

    #[test]
    fn every_problem_is_reported() {
        let cat = catalog().unwrap();
        let e = parse(
            cat,
            r#"{"objects":[{"id":"a","type":"provisioningPolcy","scopeTag":["x"]}],
                "assignments":[{"role":"Cloud PC Raeder"},{"role":"Owner"}]}"#,
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains(
                "unknown object type `provisioningPolcy` (did you mean `provisioningPolicy`?"
            ),
            "{text}"
        );
        assert!(
            text.contains("unknown key `scopeTag` (did you mean `scopeTags`?)"),
            "{text}"
        );
        assert!(
            text.contains("unknown role `Cloud PC Raeder` (did you mean `Cloud PC Reader`?)"),
            "{text}"
        );
        assert!(text.contains("`Owner` is an Azure role"), "{text}");
        assert!(!text.contains('\n'));
        let ScopeTagError::Invalid { problems } = e else {
            panic!()
        };
        assert_eq!(problems.len(), 4);
    }

    #[test]
    fn a_policy_name_with_a_character_policies_refuse_is_named() {
        // Review E L6: seed 004 refuses < > & | " ^ in a provisioning policy's name.
        let cat = catalog().unwrap();
        let e = parse(
            cat,
            r#"{"objects":[{"id":"pp","type":"provisioningPolicy","name":"PP \"quoted\" <x>"},
                           {"id":"c","type":"cloudPc","provisioningPolicy":"a|b"}],
                "assignments":[{"role":"Cloud PC Reader"}]}"#,
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("`$.objects[0].name`")
                && text
                    .contains("a provisioning policy name cannot contain `\"` `<` `>` (seed 004"),
            "{text}"
        );
        assert!(
            text.contains("`$.objects[1].provisioningPolicy`")
                && text.contains("cannot contain `|`"),
            "{text}"
        );
    }

    #[test]
    fn a_scenario_round_trips_through_its_json() {
        let cat = catalog().unwrap();
        let text = r#"{"objects":[{"id":"c","type":"cloudPc","scopeTags":["P"],"deviceScopeTags":[],"provisioningPolicy":"P PCs"},{"id":"a","type":"azureNetworkConnection"}],
            "roles":[{"displayName":"Rebooter","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/Reboot"]}]}],
            "admins":[{"name":"x","assignments":[{"role":"Rebooter","scopeTags":["P"]},{"role":"Intune Administrator"}]}],
            "scopedPermissions":true}"#;
        let s = parse(cat, text).unwrap();
        let again = parse(cat, &s.to_json().to_string()).unwrap();
        assert_eq!(again.objects, s.objects);
        assert_eq!(again.mode, s.mode);
        assert_eq!(again.grid(), s.grid());
    }

    /// An outside review: only the first bad element of a tag list was named.
    #[test]
    fn every_bad_tag_of_a_list_is_named() {
        let cat = catalog().unwrap();
        let text = r#"{"objects":[{"id":"a","type":"cloudPc","scopeTags":[5,"",null]}],"assignments":[{"role":"Cloud PC Reader","scopeTags":["",7]}]}"#;
        let e = parse(cat, text).unwrap_err().to_string();
        for place in [
            "`$.objects[0].scopeTags[0]`",
            "`$.objects[0].scopeTags[1]`",
            "`$.objects[0].scopeTags[2]`",
            "`$.assignments[0].scopeTags[0]`",
            "`$.assignments[0].scopeTags[1]`",
        ] {
            assert!(e.contains(place), "{place}: {e}");
        }
    }

    #[test]
    fn limits_are_checked_first() {
        let cat = catalog().unwrap();
        let tags: Vec<String> = (0..101).map(|i| format!("\"t{i}\"")).collect();
        let text = format!(
            r#"{{"objects":[{{"id":"a","type":"cloudPc","scopeTags":[{}]}}],"assignments":[]}}"#,
            tags.join(",")
        );
        assert!(parse(cat, &text)
            .unwrap_err()
            .to_string()
            .contains("at most 100"));
    }

    /// 200 administrators × 2,000 objects took 1.6 s and 607 MB in `visibility`
    /// (177 MB of output) and ran the page out of memory: the answers are bounded.
    #[test]
    fn administrators_times_objects_is_bounded() {
        let cat = catalog().unwrap();
        let scenario = |admins: usize, objects: usize| {
            let admins: Vec<String> = (0..admins)
                .map(|i| format!(r#"{{"name":"a{i}","assignments":[{{"role":"Cloud PC Reader","scopeTags":["T"]}}]}}"#))
                .collect();
            let objects: Vec<String> = (0..objects)
                .map(|i| format!(r#"{{"id":"o{i}","type":"cloudPc","scopeTags":["T"]}}"#))
                .collect();
            format!(
                r#"{{"admins":[{}],"objects":[{}]}}"#,
                admins.join(","),
                objects.join(",")
            )
        };
        let refused = parse(cat, &scenario(200, 2_000)).unwrap_err().to_string();
        assert!(
            refused.contains("200 administrators × 2000 objects = 400000 answers; at most 50000 are evaluated at once"),
            "{refused}"
        );
        let s = parse(cat, &scenario(25, 2_000)).unwrap();
        let g = s.grid();
        assert_eq!((g.admins.len(), g.objects.len()), (25, 2_000));
    }
}
