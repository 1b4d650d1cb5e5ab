//! For trainers: open an exercise or a pack of their own, pasted or picked as a
//! JSON file. The engine reads it; every problem is listed with where it is, and
//! each exercise is validated (its solution must pass its checks, its start must
//! not) before it is opened. "Make an exercise from this" fills the editor with the
//! current roles and assignments as the start and the solution, for the trainer to
//! change one of them and add checks.

use crate::dom::read_file;
use crate::state::{cat, use_state};
use crate::training::{setup_of, use_training};
use leptos::prelude::*;
use w365_engine::exercise;

/// Most characters read from a pasted or picked exercise.
const MAX_TEXT: usize = w365_engine::json::MAX_INPUT_BYTES;

/// The loader.
#[component]
pub fn ExerciseLoader() -> impl IntoView {
    let training = use_training();
    let state = use_state();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let problems = RwSignal::new(Vec::<String>::new());
    let note = RwSignal::new(false);
    let open = move |text: String| {
        if text.len() > MAX_TEXT {
            problems.set(vec![format!(
                "the text is {} bytes; exercises are limited to {MAX_TEXT}",
                text.len()
            )]);
            return;
        }
        let pack = match exercise::parse_pack(cat(), &text) {
            Ok(p) => p,
            Err(e) => {
                problems.set(e.lines());
                return;
            }
        };
        let invalid: Vec<String> = pack
            .exercises
            .iter()
            .flat_map(|ex| {
                exercise::validate(cat(), ex)
                    .into_iter()
                    .map(move |p| format!("`{}`: {p}", ex.id))
            })
            .collect();
        if !invalid.is_empty() {
            problems.set(invalid);
            return;
        }
        problems.set(Vec::new());
        note.set(false);
        training.open_pack(pack, &text);
    };
    let load = move |_| {
        if let Some(a) = area.get_untracked() {
            open(a.value());
        }
    };
    let from_work = move |_| {
        let setup = state
            .ws
            .with_untracked(|w| setup_of(w, None, true))
            .to_json();
        let skeleton = serde_json::json!({
            "schema": exercise::SCHEMA,
            "id": "my-exercise",
            "title": "Name the task",
            "brief": "The story and the goal, in plain words.",
            "level": "easy",
            "start": setup,
            "checks": [{"kind": "lintClean"}],
            "hints": ["A first hint."],
            "solution": setup,
            "explanation": "Why the solution works."
        });
        if let Some(a) = area.get_untracked() {
            a.set_value(&serde_json::to_string_pretty(&skeleton).unwrap_or_default());
        }
        problems.set(Vec::new());
        note.set(true);
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|l| l.get(0)) {
            read_file(f, move |r| match r {
                Ok(text) => open(text),
                Err(e) => problems.set(vec![e]),
            });
        }
    };
    view! {
        <details class="panel exercise-loader" data-testid="exercise-loader">
            <summary>"For trainers: open your own exercise or pack"</summary>
            <p class="muted">
                "An exercise (" <code>"w365-exercise/1"</code> ") or a pack (" <code>"w365-exercise-pack/1"</code>
                "), as documented in docs/EXERCISES.md. Each solution must pass its checks and each start must fail one."
            </p>
            <label class="field">
                <span>"Exercise or pack JSON"</span>
                <textarea node_ref=area rows="6" spellcheck="false" data-testid="exercise-json"></textarea>
            </label>
            <crate::components::check_picker::CheckPicker area=area/>
            <div class="actions-bar">
                <button class="button" data-testid="exercise-load" on:click=load>"Open"</button>
                <button class="button button--quiet" data-testid="exercise-from-work" on:click=from_work>"Make an exercise from my current work"</button>
                <label class="button button--quiet">
                    "Pick a file…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=pick/>
                </label>
            </div>
            <Show when=move || note.get()>
                <p class="muted" data-testid="exercise-note">
                    "The editor holds your current roles and assignments as both the start and the solution. Change the start (or the solution), add checks with the picker (or by hand: docs/EXERCISES.md lists every kind), then Open to validate it."
                </p>
            </Show>
            {move || {
                let list = problems.get();
                (!list.is_empty()).then(|| view! {
                    <div class="problems" role="alert" data-testid="exercise-problems">
                        <p>{format!("This cannot be opened ({}):", crate::dom::count(list.len(), "problem", "problems"))}</p>
                        <ul>{list.into_iter().map(|p| view! { <li><crate::components::rich::Rich text=p/></li> }).collect_view()}</ul>
                    </div>
                })
            }}
        </details>
    }
}
