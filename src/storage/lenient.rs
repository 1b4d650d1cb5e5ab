//! Reading saved text item by item: a field or an item of the wrong shape is left
//! out and named (with where it was), and everything else is read. What is left
//! out is never lost: [`super::read_saved`] keeps the text as it was in a backup
//! before anything is saved over it.

use super::{StoredAssignment, StoredRole};
use crate::scenario::TagScenario;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The top-level keys this app writes.
const KNOWN: &[&str] = &[
    "version",
    "roles",
    "trash",
    "assignments",
    "theme",
    "scopeTags",
];

/// What a value is, in words ("a number", "text", ...).
pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Whether an object looks like a role definition itself (ARM or Graph).
fn is_definition(o: &Map<String, Value>) -> bool {
    [
        "roleName",
        "displayName",
        "permissions",
        "rolePermissions",
        "properties",
    ]
    .iter()
    .any(|k| o.contains_key(*k))
}

/// The parts of a saved object, each read on its own.
#[derive(Debug, Default)]
pub(super) struct Parts {
    pub roles: Vec<StoredRole>,
    pub trash: Vec<StoredRole>,
    pub assignments: Vec<StoredAssignment>,
    pub theme: String,
    pub scope_tags: Option<TagScenario>,
    /// What was left out, each with where it was.
    pub skipped: Vec<String>,
}

/// Read a saved object (its version already checked).
pub(super) fn parts(o: &Map<String, Value>) -> Parts {
    let mut p = Parts::default();
    p.roles = roles(o.get("roles"), "roles", &mut p.skipped);
    p.trash = roles(o.get("trash"), "trash", &mut p.skipped);
    p.assignments = assignments(o.get("assignments"), &mut p.skipped);
    p.theme = match o.get("theme") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if ["", "light", "dark"].contains(&s.as_str()) => s.clone(),
        Some(v) => {
            p.skipped.push(format!(
                "`theme` is {} where \"light\", \"dark\" or \"\" was expected",
                describe(v)
            ));
            String::new()
        }
    };
    p.scope_tags = match o.get("scopeTags") {
        None | Some(Value::Null) => None,
        Some(v) => match TagScenario::deserialize(v) {
            Ok(t) => Some(t),
            Err(e) => {
                p.skipped
                    .push(format!("the scope-tag scenario (`scopeTags`): {e}"));
                None
            }
        },
    };
    for k in o.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        p.skipped
            .push(format!("`{k}` is not a field this app saves"));
    }
    p
}

/// A short description of a value for a message: its kind, and a short value.
fn describe(v: &Value) -> String {
    match v {
        Value::String(s) if s.chars().count() <= 24 => format!("\"{s}\""),
        Value::Number(n) => format!("the number {n}"),
        Value::Bool(b) => b.to_string(),
        other => kind(other).to_string(),
    }
}

fn roles(v: Option<&Value>, key: &str, skipped: &mut Vec<String>) -> Vec<StoredRole> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| role(i, item, key, skipped))
            .collect(),
        Some(other) => {
            skipped.push(format!(
                "`{key}` is {} where a list of roles was expected",
                describe(other)
            ));
            Vec::new()
        }
    }
}

/// One saved role: `{"id", "definition": "<text>"}`; a definition kept as an
/// object, or a bare definition, is read as its text.
fn role(i: usize, item: &Value, key: &str, skipped: &mut Vec<String>) -> Option<StoredRole> {
    let Value::Object(o) = item else {
        skipped.push(format!(
            "`{key}[{i}]` is {} where a role was expected",
            describe(item)
        ));
        return None;
    };
    let id = match o.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => format!("custom-recovered-{key}-{}", i + 1),
    };
    let definition = match o.get("definition") {
        Some(Value::String(s)) => s.clone(),
        Some(d @ Value::Object(_)) => pretty(d),
        Some(other) => {
            skipped.push(format!(
                "`{key}[{i}].definition` is {} where a role definition was expected",
                describe(other)
            ));
            return None;
        }
        None if is_definition(o) => pretty(item),
        None => {
            skipped.push(format!("`{key}[{i}]` has no `definition`"));
            return None;
        }
    };
    Some(StoredRole { id, definition })
}

fn assignments(v: Option<&Value>, skipped: &mut Vec<String>) -> Vec<StoredAssignment> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                if !item.is_object() {
                    skipped.push(format!(
                        "`assignments[{i}]` is {} where an assignment was expected",
                        describe(item)
                    ));
                    return None;
                }
                match StoredAssignment::deserialize(item) {
                    Ok(a) => Some(a),
                    Err(e) => {
                        skipped.push(format!("`assignments[{i}]`: {e}"));
                        None
                    }
                }
            })
            .collect(),
        Some(other) => {
            skipped.push(format!(
                "`assignments` is {} where a list of assignments was expected",
                describe(other)
            ));
            Vec::new()
        }
    }
}

/// Version 0, a bare list of role definitions: the objects, and what else is
/// left out.
pub(super) fn version_zero(items: &[Value], skipped: &mut Vec<String>) -> Vec<StoredRole> {
    let mut out = Vec::new();
    for (i, d) in items.iter().enumerate() {
        if d.is_object() {
            out.push(StoredRole {
                id: format!("custom-migrated-{}", i + 1),
                definition: pretty(d),
            });
        } else {
            skipped.push(format!(
                "item {} of the saved list is {} where a role definition was expected",
                i + 1,
                describe(d)
            ));
        }
    }
    out
}
