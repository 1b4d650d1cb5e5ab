//! Intune custom roles: the Graph request creating a
//! `deviceAndAppManagementRoleDefinition`, as HTTP, `az rest` or Microsoft Graph
//! PowerShell. The body reads back through [`crate::import`] to the same role.

use super::{graph, pretty, ExportError, Format};
use crate::model::Role;
use serde::Serialize;

const URL: &str = "https://graph.microsoft.com/beta/deviceManagement/roleDefinitions";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceAction<'a> {
    allowed_resource_actions: Vec<&'a str>,
    not_allowed_resource_actions: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RolePermission<'a> {
    resource_actions: Vec<ResourceAction<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Definition<'a> {
    #[serde(rename = "@odata.type")]
    odata_type: &'static str,
    display_name: &'a str,
    description: &'a str,
    role_permissions: Vec<RolePermission<'a>>,
    is_built_in: bool,
}

/// The Graph name of an Intune permission written short (`RemoteTasks/SyncDevice`)
/// or with underscores; other text as written.
pub(super) fn graph_name(p: &str) -> &str {
    match crate::bundle::catalog()
        .ok()
        .and_then(|c| c.intune.permission(p))
    {
        Some((_, perm)) => perm.graph.as_str(),
        None => p,
    }
}

/// The `deviceAndAppManagementRoleDefinition` body of an Intune role, as JSON.
pub fn intune_json(role: &Role) -> Result<String, ExportError> {
    pretty(&Definition {
        odata_type: "#microsoft.graph.deviceAndAppManagementRoleDefinition",
        display_name: &role.name,
        description: &role.description,
        role_permissions: vec![RolePermission {
            resource_actions: role
                .blocks
                .iter()
                .map(|b| ResourceAction {
                    allowed_resource_actions: b
                        .actions
                        .iter()
                        .map(|p| graph_name(p.as_str()))
                        .collect(),
                    not_allowed_resource_actions: b
                        .not_actions
                        .iter()
                        .map(|p| graph_name(p.as_str()))
                        .collect(),
                })
                .collect(),
        }],
        is_built_in: false,
    })
}

pub(super) fn export_intune(role: &Role, format: Format) -> Result<String, ExportError> {
    let body = intune_json(role)?;
    graph::request("Intune", role, URL, &body, format)
}
