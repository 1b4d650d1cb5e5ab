//! Property tests against naive models: the matcher against a regular expression
//! (also on patterns with many `*`, and through the catalog's prefix and suffix
//! indexes),
//! evaluation against set arithmetic over a finite action universe (deny
//! assignments of several blocks included), and catalog
//! expansion against matching every operation one by one.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use proptest::prelude::*;
use regex::Regex;
use w365_engine::evaluate::{Assignment, Decision, DenyAssignment, Environment, Query};
use w365_engine::expand::Expander;
use w365_engine::model::{PermissionBlock, Role, RoleKind};
use w365_engine::roleset::{RoleRef, RoleSet};
use w365_engine::{catalog, ActionPattern, Scope};

/// The oracle: case-insensitive, `*` = any run (slashes included), whole string.
fn oracle(pattern: &str) -> Regex {
    let parts: Vec<String> = pattern.split('*').map(regex::escape).collect();
    Regex::new(&format!("(?is)^{}$", parts.join(".*"))).unwrap()
}

fn pattern_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a"),
            Just("B"),
            Just("/"),
            Just("*"),
            Just("read"),
            Just(".")
        ],
        1..8,
    )
    .prop_map(|v| v.concat())
}

fn action_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![Just("a"), Just("b"), Just("/"), Just("READ"), Just(".")],
        0..10,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn matcher_agrees_with_a_regex(p in pattern_text(), a in action_text()) {
        let parsed = ActionPattern::new(&p).unwrap();
        prop_assert_eq!(parsed.matches(&a), oracle(&p).is_match(&a), "pattern {:?} action {:?}", p, a);
    }
}

/// Patterns with many `*` and repeated pieces over a two-letter alphabet: the
/// shapes that make backtracking matchers blow up and that test where the greedy
/// matcher places each piece.
fn starry_pattern() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("*"),
            Just("**"),
            Just("a"),
            Just("b"),
            Just("ab"),
            Just("/"),
            Just("A")
        ],
        0..16,
    )
    .prop_map(|v| {
        let p = v.concat();
        if p.is_empty() {
            "*".to_string()
        } else {
            p
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn the_linear_matcher_agrees_with_a_regex_on_starry_patterns(
        p in starry_pattern(),
        a in "[abAB/]{0,24}",
    ) {
        let parsed = ActionPattern::new(&p).unwrap();
        let want = oracle(&p).is_match(&a);
        prop_assert_eq!(parsed.matches(&a), want, "pattern {:?} action {:?}", p, a);
        prop_assert_eq!(parsed.matches_lower(&a.to_ascii_lowercase()), want, "lower: pattern {:?} action {:?}", p, a);
        prop_assert_eq!(parsed.azure_limits().is_ok(), parsed.wildcard_count() <= 1);
    }
}

/// Catalog patterns with a literal prefix and suffix of real names, around one or
/// more `*` and pieces, matched through the prefix range or the suffix index.
fn catalog_glob() -> impl Strategy<Value = String> {
    let cat = catalog().unwrap();
    let n = cat.operations.len();
    (0..n, 0usize..12, 0usize..12, 0usize..3).prop_map(move |(i, pre, suf, middle)| {
        let name = cat.operations.lower(i);
        let pre = name.get(..pre.min(name.len())).unwrap_or_default();
        let suf = name
            .get(name.len().saturating_sub(suf)..)
            .unwrap_or_default();
        let mid = ["", "*e", "*/*r"][middle];
        format!("{pre}{mid}*{suf}")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]
    #[test]
    fn catalog_matches_agree_with_testing_every_operation(p in catalog_glob()) {
        let cat = catalog().unwrap();
        let ops = &cat.operations;
        // Enough suffix scans first that the suffix index is built and used.
        for s in ["*/read", "*/write", "*/delete", "*/action"].iter().cycle().take(40) {
            let _ = ops.matches(&ActionPattern::new(s).unwrap());
        }
        let pattern = ActionPattern::new(&p).unwrap();
        let mut got = w365_engine::bitset::BitSet::new(ops.len());
        ops.insert_matches(&pattern, &mut got);
        let re = oracle(&p);
        for i in 0..ops.len() {
            prop_assert_eq!(got.contains(i), re.is_match(ops.name(i)), "{} ~ {}", p, ops.name(i));
        }
    }
}

/// A small universe of actions and patterns over it.
const UNIVERSE: &[&str] = &[
    "P.A/things/read",
    "P.A/things/write",
    "P.A/things/delete",
    "P.A/things/sub/read",
    "P.A/other/read",
    "P.B/things/read",
    "P.B/x/y/action",
    "P.AB/things/read",
];
const PATTERNS: &[&str] = &[
    "*",
    "*/read",
    "P.A/*",
    "P.A/things/*",
    "P.A/*/read",
    "P.B/*",
    "p.a/THINGS/read",
    "P.A/things/write",
    "P.AB/*",
    "*/action",
    "P.A/things/sub/*",
];
const SCOPES: &[&str] = &[
    "/",
    "/subscriptions/s1",
    "/subscriptions/s1/resourceGroups/r1",
    "/subscriptions/s1/resourceGroups/r10",
    "/subscriptions/s2",
];

#[derive(Debug, Clone)]
struct Block {
    actions: Vec<usize>,
    not_actions: Vec<usize>,
}

fn block() -> impl Strategy<Value = Block> {
    (
        proptest::collection::vec(0..PATTERNS.len(), 0..3),
        proptest::collection::vec(0..PATTERNS.len(), 0..2),
    )
        .prop_map(|(actions, not_actions)| Block {
            actions,
            not_actions,
        })
}

fn role(blocks: &[Block], n: usize) -> Role {
    Role {
        id: format!("r{n}"),
        name: format!("Role {n}"),
        description: String::new(),
        kind: RoleKind::AzureCustom,
        category: None,
        blocks: blocks_of(blocks),
        assignable_scopes: vec!["/subscriptions/s1".into()],
        provenance: Vec::new(),
        notes: Vec::new(),
        entra_actions: Vec::new(),
        aliases: Vec::new(),
        version_date: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn evaluation_agrees_with_set_arithmetic(
        roles in proptest::collection::vec(proptest::collection::vec(block(), 1..3), 1..4),
        assignments in proptest::collection::vec((0usize..3, 0..SCOPES.len()), 0..4),
        target in 0..SCOPES.len(),
    ) {
        let cat = catalog().unwrap();
        let defs: Vec<Role> = roles.iter().enumerate().map(|(i, b)| role(b, i)).collect();
        let mut env = Environment::new(RoleSet::new(cat, defs.clone()));
        let target_scope = Scope::parse(SCOPES[target]).unwrap();
        // Naive model: the union, over assignments whose scope is a segment prefix of the
        // target, of (matches of Actions − matches of NotActions) per block.
        let compiled: Vec<Regex> = PATTERNS.iter().map(|p| oracle(p)).collect();
        let mut allowed = std::collections::BTreeSet::new();
        for &(r, s) in &assignments {
            if r >= defs.len() { continue; }
            env.assignments.push(Assignment { role: RoleRef::Custom(r), scope: Some(Scope::parse(SCOPES[s]).unwrap()), condition: None, principals: Vec::new() });
            let covers = SCOPES[s] == "/" || SCOPES[target] == SCOPES[s] || SCOPES[target].starts_with(&format!("{}/", SCOPES[s]));
            if !covers { continue; }
            for b in &roles[r] {
                for (i, a) in UNIVERSE.iter().enumerate() {
                    let granted = b.actions.iter().any(|&p| compiled[p].is_match(a));
                    let removed = b.not_actions.iter().any(|&p| compiled[p].is_match(a));
                    if granted && !removed { allowed.insert(i); }
                }
            }
        }
        for (i, a) in UNIVERSE.iter().enumerate() {
            let e = env.evaluate(&Query { action: a.to_string(), data_action: Some(false), scope: Some(target_scope.clone()), plane: None });
            let want = if allowed.contains(&i) { Decision::Allow } else { Decision::Deny };
            prop_assert_eq!(e.decision, want, "action {} at {}", a, SCOPES[target]);
        }
    }
}

fn blocks_of(blocks: &[Block]) -> Vec<PermissionBlock> {
    let pats = |v: &[usize]| {
        v.iter()
            .map(|&i| ActionPattern::new(PATTERNS[i]).unwrap())
            .collect()
    };
    blocks
        .iter()
        .map(|b| PermissionBlock {
            actions: pats(&b.actions),
            not_actions: pats(&b.not_actions),
            ..Default::default()
        })
        .collect()
}

/// Whether a block (Actions − NotActions) matches the action, by the oracle.
fn block_holds(b: &Block, compiled: &[Regex], action: &str) -> bool {
    b.actions.iter().any(|&p| compiled[p].is_match(action))
        && !b.not_actions.iter().any(|&p| compiled[p].is_match(action))
}

fn covers(at: &str, target: &str) -> bool {
    at == "/" || target == at || target.starts_with(&format!("{at}/"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn deny_assignments_agree_with_set_arithmetic(
        grants in proptest::collection::vec(block(), 1..3),
        denies in proptest::collection::vec(
            (proptest::collection::vec(block(), 1..4), 0..SCOPES.len(), any::<bool>()),
            1..3,
        ),
        grant_scope in 0..SCOPES.len(),
        target in 0..SCOPES.len(),
    ) {
        let cat = catalog().unwrap();
        let mut env = Environment::new(RoleSet::new(cat, vec![role(&grants, 0)]));
        env.assignments.push(Assignment { role: RoleRef::Custom(0), scope: Some(Scope::parse(SCOPES[grant_scope]).unwrap()), condition: None, principals: Vec::new() });
        for (n, (blocks, at, here_only)) in denies.iter().enumerate() {
            env.denies.push(DenyAssignment {
                name: format!("deny {n}"),
                scope: Scope::parse(SCOPES[*at]).unwrap(),
                permissions: blocks_of(blocks),
                do_not_apply_to_child_scopes: *here_only,
                principals: Vec::new(),
                exclude_principals: Vec::new(),
                condition: None,
            });
        }
        // Naive model: denied when any deny reaching the target (its scope, or below
        // it unless `doNotApplyToChildScopes`) has any block whose Actions −
        // NotActions match; allowed when granted and not denied.
        let compiled: Vec<Regex> = PATTERNS.iter().map(|p| oracle(p)).collect();
        for a in UNIVERSE {
            let granted = covers(SCOPES[grant_scope], SCOPES[target])
                && grants.iter().any(|b| block_holds(b, &compiled, a));
            let denied = denies.iter().any(|(blocks, at, here_only)| {
                let reaches = if *here_only { SCOPES[*at] == SCOPES[target] } else { covers(SCOPES[*at], SCOPES[target]) };
                reaches && blocks.iter().any(|b| block_holds(b, &compiled, a))
            });
            let want = if granted && !denied { Decision::Allow } else { Decision::Deny };
            let e = env.evaluate(&Query { action: a.to_string(), data_action: Some(false), scope: Some(Scope::parse(SCOPES[target]).unwrap()), plane: None });
            prop_assert_eq!(e.decision, want, "action {} at {}", a, SCOPES[target]);
        }
    }
}

fn catalog_pattern() -> impl Strategy<Value = String> {
    let cat = catalog().unwrap();
    let n = cat.operations.len();
    (0..n, 0usize..4, any::<bool>()).prop_map(move |(i, cut, upper)| {
        let name = cat.operations.name(i).to_string();
        let segs: Vec<&str> = name.split('/').collect();
        let p = match cut {
            0 => name.clone(),
            1 => format!(
                "{}/*",
                segs[..segs.len().saturating_sub(1).max(1)].join("/")
            ),
            2 => format!("{}/*/{}", segs[0], segs[segs.len() - 1]),
            _ => format!("*/{}", segs[segs.len() - 1]),
        };
        if upper {
            p.to_uppercase()
        } else {
            p
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn expansion_agrees_with_matching_every_operation(
        actions in proptest::collection::vec(catalog_pattern(), 1..4),
        not_actions in proptest::collection::vec(catalog_pattern(), 0..2),
        data in proptest::collection::vec(catalog_pattern(), 0..2),
    ) {
        let cat = catalog().unwrap();
        let p = |v: &[String]| v.iter().map(|s| ActionPattern::new(s).unwrap()).collect::<Vec<_>>();
        let role = Role {
            blocks: vec![PermissionBlock { actions: p(&actions), not_actions: p(&not_actions), data_actions: p(&data), ..Default::default() }],
            ..w365_engine::least::minimal_role(cat, &w365_engine::bitset::BitSet::new(1), "x")
        };
        let got = Expander::new(cat).expand(&role);
        let ops = &cat.operations;
        let re = |v: &[String]| v.iter().map(|s| oracle(s)).collect::<Vec<_>>();
        let (ra, rn, rd) = (re(&actions), re(&not_actions), re(&data));
        for i in 0..ops.len() {
            let name = ops.name(i);
            let want = if ops.is_data(i) {
                rd.iter().any(|d| d.is_match(name))
            } else {
                ra.iter().any(|a| a.is_match(name)) && !rn.iter().any(|n| n.is_match(name))
            };
            prop_assert_eq!(got.granted.contains(i), want, "{}", name);
        }
    }
}

/// Needles for the catalog search: single letters (a hit in nearly every entry),
/// pieces of names that can straddle two neighbouring names, and words.
fn needle() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec!["m", "s", "e", "/", ".", "z", "é", "’"])
            .prop_map(str::to_string),
        proptest::sample::select(vec![
            "readmicrosoft",
            "action",
            "/read",
            "listkeys",
            "network",
            "ns/",
            "writemi",
            "delete",
            "virtual machine",
            "the ",
        ])
        .prop_map(str::to_string),
        "[a-z./ ]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn catalog_search_agrees_with_checking_every_entry(n in needle()) {
        let ops = &catalog().unwrap().operations;
        let names = ops.names_containing(&n);
        let descriptions = ops.descriptions_containing(&n);
        for i in 0..ops.len() {
            prop_assert_eq!(names.contains(i), ops.lower(i).contains(n.as_str()), "name {} of {:?}", i, n);
            prop_assert_eq!(descriptions.contains(i), ops.description_lower(i).contains(n.as_str()), "description {} of {:?}", i, n);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]
    /// The remembering roles search: typing and erasing random queries (words and
    /// actions) gives the answers of a search from scratch.
    #[test]
    fn remembered_roles_search_agrees_with_a_fresh_one(queries in proptest::collection::vec(prop_oneof![
        needle(),
        Just("Microsoft.Network/networkInterfaces/join/action".to_string()),
        Just("reboot cloud".to_string()),
    ], 1..6)) {
        let c = catalog().unwrap();
        let set = w365_engine::roleset::RoleSet::new(c, Vec::new());
        let f = w365_engine::search::RoleFilter::default();
        let mut s = w365_engine::search::RoleSearch::new();
        for q in &queries {
            let chars: Vec<char> = q.chars().collect();
            let typed: Vec<String> = (1..=chars.len()).map(|n| chars[..n].iter().collect()).collect();
            for t in typed.iter().chain(typed.iter().rev().take(chars.len() / 2)) {
                let key = |h: &w365_engine::search::RoleHit| (h.role, h.holds.clone(), h.grant.as_ref().map(|g| g.patterns.clone()));
                let kept: Vec<_> = s.run(&set, t, &f).iter().map(key).collect();
                let fresh: Vec<_> = w365_engine::search::roles(&set, t, &f).iter().map(key).collect();
                prop_assert_eq!(kept, fresh, "{:?}", t);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    /// The roles search reads only the built-in roles the index of byte pairs keeps:
    /// it finds the Azure roles a check of every role's name, description, id and
    /// aliases finds (Azure roles match by words only).
    #[test]
    fn roles_search_agrees_with_checking_every_role(q in prop_oneof![needle(), "[a-z]{1,3}( [a-z]{1,4}){0,2}"]) {
        let c = catalog().unwrap();
        let set = w365_engine::roleset::RoleSet::new(c, Vec::new());
        let f = w365_engine::search::RoleFilter { plane: Some(w365_engine::Plane::Azure), ..Default::default() };
        prop_assume!(!w365_engine::search::looks_like_action(&q));
        let ws = w365_engine::search::words(&q);
        let mut naive: Vec<&w365_engine::model::Role> = c.roles.iter()
            .filter(|r| r.plane() == w365_engine::Plane::Azure)
            .filter(|r| ws.iter().all(|w| {
                let has = |t: &str| t.to_ascii_lowercase().contains(w.as_str());
                has(&r.name) || has(&r.description) || has(&r.id) || r.aliases.iter().any(|a| has(a))
            }))
            .collect();
        // Ranked as the search says: the exact name, then every word in the name
        // (Windows 365's roles first), then the rest; catalog order within.
        if !ws.is_empty() {
            let rank = |r: &w365_engine::model::Role| {
                let name = r.name.to_ascii_lowercase();
                let in_name = ws.iter().all(|w| name.contains(w.as_str())
                    || r.aliases.iter().any(|a| a.to_ascii_lowercase().contains(w.as_str())));
                if name == ws.join(" ") { 0 } else if in_name && name.starts_with("windows 365") { 1 } else if in_name { 2 } else { 3 }
            };
            naive.sort_by_key(|r| rank(r));
        }
        let naive: Vec<String> = naive.iter().map(|r| r.id.clone()).collect();
        let found: Vec<String> = w365_engine::search::roles(&set, &q, &f).iter()
            .filter_map(|h| set.get(h.role).map(|r| r.id.clone()))
            .collect();
        prop_assert_eq!(found, naive, "{:?}", q);
    }
}

/// The operations search as its definition reads, entry by entry: every word in the
/// name first, then every word in the name or the description, in catalog order.
fn naive_operations(q: &str) -> Vec<usize> {
    let ops = &catalog().unwrap().operations;
    let ws = w365_engine::search::words(q);
    if ws.is_empty() {
        return (0..ops.len()).collect();
    }
    let in_name = |i: usize| ws.iter().all(|w| ops.lower(i).contains(w.as_str()));
    let anywhere = |i: usize| {
        ws.iter().all(|w| {
            ops.lower(i).contains(w.as_str()) || ops.description_lower(i).contains(w.as_str())
        })
    };
    let mut out: Vec<usize> = (0..ops.len()).filter(|&i| in_name(i)).collect();
    out.extend((0..ops.len()).filter(|&i| !in_name(i) && anywhere(i)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]
    /// The index of byte pairs answers short words and narrows long ones: the search
    /// equals a check of every entry, for words of one, two and more letters.
    #[test]
    fn operation_search_agrees_with_checking_every_entry(q in prop_oneof![needle(), "[a-z]{1,2}( [a-z./]{1,3}){0,2}"]) {
        let c = catalog().unwrap();
        prop_assert_eq!(w365_engine::search::operations(c, &q, None), naive_operations(&q), "{:?}", q);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    /// Typing, backspacing and pasting: every query the remembering search answers
    /// is the answer of a search from scratch.
    #[test]
    fn remembered_search_agrees_with_a_fresh_one(queries in proptest::collection::vec(needle(), 1..12)) {
        let c = catalog().unwrap();
        let mut s = w365_engine::search::OperationSearch::new();
        for q in &queries {
            // The query typed a character at a time, then erased back to its half.
            let chars: Vec<char> = q.chars().collect();
            let typed: Vec<String> = (1..=chars.len()).map(|n| chars[..n].iter().collect()).collect();
            for t in typed.iter().chain(typed.iter().rev().take(chars.len() / 2)) {
                prop_assert_eq!(s.run(c, t, None), w365_engine::search::operations(c, t, None), "{:?}", t);
            }
        }
    }
}
