//! Decisions as prose a reviewer can paste into a report (Markdown). What users
//! wrote (actions, scopes, role names in the reasons, conditions) is written with
//! [`crate::text::markdown`] and [`crate::text::markdown_code`], so it stays text.

use crate::bundle::Catalog;
use crate::evaluate::{Evaluation, Query, ReasonKind};
use crate::readiness::{Context, OperationResult, Status};
use crate::text::{markdown as md, markdown_code as code};

fn scope_text(q: &Query, e: &Evaluation) -> String {
    match (&q.scope, e.plane) {
        (Some(s), _) => format!(" at {}", code(s.as_str())),
        (None, crate::model::Plane::Azure) => " (at any assigned scope)".into(),
        (None, _) => String::new(),
    }
}

fn slot_label(slot: &str) -> &str {
    crate::windows365::Slot::parse(slot)
        .map(|s| s.label())
        .unwrap_or(slot)
}

/// One query's decision as a paragraph.
pub fn evaluation(q: &Query, e: &Evaluation) -> String {
    let mut out = format!(
        "**{}** {}{}{}: **{}**.\n",
        e.plane.label(),
        code(&e.action),
        if e.data_action { " (data action)" } else { "" },
        scope_text(q, e),
        e.decision.as_str().to_uppercase()
    );
    for r in &e.reasons {
        let lead = match r.kind {
            ReasonKind::Suggestion => "Fix",
            ReasonKind::NotInCatalog => "Note",
            _ => "Because",
        };
        out.push_str(&format!("- {lead}: {}\n", sentence(&md(&r.message))));
        for c in &r.conditions {
            out.push_str(&format!("  - condition: {}\n", code(c)));
        }
    }
    out
}

/// The heading of the decisions' section (for a caller that writes them one by one).
pub const DECISIONS_HEADING: &str = "## Access decisions\n\n";

/// Queries and their decisions as a report section: [`DECISIONS_HEADING`], then
/// each [`evaluation`].
pub fn evaluations(items: &[(Query, Evaluation)]) -> String {
    let mut out = String::from(DECISIONS_HEADING);
    for (q, e) in items {
        out.push_str(&evaluation(q, e));
        out.push('\n');
    }
    out
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Allowed => "ALLOWED",
        Status::Denied => "DENIED",
        Status::Conditional => "CONDITIONAL",
    }
}

fn doc(catalog: &Catalog, id: &str) -> String {
    match catalog.windows365.document(id) {
        Some(d) => format!("{} ({})", d.title, d.date),
        None => id.to_string(),
    }
}

/// One operation as a report section.
pub fn operation(catalog: &Catalog, r: &OperationResult) -> String {
    let mut out = format!("### {}: {}\n\n", md(&r.name), status_word(r.status));
    for reason in &r.reasons {
        out.push_str(&format!("- {}\n", sentence(&md(&reason.message))));
    }
    if !r.missing.is_empty() {
        out.push_str("\nMissing:\n");
        for m in &r.missing {
            out.push_str(&format!(
                "- {} ({} requires it: {})",
                md(&m.requirement),
                md(&doc(catalog, &m.source)),
                quoted(&m.says, m.summary)
            ));
            if let Some(f) = &m.fix {
                out.push_str(&format!(". Least-privileged fix: {}", md(&f.message)));
            }
            out.push_str(".\n");
        }
    }
    for c in &r.conflicts {
        if c.agree {
            continue;
        }
        out.push_str(&format!("\nSources disagree on {}:\n", md(&c.topic)));
        for p in &c.positions {
            out.push_str(&format!(
                "- {}: {} → {}.\n",
                md(&doc(catalog, &p.source)),
                quoted(&p.says, p.summary),
                p.status.as_str()
            ));
        }
    }
    if let Some(s) = &r.service {
        out.push_str(&format!(
            "\nThe Windows 365 service receives ({}: {}):\n",
            md(&s.assignment),
            md(&s.explanation)
        ));
        let grant = |g: &crate::readiness::ServiceRole| -> String {
            format!(
                "- {} on the {} {} ({} operation{})\n",
                md(&g.role),
                slot_label(&g.slot),
                code(&g.scope),
                crate::text::thousands(g.operations),
                if g.operations == 1 { "" } else { "s" }
            )
        };
        for g in &s.receives {
            out.push_str(&grant(g));
        }
        if let Some(cut) = &s.cutoff {
            out.push_str(&format!("For connections created before {cut}:\n"));
            for g in &s.before_cutoff {
                out.push_str(&grant(g));
            }
        }
    }
    if !r.prerequisites.is_empty() {
        out.push_str("\nAlso needed (not checked):\n");
        for p in &r.prerequisites {
            out.push_str(&format!("- {}\n", md(p)));
        }
    }
    if !r.notes.is_empty() {
        out.push_str("\nWhat the sources also say:\n");
        for n in &r.notes {
            out.push_str(&format!("- {}\n", md(n)));
        }
    }
    out.push('\n');
    out
}

/// All operations as a report, allowed and conditional first.
pub fn operations(catalog: &Catalog, ctx: &Context, results: &[OperationResult]) -> String {
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    let mut out = format!(
        "## Windows 365 operations\n\n{} allowed, {} conditional, {} denied. Scopes: subscription {}, resource group {}, virtual network {}{}.\n\n",
        count(Status::Allowed),
        count(Status::Conditional),
        count(Status::Denied),
        code(ctx.subscription.as_str()),
        code(ctx.resource_group.as_str()),
        code(ctx.virtual_network.as_str()),
        if ctx.inferred.is_empty() { String::new() } else { format!(" ({} not given: inferred from the assignments, or a placeholder where none names one)", ctx.inferred.join(", ")) }
    );
    for status in [Status::Allowed, Status::Conditional, Status::Denied] {
        for r in results.iter().filter(|r| r.status == status) {
            out.push_str(&operation(catalog, r));
        }
    }
    out
}

/// A document's words in quotation marks; the app's summary of it marked as one.
fn quoted(says: &str, summary: bool) -> String {
    if summary {
        format!("in summary, {}", md(says))
    } else {
        format!("\"{}\"", md(says))
    }
}

/// A message ended as a sentence: a full stop unless it ends with one, or with a
/// question or exclamation mark ("did you mean `X`?." read badly).
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
