//! The one adapter between the app and browser storage.
//!
//! Saved state carries a schema version. Version 0 (no version field: a bare array
//! of role definitions, the first format) is migrated on load. Text that cannot be
//! read never blanks the app: the app starts empty, *locks* saving so nothing
//! overwrites the saved text, and offers it for download before the user discards
//! it. Quota and access errors are reported, not swallowed.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The storage key.
pub const KEY: &str = "w365-explorer/state";
/// The schema version written.
pub const VERSION: u32 = 1;

/// A saved custom role: its id and its definition (ARM or Graph JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRole {
    /// Stable id (`custom-...`).
    pub id: String,
    /// The definition as JSON text.
    pub definition: String,
}

/// A saved role assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedAssignment {
    /// Role name or id.
    pub role: String,
    /// Scope (Azure roles).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope: String,
}

/// Everything saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// Custom roles.
    #[serde(default)]
    pub roles: Vec<SavedRole>,
    /// Deleted roles kept for undo (most recent last, at most 20).
    #[serde(default)]
    pub trash: Vec<SavedRole>,
    /// The assignment set.
    #[serde(default)]
    pub assignments: Vec<SavedAssignment>,
    /// `system`, `light` or `dark`.
    #[serde(default)]
    pub theme: String,
}

#[derive(Serialize)]
struct Versioned<'a> {
    version: u32,
    #[serde(flatten)]
    saved: &'a Saved,
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
    /// Browser storage is not available (private mode, disabled).
    Unavailable(String),
    /// Saving failed (quota).
    NotSaved(String),
}

/// Parse saved text, migrating older versions.
pub fn parse(text: &str) -> Result<Saved, String> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| format!("the saved data is not valid JSON ({e})"))?;
    match &v {
        // Version 0: a bare array of role definitions.
        Value::Array(items) => Ok(Saved {
            roles: items
                .iter()
                .enumerate()
                .map(|(i, d)| SavedRole {
                    id: format!("custom-migrated-{}", i + 1),
                    definition: serde_json::to_string_pretty(d).unwrap_or_default(),
                })
                .collect(),
            ..Saved::default()
        }),
        Value::Object(o) => {
            let version = o
                .get("version")
                .and_then(Value::as_u64)
                .ok_or("the saved data has no version number")?;
            if version > u64::from(VERSION) {
                return Err(format!("the saved data is version {version}, newer than this app understands (version {VERSION})"));
            }
            serde_json::from_value::<Saved>(v.clone())
                .map_err(|e| format!("the saved data has an unexpected shape ({e})"))
        }
        _ => Err("the saved data is neither an object nor an array".into()),
    }
}

/// Serialize with the current version.
pub fn serialize(saved: &Saved) -> String {
    serde_json::to_string(&Versioned {
        version: VERSION,
        saved,
    })
    .unwrap_or_default()
}

fn storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
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

/// Load saved state.
pub fn load() -> (Saved, Option<Problem>) {
    let s = match storage() {
        Ok(s) => s,
        Err(e) => return (Saved::default(), Some(Problem::Unavailable(e))),
    };
    match s.get_item(KEY) {
        Ok(None) => (Saved::default(), None),
        Ok(Some(text)) => match parse(&text) {
            Ok(saved) => (saved, None),
            Err(message) => (
                Saved::default(),
                Some(Problem::Unreadable { message, raw: text }),
            ),
        },
        Err(e) => (Saved::default(), Some(Problem::Unavailable(js_message(&e)))),
    }
}

/// Save state; the error says why it could not be saved.
pub fn save(saved: &Saved) -> Result<(), String> {
    let s = storage()?;
    s.set_item(KEY, &serialize(saved)).map_err(|e| {
        let m = js_message(&e);
        if m.to_ascii_lowercase().contains("quota") {
            format!(
                "browser storage is full ({m}); your changes stay in this tab until you free space"
            )
        } else {
            m
        }
    })
}

/// Forget the saved text (after the user chose to discard it).
pub fn discard() -> Result<(), String> {
    storage()?.remove_item(KEY).map_err(|e| js_message(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_migration() {
        let s = Saved {
            roles: vec![SavedRole {
                id: "custom-a".into(),
                definition: "{}".into(),
            }],
            assignments: vec![SavedAssignment {
                role: "Reader".into(),
                scope: "/subscriptions/s".into(),
            }],
            ..Saved::default()
        };
        let text = serialize(&s);
        assert!(text.contains("\"version\":1"));
        assert_eq!(parse(&text).unwrap(), s);
        let v0 = parse(r#"[{"roleName":"Old","permissions":[]}]"#).unwrap();
        assert_eq!(v0.roles.len(), 1);
        assert!(v0.roles[0].definition.contains("Old"));
    }

    #[test]
    fn unreadable_text_is_reported() {
        assert!(parse("{not json").unwrap_err().contains("not valid JSON"));
        assert!(parse(r#"{"version": 99}"#).unwrap_err().contains("newer"));
        assert!(parse(r#"{"roles": []}"#)
            .unwrap_err()
            .contains("no version"));
        assert!(parse(r#"{"version": 1, "roles": 5}"#)
            .unwrap_err()
            .contains("unexpected shape"));
        assert!(parse("42").is_err());
    }
}
