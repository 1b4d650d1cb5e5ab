//! A derived value that reaches the slow parts of a view a task or two later when
//! it is large, so one change to a large input (an imported role of thousands of
//! patterns) is several short tasks (save and draw the form, then check it, then
//! expand and export it) instead of one long one, and the page paints between
//! them. Small values pass through at once, in the same task, as a plain memo.
//! [`in_tasks`] runs a sequence of steps a task each (the app's start).

use leptos::prelude::*;
use std::collections::VecDeque;
use std::time::Duration;

/// `source`, passed on at once when `large` says no; otherwise after `ticks` further
/// tasks, `None` meanwhile (the view says it is working). A newer value replaces one
/// still on its way.
pub fn later<T>(source: Memo<T>, large: fn(&T) -> bool, ticks: u32) -> Memo<Option<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let arrived: RwSignal<Option<T>> = RwSignal::new(None);
    Effect::new(move |_| {
        source.with(|v| {
            if large(v) && arrived.with_untracked(|a| a.as_ref() != Some(v)) {
                wait(ticks, move || {
                    // Only the value the source still holds arrives.
                    if let Some(v) = source.try_get_untracked() {
                        if arrived.try_with_untracked(|a| a.as_ref() != Some(&v)) == Some(true) {
                            arrived.try_set(Some(v));
                        }
                    }
                });
            }
        })
    });
    Memo::new(move |_| {
        source.with(|v| {
            if !large(v) || arrived.with(|a| a.as_ref() == Some(v)) {
                Some(v.clone())
            } else {
                None
            }
        })
    })
}

/// A flag that turns true in the task after the next frame: a page draws its first
/// screen, the browser paints it, then the page draws what lies below (a broad
/// role's page shows its name, counts and risks before it builds its lists).
pub fn after_paint() -> Signal<bool> {
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(
            move || {
                painted.try_set(true);
            },
            Duration::ZERO,
        );
    });
    painted.into()
}

/// Run each step in a task of its own (a zero-delay timeout), in order.
pub fn in_tasks(mut steps: VecDeque<Box<dyn FnOnce()>>) {
    if let Some(step) = steps.pop_front() {
        set_timeout(
            move || {
                step();
                in_tasks(steps);
            },
            Duration::ZERO,
        );
    }
}

/// Run `f` after `ticks` tasks (each a zero-delay timeout).
fn wait(ticks: u32, f: impl FnOnce() + 'static) {
    if ticks == 0 {
        f();
    } else {
        set_timeout(move || wait(ticks - 1, f), Duration::ZERO);
    }
}

/// A job done a slice per task: `step` does one slice of `work` and returns the
/// result once there is no more; `finish` gets it. The job stops, unfinished, as
/// soon as `current` says a newer input replaced it. The first slice runs a task
/// from now.
pub fn in_slices<S, R>(
    work: S,
    step: impl FnMut(&mut S) -> Option<R> + 'static,
    current: impl Fn() -> bool + 'static,
    finish: impl FnOnce(R) + 'static,
) where
    S: 'static,
    R: 'static,
{
    struct Job<S, St, C, F> {
        work: S,
        step: St,
        current: C,
        finish: F,
    }
    fn next<S, R, St, C, F>(mut job: Job<S, St, C, F>)
    where
        S: 'static,
        R: 'static,
        St: FnMut(&mut S) -> Option<R> + 'static,
        C: Fn() -> bool + 'static,
        F: FnOnce(R) + 'static,
    {
        set_timeout(
            move || {
                if !(job.current)() {
                    return;
                }
                match (job.step)(&mut job.work) {
                    Some(r) => (job.finish)(r),
                    None => next(job),
                }
            },
            Duration::ZERO,
        );
    }
    next(Job {
        work,
        step,
        current,
        finish,
    });
}
