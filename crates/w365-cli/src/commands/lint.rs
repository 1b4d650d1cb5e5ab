//! `w365-perms lint FILE`: check custom roles; exit 1 when any has errors. The text
//! form shows control, bidi and invisible characters of names, keys and patterns
//! as `\u{..}` escapes (a role name could otherwise clear the screen).

use crate::args::{read_roles, Args};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::import::{shape_label, Shape};
use w365_engine::lint::{self, Diagnostic, Severity};
use w365_engine::text::{escape_hidden, thousands};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Linted<'a> {
    role: &'a str,
    shape: Shape,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct Out<'a> {
    roles: Vec<Linted<'a>>,
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("lint", argv)?;
    a.at_most(1)?;
    // No FILE reads standard input, as every command does (an outside review).
    let source = a.input()?;
    let format = a.value("format").unwrap_or("text");
    if !matches!(format, "text" | "json") {
        return Err(Failure::Usage(format!(
            "unknown format `{format}` (expected text or json)"
        )));
    }
    let compact = a.compact(format == "json", "text")?;
    let cat = output::catalog()?;
    let roles = read_roles(source, "lint", ", or the role's `export --format arm`")?;
    let linter = lint::Linter::new(cat);
    let results: Vec<Vec<Diagnostic>> = roles.iter().map(|r| linter.lint_imported(r)).collect();
    let count = lint::count;
    let any_errors = results.iter().any(|d| lint::has_errors(d));
    if format == "json" {
        let out = Out {
            roles: roles
                .iter()
                .zip(&results)
                .map(|(r, d)| Linted {
                    role: &r.role.name,
                    shape: r.shape,
                    errors: count(d, Severity::Error),
                    warnings: count(d, Severity::Warning),
                    diagnostics: d,
                })
                .collect(),
        };
        output::json(&out, compact)?;
    } else {
        let mut s = String::new();
        for (r, d) in roles.iter().zip(&results) {
            s.push_str(&format!(
                "role `{}` ({}), {} at line {}: {} error{}, {} warning{}\n",
                escape_hidden(&r.role.name),
                shape_label(r.shape),
                escape_hidden(&r.path),
                r.pos.line,
                thousands(count(d, Severity::Error)),
                if count(d, Severity::Error) == 1 {
                    ""
                } else {
                    "s"
                },
                thousands(count(d, Severity::Warning)),
                if count(d, Severity::Warning) == 1 {
                    ""
                } else {
                    "s"
                },
            ));
            for x in d {
                s.push_str(&format!("{x}\n"));
            }
            s.push('\n');
        }
        output::text(&s)?;
    }
    Ok(if any_errors { 1 } else { 0 })
}
