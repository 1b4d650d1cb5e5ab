//! `w365-perms tenant --input FILE ...`: a tenant's exported role assignments and
//! custom roles, reviewed offline per principal ([`w365_engine::tenant`]).

use crate::args::{read_source_limited, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::tenant::{self, MAX_TENANT_BYTES};

/// Read the files of `--input` (at least one) and load them.
pub fn load(a: &Args) -> Result<tenant::Loaded, Failure> {
    let files = a.values("input");
    if files.is_empty() {
        return Err(Failure::Usage(
            "name the exports with `--input FILE` (repeatable): `az role assignment list --all -o json`, `az role definition list --custom-role-only -o json`, `Get-AzRoleAssignment | ConvertTo-Json`, `Get-Mg...RoleAssignment | ConvertTo-Json`, Graph `roleAssignments`/`roleDefinitions` and PIM schedule pages, `directoryRoles?$expand=members`, Intune `deviceManagement/roleAssignments`/`roleDefinitions`, `az rest` lists of role or deny assignments".into(),
        ));
    }
    let mut texts = Vec::new();
    for f in &files {
        texts.push((*f, read_source_limited(Some(f), MAX_TENANT_BYTES)?));
    }
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let cat = output::catalog()?;
    let mut loaded = tenant::load(cat, &pairs).map_err(|e| Failure::Input(e.to_string()))?;
    loaded.as_of = Some(as_of(a)?);
    Ok(loaded)
}

/// `--as-of`, checked, or now (UTC) from the system clock.
fn as_of(a: &Args) -> Result<String, Failure> {
    match a.value("as-of") {
        Some(t) if tenant::instant(t).is_some() => Ok(t.trim().to_string()),
        Some(t) => Err(Failure::Usage(format!(
            "`--as-of {t}`: expected a date (`2026-12-04`) or a time (`2026-12-04T23:00:00Z`, or with an offset: `2026-12-05T01:00:00+02:00`)"
        ))),
        None => {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            Ok(utc(secs))
        }
    }
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
fn utc(secs: u64) -> String {
    format!("{}Z", tenant::civil(i64::try_from(secs).unwrap_or(0)))
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command_repeating("tenant", argv, &["input"])?;
    a.at_most(0)?;
    let loaded = load(&a)?;
    let cat = output::catalog()?;
    let review = tenant::review(cat, &loaded);
    for n in &review.notes {
        output::stderr_line(&format!(
            "w365-perms: note: {}",
            w365_engine::text::escape_hidden(n)
        ));
    }
    // The review carries its own `schemaVersion`.
    output::document(&review, a.flag("compact"))?;
    Ok(0)
}
