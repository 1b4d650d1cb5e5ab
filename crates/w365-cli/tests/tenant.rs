//! `w365-perms tenant` and `w365-perms report` from the outside: the samples of
//! `crates/w365-engine/tests/tenant/`, exit 0 with JSON, Markdown or HTML on
//! stdout and notes on stderr; exit 2 with one line for unusable input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_w365-perms"))
        .args(args)
        .output()
        .unwrap()
}

/// Run a command that must succeed; its JSON output.
fn json_of(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A file of `tests/fixtures/<dir>/`, as a path argument.
fn fixture_in(dir: &str, name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../w365-engine/tests/tenant")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

const SAMPLES: [&str; 7] = [
    "az-role-assignment-list.json",
    "az-role-definition-list-custom.json",
    "get-azroleassignment.json",
    "graph-cloudpc-roleassignments.json",
    "graph-cloudpc-roledefinitions.json",
    "graph-directory-roleassignments.json",
    "intune-roleassignments.json",
];

fn inputs() -> Vec<String> {
    SAMPLES
        .iter()
        .flat_map(|s| ["--input".to_string(), sample(s)])
        .collect()
}

fn one_line_error(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn tenant_reviews_every_export_per_principal() {
    let mut args = vec!["tenant".to_string()];
    args.extend(inputs());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    // Once: a parser that refuses duplicate keys must read it.
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("\"schemaVersion\"").count(), 1);
    assert_eq!(v["summary"]["principals"], 9);
    assert_eq!(v["summary"]["canEscalate"], 5);
    assert_eq!(v["sources"].as_array().unwrap().len(), 7);
    let first = &v["principals"][0];
    assert_eq!(first["level"], "critical");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("w365-perms: note: 4 assignment(s) read as az role assignment list"),
        "{err}"
    );
    assert!(err.contains("`createdOn`"), "{err}");
}

#[test]
fn an_exported_assignment_works_in_eval() {
    let req = r#"{"assignments": [{"principalName": "a@x.com", "principalType": "User", "principalId": "p", "roleDefinitionName": "Reader", "scope": "/subscriptions/s1", "createdOn": "2025-01-01"}],
      "queries": [{"action": "Microsoft.Compute/virtualMachines/read", "scope": "/subscriptions/s1/resourceGroups/rg"}]}"#;
    let dir = std::env::temp_dir().join(format!("w365-tenant-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("req.json");
    std::fs::write(&f, req).unwrap();
    let out = run(&["eval", "--input", f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["results"][0]["decision"], "allow", "{v}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("`createdOn`"));
}

/// Review s43 T1: the signed report names every principal with what it holds and
/// the Windows 365 tasks it can do, and the assignments it could not review.
#[test]
fn a_tenant_report_lists_principals_and_what_it_could_not_review() {
    let dir = std::env::temp_dir().join(format!("w365-report-rows-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("az.json");
    std::fs::write(
        &f,
        r#"[{"principalId": "11111111-0000-4000-8000-000000000001", "principalName": "carol@contoso.com", "principalType": "User", "roleDefinitionName": "Legacy Image Builder", "roleDefinitionId": "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/deadbeef-0000-4000-8000-00000000abcd", "scope": "/subscriptions/11111111-1111-1111-1111-111111111111"},
            {"principalId": "11111111-0000-4000-8000-000000000002", "principalName": "ann@contoso.com", "principalType": "User", "roleDefinitionName": "Reader", "roleDefinitionId": "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", "scope": "/subscriptions/11111111-1111-1111-1111-111111111111"}]"#,
    )
    .unwrap();
    let out = run(&["report", "--input", f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Principals\n"), "{md}");
    assert!(
        md.contains("| ann@contoso.com (11111111-0000-4000-8000-000000000002) | User |"),
        "{md}"
    );
    assert!(
        md.contains("Reader at /subscriptions/11111111-1111-1111-1111-111111111111"),
        "{md}"
    );
    assert!(md.contains("## Assignments not reviewed"), "{md}");
    assert!(
        md.contains("| Legacy Image Builder | 1 | $\\[0\\].roleDefinitionId |"),
        "{md}"
    );
    assert!(md.contains("(1 distinct evaluated, 1 skipped)"), "{md}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_writes_markdown_html_and_json() {
    let mut args = vec!["report".to_string()];
    args.extend(inputs());
    for (format, marker) in [
        ("markdown", "# Tenant review"),
        ("html", "@media print"),
        ("json", "\"kind\": \"tenant\""),
    ] {
        let mut a = args.clone();
        a.extend(["--format".to_string(), format.to_string()]);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = run(&a);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            assert_eq!(text.matches("\"schemaVersion\"").count(), 1);
        }
        assert!(
            text.contains(marker),
            "{format}: {}",
            &text[..200.min(text.len())]
        );
    }
    // A design: one request file.
    let dir = std::env::temp_dir().join(format!("w365-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("design.json");
    std::fs::write(
        &f,
        r#"{"roles": [{"roleName": "Contoso Net", "permissions": [{"actions": ["Microsoft.Network/virtualNetworks/read"]}], "assignableScopes": ["/subscriptions/s1"]}],
            "assignments": [{"role": "Contoso Net", "scope": "/subscriptions/s1"}]}"#,
    )
    .unwrap();
    let out = run(&["report", "--input", f.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("# Role review: Contoso Net"), "{md}");
    assert!(md.contains("## Nearest built-in role"));
}

#[test]
fn unusable_input_exits_2_with_one_line() {
    let dir = std::env::temp_dir().join(format!("w365-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.json");
    std::fs::write(
        &f,
        r#"[{"roleDefinitionName": "Reader", "principalId": "p", "scope": 5}]"#,
    )
    .unwrap();
    let e = one_line_error(&run(&["tenant", "--input", f.to_str().unwrap()]));
    assert!(
        e.contains("bad.json") && e.contains("$[0].scope") && e.contains("expected a string"),
        "{e}"
    );
    let e = one_line_error(&run(&["report", "--input", f.to_str().unwrap()]));
    assert!(e.contains("expected a string"), "{e}");
    let e = one_line_error(&run(&["tenant"]));
    assert!(e.contains("--input FILE"), "{e}");
    let e = one_line_error(&run(&[
        "report",
        "--input",
        f.to_str().unwrap(),
        "--format",
        "pdf",
    ]));
    assert!(e.contains("unknown format `pdf`"), "{e}");
    let e = one_line_error(&run(&["tenant", "--input", "/nonexistent/x.json"]));
    assert!(e.contains("cannot read"), "{e}");
    // A scoped role membership names its role by the directory role's object id
    // in the tenant: refused with the export to use instead, not read as a role
    // definition missing its name.
    let scoped = dir.join("scoped.json");
    std::fs::write(
        &scoped,
        r#"{"value":[{"id":"zB1","roleId":"5b3f0e21-0000-0000-0000-000000000001","administrativeUnitId":"au-1","roleMemberInfo":{"id":"u-1","displayName":"Alex Wilber"}}]}"#,
    )
    .unwrap();
    let e = one_line_error(&run(&["tenant", "--input", scoped.to_str().unwrap()]));
    assert!(
        e.contains("$.value[0]")
            && e.contains("scoped role membership")
            && e.contains("roleManagement/directory/roleAssignments")
            && !e.contains("roleName"),
        "{e}"
    );
}

fn deny_sample(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../w365-engine/tests/deny")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn deny_assignment_exports_are_read_and_applied_per_principal() {
    let arm = deny_sample("arm-denyassignments.json");
    let ps = deny_sample("get-azdenyassignment.json");
    let az = sample("az-role-assignment-list.json");
    let out = run(&["tenant", "--input", &az, "--input", &arm, "--input", &ps]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let review: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let denies: Vec<u64> = review["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["denyAssignments"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(denies, vec![0, 1, 1]);
    let notes = review["notes"].to_string();
    assert!(notes.contains("2 deny assignment(s) read"), "{notes}");
    assert!(notes.contains("applied per principal"), "{notes}");
    assert!(!notes.contains("not applied"), "{notes}");
    // The two files hold the same deployment-stack deny (everyone but its
    // service principal, `*/delete` and `*/write` but `*/read`, on the
    // subscription): alex (Owner there) loses its writes and deletes.
    let alex = review["principals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["principal"]["name"] == "alex@contoso.com")
        .unwrap();
    let scope = &alex["azure"][0];
    assert!(scope["denied"].as_u64().unwrap_or(0) > 1000, "{scope}");
    assert_eq!(alex["denies"].as_array().map(Vec::len), Some(2), "{alex}");
    assert!(alex["denies"][0]["removed"].as_u64().unwrap_or(0) > 1000);
    assert!(!alex["flags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["flag"] == "role-assignment-write"));
    assert_eq!(review["summary"]["principalsAffectedByDenies"], 3);
    // Two principals surely lose them; the group's members may include the
    // service principal the deny spares, so for the group it is conditional.
    assert_eq!(review["summary"]["denyAssignments"][0]["principals"], 2);
    assert_eq!(
        review["summary"]["denyAssignments"][0]["conditionalPrincipals"],
        1
    );
    assert!(
        notes.contains("deny assignments applied: 2 of 2"),
        "{notes}"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("w365-perms: note: 2 deny assignment(s) read"),
        "{err}"
    );
    assert!(!err.contains("missing the role name"), "{err}");
    // The report says it on stderr and in its notes and sources.
    let out = run(&["report", "--input", &az, "--input", &ps]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 deny assignment(s) read"), "{err}");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("1 deny assignment(s) (applied per principal"),
        "{md}"
    );
    assert!(md.contains("## Deny assignments"), "{md}");
    assert!(
        md.contains("| alex@contoso.com | User | deny `Deny assignment created by deployment stack 'stack-prod'.` at `/subscriptions/11111111-2222-3333-4444-555555555555` removes "),
        "{md}"
    );
    // A deny export alone is a tenant review with no assignments, not an error.
    let out = run(&["tenant", "--input", &arm]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken deny assignment is refused at its path, on one line.
    let dir = std::env::temp_dir().join(format!("w365-tenant-deny-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad-deny.json");
    std::fs::write(
        &bad,
        r#"[{"DenyAssignmentName": "d", "Actions": ["*"], "Scope": "/subscriptions/s1", "Principals": [{"Idd": "x"}]}]"#,
    )
    .unwrap();
    let err = one_line_error(&run(&["tenant", "--input", bad.to_str().unwrap()]));
    assert!(err.contains("unknown key `Idd`"), "{err}");
}

/// What deny assignments do to the sample tenant, as a snapshot: the
/// deployment-stack deny on the subscription (everyone but its service
/// principal) and a deny naming a group on the network resource group, whose
/// members are not in the exports.
#[test]
fn deny_assignments_per_principal_match_their_snapshot() {
    let dir = std::env::temp_dir().join(format!("w365-tenant-denies-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let group = dir.join("group-deny.json");
    std::fs::write(
        &group,
        r#"[{"DenyAssignmentName": "network-freeze", "Actions": ["Microsoft.Network/*"], "NotActions": ["*/read"], "Scope": "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-w365-network", "DoNotApplyToChildScopes": false, "Principals": [{"Id": "eeeeeeee-0000-4000-8000-000000000009", "Type": "Group", "DisplayName": "Change freeze"}], "ExcludePrincipals": []}]"#,
    )
    .unwrap();
    let az = sample("az-role-assignment-list.json");
    let arm = deny_sample("arm-denyassignments.json");
    let out = run(&[
        "tenant",
        "--input",
        &az,
        "--input",
        &arm,
        "--input",
        group.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let review: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let principals: Vec<serde_json::Value> = review["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            serde_json::json!({
                "principal": p["principal"]["name"],
                "level": p["level"],
                "canEscalate": p["canEscalate"],
                "azure": p["azure"].as_array().unwrap().iter().map(|s| serde_json::json!({
                    "scope": s["scope"],
                    "actions": s["actions"],
                    "conditionalActions": s["conditionalActions"],
                    "conditionalDataActions": s["conditionalDataActions"],
                    "denied": s["denied"],
                    "denies": s["denies"],
                })).collect::<Vec<_>>(),
                "denies": p["denies"],
                "conditionalFlags": p["flags"].as_array().unwrap().iter()
                    .filter(|f| f["conditional"] == true)
                    .map(|f| serde_json::json!({"flag": f["flag"], "level": f["level"], "message": f["message"]}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    insta::assert_json_snapshot!(
        "tenant_denies",
        serde_json::json!({
            "principalsAffectedByDenies": review["summary"]["principalsAffectedByDenies"],
            "denyAssignments": review["summary"]["denyAssignments"],
            "principals": principals,
        })
    );
}

/// Review F2 H4, H5 and M1 from the outside: Privileged Role Administrator
/// (Entra), Intune Role Administrator (Intune) and Cloud PC roles holding
/// `Role Assignments/Create` alone or `Roles/Update` on a custom role the holder
/// holds can all grant themselves more rights: `canEscalate` is true for each,
/// the summary counts them, the report lists them under "Principals who can
/// escalate", and neither PRA nor Intune Role Administrator is among the roles
/// that never reach Windows 365. Before: all four `canEscalate: false`, both
/// roles listed as never reaching Windows 365.
#[test]
fn role_assigners_outside_azure_can_escalate() {
    let dir = std::env::temp_dir().join(format!("w365-assigners-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "dir.json",
            r#"{"value":[{"id":"x5","principalId":"f4f4f4f4-0000-0000-0000-000000000014","roleDefinitionId":"e8611ab8-c189-46e8-94e1-60213ab1f814","directoryScopeId":"/"}]}"#,
        ),
        (
            "intune.json",
            r#"{"value":[
              {"id":"ia1","members":["i1i1i1i1-0000-0000-0000-000000000041"],"roleDefinition":{"id":"9e0cc482-82df-4ab2-a24c-0c23a3f52e1e","displayName":"Help Desk Operator","isBuiltIn":true}},
              {"id":"ia2","members":["i2i2i2i2-0000-0000-0000-000000000042"],"roleDefinition":{"id":"0bd113fe-6be5-400c-a28f-ae5553f9c0be","displayName":"Intune Role Administrator","isBuiltIn":true}}]}"#,
        ),
        (
            "cpc.json",
            r#"{"value":[
              {"id":"d0d0d0d0-0000-0000-0000-0000000000c3","displayName":"CPC Assigner Only","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/RoleAssignments/Create","Microsoft.CloudPC/Roles/Read"]}]},
              {"id":"d0d0d0d0-0000-0000-0000-0000000000c4","displayName":"CPC RoleEditor Only","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/Roles/Update","Microsoft.CloudPC/Roles/Read"]}]},
              {"id":"a1","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000c3","principalIds":["p1p1p1p1-0000-0000-0000-000000000001"],"directoryScopeIds":["/"]},
              {"id":"a2","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000c4","principalIds":["p2p2p2p2-0000-0000-0000-000000000002"],"directoryScopeIds":["/"]}]}"#,
        ),
    ];
    let mut args = vec!["tenant".to_string()];
    for (name, text) in files {
        let f = dir.join(name);
        std::fs::write(&f, text).unwrap();
        args.extend(["--input".to_string(), f.to_string_lossy().into_owned()]);
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let v = json_of(&a);
    let row = |id: &str| {
        v["principals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["principal"]["id"] == id)
            .unwrap()
            .clone()
    };
    for (id, flag) in [
        ("f4f4f4f4-0000-0000-0000-000000000014", "entra-escalation"),
        ("i2i2i2i2-0000-0000-0000-000000000042", "intune-escalation"),
        ("p1p1p1p1-0000-0000-0000-000000000001", "cloudpc-escalation"),
        ("p2p2p2p2-0000-0000-0000-000000000002", "cloudpc-escalation"),
    ] {
        let p = row(id);
        assert_eq!(p["canEscalate"], true, "{id}: {p}");
        assert_eq!(p["level"], "critical", "{id}: {p}");
        assert!(
            p["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["flag"] == flag && f["escalation"] == true),
            "{id}: {p}"
        );
    }
    assert_eq!(
        row("i1i1i1i1-0000-0000-0000-000000000041")["canEscalate"],
        false
    );
    assert_eq!(v["summary"]["canEscalate"], 4, "{}", v["summary"]);
    let never = v["summary"]["neverReachWindows365"].as_array().unwrap();
    for role in ["Intune Role Administrator", "Privileged Role Administrator"] {
        assert!(!never.iter().any(|n| n == role), "{never:?}");
    }
    args[0] = "report".to_string();
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let md = String::from_utf8(run(&a).stdout).unwrap();
    let section = md
        .split("## Principals who can escalate")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    for id in [
        "f4f4f4f4-0000-0000-0000-000000000014",
        "i2i2i2i2-0000-0000-0000-000000000042",
    ] {
        assert!(section.contains(id), "{id} not in: {section}");
    }
}

/// Review i2 F5: a principal whose Cloud PC custom role holds `Role Assignments/Update`
/// can escalate (it adds a group to an existing Cloud PC Administrator assignment),
/// as one holding `Role Assignments/Create` can.
#[test]
fn cloud_pc_role_assignment_update_can_escalate() {
    let fixture = |name: &str| fixture_in("review-i2", name);
    let defs = fixture("tenant-cpc-defs.json");
    let asg = fixture("tenant-cpc-asg.json");
    let v = json_of(&["tenant", "--input", &defs, "--input", &asg]);
    let principals = v["principals"].as_array().unwrap();
    assert_eq!(principals.len(), 2);
    for p in principals {
        assert_eq!(p["canEscalate"], true, "{}", p["principal"]);
        let flags: Vec<&str> = p["flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["flag"].as_str())
            .collect();
        assert!(flags.contains(&"cloudpc-escalation"), "{flags:?}");
    }
    assert_eq!(v["summary"]["canEscalate"], 2);
}

/// A PIM eligibility whose end is before `--as-of` is marked `ended` in `tenant`
/// and said to have ended in `report`; by default the review is as of now; a
/// `--as-of` that is no date is refused (review H3: expired eligibilities were
/// listed as if they could be activated).
#[test]
fn an_eligibility_that_ended_is_marked() {
    let page = fixture_in("review-h3", "t2-pim-eligible.json");
    let eligible = |as_of: Option<&str>| -> serde_json::Value {
        let mut args = vec!["tenant", "--input", page.as_str()];
        if let Some(d) = as_of {
            args.extend(["--as-of", d]);
        }
        json_of(&args)["principals"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["eligible"].as_array().cloned().unwrap_or_default())
            .next()
            .unwrap()
    };
    let before = eligible(Some("2026-01-01"));
    assert!(before.get("ended").is_none(), "{before}");
    let after = eligible(Some("2099-01-01T00:00:00Z"));
    assert_eq!(after["ended"], true, "{after}");
    let out = run(&["report", "--input", &page, "--as-of", "2099-01-01"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("it can no longer be activated"), "{text}");
    let err = one_line_error(&run(&["tenant", "--input", &page, "--as-of", "yesterday"]));
    assert!(
        err.contains("`--as-of yesterday`: expected a date"),
        "{err}"
    );
}

/// Review J1 M1: two custom roles that together hold `Reader`'s permissions make
/// the ANC operations that need Reader conditional in the principal's row, as
/// `operations` answers the same assignments, and neither role is said to never
/// reach Windows 365.
#[test]
fn roles_that_meet_a_requirement_together_are_credited() {
    let fixture = |name: &str| fixture_in("review-j1", name);
    let (asg, roles, cpc) = (
        fixture("split_asg.json"),
        fixture("split_roles.json"),
        fixture("split_cpc.json"),
    );
    let v = json_of(&[
        "tenant", "--input", &asg, "--input", &roles, "--input", &cpc,
    ]);
    let row = v["principals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["principal"]["id"] == "aaaaaaaa-0000-0000-0000-000000000009")
        .unwrap();
    let conditional: Vec<&str> = row["windows365"]["conditional"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o.as_str())
        .collect();
    for op in [
        "create-azure-network-connection-existing-network",
        "edit-azure-network-connection",
        "add-custom-image",
    ] {
        assert!(conditional.contains(&op), "{op}: {conditional:?}");
    }
    assert_eq!(v["summary"]["neverReachWindows365"], serde_json::json!([]));
    for r in v["roles"].as_array().unwrap() {
        if r["role"].as_str().unwrap().starts_with("Half Reader") {
            assert_eq!(r["windows365Together"], true, "{r}");
        }
    }
}

/// The report reads an assignment's condition as `eval` and `tenant` do: a
/// design and a tenant export of the same assignment count alike, and a
/// condition that names one action makes that one conditional (an outside
/// review: the report counted them as held outright).
#[test]
fn report_counts_an_assignments_condition_as_eval_and_tenant_do() {
    let counts = |v: &serde_json::Value| {
        let a = &v["azure"];
        (
            a["actions"].as_u64().unwrap(),
            a["dataActions"].as_u64().unwrap(),
            a["conditionalActions"].as_u64().unwrap(),
            a["conditionalDataActions"].as_u64().unwrap(),
        )
    };
    let design = json_of(&[
        "report",
        "--format",
        "json",
        "--input",
        &fixture_in("conditions", "design.json"),
    ]);
    let tenant = json_of(&[
        "report",
        "--format",
        "json",
        "--as-of",
        "2026-12-01",
        "--input",
        &fixture_in("conditions", "tenant.json"),
    ]);
    assert_eq!(counts(&design), (0, 0, 4, 5));
    assert_eq!(counts(&tenant), counts(&design));
    let review = json_of(&[
        "tenant",
        "--as-of",
        "2026-12-01",
        "--input",
        &fixture_in("conditions", "tenant.json"),
    ]);
    assert!(review.to_string().contains("condition"), "{review}");
    let one = json_of(&[
        "report",
        "--format",
        "json",
        "--input",
        &fixture_in("conditions", "one-action.json"),
    ]);
    assert_eq!(counts(&one), (4, 4, 0, 1));
    let risky = one["azure"]["risky"].as_array().unwrap();
    let read = risky
        .iter()
        .find(|r| {
            r["operation"] == "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
        })
        .unwrap();
    assert_eq!(read["conditional"], true, "{read}");
    // One level below the flag's (high without the condition), as `tenant` gives it.
    assert_eq!(read["level"], "medium", "{read}");
}

/// An assignment Azure refuses to create (outside its role's assignableScopes)
/// is said in the report's notes, as `eval` says it.
#[test]
fn report_says_an_assignment_azure_refuses_to_create() {
    let out = json_of(&[
        "report",
        "--format",
        "json",
        "--input",
        &fixture_in("conditions", "outside-assignable.json"),
    ]);
    let notes = out["notes"].to_string();
    assert!(
        notes.contains("outside its assignableScopes")
            && notes.contains("Azure refuses to create such an assignment"),
        "{notes}"
    );
}

/// A request read as exports refuses a misspelt key as `eval` does (an outside
/// review: `quereis` was never named).
#[test]
fn a_request_read_as_exports_refuses_a_misspelt_key() {
    let out = run(&[
        "tenant",
        "--input",
        &fixture_in("conditions", "misspelt-key.json"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown key `quereis` (did you mean `queries`?)"),
        "{err}"
    );
}

#[test]
fn a_management_group_export_is_refused_and_its_assignments_get_a_note() {
    // Outside review: `az account management-group show` was reviewed as a Cloud
    // PC custom role "Corp"; Owner at a management group was left out of the same
    // principal's subscription row without a word.
    let err = one_line_error(&run(&[
        "tenant",
        "--input",
        &fixture_in("review-s53", "mg-az.json"),
    ]));
    assert!(err.contains("this is a management group"), "{err}");
    let out = run(&[
        "tenant",
        "--input",
        &fixture_in("review-s53", "ps-assign.json"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .find(|n| n.contains("hold roles at a management group"))
        .unwrap_or_else(|| panic!("{}", v["notes"]));
    assert!(
        note.starts_with("1 principal(s)")
            && note.contains("`dave@contoso.com`: `Owner` at `/providers/Microsoft.Management/managementGroups/corp`"),
        "{note}"
    );
}

#[test]
fn a_group_named_with_a_backtick_stays_one_code_span_in_the_notes() {
    // Outside review: "the groups here: `G` <img ...> ``" closed its span early.
    let dir = std::env::temp_dir().join(format!("w365-tick-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.json");
    std::fs::write(
        &file,
        r#"[{"principalId":"aaaaaaaa-0000-0000-0000-000000000009","principalName":"G` <img src=x>","principalType":"Group","roleDefinitionName":"Reader","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","scope":"/subscriptions/s1"}]"#,
    )
    .unwrap();
    let v = json_of(&["tenant", "--input", file.to_str().unwrap()]);
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("the groups here: ``G` <img src=x>``"),
        "{notes}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_role_in_an_arm_template_is_read_and_a_flat_deny_is_not_a_role() {
    // Re-check review: the "no permissions" refusal refused an ARM template's
    // role, and a deny in this tool's shape was read as a custom role granting `*`.
    let v = json_of(&[
        "tenant",
        "--input",
        &fixture_in("review-s53", "arm-template-role.json"),
    ]);
    assert_eq!(v["sources"][0]["roles"], 1, "{}", v["sources"]);
    let dir = std::env::temp_dir().join(format!("w365-flat-deny-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("d.json");
    std::fs::write(
        &file,
        r#"[{"name":"d","scope":"/subscriptions/s1","actions":["*"],"principals":[{"id":"00000000-0000-0000-0000-000000000000","type":"SystemDefined"}]}]"#,
    )
    .unwrap();
    let v = json_of(&["tenant", "--input", file.to_str().unwrap()]);
    assert_eq!(v["sources"][0]["denyAssignments"], 1, "{}", v["sources"]);
    assert_eq!(v["sources"][0]["roles"], 0, "{}", v["sources"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Conditional grants are counted per plane, as outright ones are (an outside
/// review: one `conditional` count added role-assignment writes and log reads).
#[test]
fn conditional_grants_are_counted_per_plane() {
    let input = fixture_in("review-s54", "conditional-two-planes.json");
    let review = json_of(&["tenant", "--input", &input]);
    let s = &review["principals"][0]["azure"][0];
    assert_eq!(
        (&s["conditionalActions"], &s["conditionalDataActions"]),
        (&serde_json::json!(2), &serde_json::json!(2)),
        "{s}"
    );
    assert!(s.get("conditional").is_none(), "{s}");
    let report = json_of(&["report", "--format", "json", "--input", &input]);
    let a = &report["azure"];
    assert_eq!(
        (&a["conditionalActions"], &a["conditionalDataActions"]),
        (&serde_json::json!(2), &serde_json::json!(2)),
        "{a}"
    );
    let md = run(&["report", "--input", &input]);
    assert!(String::from_utf8_lossy(&md.stdout)
        .contains("2 more control-plane and 2 data-plane under a condition"));
}

/// What a deny removes or makes conditional names its data actions apart (a
/// re-check review: one count of 70 held 69 control-plane reads and a blob read).
#[test]
fn a_deny_s_counts_name_their_data_actions() {
    let assignments = fixture_in("review-s54", "deny-two-planes-assignments.json");
    let denies = fixture_in("review-s54", "deny-two-planes-denies.json");
    let review = json_of(&["tenant", "--input", &assignments, "--input", &denies]);
    let d = &review["principals"][0]["denies"][0];
    assert_eq!(
        (&d["conditional"], &d["conditionalDataActions"]),
        (&serde_json::json!(70), &serde_json::json!(1)),
        "{d}"
    );
    let used = &review["summary"]["denyAssignments"][0];
    assert_eq!(used["dataActions"], 1, "{used}");
    let md = run(&["report", "--input", &assignments, "--input", &denies]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("makes 70 operation(s) (69 control-plane, 1 data actions) conditional")
            && md.contains("| 70 (69 control-plane, 1 data actions) |"),
        "{md}"
    );
}
