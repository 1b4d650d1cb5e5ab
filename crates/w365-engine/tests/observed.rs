//! The Cloud PC, Intune and Entra built-in roles are exactly what Microsoft Graph
//! returned (the committed copy in `data/sources/reference/graph-observed-roles.json`),
//! and their timelines replay to those lists.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::path::Path;
use w365_engine::observed::{disagreements, timeline, version_as_of};
use w365_engine::{catalog, Plane, RoleKind};

fn reference() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/reference/graph-observed-roles.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_observed_role_is_the_definition_exactly() {
    let cat = catalog().unwrap();
    let reference = reference();
    let roles = reference["roles"].as_array().unwrap();
    assert_eq!(roles.len(), 20);
    for r in roles {
        let name = r["displayName"].as_str().unwrap();
        let want = strings(&r["rolePermissions"][0]["allowedResourceActions"]);
        let (_, role) = cat.role(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(role.name, name);
        assert_eq!(
            role.description,
            r["description"].as_str().unwrap(),
            "{name}"
        );
        let got: Vec<String> = match r["plane"].as_str().unwrap() {
            "entra" => {
                assert_eq!(role.kind, RoleKind::Entra);
                role.entra_actions
                    .iter()
                    .map(|a| a.action.clone())
                    .collect()
            }
            plane => {
                assert_eq!(
                    role.kind,
                    if plane == "cloudPc" {
                        RoleKind::CloudPcBuiltIn
                    } else {
                        RoleKind::Intune
                    }
                );
                assert_eq!(role.blocks.len(), 1);
                role.blocks[0]
                    .actions
                    .iter()
                    .map(|a| a.as_str().to_string())
                    .collect()
            }
        };
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn the_counts_the_issue_states() {
    let cat = catalog().unwrap();
    let len = |n: &str| cat.role(n).unwrap().1.blocks[0].actions.len();
    assert_eq!(len("Cloud PC Administrator"), 100);
    assert_eq!(len("Cloud PC Reader"), 31);
    let ex = cat.builtin_expansions();
    let (i, _) = cat.role("Cloud PC Administrator").unwrap();
    assert_eq!(
        ex[i].cloud_pc.count(),
        100,
        "every observed action is a catalog permission"
    );
    let mut intune = std::collections::BTreeSet::new();
    for r in cat.roles.iter().filter(|r| r.kind == RoleKind::Intune) {
        intune.extend(r.blocks[0].actions.iter().map(|a| a.as_str().to_string()));
    }
    assert_eq!(intune.len(), 199);
}

#[test]
fn every_timeline_replays_to_the_current_list() {
    let cat = catalog().unwrap();
    let reference = reference();
    let mut with_history = 0;
    for r in reference["roles"].as_array().unwrap() {
        let name = r["displayName"].as_str().unwrap();
        let Some(h) = r.get("history") else { continue };
        with_history += 1;
        let t = timeline(cat, name).unwrap();
        assert_eq!(t.entries.len(), h.as_array().unwrap().len(), "{name}");
        let now = t.as_of(&t.captured_until).unwrap();
        let mut now_sorted = now.clone();
        now_sorted.sort();
        let mut want = strings(&r["rolePermissions"][0]["allowedResourceActions"]);
        want.sort();
        assert_eq!(now_sorted, want, "{name}");
        assert_eq!(t.current_count, want.len());
        assert!(matches!(t.plane, Plane::CloudPc | Plane::Intune));
    }
    assert_eq!(with_history, 12, "2 Cloud PC and 10 Intune roles");
}

#[test]
fn cloud_pc_administrator_history_as_the_issue_tells_it() {
    let cat = catalog().unwrap();
    let t = timeline(cat, "Cloud PC Administrator").unwrap();
    assert_eq!((t.first_count, t.current_count, t.changes), (58, 100, 18));
    assert_eq!(
        t.of_action("Microsoft.CloudPC/Reports/Export").last(),
        Some(&("2023-12-04", false))
    );
    let bulk: Vec<_> = t
        .of_action("Microsoft.CloudPC/BulkActions/Read")
        .into_iter()
        .skip(1)
        .collect();
    assert_eq!(bulk, [("2025-07-30", false), ("2025-08-01", true)]);
    let before = version_as_of(cat, "Cloud PC Administrator", "2025-07-31").unwrap();
    assert!(!before.blocks[0]
        .actions
        .iter()
        .any(|a| a.as_str() == "Microsoft.CloudPC/BulkActions/Write"));
}

#[test]
fn disagreements_are_shown_with_dates() {
    let cat = catalog().unwrap();
    let d = disagreements(cat);
    assert_eq!(d.observed_until, "2025-12-19");
    assert!(d.table_date.contains("2024-05-08"));
    let names: Vec<&str> = d.table_only.iter().map(|t| t.permission.as_str()).collect();
    assert!(names.contains(&"CloudApps/Create"));
    assert!(
        names
            .iter()
            .filter(|n| n.starts_with("Provisioning Policies (Agents)/"))
            .count()
            == 4
    );
    let unlisted: Vec<&str> = d.unlisted.iter().map(|u| u.action.as_str()).collect();
    for a in [
        "Microsoft.CloudPC/CrossCloudOrganizationMapping/Create",
        "Microsoft.CloudPC/CrossCloudOrganizationMapping/Read",
        "Microsoft.CloudPC/CloudPCs/ApplyCurrentProvisioningPolicy",
    ] {
        assert!(unlisted.contains(&a), "{a}");
    }
    assert!(d
        .unread
        .iter()
        .any(|u| u.role == "Cloud PC Reader" && u.action.ends_with("AdminHighlights/Operate")));
}
