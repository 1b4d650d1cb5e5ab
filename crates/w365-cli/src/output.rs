//! Writing JSON and text to stdout.

use crate::failure::Failure;
use serde::Serialize;
use std::io::Write;

/// The version of the JSON outputs' shape, written first in each as
/// `"schemaVersion"`: raised when a field is removed or changes meaning (a new
/// field does not raise it).
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON object output with `schemaVersion` first.
#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    #[serde(rename = "schemaVersion")]
    schema_version: u32,
    #[serde(flatten)]
    value: &'a T,
}

/// Write a value (a JSON object) as JSON (pretty unless `compact`), with
/// `schemaVersion` first, followed by a newline.
pub fn json<T: Serialize>(value: &T, compact: bool) -> Result<(), Failure> {
    document(
        &Versioned {
            schema_version: SCHEMA_VERSION,
            value,
        },
        compact,
    )
}

/// Write a value as it is: a document that carries its own `schemaVersion` first
/// (the tenant review, the report).
pub fn document<T: Serialize>(value: &T, compact: bool) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let r = if compact {
        serde_json::to_writer(&mut w, value)
    } else {
        serde_json::to_writer_pretty(&mut w, value)
    };
    r.map_err(|e| Failure::Output(e.into()))?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Write text as it is (for text that is the command's product, such as an export).
pub fn text(s: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    w.write_all(s.as_bytes())?;
    w.flush()?;
    Ok(())
}

/// Text for a person at a terminal: characters that would act on the terminal or
/// hide what is written (control, bidi and invisible characters) are shown as
/// `\u{..}` escapes; line breaks are kept. Written as it is produced, so a long
/// report (33,000 decisions) is never held whole.
pub struct Terminal {
    w: std::io::BufWriter<std::io::StdoutLock<'static>>,
}

impl Terminal {
    /// Write to stdout.
    pub fn new() -> Self {
        Terminal {
            w: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        }
    }

    /// Write `s` (escaping is per character, so text may be written in any pieces).
    pub fn put(&mut self, s: &str) -> Result<(), Failure> {
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                self.w.write_all(b"\n")?;
            }
            self.w
                .write_all(w365_engine::text::escape_hidden(line).as_bytes())?;
        }
        Ok(())
    }

    /// Flush what is left.
    pub fn finish(mut self) -> Result<(), Failure> {
        self.w.flush()?;
        Ok(())
    }
}

/// Characters of a stderr line shown.
const LINE_SHOWN: usize = 4_000;

/// A line on stderr; a closed or full stderr is ignored (there is nowhere left to
/// say it).
pub fn stderr_line(s: &str) {
    // What the input named is cut where a word runs past 300 characters (an
    // outside review: a 4 MB role name made a 4 MB error line).
    let line = w365_engine::text::clip_words(s, 300).replace('\n', " ");
    // And a line past 4,000 characters is cut there (a value of many short words).
    let line = w365_engine::text::clip(&line, LINE_SHOWN);
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Print each warning of a request on stderr.
pub fn warnings(ws: &[w365_engine::json::JsonError]) {
    for w in ws {
        stderr_line(&format!(
            "w365-perms: warning: {}",
            w365_engine::text::escape_hidden(&w.to_string())
        ));
    }
}

/// The bundled catalog, or an input failure (the bundle is verified by the tests).
pub fn catalog() -> Result<&'static w365_engine::Catalog, Failure> {
    w365_engine::catalog()
        .map_err(|e| Failure::Input(format!("the bundled catalog is unreadable: {e}")))
}
