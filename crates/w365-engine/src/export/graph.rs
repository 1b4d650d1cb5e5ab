//! The scripts that send a Cloud PC or Intune role to Microsoft Graph: `az rest`
//! and Microsoft Graph PowerShell, and what signing in for them needs.
//!
//! Both endpoints (`roleManagement/cloudPC/roleDefinitions`,
//! `deviceManagement/roleDefinitions`) take `DeviceManagementRBAC.ReadWrite.All`,
//! delegated or application: the least-privileged permission Graph's "Create
//! roleDefinitions" page lists for the Cloud PC provider (`RoleManagement.ReadWrite.CloudPC`
//! is among its higher-privileged ones), and the one Intune's role definition
//! create page lists. The Azure CLI's own app is not pre-authorized for
//! `DeviceManagement*` Graph permissions (Azure/azure-cli#20572, #22775), so a token
//! from `az login` as a user is refused with 403; the `az rest` script therefore
//! takes a token from `GRAPH_TOKEN`, or runs signed in as an app registration (a
//! service principal, whose Graph token carries the application permissions granted
//! to it), and otherwise stops before sending anything, saying why.

use super::text::shell_heredoc;

/// The least-privileged Graph permission that creates a Cloud PC or Intune role
/// definition (delegated or application).
pub const GRAPH_PERMISSION: &str = "DeviceManagementRBAC.ReadWrite.All";

/// What running the `az-cli` export of a Graph role needs beyond the role: one
/// sentence, for the export's warnings on stderr and in the app.
pub(super) fn az_cli_sign_in() -> String {
    format!(
        "the `az-cli` script needs a Microsoft Graph token with `{GRAPH_PERMISSION}`, which `az login` as a user cannot get (the Azure CLI's own app is not pre-authorized for `DeviceManagement*` Graph permissions, so Graph would refuse it with 403): run it signed in as an app registration granted that application permission (`az login --service-principal ... --allow-no-subscriptions`), or with a token that has it in `GRAPH_TOKEN`; otherwise it stops before sending anything; the `powershell` export signs in with `Connect-MgGraph -Scopes {GRAPH_PERMISSION}`"
    )
}

/// The `az rest` script posting `body` (saved as `file`) to `url`; `what` is
/// "Cloud PC" or "Intune", `name` the role's name on one line.
pub(super) fn az_rest_script(what: &str, name: &str, url: &str, file: &str, body: &str) -> String {
    format!(
        "#!/usr/bin/env bash
# Creates the {what} custom role \"{name}\" through Microsoft Graph (w365-perms export).
# Needs a Microsoft Graph token with {GRAPH_PERMISSION} (the least-privileged permission for this request).
# `az login` as a user cannot get one: the Azure CLI's own app is not pre-authorized for DeviceManagement*
# Graph permissions (Azure/azure-cli#20572, #22775), so Graph would refuse its token with 403. Either
#   - sign in as an app registration granted the application permission {GRAPH_PERMISSION}:
#     az login --service-principal --tenant <tenant-id> --allow-no-subscriptions, with the app's id and its
#     secret or certificate (az login --help),
#   - or put a token that has it (delegated or application) in GRAPH_TOKEN before running this script,
#   - or use the powershell export instead (Connect-MgGraph -Scopes {GRAPH_PERMISSION}).
set -euo pipefail

if [ -n \"${{GRAPH_TOKEN:-}}\" ]; then
  auth=(--skip-authorization-header --headers \"Content-Type=application/json\" \"Authorization=Bearer ${{GRAPH_TOKEN}}\")
elif [ \"$(az account show --query user.type --output tsv 2>/dev/null || true)\" = \"servicePrincipal\" ]; then
  auth=(--headers \"Content-Type=application/json\")
else
  echo \"This script needs a Microsoft Graph token with {GRAPH_PERMISSION}, which az login as a user cannot get (see the comments at its top): sign in with az login --service-principal as an app granted it, or set GRAPH_TOKEN.\" >&2
  exit 1
fi

{heredoc}az rest --method post --url {url} \"${{auth[@]}}\" --body @{file}
",
        heredoc = shell_heredoc(file, body),
    )
}

/// The Microsoft Graph PowerShell script posting `body` to `url`.
pub(super) fn powershell_script(what: &str, name: &str, url: &str, body: &str) -> String {
    format!(
        "# Creates the {what} custom role \"{name}\" through Microsoft Graph (w365-perms export).\n#Requires -Modules Microsoft.Graph.Authentication\n$ErrorActionPreference = 'Stop'\n# Signs in with the one Graph permission creating the role needs, unless this session has it.\n$context = Get-MgContext\nif (-not $context -or $context.Scopes -notcontains '{GRAPH_PERMISSION}') {{\n    Connect-MgGraph -Scopes '{GRAPH_PERMISSION}'\n}}\n$body = @'\n{json}\n'@\nInvoke-MgGraphRequest -Method POST -Uri '{url}' -Body $body -ContentType 'application/json'\n",
        json = super::text::ascii_json(body).replace("\n'@", "\n '@"),
    )
}

/// A Graph role definition `body` in `format`: the HTTP request, or the `az rest`
/// or Microsoft Graph PowerShell script that sends it; `what` names the plane
/// (`Cloud PC`, `Intune`), whose role this format cannot write otherwise.
pub(super) fn request(
    what: &'static str,
    role: &crate::model::Role,
    url: &str,
    body: &str,
    format: super::Format,
) -> Result<String, super::ExportError> {
    let name = crate::text::comment_line(&role.name);
    match format {
        super::Format::Graph => Ok(format!(
            "POST {url}\nContent-Type: application/json\n\n{body}\n"
        )),
        super::Format::AzCli => Ok(az_rest_script(
            what,
            &name,
            url,
            &super::file_name(&role.name, super::Format::AzJson),
            body,
        )),
        super::Format::PowerShell => Ok(powershell_script(what, &name, url, body)),
        other => Err(super::ExportError::WrongPlane {
            format: other.as_str(),
            plane: what,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_az_rest_script_never_sends_a_token_graph_refuses() {
        let s = az_rest_script("Cloud PC", "R", "https://x/y", "r.json", "{}");
        // The POST uses the token given, or a service principal's, never a user's.
        assert!(s.contains("--skip-authorization-header"));
        assert!(s.contains("\"${auth[@]}\""));
        let stop = s.find("exit 1").unwrap();
        assert!(stop < s.find("az rest").unwrap());
        assert!(s.contains(GRAPH_PERMISSION));
        assert!(!s.contains("RoleManagement.ReadWrite.CloudPC"));
    }
}
