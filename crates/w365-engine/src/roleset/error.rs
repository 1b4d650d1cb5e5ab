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
    #[error("role `{reference}` is ambiguous: it names {}; {}", candidates.join(", "), if *same_ids { "their ids are the same too, so rename all but one of them" } else { "name the one you mean by its id" })]
    Ambiguous {
        /// The reference.
        reference: String,
        /// Matching roles, each as `` `name` (id `id`) ``.
        candidates: Vec<String>,
        /// Whether the matching roles' ids are the same as well (names that
        /// differ in case only give the same derived id): no reference tells
        /// them apart.
        same_ids: bool,
    },
}
