//! Why a text is not an action pattern.

/// A text that cannot be an action pattern.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// The empty string.
    #[error("an action pattern cannot be empty")]
    Empty,
    /// Contains a control character such as a newline.
    #[error("action pattern `{pattern}` contains the control character U+{code:04X}")]
    ControlCharacter {
        /// The pattern, escaped.
        pattern: String,
        /// The offending code point.
        code: u32,
    },
    /// More `*` than Azure accepts in a custom role's action string.
    #[error("action pattern `{pattern}` has {count} wildcards; Azure accepts only one `*` in an action string")]
    MultipleWildcards {
        /// The pattern (its first 120 characters).
        pattern: String,
        /// How many `*` it has.
        count: usize,
    },
}
