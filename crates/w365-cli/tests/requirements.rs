//! `operations` on requirements of whole Azure roles ("Owner or User Access
//! Administrator on the subscription", "Reader on the subscription"): deny
//! assignments and assignment conditions count there as they do in `eval`
//! (review F1 H1, M1).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const SUB: &str = "/subscriptions/11111111-1111-1111-1111-111111111111";
const ME: &str = "11111111-aaaa-aaaa-aaaa-000000000001";

fn operation(request: &Value, id: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_w365-perms"))
        .args(["operations", "--operation", id])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["operations"][0].clone()
}

fn request(owner_condition: Option<&str>, deny_actions: Option<&[&str]>) -> Value {
    let mut owner = serde_json::json!({"role": "Owner", "scope": SUB, "principal": ME});
    if let Some(c) = owner_condition {
        owner["condition"] = c.into();
        owner["conditionVersion"] = "2.0".into();
    }
    let mut r = serde_json::json!({
        "principal": ME,
        "assignments": [{"role": "Windows 365 Administrator", "principal": ME}, owner],
        "context": {
            "subscription": SUB,
            "resourceGroup": format!("{SUB}/resourceGroups/anc-rg"),
            "virtualNetwork": format!("{SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet1"),
        }
    });
    if let Some(actions) = deny_actions {
        r["denyAssignments"] = serde_json::json!([{
            "name": "stack-deny", "scope": SUB, "actions": actions,
            "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}]
        }]);
    }
    r
}

fn texts(op: &Value, key: &str, field: &str) -> String {
    op[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn owner_on_the_subscription_creates_an_anc_and_windows_365_assigns_its_roles() {
    let op = operation(&request(None, None), "create-azure-network-connection");
    assert_eq!(op["status"], "allowed", "{op}");
    assert_eq!(op["service"]["assignment"], "automatic");
}

#[test]
fn a_deny_of_role_assignment_writes_takes_owner_away_from_the_requirement() {
    let deny = ["Microsoft.Authorization/roleAssignments/write"];
    let op = operation(
        &request(None, Some(&deny)),
        "create-azure-network-connection",
    );
    assert_eq!(op["status"], "denied", "{op}");
    assert_eq!(op["service"]["assignment"], "manual");
    let reasons = texts(&op, "reasons", "message");
    assert!(
        reasons.contains("deny assignment `stack-deny`")
            && reasons.contains("blocks 1 operation(s) of `Owner`"),
        "{reasons}"
    );
    // Reader's permissions stay held: the deny takes only the write.
    let missing = texts(&op, "missing", "requirement");
    assert!(!missing.contains("operations of `Reader`"), "{missing}");
}

#[test]
fn a_deny_of_everything_takes_reader_too() {
    let op = operation(
        &request(None, Some(&["*"])),
        "create-azure-network-connection",
    );
    assert_eq!(op["status"], "denied", "{op}");
    let missing = texts(&op, "missing", "requirement");
    assert!(
        missing.contains(
            "(7,692 of 7,692 operations of `Reader` not held, 7,692 of them blocked by a deny assignment)"
        ),
        "{missing}"
    );
    // No role assignment lifts a deny: the fix says so, not "assign Reader"
    // (review s43 F2).
    let fixes: Vec<&Value> = op["missing"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m.get("fix"))
        .collect();
    assert!(!fixes.is_empty(), "{op}");
    for f in &fixes {
        assert_eq!(f["kind"], "denyAssignment", "{f}");
        assert_eq!(f["name"], "stack-deny", "{f}");
    }
}

#[test]
fn a_delegation_condition_on_owner_narrows_only_role_assignment_writes() {
    let condition = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";
    let op = operation(
        &request(Some(condition), None),
        "create-azure-network-connection",
    );
    assert_eq!(op["status"], "conditional", "{op}");
    let missing = texts(&op, "missing", "requirement");
    // Before, all 7,692 of Reader and 18,263 of Owner were "not held".
    assert!(!missing.contains("operations of `Reader`"), "{missing}");
    assert!(
        missing.contains("(1 of 18,263 operations of `Owner` not surely held)"),
        "{missing}"
    );
}

#[test]
fn migrating_an_anc_needs_the_new_roles_assigned_not_only_the_old_ones_removed() {
    // Review F2 H2: Windows 365 Administrator with only roleAssignments/delete was
    // "allowed" to move an ANC to the new roles, which removes the old roles
    // without the new ones in place.
    let cleanup = serde_json::json!({
        "roleName": "Cleanup", "description": "x", "assignableScopes": [SUB],
        "permissions": [{"actions": ["Microsoft.Authorization/roleAssignments/read", "Microsoft.Authorization/roleAssignments/delete"]}]
    });
    let mut r = request(None, None);
    r["roles"] = serde_json::json!([cleanup]);
    r["assignments"] = serde_json::json!([
        {"role": "Windows 365 Administrator"},
        {"role": "Cleanup", "scope": SUB}
    ]);
    let op = operation(&r, "migrate-azure-network-connection-roles");
    assert_eq!(op["status"], "denied", "{op}");
    let missing = texts(&op, "missing", "requirement");
    assert!(
        missing.contains("`Owner` or `User Access Administrator`"),
        "{missing}"
    );
    // By hand: role-assignment writes on the resource group and the network do it.
    let mut with_write = cleanup.clone();
    with_write["permissions"][0]["actions"]
        .as_array_mut()
        .unwrap()
        .push("Microsoft.Authorization/roleAssignments/write".into());
    r["roles"] = serde_json::json!([with_write]);
    // ... and the retry of the health check the move is done by, which seed 001
    // says needs Owner or User Access Administrator on the subscription and the
    // health-checks page does not: conditional, as the retry itself (review of
    // 2026-12-05: it was "allowed" while the retry was conditional).
    let op = operation(&r, "migrate-azure-network-connection-roles");
    assert_eq!(op["status"], "conditional", "{op}");
    assert_eq!(
        operation(&r, "run-azure-network-connection-health-checks")["status"],
        "conditional"
    );
    // Owner on the subscription: the retry assigns them.
    let op = operation(
        &request(None, None),
        "migrate-azure-network-connection-roles",
    );
    assert_eq!(op["status"], "allowed", "{op}");
}

#[test]
fn a_custom_image_upload_reads_owner_or_admin_of_the_subscription_two_ways() {
    // Review F2 M7: "an Owner or admin of the subscription" was Owner only, so a
    // User Access Administrator (who can give Windows 365 its Reader role) was
    // told to get Owner. Now Owner is allowed, User Access Administrator
    // conditional with both readings shown, Reader denied.
    let with = |role: &str| {
        serde_json::json!({"assignments": [
            {"role": "Windows 365 Administrator"},
            {"role": role, "scope": SUB}
        ]})
    };
    let op = operation(&with("Owner"), "add-custom-image-without-anc");
    assert_eq!(op["status"], "allowed", "{op}");
    let op = operation(
        &with("User Access Administrator"),
        "add-custom-image-without-anc",
    );
    assert_eq!(op["status"], "conditional", "{op}");
    let conflict = &op["conflicts"][0];
    assert_eq!(conflict["agree"], false, "{op}");
    let positions: Vec<&str> = conflict["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(positions, ["denied", "allowed"], "{op}");
    let op = operation(&with("Reader"), "add-custom-image-without-anc");
    assert_eq!(op["status"], "denied", "{op}");
}

#[test]
fn a_deny_on_role_assignment_writes_where_windows365_assigns_its_roles_stops_the_automatic_assignment(
) {
    // Review J1 H2: a deny on roleAssignments/write at the ANC's resource group (or
    // its virtual network) left creating an ANC `allowed` with "Windows 365 assigns
    // its roles itself", though `eval` denied exactly those writes.
    for (at, slot) in [
        (format!("{SUB}/resourceGroups/anc-rg"), "resource group"),
        (
            format!(
                "{SUB}/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/vnet1"
            ),
            "virtual network",
        ),
    ] {
        let mut r = request(None, None);
        r["denyAssignments"] = serde_json::json!([{
            "name": "no-role-assignments", "scope": at,
            "actions": ["Microsoft.Authorization/roleAssignments/write"]
        }]);
        let op = operation(&r, "create-azure-network-connection");
        assert_eq!(op["status"], "denied", "{op}");
        assert_eq!(op["service"]["assignment"], "manual", "{op}");
        assert!(op["service"]["explanation"]
            .as_str()
            .unwrap()
            .contains("a deny assignment blocks writing role assignments"));
        let missing = texts(&op, "missing", "requirement");
        assert!(
            missing.contains(&format!(
                "no deny assignment blocking `Microsoft.Authorization/roleAssignments/write` on the {slot}"
            )),
            "{missing}"
        );
        // Not "Owner" again: it is held.
        assert!(!missing.contains("operations of `Owner`"), "{missing}");
        assert_eq!(
            operation(&r, "migrate-azure-network-connection-roles")["status"],
            "denied"
        );
        // A network an ANC used before has the roles already.
        assert_eq!(
            operation(&r, "create-azure-network-connection-existing-network")["status"],
            "allowed"
        );
        // Without the deny: allowed, assigned automatically.
        let op = operation(&request(None, None), "create-azure-network-connection");
        assert_eq!(op["status"], "allowed", "{op}");
        assert_eq!(op["service"]["assignment"], "automatic", "{op}");
    }
}
