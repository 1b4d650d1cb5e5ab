//! Seed 003 (Azure built-in roles for Compute, 2025-01-25): every role is bundled,
//! its seed version is identical to the seed's JSON, and its changes are shown.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::path::Path;
use w365_engine::history::changes;
use w365_engine::{catalog, Role};

fn seed_blocks() -> Vec<serde_json::Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/seeds/003_bf8ccfe03b0d15ae.txt");
    let text = std::fs::read_to_string(path).unwrap();
    text.split("```json\n")
        .skip(1)
        .map(|chunk| serde_json::from_str(chunk.split("\n```").next().unwrap()).unwrap())
        .collect()
}

fn same(role: &Role, json: &serde_json::Value) {
    assert_eq!(role.name, json["roleName"].as_str().unwrap());
    assert_eq!(role.id, json["name"].as_str().unwrap());
    assert_eq!(role.azure_resource_id(), json["id"].as_str().unwrap());
    assert_eq!(role.description, json["description"].as_str().unwrap());
    let scopes: Vec<&str> = json["assignableScopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(role.assignable_scopes, scopes);
    let perms = json["permissions"].as_array().unwrap();
    assert_eq!(role.blocks.len(), perms.len());
    for (b, p) in role.blocks.iter().zip(perms) {
        for (got, key) in [
            (&b.actions, "actions"),
            (&b.not_actions, "notActions"),
            (&b.data_actions, "dataActions"),
            (&b.not_data_actions, "notDataActions"),
        ] {
            let want: Vec<&str> = p[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            let got: Vec<&str> = got.iter().map(|x| x.as_str()).collect();
            assert_eq!(got, want, "{} {key}", role.name);
        }
    }
}

#[test]
fn every_seed_role_is_bundled_in_both_versions() {
    let cat = catalog().unwrap();
    let blocks = seed_blocks();
    assert_eq!(blocks.len(), 34);
    for json in &blocks {
        let (_, current) = cat
            .role(json["name"].as_str().unwrap())
            .expect("current version bundled");
        let seed = cat.seed_version(current).expect("seed version bundled");
        assert_eq!(seed.version_date.as_deref(), Some("2025-01-25"));
        same(seed, json);
    }
}

#[test]
fn the_three_changed_roles_show_their_changes() {
    let cat = catalog().unwrap();
    let mut changed = Vec::new();
    for seed in &cat.seed_roles {
        let (_, current) = cat.role(&seed.id).unwrap();
        let c: Vec<_> = changes(seed, current)
            .into_iter()
            .filter(|c| c.field != "description")
            .collect();
        if !c.is_empty() {
            changed.push((current.name.clone(), c));
        }
    }
    let names: Vec<&str> = changed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Disk Restore Operator",
            "Quantum Workspace Data Contributor",
            "Virtual Machine Contributor"
        ]
    );
    let added = |name: &str| -> Vec<String> {
        changed
            .iter()
            .find(|(n, _)| n == name)
            .unwrap()
            .1
            .iter()
            .filter(|c| c.kind == "added")
            .map(|c| c.new.clone().unwrap())
            .collect()
    };
    assert_eq!(added("Disk Restore Operator").len(), 2);
    assert!(added("Disk Restore Operator")
        .contains(&"Microsoft.Compute/disks/beginGetAccess/action".to_string()));
    assert_eq!(
        added("Quantum Workspace Data Contributor"),
        ["Microsoft.Quantum/Workspaces/chat/action"]
    );
    assert!(added("Virtual Machine Contributor")
        .contains(&"Microsoft.Compute/hostgroups/write".to_string()));
    // Description-only edits are shown too (typography, preview note).
    let desc: Vec<String> = cat
        .seed_roles
        .iter()
        .filter(|s| {
            changes(s, cat.role(&s.id).unwrap().1)
                .iter()
                .any(|c| c.field == "description")
        })
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(
        desc,
        [
            "Classic Virtual Machine Contributor",
            "Quantum Workspace Data Contributor"
        ]
    );
}
