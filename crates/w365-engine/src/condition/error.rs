//! Why a text is not a condition of the documented form.

/// A condition Azure would refuse to read (conditions-format.md, source CF of
/// azure-rbac-semantics.md): where (the character, counted from 1) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    /// A `(`, `{`, `[` or quote that is never closed.
    #[error("`{open}` at character {at} is never closed")]
    Unclosed {
        /// The character that opens.
        open: char,
        /// Where it is.
        at: usize,
    },
    /// A `)` with no `(` before it.
    #[error("`)` at character {at} closes nothing")]
    UnexpectedClose {
        /// Where it is.
        at: usize,
    },
    /// Nothing but whitespace.
    #[error("the condition is empty")]
    Empty,
    /// A `)`, `AND` or `OR` where an expression should start.
    #[error("an expression is missing before `{before}` at character {at}")]
    MissingExpression {
        /// What comes instead.
        before: String,
        /// Where it is.
        at: usize,
    },
    /// The text ends where an expression should follow.
    #[error(
        "the condition ends after `{after}` at character {at}, where an expression should follow"
    )]
    EndsEarly {
        /// The last token (`AND`, `OR`, `NOT`, `(`).
        after: String,
        /// Where it is.
        at: usize,
    },
    /// Two expressions with no `AND` or `OR` between them.
    #[error("`{found}` at character {at} follows an expression without `AND` or `OR` before it")]
    MissingOperator {
        /// What comes instead.
        found: String,
        /// Where it is.
        at: usize,
    },
    /// Text that is none of the documented expression forms.
    #[error("`{text}` at character {at} is not an expression of the condition format: expected `ActionMatches{{'<action>'}}`, `SubOperationMatches{{'<sub-operation>'}}`, `<attribute> <operator> <value>` with an attribute such as `@Resource[...]` or `@Request[...]`, or `Exists <attribute>`")]
    NotAnExpression {
        /// The text (shortened when long).
        text: String,
        /// Where it starts.
        at: usize,
    },
    /// Nested deeper than [`super::MAX_DEPTH`] (parentheses and `NOT`s).
    #[error("nested deeper than {max} levels (parentheses and `NOT`) at character {at}")]
    TooDeep {
        /// The limit.
        max: usize,
        /// Where the limit is passed.
        at: usize,
    },
}
