//! `w365-perms export --format F FILE`: write a role for deployment.

use crate::args::{read_source, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::export::{export, Format};
use w365_engine::import;

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::parse(argv, &["format", "role", "input"], &[])?;
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
    let _ = output::catalog()?;
    let text = read_source(Some(path))?;
    let roles = import::import(&text).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let role = match (a.value("role"), roles.as_slice()) {
        (None, [one]) => &one.role,
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
        (Some(name), all) => {
            &all.iter()
                .find(|r| r.role.is_named(name))
                .ok_or_else(|| Failure::Usage(format!("{path} has no role named `{name}`")))?
                .role
        }
    };
    let out = export(role, format).map_err(|e| Failure::Input(e.to_string()))?;
    output::text(&out)?;
    if !out.ends_with('\n') {
        output::text("\n")?;
    }
    Ok(0)
}
