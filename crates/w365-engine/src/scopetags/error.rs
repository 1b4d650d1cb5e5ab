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
    #[error("{}", listed(problems))]
    Invalid {
        /// Every problem, in document order.
        problems: Vec<JsonError>,
    },
}

/// How many problems the message names; the rest are counted (an outside review:
/// 200,000 unknown keys made a 12 MB line).
const LISTED: usize = 20;

fn listed(problems: &[JsonError]) -> String {
    let mut text = problems
        .iter()
        .take(LISTED)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > LISTED {
        text.push_str(&format!(
            "; and {} more problems",
            crate::text::thousands(problems.len() - LISTED)
        ));
    }
    text
}
