//! `w365-perms explain`: the decisions as prose for a report.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use w365_engine::evaluate::Holding;
use w365_engine::explain;
use w365_engine::readiness::Status;
use w365_engine::text::markdown_code;
use w365_engine::windows365::OperationKind;

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("explain", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    // Checked before the request is read, so a misspelt id is named as such.
    let wanted: Vec<&str> = super::operations(cat, &a.values("operation"))?
        .into_iter()
        .map(|op| op.id.as_str())
        .collect();
    let req = super::request(cat, a.value("input"))?;
    // Written as it is produced: a request of 33,000 queries is never held as one
    // report, nor its 33,000 answers at once.
    let mut out = output::Terminal::new();
    out.put("# Windows 365 permission review\n\n")?;
    if !req.env.assignments.is_empty() {
        out.put("Assignments:\n")?;
        for x in &req.env.assignments {
            if let Some(r) = req.env.roles.get(x.role) {
                // Names and scopes are the user's: written as code spans that close.
                let at = x
                    .scope
                    .as_ref()
                    .map(|s| format!(" at {}", markdown_code(s.as_str())))
                    .unwrap_or_default();
                // Whose it is, when that changes what it counts for.
                let to = || {
                    x.principals
                        .iter()
                        .map(|p| {
                            markdown_code(p.id.as_deref().or(p.name.as_deref()).unwrap_or("?"))
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let whose = match req.env.holding(x) {
                    Holding::Asker => String::new(),
                    Holding::Other => format!(
                        " (assigned to {}, not to the principal asking: not counted)",
                        to()
                    ),
                    Holding::Unknown => format!(
                        " (assigned to {}, which may or may not be the principal asking: counted only conditionally)",
                        to()
                    ),
                };
                out.put(&format!(
                    "- {} {}{at}{whose}\n",
                    r.kind.label(),
                    markdown_code(&r.name)
                ))?;
            }
        }
        out.put("\n")?;
    }
    if !req.queries.is_empty() {
        out.put(explain::DECISIONS_HEADING)?;
        let evaluator = req.env.evaluator();
        for q in &req.queries {
            out.put(&explain::evaluation(q, &evaluator.evaluate(q)))?;
            out.put("\n")?;
        }
    }
    let results = req.env.operations(&req.context);
    let (perms, authored): (Vec<_>, Vec<_>) = results
        .into_iter()
        .partition(|r| r.kind == OperationKind::Permission);
    let selected: Vec<_> = if wanted.is_empty() {
        let mut v = authored;
        if a.flag("all-permissions") {
            v.extend(perms.iter().cloned());
        }
        v
    } else {
        authored
            .into_iter()
            .chain(perms.iter().cloned())
            .filter(|r| wanted.iter().any(|w| w.eq_ignore_ascii_case(&r.id)))
            .collect()
    };
    out.put(&explain::operations(cat, &req.context, &selected))?;
    if wanted.is_empty() && !a.flag("all-permissions") {
        let held: Vec<&str> = perms
            .iter()
            .filter(|r| r.status == Status::Allowed)
            .map(|r| r.id.trim_start_matches("permission:"))
            .collect();
        out.put(&format!(
            "## Cloud PC permissions\n\n{} of {} held{}\n",
            held.len(),
            perms.len(),
            if held.is_empty() {
                ".".to_string()
            } else {
                format!(": {}.", held.join(", "))
            }
        ))?;
    }
    out.finish()?;
    Ok(0)
}
