//! Why a dated version of a role cannot be given.

/// A role or date that has no recorded version.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    /// No built-in role has that name.
    #[error("unknown role `{reference}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownRole {
        /// The reference.
        reference: String,
        /// The closest role with a timeline.
        suggestion: Option<String>,
    },
    /// The role exists but its changes are not recorded.
    #[error(
        "`{role}` has no recorded timeline (only the Cloud PC and Intune built-in roles have one)"
    )]
    NoTimeline {
        /// The role.
        role: String,
    },
    /// The date is not `YYYY-MM-DD`, or no such day exists.
    #[error("`{date}` is not a date: {problem}")]
    BadDate {
        /// The text given.
        date: String,
        /// What is wrong with it, such as `February 2024 has 29 days`.
        problem: String,
    },
    /// The date is before the first capture.
    #[error("`{role}` was first captured on {first}; `{date}` is earlier")]
    BeforeFirst {
        /// The role.
        role: String,
        /// The date asked.
        date: String,
        /// The first capture.
        first: String,
    },
}
