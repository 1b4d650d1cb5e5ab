//! The scope-tag corpus: the 12 worked examples of `intune-scope-tags.md` and this
//! project's edge cases, each (admins, objects, expected cells). Files live in
//! `tests/scope_tags/`; unknown fields are errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde::Deserialize;
use serde_json::{json, Value};
use std::path::Path;
use w365_engine::catalog;
use w365_engine::scopetags::{self, created_tags};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    #[serde(default)]
    example: Option<u32>,
    rule: String,
    #[serde(default)]
    roles: Vec<Value>,
    #[serde(default)]
    assignments: Option<Vec<Value>>,
    #[serde(default)]
    admins: Option<Vec<Value>>,
    objects: Vec<Value>,
    #[serde(default)]
    create: Option<Create>,
    #[serde(default)]
    scoped_permissions: bool,
    expected: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Create {
    admin: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expected {
    #[serde(default)]
    admin: Option<String>,
    id: String,
    visible: bool,
    #[serde(default)]
    actionable: Option<bool>,
    #[serde(default)]
    rules: Option<Vec<String>>,
    #[serde(default)]
    inferred: Option<bool>,
    #[serde(default)]
    actions: Option<Vec<String>>,
    #[serde(default)]
    device_visible: Option<bool>,
    #[serde(default)]
    mismatch: Option<bool>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    /// A piece of some reason's text.
    #[serde(default)]
    reason_contains: Option<String>,
}

fn run(file: &str) -> (usize, Vec<String>) {
    let cat = catalog().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scope_tags")
        .join(file);
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut failures = Vec::new();
    for c in &cases {
        let label = match c.example {
            Some(n) => format!("example {n}: {}", c.rule),
            None => c.rule.clone(),
        };
        let mut input = json!({"objects": c.objects, "roles": c.roles, "scopedPermissions": c.scoped_permissions});
        match (&c.assignments, &c.admins) {
            (Some(a), None) => input["assignments"] = json!(a),
            (None, Some(a)) => input["admins"] = json!(a),
            _ => panic!("{label}: give assignments or admins"),
        }
        if let Some(create) = &c.create {
            // R7: the creator's tags, computed by the engine, stamp the new object.
            let first = scopetags::parse(cat, &input.to_string()).unwrap();
            let admin = first
                .admins
                .iter()
                .find(|a| a.name == create.admin)
                .unwrap();
            let tags = created_tags(&admin.tagged());
            input["objects"]
                .as_array_mut()
                .unwrap()
                .push(json!({"id": create.id, "type": create.kind, "scopeTags": tags}));
        }
        let scenario =
            scopetags::parse(cat, &input.to_string()).unwrap_or_else(|e| panic!("{label}: {e}"));
        let grid = scenario.grid();
        // Decided a row at a time (as the app does for a large scenario): the same grid.
        let rows = (0..scenario.admins.len())
            .map(|i| scenario.grid_row(i))
            .collect();
        assert_eq!(scenario.grid_of_rows(rows), grid, "{label}: rows differ");
        assert!(scenario.grid_row(scenario.admins.len()).is_empty());
        for want in &c.expected {
            let row = match &want.admin {
                Some(name) => grid
                    .see_as(name)
                    .unwrap_or_else(|| panic!("{label}: no admin {name}")),
                None => grid.cells[0].as_slice(),
            };
            let got = row.iter().find(|v| v.id == want.id).unwrap();
            let mut fail = |what: &str, w: String, g: String| {
                if w != g {
                    failures.push(format!(
                        "{label} [{}]: {what} expected {w}, got {g}\n  reasons: {:?}",
                        want.id,
                        got.reasons.iter().map(|r| r.text()).collect::<Vec<_>>()
                    ));
                }
            };
            fail("visible", want.visible.to_string(), got.visible.to_string());
            if let Some(a) = want.actionable {
                fail("actionable", a.to_string(), got.actionable.to_string());
            }
            if let Some(r) = &want.rules {
                fail("rules", format!("{r:?}"), format!("{:?}", got.rules));
            }
            if let Some(i) = want.inferred {
                fail("inferred", i.to_string(), got.inferred.to_string());
            }
            if let Some(a) = &want.actions {
                fail("actions", format!("{a:?}"), format!("{:?}", got.actions));
            }
            if let Some(piece) = &want.reason_contains {
                let texts: Vec<String> = got.reasons.iter().map(|r| r.text()).collect();
                let found = texts.iter().any(|t| t.contains(piece.as_str()));
                fail(
                    "a reason containing",
                    piece.clone(),
                    if found {
                        piece.clone()
                    } else {
                        format!("none in {texts:?}")
                    },
                );
            }
            if let Some(d) = want.device_visible {
                fail(
                    "deviceVisible",
                    d.to_string(),
                    got.device
                        .as_ref()
                        .map(|x| x.visible)
                        .unwrap_or(true)
                        .to_string(),
                );
            }
            if let Some(m) = want.mismatch {
                fail(
                    "mismatch",
                    m.to_string(),
                    got.mismatch.is_some().to_string(),
                );
            }
            if let Some(t) = &want.tags {
                let obj = scenario.objects.iter().find(|o| o.id == want.id).unwrap();
                fail("tags", format!("{t:?}"), format!("{:?}", obj.scope_tags));
            }
            if got.visible && got.access == scopetags::Access::Hidden
                || !got.visible && got.actionable
            {
                fail(
                    "consistency",
                    "consistent".into(),
                    format!("{:?}", got.access),
                );
            }
        }
    }
    (cases.len(), failures)
}

#[test]
fn the_twelve_worked_examples() {
    let (n, failures) = run("worked-examples.json");
    assert_eq!(n, 12);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn edge_cases() {
    let (n, failures) = run("edge-cases.json");
    assert!(n >= 15, "{n}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_mismatch_fix_names_the_policy_and_the_tags() {
    let cat = catalog().unwrap();
    let s = scopetags::parse(
        cat,
        r#"{"objects":[{"id":"cpc","type":"cloudPc","scopeTags":["Seattle"],"deviceScopeTags":[],"provisioningPolicy":"Seattle PCs"}],
            "assignments":[{"role":"Cloud PC Reader","scopeTags":["Seattle"]}]}"#,
    )
    .unwrap();
    let v = &s.visibility()[0];
    let m = v.mismatch.as_ref().unwrap();
    assert!(m.certain && m.inferred);
    assert_eq!(m.rule, "R8");
    assert_eq!(
        m.group_rule,
        r#"(device.enrollmentProfileName -eq "Seattle PCs")"#
    );
    assert!(m.steps.iter().any(|s| s.contains("`Seattle`")));
    assert!(m
        .steps
        .iter()
        .any(|s| s.contains(r#"(device.deviceModel -contains "Cloud PC")"#)));
    assert!(v.notes.iter().any(|n| n.rule == "R8" && n.inferred));
}

#[test]
fn every_rule_is_documented_or_inferred_with_sources() {
    let cat = catalog().unwrap();
    let m = &cat.scope_tags;
    assert_eq!(m.rules.len(), 12);
    for r in &m.rules {
        assert!(
            matches!(r.basis.as_str(), "documented" | "inferred"),
            "{}",
            r.id
        );
        assert!(!r.sources.is_empty() && !r.quote.is_empty(), "{}", r.id);
        for s in &r.sources {
            assert!(m.sources.iter().any(|x| &x.id == s), "{} cites {s}", r.id);
        }
    }
    let inferred: Vec<&str> = m
        .rules
        .iter()
        .filter(|r| r.inferred())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(inferred, ["R5", "R8", "R9", "R10"]);
    for b in [
        "Global Administrator",
        "Intune Administrator",
        "Windows 365 Administrator",
    ] {
        assert!(m.bypass_of(b).is_some(), "{b}");
    }
}
