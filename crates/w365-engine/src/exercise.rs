//! Training exercises that check themselves (`"schema": "w365-exercise/1"`).
//!
//! An exercise poses a task in plain words (`brief`), gives the student a `start`
//! (custom roles, role assignments and, for scope tags, a scenario, in the request
//! shape `w365-perms eval` reads), and lists `checks` the answer must pass:
//! `enables` / `notEnables` (a Windows 365 operation), `allows` / `denies` (an
//! action at a scope), `noRisk`, `maxPermissions`, `maxGranted`, `lintClean` and `sees` (scope
//! tags). [`grade`] says for each check whether it passed and why, in the engine's
//! own words, without giving the solution away; [`validate`] makes sure the
//! exercise's own `solution` passes and its start does not. Exercises travel one by
//! one or in a pack (`"schema": "w365-exercise-pack/1"`); the built-in pack is
//! [`builtin`]. The schema is documented in `docs/EXERCISES.md`.
//!
//! ```
//! use w365_engine::{catalog, exercise};
//!
//! let cat = catalog().expect("bundled catalog");
//! let pack = exercise::builtin(cat).expect("built-in pack");
//! let ex = &pack.exercises[0];
//! let graded = exercise::grade(cat, ex, &ex.solution.answer(cat));
//! assert!(graded.passed);
//! assert!(!exercise::grade(cat, ex, &ex.start.answer(cat)).passed);
//! ```

mod builtin;
mod check;
mod error;
mod grade;
mod problems;
mod read;
mod sees;
mod setup;
mod validate;
mod within;

pub use builtin::{builtin, builtin_json};
pub use check::{parse_level, Check, KINDS, MAX_CHECKS};
pub use error::ExerciseError;
pub use grade::{effective_count, grade, permission_count, CheckResult, Grade};
pub use problems::MAX_TEXT;
pub use read::{parse, parse_pack, valid_id, MAX_EXERCISES, MAX_HINTS, MAX_ID};
pub use setup::{
    parse_answer, role_json, Answer, Setup, SetupAssignment, TagAssignment, TagSetup,
    MAX_ASSIGNMENTS, MAX_ROLES,
};
pub use validate::{validate, Invalid};

use crate::evaluate::Environment;
use crate::readiness::Context;
use crate::scope::Scope;
use serde_json::{json, Value};

/// The schema of one exercise.
pub const SCHEMA: &str = "w365-exercise/1";
/// The schema of a pack of exercises.
pub const PACK_SCHEMA: &str = "w365-exercise-pack/1";

/// How hard an exercise is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difficulty {
    /// One idea, one role.
    Easy,
    /// Several roles or planes.
    Medium,
    /// Traps: exclusions, wildcards, escalation, conflicting sources.
    Hard,
}

impl Difficulty {
    /// Every level, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// `easy`, `medium`, `hard`.
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    /// Parse a level name (ASCII case ignored).
    pub fn parse(s: &str) -> Option<Difficulty> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// The Azure scopes an exercise's story refers to (the subscription, resource group,
/// virtual network and storage account of the Windows 365 operations); what is not
/// given is inferred from the answer's assignments, as `w365-perms operations` does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExerciseContext {
    /// `/subscriptions/<id>`.
    pub subscription: Option<Scope>,
    /// A resource group.
    pub resource_group: Option<Scope>,
    /// A virtual network.
    pub virtual_network: Option<Scope>,
    /// A storage account.
    pub storage_account: Option<Scope>,
}

impl ExerciseContext {
    /// The scopes for an answer's environment.
    pub fn resolve(&self, env: &Environment<'_>) -> Context {
        Context::infer(
            env,
            self.subscription.clone(),
            self.resource_group.clone(),
            self.virtual_network.clone(),
            self.storage_account.clone(),
        )
    }

    /// Whether no scope is given.
    pub fn is_empty(&self) -> bool {
        self.subscription.is_none()
            && self.resource_group.is_none()
            && self.virtual_network.is_none()
            && self.storage_account.is_none()
    }

    fn to_json(&self) -> Value {
        let mut v = json!({});
        for (k, s) in [
            ("subscription", &self.subscription),
            ("resourceGroup", &self.resource_group),
            ("virtualNetwork", &self.virtual_network),
            ("storageAccount", &self.storage_account),
        ] {
            if let Some(s) = s {
                v[k] = json!(s.as_str());
            }
        }
        v
    }
}

/// One exercise.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// Stable id (letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Title.
    pub title: String,
    /// The story and what the student must achieve, in plain words.
    pub brief: String,
    /// How hard.
    pub level: Difficulty,
    /// The scopes the story refers to.
    pub context: ExerciseContext,
    /// What the student starts from.
    pub start: Setup,
    /// What the answer must pass.
    pub checks: Vec<Check>,
    /// Hints, in the order they are given.
    pub hints: Vec<String>,
    /// An answer that passes.
    pub solution: Setup,
    /// Shown after passing or revealing the solution.
    pub explanation: String,
    /// Where the facts come from (document ids such as `seed-001`, or words).
    pub sources: Vec<String>,
    /// The answer's assignments are the Windows 365 first-party app's (`"answerFor":
    /// "windows365App"`), not an admin's: the app's Training view then grades the
    /// rows assigned to the app too.
    pub answer_for_app: bool,
}

impl Exercise {
    /// The exercise as JSON, in the form [`parse`] reads (`with_schema`: standalone;
    /// inside a pack the schema is the pack's).
    pub fn to_json(&self, with_schema: bool) -> Value {
        let mut v = json!({});
        if with_schema {
            v["schema"] = json!(SCHEMA);
        }
        v["id"] = json!(self.id);
        v["title"] = json!(self.title);
        v["brief"] = json!(self.brief);
        v["level"] = json!(self.level.as_str());
        if !self.context.is_empty() {
            v["context"] = self.context.to_json();
        }
        v["start"] = self.start.to_json();
        v["checks"] = Value::Array(self.checks.iter().map(Check::to_json).collect());
        v["hints"] = json!(self.hints);
        v["solution"] = self.solution.to_json();
        v["explanation"] = json!(self.explanation);
        if !self.sources.is_empty() {
            v["sources"] = json!(self.sources);
        }
        if self.answer_for_app {
            v["answerFor"] = json!("windows365App");
        }
        v
    }
}

/// A pack of exercises.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What the pack is for.
    pub description: Option<String>,
    /// The exercises, in order.
    pub exercises: Vec<Exercise>,
}

impl Pack {
    /// The pack as JSON, in the form [`parse_pack`] reads.
    pub fn to_json(&self) -> Value {
        let mut v = json!({"schema": PACK_SCHEMA, "id": self.id, "title": self.title});
        if let Some(d) = &self.description {
            v["description"] = json!(d);
        }
        v["exercises"] = Value::Array(self.exercises.iter().map(|e| e.to_json(false)).collect());
        v
    }

    /// An exercise by id.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}
