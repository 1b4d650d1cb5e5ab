//! Checks of an Intune custom role (Graph `deviceAndAppManagementRoleDefinition`):
//! every allowed and not-allowed action is a known Intune permission, with "did
//! you mean" against the 200 actions the built-in Intune roles have held.

use super::{Diagnostic, Linter, Places, Severity};
use crate::bundle::Catalog;
use crate::model::Role;

pub(super) fn lint(linter: &Linter<'_>, role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let catalog = linter.catalog;
    let mut out = Vec::new();
    let intune = &catalog.intune;
    if role.name.trim().is_empty() {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-missing",
            "the role has no `displayName`".into(),
        ));
    }
    if let Some((_, b)) = catalog
        .role(&role.name)
        .filter(|(_, b)| b.kind.is_builtin() && b.name.eq_ignore_ascii_case(&role.name))
    {
        out.push(Diagnostic::new(
            Severity::Error,
            "name-taken",
            format!("`{}` is the name of a built-in role", b.name),
        ));
    }
    if role.blocks.iter().all(|b| b.actions.is_empty()) {
        out.push(Diagnostic::new(
            Severity::Error,
            "no-permissions",
            "the role has no allowed resource actions".into(),
        ));
    }
    // An Intune role definition (`deviceAndAppManagementRoleDefinition`) has no
    // `condition`: one read from a Graph-shaped role is dropped on export.
    if role.blocks.iter().any(|b| b.condition.is_some()) {
        out.push(Diagnostic::new(
            Severity::Error,
            "condition-in-role",
            "a role permission has a `condition`: an Intune role definition has no place for one, so the role cannot be created as written and an export drops the condition, granting more than the role says; remove it".into(),
        ));
    }
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (b, block) in role.blocks.iter().enumerate() {
        for (list, patterns) in [
            ("actions", &block.actions),
            ("notActions", &block.not_actions),
        ] {
            for (i, p) in patterns.iter().enumerate() {
                let at = places.get(b, list, i);
                let mut push = |d: Diagnostic| out.push(d.subject(p.as_str()).at_place(at.clone()));
                if places.underscored(b, list, i) {
                    push(Diagnostic::new(
                        Severity::Info,
                        "underscore-form",
                        format!(
                            "`{}` is read as `{p}`, the form Graph returns in the built-in roles",
                            p.as_str().replace('/', "_")
                        ),
                    ));
                }
                if list == "actions" && !seen.insert(p.lower()) {
                    push(Diagnostic::new(
                        Severity::Warning,
                        "duplicate",
                        format!("`{p}` appears more than once"),
                    ));
                    continue;
                }
                if p.is_wildcard() {
                    let n = intune
                        .permissions
                        .iter()
                        .filter(|x| p.matches(&x.graph))
                        .count();
                    push(Diagnostic::new(
                        Severity::Warning,
                        super::cloudpc::WILDCARD_NOT_DOCUMENTED,
                        format!("`{p}` uses `*`, which no Intune built-in role or document shows; it would match {n} permissions here"),
                    ));
                    continue;
                }
                match intune.permission(p.as_str()) {
                    Some((_, perm)) => {
                        if !p.as_str().eq_ignore_ascii_case(&perm.graph) {
                            push(
                                Diagnostic::new(
                                    Severity::Error,
                                    super::cloudpc::SHORT_NAME,
                                    format!("`{p}` lacks the namespace; Graph expects the resource action (read, and exported, as `{}`)", perm.graph),
                                )
                                .help(format!("use `{}`", perm.graph)),
                            );
                        } else if !perm.current {
                            push(Diagnostic::new(
                                Severity::Warning,
                                "not-current",
                                format!(
                                    "`{p}` was in a built-in Intune role earlier but is in none as Graph returns them ({})",
                                    catalog.windows365.observed.captured_until
                                ),
                            ));
                        }
                    }
                    None => push(unknown(catalog, p.as_str())),
                }
            }
        }
    }
    out
}

/// An action that is not an Intune permission: another plane's, or unknown.
fn unknown(catalog: &Catalog, action: &str) -> Diagnostic {
    let lower = action.to_ascii_lowercase();
    let mut d = if lower.starts_with("microsoft.cloudpc/")
        || catalog.windows365.permission(action).is_some()
    {
        Diagnostic::new(
            Severity::Error,
            "wrong-plane",
            format!("`{action}` is a Cloud PC permission; Cloud PC permissions go in a Cloud PC role (`roleManagement/cloudPC`), not an Intune role"),
        )
    } else if !lower.starts_with("microsoft.intune")
        && catalog
            .operations
            .find_provider(lower.split('/').next().unwrap_or_default())
            .is_some()
    {
        Diagnostic::new(
            Severity::Error,
            "wrong-plane",
            format!("`{action}` is an Azure action; an Intune role holds `Microsoft.Intune/...` permissions"),
        )
    } else {
        Diagnostic::new(
            Severity::Error,
            "unknown-permission",
            format!("`{action}` is not an Intune permission of any built-in role"),
        )
    };
    if let Some(s) = catalog.intune.suggest(action) {
        d = d.help(format!("did you mean `{s}`?"));
    }
    d
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use crate::{catalog, import, lint};

    #[test]
    fn intune_roles_get_did_you_mean() {
        let cat = catalog().unwrap();
        let text = r##"{"@odata.type":"#microsoft.graph.deviceAndAppManagementRoleDefinition","displayName":"Desk",
          "rolePermissions":[{"resourceActions":[{"allowedResourceActions":[
            "Microsoft.Intune/RemoteTasks/RebotNow","Microsoft.Intune_ManagedDevices_Read",
            "Microsoft.CloudPC/CloudPCs/Reboot","Microsoft.Intune/EDRlines/Read"],"notAllowedResourceActions":[]}]}]}"##;
        let r = import::import(text).unwrap().remove(0);
        let d = lint::lint_imported(cat, &r);
        let codes: Vec<&str> = d.iter().map(|x| x.code).collect();
        assert!(codes.contains(&"unknown-permission"), "{codes:?}");
        assert!(codes.contains(&"wrong-plane"));
        assert!(codes.contains(&"underscore-form"));
        assert!(codes.contains(&"not-current"));
        let typo = d.iter().find(|x| x.code == "unknown-permission").unwrap();
        assert_eq!(
            typo.help.as_deref(),
            Some("did you mean `Microsoft.Intune/RemoteTasks/RebootNow`?")
        );
        assert_eq!(typo.line, Some(3));
    }
}
