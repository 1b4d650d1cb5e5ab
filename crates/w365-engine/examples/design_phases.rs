//! Time the design report's steps (a profiling aid): `cargo run --release -p
//! w365-engine --example design_phases -- REQUEST.json`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("a request file");
    let text = std::fs::read_to_string(path).unwrap();
    let cat = w365_engine::Catalog::decode().unwrap();
    let t = Instant::now();
    let req = w365_engine::request::parse(&cat, &text).unwrap();
    println!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let mut job = w365_engine::report::Designing::new(&cat, req, &["x".into()]);
    println!("new {:?}", t.elapsed());
    let mut stage = String::new();
    let (mut longest, mut sum, mut n) = (0.0f64, 0.0, 0);
    loop {
        let p = job.progress();
        if p.stage != stage {
            if n > 0 {
                println!("  {stage}: {n} steps, {sum:.1} ms, longest {longest:.3} ms");
            }
            stage = p.stage.to_string();
            (longest, sum, n) = (0.0, 0.0, 0);
        }
        let t = Instant::now();
        let done = job.step(1);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        longest = longest.max(ms);
        if ms > 2.0 {
            println!("    step {} of {}: {ms:.1} ms", p.done, p.stage);
        }
        sum += ms;
        n += 1;
        if done || (std::env::var_os("OPS_ONLY").is_some() && p.stage.contains("deny")) {
            break;
        }
    }
    println!("  {stage}: {n} steps, {sum:.1} ms, longest {longest:.3} ms");
    let t = Instant::now();
    let rep = job.finish();
    println!("finish {:?}", t.elapsed());
    let t = Instant::now();
    let md = w365_engine::report::render::markdown(&rep);
    println!("markdown {:?} ({} bytes)", t.elapsed(), md.len());
}
