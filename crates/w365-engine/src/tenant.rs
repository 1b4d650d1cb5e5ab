//! A real tenant, reviewed offline: what reviewers can export without this tool
//! touching their tenant, read ([`load`]) and answered per principal
//! ([`review::review`]).
//!
//! Files may be a JSON array (`az role assignment list --all -o json`,
//! `Get-AzRoleAssignment | ConvertTo-Json`, `az role definition list
//! --custom-role-only -o json`), a Graph page (`{"value": [...]}`,
//! `roleManagement/{cloudPC,directory}/roleAssignments` and `roleDefinitions`,
//! `deviceManagement/roleAssignments`), a single object, or a request
//! (`{"roles": [...], "assignments": [...]}`). Each element is an assignment when
//! [`assignment::detect`] recognises one, a role definition otherwise. Built-in role
//! definitions in a list are skipped (the bundled, observed versions are used).

pub mod assignment;
pub mod review;

pub use assignment::{Exported, Principal, Source};
pub use review::{review, Review};

use crate::bundle::Catalog;
use crate::import::{import_node, ImportedRole};
use crate::json::{self, JsonError, Limits, Node};
use serde::Serialize;

/// Largest tenant export one file may be: 128 MiB (50,000 `az` assignments take
/// about 40 MiB).
pub const MAX_TENANT_BYTES: usize = 128 * 1024 * 1024;

/// Most assignments all files together may hold.
pub const MAX_ASSIGNMENTS: usize = 500_000;

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
    /// Keys accepted and not used, assumptions, skipped built-ins.
    pub notes: Vec<String>,
}

/// Read tenant exports: `(file name, text)` pairs.
pub fn load(catalog: &Catalog, files: &[(&str, &str)]) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    let mut unused = assignment::UnusedKeys::default();
    for (name, text) in files {
        let fail = |error: JsonError| LoadError {
            file: name.to_string(),
            error,
        };
        let doc = json::parse_with(
            text,
            Limits {
                max_bytes: MAX_TENANT_BYTES,
                max_depth: json::MAX_DEPTH,
            },
        )
        .map_err(fail)?;
        let root = Node::root(&doc);
        let mut items = Vec::new();
        if root.is_object() {
            let value = root.get("value").map_err(fail)?;
            let roles = root.get("roles").map_err(fail)?;
            let assignments = root.get("assignments").map_err(fail)?;
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
            items = root.items().map_err(|_| {
                fail(root.error(format!(
                    "expected an array, a Graph page (`{{\"value\": [...]}}`) or an object, found {}",
                    root.value().kind()
                )))
            })?;
        }
        let mut file = SourceFile {
            name: name.to_string(),
            shapes: Vec::new(),
            assignments: 0,
            roles: 0,
            builtin_skipped: 0,
        };
        for item in items {
            if let Some(source) = assignment::detect(&item) {
                let e = assignment::read(&item).map_err(fail)?;
                if !file.shapes.contains(&source) {
                    file.shapes.push(source);
                }
                unused.add(&e);
                out.assignments.push(e);
                file.assignments += 1;
                if out.assignments.len() > MAX_ASSIGNMENTS {
                    return Err(fail(item.error(format!(
                        "more than {MAX_ASSIGNMENTS} role assignments in all files"
                    ))));
                }
                continue;
            }
            let roles = import_node(&item).map_err(|e| {
                fail(JsonError {
                    message: format!(
                        "{} (neither a role assignment nor a role definition)",
                        e.message
                    ),
                    ..e
                })
            })?;
            for r in roles {
                let builtin = catalog.role(&r.role.id).is_some()
                    && (r.declares_builtin || catalog.role(&r.role.name).is_some());
                if builtin {
                    file.builtin_skipped += 1;
                } else {
                    file.roles += 1;
                    out.roles.push(r);
                }
            }
        }
        if file.builtin_skipped > 0 {
            out.notes.push(format!(
                "`{name}`: {} built-in role definition(s) skipped; the bundled definitions (as Microsoft Graph and the Azure docs returned them) are used",
                file.builtin_skipped
            ));
        }
        out.files.push(file);
    }
    crate::request::check_supplied(catalog, &out.roles).map_err(|error| LoadError {
        file: "role definitions".into(),
        error,
    })?;
    let mut notes = unused.notes();
    notes.append(&mut out.notes);
    out.notes = notes;
    Ok(out)
}
