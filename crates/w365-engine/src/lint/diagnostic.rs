//! One lint finding.

use crate::json::{Located, Pos};
use crate::text::escape_hidden;
use serde::Serialize;
use std::fmt;

/// How bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Azure (or Graph) would reject the role, or it cannot work as intended.
    Error,
    /// Risky or probably not what was meant.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A finding, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stable code, e.g. `unknown-action`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// JSON path of the offending value, when imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Line, when imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column, when imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// How to fix it ("did you mean ...").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The pattern or scope concerned, for the UI to highlight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// On the line that ends a list of a code cut short: how many findings of the
    /// code it stands for, not listed (0 on a finding). See [`count`].
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How many findings of `severity` the diagnostics hold: a line standing for
/// findings not listed counts as those findings, not as one more.
pub fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.unlisted.max(1))
        .sum()
}

impl Diagnostic {
    /// A finding without a position.
    pub fn new(severity: Severity, code: &'static str, message: String) -> Self {
        Diagnostic {
            severity,
            code,
            message,
            path: None,
            line: None,
            column: None,
            help: None,
            subject: None,
            unlisted: 0,
        }
    }

    /// Attach a position.
    pub fn at(mut self, path: &str, pos: Pos) -> Self {
        self.path = Some(path.to_string());
        self.line = Some(pos.line);
        self.column = Some(pos.column);
        self
    }

    /// Attach a position if known.
    pub fn at_opt(self, loc: Option<&Located>) -> Self {
        match loc {
            Some(l) => self.at(&l.path, l.pos),
            None => self,
        }
    }

    /// Attach a JSON path and position if known.
    pub fn at_place(self, place: Option<(String, Pos)>) -> Self {
        match place {
            Some((path, pos)) => self.at(&path, pos),
            None => self,
        }
    }

    /// Attach help.
    pub fn help(mut self, help: String) -> Self {
        self.help = Some(help);
        self
    }

    /// Name the subject.
    pub fn subject(mut self, s: &str) -> Self {
        self.subject = Some(s.to_string());
        self
    }
}

/// The finding as text for a terminal: the first line says what, the next ones
/// where and how to fix it. Control, bidi and invisible characters of the user's
/// text are shown as `\u{..}` escapes ([`crate::text::escape_hidden`]), so a name
/// can neither act on the terminal nor pass for another.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            escape_hidden(&self.message)
        )?;
        if let (Some(p), Some(l), Some(c)) = (&self.path, self.line, self.column) {
            write!(f, "\n  --> {} (line {l}, column {c})", escape_hidden(p))?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n  = help: {}", escape_hidden(h))?;
        }
        Ok(())
    }
}
