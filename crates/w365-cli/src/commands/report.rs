//! `w365-perms report --input FILE ... [--format markdown|html|json]`: a review
//! report of a design (one request: custom roles and assignments) or of a tenant's
//! exports (any other file, or several files), built by [`w365_engine::report`].

use crate::args::{read_source, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::json::{self, Node};
use w365_engine::report::{self, render};
use w365_engine::request;

/// Is this text a request (`roles`, `queries` or this tool's own assignments),
/// rather than a tenant export?
fn is_request(text: &str) -> bool {
    let Ok(doc) = json::parse(text) else {
        return false;
    };
    let root = Node::root(&doc);
    if !root.is_object() || matches!(root.get("value"), Ok(Some(_))) {
        return false;
    }
    let has = |k: &str| matches!(root.get(k), Ok(Some(_)));
    has("roles") || has("queries") || has("context") || has("assignments")
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command_repeating("report", argv, &["input"])?;
    a.at_most(0)?;
    let format = a.value("format").unwrap_or("markdown");
    if !["markdown", "md", "html", "json"].contains(&format) {
        return Err(Failure::Usage(format!(
            "unknown format `{format}` (expected markdown, html or json)"
        )));
    }
    let compact = a.compact(
        format == "json",
        if format == "html" { "HTML" } else { "Markdown" },
    )?;
    let inputs: Vec<String> = a.values("input").iter().map(|s| s.to_string()).collect();
    let cat = output::catalog()?;
    let design = match inputs.as_slice() {
        [one] => {
            // A file larger than a request may be is read as tenant exports: said,
            // since a design request past the limit changed mode without a word
            // (a re-check review).
            let limit = w365_engine::json::MAX_INPUT_BYTES;
            if std::fs::metadata(one).is_ok_and(|m| m.is_file() && m.len() > limit as u64) {
                output::stderr_line(&format!(
                    "w365-perms: note: {} is larger than a design request may be ({limit} bytes), so it is reviewed as tenant exports",
                    w365_engine::text::escape_hidden(one)
                ));
            }
            let text = read_source(Some(one)).ok();
            text.filter(|t| is_request(t))
        }
        [] => {
            return Err(Failure::Usage(
                "name the input with `--input FILE`: a request (custom roles and assignments) or tenant exports (repeatable)".into(),
            ))
        }
        _ => None,
    };
    let rep = match design {
        Some(text) => {
            let req = request::parse(cat, &text).map_err(|e| Failure::Input(e.to_string()))?;
            // As eval says them: ignored keys of the roles, legacy patterns.
            output::warnings(&req.warnings);
            report::design(cat, req, &inputs)
        }
        None => {
            let loaded = super::tenant::load(&a)?;
            // Said where a pipeline sees it too, not only in the report's notes.
            if let Some(n) = loaded.deny_note() {
                output::stderr_line(&format!(
                    "w365-perms: note: {}",
                    w365_engine::text::escape_hidden(&n)
                ));
            }
            let review = w365_engine::tenant::review(cat, &loaded);
            report::tenant(cat, &loaded, &review)
        }
    };
    match format {
        "html" => output::text(&render::html(&rep))?,
        // The report carries its own `schemaVersion`.
        "json" => output::document(&rep, compact)?,
        _ => output::text(&render::markdown(&rep))?,
    }
    Ok(0)
}
