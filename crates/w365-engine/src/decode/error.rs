//! Why an error text cannot be decoded.

/// A text that names no error this tool knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Nothing was given.
    #[error("the error text is empty: paste an AuthorizationFailed, LinkedAuthorizationFailed, DenyAssignmentAuthorizationFailed, RoleAssignmentExists, RoleAssignmentUpdateNotPermitted or InvalidActionOrNotAction message, or a health-check code")]
    Empty,
    /// Too long to be an error message.
    #[error("the error text has {} bytes; the limit is {} (an error message is a few lines: paste the message, not a whole log)", crate::text::thousands(*len), crate::text::thousands(*max))]
    TooLong {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Azure Storage's data-plane refusal, which names no action or scope.
    #[error("`AuthorizationPermissionMismatch` is Azure Storage's data-plane refusal: it names no action or scope, so it cannot be decoded to one. Signed in with Microsoft Entra ID, the caller holds no role granting the blob, queue, table or file data action the request needs on that storage account (with a shared access signature, the signature lacks the permission instead) (reading a blob needs the data action `Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read`, which Storage Blob Data Reader grants; Owner and Contributor grant no data actions). Ask `eval` (or the app's Assignments, \"Can it do this here?\") with that data action at the account's or container's scope")]
    StorageDataPlane,
    /// The action a failure names is a pattern: matched as an action, its `*`
    /// would be literal text, past NotActions (an outside review: Contributor
    /// "granted" `Microsoft.Authorization/roleAssignments/*`).
    #[error("{why}; Azure's authorization errors name the one action refused, so this text was edited or is not Azure's: paste the error as Azure gave it, or ask `eval` (or the app's Assignments, \"Can it do this here?\") about each action the pattern stands for")]
    Pattern {
        /// Why, as `eval` says it.
        why: String,
    },
    /// The action a failure names holds a hidden character (a bidirectional
    /// control, a zero-width space): no action name holds one, so no fix can name
    /// it (an outside review: the custom-role line proposed carried it).
    #[error("{why}; Azure's errors name actions without one, so the text was changed on its way here: paste the error as Azure gave it")]
    HiddenCharacter {
        /// Why, as `eval` says it.
        why: String,
    },
    /// No known error in it.
    #[error("no AuthorizationFailed, LinkedAuthorizationFailed, DenyAssignmentAuthorizationFailed, ForbiddenByRbac, AuthorizationPermissionMismatch, RoleAssignmentExists, RoleAssignmentUpdateNotPermitted or InvalidActionOrNotAction message and no health-check code found in the text{}{}", code.as_ref().map(|c| if *known_code { format!(" (its code is `{c}`, but no action and scope could be read from its message)") } else { format!(" (its code is `{c}`, which is not about role-based access)") }).unwrap_or_default(), health_suggestion.as_ref().map(|(w, s)| format!("; `{w}` is no health-check code: did you mean `{s}`?")).unwrap_or_default())]
    Unrecognized {
        /// The error code the text gives, if any.
        code: Option<String>,
        /// The code is one this tool reads (its message was not).
        known_code: bool,
        /// A word of the text close to a health-check code: (the word, the code).
        health_suggestion: Option<(String, String)>,
    },
}
