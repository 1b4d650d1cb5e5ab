//! `w365-perms export --format F FILE`: write a role for deployment. A role with
//! lint errors is still written (exit 0), after a warning on stderr that names every
//! error; `--strict` refuses it instead (exit 1, nothing written).

use crate::args::{read_source, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::export::{export, Format};
use w365_engine::{import, lint};

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::parse(argv, &["format", "role", "input"], &["strict"])?;
    a.at_most(1)?;
    let format: Format = a
        .value("format")
        .ok_or_else(|| {
            Failure::Usage(
                "choose a format: `--format arm|az-json|az-cli|powershell|bicep|terraform|graph`"
                    .into(),
            )
        })?
        .parse()
        .map_err(|e: w365_engine::export::ExportError| Failure::Usage(e.to_string()))?;
    let path = a.input()?.ok_or_else(|| {
        Failure::Usage("name the role file: `w365-perms export --format FORMAT FILE`".into())
    })?;
    let cat = output::catalog()?;
    let text = read_source(Some(path))?;
    let roles = import::import(&text).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let imported = match (a.value("role"), roles.as_slice()) {
        (None, [one]) => one,
        (None, many) => {
            return Err(Failure::Usage(format!(
                "{path} holds {} roles ({}); pick one with `--role NAME`",
                many.len(),
                many.iter()
                    .map(|r| r.role.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
        (Some(name), all) => all
            .iter()
            .find(|r| r.role.is_named(name))
            .ok_or_else(|| Failure::Usage(format!("{path} has no role named `{name}`")))?,
    };
    let role = &imported.role;
    // A role this format cannot hold fails first, on one line.
    let out = export(role, format).map_err(|e| Failure::Input(e.to_string()))?;
    let check = lint::export_check_of(role, &lint::lint_imported(cat, imported));
    if !check.is_clean() {
        let strict = a.flag("strict");
        eprintln!(
            "w365-perms: {}: role `{}` has {} lint error{}{}:",
            if strict { "error" } else { "warning" },
            role.name,
            check.errors.len(),
            if check.errors.len() == 1 { "" } else { "s" },
            if strict {
                "; not exported (`--strict`)"
            } else {
                ", exported anyway (Azure or Graph would refuse it as written)"
            }
        );
        for e in &check.errors {
            let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            eprintln!("  error[{}]: {}{at}", e.code, e.message);
        }
        if strict {
            return Ok(1);
        }
    }
    output::text(&out)?;
    if !out.ends_with('\n') {
        output::text("\n")?;
    }
    Ok(0)
}
