//! The JSON corpus: (roles, assignments, query, expected decision), one case per
//! rule of `data/sources/reference/azure-rbac-semantics.md` and of the Cloud PC and
//! Entra planes. Files live in `tests/corpus/`; unknown fields are errors. A case
//! that expects `refused` names a piece of the error the request must fail with.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use w365_engine::{catalog, request};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    rule: String,
    roles: Vec<Value>,
    assignments: Vec<Value>,
    #[serde(default)]
    deny_assignments: Vec<Value>,
    #[serde(default)]
    management_groups: Option<Value>,
    /// The request's `principal`: who asks (decides which deny assignments apply).
    #[serde(default)]
    principal: Option<Value>,
    query: Value,
    /// `allow`, `deny`, `conditional`, or `refused` (the request is not read).
    expected: String,
    #[serde(default)]
    expected_reasons: Vec<String>,
    /// Reason kinds that must not appear.
    #[serde(default)]
    absent_reasons: Vec<String>,
    /// A piece of some reason's message.
    #[serde(default)]
    message_contains: Option<String>,
    /// Whether some reason carries an `openQuestion` (absent: not checked).
    #[serde(default)]
    expected_open_question: Option<bool>,
    /// With `refused`: a piece of the error message.
    #[serde(default)]
    expected_error: Option<String>,
}

#[test]
fn corpus() {
    let cat = catalog().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut count = 0;
    let mut failures = Vec::new();
    for f in files {
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for c in cases {
            count += 1;
            let mut req = serde_json::json!({
                "roles": c.roles,
                "assignments": c.assignments,
                "queries": [c.query],
                "denyAssignments": c.deny_assignments,
            });
            if let Some(p) = &c.principal {
                req["principal"] = p.clone();
            }
            if let Some(mg) = &c.management_groups {
                req["managementGroups"] = mg.clone();
            }
            let parsed = match (request::parse(cat, &req.to_string()), c.expected.as_str()) {
                (Err(e), "refused") => {
                    let want = c.expected_error.as_deref().unwrap_or_default();
                    if !e.to_string().contains(want) {
                        failures.push(format!("{}: refused with `{e}`, expected `{want}`", c.rule));
                    }
                    continue;
                }
                (Ok(_), "refused") => {
                    failures.push(format!("{}: expected the request to be refused", c.rule));
                    continue;
                }
                (r, _) => r.unwrap_or_else(|e| panic!("{}: {e}", c.rule)),
            };
            let e = parsed.env.evaluate(&parsed.queries[0]);
            let kinds: Vec<String> = e
                .reasons
                .iter()
                .map(|r| {
                    serde_json::to_value(r.kind)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string()
                })
                .collect();
            if e.decision.as_str() != c.expected {
                failures.push(format!(
                    "{} ({}): expected {}, got {}: {:#?}",
                    c.rule,
                    f.display(),
                    c.expected,
                    e.decision.as_str(),
                    e.reasons
                ));
            }
            if let Some(want) = c.expected_open_question {
                let got = e.reasons.iter().any(|r| r.open_question.is_some());
                if got != want {
                    failures.push(format!(
                        "{}: expected an open question: {want}, got {got}",
                        c.rule
                    ));
                }
            }
            for never in &c.absent_reasons {
                if kinds.contains(never) {
                    failures.push(format!(
                        "{}: unexpected `{never}` reason: {kinds:?}",
                        c.rule
                    ));
                }
            }
            if let Some(m) = &c.message_contains {
                if !e.reasons.iter().any(|r| r.message.contains(m.as_str())) {
                    failures.push(format!(
                        "{}: no reason says `{m}`: {:#?}",
                        c.rule, e.reasons
                    ));
                }
            }
            for want in &c.expected_reasons {
                if !kinds.contains(want) {
                    failures.push(format!(
                        "{}: expected a `{want}` reason, got {kinds:?}",
                        c.rule
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(count >= 50, "the corpus shrank to {count} cases");
}
