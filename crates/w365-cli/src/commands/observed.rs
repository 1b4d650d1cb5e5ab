//! `timeline` and `disagreements`: the built-in roles as Microsoft Graph returned
//! them, their dated changes, and where the seed's permission table disagrees.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::observed;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AsOf<'a> {
    role: &'a str,
    date: &'a str,
    count: usize,
    /// For a date after the capture's last day: the record ends then.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    actions: Vec<String>,
}

/// `timeline --role NAME [--as-of DATE]`: what was added or removed on which date;
/// with `--as-of`, the role's actions at the end of that day.
pub fn timeline(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("timeline", argv)?;
    a.at_most(1)?;
    let role = a
        .one("role", true)?
        .ok_or_else(|| Failure::Usage("name the role: `w365-perms timeline --role NAME`".into()))?;
    // `NAME@DATE`, as `compare` takes a dated version: said how `timeline` asks
    // it (an outside review: "unknown role" and nothing more).
    if let Some((name, date)) = super::lookup::dated(role) {
        return Err(Failure::Usage(format!(
            "`timeline` takes a role's name; for `{name}` as it was on {date}, give `--role \"{name}\" --as-of {date}`"
        )));
    }
    let cat = output::catalog()?;
    let compact = a.flag("compact");
    match a.value("as-of") {
        Some(date) => {
            let v = observed::version_as_of(cat, role, date)
                .map_err(|e| Failure::Input(e.to_string()))?;
            let actions: Vec<String> = v
                .blocks
                .iter()
                .flat_map(|b| b.actions.iter().map(|p| p.as_str().to_string()))
                .collect();
            let note = observed::after_capture(cat, date);
            if let Some(n) = &note {
                output::stderr_line(&format!("w365-perms: note: {n}"));
            }
            output::json(
                &AsOf {
                    role: &v.name,
                    date,
                    count: actions.len(),
                    note,
                    actions,
                },
                compact,
            )?;
        }
        None => {
            let t = observed::timeline(cat, role).map_err(|e| Failure::Input(e.to_string()))?;
            output::json(&t, compact)?;
        }
    }
    Ok(0)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DisagreementsOut {
    #[serde(flatten)]
    disagreements: observed::Disagreements,
    evidence: Vec<observed::EvidenceReport>,
}

/// `disagreements`: the seed's custom-role table against the observed built-in roles,
/// and the earlier model of the two Cloud PC roles against what Graph returns.
pub fn disagreements(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("disagreements", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let evidence = ["Cloud PC Administrator", "Cloud PC Reader"]
        .iter()
        .filter_map(|r| observed::evidence(cat, r))
        .collect();
    output::json(
        &DisagreementsOut {
            disagreements: observed::disagreements(cat),
            evidence,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}
