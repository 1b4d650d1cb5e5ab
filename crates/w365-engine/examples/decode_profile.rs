//! Time the catalog decode (a profiling aid).
fn main() {
    let t = std::time::Instant::now();
    let c = w365_engine::Catalog::decode();
    println!("decode {:?} ok={}", t.elapsed(), c.is_ok());
}
