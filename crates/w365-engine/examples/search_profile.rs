//! Time the operations search for short and long queries (a profiling aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool fails loudly"
)]
fn main() {
    let cat = w365_engine::catalog().unwrap();
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
}
