//! "Paste an error": the corpus of realistic error texts (`tests/decode/cases.json`;
//! unknown fields are errors), with and without a request whose assignments explain
//! the denial, and a snapshot of one answer whole.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use w365_engine::decode::decode;
use w365_engine::evaluate::Environment;
use w365_engine::roleset::RoleSet;
use w365_engine::{catalog, request};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    rule: String,
    text: String,
    #[serde(default)]
    request: Option<Value>,
    #[serde(default)]
    expect: Option<Expect>,
    /// The error's message contains this.
    #[serde(default)]
    error: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    kind: Option<String>,
    code: Option<String>,
    action: Option<String>,
    scope: Option<String>,
    data_action: Option<bool>,
    object_id: Option<String>,
    client: Option<String>,
    decision: Option<String>,
    held: Option<String>,
    missing_count: Option<usize>,
    missing_action1: Option<String>,
    /// The fixes' kinds, in order.
    fix_kinds: Option<Vec<String>>,
    fix_count: Option<BTreeMap<String, usize>>,
    /// The first built-in role (or health-check role) fix.
    fix_role: Option<String>,
    /// The first built-in role fix's scope.
    fix_scope: Option<String>,
    /// Every built-in role fix's role, in order.
    fix_roles: Option<Vec<String>>,
    /// The check-scope fix's scope.
    check_scope: Option<String>,
    fix_list: Option<String>,
    fix_line: Option<String>,
    fix_message_contains: Option<String>,
    /// Some built-in role fix carries an az command.
    command: Option<bool>,
    reason_kinds: Option<Vec<String>>,
    note_contains: Option<String>,
    /// No note says this.
    #[serde(default)]
    note_absent: Option<String>,
    /// The deny assignment named (`denyAssignment.name`, `.id`, `.scope`,
    /// `.createdBy`, `.ownerResource`).
    deny_name: Option<String>,
    deny_id: Option<String>,
    deny_scope: Option<String>,
    deny_created_by: Option<String>,
    deny_owner_resource: Option<String>,
    /// A cross-tenant linked failure: `crossTenant.tenant`, `.linkedSubscription`.
    tenant: Option<String>,
    linked_subscription: Option<String>,
    /// No `decision` (nothing was evaluated).
    #[serde(default)]
    no_decision: bool,
    /// No `principal` at all.
    #[serde(default)]
    no_principal: bool,
    /// No `principal.client`.
    #[serde(default)]
    no_client: bool,
}

#[test]
fn corpus() {
    let cat = catalog().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/decode/cases.json");
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for c in &cases {
        let parsed;
        let empty;
        let env: &Environment<'_> = match &c.request {
            Some(r) => {
                parsed = request::parse(cat, &r.to_string()).unwrap();
                &parsed.env
            }
            None => {
                empty = Environment::new(RoleSet::new(cat, Vec::new()));
                &empty
            }
        };
        let result = decode(env, &c.text);
        let mut fail = |m: String| failures.push(format!("{}: {m}", c.rule));
        match (&c.error, result) {
            (Some(want), Err(e)) => {
                if !e.to_string().contains(want.as_str()) {
                    fail(format!("error `{e}`"));
                }
            }
            (Some(_), Ok(d)) => fail(format!("decoded as {:?}", d.kind)),
            (None, Err(e)) => fail(format!("not decoded: {e}")),
            (None, Ok(d)) => {
                let v = serde_json::to_value(&d).unwrap();
                let e = c.expect.as_ref().unwrap();
                let s = |k: &str| v[k].as_str().map(str::to_string);
                let mut check = |what: &str, want: &Option<String>, got: Option<String>| {
                    if want.is_some() && *want != got {
                        fail(format!("{what}: expected {want:?}, got {got:?}\n{v:#}"));
                    }
                };
                check("kind", &e.kind, s("kind"));
                check("code", &e.code, s("code"));
                check("action", &e.action, s("action"));
                check("scope", &e.scope, s("scope"));
                check(
                    "objectId",
                    &e.object_id,
                    v["principal"]["objectId"].as_str().map(str::to_string),
                );
                check(
                    "client",
                    &e.client,
                    v["principal"]["client"].as_str().map(str::to_string),
                );
                check("decision", &e.decision, s("decision"));
                let deny = |k: &str| v["denyAssignment"][k].as_str().map(str::to_string);
                check("deny name", &e.deny_name, deny("name"));
                check("deny id", &e.deny_id, deny("id"));
                check("deny scope", &e.deny_scope, deny("scope"));
                check("deny createdBy", &e.deny_created_by, deny("createdBy"));
                check("deny owner", &e.deny_owner_resource, deny("ownerResource"));
                let ct = |k: &str| v["crossTenant"][k].as_str().map(str::to_string);
                check("tenant", &e.tenant, ct("tenant"));
                check(
                    "linked subscription",
                    &e.linked_subscription,
                    ct("linkedSubscription"),
                );
                check(
                    "held",
                    &e.held,
                    v["held"]["action"].as_str().map(str::to_string),
                );
                check(
                    "missing[1]",
                    &e.missing_action1,
                    v["missing"][1]["action"].as_str().map(str::to_string),
                );
                let fixes = v["fixes"].as_array().unwrap();
                let role_fix = fixes
                    .iter()
                    .find(|f| f["kind"] == "builtInRole" || f["kind"] == "healthCheck");
                check(
                    "fix role",
                    &e.fix_role,
                    role_fix
                        .and_then(|f| f["role"].as_str())
                        .map(str::to_string),
                );
                check(
                    "fix scope",
                    &e.fix_scope,
                    role_fix
                        .and_then(|f| f["scope"].as_str())
                        .map(str::to_string),
                );
                check(
                    "check scope",
                    &e.check_scope,
                    fixes
                        .iter()
                        .find(|f| f["kind"] == "checkScope")
                        .and_then(|f| f["scope"].as_str())
                        .map(str::to_string),
                );
                let line_fix = fixes.iter().find(|f| f.get("list").is_some());
                check(
                    "fix list",
                    &e.fix_list,
                    line_fix
                        .and_then(|f| f["list"].as_str())
                        .map(str::to_string),
                );
                let replace = fixes.iter().find(|f| f["kind"] == "replaceAction");
                check(
                    "fix line",
                    &e.fix_line,
                    replace.and_then(|f| f["line"].as_str()).map(str::to_string),
                );
                if let Some(want) = &e.fix_roles {
                    let got: Vec<&str> = fixes
                        .iter()
                        .filter(|f| f["kind"] == "builtInRole")
                        .filter_map(|f| f["role"].as_str())
                        .collect();
                    if got != *want {
                        fail(format!("fix roles {got:?}"));
                    }
                }
                if e.no_decision && v.get("decision").is_some() {
                    fail(format!("decision {}", v["decision"]));
                }
                if e.no_principal && v.get("principal").is_some() {
                    fail(format!("principal {}", v["principal"]));
                }
                if e.no_client && v["principal"].get("client").is_some() {
                    fail(format!("client {}", v["principal"]["client"]));
                }
                if e.data_action.is_some_and(|x| v["dataAction"] != x) {
                    fail(format!("dataAction {}", v["dataAction"]));
                }
                if e.missing_count
                    .is_some_and(|n| v["missing"].as_array().map_or(0, Vec::len) != n)
                {
                    fail(format!("missing {}", v["missing"]));
                }
                let kinds: Vec<&str> = fixes.iter().map(|f| f["kind"].as_str().unwrap()).collect();
                if let Some(want) = &e.fix_kinds {
                    if kinds != *want {
                        fail(format!("fix kinds {kinds:?}"));
                    }
                }
                for (k, n) in e.fix_count.iter().flatten() {
                    if kinds.iter().filter(|x| *x == k).count() != *n {
                        fail(format!("fix kinds {kinds:?}"));
                    }
                }
                if let Some(m) = &e.fix_message_contains {
                    if !fixes
                        .iter()
                        .any(|f| f["message"].as_str().unwrap().contains(m.as_str()))
                    {
                        fail(format!("no fix says `{m}`: {fixes:#?}"));
                    }
                }
                if e.command == Some(true)
                    && !fixes.iter().any(|f| {
                        f["command"]
                            .as_str()
                            .is_some_and(|c| c.starts_with("az role assignment create"))
                    })
                {
                    fail("no az command".into());
                }
                if let Some(want) = &e.reason_kinds {
                    let got: Vec<&str> = v["reasons"]
                        .as_array()
                        .map(|r| r.iter().map(|x| x["kind"].as_str().unwrap()).collect())
                        .unwrap_or_default();
                    for k in want {
                        if !got.contains(&k.as_str()) {
                            fail(format!("reasons {got:?} lack {k}"));
                        }
                    }
                }
                if let Some(n) = &e.note_absent {
                    if v["notes"]
                        .as_array()
                        .is_some_and(|x| x.iter().any(|s| s.as_str().unwrap().contains(n.as_str())))
                    {
                        fail(format!("a note says `{n}`: {}", v["notes"]));
                    }
                }
                if let Some(n) = &e.note_contains {
                    if !v["notes"]
                        .as_array()
                        .is_some_and(|x| x.iter().any(|s| s.as_str().unwrap().contains(n.as_str())))
                    {
                        fail(format!("no note says `{n}`: {}", v["notes"]));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 25, "the decode corpus shrank");
}

#[test]
fn limits_are_checked_before_reading() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    let huge = "a".repeat(w365_engine::decode::MAX_TEXT + 1);
    let e = decode(&env, &huge).unwrap_err();
    assert!(e.to_string().starts_with("the error text has "), "{e}");
    // Hostile shapes: no panic, no hang.
    for t in [
        "'",
        "''''",
        "perform action '",
        "over scope '",
        "{\"error\":",
        "(",
        "()",
        "linked scope(s) ''",
        "\\u0027\\u0027",
    ] {
        let _ = decode(&env, t);
    }
}

#[test]
fn snapshot_of_a_deny_assignment_error() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/decode/err-deny-cli.txt");
    let text = std::fs::read_to_string(path).unwrap();
    insta::assert_json_snapshot!("decode_deny_assignment", decode(&env, &text).unwrap());
}

#[test]
fn snapshot_of_the_issue_example() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    let text = "AuthorizationFailed: The client 'admin@contoso.com' with object id '3c1d5e2a-9b7f-4e0a-8d6c-1f2e3a4b5c6d' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' over scope '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/s1' or the scope is invalid. If access was recently granted, please refresh your credentials.";
    insta::assert_json_snapshot!("decode_authorization_failed", decode(&env, text).unwrap());
}

/// Azure Storage's data-plane refusal names no action: said as what it is, with
/// the data action and role a blob read needs, not as "not about role-based
/// access" (an outside review).
#[test]
fn storage_data_plane_refusal_is_explained() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    for text in [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>",
        "ErrorCode:AuthorizationPermissionMismatch\nThis request is not authorized to perform this operation using this permission.",
    ] {
        let e = decode(&env, text).unwrap_err().to_string();
        assert!(e.starts_with("`AuthorizationPermissionMismatch` is Azure Storage's data-plane refusal"), "{e}");
        assert!(e.contains("Storage Blob Data Reader"), "{e}");
    }
}

/// Beside a health-check code the storage refusal is said in a note, not lost
/// (the code alone was decoded, as if the text named nothing else).
#[test]
fn storage_refusal_beside_a_health_check_code_is_noted() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    let text = "ErrorCode:AuthorizationPermissionMismatch\nHealth check failed: permissionCheckNoSubscriptionReaderRole";
    let d = decode(&env, text).unwrap();
    assert_eq!(
        d.health.as_ref().map(|h| h.code.as_str()),
        Some("permissionCheckNoSubscriptionReaderRole")
    );
    assert!(
        d.notes.iter().any(|n| n.starts_with("the text holds a second error: `AuthorizationPermissionMismatch` is Azure Storage's data-plane refusal")),
        "{:?}",
        d.notes
    );
    // Without the storage code, no such note.
    let d = decode(
        &env,
        "Health check failed: permissionCheckNoSubscriptionReaderRole",
    )
    .unwrap();
    assert!(
        !d.notes
            .iter()
            .any(|n| n.contains("AuthorizationPermissionMismatch")),
        "{:?}",
        d.notes
    );
}

/// Refused to Windows 365's own app (the error names its app id), the fix is the
/// role Windows 365 is given for an ANC, on the virtual network, assigned to the
/// app; no role for a person is offered (an outside review: an AKS add-on's role
/// was the first fix).
#[test]
fn a_refusal_to_the_windows365_app_is_fixed_with_its_anc_role() {
    let cat = catalog().unwrap();
    let env = Environment::new(RoleSet::new(cat, Vec::new()));
    let vnet = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet1";
    let text = format!("AuthorizationFailed: The client '0af06dc6-e4b5-4f28-818e-e78e62d137a5' with object id 'bbbbbbbb-1111-2222-3333-444444444444' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' over scope '{vnet}/subnets/s1' or the scope is invalid.");
    let d = decode(&env, &text).unwrap();
    let roles: Vec<&str> = d.fixes.iter().filter_map(|f| f.role.as_deref()).collect();
    assert_eq!(roles, ["Windows 365 Network User"], "{:?}", d.fixes);
    let f = &d.fixes[0];
    assert_eq!(f.scope.as_deref(), Some(vnet));
    assert_eq!(f.assignee.as_deref(), Some("windows365App"));
    assert!(
        f.command.as_deref().unwrap().starts_with(
            "az role assignment create --assignee 0af06dc6-e4b5-4f28-818e-e78e62d137a5 --role "
        ),
        "{f:?}"
    );
    assert!(
        !d.fixes.iter().any(|f| f.line.is_some()),
        "no custom role line for the service: {:?}",
        d.fixes
    );
    // The same error for a person keeps the person's fixes.
    let text = text.replace("0af06dc6-e4b5-4f28-818e-e78e62d137a5", "admin@contoso.com");
    let d = decode(&env, &text).unwrap();
    assert!(
        d.fixes.iter().all(|f| f.assignee.is_none()),
        "{:?}",
        d.fixes
    );
    assert!(d.fixes.iter().any(|f| f.line.is_some()));
}
