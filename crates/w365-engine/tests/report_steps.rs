//! The design report a step at a time ([`report::Designing`]): taken one unit at
//! a time it is the report [`report::design`] gives, its progress goes through
//! its stages in order, and a step does one unit, not the whole report (the
//! tenant report's steps are tested in `tenant.rs`, beside its samples).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]

use w365_engine::report::{self, Designing};

/// Custom roles without assignments (each reviewed alone), one of them Entra's,
/// and a deny assignment.
const ALONE: &str = r#"{
  "roles": [
    {"roleName": "Net reader", "permissions": [{"actions": ["Microsoft.Network/*/read", "Microsoft.Authorization/roleAssignments/write"]}], "assignableScopes": ["/subscriptions/s1"]},
    {"roleName": "VM operator", "permissions": [{"actions": ["Microsoft.Compute/virtualMachines/*"], "notActions": ["Microsoft.Compute/virtualMachines/delete"]}], "assignableScopes": ["/subscriptions/s1/resourceGroups/rg1"]},
    {"displayName": "Cloud PC helper", "rolePermissions": [{"allowedResourceActions": ["microsoft.directory/users/basic/update"]}]}
  ],
  "denyAssignments": [{"name": "no-writes", "scope": "/subscriptions/s1", "actions": ["Microsoft.Network/*/write", "Microsoft.Compute/virtualMachines/start/action"], "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}]}]
}"#;

/// Assignments of built-in and custom roles, one at the root scope, and deny
/// assignments of which one lies below an assignment and one is excluded.
const ASSIGNED: &str = r#"{
  "principal": "11111111-aaaa-aaaa-aaaa-000000000001",
  "roles": [{"roleName": "Net reader", "permissions": [{"actions": ["Microsoft.Network/*/read"]}], "assignableScopes": ["/subscriptions/s1"]}],
  "assignments": [
    {"role": "Owner", "scope": "/", "principal": "11111111-aaaa-aaaa-aaaa-000000000001"},
    {"role": "Net reader", "scope": "/subscriptions/s1", "principal": "11111111-aaaa-aaaa-aaaa-000000000001"},
    {"role": "Windows 365 Administrator"},
    {"role": "Reader", "scope": "/subscriptions/s1", "principal": "22222222-aaaa-aaaa-aaaa-000000000002"}
  ],
  "denyAssignments": [
    {"name": "d-rg", "scope": "/subscriptions/s1/resourceGroups/rg1", "actions": ["*/delete"], "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}], "doNotApplyToChildScopes": true},
    {"name": "d-sub", "scope": "/subscriptions/s1", "actions": ["Microsoft.Network/*/write"], "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}], "excludePrincipals": [{"id": "11111111-aaaa-aaaa-aaaa-000000000001", "type": "User"}]},
    {"name": "d-sql", "scope": "/subscriptions/s1", "actions": ["Microsoft.Sql/*"], "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}]}
  ]
}"#;

const STAGES: [&str; 7] = [
    "evaluating the Windows 365 operations",
    "reading the deny assignments",
    "taking what deny assignments remove",
    "adding the roles not assigned",
    "finding the risky Azure operations",
    "linting the roles",
    "weighing each role's risk and nearest built-in role",
];

fn json(r: &report::Report) -> String {
    serde_json::to_string_pretty(r).unwrap()
}

#[test]
fn a_design_taken_one_unit_at_a_time_is_the_design_taken_at_once() {
    let cat = w365_engine::catalog().unwrap();
    for text in [ALONE, ASSIGNED] {
        let parse = || w365_engine::request::parse(cat, text).unwrap();
        let whole = json(&report::design(cat, parse(), &["r.json".into()]));
        for units in [1, 3, 50] {
            let mut job = Designing::new(cat, parse(), &["r.json".into()]);
            let mut seen: Vec<&'static str> = Vec::new();
            let mut steps = 0;
            loop {
                let p = job.progress();
                assert!(p.done <= p.total, "{p:?}");
                if seen.last() != Some(&p.stage) {
                    seen.push(p.stage);
                }
                steps += 1;
                if job.step(units) {
                    break;
                }
            }
            assert_eq!(json(&job.finish()), whole, "{units} unit(s) a step");
            // Steps of several units may pass a short stage between two looks.
            let at: Vec<usize> = seen
                .iter()
                .map(|s| STAGES.iter().position(|x| x == s).unwrap())
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
            if units == 1 {
                assert_eq!(seen, STAGES);
                // Each operation, deny, assignment and role is a step of its own.
                assert!(
                    steps > cat.windows365.operations.len() + 10,
                    "{steps} steps"
                );
            }
        }
    }
}

#[test]
fn a_step_does_one_unit_and_says_how_far_it_is() {
    let cat = w365_engine::catalog().unwrap();
    let req = w365_engine::request::parse(cat, ASSIGNED).unwrap();
    let mut job = Designing::new(cat, req, &[]);
    let p = job.progress();
    assert_eq!(
        (p.stage, p.done, p.total),
        (STAGES[0], 0, cat.windows365.operations.len())
    );
    assert!(!job.step(1));
    assert_eq!(job.progress().done, 1);
    assert!(!job.step(2));
    assert_eq!(job.progress().done, 3);
    // Finishing early does what is left first.
    let early = json(&job.finish());
    let req = w365_engine::request::parse(cat, ASSIGNED).unwrap();
    assert_eq!(early, json(&report::design(cat, req, &[])));
}
