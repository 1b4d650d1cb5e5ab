//! Containment: the corpus of role pairs (`tests/containment/cases.json`, unknown
//! fields are errors), the compare snapshot of seed 001's network roles, and the
//! roles-list filter over every built-in role.
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
use w365_engine::containment::{pair_with_limit, related, Direction, GrantKind};
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::{catalog, compare, import};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    rule: String,
    #[serde(default)]
    roles: Vec<Value>,
    a: String,
    b: String,
    expected: String,
    #[serde(default)]
    a_only: Option<usize>,
    #[serde(default)]
    b_only: Option<usize>,
    #[serde(default)]
    common: Option<usize>,
    #[serde(default)]
    breaking_count: Option<usize>,
    /// Items that must be among the breaking operations (every key given must match).
    #[serde(default)]
    breaking: Vec<BTreeMap<String, Value>>,
    /// Relation per plane.
    #[serde(default)]
    planes: BTreeMap<String, String>,
    #[serde(default)]
    first_breaking_in: Option<String>,
}

fn roles_of(values: &[Value]) -> Vec<w365_engine::Role> {
    values
        .iter()
        .flat_map(|v| import::import(&v.to_string()).unwrap())
        .map(|i| i.role)
        .collect()
}

#[test]
fn corpus() {
    let cat = catalog().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/containment/cases.json");
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut failures = Vec::new();
    for c in &cases {
        let set = RoleSet::new(cat, roles_of(&c.roles));
        let (ra, rb) = (set.resolve(&c.a).unwrap(), set.resolve(&c.b).unwrap());
        let (ea, eb) = (set.expansion(ra).unwrap(), set.expansion(rb).unwrap());
        // Actions outside the catalog are read against each role's patterns, as
        // `compare` reads them (review s43 F1).
        let covered = w365_engine::expand::with_outside_covered(
            &[set.get(ra).unwrap(), set.get(rb).unwrap()],
            &[ea, eb],
        );
        let (ea, eb) = match &covered {
            Some(v) => (&v[0], &v[1]),
            None => (ea, eb),
        };
        let p = pair_with_limit(cat, (&c.a, ea), (&c.b, eb), usize::MAX);
        let v = serde_json::to_value(&p).unwrap();
        let mut fail = |m: String| failures.push(format!("{}: {m}", c.rule));
        if p.relation.as_str() != c.expected {
            fail(format!(
                "expected {}, got {}",
                c.expected,
                p.relation.as_str()
            ));
        }
        if c.a_only.is_some_and(|n| n != p.a_only) {
            fail(format!("aOnly {:?}, got {}", c.a_only, p.a_only));
        }
        if c.b_only.is_some_and(|n| n != p.b_only) {
            fail(format!("bOnly {:?}, got {}", c.b_only, p.b_only));
        }
        if c.common.is_some_and(|n| n != p.common) {
            fail(format!("common {:?}, got {}", c.common, p.common));
        }
        // The pair's `common` is what `compare` lists as common (review D F8).
        let cmp = compare::compare(cat, &[c.a.clone(), c.b.clone()], &[ea, eb]);
        let listed = cmp.common.len()
            + cmp.common_not_in_catalog.len()
            + cmp.common_data_actions.len()
            + cmp.common_cloud_pc.len()
            + cmp.common_intune.len();
        if p.planes.iter().all(|x| x.plane != GrantKind::Entra) && listed != p.common {
            fail(format!(
                "compare lists {listed} common, the pair counts {}",
                p.common
            ));
        }
        // What `compare` lists as only each role's is what the pair counts, and
        // each role's total is its own plus the common ones (review i1 #1: a
        // conditional grant was counted by the pair, left out of the lists).
        let no_entra = p.planes.iter().all(|x| x.plane != GrantKind::Entra);
        for (side, count) in [(0, p.a_only), (1, p.b_only)] {
            let own = cmp.only[side].len()
                + cmp.only_not_in_catalog.get(side).map_or(0, Vec::len)
                + cmp.only_data_actions[side].len()
                + cmp.only_cloud_pc[side].len()
                + cmp.only_intune[side].len();
            if no_entra && own != count {
                fail(format!(
                    "compare lists {own} only in role {side}, the pair counts {count}"
                ));
            }
            // The rest of a role's total: what it grants under a condition and
            // the other outright (in the other's, not its own nor common).
            let (mine, other) = if side == 0 { (ea, eb) } else { (eb, ea) };
            let covered = mine.conditional.intersection_count(&other.granted);
            let outside_covered = mine
                .outside
                .iter()
                .filter(|x| {
                    x.conditional
                        && other
                            .outside
                            .iter()
                            .any(|y| y.lower == x.lower && y.data == x.data && !y.conditional)
                })
                .count();
            let azure_common =
                cmp.common.len() + cmp.common_data_actions.len() + cmp.common_not_in_catalog.len();
            if cmp.totals[side].0
                != cmp.only_azure_count(side) + azure_common + covered + outside_covered
            {
                fail(format!(
                    "role {side}: total {} is not its own {}, the common {azure_common} and {covered} the other grants outright",
                    cmp.totals[side].0,
                    cmp.only_azure_count(side)
                ));
            }
        }
        if c.breaking_count.is_some_and(|n| n != p.breaking.len()) {
            fail(format!("{} breaking", p.breaking.len()));
        }
        if p.breaking.len() != p.a_only + p.b_only {
            fail("unlimited, breaking lists every operation only one grants".into());
        }
        let items = v["breaking"].as_array().unwrap();
        for want in &c.breaking {
            if !items
                .iter()
                .any(|it| want.iter().all(|(k, x)| it.get(k) == Some(x)))
            {
                fail(format!("no breaking item {want:?}"));
            }
        }
        for (plane, rel) in &c.planes {
            let got = v["planes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["plane"] == plane.as_str())
                .map(|x| x["relation"].as_str().unwrap().to_string());
            if got.as_deref() != Some(rel.as_str()) {
                fail(format!("plane {plane}: expected {rel}, got {got:?}"));
            }
        }
        if let Some(side) = &c.first_breaking_in {
            if items.first().map(|x| &x["in"]) != Some(&Value::from(side.as_str())) {
                fail(format!("the first breaking item is not in {side}"));
            }
        }
        // A side's items all sit before the other side's.
        let sides: Vec<&str> = items.iter().map(|x| x["in"].as_str().unwrap()).collect();
        if sides.windows(2).any(|w| w == ["b", "a"]) {
            fail("an `a` item after a `b` item".into());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(cases.len() >= 15, "the containment corpus shrank");
}

#[test]
fn compare_of_the_seed_001_network_roles() {
    let cat = catalog().unwrap();
    let set = RoleSet::new(cat, Vec::new());
    let names: Vec<String> = [
        "Network Contributor",
        "Windows 365 Network Interface Contributor",
        "Windows 365 Network User",
    ]
    .map(String::from)
    .to_vec();
    let ex: Vec<_> = names
        .iter()
        .map(|n| set.expansion(set.resolve(n).unwrap()).unwrap())
        .collect();
    let c = compare::compare(cat, &names, &ex);
    let rel: Vec<(&str, &str, &str)> = c
        .pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str(), p.relation.as_str()))
        .collect();
    assert_eq!(
        rel,
        [
            (
                "Network Contributor",
                "Windows 365 Network Interface Contributor",
                "bInA"
            ),
            ("Network Contributor", "Windows 365 Network User", "bInA"),
            (
                "Windows 365 Network Interface Contributor",
                "Windows 365 Network User",
                "disjoint"
            ),
        ]
    );
    // The last pair whole: small enough to read.
    insta::assert_json_snapshot!("containment_nic_contributor_and_network_user", c.pairs[2]);
    let summaries: Vec<&str> = c.pairs.iter().map(|p| p.summary.as_str()).collect();
    insta::assert_json_snapshot!("containment_summaries", summaries);
}

#[test]
fn the_roles_list_filter_over_every_builtin() {
    let cat = catalog().unwrap();
    let set = RoleSet::new(cat, Vec::new());
    let nc = set.resolve("Network Contributor").unwrap();
    let started = std::time::Instant::now();
    let inside = related(&set, nc, Direction::ContainedIn);
    let containing = related(&set, nc, Direction::Contains);
    let elapsed = started.elapsed();
    let name = |r: &RoleRef| set.get(*r).unwrap().name.clone();
    let inside: Vec<String> = inside.iter().map(name).collect();
    let containing: Vec<String> = containing.iter().map(name).collect();
    for want in [
        "Windows 365 Network Interface Contributor",
        "Windows 365 Network User",
    ] {
        assert!(
            inside.contains(&want.to_string()),
            "{want} not in {inside:?}"
        );
    }
    assert!(!inside.contains(&"Network Contributor".to_string()));
    assert!(
        !inside.contains(&"Reader".to_string()),
        "Reader reads beyond the network"
    );
    assert!(containing.contains(&"Owner".to_string()));
    assert!(containing.contains(&"Contributor".to_string()));
    assert!(!containing.contains(&"Reader".to_string()));
    // Every answer agrees with the pairwise relation.
    let ex_nc = set.expansion(nc).unwrap();
    for r in set.resolve("Owner").into_iter() {
        let p = w365_engine::containment::pair(
            cat,
            ("NC", ex_nc),
            ("Owner", set.expansion(r).unwrap()),
        );
        assert_eq!(p.relation.as_str(), "aInB");
    }
    // Both directions over 941+ roles, in a debug build, stay well under a second.
    assert!(elapsed.as_millis() < 1000, "{elapsed:?}");
}
