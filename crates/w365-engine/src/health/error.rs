//! Why a health-check code or a recipe input is refused.

/// A code that is not an Azure network connection health-check `errorType`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HealthError {
    /// Empty input.
    #[error("give a health-check code, for example `permissionCheckNoSubscriptionReaderRole`")]
    Empty,
    /// No code by that name.
    #[error("unknown health-check code `{code}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    Unknown {
        /// The text given.
        code: String,
        /// The closest known code.
        suggestion: Option<String>,
    },
}

/// Recipe input that cannot go into a command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipeError {
    /// Every problem found.
    #[error("{}", .0.join("; "))]
    Invalid(Vec<String>),
}
