//! Time the catalog decode (a profiling aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]
fn main() {
    let t = std::time::Instant::now();
    let c = w365_engine::Catalog::decode();
    println!("decode {:?} ok={}", t.elapsed(), c.is_ok());
}
