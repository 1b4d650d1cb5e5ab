//! Time the tenant report of the generated tenant (a profiling aid):
//! `GENERATE_ONLY=1 scripts/bench-tenant.sh`, then `cargo run --release -p
//! w365-engine --example tenant_report_time` (`REPS=N` computes it N more times).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a tool"
)]
use std::time::Instant;
fn main() {
    let cat = w365_engine::Catalog::decode().unwrap();
    let dir = "target/bench-tenant";
    let files: Vec<(String, String)> = [
        "az.json",
        "graph.json",
        "entra.json",
        "roles.json",
        "cpcroles.json",
    ]
    .iter()
    .map(|n| {
        (
            n.to_string(),
            std::fs::read_to_string(format!("{dir}/{n}")).unwrap(),
        )
    })
    .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let loaded = w365_engine::tenant::load(&cat, &refs).unwrap();
    let t = Instant::now();
    let review = w365_engine::tenant::review(&cat, &loaded);
    println!("review {:?}", t.elapsed());
    let t = Instant::now();
    let mut rep = w365_engine::report::tenant(&cat, &loaded, &review);
    println!("report {:?}", t.elapsed());
    for _ in 0..std::env::var("REPS").map_or(0, |v| v.parse().unwrap()) {
        let t = Instant::now();
        rep = w365_engine::report::tenant(&cat, &loaded, &review);
        println!("report {:?}", t.elapsed());
    }
    println!("report {:?}", t.elapsed());
    let t = Instant::now();
    let md = w365_engine::report::render::markdown(&rep);
    println!("markdown {:?} {}", t.elapsed(), md.len());
}
