//! While a training exercise is open: which one, that the saved work is untouched,
//! the way back to the exercise, and leaving training.

use crate::route::{use_router, Route, View};
use crate::state::{use_state, Mode};
use crate::training::use_training;
use leptos::prelude::*;

/// The banner; empty unless an exercise's training workspace is open.
#[component]
pub fn TrainingBanner() -> impl IntoView {
    let state = use_state();
    let training = use_training();
    let router = use_router();
    move || {
        let Mode::Training { exercise, title } = state.mode.get() else {
            return None;
        };
        let back = Route::to(View::Training).with("ex", &exercise).hash();
        Some(view! {
            <section class="banner banner--training" role="region" aria-label="Training" data-testid="training-banner">
                <p>
                    <strong>{format!("Training: {title}.")}</strong>
                    " You are working in a training workspace, kept in this tab only (closing the tab ends it; your best score is kept); your saved roles and assignments are untouched."
                </p>
                <div class="banner__actions">
                    <a class="button" href=back data-testid="training-back">"Back to the exercise"</a>
                    <button class="button button--quiet" data-testid="training-leave" on:click=move |_| leave(state, training, router)>"Leave training, back to my work"</button>
                </div>
            </section>
        })
    }
}

/// Leave training. A Compose address that names a training role names it no
/// more: back in the saved work it said "This role is not saved in this browser"
/// (an outside review).
fn leave(
    state: crate::state::AppState,
    training: crate::training::Training,
    router: crate::route::Router,
) {
    training.leave(state);
    let stale = router.route.with_untracked(|r| {
        r.view == View::Compose
            && r.param("role").is_some_and(|id| {
                !id.is_empty()
                    && state
                        .ws
                        .with_untracked(|w| !w.roles.iter().any(|x| x.id == id))
            })
    });
    if stale {
        router.replace("role", "");
    }
}
