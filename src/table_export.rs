//! A table as the views show it, written as CSV or JSON for download: the roles list,
//! the actions catalog, the compare view and the tenant review's principals.
//!
//! CSV follows RFC 4180 (a header line, CRLF line ends, a cell quoted when it holds a
//! comma, a quote or a line break, quotes doubled) with no byte-order mark; a text
//! cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
//! `'` so a spreadsheet does not run it as a formula. JSON is a pretty-printed array
//! of objects keyed by the headers, in column order, numbers and booleans as such.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// One cell: text, a count or a yes/no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text (defused and quoted in CSV, a string in JSON).
    Text(String),
    /// A count (digits in CSV, a number in JSON).
    Count(usize),
    /// A yes/no (`true`/`false` in CSV, a boolean in JSON).
    Flag(bool),
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Count(n)
    }
}

impl From<bool> for Cell {
    fn from(b: bool) -> Self {
        Cell::Flag(b)
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Count(n) => s.serialize_u64(*n as u64),
            Cell::Flag(b) => s.serialize_bool(*b),
        }
    }
}

/// Rows under headers. A row shorter than the headers is padded with empty text;
/// cells past the last header are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these column names (a repeated name gets ` (2)`, ` (3)`,
    /// ... so every JSON key is distinct).
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Self {
        let mut out: Vec<String> = Vec::new();
        for h in headers {
            let h = h.into();
            let mut name = h.clone();
            let mut n = 1;
            while out.contains(&name) {
                n += 1;
                name = format!("{h} ({n})");
            }
            out.push(name);
        }
        Table {
            headers: out,
            rows: Vec::new(),
        }
    }

    /// Add a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// The column names.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn cells<'a>(&'a self, row: &'a [Cell]) -> impl Iterator<Item = (&'a str, Cell)> + 'a {
        self.headers.iter().enumerate().map(move |(i, h)| {
            (
                h.as_str(),
                row.get(i).cloned().unwrap_or(Cell::Text(String::new())),
            )
        })
    }

    /// The table as CSV: the header line, then one line per row, each ending in CRLF.
    pub fn to_csv(&self) -> String {
        let mut o = self.csv_header();
        o.push_str(&self.csv_rows());
        o
    }

    /// The CSV header line, ending in CRLF.
    pub fn csv_header(&self) -> String {
        let cells: Vec<String> = self.headers.iter().map(|h| csv_cell(h)).collect();
        cells.join(",") + "\r\n"
    }

    /// The CSV lines of the rows, each ending in CRLF (a file written a slice
    /// of rows at a time puts them after one header).
    pub fn csv_rows(&self) -> String {
        let mut o = String::new();
        for row in &self.rows {
            let cells: Vec<String> = self
                .cells(row)
                .map(|(_, c)| match c {
                    Cell::Text(t) => csv_cell(&t),
                    Cell::Count(n) => n.to_string(),
                    Cell::Flag(b) => b.to_string(),
                })
                .collect();
            o.push_str(&cells.join(","));
            o.push_str("\r\n");
        }
        o
    }

    /// The table as a pretty-printed JSON array of objects keyed by header.
    pub fn to_json(&self) -> String {
        // Writing strings, numbers and booleans into a String cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "[]".into())
    }
}

/// One row as an object, keys in column order (serde_json's `Map` would sort them).
struct Row<'a>(&'a Table, &'a [Cell]);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.headers.len()))?;
        for (h, c) in self.0.cells(self.1) {
            m.serialize_entry(h, &c)?;
        }
        m.end()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for row in &self.rows {
            seq.serialize_element(&Row(self, row))?;
        }
        seq.end()
    }
}

/// A table file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// One line per row after a header line ([`Table::to_csv`]).
    Csv,
    /// An array of objects keyed by header ([`Table::to_json`]), or a fuller
    /// document a view writes itself.
    Json,
}

impl FileFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Json => "json",
        }
    }

    /// The file's media type.
    pub fn mime(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv;charset=utf-8",
            FileFormat::Json => "application/json",
        }
    }
}

/// One CSV cell: quoted when needed; a leading `=`, `+`, `-`, `@`, tab or carriage
/// return is defused with `'` so a spreadsheet does not run it as a formula.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A file name stem from parts: ASCII letters, digits, `.`, `_` and `-` kept
/// (letters lowercased; a Latin letter with a diacritic as its base letter), every
/// other run of characters one `-`, empty parts left
/// out, at most 80 characters. `file_stem(&["actions", "listKeys /x"])` is
/// `actions-listkeys-x`.
pub fn file_stem(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        let mut piece = String::new();
        for c in part.chars() {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                piece.push(c.to_ascii_lowercase());
            } else if let Some(letters) = w365_engine::export::ascii_letters(c) {
                // As export file names write them (`Ünïcödé` → `unicode`).
                piece.push_str(letters);
            } else if !piece.ends_with('-') {
                piece.push('-');
            }
        }
        let piece = piece.trim_matches(['-', '.']);
        if piece.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(piece);
    }
    let mut end = out.len().min(80);
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    let stem = out[..end].trim_end_matches(['-', '.']).to_string();
    if stem.is_empty() {
        "table".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(["name", "count", "flag"]);
        t.push(vec!["plain".into(), 3.into(), true.into()]);
        t.push(vec!["a,b".into(), 0.into(), false.into()]);
        t.push(vec!["say \"hi\"".into(), 1.into(), true.into()]);
        t.push(vec!["two\nlines".into(), 2.into(), false.into()]);
        t.push(vec!["=SUM(A1)".into(), 4.into(), true.into()]);
        t
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("@cmd"), "'@cmd");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("=a,b"), "\"'=a,b\"");
        // Only the start matters.
        assert_eq!(csv_cell("a=b-c"), "a=b-c");
    }

    #[test]
    fn csv_has_a_header_line_and_crlf_line_ends() {
        let csv = sample().to_csv();
        assert_eq!(
            csv,
            "name,count,flag\r\n\
             plain,3,true\r\n\
             \"a,b\",0,false\r\n\
             \"say \"\"hi\"\"\",1,true\r\n\
             \"two\nlines\",2,false\r\n\
             '=SUM(A1),4,true\r\n"
        );
        assert!(!csv.starts_with('\u{feff}'));
        // Headers are cells too.
        let t = Table::new(["a,b", "=x"]);
        assert_eq!(t.to_csv(), "\"a,b\",'=x\r\n");
        // A file written in slices: the header, then each slice's rows.
        assert_eq!(sample().csv_header(), "name,count,flag\r\n");
        assert_eq!(
            sample().csv_header() + &sample().csv_rows(),
            sample().to_csv()
        );
        assert_eq!(t.csv_rows(), "");
    }

    #[test]
    fn short_rows_are_padded_and_long_rows_cut() {
        let mut t = Table::new(["a", "b"]);
        t.push(vec!["x".into()]);
        t.push(vec!["1".into(), "2".into(), "3".into()]);
        assert_eq!(t.to_csv(), "a,b\r\nx,\r\n1,2\r\n");
        let v: serde_json::Value = serde_json::from_str(&t.to_json()).expect("json");
        assert_eq!(
            v,
            serde_json::json!([{ "a": "x", "b": "" }, { "a": "1", "b": "2" }])
        );
    }

    #[test]
    fn json_is_an_array_of_objects_keyed_by_header_in_column_order() {
        let t = sample();
        let text = t.to_json();
        assert!(text.starts_with("[\n  {\n    \"name\": \"plain\",\n    \"count\": 3,"));
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        let rows = v.as_array().expect("array");
        assert_eq!(rows.len(), t.len());
        assert_eq!(
            rows[0],
            serde_json::json!({ "name": "plain", "count": 3, "flag": true })
        );
        // JSON keeps text as it is: no formula prefix, no CSV quoting.
        assert_eq!(rows[2]["name"], "say \"hi\"");
        assert_eq!(rows[3]["name"], "two\nlines");
        assert_eq!(rows[4]["name"], "=SUM(A1)");
        assert_eq!(Table::new(["a"]).to_json(), "[]");
    }

    #[test]
    fn repeated_headers_become_distinct_keys() {
        let t = Table::new(["role", "role", "role"]);
        assert_eq!(t.headers(), ["role", "role (2)", "role (3)"]);
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem(&["roles"]), "roles");
        assert_eq!(file_stem(&["actions", "listKeys"]), "actions-listkeys");
        assert_eq!(file_stem(&["actions", ""]), "actions");
        assert_eq!(
            file_stem(&["actions", "Microsoft.Storage/storageAccounts/*"]),
            "actions-microsoft.storage-storageaccounts"
        );
        assert_eq!(
            file_stem(&["roles", "../../etc/passwd"]),
            "roles-etc-passwd"
        );
        assert_eq!(
            file_stem(&["roles", "Cloud PC \u{202e}Reader"]),
            "roles-cloud-pc-reader"
        );
        assert_eq!(file_stem(&["", "  "]), "table");
        assert_eq!(
            file_stem(&["compare", "Ünïcödé / role", "Contributor"]),
            "compare-unicode-role-contributor"
        );
        let long = "x".repeat(200);
        assert_eq!(file_stem(&["a", &long]).len(), 80);
    }
}
