//! Application state: the active [`Workspace`] (the user's saved work, or a shared
//! link's workspace opened beside it), the theme, notices with exact undo, and the
//! values every view derives from the workspace, each computed once:
//!
//! ```text
//! ws ──► custom roles ──► role set (imports expanded once) ──┐
//!   └──► assignment rows ───────────────────────────────────┴► environment
//! ```
//!
//! Saved work changes only by the user's own action, in this tab or another: every
//! edit first takes in what another tab saved (the `storage` event does the same
//! as soon as it happens), then applies the one [`Edit`] and writes. A shared link
//! never writes over saved work: it opens as a workspace of its own (this tab only)
//! until the user keeps it. A training exercise opens the same way: its start
//! state becomes a training workspace of its own (this tab only), and leaving it
//! goes back to the saved work, untouched.

use crate::history::{History, Parked, Step};
use crate::scenario::TagScenario;
use crate::storage::{self, Area, Doc, Problem};
use crate::workspace::{Assignee, AssignmentRow, CustomRole, Edit, Workspace};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::evaluate::{AssignError, Environment, Subject};
use w365_engine::roleset::RoleSet;
use w365_engine::{catalog, Catalog};

/// Where a shared link's workspace is kept while it is open (this tab only).
pub const LINK_KEY: &str = "w365-explorer/link";
/// Where the training workspace is kept while an exercise is open (this tab only).
pub const TRAINING_KEY: &str = "w365-explorer/training";

/// What [`TRAINING_KEY`] holds: the exercise and the student's workspace.
#[derive(serde::Serialize, serde::Deserialize)]
struct TrainingDoc {
    exercise: String,
    title: String,
    state: String,
}

/// An `Arc` compared by identity, so memos holding big values stay cheap.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Which workspace the views show and edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The user's saved work (browser storage, shared by tabs).
    Saved,
    /// A shared link's workspace, in this tab only, until kept or closed.
    Link {
        /// What the link carried, for the banner.
        summary: String,
    },
    /// A training exercise's workspace, in this tab only, until the student leaves it.
    Training {
        /// The exercise id.
        exercise: String,
        /// Its title, for the banner.
        title: String,
    },
}

/// What a design report reviews, as its input line says: the work saved in this
/// browser, or this tab's shared link or training exercise (a review: a report
/// of a link's roles said "saved in this browser").
pub fn design_source(mode: &Mode) -> String {
    match mode {
        Mode::Saved => "the custom roles and assignments saved in this browser".into(),
        Mode::Link { .. } => {
            "the custom roles and assignments of the shared link open in this tab (not the work saved in this browser)".into()
        }
        Mode::Training { title, .. } => format!(
            "the custom roles and assignments of the training exercise “{}” (its workspace in this tab, not the work saved in this browser)",
            w365_engine::text::excerpt(title)
        ),
    }
}

/// A message shown at the bottom of the screen, optionally with an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// The edit that reverses the action the text names, and the workspace it applies to.
    pub undo: Option<(Mode, Edit)>,
    /// A closed link's or training workspace that Undo opens again, as it was.
    pub reopen: Option<Reopen>,
    /// The change an Undo just took back, which Redo makes again, and its workspace.
    pub redo: Option<(Mode, Edit)>,
    /// An error rather than information.
    pub error: bool,
}

/// A workspace of this tab that was closed, which the notice's Undo opens again.
#[derive(Debug, Clone, PartialEq)]
pub enum Reopen {
    /// A shared link's workspace, with the changes made to it and their steps.
    Link(Workspace, Parked),
    /// A training exercise's workspace and its scope-tag assignments.
    Training {
        /// The exercise id.
        exercise: String,
        /// Its title.
        title: String,
        /// The student's workspace.
        ws: Workspace,
        /// The student's scope-tag assignments.
        tags: Option<w365_engine::exercise::TagSetup>,
        /// The steps of the changes made to it, to undo there once it is open again.
        steps: Parked,
    },
}

/// The environment of the current assignments.
#[derive(Debug)]
pub struct EnvState {
    /// Roles and usable assignments.
    pub env: Environment<'static>,
    /// Rows that could not be used: (row id, why).
    pub problems: Vec<(String, AssignError)>,
    /// For each usable assignment, the row it came from.
    pub rows: Vec<String>,
}

impl EnvState {
    /// Why a row could not be used, if it could not.
    pub fn problem(&self, row: &str) -> Option<&AssignError> {
        self.problems
            .iter()
            .find(|(id, _)| id == row)
            .map(|(_, e)| e)
    }
}

/// The state, shared through context (all fields are signals, so it is `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The active workspace.
    pub ws: RwSignal<Workspace>,
    /// Which workspace is active.
    pub mode: RwSignal<Mode>,
    /// `""`, `light` or `dark`.
    pub theme: RwSignal<String>,
    /// A storage problem to show.
    pub problem: RwSignal<Option<Problem>>,
    /// Saving is suspended because the saved text could not be read.
    pub locked: RwSignal<bool>,
    /// Work changed while saving was suspended: it is only in this tab (the banner
    /// says so, and leaving the page asks first).
    pub unsaved_while_locked: RwSignal<bool>,
    /// A notice.
    pub notice: RwSignal<Option<Notice>>,
    /// The custom roles (changes only when a role does).
    pub custom: Memo<Vec<CustomRole>>,
    /// The assignment rows (changes only when a row does).
    pub assignments: Memo<Vec<AssignmentRow>>,
    /// Built-in plus custom roles, custom ones expanded once.
    pub roles: Memo<Shared<RoleSet<'static>>>,
    /// The assignments as an engine environment.
    pub env: Memo<Shared<EnvState>>,
    /// The scope-tag scenario (changes only when it does; `None`: the example).
    pub scopetags: Memo<Option<TagScenario>>,
    /// The saved text last read or written, to notice other tabs' changes.
    last_text: StoredValue<Option<String>>,
    /// The saved workspace while a link is open and saving is locked.
    stash: StoredValue<Option<Workspace>>,
    /// A workspace saved and not drawn yet: a large edit (an import of thousands
    /// of roles) is saved in its task and drawn in the next, so neither is long.
    /// Edits in between start from it, never from the older `ws`.
    ahead: StoredValue<Option<Workspace>>,
    /// This tab's undo and redo.
    history: StoredValue<History>,
}

/// Edits of more roles or rows than this are drawn a task after they are saved.
const LARGE_EDIT: usize = 100;

/// How many roles and rows an edit touches.
fn edit_len(e: &Edit) -> usize {
    match e {
        Edit::Batch(b) => b.iter().map(edit_len).sum(),
        Edit::InsertAssignments(rows) => rows.len(),
        Edit::RemoveAssignments(ids) => ids.len(),
        _ => 1,
    }
}

/// Where the seed's permission table and the observed built-in roles disagree,
/// computed once on first use.
pub fn disagreements() -> &'static w365_engine::observed::Disagreements {
    static ONCE: std::sync::OnceLock<w365_engine::observed::Disagreements> =
        std::sync::OnceLock::new();
    ONCE.get_or_init(|| w365_engine::observed::disagreements(cat()))
}

/// The catalog; the app shows an error panel instead of views when it is missing.
pub fn cat() -> &'static Catalog {
    match catalog() {
        Ok(c) => c,
        Err(e) => crate::panic::fatal(&format!("the bundled catalog is unreadable: {e}")),
    }
}

fn random_hex() -> String {
    let n = (js_sys::Math::random() * 1e12) as u64;
    format!("{n:x}")
}

/// A fresh id for a custom role.
pub fn new_id() -> String {
    format!("custom-{}", random_hex())
}

/// A fresh id for an assignment row.
pub fn new_row_id() -> String {
    format!("a-{}", random_hex())
}

/// A fresh key for a scope-tag object (`o`), administrator (`d`) or row (`a`).
pub fn new_key(prefix: &str) -> String {
    format!("{prefix}-{}", random_hex())
}

/// A new assignment row.
pub fn row(role: impl Into<String>, scope: impl Into<String>) -> AssignmentRow {
    AssignmentRow {
        id: new_row_id(),
        role: role.into(),
        scope: scope.into(),
        to: Assignee::You,
    }
}

/// Who asks in the app, by name: the admin the workspace describes. Named only when
/// a row is the Windows 365 app's, so the app's rows are someone else's (they count
/// for nothing the admin asks) and every other row stays the admin's; the design
/// report's request asks by the same name.
pub const ADMIN: &str = "you";

fn admin() -> Subject {
    Subject::One {
        id: None,
        name: Some(ADMIN.to_string()),
    }
}

fn build_env(set: &RoleSet<'static>, rows: &[AssignmentRow]) -> EnvState {
    let mut env = Environment::new(set.clone());
    let mut problems = Vec::new();
    let mut used = Vec::new();
    for r in rows {
        // A row saved with a padded scope (typed before padding was refused) is
        // read as it was meant; the engine refuses padding in requests.
        match env.assign(&r.role, Some(r.scope.trim()), None) {
            Ok(i) => {
                if r.to == Assignee::Windows365App {
                    if let Some(a) = env.assignments.get_mut(i) {
                        a.principals = vec![w365_engine::windows365::app_principal()];
                    }
                    env.subject = admin();
                }
                used.push(r.id.clone());
            }
            Err(e) => problems.push((r.id.clone(), e)),
        }
    }
    EnvState {
        env,
        problems,
        rows: used,
    }
}

impl AppState {
    /// How a new assignment row names a role it adds: by its name when the name
    /// finds this role in the current set, else (a custom role of the same name
    /// would take it, or the name is shared) by its id. A row showing a GUID where
    /// Decode's rows show a name confused an outside review.
    pub fn row_role(&self, id: &str, name: &str) -> String {
        self.roles.with_untracked(|set| {
            let this = set.resolve(id).ok();
            if this.is_some() && set.resolve(name).ok() == this {
                name.to_string()
            } else {
                id.to_string()
            }
        })
    }

    /// Load from storage (or the tab's open link) and follow other tabs' changes.
    pub fn install() -> AppState {
        let (doc, text, problem) = storage::load();
        let locked = matches!(problem, Some(Problem::Unreadable { .. }));
        let ws = RwSignal::new(doc.workspace);
        let custom = Memo::new(move |_| ws.with(|w| w.roles.clone()));
        let assignments = Memo::new(move |_| ws.with(|w| w.assignments.clone()));
        let roles = Memo::new(move |prev: Option<&Shared<RoleSet<'static>>>| {
            let list = custom.with(|c| c.iter().map(|r| r.role.clone()).collect());
            let set = RoleSet::new(cat(), list);
            if let Some(prev) = prev {
                set.keep_expansions(prev);
            }
            Shared(Arc::new(set))
        });
        let env = Memo::new(move |_| {
            let set = roles.get();
            assignments.with(|rows| Shared(Arc::new(build_env(&set, rows))))
        });
        let scopetags = Memo::new(move |_| ws.with(|w| w.scopetags.clone()));
        let state = AppState {
            ws,
            mode: RwSignal::new(Mode::Saved),
            theme: RwSignal::new(doc.theme),
            problem: RwSignal::new(problem),
            locked: RwSignal::new(locked),
            unsaved_while_locked: RwSignal::new(false),
            notice: RwSignal::new(None),
            custom,
            assignments,
            roles,
            env,
            scopetags,
            last_text: StoredValue::new(text),
            stash: StoredValue::new(None),
            ahead: StoredValue::new(None),
            history: StoredValue::new(History::default()),
        };
        // A link or an exercise opened earlier in this tab stays open across reloads.
        if let Ok(Some(text)) = storage::read(Area::Session, LINK_KEY) {
            if let Ok(doc) = storage::parse(&text) {
                let summary = summarize(&doc.workspace);
                state.stash.set_value(Some(state.ws.get_untracked()));
                state.mode.set(Mode::Link { summary });
                state.ws.set(doc.workspace);
            }
        } else if let Ok(Some(text)) = storage::read(Area::Session, TRAINING_KEY) {
            let doc = serde_json::from_str::<TrainingDoc>(&text)
                .ok()
                .and_then(|t| storage::parse(&t.state).ok().map(|d| (t, d)));
            if let Some((t, doc)) = doc {
                state.stash.set_value(Some(state.ws.get_untracked()));
                state.mode.set(Mode::Training {
                    exercise: t.exercise,
                    title: t.title,
                });
                state.ws.set(doc.workspace);
            }
        }
        let listener = window_event_listener(leptos::ev::storage, move |ev| {
            let key = ev.key();
            if key.is_none() || key.as_deref() == Some(storage::KEY) {
                state.take_in_saved();
            }
        });
        on_cleanup(move || listener.remove());
        let commit = crate::dom::commit_focused_on_leave();
        on_cleanup(move || commit.remove());
        // Leaving the page with work that could not be saved asks first (an
        // outside review: a role made while saving was paused was gone on reload
        // without a word).
        let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if state.locked.get_untracked() && state.unsaved_while_locked.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("Your changes are not saved.");
            }
        });
        on_cleanup(move || leaving.remove());
        state
    }

    /// Take in what another tab saved, if anything changed since this tab last read
    /// or wrote. Returns the latest saved document.
    fn take_in_saved(&self) -> Option<Doc> {
        if self.locked.get_untracked() {
            return None;
        }
        let text = match storage::read(Area::Local, storage::KEY) {
            Ok(t) => t,
            Err(e) => {
                self.problem.set(Some(Problem::Unavailable(e)));
                return None;
            }
        };
        if self.last_text.with_value(|t| *t == text) {
            return None;
        }
        let doc = match text.as_deref().map(storage::read_saved) {
            None => Doc::default(),
            Some((_, Some(p @ Problem::Unreadable { .. }))) => {
                self.locked.set(true);
                self.problem.set(Some(p));
                return None;
            }
            Some((doc, recovered)) => {
                if recovered.is_some() {
                    self.problem.set(recovered);
                }
                doc
            }
        };
        self.last_text.set_value(text);
        if self.theme.get_untracked() != doc.theme {
            self.theme.set(doc.theme.clone());
        }
        // What another tab saved supersedes a large edit not drawn yet (that edit
        // was saved first, so the other tab's text holds it or undid it).
        self.ahead.set_value(None);
        if self.mode.with_untracked(|m| *m == Mode::Saved)
            && self.ws.with_untracked(|w| *w != doc.workspace)
        {
            // Roles this tab had that another tab deleted (they are in its trash):
            // said here, with Undo putting this tab's copy back (review J2 M2: the
            // editor vanished without a word).
            let deleted = self.ws.with_untracked(|w| w.deleted_in(&doc.workspace));
            // Assignment rows another tab removed (a preset there replaces them all):
            // said here, with Undo putting them back (an outside review: rows
            // vanished while typing, the Undo shown only in the other tab).
            let gone: Vec<(usize, AssignmentRow)> = self.ws.with_untracked(|w| {
                w.assignments
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !doc.workspace.assignments.iter().any(|a| a.id == r.id))
                    .map(|(i, r)| (i, r.clone()))
                    .collect()
            });
            let added: Vec<String> = self.ws.with_untracked(|w| {
                doc.workspace
                    .assignments
                    .iter()
                    .filter(|a| !w.assignments.iter().any(|r| r.id == a.id))
                    .map(|a| a.id.clone())
                    .collect()
            });
            self.ws.set(doc.workspace.clone());
            self.drop_moot_notice(&doc.workspace);
            if deleted.is_empty() && !gone.is_empty() {
                let text = format!(
                    "Another tab removed {} of yours{}.",
                    crate::dom::count(gone.len(), "assignment", "assignments"),
                    if added.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " and added {}",
                            crate::dom::count(added.len(), "assignment", "assignments")
                        )
                    }
                );
                let undo = Edit::Batch(vec![
                    Edit::RemoveAssignments(added),
                    Edit::InsertAssignments(gone),
                ]);
                self.announce(text, Mode::Saved, undo);
            }
            if !deleted.is_empty() {
                let text = match deleted.as_slice() {
                    [(_, one)] => format!(
                        "“{}” was deleted in another tab.",
                        w365_engine::text::shown_name(&one.role.name)
                    ),
                    many => format!("{} roles were deleted in another tab.", many.len()),
                };
                let undo = Edit::Batch(
                    deleted
                        .into_iter()
                        .map(|(i, r)| Edit::RestoreRole(r, i))
                        .collect(),
                );
                self.announce(text, Mode::Saved, undo);
            }
        }
        Some(doc)
    }

    /// The saved work's notice whose Undo another tab's change has already made
    /// (that tab undid its deletion, put the rows back): its step goes, and the
    /// notice says so instead of offering an Undo that does nothing (an outside
    /// review: "deleted in another tab" stayed after that tab's Undo).
    fn drop_moot_notice(&self, ws: &Workspace) {
        let moot = self.notice.with_untracked(|n| match n {
            Some(Notice {
                text,
                undo: Some((Mode::Saved, e)),
                ..
            }) if e.is_moot(ws) => Some((text.clone(), e.clone())),
            _ => None,
        });
        if let Some((text, e)) = moot {
            self.history.update_value(|h| {
                h.take_undo(&e);
            });
            self.info(format!("Another tab took this back: {text}"));
        }
    }

    fn write_saved(&self, doc: &Doc) {
        if self.locked.get_untracked() {
            self.unsaved_while_locked.set(true);
            return;
        }
        let text = storage::serialize(doc);
        match storage::write(Area::Local, storage::KEY, &text) {
            Ok(()) => {
                self.last_text.set_value(Some(text));
                if matches!(self.problem.get_untracked(), Some(Problem::NotSaved(_))) {
                    self.problem.set(None);
                }
            }
            Err(e) => self.problem.set(Some(Problem::NotSaved(e))),
        }
    }

    /// The saved document as it is now (this tab's copy, with other tabs' changes taken in).
    fn saved_doc(&self) -> Doc {
        if let Some(doc) = self.take_in_saved() {
            return doc;
        }
        match self.mode.get_untracked() {
            Mode::Saved => Doc {
                workspace: self.saved_ws(),
                theme: self.theme.get_untracked(),
            },
            Mode::Link { .. } | Mode::Training { .. } => self
                .last_text
                .with_value(|t| t.as_deref().and_then(|t| storage::parse(t).ok()))
                .unwrap_or_default(),
        }
    }

    /// Why `e` cannot be made on the active workspace as it is now (a role's change
    /// that later changes leave no room for), if it cannot: the saved work with
    /// other tabs' changes taken in, or the link's or exercise's workspace.
    pub fn conflict(&self, e: &Edit) -> Option<String> {
        match self.mode.get_untracked() {
            Mode::Saved => e.conflict(&self.saved_doc().workspace),
            Mode::Link { .. } | Mode::Training { .. } => self.ws.with_untracked(|w| e.conflict(w)),
        }
    }

    /// Apply one edit to the active workspace and save it; returns its undo.
    pub fn edit(&self, e: Edit) -> Option<Edit> {
        match self.mode.get_untracked() {
            Mode::Saved => {
                let large = edit_len(&e) > LARGE_EDIT;
                let mut doc = self.saved_doc();
                let undo = doc.workspace.apply(e)?;
                if large {
                    // Saved now, drawn in the next task.
                    self.write_saved(&doc);
                    self.ahead.set_value(Some(doc.workspace));
                    let state = *self;
                    set_timeout(move || state.draw_ahead(), std::time::Duration::ZERO);
                } else {
                    self.ahead.set_value(None);
                    self.ws.set(doc.workspace.clone());
                    self.write_saved(&doc);
                }
                Some(undo)
            }
            Mode::Link { .. } => {
                let mut w = self.ws.get_untracked();
                let undo = w.apply(e)?;
                let _ = storage::write(
                    Area::Session,
                    LINK_KEY,
                    &storage::serialize(&Doc {
                        workspace: w.clone(),
                        theme: String::new(),
                    }),
                );
                self.ws.set(w);
                Some(undo)
            }
            Mode::Training { exercise, title } => {
                let mut w = self.ws.get_untracked();
                let undo = w.apply(e)?;
                write_training(&exercise, &title, &w);
                self.ws.set(w);
                Some(undo)
            }
        }
    }

    /// The saved workspace, with a large edit not drawn yet ([`AppState::edit`]).
    /// While a shared link or an exercise is open: whether the saved work, set
    /// aside meanwhile, holds the role with this id (an outside review: Back to
    /// one's own role's address from a link said the role was deleted).
    pub fn set_aside_holds(&self, id: &str) -> bool {
        self.mode.with_untracked(|m| *m != Mode::Saved)
            && self.stash.with_value(|w| {
                w.as_ref()
                    .is_some_and(|w| w.roles.iter().any(|r| r.id == id))
            })
    }

    fn saved_ws(&self) -> Workspace {
        self.ahead
            .with_value(Clone::clone)
            .unwrap_or_else(|| self.ws.get_untracked())
    }

    /// Draw the workspace a large edit saved, unless something newer was drawn since
    /// (or another workspace opened).
    fn draw_ahead(&self) {
        if let Some(Some(w)) = self.ahead.try_update_value(Option::take) {
            if self.mode.with_untracked(|m| *m == Mode::Saved) {
                self.ws.set(w);
            }
        }
    }

    /// Apply an edit and say so, with an undo of exactly that edit.
    pub fn edit_announced(&self, e: Edit, text: impl Into<String>) {
        self.try_edit_announced(e, text);
    }

    /// [`AppState::edit_announced`], saying whether the edit changed anything.
    pub fn try_edit_announced(&self, e: Edit, text: impl Into<String>) -> bool {
        let mode = self.mode.get_untracked();
        let Some(undo) = self.edit(e) else {
            return false;
        };
        self.announce(text.into(), mode, undo);
        true
    }

    /// Say what changed, with its Undo, and keep that undo in the tab's history.
    fn announce(&self, text: String, mode: Mode, undo: Edit) {
        self.history.update_value(|h| {
            h.record(Step {
                text: text.clone(),
                mode: mode.clone(),
                edit: undo.clone(),
            })
        });
        self.notice.set(Some(Notice {
            text,
            undo: Some((mode, undo)),
            reopen: None,
            redo: None,
            error: false,
        }));
    }

    /// Undo what a notice names: then Redo makes it again, and the notice offers
    /// the change before it, if any (see [`crate::history`]).
    pub fn undo(&self, mode: &Mode, e: Edit) {
        self.travel(mode, e, true);
    }

    /// Make again a change an Undo took back.
    pub fn redo(&self, mode: &Mode, e: Edit) {
        self.travel(mode, e, false);
    }

    /// Ctrl+Z: undo the newest change of this tab's history, if any.
    pub fn undo_latest(&self) {
        match self.history.with_value(|h| h.next_undo().cloned()) {
            Some(s) => self.undo(&s.mode, s.edit),
            None => self.info("Nothing to undo in this tab."),
        }
    }

    /// Ctrl+Shift+Z or Ctrl+Y: redo the change undone last, if any.
    pub fn redo_latest(&self) {
        match self.history.with_value(|h| h.next_redo().cloned()) {
            Some(s) => self.redo(&s.mode, s.edit),
            None => self.info("Nothing to redo in this tab."),
        }
    }

    /// Undo (`back`) or redo one change, moving it to the other side of the history.
    fn travel(&self, mode: &Mode, e: Edit, back: bool) {
        if self
            .mode
            .with_untracked(|m| std::mem::discriminant(m) != std::mem::discriminant(mode))
        {
            self.error(if back {
                "That change was made in another workspace; switch back to undo it."
            } else {
                "That change was made in another workspace; switch back to redo it."
            });
            return;
        }
        let step = self
            .history
            .try_update_value(|h| {
                if back {
                    h.take_undo(&e)
                } else {
                    h.take_redo(&e)
                }
            })
            .flatten();
        // A link's or exercise's step outlives it only in a notice left on screen:
        // its workspace is gone (another may be open in its place).
        if step.is_none() && *mode != Mode::Saved {
            self.error("That change was made in a shared link or exercise since closed; it cannot be made on this one.");
            return;
        }
        let text = step.map(|s| s.text).unwrap_or_default();
        // A role's change is undone alone, on the role as it is now; when what was
        // changed since leaves no room for it, that part is not undone, and that
        // is said (the rest of a batch, such as the other roles of an import, is).
        let why = self.conflict(&e);
        let inverse = self.edit(e);
        if let Some(inverse) = &inverse {
            let step = Step {
                text: text.clone(),
                mode: mode.clone(),
                edit: inverse.clone(),
            };
            self.history
                .update_value(|h| if back { h.undone(step) } else { h.redone(step) });
        }
        let (verb, none) = if back {
            ("Undone", "Nothing was undone")
        } else {
            ("Redone", "Nothing was redone")
        };
        match (why, inverse) {
            (Some(why), None) => self.error(format!("{none}: {why}.")),
            (Some(why), Some(_)) => {
                self.error(format!("{verb}, except where it cannot be: {why}."))
            }
            (None, None) => self.notice.set(None),
            (None, Some(inverse)) => {
                // Said, with the way back and the next step the same way.
                let (next_undo, next_redo) = self
                    .history
                    .with_value(|h| (h.next_undo().cloned(), h.next_redo().cloned()));
                let text = if text.is_empty() {
                    format!("{verb}.")
                } else {
                    format!("{verb}: {text}")
                };
                let (text, undo, redo) = if back {
                    let text = match &next_undo {
                        Some(s) if !s.text.is_empty() => {
                            format!("{text} Undo again to take back: {}", s.text)
                        }
                        _ => text,
                    };
                    (
                        text,
                        next_undo.map(|s| (s.mode, s.edit)),
                        Some((mode.clone(), inverse)),
                    )
                } else {
                    (
                        text,
                        Some((mode.clone(), inverse)),
                        next_redo.map(|s| (s.mode, s.edit)),
                    )
                };
                self.notice.set(Some(Notice {
                    text,
                    undo,
                    reopen: None,
                    redo,
                    error: false,
                }));
            }
        }
    }

    /// Choose the theme (saved with the user's work, whatever workspace is open).
    pub fn set_theme(&self, theme: String) {
        self.theme.set(theme.clone());
        let mut doc = self.saved_doc();
        doc.theme = theme;
        self.write_saved(&doc);
    }

    /// Add or replace a custom role.
    pub fn put_role(&self, role: CustomRole) {
        self.edit(Edit::PutRole(role));
    }

    /// Save a role under a new name: the assignment rows that named it by its old
    /// name follow it (one edit, announced with undo), unless another role still
    /// has that name.
    pub fn rename_role(&self, role: CustomRole) {
        self.rename(role, None);
    }

    /// [`AppState::rename_role`] over a name another tab saved while this one was
    /// typed: said, with the Undo that brings back the other tab's name.
    pub fn rename_role_over(&self, role: CustomRole) {
        self.rename(
            role,
            Some("Another tab changed this name while you typed here; yours is saved over it. Undo brings back the other tab’s."),
        );
    }

    fn rename(&self, role: CustomRole, over: Option<&str>) {
        let edit = self.ws.with_untracked(|w| Edit::rename_role(w, role));
        match &edit {
            Edit::Batch(edits) => {
                let rows = edits.len().saturating_sub(1);
                let name = match edits.first() {
                    Some(Edit::PutRole(r)) => r.role.name.clone(),
                    Some(Edit::PatchRole { after, .. }) => after.name.clone(),
                    _ => String::new(),
                };
                let by_id = match edits.get(1) {
                    Some(Edit::UpdateAssignment(a)) => a.role != name.trim(),
                    _ => false,
                };
                let (s, es) = if rows == 1 { ("", "s") } else { ("s", "") };
                let name = w365_engine::text::shown_name(&name).into_owned();
                let prefix = over.map(|o| format!("{o} ")).unwrap_or_default();
                self.edit_announced(
                    edit,
                    prefix + &if by_id {
                        format!(
                            "Renamed to “{name}”, the name of a built-in role (Azure refuses it for a custom role; see Checks): {rows} assignment{s} follow{es} it by its id, so {} keep{es} meaning this role, not the built-in one.",
                            if rows == 1 { "it" } else { "they" }
                        )
                    } else {
                        format!("Renamed to “{name}”: {rows} assignment{s} follow{es} it.")
                    },
                );
            }
            _ => match over {
                Some(text) => self.edit_announced(edit, text),
                None => {
                    self.edit(edit);
                }
            },
        }
    }

    /// Delete a custom role, with undo.
    pub fn delete_role(&self, id: &str) {
        let name = self.ws.with_untracked(|w| {
            w.role(id)
                .map(|r| w365_engine::text::shown_name(&r.role.name).into_owned())
        });
        // The assignment rows that resolve to it (by its name or its id, as every
        // view resolves them) name an unknown role once it is gone: said (an
        // outside review: the summary fell to nothing without a word).
        let rows = self.roles.with_untracked(|set| {
            let Ok(target) = set.resolve(id) else {
                return 0;
            };
            self.ws.with_untracked(|w| {
                w.assignments
                    .iter()
                    .filter(|a| set.resolve(&a.role).ok() == Some(target))
                    .count()
            })
        });
        match name {
            Some(name) if rows > 0 => self.edit_announced(
                Edit::RemoveRole(id.to_string()),
                format!(
                    "Deleted “{name}”: {rows} assignment{} still name{} it, as an unknown role, until Undo or until you remove {}.",
                    if rows == 1 { "" } else { "s" },
                    if rows == 1 { "s" } else { "" },
                    if rows == 1 { "it" } else { "them" },
                ),
            ),
            Some(name) => self.edit_announced(
                Edit::RemoveRole(id.to_string()),
                format!("Deleted “{name}”."),
            ),
            None => self.edit_announced(
                Edit::RemoveBroken(id.to_string()),
                "Deleted the unreadable definition.",
            ),
        }
    }

    /// Open a shared link's workspace beside the saved work (this tab only).
    pub fn open_link(&self, ws: Workspace) {
        let parked = self.park();
        let summary = summarize(&ws);
        if self.mode.with_untracked(|m| *m == Mode::Saved) {
            self.stash.set_value(Some(self.saved_ws()));
        }
        // Kept for this tab's reloads a task later: a link of thousands of rows is
        // drawn, then saved, instead of both in one long task.
        let kept = ws.clone();
        let mode = self.mode;
        set_timeout(
            move || {
                // Not if the link was closed (or another opened) meanwhile.
                let still = mode.try_with_untracked(|m| matches!(m, Mode::Link { .. }));
                if still != Some(true) {
                    return;
                }
                let _ = storage::write(
                    Area::Session,
                    LINK_KEY,
                    &storage::serialize(&Doc {
                        workspace: kept,
                        theme: String::new(),
                    }),
                );
            },
            std::time::Duration::ZERO,
        );
        // A link opened over another one: that one, with the changes made to it,
        // can be opened again (an outside review: its edits were gone, and Back
        // could not bring them back).
        let previous = self
            .mode
            .with_untracked(|m| matches!(m, Mode::Link { .. }))
            .then(|| self.ws.get_untracked())
            .filter(|prev| !prev.is_empty() && *prev != ws);
        self.notice.set(previous.map(|prev| Notice {
            text: "Opened the new link in place of the one open before. Undo opens that one again, as you left it.".into(),
            undo: None,
            reopen: Some(Reopen::Link(prev, parked)),
            redo: None,
            error: false,
        }));
        self.mode.set(Mode::Link { summary });
        self.ws.set(ws);
    }

    /// Open an exercise's start state as the training workspace (this tab only); the
    /// saved work is untouched. Refused while a shared link is open (`None`); else
    /// the steps of the exercise open before, if one was ([`History::park`]).
    pub fn open_training(&self, exercise: &str, title: &str, ws: Workspace) -> Option<Parked> {
        if self.mode.with_untracked(|m| matches!(m, Mode::Link { .. })) {
            self.error("Close or keep the shared link first; then open the exercise.");
            return None;
        }
        if self.mode.with_untracked(|m| *m == Mode::Saved) {
            self.stash.set_value(Some(self.saved_ws()));
        }
        let parked = self.park();
        write_training(exercise, title, &ws);
        self.notice.set(None);
        self.mode.set(Mode::Training {
            exercise: exercise.to_string(),
            title: title.to_string(),
        });
        self.ws.set(ws);
        Some(parked)
    }

    /// The saved work to return to from a link's or a training workspace (the copy
    /// kept aside when storage is locked by another tab), and the steps of the
    /// workspace left; the mode becomes Saved.
    fn back_to_saved(&self) -> (Doc, Parked) {
        let doc = if self.locked.get_untracked() {
            Doc {
                workspace: self.stash.get_value().unwrap_or_default(),
                theme: self.theme.get_untracked(),
            }
        } else {
            self.last_text.set_value(None);
            self.saved_doc()
        };
        self.stash.set_value(None);
        self.mode.set(Mode::Saved);
        (doc, self.park())
    }

    /// The link's or exercise's steps leave the history with its workspace
    /// ([`History::park`]), for the notice that can open it again.
    fn park(&self) -> Parked {
        self.history
            .try_update_value(History::park)
            .unwrap_or_default()
    }

    /// A closed workspace opened again: its steps are undoable again.
    pub fn unpark(&self, steps: Parked) {
        self.history.update_value(|h| h.unpark(steps));
    }

    /// Leave the training workspace: back to the saved work, as it was; the
    /// exercise's steps are returned.
    pub fn leave_training(&self) -> Parked {
        if !self
            .mode
            .with_untracked(|m| matches!(m, Mode::Training { .. }))
        {
            return Parked::default();
        }
        let _ = storage::remove(Area::Session, TRAINING_KEY);
        let (doc, parked) = self.back_to_saved();
        self.notice.set(None);
        self.ws.set(doc.workspace);
        parked
    }

    /// Leave the link's workspace: back to the saved work, optionally keeping the
    /// link's roles and assignments (`replace`: its assignments instead of mine).
    pub fn close_link(&self, keep: Option<bool>) {
        let link = self.ws.get_untracked();
        let _ = storage::remove(Area::Session, LINK_KEY);
        let (doc, parked) = self.back_to_saved();
        self.ws.set(doc.workspace.clone());
        if keep.is_none() && !link.is_empty() {
            // Closed without keeping: the link's work, and what was changed in
            // it, can be opened again from the notice.
            self.notice.set(Some(Notice {
                text: "Closed the shared link; its work was not kept. Undo opens it again, with your changes to it.".into(),
                undo: None,
                reopen: Some(Reopen::Link(link.clone(), parked)),
                redo: None,
                error: false,
            }));
        }
        if let Some(replace) = keep {
            let mut edits: Vec<Edit> = Vec::new();
            let mut repeated = 0;
            let copies = if replace {
                let (roles, rows, copies) = doc.workspace.incoming(&link, &mut new_key);
                edits.extend(roles);
                // A link without assignments leaves the user's in place (only
                // its scenario replaces theirs).
                if !link.assignments.is_empty() {
                    edits.push(Edit::replace_assignments(&doc.workspace, rows));
                }
                if link.scopetags.is_some() {
                    edits.push(Edit::SetScopeTags(link.scopetags.clone()));
                }
                copies
            } else {
                let (edit, copies, same) = doc.workspace.merge(&link, new_key);
                edits.push(edit);
                repeated = same;
                copies
            };
            let mut text = if replace && link.assignments.is_empty() {
                "Kept the link's work; your scope-tag scenario was replaced by its own, your assignments kept.".to_string()
            } else if replace {
                "Kept the link's work; your assignments (and scope-tag scenario, if it carried one) were replaced.".to_string()
            } else {
                "Added the link's work to yours.".to_string()
            };
            if !copies.is_empty() {
                let names: Vec<String> = copies.iter().map(|n| format!("“{n}”")).collect();
                text.push_str(&format!(
                    " The link changed {} you have; {} added beside yours as {}.",
                    if copies.len() == 1 { "a role" } else { "roles" },
                    if copies.len() == 1 {
                        "its version is"
                    } else {
                        "their versions are"
                    },
                    names.join(", ")
                ));
            }
            if repeated > 0 {
                text.push_str(&format!(
                    " {} you already had {} not added again.",
                    crate::dom::count(repeated, "assignment", "assignments"),
                    if repeated == 1 { "was" } else { "were" }
                ));
            }
            // Nothing to add (every row held already): still said.
            if !self.try_edit_announced(Edit::Batch(edits), text.clone()) {
                self.info(text);
            }
        }
    }

    /// Show an error notice.
    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            reopen: None,
            redo: None,
            error: true,
        }));
    }

    /// Show an information notice.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            reopen: None,
            redo: None,
            error: false,
        }));
    }

    /// Delete the backup of saved text that could not be read in full (the user
    /// chose to), then show the next one kept, if any.
    pub fn delete_backup(&self, key: &str) -> Result<(), String> {
        storage::delete_backup(key)?;
        self.problem.set(storage::kept_backup());
        Ok(())
    }

    /// Discard the unreadable saved text (the user chose to) and start saving again.
    pub fn discard_unreadable(&self) -> Result<(), String> {
        storage::remove(Area::Local, storage::KEY)?;
        self.locked.set(false);
        self.unsaved_while_locked.set(false);
        self.problem.set(None);
        self.last_text.set_value(None);
        if self.mode.with_untracked(|m| *m == Mode::Saved) {
            let doc = Doc {
                workspace: self.ws.get_untracked(),
                theme: self.theme.get_untracked(),
            };
            if !doc.workspace.is_empty() || !doc.theme.is_empty() {
                self.write_saved(&doc);
            }
        }
        Ok(())
    }
}

fn write_training(exercise: &str, title: &str, ws: &Workspace) {
    let doc = TrainingDoc {
        exercise: exercise.to_string(),
        title: title.to_string(),
        state: storage::serialize(&Doc {
            workspace: ws.clone(),
            theme: String::new(),
        }),
    };
    if let Ok(text) = serde_json::to_string(&doc) {
        let _ = storage::write(Area::Session, TRAINING_KEY, &text);
    }
}

/// "2 roles and 3 assignments" (and "a scope-tag scenario" when there is one).
pub fn summarize(ws: &Workspace) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let roles = n(
        ws.roles.len() + ws.broken.len(),
        "custom role",
        "custom roles",
    );
    let rows = n(ws.assignments.len(), "assignment", "assignments");
    match &ws.scopetags {
        None => format!("{roles} and {rows}"),
        Some(s) => format!(
            "{roles}, {rows} and a scope-tag scenario ({}, {})",
            n(s.objects.len(), "object", "objects"),
            n(s.admins.len(), "administrator", "administrators")
        ),
    }
}

/// The state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use w365_engine::evaluate::{Decision, Query, ReasonKind};
    use w365_engine::readiness::{Context, Status};
    use w365_engine::Scope;

    const SUB: &str = "/subscriptions/11111111-1111-1111-1111-111111111111";

    fn rows(list: &[(&str, &str, Assignee)]) -> Vec<AssignmentRow> {
        list.iter()
            .enumerate()
            .map(|(i, (role, scope, to))| AssignmentRow {
                id: format!("a-{i}"),
                role: role.to_string(),
                scope: scope.to_string(),
                to: *to,
            })
            .collect()
    }

    fn create_anc(rows: &[AssignmentRow]) -> Status {
        let set = RoleSet::new(cat(), Vec::new());
        let e = build_env(&set, rows);
        let rg = format!("{SUB}/resourceGroups/rg-cloudpc");
        let vnet = format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet-cloudpc");
        let scope = |s: &str| Scope::parse(s).ok();
        let ctx = Context::infer(&e.env, scope(SUB), scope(&rg), scope(&vnet), None);
        e.env
            .operations(&ctx)
            .into_iter()
            .find(|r| r.id == "create-azure-network-connection")
            .map(|r| r.status)
            .unwrap_or(Status::Denied)
    }

    /// The Windows 365 app's rows count for the app's own check (the two-person
    /// setup), the same rows as the admin's do not; either way the admin's rows
    /// stay the admin's.
    #[test]
    fn the_windows365_apps_rows_count_for_the_app_only() {
        let rg = format!("{SUB}/resourceGroups/rg-cloudpc");
        let vnet = format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet-cloudpc");
        let with = |to: Assignee| {
            rows(&[
                ("Windows 365 Administrator", "", Assignee::You),
                ("Reader", SUB, Assignee::You),
                ("Reader", SUB, to),
                ("Windows 365 Network Interface Contributor", &rg, to),
                ("Windows 365 Network User", &vnet, to),
            ])
        };
        assert_eq!(
            create_anc(&with(Assignee::Windows365App)),
            Status::Conditional
        );
        assert_eq!(create_anc(&with(Assignee::You)), Status::Denied);
        assert_eq!(
            create_anc(&with(Assignee::Windows365App)[..2]),
            Status::Denied
        );
    }

    /// Ask `action` (at `scope`) of one row holding `role`, given to `to`.
    fn ask(
        role: &str,
        scope: &str,
        to: Assignee,
        action: &str,
    ) -> w365_engine::evaluate::Evaluation {
        let set = RoleSet::new(cat(), Vec::new());
        let q = Query {
            action: action.into(),
            data_action: None,
            scope: Scope::parse(scope).ok(),
            plane: None,
        };
        build_env(&set, &rows(&[(role, scope, to)]))
            .env
            .evaluate(&q)
    }

    /// An Azure role (Owner) or an Entra role (User Administrator) given to the app
    /// grants the admin nothing, and says whose it is; the same row as the admin's
    /// grants.
    #[test]
    fn a_row_of_the_app_grants_the_admin_nothing() {
        for (role, scope, action) in [
            (
                "Owner",
                SUB,
                "Microsoft.Authorization/roleAssignments/write",
            ),
            (
                "User Administrator",
                "",
                "microsoft.directory/users/password/update",
            ),
        ] {
            let app = ask(role, scope, Assignee::Windows365App, action);
            assert_eq!(app.decision, Decision::Deny, "{role}");
            assert!(
                app.reasons
                    .iter()
                    .any(|r| r.kind == ReasonKind::OtherPrincipal),
                "{role}"
            );
            assert_eq!(
                ask(role, scope, Assignee::You, action).decision,
                Decision::Allow,
                "{role}"
            );
        }
        let set = RoleSet::new(cat(), Vec::new());
        let mine = build_env(&set, &rows(&[("Owner", SUB, Assignee::You)]));
        assert_eq!(mine.env.subject, Subject::Unnamed);
    }
}
