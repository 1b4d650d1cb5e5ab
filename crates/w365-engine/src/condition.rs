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

use crate::pattern::ActionPattern;
use std::fmt;

/// A parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    text: String,
    expr: Option<Expr>,
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
    /// Parse a condition. Text that does not parse is kept and evaluates to unknown.
    pub fn parse(text: &str) -> Condition {
        let expr = tokenize(text).and_then(|toks| {
            let mut p = Parser { toks, at: 0 };
            let e = p.or()?;
            (p.at == p.toks.len()).then_some(e)
        });
        Condition {
            text: text.to_string(),
            expr,
        }
    }

    /// The condition as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the boolean structure could be read.
    pub fn is_understood(&self) -> bool {
        self.expr.is_some()
    }

    /// Evaluate for a requested action (any case).
    pub fn evaluate(&self, action: &str) -> Truth {
        match &self.expr {
            Some(e) => eval(e, &action.to_ascii_lowercase()),
            None => Truth::Unknown,
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
        if let Some(e) = &self.expr {
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

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    LParen,
    RParen,
    Not,
    And,
    Or,
    Word(String),
}

/// Split into tokens; quoted strings, `{...}` and `[...]` stay inside one word.
fn tokenize(text: &str) -> Option<Vec<Tok>> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            toks.push(Tok::LParen);
            i += 1;
        } else if c == ')' {
            toks.push(Tok::RParen);
            i += 1;
        } else if c == '!' && chars.get(i + 1) != Some(&'=') {
            toks.push(Tok::Not);
            i += 1;
        } else if c == '&' && chars.get(i + 1) == Some(&'&') {
            toks.push(Tok::And);
            i += 2;
        } else if c == '|' && chars.get(i + 1) == Some(&'|') {
            toks.push(Tok::Or);
            i += 2;
        } else {
            let start = i;
            while i < chars.len() {
                let c = chars[i];
                if c.is_whitespace() || c == '(' || c == ')' {
                    break;
                }
                i += 1;
                let close = match c {
                    '\'' | '"' => Some(c),
                    '{' => Some('}'),
                    '[' => Some(']'),
                    _ => None,
                };
                if let Some(close) = close {
                    i = skip_group(&chars, i, c, close)?;
                }
            }
            let word: String = chars[start..i].iter().collect();
            toks.push(match word.to_ascii_uppercase().as_str() {
                "AND" => Tok::And,
                "OR" => Tok::Or,
                "NOT" => Tok::Not,
                _ => Tok::Word(word),
            });
        }
    }
    Some(toks)
}

/// Skip past the group opened by `open` (the character before `i`); quotes nest
/// inside braces and brackets. `None` when the group never closes.
fn skip_group(chars: &[char], mut i: usize, open: char, close: char) -> Option<usize> {
    let quoted = open == '\'' || open == '"';
    let mut depth = 1;
    while let Some(&ch) = chars.get(i) {
        i += 1;
        if quoted {
            if ch == close {
                return Some(i);
            }
        } else if ch == '\'' || ch == '"' {
            i = skip_group(chars, i, ch, ch)?;
        } else if ch == open {
            depth += 1;
        } else if ch == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn or(&mut self) -> Option<Expr> {
        let mut left = self.and()?;
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Some(left)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut left = self.unary()?;
        while self.peek() == Some(&Tok::And) {
            self.at += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Some(left)
    }

    fn unary(&mut self) -> Option<Expr> {
        match self.peek()? {
            Tok::Not => {
                self.at += 1;
                Some(Expr::Not(Box::new(self.unary()?)))
            }
            Tok::LParen => {
                self.at += 1;
                let e = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return None;
                }
                self.at += 1;
                Some(e)
            }
            Tok::Word(_) => {
                // An atom is a run of words (`@Request[...] ForAnyOfAnyValues:GuidEquals {...}`).
                let mut words = Vec::new();
                while let Some(Tok::Word(w)) = self.peek() {
                    words.push(w.clone());
                    self.at += 1;
                }
                Some(atom(&words.join(" ")))
            }
            _ => None,
        }
    }
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
