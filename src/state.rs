//! Application state: the user's custom roles, the assignment set, the theme, and
//! what went wrong with storage. Derived values (the role set with its expansions)
//! are memos; the only effect writes to storage.

use crate::storage::{self, Problem, Saved, SavedAssignment, SavedRole};
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::roleset::RoleSet;
use w365_engine::{catalog, Catalog, Role};

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

/// A message shown at the bottom of the screen, optionally with an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// What undo restores, if anything.
    pub undo: Option<Saved>,
    /// An error rather than information.
    pub error: bool,
}

/// The roles in play.
#[derive(Debug)]
pub struct Roles {
    /// Built-in and custom roles with expansions.
    pub set: RoleSet<'static>,
    /// Saved roles that could not be read: (id, message).
    pub errors: Vec<(String, String)>,
}

/// The state, shared through context (all fields are signals, so it is `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    /// Saved data.
    pub saved: RwSignal<Saved>,
    /// A storage problem to show.
    pub problem: RwSignal<Option<Problem>>,
    /// Saving is suspended because the saved text could not be read.
    pub locked: RwSignal<bool>,
    /// A notice.
    pub notice: RwSignal<Option<Notice>>,
    /// Built-in plus custom roles.
    pub roles: Memo<Shared<Roles>>,
}

/// The catalog; the app shows an error panel instead of views when it is missing.
pub fn cat() -> &'static Catalog {
    match catalog() {
        Ok(c) => c,
        Err(e) => crate::panic::fatal(&format!("the bundled catalog is unreadable: {e}")),
    }
}

/// Read a saved role into a [`Role`] whose id is the saved id.
pub fn read_role(r: &SavedRole) -> Result<Role, String> {
    let mut roles = w365_engine::import::import(&r.definition).map_err(|e| e.to_string())?;
    if roles.is_empty() {
        return Err("no role in the saved definition".into());
    }
    let mut role = roles.remove(0).role;
    role.id = r.id.clone();
    Ok(role)
}

/// A fresh id for a custom role.
pub fn new_id() -> String {
    let n = (js_sys::Math::random() * 1e12) as u64;
    format!("custom-{n:x}")
}

impl AppState {
    /// Load from storage and start saving changes.
    pub fn install() -> AppState {
        let (saved, problem) = storage::load();
        let locked = matches!(problem, Some(Problem::Unreadable { .. }));
        let saved = RwSignal::new(saved);
        let roles = Memo::new(move |_| {
            let mut ok = Vec::new();
            let mut errors = Vec::new();
            saved.with(|s| {
                for r in &s.roles {
                    match read_role(r) {
                        Ok(role) => ok.push(role),
                        Err(e) => errors.push((r.id.clone(), e)),
                    }
                }
            });
            Shared(Arc::new(Roles {
                set: RoleSet::new(cat(), ok),
                errors,
            }))
        });
        let state = AppState {
            saved,
            problem: RwSignal::new(problem),
            locked: RwSignal::new(locked),
            notice: RwSignal::new(None),
            roles,
        };
        // The one effect that writes: save after every change unless locked.
        let first = StoredValue::new(true);
        Effect::new(move |_| {
            let s = state.saved.get();
            if first.get_value() {
                first.set_value(false);
                return;
            }
            if state.locked.get_untracked() {
                return;
            }
            match storage::save(&s) {
                Ok(()) => {
                    if matches!(state.problem.get_untracked(), Some(Problem::NotSaved(_))) {
                        state.problem.set(None);
                    }
                }
                Err(e) => state.problem.set(Some(Problem::NotSaved(e))),
            }
        });
        state
    }

    /// Add or replace a custom role.
    pub fn put_role(&self, role: SavedRole) {
        self.saved
            .update(|s| match s.roles.iter_mut().find(|r| r.id == role.id) {
                Some(r) => *r = role,
                None => s.roles.push(role),
            });
    }

    /// Delete a custom role, keeping it for undo.
    pub fn delete_role(&self, id: &str) {
        let before = self.saved.get_untracked();
        let mut name = id.to_string();
        self.saved.update(|s| {
            if let Some(pos) = s.roles.iter().position(|r| r.id == id) {
                let r = s.roles.remove(pos);
                if let Ok(role) = read_role(&r) {
                    name = role.name;
                }
                s.trash.push(r);
                let excess = s.trash.len().saturating_sub(20);
                s.trash.drain(..excess);
            }
        });
        self.notice.set(Some(Notice {
            text: format!("Deleted “{name}”."),
            undo: Some(before),
            error: false,
        }));
    }

    /// Replace the assignment set (keeping the old one for undo).
    pub fn set_assignments(&self, list: Vec<SavedAssignment>, announce: Option<&str>) {
        let before = self.saved.get_untracked();
        self.saved.update(|s| s.assignments = list);
        if let Some(text) = announce {
            self.notice.set(Some(Notice {
                text: text.to_string(),
                undo: Some(before),
                error: false,
            }));
        }
    }

    /// Show an error notice.
    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            error: true,
        }));
    }

    /// Show an information notice.
    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo: None,
            error: false,
        }));
    }
}

/// The state from context.
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
