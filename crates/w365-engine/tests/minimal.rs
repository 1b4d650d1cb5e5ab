//! Minimal custom roles: the corpus (`tests/minimal/cases.json`, unknown fields are
//! errors) and snapshots of what a reviewer reads (lines with their proofs, lint).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde::Deserialize;
use std::path::Path;
use w365_engine::expand::Expander;
use w365_engine::minimal::{azure_role, for_operations, wanted, Options};
use w365_engine::{catalog, export};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    rule: String,
    #[serde(default)]
    actions: Vec<String>,
    #[serde(default)]
    data_actions: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
    #[serde(default)]
    exact: bool,
    #[serde(default)]
    operations: Vec<String>,
    /// Every line, in order, as "list pattern".
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    includes: Vec<String>,
    #[serde(default)]
    not_lines: Vec<String>,
    #[serde(default)]
    requested: Option<usize>,
    #[serde(default)]
    line_count: Option<usize>,
    #[serde(default)]
    wildcards: Option<usize>,
    #[serde(default)]
    unknown: Vec<String>,
    #[serde(default)]
    cloud_pc_lines: Vec<String>,
    #[serde(default)]
    cloud_pc_includes: Vec<String>,
    #[serde(default)]
    also_needs_includes: Vec<String>,
    /// The operations need no Intune custom role (a smaller alternative exists).
    #[serde(default)]
    no_intune: bool,
}

#[test]
fn corpus() {
    let cat = catalog().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/minimal/cases.json");
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for c in &cases {
        let mut fail = |m: String| failures.push(format!("{}: {m}", c.rule));
        if !c.operations.is_empty() {
            let ops: Vec<_> = c
                .operations
                .iter()
                .map(|id| cat.windows365.operation(id).unwrap())
                .collect();
            let r = for_operations(cat, &ops, &Options::default());
            let cpc: Vec<String> = r
                .cloud_pc
                .as_ref()
                .map(|m| m.lines.iter().map(|l| l.pattern.clone()).collect())
                .unwrap_or_default();
            if !c.cloud_pc_lines.is_empty() && cpc != c.cloud_pc_lines {
                fail(format!("Cloud PC lines {cpc:?}"));
            }
            for want in &c.cloud_pc_includes {
                if !cpc.contains(want) {
                    fail(format!("no Cloud PC line {want}: {cpc:?}"));
                }
            }
            for want in &c.also_needs_includes {
                if !r.also_needs.iter().any(|x| x.requirement.contains(want)) {
                    fail(format!("alsoNeeds lacks {want}: {:?}", r.also_needs));
                }
            }
            if let Some(m) = &r.cloud_pc {
                if !m.lint_clean {
                    fail(format!("lint: {:?}", m.diagnostics));
                }
                // Always: a role that acts on Cloud PCs can list them.
                if m.diagnostics
                    .iter()
                    .any(|d| d.code == "cannot-list-cloud-pcs")
                {
                    fail(format!("cannot list Cloud PCs: {cpc:?}"));
                }
            }
            if c.no_intune {
                if let Some(m) = &r.intune {
                    fail(format!("an Intune role of {} permissions", m.requested));
                }
            }
            continue;
        }
        let mut input: Vec<(String, bool)> = c.actions.iter().map(|a| (a.clone(), false)).collect();
        input.extend(c.data_actions.iter().map(|a| (a.clone(), true)));
        let (mut want, unknown) = wanted(cat, &input);
        for w in &c.without {
            for i in cat.operations.find_any(w) {
                want.remove(i);
            }
        }
        if unknown != c.unknown {
            fail(format!("unknown {unknown:?}"));
        }
        let m = azure_role(
            cat,
            &want,
            &Options {
                exact_only: c.exact,
                ..Options::default()
            },
        );
        let lines: Vec<String> = m
            .lines
            .iter()
            .map(|l| format!("{} {}", l.list, l.pattern))
            .collect();
        if !c.lines.is_empty() && lines != c.lines {
            fail(format!("lines {lines:?}"));
        }
        for want in &c.includes {
            if !lines.contains(want) {
                fail(format!("no line {want}"));
            }
        }
        for not in &c.not_lines {
            if lines.contains(not) {
                fail(format!("unexpected line {not}"));
            }
        }
        if c.requested.is_some_and(|n| n != m.requested) {
            fail(format!("requested {}", m.requested));
        }
        if c.line_count.is_some_and(|n| n != lines.len()) {
            fail(format!("{} lines", lines.len()));
        }
        if c.wildcards.is_some_and(|n| n != m.wildcards) {
            fail(format!("{} wildcards", m.wildcards));
        }
        // Always: exactly the wanted set, lint-clean.
        if Expander::new(cat).expand(&m.role).granted != want {
            fail("the role does not grant exactly the wanted set".into());
        }
        if !m.lint_clean {
            fail(format!("lint errors: {:?}", m.diagnostics));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 12, "the minimal-role corpus shrank");
}

#[test]
fn snapshot_of_a_minimal_role_with_a_proved_wildcard() {
    let cat = catalog().unwrap();
    let (want, _) = wanted(
        cat,
        &[
            ("Microsoft.Network/virtualNetworks/subnets/*".into(), false),
            ("Microsoft.Network/virtualNetworks/read".into(), false),
        ],
    );
    let m = azure_role(
        cat,
        &want,
        &Options {
            name: Some("Subnet operator".into()),
            assignable_scopes: vec!["/subscriptions/11111111-1111-1111-1111-111111111111".into()],
            exact_only: false,
        },
    );
    insta::assert_json_snapshot!("minimal_subnet_operator", m);
    insta::assert_snapshot!(
        "minimal_subnet_operator_arm",
        export::export(&m.role, export::Format::Arm).unwrap()
    );
}

/// A name asked on one plane that the catalog knows only on the other is taken on
/// that one, both ways, and is never unknown (review i1 #4: a control-plane action
/// asked as a data action was unknown and left out of the minimal role).
#[test]
fn a_name_asked_on_the_wrong_plane_is_taken_on_its_own() {
    let cat = catalog().unwrap();
    let control = "Microsoft.Storage/storageAccounts/read";
    let data = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    let w = w365_engine::minimal::wanted_on_known_plane(
        cat,
        &[(control.to_string(), true), (data.to_string(), false)],
    );
    assert!(w.unknown.is_empty(), "{:?}", w.unknown);
    assert_eq!(w.as_actions, [control]);
    assert_eq!(w.as_data_actions, [data]);
    assert_eq!(w.want.count(), 2);
    let c = cat.operations.find(control, false).unwrap();
    assert!(w.want.contains(c));
    let plan = w365_engine::least::for_actions(cat, &[(control.to_string(), true)]);
    assert_eq!((plan.requested, plan.unknown.len()), (1, 0));
    assert_eq!(plan.as_actions, [control]);
}
