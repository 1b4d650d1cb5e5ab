//! The lint corpus: (role, diagnostics expected and not expected), one file per
//! group of rules in `tests/lint_corpus/`; unknown fields are errors. Every rule has
//! a case where it fires and one where it does not.
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
use w365_engine::lint::{lint_imported, Linter, Severity};
use w365_engine::{catalog, import};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    rule: String,
    role: Value,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    absent: Vec<String>,
    /// How many diagnostics of a code.
    #[serde(default)]
    count: BTreeMap<String, usize>,
    /// How many errors in all.
    #[serde(default)]
    errors: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Expect {
    code: String,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    message_contains: Option<String>,
    /// The help as written; `""` for none.
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    subject: Option<String>,
    /// Carries a line and column (the role was imported from text).
    #[serde(default)]
    line: bool,
}

#[test]
fn corpus() {
    let cat = catalog().unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint_corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut count, mut failures) = (0, Vec::new());
    for f in files {
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for c in cases {
            count += 1;
            let text = serde_json::to_string_pretty(&c.role).unwrap();
            let role = import::import(&text).unwrap().remove(0);
            let d = lint_imported(cat, &role);
            // With the role's expansion given (as the app does): the same findings.
            let expanded = w365_engine::expand::Expander::new(cat).expand(&role.role);
            let given = Linter::for_expanded(cat, &expanded).lint_role(&role.role, &role.origins);
            assert_eq!(
                given,
                Linter::new(cat).lint_role(&role.role, &role.origins),
                "{}: the given expansion changed the findings",
                c.rule
            );
            let mut fail = |m: String| failures.push(format!("{}: {m}\n  got: {d:#?}", c.rule));
            for e in &c.expect {
                let found = d.iter().any(|x| {
                    x.code == e.code
                        && e.severity.as_ref().is_none_or(|s| x.severity.as_str() == s)
                        && e.message_contains
                            .as_ref()
                            .is_none_or(|m| x.message.contains(m.as_str()))
                        && e.help.as_ref().is_none_or(|h| {
                            x.help.as_deref() == (!h.is_empty()).then_some(h.as_str())
                        })
                        && e.subject
                            .as_ref()
                            .is_none_or(|s| x.subject.as_deref() == Some(s))
                        && (!e.line || x.line.is_some())
                });
                if !found {
                    fail(format!("no `{}` as expected", e.code));
                }
            }
            for a in &c.absent {
                if d.iter().any(|x| x.code == a) {
                    fail(format!("unexpected `{a}`"));
                }
            }
            for (code, n) in &c.count {
                let got = d.iter().filter(|x| x.code == code).count();
                if got != *n {
                    fail(format!("{got} `{code}`, expected {n}"));
                }
            }
            if let Some(n) = c.errors {
                let got = d.iter().filter(|x| x.severity == Severity::Error).count();
                if got != n {
                    fail(format!("{got} errors, expected {n}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 20, "the lint corpus shrank to {count}");
}

#[test]
fn export_check_names_every_error() {
    let cat = catalog().unwrap();
    let text = r#"{"roleName": "Net", "description": "d",
      "permissions": [{"actions": ["Microsoft.Network/virtualNetworks/subnets/join"]}],
      "assignableScopes": ["/subscriptions/<sub>"]}"#;
    let role = import::import(text).unwrap().remove(0).role;
    let check = w365_engine::lint::export_check(cat, &role);
    assert!(!check.is_clean());
    assert_eq!(check.errors.len(), 2);
    let w = check.warning.unwrap();
    assert!(
        w.starts_with("`Net` has 2 lint errors and would be refused as written: "),
        "{w}"
    );
    assert!(
        w.contains("(placeholder-scope)") && w.contains("(unknown-action)"),
        "{w}"
    );
    let clean = r#"{"roleName": "Net", "description": "d",
      "permissions": [{"actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]}],
      "assignableScopes": ["/subscriptions/11111111-2222-3333-4444-555555555555"]}"#;
    let role = import::import(clean).unwrap().remove(0).role;
    let check = w365_engine::lint::export_check(cat, &role);
    assert!(check.is_clean() && check.warning.is_none());
}
