//! The bundled catalog is complete and consistent with its sources in `data/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use std::path::Path;
use w365_engine::windows365::{Leaf, Requirement};
use w365_engine::{catalog, RoleKind};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
}

#[test]
fn counts_match_the_reference_data() {
    let cat = catalog().unwrap();
    assert_eq!(cat.operations.len(), 22_520);
    assert!(
        cat.operations.is_sorted(),
        "pattern ranges need the catalog sorted"
    );
    assert_eq!(cat.azure_roles().count(), 933);
    assert_eq!(cat.operations.data_mask().count(), 4_257);
    assert_eq!(cat.seed_roles.len(), 34);
    assert_eq!(
        cat.roles
            .iter()
            .filter(|r| r.kind == RoleKind::CloudPcBuiltIn)
            .count(),
        2
    );
    assert_eq!(
        cat.roles
            .iter()
            .filter(|r| r.kind == RoleKind::Entra)
            .count(),
        8
    );
    assert_eq!(
        cat.roles
            .iter()
            .filter(|r| r.kind == RoleKind::Intune)
            .count(),
        10
    );
    assert_eq!(cat.intune.len(), 200);
    // Every operation name decodes to ASCII and has a provider.
    for i in 0..cat.operations.len() {
        assert!(cat.operations.name(i).is_ascii());
        assert!(
            cat.operations.provider(i).is_some(),
            "{}",
            cat.operations.name(i)
        );
    }
}

#[test]
fn operations_keep_names_descriptions_and_the_data_flag() {
    let cat = catalog().unwrap();
    let src: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("data/sources/reference/azure-operations.json"))
            .unwrap(),
    )
    .unwrap();
    for o in src.as_array().unwrap() {
        let name = o["operation"].as_str().unwrap();
        let data = o["dataAction"].as_bool().unwrap();
        let i = cat
            .operations
            .find(name, data)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(cat.operations.name(i), name);
        assert_eq!(
            cat.operations.description(i),
            o["description"].as_str().unwrap_or(""),
            "{name}"
        );
    }
}

#[test]
fn every_role_keeps_its_definition() {
    let cat = catalog().unwrap();
    let src: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("data/sources/reference/azure-builtin-roles.json"))
            .unwrap(),
    )
    .unwrap();
    for r in src.as_array().unwrap() {
        let (_, role) = cat.role(r["name"].as_str().unwrap()).unwrap();
        assert_eq!(role.name, r["roleName"].as_str().unwrap());
        assert_eq!(role.description, r["description"].as_str().unwrap());
        assert_eq!(role.category.as_deref(), r["category"].as_str());
        assert!(!role.provenance.is_empty());
        let perms = r["permissions"].as_array().unwrap();
        assert_eq!(role.blocks.len(), perms.len());
        for (b, p) in role.blocks.iter().zip(perms) {
            let list = |k: &str| {
                p[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
            };
            let got = |v: &[w365_engine::ActionPattern]| {
                v.iter().map(|x| x.as_str().to_string()).collect::<Vec<_>>()
            };
            assert_eq!(got(&b.actions), list("actions"));
            assert_eq!(got(&b.not_actions), list("notActions"));
            assert_eq!(got(&b.data_actions), list("dataActions"));
            assert_eq!(got(&b.not_data_actions), list("notDataActions"));
            assert_eq!(
                b.condition.as_ref().map(|c| c.as_str()),
                p["condition"].as_str()
            );
        }
    }
}

fn seed_permissions() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("data/sources/seeds/001_6563cfe81d35557b.txt"))
        .unwrap();
    text.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            match cells.as_slice() {
                ["", p, d, ""] if p.contains('/') && *p != "Permission" => {
                    Some((p.to_string(), d.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

#[test]
fn all_106_cloud_pc_permissions_are_present_with_their_descriptions() {
    let cat = catalog().unwrap();
    let seed = seed_permissions();
    assert_eq!(seed.len(), 106);
    let current: Vec<_> = cat.windows365.current_permissions().collect();
    assert_eq!(current.len(), 106);
    for (name, desc) in &seed {
        let (_, p) = cat
            .windows365
            .permission(name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(&p.name, name);
        assert_eq!(&p.description, desc);
        assert!(p.graph.starts_with("Microsoft.CloudPC/"));
        assert!(!p.confidence.is_empty() && !p.evidence.is_empty());
        assert!(
            cat.windows365
                .operation(&format!("permission:{name}"))
                .is_some(),
            "no operation for {name}"
        );
    }
    let anc = cat
        .windows365
        .permission("Azure Network Connections/Create")
        .unwrap()
        .1;
    assert_eq!(anc.graph, "Microsoft.CloudPC/OnPremisesConnections/Create");
    assert!(anc.notes.iter().any(|n| n.kind == "azure-owner-or-uaa"));
}

#[test]
fn the_operation_model_refers_only_to_known_things() {
    let cat = catalog().unwrap();
    let w = &cat.windows365;
    let mut ids = std::collections::HashSet::new();
    for op in &w.operations {
        assert!(ids.insert(op.id.clone()), "duplicate id {}", op.id);
        assert!(op.id == op.id.to_ascii_lowercase() || op.id.starts_with("permission:"));
        let check = |r: &Requirement| {
            for (leaf, cite) in r.leaves() {
                assert!(
                    w.document(&cite.source).is_some(),
                    "{}: unknown document {}",
                    op.id,
                    cite.source
                );
                match leaf {
                    Leaf::Entra(names) => names.iter().for_each(|n| {
                        assert_eq!(cat.role(n).unwrap().1.kind, RoleKind::Entra, "{n}")
                    }),
                    Leaf::CloudPc(p) => assert!(
                        w.permission(p).is_some_and(|(_, x)| !x.legacy),
                        "{}: {p}",
                        op.id
                    ),
                    Leaf::AzureRole { roles, .. } => roles.iter().for_each(|n| {
                        assert_eq!(cat.role(n).unwrap().1.kind, RoleKind::AzureBuiltIn)
                    }),
                    Leaf::AzureAction { action, .. } | Leaf::NotDenied { action, .. } => {
                        assert!(cat.operations.find(action, false).is_some(), "{action}")
                    }
                    Leaf::CloudPcRole(n) => {
                        assert_eq!(cat.role(n).unwrap().1.kind, RoleKind::CloudPcBuiltIn)
                    }
                    Leaf::IntuneRole(n) => {
                        assert_eq!(cat.role(n).unwrap().1.kind, RoleKind::Intune)
                    }
                    Leaf::AppHoldsAncRoles => assert!(!w.service.anc_current.is_empty()),
                    Leaf::Intune(p) => assert!(
                        cat.intune.permission(p).is_some_and(|(_, x)| x.current),
                        "{}: {p}",
                        op.id
                    ),
                }
            }
        };
        check(&op.requirement);
        for n in op.notes.iter().chain(&op.prerequisites) {
            assert!(
                w.document(&n.source).is_some(),
                "{}: unknown document {}",
                op.id,
                n.source
            );
        }
    }
    for id in [
        "create-azure-network-connection",
        "add-custom-image",
        "create-provisioning-policy",
        "permission:CloudPCs/Reboot",
    ] {
        assert!(w.operation(id).is_some(), "{id}");
    }
    for g in w
        .service
        .anc_current
        .iter()
        .chain(&w.service.anc_before)
        .chain(&w.service.image)
        .chain(&w.service.review)
    {
        assert_eq!(
            cat.role(&g.role).unwrap().1.kind,
            RoleKind::AzureBuiltIn,
            "{}",
            g.role
        );
    }
}

#[test]
fn generated_data_is_up_to_date() {
    let out = std::process::Command::new("python3")
        .arg(repo().join("scripts/gen_data.py"))
        .arg("--check")
        .output()
        .expect("python3 runs the generator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
