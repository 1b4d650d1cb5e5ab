//! Snapshots of what people read: lint output, exports, explanations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::path::Path;
use w365_engine::export::{export, export_with_warnings, Format};
use w365_engine::import::import;
use w365_engine::lint::lint_imported;
use w365_engine::{catalog, explain, request};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn lint_text(name: &str) -> String {
    let cat = catalog().unwrap();
    let roles = import(&fixture(name)).unwrap();
    roles
        .iter()
        .flat_map(|r| lint_imported(cat, r))
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn lint_of_a_sloppy_azure_role() {
    insta::assert_snapshot!(lint_text("sloppy-azure-role.json"));
}

#[test]
fn lint_of_a_clean_azure_role() {
    insta::assert_snapshot!(lint_text("clean-azure-role.json"));
}

#[test]
fn lint_of_a_cloud_pc_role() {
    insta::assert_snapshot!(lint_text("cloudpc-role.json"));
}

#[test]
fn exports_of_an_azure_role() {
    let role = import(&fixture("clean-azure-role.json"))
        .unwrap()
        .remove(0)
        .role;
    for f in [
        Format::Arm,
        Format::Rest,
        Format::AzJson,
        Format::AzCli,
        Format::PowerShell,
        Format::Bicep,
        Format::Terraform,
    ] {
        insta::assert_snapshot!(
            format!("export_azure_{}", f.as_str()),
            export(&role, f).unwrap()
        );
    }
    assert!(export(&role, Format::Graph).is_err());
}

#[test]
fn exports_of_a_cloud_pc_role() {
    let role = import(&fixture("cloudpc-role.json"))
        .unwrap()
        .remove(0)
        .role;
    for f in [Format::Graph, Format::AzCli, Format::PowerShell] {
        insta::assert_snapshot!(
            format!("export_cloudpc_{}", f.as_str()),
            export(&role, f).unwrap()
        );
    }
    assert!(export(&role, Format::Bicep).is_err());
}

/// What each format drops from a role it cannot hold, named: a condition, an
/// empty description, the root scope; NotActions and data actions in a Graph role.
#[test]
fn export_warnings_name_what_is_dropped() {
    let azure = import(
        r#"{"roleName": "Blob reader", "description": "", "assignableScopes": ["/"],
        "permissions": [{"actions": ["Microsoft.Storage/*/read"],
        "dataActions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
        "condition": "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'",
        "conditionVersion": "2.0"}]}"#,
    )
    .unwrap()
    .remove(0)
    .role;
    let cloud_pc = import(
        r#"{"displayName": "Reboot", "rolePermissions": [{"allowedResourceActions": ["Microsoft.CloudPC/CloudPCs/Reboot"]}]}"#,
    )
    .unwrap()
    .remove(0)
    .role;
    let mut cloud_pc = cloud_pc;
    cloud_pc.blocks[0].not_actions = vec!["Microsoft.CloudPC/CloudPCs/Read".parse().unwrap()];
    let mut out = String::new();
    for (role, formats) in [
        (&azure, &Format::ALL[..]),
        (&cloud_pc, &[Format::Graph][..]),
    ] {
        for f in formats {
            match export_with_warnings(role, *f) {
                Ok(e) => {
                    out.push_str(&format!("{} {f}:\n", role.name));
                    for w in &e.warnings {
                        out.push_str(&format!("  warning: {w}\n"));
                    }
                    assert!(
                        !e.text.contains("StringEquals"),
                        "{f} keeps the condition it warns about"
                    );
                }
                Err(e) => out.push_str(&format!("{} {f}: error: {e}\n", role.name)),
            }
        }
    }
    let mut unnamed = azure.clone();
    unnamed.name = " ".into();
    out.push_str(&format!(
        "unnamed arm: error: {}\n",
        export_with_warnings(&unnamed, Format::Arm).unwrap_err()
    ));
    insta::assert_snapshot!(out);
}

const REQUEST: &str = r#"{
  "roles": [{"displayName": "Provisioning", "rolePermissions": [{"allowedResourceActions": [
    "Microsoft.CloudPC/ProvisioningPolicies/Read", "Microsoft.CloudPC/ProvisioningPolicies/Create",
    "Microsoft.CloudPC/OnPremisesConnections/Read", "Microsoft.CloudPC/SupportedRegion/Read",
    "Microsoft.CloudPC/DeviceImages/Read", "Microsoft.CloudPC/OnPremisesConnections/Create"]}]}],
  "assignments": [
    {"role": "Provisioning"},
    {"role": "Reader", "scope": "/subscriptions/s1"},
    {"role": "Contributor", "scope": "/subscriptions/s1/resourceGroups/anc-rg"}
  ],
  "queries": [
    {"action": "Microsoft.Authorization/roleAssignments/write", "scope": "/subscriptions/s1/resourceGroups/anc-rg"},
    {"action": "Microsoft.Network/virtualNetworks/subnets/join/action", "scope": "/subscriptions/s1/resourceGroups/anc-rg/providers/Microsoft.Network/virtualNetworks/vnet"},
    {"action": "CloudPCs/Reboot"}
  ]
}"#;

#[test]
fn explanation_of_decisions_and_operations() {
    let cat = catalog().unwrap();
    let req = request::parse(cat, REQUEST).unwrap();
    let items: Vec<_> = req
        .queries
        .iter()
        .map(|q| (q.clone(), req.env.evaluate(q)))
        .collect();
    insta::assert_snapshot!("explain_decisions", explain::evaluations(&items));
    let results = req.env.operations(&req.context);
    let picked: Vec<_> = results
        .into_iter()
        .filter(|r| {
            [
                "create-provisioning-policy",
                "create-azure-network-connection",
                "create-azure-network-connection-existing-network",
            ]
            .contains(&r.id.as_str())
        })
        .collect();
    insta::assert_snapshot!(
        "explain_operations",
        explain::operations(cat, &req.context, &picked)
    );
}
