//! The tenant-wide planes: Cloud PC and Intune permissions (held through Cloud PC,
//! Intune or Entra roles) and Entra resource actions.

use super::{
    entra_matches, role_results, role_results_by, BlockResult, Decision, Environment, Evaluation,
    Outcome, Query, Reason, ReasonKind,
};
use crate::model::Plane;
use crate::pattern::ActionPattern;
use crate::roleset::RoleRef;
use crate::scope::Coverage;
use std::collections::HashMap;

impl Environment<'_> {
    /// The grants of a tenant-wide permission (`lower`, lowercase) through the
    /// assignments of `plane` and of Entra roles, each role matched once.
    fn tenant_outcome(&self, plane: Plane, lower: &str, q: &Query) -> Outcome {
        let mut out = Outcome::default();
        let q2 = Query {
            data_action: Some(false),
            ..q.clone()
        };
        let mut results: HashMap<RoleRef, Vec<(usize, BlockResult<'_>)>> = HashMap::new();
        let cat = self.catalog();
        // A literal line of a Cloud PC or Intune role in another form the catalog
        // reads (`Cloud PCs/Reboot`, `RemoteTasks/Wipe`) names its permission, as
        // the expansion and the export read it.
        let named = |p: &ActionPattern| {
            p.matches_lower(lower)
                || !p.is_wildcard()
                    && match plane {
                        Plane::CloudPc => cat
                            .windows365
                            .permission(p.as_str())
                            .map(|(_, x)| x.graph.as_str()),
                        _ => cat
                            .intune
                            .permission(p.as_str())
                            .map(|(_, x)| x.graph.as_str()),
                    }
                    .is_some_and(|g| g.eq_ignore_ascii_case(lower))
        };
        for on in [plane, Plane::Entra] {
            for (i, a, role) in self.assignments_on(on) {
                let res = results.entry(a.role).or_insert_with(|| match on {
                    Plane::Entra => role_results(role, lower, false),
                    _ => role_results_by(role, false, &named),
                });
                self.assignment_reasons(i, a, role, res, lower, &q2, Coverage::Yes, &mut out);
            }
        }
        out
    }

    pub(super) fn evaluate_cloud_pc(&self, q: &Query) -> Evaluation {
        let cat = self.catalog();
        let (action, known) = match cat.windows365.permission(&q.action) {
            Some((_, p)) => (p.graph.clone(), Some(p)),
            None => (q.action.clone(), None),
        };
        let lower = action.to_ascii_lowercase();
        let out = self.tenant_outcome(Plane::CloudPc, &lower, q);
        // A retired permission is held by no role now, whatever lines match its
        // name (an outside review: Windows 365 Administrator's `Microsoft.CloudPC/*`
        // "allowed" `Reports/Export` while Cloud PC Administrator was denied it).
        let retired = known.is_some_and(|p| p.legacy);
        // A name no Cloud PC permission has (the catalog is the whole permission
        // table, with what Graph returned beside it) is held by no role either: a
        // wildcard grants permissions that exist (an outside review: a misspelt
        // `CloudPC/Reboot` was "allowed" through `Microsoft.CloudPC/*`).
        let nonexistent = retired || known.is_none();
        let matched_by_name = nonexistent && out.decision() != Decision::Deny;
        let decision = if nonexistent {
            Decision::Deny
        } else {
            out.decision()
        };
        let matched = out.matched;
        let mut reasons = out.into_reasons();
        if matched_by_name {
            // What matched the name is said as such, not as a grant.
            let why = if retired {
                "the permission is not a current one".to_string()
            } else {
                format!(
                    "no Cloud PC permission has that name (a permission Microsoft added after the bundle's capture, {}, would be granted)",
                    cat.windows365.observed.captured_until
                )
            };
            for r in reasons.iter_mut().filter(|r| r.kind == ReasonKind::Granted) {
                r.kind = ReasonKind::NotInCatalog;
                r.message = format!(
                    "{} matches its name through `{}`, which grants nothing: {why}",
                    crate::text::markdown_code(r.role.as_deref().unwrap_or_default()),
                    r.pattern.as_deref().unwrap_or_default()
                );
            }
            if retired {
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        format!(
                            "`{action}` is not a current permission (retired, or never in a built-in role as Graph returns it: see below), which no role holds now: lines that match its name grant nothing"
                        ),
                    ),
                );
            }
        } else {
            name_graph_lines(cat, &mut reasons, "microsoft.cloudpc/");
        }
        match known {
            // A retired permission: no role can be given it, so no custom-role
            // fix is offered (review of 2026-12-07), and the note says when Graph
            // removed it.
            Some(p) if p.legacy => reasons.push(Reason::note(
                ReasonKind::NotInCatalog,
                format!(
                    "`{}` is not in the current Cloud PC permission table (seed 001){}",
                    p.name,
                    crate::observed::not_current(cat, &p.name)
                        .map(|n| format!("; {n}"))
                        .unwrap_or_default()
                ),
            )),
            Some(_) => {}
            None => reasons.push(Reason::note(
                ReasonKind::NotInCatalog,
                match crate::fuzzy::suggest_permission_within(cat, &q.action, &self.suggestions) {
                    Some(s) => format!(
                        "`{}` is not a Cloud PC permission; did you mean `{s}`?",
                        q.action
                    ),
                    None => format!("`{}` is not a Cloud PC permission", q.action),
                },
            )),
        }
        if decision == Decision::Deny {
            if !matched {
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        format!("no Cloud PC or Entra role assignment grants `{action}`"),
                    ),
                );
            }
            if let Some((i, p)) = cat
                .windows365
                .permission(&q.action)
                .filter(|(_, p)| !p.legacy)
            {
                reasons.push(Reason::note(
                    ReasonKind::Suggestion,
                    format!(
                        "add the permission `{}` to a Cloud PC custom role ({})",
                        p.name,
                        crate::observed::builtin_hint(cat, Plane::CloudPc, i)
                    ),
                ));
            }
        }
        Evaluation {
            data_action: false,
            decision,
            plane: Plane::CloudPc,
            action,
            reasons,
        }
    }

    pub(super) fn evaluate_intune(&self, q: &Query) -> Evaluation {
        let cat = self.catalog();
        let known = cat.intune.permission(&q.action);
        let action = known
            .map(|(_, p)| p.graph.clone())
            .unwrap_or_else(|| q.action.clone());
        let lower = action.to_ascii_lowercase();
        let out = self.tenant_outcome(Plane::Intune, &lower, q);
        let decision = out.decision();
        let matched = out.matched;
        let mut reasons = out.into_reasons();
        name_graph_lines(cat, &mut reasons, "microsoft.intune/");
        if known.is_none() {
            // Unlike Cloud PC's, the bundle's Intune permissions are those its
            // built-in roles hold, not every one Intune has: a wildcard's grant of
            // another name is kept, and said to hold only if the permission exists.
            for r in reasons.iter_mut().filter(|r| r.kind == ReasonKind::Granted) {
                r.message.push_str(
                    ", if such a permission exists: the bundle knows only the Intune permissions its built-in roles hold",
                );
            }
            reasons.push(Reason::note(
                ReasonKind::NotInCatalog,
                match cat.intune.suggest(&q.action) {
                    Some(s) => format!(
                        "`{}` is not an Intune permission of the built-in roles; did you mean `{s}`?",
                        q.action
                    ),
                    None => format!(
                        "`{}` is not an Intune permission of the built-in roles",
                        q.action
                    ),
                },
            ));
        }
        if decision == Decision::Deny {
            if !matched {
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        format!("no Intune or Entra role assignment grants `{action}`"),
                    ),
                );
            }
            // Global Reader: documented read only on all Intune data, but its
            // definition as Graph returns it names no Intune permission (review of
            // 2026-12-07: a flat deny hid the disagreement `operations` shows).
            let last = action.rsplit('/').next().unwrap_or_default();
            if crate::scopetags::is_read(last) {
                for (_, _, role) in self.assignments_on(Plane::Entra) {
                    let Some(b) = cat.scope_tags.bypass_of(&role.name).filter(|b| b.read_only)
                    else {
                        continue;
                    };
                    reasons.push(Reason::note(
                        ReasonKind::SourcesDisagree,
                        format!(
                            "sources disagree: Microsoft documents {} as read only on all Intune data (scope-tag rule {}), which would allow reading `{action}`, but its role definition as Microsoft Graph returns it (captured until {}) names no Intune permission; the observed definition decides here",
                            role.name,
                            b.rule,
                            cat.windows365.observed.captured_until
                        ),
                    ));
                    break;
                }
            }
            if let Some((i, p)) = known {
                reasons.push(Reason::note(
                    ReasonKind::Suggestion,
                    format!(
                        "add `{}` to an Intune custom role ({})",
                        p.graph,
                        crate::observed::builtin_hint(cat, Plane::Intune, i)
                    ),
                ));
            }
        }
        Evaluation {
            data_action: false,
            decision,
            plane: Plane::Intune,
            action,
            reasons,
        }
    }

    pub(super) fn evaluate_entra(&self, q: &Query) -> Evaluation {
        let mut reasons = Vec::new();
        let mut allowed = false;
        for (i, x, role) in self.assignments_on(Plane::Entra) {
            // A line of the action's own entity first, one of its parent entity
            // (inferred) only when there is none.
            let parent =
                |a: &&crate::model::EntraAction| super::entra_via_parent(&a.action, &q.action);
            if let Some(a) = role
                .entra_actions
                .iter()
                .filter(|a| entra_matches(&a.action, &q.action))
                .min_by_key(parent)
            {
                // Someone else's assignment counts for nothing, and is named
                // (outside review of 2026-12-06: an Entra role of the Windows 365
                // app's granted the admin).
                if self.holding(x) == super::Holding::Other {
                    reasons.push(Reason::note(
                        ReasonKind::OtherPrincipal,
                        format!(
                            "{} grants `{}`, but it is assigned to {}",
                            crate::text::markdown_code(&role.name),
                            a.action,
                            self.holding_why(x)
                        ),
                    ));
                    continue;
                }
                allowed = true;
                let mut r = Reason::entra_granted(i, role, &a.action);
                if parent(&a) {
                    r.message.push_str(&format!(
                        ", a permission on the parent entity, read as covering `{}` (inferred: Microsoft describes the parent entity's permissions as for all its kinds, `groups` as \"Security groups and Microsoft 365 groups\")",
                        q.action
                    ));
                }
                reasons.push(r);
            }
        }
        if !allowed {
            reasons.push(Reason::note(
                ReasonKind::NoGrant,
                format!("no Microsoft Entra role assignment grants `{}`", q.action),
            ));
        }
        Evaluation {
            data_action: false,
            decision: if allowed {
                Decision::Allow
            } else {
                Decision::Deny
            },
            plane: Plane::Entra,
            action: q.action.clone(),
            reasons,
        }
    }
}

/// Name, beside each grant through a bundled Entra role, the role's line as Graph
/// returns it (`microsoft.cloudPC/allEntities/allProperties/allTasks` for
/// `Microsoft.CloudPC/*`), so the pattern the reason cites can be found in the role.
fn name_graph_lines(cat: &crate::bundle::Catalog, reasons: &mut [Reason], namespace: &str) {
    for r in reasons.iter_mut().filter(|r| r.kind == ReasonKind::Granted) {
        if let Some(line) = r
            .role
            .as_deref()
            .and_then(|n| cat.role(n))
            .filter(|(_, role)| role.kind == crate::model::RoleKind::Entra)
            .and_then(|(_, role)| graph_line(role, namespace))
        {
            r.message
                .push_str(&format!(" (the role's line as Graph returns it: `{line}`)"));
        }
    }
}

/// The Graph line of a bundled Entra role for one namespace (`microsoft.cloudpc/`,
/// lowercase), as its derivation note names it: "microsoft.cloudPC/allEntities/
/// allProperties/allTasks is read as every Cloud PC permission".
fn graph_line<'r>(role: &'r crate::model::Role, namespace: &str) -> Option<&'r str> {
    role.notes
        .iter()
        .flat_map(|n| n.split("; "))
        .filter(|part| part.contains(" is read as "))
        .filter_map(|part| part.split_whitespace().next())
        .find(|word| word.to_ascii_lowercase().starts_with(namespace))
}
