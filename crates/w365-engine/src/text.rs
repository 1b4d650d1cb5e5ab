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
        // Unicode's line and paragraph separators break a line as a control
        // character does (a re-check review: lint let them through).
        c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => Some(Hidden::Control),
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
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        // Deprecated format characters, variation selectors, interlinear
        // annotation marks, musical formatting (a re-check review: U+FE0F and
        // U+206A went through).
        | '\u{206a}'..='\u{206f}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e007f}'
        | '\u{e0100}'..='\u{e01ef}' => Some(Hidden::Invisible),
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
    clip(s, 120)
}

/// A document's words as the app shows them: `doc: “words”`, or, when they are
/// the app's summary of the document rather than its words, `doc, in summary:
/// words` (never in quotation marks).
pub fn attributed(doc: &str, says: &str, summary: bool) -> String {
    format!("{doc}{}", attribution(says, summary))
}

/// [`attributed`] without the document: `: “words”` or `, in summary: words`.
pub fn attribution(says: &str, summary: bool) -> String {
    let sep = if summary { ", " } else { ": " };
    format!("{sep}{}", cited(says, summary))
}

/// The words alone: `“words”`, or `in summary: words`.
pub fn cited(says: &str, summary: bool) -> String {
    if summary {
        format!("in summary: {says}")
    } else {
        format!("“{says}”")
    }
}

/// At most `keep` characters of `s`, then `…` when it had more (text of megabytes
/// is shown in part: laying it out would hold the page for seconds).
pub fn clip(s: &str, keep: usize) -> Cow<'_, str> {
    match s.char_indices().nth(keep) {
        Some((at, _)) => Cow::Owned(format!("{}…", s.get(..at).unwrap_or_default())),
        None => Cow::Borrowed(s),
    }
}

/// Characters of a role name shown in messages and pages: Azure's limit (a longer
/// name is a lint error), past which a name of megabytes is cut with "…" instead of
/// being copied into every line that names it.
pub const SHOWN_NAME: usize = crate::lint::MAX_NAME;

/// A role's name as messages and pages show it: whole up to [`SHOWN_NAME`]
/// characters, then cut with "…".
pub fn shown_name(name: &str) -> Cow<'_, str> {
    clip(name, SHOWN_NAME)
}

/// `s` in ASCII lowercase, borrowed when it is already (a lookup by a lowercase
/// name then copies nothing).
pub fn ascii_lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// `text` with each word (a run without a space) longer than `keep` characters cut
/// there and the rest counted, `… (49,700 more characters)`: a message names what
/// was typed, and a 4 MB name made a 4 MB error line (the command line) or took
/// Chromium seconds to lay out (the app); no action, scope or name the tool knows
/// is that long.
pub fn clip_words(text: &str, keep: usize) -> Cow<'_, str> {
    if text.len() <= keep {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(8 * keep));
    let (mut word, mut left) = (0usize, 0usize);
    // A cut word keeps the marks that close it (`` `name…` ``, `“name…”.`), so
    // the message around it still reads as written.
    let mut closing = String::new();
    let flush = |out: &mut String, left: &mut usize, closing: &mut String| {
        if *left == 0 {
            return;
        }
        let cut = *left - closing.chars().count();
        if cut > 0 {
            let noun = if cut == 1 { "character" } else { "characters" };
            out.push_str(&format!("… ({} more {noun})", thousands(cut)));
        }
        out.push_str(closing);
        closing.clear();
        *left = 0;
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut out, &mut left, &mut closing);
            word = 0;
            out.push(c);
        } else if word < keep {
            word += 1;
            out.push(c);
        } else {
            left += 1;
            let closes = matches!(
                c,
                '`' | '\''
                    | '"'
                    | ')'
                    | ']'
                    | '}'
                    | '”'
                    | '’'
                    | '»'
                    | ','
                    | ':'
                    | ';'
                    | '.'
                    | '!'
                    | '?'
            );
            if !closes {
                closing.clear();
            } else if closing.chars().count() < 4 {
                closing.push(c);
            } else {
                // A run of marks longer than a closing: the word's own.
                closing.clear();
            }
        }
    }
    flush(&mut out, &mut left, &mut closing);
    Cow::Owned(out)
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

/// How many of `all` operations are data actions, in words, to follow a count of
/// operations: nothing when none, so a count of control-plane operations reads as
/// before (the planes are kept apart as everywhere: " (68 control-plane, 1 data
/// actions)").
pub fn of_them_data(all: usize, data: usize) -> String {
    match data {
        0 => String::new(),
        d if d == all => " (all data actions)".into(),
        d => format!(
            " ({} control-plane, {d} data actions)",
            all.saturating_sub(d)
        ),
    }
}

/// Prose for Markdown, as the engine writes it: text with `code` spans between
/// backticks (the HTML report reads it the same way). Outside the spans every
/// character Markdown could read as markup is escaped with `\` (`\ * _ [ ] < > | ~`
/// anywhere; `#`, `+`, `-`, `=` or a list number's `.` / `)` at the start), so a role
/// named `<script>` or `a | b` stays text; each span is written as one that closes,
/// so a backtick in user text only moves where spans fall and can never open raw
/// HTML. Hidden characters are escaped ([`escape_hidden`]) and line breaks become
/// spaces, so the text stays on its line (a heading, a bullet, a table row).
pub fn markdown(s: &str) -> String {
    markdown_in(s, false, false)
}

/// Split a message at its code spans, CommonMark's way: a run of backticks opens a
/// span that the next run of the same length closes; a run that nothing closes is
/// text. Pieces are `(text, is_code)`, in order, none empty; a span's one space
/// inside each fence (see [`markdown_code`]) is dropped. Unlike
/// [`markdown_inline`], which reads Markdown, a backslash here is text: messages are
/// not escaped.
pub fn code_spans(s: &str) -> Vec<(&str, bool)> {
    let bytes = s.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|&&b| b == b'`').count();
    let mut out = Vec::new();
    let (mut text_start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = run_at(i);
        // The next run of exactly n backticks.
        let mut j = i + n;
        let close = loop {
            match bytes[j..].iter().position(|&b| b == b'`') {
                None => break None,
                Some(k) => {
                    let at = j + k;
                    let m = run_at(at);
                    if m == n {
                        break Some(at);
                    }
                    j = at + m;
                }
            }
        };
        let Some(close) = close else {
            // Nothing closes this run: it is text, and so is every later run of its length.
            i += n;
            continue;
        };
        if text_start < i {
            out.push((&s[text_start..i], false));
        }
        let mut inner = &s[i + n..close];
        if inner.len() >= 2
            && inner.starts_with(' ')
            && inner.ends_with(' ')
            && !inner.bytes().all(|b| b == b' ')
        {
            inner = &inner[1..inner.len() - 1];
        }
        if !inner.is_empty() {
            out.push((inner, true));
        }
        i = close + n;
        text_start = i;
    }
    if text_start < bytes.len() {
        out.push((&s[text_start..], false));
    }
    out
}

/// [`markdown`] for a GFM table cell, where `|` splits cells before code spans are
/// read: it is escaped inside the spans too.
pub fn markdown_cell(s: &str) -> String {
    markdown_in(s, true, false)
}

/// A GFM table cell of text a user wrote (a principal's or a role's name): every
/// character stays text, a backtick too (escaped with a backslash), so a name with
/// two backticks does not open a code span.
pub fn markdown_literal_cell(s: &str) -> String {
    markdown_in(s, true, true)
}

fn markdown_in(s: &str, cell: bool, literal: bool) -> String {
    let flat = s.replace(['\n', '\r'], " ");
    let flat = escape_hidden(&flat);
    let mut out = String::with_capacity(flat.len() + 8);
    // Digits at the very start, which a `.` or `)` would make a list number.
    let mut leading_digits = true;
    let parts: Vec<(&str, bool)> = if literal {
        vec![(&*flat, false)]
    } else {
        code_spans(&flat)
    };
    for (part, is_code) in parts {
        if is_code {
            leading_digits = false;
            let span = markdown_code(part);
            for c in span.chars() {
                if cell && c == '|' {
                    out.push('\\');
                }
                out.push(c);
            }
            continue;
        }
        for c in part.chars() {
            let first = out.is_empty();
            let escape = match c {
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
                // An entity (`&amp;`) would be read as its character (an outside
                // review: a role named `R&amp;` was shown as `R&`).
                '&' => true,
                // In text, a backtick no span closed is kept as text.
                '`' => true,
                '#' | '+' | '-' | '=' => first,
                '.' | ')' => leading_digits && !first,
                _ => false,
            };
            leading_digits &= c.is_ascii_digit();
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// What [`markdown`], [`markdown_cell`], [`markdown_literal_cell`] and
/// [`markdown_code`] wrote, read back as `(text, is_code)` pieces for a view that
/// draws the Markdown itself (the app's report preview), the way CommonMark reads
/// inline code: a run of backticks opens a span that the next run of the same
/// length closes (one space of padding on each side dropped); a run that nothing
/// closes is text. Outside spans, `\` before ASCII punctuation is that character
/// as text (an escaped backtick opens nothing); inside them only `\|` (a table
/// cell's) is read.
pub fn markdown_inline(s: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut text = String::new();
    let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(char::is_ascii_punctuation) {
            text.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c != '`' {
            text.push(c);
            i += 1;
            continue;
        }
        let n = run_at(i);
        // The closing run: the next run of exactly `n` backticks.
        let mut j = i + n;
        let close = loop {
            if j >= chars.len() {
                break None;
            }
            if chars[j] == '`' {
                let m = run_at(j);
                if m == n {
                    break Some(j);
                }
                j += m;
            } else {
                j += 1;
            }
        };
        let Some(j) = close else {
            text.extend(&chars[i..i + n]);
            i += n;
            continue;
        };
        let mut code = String::new();
        let mut k = i + n;
        while k < j {
            if chars[k] == '\\' && chars.get(k + 1) == Some(&'|') && k + 1 < j {
                code.push('|');
                k += 2;
            } else {
                code.push(chars[k]);
                k += 1;
            }
        }
        if code.len() > 2 && code.starts_with(' ') && code.ends_with(' ') && code.trim() != "" {
            code = code[1..code.len() - 1].to_string();
        }
        if !text.is_empty() {
            out.push((std::mem::take(&mut text), false));
        }
        out.push((code, true));
        i = j + n;
    }
    if !text.is_empty() {
        out.push((text, false));
    }
    out
}

/// [`markdown_inline`]'s pieces as one text (a heading's).
pub fn markdown_text(s: &str) -> String {
    markdown_inline(s).into_iter().map(|(t, _)| t).collect()
}

/// One value as a Markdown code span: fenced with one backtick more than its longest
/// run of backticks (and padded with a space when it starts or ends with one), so
/// any text stays inside; hidden characters escaped, line breaks as spaces.
pub fn markdown_code(s: &str) -> String {
    let flat = s.replace(['\n', '\r'], " ");
    let flat = escape_hidden(&flat);
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space inside each fence when the text starts or ends with a backtick, or
    // starts and ends with a space (which a reader would otherwise take off).
    let spaced = flat.starts_with(' ') && flat.ends_with(' ') && !flat.bytes().all(|b| b == b' ');
    let pad = if flat.starts_with('`') || flat.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// A file's bytes as text: UTF-8 (with or without a byte-order mark), or
/// UTF-16 with its mark (what Windows PowerShell's `Out-File` and `>` write).
/// The app reads files as bytes rather than by the browser's text reader (the
/// copy into the page's memory is one block); the CLI reads them with this too.
pub fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |le: bool| -> Result<String, String> {
        let units: Vec<u16> = bytes
            .get(2..)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|c| {
                let pair = [c[0], c[1]];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "it is marked UTF-16 but is not valid UTF-16".into())
    };
    // UTF-16 without its mark: ASCII text then has a zero in every other byte,
    // which UTF-8 reads as NUL characters (review s43: "unexpected `\0`").
    let head = bytes.get(..bytes.len().min(64)).unwrap_or_default();
    let zeros_at = |odd: usize| {
        head.len() >= 4
            && head.iter().skip(odd).step_by(2).all(|&b| b == 0)
            && head.iter().skip(1 - odd).step_by(2).all(|&b| b != 0)
    };
    if !matches!(bytes.get(..2), Some([0xff, 0xfe] | [0xfe, 0xff])) && (zeros_at(0) || zeros_at(1))
    {
        return Err("it looks like UTF-16 without a byte-order mark (every other byte is zero): save it as UTF-8, or as UTF-16 with a byte-order mark (PowerShell: `Out-File -Encoding utf8`)".into());
    }
    match bytes.get(..2) {
        Some([0xff, 0xfe]) => utf16(true),
        Some([0xfe, 0xff]) => utf16(false),
        _ => String::from_utf8(bytes).map_err(|e| {
            format!(
                "it is not UTF-8 text (byte {} is not valid); save the export as UTF-8 or UTF-16 with a byte-order mark",
                e.utf8_error().valid_up_to() + 1
            )
        }),
    }
}

/// A GUID as Azure and Microsoft Graph write object and role ids
/// (`8-4-4-4-12` hexadecimal digits, any case).
pub fn is_guid(s: &str) -> bool {
    s.len() == 36
        && s.chars().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Text a user wrote, put in a comment line of a script or a request: every
/// control character (a NUL made a bash script "binary", an outside review found)
/// and Unicode's line and paragraph separators become a space, so the comment
/// stays one line of text.
pub fn comment_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_comment_line_holds_no_control_character() {
        assert_eq!(
            comment_line("a\0b\nc\rd\te\u{85}f\u{2028}g"),
            "a b c d e f g"
        );
        assert_eq!(comment_line("Ünïcödé 😀"), "Ünïcödé 😀");
        // Lint names them as hidden characters too (a re-check review).
        assert_eq!(hidden('\u{2028}'), Some(Hidden::Control));
        assert_eq!(hidden('\u{2029}'), Some(Hidden::Control));
    }

    #[test]
    fn utf16_without_its_mark_is_named() {
        let le: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "{\"a\": 1}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        for bytes in [le, be] {
            let e = super::decode_text(bytes).unwrap_err();
            assert!(e.contains("UTF-16 without a byte-order mark"), "{e}");
        }
        assert_eq!(super::decode_text(b"{}".to_vec()).unwrap(), "{}");
    }

    #[test]
    fn lowercase_text_is_borrowed_other_text_lowered() {
        use std::borrow::Cow;
        for (s, lower, borrowed) in [
            ("microsoft.network/x/read", "microsoft.network/x/read", true),
            ("", "", true),
            (
                "Microsoft.Network/X/Read",
                "microsoft.network/x/read",
                false,
            ),
            ("é/É/z", "é/É/z", true),
            ("aZ", "az", false),
        ] {
            let got = super::ascii_lowercase(s);
            assert_eq!(got, lower, "{s}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{s}");
        }
    }

    #[test]
    fn a_code_span_holds_any_text_whole() {
        for s in [
            "a", "a`b", "`a", "a`", "``", "`", " a ", "  ", "a``b`", "x | `y`", " `",
        ] {
            let span = markdown_code(s);
            assert_eq!(code_spans(&span), [(s, true)], "{s:?} as {span:?}");
            let line = format!("role {span}: done");
            assert_eq!(
                code_spans(&line),
                [("role ", false), (s, true), (": done", false)],
                "{line:?}"
            );
        }
        // The messages' single backticks read as before; an unclosed run is text.
        assert_eq!(
            code_spans("grant `a` and `b"),
            [("grant ", false), ("a", true), (" and `b", false)]
        );
        assert_eq!(code_spans("``"), [("``", false)]);
    }

    proptest::proptest! {
        #[test]
        fn code_spans_reads_back_what_markdown_code_writes(s in "[a` |*]{1,12}") {
            let span = markdown_code(&s);
            let line = format!("x {span} y");
            proptest::prop_assert_eq!(code_spans(&line), vec![("x ", false), (s.as_str(), true), (" y", false)]);
        }
    }

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
        assert_eq!(clip("é😀cd", 2), "é😀…");
        assert_eq!(clip("é😀", 2), "é😀");
        assert_eq!(excerpt("abc"), "abc");
        let long = "é".repeat(500);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), 121);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn markdown_keeps_user_text_text() {
        assert_eq!(
            markdown("role `<script>alert(1)</script> | x` has *no* [link](http://e)"),
            "role `<script>alert(1)</script> | x` has \\*no\\* \\[link\\](http://e)"
        );
        assert_eq!(markdown_cell("<b>a | b</b>"), "\\<b\\>a \\| b\\</b\\>");
        assert_eq!(markdown_cell("`a | b`"), "`a \\| b`");
        // A backtick in user text moves where spans fall; nothing is left unescaped.
        assert_eq!(
            markdown("`a`b<img src=x onerror=alert(1)>`c`"),
            "`a`b\\<img src=x onerror=alert(1)\\>`c`"
        );
        assert_eq!(markdown("`x`<img>`"), "`x`\\<img\\>\\`");
        assert_eq!(markdown("# not a heading"), "\\# not a heading");
        assert_eq!(markdown("- not a bullet - x"), "\\- not a bullet - x");
        assert_eq!(markdown("2024. not a list 1."), "2024\\. not a list 1.");
        assert_eq!(markdown("a_b\\c~d"), "a\\_b\\\\c\\~d");
        assert_eq!(markdown("line\nbreak"), "line break");
        assert_eq!(
            markdown("Plain words, (kept) as they are: 3 roles."),
            "Plain words, (kept) as they are: 3 roles."
        );
        // A name as a user wrote it, in its own cell: backticks stay text.
        assert_eq!(
            markdown_literal_cell("a`tick`**bold**<img> | x"),
            "a\\`tick\\`\\*\\*bold\\*\\*\\<img\\> \\| x"
        );
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(
            markdown_code("Microsoft.Compute/*"),
            "`Microsoft.Compute/*`"
        );
    }

    #[test]
    fn markdown_inline_reads_back_what_markdown_wrote() {
        // An entity is text, not its character (an outside review).
        assert_eq!(markdown_cell("R&amp;"), "R\\&amp;");
        let code = |t: &str| (t.to_string(), true);
        let text = |t: &str| (t.to_string(), false);
        for t in [
            "<script>alert(1)</script> | *x* [l](http://e) a_b \\ c~d",
            "# heading? - + = 12. 3)",
            "plain words",
            "R&amp; and &lt;b&gt; &#65;",
        ] {
            assert_eq!(markdown_inline(&markdown(t)), vec![text(t)], "{t}");
            assert_eq!(markdown_inline(&markdown_cell(t)), vec![text(t)], "{t}");
            assert_eq!(markdown_text(&markdown(t)), t);
        }
        assert_eq!(
            markdown_inline(&markdown_cell("role `a | b\\c` and `<x>` kept")),
            vec![
                text("role "),
                code("a | b\\c"),
                text(" and "),
                code("<x>"),
                text(" kept")
            ]
        );
        // A name written literally keeps its backticks as text (review B F14).
        for name in ["a`tick`**bold**<img> | x", "`", "``x``", "\\`y`"] {
            assert_eq!(
                markdown_inline(&markdown_literal_cell(name)),
                vec![text(name)],
                "{name}"
            );
        }
        // A value fenced by markdown_code is one span, backticks and all.
        for v in ["a`b", "`x", "x``", "Microsoft.Compute/*", "` `"] {
            assert_eq!(markdown_inline(&markdown_code(v)), vec![code(v)], "{v}");
        }
        // A run nothing closes is text; a longer run inside a span is code.
        assert_eq!(markdown_inline("a ` b"), vec![text("a ` b")]);
        assert_eq!(markdown_inline("``a`b`` c"), vec![code("a`b"), text(" c")]);
    }

    #[test]
    fn text_decodes_from_utf8_and_marked_utf16() {
        let text = "[{\"principalName\": \"zo\u{eb}@contoso.com\"}]";
        assert_eq!(decode_text(text.as_bytes().to_vec()).as_deref(), Ok(text));
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode_text(le).as_deref(), Ok(text));
        assert_eq!(decode_text(be).as_deref(), Ok(text));
        let bad = decode_text(vec![b'[', 0xc3, b']']).unwrap_err();
        assert!(bad.contains("byte 2"), "{bad}");
        assert!(decode_text(vec![0xff, 0xfe, 0x00, 0xd8]).is_err());
    }
}
