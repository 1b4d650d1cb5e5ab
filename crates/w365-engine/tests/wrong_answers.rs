//! Wrong answers to the built-in exercises, one file each in `tests/wrong_answers/`
//! (most from outside reviews): each must fail, and fail the named checks with an
//! explanation that says why. Unknown fields are errors. The built-in solutions
//! passing and the starts failing are tested in `exercises.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;
use w365_engine::catalog;
use w365_engine::exercise::{builtin, grade, parse_answer};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The built-in exercise's id.
    exercise: String,
    /// Why the answer is wrong, and where the case comes from.
    why: String,
    /// Checks that must fail, each with words its explanation must hold.
    fails: Vec<Fail>,
    /// The answer as a student hands it in.
    answer: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fail {
    kind: String,
    contains: String,
}

#[test]
fn every_wrong_answer_fails_for_its_reason() {
    let cat = catalog().unwrap();
    let pack = builtin(cat).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wrong_answers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 24, "{} cases", files.len());
    let mut wrong = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let case: Case = serde_json::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!case.why.is_empty() && !case.fails.is_empty(), "{name}");
        let ex = pack
            .exercise(&case.exercise)
            .unwrap_or_else(|| panic!("{name}: no exercise `{}`", case.exercise));
        let answer =
            parse_answer(cat, &case.answer.to_string()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let g = grade(cat, ex, &answer.answer(cat));
        if g.passed {
            wrong.push(format!(
                "{name}: passes {}/{} ({})",
                g.score, g.of, case.why
            ));
            continue;
        }
        for want in &case.fails {
            let hit = g.checks.iter().any(|c| {
                !c.passed && c.kind == want.kind && c.explanation.contains(&want.contains)
            });
            if !hit {
                let failed: Vec<String> = g
                    .checks
                    .iter()
                    .filter(|c| !c.passed)
                    .map(|c| format!("{}: {}", c.kind, c.explanation))
                    .collect();
                wrong.push(format!(
                    "{name}: no failed `{}` check saying “{}”; failed: {failed:#?}",
                    want.kind, want.contains
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
