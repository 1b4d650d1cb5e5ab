//! Time what the `import` fuzz target does on one input, natively: import, then the
//! lint of every role by one `Linter` and every export (`cargo run --release -p
//! w365-engine --example import_replay -- FILE`): a slow fuzz finding, replayed
//! without the fuzzer's instrumentation.
use std::time::Instant;
use w365_engine::export::{export, Format};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: import_replay FILE");
        std::process::exit(2);
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("import_replay: cannot read {path}");
        std::process::exit(2);
    };
    let Ok(cat) = w365_engine::catalog() else {
        eprintln!("import_replay: the bundled catalog does not decode");
        std::process::exit(2);
    };
    let t = Instant::now();
    let roles = w365_engine::import::import(&text).unwrap_or_default();
    let import = t.elapsed();
    let t = Instant::now();
    let linter = w365_engine::lint::Linter::new(cat);
    let mut slowest = (0.0_f64, 0);
    for (i, r) in roles.iter().enumerate() {
        let one = Instant::now();
        let _ = linter.lint_imported(r);
        let ms = one.elapsed().as_secs_f64() * 1e3;
        if ms > slowest.0 {
            slowest = (ms, i);
        }
    }
    let lint = t.elapsed();
    let t = Instant::now();
    for r in &roles {
        for f in Format::ALL {
            let _ = export(&r.role, f);
        }
    }
    let exports = t.elapsed();
    println!(
        "{} roles: import {:.1} ms, lint {:.1} ms (slowest role {} {:.1} ms), exports {:.1} ms",
        roles.len(),
        import.as_secs_f64() * 1e3,
        lint.as_secs_f64() * 1e3,
        slowest.1,
        slowest.0,
        exports.as_secs_f64() * 1e3
    );
}
