//! `w365-perms expand`: the effective concrete operations of roles.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use std::io::Write;
use w365_engine::expand::Expansion;
use w365_engine::roleset::RoleSet;
use w365_engine::{Catalog, Plane, Role};

/// One role's expansion: its name, then named lists of what it grants, each list on
/// one plane only (Azure actions, Azure data actions, each conditional list apart,
/// Cloud PC and Intune permissions).
struct Expanded<'a> {
    role: &'a str,
    id: &'a str,
    plane: Plane,
    /// (key, items, written when empty)
    lists: Vec<(&'static str, Vec<&'a str>, bool)>,
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
    write!(
        w,
        "{{{nl}{i1}\"schemaVersion\":{sp}{},{nl}{i1}\"roles\":{sp}[",
        crate::output::SCHEMA_VERSION
    )?;
    for (n, r) in roles.iter().enumerate() {
        write!(w, "{}{nl}{i2}{{{nl}", if n == 0 { "" } else { "," })?;
        write!(w, "{i3}\"role\":{sp}")?;
        string(&mut w, r.role)?;
        write!(w, ",{nl}{i3}\"id\":{sp}")?;
        string(&mut w, r.id)?;
        write!(w, ",{nl}{i3}\"plane\":{sp}\"{}\",{nl}", r.plane.as_str())?;
        let shown: Vec<_> = r
            .lists
            .iter()
            .filter(|(_, items, always)| *always || !items.is_empty())
            .collect();
        for (k, (key, items, _)) in shown.iter().enumerate() {
            list(&mut w, key, items, compact, k + 1 == shown.len())?;
        }
        write!(w, "{i2}}}")?;
    }
    writeln!(w, "{}{i1}]{nl}}}", if roles.is_empty() { "" } else { nl })?;
    w.flush()
}

fn expanded<'a>(cat: &'a Catalog, role: &'a Role, e: &'a Expansion) -> Expanded<'a> {
    let ops = &cat.operations;
    let names = |it: &mut dyn Iterator<Item = usize>| it.map(|i| ops.name(i)).collect::<Vec<_>>();
    // A Cloud PC or Intune role's blocks under a condition grant only under it, as
    // `eval` answers them: what no block without one grants is listed apart (an
    // outside review: the condition was dropped without a word).
    let plain = w365_engine::expand::tenant_outright(cat, role);
    // The Graph names of a plane's permissions, granted outright or only under a
    // condition.
    let graph_names = |cloud: bool, conditional: bool| -> Vec<&str> {
        let (held, plain_held) = if cloud {
            (&e.cloud_pc, plain.as_ref().map(|p| &p.cloud_pc))
        } else {
            (&e.intune, plain.as_ref().map(|p| &p.intune))
        };
        held.iter()
            .filter(|&i| plain_held.is_none_or(|p| p.contains(i)) != conditional)
            .filter_map(|i| {
                if cloud {
                    cat.windows365.permissions.get(i).map(|p| p.graph.as_str())
                } else {
                    cat.intune.permissions.get(i).map(|p| p.graph.as_str())
                }
            })
            .collect()
    };
    let cloud_pc_of = |conditional: bool| graph_names(true, conditional);
    let intune_of = |conditional: bool| graph_names(false, conditional);
    let (cloud_pc, intune) = (cloud_pc_of(false), intune_of(false));
    // Permissions listed above that no current role or table holds (retired), and
    // Cloud PC permissions whose Graph name no source gives (derived by the naming
    // rule): listed apart so that a reader of the lists or their counts knows.
    let (retired_cloud_pc, retired_intune) = w365_engine::observed::retired_held(cat, e);
    let not_current: Vec<&str> = retired_cloud_pc
        .into_iter()
        .map(|p| p.graph.as_str())
        .chain(retired_intune.into_iter().map(|p| p.graph.as_str()))
        .collect();
    let unverified: Vec<&str> = e
        .cloud_pc
        .iter()
        .filter_map(|i| cat.windows365.permissions.get(i))
        .filter(|p| p.graph_name_unverified())
        .map(|p| p.graph.as_str())
        .collect();
    let mut lists = match role.plane() {
        Plane::Azure => vec![
            ("actions", names(&mut e.actions(cat)), true),
            ("dataActions", names(&mut e.data_actions(cat)), true),
            (
                "conditionalActions",
                names(&mut e.conditional_actions(cat)),
                false,
            ),
            (
                "conditionalDataActions",
                names(&mut e.conditional_data_actions(cat)),
                false,
            ),
        ],
        Plane::CloudPc => vec![
            ("actions", cloud_pc, true),
            ("dataActions", Vec::new(), true),
            ("conditionalActions", cloud_pc_of(true), false),
        ],
        Plane::Entra => vec![
            (
                "actions",
                role.entra_actions
                    .iter()
                    .map(|a| a.action.as_str())
                    .collect(),
                true,
            ),
            ("dataActions", Vec::new(), true),
            ("cloudPcPermissions", cloud_pc, false),
            ("intunePermissions", intune, false),
        ],
        Plane::Intune => vec![
            ("actions", intune, true),
            ("dataActions", Vec::new(), true),
            ("conditionalActions", intune_of(true), false),
        ],
    };
    // Exact actions the catalog lists on neither plane: granted by name, as
    // `eval` matches them, so listed apart (review s43 F1: they were dropped).
    let outside = |data: bool, conditional: bool| {
        e.outside
            .iter()
            .filter(move |x| x.data == data && x.conditional == conditional)
            .map(|x| x.name.as_str())
            .collect::<Vec<_>>()
    };
    lists.push(("actionsNotInCatalog", outside(false, false), false));
    lists.push(("dataActionsNotInCatalog", outside(true, false), false));
    lists.push((
        "conditionalNotInCatalog",
        e.outside
            .iter()
            .filter(|x| x.conditional)
            .map(|x| x.name.as_str())
            .collect(),
        false,
    ));
    lists.push(("notCurrent", not_current, false));
    lists.push(("unverifiedGraphNames", unverified, false));
    Expanded {
        role: &role.name,
        id: &role.id,
        plane: role.plane(),
        lists,
    }
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("expand", argv)?;
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
        let roles: Vec<Expanded<'_>> = cat
            .roles
            .iter()
            .zip(ex)
            .map(|(r, e)| expanded(cat, r, e))
            .collect();
        write_roles(&roles, compact)?;
        return Ok(0);
    }
    let names = a.values("role");
    if names.is_empty() && a.value("input").is_none() {
        return Err(Failure::Usage(
            "name roles with `--role NAME_OR_ID` (repeatable), give `--input FILE` (its roles), or use `--all-builtins`".into(),
        ));
    }
    let (supplied, builtins) = super::supplied_with_builtins(cat, a.value("input"))?;
    let set = RoleSet::new(cat, supplied);
    let refs = super::named_or_supplied(&set, &names, &builtins)?;
    let mut roles = Vec::new();
    for r in &refs {
        if let (Some(role), Some(e)) = (set.get(*r), set.expansion(*r)) {
            roles.push(expanded(cat, role, e));
        }
    }
    write_roles(&roles, compact)?;
    Ok(0)
}
