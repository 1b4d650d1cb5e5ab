//! Write a role in the forms people deploy it with.
//!
//! Azure roles: ARM JSON, az CLI / PowerShell JSON, an `az` command, an Az
//! PowerShell script, Bicep and Terraform. Cloud PC roles: the Graph request to
//! `/roleManagement/cloudPC/roleDefinitions`; Intune roles: the Graph request to
//! `/deviceManagement/roleDefinitions`; each as HTTP, `az rest` or Microsoft Graph
//! PowerShell. Every JSON form reads back through [`crate::import`] to the same role.

mod error;
mod intune;
mod text;

pub use error::ExportError;
pub use intune::intune_json;

use crate::model::{PermissionBlock, Plane, Role};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;
use text::{bicep_str, hcl_str, kebab, shell_heredoc};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// ARM shape: `roleName`, `permissions[]`, `assignableScopes`.
    Arm,
    /// az CLI / PowerShell input: `Name`, `Actions`, ... flat.
    AzJson,
    /// A shell script running `az role definition create` (Azure) or `az rest` (Cloud PC).
    AzCli,
    /// An Az PowerShell script (Azure) or Microsoft Graph PowerShell (Cloud PC).
    PowerShell,
    /// A Bicep file.
    Bicep,
    /// A Terraform `azurerm_role_definition`.
    Terraform,
    /// The Graph request creating a Cloud PC or Intune role.
    Graph,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 7] = [
        Format::Arm,
        Format::AzJson,
        Format::AzCli,
        Format::PowerShell,
        Format::Bicep,
        Format::Terraform,
        Format::Graph,
    ];

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Arm => "arm",
            Format::AzJson => "az-json",
            Format::AzCli => "az-cli",
            Format::PowerShell => "powershell",
            Format::Bicep => "bicep",
            Format::Terraform => "terraform",
            Format::Graph => "graph",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Arm => "ARM JSON",
            Format::AzJson => "az CLI / PowerShell JSON",
            Format::AzCli => "Azure CLI script",
            Format::PowerShell => "PowerShell script",
            Format::Bicep => "Bicep",
            Format::Terraform => "Terraform",
            Format::Graph => "Microsoft Graph request",
        }
    }

    /// A file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Arm | Format::AzJson => "json",
            Format::AzCli => "sh",
            Format::PowerShell => "ps1",
            Format::Bicep => "bicep",
            Format::Terraform => "tf",
            Format::Graph => "http",
        }
    }

    /// Whether the format applies to roles of this plane.
    pub fn supports(self, plane: Plane) -> bool {
        match plane {
            Plane::Azure => self != Format::Graph,
            Plane::CloudPc | Plane::Intune => {
                matches!(self, Format::Graph | Format::AzCli | Format::PowerShell)
            }
            Plane::Entra => false,
        }
    }
}

impl FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn strings(p: &[crate::pattern::ActionPattern]) -> Vec<&str> {
    p.iter().map(|x| x.as_str()).collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArmBlock<'a> {
    actions: Vec<&'a str>,
    not_actions: Vec<&'a str>,
    data_actions: Vec<&'a str>,
    not_data_actions: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition_version: Option<&'a str>,
}

impl<'a> From<&'a PermissionBlock> for ArmBlock<'a> {
    fn from(b: &'a PermissionBlock) -> Self {
        ArmBlock {
            actions: strings(&b.actions),
            not_actions: strings(&b.not_actions),
            data_actions: strings(&b.data_actions),
            not_data_actions: strings(&b.not_data_actions),
            condition: b.condition.as_ref().map(|c| c.as_str()),
            condition_version: b.condition_version.as_deref(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArmRole<'a> {
    role_name: &'a str,
    description: &'a str,
    role_type: &'static str,
    permissions: Vec<ArmBlock<'a>>,
    assignable_scopes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AzRole<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    is_custom: bool,
    description: &'a str,
    actions: Vec<&'a str>,
    not_actions: Vec<&'a str>,
    data_actions: Vec<&'a str>,
    not_data_actions: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    condition_version: Option<&'a str>,
    assignable_scopes: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GraphPermission<'a> {
    allowed_resource_actions: Vec<&'a str>,
}

/// The Graph resource action for an admin-center name (`CloudPCs/Reboot`); other
/// text is kept as written.
fn graph_name(p: &str) -> &str {
    match crate::bundle::catalog()
        .ok()
        .and_then(|c| c.windows365.permission(p))
    {
        Some((_, perm)) => perm.graph.as_str(),
        None => p,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GraphRole<'a> {
    display_name: &'a str,
    description: &'a str,
    role_permissions: Vec<GraphPermission<'a>>,
}

const GRAPH_URL: &str = "https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions";

fn guid_id(role: &Role) -> Option<&str> {
    let id = role.id.as_str();
    let ok = id.len() == 36
        && id.chars().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    ok.then_some(id)
}

fn pretty<T: Serialize>(v: &T) -> Result<String, ExportError> {
    serde_json::to_string_pretty(v).map_err(|e| ExportError::Serialize(e.to_string()))
}

/// Write a role in a format.
pub fn export(role: &Role, format: Format) -> Result<String, ExportError> {
    let plane = role.plane();
    if !format.supports(plane) {
        return Err(ExportError::WrongPlane {
            format: format.as_str(),
            plane: plane.label(),
        });
    }
    match plane {
        Plane::Azure => export_azure(role, format),
        Plane::Intune => intune::export_intune(role, format),
        _ => export_cloud_pc(role, format),
    }
}

fn single_block(role: &Role, format: Format) -> Result<&PermissionBlock, ExportError> {
    match role.blocks.as_slice() {
        [one] => Ok(one),
        [] => Err(ExportError::NoPermissions),
        more => Err(ExportError::MultipleBlocks {
            format: format.as_str(),
            blocks: more.len(),
        }),
    }
}

fn az_json(role: &Role, format: Format) -> Result<String, ExportError> {
    let b = single_block(role, format)?;
    pretty(&AzRole {
        name: &role.name,
        id: guid_id(role),
        is_custom: true,
        description: &role.description,
        actions: strings(&b.actions),
        not_actions: strings(&b.not_actions),
        data_actions: strings(&b.data_actions),
        not_data_actions: strings(&b.not_data_actions),
        condition: b.condition.as_ref().map(|c| c.as_str()),
        condition_version: b.condition_version.as_deref(),
        assignable_scopes: &role.assignable_scopes,
    })
}

fn export_azure(role: &Role, format: Format) -> Result<String, ExportError> {
    match format {
        Format::Arm => pretty(&ArmRole {
            role_name: &role.name,
            description: &role.description,
            role_type: "CustomRole",
            permissions: role.blocks.iter().map(ArmBlock::from).collect(),
            assignable_scopes: &role.assignable_scopes,
            name: guid_id(role),
            kind: "Microsoft.Authorization/roleDefinitions",
        }),
        Format::AzJson => az_json(role, format),
        Format::AzCli => {
            let json = az_json(role, format)?;
            let file = format!("{}.json", kebab(&role.name));
            Ok(format!(
                "#!/usr/bin/env bash\n# Creates the Azure custom role \"{name}\" (w365-perms export).\n# Sign in first: az login; az account set --subscription <id>\nset -euo pipefail\n\n{heredoc}\naz role definition create --role-definition @{file}\n",
                name = role.name.replace(['\n', '\r'], " "),
                heredoc = shell_heredoc(&file, &json),
            ))
        }
        Format::PowerShell => {
            let b = single_block(role, format)?;
            let json = az_json(role, format)?;
            let _ = b;
            Ok(format!(
                "# Creates the Azure custom role \"{name}\" (w365-perms export).\n# Requires the Az.Resources module; sign in first with Connect-AzAccount.\n$ErrorActionPreference = 'Stop'\n$definition = @'\n{json}\n'@\n$path = Join-Path ([System.IO.Path]::GetTempPath()) '{file}.json'\nSet-Content -Path $path -Value $definition -Encoding utf8\nNew-AzRoleDefinition -InputFile $path\n",
                name = role.name.replace(['\n', '\r'], " "),
                json = json.replace("\n'@", "\n '@"),
                file = kebab(&role.name),
            ))
        }
        Format::Bicep => {
            let b = single_block(role, format)?;
            let list = |items: &[crate::pattern::ActionPattern]| -> String {
                if items.is_empty() {
                    return "[]".into();
                }
                let mut s = String::from("[\n");
                for p in items {
                    s.push_str(&format!("          {}\n", bicep_str(p.as_str())));
                }
                s.push_str("        ]");
                s
            };
            let mut scopes = String::from("[\n");
            for s in &role.assignable_scopes {
                scopes.push_str(&format!("      {}\n", bicep_str(s)));
            }
            scopes.push_str("    ]");
            let mut cond = String::new();
            if let Some(c) = &b.condition {
                cond = format!(
                    "        condition: {}\n        conditionVersion: {}\n",
                    bicep_str(c.as_str()),
                    bicep_str(b.condition_version.as_deref().unwrap_or("2.0"))
                );
            }
            Ok(format!(
                "// Creates the Azure custom role {name} (w365-perms export).\n// Deploy: az deployment sub create --location <region> --template-file {file}.bicep\ntargetScope = 'subscription'\n\nresource roleDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {{\n  name: {guid}\n  properties: {{\n    roleName: {rn}\n    description: {desc}\n    type: 'CustomRole'\n    permissions: [\n      {{\n        actions: {a}\n        notActions: {na}\n        dataActions: {da}\n        notDataActions: {nda}\n{cond}      }}\n    ]\n    assignableScopes: {scopes}\n  }}\n}}\n\noutput roleDefinitionId string = roleDefinition.id\n",
                name = bicep_str(&role.name),
                file = kebab(&role.name),
                guid = match guid_id(role) {
                    Some(g) => bicep_str(g),
                    None => format!("guid(subscription().id, {})", bicep_str(&role.name)),
                },
                rn = bicep_str(&role.name),
                desc = bicep_str(&role.description),
                a = list(&b.actions),
                na = list(&b.not_actions),
                da = list(&b.data_actions),
                nda = list(&b.not_data_actions),
            ))
        }
        Format::Terraform => {
            let b = single_block(role, format)?;
            if b.condition.is_some() {
                return Err(ExportError::Unsupported {
                    format: "terraform",
                    why: "azurerm_role_definition has no argument for a permission condition",
                });
            }
            let list = |items: &[crate::pattern::ActionPattern]| -> String {
                if items.is_empty() {
                    return "[]".into();
                }
                let mut s = String::from("[\n");
                for p in items {
                    s.push_str(&format!("      {},\n", hcl_str(p.as_str())));
                }
                s.push_str("    ]");
                s
            };
            let scope = role
                .assignable_scopes
                .first()
                .map(String::as_str)
                .unwrap_or("/");
            let mut scopes = String::from("[\n");
            for s in &role.assignable_scopes {
                scopes.push_str(&format!("    {},\n", hcl_str(s)));
            }
            scopes.push_str("  ]");
            let id_line = guid_id(role)
                .map(|g| format!("  role_definition_id = {}\n", hcl_str(g)))
                .unwrap_or_default();
            Ok(format!(
                "# Creates the Azure custom role {name} (w365-perms export).\nresource \"azurerm_role_definition\" \"{label}\" {{\n  name        = {name}\n{id_line}  scope       = {scope}\n  description = {desc}\n\n  permissions {{\n    actions          = {a}\n    not_actions      = {na}\n    data_actions     = {da}\n    not_data_actions = {nda}\n  }}\n\n  assignable_scopes = {scopes}\n}}\n",
                name = hcl_str(&role.name),
                label = kebab(&role.name).replace('-', "_"),
                scope = hcl_str(scope),
                desc = hcl_str(&role.description),
                a = list(&b.actions),
                na = list(&b.not_actions),
                da = list(&b.data_actions),
                nda = list(&b.not_data_actions),
            ))
        }
        Format::Graph => Err(ExportError::WrongPlane {
            format: "graph",
            plane: "Azure",
        }),
    }
}

/// The Graph `unifiedRoleDefinition` body of a Cloud PC role (what the `graph`
/// format sends), as JSON.
pub fn graph_json(role: &Role) -> Result<String, ExportError> {
    pretty(&GraphRole {
        display_name: &role.name,
        description: &role.description,
        role_permissions: vec![GraphPermission {
            allowed_resource_actions: role
                .blocks
                .iter()
                .flat_map(|b| b.actions.iter())
                .map(|p| graph_name(p.as_str()))
                .collect(),
        }],
    })
}

fn export_cloud_pc(role: &Role, format: Format) -> Result<String, ExportError> {
    let body = pretty(&GraphRole {
        display_name: &role.name,
        description: &role.description,
        role_permissions: vec![GraphPermission {
            allowed_resource_actions: role
                .blocks
                .iter()
                .flat_map(|b| b.actions.iter())
                .map(|p| graph_name(p.as_str()))
                .collect(),
        }],
    })?;
    let name = role.name.replace(['\n', '\r'], " ");
    match format {
        Format::Graph => Ok(format!("POST {GRAPH_URL}\nContent-Type: application/json\n\n{body}\n")),
        Format::AzCli => {
            let file = format!("{}.json", kebab(&role.name));
            Ok(format!(
                "#!/usr/bin/env bash\n# Creates the Cloud PC custom role \"{name}\" through Microsoft Graph (w365-perms export).\n# Sign in first: az login (the account needs permission to manage Cloud PC roles)\nset -euo pipefail\n\n{heredoc}\naz rest --method post --url {GRAPH_URL} --headers Content-Type=application/json --body @{file}\n",
                heredoc = shell_heredoc(&file, &body),
            ))
        }
        Format::PowerShell => Ok(format!(
            "# Creates the Cloud PC custom role \"{name}\" through Microsoft Graph (w365-perms export).\n# Requires Microsoft.Graph.Authentication; sign in with Connect-MgGraph -Scopes RoleManagement.ReadWrite.CloudPC\n$ErrorActionPreference = 'Stop'\n$body = @'\n{json}\n'@\nInvoke-MgGraphRequest -Method POST -Uri '{GRAPH_URL}' -Body $body -ContentType 'application/json'\n",
            json = body.replace("\n'@", "\n '@"),
        )),
        other => Err(ExportError::WrongPlane { format: other.as_str(), plane: "Cloud PC" }),
    }
}
