//! Collecting every problem of a document instead of stopping at the first: the
//! typed getters of the exercise reader push what is wrong and carry on.

use crate::json::{JsonError, Node, Value};

/// Most characters a text field (brief, hint, explanation) may hold.
pub const MAX_TEXT: usize = 20_000;

/// The problems found so far.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub Vec<JsonError>);

impl Problems {
    pub fn push(&mut self, e: JsonError) {
        self.0.push(e);
    }

    /// Refuse keys that are not `known`, with "did you mean".
    pub fn keys(&mut self, n: &Node<'_>, known: &[&str]) {
        for (k, pos) in n.keys() {
            if !known.iter().any(|x| x.eq_ignore_ascii_case(k)) {
                let hint = crate::fuzzy::closest(k, known.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.push(JsonError::at(
                    &n.path(),
                    pos,
                    format!("unknown key `{k}`{hint}"),
                ));
            }
        }
    }

    /// A member, `null` reading as absent.
    pub fn member<'a>(&mut self, n: &Node<'a>, key: &str) -> Option<Node<'a>> {
        match n.get(key) {
            Ok(Some(v)) if matches!(v.value(), Value::Null) => None,
            Ok(v) => v,
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// A required member.
    pub fn required<'a>(&mut self, n: &Node<'a>, key: &str) -> Option<Node<'a>> {
        let v = self.member(n, key);
        match (&v, n.get(key)) {
            // A `null` is named where it is, not as a member missing from its parent.
            (None, Ok(Some(null))) => self.push(null.error(format!("`{key}` is null"))),
            (None, Ok(None)) => self.push(n.error(format!("missing `{key}`"))),
            _ => {}
        }
        v
    }

    /// A string member; `required` reports its absence; blank text is refused.
    pub fn text(&mut self, n: &Node<'_>, key: &str, required: bool) -> Option<String> {
        let v = if required {
            self.required(n, key)?
        } else {
            self.member(n, key)?
        };
        match v.as_str() {
            Ok(s) if s.trim().is_empty() => {
                self.push(v.error(format!("`{key}` is empty")));
                None
            }
            Ok(s) if s.chars().count() > MAX_TEXT => {
                self.push(v.error(format!("`{key}` is longer than {MAX_TEXT} characters")));
                None
            }
            Ok(s) => Some(s.trim().to_string()),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// A boolean member.
    pub fn boolean(&mut self, n: &Node<'_>, key: &str) -> Option<bool> {
        let v = self.member(n, key)?;
        match v.as_bool() {
            Ok(b) => Some(b),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// The items of an array member.
    pub fn list<'a>(&mut self, n: &Node<'a>, key: &str, required: bool) -> Option<Vec<Node<'a>>> {
        let v = if required {
            self.required(n, key)?
        } else {
            self.member(n, key)?
        };
        match v.items() {
            Ok(items) => Some(items),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    /// An array of non-empty strings (each at most [`MAX_TEXT`] characters).
    pub fn texts(&mut self, n: &Node<'_>, key: &str) -> Vec<String> {
        let Some(v) = self.member(n, key) else {
            return Vec::new();
        };
        let items = match v.strings() {
            Ok(items) => items,
            Err(e) => {
                self.push(e);
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for s in items {
            if s.text.trim().is_empty() {
                self.push(JsonError::at(&s.path, s.pos, "an empty text"));
            } else if s.text.chars().count() > MAX_TEXT {
                self.push(JsonError::at(
                    &s.path,
                    s.pos,
                    format!("longer than {MAX_TEXT} characters"),
                ));
            } else {
                out.push(s.text.trim().to_string());
            }
        }
        out
    }

    /// Refuse a value that is not an object; true when it is one.
    pub fn object(&mut self, n: &Node<'_>, what: &str) -> bool {
        if n.is_object() {
            true
        } else {
            self.push(n.error(format!(
                "expected {what} object, found {}",
                n.value().kind()
            )));
            false
        }
    }
}
