//! Checks of a Cloud PC custom role (Graph `unifiedRoleDefinition`).

use super::{names, Diagnostic, Linter, Places, Severity};
use crate::expand::Expansion;
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
    // Microsoft Graph's `unifiedRolePermission`: `condition` is "Not supported
    // for custom roles" (an outside review: it was ignored without a word).
    if role.kind == crate::model::RoleKind::CloudPcCustom
        && role.blocks.iter().any(|b| b.condition.is_some())
    {
        out.push(Diagnostic::new(
            Severity::Error,
            "condition-in-role",
            "a role permission has a `condition`: Microsoft Graph supports none on a custom role (`unifiedRolePermission`: “Not supported for custom roles”), so the role cannot be created as written and an export drops the condition, granting more than the role says; remove it".into(),
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
                    WILDCARD_NOT_DOCUMENTED,
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
                                ADMIN_CENTER_NAME,
                                format!("`{p}` is the admin-center name; Graph expects the resource action (read, and exported, as `{}`)", perm.graph),
                            )
                            .help(format!("use `{}`", perm.graph)),
                        );
                    }
                    if perm.graph_name_unverified() {
                        push(unverified_name(perm, &w.observed.captured_until));
                    }
                    if perm.notes.iter().any(|n| n.kind == "azure-owner-or-uaa") {
                        needs_azure.push(perm.name.clone());
                    }
                }
                None => push(not_a_permission(linter, p.as_str(), "")),
            }
        }
        // Exclusions hold in this tool's answers and in what `export` writes (the
        // permissions written out), but a role created in Graph as written keeps
        // none of them: said once per block (an outside review: lint was silent
        // while `export` warned).
        if !block.not_actions.is_empty() {
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "exclusions-not-in-graph",
                    format!(
                        "Microsoft Graph does not support `excludedResourceActions` (\"Not yet supported\"): a role created with {} as written grants what {}; `export --format graph` writes out the permissions the role grants instead",
                        if block.not_actions.len() == 1 { "this exclusion" } else { "these exclusions" },
                        if block.not_actions.len() == 1 { "it excludes" } else { "they exclude" },
                    ),
                )
                .at_place(places.get(b, "notActions", 0)),
            );
        }
        // Exclusions: a name in another form excludes its permission (the
        // expansion and the export read it so); one that names no permission
        // excludes nothing, which is not what its author meant.
        for (i, p) in block.not_actions.iter().enumerate() {
            if p.is_wildcard() {
                continue;
            }
            let at = places.get(b, "notActions", i);
            match w.permission(p.as_str()) {
                Some((_, perm)) if !p.as_str().eq_ignore_ascii_case(&perm.graph) => out.push(
                    Diagnostic::new(
                        Severity::Info,
                        ADMIN_CENTER_NAME,
                        format!(
                            "the exclusion `{p}` is the admin-center name: read as `{}`",
                            perm.graph
                        ),
                    )
                    .subject(p.as_str())
                    .at_place(at),
                ),
                Some(_) => {}
                None => out.push(
                    not_a_permission(linter, p.as_str(), ": the exclusion excludes nothing")
                        .subject(p.as_str())
                        .at_place(at),
                ),
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
    // One expansion for both (a role the linter was not given is expanded once).
    linter.with_expansion(role, |ex| {
        out.extend(cannot_list(linter.catalog, ex));
        out.extend(super::risk::findings(linter.catalog, ex, role));
    });
    out
}

/// The code of [`unverified_name`]: a role holding it is not lint-clean (see
/// [`crate::minimal::MinimalRole::lint_clean`]) though lint only warns.
pub const UNVERIFIED_NAME: &str = "unverified-permission-name";

/// The code of a Cloud PC permission written as its admin-center name
/// (`Cloud PCs/Reboot`, `CloudPCs/Reboot`): Graph refuses it as written; the
/// expansion, the evaluation and the export read it as its resource action.
pub const ADMIN_CENTER_NAME: &str = "admin-center-name";

/// The code of an Intune permission written without its namespace
/// (`RemoteTasks/Wipe`); read and exported as its Graph name like
/// [`ADMIN_CENTER_NAME`].
pub const SHORT_NAME: &str = "short-name";

/// Lint errors the export repairs: it writes each such line as the resource action
/// it names, so the exported role is not refused for them (review H1 H2).
pub const REPAIRED_BY_EXPORT: &[&str] = &[ADMIN_CENTER_NAME, SHORT_NAME];

/// The code of a wildcard the Cloud PC and Intune role documents never show.
pub const WILDCARD_NOT_DOCUMENTED: &str = "wildcard-not-documented";

/// The lint warnings that decide whether Microsoft Graph accepts a Cloud PC or
/// Intune role as written: `export` names them, `export --strict` refuses them
/// (review F2 M6).
pub const DEPLOY_WARNINGS: &[&str] = &[
    UNVERIFIED_NAME,
    "legacy-permission",
    WILDCARD_NOT_DOCUMENTED,
];

/// A permission of the table whose Graph name no source gives (derived from the
/// admin-center name, never returned by Graph in a built-in role).
fn unverified_name(perm: &crate::windows365::CloudPcPermission, until: &str) -> Diagnostic {
    let odd = if perm.graph.contains('(') {
        "; its parenthesis follows the pattern of no resource action Graph returned"
    } else {
        ""
    };
    Diagnostic::new(
        Severity::Warning,
        UNVERIFIED_NAME,
        format!(
            "no source gives the Graph name of `{}` (seed 001's table gives only the admin-center name): `{}` is derived from it by the naming rule, and Microsoft Graph returned it in no built-in role (capture to {until}){odd}",
            perm.name, perm.graph
        ),
    )
    .help("Graph may refuse a role holding this name: create the permission in the Intune admin center and read the role back (`GET https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions`) for the name Graph uses".to_string())
}

/// Actions on Cloud PCs without `CloudPCs/Read`: the admin cannot list the Cloud PCs
/// to act on (inferred from the built-in roles, which always pair them).
fn cannot_list(catalog: &crate::bundle::Catalog, ex: &Expansion) -> Option<Diagnostic> {
    let w = &catalog.windows365;
    // The actions on Cloud PCs the role holds, as its expansion says: by name or
    // through a wildcard, less its exclusions (a re-check review: `CloudPCs/*`
    // with Read excluded drew no warning, and a wildcard holding Read drew one).
    let acts: Vec<&str> = ex
        .cloud_pc
        .iter()
        .filter_map(|i| w.permissions.get(i))
        .filter(|p| p.name.starts_with("CloudPCs/") && p.name != READ && !p.legacy)
        .map(|p| p.name.as_str())
        .collect();
    let reads = w
        .permission(READ)
        .is_some_and(|(i, _)| ex.cloud_pc.contains(i));
    if acts.is_empty() || reads {
        return None;
    }
    let shown: Vec<&str> = acts.iter().take(5).copied().collect();
    let more = acts.len() - shown.len();
    Some(
        Diagnostic::new(
            Severity::Warning,
            "cannot-list-cloud-pcs",
            format!(
                "the role holds `{}`{} but not `CloudPCs/Read`: without it the admin cannot list the Cloud PCs to act on (inferred: every built-in Cloud PC role that acts on Cloud PCs also reads them)",
                shown.join("`, `"),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            ),
        )
        .help("add `Microsoft.CloudPC/CloudPCs/Read`".to_string()),
    )
}

/// `CloudPCs/Read`, which listing Cloud PCs needs.
const READ: &str = "CloudPCs/Read";

/// A line that names no Cloud PC permission: another plane's (an Intune permission,
/// an Azure action) or unknown, with "did you mean" when one is close. `tail` ends
/// the message.
fn not_a_permission(linter: &Linter<'_>, p: &str, tail: &str) -> Diagnostic {
    let catalog = linter.catalog;
    let w = &catalog.windows365;
    let lower = p.to_ascii_lowercase();
    let provider = lower.split('/').next().unwrap_or_default();
    let mut d = if provider == "microsoft.intune" || catalog.intune.permission(p).is_some() {
        Diagnostic::new(
            Severity::Error,
            "wrong-plane",
            format!("`{p}` is an Intune permission; Intune permissions go in an Intune role (`deviceManagement/roleDefinitions`), not a Cloud PC role{tail}"),
        )
    } else if provider != "microsoft.cloudpc"
        && catalog.operations.find_provider(provider).is_some()
    {
        Diagnostic::new(
            Severity::Error,
            "wrong-plane",
            format!("`{p}` is an Azure action; a Cloud PC role holds `Microsoft.CloudPC/...` permissions{tail}"),
        )
    } else {
        Diagnostic::new(
            Severity::Error,
            "unknown-permission",
            format!("`{p}` is not a Cloud PC permission{tail}"),
        )
    };
    if let Some(s) = linter
        .suggest_permission(p)
        .and_then(|s| w.permission(&s).map(|(_, x)| x.graph.clone()))
    {
        d = d.help(format!("did you mean `{s}`?"));
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::lint::lint_role;

    fn codes(actions: &[&str]) -> Vec<&'static str> {
        let text = format!(
            r#"{{"displayName": "Helpdesk", "rolePermissions": [{{"allowedResourceActions": {}}}]}}"#,
            serde_json::to_string(actions).unwrap()
        );
        let cat = crate::catalog().unwrap();
        let role = crate::import::import(&text).unwrap().remove(0).role;
        lint_role(cat, &role, &[])
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_graph_name_no_source_gives_is_flagged() {
        // Provisioning Policies (Agents)/*: seed 001 gives the admin-center names only.
        for name in [
            "Microsoft.CloudPC/ProvisioningPolicies(Agents)/Read",
            "Provisioning Policies (Agents)/Create",
            "Microsoft.CloudPC/CloudApps/Create",
        ] {
            assert!(
                codes(&[name]).contains(&"unverified-permission-name"),
                "{name}"
            );
        }
        // Observed in a built-in role, or named by a source: no warning.
        for name in [
            "Microsoft.CloudPC/Webhooks/Create",
            "Microsoft.CloudPC/ProvisioningPolicies/Read",
        ] {
            assert!(
                !codes(&[name]).contains(&"unverified-permission-name"),
                "{name}"
            );
        }
    }

    #[test]
    fn acting_on_cloud_pcs_without_reading_them_is_flagged() {
        assert!(codes(&["Microsoft.CloudPC/CloudPCs/Reboot"]).contains(&"cannot-list-cloud-pcs"));
        assert!(!codes(&[
            "Microsoft.CloudPC/CloudPCs/Reboot",
            "Microsoft.CloudPC/CloudPCs/Read"
        ])
        .contains(&"cannot-list-cloud-pcs"));
        assert!(!codes(&["Microsoft.CloudPC/ProvisioningPolicies/Read"])
            .contains(&"cannot-list-cloud-pcs"));
    }
}
