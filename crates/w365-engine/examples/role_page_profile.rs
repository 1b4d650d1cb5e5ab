//! Time the engine work a role page does, section by section, for a few built-in
//! roles (a profiling aid for the role page's figures in docs/PERFORMANCE.md).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool fails loudly"
)]
use std::time::{Duration, Instant};
use w365_engine::expand::Expander;

fn time<T>(reps: u32, mut f: impl FnMut() -> T) -> Duration {
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(f());
    }
    t.elapsed() / reps
}

fn main() {
    let cat = w365_engine::catalog().unwrap();
    let all = cat.builtin_expansions();
    if let Ok(n) = std::env::var("ALONE_REPS") {
        // Only Owner's enabled-alone, many times (for a profiler).
        let i = cat.roles.iter().position(|r| r.name == "Owner").unwrap();
        let d = time(n.parse().unwrap(), || {
            w365_engine::readiness::alone_expanded(cat, &cat.roles[i], &all[i])
        });
        println!("Owner enabled alone: {:.3} ms", d.as_secs_f64() * 1e3);
        return;
    }
    // The first call of each section pays for what it builds once (indexes, tables).
    {
        let i = cat.roles.iter().position(|r| r.name == "Owner").unwrap();
        let (role, ex) = (&cat.roles[i], &all[i]);
        println!("Owner, first calls:");
        for (what, d) in [
            (
                "risk profile",
                time(1, || w365_engine::risk::profile(cat, role, ex)),
            ),
            (
                "enabled alone",
                time(1, || w365_engine::readiness::alone(cat, role)),
            ),
            (
                "groups",
                time(1, || w365_engine::group::group(cat, &ex.granted)),
            ),
        ] {
            println!("  {what:32} {:>8.2} ms", d.as_secs_f64() * 1e3);
        }
    }
    let reps = 20;
    for name in [
        "Owner",
        "Contributor",
        "Network Contributor",
        "Cloud PC Administrator",
    ] {
        let i = cat.roles.iter().position(|r| r.name == name).unwrap();
        let (role, ex) = (&cat.roles[i], &all[i]);
        println!("{name}: {} granted", ex.granted.count());
        let rows: Vec<(&str, Duration)> = vec![
            ("counts", time(reps, || ex.counts(cat))),
            (
                "risk profile",
                time(reps, || w365_engine::risk::profile(cat, role, ex)),
            ),
            (
                "enabled alone",
                time(reps, || w365_engine::readiness::alone(cat, role)),
            ),
            (
                "groups",
                time(reps, || w365_engine::group::group(cat, &ex.granted)),
            ),
            (
                "pattern counts (new expander)",
                time(reps, || {
                    let mut e = Expander::new(cat);
                    role.blocks
                        .iter()
                        .flat_map(|b| b.actions.iter().chain(&b.not_actions))
                        .map(|p| e.count(role.plane(), p, false))
                        .sum::<usize>()
                }),
            ),
            (
                "history",
                time(reps, || {
                    cat.seed_version(role)
                        .map(|old| w365_engine::history::changes(old, role))
                }),
            ),
            (
                "export (arm)",
                time(reps, || {
                    w365_engine::export::export(role, w365_engine::export::Format::Arm)
                }),
            ),
        ];
        for (what, d) in rows {
            println!("  {what:32} {:>8.2} ms", d.as_secs_f64() * 1e3);
        }
    }
}
