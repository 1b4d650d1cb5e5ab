//! A notice at the bottom of the screen, with undo when something was deleted or
//! replaced.

use crate::components::rich::Rich;
use crate::route::{use_router, Route, View};
use crate::state::{use_state, Reopen};
use crate::training::use_training;
use leptos::prelude::*;
use std::time::Duration;

/// The notice bar.
#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_state();
    let training = use_training();
    let router = use_router();
    // Hide information after a while (a newer notice restarts the clock); an error
    // stays until it is dismissed or replaced, so it can be read in full, and so
    // does an Undo: what it takes back (a preset that replaced every assignment, a
    // deleted role) is not lost because the user looked away for 12 s (an outside
    // review).
    let generation = StoredValue::new(0u32);
    Effect::new(move |_| {
        let shown = state.notice.with(|n| {
            n.as_ref()
                .map(|n| n.error || n.undo.is_some() || n.reopen.is_some() || n.redo.is_some())
        });
        if shown.is_some() {
            let g = generation.get_value().wrapping_add(1);
            generation.set_value(g);
            if shown == Some(true) {
                return;
            }
            set_timeout(
                move || {
                    if generation.get_value() == g {
                        state.notice.set(None);
                    }
                },
                Duration::from_secs(12),
            );
        }
    });
    // The notice is drawn over the page: what holds the focus is scrolled clear.
    Effect::new(move |_| {
        if state.notice.with(Option::is_some) {
            crate::dom::keep_focus_clear_of("[data-testid=notice]");
        }
    });
    // What was deleted took the focus with it: the notice's Undo takes it, so a
    // keyboard user can undo at once (only when nothing else holds the focus).
    let undo_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if state.notice.with(|n| {
            n.as_ref()
                .is_some_and(|n| n.undo.is_some() || n.reopen.is_some())
        }) {
            request_animation_frame(move || {
                if crate::dom::focus_is_lost() {
                    if let Some(b) = undo_button.get_untracked() {
                        let _ = b.focus();
                    }
                }
            });
        }
    });
    // Ctrl+Z does what the notice's Undo does (an exercise left or a link closed
    // is opened again: an outside review found the shortcut refusing, and the
    // notice's way back gone), else undoes the tab's newest change; Ctrl+Shift+Z
    // or Ctrl+Y likewise redoes. Not in a text field, where they undo the typing.
    let redo_button = NodeRef::<leptos::html::Button>::new();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.default_prevented() || ev.alt_key() || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        let key = ev.key().to_ascii_lowercase();
        let redo = (key == "z" && ev.shift_key()) || (key == "y" && !ev.shift_key());
        if !(redo || key == "z") || crate::dom::typing_in(ev.target()) {
            return;
        }
        ev.prevent_default();
        let button = if redo { redo_button } else { undo_button };
        match button.get_untracked().filter(|b| b.is_connected()) {
            Some(b) => b.click(),
            None if redo => state.redo_latest(),
            None => state.undo_latest(),
        }
        crate::dom::focus_main();
    });
    on_cleanup(move || keys.remove());
    move || {
        state.notice.get().map(|n| {
            let redo = n.redo.clone().map(|(mode, edit)| {
                Callback::new(move |()| state.redo(&mode, edit.clone()))
            });
            // Undo: the inverse of the edit the notice names, or the closed
            // link's or exercise's workspace opened again.
            let undo: Option<Callback<()>> = match (n.undo.clone(), n.reopen.clone()) {
                (Some((mode, edit)), _) => {
                    Some(Callback::new(move |()| state.undo(&mode, edit.clone())))
                }
                (None, Some(r)) => Some(Callback::new(move |()| {
                    state.notice.set(None);
                    match r.clone() {
                        Reopen::Link(ws, steps) => {
                            state.open_link(ws);
                            state.unpark(steps);
                            // The link swapped back is said once, not offered again.
                            state.info("Opened again the link you had open before.");
                        }
                        Reopen::Training { exercise, title, ws, tags, steps } => {
                            training.reopen(state, &exercise, &title, ws, tags, steps);
                            // Said, as the link's is (an outside review: the notice
                            // went without a word).
                            state.info(format!(
                                "Opened again your answer to “{}”, as you left it.",
                                w365_engine::text::excerpt(&title)
                            ));
                            // On the page of the exercise opened in its place, go to
                            // the reopened one's: the page shows the exercise whose
                            // answer is open (an outside review: it showed the other,
                            // with Check disabled).
                            let here = router.route.get_untracked();
                            if here.view == View::Training && here.param("ex") != Some(exercise.as_str()) {
                                router.go(Route::to(View::Training).with("ex", &exercise));
                            }
                        }
                    }
                })),
                (None, None) => None,
            };
            view! {
                <div class="notice" class:notice--error=n.error role=if n.error { "alert" } else { "status" } data-testid="notice"
                    // Escape inside the notice dismisses it, as its × does (an
                    // outside review: only the × did).
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            ev.prevent_default();
                            state.notice.set(None);
                            crate::dom::focus_main();
                        }
                    }>
                    <span class="notice__text"><Rich text=n.text.clone()/></span>
                    {undo.map(|run| step_button("Undo", "undo", "Undo (Ctrl+Z)", undo_button, run))}
                    {redo.map(|run| step_button("Redo", "redo", "Redo (Ctrl+Shift+Z)", redo_button, run))}
                    <button class="button button--quiet button--small" aria-label="Dismiss" on:click=move |_| {
                        state.notice.set(None);
                        crate::dom::focus_main();
                    }>
                        "×"
                    </button>
                </div>
            }
        })
    }
}

/// The notice's Undo or Redo: runs `run`, then gives the focus to the page if the
/// button went with the notice it replaced.
fn step_button(
    label: &'static str,
    testid: &'static str,
    title: &'static str,
    node_ref: NodeRef<leptos::html::Button>,
    run: Callback<()>,
) -> impl IntoView {
    view! {
        <button class="button button--small" data-testid=testid title=title node_ref=node_ref
            on:click=move |_| {
                run.run(());
                crate::dom::focus_main();
            }>
            {label}
        </button>
    }
}
