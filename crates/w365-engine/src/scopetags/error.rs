//! Why a scope-tag scenario cannot be read.

use crate::json::JsonError;

/// Unusable input: every problem found, each with its JSON path and position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeTagError {
    /// The text is not JSON (or breaks a size or depth limit).
    #[error("{0}")]
    Json(JsonError),
    /// The JSON is well formed but names unknown roles or types, has wrong types,
    /// unknown keys or too much of something.
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// Every problem, in document order.
        problems: Vec<JsonError>,
    },
}
