//! `w365-perms grade`: grade an answer against an exercise, for trainers grading in
//! bulk; `w365-perms exercises`: the built-in pack, one exercise of it, or the
//! validation of an exercise or pack a trainer wrote.
//!
//! `grade --exercise EXERCISE.json|ID [--input ANSWER.json | --solution]` (a file,
//! or a built-in exercise's id when no such file exists) prints
//! `{"exercise", "passed", "score", "of", "checks": [{"kind", "passed", "explanation"}]}`
//! and exits 0 whether or not the answer passes (`--strict`: exit 1 when a check
//! fails, for pipelines that stop on a failed answer); an unusable exercise or
//! answer exits 2 with one line.

use crate::args::{read_source, Args};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::exercise::{self, Exercise};

/// Run `grade`.
pub fn grade(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("grade", argv)?;
    a.at_most(0)?;
    let path = a.value("exercise").ok_or_else(|| {
        Failure::Usage(
            "name the exercise: `w365-perms grade --exercise EXERCISE.json|ID [--input ANSWER.json | --solution]`"
                .into(),
        )
    })?;
    if a.flag("solution") && a.value("input").is_some() {
        return Err(Failure::Usage(
            "give `--input` (an answer) or `--solution` (the exercise's own), not both".into(),
        ));
    }
    let cat = output::catalog()?;
    let ex = read_exercise(cat, path)?;
    let answer = if a.flag("solution") {
        ex.solution.clone()
    } else {
        let text = read_source(a.value("input"))?;
        exercise::parse_answer(cat, &text)
            .map_err(|e| Failure::Input(format!("the answer cannot be graded: {e}")))?
    };
    // The solution's warnings too (a re-check review: `--solution` was silent
    // where `--input` warned).
    for w in &answer.warnings {
        output::stderr_line(&format!(
            "w365-perms: warning: {}",
            w365_engine::text::escape_hidden(w)
        ));
    }
    let graded = exercise::grade(cat, &ex, &answer.answer(cat));
    output::json(&graded, a.flag("compact"))?;
    Ok(u8::from(a.flag("strict") && !graded.passed))
}

/// The exercise `--exercise` names: a file (or `-`, standard input), or the id of a
/// built-in exercise when no file of that name exists. When both exist the file is
/// graded and a note on stderr says so.
fn read_exercise(cat: &w365_engine::Catalog, given: &str) -> Result<Exercise, Failure> {
    let is_file = given != "-" && std::path::Path::new(given).exists();
    let pack = exercise::builtin(cat).ok();
    let builtin = pack.as_ref().and_then(|p| p.exercise(given.trim()));
    if let (Some(ex), false, true) = (builtin, is_file, given != "-") {
        return Ok(ex.clone());
    }
    if let (Some(ex), true) = (builtin, is_file) {
        output::stderr_line(&format!(
            "w365-perms: note: `{given}` is both a file and a built-in exercise's id; grading the file (to grade the built-in `{}`, run where no such file is)",
            ex.id
        ));
    }
    if !is_file && given != "-" && exercise::valid_id(given.trim()) && !given.contains('.') {
        let ids = pack
            .as_ref()
            .map(|p| {
                p.exercises
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let hint = w365_engine::fuzzy::closest(given, ids)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(Failure::Input(format!(
            "`{given}` is neither a file nor a built-in exercise's id ({hint}`w365-perms exercises --list` lists them)"
        )));
    }
    let text = read_source(Some(given))?;
    exercise::parse(cat, &text).map_err(|e| {
        let pack = if e.lines().iter().any(|l| l.contains("found a pack")) {
            " (`w365-perms exercises --id ID` prints one exercise of the built-in pack)"
        } else {
            ""
        };
        Failure::Input(format!("the exercise `{given}` cannot be used: {e}{pack}"))
    })
}

#[derive(Serialize)]
struct Checked {
    id: String,
    valid: bool,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    title: &'a str,
    level: &'static str,
    checks: usize,
    hints: usize,
}

/// `exercises --list`: the list in an object, so `schemaVersion` can come first.
#[derive(Serialize)]
struct ExerciseList<'a> {
    exercises: Vec<Listed<'a>>,
}

#[derive(Serialize)]
struct Validation {
    valid: bool,
    exercises: Vec<Checked>,
}

/// Run `exercises`: the built-in pack (`--list`: id, title, level and counts of
/// each exercise; `--id ID`: one exercise, standalone), or
/// `--validate FILE`: every problem of an exercise or pack (exit 1 when one does not
/// validate: its solution fails a check, or its start passes them all; a file that
/// cannot be read as an exercise or pack is unusable input, exit 2).
pub fn exercises(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("exercises", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let compact = a.flag("compact");
    if let Some(path) = a.value("validate") {
        let text = read_source(Some(path))?;
        let pack = exercise::parse_pack(cat, &text)
            .map_err(|e| Failure::Input(format!("`{path}` cannot be read: {e}")))?;
        let checked: Vec<Checked> = pack
            .exercises
            .iter()
            .map(|ex| {
                let problems: Vec<String> = exercise::validate(cat, ex)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                Checked {
                    id: ex.id.clone(),
                    valid: problems.is_empty(),
                    problems,
                }
            })
            .collect();
        let valid = checked.iter().all(|c| c.valid);
        output::json(
            &Validation {
                valid,
                exercises: checked,
            },
            compact,
        )?;
        return Ok(u8::from(!valid));
    }
    let pack = exercise::builtin(cat)
        .map_err(|e| Failure::Input(format!("the built-in pack is unreadable: {e}")))?;
    if a.flag("list") && a.value("id").is_some() {
        return Err(Failure::Usage(
            "give `--list` (every exercise) or `--id ID` (one), not both".into(),
        ));
    }
    match a.value("id") {
        None if a.flag("list") => {
            let list: Vec<Listed<'_>> = pack
                .exercises
                .iter()
                .map(|e| Listed {
                    id: &e.id,
                    title: &e.title,
                    level: e.level.as_str(),
                    checks: e.checks.len(),
                    hints: e.hints.len(),
                })
                .collect();
            output::json(&ExerciseList { exercises: list }, compact)?;
        }
        // The pack and one exercise are documents that `grade --exercise-file` and
        // `exercises --validate` read back: the reader accepts the `schemaVersion`
        // the envelope puts first.
        None => output::json(&pack.to_json(), compact)?,
        Some(id) => {
            let ex = pack.exercise(id).ok_or_else(|| {
                Failure::Usage(format!(
                    "unknown exercise `{id}`{}",
                    w365_engine::fuzzy::closest(id, pack.exercises.iter().map(|e| e.id.as_str()))
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default()
                ))
            })?;
            output::json(&ex.to_json(true), compact)?;
        }
    }
    Ok(0)
}
