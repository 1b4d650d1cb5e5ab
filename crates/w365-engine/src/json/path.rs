//! Typed, path-aware access to a parsed document, for importers.

use super::{Json, JsonError, Pos, Value};
use std::rc::Rc;

/// A value of a parsed document together with its JSON path.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    json: &'a Json,
    path: Rc<Step>,
}

#[derive(Debug)]
enum Step {
    Root,
    Key(Rc<Step>, String),
    Index(Rc<Step>, usize),
}

impl<'a> Node<'a> {
    /// The document root, at path `$`.
    pub fn root(json: &'a Json) -> Self {
        Node {
            json,
            path: Rc::new(Step::Root),
        }
    }

    /// Element `index` of the document's root array, at path `$[index]`, when
    /// the elements are read one by one ([`super::ArrayCursor`]).
    pub fn element(json: &'a Json, index: usize) -> Self {
        Node {
            json,
            path: Rc::new(Step::Index(Rc::new(Step::Root), index)),
        }
    }

    /// The value.
    pub fn value(&self) -> &'a Value {
        &self.json.value
    }

    /// The value with its position.
    pub fn json(&self) -> &'a Json {
        self.json
    }

    /// Another value read at this node's path: a copy of this one in which
    /// something was evaluated (an ARM template's `[parameters('x')]`), whose
    /// errors should name the path it was written at.
    pub fn at_path_of<'b>(&self, json: &'b Json) -> Node<'b> {
        Node {
            json,
            path: Rc::clone(&self.path),
        }
    }

    /// Where the value starts.
    pub fn pos(&self) -> Pos {
        self.json.pos
    }

    /// The JSON path, e.g. `$.permissions[0].actions[2]`.
    pub fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut cur: &Step = &self.path;
        loop {
            match cur {
                Step::Root => break,
                Step::Key(parent, k) => {
                    steps.push(
                        if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        {
                            format!(".{k}")
                        } else {
                            format!("[{k:?}]")
                        },
                    );
                    cur = parent;
                }
                Step::Index(parent, i) => {
                    steps.push(format!("[{i}]"));
                    cur = parent;
                }
            }
        }
        let mut out = String::from("$");
        for s in steps.iter().rev() {
            out.push_str(s);
        }
        out
    }

    /// An error about this value.
    pub fn error(&self, message: impl Into<String>) -> JsonError {
        JsonError::at(&self.path(), self.pos(), message)
    }

    /// An error at member `key` when this object has it, else at this node.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> JsonError {
        match self.get(key) {
            Ok(Some(v)) => v.error(message),
            _ => self.error(message),
        }
    }

    /// Is this an object?
    pub fn is_object(&self) -> bool {
        matches!(self.json.value, Value::Object(_))
    }

    /// The object's keys, in order (empty for other values).
    pub fn keys(&self) -> Vec<(&'a str, Pos)> {
        match &self.json.value {
            Value::Object(m) => m.iter().map(|(k, _)| (k.name.as_str(), k.pos)).collect(),
            _ => Vec::new(),
        }
    }

    /// The object's members with their values, in order (empty for other values).
    /// Unlike calling [`Node::get`] for every key, this is linear in the object's size.
    pub fn members(&self) -> Vec<(&'a str, Pos, Node<'a>)> {
        match &self.json.value {
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| {
                    (
                        k.name.as_str(),
                        k.pos,
                        Node {
                            json: v,
                            path: Rc::new(Step::Key(Rc::clone(&self.path), k.name.clone())),
                        },
                    )
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Look up a member by key, ignoring ASCII case. Two keys that differ only by case
    /// are ambiguous and an error.
    pub fn get(&self, key: &str) -> Result<Option<Node<'a>>, JsonError> {
        let Value::Object(members) = &self.json.value else {
            return Ok(None);
        };
        let mut found: Option<&'a (super::Key, Json)> = None;
        for m in members {
            if m.0.name.eq_ignore_ascii_case(key) {
                if let Some(first) = found {
                    return Err(JsonError::at(
                        &self.path(),
                        m.0.pos,
                        format!(
                            "keys `{}` and `{}` differ only by case; keep one",
                            first.0.name, m.0.name
                        ),
                    ));
                }
                found = Some(m);
            }
        }
        Ok(found.map(|(k, v)| Node {
            json: v,
            path: Rc::new(Step::Key(Rc::clone(&self.path), k.name.clone())),
        }))
    }

    /// The value as a string.
    pub fn as_str(&self) -> Result<&'a str, JsonError> {
        match &self.json.value {
            Value::String(s) => Ok(s),
            other => Err(self.error(format!("expected a string, found {}", other.kind()))),
        }
    }

    /// The value as a string, `null` meaning absent.
    pub fn as_opt_str(&self) -> Result<Option<&'a str>, JsonError> {
        match &self.json.value {
            Value::Null => Ok(None),
            _ => self.as_str().map(Some),
        }
    }

    /// The value as a boolean.
    pub fn as_bool(&self) -> Result<bool, JsonError> {
        match &self.json.value {
            Value::Bool(b) => Ok(*b),
            other => Err(self.error(format!("expected true or false, found {}", other.kind()))),
        }
    }

    /// The value as a non-negative integer.
    pub fn as_usize(&self) -> Result<usize, JsonError> {
        match &self.json.value {
            Value::Number(n) => n
                .parse::<usize>()
                .map_err(|_| self.error(format!("expected a non-negative integer, found `{n}`"))),
            other => Err(self.error(format!(
                "expected a non-negative integer, found {}",
                other.kind()
            ))),
        }
    }

    /// The elements of an array.
    pub fn items(&self) -> Result<Vec<Node<'a>>, JsonError> {
        match &self.json.value {
            Value::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, j)| Node {
                    json: j,
                    path: Rc::new(Step::Index(Rc::clone(&self.path), i)),
                })
                .collect()),
            other => Err(self.error(format!("expected an array, found {}", other.kind()))),
        }
    }

    /// An array of strings (`null` reads as empty), each with its position, borrowed
    /// from the document; the path of an element is this node's path and `[index]`.
    /// The first element that is not a string is an error at its path.
    pub fn str_items(&self) -> Result<Vec<(&'a str, Pos)>, JsonError> {
        match &self.json.value {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, j) in items.iter().enumerate() {
                    match &j.value {
                        Value::String(s) => out.push((s.as_str(), j.pos)),
                        other => {
                            return Err(JsonError::at(
                                &format!("{}[{i}]", self.path()),
                                j.pos,
                                format!("expected a string, found {}", other.kind()),
                            ))
                        }
                    }
                }
                Ok(out)
            }
            other => Err(self.error(format!("expected an array, found {}", other.kind()))),
        }
    }

    /// An array of strings (`null` reads as empty), each with its path and position.
    pub fn strings(&self) -> Result<Vec<Located>, JsonError> {
        if matches!(self.json.value, Value::Null) {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for item in self.items()? {
            out.push(Located {
                text: item.as_str()?.to_string(),
                path: item.path(),
                pos: item.pos(),
            });
        }
        Ok(out)
    }
}

/// A string read from a document, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The text.
    pub text: String,
    /// Its JSON path.
    pub path: String,
    /// Its position.
    pub pos: Pos,
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn paths_and_case_insensitive_keys() {
        let doc = parse(r#"{"Permissions":[{"Actions":["a", 3]}], "my key": 1}"#).unwrap();
        let root = Node::root(&doc);
        let perms = root.get("permissions").unwrap().unwrap();
        let items = perms.items().unwrap();
        let actions = items[0].get("actions").unwrap().unwrap();
        let err = actions.strings().unwrap_err();
        assert_eq!(err.path.as_deref(), Some("$.Permissions[0].Actions[1]"));
        assert_eq!(
            err.to_string(),
            "`$.Permissions[0].Actions[1]` at line 1, column 34: expected a string, found a number"
        );
        let k = root.get("MY KEY").unwrap().unwrap();
        assert_eq!(k.path(), "$[\"my key\"]");
    }

    #[test]
    fn members_and_borrowed_strings() {
        let doc = parse(r#"{"a":["x","y"],"b":["z",1]}"#).unwrap();
        let root = Node::root(&doc);
        let m = root.members();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].0, "a");
        let items = m[0].2.str_items().unwrap();
        assert_eq!(items.iter().map(|x| x.0).collect::<Vec<_>>(), ["x", "y"]);
        let e = m[1].2.str_items().unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.b[1]"));
        assert_eq!(e.message, "expected a string, found a number");
    }

    #[test]
    fn keys_differing_by_case_are_ambiguous() {
        let doc = parse(r#"{"Actions":[], "actions":[]}"#).unwrap();
        let root = Node::root(&doc);
        assert!(root
            .get("actions")
            .unwrap_err()
            .message
            .contains("differ only by case"));
    }
}
