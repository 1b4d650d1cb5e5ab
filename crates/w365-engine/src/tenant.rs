//! A real tenant, reviewed offline: what reviewers can export without this tool
//! touching their tenant, read ([`load`]) and answered per principal
//! ([`review::review`]).
//!
//! Files may be a JSON array (`az role assignment list --all -o json`,
//! `Get-AzRoleAssignment | ConvertTo-Json`, `az role definition list
//! --custom-role-only -o json`), a Graph page (`{"value": [...]}`,
//! `roleManagement/{cloudPC,directory}/roleAssignments` and `roleDefinitions`,
//! `deviceManagement/roleAssignments`), a single object, or a request
//! (`{"roles": [...], "assignments": [...]}`). Each element is a deny assignment
//! when [`crate::deny::looks_like`] recognises one (ARM REST, `Get-AzDenyAssignment`;
//! read, checked, and applied per principal and scope by the review: [`denies`]),
//! an assignment when [`assignment::detect`] recognises one, a role definition
//! otherwise. Built-in role
//! definitions in a list are skipped (the bundled, observed versions are used).

pub mod assignment;
pub mod denies;
pub mod review;

pub use assignment::{Exported, Principal, Source};
pub use denies::{DenyEffect, DenyUse, ScopeDeny};
pub use review::{review, Progress, Review, Reviewing};

use crate::bundle::Catalog;
use crate::import::{import_node, ImportedRole};
use crate::json::{self, JsonError, Limits, Node};
use serde::Serialize;

/// Largest tenant export one file may be: 128 MiB (50,000 `az` assignments take
/// about 40 MiB).
pub const MAX_TENANT_BYTES: usize = 128 * 1024 * 1024;

/// Most assignments all files together may hold.
pub const MAX_ASSIGNMENTS: usize = 500_000;

/// Most deny assignments all files together may hold: the review weighs each
/// one for every principal (whom it applies to) and every scope of theirs (whether
/// it reaches it), so their number multiplies the review's cost. Azure creates
/// them (managed applications, Blueprints, deployment stacks): a tenant has few.
pub const MAX_DENY_ASSIGNMENTS: usize = 2_000;

fn too_many_denies(n: &Node<'_>) -> JsonError {
    n.error(format!(
        "more than {MAX_DENY_ASSIGNMENTS} deny assignments in all files (the review weighs each one for every principal: review the subscriptions apart)"
    ))
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{file}`: {error}")]
pub struct LoadError {
    /// The file's name.
    pub file: String,
    /// Where and what.
    pub error: JsonError,
}

/// What one file held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceFile {
    /// Its name.
    pub name: String,
    /// The shapes its assignments were read as.
    pub shapes: Vec<Source>,
    /// Assignments read.
    pub assignments: usize,
    /// Custom role definitions read.
    pub roles: usize,
    /// Built-in role definitions skipped.
    pub builtin_skipped: usize,
    /// Deny assignments read (applied by the review: [`Loaded::deny_note`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub deny_assignments: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything read from the files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Per file.
    pub files: Vec<SourceFile>,
    /// Custom roles.
    pub roles: Vec<ImportedRole>,
    /// Assignments, in file order.
    pub assignments: Vec<Exported>,
    /// Deny assignments (ARM REST list, `Get-AzDenyAssignment`, a request's
    /// `denyAssignments`), read and checked; the review applies them per
    /// principal and scope.
    pub denies: Vec<crate::deny::DenyAssignment>,
    /// Keys accepted and not used, assumptions, skipped built-ins.
    pub notes: Vec<String>,
}

impl Loaded {
    /// What a reviewer must know when deny assignments were read: which, and how
    /// the review applies them; `None` when none were read. (The review adds what
    /// they changed: [`review::Review::notes`].)
    pub fn deny_note(&self) -> Option<String> {
        if self.denies.is_empty() {
            return None;
        }
        let listed: Vec<String> = self
            .denies
            .iter()
            .take(5)
            .map(|d| format!("`{}` at `{}` (for {})", d.name, d.scope.as_str(), d.whom()))
            .collect();
        Some(format!(
            "{} deny assignment(s) read ({}{}): applied per principal at each of their scopes that a deny reaches (its scope and every child scope, or its own scope only with `doNotApplyToChildScopes`); what a deny surely blocks is removed from that principal's operations, Windows 365 operations and flags there, and what it blocks only if something unknown offline holds (group membership, a management group's members, its condition) is counted as conditional and the deny named",
            self.denies.len(),
            listed.join(", "),
            if self.denies.len() > listed.len() { ", ..." } else { "" }
        ))
    }
}

/// Read tenant exports: `(file name, text)` pairs.
pub fn load(catalog: &Catalog, files: &[(&str, &str)]) -> Result<Loaded, LoadError> {
    let mut loading = Loading::default();
    for (name, text) in files {
        loading.add(catalog, name, text)?;
    }
    loading.finish(catalog)
}

/// The limits of a tenant export: larger than a role file's.
const LIMITS: Limits = Limits {
    max_bytes: MAX_TENANT_BYTES,
    max_depth: json::MAX_DEPTH,
};

/// A file being read by [`Loading::read`], a slice at a time.
#[derive(Debug)]
pub struct FileReading {
    file: SourceFile,
    cursor: Option<json::ArrayCursor>,
    done: bool,
}

impl FileReading {
    /// Bytes read so far (all of it for a file read whole).
    pub fn offset(&self) -> Option<usize> {
        self.cursor.as_ref().map(json::ArrayCursor::offset)
    }
}

/// Tenant exports read one file at a time (a page reads each in its own task);
/// [`load`] is `add` for each file, then `finish`.
#[derive(Debug, Default)]
pub struct Loading {
    out: Loaded,
    unused: assignment::UnusedKeys,
    /// Keys of custom role definitions that their shape has no place for, counted
    /// (the first [`crate::import::MAX_UNKNOWN_KEY_WARNINGS`] are noted as read).
    unknown_keys: usize,
}

impl Loading {
    /// Assignments read so far, in all files.
    pub fn assignments(&self) -> usize {
        self.out.assignments.len()
    }

    /// Read one file.
    pub fn add(&mut self, catalog: &Catalog, name: &str, text: &str) -> Result<(), LoadError> {
        let mut reading = self.begin(catalog, name, text)?;
        while !self.read(catalog, &mut reading, text, usize::MAX)? {}
        Ok(())
    }

    /// Start reading one file. An array (what `az` and `ConvertTo-Json` print)
    /// is then read in slices by [`Loading::read`]; any other document (a Graph
    /// page, a request) is read whole here.
    pub fn begin(
        &mut self,
        catalog: &Catalog,
        name: &str,
        text: &str,
    ) -> Result<FileReading, LoadError> {
        let fail = |error: JsonError| LoadError {
            file: name.to_string(),
            error,
        };
        let mut reading = FileReading {
            file: SourceFile {
                name: name.to_string(),
                shapes: Vec::new(),
                assignments: 0,
                roles: 0,
                builtin_skipped: 0,
                deny_assignments: 0,
            },
            cursor: None,
            done: false,
        };
        if let Some(cursor) = json::ArrayCursor::new(text, LIMITS).map_err(fail)? {
            reading.cursor = Some(cursor);
            return Ok(reading);
        }
        let doc = json::parse_with(text, LIMITS).map_err(fail)?;
        let root = Node::root(&doc);
        let mut items = Vec::new();
        if root.is_object() {
            // One page of several: what the later pages hold is not reviewed.
            if root.get("@odata.nextLink").map_err(fail)?.is_some() {
                self.out.notes.push(format!(
                    "`{}` is one page of a longer Graph answer (it has `@odata.nextLink`): the assignments or definitions on the later pages are not in this review; fetch every page (`az rest` and `Invoke-MgGraphRequest` do not follow the link; `Get-Mg...` with `-All` does) and review them together",
                    reading.file.name
                ));
            }
            let value = root.get("value").map_err(fail)?;
            let roles = root.get("roles").map_err(fail)?;
            let assignments = root.get("assignments").map_err(fail)?;
            // A request's deny assignments, in any shape `eval` reads.
            if let Some(list) = root.get("denyAssignments").map_err(fail)? {
                let denies = crate::deny::read_list(&list).map_err(fail)?;
                if self.out.denies.len() + denies.len() > MAX_DENY_ASSIGNMENTS {
                    return Err(fail(too_many_denies(&list)));
                }
                reading.file.deny_assignments += denies.len();
                self.out.denies.extend(denies);
                if roles.is_none() && assignments.is_none() {
                    return Ok(reading);
                }
            }
            match (value, roles, assignments) {
                (Some(v), _, _) => items.extend(v.items().map_err(fail)?),
                (None, None, None) => items.push(root),
                (None, r, a) => {
                    for list in [r, a].into_iter().flatten() {
                        items.extend(list.items().map_err(fail)?);
                    }
                }
            }
        } else {
            return Err(fail(root.error(format!(
                "expected an array, a Graph page (`{{\"value\": [...]}}`) or an object, found {}",
                root.value().kind()
            ))));
        }
        for item in items {
            self.take(catalog, &mut reading.file, &item).map_err(fail)?;
        }
        Ok(reading)
    }

    /// Read up to `max` more elements of a file begun with [`Loading::begin`]
    /// (pass the same text); `true` once the file is read and counted.
    pub fn read(
        &mut self,
        catalog: &Catalog,
        reading: &mut FileReading,
        text: &str,
        max: usize,
    ) -> Result<bool, LoadError> {
        let name = reading.file.name.clone();
        let fail = |error: JsonError| LoadError { file: name, error };
        if reading.done {
            return Ok(true);
        }
        if let Some(cursor) = reading.cursor.as_mut() {
            let first = cursor.index();
            let items = match cursor.next_items(text, max) {
                Ok(items) => items,
                Err(e) => return Err(fail(e)),
            };
            for (k, json) in items.iter().enumerate() {
                let item = Node::element(json, first + k);
                if let Err(e) = self.take(catalog, &mut reading.file, &item) {
                    return Err(fail(e));
                }
            }
            if !cursor.is_done() {
                return Ok(false);
            }
        }
        reading.done = true;
        let file = reading.file.clone();
        if file.builtin_skipped > 0 {
            self.out.notes.push(format!(
                "`{}`: {} built-in role definition(s) skipped; the bundled definitions (as Microsoft Graph and the Azure docs returned them) are used",
                file.name, file.builtin_skipped
            ));
        }
        self.out.files.push(file);
        Ok(true)
    }

    /// One element of an export: an assignment, or role definitions.
    fn take(
        &mut self,
        catalog: &Catalog,
        file: &mut SourceFile,
        item: &Node<'_>,
    ) -> Result<(), JsonError> {
        let out = &mut self.out;
        if crate::deny::looks_like(item) {
            if out.denies.len() >= MAX_DENY_ASSIGNMENTS {
                return Err(too_many_denies(item));
            }
            out.denies.push(crate::deny::read(item)?);
            file.deny_assignments += 1;
            return Ok(());
        }
        if let Some(source) = assignment::detect(item) {
            let e = assignment::read(item)?;
            if !file.shapes.contains(&source) {
                file.shapes.push(source);
            }
            self.unused.add(&e);
            out.assignments.push(e);
            file.assignments += 1;
            if out.assignments.len() > MAX_ASSIGNMENTS {
                return Err(item.error(format!(
                    "more than {MAX_ASSIGNMENTS} role assignments in all files"
                )));
            }
            return Ok(());
        }
        let roles = import_node(item).map_err(|e| JsonError {
            message: format!(
                "{} (neither a role assignment nor a role definition)",
                e.message
            ),
            ..e
        })?;
        for r in roles {
            let builtin = catalog.role(&r.role.id).is_some()
                && (r.declares_builtin || catalog.role(&r.role.name).is_some());
            if builtin {
                file.builtin_skipped += 1;
            } else {
                // An unknown key is ignored: a misspelt exclusion widens the role.
                for k in &r.unknown_keys {
                    if self.unknown_keys < crate::import::MAX_UNKNOWN_KEY_WARNINGS {
                        out.notes.push(format!("`{}`: {}", file.name, k.warning()));
                    }
                    self.unknown_keys += 1;
                }
                file.roles += 1;
                out.roles.push(r);
            }
        }
        Ok(())
    }

    /// Check the role definitions read against each other and the catalog.
    pub fn finish(self, catalog: &Catalog) -> Result<Loaded, LoadError> {
        let Loading {
            mut out,
            unused,
            unknown_keys,
        } = self;
        let more = unknown_keys.saturating_sub(crate::import::MAX_UNKNOWN_KEY_WARNINGS);
        if more > 0 {
            out.notes.push(format!(
                "{more} more unknown key{} of custom role definitions are ignored (`w365-perms lint` lists a file's)",
                if more == 1 { "" } else { "s" }
            ));
        }
        crate::request::check_supplied(catalog, &out.roles).map_err(|error| LoadError {
            file: "role definitions".into(),
            error,
        })?;
        let mut notes = unused.notes();
        notes.append(&mut out.notes);
        notes.extend(out.deny_note());
        out.notes = notes;
        Ok(out)
    }
}
