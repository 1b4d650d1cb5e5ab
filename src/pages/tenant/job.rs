//! The tenant review done a slice at a time, so the page keeps answering while
//! 50,000 assignments are read and reviewed: each file is read in a task of its
//! own, then [`tenant::Reviewing`] takes steps until a slice's time is spent, and
//! the next slice is queued behind whatever the browser has to do (input, paint).
//! A newer run (or leaving the page) makes an older one stop at its next slice.
//! Once the answer is shown, what the job kept for reuse is freed in slices too.

use super::Reviewed;
use crate::state::{cat, Shared};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use w365_engine::tenant::{self, FileReading, Loaded, Loading, Reviewing};

/// Work per slice, in milliseconds: well inside a 60 Hz frame.
const SLICE_MS: f64 = 12.0;

/// What the page shows while a review runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, in a sentence.
    pub stage: String,
    /// Units done of `total` in this stage.
    pub done: usize,
    /// Units in this stage.
    pub total: usize,
    /// Whether the units are bytes (of a file being read).
    pub bytes: bool,
}

impl Progress {
    /// "1,200 of 11,357", or "12.5 of 37.2 MB".
    pub fn amount(&self) -> String {
        if self.bytes {
            let mb = |n: usize| crate::dom::tenths(n as u64, 1_048_576);
            format!("{} of {} MB", mb(self.done), mb(self.total))
        } else {
            format!(
                "{} of {}",
                crate::dom::num(self.done),
                crate::dom::num(self.total)
            )
        }
    }
}

/// The page's signals a run reports to.
#[derive(Clone, Copy)]
pub struct Sinks {
    /// The run that may go on; a run with another number stops.
    pub run: StoredValue<u64>,
    /// Progress while running, `None` when idle.
    pub progress: RwSignal<Option<Progress>>,
    /// The answer.
    pub reviewed: RwSignal<Option<Shared<Reviewed>>>,
    /// A file that could not be used.
    pub error: RwSignal<Option<String>>,
    /// Called once with the review before it is shown (resets paging).
    pub done: Callback<()>,
}

enum Work {
    Reading {
        files: Vec<(String, String)>,
        next: usize,
        loading: Box<Loading>,
        /// The file `next`, once begun.
        current: Option<FileReading>,
        /// The files that could not be used so far: every one is read, so all are
        /// named at once (an outside review: one per press of Review).
        failed: Vec<tenant::LoadError>,
    },
    Reviewing {
        loaded: Loaded,
        job: Box<Reviewing<'static>>,
    },
    /// The answer is shown; what the job kept for reuse is freed in slices.
    Shedding(Box<Reviewing<'static>>),
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Start reviewing `files`; any run still going stops.
pub fn start(files: Vec<(String, String)>, sinks: Sinks) {
    let Some(run) = sinks.run.try_update_value(|r| {
        *r += 1;
        *r
    }) else {
        return;
    };
    sinks.error.set(None);
    let total = files.len();
    sinks.progress.set(Some(Progress {
        stage: reading_stage(&files, 0),
        done: 0,
        total,
        bytes: false,
    }));
    // Let the progress paint before the first slice.
    queue(
        Work::Reading {
            files,
            next: 0,
            loading: Box::default(),
            current: None,
            failed: Vec::new(),
        },
        run,
        sinks,
    );
}

/// Stop the run going on, if any.
pub fn stop(sinks: Sinks) {
    sinks.run.try_update_value(|r| *r += 1);
    sinks.progress.try_set(None);
}

fn reading_stage(files: &[(String, String)], next: usize) -> String {
    match files.get(next) {
        Some((name, _)) => format!("Reading `{name}`, file {} of {}", next + 1, files.len()),
        None => "Checking the role definitions".into(),
    }
}

fn queue(work: Work, run: u64, sinks: Sinks) {
    set_timeout(move || slice(work, run, sinks), Duration::ZERO);
}

fn slice(work: Work, run: u64, sinks: Sinks) {
    if sinks.run.try_get_value() != Some(run) && !matches!(work, Work::Shedding(_)) {
        return; // a newer run, or the page is gone
    }
    let started = now();
    match work {
        Work::Reading {
            files,
            mut next,
            mut loading,
            mut current,
            mut failed,
        } => {
            // Files, and elements of a file's array, until the slice is spent.
            while let Some((name, text)) = files.get(next) {
                let reading = match current.as_mut() {
                    Some(r) => r,
                    None => match loading.begin(cat(), name, text) {
                        Ok(r) => current.insert(r),
                        Err(e) => {
                            failed.push(e);
                            next += 1;
                            continue;
                        }
                    },
                };
                match loading.read(cat(), reading, text, 64) {
                    Ok(true) => {
                        current = None;
                        next += 1;
                    }
                    Ok(false) => {}
                    Err(e) => {
                        failed.push(e);
                        current = None;
                        next += 1;
                    }
                }
                if now() - started >= SLICE_MS {
                    let (done, total, bytes) = match current.as_ref().and_then(FileReading::offset)
                    {
                        Some(at) => (at, text.len(), true),
                        None => (next, files.len(), false),
                    };
                    sinks.progress.try_set(Some(Progress {
                        stage: reading_stage(&files, next),
                        done,
                        total,
                        bytes,
                    }));
                    return queue(
                        Work::Reading {
                            files,
                            next,
                            loading,
                            current,
                            failed,
                        },
                        run,
                        sinks,
                    );
                }
            }
            drop(files);
            if !failed.is_empty() {
                return fail(failed, sinks);
            }
            match (*loading).finish(cat()) {
                Ok(mut loaded) => {
                    // As of the browser's clock: a PIM eligibility that ended is
                    // marked so.
                    loaded.as_of = js_sys::Date::new_0().to_iso_string().as_string();
                    let job = Box::new(Reviewing::new(cat(), &loaded));
                    report(&job, &loaded, sinks);
                    queue(Work::Reviewing { loaded, job }, run, sinks);
                }
                Err(e) => fail(vec![e], sinks),
            }
        }
        Work::Reviewing { loaded, mut job } => {
            let mut finished = false;
            while now() - started < SLICE_MS {
                if job.step(&loaded, 1) {
                    finished = true;
                    break;
                }
            }
            if !finished {
                report(&job, &loaded, sinks);
                return queue(Work::Reviewing { loaded, job }, run, sinks);
            }
            let review = job.finish(&loaded);
            // Shown in a task of its own: rendering the summary and the first rows
            // is work too.
            set_timeout(
                move || {
                    if sinks.run.try_get_value() == Some(run) {
                        sinks.progress.try_set(None);
                        sinks.done.run(());
                        sinks
                            .reviewed
                            .try_set(Some(Shared(Arc::new(Reviewed { loaded, review }))));
                    }
                    queue(Work::Shedding(job), run, sinks);
                },
                Duration::ZERO,
            );
        }
        Work::Shedding(mut job) => {
            while now() - started < SLICE_MS {
                if job.shed(64) {
                    return; // the rest is small: dropped here
                }
            }
            queue(Work::Shedding(job), run, sinks);
        }
    }
}

fn report(job: &Reviewing<'static>, loaded: &Loaded, sinks: Sinks) {
    let p = job.progress(loaded);
    let mut stage = p.stage.to_string();
    if let Some(first) = stage.get(..1) {
        stage = first.to_uppercase() + stage.get(1..).unwrap_or("");
    }
    sinks.progress.try_set(Some(Progress {
        stage,
        done: p.done,
        total: p.total,
        bytes: false,
    }));
}

fn fail(failed: Vec<tenant::LoadError>, sinks: Sinks) {
    sinks.progress.try_set(None);
    sinks.reviewed.try_set(None);
    let each: Vec<String> = failed
        .iter()
        .map(|e| {
            let why = e.error.to_string();
            let stop = if why.ends_with('.') { "" } else { "." };
            format!("`{}` could not be used: {why}{stop}", e.file)
        })
        .collect();
    sinks.error.try_set(Some(format!(
        "{} Nothing was reviewed; the files are still here — remove or replace {} and review again.",
        each.join(" "),
        if failed.len() == 1 { "that one" } else { "those" }
    )));
}
