//! The `w365-perms` contract, from the outside: JSON in, JSON out, exit codes,
//! one-line errors, no panics on hostile input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_w365-perms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn json_exit(out: &Output, code: i32) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn one_line_error(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn eval_answers_every_query_in_order() {
    let req = r#"{"assignments":[{"role":"contributor","scope":"/subscriptions/s1"},{"role":"Owner","scope":"/subscriptions/s1"}],
      "queries":[{"action":"Microsoft.Authorization/roleAssignments/write","scope":"/subscriptions/s1/resourceGroups/rg"},
                 {"action":"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read","dataAction":true,"scope":"/subscriptions/s1"},
                 {"action":"CloudPCs/Reboot"}]}"#;
    let v = json(&run(&["eval"], req));
    let results = v["results"].as_array().unwrap();
    let decisions: Vec<&str> = results
        .iter()
        .map(|r| r["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["allow", "deny", "deny"]);
    assert_eq!(
        results[0]["action"],
        "Microsoft.Authorization/roleAssignments/write"
    );
    assert_eq!(results[0]["scope"], "/subscriptions/s1/resourceGroups/rg");
    let kinds: Vec<&str> = results[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["excluded", "granted"]);
    assert_eq!(results[2]["plane"], "cloudPc");
}

#[test]
fn role_references_are_names_or_ids_in_any_case() {
    let req = r#"{"assignments":[{"role":"ACDD72A7-3385-48EF-BD42-F606FBA81AE7","scope":"/subscriptions/s1"},
      {"role":"/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c","scope":"/subscriptions/s2"}],
      "queries":[{"action":"Microsoft.Compute/virtualMachines/read","scope":"/subscriptions/s1"},{"action":"Microsoft.Compute/virtualMachines/write","scope":"/subscriptions/s2"}]}"#;
    let v = json(&run(&["eval"], req));
    assert_eq!(v["results"][0]["reasons"][0]["role"], "Reader");
    assert_eq!(v["results"][1]["reasons"][0]["role"], "Contributor");
}

#[test]
fn operations_lists_every_operation_with_status_missing_and_reasons() {
    let v = json(&run(
        &["operations"],
        r#"{"assignments":[{"role":"Windows 365 Administrator"}]}"#,
    ));
    let ops = v["operations"].as_array().unwrap();
    assert!(ops.len() >= 126);
    for want in [
        "create-azure-network-connection",
        "add-custom-image",
        "create-provisioning-policy",
        "permission:CloudPCs/Reboot",
    ] {
        let o = ops
            .iter()
            .find(|o| o["id"] == want)
            .unwrap_or_else(|| panic!("{want}"));
        for k in ["id", "name", "status", "missing", "reasons"] {
            assert!(o.get(k).is_some(), "{want} lacks {k}");
        }
    }
    let pp = ops
        .iter()
        .find(|o| o["id"] == "create-provisioning-policy")
        .unwrap();
    assert_eq!(pp["status"], "allowed");
}

#[test]
fn expand_all_builtins_and_named_roles() {
    let v = json(&run(&["expand", "--all-builtins", "--compact"], ""));
    let roles = v["roles"].as_array().unwrap();
    assert!(roles.len() >= 933);
    let owner = roles.iter().find(|r| r["role"] == "Owner").unwrap();
    assert_eq!(owner["actions"].as_array().unwrap().len(), 18_263);
    assert!(owner["dataActions"].as_array().unwrap().is_empty());
    let v = json(&run(&["expand", "--role", "windows 365 network user"], ""));
    let acts: Vec<&str> = v["roles"][0]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(acts.len(), 4);
    assert!(acts.contains(&"Microsoft.Network/virtualNetworks/subnets/join/action"));
}

#[test]
fn lint_exits_one_on_errors_and_zero_when_clean() {
    let dir = std::env::temp_dir().join(format!("w365-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"Name":"x","Actions":["Microsoft.Compute/virtualMachine/read"],"AssignableScopes":["/"]}"#).unwrap();
    let out = run(&["lint", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("did you mean `Microsoft.Compute/virtualMachines/read`?"),
        "{text}"
    );
    let out = run(&["lint", "--format", "json", bad.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["roles"][0]["errors"].as_u64().unwrap() >= 2);
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"Name":"Reads VMs","Description":"d","Actions":["Microsoft.Compute/virtualMachines/read"],"AssignableScopes":["/subscriptions/s1"]}"#).unwrap();
    assert_eq!(
        run(&["lint", good.to_str().unwrap()], "").status.code(),
        Some(0)
    );
}

#[test]
fn export_every_format() {
    let role = r#"{"roleName":"R","description":"d","permissions":[{"actions":["Microsoft.Compute/*/read"]}],"assignableScopes":["/subscriptions/s1"]}"#;
    for f in [
        "arm",
        "az-json",
        "az-cli",
        "powershell",
        "bicep",
        "terraform",
    ] {
        let out = run(&["export", "--format", f, "-"], role);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8(out.stdout)
            .unwrap()
            .contains("Microsoft.Compute/*/read"));
    }
    one_line_error(&run(&["export", "--format", "graph", "-"], role));
    one_line_error(&run(&["export", "--format", "yaml", "-"], role));
}

#[test]
fn unusable_input_exits_two_with_one_line() {
    let cases: Vec<(Vec<&str>, String)> = vec![
        (vec!["eval"], String::new()),
        (vec!["eval"], "{".into()),
        (vec!["eval"], "[1,2]".into()),
        (vec!["eval"], "\u{0}\u{1}garbage".into()),
        (vec!["eval"], "[".repeat(10_000)),
        (
            vec!["eval"],
            r#"{"assignments":[{"role":"Ownr","scope":"/subscriptions/s1"}]}"#.into(),
        ),
        (vec!["eval"], r#"{"assignments":[{"role":"Owner"}]}"#.into()),
        (
            vec!["eval"],
            r#"{"assignments":[{"role":"Owner","scope":"subscriptions/s1"}]}"#.into(),
        ),
        (vec!["eval"], r#"{"queries":[{"action":5}]}"#.into()),
        (vec!["eval"], r#"{"querys":[]}"#.into()),
        (
            vec!["eval"],
            format!(
                r#"{{"queries":[{{"action":"{}"}}]}}"#,
                "a".repeat(6 * 1024 * 1024)
            ),
        ),
        (vec!["expand"], String::new()),
        (vec!["expand", "--role", "nope-not-a-role"], String::new()),
        (vec!["frobnicate"], String::new()),
        (vec!["eval", "--inptu", "x"], String::new()),
        (
            vec!["eval", "--input", "/nonexistent/file.json"],
            String::new(),
        ),
        (vec!["lint", "-"], "{\"roleName\": 3}".into()),
    ];
    for (args, stdin) in cases {
        let err = one_line_error(&run(&args, &stdin));
        assert!(err.starts_with("w365-perms: "), "{err}");
    }
    let err = one_line_error(&run(
        &["eval"],
        r#"{"assignments":[{"role":"Ownr","scope":"/subscriptions/s1"}]}"#,
    ));
    assert!(err.contains("did you mean `Owner`?"), "{err}");
    let err = one_line_error(&run(&["eval"], "{\n  \"queries\": [{\"action\": 5}]\n}"));
    assert!(
        err.contains("`$.queries[0].action` at line 2, column 26"),
        "{err}"
    );
}

#[test]
fn grants_compare_least_and_explain() {
    let v = json(&run(
        &["grants", "Microsoft.Network/networkInterfaces/join/action"],
        "",
    ));
    let g = v["grants"].as_array().unwrap();
    let nic = g
        .iter()
        .find(|x| x["role"] == "Windows 365 Network Interface Contributor")
        .unwrap();
    assert_eq!(nic["throughWildcard"], false);
    let net = g
        .iter()
        .find(|x| x["role"] == "Network Contributor")
        .unwrap();
    assert_eq!(net["patterns"][0], "Microsoft.Network/*");
    assert_eq!(net["throughWildcard"], true);
    let v = json(&run(
        &[
            "compare",
            "--role",
            "Network Contributor",
            "--role",
            "Windows 365 Network Interface Contributor",
        ],
        "",
    ));
    assert_eq!(
        v["counts"][1]["only"], 0,
        "W365 NIC Contributor is a subset"
    );
    assert!(v["counts"][0]["only"].as_u64().unwrap() > 1000);
    let v = json(&run(
        &[
            "least",
            "--action",
            "Microsoft.Network/virtualNetworks/subnets/join/action",
            "--action",
            "Microsoft.Network/virtualNetworks/read",
        ],
        "",
    ));
    assert_eq!(v["singleRoles"][0]["role"], "Windows 365 Network User");
    let v = json(&run(
        &["least", "--operation", "create-provisioning-policy"],
        "",
    ));
    assert_eq!(v["needs"].as_array().unwrap().len(), 5);
    assert!(v["cloudPcRole"]
        .as_str()
        .unwrap()
        .contains("Microsoft.CloudPC/SupportedRegion/Read"));
    let out = run(
        &["explain"],
        r#"{"assignments":[{"role":"Cloud PC Reader"}],"queries":[{"action":"CloudPCs/Reboot"}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# Windows 365 permission review"));
    assert!(text.contains("**DENY**"));
}

#[test]
fn enables_lists_the_roles_that_suffice_alone() {
    let v = json(&run(&["enables", "create-provisioning-policy"], ""));
    let roles: Vec<&str> = v["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles[0], "Cloud PC Administrator", "least privileged first");
    assert!(roles.contains(&"Windows 365 Administrator"));
    assert!(!roles.contains(&"Cloud PC Reader"));
    // Creating an ANC needs Entra and Azure roles together: no single role suffices.
    let v = json(&run(&["enables", "create-azure-network-connection"], ""));
    assert!(v["roles"].as_array().unwrap().is_empty());
    one_line_error(&run(&["enables", "create-provisioning-polcy"], ""));
}

/// Run with stdout connected to `out` (a closed pipe, `/dev/full`, ...).
fn run_to(args: &[&str], stdin: &str, out: Stdio) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_w365-perms"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A pipe whose reading end is already closed: every write fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        vec!["--help"],
        vec!["--version"],
        vec!["roles"],
        vec!["expand", "--all-builtins"],
        vec!["expand", "--role", "Reader"],
        vec!["lint", "-"],
        vec!["explain"],
    ] {
        let stdin = if args[0] == "lint" {
            r#"{"roleName":"R","Actions":["*/read"]}"#
        } else {
            r#"{"assignments":[{"role":"Reader","scope":"/subscriptions/s1"}]}"#
        };
        let out = run_to(&args, stdin, closed_pipe());
        assert_eq!(out.status.code(), Some(141), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_full_disk_is_exit_two_with_one_line() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    for args in [
        vec!["--version"],
        vec!["--help"],
        vec!["roles"],
        vec!["expand", "--role", "Reader"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = run_to(&args, "", Stdio::from(full));
        let err = one_line_error(&out);
        assert!(
            err.starts_with("w365-perms: cannot write the output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn lint_text_escapes_what_would_act_on_the_terminal() {
    let role = r#"{"roleName": "\u001b]0;owned\u0007\u001b[2J\u202eredaeR",
      "Description": "d", "Actions": ["*/read", "Microsoft.Compute/\u202eevil/read"],
      "AssignableScopes": ["/subscriptions/s1"], "b\u001bad": 1}"#;
    let out = run(&["lint", "-"], role);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!text.contains(c), "U+{:04X} printed raw:\n{text}", c as u32);
    }
    assert!(
        text.contains("role `\\u{001b}]0;owned\\u{0007}\\u{001b}[2J\\u{202e}redaeR`"),
        "{text}"
    );
    assert!(text.contains("error[name-hidden-characters]"), "{text}");
    assert!(
        text.contains("`Microsoft.Compute/\\u{202e}evil/read`"),
        "{text}"
    );
    assert!(
        text.contains("unknown key `b\\u{001b}ad` is ignored"),
        "{text}"
    );
    // JSON keeps the text as it is (escaped by JSON itself).
    let v = json_exit(&run(&["lint", "--format", "json", "-"], role), 1);
    assert_eq!(
        v["roles"][0]["role"],
        "\u{1b}]0;owned\u{7}\u{1b}[2J\u{202e}redaeR"
    );
}

#[test]
fn explain_escapes_what_would_act_on_the_terminal() {
    let req = r#"{"roles": [{"roleName": "Mine", "Description": "d", "permissions": [{"actions": ["*/read"]}], "assignableScopes": ["/subscriptions/s1"]}],
      "assignments": [{"role": "Mine", "scope": "/subscriptions/s1"}],
      "queries": [{"action": "Microsoft.Compute/\u001b[2Jx/read", "scope": "/subscriptions/s1"}]}"#;
    let out = run(&["explain"], req);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(text.contains("\\u{001b}[2Jx/read"), "{text}");
}

#[test]
fn options_given_twice_and_two_inputs_are_refused() {
    let err = one_line_error(&run(
        &["eval", "--input", "a.json", "--input", "b.json"],
        "",
    ));
    assert!(
        err.contains("`--input` is given twice; give it once"),
        "{err}"
    );
    let err = one_line_error(&run(&["lint", "a.json", "--input", "b.json"], ""));
    assert!(
        err.contains("two inputs: `a.json` and `--input b.json`; give one"),
        "{err}"
    );
    let err = one_line_error(&run(
        &["lint", "-", "--format", "json", "--format", "text"],
        "",
    ));
    assert!(err.contains("`--format` is given twice"), "{err}");
    // Repeatable options still repeat.
    let v = json(&run(
        &["compare", "--role", "Reader", "--role", "Owner"],
        "",
    ));
    assert_eq!(v["counts"].as_array().unwrap().len(), 2);
}

#[test]
fn wrong_answers_of_issue_11_are_refused_or_qualified() {
    // A custom role named like a built-in one.
    let err = one_line_error(&run(
        &["eval"],
        r#"{"roles":[{"roleName":"Reader","permissions":[{"actions":["*"]}],"assignableScopes":["/subscriptions/s1"]}],
            "assignments":[{"role":"Reader","scope":"/subscriptions/s1"}]}"#,
    ));
    assert!(
        err.contains("`Reader` names the Azure built-in role `Reader`"),
        "{err}"
    );
    // The same role through --input of expand.
    let dir = std::env::temp_dir().join(format!("w365-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("reader.json");
    std::fs::write(&file, r#"{"roleName":"reader","permissions":[{"actions":["*"]}],"assignableScopes":["/subscriptions/s1"]}"#).unwrap();
    let err = one_line_error(&run(
        &[
            "expand",
            "--role",
            "Reader",
            "--input",
            file.to_str().unwrap(),
        ],
        "",
    ));
    assert!(
        err.contains("names the Azure built-in role `Reader`"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // A scope that climbs out of its subscription.
    let err = one_line_error(&run(
        &["eval"],
        r#"{"assignments":[{"role":"Reader","scope":"/subscriptions/s1"}],
            "queries":[{"action":"Microsoft.Compute/virtualMachines/read","scope":"/subscriptions/s1/../s2"}]}"#,
    ));
    assert!(err.contains("has a `..` segment"), "{err}");
    // A deny at a management group of unknown membership.
    let v = json(&run(
        &["eval"],
        r#"{"assignments":[{"role":"Owner","scope":"/subscriptions/s1"}],
            "denyAssignments":[{"name":"corp deny","scope":"/providers/Microsoft.Management/managementGroups/corp","actions":["*"]}],
            "queries":[{"action":"Microsoft.Compute/virtualMachines/delete","scope":"/subscriptions/s1"}]}"#,
    ));
    assert_eq!(v["results"][0]["decision"], "conditional");
    assert_eq!(v["results"][0]["reasons"][0]["kind"], "denyScopeUnknown");
    assert!(v["results"][0]["reasons"][0]["message"]
        .as_str()
        .unwrap()
        .contains("corp deny"));
    // A legacy pattern with two wildcards: evaluated, with a warning on stderr.
    let out = run(
        &["eval"],
        r#"{"roles":[{"roleName":"Legacy","permissions":[{"actions":["Microsoft.CostManagement/*/query/*"]}],"assignableScopes":["/subscriptions/s1"]}],
            "assignments":[{"role":"Legacy","scope":"/subscriptions/s1"}],
            "queries":[{"action":"Microsoft.CostManagement/x/query/read","scope":"/subscriptions/s1"}]}"#,
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(json(&out)["results"][0]["decision"], "allow");
    assert!(
        err.starts_with("w365-perms: warning: `$.roles[0].permissions[0].actions[0]`"),
        "{err}"
    );
}
