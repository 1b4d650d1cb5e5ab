//! Why an exercise, a pack or an answer cannot be used.

use crate::json::JsonError;

/// Unusable input: the JSON does not parse, or every problem found in it, each with
/// its JSON path, line and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExerciseError {
    /// The text is not JSON (or breaks a size or depth limit).
    #[error("{0}")]
    Json(JsonError),
    /// The JSON is well formed but does not follow the schema: unknown keys, check
    /// kinds or operation ids, wrong types, missing parts, unknown roles.
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// Every problem, in document order.
        problems: Vec<JsonError>,
    },
}

impl ExerciseError {
    /// Every problem as its own line (for lists in the app).
    pub fn lines(&self) -> Vec<String> {
        match self {
            ExerciseError::Json(e) => vec![e.to_string()],
            ExerciseError::Invalid { problems } => {
                problems.iter().map(ToString::to_string).collect()
            }
        }
    }
}
