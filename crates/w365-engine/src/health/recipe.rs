//! The two-person setup of an Azure network connection: a subscription Owner or
//! User Access Administrator pre-assigns Reader (subscription), Windows 365 Network
//! Interface Contributor (resource group) and Windows 365 Network User (virtual
//! network) to the Windows 365 first-party app, so the Intune admin needs only Cloud
//! PC permissions and Subscription Reader. The exact `az` and PowerShell commands are
//! written here; inputs are checked against Azure's naming rules first, so that no
//! value can break out of its quotes.

use super::{Assignee, FirstPartyApp, FixScope, RecipeError};
use crate::bundle::Catalog;
use crate::text::is_guid;
use serde::Serialize;

/// Where the ANC lives. Absent values become placeholders (`<subscription-id>`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AncScopes {
    /// Subscription id (a GUID).
    pub subscription: Option<String>,
    /// The ANC's resource group (where the network interfaces go).
    pub resource_group: Option<String>,
    /// The virtual network: a name, or its full resource id.
    pub virtual_network: Option<String>,
    /// The virtual network's resource group, when not the ANC's.
    pub vnet_resource_group: Option<String>,
}

/// A role assignment to make, with its exact scope and both command lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedAssignment {
    /// Azure built-in role name.
    pub role: String,
    /// Its role definition id.
    pub role_id: String,
    /// Which scope.
    pub scope_kind: FixScope,
    /// The scope's resource id.
    pub scope: String,
    /// Who receives it.
    pub assignee: Assignee,
    /// The `az` command (after the script's first lines).
    pub az: String,
    /// The Az PowerShell command (after the script's first lines).
    pub powershell: String,
}

/// One thing the Intune admin needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminNeed {
    /// `azureRole` or `cloudPc`.
    pub kind: String,
    /// For people.
    pub what: String,
    /// The assignment, for an Azure role (when the admin was named).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<PlannedAssignment>,
    /// The Cloud PC permissions, for `cloudPc`.
    pub permissions: Vec<String>,
    /// Document and words.
    pub source: String,
}

/// The recipe: the network admin's assignments and scripts, the Intune admin's needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recipe {
    /// The app that receives the roles.
    pub app: FirstPartyApp,
    /// Who runs the network admin's part.
    pub network_admin_who: String,
    /// The three assignments to the app.
    pub network_admin: Vec<PlannedAssignment>,
    /// What the Intune admin then needs.
    pub intune_admin: Vec<AdminNeed>,
    /// The network admin's part as one bash script.
    pub az_script: String,
    /// The same as one PowerShell script.
    pub powershell_script: String,
    /// Why this works.
    pub why: String,
    /// Caveats.
    pub caveats: Vec<String>,
    /// Documents cited.
    pub sources: Vec<String>,
    /// The placeholders left in the scripts, for values not given, in
    /// [`PLACEHOLDERS`] order: the scripts are a template until they are filled.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<Placeholder>,
}

/// A placeholder a recipe writes where a value was not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placeholder {
    /// As written in the scripts (`<subscription-id>`).
    pub text: &'static str,
    /// The [`AncScopes`] value that fills it.
    pub filled_by: AncValue,
}

/// One value of [`AncScopes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AncValue {
    /// The virtual network's subscription (a virtual network id names it too).
    Subscription,
    /// The connection's resource group.
    ResourceGroup,
    /// The virtual network.
    VirtualNetwork,
}

/// Every placeholder a recipe may hold, with what fills it.
pub const PLACEHOLDERS: &[Placeholder] = &[
    Placeholder {
        text: "<subscription-id>",
        filled_by: AncValue::Subscription,
    },
    Placeholder {
        text: "<resource-group>",
        filled_by: AncValue::ResourceGroup,
    },
    Placeholder {
        text: "<virtual-network>",
        filled_by: AncValue::VirtualNetwork,
    },
];

/// Resource group names: 1-90 letters, digits, `._()-`, not ending in `.`.
/// Resource group names: 1-90 characters, letters and digits (Unicode ones too, as
/// Azure's naming rules allow), `._()-`, not ending in `.`. No quote, space or
/// shell character, so the scripts' quoting stays safe (review H1 L9).
fn is_resource_group(s: &str) -> bool {
    (1..=90).contains(&s.chars().count())
        && !s.ends_with('.')
        && s.chars()
            .all(|c| c.is_alphanumeric() || "._()-".contains(c))
}

/// Virtual network names: 2-64 letters, digits, `._-`.
fn is_vnet_name(s: &str) -> bool {
    (2..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// A user principal name or object id: letters, digits, `@._-` and the apostrophe
/// a UPN may hold (`o'brien@contoso.com`; PowerShell's quoting doubles it).
fn is_principal(s: &str) -> bool {
    (1..=256).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._-'".contains(c))
}

struct Scopes {
    subscription: String,
    resource_group: String,
    virtual_network: String,
}

/// The subscription id of a virtual network given as a resource id.
fn vnet_subscription(v: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = v?.trim().split('/').collect();
    match parts.as_slice() {
        ["", subs, id, ..] if subs.eq_ignore_ascii_case("subscriptions") && is_guid(id) => {
            Some(id.to_ascii_lowercase())
        }
        _ => None,
    }
}

fn scopes(s: &AncScopes, problems: &mut Vec<String>) -> Scopes {
    // The Reader goes to the virtual network's subscription (A5: "the Azure
    // Subscription where the VNET associated with the ANC was located"), so a
    // virtual network id names it, and a `--subscription` must agree.
    let of_vnet = vnet_subscription(s.virtual_network.as_deref());
    let sub = match (s.subscription.as_deref().map(str::trim), of_vnet) {
        (Some(x), Some(v)) if is_guid(x) && !x.eq_ignore_ascii_case(&v) => {
            problems.push(format!(
                "subscription `{x}` is not the virtual network's (`{v}`): the ANC, its resource group and the Reader assignment belong to the subscription of the virtual network (A5)"
            ));
            v
        }
        (Some(x), _) if is_guid(x) => x.to_ascii_lowercase(),
        (Some(x), _) => {
            problems.push(format!(
                "subscription `{x}` is not a subscription id (a GUID)"
            ));
            "<subscription-id>".into()
        }
        (None, Some(v)) => v,
        (None, None) => "<subscription-id>".into(),
    };
    let rg_of = |v: Option<&str>, what: &str, problems: &mut Vec<String>| match v.map(str::trim) {
        Some(x) if is_resource_group(x) => x.to_string(),
        Some(x) => {
            problems.push(format!(
                "{what} `{x}` is not a resource group name (1-90 letters, digits, `._()-`, not ending in `.`)"
            ));
            "<resource-group>".into()
        }
        None => "<resource-group>".into(),
    };
    let rg = rg_of(s.resource_group.as_deref(), "resource group", problems);
    let subscription = format!("/subscriptions/{sub}");
    let resource_group = format!("{subscription}/resourceGroups/{rg}");
    let virtual_network = match s.virtual_network.as_deref().map(str::trim) {
        Some(x) if x.starts_with('/') => {
            let parts: Vec<&str> = x.trim_end_matches('/').split('/').collect();
            let ok = parts.len() == 9
                && parts[1].eq_ignore_ascii_case("subscriptions")
                && is_guid(parts[2])
                && parts[3].eq_ignore_ascii_case("resourceGroups")
                && is_resource_group(parts[4])
                && parts[5].eq_ignore_ascii_case("providers")
                && parts[6].eq_ignore_ascii_case("Microsoft.Network")
                && parts[7].eq_ignore_ascii_case("virtualNetworks")
                && is_vnet_name(parts[8]);
            if ok {
                // A resource group given apart must be the one the id names (review
                // H1 L4: it was ignored without a word).
                if let Some(g) = s.vnet_resource_group.as_deref().map(str::trim) {
                    if !g.eq_ignore_ascii_case(parts[4]) {
                        problems.push(format!(
                            "virtual network resource group `{g}` is not the virtual network's (`{}` in `{x}`)",
                            parts[4]
                        ));
                    }
                }
                parts.join("/")
            } else {
                problems.push(format!(
                    "virtual network `{x}` is not a virtual network resource id (`/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>`)"
                ));
                format!("{resource_group}/providers/Microsoft.Network/virtualNetworks/<virtual-network>")
            }
        }
        other => {
            let name = match other {
                Some(x) if is_vnet_name(x) => x.to_string(),
                Some(x) => {
                    problems.push(format!(
                        "virtual network `{x}` is not a virtual network name (2-64 letters, digits, `._-`)"
                    ));
                    "<virtual-network>".into()
                }
                None => "<virtual-network>".into(),
            };
            let group = match s.vnet_resource_group.as_deref() {
                Some(_) => format!(
                    "{subscription}/resourceGroups/{}",
                    rg_of(
                        s.vnet_resource_group.as_deref(),
                        "virtual network resource group",
                        problems
                    )
                ),
                None => resource_group.clone(),
            };
            format!("{group}/providers/Microsoft.Network/virtualNetworks/{name}")
        }
    };
    Scopes {
        subscription,
        resource_group,
        virtual_network,
    }
}

fn role_id(catalog: &Catalog, role: &str) -> String {
    catalog
        .role(role)
        .map(|(_, r)| r.id.clone())
        .unwrap_or_default()
}

fn app_assignment(catalog: &Catalog, role: &str, kind: FixScope, scope: &str) -> PlannedAssignment {
    let id = role_id(catalog, role);
    PlannedAssignment {
        role: role.to_string(),
        az: format!(
            "az role assignment create --assignee-object-id \"$APP_OBJECT_ID\" --assignee-principal-type ServicePrincipal --role {id} --scope \"{scope}\"  # {role}"
        ),
        powershell: format!(
            "New-AzRoleAssignment -ObjectId $app.Id -RoleDefinitionId '{id}' -Scope '{scope}'  # {role}"
        ),
        role_id: id,
        scope_kind: kind,
        scope: scope.to_string(),
        assignee: Assignee::Windows365App,
    }
}

fn admin_assignment(
    catalog: &Catalog,
    role: &str,
    kind: FixScope,
    scope: &str,
    admin: &str,
) -> PlannedAssignment {
    let id = role_id(catalog, role);
    let ps_who = if admin.contains('@') {
        format!("-SignInName '{}'", admin.replace('\'', "''"))
    } else {
        format!("-ObjectId '{admin}'")
    };
    PlannedAssignment {
        role: role.to_string(),
        az: format!(
            "az role assignment create --assignee \"{admin}\" --role {id} --scope \"{scope}\"  # {role}"
        ),
        powershell: format!(
            "New-AzRoleAssignment {ps_who} -RoleDefinitionId '{id}' -Scope '{scope}'  # {role}"
        ),
        role_id: id,
        scope_kind: kind,
        scope: scope.to_string(),
        assignee: Assignee::Admin,
    }
}

/// The role assignments that fix one health-check code, at the ANC's scopes, with
/// their command lines (run after the recipe script's first lines, which look up the
/// app's object id): what a view links to from a failed check. Empty when no role
/// assignment fixes the code.
pub fn fix_assignments(
    catalog: &Catalog,
    code: &str,
    at: &AncScopes,
) -> Result<Vec<PlannedAssignment>, RecipeError> {
    let c = super::lookup(catalog, code).map_err(|e| RecipeError::Invalid(vec![e.to_string()]))?;
    let mut problems = Vec::new();
    let s = scopes(at, &mut problems);
    if !problems.is_empty() {
        return Err(RecipeError::Invalid(problems));
    }
    Ok(c.fix
        .iter()
        .map(|f| {
            let scope = match f.scope {
                FixScope::Subscription => &s.subscription,
                FixScope::ResourceGroup => &s.resource_group,
                FixScope::VirtualNetwork => &s.virtual_network,
            };
            app_assignment(catalog, &f.role, f.scope, scope)
        })
        .collect())
}

/// The fixing assignments' commands as two blocks that run on their own: each
/// starts with the line that looks up the Windows 365 app's object id, which the
/// commands name (`$APP_OBJECT_ID`, `$app`), as the recipe's scripts do (an
/// outside review: the page's Copy gave commands with an unset variable, which
/// both tools refuse). `(az, powershell)`.
pub fn fix_commands(catalog: &Catalog, planned: &[PlannedAssignment]) -> (String, String) {
    let app = &catalog.health.app;
    let mut az = String::new();
    let mut ps = String::new();
    if planned
        .iter()
        .any(|p| p.assignee == Assignee::Windows365App)
    {
        let (look_az, look_ps) = app_lookup(&app.app_id);
        az = format!("{look_az}  # the {}\n", app.name);
        ps = format!("{look_ps}  # the {}\n", app.name);
    }
    for p in planned {
        az.push_str(&p.az);
        az.push('\n');
        ps.push_str(&p.powershell);
        ps.push('\n');
    }
    (az, ps)
}

/// The lines that look up the Windows 365 app's object id, which the fixing
/// commands name: `APP_OBJECT_ID` for az, `$app` for PowerShell.
fn app_lookup(app_id: &str) -> (String, String) {
    (
        format!("APP_OBJECT_ID=$(az ad sp show --id {app_id} --query id --output tsv)"),
        format!("$app = Get-AzADServicePrincipal -ApplicationId '{app_id}'"),
    )
}

/// Write the recipe for an ANC's scopes and, optionally, the Intune admin (user
/// principal name or object id) who then needs Subscription Reader.
pub fn two_person_recipe(
    catalog: &Catalog,
    at: &AncScopes,
    admin: Option<&str>,
) -> Result<Recipe, RecipeError> {
    let h = &catalog.health;
    let mut problems = Vec::new();
    let s = scopes(at, &mut problems);
    let admin = match admin.map(str::trim) {
        Some(a) if is_principal(a) => Some(a.to_string()),
        Some(a) => {
            problems.push(format!(
                "admin `{a}` is not a user principal name or object id (letters, digits, `@._-'`)"
            ));
            None
        }
        None => None,
    };
    if !problems.is_empty() {
        return Err(RecipeError::Invalid(problems));
    }
    let scope_of = |k: FixScope| match k {
        FixScope::Subscription => s.subscription.as_str(),
        FixScope::ResourceGroup => s.resource_group.as_str(),
        FixScope::VirtualNetwork => s.virtual_network.as_str(),
    };
    let network_admin: Vec<PlannedAssignment> = h
        .recipe
        .network_admin
        .iter()
        .map(|f| app_assignment(catalog, &f.role, f.scope, scope_of(f.scope)))
        .collect();
    // A source of the health-check notes (A1 to A7), or a bundled Windows 365
    // document (`seed 001` is the document `seed-001`).
    let cite = |id: &str| {
        h.sources
            .iter()
            .find(|(i, _)| i == id)
            .map(|(i, c)| format!("{i}: {c}"))
            .or_else(|| {
                catalog
                    .windows365
                    .document(&id.replace(' ', "-"))
                    .map(|d| format!("{id}: {} ({})", d.title, d.date))
            })
            .unwrap_or_else(|| id.to_string())
    };
    let intune_admin: Vec<AdminNeed> = h
        .recipe
        .intune_admin
        .iter()
        .map(|n| {
            let assignment = match (&n.role, n.scope, &admin) {
                (Some(role), Some(k), Some(a)) => {
                    Some(admin_assignment(catalog, role, k, scope_of(k), a))
                }
                _ => None,
            };
            AdminNeed {
                kind: n.kind.clone(),
                what: match (&n.role, n.scope) {
                    (Some(role), Some(k)) => format!("the Azure role {role} on the {}", k.label()),
                    _ => format!("the Cloud PC permissions {}", n.permissions.join(", ")),
                },
                assignment,
                permissions: n.permissions.clone(),
                source: std::iter::once((&n.source, &n.says))
                    .chain(n.also.iter().map(|(s, w)| (s, w)))
                    .map(|(s, w)| format!("{} (\"{w}\")", cite(s)))
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })
        .collect();
    let app = &h.app;
    let (look_az, look_ps) = app_lookup(&app.app_id);
    let mut az = format!(
        "#!/usr/bin/env bash\n# Two-person Azure network connection setup (w365-perms anc-recipe).\n# Run as a subscription Owner or User Access Administrator: az login; az account set --subscription {sub}\nset -euo pipefail\n\n# The {name} (app id {id}, {src}). If its service principal is missing: az ad sp create --id {id}\n{look_az}\n\n",
        sub = s.subscription.trim_start_matches("/subscriptions/"),
        name = app.name,
        id = app.app_id,
        src = app.source,
    );
    let mut ps = format!(
        "# Two-person Azure network connection setup (w365-perms anc-recipe).\n# Requires Az.Resources; sign in with Connect-AzAccount as a subscription Owner or User Access Administrator.\n$ErrorActionPreference = 'Stop'\n\n# The {name} (app id {id}, {src}).\n{look_ps}\n\n",
        name = app.name,
        id = app.app_id,
        src = app.source,
    );
    for a in &network_admin {
        az.push_str(&a.az);
        az.push('\n');
        ps.push_str(&a.powershell);
        ps.push('\n');
    }
    let admin_lines: Vec<&PlannedAssignment> = intune_admin
        .iter()
        .filter_map(|n| n.assignment.as_ref())
        .collect();
    if !admin_lines.is_empty() {
        const NOTE: &str = "\n# With these roles assigned beforehand, the Intune admin needs only Subscription Reader\n# in Azure (A4); A5 and seed 002 (the same page, 2024-04 and 2024-11) still ask Owner or\n# User Access Administrator for a network or resource group never used by an ANC before\n# (`w365-perms operations` shows both sources):\n";
        az.push_str(NOTE);
        ps.push_str(NOTE);
        for a in admin_lines {
            az.push_str(&a.az);
            az.push('\n');
            ps.push_str(&a.powershell);
            ps.push('\n');
        }
    }
    let placeholders = PLACEHOLDERS
        .iter()
        .filter(|p| az.contains(p.text) || ps.contains(p.text))
        .copied()
        .collect();
    Ok(Recipe {
        placeholders,
        app: app.clone(),
        network_admin_who: h.recipe.network_admin_who.clone(),
        network_admin,
        intune_admin,
        az_script: az,
        powershell_script: ps,
        why: h.recipe.why.clone(),
        caveats: h.recipe.caveats.clone(),
        sources: h.recipe.sources.iter().map(|id| cite(id)).collect(),
    })
}

#[cfg(test)]
mod tests {

    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    #[test]
    fn unicode_resource_groups_are_names_and_a_conflicting_vnet_group_is_refused() {
        // Review H1 L9 and L4.
        assert!(is_resource_group("données"));
        assert!(is_resource_group("rg-é.1(a)"));
        assert!(!is_resource_group("rg'x"));
        assert!(!is_resource_group("rg x"));
        assert!(!is_resource_group("rg."));
        assert!(!is_resource_group(&"é".repeat(91)));
        let mut problems = Vec::new();
        let _ = scopes(
            &AncScopes {
                subscription: None,
                resource_group: Some("rg-anc".into()),
                virtual_network: Some("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-a".into()),
                vnet_resource_group: Some("other-rg".into()),
            },
            &mut problems,
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`other-rg` is not the virtual network's")),
            "{problems:?}"
        );
    }
    use crate::catalog;

    #[test]
    fn the_three_roles_to_the_app_and_reader_to_the_admin() {
        let cat = catalog().unwrap();
        let r = two_person_recipe(
            cat,
            &AncScopes {
                subscription: Some("00000000-0000-0000-0000-000000000001".into()),
                resource_group: Some("rg-cloudpc".into()),
                virtual_network: Some("vnet-cloudpc".into()),
                vnet_resource_group: Some("rg-network".into()),
            },
            Some("intune.admin@contoso.com"),
        )
        .unwrap();
        let roles: Vec<(&str, &str)> = r
            .network_admin
            .iter()
            .map(|a| (a.role.as_str(), a.scope.as_str()))
            .collect();
        assert_eq!(
            roles,
            [
                ("Reader", "/subscriptions/00000000-0000-0000-0000-000000000001"),
                (
                    "Windows 365 Network Interface Contributor",
                    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-cloudpc"
                ),
                (
                    "Windows 365 Network User",
                    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-cloudpc"
                ),
            ]
        );
        assert!(r.az_script.contains(
            "APP_OBJECT_ID=$(az ad sp show --id 0af06dc6-e4b5-4f28-818e-e78e62d137a5 --query id --output tsv)"
        ));
        assert!(r
            .az_script
            .contains("--role 7eabc9a4-85f7-4f71-b8ab-75daaccc1033"));
        assert!(r.powershell_script.contains(
            "New-AzRoleAssignment -SignInName 'intune.admin@contoso.com' -RoleDefinitionId 'acdd72a7-3385-48ef-bd42-f606fba81ae7' -Scope '/subscriptions/00000000-0000-0000-0000-000000000001'"
        ));
        assert!(r.intune_admin.iter().any(|n| n.kind == "cloudPc"));
    }

    #[test]
    fn a_code_links_to_the_assignments_that_fix_it() {
        let cat = catalog().unwrap();
        let at = AncScopes {
            subscription: Some("00000000-0000-0000-0000-000000000001".into()),
            ..Default::default()
        };
        let a = fix_assignments(cat, "permissionCheckNoSubscriptionReaderRole", &at).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].role_id, "acdd72a7-3385-48ef-bd42-f606fba81ae7");
        assert_eq!(a[0].assignee, Assignee::Windows365App);
        assert!(fix_assignments(cat, "dnsCheckFqdnNotFound", &at)
            .unwrap()
            .is_empty());
        assert!(fix_assignments(cat, "nope", &at).is_err());
        // Copied alone, the commands run: the lookup of the app comes first.
        let (az, ps) = fix_commands(cat, &a);
        let az: Vec<&str> = az.lines().collect();
        assert!(az[0].starts_with("APP_OBJECT_ID=$(az ad sp show --id 0af06dc6-e4b5-4f28-818e-e78e62d137a5 --query id --output tsv)"), "{az:?}");
        assert!(
            az[1].starts_with("az role assignment create --assignee-object-id \"$APP_OBJECT_ID\"")
        );
        assert!(ps.starts_with(
            "$app = Get-AzADServicePrincipal -ApplicationId '0af06dc6-e4b5-4f28-818e-e78e62d137a5'"
        ));
        assert_eq!(fix_commands(cat, &[]), (String::new(), String::new()));
    }

    #[test]
    fn the_reader_goes_to_the_virtual_networks_subscription() {
        // Review E M7: a virtual network id names the subscription; another
        // `--subscription` is refused, and without one the id's is used.
        let cat = catalog().unwrap();
        let vnet = "/subscriptions/99999999-2222-3333-4444-555555555555/resourceGroups/netrg/providers/Microsoft.Network/virtualNetworks/v1";
        let e = two_person_recipe(
            cat,
            &AncScopes {
                subscription: Some("11111111-2222-3333-4444-555555555555".into()),
                resource_group: Some("rg1".into()),
                virtual_network: Some(vnet.into()),
                vnet_resource_group: None,
            },
            None,
        )
        .unwrap_err();
        let RecipeError::Invalid(p) = e;
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(
            p[0].contains("is not the virtual network's (`99999999-2222-3333-4444-555555555555`)"),
            "{p:?}"
        );
        let r = two_person_recipe(
            cat,
            &AncScopes {
                resource_group: Some("rg1".into()),
                virtual_network: Some(vnet.into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        let scopes: Vec<&str> = r.network_admin.iter().map(|a| a.scope.as_str()).collect();
        assert_eq!(
            scopes,
            [
                "/subscriptions/99999999-2222-3333-4444-555555555555",
                "/subscriptions/99999999-2222-3333-4444-555555555555/resourceGroups/rg1",
                vnet
            ]
        );
    }

    #[test]
    fn an_apostrophe_in_a_user_principal_name_is_quoted_for_each_shell() {
        let cat = catalog().unwrap();
        let r = two_person_recipe(cat, &AncScopes::default(), Some("o'brien@contoso.com")).unwrap();
        assert!(
            r.powershell_script
                .contains("-SignInName 'o''brien@contoso.com'"),
            "{}",
            r.powershell_script
        );
        assert!(
            r.az_script.contains("--assignee \"o'brien@contoso.com\""),
            "{}",
            r.az_script
        );
    }

    #[test]
    fn hostile_input_is_refused_with_every_problem() {
        let cat = catalog().unwrap();
        let e = two_person_recipe(
            cat,
            &AncScopes {
                subscription: Some("$(rm -rf /)".into()),
                resource_group: Some("rg\"; echo".into()),
                virtual_network: Some("v'n".into()),
                vnet_resource_group: None,
            },
            Some("a b"),
        )
        .unwrap_err();
        let RecipeError::Invalid(p) = e;
        assert_eq!(p.len(), 4, "{p:?}");
        let placeholders = two_person_recipe(cat, &AncScopes::default(), None).unwrap();
        assert!(placeholders
            .az_script
            .contains("\"/subscriptions/<subscription-id>\""));
    }

    #[test]
    fn the_placeholders_left_are_named_with_what_fills_them() {
        let cat = crate::catalog().unwrap();
        let r = two_person_recipe(cat, &AncScopes::default(), None).unwrap();
        let left: Vec<AncValue> = r.placeholders.iter().map(|p| p.filled_by).collect();
        assert_eq!(
            left,
            [
                AncValue::Subscription,
                AncValue::ResourceGroup,
                AncValue::VirtualNetwork
            ]
        );
        // A virtual network id fills all three.
        let r = two_person_recipe(
            cat,
            &AncScopes {
                subscription: None,
                resource_group: Some("rg-cloudpc".into()),
                virtual_network: Some("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1".into()),
                vnet_resource_group: None,
            },
            None,
        )
        .unwrap();
        assert_eq!(r.placeholders, []);
        assert!(!r.az_script.contains('<') && !r.powershell_script.contains("<subscription"));
        // Only the virtual network missing: only it is named.
        let r = two_person_recipe(
            cat,
            &AncScopes {
                subscription: Some("11111111-2222-3333-4444-555555555555".into()),
                resource_group: Some("rg-cloudpc".into()),
                virtual_network: None,
                vnet_resource_group: None,
            },
            None,
        )
        .unwrap();
        let left: Vec<&str> = r.placeholders.iter().map(|p| p.text).collect();
        assert_eq!(left, ["<virtual-network>"]);
    }
}
