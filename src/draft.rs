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
}

impl Draft {
    /// A draft saved by `save`; saved too when the owner is cleaned up (the view is
    /// left) and when the page is hidden (reload, close, navigation away).
    pub fn new(save: impl Fn(String) + Send + Sync + 'static) -> Draft {
        let d = Draft {
            text: RwSignal::new(None),
            typed: Arc::new(AtomicU64::new(0)),
            save: Arc::new(save),
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
            (self.save)(t);
            self.text.try_set(None);
        }
    }
}
