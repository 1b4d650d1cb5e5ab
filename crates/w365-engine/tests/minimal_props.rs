//! The minimal custom role grants exactly the wanted operations, no more, over the
//! whole catalog: random wanted sets (whole resource-type ranges, single
//! operations, both planes, with holes punched in) are turned into roles, and the
//! roles are expanded as Azure would read them. The number of lines is checked
//! against an oracle that tests each candidate prefix against every catalog
//! operation one by one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use proptest::prelude::*;
use std::collections::HashMap;
use w365_engine::bitset::BitSet;
use w365_engine::expand::Expander;
use w365_engine::minimal::{azure_role, Options};
use w365_engine::{catalog, Catalog};

/// How a wanted set is made: whole prefix ranges (operation, depth, plane), single
/// operations, and operations taken out again.
#[derive(Debug, Clone)]
struct Recipe {
    ranges: Vec<(usize, usize, bool)>,
    singles: Vec<usize>,
    holes: Vec<usize>,
}

fn recipe(n: usize) -> impl Strategy<Value = Recipe> {
    (
        proptest::collection::vec((0..n, 1usize..6, any::<bool>()), 0..4),
        proptest::collection::vec(0..n, 0..40),
        proptest::collection::vec(0..n, 0..6),
    )
        .prop_map(|(ranges, singles, holes)| Recipe {
            ranges,
            singles,
            holes,
        })
}

fn build(cat: &Catalog, r: &Recipe) -> BitSet {
    let ops = &cat.operations;
    let mut want = BitSet::new(ops.len());
    for &(i, depth, data) in &r.ranges {
        let lower = ops.lower(i);
        let cuts: Vec<usize> = lower.match_indices('/').map(|(at, _)| at).collect();
        // Deep prefixes only: a provider-wide range of a large provider is slow to
        // check one by one in the oracle.
        let Some(&cut) = cuts.get(depth.min(cuts.len()).saturating_sub(1).max(1)) else {
            continue;
        };
        let mask = if data {
            ops.data_mask()
        } else {
            ops.control_mask()
        };
        let range = ops.prefix_range(&lower[..=cut]);
        // Up to a few hundred operations: lint (run on every role) compares the
        // lines of a list pairwise.
        if range.len() > 300 {
            continue;
        }
        for j in range {
            if mask.contains(j) {
                want.insert(j);
            }
        }
    }
    r.singles.iter().for_each(|&i| want.insert(i));
    r.holes.iter().for_each(|&i| want.remove(i));
    want
}

/// Fewest lines, by brute force: for each wanted operation, its shortest prefix
/// (ending at a `/`) whose wildcard, matched against every catalog operation of the
/// plane one by one, matches two or more operations, all wanted.
fn oracle_lines(cat: &Catalog, want: &BitSet) -> usize {
    let ops = &cat.operations;
    let mut memo: HashMap<(String, bool), bool> = HashMap::new();
    let mut chosen: Vec<(String, bool)> = Vec::new();
    let mut exact = 0;
    for i in want.iter() {
        let data = ops.is_data(i);
        let lower = ops.lower(i).to_string();
        let mut pick = None;
        for (at, _) in lower.match_indices('/') {
            let prefix = lower[..=at].to_string();
            let pure = *memo.entry((prefix.clone(), data)).or_insert_with(|| {
                // `prefix*` matches what starts with the prefix, ignoring case.
                let mut n = 0;
                for j in 0..ops.len() {
                    if ops.is_data(j) == data && ops.lower(j).starts_with(&prefix) {
                        if !want.contains(j) {
                            return false;
                        }
                        n += 1;
                    }
                }
                n >= 2
            });
            if pure {
                pick = Some(prefix);
                break;
            }
        }
        match pick {
            Some(p) => {
                if !chosen.contains(&(p.clone(), data)) {
                    chosen.push((p, data));
                }
            }
            None => exact += 1,
        }
    }
    chosen.len() + exact
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn the_minimal_role_grants_exactly_the_wanted_set(r in recipe(22_000)) {
        let cat = catalog().unwrap();
        let want = build(cat, &r);
        for exact_only in [false, true] {
            let m = azure_role(cat, &want, &Options { exact_only, ..Options::default() });
            let e = Expander::new(cat).expand(&m.role);
            prop_assert!(e.conditional.is_empty());
            prop_assert_eq!(&e.granted, &want, "granted differs (exact_only {})", exact_only);
            prop_assert_eq!(m.requested, want.count());
            prop_assert!(m.lint_clean || want.is_empty(), "{:?}", m.diagnostics);
            for l in &m.lines {
                prop_assert!(!l.wildcard || (l.covers >= 2 && !exact_only));
                if let Some(p) = &l.proof {
                    prop_assert_eq!(p.matches.len(), l.covers);
                }
            }
            if exact_only {
                prop_assert_eq!(m.lines.len(), want.count());
            } else {
                prop_assert_eq!(m.lines.len(), oracle_lines(cat, &want));
            }
        }
    }
}

#[test]
fn the_recipe_reaches_the_catalog_size() {
    assert!(catalog().unwrap().operations.len() >= 22_000);
}
