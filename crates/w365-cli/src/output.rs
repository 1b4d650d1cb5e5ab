//! Writing JSON and text to stdout.

use crate::failure::Failure;
use serde::Serialize;
use std::io::Write;

/// Write a value as JSON (pretty unless `compact`) followed by a newline.
pub fn json<T: Serialize>(value: &T, compact: bool) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let r = if compact {
        serde_json::to_writer(&mut w, value)
    } else {
        serde_json::to_writer_pretty(&mut w, value)
    };
    r.map_err(|e| Failure::Output(e.to_string()))?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// Write text.
pub fn text(s: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    w.write_all(s.as_bytes())?;
    w.flush()?;
    Ok(())
}

/// The bundled catalog, or an input failure (the bundle is verified by the tests).
pub fn catalog() -> Result<&'static w365_engine::Catalog, Failure> {
    w365_engine::catalog()
        .map_err(|e| Failure::Input(format!("the bundled catalog is unreadable: {e}")))
}
