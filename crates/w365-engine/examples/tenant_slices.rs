//! The slowest steps of a tenant review, to find what keeps a page busy:
//! `cargo run --release -p w365-engine --example tenant_slices -- FILE...`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer's probe"
)]
use std::time::Instant;
use w365_engine::tenant::{Loading, Reviewing};

fn main() {
    let cat = w365_engine::catalog().unwrap();
    let files: Vec<(String, String)> = std::env::args()
        .skip(1)
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    for (n, t) in &files {
        let t0 = Instant::now();
        let doc = w365_engine::json::parse_with(
            t,
            w365_engine::json::Limits {
                max_bytes: usize::MAX,
                max_depth: 64,
            },
        );
        println!("parse {n}: {:?} ({})", t0.elapsed(), doc.is_ok());
    }
    let mut loading = Loading::default();
    for (n, t) in &files {
        let t0 = Instant::now();
        loading.add(cat, n, t).unwrap();
        println!("read {n}: {:?}", t0.elapsed());
    }
    let t0 = Instant::now();
    let loaded = loading.finish(cat).unwrap();
    println!("finish loading: {:?}", t0.elapsed());
    let mut job = Reviewing::new(cat, &loaded);
    let mut slow: Vec<(u128, &'static str, usize)> = Vec::new();
    let mut stages: Vec<(&'static str, u128)> = Vec::new();
    loop {
        let p = job.progress(&loaded);
        let t0 = Instant::now();
        let done = job.step(&loaded, 1);
        let us = t0.elapsed().as_micros();
        slow.push((us, p.stage, p.done));
        match stages.last_mut() {
            Some((s, t)) if *s == p.stage => *t += us,
            _ => stages.push((p.stage, us)),
        }
        if done {
            break;
        }
    }
    let t0 = Instant::now();
    let review = job.finish(&loaded);
    println!(
        "finish review: {:?} ({} principals)",
        t0.elapsed(),
        review.principals.len()
    );
    let mut worst = 0;
    let mut sheds = 0;
    loop {
        let t0 = Instant::now();
        let done = job.shed(500);
        let us = t0.elapsed().as_micros();
        if us > 20_000 {
            println!("slow shed #{sheds}: {us} µs");
        }
        worst = worst.max(us);
        sheds += 1;
        if done {
            break;
        }
    }
    let t0 = Instant::now();
    drop(job);
    println!(
        "shed in {sheds} slices of 500, worst {worst} µs; then dropped in {:?}",
        t0.elapsed()
    );
    for (s, t) in stages {
        println!("stage {s}: {} ms", t / 1000);
    }
    slow.sort_by_key(|x| std::cmp::Reverse(x.0));
    for (us, stage, i) in slow.iter().take(15) {
        println!("{:>8} µs  {stage} #{i}", us);
    }
}
