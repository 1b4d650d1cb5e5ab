//! Training: the exercises of the open pack with the student's progress, and the
//! selected exercise (`#/training?ex=ID`): its brief, its checks, "Check" with each
//! check's explanation and a score, hints one at a time, the solution on request.
//! Opening an exercise loads its start state into a training workspace of its own;
//! the student works in the normal views (Compose, Assignments, Windows 365
//! operations) and comes back here to check. A trainer's own exercise or pack opens
//! from a pasted or picked JSON file, or from a link (`x=`: the JSON, compressed).
//! `present=1` is presenter mode: one exercise at a time in large type, hints and
//! the answer revealed step by step. Printing gives an exercise sheet, or with
//! "Print the answer key" the hints, a solution and its explanation, with the data date.

use crate::components::check_results::CheckResults;
use crate::components::exercise_loader::ExerciseLoader;
use crate::components::rich::Rich;
use crate::components::tag_editor::TagEditor;
use crate::route::{use_router, Route, View};
use crate::state::{cat, use_state, Shared};
use crate::training::{done_for, use_training, Training};
use leptos::prelude::*;
use w365_engine::exercise::{self, Exercise, Pack};

/// Copy a link to an exercise: the built-in pack's by id; a trainer's own pack
/// carries the pack itself (compressed).
/// What a trainer shares when a pack's link would be too long.
const PACK_INSTEAD: &str =
    "share the pack's file instead (Download the pack (JSON), under For trainers)";

fn copy_exercise_link(pack: Shared<Pack>, ex: Option<String>, own: bool) {
    let state = use_state();
    leptos::task::spawn_local(async move {
        let mut route = Route::to(View::Training);
        if own {
            match crate::links::pack_text(&pack.to_json().to_string()).await {
                Ok(x) => route = route.with("x", &x),
                Err(e) => {
                    state.error(format!("Could not make the link: {e}"));
                    return;
                }
            }
        }
        if let Some(id) = &ex {
            route = route.with("ex", id);
        }
        let url = crate::dom::page_url(&route);
        if let Err(e) = crate::links::link_fits(&url, PACK_INSTEAD) {
            state.error(format!("Could not make the link: {e}"));
            return;
        }
        let len = url.len();
        let link = url.clone();
        crate::dom::copy(url, move |res| {
            match res {
            Ok(()) if len > 8_000 => state.info(format!(
                "Link copied ({len} characters). Links this long open in browsers but may be cut by chat tools and mail; share the JSON file instead if it does not open."
            )),
            Ok(()) => state.info("Link copied."),
            Err(e) => state.error(format!("Could not copy the link: {e}. The link: {link}")),
        }
        });
    });
}

/// Copy a link to the student's answer (the training workspace, compressed, in
/// `ans=`), so a trainer opens the exercise with the answer graded beside it.
fn copy_answer_link(pack: Shared<Pack>, ex: String, own: bool, answer: String) {
    let state = use_state();
    leptos::task::spawn_local(async move {
        let mut route = Route::to(View::Training).with("ex", &ex);
        if own {
            match crate::links::pack_text(&pack.to_json().to_string()).await {
                Ok(x) => route = route.with("x", &x),
                Err(e) => {
                    state.error(format!("Could not make the link: {e}"));
                    return;
                }
            }
        }
        match crate::links::pack_text(&answer).await {
            Ok(a) => route = route.with("ans", &a),
            Err(e) => {
                state.error(format!("Could not make the link: {e}"));
                return;
            }
        }
        let url = crate::dom::page_url(&route);
        if let Err(e) = crate::links::link_fits(&url, PACK_INSTEAD) {
            state.error(format!("Could not make the link: {e}"));
            return;
        }
        let link = url.clone();
        crate::dom::copy(url, move |res| {
            match res {
            Ok(()) => state.info(
                "Link to your answer copied: whoever opens it sees this exercise with your answer graded.",
            ),
            Err(e) => state.error(format!("Could not copy the link: {e}. The link: {link}")),
        }
        });
    });
}

/// A student's answer carried by a link (`ans=`), graded against the exercise;
/// nobody's workspace is touched.
#[component]
fn SharedAnswer(ex: Shared<Exercise>, ans: String) -> impl IntoView {
    let result = RwSignal::new(None::<Result<exercise::Grade, String>>);
    let ex2 = ex.clone();
    leptos::task::spawn_local(async move {
        let graded = match crate::links::unpack_text(&ans).await {
            Ok(text) => exercise::parse_answer(cat(), &text)
                .map(|setup| exercise::grade(cat(), &ex2, &setup.answer(cat())))
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        // Gone if the link changed while it was read: nothing to show it in.
        let _ = result.try_set(Some(graded));
    });
    let asks: Vec<String> = ex.checks.iter().map(|c| c.describe(cat())).collect();
    view! {
        <section class="panel exercise__shared" aria-labelledby="shared-answer-title" data-testid="shared-answer">
            <h3 id="shared-answer-title">"A student's answer, from the link"</h3>
            <p class="muted">"Graded here against this exercise; your own work and training workspace are not changed."</p>
            {move || match result.get() {
                None => view! { <p class="muted">"Reading the answer…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problems" role="alert" data-testid="shared-answer-error">{format!("The answer in the link cannot be read: {e}")}</p> }.into_any(),
                Some(Ok(g)) => view! { <CheckResults grade=g asks=asks.clone()/> }.into_any(),
            }}
        </section>
    }
}

/// The training view.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let training = use_training();
    let selected = router.param("ex");
    let carried = router.param("x");
    let present = router.param("present");
    // A pack carried by the link opens, then leaves the URL.
    Effect::new(move |_| {
        let x = carried.get();
        if x.is_empty() {
            return;
        }
        router.replace("x", "");
        leptos::task::spawn_local(async move {
            let text = match crate::links::unpack_text(&x).await {
                Ok(t) => t,
                Err(e) => {
                    state.error(format!(
                        "The exercise link could not be opened: {e}. Nothing was changed."
                    ));
                    return;
                }
            };
            match exercise::parse_pack(cat(), &text) {
                Ok(pack) => {
                    let n = pack.exercises.len();
                    training.open_pack(pack, &text);
                    state.info(format!(
                        "Opened the linked {}.",
                        crate::dom::count(n, "exercise", "exercises")
                    ));
                }
                Err(e) => state.error(format!(
                    "The exercise link could not be opened: {}. Nothing was changed.",
                    e.lines().join("; ")
                )),
            }
        });
    });
    let pack = Memo::new(move |_| training.pack());
    let current = Memo::new(move |_| {
        let id = selected.get();
        pack.get().and_then(|p| {
            p.exercise(&id)
                .cloned()
                .map(|e| Shared(std::sync::Arc::new(e)))
        })
    });
    let list = move || {
        let Some(p) = pack.get() else {
            return view! { <p class="problems">"The built-in pack cannot be read."</p> }
                .into_any();
        };
        let progress = training.progress.get();
        let sel = selected.get();
        let passed = p
            .exercises
            .iter()
            .filter(|e| done_for(&progress, &p, e).is_some_and(|d| d.passed))
            .count();
        let rows = p
            .exercises
            .iter()
            .map(|e| {
                let done = done_for(&progress, &p, e);
                let (badge, class) = match &done {
                    Some(d) if d.passed => ("passed".to_string(), "badge badge--ok"),
                    Some(d) if d.of > 0 && (d.best > 0 || !d.revealed) => {
                        (format!("best {} of {}", d.best, d.of), "badge badge--maybe")
                    }
                    Some(d) if d.revealed => ("solution shown".to_string(), "badge badge--maybe"),
                    _ => ("not started".to_string(), "badge"),
                };
                let href = Route::to(View::Training).with("ex", &e.id).hash();
                let current = (e.id == sel).then_some("true");
                view! {
                    <li class="exercise-list__item" data-testid=format!("exercise-{}", e.id)>
                        <a href=href aria-current=current>{e.title.clone()}</a>
                        " " <span class="tag tag--quiet">{e.level.as_str()}</span>
                        " " <span class=class data-testid="exercise-progress">{badge}</span>
                    </li>
                }
            })
            .collect_view();
        let own = training.own.with(Option::is_some);
        let pack_for_link = p.clone();
        let pack_for_file = p.clone();
        let download = move |_| {
            let text = serde_json::to_string_pretty(&pack_for_file.to_json()).unwrap_or_default();
            if let Err(e) = crate::dom::download(
                &format!("{}.json", pack_for_file.id),
                &text,
                "application/json",
            ) {
                state.error(format!("Could not download the pack: {e}"));
            }
        };
        view! {
            <section class="panel" aria-labelledby="pack-title">
                <h2 id="pack-title">
                    {p.title.clone()}
                    {own.then(|| view! { " " <span class="tag">"your own"</span> })}
                </h2>
                <p class="muted" data-testid="training-progress">
                    {format!("{passed} of {} passed", p.exercises.len())}
                </p>
                {move || training.problem.get().map(|m| view! { <p class="problems" role="alert" data-testid="progress-problem"><Rich text=m/></p> })}
                <ol class="exercise-list">{rows}</ol>
                <div class="actions-bar">
                    <button class="button button--quiet" data-testid="pack-download" on:click=download>"Download the pack (JSON)"</button>
                    {own.then(|| view! {
                        <button class="button button--quiet" data-testid="pack-close" on:click=move |_| training.close_pack()>"Back to the built-in pack"</button>
                        <button class="button button--quiet" data-testid="pack-link" on:click=move |_| copy_exercise_link(pack_for_link.clone(), None, true)>"Copy a link to this pack"</button>
                    })}
                </div>
            </section>
        }
        .into_any()
    };
    let detail = move || {
        let ex = current.get()?;
        let p = pack.get()?;
        training.showing(&p, &ex);
        Some(view! { <ExercisePanel ex=ex pack=p training=training/> })
    };
    // The exercise the address names that the open pack lacks, and whether the
    // built-in pack has it (a built-in exercise's link opened where a trainer's
    // pack is open, an outside review: say so, and offer the way back). Every
    // input is read each time: a re-check review found the message missing when
    // the address changed while no exercise was shown.
    let missing = Memo::new(move |_| {
        let id = selected.get();
        let shown = current.with(Option::is_some);
        let own = training.own.with(Option::is_some);
        (!shown && !id.is_empty()).then(|| {
            let in_builtin =
                own && crate::training::builtin().is_some_and(|b| b.exercise(&id).is_some());
            (id, in_builtin)
        })
    });
    // An exercise picked from the list is brought into view where it is drawn
    // below the list, off the screen (an outside review: at 360 px the exercise
    // was 1,860 px down and nothing seemed to happen).
    Effect::new(move |before: Option<String>| {
        let id = selected.get();
        if before.is_some_and(|b| b != id) && !id.is_empty() {
            request_animation_frame(|| {
                let off_screen = document().get_element_by_id("exercise").is_some_and(|e| {
                    let top = e.get_bounding_client_rect().top();
                    let height = window()
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    top < 0.0 || top > height * 0.6
                });
                if off_screen {
                    crate::dom::reveal("exercise".to_string());
                }
            });
        }
        id
    });
    let presenting = move || present.with(|p| p == "1");
    let step = move |by: isize| {
        let Some(p) = pack.get_untracked() else {
            return;
        };
        let id = selected.get_untracked();
        let i = p.exercises.iter().position(|e| e.id == id).unwrap_or(0) as isize;
        let n = p.exercises.len() as isize;
        if n == 0 {
            return;
        }
        let next = (i + by).rem_euclid(n) as usize;
        if let Some(e) = p.exercises.get(next) {
            training.hints.set(0);
            training.revealed.set(false);
            router.go(Route::to(View::Training)
                .with("ex", &e.id)
                .with("present", "1"));
        }
    };
    // Escape leaves presenter mode, as it leaves a presentation anywhere (an
    // outside review: only the button did); a key another control handled, such
    // as a notice's Escape, is left to it.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && !ev.default_prevented() && present.with_untracked(|p| p == "1") {
            router.replace("present", "");
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <section class="page training" class:training--present=presenting data-testid="training">
            <Show when=presenting>
                <div class="actions-bar presenter__bar" data-testid="presenter-bar">
                    <button class="button button--quiet" data-testid="presenter-prev" on:click=move |_| step(-1)>"← Previous exercise"</button>
                    <button class="button button--quiet" data-testid="presenter-next" on:click=move |_| step(1)>"Next exercise →"</button>
                    <button class="button button--quiet" data-testid="presenter-exit" on:click=move |_| router.replace("present", "")>"Leave presenter mode"</button>
                </div>
            </Show>
            <h1>"Training"</h1>
            <p class="lead">"Exercises that check themselves. Opening one loads its start into a training workspace of its own: your saved roles and assignments are not touched. Work in Compose and Assignments, then come back and press Check."</p>
            <div class="training__grid">
                <div class="training__list">{list}<ExerciseLoader/></div>
                <div>
                    {move || missing.get().map(|(id, in_builtin)| {
                        view! {
                            <p class="problems" role="alert" data-testid="exercise-missing">
                                {if in_builtin {
                                    format!("There is no exercise `{id}` in your own pack; the built-in pack has it.")
                                } else {
                                    format!("There is no exercise `{id}` in this pack.")
                                }}
                            </p>
                            {in_builtin.then(|| view! {
                                <button class="button" data-testid="exercise-missing-builtin" on:click=move |_| {
                                    training.close_pack();
                                    // The button goes with the message: the focus goes
                                    // to the page, not to the document.
                                    crate::dom::focus_main();
                                }>"Open it in the built-in pack"</button>
                            })}
                        }
                    })}
                    {detail}
                </div>
            </div>
        </section>
    }
}

/// Presenter mode opens at the exercise's top, the focus on the page (an outside
/// review: it kept the scroll of the panel below, the title and the presenter bar
/// above the screen, the focus on a button the audience cannot see).
fn present_from_top(router: crate::route::Router) {
    router.replace("present", "1");
    request_animation_frame(|| {
        window().scroll_to_with_x_and_y(0.0, 0.0);
        crate::dom::focus_main_now();
    });
}

/// One exercise: brief, checks, Check, hints, solution.
#[component]
fn ExercisePanel(ex: Shared<Exercise>, pack: Shared<Pack>, training: Training) -> impl IntoView {
    let state = use_state();
    let ex_open = ex.clone();
    let is_open = Memo::new(move |_| Training::is_open(state, &ex_open));
    let checks = ex
        .checks
        .iter()
        .map(|c| view! { <li><Rich text=c.describe(cat())/></li> })
        .collect_view();
    let asks: Vec<String> = ex.checks.iter().map(|c| c.describe(cat())).collect();
    let n_hints = ex.hints.len();
    let hints_ex = ex.clone();
    let hints = move || {
        let shown = training.hints.get().min(n_hints);
        hints_ex.hints[..shown]
            .iter()
            .map(|h| view! { <li><Rich text=h.clone()/></li> })
            .collect_view()
    };
    let (e1, e2, e3, e4, e5, e6) = (
        ex.clone(),
        ex.clone(),
        ex.clone(),
        ex.clone(),
        ex.clone(),
        ex.clone(),
    );
    let for_app = ex.answer_for_app;
    let (p1, p2, p3, p4) = (pack.clone(), pack.clone(), pack.clone(), pack.clone());
    let answer_ex = ex.id.clone();
    let ex_shared = ex.clone();
    // Followed as the link changes (an outside review: a second answer link opened
    // in the same tab, or Back, showed the first answer's grade).
    let shared_answer = use_router().param("ans");
    let start = move |_| training.start(state, &e1);
    let check = move |_| {
        training.check(state, &p1, &e2);
    };
    let graded = Memo::new(move |_| {
        training
            .graded
            .get()
            .filter(|(id, _)| *id == e3.id)
            .map(|(_, g)| g)
    });
    let passed = Memo::new(move |_| graded.with(|g| g.as_ref().is_some_and(|g| g.passed)));
    let reveal = move |_| {
        training.reveal(&p2, &e4);
        // The button disables itself: the focus goes to the solution shown.
        crate::dom::focus_revealed("#solution-title");
    };
    let solution_text = serde_json::to_string_pretty(&ex.solution.to_json()).unwrap_or_default();
    let explanation = ex.explanation.clone();
    let load_solution = move |_| training.load_solution(state, &e5);
    let has_scenario = ex.start.scope_tags.is_some();
    let router = use_router();
    let print = |key: bool| {
        if let Some(root) = document().document_element() {
            let _ = if key {
                root.class_list().add_1("print-key")
            } else {
                root.class_list().remove_1("print-key")
            };
            let _ = window().print();
            let _ = root.class_list().remove_1("print-key");
        }
    };
    let key_hints = ex
        .hints
        .iter()
        .map(|h| view! { <li><Rich text=h.clone()/></li> })
        .collect_view();
    let key_solution = serde_json::to_string_pretty(&ex.solution.to_json()).unwrap_or_default();
    let key_explanation = ex.explanation.clone();
    let data_date = cat().manifest.data_date.clone();
    let link_ex = ex.id.clone();
    let own = training.own.with_untracked(Option::is_some);
    view! {
        <article class="panel exercise" id="exercise" aria-labelledby="exercise-title" data-testid="exercise">
            <h2 id="exercise-title">{ex.title.clone()}</h2>
            <p>
                <span class="tag tag--quiet">{ex.level.as_str()}</span>
                " " <span class="muted">{crate::dom::count(ex.checks.len(), "check", "checks")}</span>
            </p>
            <p class="exercise__brief" data-testid="exercise-brief"><Rich text=ex.brief.clone()/></p>
            <h3>"What is checked"</h3>
            <ul class="exercise__checks">{checks}</ul>
            <div class="actions-bar">
                <button class="button" data-testid="training-start" on:click=start>
                    {move || if is_open.get() { "Start again from the beginning" } else { "Open this exercise" }}
                </button>
                <button class="button button--quiet" data-testid="exercise-link" on:click=move |_| copy_exercise_link(p3.clone(), Some(link_ex.clone()), own)>"Copy a link to this exercise"</button>
                <button class="button button--quiet" data-testid="presenter-start" on:click=move |_| present_from_top(router)>"Present"</button>
                <button class="button button--quiet" data-testid="print-sheet" on:click=move |_| print(false)>"Print the exercise sheet"</button>
                <button class="button button--quiet" data-testid="print-key" on:click=move |_| print(true)>"Print the answer key"</button>
            </div>
            <p class="print-only">{format!("Windows 365 Permission Explorer · data as of {data_date}")}</p>
            <Show when=move || is_open.get()>
                <p class="muted" data-testid="training-open">
                    "This exercise is open in your training workspace (its start, with your changes since). Work in "
                    <a href="#/compose">"Compose"</a>", "<a href="#/assignments">"Assignments"</a>" and "
                    <a href="#/operations">"Windows 365 operations"</a>", then press Check."
                </p>
            </Show>
            {has_scenario.then(|| view! { <Show when=move || is_open.get()><TagEditor/></Show> })}
            <div class="actions-bar">
                <button class="button" data-testid="training-check" on:click=check disabled=move || !is_open.get()>"Check"</button>
                <button
                    class="button button--quiet"
                    data-testid="training-hint"
                    disabled=move || { training.hints.get() >= n_hints }
                    on:click=move |_| {
                        training.hints.update(|h| *h = (*h + 1).min(n_hints));
                        // The last hint disables the button: the focus goes to it.
                        if training.hints.get_untracked() >= n_hints {
                            crate::dom::focus_revealed("[data-testid=training-hints] li:last-child");
                        }
                    }
                >
                    {move || {
                        let h = training.hints.get();
                        if h >= n_hints { "No more hints".to_string() } else { format!("Show a hint ({} of {n_hints})", h + 1) }
                    }}
                </button>
                <button class="button button--quiet" data-testid="training-reveal" on:click=reveal disabled=move || training.revealed.get()>"Show the solution"</button>
                <button class="button button--quiet" data-testid="answer-link" disabled=move || !is_open.get() on:click=move |_| {
                    let answer = training.answer(state, &e6).to_json().to_string();
                    copy_answer_link(p4.clone(), answer_ex.clone(), own, answer);
                }>"Copy my answer as a link"</button>
            </div>
            {move || {
                let a = shared_answer.get();
                (!a.is_empty()).then(|| view! { <SharedAnswer ex=ex_shared.clone() ans=a/> })
            }}
            <div class="exercise__live" aria-live="polite">
                {move || graded.get().map(|_| {
                    let n = state.ws.with(crate::workspace::Workspace::app_rows);
                    (n > 0 && !for_app).then(|| view! {
                        <p class="notes" data-testid="training-app-rows">{format!(
                            "{} assigned to the Windows 365 app {} not part of your answer: this exercise grades an admin's assignments, the rows assigned to “you”.",
                            crate::dom::count(n, "row", "rows"),
                            if n == 1 { "is" } else { "are" }
                        )}</p>
                    })
                })}
                {move || graded.get().map(|g| view! { <CheckResults grade=g asks=asks.clone()/> })}
            </div>
            <Show when=move || { training.hints.get() > 0 }>
                <div class="exercise__live">
                <section aria-labelledby="hints-title">
                    <h3 id="hints-title">"Hints"</h3>
                    <ol class="exercise__hints" data-testid="training-hints">{hints.clone()}</ol>
                </section>
                </div>
            </Show>
            <Show when=move || passed.get() || training.revealed.get()>
                <section class="exercise__explanation exercise__live" aria-labelledby="why-title" data-testid="training-explanation">
                    <h3 id="why-title">"Why"</h3>
                    <p><Rich text=explanation.clone()/></p>
                </section>
            </Show>
            <Show when=move || training.revealed.get()>
                <section class="exercise__live" aria-labelledby="solution-title" data-testid="training-solution">
                    <h3 id="solution-title">"A solution"</h3>
                    <pre class="exercise__solution">{solution_text.clone()}</pre>
                    <button class="button button--quiet" data-testid="training-load-solution" on:click=load_solution.clone()>"Load the solution into the training workspace"</button>
                </section>
            </Show>
            <section class="answer-key" data-testid="answer-key">
                <h3>"Answer key"</h3>
                <h4>"Hints"</h4>
                <ol>{key_hints}</ol>
                <h4>"A solution"</h4>
                <pre class="exercise__solution">{key_solution}</pre>
                <h4>"Why"</h4>
                <p><Rich text=key_explanation/></p>
            </section>
        </article>
    }
}
