#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]
//! Expansion of every built-in role against the whole operations catalog, the
//! reverse index, and the same work through a naive regex-per-pattern baseline.
//!
//! `cargo bench -p w365-engine --bench expand` prints Criterion's figures and then a
//! summary table (median of repeated runs, and the speed-up over the baseline) that
//! `docs/PERFORMANCE.md` quotes.

use criterion::{black_box, criterion_group, Criterion};
use regex::Regex;
use std::time::{Duration, Instant};
use w365_engine::bitset::BitSet;
use w365_engine::expand::Expander;
use w365_engine::reverse::ReverseIndex;
use w365_engine::{catalog, Catalog, Plane};

fn expand_all(cat: &Catalog) -> usize {
    let mut ex = Expander::new(cat);
    cat.roles
        .iter()
        .map(|r| {
            let e = ex.expand(r);
            e.granted.count() + e.conditional.count()
        })
        .sum()
}

/// The naive baseline: compile one regex per pattern and test it against every
/// operation of the catalog, block by block.
fn expand_all_regex(cat: &Catalog) -> usize {
    let ops = &cat.operations;
    let re = |p: &str| {
        let parts: Vec<String> = p.split('*').map(regex::escape).collect();
        Regex::new(&format!("(?i)^{}$", parts.join(".*"))).unwrap()
    };
    let mut total = 0;
    for role in cat.roles.iter().filter(|r| r.plane() == Plane::Azure) {
        let mut granted = BitSet::new(ops.len());
        for b in &role.blocks {
            for data in [false, true] {
                let (g, n) = b.for_plane(data);
                let g: Vec<Regex> = g.iter().map(|p| re(p.as_str())).collect();
                let n: Vec<Regex> = n.iter().map(|p| re(p.as_str())).collect();
                for i in 0..ops.len() {
                    if ops.is_data(i) != data {
                        continue;
                    }
                    let name = ops.name(i);
                    if g.iter().any(|r| r.is_match(name)) && !n.iter().any(|r| r.is_match(name)) {
                        granted.insert(i);
                    }
                }
            }
        }
        total += granted.count();
    }
    total
}

fn benches(c: &mut Criterion) {
    let cat = catalog().unwrap();
    c.bench_function("decode the bundled catalog", |b| {
        b.iter(|| black_box(Catalog::decode().unwrap()))
    });
    c.bench_function("expand all built-in roles", |b| {
        b.iter(|| black_box(expand_all(cat)))
    });
    cat.builtin_expansions();
    c.bench_function("build the reverse index", |b| {
        b.iter(|| black_box(ReverseIndex::build(cat)))
    });
    let mut g = c.benchmark_group("baseline");
    g.sample_size(10).measurement_time(Duration::from_secs(60));
    g.bench_function("expand all built-in roles, regex per pattern", |b| {
        b.iter(|| black_box(expand_all_regex(cat)))
    });
    g.finish();
}

criterion_group!(group, benches);

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn summary() {
    let cat = catalog().unwrap();
    // Conditions narrow but never remove a built-in grant, so granted + conditional
    // is what the condition-blind baseline computes.
    assert_eq!(
        expand_all(cat),
        expand_all_regex(cat),
        "the engine and the baseline disagree"
    );
    let decode = time(20, || Catalog::decode().unwrap());
    let expand = time(50, || expand_all(cat));
    let reverse = time(50, || ReverseIndex::build(cat));
    let regex = time(3, || expand_all_regex(cat));
    let index = ReverseIndex::build(cat);
    println!("\nSummary (median wall time on this machine)\n");
    println!("| work | time |");
    println!("|---|---|");
    println!(
        "| decode the bundled catalog (22,520 operations, {} roles) | {:.2} ms |",
        cat.roles.len(),
        decode.as_secs_f64() * 1e3
    );
    println!(
        "| expand all {} built-in roles | {:.2} ms |",
        cat.roles.len(),
        expand.as_secs_f64() * 1e3
    );
    println!(
        "| build the reverse index ({} operation-role pairs) | {:.2} ms |",
        index.len(),
        reverse.as_secs_f64() * 1e3
    );
    println!(
        "| naive baseline: regex per pattern, same expansion | {:.0} ms |",
        regex.as_secs_f64() * 1e3
    );
    println!(
        "| speed-up of the engine over the baseline | {:.0}x |",
        regex.as_secs_f64() / expand.as_secs_f64()
    );
}

fn main() {
    group();
    Criterion::default().configure_from_args().final_summary();
    summary();
}
