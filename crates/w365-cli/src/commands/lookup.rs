//! `grants`, `compare`, `least` and `roles`: looking things up in the catalog.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::compare::compare_roles;
use w365_engine::evaluate::{catalog_plane, detect_plane};
use w365_engine::least;
use w365_engine::observed;
use w365_engine::reverse::{
    pattern_plane, who_covers, who_grants, who_grants_pattern, Coverage, Grant,
};
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::{ActionPattern, Plane, RoleKind};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GrantsOut<'a> {
    action: &'a str,
    data_action: bool,
    grants: Vec<Grant>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    coverage: Vec<Coverage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

/// `grants ACTION`: which roles grant an action; for a pattern, which roles grant
/// every catalog entry it matches (`coverage`: how many of them each built-in
/// Azure role grants).
pub fn grants(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("grants", argv)?;
    a.at_most(1)?;
    let action = a
        .one("action", true)?
        .ok_or_else(|| Failure::Usage("name the action: `w365-perms grants ACTION`".into()))?;
    if action.trim().is_empty() {
        // As `eval` refuses an empty action: `*` would match the empty text.
        return Err(Failure::Input(
            "the action is empty: name one, e.g. `w365-perms grants Microsoft.Compute/virtualMachines/read`".into(),
        ));
    }
    // As `eval` refuses a query's action padded with whitespace (review F1 L8).
    if let Some(why) = w365_engine::evaluate::padded_action(action) {
        return Err(Failure::Input(why));
    }
    let cat = output::catalog()?;
    let set = RoleSet::new(cat, super::supplied_roles(cat, a.value("input"))?);
    let stated = a.flag("data-action");
    let pattern = if action.contains('*') {
        Some(ActionPattern::new(action).map_err(|e| Failure::Input(e.to_string()))?)
    } else {
        None
    };
    // The plane the operations catalog knows the name (or what the pattern matches)
    // on, when only one; it decides the plane when `--data-action` does not say.
    let known = match (&pattern, detect_plane(cat, action)) {
        (_, plane) if plane != Plane::Azure => None,
        (Some(p), _) => pattern_plane(cat, p),
        (None, _) => catalog_plane(cat, action),
    };
    let what = if pattern.is_some() {
        "matches only data actions"
    } else {
        "is a data action"
    };
    let mut notes = Vec::new();
    let data = stated || known == Some(true);
    if !stated && data {
        notes.push(format!(
            "`{action}` {what} in the operations catalog and `--data-action` was not given: it is looked up as a data action, which only DataActions grant; control-plane access (Actions, even `*`) does not reach the data plane"
        ));
    }
    // A name on both planes is looked up on the control plane unless the flag
    // says otherwise; which one is said, as for a data action (review F1 L3).
    if !stated && pattern.is_none() && w365_engine::evaluate::on_both_planes(cat, action) {
        notes.push(format!(
            "`{action}` is both a control-plane action and a data action in the operations catalog and `--data-action` was not given: it is looked up as a control-plane action, which only Actions grant; pass `--data-action` for the data action, which only DataActions grant"
        ));
    }
    if stated && known == Some(false) {
        notes.push(format!(
            "`{action}` {} in the operations catalog, not a data action: with `--data-action` only DataActions are read (leave the flag out to look it up on the control plane)",
            if pattern.is_some() {
                "matches only control-plane actions"
            } else {
                "is a control-plane action"
            }
        ));
    }
    // A pattern that matches Intune permissions and Azure operations of the
    // Microsoft.Intune provider (`Microsoft.Intune/*`) is answered on the Intune
    // plane; the Azure ones are said (a re-check review).
    if let Some(p) = &pattern {
        let azure = w365_engine::evaluate::azure_intune_matches(cat, p);
        if detect_plane(cat, action) == Plane::Intune && !azure.is_empty() {
            notes.push(format!(
                "`{action}` also matches {} Azure Resource Manager operation(s) of the Microsoft.Intune provider ({}): it is answered here for Intune permissions; ask about those by name for the Azure roles that grant them",
                azure.len(),
                azure.iter().take(3).map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    let directory = pattern
        .is_none()
        .then(|| w365_engine::reverse::directory_reading(&set, action))
        .flatten();
    let (grants, coverage) = if let Some(p) = &pattern {
        let found = who_grants_pattern(&set, p, data);
        match found.plane {
            Plane::Entra => {
                return Err(Failure::Input(format!(
                    "`{action}` is a pattern of Microsoft Entra resource actions, which take no `*` and have no catalog here: name one action"
                )))
            }
            _ if found.matched == 0 => notes.push(format!(
                "`{action}` matches no {} in the bundled catalog, so no role is listed as granting it (a role with `*` or a prefix of it would grant such operations if a provider adds them)",
                match found.plane {
                    Plane::CloudPc => "Cloud PC permission",
                    Plane::Intune => "Intune permission",
                    _ if data => "data action",
                    _ => "control-plane operation",
                }
            )),
            _ => {}
        }
        let coverage = if found.plane == Plane::Azure {
            who_covers(cat, p, data)
        } else {
            Vec::new()
        };
        (found.grants, coverage)
    } else if let Some((directory, grants)) = &directory {
        notes.push(format!(
            "`{action}` names no provider namespace, so it is no Azure operation (only `*` would match its text): read as the Microsoft Entra directory permission `{directory}`"
        ));
        (grants.clone(), Vec::new())
    } else {
        (who_grants(&set, action, data), Vec::new())
    };
    if pattern.is_none() && directory.is_none() {
        let azure = detect_plane(cat, action) == Plane::Azure;
        if azure
            && cat.operations.find(action, false).is_none()
            && cat.operations.find(action, true).is_none()
        {
            let hint = w365_engine::fuzzy::suggest_operation(cat, action, data)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            notes.push(format!(
                "`{action}` is not in the operations catalog{hint}: the roles listed match its text through wildcards (such as `*/read`), which says nothing about an operation that exists"
            ));
        }
        if detect_plane(cat, action) == Plane::CloudPc {
            notes.extend(w365_engine::observed::no_such_cloud_pc_permission(
                cat, action,
            ));
        }
        notes.extend(w365_engine::observed::not_current(cat, action));
        // The roles listed hold it, but assigning one is not how it is obtained
        // (review F1 L9).
        notes.extend(w365_engine::least::elevation(action));
    }
    output::json(
        &GrantsOut {
            action,
            data_action: data,
            grants,
            coverage,
            notes,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CompareOut {
    #[serde(flatten)]
    comparison: w365_engine::compare::Comparison,
    counts: Vec<Counts>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    timelines: Vec<w365_engine::observed::Timeline>,
    /// Caveats: wildcards that differ between the roles; retired permissions
    /// counted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Counts {
    role: String,
    total: usize,
    only: usize,
    cloud_pc_total: usize,
    cloud_pc_only: usize,
    intune_total: usize,
    intune_only: usize,
    not_current: usize,
}

/// `NAME@YYYY-MM-DD`: a built-in role as Graph returned it on that date.
pub(super) fn dated(reference: &str) -> Option<(&str, &str)> {
    let (name, date) = reference.rsplit_once('@')?;
    (date.len() == 10 && date.as_bytes().get(4) == Some(&b'-')).then_some((name.trim(), date))
}

/// `compare --role A --role B`: effective operations side by side; `NAME@DATE`
/// compares a built-in Cloud PC or Intune role as it was on that date.
pub fn compare(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("compare", argv)?;
    a.at_most(0)?;
    let names = a.values("role");
    if names.len() < 2 {
        return Err(Failure::Usage(
            "compare needs at least two `--role NAME_OR_ID` (or `NAME@YYYY-MM-DD`)".into(),
        ));
    }
    let cat = output::catalog()?;
    let mut custom = super::supplied_roles(cat, a.value("input"))?;
    let supplied = custom.len();
    // Plain names resolve among the built-in and supplied roles only, never to a
    // dated version that shares the name.
    let plain = RoleSet::new(cat, custom.clone());
    let mut versions = Vec::new();
    for n in &names {
        if let Some((name, date)) = dated(n) {
            let v = observed::version_as_of(cat, name, date)
                .map_err(|e| Failure::Input(e.to_string()))?;
            versions.push((n.to_string(), custom.len()));
            custom.push(v);
        }
    }
    let set = RoleSet::new(cat, custom);
    let mut labels = Vec::new();
    let mut ex = Vec::new();
    let mut shown: Vec<&w365_engine::Role> = Vec::new();
    let mut timelines: Vec<observed::Timeline> = Vec::new();
    for n in &names {
        let r = match versions.iter().find(|(label, _)| label == n) {
            Some((_, i)) => RoleRef::Custom(*i),
            None => plain
                .resolve(n)
                .map_err(|e| Failure::Input(e.to_string()))?,
        };
        let (Some(role), Some(e)) = (set.get(r), set.expansion(r)) else {
            continue;
        };
        labels.push(match &role.version_date {
            Some(d) if matches!(r, RoleRef::Custom(i) if i >= supplied) => {
                format!("{} @ {d}", role.name)
            }
            _ => role.name.clone(),
        });
        ex.push(e);
        shown.push(role);
        if role.kind.is_builtin() || role.version_date.is_some() {
            if let Ok(t) = observed::timeline(cat, &role.name) {
                if !timelines.iter().any(|x| x.role == t.role) {
                    timelines.push(t);
                }
            }
        }
    }
    let compared: Vec<&w365_engine::Role> = names
        .iter()
        .filter_map(|n| match versions.iter().find(|(label, _)| label == n) {
            Some((_, i)) => set.get(RoleRef::Custom(*i)),
            None => plain.resolve(n).ok().and_then(|r| set.get(r)),
        })
        .collect();
    let mut comparison = compare_roles(cat, &labels, &shown, &ex);
    w365_engine::compare::note_listed(cat, &mut comparison, &shown);
    // A date past the capture's last day shows that last day's actions: said, as
    // `timeline --as-of` says it (review L2).
    let mut late: Vec<&str> = Vec::new();
    for d in names.iter().filter_map(|n| dated(n).map(|(_, d)| d)) {
        if !late.contains(&d) {
            late.push(d);
        }
    }
    let notes: Vec<String> = w365_engine::compare::wildcard_caveat(cat, &compared)
        .into_iter()
        .chain(w365_engine::compare::retired_caveat(&comparison))
        .chain(w365_engine::compare::outside_caveat(&comparison))
        .chain(w365_engine::compare::entra_subentity_caveat(
            &comparison,
            &shown,
        ))
        .chain(late.iter().filter_map(|d| observed::after_capture(cat, d)))
        .chain(w365_engine::compare::condition_caveat(&shown))
        .collect();
    let counts = labels
        .iter()
        .enumerate()
        .map(|(i, l)| Counts {
            role: l.clone(),
            total: comparison.totals.get(i).map(|t| t.0).unwrap_or(0),
            only: comparison.only_azure_count(i),
            cloud_pc_total: comparison.totals.get(i).map(|t| t.1).unwrap_or(0),
            cloud_pc_only: comparison.only_cloud_pc.get(i).map(Vec::len).unwrap_or(0),
            intune_total: comparison.intune_totals.get(i).copied().unwrap_or(0),
            intune_only: comparison.only_intune.get(i).map(Vec::len).unwrap_or(0),
            not_current: comparison.not_current.get(i).map(Vec::len).unwrap_or(0),
        })
        .collect();
    output::json(
        &CompareOut {
            comparison,
            counts,
            timelines,
            notes,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}

/// `least`: least privilege for actions or for a Windows 365 operation, with the
/// minimal custom role (`--exact`: no wildcard; `--scope`: its assignable scopes;
/// `--name`: its name).
pub fn least(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("least", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let compact = a.flag("compact");
    // A padded or blank scope is refused, as `eval` refuses it and as a padded
    // `--action` is (outside review of 2026-12-06: it was written into the role,
    // and only `lintClean: false` said anything; a blank one let roles assignable
    // only elsewhere through).
    let padded: Vec<String> = a
        .values("scope")
        .into_iter()
        .filter(|s| s.trim() != *s || s.is_empty())
        .map(|s| {
            if s.trim().is_empty() {
                "`--scope`: the scope is empty".to_string()
            } else {
                format!(
                    "`--scope`: the scope `{s}` has whitespace before or after it: write `{}`",
                    s.trim()
                )
            }
        })
        .collect();
    if !padded.is_empty() {
        return Err(Failure::Input(padded.join("; ")));
    }
    // A scope that is no scope at all is refused too (an outside review: `--scope
    // 'not a scope'` was written into the role, and only `lintClean: false` said so).
    let unreadable: Vec<String> = a
        .values("scope")
        .into_iter()
        .filter_map(|s| {
            w365_engine::scope::Scope::parse(s)
                .err()
                .map(|e| format!("`--scope`: {e}"))
        })
        .collect();
    if !unreadable.is_empty() {
        return Err(Failure::Input(unreadable.join("; ")));
    }
    // A blank or padded name is refused as a blank or padded scope is (an outside
    // review: `--name ""` fell back to the default name without a word, and
    // `--name "  x  "` was written padded).
    if let Some(n) = a.value("name") {
        if n.trim().is_empty() {
            return Err(Failure::Usage(
                "`--name` is blank: give the role a name, or leave `--name` out for the default"
                    .into(),
            ));
        }
        if n != n.trim() {
            return Err(Failure::Input(format!(
                "`--name`: `{n}` has spaces around it; Azure keeps a role name as written, so write it without them"
            )));
        }
    }
    let options = least::MinimalOptions {
        name: a.value("name").map(str::to_string),
        assignable_scopes: a.values("scope").into_iter().map(str::to_string).collect(),
        exact_only: a.flag("exact"),
    };
    if let Some(id) = a.one("operation", false)? {
        // One question at a time: the actions would be dropped without a word
        // (outside review of 2026-12-06).
        if !a.values("action").is_empty() || !a.values("data-action").is_empty() {
            return Err(Failure::Usage(
                "`--operation` asks for one Windows 365 operation's least privilege; `--action` and `--data-action` ask for a set of actions: give one or the other".into(),
            ));
        }
        let op = super::operation(cat, id)?;
        let plan = least::for_operation_with(cat, op, &options);
        // `--name` names every part; `--scope` is the Azure part's alone, and an
        // operation without one has nowhere to put it (review H1 M1).
        if !options.assignable_scopes.is_empty() && plan.minimal.azure.is_none() {
            return Err(Failure::Usage(format!(
                "`--scope` sets the assignable scopes of the minimal Azure custom role, and `{}` needs none: its Cloud PC and Intune roles have no assignable scopes (their scope is chosen when they are assigned); leave `--scope` out",
                op.id
            )));
        }
        output::json(&plan, compact)?;
        return Ok(0);
    }
    let mut actions: Vec<(String, bool)> = a
        .values("action")
        .into_iter()
        .map(|s| (s.to_string(), false))
        .collect();
    actions.extend(
        a.values("data-action")
            .into_iter()
            .map(|s| (s.to_string(), true)),
    );
    if actions.is_empty() {
        return Err(Failure::Usage(
            "give `--action A` (repeatable), `--data-action D`, or `--operation ID`".into(),
        ));
    }
    // An empty or whitespace-padded action is refused, every one named, as `eval`
    // refuses them (review F1 L8), instead of being left out as unknown.
    let refused: Vec<String> = actions
        .iter()
        .filter_map(|(action, data)| {
            let option = if *data { "--data-action" } else { "--action" };
            let why = if action.trim().is_empty() {
                Some("the action is empty".to_string())
            } else {
                w365_engine::evaluate::padded_action(action)
            };
            why.map(|why| format!("`{option}`: {why}"))
        })
        .collect();
    if !refused.is_empty() {
        return Err(Failure::Input(refused.join("; ")));
    }
    let plan = least::for_actions_with(cat, &actions, &options);
    // A Cloud PC or Intune permission is no Azure operation, but it is no typo
    // either: say where it is answered (review L1).
    let hints: Vec<String> = plan
        .unknown
        .iter()
        .filter_map(|a| other_plane(cat, a))
        .collect();
    if plan.requested == 0 {
        // Not a typo when built-in roles grant it by name (review s43); asked
        // alone, such an action is answered (a later review: it was refused).
        if let Some(note) = plan
            .notes
            .iter()
            .find(|n| n.contains("its name matched as text"))
        {
            return Err(Failure::Input(format!(
                "no requested action is in the operations catalog ({}), which `least` ranks roles by; {} (`grants` lists the roles that grant it)",
                plan.unknown.join(", "),
                note.split(": a single role").next().unwrap_or(note)
            )));
        }
        return Err(Failure::Input(if hints.is_empty() {
            format!(
                "no requested action is in the operations catalog ({}): nothing to grant; check the spelling, or use `grants` for what matches",
                plan.unknown.join(", ")
            )
        } else {
            format!(
                "no requested action is in the Azure operations catalog ({}): {}",
                plan.unknown.join(", "),
                hints.join("; ")
            )
        }));
    }
    for h in &hints {
        output::stderr_line(&format!("w365-perms: note: {h}"));
    }
    for a in &plan.as_data_actions {
        output::stderr_line(&format!(
            "w365-perms: note: `{a}` is known to the operations catalog only as a data action: taken as one (asDataActions)"
        ));
    }
    for a in &plan.as_actions {
        output::stderr_line(&format!(
            "w365-perms: note: `{a}` is a control-plane action in the operations catalog, not a data action: taken as one (asActions)"
        ));
    }
    for a in &plan.unknown {
        output::stderr_line(&if plan.named_not_in_catalog.contains(a) {
            format!("w365-perms least: warning: `{a}` is not in the operations catalog, but built-in roles name it: the minimal role holds it by name (namedNotInCatalog)")
        } else {
            format!("w365-perms least: warning: `{a}` is not in the operations catalog: left out of the minimal role (unknown)")
        });
    }
    output::json(&plan, compact)?;
    Ok(0)
}

/// Where `least` answers a name that is a Cloud PC or Intune permission rather than
/// an Azure operation: `--operation permission:<name>` for a Cloud PC permission
/// (`grants` knows both), `grants` for an Intune one.
fn other_plane(cat: &w365_engine::Catalog, action: &str) -> Option<String> {
    if let Some((_, p)) = cat.windows365.permission(action) {
        // Only a permission of the table is an operation `least --operation` knows
        // (a re-check review: an observed-only or retired one was sent to a
        // command that refuses it).
        let operation = format!("permission:{}", p.name);
        if p.legacy {
            return Some(format!(
                "`{action}` is the Cloud PC permission `{}`, which is not a current one: no role holds it now, so there is no role to build (`grants {action}` says why)",
                p.name
            ));
        }
        return Some(if cat.windows365.operation(&operation).is_some() {
            format!(
                "`{action}` is the Cloud PC permission `{}`, granted by Cloud PC or Microsoft Entra roles, not an Azure operation: ask `least --operation \"{operation}\"` (and `grants {action}` for the roles that hold it)",
                p.name
            )
        } else {
            format!(
                "`{action}` is the Cloud PC permission `{}`, granted by Cloud PC or Microsoft Entra roles, not an Azure operation: `grants {action}` lists the roles that hold it (Graph returns it in built-in roles; the permission table, whose permissions `least --operation` takes, does not list it)",
                p.name
            )
        });
    }
    if cat.intune.permission(action).is_some() {
        return Some(format!(
            "`{action}` is an Intune permission, granted by Intune or Microsoft Entra roles, not an Azure operation: `grants {action}` lists the roles that hold it"
        ));
    }
    // An Entra resource action (a second review: "check the spelling").
    (detect_plane(cat, action) == Plane::Entra).then(|| {
        format!(
            "`{action}` is a Microsoft Entra resource action, held by Microsoft Entra roles, not an Azure operation: `least` builds Azure roles; `grants {action}` lists the Entra roles that hold it"
        )
    })
    .or_else(|| {
        // A directory permission without its `microsoft.directory/` (an outside
        // review: "check the spelling").
        let set = RoleSet::new(cat, Vec::new());
        w365_engine::reverse::directory_reading(&set, action).map(|(d, _)| {
            format!(
                "`{action}` names no provider namespace, so it is no Azure operation; as the Microsoft Entra directory permission `{d}` it is held by Microsoft Entra roles: `least` builds Azure roles; `grants {action}` lists the Entra roles that hold it"
            )
        })
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed<'a> {
    name: &'a str,
    id: &'a str,
    /// Set when `id` is not Microsoft's ([`w365_engine::model::Role::id_note`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    id_note: Option<&'static str>,
    kind: RoleKind,
    plane: Plane,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    description: &'a str,
}

#[derive(Serialize)]
struct RolesOut<'a> {
    roles: Vec<Listed<'a>>,
}

/// `roles`: list the bundled roles.
pub fn roles(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("roles", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let plane = match a.value("plane") {
        Some(p) => Some(Plane::parse(p).ok_or_else(|| {
            Failure::Usage(format!(
                "unknown plane `{p}` (expected azure, cloudPc, intune or entra)"
            ))
        })?),
        None => None,
    };
    // As the app's roles search finds and ranks them (CLI review of 2026-12-06: an
    // alphabetical list of name or description matches, the help saying "name").
    let set = w365_engine::roleset::RoleSet::new(cat, Vec::new());
    let filter = w365_engine::search::RoleFilter {
        plane,
        ..Default::default()
    };
    let hits = w365_engine::search::roles(&set, a.value("search").unwrap_or_default(), &filter);
    let roles = hits
        .iter()
        .filter_map(|h| set.get(h.role))
        .map(|r| Listed {
            name: &r.name,
            id: &r.id,
            id_note: r.id_note(),
            kind: r.kind,
            plane: r.plane(),
            category: r.category.as_deref(),
            description: &r.description,
        })
        .collect();
    output::json(&RolesOut { roles }, a.flag("compact"))?;
    Ok(0)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnablesOut<'a> {
    operation: &'a str,
    name: &'a str,
    roles: Vec<w365_engine::readiness::Enabler>,
}

/// `enables ID`: built-in roles that enable a Windows 365 operation on their own.
pub fn enables(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("enables", argv)?;
    a.at_most(1)?;
    let id = a
        .one("operation", true)?
        .ok_or_else(|| Failure::Usage("name the operation: `w365-perms enables ID`".into()))?;
    let cat = output::catalog()?;
    let op = super::operation(cat, id)?;
    let roles = w365_engine::readiness::enablers(cat, op);
    output::json(
        &EnablesOut {
            operation: &op.id,
            name: &op.name,
            roles,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}
