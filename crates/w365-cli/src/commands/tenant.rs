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
    tenant::load(cat, &pairs).map_err(|e| Failure::Input(e.to_string()))
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::parse_repeating(argv, &["input"], &["compact"], &["input"])?;
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
