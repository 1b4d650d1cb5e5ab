//! A small JSON reader that keeps the line and column of every value.
//!
//! Importers need to say *where* a role file is wrong ("`$.permissions[0].actions[2]`
//! at line 7, column 9: expected a string, found a number"), accept several shapes
//! with case-insensitive keys, and refuse hostile input (deep nesting, huge files)
//! without panicking. `serde_json` reports positions for syntax errors but loses them
//! once a document is a `Value`, so the engine reads untrusted JSON with this parser
//! and keeps `serde_json` for writing.

mod error;
mod path;

pub use error::JsonError;
pub use path::{Located, Node};

use std::collections::HashSet;
use std::fmt;

/// Where a value starts in the text (1-based line and column, in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A JSON value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    /// The value.
    pub value: Value,
    /// Where it starts.
    pub pos: Pos,
}

/// The JSON data model. Numbers keep their source text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in document order (duplicates are rejected by the parser).
    Object(Vec<(Key, Json)>),
}

/// An object key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where the key starts.
    pub pos: Pos,
}

impl Value {
    /// A short name of the value's type, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Limits applied while parsing untrusted text.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
    /// Deepest accepted nesting of arrays and objects.
    pub max_depth: usize,
}

/// Largest role file or request the importers accept: 5 MiB.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;
/// Deepest nesting the importers accept.
pub const MAX_DEPTH: usize = 64;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: MAX_INPUT_BYTES,
            max_depth: MAX_DEPTH,
        }
    }
}

/// Objects with fewer keys than this are checked for duplicates by scanning.
const SCAN_KEYS: usize = 16;

/// Refuse a text longer than `limit` bytes before any other work: the first check of
/// every reader, so an oversized input costs nothing.
pub fn check_size(len: usize, limit: usize) -> Result<(), JsonError> {
    if len > limit {
        return Err(JsonError::new(
            format!("input is {len} bytes, more than the limit of {limit} bytes"),
            Pos { line: 1, column: 1 },
        ));
    }
    Ok(())
}

/// Parse a complete JSON document with the default [`Limits`].
pub fn parse(text: &str) -> Result<Json, JsonError> {
    parse_with(text, Limits::default())
}

/// Parse a complete JSON document.
pub fn parse_with(text: &str, limits: Limits) -> Result<Json, JsonError> {
    check_size(text.len(), limits.max_bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        col: 1,
        limits,
    };
    p.skip_ws();
    if p.at >= p.src.len() {
        return Err(p.err("the input is empty: expected a JSON value"));
    }
    let value = p.value(0)?;
    p.skip_ws();
    if p.at < p.src.len() {
        // Two documents run together (`{...}{...}`, JSON Lines) are the common case.
        let hint = if p.src[p.at] == b'{' || p.src[p.at] == b'[' {
            ": a second JSON value (two documents run together, or JSON Lines): give one document; several roles go in one list, `[{...}, {...}]`"
        } else {
            ""
        };
        return Err(p.err(format!("unexpected text after the JSON value{hint}")));
    }
    Ok(value)
}

/// A top-level JSON array read a few elements at a time, so a page can read a
/// large export in slices. Elements, positions and errors are the ones
/// [`parse_with`] gives; the text is passed to each call (the cursor keeps only
/// where it stands), and must be the same text every time.
#[derive(Debug, Clone)]
pub struct ArrayCursor {
    at: usize,
    line: u32,
    col: u32,
    index: usize,
    state: CursorState,
    limits: Limits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CursorState {
    Open,
    Element,
    Close,
    Done,
}

impl ArrayCursor {
    /// A cursor over `text`, or `None` when its value is not an array (read it
    /// with [`parse_with`]). Oversized or empty text is an error, as there.
    pub fn new(text: &str, limits: Limits) -> Result<Option<Self>, JsonError> {
        check_size(text.len(), limits.max_bytes)?;
        let mut c = ArrayCursor {
            at: 0,
            line: 1,
            col: 1,
            index: 0,
            state: CursorState::Open,
            limits,
        };
        let mut p = c.parser(text);
        p.skip_ws();
        match p.peek() {
            None => Err(p.err("the input is empty: expected a JSON value")),
            Some(b'[') => {
                c.keep(&p);
                Ok(Some(c))
            }
            Some(_) => Ok(None),
        }
    }

    /// Elements read so far.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Bytes of the text read so far.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Whether the array and the text after it have been read.
    pub fn is_done(&self) -> bool {
        self.state == CursorState::Done
    }

    fn parser<'a>(&self, text: &'a str) -> Parser<'a> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Parser {
            src: text.as_bytes(),
            text,
            at: self.at,
            line: self.line,
            col: self.col,
            limits: self.limits,
        }
    }

    fn keep(&mut self, p: &Parser<'_>) {
        self.at = p.at;
        self.line = p.line;
        self.col = p.col;
    }

    /// Up to `max` more elements (at least one while any is left); empty once
    /// the array has ended and nothing but whitespace follows it.
    pub fn next_items(&mut self, text: &str, max: usize) -> Result<Vec<Json>, JsonError> {
        let mut p = self.parser(text);
        let mut out = Vec::new();
        let result = loop {
            match self.state {
                CursorState::Open => {
                    p.skip_ws();
                    if let Err(e) = p.enter(1) {
                        break Err(e);
                    }
                    p.bump(); // [
                    p.skip_ws();
                    if p.peek() == Some(b']') {
                        p.bump();
                        self.state = CursorState::Close;
                    } else {
                        self.state = CursorState::Element;
                    }
                }
                CursorState::Element => {
                    if out.len() >= max.max(1) {
                        break Ok(());
                    }
                    p.skip_ws();
                    match p.value(1) {
                        Ok(v) => out.push(v),
                        Err(e) => break Err(e),
                    }
                    self.index += 1;
                    p.skip_ws();
                    match p.peek() {
                        Some(b',') => p.bump(),
                        Some(b']') => {
                            p.bump();
                            self.state = CursorState::Close;
                        }
                        _ => break Err(p.unexpected("`,` or `]`")),
                    }
                }
                CursorState::Close => {
                    p.skip_ws();
                    if p.at < p.src.len() {
                        break Err(p.err("unexpected text after the JSON value"));
                    }
                    self.state = CursorState::Done;
                }
                CursorState::Done => break Ok(()),
            }
        };
        self.keep(&p);
        result.map(|()| out)
    }
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    at: usize,
    line: u32,
    col: u32,
    limits: Limits,
}

impl Parser<'_> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.col,
        }
    }

    fn err(&self, msg: impl Into<String>) -> JsonError {
        JsonError::new(msg.into(), self.pos())
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    /// Advance over one character (which may be several bytes).
    fn bump(&mut self) {
        let Some(&b) = self.src.get(self.at) else {
            return;
        };
        let width = match b {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        self.at = (self.at + width).min(self.src.len());
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn expect_byte(&mut self, want: u8, what: &str) -> Result<(), JsonError> {
        if self.peek() == Some(want) {
            self.bump();
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn unexpected(&self, what: &str) -> JsonError {
        match self.text.get(self.at..).and_then(|s| s.chars().next()) {
            None => self.err(format!("unexpected end of input: expected {what}")),
            Some(c) => self.err(format!(
                "unexpected `{}`: expected {what}",
                c.escape_debug()
            )),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        let pos = self.pos();
        let value = match self.peek() {
            Some(b'{') => self.object(depth + 1)?,
            Some(b'[') => self.array(depth + 1)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.unexpected("a JSON value")),
        };
        Ok(Json { value, pos })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.src[self.at..].starts_with(word.as_bytes()) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(value)
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > self.limits.max_depth {
            Err(self.err(format!(
                "nesting deeper than {} levels",
                self.limits.max_depth
            )))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        self.bump(); // {
        let mut members: Vec<(Key, Json)> = Vec::new();
        // Keys seen so far, once the object is big enough for a linear scan to cost
        // more than hashing (the check stays linear in the number of keys).
        let mut seen: HashSet<String> = HashSet::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            let kpos = self.pos();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a quoted object key"));
            }
            let name = self.string()?;
            let duplicate = if members.len() < SCAN_KEYS {
                members.iter().any(|(k, _)| k.name == name)
            } else {
                if seen.is_empty() {
                    seen.extend(members.iter().map(|(k, _)| k.name.clone()));
                }
                !seen.insert(name.clone())
            };
            if duplicate {
                return Err(JsonError::new(
                    format!("duplicate key `{}`", crate::text::excerpt(&name)),
                    kpos,
                ));
            }
            self.skip_ws();
            self.expect_byte(b':', "`:` after the object key")?;
            self.skip_ws();
            let v = self.value(depth)?;
            members.push((Key { name, pos: kpos }, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        self.bump(); // [
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => {
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.bump();
                }
            }
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after `.`"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.bump();
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.bump();
            }
        }
        Ok(self
            .text
            .get(start..self.at)
            .unwrap_or_default()
            .to_string())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.bump(); // opening quote
        let mut out = String::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.err("unterminated string"));
            };
            match b {
                b'"' => {
                    self.bump();
                    return Ok(out);
                }
                b'\\' => {
                    self.bump();
                    self.escape(&mut out)?;
                }
                0x00..=0x1f => {
                    return Err(self.err("control character in a string: escape it as \\u00XX"));
                }
                _ => {
                    // Copy a run of plain characters at once.
                    let start = self.at;
                    while let Some(c) = self.peek() {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.bump();
                    }
                    out.push_str(self.text.get(start..self.at).unwrap_or_default());
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.err("unterminated escape sequence"));
        };
        self.bump();
        match b {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let hi = self.hex4()?;
                let c = if (0xd800..0xdc00).contains(&hi) {
                    if self.peek() == Some(b'\\') {
                        self.bump();
                        self.expect_byte(b'u', "a low surrogate `\\u` escape")?;
                        let lo = self.hex4()?;
                        if !(0xdc00..0xe000).contains(&lo) {
                            return Err(self.err("invalid low surrogate in a `\\u` escape"));
                        }
                        char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                    } else {
                        None
                    }
                } else {
                    char::from_u32(hi)
                };
                match c {
                    Some(c) => out.push(c),
                    None => return Err(self.err("invalid unicode escape")),
                }
            }
            _ => return Err(self.err("invalid escape sequence")),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.unexpected("four hex digits")),
            };
            self.bump();
            v = v * 16 + u32::from(d);
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the cursor reads, in slices of `max`: the elements, or the error.
    fn by_cursor(text: &str, max: usize) -> Option<Result<Vec<Json>, JsonError>> {
        let limits = Limits::default();
        let mut c = match ArrayCursor::new(text, limits) {
            Ok(Some(c)) => c,
            Ok(None) => return None,
            Err(e) => return Some(Err(e)),
        };
        let mut all = Vec::new();
        for _ in 0..1000 {
            match c.next_items(text, max) {
                Ok(items) if items.is_empty() && c.is_done() => return Some(Ok(all)),
                Ok(items) => {
                    assert!(items.len() <= max.max(1));
                    all.extend(items);
                }
                Err(e) => return Some(Err(e)),
            }
        }
        panic!("the cursor does not end on {text:?}");
    }

    #[test]
    fn an_array_read_in_slices_is_the_array_parsed_whole() {
        let texts = [
            "[]",
            " \u{feff}[1]",
            "\u{feff}[1, 2 ,3]",
            "[\n{\"a\": 1},\n {\"b\": [true, null]},\n \"x\"\n]\n",
            "[1, 2,]",
            "[1 2]",
            "[1, 2] x",
            "[1, {\"a\": 1, \"a\": 2}]",
            "[1, [[[[",
            "[",
            "   ",
            "{\"value\": []}",
            "7",
            "[\"\u{e9}t\u{e9}\", \"\\u00e9\", 1e5, -0.5]",
        ];
        for text in texts {
            let whole = parse_with(text, Limits::default());
            for max in [1, 2, 100] {
                match (by_cursor(text, max), &whole) {
                    // Not an array: read whole, errors and all.
                    (None, Ok(j)) => assert!(!matches!(j.value, Value::Array(_)), "{text:?}"),
                    (None, Err(_)) => assert!(!text.trim_start().starts_with('['), "{text:?}"),
                    (Some(Ok(items)), Ok(j)) => {
                        let Value::Array(want) = &j.value else {
                            panic!("{text:?} is not an array");
                        };
                        assert_eq!(&items, want, "{text:?} in slices of {max}");
                    }
                    (Some(Err(e)), Err(want)) => {
                        assert_eq!(e.to_string(), want.to_string(), "{text:?}")
                    }
                    (got, want) => panic!("{text:?} in slices of {max}: {got:?} against {want:?}"),
                }
            }
        }
        // Too deep inside an element: the same limit as a whole parse.
        let deep = format!("[{}{}]", "[".repeat(70), "]".repeat(70));
        assert!(matches!(by_cursor(&deep, 1), Some(Err(_))));
        assert!(parse_with(&deep, Limits::default()).is_err());
    }

    #[test]
    fn parses_values_with_positions() {
        let j = parse("{\n  \"a\": [1, \"x\", true, null],\n  \"b\": {}\n}").unwrap();
        let Value::Object(m) = &j.value else { panic!() };
        assert_eq!(m[0].0.name, "a");
        assert_eq!(m[0].0.pos, Pos { line: 2, column: 3 });
        let Value::Array(items) = &m[0].1.value else {
            panic!()
        };
        assert_eq!(items[1].value, Value::String("x".into()));
        assert_eq!(
            items[1].pos,
            Pos {
                line: 2,
                column: 12
            }
        );
    }

    #[test]
    fn reports_syntax_errors_with_line_and_column() {
        let e = parse("{\n \"a\": [1,,2]\n}").unwrap_err();
        assert_eq!(
            e.pos,
            Pos {
                line: 2,
                column: 10
            }
        );
        assert!(e.message.contains("unexpected `,`"), "{}", e.message);
    }

    #[test]
    fn refuses_deep_nesting_and_duplicates_and_size() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&deep).unwrap_err().message.contains("nesting deeper"));
        assert!(parse("{\"a\":1,\"a\":2}")
            .unwrap_err()
            .message
            .contains("duplicate key `a`"));
        let big = format!("\"{}\"", "x".repeat(100));
        let e = parse_with(
            &big,
            Limits {
                max_bytes: 10,
                max_depth: 5,
            },
        )
        .unwrap_err();
        assert!(e.message.contains("limit of 10 bytes"));
    }

    #[test]
    fn duplicate_keys_in_big_objects_are_found_in_linear_time() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("\"k{i}\":1")).collect();
        let text = format!("{{{}}}", keys.join(","));
        let t = std::time::Instant::now();
        assert!(parse(&text).is_ok());
        let dup = format!("{{{},\"k5\":2}}", keys.join(","));
        let e = parse(&dup).unwrap_err();
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(e.message, "duplicate key `k5`");
        assert!(parse("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17,\"a\":18}").unwrap_err().message.contains("duplicate key `a`"));
    }

    #[test]
    fn decodes_escapes_and_multibyte_columns() {
        let j = parse("[\"é\", \"\\u00e9\\ud83d\\ude00\\n\"]").unwrap();
        let Value::Array(items) = &j.value else {
            panic!()
        };
        assert_eq!(items[1].value, Value::String("é😀\n".into()));
        assert_eq!(items[1].pos.column, 7);
        assert!(parse("\"\\ud800\"").is_err());
        assert!(parse("\"a\u{1}\"").is_err());
    }

    #[test]
    fn empty_and_trailing_text() {
        assert!(parse("   ").unwrap_err().message.contains("empty"));
        assert!(parse("{} x")
            .unwrap_err()
            .message
            .contains("after the JSON value"));
        assert!(parse("\u{feff}{}").is_ok());
    }
}
