//! Why a text is not a scope.

/// A text that cannot be an Azure scope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The empty string.
    #[error("a scope cannot be empty")]
    Empty,
    /// Does not start with `/`.
    #[error("scope `{0}` must start with `/` (for example `/subscriptions/<id>`)")]
    NotAbsolute(String),
    /// Contains `*`.
    #[error("scope `{0}` contains `*`: scopes cannot use wildcards")]
    Wildcard(String),
    /// Contains a control character.
    #[error("scope `{0}` contains a control character")]
    ControlCharacter(String),
}
