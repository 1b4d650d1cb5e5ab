//! `w365-perms expand`: the effective concrete operations of roles.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use std::io::Write;
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

/// A JSON string; names of the catalog need no escaping, so they are written as is.
fn string(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    if s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        let quoted = serde_json::to_string(s).map_err(std::io::Error::other)?;
        w.write_all(quoted.as_bytes())
    } else {
        w.write_all(b"\"")?;
        w.write_all(s.as_bytes())?;
        w.write_all(b"\"")
    }
}

fn list(
    w: &mut impl Write,
    key: &str,
    items: &[&str],
    compact: bool,
    last: bool,
) -> std::io::Result<()> {
    let (nl, ind, ind2) = if compact {
        ("", "", "")
    } else {
        ("\n", "      ", "        ")
    };
    write!(w, "{ind}\"{key}\":{}[", if compact { "" } else { " " })?;
    for (i, a) in items.iter().enumerate() {
        w.write_all(if i == 0 { nl.as_bytes() } else { b"," })?;
        if i > 0 {
            w.write_all(nl.as_bytes())?;
        }
        w.write_all(ind2.as_bytes())?;
        string(w, a)?;
    }
    if !items.is_empty() {
        write!(w, "{nl}{ind}")?;
    }
    write!(w, "]{}{nl}", if last { "" } else { "," })
}

/// Write the expansions as JSON quickly (the output of `--all-builtins` is ~20 MB).
fn write_roles(roles: &[Expanded<'_>], compact: bool) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let (nl, i1, i2, i3) = if compact {
        ("", "", "", "")
    } else {
        ("\n", "  ", "    ", "      ")
    };
    let sp = if compact { "" } else { " " };
    write!(w, "{{{nl}{i1}\"roles\":{sp}[")?;
    for (n, r) in roles.iter().enumerate() {
        write!(w, "{}{nl}{i2}{{{nl}", if n == 0 { "" } else { "," })?;
        write!(w, "{i3}\"role\":{sp}")?;
        string(&mut w, r.role)?;
        write!(w, ",{nl}{i3}\"id\":{sp}")?;
        string(&mut w, r.id)?;
        write!(w, ",{nl}{i3}\"plane\":{sp}\"{}\",{nl}", r.plane.as_str())?;
        let has_cond = !r.conditional_actions.is_empty();
        list(&mut w, "actions", &r.actions, compact, false)?;
        list(&mut w, "dataActions", &r.data_actions, compact, !has_cond)?;
        if has_cond {
            list(
                &mut w,
                "conditionalActions",
                &r.conditional_actions,
                compact,
                true,
            )?;
        }
        write!(w, "{i2}}}")?;
    }
    writeln!(w, "{}{i1}]{nl}}}", if roles.is_empty() { "" } else { nl })?;
    w.flush()
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
    let set = RoleSet::new(cat, super::supplied_roles(cat, a.value("input"))?);
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
    write_roles(&roles, compact)?;
    Ok(0)
}
