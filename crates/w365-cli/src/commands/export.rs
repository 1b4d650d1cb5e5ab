//! `w365-perms export --format F FILE`: write a role for deployment. What the
//! format cannot hold (a condition, a NotAction in a Graph role) is named in a
//! warning on stderr and left out, and so is a key of the file's role that its shape
//! has no place for (it was ignored when the file was read); what Azure would refuse
//! (the root scope `/`, no assignable scope) is named in a warning and written as it
//! is; a role with lint errors is still written (exit 0) after a warning naming
//! every error. `--strict` refuses all of these instead (exit 1, nothing written).
//! What running the export needs (the `az-cli` script of a Cloud PC or Intune role:
//! a Graph token `az login` cannot get) is a warning too, which `--strict` keeps.

use crate::args::{read_roles, source_name, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::export::{export_with_warnings, Format};
use w365_engine::{import, lint};

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("export", argv)?;
    a.at_most(1)?;
    let format: Format = a
        .value("format")
        .ok_or_else(|| {
            Failure::Usage(
                "choose a format: `--format arm|rest|az-json|az-cli|powershell|bicep|terraform|graph`"
                    .into(),
            )
        })?
        .parse()
        .map_err(|e: w365_engine::export::ExportError| Failure::Usage(e.to_string()))?;
    // No FILE reads standard input, as every command does (an outside review).
    let source = a.input()?;
    let path = source_name(source);
    // The command line is checked before the input is read (a re-check review:
    // `--role A --role B` was named only after standard input was).
    let wanted = a.one("role", false)?;
    let cat = output::catalog()?;
    let roles = read_roles(source, "export", "")?;
    let imported = match (wanted, roles.as_slice()) {
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
        (Some(name), all) => match all
            .iter()
            .filter(|r| r.role.is_named(name))
            .collect::<Vec<_>>()
            .as_slice()
        {
            [one] => one,
            [] => return Err(Failure::Usage(format!("{path} has no role named `{name}`"))),
            // Several: which one is deployed is not guessed (review H1 L5).
            many => return Err(Failure::Usage(ambiguous(path, name, many))),
        },
    };
    let role = &imported.role;
    // A role this format cannot hold at all fails first, on one line.
    let exported = export_with_warnings(role, format).map_err(|e| Failure::Input(e.to_string()))?;
    let strict = a.flag("strict");
    let level = if strict { "error" } else { "warning" };
    // A key the role's shape has no place for was ignored when the file was read,
    // so the role written is not the role as the file has it (a misspelt
    // `notActions` widens it).
    let unknown = import::unknown_key_warnings(std::slice::from_ref(imported));
    for w in unknown
        .iter()
        .map(ToString::to_string)
        .chain(exported.warnings.iter().cloned())
    {
        output::stderr_line(&format!(
            "w365-perms: {level}: {}",
            w365_engine::text::escape_hidden(&w)
        ));
    }
    // How to sign in for the script (a Graph token `az login` cannot get): nothing
    // is dropped, so `--strict` does not refuse it, but it is said every time.
    for n in &exported.needs {
        output::stderr_line(&format!(
            "w365-perms: warning: {}",
            w365_engine::text::escape_hidden(n)
        ));
    }
    for n in &exported.notes {
        output::stderr_line(&format!(
            "w365-perms: note: {}",
            w365_engine::text::escape_hidden(n)
        ));
    }
    // What the file has and no export writes (a role definition's scope tags).
    let drops = import::export_drops(imported);
    for w in &drops {
        output::stderr_line(&format!(
            "w365-perms: {level}: {}",
            w365_engine::text::escape_hidden(w)
        ));
    }
    let diagnostics = lint::lint_imported(cat, imported);
    // Lint warnings that decide whether Graph accepts the role as written (a Graph
    // name no source gives, a retired permission, a wildcard the role documents
    // never show): exported as written, with the caveat; `--strict` refuses them.
    let doubtful: Vec<_> = diagnostics
        .iter()
        .filter(|d| lint::DEPLOY_WARNINGS.contains(&d.code))
        // Written out without its wildcards (its exclusions): none is deployed.
        .filter(|d| {
            !(d.code == lint::WILDCARD_NOT_DOCUMENTED && w365_engine::export::writes_out(role))
        })
        .collect();
    for d in &doubtful {
        output::stderr_line(&format!(
            "w365-perms: {level}: {} ({})",
            w365_engine::text::escape_hidden(&d.message),
            d.code
        ));
    }
    // Written out from a wildcard, a permission whose Graph name no source gives
    // is deployed though lint never saw its name: as doubtful as one written.
    let unverified_written = w365_engine::export::written_out_unverified(role);
    if strict && !unverified_written.is_empty() {
        output::stderr_line(&format!(
            "w365-perms: {level}: the permissions written out for the role's exclusions include {} whose Graph name no source gives ({}) ({})",
            unverified_written.len(),
            unverified_written
                .iter()
                .map(|n| format!("`{}`", w365_engine::text::escape_hidden(n)))
                .collect::<Vec<_>>()
                .join(", "),
            lint::UNVERIFIED_NAME
        ));
    }
    let check = lint::export_check_of(role, &diagnostics);
    if !check.is_clean() {
        output::stderr_line(&format!(
            "w365-perms: {level}: role `{}` has {} lint error{}{}:",
            w365_engine::text::escape_hidden(&role.name),
            w365_engine::text::thousands(lint::count(&check.errors, lint::Severity::Error)),
            if lint::count(&check.errors, lint::Severity::Error) == 1 {
                ""
            } else {
                "s"
            },
            if strict {
                "; not exported (`--strict`)"
            } else {
                ", exported anyway (Azure or Graph would refuse it as written)"
            }
        ));
        for e in &check.errors {
            let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            output::stderr_line(&format!(
                "  error[{}]: {}{at}",
                e.code,
                w365_engine::text::escape_hidden(&e.message)
            ));
        }
    }
    let dropped = !(exported.warnings.is_empty() && unknown.is_empty() && drops.is_empty());
    if strict
        && !(check.is_clean() && !dropped && doubtful.is_empty() && unverified_written.is_empty())
    {
        if check.is_clean() {
            output::stderr_line(&format!(
                "w365-perms: error: not exported (`--strict`): {}",
                if dropped {
                    format!("the `{format}` export would drop what is named above")
                } else {
                    "Microsoft Graph may refuse the role as written (named above)".to_string()
                }
            ));
        }
        return Ok(1);
    }
    output::text(&exported.file_text())?;
    Ok(0)
}

/// Why `--role NAME` names no one role: each candidate with where it is in the
/// file and its id, and how to pick one (its id, when the ids differ).
fn ambiguous(path: &str, name: &str, many: &[&w365_engine::import::ImportedRole]) -> String {
    let listed: Vec<String> = many
        .iter()
        .map(|r| {
            format!(
                "`{}` at {} (line {}, id `{}`)",
                w365_engine::text::escape_hidden(&r.role.name),
                r.path,
                r.pos.line,
                w365_engine::text::escape_hidden(&r.role.id)
            )
        })
        .collect();
    let distinct_ids = {
        let mut ids: Vec<String> = many
            .iter()
            .map(|r| r.role.id.to_ascii_lowercase())
            .collect();
        ids.sort();
        ids.dedup();
        ids.len() == many.len()
    };
    format!(
        "{path} holds {} roles that `--role {}` names: {}; which one to export is not guessed: {}",
        many.len(),
        w365_engine::text::escape_hidden(name),
        listed.join(", "),
        if distinct_ids {
            "pick one by its id (`--role ID`), or rename the others"
        } else {
            "rename all but one of them (their ids are the same too), or keep one per file"
        }
    )
}
