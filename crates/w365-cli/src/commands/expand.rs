//! `w365-perms expand`: the effective concrete operations of roles.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::expand::Expansion;
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::{Catalog, Plane, Role};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Expanded<'a> {
    role: &'a str,
    id: &'a str,
    plane: Plane,
    actions: Vec<&'a str>,
    data_actions: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conditional_actions: Vec<&'a str>,
}

#[derive(Serialize)]
struct Out<'a> {
    roles: Vec<Expanded<'a>>,
}

fn expanded<'a>(cat: &'a Catalog, role: &'a Role, e: &Expansion) -> Expanded<'a> {
    let ops = &cat.operations;
    match role.plane() {
        Plane::Azure => Expanded {
            role: &role.name,
            id: &role.id,
            plane: Plane::Azure,
            actions: e.actions(cat).map(|i| ops.name(i)).collect(),
            data_actions: e.data_actions(cat).map(|i| ops.name(i)).collect(),
            conditional_actions: e.conditional.iter().map(|i| ops.name(i)).collect(),
        },
        plane => Expanded {
            role: &role.name,
            id: &role.id,
            plane,
            actions: e
                .cloud_pc
                .iter()
                .filter_map(|i| cat.windows365.permissions.get(i))
                .map(|p| p.graph.as_str())
                .collect(),
            data_actions: Vec::new(),
            conditional_actions: Vec::new(),
        },
    }
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::parse(argv, &["role", "input"], &["all-builtins", "compact"])?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let compact = a.flag("compact");
    if a.flag("all-builtins") {
        if !a.values("role").is_empty() {
            return Err(Failure::Usage(
                "use either `--role` or `--all-builtins`".into(),
            ));
        }
        let ex = cat.builtin_expansions();
        let roles = cat
            .roles
            .iter()
            .zip(ex)
            .map(|(r, e)| expanded(cat, r, e))
            .collect();
        output::json(&Out { roles }, compact)?;
        return Ok(0);
    }
    let names = a.values("role");
    if names.is_empty() {
        return Err(Failure::Usage(
            "name roles with `--role NAME_OR_ID` (repeatable) or use `--all-builtins`".into(),
        ));
    }
    let set = RoleSet::new(cat, super::supplied_roles(a.value("input"))?);
    let refs: Vec<RoleRef> = names
        .iter()
        .map(|n| set.resolve(n).map_err(|e| Failure::Input(e.to_string())))
        .collect::<Result<_, _>>()?;
    let mut roles = Vec::new();
    for r in &refs {
        if let (Some(role), Some(e)) = (set.get(*r), set.expansion(*r)) {
            roles.push(expanded(cat, role, e));
        }
    }
    output::json(&Out { roles }, compact)?;
    Ok(0)
}
