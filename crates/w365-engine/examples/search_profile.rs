//! Time the operations search for short and long queries (a profiling aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool fails loudly"
)]
fn main() {
    let cat = w365_engine::catalog().unwrap();
    if std::env::var_os("ROLES_ONLY").is_some() {
        return roles(cat);
    }
    let _ = cat.operations.description_lower(0);
    let t = std::time::Instant::now();
    let grams = cat.operations.grams();
    println!(
        "index of byte pairs: built in {:?}, {} KiB",
        t.elapsed(),
        grams.heap_bytes() / 1024
    );
    let _ = w365_engine::search::operations(cat, "warm", None);
    for q in [
        "m",
        "mi",
        "micro",
        "microsoft.network/networkinterfaces",
        "s",
        "st",
        "storage listkeys",
        "e",
    ] {
        let t = std::time::Instant::now();
        let n = (0..20)
            .map(|_| w365_engine::search::operations(cat, q, None).len())
            .last()
            .unwrap();
        println!("{q:40} {n:6} hits {:?} per search", t.elapsed() / 20);
    }
    typing(cat);
    roles(cat);
}

/// The roles search for the benchmark's queries and their prefixes.
fn roles(cat: &w365_engine::bundle::Catalog) {
    let set = w365_engine::roleset::RoleSet::new(cat, Vec::new());
    let f = w365_engine::search::RoleFilter::default();
    let only = std::env::var("QUERY").ok();
    for q in [
        "n",
        "ne",
        "net",
        "Microsoft.",
        "Micr",
        "network cont",
        "network contributor",
        "zzzzz",
        "Microsoft.Network/networkIn",
        "Microsoft.Network/networkInterfaces/join/action",
    ] {
        if only.as_deref().is_some_and(|o| o != q) {
            continue;
        }
        let t = std::time::Instant::now();
        let n = (0..std::env::var("REPS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(20))
            .map(|_| w365_engine::search::roles(&set, q, &f).len())
            .last()
            .unwrap();
        println!("roles {q:48} {n:4} hits {:?} in all", t.elapsed());
    }
}

/// The benchmark's typing (each text typed, then erased), from scratch per
/// keystroke and with the remembering search: the slowest keystrokes of each.
fn typing(cat: &w365_engine::bundle::Catalog) {
    for text in ["Microsoft.Network/networkInterfaces", "storage listkeys"] {
        let typed: Vec<&str> = (1..=text.len()).map(|n| &text[..n]).collect();
        let seq: Vec<&str> = typed
            .iter()
            .chain(typed.iter().rev().skip(1))
            .copied()
            .chain([""])
            .collect();
        let mut fresh: Vec<std::time::Duration> = Vec::new();
        let mut remembered: Vec<std::time::Duration> = Vec::new();
        let mut s = w365_engine::search::OperationSearch::new();
        for q in &seq {
            let t = std::time::Instant::now();
            let a = w365_engine::search::operations(cat, q, None);
            fresh.push(t.elapsed());
            let t = std::time::Instant::now();
            let b = s.run(cat, q, None);
            remembered.push(t.elapsed());
            assert_eq!(a, b);
        }
        for (label, mut v) in [("from scratch", fresh), ("remembering", remembered)] {
            v.sort();
            let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
            let total: std::time::Duration = v.iter().sum();
            println!(
                "{text:40} {label:13} {} keystrokes: total {total:?}, p95 {p95:?}, max {:?}",
                v.len(),
                v[v.len() - 1]
            );
        }
    }
}
