//! Checks of a Cloud PC custom role (Graph `unifiedRoleDefinition`).

use super::{names, Diagnostic, Linter, Places, Severity};
use crate::model::Role;
use std::collections::HashSet;

pub(super) fn lint(linter: &Linter<'_>, role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let catalog = linter.catalog;
    let mut out = Vec::new();
    let w = &catalog.windows365;
    if role.name.trim().is_empty() {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-missing",
            "the role has no `displayName`".into(),
        ));
    }
    names::check(catalog, role, &mut out);
    let all: Vec<_> = role.blocks.iter().flat_map(|b| b.actions.iter()).collect();
    if all.is_empty() {
        out.push(Diagnostic::new(
            Severity::Error,
            "no-permissions",
            "the role has no allowed resource actions".into(),
        ));
    }
    let mut needs_azure = Vec::new();
    for (b, block) in role.blocks.iter().enumerate() {
        let mut seen = HashSet::new();
        for (i, p) in block.actions.iter().enumerate() {
            let at = places.get(b, "actions", i);
            let mut push = |d: Diagnostic| out.push(d.subject(p.as_str()).at_place(at.clone()));
            if !seen.insert(p.lower()) {
                push(Diagnostic::new(
                    Severity::Warning,
                    "duplicate",
                    format!("`{p}` appears more than once"),
                ));
                continue;
            }
            if p.is_wildcard() {
                let n = w.permissions.iter().filter(|x| p.matches(&x.graph)).count();
                push(Diagnostic::new(
                    Severity::Warning,
                    "wildcard-not-documented",
                    format!("`{p}` uses `*`, which the Cloud PC role documentation never shows; it would match {n} permissions here"),
                ));
                continue;
            }
            match w.permission(p.as_str()) {
                Some((_, perm)) => {
                    if perm.legacy {
                        push(Diagnostic::new(
                            Severity::Warning,
                            "legacy-permission",
                            format!("`{p}` is not in the current Cloud PC permission table"),
                        ));
                    } else if !p.as_str().eq_ignore_ascii_case(&perm.graph) {
                        push(
                            Diagnostic::new(
                                Severity::Error,
                                "admin-center-name",
                                format!("`{p}` is the admin-center name; Graph expects the resource action"),
                            )
                            .help(format!("use `{}`", perm.graph)),
                        );
                    }
                    if perm.notes.iter().any(|n| n.kind == "azure-owner-or-uaa") {
                        needs_azure.push(perm.name.clone());
                    }
                }
                None => {
                    let lower = p.lower();
                    let azure = !lower.starts_with("microsoft.cloudpc/")
                        && catalog
                            .operations
                            .find_provider(lower.split('/').next().unwrap_or_default())
                            .is_some();
                    let mut d = if azure {
                        Diagnostic::new(
                            Severity::Error,
                            "wrong-plane",
                            format!("`{p}` is an Azure action; a Cloud PC role holds `Microsoft.CloudPC/...` permissions"),
                        )
                    } else {
                        Diagnostic::new(
                            Severity::Error,
                            "unknown-permission",
                            format!("`{p}` is not a Cloud PC permission"),
                        )
                    };
                    if let Some(s) = linter
                        .suggest_permission(p.as_str())
                        .and_then(|s| w.permission(&s).map(|(_, x)| x.graph.clone()))
                    {
                        d = d.help(format!("did you mean `{s}`?"));
                    }
                    push(d);
                }
            }
        }
    }
    if !needs_azure.is_empty() {
        out.push(Diagnostic::new(
            Severity::Info,
            "needs-azure-role",
            format!(
                "{} also need Subscription Owner or User Access Administrator in Azure (seed 001)",
                needs_azure.join(", ")
            ),
        ));
    }
    out.extend(linter.risk(role));
    out
}
