//! A [`Report`] written as Markdown or as one self-contained HTML page (no
//! script, no request elsewhere; a print stylesheet without a fixed page size, so
//! it prints on A4 and Letter alike, with headings kept with what follows and
//! table rows never split).

use super::Report;
use crate::readiness::Status;
use crate::text::markdown_code as code;
use crate::windows365::OperationKind;
use std::fmt::Write;

/// One table: header and rows of cells (plain text; each writer escapes).
struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// A section: heading, paragraphs, bullet list, tables.
struct Section {
    heading: String,
    paragraphs: Vec<String>,
    bullets: Vec<String>,
    tables: Vec<Table>,
    /// Printed small (the list of sources at the end).
    small: bool,
}

impl Section {
    fn new(heading: &str) -> Section {
        Section {
            heading: heading.to_string(),
            paragraphs: Vec::new(),
            bullets: Vec::new(),
            tables: Vec::new(),
            small: false,
        }
    }
}

/// Columns whose cells are names as users wrote them (principals, roles): shown as
/// text whatever they hold, backticks included (review B F14: a principal named
/// with backticks became a code span), where other cells read backticks as code.
fn is_literal(head: &str) -> bool {
    // Columns of names as the exports give them, with no code spans of the
    // engine's (an outside review: a role named with backticks opened one in
    // "Roles held" and "Through").
    matches!(
        head,
        "Principal" | "Role" | "Roles held" | "Through" | "Deny assignment" | "Role as exported"
    )
}

fn more(shown: usize, total: usize) -> String {
    if total > shown {
        format!(" (and {} more)", total - shown)
    } else {
        String::new()
    }
}

/// The sections, in order, shared by both writers.
fn sections(r: &Report) -> Vec<Section> {
    let mut out = Vec::new();

    let mut s = Section::new("What was reviewed");
    s.bullets = r.reviewed.clone();
    if !r.inputs.is_empty() {
        s.paragraphs.push(format!("Input: {}", r.inputs.join(", ")));
    }
    out.push(s);

    let mut s = Section::new("Data date and sources");
    s.paragraphs.push(format!(
        "Bundled data of {}; operations from {}. The review ran offline: nothing was read from a tenant. The {} sources of the bundled data are listed at the end.",
        r.data.data_date,
        r.data.operations_source,
        r.data.sources.len()
    ));
    out.push(s);

    if let Some(t) = &r.tenant {
        let mut s = Section::new("Tenant summary");
        let m = &t.summary;
        s.paragraphs.push(format!(
            "{} principal(s), {} assignment(s) {}, {} custom role(s). {} principal(s) can escalate; {} can do at least one Windows 365 operation.{}{}",
            m.principals, m.assignments, m.distinct_note(), m.custom_roles, m.can_escalate, m.windows365_admins,
            if m.groups > 0 {
                format!(" {} of the principals are groups: what a group holds reaches each of its members too, and a user's row shows only what is assigned to that user (group membership is not an input), so it is a lower bound.", m.groups)
            } else {
                String::new()
            },
            if m.eligible > 0 {
                format!(" {} principal(s) are eligible for roles through PIM ({} eligibilit{}), which they hold only once they activate them: counted nowhere above or below, listed under \"Eligible roles (PIM)\".", m.eligible_principals, m.eligible, if m.eligible == 1 { "y" } else { "ies" })
            } else {
                String::new()
            }
        ));
        s.tables.push(Table {
            head: vec!["Most serious risk", "Principals"],
            rows: m
                .by_level
                .iter()
                .map(|l| vec![l.level.to_string(), l.principals.to_string()])
                .collect(),
        });
        s.tables.push(Table {
            head: vec!["Flag", "Category", "Principals"],
            rows: m
                .by_flag
                .iter()
                .map(|f| {
                    vec![
                        f.flag.clone(),
                        f.category.label().to_string(),
                        f.principals.to_string(),
                    ]
                })
                .collect(),
        });
        if !m.unused_custom_roles.is_empty() {
            s.bullets.push(format!(
                "Custom roles no assignment uses: {}",
                m.unused_custom_roles.join(", ")
            ));
        }
        if !m.never_reach_windows365.is_empty() {
            s.bullets.push(format!(
                "Roles assigned that satisfy no part of any Windows 365 operation's requirement and cannot grant a role that does: {}",
                m.never_reach_windows365.join(", ")
            ));
        }
        if !m.windows365_service_roles.is_empty() {
            s.bullets.push(format!(
                "Roles held by the Windows 365 service for its Azure network connections, custom images or reviews (Windows 365 gives them to its own app; removing them breaks those): {}",
                m.windows365_service_roles.join(", ")
            ));
        }
        out.push(s);

        if !m.deny_assignments.is_empty() {
            let mut s = Section::new("Deny assignments");
            s.paragraphs.push(format!(
                "{} deny assignment(s) applied per principal at each of their scopes a deny reaches: {} principal(s) have operations removed or made conditional (counted as conditional when whether the deny blocks cannot be decided offline); the escalation table and the Windows 365 operations count what is left. The Azure section counts what the assigned roles give, before deny assignments.{}",
                m.deny_assignments.len(),
                m.principals_affected_by_denies,
                if t.denied.is_empty() {
                    String::new()
                } else {
                    format!(
                        " The second table lists {}{}, with what each deny takes at the scope of theirs where it takes most.",
                        t.denied.len(),
                        more(t.denied.len(), m.principals_affected_by_denies)
                    )
                }
            ));
            s.tables.push(Table {
                head: vec![
                    "Deny assignment",
                    "Scope",
                    "For",
                    "Operations denied",
                    "Principals it removes operations from",
                    "Principals it makes operations conditional for",
                ],
                rows: m
                    .deny_assignments
                    .iter()
                    .map(|d| {
                        vec![
                            d.name.clone(),
                            format!(
                                "{}{}",
                                d.scope,
                                if d.this_scope_only {
                                    " (this scope only)"
                                } else {
                                    ""
                                }
                            ),
                            d.whom.clone(),
                            if d.conditional_operations > 0 {
                                format!(
                                    "{}{} (and {}{} under its condition)",
                                    d.operations,
                                    crate::text::of_them_data(d.operations, d.data_actions),
                                    d.conditional_operations,
                                    crate::text::of_them_data(
                                        d.conditional_operations,
                                        d.conditional_data_actions
                                    )
                                )
                            } else {
                                format!(
                                    "{}{}",
                                    d.operations,
                                    crate::text::of_them_data(d.operations, d.data_actions)
                                )
                            },
                            d.principals.to_string(),
                            d.conditional_principals.to_string(),
                        ]
                    })
                    .collect(),
            });
            if !t.denied.is_empty() {
                s.tables.push(Table {
                    head: vec!["Principal", "Type", "What deny assignments take"],
                    rows: t
                        .denied
                        .iter()
                        .map(|p| vec![p.principal.clone(), p.kind.clone(), p.denies.join("; ")])
                        .collect(),
                });
            }
            out.push(s);
        }

        let mut s = Section::new("Principals");
        if t.principals.is_empty() {
            s.paragraphs.push("None.".into());
        } else {
            s.paragraphs.push(format!(
                "Each principal, most serious first: the roles assigned to it where, the Windows 365 tasks they allow, and its assignments that could not be reviewed. {} listed{}.",
                t.principals.len(),
                more(t.principals.len(), t.summary.principals)
            ));
            s.tables.push(Table {
                head: vec![
                    "Principal",
                    "Type",
                    "Level",
                    "Roles held",
                    "Windows 365 tasks",
                    "Not reviewed",
                ],
                rows: t
                    .principals
                    .iter()
                    .map(|p| {
                        vec![
                            match &p.id {
                                Some(id) if *id != p.principal => format!("{} ({id})", p.principal),
                                _ => p.principal.clone(),
                            },
                            p.kind.clone(),
                            p.level.to_string(),
                            if p.roles.is_empty() {
                                "none".to_string()
                            } else {
                                p.roles.join("; ")
                            },
                            if p.windows365.is_empty() {
                                "none".to_string()
                            } else {
                                p.windows365.join("; ")
                            },
                            if p.unresolved.is_empty() {
                                "none".to_string()
                            } else {
                                p.unresolved.join("; ")
                            },
                        ]
                    })
                    .collect(),
            });
        }
        out.push(s);

        if !t.unresolved.is_empty() {
            let mut s = Section::new("Assignments not reviewed");
            s.paragraphs.push(format!(
                "{} assignment(s) could not be reviewed and are counted in no operation, flag or level above (their principals' level is `unresolved` when nothing more serious is known). Supply the missing role definitions (`az role definition list --custom-role-only -o json`, the Graph `roleDefinitions` page) or fix the scope, then review again.",
                t.summary.skipped_assignments
            ));
            s.tables.push(Table {
                head: vec!["Role as exported", "Assignments", "First at", "Why"],
                rows: t
                    .unresolved
                    .iter()
                    .map(|u| {
                        vec![
                            u.role.clone(),
                            u.count.to_string(),
                            u.path.clone(),
                            u.why.clone(),
                        ]
                    })
                    .collect(),
            });
            out.push(s);
        }

        let mut s = Section::new("Principals who can escalate");
        if t.escalation.is_empty() {
            s.paragraphs.push("None.".into());
        } else {
            s.tables.push(Table {
                head: vec!["Principal", "Type", "Level", "Through"],
                rows: t
                    .escalation
                    .iter()
                    .map(|p| {
                        vec![
                            p.principal.clone(),
                            p.kind.clone(),
                            p.level.map(|l| l.as_str()).unwrap_or("-").to_string(),
                            p.flags.join("; "),
                        ]
                    })
                    .collect(),
            });
            s.paragraphs.push(format!(
                "{} listed{}.",
                t.escalation.len(),
                more(t.escalation.len(), t.summary.can_escalate)
            ));
        }
        out.push(s);
    }

    if let Some(t) = r.tenant.as_ref().filter(|t| !t.eligible.is_empty()) {
        let mut s = Section::new("Eligible roles (PIM)");
        s.paragraphs.push(format!(
            "An eligible role grants nothing until the principal activates it (Privileged Identity Management), so these are not counted in the summary, the escalation table or the operations; each is shown with where, until when, and the level of its most serious risk note once activated. {} listed{}.",
            t.eligible.len(),
            more(t.eligible.len(), t.summary.eligible_principals)
        ));
        s.tables.push(Table {
            head: vec!["Principal", "Type", "Eligible for"],
            rows: t
                .eligible
                .iter()
                .map(|p| vec![p.principal.clone(), p.kind.clone(), p.roles.join("; ")])
                .collect(),
        });
        out.push(s);
    }

    let mut s = Section::new("Windows 365 operations");
    let is_task = |o: &&super::OperationLine| o.kind == OperationKind::Task;
    let enabled: Vec<_> = r
        .operations
        .iter()
        .filter(|o| o.status != Status::Denied)
        .collect();
    let tasks: Vec<_> = enabled.iter().filter(|o| is_task(o)).collect();
    let permissions: Vec<_> = enabled.iter().filter(|o| !is_task(o)).collect();
    let denied: Vec<_> = r
        .operations
        .iter()
        .filter(|o| o.status == Status::Denied && is_task(o))
        .collect();
    let (held_blocked, not_held): (Vec<_>, Vec<_>) = r
        .operations
        .iter()
        .filter(|o| o.status == Status::Denied && !is_task(o))
        .partition(|o| o.held_needs_more);
    // Held but still denied by another requirement: said apart, with what they
    // are, not counted as "not held" (an outside review).
    let blocked = if held_blocked.is_empty() {
        String::new()
    } else {
        format!(
            ", {} held but not usable yet, as another requirement is not met ({})",
            held_blocked.len(),
            held_blocked
                .iter()
                .map(|o| o.id.strip_prefix("permission:").unwrap_or(&o.name))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    s.paragraphs.push(format!(
        "Admin tasks: {} enabled (allowed or conditional), {} denied. Cloud PC permissions of the permission table (seed 001; those Graph returns beyond it are not counted here): {} usable (allowed or conditional){blocked}, {} not held.",
        tasks.len(),
        denied.len(),
        permissions.len(),
        not_held.len()
    ));
    let tenant = r.tenant.is_some();
    if !tasks.is_empty() {
        s.tables.push(Table {
            head: if tenant {
                vec!["Admin task", "Group", "Status", "Principals allowed"]
            } else {
                vec!["Admin task", "Group", "Status"]
            },
            rows: tasks
                .iter()
                .map(|o| {
                    let mut row = vec![o.name.clone(), o.group.clone(), o.status.as_str().into()];
                    if tenant {
                        row.push(o.principals.unwrap_or(0).to_string());
                    }
                    row
                })
                .collect(),
        });
    }
    if !denied.is_empty() {
        let names: Vec<&str> = denied.iter().map(|o| o.name.as_str()).collect();
        s.paragraphs
            .push(format!("Denied tasks: {}.", names.join("; ")));
    }
    if !permissions.is_empty() {
        let names: Vec<String> = permissions
            .iter()
            .map(|o| {
                // The permission's own name, from its id: the display name's last
                // parenthesis is not it for `Provisioning Policies (Agents)/Read`
                // (review F2 L1).
                let name = o
                    .id
                    .strip_prefix("permission:")
                    .unwrap_or_else(|| o.group.strip_prefix("Permission: ").unwrap_or(&o.group));
                match (tenant, o.principals) {
                    (true, Some(n)) => format!("{name} ({n})"),
                    _ => name.to_string(),
                }
            })
            .collect();
        s.paragraphs.push(format!(
            "Cloud PC permissions usable{}: {}.",
            if tenant { " (principals)" } else { "" },
            names.join(", ")
        ));
    }
    out.push(s);

    let mut s = Section::new("Azure effective operations");
    let a = &r.azure;
    s.paragraphs.push(format!(
        "{} control-plane and {} data-plane operation(s){}.",
        a.actions,
        a.data_actions,
        match (a.conditional_actions, a.conditional_data_actions) {
            (0, 0) => String::new(),
            (c, 0) => format!(", {c} more control-plane under a condition"),
            (0, d) => format!(", {d} more data-plane under a condition"),
            (c, d) => format!(", {c} more control-plane and {d} data-plane under a condition"),
        }
    ));
    if !a.providers.is_empty() {
        s.tables.push(Table {
            head: vec!["Provider", "Operations"],
            rows: a
                .providers
                .iter()
                .map(|p| vec![p.provider.clone(), p.operations.to_string()])
                .collect(),
        });
    }
    if !a.risky.is_empty() {
        s.tables.push(Table {
            head: vec!["Risky operation", "Flag", "Level", "Role"],
            rows: a
                .risky
                .iter()
                .map(|x| {
                    vec![
                        x.operation.clone(),
                        x.flag.clone(),
                        if x.conditional {
                            format!("{} (under a condition)", x.level.as_str())
                        } else {
                            x.level.as_str().into()
                        },
                        x.role.clone(),
                    ]
                })
                .collect(),
        });
    }
    out.push(s);

    let mut s = Section::new("Lint findings");
    let mut rows = Vec::new();
    for l in &r.lint {
        for d in &l.diagnostics {
            rows.push(vec![
                l.role.clone(),
                d.severity.as_str().into(),
                d.code.into(),
                match &d.help {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message.clone(),
                },
            ]);
        }
    }
    if rows.is_empty() {
        s.paragraphs.push(if r.lint.is_empty() {
            "No custom roles to lint.".into()
        } else {
            "No findings.".into()
        });
    } else {
        s.tables.push(Table {
            head: vec!["Role", "Severity", "Code", "Finding"],
            rows,
        });
    }
    out.push(s);

    let mut s = Section::new("Risk findings");
    let mut rows = Vec::new();
    for x in &r.risks {
        for c in &x.categories {
            for n in &c.notes {
                rows.push(vec![
                    x.role.clone(),
                    n.level.as_str().into(),
                    c.label.clone(),
                    format!("{} ({})", n.message, n.basis),
                ]);
            }
        }
    }
    if rows.is_empty() {
        s.paragraphs.push("No risk findings.".into());
    } else {
        s.tables.push(Table {
            head: vec!["Role", "Level", "Category", "Finding"],
            rows,
        });
    }
    out.push(s);

    let mut s = Section::new("Nearest built-in role");
    if r.nearest.is_empty() {
        s.paragraphs.push("No custom roles.".into());
    }
    for n in &r.nearest {
        s.paragraphs.push(format!(
            "{} is nearest to the built-in {}: {} operation(s) or permission(s) only in the custom role, {} only in the built-in.",
            code(&n.role), code(&n.builtin), n.extra_count, n.missing_count
        ));
        if !n.extra.is_empty() {
            s.bullets.push(format!(
                "Only in {}: {}{}",
                code(&n.role),
                n.extra.join(", "),
                more(n.extra.len(), n.extra_count)
            ));
        }
        if !n.missing.is_empty() {
            s.bullets.push(format!(
                "Only in {}: {}{}",
                code(&n.builtin),
                n.missing.join(", "),
                more(n.missing.len(), n.missing_count)
            ));
        }
    }
    out.push(s);

    let mut s = Section::new("Source conflicts touched");
    if r.conflicts.is_empty() {
        s.paragraphs.push("None.".into());
    } else {
        // A tenant's lines say how many principals meet each set of verdicts.
        let counted = r.conflicts.iter().any(|c| c.principals.is_some());
        let mut head = vec!["Operation", "Disagreement", "Verdicts agree", "Each source"];
        if counted {
            head.push("Principals");
        }
        s.tables.push(Table {
            head,
            rows: r
                .conflicts
                .iter()
                .map(|c| {
                    let mut row = vec![
                        c.operation.clone(),
                        c.topic.clone(),
                        if c.agree { "yes" } else { "no" }.into(),
                        c.positions.join("; "),
                    ];
                    if counted {
                        row.push(c.principals.unwrap_or(0).to_string());
                    }
                    row
                })
                .collect(),
        });
    }
    out.push(s);

    if !r.notes.is_empty() {
        let mut s = Section::new("Notes on the input");
        s.bullets = r.notes.clone();
        out.push(s);
    }
    let mut s = Section::new("Sources of the bundled data");
    s.bullets = r
        .data
        .sources
        .iter()
        .map(|x| x.replace("\\n", " ").replace('\n', " "))
        .collect();
    s.small = true;
    out.push(s);
    out
}

/// The report as Markdown. Every text (role and principal names, lint and risk
/// messages, the title) is written with [`crate::text::markdown`]: what users wrote
/// stays text (no raw HTML, no table broken by `|`, no emphasis or links), and the
/// engine's `code` spans stay code.
pub fn markdown(r: &Report) -> String {
    use crate::text::{markdown as md, markdown_cell};
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&r.title));
    for s in sections(r) {
        let _ = writeln!(o, "## {}\n", md(&s.heading));
        for p in &s.paragraphs {
            let _ = writeln!(o, "{}\n", md(p));
        }
        for b in &s.bullets {
            let _ = writeln!(o, "- {}", md(b));
        }
        if !s.bullets.is_empty() {
            o.push('\n');
        }
        for t in &s.tables {
            let _ = writeln!(o, "| {} |", t.head.join(" | "));
            let _ = writeln!(
                o,
                "|{}|",
                t.head.iter().map(|_| "---").collect::<Vec<_>>().join("|")
            );
            for row in &t.rows {
                let cells: Vec<String> = row
                    .iter()
                    .zip(&t.head)
                    .map(|(c, h)| {
                        if is_literal(h) {
                            crate::text::markdown_literal_cell(c)
                        } else {
                            markdown_cell(c)
                        }
                    })
                    .collect();
                let _ = writeln!(o, "| {} |", cells.join(" | "));
            }
            o.push('\n');
        }
    }
    o.push_str("Reviewed by: ______________________  Date: ____________\n");
    o
}

fn esc(s: &str) -> String {
    crate::text::escape_html(s)
}

/// `code` spans for text in backticks, everything escaped.
fn inline(s: &str) -> String {
    let mut o = String::new();
    for (part, is_code) in crate::text::code_spans(s) {
        if is_code {
            let _ = write!(o, "<code>{}</code>", esc(part));
        } else {
            o.push_str(&esc(part));
        }
    }
    o
}

/// The stylesheet of the HTML report: screen and print (A4 and Letter).
pub const STYLE: &str = "\
body{font:10.5pt/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#111;max-width:60rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem;border-bottom:1px solid #bbb}
table{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.9em}
th,td{border:1px solid #ccc;padding:.15rem .35rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f1f1f1}code{font-size:.92em;overflow-wrap:anywhere}
ul{margin:.3rem 0;padding-left:1.2rem}.sign{margin-top:2rem}.small{font-size:.78em;color:#333}
@page{margin:14mm 12mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}
h2{break-after:avoid;page-break-after:avoid}
tr,li{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
table{break-inside:auto}}
";

/// The report as one HTML page.
pub fn html(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
        esc(&r.title),
        STYLE,
        esc(&r.title)
    );
    for s in sections(r) {
        let _ = writeln!(
            o,
            "<section{}><h2>{}</h2>",
            if s.small { " class=\"small\"" } else { "" },
            esc(&s.heading)
        );
        for p in &s.paragraphs {
            let _ = writeln!(o, "<p>{}</p>", inline(p));
        }
        if !s.bullets.is_empty() {
            o.push_str("<ul>");
            for b in &s.bullets {
                let _ = write!(o, "<li>{}</li>", inline(b));
            }
            o.push_str("</ul>\n");
        }
        for t in &s.tables {
            o.push_str("<table><thead><tr>");
            for h in &t.head {
                let _ = write!(o, "<th>{}</th>", esc(h));
            }
            o.push_str("</tr></thead><tbody>");
            for row in &t.rows {
                o.push_str("<tr>");
                for (c, h) in row.iter().zip(&t.head) {
                    let cell = if is_literal(h) { esc(c) } else { inline(c) };
                    let _ = write!(o, "<td>{cell}</td>");
                }
                o.push_str("</tr>");
            }
            o.push_str("</tbody></table>\n");
        }
        o.push_str("</section>\n");
    }
    o.push_str("<p class=\"sign\">Reviewed by: ______________________ &nbsp; Date: ____________</p>\n</body></html>\n");
    o
}
