//! Showing user text safely: short excerpts for messages, and escapes for the
//! characters that change how text looks rather than what it says (control
//! characters, bidirectional controls, invisible characters).
//!
//! A role named `"\u{202e}redaeR"` displays as "Reader", and one holding `ESC [2J`
//! clears a terminal; reviewers must see what is really there.

use std::borrow::Cow;

/// Why a character is hidden when text is displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A C0 or C1 control character (`ESC`, newline, ...).
    Control,
    /// A bidirectional control (`U+202E` RIGHT-TO-LEFT OVERRIDE, isolates, marks).
    Bidi,
    /// A character that displays as nothing (zero-width space, joiners, soft hyphen,
    /// byte-order mark, tag characters, ...).
    Invisible,
}

impl Hidden {
    /// What it is, for messages: "a control character", ...
    pub fn label(self) -> &'static str {
        match self {
            Hidden::Control => "a control character",
            Hidden::Bidi => "a bidirectional control character",
            Hidden::Invisible => "an invisible character",
        }
    }
}

/// Whether `c` changes how text displays without showing itself.
pub fn hidden(c: char) -> Option<Hidden> {
    match c {
        c if c.is_control() => Some(Hidden::Control),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        '\u{00ad}'
        | '\u{034f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{3164}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{e0000}'..='\u{e007f}' => Some(Hidden::Invisible),
        _ => None,
    }
}

/// The first hidden character of `s`, with what it is.
pub fn first_hidden(s: &str) -> Option<(char, Hidden)> {
    s.chars().find_map(|c| hidden(c).map(|h| (c, h)))
}

/// Text for HTML content and attribute values: hidden characters shown as escapes
/// ([`escape_hidden`]), then `&`, `<`, `>`, `"` and `'` as entities.
pub fn escape_html(s: &str) -> String {
    let s = escape_hidden(s);
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// `s` with every hidden character written as `\u{XXXX}` (and `\` as `\\` when
/// something was escaped, so the result reads back unambiguously). Borrowed when
/// nothing needs escaping, which is the common case.
pub fn escape_hidden(s: &str) -> Cow<'_, str> {
    if first_hidden(s).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match (c, hidden(c)) {
            ('\\', _) => out.push_str("\\\\"),
            ('\n', _) => out.push_str("\\n"),
            ('\t', _) => out.push_str("\\t"),
            ('\r', _) => out.push_str("\\r"),
            (c, Some(_)) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            (c, None) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// User text for a message: at most 120 characters, then `…`.
pub fn excerpt(s: &str) -> Cow<'_, str> {
    const KEEP: usize = 120;
    match s.char_indices().nth(KEEP) {
        Some((at, _)) => Cow::Owned(format!("{}…", s.get(..at).unwrap_or_default())),
        None => Cow::Borrowed(s),
    }
}

/// A count with thousands separators, as the app prints counts (`7,692`).
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(7692), "7,692");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
    }

    use super::*;

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn escapes_what_would_fool_a_reader() {
        assert_eq!(escape_hidden("Reader"), "Reader");
        assert!(matches!(escape_hidden("Reader"), Cow::Borrowed(_)));
        assert_eq!(escape_hidden("\u{202e}redaeR"), "\\u{202e}redaeR");
        assert_eq!(escape_hidden("a\u{1b}[2J\\b"), "a\\u{001b}[2J\\\\b");
        assert_eq!(escape_hidden("Rea\u{200b}der\n"), "Rea\\u{200b}der\\n");
        assert_eq!(first_hidden("x\u{2067}y"), Some(('\u{2067}', Hidden::Bidi)));
        assert_eq!(first_hidden("é ü 😀"), None);
    }

    #[test]
    fn excerpts_are_short() {
        assert_eq!(excerpt("abc"), "abc");
        let long = "é".repeat(500);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), 121);
        assert!(e.ends_with('…'));
    }
}
