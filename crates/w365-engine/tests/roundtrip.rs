//! Export then import gives back the same role, for every built-in role and every
//! JSON-carrying format (ARM, az JSON, the az and PowerShell scripts, Graph).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use w365_engine::export::{export, export_with_warnings, Format};
use w365_engine::import::import;
use w365_engine::model::Role;
use w365_engine::{catalog, Plane};

fn same_permissions(a: &Role, b: &Role) -> bool {
    a.name == b.name
        && a.description == b.description
        && a.assignable_scopes == b.assignable_scopes
        && a.blocks.len() == b.blocks.len()
        && a.blocks.iter().zip(&b.blocks).all(|(x, y)| {
            x.actions == y.actions
                && x.not_actions == y.not_actions
                && x.data_actions == y.data_actions
                && x.not_data_actions == y.not_data_actions
                && x.condition.as_ref().map(|c| c.as_str())
                    == y.condition.as_ref().map(|c| c.as_str())
        })
}

#[test]
fn azure_roles_round_trip_through_every_json_format() {
    let cat = catalog().unwrap();
    let mut checked = 0;
    for (_, role) in cat.azure_roles() {
        for f in [
            Format::Arm,
            Format::Rest,
            Format::AzJson,
            Format::AzCli,
            Format::PowerShell,
        ] {
            let exported = match export_with_warnings(role, f) {
                Ok(t) => t,
                Err(e) => {
                    assert!(role.blocks.len() > 1, "{}: {e}", role.name);
                    continue;
                }
            };
            let back =
                import(&exported.text).unwrap_or_else(|e| panic!("{} via {f}: {e}", role.name));
            assert_eq!(back.len(), 1);
            // A condition is the one thing dropped, and it is named.
            let mut expected = role.clone();
            for b in &mut expected.blocks {
                if b.condition.take().is_some() {
                    assert!(
                        exported.warnings.iter().any(|w| w.contains("condition")),
                        "{} via {f}: a dropped condition is not named",
                        role.name
                    );
                }
            }
            assert!(
                same_permissions(&expected, &back[0].role),
                "{} via {f}",
                role.name
            );
            if matches!(f, Format::Arm | Format::Rest | Format::AzJson) {
                assert_eq!(back[0].role.id, role.id, "{} via {f}", role.name);
            }
            // Built-in roles are assignable at `/`, which a custom role is not.
            assert_eq!(
                exported.warnings.iter().any(|w| w.contains("`/`")),
                role.assignable_scopes.iter().any(|s| s == "/"),
                "{} via {f}",
                role.name
            );
            checked += 1;
        }
    }
    assert!(checked > 4000, "{checked}");
}

#[test]
fn cloud_pc_roles_round_trip_through_graph_az_and_powershell() {
    let cat = catalog().unwrap();
    for role in cat.roles.iter().filter(|r| r.plane() == Plane::CloudPc) {
        for f in [Format::Graph, Format::AzCli, Format::PowerShell] {
            let text = export(role, f).unwrap();
            let back = import(&text).unwrap().remove(0).role;
            assert_eq!(back.name, role.name);
            assert_eq!(
                back.blocks[0].actions, role.blocks[0].actions,
                "{} via {f}",
                role.name
            );
        }
    }
}

#[test]
fn intune_roles_round_trip_through_graph_az_and_powershell() {
    let cat = catalog().unwrap();
    let mut checked = 0;
    for role in cat.roles.iter().filter(|r| r.plane() == Plane::Intune) {
        for f in [Format::Graph, Format::AzCli, Format::PowerShell] {
            let text = export(role, f).unwrap();
            assert!(text.contains("deviceManagement/roleDefinitions"), "{text}");
            let back = import(&text).unwrap().remove(0);
            assert_eq!(back.shape, w365_engine::import::Shape::IntuneGraph);
            assert_eq!(back.role.kind, w365_engine::RoleKind::IntuneCustom);
            assert_eq!(back.role.name, role.name);
            assert_eq!(back.role.description, role.description);
            assert_eq!(
                back.role.blocks[0].actions, role.blocks[0].actions,
                "{} via {f}",
                role.name
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 30);
}

#[test]
fn hostile_text_survives_every_format() {
    let text = r#"{"roleName": "Evil' \"${x}\" %{y} <script>alert(1)</script>\n'@\nROLE_JSON",
        "description": "a\\b $(rm -rf /) `id`", "permissions": [{"actions": ["Microsoft.Compute/*/read"]}],
        "assignableScopes": ["/subscriptions/s1"]}"#;
    let role = import(text).unwrap().remove(0).role;
    for f in [
        Format::Arm,
        Format::Rest,
        Format::AzJson,
        Format::AzCli,
        Format::PowerShell,
    ] {
        let out = export(&role, f).unwrap();
        let back = import(&out).unwrap().remove(0).role;
        assert!(same_permissions(&role, &back), "{f}:\n{out}");
    }
    let bicep = export(&role, Format::Bicep).unwrap();
    assert!(
        bicep.contains(
            r#"roleName: 'Evil\' "\${x}" %{y} <script>alert(1)</script>\n\'@\nROLE_JSON'"#
        ),
        "{bicep}"
    );
    let tf = export(&role, Format::Terraform).unwrap();
    assert!(
        tf.contains(
            r#"name        = "Evil' \"$${x}\" %%{y} <script>alert(1)</script>\n'@\nROLE_JSON""#
        ),
        "{tf}"
    );
}

/// A name and description past ASCII are written in the PowerShell scripts as
/// JSON escapes, so the script is ASCII (Windows PowerShell 5.1 reads a `.ps1`
/// without a byte-order mark in the ANSI code page), and read back unchanged.
#[test]
fn powershell_scripts_are_ascii_and_keep_names_past_ascii() {
    let text = r#"{"roleName": "Ops Ünïcödé 日本 😀", "description": "déjà vu ‘quoted’", "assignableScopes": ["/subscriptions/11111111-1111-1111-1111-111111111111"], "permissions": [{"actions": ["Microsoft.Compute/virtualMachines/read"]}]}"#;
    let role = import(text).unwrap().remove(0).role;
    let cloud = r#"{"displayName": "Helpdesk Ünïcödé 日本", "description": "ça", "rolePermissions": [{"allowedResourceActions": ["Microsoft.CloudPC/CloudPCs/Reboot"]}]}"#;
    let cloud = import(cloud).unwrap().remove(0).role;
    for r in [&role, &cloud] {
        let out = export_with_warnings(r, Format::PowerShell).unwrap().text;
        let body = out
            .split("@'\n")
            .nth(1)
            .and_then(|b| b.split("\n'@").next())
            .unwrap();
        assert!(body.is_ascii(), "{body}");
        let back = import(&out).unwrap().remove(0).role;
        assert_eq!(back.name, r.name);
        assert_eq!(back.description, r.description);
    }
}
