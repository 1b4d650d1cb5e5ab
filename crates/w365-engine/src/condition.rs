//! Azure ABAC conditions, decided as far as an offline tool can.
//!
//! A condition such as
//! `(!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[...] ...)`
//! only narrows the actions it names: for any other action the left side is true
//! (`conditions-format.md`). The engine parses the boolean structure, decides
//! `ActionMatches{...}` from the requested action, and treats every attribute test
//! (`@Request[...]`, `@Resource[...]`, `SubOperationMatches{...}`) as unknown. With
//! three-valued logic the result is true (the grant stands), false (it does not) or
//! unknown: the decision is then "conditional", never guessed.
//!
//! Text that is not of the documented form (conditions-format.md: `ActionMatches`,
//! `SubOperationMatches`, `<attribute> <operator> <value>`, `Exists`, joined by
//! `AND`, `OR`, `NOT` and parentheses) is no condition: Azure refuses it when the
//! assignment is created. [`Condition::check`] says where and what is wrong
//! ([`ConditionError`]); [`Condition::parse`] keeps such text, evaluating to
//! unknown, for data that is not the user's to correct.

pub mod error;

pub use error::ConditionError;

use crate::pattern::ActionPattern;
use std::fmt;

/// Deepest nesting of parentheses and `NOT`s read (as deep as JSON is read,
/// [`crate::json::MAX_DEPTH`]); deeper text is refused rather than recursed into.
pub const MAX_DEPTH: usize = 64;

/// A parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    text: String,
    expr: Result<Expr, ConditionError>,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    ActionMatches(ActionPattern),
    /// An attribute test or anything else that needs request data.
    Unknown(String),
}

/// Three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Depends on attributes an offline tool does not have.
    Unknown,
}

impl Truth {
    /// Both: false if either is, true if both are, else unknown.
    pub fn and(self, o: Truth) -> Truth {
        match (self, o) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }
    fn or(self, o: Truth) -> Truth {
        match (self, o) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        }
    }
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

impl Condition {
    /// Parse a condition. Text that does not parse is kept and evaluates to
    /// unknown ([`Condition::error`] says why); use [`Condition::check`] for a
    /// user's input, which such text should refuse.
    pub fn parse(text: &str) -> Condition {
        Condition {
            text: text.to_string(),
            expr: read(text),
        }
    }

    /// Parse a condition, refusing text that is not of the documented form.
    pub fn check(text: &str) -> Result<Condition, ConditionError> {
        let c = Condition::parse(text);
        match c.expr {
            Err(e) => Err(e),
            Ok(_) => Ok(c),
        }
    }

    /// The condition as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the boolean structure could be read.
    pub fn is_understood(&self) -> bool {
        self.expr.is_ok()
    }

    /// Why the text is not a condition of the documented form, when it is not.
    pub fn error(&self) -> Option<&ConditionError> {
        self.expr.as_ref().err()
    }

    /// A role assignment's condition, as a user wrote it: refused, with where and
    /// what, when it is not of the documented form, since Azure refuses a condition
    /// it cannot parse when the assignment is created (review F1 L1); a
    /// well-formed condition the engine cannot decide offline is kept.
    pub fn for_assignment(text: &str) -> Result<Condition, String> {
        Condition::check(text).map_err(|e| {
            format!("the condition is not well formed: {e}; Azure refuses a condition it cannot parse when the assignment is created")
        })
    }

    /// Evaluate for a requested action (any case).
    pub fn evaluate(&self, action: &str) -> Truth {
        match &self.expr {
            Ok(e) => eval(e, &action.to_ascii_lowercase()),
            Err(_) => Truth::Unknown,
        }
    }

    /// The action patterns named in `ActionMatches{...}`.
    pub fn named_actions(&self) -> Vec<&ActionPattern> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a ActionPattern>) {
            match e {
                Expr::Or(a, b) | Expr::And(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Not(a) => walk(a, out),
                Expr::ActionMatches(p) => out.push(p),
                Expr::Unknown(_) => {}
            }
        }
        let mut out = Vec::new();
        if let Ok(e) = &self.expr {
            walk(e, &mut out);
        }
        out
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn eval(e: &Expr, action: &str) -> Truth {
    match e {
        Expr::Or(a, b) => eval(a, action).or(eval(b, action)),
        Expr::And(a, b) => eval(a, action).and(eval(b, action)),
        Expr::Not(a) => eval(a, action).not(),
        Expr::ActionMatches(p) => {
            if p.matches_lower(action) {
                Truth::True
            } else {
                Truth::False
            }
        }
        Expr::Unknown(_) => Truth::Unknown,
    }
}

/// The whole text as one expression.
fn read(text: &str) -> Result<Expr, ConditionError> {
    let toks = tokenize(text)?;
    let Some(first) = toks.first() else {
        return Err(ConditionError::Empty);
    };
    if first.kind == Kind::RParen {
        return Err(ConditionError::UnexpectedClose { at: first.at });
    }
    let mut p = Parser {
        toks,
        at: 0,
        depth: 0,
    };
    let e = p.or(None)?;
    match p.toks.get(p.at) {
        None => Ok(e),
        Some(t) if t.kind == Kind::RParen => Err(ConditionError::UnexpectedClose { at: t.at }),
        Some(t) => Err(ConditionError::MissingOperator {
            found: t.text(),
            at: t.at,
        }),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    LParen,
    RParen,
    Not,
    And,
    Or,
    Word(String),
}

/// A token and where it starts (the character, counted from 1).
#[derive(Debug, Clone, PartialEq)]
struct Tok {
    kind: Kind,
    at: usize,
    /// As written (`&&` or `AND`).
    written: String,
}

impl Tok {
    fn text(&self) -> String {
        shorten(&self.written)
    }
}

/// Split into tokens; quoted strings, `{...}` and `[...]` stay inside one word.
fn tokenize(text: &str) -> Result<Vec<Tok>, ConditionError> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let written = |from: usize, to: usize| -> String {
        chars.get(from..to).unwrap_or_default().iter().collect()
    };
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let (kind, len) = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '(' {
            (Kind::LParen, 1)
        } else if c == ')' {
            (Kind::RParen, 1)
        } else if c == '!' && next != Some('=') {
            (Kind::Not, 1)
        } else if c == '&' && next == Some('&') {
            (Kind::And, 2)
        } else if c == '|' && next == Some('|') {
            (Kind::Or, 2)
        } else {
            let start = i;
            while let Some(&c) = chars.get(i) {
                if c.is_whitespace() || c == '(' || c == ')' {
                    break;
                }
                i += 1;
                if let Some(close) = closer(c) {
                    i = skip_group(&chars, i, c, close)?;
                }
            }
            let word = written(start, i);
            let kind = match word.to_ascii_uppercase().as_str() {
                "AND" => Kind::And,
                "OR" => Kind::Or,
                "NOT" => Kind::Not,
                _ => Kind::Word(word.clone()),
            };
            toks.push(Tok {
                kind,
                at: start + 1,
                written: word,
            });
            continue;
        };
        toks.push(Tok {
            kind,
            at: i + 1,
            written: written(i, i + len),
        });
        i += len;
    }
    Ok(toks)
}

/// The character that closes a group `c` opens, if it opens one.
fn closer(c: char) -> Option<char> {
    match c {
        '\'' | '"' => Some(c),
        '{' => Some('}'),
        '[' => Some(']'),
        _ => None,
    }
}

/// Skip past the group opened by `open` (the character before `i`); quotes nest
/// inside braces and brackets. When the group never closes, the error names the
/// innermost opener left open.
fn skip_group(
    chars: &[char],
    mut i: usize,
    open: char,
    close: char,
) -> Result<usize, ConditionError> {
    let opened_at = i; // `open` is at index i - 1, character i
    let quoted = open == '\'' || open == '"';
    let mut depth = 1;
    while let Some(&ch) = chars.get(i) {
        i += 1;
        if quoted {
            if ch == close {
                return Ok(i);
            }
        } else if ch == '\'' || ch == '"' {
            i = skip_group(chars, i, ch, ch)?;
        } else if ch == open {
            depth += 1;
        } else if ch == close {
            depth -= 1;
            if depth == 0 {
                return Ok(i);
            }
        }
    }
    Err(ConditionError::Unclosed {
        open,
        at: opened_at,
    })
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    /// `a OR b OR ...`; `prev` is the token before it, for errors.
    fn or(&mut self, prev: Option<&Tok>) -> Result<Expr, ConditionError> {
        let mut left = self.and(prev)?;
        while let Some(op) = self.peek().filter(|t| t.kind == Kind::Or).cloned() {
            self.at += 1;
            let right = self.and(Some(&op))?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self, prev: Option<&Tok>) -> Result<Expr, ConditionError> {
        let mut left = self.unary(prev)?;
        while let Some(op) = self.peek().filter(|t| t.kind == Kind::And).cloned() {
            self.at += 1;
            let right = self.unary(Some(&op))?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn deeper(&mut self, t: &Tok) -> Result<(), ConditionError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ConditionError::TooDeep {
                max: MAX_DEPTH,
                at: t.at,
            });
        }
        Ok(())
    }

    fn unary(&mut self, prev: Option<&Tok>) -> Result<Expr, ConditionError> {
        let missing = |t: Option<&Tok>| match (prev, t) {
            (Some(p), None) => ConditionError::EndsEarly {
                after: p.text(),
                at: p.at,
            },
            (_, Some(t)) => ConditionError::MissingExpression {
                before: t.text(),
                at: t.at,
            },
            (None, None) => ConditionError::Empty,
        };
        let Some(t) = self.peek().cloned() else {
            return Err(missing(None));
        };
        match &t.kind {
            Kind::Not => {
                self.at += 1;
                self.deeper(&t)?;
                let e = self.unary(Some(&t))?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(e)))
            }
            Kind::LParen => {
                self.at += 1;
                self.deeper(&t)?;
                let e = self.or(Some(&t))?;
                match self.peek() {
                    Some(c) if c.kind == Kind::RParen => self.at += 1,
                    None => {
                        return Err(ConditionError::Unclosed {
                            open: '(',
                            at: t.at,
                        })
                    }
                    Some(other) => {
                        return Err(ConditionError::MissingOperator {
                            found: other.text(),
                            at: other.at,
                        })
                    }
                }
                self.depth -= 1;
                Ok(e)
            }
            Kind::Word(_) => {
                // An expression is a run of words (`@Request[...] ForAnyOfAnyValues:GuidEquals {...}`).
                let mut words = Vec::new();
                while let Some(Kind::Word(w)) = self.peek().map(|t| &t.kind) {
                    words.push(w.clone());
                    self.at += 1;
                }
                if !well_formed(&words) {
                    return Err(ConditionError::NotAnExpression {
                        text: shorten(&words.join(" ")),
                        at: t.at,
                    });
                }
                Ok(atom(&words.join(" ")))
            }
            Kind::RParen | Kind::And | Kind::Or => Err(missing(Some(&t))),
        }
    }
}

/// At most 80 characters of `s`, with `…` when cut ([`crate::text::clip`]).
fn shorten(s: &str) -> String {
    crate::text::clip(s, 80).into_owned()
}

/// Whether the words of one expression have a documented form (CF): a function
/// (`ActionMatches{'...'}`, `SubOperationMatches{'...'}`), `Exists <attribute>`
/// (or `NotExists`), or `<operand> <operator> <value>` whose left side is an
/// attribute (`@Resource[...]`; the docs' examples also write `Resource[...]`), a
/// quoted string, a `{...}` list or a number, and whose operator may carry its
/// value (`ForAnyOfAnyValues:GuidEquals{...}`). Operator names are not checked
/// against a list (a new one is not a syntax error); the shape is.
fn well_formed(words: &[String]) -> bool {
    match words {
        [w] => function(w),
        [f, arg] if identifier(f) && grouped(arg, '{', '}') => true,
        [k, a] if ["exists", "notexists"].contains(&k.to_ascii_lowercase().as_str()) => {
            attribute(a)
        }
        [l, op] => left(l) && operator(op).is_some_and(|v| !v.is_empty() && right(v)),
        [l, op, r] => left(l) && operator(op) == Some("") && right(r),
        _ => false,
    }
}

/// A name: a letter, then letters, digits or `_`.
fn identifier(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

/// `s` is one group opened by its first character `open` and closed by its last.
fn grouped(s: &str, open: char, close: char) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.first() == Some(&open) && skip_group(&chars, 1, open, close) == Ok(chars.len())
}

/// `Name{...}`.
fn function(w: &str) -> bool {
    w.find('{')
        .is_some_and(|i| identifier(&w[..i]) && grouped(&w[i..], '{', '}'))
}

/// `@Source[...]` (or `Source[...]`, as the docs' examples write).
fn attribute(w: &str) -> bool {
    let w = w.strip_prefix('@').unwrap_or(w);
    w.find('[')
        .is_some_and(|i| identifier(&w[..i]) && grouped(&w[i..], '[', ']'))
}

fn quoted(w: &str) -> bool {
    grouped(w, '\'', '\'') || grouped(w, '"', '"')
}

fn number(w: &str) -> bool {
    let digits = w.strip_prefix('-').unwrap_or(w);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn left(w: &str) -> bool {
    attribute(w) || quoted(w) || grouped(w, '{', '}') || number(w)
}

/// A value on the right: also a bare literal (`true`, a GUID).
fn right(w: &str) -> bool {
    left(w)
        || (!w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')))
}

/// An operator (`StringEquals`, `ForAnyOfAnyValues:GuidEquals`), with what follows
/// it in the same word (its value, or `""`); `None` when it is none.
fn operator(w: &str) -> Option<&str> {
    let end = w.find(['{', '\'', '"']).unwrap_or(w.len());
    let (name, rest) = w.split_at(end);
    let ok = match name.split_once(':') {
        Some((a, b)) => identifier(a) && identifier(b),
        None => identifier(name),
    };
    ok.then_some(rest)
}

fn atom(text: &str) -> Expr {
    const KEYWORD: &str = "ActionMatches";
    let named = text
        .get(..KEYWORD.len())
        .filter(|k| k.eq_ignore_ascii_case(KEYWORD))
        .and_then(|_| text.get(KEYWORD.len()..))
        .map(str::trim)
        .and_then(|r| r.strip_prefix('{'))
        .and_then(|r| r.strip_suffix('}'))
        .map(str::trim)
        .and_then(|r| {
            r.strip_prefix('\'')
                .and_then(|r| r.strip_suffix('\''))
                .or_else(|| r.strip_prefix('"').and_then(|r| r.strip_suffix('"')))
        })
        .filter(|r| !r.contains(['\'', '"']));
    match named.map(ActionPattern::new) {
        Some(Ok(p)) => Expr::ActionMatches(p),
        _ => Expr::Unknown(text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    const DELEGATION: &str = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{08d4c71acc634ce4a9c85dd251b4d619})) AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{08d4c71acc634ce4a9c85dd251b4d619}))";

    #[test]
    fn delegation_condition_only_narrows_named_actions() {
        let c = Condition::parse(DELEGATION);
        assert!(c.is_understood());
        assert_eq!(
            c.evaluate("Microsoft.Storage/storageAccounts/read"),
            Truth::True
        );
        assert_eq!(
            c.evaluate("Microsoft.Authorization/roleAssignments/write"),
            Truth::Unknown
        );
        assert_eq!(
            c.evaluate("microsoft.authorization/roleassignments/DELETE"),
            Truth::Unknown
        );
        assert_eq!(c.named_actions().len(), 2);
    }

    #[test]
    fn attribute_only_conditions_are_unknown() {
        let c = Condition::parse("@Resource[HasObotoken] boolequals true");
        assert!(c.is_understood());
        assert_eq!(c.evaluate("x/read"), Truth::Unknown);
        let c = Condition::parse("@Resource[HasObotoken] boolequals true && (@Request[a:b] ForAnyOfAnyValues:GuidEquals {1, 2})");
        assert_eq!(c.evaluate("x/read"), Truth::Unknown);
    }

    #[test]
    fn malformed_conditions_are_unknown_not_errors() {
        for t in ["((", "ActionMatches{'a'} OR", "{unclosed", ")", ""] {
            let c = Condition::parse(t);
            assert!(!c.is_understood(), "{t}");
            assert_eq!(c.evaluate("a"), Truth::Unknown);
        }
    }

    /// Text that is not of the documented form says where and what (review F1
    /// L1: both were read as "depends on request or resource attributes").
    #[test]
    fn text_that_is_no_condition_is_refused_with_where_and_what() {
        let one_missing = "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) OR (@Resource[x] StringEquals 'c1')";
        let cases: [(&str, ConditionError); 12] = [
            (one_missing, ConditionError::Unclosed { open: '(', at: 1 }),
            (
                "this is not a condition",
                ConditionError::NotAnExpression {
                    text: "this is".into(),
                    at: 1,
                },
            ),
            (
                "this is a condition",
                ConditionError::NotAnExpression {
                    text: "this is a condition".into(),
                    at: 1,
                },
            ),
            (
                "@Resource[x] StringEquals 'c1",
                ConditionError::Unclosed { open: '\'', at: 27 },
            ),
            (
                "ActionMatches{'a/read'",
                ConditionError::Unclosed { open: '{', at: 14 },
            ),
            (
                "@Resource[x StringEquals 'c1'",
                ConditionError::Unclosed { open: '[', at: 10 },
            ),
            (
                "(ActionMatches{'a'}))",
                ConditionError::UnexpectedClose { at: 21 },
            ),
            (
                "ActionMatches{'a'} OR",
                ConditionError::EndsEarly {
                    after: "OR".into(),
                    at: 20,
                },
            ),
            (
                "ActionMatches{'a'} AND OR ActionMatches{'b'}",
                ConditionError::MissingExpression {
                    before: "OR".into(),
                    at: 24,
                },
            ),
            (
                "(ActionMatches{'a'}) (ActionMatches{'b'})",
                ConditionError::MissingOperator {
                    found: "(".into(),
                    at: 22,
                },
            ),
            (
                "@Resource[x] StringEquals",
                ConditionError::NotAnExpression {
                    text: "@Resource[x] StringEquals".into(),
                    at: 1,
                },
            ),
            ("  ", ConditionError::Empty),
        ];
        for (text, want) in cases {
            assert_eq!(Condition::check(text), Err(want.clone()), "{text}");
            let c = Condition::parse(text);
            assert_eq!(c.error(), Some(&want), "{text}");
            assert_eq!(c.evaluate("a"), Truth::Unknown);
        }
        assert_eq!(
            Condition::check(one_missing).unwrap_err().to_string(),
            "`(` at character 1 is never closed"
        );
    }

    /// Well-formed conditions the engine cannot decide stay conditions: the
    /// documented forms (conditions-format.md and its examples) and every
    /// condition of the bundled built-in roles.
    #[test]
    fn well_formed_conditions_are_read() {
        for text in [
            DELEGATION,
            "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'blobs-example-container'))",
            "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] StringEquals 'Cascade'))",
            "Resource[name1] StringLike 'a*c?'",
            "{'red', 'blue'} ForAnyOfAnyValues:StringEquals {'blue', 'green'}",
            "{10, 20} ForAllOfAllValues:NumericLessThan {5, 15, 18}",
            "@Resource[x] NumericGreaterThan -5",
            "@Request[y] BoolEquals true",
            "Exists @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:snapshot]",
            "NOT Exists @Request[z] OR @Environment[UtcNow] DateTimeGreaterThan '2023-05-01T13:00:00.0Z'",
            "@Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project] StringEquals @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>]",
            "ActionMatches {'a/read'}",
            "!(ActionMatches{'a'}) || ActionMatches{'b'}",
        ] {
            let c = Condition::check(text);
            assert!(c.is_ok(), "{text}: {c:?}");
        }
        let cat = crate::catalog().unwrap();
        let mut seen = 0;
        for r in &cat.roles {
            for b in &r.blocks {
                if let Some(c) = &b.condition {
                    seen += 1;
                    assert_eq!(c.error(), None, "{}: {}", r.name, c.as_str());
                }
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!(
            "{}ActionMatches{{'a'}}{}",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        assert_eq!(
            Condition::check(&deep),
            Err(ConditionError::TooDeep {
                max: MAX_DEPTH,
                at: MAX_DEPTH + 1
            })
        );
        let nots = format!("{}ActionMatches{{'a'}}", "! ".repeat(100_000));
        assert!(matches!(
            Condition::check(&nots),
            Err(ConditionError::TooDeep { .. })
        ));
        let ok = format!(
            "{}ActionMatches{{'a'}}{}",
            "(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(Condition::check(&ok).is_ok());
    }

    #[test]
    fn kleene_logic() {
        let c = Condition::parse("ActionMatches{'a/*'} AND NOT ActionMatches{'a/b'}");
        assert_eq!(c.evaluate("a/c"), Truth::True);
        assert_eq!(c.evaluate("a/b"), Truth::False);
        assert_eq!(c.evaluate("z"), Truth::False);
        let c = Condition::parse("ActionMatches{'a'} || @x[y] StringEquals 'it (has) parens'");
        assert_eq!(c.evaluate("a"), Truth::True);
        assert_eq!(c.evaluate("b"), Truth::Unknown);
    }
}
