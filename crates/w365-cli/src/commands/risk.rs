//! `w365-perms risk --role NAME ...`: a role's risk notes by category;
//! `--input FILE` alone assesses every role the file supplies, as `expand` does.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::risk::{profile, unrated, CategoryNotes, Level, Unrated};
use w365_engine::roleset::RoleSet;
use w365_engine::Plane;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Assessed<'a> {
    role: &'a str,
    id: &'a str,
    plane: Plane,
    /// The most serious level of any note; `unknown` when there is none but the
    /// role holds a permission whose risk no source rates; `null` when there is
    /// neither (the key is always there, as the README's shape says).
    level: Option<RoleLevel>,
    categories: Vec<CategoryNotes>,
    /// Cloud PC permissions held whose risk is not rated (`Webhooks/Create`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unrated: Vec<Unrated>,
}

/// A role's level: a note's, or `unknown`.
#[derive(Serialize)]
#[serde(untagged)]
enum RoleLevel {
    Rated(Level),
    Unknown(&'static str),
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
    if names.is_empty() && a.value("input").is_none() {
        return Err(Failure::Usage(
            "name roles with `--role NAME_OR_ID` (repeatable), or give `--input FILE` (its roles)"
                .into(),
        ));
    }
    let cat = output::catalog()?;
    let (supplied, builtins) = super::supplied_with_builtins(cat, a.value("input"))?;
    let set = RoleSet::new(cat, supplied);
    let refs = super::named_or_supplied(&set, &names, &builtins)?;
    let mut roles = Vec::new();
    for r in refs {
        if let (Some(role), Some(e)) = (set.get(r), set.expansion(r)) {
            let categories = profile(cat, role, e);
            let unrated = unrated(cat, e);
            let level = match categories.iter().map(|c| c.level).min() {
                Some(l) => Some(RoleLevel::Rated(l)),
                None if !unrated.is_empty() => Some(RoleLevel::Unknown("unknown")),
                None => None,
            };
            roles.push(Assessed {
                role: &role.name,
                id: &role.id,
                plane: role.plane(),
                level,
                categories,
                unrated,
            });
        }
    }
    output::json(&Out { roles }, a.flag("compact"))?;
    Ok(0)
}
