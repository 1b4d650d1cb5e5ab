//! Why a role reference does not resolve.

/// A role reference that names no role, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// An empty reference.
    #[error("a role reference cannot be empty")]
    Empty,
    /// No role has that name or id.
    #[error("unknown role `{reference}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    Unknown {
        /// The reference.
        reference: String,
        /// The closest role name.
        suggestion: Option<String>,
    },
    /// Several supplied roles match.
    #[error("role `{reference}` is ambiguous: it names {}; name the one you mean by its id", candidates.join(", "))]
    Ambiguous {
        /// The reference.
        reference: String,
        /// Matching roles, each as `` `name` (id `id`) ``.
        candidates: Vec<String>,
    },
}
