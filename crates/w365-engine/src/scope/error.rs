//! Why a text is not a scope.

/// A text that cannot be an Azure scope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// The empty string.
    #[error("a scope cannot be empty")]
    Empty,
    /// Whitespace before or after it (compared as written, `/subscriptions/s1 `
    /// would be another scope than `/subscriptions/s1`, covering nothing below it).
    #[error("scope `{0}` has whitespace before or after it: remove it (a scope is compared as written, so a padded scope would cover nothing below the scope it means)")]
    Whitespace(String),
    /// Does not start with `/`.
    #[error("scope `{0}` must start with `/` (for example `/subscriptions/<id>`)")]
    NotAbsolute(String),
    /// Contains `*`.
    #[error("scope `{0}` contains `*`: scopes cannot use wildcards")]
    Wildcard(String),
    /// Contains a control character.
    #[error("scope `{0}` contains a control character")]
    ControlCharacter(String),
    /// Contains `?` or `#`.
    #[error("scope `{0}` contains `{1}`: a scope is a path, without a query or a fragment")]
    QueryOrFragment(String, char),
    /// Has an empty segment (`//`).
    #[error("scope `{0}` has an empty segment (`//`): write each `/` once")]
    EmptySegment(String),
    /// Has a `.` or `..` segment.
    #[error("scope `{0}` has a `{1}` segment: scopes are compared as written, so write the scope it means without `.` or `..`")]
    DotSegment(String, String),
    /// Ends with a collection (`resourceGroups`, `subscriptions`,
    /// `managementGroups`) without the name of one of its members.
    #[error("scope `{0}` ends with `{1}` but names none of them: write `{2}`")]
    MissingName(String, String, String),
    /// Starts with neither `subscriptions` nor `providers`.
    #[error("scope `{0}` is no Azure scope: {1}")]
    NotAzure(String, String),
    /// Longer than any Azure scope ([`super::MAX_BYTES`]).
    #[error("scope `{0}` is {1} bytes long; an Azure scope is at most {max} (a resource id's names are at most a few hundred characters each)", max = super::MAX_BYTES)]
    TooLong(String, usize),
    /// More segments than any Azure scope has.
    #[error("scope `{0}` has {1} segments; an Azure scope has at most {max} (a management group, subscription, resource group and a resource with its child resources)", max = super::MAX_SEGMENTS)]
    TooDeep(String, usize),
}
