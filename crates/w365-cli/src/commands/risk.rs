//! `w365-perms risk --role NAME ...`: a role's risk notes by category.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::risk::{profile, CategoryNotes};
use w365_engine::roleset::RoleSet;
use w365_engine::Plane;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Assessed<'a> {
    role: &'a str,
    id: &'a str,
    plane: Plane,
    /// The most serious level of any note; `null` when there is none (the key is
    /// always there, as the README's shape says).
    level: Option<w365_engine::risk::Level>,
    categories: Vec<CategoryNotes>,
}

#[derive(Serialize)]
struct Out<'a> {
    roles: Vec<Assessed<'a>>,
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("risk", argv)?;
    a.at_most(0)?;
    let names = a.values("role");
    if names.is_empty() {
        return Err(Failure::Usage(
            "name roles with `--role NAME_OR_ID` (repeatable); `--input FILE` adds custom roles"
                .into(),
        ));
    }
    let cat = output::catalog()?;
    let set = RoleSet::new(cat, super::supplied_roles(cat, a.value("input"))?);
    let mut roles = Vec::new();
    for n in names {
        let r = set.resolve(n).map_err(|e| Failure::Input(e.to_string()))?;
        if let (Some(role), Some(e)) = (set.get(r), set.expansion(r)) {
            let categories = profile(cat, role, e);
            roles.push(Assessed {
                role: &role.name,
                id: &role.id,
                plane: role.plane(),
                level: categories.iter().map(|c| c.level).min(),
                categories,
            });
        }
    }
    output::json(&Out { roles }, a.flag("compact"))?;
    Ok(0)
}
