//! The user's work, typed: custom roles (parsed once, when loaded or imported),
//! saved definitions that could not be read (kept verbatim, never dropped), the
//! assignment rows, recently deleted roles, and the scope-tag scenario.
//!
//! Every change is an [`Edit`]; [`Workspace::apply`] returns the edit that undoes
//! exactly that change (not a snapshot of everything), so "delete X, import Y,
//! undo" brings X back and keeps Y. Plain Rust, tested natively.

use crate::scenario::{ScenarioEdit, TagScenario};
use std::collections::{HashMap, HashSet};
use w365_engine::Role;

/// Deleted roles kept for "recently deleted" (most recent last).
pub const TRASH_LIMIT: usize = 20;

/// A custom role: a stable id and the parsed role (whose `id` is the same).
#[derive(Debug, Clone, PartialEq)]
pub struct CustomRole {
    /// Stable id (`custom-...`).
    pub id: String,
    /// The role.
    pub role: Role,
}

impl CustomRole {
    /// A custom role, its `role.id` set to `id`.
    pub fn new(id: impl Into<String>, mut role: Role) -> CustomRole {
        let id = id.into();
        role.id = id.clone();
        CustomRole { id, role }
    }
}

/// A saved definition that could not be read: kept as written, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRole {
    /// Its id.
    pub id: String,
    /// The saved text.
    pub definition: String,
    /// What is wrong with it.
    pub error: String,
}

impl BrokenRole {
    /// The role's name when the text still shows it (`"roleName"` or
    /// `"displayName"` followed by a whole string), though the rest cannot be read.
    pub fn name_hint(&self) -> Option<String> {
        ["\"roleName\"", "\"displayName\""]
            .iter()
            .find_map(|key| string_after(&self.definition, key))
            .filter(|n| !n.trim().is_empty())
    }
}

/// The JSON string after the first `key` and a colon in `text`, if whole.
fn string_after(text: &str, key: &str) -> Option<String> {
    let rest = text[text.find(key)? + key.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    if !rest.starts_with('"') {
        return None;
    }
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return serde_json::from_str(&rest[..=i]).ok(),
            _ => {}
        }
    }
    None
}

/// To whom an assignment row gives its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Assignee {
    /// The admin the workspace describes (who asks): the rows' usual meaning.
    #[default]
    #[serde(rename = "you")]
    You,
    /// The Windows 365 first-party app: roles it receives for an ANC, a custom
    /// image or a review. They count for the app's own checks (the two-person ANC
    /// setup), never for the admin.
    #[serde(rename = "windows365App")]
    Windows365App,
}

impl From<w365_engine::health::Assignee> for Assignee {
    /// Whom a health-check fix or the two-person recipe assigns a role to.
    fn from(a: w365_engine::health::Assignee) -> Self {
        match a {
            w365_engine::health::Assignee::Windows365App => Assignee::Windows365App,
            w365_engine::health::Assignee::Admin => Assignee::You,
        }
    }
}

impl Assignee {
    /// Whether it is the admin (the default, not written when saved).
    pub fn is_you(&self) -> bool {
        *self == Assignee::You
    }

    /// How the view names it.
    pub fn label(self) -> &'static str {
        match self {
            Assignee::You => "you",
            Assignee::Windows365App => "the Windows 365 app",
        }
    }
}

/// One role assignment as the user wrote it (checked when the environment is built).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRow {
    /// Stable id (`a-...`), for keyed rows and exact undo.
    pub id: String,
    /// Role name or id.
    pub role: String,
    /// Scope (Azure roles); blank for tenant-wide roles.
    pub scope: String,
    /// To whom.
    pub to: Assignee,
}

/// Everything the user works on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workspace {
    /// Custom roles, in the user's order.
    pub roles: Vec<CustomRole>,
    /// Saved definitions that could not be read.
    pub broken: Vec<BrokenRole>,
    /// Role assignments, in order.
    pub assignments: Vec<AssignmentRow>,
    /// Recently deleted roles, most recent last.
    pub trash: Vec<CustomRole>,
    /// The scope-tag scenario; `None` until the user changes the example.
    pub scopetags: Option<TagScenario>,
}

/// The same role: equal, or written alike (a role read back from what another tab
/// saved is written as this one).
fn same_role(a: &CustomRole, b: &CustomRole) -> bool {
    a == b
        || (a.id == b.id
            && crate::storage::definition(&a.role).ok() == crate::storage::definition(&b.role).ok())
}

/// One change to a workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add a role, or replace the role with the same id.
    PutRole(CustomRole),
    /// Make one change to a role: what turned `before` into `after`, made on the
    /// role as it is now ([`w365_engine::model::rebase`]), so that the changes made
    /// since (here or in another tab) stay. Its undo is the same change reversed,
    /// never a copy of the whole role. A role no longer here is put as `after`.
    PatchRole {
        /// The role's id.
        id: String,
        /// The role before the change.
        before: Box<Role>,
        /// The role after it.
        after: Box<Role>,
    },
    /// Delete a role (it goes to the trash).
    RemoveRole(String),
    /// Take back the adding of a role (the undo of an import or a new role): it
    /// is deleted only while it is as it was added; a role changed since is left
    /// as it is, and [`Edit::conflict`] says why (an outside review: the import's
    /// Undo deleted the role with every edit made since, without a word).
    Unadd(CustomRole),
    /// Put a role back at a position (undo of a delete; takes it out of the trash).
    RestoreRole(CustomRole, usize),
    /// Delete an unreadable definition.
    RemoveBroken(String),
    /// Put an unreadable definition back at a position.
    RestoreBroken(BrokenRole, usize),
    /// Insert assignment rows at positions (ascending).
    InsertAssignments(Vec<(usize, AssignmentRow)>),
    /// Remove assignment rows by id.
    RemoveAssignments(Vec<String>),
    /// Change an assignment row's role and scope.
    UpdateAssignment(AssignmentRow),
    /// Set or clear the scope-tag scenario as a whole (its first change, or clearing it).
    SetScopeTags(Option<TagScenario>),
    /// Change the scope-tag scenario (nothing happens while there is none).
    ScopeTags(ScenarioEdit),
    /// Several edits as one action.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Whether this edit would change nothing on `ws` because what it puts back is
    /// already there: roles it restores, rows it inserts, rows it removes gone. An
    /// edit of any other kind is never moot here (it may still change nothing).
    pub fn is_moot(&self, ws: &Workspace) -> bool {
        match self {
            Edit::RestoreRole(r, _) => ws.roles.iter().any(|x| x.id == r.id),
            Edit::InsertAssignments(rows) => rows
                .iter()
                .all(|(_, r)| ws.assignments.iter().any(|a| a.id == r.id)),
            Edit::RemoveAssignments(ids) => ids
                .iter()
                .all(|id| !ws.assignments.iter().any(|a| a.id == *id)),
            Edit::Batch(edits) => !edits.is_empty() && edits.iter().all(|e| e.is_moot(ws)),
            _ => false,
        }
    }

    /// Why this change cannot be made on the workspace as it is, if it cannot: a
    /// role's change that its later changes leave no room for (blocks merged, then
    /// edited). `None` for any other edit.
    pub fn conflict(&self, ws: &Workspace) -> Option<String> {
        match self {
            Edit::PatchRole { id, before, after } => {
                let now = ws.role(id)?;
                w365_engine::model::rebase(&now.role, before, after)
                    .err()
                    .map(|c| format!("“{}” has been changed meanwhile: {c}", now.role.name))
            }
            Edit::Unadd(r) => {
                let now = ws.role(&r.id)?;
                (!same_role(now, r)).then(|| {
                    format!(
                        "“{}” has been changed since it was added, and undoing that would delete those changes too; delete the role in Compose if you mean to (it goes to Recently deleted)",
                        w365_engine::text::shown_name(&now.role.name)
                    )
                })
            }
            Edit::Batch(edits) => edits.iter().find_map(|e| e.conflict(ws)),
            _ => None,
        }
    }

    /// Put a role; when its name changes, the assignment rows that name it by its
    /// old name (in any case) follow it in the same edit, unless another role still
    /// has the old name (the rows then name that one).
    pub fn rename_role(ws: &Workspace, role: CustomRole) -> Edit {
        let Some(was) = ws.role(&role.id) else {
            return Edit::PutRole(role);
        };
        let old = was.role.name.trim().to_string();
        let new = role.role.name.trim().to_string();
        // The role's part is a patch, so its Undo takes back the name only.
        let put = Edit::PatchRole {
            id: role.id.clone(),
            before: Box::new(was.role.clone()),
            after: Box::new(role.role),
        };
        let taken = ws
            .roles
            .iter()
            .any(|r| r.id != role.id && r.role.name.trim().eq_ignore_ascii_case(&old));
        if old.is_empty() || new == old || taken {
            return put;
        }
        // A built-in role's name (which Azure refuses for a custom role, and which
        // a row resolves to the built-in role): the rows follow by the role's id,
        // so they keep meaning this role (a review: they turned into Contributor).
        let follow = if crate::state::cat().role(&new).is_some() {
            role.id.clone()
        } else {
            new.clone()
        };
        let rows: Vec<Edit> = ws
            .assignments
            .iter()
            .filter(|a| a.role.trim().eq_ignore_ascii_case(&old))
            .map(|a| {
                Edit::UpdateAssignment(AssignmentRow {
                    role: follow.clone(),
                    ..a.clone()
                })
            })
            .collect();
        if rows.is_empty() {
            return put;
        }
        let mut edits = vec![put];
        edits.extend(rows);
        Edit::Batch(edits)
    }

    /// Append rows at the end of the list.
    pub fn append_assignments(ws: &Workspace, rows: Vec<AssignmentRow>) -> Edit {
        let start = ws.assignments.len();
        Edit::InsertAssignments(
            rows.into_iter()
                .enumerate()
                .map(|(i, r)| (start + i, r))
                .collect(),
        )
    }

    /// Replace the whole assignment list (a preset): remove every row, add the new ones.
    pub fn replace_assignments(ws: &Workspace, rows: Vec<AssignmentRow>) -> Edit {
        Edit::Batch(vec![
            Edit::RemoveAssignments(ws.assignments.iter().map(|a| a.id.clone()).collect()),
            Edit::InsertAssignments(rows.into_iter().enumerate().collect()),
        ])
    }
}

impl Workspace {
    /// How many rows are the Windows 365 app's: what decides the saved version
    /// and link format, whom a design report asks as, and what training leaves out.
    pub fn app_rows(&self) -> usize {
        self.assignments.iter().filter(|a| !a.to.is_you()).count()
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Option<&CustomRole> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// Whether anything is in it (roles, unreadable definitions, assignments or a
    /// scope-tag scenario).
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
            && self.broken.is_empty()
            && self.assignments.is_empty()
            && self.scopetags.is_none()
    }

    /// Edits to the scope-tag scenario as one action: the first change of the
    /// example (no scenario yet) starts from `start`, so undo goes back to none.
    pub fn scopetags_edit(
        &self,
        start: impl FnOnce() -> TagScenario,
        edits: Vec<ScenarioEdit>,
    ) -> Edit {
        let mut out = Vec::new();
        if self.scopetags.is_none() {
            out.push(Edit::SetScopeTags(Some(start())));
        }
        out.extend(edits.into_iter().map(Edit::ScopeTags));
        Edit::Batch(out)
    }

    /// Apply an edit; returns the edit that undoes it (`None` when nothing changed).
    pub fn apply(&mut self, edit: Edit) -> Option<Edit> {
        match edit {
            Edit::PutRole(r) => match self.roles.iter_mut().find(|x| x.id == r.id) {
                Some(x) if *x == r => None,
                Some(x) => Some(Edit::PutRole(std::mem::replace(x, r))),
                None => {
                    let id = r.id.clone();
                    self.trash.retain(|t| t.id != id);
                    self.roles.push(r.clone());
                    Some(Edit::Unadd(r))
                }
            },
            Edit::Unadd(r) => {
                let now = self.roles.iter().rfind(|x| x.id == r.id)?;
                if !same_role(now, &r) {
                    return None;
                }
                self.apply(Edit::RemoveRole(r.id))
            }
            Edit::PatchRole { id, before, after } => {
                let Some(x) = self.roles.iter_mut().find(|x| x.id == id) else {
                    return self.apply(Edit::PutRole(CustomRole::new(id, *after)));
                };
                let mut changed = w365_engine::model::rebase(&x.role, &before, &after).ok()?;
                changed.id = id.clone();
                if changed == x.role {
                    return None;
                }
                x.role = changed;
                Some(Edit::PatchRole {
                    id,
                    before: after,
                    after: before,
                })
            }
            Edit::RemoveRole(id) => {
                // From the end: undoing an import removes the roles it appended.
                let pos = self.roles.iter().rposition(|r| r.id == id)?;
                let r = self.roles.remove(pos);
                self.trash.retain(|t| t.id != id);
                self.trash.push(r.clone());
                let excess = self.trash.len().saturating_sub(TRASH_LIMIT);
                self.trash.drain(..excess);
                Some(Edit::RestoreRole(r, pos))
            }
            Edit::RestoreRole(r, pos) => {
                self.trash.retain(|t| t.id != r.id);
                if self.roles.iter().any(|x| x.id == r.id) {
                    return None;
                }
                let id = r.id.clone();
                self.roles.insert(pos.min(self.roles.len()), r);
                Some(Edit::RemoveRole(id))
            }
            Edit::RemoveBroken(id) => {
                let pos = self.broken.iter().position(|r| r.id == id)?;
                let b = self.broken.remove(pos);
                Some(Edit::RestoreBroken(b, pos))
            }
            Edit::RestoreBroken(b, pos) => {
                if self.broken.iter().any(|x| x.id == b.id) {
                    return None;
                }
                let id = b.id.clone();
                self.broken.insert(pos.min(self.broken.len()), b);
                Some(Edit::RemoveBroken(id))
            }
            Edit::InsertAssignments(rows) => {
                let ids = self.insert_assignments(rows);
                (!ids.is_empty()).then_some(Edit::RemoveAssignments(ids))
            }
            Edit::RemoveAssignments(ids) => {
                let ids: HashSet<String> = ids.into_iter().collect();
                let mut removed = Vec::new();
                let mut pos = 0;
                self.assignments.retain(|a| {
                    let keep = !ids.contains(&a.id);
                    if !keep {
                        removed.push((pos, a.clone()));
                    }
                    pos += 1;
                    keep
                });
                (!removed.is_empty()).then_some(Edit::InsertAssignments(removed))
            }
            Edit::UpdateAssignment(row) => {
                let a = self.assignments.iter_mut().find(|a| a.id == row.id)?;
                if *a == row {
                    return None;
                }
                Some(Edit::UpdateAssignment(std::mem::replace(a, row)))
            }
            Edit::SetScopeTags(s) => {
                if self.scopetags == s {
                    return None;
                }
                Some(Edit::SetScopeTags(std::mem::replace(
                    &mut self.scopetags,
                    s,
                )))
            }
            Edit::ScopeTags(e) => self.scopetags.as_mut()?.apply(e).map(Edit::ScopeTags),
            Edit::Batch(edits) => {
                let mut undo = Vec::new();
                let mut edits = edits.into_iter().peekable();
                while let Some(e) = edits.next() {
                    match e {
                        // A run of added roles (an import of thousands) at once.
                        Edit::PutRole(first) => {
                            let mut run = vec![first];
                            while let Some(Edit::PutRole(_)) = edits.peek() {
                                if let Some(Edit::PutRole(r)) = edits.next() {
                                    run.push(r);
                                }
                            }
                            undo.extend(self.put_roles(run));
                        }
                        e => undo.extend(self.apply(e)),
                    }
                }
                undo.reverse();
                (!undo.is_empty()).then_some(Edit::Batch(undo))
            }
        }
    }

    /// `PutRole` for each role in order, finding ids through a map (not a scan per
    /// role); returns each one's undo in order.
    fn put_roles(&mut self, run: Vec<CustomRole>) -> Vec<Edit> {
        let mut at: HashMap<String, usize> = self
            .roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let mut undo = Vec::with_capacity(run.len());
        for r in run {
            match at.get(&r.id).and_then(|&i| self.roles.get_mut(i)) {
                Some(x) if *x == r => {}
                Some(x) => undo.push(Edit::PutRole(std::mem::replace(x, r))),
                None => {
                    let id = r.id.clone();
                    self.trash.retain(|t| t.id != id);
                    at.insert(id, self.roles.len());
                    self.roles.push(r.clone());
                    undo.push(Edit::Unadd(r));
                }
            }
        }
        undo
    }

    /// Insert rows at ascending positions, as one `insert` each would, in one pass;
    /// rows whose id is already here are skipped. Returns the ids inserted.
    fn insert_assignments(&mut self, rows: Vec<(usize, AssignmentRow)>) -> Vec<String> {
        let mut seen: HashSet<String> = self.assignments.iter().map(|a| a.id.clone()).collect();
        let rows: Vec<(usize, AssignmentRow)> = rows
            .into_iter()
            .filter(|(_, r)| seen.insert(r.id.clone()))
            .collect();
        let ids = rows.iter().map(|(_, r)| r.id.clone()).collect();
        self.assignments =
            w365_engine::model::insert_at(std::mem::take(&mut self.assignments), rows);
        ids
    }

    /// Add another workspace's roles, assignments and scope-tag scenario to this one
    /// (keeping both): roles with an id already here are skipped, rows, objects and
    /// administrators get fresh ids from `fresh` (called with `a`, `o` or `d`).
    pub fn merge_edit(&self, other: &Workspace, fresh: impl FnMut(&str) -> String) -> Edit {
        self.merge(other, fresh).0
    }

    /// [`Workspace::merge_edit`], with the names of the roles added as copies (see
    /// [`Workspace::incoming`]) and how many of the other's rows were left out as
    /// ones this workspace already has (the same role, scope and assignee, letter
    /// case and spaces aside: an outside review found "Add it to my work" adding a
    /// second, identical Windows 365 Administrator row).
    pub fn merge(
        &self,
        other: &Workspace,
        mut fresh: impl FnMut(&str) -> String,
    ) -> (Edit, Vec<String>, usize) {
        let (mut edits, rows, copies) = self.incoming(other, &mut fresh);
        let same = |a: &AssignmentRow, b: &AssignmentRow| {
            a.to == b.to
                && a.role.trim().eq_ignore_ascii_case(b.role.trim())
                && a.scope.trim().eq_ignore_ascii_case(b.scope.trim())
        };
        let mut kept: Vec<AssignmentRow> = Vec::new();
        let mut repeated = 0;
        for a in rows {
            if self.assignments.iter().any(|b| same(&a, b)) {
                repeated += 1;
            } else {
                kept.push(AssignmentRow {
                    id: fresh("a"),
                    ..a
                });
            }
        }
        let rows = kept;
        edits.push(Edit::append_assignments(self, rows));
        match (&self.scopetags, &other.scopetags) {
            (_, None) => {}
            (None, Some(theirs)) => edits.push(Edit::SetScopeTags(Some(theirs.clone()))),
            (Some(mine), Some(theirs)) => edits.extend(
                mine.merge_edits(theirs, &mut fresh)
                    .into_iter()
                    .map(Edit::ScopeTags),
            ),
        }
        (Edit::Batch(edits), copies, repeated)
    }

    /// The roles this workspace has that `newer` (the same workspace as another tab
    /// saved it) deleted: gone from its roles and in its trash, with their positions
    /// here (for Undo). Sets, so thousands of roles stay linear.
    pub fn deleted_in(&self, newer: &Workspace) -> Vec<(usize, CustomRole)> {
        let kept: HashSet<&str> = newer.roles.iter().map(|r| r.id.as_str()).collect();
        let trashed: HashSet<&str> = newer.trash.iter().map(|r| r.id.as_str()).collect();
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| !kept.contains(r.id.as_str()) && trashed.contains(r.id.as_str()))
            .map(|(i, r)| (i, r.clone()))
            .collect()
    }

    /// Another workspace's roles as they join this one, and its assignment rows
    /// pointing at them: a role this one lacks is put as it is; one whose id this one
    /// has, defined the same, is not put again; one defined differently (a shared
    /// role sent back edited) is put as a copy under a fresh id, named
    /// "NAME (from link)" (numbered when that is taken), and the rows that named it
    /// name the copy, so neither version is lost (review H2 H2: the edited version
    /// was dropped without a word). The copies' names are returned to be announced.
    pub fn incoming(
        &self,
        other: &Workspace,
        fresh: &mut impl FnMut(&str) -> String,
    ) -> (Vec<Edit>, Vec<AssignmentRow>, Vec<String>) {
        let mut edits = Vec::new();
        let mut copies = Vec::new();
        let mut renamed: Vec<(String, String, String)> = Vec::new();
        let mut taken: HashSet<String> = self
            .roles
            .iter()
            .chain(&other.roles)
            .map(|r| r.role.name.to_lowercase())
            .collect();
        let mine: HashMap<&str, &CustomRole> =
            self.roles.iter().map(|r| (r.id.as_str(), r)).collect();
        for r in &other.roles {
            match mine.get(r.id.as_str()) {
                None => edits.push(Edit::PutRole(r.clone())),
                Some(mine) if mine.role == r.role => {}
                Some(_) => {
                    let base = format!("{} (from link)", r.role.name);
                    let mut name = base.clone();
                    let mut n = 2;
                    while taken.contains(&name.to_lowercase()) {
                        name = format!("{base} {n}");
                        n += 1;
                    }
                    taken.insert(name.to_lowercase());
                    let mut role = r.role.clone();
                    role.name = name.clone();
                    renamed.push((r.id.clone(), r.role.name.clone(), name.clone()));
                    edits.push(Edit::PutRole(CustomRole::new(fresh("custom"), role)));
                    copies.push(name);
                }
            }
        }
        let rows = other
            .assignments
            .iter()
            .map(|a| {
                let to = renamed.iter().find(|(id, name, _)| {
                    a.role == *id || a.role.trim().eq_ignore_ascii_case(name)
                });
                AssignmentRow {
                    role: to.map_or_else(|| a.role.clone(), |(_, _, new)| new.clone()),
                    ..a.clone()
                }
            })
            .collect();
        (edits, rows, copies)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_unreadable_definition_still_shows_its_name_when_the_text_has_it() {
        let b = |d: &str| BrokenRole {
            id: "x".into(),
            definition: d.into(),
            error: String::new(),
        };
        assert_eq!(
            b(r#"{"roleName" : "ANC \"ops\"", "permissions": [{"actions": ["#)
                .name_hint()
                .as_deref(),
            Some("ANC \"ops\"")
        );
        assert_eq!(
            b(r#"{"displayName":"Desk","rolePermissions":"#)
                .name_hint()
                .as_deref(),
            Some("Desk")
        );
        assert_eq!(b(r#"{"roleName": "cut off"#).name_hint(), None);
        assert_eq!(b(r#"{"roleName": 5}"#).name_hint(), None);
        assert_eq!(b("not json").name_hint(), None);
    }

    use super::*;
    use w365_engine::model::RoleKind;

    fn role(id: &str, name: &str) -> CustomRole {
        let mut r = w365_engine::catalog()
            .unwrap()
            .role("Reader")
            .unwrap()
            .1
            .clone();
        r.name = name.into();
        r.kind = RoleKind::AzureCustom;
        CustomRole::new(id, r)
    }

    fn row(id: &str, role: &str) -> AssignmentRow {
        AssignmentRow {
            id: id.into(),
            role: role.into(),
            scope: "/subscriptions/s1".into(),
            to: Assignee::You,
        }
    }

    /// An undo that puts back what is already back is moot; one that still would
    /// change something is not.
    #[test]
    fn an_undo_is_moot_once_what_it_puts_back_is_there() {
        let mut ws = Workspace::default();
        ws.apply(Edit::PutRole(role("x", "Desk")));
        ws.apply(Edit::InsertAssignments(vec![(0, row("a1", "x"))]));
        let restore = Edit::RestoreRole(ws.role("x").unwrap().clone(), 0);
        assert!(restore.is_moot(&ws));
        let gone = ws.apply(Edit::RemoveRole("x".into())).unwrap();
        assert_eq!(gone, restore);
        assert!(!restore.is_moot(&ws));
        let rows = Edit::Batch(vec![
            Edit::RemoveAssignments(vec!["a2".into()]),
            Edit::InsertAssignments(vec![(0, row("a1", "x"))]),
        ]);
        assert!(rows.is_moot(&ws));
        ws.apply(Edit::RemoveAssignments(vec!["a1".into()]));
        assert!(!rows.is_moot(&ws));
        assert!(!Edit::Batch(Vec::new()).is_moot(&ws));
        assert!(!Edit::RemoveRole("x".into()).is_moot(&ws));
    }

    /// Undo of one change to a role reverses that change only (an outside review:
    /// Undo of a removed action also threw away every later edit of the role, and
    /// what another tab had saved meanwhile).
    #[test]
    fn undoing_a_roles_change_keeps_the_changes_made_since() {
        use w365_engine::pattern::ActionPattern;
        let p = |s: &str| ActionPattern::new(s).unwrap();
        let mut ws = Workspace::default();
        ws.apply(Edit::PutRole(role("x", "Desk")));
        let before = ws.role("x").unwrap().role.clone();
        let mut after = before.clone();
        let removed = after.blocks[0].actions.remove(0);
        let undo = ws
            .apply(Edit::PatchRole {
                id: "x".into(),
                before: Box::new(before.clone()),
                after: Box::new(after.clone()),
            })
            .expect("a change");
        // Later (here, or another tab's save): a line added, the description changed.
        let mut later = after.clone();
        later.blocks[0]
            .actions
            .push(p("Microsoft.KeyVault/vaults/read"));
        later.description = "edited".into();
        ws.apply(Edit::PatchRole {
            id: "x".into(),
            before: Box::new(after),
            after: Box::new(later),
        });
        assert_eq!(undo.conflict(&ws), None);
        let redo = ws.apply(undo).expect("undone");
        let now = &ws.role("x").unwrap().role;
        assert_eq!(now.blocks[0].actions[0], removed);
        assert!(now.blocks[0]
            .actions
            .contains(&p("Microsoft.KeyVault/vaults/read")));
        assert_eq!(now.description, "edited");
        assert_eq!(now.id, "x");
        // Redo takes the line out again, and only it.
        ws.apply(redo);
        let now = &ws.role("x").unwrap().role;
        assert!(!now.blocks[0].actions.contains(&removed));
        assert_eq!(now.description, "edited");
    }

    #[test]
    fn an_undo_that_later_changes_leave_no_room_for_says_why() {
        use w365_engine::model::PermissionBlock;
        use w365_engine::pattern::ActionPattern;
        let p = |s: &str| ActionPattern::new(s).unwrap();
        let mut ws = Workspace::default();
        let mut two = role("x", "Desk");
        two.role.blocks = vec![
            PermissionBlock {
                actions: vec![p("Microsoft.Compute/virtualMachines/read")],
                ..PermissionBlock::default()
            },
            PermissionBlock {
                actions: vec![p("Microsoft.Network/virtualNetworks/read")],
                ..PermissionBlock::default()
            },
        ];
        ws.apply(Edit::PutRole(two.clone()));
        let mut merged = two.role.clone();
        merged.blocks = vec![w365_engine::model::merge_blocks(&two.role.blocks).unwrap()];
        let undo = ws
            .apply(Edit::PatchRole {
                id: "x".into(),
                before: Box::new(two.role.clone()),
                after: Box::new(merged.clone()),
            })
            .unwrap();
        // The merged block edited since: the merge cannot be undone without
        // losing that edit, so nothing is undone, and the conflict says why.
        let mut edited = merged.clone();
        edited.blocks[0]
            .actions
            .push(p("Microsoft.KeyVault/vaults/read"));
        ws.apply(Edit::PatchRole {
            id: "x".into(),
            before: Box::new(merged),
            after: Box::new(edited),
        });
        let why = undo.conflict(&ws).expect("a conflict");
        assert!(
            why.starts_with(
                "“Desk” has been changed meanwhile: this change rewrote its permission blocks"
            ),
            "{why}"
        );
        let kept = ws.clone();
        assert_eq!(ws.apply(undo), None);
        assert_eq!(ws, kept);
    }

    #[test]
    fn a_renamed_role_takes_the_rows_that_named_it_and_undo_puts_both_back() {
        let mut ws = Workspace::default();
        ws.apply(Edit::PutRole(role("x", "Night desk")));
        ws.apply(Edit::InsertAssignments(vec![
            (0, row("a1", "night desk")),
            (1, row("a2", "Reader")),
        ]));
        let before = ws.clone();
        let edit = Edit::rename_role(&ws, role("x", "Night desk (Paris)"));
        assert!(matches!(&edit, Edit::Batch(e) if e.len() == 2), "{edit:?}");
        let undo = ws.apply(edit).unwrap();
        assert_eq!(ws.assignments[0].role, "Night desk (Paris)");
        assert_eq!(ws.assignments[1].role, "Reader");
        ws.apply(undo);
        assert_eq!(ws, before);
        // Another role still has the old name: the rows keep naming it.
        ws.apply(Edit::PutRole(role("y", "Night desk")));
        assert!(matches!(
            Edit::rename_role(&ws, role("x", "Other")),
            Edit::PatchRole { .. }
        ));
        // A change that is not a rename is the role's change alone.
        assert!(matches!(
            Edit::rename_role(&before, role("x", "Night desk")),
            Edit::PatchRole { .. }
        ));
        // A role not here is put.
        assert!(matches!(
            Edit::rename_role(&Workspace::default(), role("x", "Night desk")),
            Edit::PutRole(_)
        ));
        // Renamed to a built-in role's name, the rows follow by the role's id, so
        // they do not turn into the built-in role (a review: Contributor).
        let mut ws = before.clone();
        ws.apply(Edit::rename_role(&before, role("x", "Contributor")));
        assert_eq!(ws.assignments[0].role, "x");
        assert_eq!(ws.assignments[1].role, "Reader");
    }

    #[test]
    fn roles_another_tab_deleted_are_those_gone_into_its_trash() {
        let mut mine = Workspace::default();
        for (id, name) in [("a", "A"), ("b", "B"), ("c", "C")] {
            mine.apply(Edit::PutRole(role(id, name)));
        }
        let mut theirs = mine.clone();
        theirs.apply(Edit::RemoveRole("b".into()));
        // Gone without a trace (another tab never had it): not "deleted".
        theirs.roles.retain(|r| r.id != "c");
        let deleted = mine.deleted_in(&theirs);
        assert_eq!(deleted.len(), 1, "{deleted:?}");
        assert_eq!((deleted[0].0, deleted[0].1.id.as_str()), (1, "b"));
        assert!(theirs.deleted_in(&mine).is_empty());
    }

    #[test]
    fn undo_reverses_only_the_action_it_names() {
        let mut ws = Workspace::default();
        ws.apply(Edit::PutRole(role("x", "X")));
        let undo_delete = ws.apply(Edit::RemoveRole("x".into())).unwrap();
        ws.apply(Edit::PutRole(role("y", "Y")));
        ws.apply(undo_delete);
        let names: Vec<_> = ws.roles.iter().map(|r| r.role.name.as_str()).collect();
        assert_eq!(names, ["X", "Y"], "X is back where it was and Y stays");
        assert!(ws.trash.is_empty());
    }

    /// An outside review: the Undo of an import deleted the role with every edit
    /// made to it since, without a word.
    #[test]
    fn undoing_an_added_role_leaves_it_when_it_was_changed_since() {
        let mut ws = Workspace::default();
        let undo_add = ws.apply(Edit::PutRole(role("x", "X"))).unwrap();
        assert!(matches!(undo_add, Edit::Unadd(_)));
        let mut changed = ws.clone();
        changed.apply(Edit::PutRole(role("x", "X with a change")));
        assert!(changed.apply(undo_add.clone()).is_none());
        assert_eq!(changed.roles.len(), 1);
        let why = undo_add.conflict(&changed).unwrap();
        assert!(
            why.contains("“X with a change” has been changed since it was added"),
            "{why}"
        );
        // As it was added: deleted, into the trash, and its own undo puts it back.
        assert!(undo_add.conflict(&ws).is_none());
        let back = ws.apply(undo_add).unwrap();
        assert!(ws.roles.is_empty() && ws.trash.len() == 1);
        ws.apply(back);
        assert_eq!(ws.roles.len(), 1);
    }

    #[test]
    fn every_edit_round_trips_through_its_inverse() {
        let mut ws = Workspace::default();
        ws.apply(Edit::PutRole(role("a", "A")));
        ws.apply(Edit::PutRole(role("b", "B")));
        ws.apply(Edit::append_assignments(
            &ws.clone(),
            vec![row("1", "Reader"), row("2", "A")],
        ));
        let before = ws.clone();
        let edits = vec![
            Edit::PutRole(role("a", "A renamed")),
            Edit::PutRole(role("c", "C")),
            Edit::RemoveRole("a".into()),
            Edit::RemoveAssignments(vec!["1".into()]),
            Edit::UpdateAssignment(row("2", "Owner")),
            Edit::replace_assignments(&ws, vec![row("9", "Contributor")]),
        ];
        for e in edits {
            let mut w = before.clone();
            let undo = w
                .apply(e.clone())
                .unwrap_or_else(|| panic!("{e:?} changed nothing"));
            w.apply(undo);
            w.trash.clear();
            let mut b = before.clone();
            b.trash.clear();
            assert_eq!(w, b, "{e:?}");
        }
    }

    #[test]
    fn batched_puts_and_inserts_match_one_at_a_time() {
        let mut base = Workspace::default();
        base.apply(Edit::PutRole(role("a", "A")));
        let rows = (0..6).map(|i| row(&i.to_string(), "Reader")).collect();
        base.apply(Edit::append_assignments(&base.clone(), rows));
        // New, unchanged, replaced, new, replaced-again roles; scattered rows, one
        // with an id already there, one past the end.
        let puts = vec![
            role("b", "B"),
            role("a", "A"),
            role("a", "A2"),
            role("c", "C"),
            role("b", "B2"),
        ];
        let inserts = vec![
            (0, row("x", "Owner")),
            (3, row("y", "Owner")),
            (4, row("2", "duplicate id")),
            (99, row("z", "Owner")),
        ];
        let mut batched = base.clone();
        let batch = puts
            .iter()
            .cloned()
            .map(Edit::PutRole)
            .chain([Edit::InsertAssignments(inserts.clone())])
            .collect();
        let undo = batched.apply(Edit::Batch(batch)).unwrap();
        // The reference: one role at a time, and `Vec::insert` per row.
        let mut single = base.clone();
        for r in puts {
            single.apply(Edit::PutRole(r));
        }
        for (pos, r) in inserts {
            if !single.assignments.iter().any(|a| a.id == r.id) {
                let at = pos.min(single.assignments.len());
                single.assignments.insert(at, r);
            }
        }
        assert_eq!(batched, single);
        batched.apply(undo);
        batched.trash.clear();
        let mut b = base.clone();
        b.trash.clear();
        assert_eq!(batched, b, "the batch's undo restores the start");
    }

    #[test]
    fn preset_undo_keeps_rows_added_later() {
        let mut ws = Workspace::default();
        ws.apply(Edit::append_assignments(
            &ws.clone(),
            vec![row("1", "Reader")],
        ));
        let undo = ws
            .apply(Edit::replace_assignments(
                &ws.clone(),
                vec![row("2", "Owner")],
            ))
            .unwrap();
        ws.apply(Edit::append_assignments(
            &ws.clone(),
            vec![row("3", "Contributor")],
        ));
        ws.apply(undo);
        let ids: Vec<_> = ws.assignments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
    }

    #[test]
    fn trash_is_bounded_and_no_op_edits_have_no_undo() {
        let mut ws = Workspace::default();
        for i in 0..30 {
            ws.apply(Edit::PutRole(role(&i.to_string(), "R")));
            ws.apply(Edit::RemoveRole(i.to_string()));
        }
        assert_eq!(ws.trash.len(), TRASH_LIMIT);
        assert_eq!(ws.trash.last().unwrap().id, "29");
        assert!(ws.apply(Edit::RemoveRole("nope".into())).is_none());
        assert!(ws
            .apply(Edit::RemoveAssignments(vec!["nope".into()]))
            .is_none());
    }

    #[test]
    fn a_linked_role_edited_elsewhere_joins_as_a_copy_and_its_rows_follow_it() {
        // Review H2 H2: a shared role sent back edited was dropped on "Add it to my
        // work" because its id was already saved.
        let mut mine = Workspace::default();
        mine.apply(Edit::PutRole(role("custom-s", "Shared")));
        mine.apply(Edit::PutRole(role("custom-t", "Same")));
        let mut theirs = mine.clone();
        let mut edited = role("custom-s", "Shared");
        edited.role.description = "edited".into();
        theirs.apply(Edit::PutRole(edited));
        theirs.apply(Edit::append_assignments(
            &theirs.clone(),
            vec![row("1", "Shared"), row("2", "custom-s"), row("3", "Same")],
        ));
        let mut n = 0;
        let (e, copies, _) = mine.merge(&theirs, |p| {
            n += 1;
            format!("{p}-new{n}")
        });
        assert_eq!(copies, vec!["Shared (from link)".to_string()]);
        mine.apply(e);
        assert_eq!(
            mine.roles.len(),
            3,
            "the copy beside both of mine, the same one once"
        );
        let copy = mine
            .roles
            .iter()
            .find(|r| r.role.name == "Shared (from link)")
            .unwrap();
        assert_eq!(copy.role.description, "edited");
        assert_ne!(copy.id, "custom-s");
        assert_eq!(
            mine.role("custom-s").unwrap().role.description,
            role("x", "x").role.description
        );
        let named: Vec<&str> = mine.assignments.iter().map(|a| a.role.as_str()).collect();
        assert_eq!(
            named,
            vec!["Shared (from link)", "Shared (from link)", "Same"]
        );
        // The name is numbered when taken.
        let (_, copies, _) = mine.merge(&theirs, |p| format!("{p}-again"));
        assert_eq!(copies, vec!["Shared (from link) 2".to_string()]);
    }

    /// An outside review: "Add it to my work" added a second, identical row.
    #[test]
    fn merge_leaves_out_the_rows_already_here() {
        let mut mine = Workspace::default();
        mine.apply(Edit::append_assignments(
            &mine.clone(),
            vec![row("1", "Windows 365 Administrator"), row("2", "Reader")],
        ));
        let mut theirs = Workspace::default();
        theirs.apply(Edit::append_assignments(
            &theirs.clone(),
            vec![row("1", "windows 365 administrator "), row("2", "Owner")],
        ));
        let mut n = 0;
        let (e, _, repeated) = mine.merge(&theirs, |p| {
            n += 1;
            format!("{p}-new{n}")
        });
        assert_eq!(repeated, 1);
        mine.apply(e);
        let named: Vec<&str> = mine.assignments.iter().map(|a| a.role.as_str()).collect();
        assert_eq!(named, vec!["Windows 365 Administrator", "Reader", "Owner"]);
    }

    #[test]
    fn merge_keeps_both_sides() {
        let mut mine = Workspace::default();
        mine.apply(Edit::PutRole(role("a", "A")));
        mine.apply(Edit::append_assignments(&mine.clone(), vec![row("1", "A")]));
        let mut theirs = Workspace::default();
        theirs.apply(Edit::PutRole(role("a", "A")));
        theirs.apply(Edit::PutRole(role("b", "B")));
        theirs.apply(Edit::append_assignments(
            &theirs.clone(),
            vec![row("1", "B")],
        ));
        let mut n = 0;
        let e = mine.merge_edit(&theirs, |_| {
            n += 1;
            format!("new-{n}")
        });
        mine.apply(e);
        assert_eq!(mine.roles.len(), 2);
        let ids: Vec<_> = mine.assignments.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["1", "new-1"]);
    }

    #[test]
    fn scope_tag_edits_undo_exactly() {
        use crate::scenario::{preset, ScenarioEdit};
        let mut ws = Workspace::default();
        // The first change of the example starts the scenario; undo goes back to none.
        let first = ws.scopetags_edit(preset, vec![ScenarioEdit::SetScoped(true)]);
        let undo_first = ws.apply(first).unwrap();
        assert!(ws.scopetags.as_ref().unwrap().scoped_permissions);
        let mut back = ws.clone();
        back.apply(undo_first);
        assert_eq!(back.scopetags, None);
        // A later removal is undone alone: a change made after it stays.
        let undo_remove = ws
            .apply(ws.scopetags_edit(
                preset,
                vec![ScenarioEdit::RemoveObjects(vec!["o-p1".into()])],
            ))
            .unwrap();
        ws.apply(ws.scopetags_edit(
            preset,
            vec![ScenarioEdit::InsertTags(vec![(9, "Berlin".into())])],
        ));
        ws.apply(undo_remove);
        let s = ws.scopetags.as_ref().unwrap();
        assert_eq!(s.objects[0].id, "Paris Cloud PCs");
        assert!(s.has_tag("Berlin"));
        // Setting the whole scenario round-trips too; edits do nothing without one.
        let mut w = Workspace::default();
        assert!(w
            .apply(Edit::ScopeTags(ScenarioEdit::SetScoped(true)))
            .is_none());
        let undo = w.apply(Edit::SetScopeTags(Some(preset()))).unwrap();
        w.apply(undo);
        assert_eq!(w, Workspace::default());
    }
}
