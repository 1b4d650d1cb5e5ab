//! Training mode, the app's side: which pack is open (the built-in one, or a
//! trainer's own JSON), the student's progress (kept in `localStorage` through the
//! storage adapter), and the conversions between an exercise's start state and the
//! training workspace. Grading is the engine's (`w365_engine::exercise::grade`);
//! nothing here decides a check.

use crate::history::Parked;
use crate::state::{cat, new_id, new_row_id, AppState, Mode, Notice, Reopen, Shared};
use crate::storage::{self, Area};
use crate::workspace::{AssignmentRow, CustomRole, Workspace};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use w365_engine::exercise::{
    self, Exercise, Grade, Pack, Setup, SetupAssignment, TagAssignment, TagSetup,
};
use w365_engine::model::Plane;
use w365_engine::roleset::{RoleRef, RoleSet};

/// Where progress is kept (all tabs, across sessions).
pub const PROGRESS_KEY: &str = "w365-explorer/training-progress";
/// Where a trainer's own pack is kept while it is open (this tab only).
pub const PACK_KEY: &str = "w365-explorer/training-pack";
/// Where the student's scope-tag assignments are kept (this tab only).
pub const TAGS_KEY: &str = "w365-explorer/training-tags";
/// The progress format written.
pub const PROGRESS_VERSION: u32 = 1;

/// One exercise's progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// Best score so far.
    pub best: usize,
    /// Checks in all.
    pub of: usize,
    /// Passed every check once.
    pub passed: bool,
    /// The solution was revealed.
    #[serde(default)]
    pub revealed: bool,
    /// The exercise as written when this was recorded ([`fingerprint`]); absent
    /// in progress saved before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
}

/// What is graded of an exercise (its context, start, checks, solution and whose
/// assignments it asks about), as a short fingerprint: progress belongs to the
/// exercise as written. An outside review: a trainer's edited copy of the
/// built-in pack (same ids, new checks) showed the student's old "passed".
pub fn fingerprint(ex: &Exercise) -> String {
    let mut v = ex.to_json(false);
    if let Some(o) = v.as_object_mut() {
        for k in ["title", "brief", "hints", "explanation", "sources", "level"] {
            o.remove(k);
        }
    }
    // FNV-1a, 64 bits: a change of what is graded changes it.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in v.to_string().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The progress of `ex` of `pack`: none when it was recorded for the exercise as
/// written differently (another version under the same ids).
pub fn done_for(progress: &Progress, pack: &Pack, ex: &Exercise) -> Option<Done> {
    progress
        .exercises
        .get(&progress_key(pack, ex))
        .filter(|d| d.exercise.as_ref().is_none_or(|f| *f == fingerprint(ex)))
        .cloned()
}

/// Progress by `pack/exercise`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Format version.
    pub version: u32,
    /// By `pack id/exercise id`.
    #[serde(default)]
    pub exercises: BTreeMap<String, Done>,
}

/// Where saved progress that could not be read in full is kept, as it was, before
/// progress is written again.
pub const PROGRESS_BACKUP_KEY: &str = "w365-explorer/training-progress.unreadable";

/// Saved progress read entry by entry: the entries that read, and one line for each
/// part that does not (an entry of the wrong shape is left out and named, not the
/// whole progress; review H2 H5).
pub fn read_progress(text: &str) -> (Progress, Vec<String>) {
    let mut out = Progress {
        version: PROGRESS_VERSION,
        exercises: BTreeMap::new(),
    };
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return (out, vec![format!("the saved progress is not JSON ({e})")]),
    };
    let version = value.get("version").and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(PROGRESS_VERSION)) {
        return (
            out,
            vec![format!(
                "the saved progress has version {}, not {PROGRESS_VERSION}",
                value
                    .get("version")
                    .map_or("none".to_string(), ToString::to_string)
            )],
        );
    }
    let mut problems = Vec::new();
    match value.get("exercises") {
        None => {}
        Some(serde_json::Value::Object(map)) => {
            for (key, entry) in map {
                match serde_json::from_value::<Done>(entry.clone()) {
                    Ok(d) => {
                        out.exercises.insert(key.clone(), d);
                    }
                    Err(e) => problems.push(format!("`{key}`: {e}")),
                }
            }
        }
        Some(_) => problems.push("`exercises` is not an object".to_string()),
    }
    (out, problems)
}

/// Read the saved progress; when part of it cannot be read, keep the text as it was
/// under [`PROGRESS_BACKUP_KEY`] (unless a copy is kept there already) and say what
/// was left out. `Err` when the copy could not be kept: nothing may overwrite the
/// saved text then.
fn load_progress() -> (Progress, Option<String>, bool) {
    let text = match storage::read(Area::Local, PROGRESS_KEY) {
        Ok(Some(t)) => t,
        Ok(None) => return (read_progress("{\"version\":1}").0, None, true),
        Err(e) => {
            return (
                read_progress("{\"version\":1}").0,
                Some(format!("The saved training progress could not be read ({e}); new results are not saved, so nothing overwrites it.")),
                false,
            )
        }
    };
    let (progress, problems) = read_progress(&text);
    if problems.is_empty() {
        return (progress, None, true);
    }
    let kept = match storage::read(Area::Local, PROGRESS_BACKUP_KEY) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => storage::write(Area::Local, PROGRESS_BACKUP_KEY, &text),
        Err(e) => Err(e),
    };
    let what = problems.join("; ");
    let n = progress.exercises.len();
    match kept {
        Ok(()) => (
            progress,
            Some(format!("Part of the saved training progress could not be read and is left out ({what}); the {n} other {} read. The saved text as it was is kept in this browser's storage under `{PROGRESS_BACKUP_KEY}`.", if n == 1 { "entry is" } else { "entries are" })),
            true,
        ),
        Err(e) => (
            progress,
            Some(format!("Part of the saved training progress could not be read ({what}), and no copy could be kept ({e}); new results are not saved, so nothing overwrites it.")),
            false,
        ),
    }
}

/// The training state, shared through context (all fields are signals).
#[derive(Clone, Copy)]
pub struct Training {
    /// A trainer's own pack, when one is open (otherwise the built-in pack).
    pub own: RwSignal<Option<Shared<Pack>>>,
    /// The student's progress.
    pub progress: RwSignal<Progress>,
    /// The last grade, for the exercise it was graded against.
    pub graded: RwSignal<Option<(String, Grade)>>,
    /// How many hints are shown.
    pub hints: RwSignal<usize>,
    /// The solution is shown.
    pub revealed: RwSignal<bool>,
    /// The student's scope-tag assignments, for exercises with a scenario.
    pub tags: RwSignal<Option<TagSetup>>,
    /// What could not be read of the saved progress, to show.
    pub problem: RwSignal<Option<String>>,
    /// Whether progress may be written (false: the saved text could not be read in
    /// full nor kept as it was).
    writable: StoredValue<bool>,
    /// The exercise ([`progress_key`]) the hints and the revealed solution are
    /// for: another shown resets them.
    shown: StoredValue<Option<String>>,
}

/// The key of an exercise in the progress map.
pub fn progress_key(pack: &Pack, ex: &Exercise) -> String {
    format!("{}/{}", pack.id, ex.id)
}

thread_local! {
    static BUILTIN: std::cell::OnceCell<Option<Shared<Pack>>> = const { std::cell::OnceCell::new() };
}

/// The built-in pack, shared; parsed when first asked for (not at the start, which
/// every view pays).
pub fn builtin() -> Option<Shared<Pack>> {
    BUILTIN.with(|b| {
        b.get_or_init(|| {
            exercise::builtin(cat())
                .ok()
                .map(|p| Shared(Arc::new(p.clone())))
        })
        .clone()
    })
}

impl Training {
    /// Load progress and any open pack and scenario of this tab.
    pub fn install() -> Training {
        let (progress, problem, writable) = load_progress();
        let own = storage::read(Area::Session, PACK_KEY)
            .ok()
            .flatten()
            .and_then(|t| exercise::parse_pack(cat(), &t).ok())
            .map(|p| Shared(Arc::new(p)));
        let tags = storage::read(Area::Session, TAGS_KEY)
            .ok()
            .flatten()
            .and_then(|t| exercise::parse_answer(cat(), &t).ok())
            .and_then(|s| s.scope_tags);
        let t = Training {
            own: RwSignal::new(own),
            progress: RwSignal::new(progress),
            graded: RwSignal::new(None),
            hints: RwSignal::new(0),
            revealed: RwSignal::new(false),
            tags: RwSignal::new(tags),
            problem: RwSignal::new(problem),
            writable: StoredValue::new(writable),
            shown: StoredValue::new(None),
        };
        // Other tabs' progress comes in as it is saved.
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(PROGRESS_KEY) {
                if let Some(v) = ev.new_value() {
                    t.progress.set(read_progress(&v).0);
                }
            }
        });
        on_cleanup(move || listener.remove());
        t
    }

    /// The open pack: the trainer's, or the built-in one.
    pub fn pack(&self) -> Option<Shared<Pack>> {
        self.own.get().or_else(builtin)
    }

    /// `ex` of `pack` is shown: the hints and the solution shown so far were for
    /// another exercise unless it is the same one (an outside review: an exercise
    /// picked from the list opened with the last one's hints shown and its own
    /// solution revealed, and the progress never said it was revealed).
    pub fn showing(&self, pack: &Pack, ex: &Exercise) {
        let key = progress_key(pack, ex);
        if self
            .shown
            .with_value(|s| s.as_deref() != Some(key.as_str()))
        {
            self.shown.set_value(Some(key));
            self.hints.set(0);
            self.revealed.set(false);
        }
    }

    /// Open a trainer's pack (parsed by the engine); `text` is kept for reloads.
    pub fn open_pack(&self, pack: Pack, text: &str) {
        let _ = storage::write(Area::Session, PACK_KEY, text);
        self.own.set(Some(Shared(Arc::new(pack))));
    }

    /// Back to the built-in pack.
    pub fn close_pack(&self) {
        let _ = storage::remove(Area::Session, PACK_KEY);
        self.own.set(None);
    }

    /// Open an exercise: its start state becomes the training workspace.
    pub fn start(&self, state: AppState, ex: &Exercise) {
        let left = self.answer_in_progress(state);
        if let Some(steps) = state.open_training(&ex.id, &ex.title, workspace_of(&ex.start)) {
            self.set_tags(ex.start.scope_tags.clone());
            self.graded.set(None);
            self.hints.set(0);
            self.revealed.set(false);
            self.say_left(state, left, steps, &format!("Opened “{}”", ex.title));
        }
    }

    /// Make an exercise's solution the training workspace.
    pub fn load_solution(&self, state: AppState, ex: &Exercise) {
        let left = self.answer_in_progress(state);
        if let Some(steps) = state.open_training(&ex.id, &ex.title, workspace_of(&ex.solution)) {
            self.set_tags(ex.solution.scope_tags.clone());
            self.graded.set(None);
            let said = "The solution is now your training workspace; press Check to see it pass";
            if !self.say_left(state, left, steps, said) {
                state.info(format!("{said}."));
            }
        }
    }

    /// The exercise open in this tab as the student left it, when it is neither
    /// its start nor its solution: what opening another exercise (or this one's
    /// start or solution) replaces. An outside review found it thrown away without
    /// a word.
    fn answer_in_progress(&self, state: AppState) -> Option<Reopen> {
        let Mode::Training { exercise, title } = state.mode.get_untracked() else {
            return None;
        };
        let ws = state.ws.get_untracked();
        let tags = self.tags.get_untracked();
        // Compared as written out, role ids aside (the workspace's are fresh).
        let written = |s: &Setup| {
            let mut s = s.clone();
            s.roles.iter_mut().for_each(|r| r.id.clear());
            s.to_json()
        };
        let answer = written(&setup_of(&ws, tags.clone(), true));
        // Its start, or its solution once revealed or passed, is nothing to lose:
        // a solution the student built and has not checked yet is their answer
        // (an outside review: it was thrown away without a word, and its pass
        // never recorded). The exercise is looked for in the trainer's pack, then
        // in the built-in one.
        let untouched = self
            .own
            .get_untracked()
            .into_iter()
            .chain(builtin())
            .find_map(|p| {
                p.0.exercises.iter().find(|e| e.id == exercise).map(|e| {
                    let known = self.progress.with_untracked(|pr| {
                        done_for(pr, &p.0, e).is_some_and(|d| d.revealed || d.passed)
                    });
                    written(&e.start) == answer || (known && written(&e.solution) == answer)
                })
            })
            .unwrap_or(false);
        // Its steps are taken once the exercise opened in its place parks them.
        (!untouched).then_some(Reopen::Training {
            exercise,
            title,
            ws,
            tags,
            steps: Parked::default(),
        })
    }

    /// Say what was opened and, when an answer in progress was replaced, that it
    /// was not kept, with Undo to open it again as it was left, with its `steps`
    /// (which the switch parked); whether it said so.
    fn say_left(&self, state: AppState, left: Option<Reopen>, steps: Parked, opened: &str) -> bool {
        let Some(Reopen::Training {
            exercise,
            title,
            ws,
            tags,
            ..
        }) = left
        else {
            return false;
        };
        let text = format!(
            "{opened}; your answer to “{title}” was not kept. Undo opens it again as you left it."
        );
        offer_reopen(state, text, exercise, title, ws, tags, steps);
        true
    }

    /// Replace the student's scope-tag assignments (kept in this tab).
    pub fn set_tags(&self, tags: Option<TagSetup>) {
        match &tags {
            Some(t) => {
                let setup = Setup {
                    roles: Vec::new(),
                    assignments: Vec::new(),
                    scope_tags: Some(t.clone()),
                    warnings: Vec::new(),
                };
                let _ = storage::write(Area::Session, TAGS_KEY, &setup.to_json().to_string());
            }
            None => {
                let _ = storage::remove(Area::Session, TAGS_KEY);
            }
        }
        self.tags.set(tags);
    }

    /// Leave the exercise: back to the saved work.
    pub fn leave(&self, state: AppState) {
        let Mode::Training { exercise, title } = state.mode.get_untracked() else {
            return;
        };
        let ws = state.ws.get_untracked();
        let tags = self.tags.get_untracked();
        let steps = state.leave_training();
        self.set_tags(None);
        self.graded.set(None);
        // The answer so far is not kept: the notice's Undo opens it again.
        let text = format!("Left the exercise “{title}”; the answer was not kept. Undo opens it again as you left it.");
        offer_reopen(state, text, exercise, title, ws, tags, steps);
    }

    /// Open a left exercise's workspace again, as it was left.
    pub fn reopen(
        &self,
        state: AppState,
        exercise: &str,
        title: &str,
        ws: Workspace,
        tags: Option<TagSetup>,
        steps: Parked,
    ) {
        if state.open_training(exercise, title, ws).is_some() {
            state.unpark(steps);
            self.set_tags(tags);
            self.graded.set(None);
            // The hints and the solution shown were the other exercise's.
            self.hints.set(0);
            self.revealed.set(false);
        }
    }

    /// Grade the training workspace against `ex` and record the progress.
    pub fn check(&self, state: AppState, pack: &Pack, ex: &Exercise) -> Grade {
        let answer = self.answer(state, ex);
        let g = exercise::grade(cat(), ex, &answer.answer(cat()));
        self.record(pack, ex, |d| {
            d.best = d.best.max(g.score);
            d.of = g.of;
            d.passed |= g.passed;
        });
        self.graded.set(Some((ex.id.clone(), g.clone())));
        g
    }

    /// The student's answer: the training workspace, and the scope-tag assignments
    /// lined up with its Intune, Cloud PC and Entra roles ([`aligned`]).
    /// The rows graded are those [`setup_of`] takes for `ex`.
    pub fn answer(&self, state: AppState, ex: &Exercise) -> Setup {
        let all = ex.answer_for_app;
        let roles = state.roles.get_untracked();
        let tags = self.tags.get_untracked().map(|t| {
            state.ws.with_untracked(|w| {
                let rows: Vec<AssignmentRow> = w
                    .assignments
                    .iter()
                    .filter(|a| all || a.to.is_you())
                    .cloned()
                    .collect();
                aligned(&rows, &roles.0, &t)
            })
        });
        state.ws.with_untracked(|w| setup_of(w, tags, all))
    }

    /// Give `role` (as an assignment row names it) the comma-separated `text` as its
    /// scope tags, kept by role, so a role removed and assigned again keeps them.
    pub fn set_role_tags(&self, state: AppState, role: &str, text: &str) {
        let Some(mut t) = self.tags.get_untracked() else {
            return;
        };
        let roles = state.roles.get_untracked();
        let target = roles.0.resolve(role).ok();
        let row = with_tags(
            &TagAssignment {
                role: role.to_string(),
                scope_tags: Vec::new(),
            },
            text,
        );
        let same = |a: &TagAssignment| match target {
            Some(r) => roles.0.resolve(&a.role).ok() == Some(r),
            None => a.role.trim().eq_ignore_ascii_case(role.trim()),
        };
        match t.assignments.iter_mut().find(|a| same(a)) {
            Some(a) => a.scope_tags = row.scope_tags,
            None => t.assignments.push(row),
        }
        self.set_tags(Some(t));
    }

    /// Record that the solution was revealed.
    pub fn reveal(&self, pack: &Pack, ex: &Exercise) {
        self.revealed.set(true);
        self.record(pack, ex, |d| {
            d.revealed = true;
            d.of = ex.checks.len();
        });
    }

    fn record(&self, pack: &Pack, ex: &Exercise, f: impl FnOnce(&mut Done)) {
        let key = progress_key(pack, ex);
        // Take in what another tab saved first, so no tab writes a stale copy; what
        // cannot be read of it is kept as it was before anything is written.
        let (mut p, problem, writable) = load_progress();
        if problem.is_some() {
            self.problem.set(problem);
        }
        if !writable {
            self.writable.set_value(false);
        }
        let written = fingerprint(ex);
        let d = p.exercises.entry(key).or_default();
        if d.exercise.as_ref().is_some_and(|f| *f != written) {
            // Another version of the exercise: its progress starts again.
            *d = Done::default();
        }
        d.exercise = Some(written);
        f(d);
        if self.writable.get_value() {
            if let Ok(text) = serde_json::to_string(&p) {
                if let Err(e) = storage::write(Area::Local, PROGRESS_KEY, &text) {
                    self.problem.set(Some(format!(
                        "The training progress could not be saved: {e}"
                    )));
                }
            }
        }
        self.progress.set(p);
    }

    /// Whether the training workspace is this exercise's.
    pub fn is_open(state: AppState, ex: &Exercise) -> bool {
        state
            .mode
            .with(|m| matches!(m, Mode::Training { exercise, .. } if *exercise == ex.id))
    }
}

/// An exercise's setup as a workspace: custom roles with fresh ids, assignment rows.
pub fn workspace_of(setup: &Setup) -> Workspace {
    Workspace {
        roles: setup
            .roles
            .iter()
            .map(|r| CustomRole::new(new_id(), r.clone()))
            .collect(),
        broken: Vec::new(),
        assignments: setup
            .assignments
            .iter()
            .map(|a| AssignmentRow {
                id: new_row_id(),
                role: a.role.clone(),
                scope: a.scope.clone().unwrap_or_default(),
                to: crate::workspace::Assignee::You,
            })
            .collect(),
        trash: Vec::new(),
        scopetags: None,
    }
}

/// The student's answer: the training workspace and their scope-tag assignments.
/// An exercise about an admin grades the rows assigned to "you"; rows assigned to
/// the Windows 365 app are someone else's and left out ([`app_rows`] counts them,
/// so the view can say so), as the rest of the app leaves them out of what you can
/// do. An exercise whose answer is the app's (`answerFor`), and anything that
/// keeps the work as a whole (`all_rows`), takes every row.
pub fn setup_of(ws: &Workspace, tags: Option<TagSetup>, all_rows: bool) -> Setup {
    Setup {
        roles: ws.roles.iter().map(|r| r.role.clone()).collect(),
        assignments: ws
            .assignments
            .iter()
            .filter(|a| !a.role.trim().is_empty() && (all_rows || a.to.is_you()))
            .map(|a| SetupAssignment {
                role: a.role.clone(),
                scope: Some(a.scope.trim().to_string()).filter(|s| !s.is_empty()),
            })
            .collect(),
        scope_tags: tags,
        warnings: Vec::new(),
    }
}

/// The student's scope-tag assignments lined up with the workspace: one row per
/// Intune, Cloud PC or Entra role the workspace assigns (in its order, each role
/// once), with the tags the student gave that role (none given: none, which sees
/// every object). A `sees` check asks the scenario to hold exactly the roles the
/// answer assigns; lined up, a role changed under Assignments is the role whose
/// tags the editor shows and the grade reads. Rows whose role is unknown or an
/// Azure role take no tags.
pub fn aligned(rows: &[AssignmentRow], roles: &RoleSet<'_>, tags: &TagSetup) -> TagSetup {
    let mut seen: Vec<RoleRef> = Vec::new();
    let mut assignments = Vec::new();
    for a in rows {
        let Ok(r) = roles.resolve(&a.role) else {
            continue;
        };
        if seen.contains(&r) || roles.get(r).is_none_or(|x| x.plane() == Plane::Azure) {
            continue;
        }
        seen.push(r);
        let given = tags
            .assignments
            .iter()
            .find(|t| roles.resolve(&t.role).ok() == Some(r));
        assignments.push(TagAssignment {
            role: a.role.trim().to_string(),
            scope_tags: given.map(|t| t.scope_tags.clone()).unwrap_or_default(),
        });
    }
    TagSetup {
        objects: tags.objects.clone(),
        assignments,
        scoped_permissions: tags.scoped_permissions,
    }
}

/// A scope-tag assignment with its tags replaced (from a comma-separated list).
pub fn with_tags(a: &TagAssignment, text: &str) -> TagAssignment {
    TagAssignment {
        role: a.role.clone(),
        scope_tags: text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// The training state from context.
pub fn use_training() -> Training {
    expect_context::<Training>()
}

/// Say that an exercise's answer was not kept, with the Undo that opens it again
/// as it was left, its steps included.
fn offer_reopen(
    state: AppState,
    text: String,
    exercise: String,
    title: String,
    ws: Workspace,
    tags: Option<TagSetup>,
    steps: Parked,
) {
    state.notice.set(Some(Notice {
        text,
        undo: None,
        reopen: Some(Reopen::Training {
            exercise,
            title,
            ws,
            tags,
            steps,
        }),
        redo: None,
        error: false,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Progress belongs to the exercise as written: a trainer's copy whose checks
    /// changed under the same ids starts again; a new title alone does not (an
    /// outside review: the edited copy showed the student's old "passed").
    #[test]
    fn progress_follows_the_exercise_as_written() {
        let pack = builtin().expect("built-in pack");
        let ex = pack.0.exercises[0].clone();
        let mut retitled = ex.clone();
        retitled.title.push_str(" (retitled)");
        assert_eq!(fingerprint(&ex), fingerprint(&retitled));
        let mut changed = ex.clone();
        changed.checks.pop();
        assert_ne!(fingerprint(&ex), fingerprint(&changed));
        let mut progress = Progress::default();
        progress.exercises.insert(
            progress_key(&pack.0, &ex),
            Done {
                passed: true,
                exercise: Some(fingerprint(&ex)),
                ..Done::default()
            },
        );
        assert!(done_for(&progress, &pack.0, &ex).is_some_and(|d| d.passed));
        assert!(done_for(&progress, &pack.0, &changed).is_none());
        // Progress saved before the fingerprint was kept still counts.
        progress
            .exercises
            .values_mut()
            .for_each(|d| d.exercise = None);
        assert!(done_for(&progress, &pack.0, &changed).is_some());
    }

    /// An admin's exercise grades the rows assigned to "you"; an exercise whose
    /// answer is the Windows 365 app's grades every row (outside review of
    /// 2026-12-06: the app's rows were dropped from the app's own exercises).
    #[test]
    fn the_rows_graded_are_those_the_exercise_is_about() {
        let ws = Workspace {
            assignments: vec![
                row("Reader", "/subscriptions/s1"),
                AssignmentRow {
                    to: crate::workspace::Assignee::Windows365App,
                    ..row("Windows 365 Network User", "/subscriptions/s1")
                },
            ],
            ..Workspace::default()
        };
        assert_eq!(setup_of(&ws, None, false).assignments.len(), 1);
        assert_eq!(setup_of(&ws, None, true).assignments.len(), 2);
        assert_eq!(ws.app_rows(), 1);
        let pack = builtin().expect("the built-in pack");
        let for_app: Vec<&str> = pack
            .0
            .exercises
            .iter()
            .filter(|e| e.answer_for_app)
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            for_app,
            [
                "custom-image-without-anc",
                "two-person-anc",
                "migrate-network-contributor"
            ]
        );
    }

    #[test]
    fn progress_is_read_entry_by_entry() {
        // Review H2 H5: one entry of the wrong shape emptied the whole progress.
        let ok = r#"{"best": 3, "of": 3, "passed": true}"#;
        let text = format!(
            r#"{{"version": 1, "exercises": {{"p/a": {ok}, "p/b": {ok}, "p/c": {{"best": "7"}}}}}}"#
        );
        let (p, problems) = read_progress(&text);
        assert_eq!(p.exercises.len(), 2);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("`p/c`"), "{problems:?}");
        let (p, problems) = read_progress(&text[..text.len() - 5]);
        assert!(p.exercises.is_empty());
        assert!(problems[0].contains("not JSON"), "{problems:?}");
        let (_, problems) = read_progress(r#"{"version": 2, "exercises": {}}"#);
        assert!(problems[0].contains("version 2"), "{problems:?}");
        let (p, problems) = read_progress(&format!(
            r#"{{"version": 1, "exercises": {{"p/a": {ok}}}}}"#
        ));
        assert_eq!((p.exercises.len(), problems.len()), (1, 0));
    }

    fn row(role: &str, scope: &str) -> AssignmentRow {
        AssignmentRow {
            id: format!("r-{role}"),
            role: role.to_string(),
            scope: scope.to_string(),
            to: crate::workspace::Assignee::You,
        }
    }

    fn scenario(assignments: &[(&str, &[&str])]) -> TagSetup {
        TagSetup {
            objects: Vec::new(),
            assignments: assignments
                .iter()
                .map(|(r, t)| TagAssignment {
                    role: r.to_string(),
                    scope_tags: t.iter().map(|x| x.to_string()).collect(),
                })
                .collect(),
            scoped_permissions: false,
        }
    }

    #[test]
    fn tag_rows_follow_the_workspace_roles() {
        let roles = RoleSet::new(cat(), Vec::new());
        let given = scenario(&[
            ("Cloud PC Reader", &["Paris"]),
            ("cloud pc administrator", &["London"]),
        ]);
        // The student replaced Cloud PC Reader by Cloud PC Administrator under
        // Assignments, and added an Azure role and a role assigned twice.
        let rows = vec![
            row("Cloud PC Administrator", ""),
            row("Reader", "/subscriptions/s1"),
            row("Intune Administrator", ""),
            row("Cloud PC Administrator", ""),
            row("No such role", ""),
        ];
        let t = aligned(&rows, &roles, &given);
        let got: Vec<(&str, Vec<String>)> = t
            .assignments
            .iter()
            .map(|a| (a.role.as_str(), a.scope_tags.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Cloud PC Administrator", vec!["London".to_string()]),
                ("Intune Administrator", Vec::new()),
            ]
        );
        assert!(aligned(&[], &roles, &given).assignments.is_empty());
    }
}
