//! The error of reading JSON: what is wrong, and where.

use super::Pos;
use std::fmt;

/// A problem in a JSON document, with its position and, once known, its JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonError {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where in the text.
    pub pos: Pos,
    /// The JSON path of the offending value (`$.permissions[0].actions[2]`), when known.
    pub path: Option<String>,
}

impl JsonError {
    /// A positioned error without a path (syntax errors).
    pub fn new(message: String, pos: Pos) -> Self {
        JsonError {
            message,
            pos,
            path: None,
        }
    }

    /// A positioned error at a JSON path.
    pub fn at(path: &str, pos: Pos, message: impl Into<String>) -> Self {
        JsonError {
            message: message.into(),
            pos,
            path: Some(path.to_string()),
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "`{p}` at {}: {}", self.pos, self.message),
            None => write!(f, "{}: {}", self.pos, self.message),
        }
    }
}
