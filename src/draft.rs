//! Typing in a saved text field, kept as a draft and saved as it goes: a pause in
//! typing saves it, and so do leaving the field, leaving the view (Back, a link)
//! and leaving the page (reload, close). Meanwhile the field shows the draft, so
//! what another tab saves (the `storage` event redraws the form) never replaces
//! what is being typed; the draft is then saved onto the other tab's version.

use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long typing pauses before the draft is saved.
const PAUSE: Duration = Duration::from_millis(400);

/// One field's draft. Create it in the component that owns the field.
#[derive(Clone)]
pub struct Draft {
    text: RwSignal<Option<String>>,
    typed: Arc<AtomicU64>,
    save: Arc<dyn Fn(String) + Send + Sync>,
    guard: Option<Guard>,
}

/// What a guarded draft needs to tell that another tab saved the same field
/// while it was typed in.
#[derive(Clone)]
struct Guard {
    /// The field's saved value when this typing began.
    base: StoredValue<Option<String>>,
    /// The field's saved value now (with other tabs' changes taken in).
    current: Arc<dyn Fn() -> String + Send + Sync>,
    /// Save the typed text over another tab's (given second), saying so with Undo.
    overwrite: Arc<dyn Fn(String, String) + Send + Sync>,
}

impl Draft {
    /// A draft saved by `save`; saved too when the owner is cleaned up (the view is
    /// left) and when the page is hidden (reload, close, navigation away).
    pub fn new(save: impl Fn(String) + Send + Sync + 'static) -> Draft {
        Draft::with(Arc::new(save), None)
    }

    /// A draft like [`Draft::new`]'s that notices another tab saving the same
    /// field while it is typed in (`current` reads the field as saved now): the
    /// typed text is then saved by `overwrite`, which says so with an Undo that
    /// brings back the other tab's text (an outside review: a paragraph typed in
    /// one tab was replaced by another tab's typing a second later, without a
    /// word).
    pub fn guarded(
        save: impl Fn(String) + Send + Sync + 'static,
        current: impl Fn() -> String + Send + Sync + 'static,
        overwrite: impl Fn(String, String) + Send + Sync + 'static,
    ) -> Draft {
        let guard = Guard {
            base: StoredValue::new(None),
            current: Arc::new(current),
            overwrite: Arc::new(overwrite),
        };
        Draft::with(Arc::new(save), Some(guard))
    }

    fn with(save: Arc<dyn Fn(String) + Send + Sync>, guard: Option<Guard>) -> Draft {
        let d = Draft {
            text: RwSignal::new(None),
            typed: Arc::new(AtomicU64::new(0)),
            save,
            guard,
        };
        let on_hide = d.clone();
        let hide = window_event_listener_untyped("pagehide", move |_| on_hide.commit());
        let on_leave = d.clone();
        on_cleanup(move || {
            on_leave.commit();
            hide.remove();
        });
        d
    }

    /// What the field shows: the draft while there is one, else `saved()`.
    pub fn shown(&self, saved: impl FnOnce() -> String) -> String {
        match self.text.try_get().flatten() {
            Some(t) => t,
            None => saved(),
        }
    }

    /// Typing (`input`): keep it, and save it once typing pauses.
    pub fn input(&self, value: String) {
        if let Some(g) = &self.guard {
            if self.text.try_get_untracked().flatten().is_none() {
                g.base.try_set_value(Some((g.current)()));
            }
        }
        self.text.try_set(Some(value));
        let n = self.typed.fetch_add(1, Ordering::Relaxed) + 1;
        let d = self.clone();
        set_timeout(
            move || {
                if d.typed.load(Ordering::Relaxed) == n {
                    d.commit();
                }
            },
            PAUSE,
        );
    }

    /// Save the draft now, if there is one (`change`, leaving).
    pub fn commit(&self) {
        if let Some(Some(t)) = self.text.try_get_untracked() {
            let theirs = self.guard.as_ref().and_then(|g| {
                let base = g.base.try_update_value(Option::take).flatten()?;
                let now = (g.current)();
                (now != base && now != t).then_some((g, now))
            });
            match theirs {
                Some((g, now)) => (g.overwrite)(t, now),
                None => (self.save)(t),
            }
            self.text.try_set(None);
        }
    }
}
