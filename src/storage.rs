//! The one adapter between the app and browser storage.
//!
//! Saved state carries a schema version and is parsed once, into a typed
//! [`Workspace`], when it is loaded (or when another tab changed it). Version 0 (a
//! bare array of role definitions) and version 1 (rows without ids) are migrated.
//! Text that cannot be read never blanks the app: the app starts empty, *locks*
//! saving so nothing overwrites the saved text, and offers it for download before
//! the user discards it. A role definition that cannot be read is kept verbatim.
//! A field or an item of the wrong shape is left out and named (`lenient`), the
//! rest opened, and the text as it was kept in a backup ([`read_saved`]).
//! The scope-tag scenario (`scopeTags`, optional, so version 2 without it still
//! reads) is saved in the `w365-perms visibility` input form plus its tag list.
//! Quota and access errors are reported, not swallowed.

#[cfg(test)]
use crate::scenario::TagScenario;
use crate::workspace::{Assignee, AssignmentRow, BrokenRole, CustomRole, Edit, Workspace};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use w365_engine::export::{graph_json, intune_json, role_json};
use w365_engine::{Plane, Role};

mod lenient;

/// The storage key of the user's saved work.
pub const KEY: &str = "w365-explorer/state";
/// The newest schema version read. Version 3 added an assignment row's `to` (the
/// Windows 365 app); it is written only when a row has it ([`version_of`]).
pub const VERSION: u32 = 3;

/// The version written for a workspace: 3 when a row is the Windows 365 app's, so
/// an older app refuses the data (and keeps it) instead of reading the app's roles
/// as the admin's and dropping `to` when it saves; else 2, which every app since
/// version 2 reads.
pub fn version_of(ws: &Workspace) -> u32 {
    if ws.app_rows() > 0 {
        3
    } else {
        2
    }
}

/// What is saved: the workspace and the theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// Roles and assignments.
    pub workspace: Workspace,
    /// `""` (follow the system), `light` or `dark`.
    pub theme: String,
}

/// A role as stored: its id and its definition (ARM JSON for Azure roles, Graph
/// JSON for Cloud PC and Intune roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRole {
    /// Stable id.
    pub id: String,
    /// The definition as JSON text.
    pub definition: String,
}

/// An assignment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAssignment {
    /// Stable id (absent before version 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Role name or id.
    pub role: String,
    /// Scope.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
    /// To whom (absent: the admin; before this field, every row was the admin's).
    #[serde(default, skip_serializing_if = "Assignee::is_you")]
    pub to: Assignee,
}

/// The saved shape as serde writes it: what [`serialize`] must equal (tested).
#[cfg(test)]
#[derive(Debug, Serialize)]
struct Stored {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    roles: Vec<StoredRole>,
    #[serde(default)]
    trash: Vec<StoredRole>,
    #[serde(default)]
    assignments: Vec<StoredAssignment>,
    #[serde(default)]
    theme: String,
    #[serde(default, rename = "scopeTags", skip_serializing_if = "Option::is_none")]
    scope_tags: Option<TagScenario>,
}

/// Why saved state could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The saved text does not parse; it is kept untouched until the user decides.
    Unreadable {
        /// What is wrong and where.
        message: String,
        /// The raw saved text, for download.
        raw: String,
    },
    /// Part of the saved text could not be read: the rest is open and saving goes
    /// on, the text as it was kept under `backup` until the user deletes it.
    Recovered {
        /// What was left out, each with where (empty: a backup of an earlier load).
        skipped: Vec<String>,
        /// The storage key of the backup.
        backup: String,
        /// The text as it was, for download.
        raw: String,
    },
    /// Browser storage is not available (private mode, disabled).
    Unavailable(String),
    /// Saving failed (quota).
    NotSaved(String),
}

/// Serialize a role for storage and links: ARM JSON for Azure roles, the Graph
/// `deviceAndAppManagementRoleDefinition` for Intune roles, Graph JSON otherwise.
pub fn definition(role: &Role) -> Result<String, String> {
    match role.plane() {
        Plane::Azure => role_json(role).map_err(|e| e.to_string()),
        Plane::Intune => intune_json(role).map_err(|e| e.to_string()),
        _ => graph_json(role).map_err(|e| e.to_string()),
    }
}

/// What is remembered of a role written once: the role, its definition, and its
/// entry in the saved document (`{"id":…,"definition":…}`, escaped once).
struct Written {
    role: Role,
    definition: String,
    entry: String,
}

thread_local! {
    /// Each custom role's stored definition by id, with the role it was written
    /// from: a save (on every edit) writes again only the roles that changed, not
    /// every role of a workspace of thousands, and joins the entries already
    /// escaped instead of escaping every definition again.
    static WRITTEN: RefCell<HashMap<String, Written>> = RefCell::new(HashMap::new());
}

/// `f` of what is remembered of `r`, written again first when the role changed.
fn with_written<T>(r: &CustomRole, f: impl FnOnce(&Written) -> T) -> T {
    WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        let slot = w.entry(r.id.clone()).or_insert_with(|| Written {
            role: r.role.clone(),
            definition: String::new(),
            entry: String::new(),
        });
        if slot.definition.is_empty() || slot.role != r.role {
            slot.definition = definition(&r.role).unwrap_or_default();
            slot.entry.clear();
            slot.role.clone_from(&r.role);
        }
        if slot.entry.is_empty() {
            slot.entry = json(&StoredRole {
                id: r.id.clone(),
                definition: slot.definition.clone(),
            });
        }
        f(slot)
    })
}

/// `r`'s stored definition, written again only when the role changed.
fn written(r: &CustomRole) -> String {
    with_written(r, |w| w.definition.clone())
}

/// Write the definitions of the roles `edit` puts ahead of its save (a large import
/// does it a task before it is saved, so neither task is long).
pub fn write_ahead(edit: &Edit) {
    match edit {
        Edit::PutRole(r) | Edit::RestoreRole(r, _) => {
            with_written(r, |_| ());
        }
        Edit::Batch(edits) => edits.iter().for_each(write_ahead),
        _ => {}
    }
}

/// Drop what is remembered of roles no longer in `ws`, once more than 1,000 such
/// are remembered (one written ahead and not yet saved is only written again).
fn forget_written(ws: &Workspace) {
    WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        if w.len() > ws.roles.len() + ws.trash.len() + 1_000 {
            let keep: std::collections::HashSet<&str> = ws
                .roles
                .iter()
                .chain(&ws.trash)
                .map(|r| r.id.as_str())
                .collect();
            w.retain(|id, _| keep.contains(id.as_str()));
        }
    });
}

/// Read a stored definition into a role whose id is `id`.
pub fn read_role(id: &str, definition: &str) -> Result<CustomRole, String> {
    let mut roles = w365_engine::import::import(definition).map_err(|e| e.to_string())?;
    if roles.is_empty() {
        return Err("no role in the saved definition".into());
    }
    let role = roles.remove(0).role;
    // A role of thousands of patterns Azure refuses would cost a catalog scan each
    // on every load: kept verbatim (and downloadable), not expanded.
    let mut multi: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for b in &role.blocks {
        for p in [
            &b.actions,
            &b.not_actions,
            &b.data_actions,
            &b.not_data_actions,
        ]
        .into_iter()
        .flatten()
        {
            if p.azure_limits().is_err() {
                multi.insert(p.lower());
            }
        }
    }
    let limit = w365_engine::request::MAX_MULTI_WILDCARD_PATTERNS;
    if multi.len() > limit {
        return Err(format!(
            "the role holds {} distinct patterns with more than one `*`; Azure refuses them and more than {limit} are not evaluated",
            multi.len()
        ));
    }
    Ok(CustomRole::new(id, role))
}

/// Remember a role read from its stored definition as written from it: the first
/// save after a load then writes none of them again (a workspace of thousands of
/// roles would otherwise be written again whole on its first edit).
fn remember_read(c: &CustomRole, definition: String) {
    WRITTEN.with(|w| {
        w.borrow_mut().insert(
            c.id.clone(),
            Written {
                role: c.role.clone(),
                definition,
                entry: String::new(),
            },
        );
    });
}

/// Give each saved role a distinct id: a later role whose id an earlier one has
/// is given a new one, and said so (review J2 M4: it was shown under the first
/// one's name and could not be opened).
fn distinct_ids(list: &mut [StoredRole], skipped: &mut Vec<String>) {
    use std::collections::HashSet;
    let all: HashSet<String> = list.iter().map(|r| r.id.clone()).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for r in list.iter_mut() {
        if seen.insert(r.id.clone()) {
            continue;
        }
        // A new id no saved role has, nor one given before.
        let new = (2..)
            .map(|n| format!("{}-{n}", r.id))
            .find(|id| !all.contains(id) && !seen.contains(id))
            .unwrap_or_default();
        skipped.push(format!(
            "two saved roles had the id `{}`: the later one now has the id `{new}`",
            r.id
        ));
        seen.insert(new.clone());
        r.id = new;
    }
}

/// How many role definitions a saved definition holds (a list, or a page of
/// them), when more than one: only the first is read.
fn definitions_in(definition: &str) -> usize {
    match serde_json::from_str::<Value>(definition) {
        Ok(Value::Array(items)) => items.len(),
        Ok(Value::Object(o)) => o.get("value").and_then(Value::as_array).map_or(1, Vec::len),
        _ => 1,
    }
}

fn read_roles(list: Vec<StoredRole>, ws: &mut Workspace) {
    read_roles_noting(list, ws, &mut Vec::new());
}

/// [`read_roles`], naming what is left out in `skipped`.
fn read_roles_noting(mut list: Vec<StoredRole>, ws: &mut Workspace, skipped: &mut Vec<String>) {
    distinct_ids(&mut list, skipped);
    for r in list {
        let n = definitions_in(&r.definition);
        match read_role(&r.id, &r.definition) {
            Ok(c) => {
                if n > 1 {
                    skipped.push(format!(
                        "the saved role `{}` holds {n} role definitions; only the first, “{}”, is read (import the others again from the kept copy)",
                        r.id, c.role.name
                    ));
                }
                remember_read(&c, r.definition);
                ws.roles.push(c);
            }
            Err(error) => ws.broken.push(BrokenRole {
                id: r.id,
                definition: r.definition,
                error,
            }),
        }
    }
}

/// Stored roles and assignments into a workspace; rows without ids get `a-{prefix}{n}`.
pub fn workspace_from(
    roles: Vec<StoredRole>,
    assignments: Vec<StoredAssignment>,
    prefix: &str,
) -> Workspace {
    let mut ws = Workspace::default();
    read_roles(roles, &mut ws);
    ws.assignments = assignments
        .into_iter()
        .enumerate()
        .map(|(i, a)| AssignmentRow {
            id: if a.id.is_empty() {
                format!("a-{prefix}{}", i + 1)
            } else {
                a.id
            },
            role: a.role,
            scope: a.scope,
            to: a.to,
        })
        .collect();
    ws
}

/// Roles and assignments of a workspace as stored.
pub fn stored_parts(ws: &Workspace) -> (Vec<StoredRole>, Vec<StoredAssignment>) {
    let stored = |r: &CustomRole| StoredRole {
        id: r.id.clone(),
        definition: written(r),
    };
    forget_written(ws);
    let roles = ws
        .roles
        .iter()
        .map(stored)
        .chain(ws.broken.iter().map(|b| StoredRole {
            id: b.id.clone(),
            definition: b.definition.clone(),
        }))
        .collect();
    (roles, stored_assignments(ws))
}

fn stored_assignments(ws: &Workspace) -> Vec<StoredAssignment> {
    ws.assignments
        .iter()
        .map(|a| StoredAssignment {
            id: a.id.clone(),
            role: a.role.clone(),
            scope: a.scope.clone(),
            to: a.to,
        })
        .collect()
}

/// Saved text read: the document, and what was left out of it (each with where
/// it was), which [`read_saved`] keeps in a backup.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// What could be read.
    pub doc: Doc,
    /// What could not, each with where it was.
    pub skipped: Vec<String>,
}

/// Parse saved text, migrating older versions; a field or an item of the wrong
/// shape is left out and named ([`lenient`]), the rest read.
pub fn parse_saved(text: &str) -> Result<Parsed, String> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| format!("the saved data is not valid JSON ({e})"))?;
    let mut skipped = Vec::new();
    match v {
        // Version 0: a bare array of role definitions.
        Value::Array(items) => {
            let roles = lenient::version_zero(&items, &mut skipped);
            if roles.is_empty() && !items.is_empty() {
                return Err(format!(
                    "the saved data is a list of {} item(s), none of them a role definition",
                    items.len()
                ));
            }
            Ok(Parsed {
                doc: Doc {
                    workspace: workspace_from(roles, Vec::new(), "m"),
                    theme: String::new(),
                },
                skipped,
            })
        }
        Value::Object(ref o) => {
            let version = match o.get("version") {
                None => return Err("the saved data has no version number".into()),
                Some(v) => v.as_u64().ok_or_else(|| {
                    format!(
                        "the saved data's version is {} where a whole number was expected",
                        lenient::kind(v)
                    )
                })?,
            };
            if version > u64::from(VERSION) {
                return Err(format!("the saved data is version {version}, newer than this app understands (version {VERSION})"));
            }
            let p = lenient::parts(o);
            skipped = p.skipped;
            let mut workspace = Workspace::default();
            read_roles_noting(p.roles, &mut workspace, &mut skipped);
            workspace.assignments = workspace_from(Vec::new(), p.assignments, "m").assignments;
            let mut trash = Workspace::default();
            read_roles(p.trash, &mut trash);
            workspace.trash = trash.roles;
            // The trash keeps readable roles only: one that cannot be read is named,
            // and kept in the backup.
            for b in trash.broken {
                skipped.push(format!(
                    "a recently deleted role (`{}`) whose definition cannot be read: {}",
                    b.id, b.error
                ));
            }
            workspace.scopetags = p.scope_tags.map(|t| t.with_keys("m"));
            Ok(Parsed {
                doc: Doc {
                    workspace,
                    theme: p.theme,
                },
                skipped,
            })
        }
        other => Err(format!(
            "the saved data is {} where an object was expected",
            lenient::kind(&other)
        )),
    }
}

/// Parse saved text, leaving out what cannot be read (see [`parse_saved`]).
pub fn parse(text: &str) -> Result<Doc, String> {
    parse_saved(text).map(|p| p.doc)
}

/// Append `item` to the JSON array `out` ends in, after a comma unless it is the
/// array's first.
fn push_item(out: &mut String, item: &str) {
    if !out.ends_with('[') {
        out.push(',');
    }
    out.push_str(item);
}

/// `v` as compact JSON.
fn json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Serialize with the current version: the text `serde_json` writes for
/// [`Stored`], with each role's entry joined as remembered (escaped when the role
/// was last written), so a save of thousands of roles does not escape them all again.
pub fn serialize(doc: &Doc) -> String {
    let ws = &doc.workspace;
    forget_written(ws);
    let mut out = format!("{{\"version\":{},\"roles\":[", version_of(ws));
    for r in &ws.roles {
        with_written(r, |w| push_item(&mut out, &w.entry));
    }
    for b in &ws.broken {
        let entry = json(&StoredRole {
            id: b.id.clone(),
            definition: b.definition.clone(),
        });
        push_item(&mut out, &entry);
    }
    out.push_str("],\"trash\":[");
    for r in &ws.trash {
        with_written(r, |w| push_item(&mut out, &w.entry));
    }
    out.push_str("],\"assignments\":");
    out.push_str(&json(&stored_assignments(ws)));
    out.push_str(",\"theme\":");
    out.push_str(&json(&doc.theme));
    if let Some(t) = &ws.scopetags {
        out.push_str(",\"scopeTags\":");
        out.push_str(&json(t));
    }
    out.push('}');
    out
}

/// Browser storage: `localStorage` (kept, shared by tabs) or `sessionStorage` (this tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Kept across sessions, shared by every tab.
    Local,
    /// This tab only.
    Session,
}

fn area(a: Area) -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    let s = match a {
        Area::Local => w.local_storage(),
        Area::Session => w.session_storage(),
    };
    match s {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(e) => Err(js_message(&e)),
    }
}

/// A readable message from a JS exception.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "unknown error".into())
}

/// The text stored under `key`.
pub fn read(a: Area, key: &str) -> Result<Option<String>, String> {
    area(a)?.get_item(key).map_err(|e| js_message(&e))
}

/// Store `text` under `key`; the error says why it could not be saved.
pub fn write(a: Area, key: &str, text: &str) -> Result<(), String> {
    area(a)?.set_item(key, text).map_err(|e| {
        let m = js_message(&e);
        if m.to_ascii_lowercase().contains("quota") {
            // Said in words with the size it would take; the browser's own
            // message (`Failed to execute 'setItem' ...`) says nothing more
            // (review s43).
            format!(
                "browser storage is full: saving would take {}, more than is left of the storage the browser gives this site (other saved data of this site, or the browser's own limit, takes the rest); your changes stay in this tab: download them, or delete large roles you no longer need",
                crate::dom::bytes(text.len() * 2)
            )
        } else {
            m
        }
    })
}

/// Forget what is stored under `key`.
pub fn remove(a: Area, key: &str) -> Result<(), String> {
    area(a)?.remove_item(key).map_err(|e| js_message(&e))
}

/// The storage key of the first backup of saved text that could not be read in
/// full; further ones add `.2` to `.5`.
pub const BACKUP_KEY: &str = "w365-explorer/state.as-it-was";
const BACKUPS: usize = 5;

fn backup_key(n: usize) -> String {
    if n == 1 {
        BACKUP_KEY.to_string()
    } else {
        format!("{BACKUP_KEY}.{n}")
    }
}

/// Keep `raw` in a backup (once: a backup holding the same text is reused);
/// returns its key.
fn backup(raw: &str) -> Result<String, String> {
    let mut free = None;
    for n in 1..=BACKUPS {
        let key = backup_key(n);
        match read(Area::Local, &key)? {
            Some(t) if t == raw => return Ok(key),
            Some(_) => {}
            None => {
                free.get_or_insert(key);
            }
        }
    }
    let key = free.ok_or_else(|| {
        format!("{BACKUPS} backups of earlier saved data are kept already; download and delete one first")
    })?;
    write(Area::Local, &key, raw)?;
    Ok(key)
}

/// A backup kept from an earlier load, as a problem to show (`None`: none kept).
pub fn kept_backup() -> Option<Problem> {
    (1..=BACKUPS).find_map(|n| {
        let key = backup_key(n);
        match read(Area::Local, &key) {
            Ok(Some(raw)) => Some(Problem::Recovered {
                skipped: Vec::new(),
                backup: key,
                raw,
            }),
            _ => None,
        }
    })
}

/// Delete a backup (the user chose to).
pub fn delete_backup(key: &str) -> Result<(), String> {
    remove(Area::Local, key)
}

/// Read saved text: the document and the problem to show. Saving stays locked
/// (so nothing overwrites the text) when it cannot be read at all, or when part
/// of it cannot and no backup could be kept.
pub fn read_saved(text: &str) -> (Doc, Option<Problem>) {
    match parse_saved(text) {
        Ok(p) if p.skipped.is_empty() => (p.doc, None),
        Ok(p) => match backup(text) {
            Ok(key) => (
                p.doc,
                Some(Problem::Recovered {
                    skipped: p.skipped,
                    backup: key,
                    raw: text.to_string(),
                }),
            ),
            Err(e) => (
                p.doc,
                Some(Problem::Unreadable {
                    message: format!(
                        "part of the saved data could not be read ({}), and a copy of it could not be kept ({e})",
                        p.skipped.join("; ")
                    ),
                    raw: text.to_string(),
                }),
            ),
        },
        Err(message) => (
            Doc::default(),
            Some(Problem::Unreadable {
                message,
                raw: text.to_string(),
            }),
        ),
    }
}

/// Saved text and what [`read_saved`] made of it.
type Preloaded = (String, (Doc, Option<Problem>));

thread_local! {
    /// What [`preload`] read in a task of the start before the app mounts.
    static PRELOADED: RefCell<Option<Preloaded>> = const { RefCell::new(None) };
}

/// Read the saved work ahead, in a task of its own before the app mounts (thousands
/// of saved roles are read in about as long as the rest of the start).
pub fn preload() {
    if let Ok(Some(text)) = read(Area::Local, KEY) {
        let read = read_saved(&text);
        PRELOADED.with(|p| *p.borrow_mut() = Some((text, read)));
    }
}

/// Load the saved work: the document, its raw text (to notice other tabs' changes)
/// and a problem to show. What [`preload`] read is used when the text is still
/// the same.
pub fn load() -> (Doc, Option<String>, Option<Problem>) {
    let preloaded = PRELOADED.with(|p| p.borrow_mut().take());
    match read(Area::Local, KEY) {
        Err(e) => (Doc::default(), None, Some(Problem::Unavailable(e))),
        Ok(None) => (Doc::default(), None, kept_backup()),
        Ok(Some(text)) => {
            let (doc, problem) = match preloaded {
                Some((t, read)) if t == text => read,
                _ => read_saved(&text),
            };
            let problem = problem.or_else(kept_backup);
            (doc, Some(text), problem)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str = r#"{"roleName":"Old","permissions":[{"actions":["Microsoft.Compute/virtualMachines/read"]}],"assignableScopes":["/subscriptions/s1"]}"#;

    /// Review J2 M4: a repeated id and a definition holding a list were read
    /// without a word (the second role hidden; the list's other roles dropped).
    #[test]
    fn a_repeated_id_and_a_list_definition_are_named() {
        let other = ROLE.replace("\"Old\"", "\"Same id\"");
        let list = format!("[{ROLE},{other}]");
        let text = serde_json::json!({
            "version": 2,
            "roles": [
                {"id": "r1", "definition": ROLE},
                {"id": "r1", "definition": other},
                {"id": "r2", "definition": list},
            ],
            "assignments": []
        })
        .to_string();
        let p = parse_saved(&text).unwrap();
        let ids: Vec<&str> = p
            .doc
            .workspace
            .roles
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, ["r1", "r1-2", "r2"]);
        assert_eq!(p.doc.workspace.roles[1].role.name, "Same id");
        let joined = p.skipped.join("\n");
        assert!(
            joined.contains("two saved roles had the id `r1`: the later one now has the id `r1-2`"),
            "{joined}"
        );
        assert!(
            joined.contains(
                "the saved role `r2` holds 2 role definitions; only the first, “Old”, is read"
            ),
            "{joined}"
        );
    }

    #[test]
    fn round_trip_and_migration() {
        let v1 = format!(
            r#"{{"version":1,"roles":[{{"id":"custom-a","definition":{}}}],"assignments":[{{"role":"Reader","scope":"/subscriptions/s"}}],"theme":"dark"}}"#,
            serde_json::to_string(ROLE).unwrap()
        );
        let doc = parse(&v1).unwrap();
        assert_eq!(doc.workspace.roles[0].role.name, "Old");
        assert_eq!(doc.workspace.roles[0].role.id, "custom-a");
        assert_eq!(doc.workspace.assignments[0].id, "a-m1");
        assert_eq!(doc.theme, "dark");
        let text = serialize(&doc);
        assert!(text.contains("\"version\":2"));
        assert_eq!(parse(&text).unwrap(), doc);
        let v0 = parse(&format!("[{ROLE}]")).unwrap();
        assert_eq!(v0.workspace.roles.len(), 1);
        assert_eq!(v0.workspace.roles[0].role.name, "Old");
    }

    #[test]
    fn a_save_writes_again_only_the_roles_that_changed_and_never_a_stale_one() {
        let mut doc = parse(&format!("[{ROLE}]")).unwrap();
        let first = serialize(&doc);
        assert_eq!(serialize(&doc), first);
        // Changed under the same id: the new definition is saved, not the remembered one.
        doc.workspace.roles[0].role.name = "Renamed".into();
        let renamed = serialize(&doc);
        assert_ne!(renamed, first);
        assert_eq!(parse(&renamed).unwrap(), doc);
        // Written ahead (as a large import is), then saved: the same text.
        let mut other = doc.workspace.roles[0].clone();
        other.id = "custom-other".into();
        other.role.id = other.id.clone();
        other.role.name = "Other".into();
        write_ahead(&Edit::Batch(vec![Edit::PutRole(other.clone())]));
        doc.workspace.roles.push(other);
        let both = serialize(&doc);
        assert_eq!(parse(&both).unwrap(), doc);
    }

    #[test]
    fn the_joined_text_is_what_serde_writes() {
        let mut doc = parse(&format!("[{ROLE}]")).unwrap();
        doc.theme = "dark \"quoted\"".into();
        doc.workspace.trash.push(doc.workspace.roles[0].clone());
        doc.workspace.trash[0].id = "custom-t".into();
        doc.workspace.broken.push(BrokenRole {
            id: "custom-b".into(),
            definition: "{not \"json\"\n".into(),
            error: String::new(),
        });
        doc.workspace.assignments.push(AssignmentRow {
            id: "a-1".into(),
            role: "Reader".into(),
            scope: "/subscriptions/s".into(),
            to: Assignee::You,
        });
        doc.workspace.assignments.push(AssignmentRow {
            id: "a-2".into(),
            role: "Windows 365 Network User".into(),
            scope: "/subscriptions/s".into(),
            to: Assignee::Windows365App,
        });
        doc.workspace.scopetags = Some(crate::scenario::preset());
        let (roles, assignments) = stored_parts(&doc.workspace);
        let trash = doc
            .workspace
            .trash
            .iter()
            .map(|r| StoredRole {
                id: r.id.clone(),
                definition: written(r),
            })
            .collect();
        let expected = serde_json::to_string(&Stored {
            version: version_of(&doc.workspace),
            roles,
            trash,
            assignments,
            theme: doc.theme.clone(),
            scope_tags: doc.workspace.scopetags.clone(),
        })
        .unwrap();
        assert_eq!(serialize(&doc), expected);
        // A row of the Windows 365 app's: version 3, which older apps refuse.
        assert!(expected.starts_with(r#"{"version":3,"#), "{expected}");
        assert_eq!(
            parse(&expected).unwrap().workspace.assignments,
            doc.workspace.assignments
        );
        doc.workspace = Workspace::default();
        assert_eq!(
            serialize(&doc),
            r#"{"version":2,"roles":[],"trash":[],"assignments":[],"theme":"dark \"quoted\""}"#
        );
    }

    #[test]
    fn unreadable_definitions_are_kept_verbatim() {
        let text = r#"{"version":2,"roles":[{"id":"custom-b","definition":"{not a role"}]}"#;
        let doc = parse(text).unwrap();
        assert!(doc.workspace.roles.is_empty());
        assert_eq!(doc.workspace.broken[0].definition, "{not a role");
        assert!(serialize(&doc).contains("{not a role"));
    }

    #[test]
    fn unreadable_text_is_reported() {
        assert!(parse("{not json").unwrap_err().contains("not valid JSON"));
        assert!(parse(r#"{"version": 99}"#).unwrap_err().contains("newer"));
        assert!(parse(r#"{"roles": []}"#)
            .unwrap_err()
            .contains("no version"));
        assert!(parse("42").unwrap_err().contains("a number"));
        assert!(parse(r#"{"version": "2"}"#).unwrap_err().contains("text"));
        // A list of anything but role definitions is not taken for version 0.
        assert!(parse("[1, 2, 3]").unwrap_err().contains("none of them"));
    }

    #[test]
    fn a_field_or_item_of_the_wrong_shape_is_left_out_and_named_the_rest_read() {
        let role = serde_json::to_string(ROLE).unwrap();
        let text = format!(
            r#"{{"version":2,"roles":[{{"id":"custom-a","definition":{role}}},{{"id":"custom-o","definition":{ROLE}}},7,{{"id":"custom-n","definition":5}}],
            "trash":[{{"id":"custom-t","definition":"{{broken"}}],
            "assignments":[{{"id":"a-1","role":"Reader","scope":"/subscriptions/s"}},{{"id":"a-2","role":5}},"x"],
            "theme":12,"scopeTags":{{"objects":"no"}},"extra":true}}"#
        );
        let p = parse_saved(&text).unwrap();
        let names: Vec<&str> = p
            .doc
            .workspace
            .roles
            .iter()
            .map(|r| r.role.name.as_str())
            .collect();
        // A definition kept as an object is read as its text.
        assert_eq!(names, ["Old", "Old"]);
        assert_eq!(p.doc.workspace.roles[1].id, "custom-o");
        assert_eq!(p.doc.workspace.assignments.len(), 1);
        assert_eq!(p.doc.theme, "");
        assert_eq!(p.doc.workspace.scopetags, None);
        let joined = p.skipped.join("\n");
        for want in [
            "`roles[2]` is the number 7",
            "`roles[3].definition` is the number 5",
            "recently deleted role (`custom-t`)",
            "`assignments[1]`: invalid type: integer `5`",
            "`assignments[2]` is",
            "`theme` is the number 12",
            "`scopeTags`",
            "`extra` is not a field this app saves",
        ] {
            assert!(joined.contains(want), "{want} not in {joined}");
        }
        assert_eq!(p.skipped.len(), 8, "{joined}");
        // `assignments` of the wrong shape: the roles are still read.
        let p = parse_saved(&format!(r#"{{"version":2,"roles":[{{"id":"custom-a","definition":{role}}}],"assignments":"oops"}}"#)).unwrap();
        assert_eq!(p.doc.workspace.roles.len(), 1);
        assert_eq!(
            p.skipped,
            ["`assignments` is \"oops\" where a list of assignments was expected"]
        );
        // Version 0 with a stray item: the roles are read, the item named.
        let p = parse_saved(&format!("[{ROLE}, 3]")).unwrap();
        assert_eq!(p.doc.workspace.roles.len(), 1);
        assert_eq!(p.skipped.len(), 1);
        // What this app writes reads with nothing left out.
        let again = parse_saved(&serialize(&p.doc)).unwrap();
        assert!(again.skipped.is_empty(), "{:?}", again.skipped);
    }

    #[test]
    fn the_scope_tag_scenario_is_optional_and_round_trips() {
        let old = parse(r#"{"version":2,"assignments":[{"id":"a-1","role":"Reader","scope":"/subscriptions/s"}]}"#).unwrap();
        assert_eq!(
            old.workspace.scopetags, None,
            "version 2 without it still reads"
        );
        assert!(!serialize(&old).contains("scopeTags"));
        let mut doc = old.clone();
        doc.workspace.scopetags = Some(crate::scenario::preset());
        let text = serialize(&doc);
        assert!(
            text.contains(r#""scopeTags":{"tags":["Paris","London"]"#),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), doc);
        // Keys missing (written by hand or by the CLI's form) are given.
        let bare = r#"{"version":2,"scopeTags":{"objects":[{"id":"x","type":"cloudPc"}],"admins":[{"name":"A","assignments":[{"role":"Cloud PC Reader"}]}]}}"#;
        let s = parse(bare).unwrap().workspace.scopetags.unwrap();
        assert_eq!(
            (s.objects[0].key.as_str(), s.admins[0].key.as_str()),
            ("o-m1", "d-m1")
        );
    }

    #[test]
    fn intune_custom_roles_are_saved_as_intune_roles() {
        let text = r##"{"@odata.type":"#microsoft.graph.deviceAndAppManagementRoleDefinition","displayName":"Sync desk","rolePermissions":[{"resourceActions":[{"allowedResourceActions":["Microsoft.Intune/RemoteTasks/SyncDevice"]}]}]}"##;
        let r = read_role("custom-i", text).unwrap();
        assert_eq!(r.role.plane(), Plane::Intune);
        let again = read_role("custom-i", &definition(&r.role).unwrap()).unwrap();
        assert_eq!(again.role.kind, w365_engine::RoleKind::IntuneCustom);
        assert_eq!(again.role.blocks, r.role.blocks);
    }
}
