//! A report computed when asked for (a download, the print, the preview) and
//! then a slice at a time ([`w365_engine::report::Designing`],
//! [`w365_engine::report::TenantReporting`]), so the page keeps answering: the
//! design report of 3,000 saved roles held it for 800 ms in one task, the report
//! of a 50,000-assignment tenant about as long. What asked waits for the report;
//! a change to what it is of (the workspace, the review) starts it again.

use super::job::Progress;
use super::Reviewed;
use crate::state::{cat, Mode, Shared};
use crate::workspace::Workspace;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use w365_engine::report::{Designing, Report, TenantReporting};

/// Work per slice, in milliseconds: well inside a 60 Hz frame.
const SLICE_MS: f64 = 12.0;

/// What a report is wanted for once it is ready.
type Then = Callback<Shared<Report>>;

/// What a report is of.
#[derive(Clone, Copy)]
pub enum Of {
    /// The workspace's custom roles and assignments, and which workspace it is.
    Design(RwSignal<Workspace>, RwSignal<Mode>),
    /// The tenant reviewed, once there is one.
    Tenant(RwSignal<Option<Shared<Reviewed>>>),
}

/// A report being computed.
enum Work {
    Design(Box<Designing<'static>>),
    Tenant(Shared<Reviewed>, Box<TenantReporting<'static>>),
}

impl Work {
    fn step(&mut self) -> bool {
        match self {
            Work::Design(job) => job.step(1),
            Work::Tenant(r, job) => job.step(&r.0.loaded, &r.0.review, 1),
        }
    }

    fn progress(&self) -> w365_engine::tenant::Progress {
        match self {
            Work::Design(job) => job.progress(),
            Work::Tenant(r, job) => job.progress(&r.0.loaded, &r.0.review),
        }
    }

    fn finish(self) -> Report {
        match self {
            Work::Design(job) => job.finish(),
            Work::Tenant(r, job) => job.finish(&r.0.loaded, &r.0.review),
        }
    }
}

/// A report of the page: none until asked for.
#[derive(Clone, Copy)]
pub struct ReportJob {
    /// The report of what it is of as it is now, or why there is none.
    pub report: RwSignal<Option<Result<Shared<Report>, String>>>,
    /// While it is computed: how far.
    pub progress: RwSignal<Option<Progress>>,
    /// The run that may go on; a run with another number stops.
    run: StoredValue<u64>,
    /// What waits for the report.
    waiting: StoredValue<Vec<Then>>,
    of: Of,
}

impl ReportJob {
    /// The report of `of`; it is forgotten (and computed again, if something
    /// waits for it) when `of` changes.
    pub fn new(of: Of) -> Self {
        let j = ReportJob {
            report: RwSignal::new(None),
            progress: RwSignal::new(None),
            run: StoredValue::new(0),
            waiting: StoredValue::new(Vec::new()),
            of,
        };
        Effect::new(move |first: Option<()>| {
            match of {
                Of::Design(ws, mode) => {
                    ws.track();
                    mode.track();
                }
                Of::Tenant(reviewed) => reviewed.track(),
            }
            if first.is_some() {
                j.report.set(None);
                if j.progress.get_untracked().is_some() {
                    j.start();
                }
            }
        });
        on_cleanup(move || {
            j.run.try_update_value(|r| *r += 1);
        });
        j
    }

    /// Call `then` with the report once it is ready; when it cannot be made,
    /// `then` is not called and [`ReportJob::report`] says why.
    pub fn ask(&self, then: Option<Then>) {
        match self.report.get_untracked() {
            Some(Ok(r)) => {
                if let Some(t) = then {
                    t.run(r);
                }
            }
            Some(Err(_)) => {}
            None => {
                if let Some(t) = then {
                    self.waiting.update_value(|w| w.push(t));
                }
                if self.progress.get_untracked().is_none() {
                    self.start();
                }
            }
        }
    }

    fn start(&self) {
        let Some(run) = self.run.try_update_value(|r| {
            *r += 1;
            *r
        }) else {
            return;
        };
        let stage = match self.of {
            Of::Design(..) => "reading the roles and assignments",
            Of::Tenant(_) => "reading the review",
        };
        self.progress.set(Some(Progress {
            stage: stage.into(),
            done: 0,
            total: 1,
            bytes: false,
        }));
        let j = *self;
        // Begun in a task of its own once the progress has painted.
        set_timeout(
            move || {
                if j.run.try_get_value() != Some(run) {
                    return;
                }
                let work = match j.of {
                    Of::Design(ws, mode) => {
                        let Some(text) = ws.try_with_untracked(super::design_request) else {
                            return;
                        };
                        let Some(source) = mode.try_with_untracked(crate::state::design_source)
                        else {
                            return;
                        };
                        let mut inputs = vec![source];
                        if let Some(renamed) = ws.try_with_untracked(super::report_names) {
                            inputs.extend(renamed.into_iter().map(|(_, why, new)| {
                                format!("a saved custom role's name cannot be reported as it is ({why}; rename it in Compose): this report calls it “{new}”")
                            }));
                        }
                        match w365_engine::request::parse(cat(), &text) {
                            Ok(req) => Work::Design(Box::new(Designing::new(cat(), req, &inputs))),
                            Err(e) => return j.fail(e.to_string()),
                        }
                    }
                    Of::Tenant(reviewed) => match reviewed.try_get_untracked().flatten() {
                        Some(r) => {
                            let job = Box::new(TenantReporting::new(cat(), &r.0.loaded));
                            Work::Tenant(r, job)
                        }
                        None => {
                            return j
                                .fail("There is no review yet: review the exports first.".into())
                        }
                    },
                };
                j.slice(work, run);
            },
            Duration::ZERO,
        );
    }

    fn slice(self, mut work: Work, run: u64) {
        let j = self;
        set_timeout(
            move || {
                if j.run.try_get_value() != Some(run) {
                    return;
                }
                let started = js_sys::Date::now();
                let mut done = false;
                while js_sys::Date::now() - started < SLICE_MS {
                    if work.step() {
                        done = true;
                        break;
                    }
                }
                if !done {
                    let p = work.progress();
                    j.progress.try_set(Some(Progress {
                        stage: p.stage.to_string(),
                        done: p.done,
                        total: p.total,
                        bytes: false,
                    }));
                    return j.slice(work, run);
                }
                // Put together in a task of its own, then handed to what waits.
                set_timeout(
                    move || {
                        if j.run.try_get_value() != Some(run) {
                            return;
                        }
                        let report = Shared(Arc::new(work.finish()));
                        j.progress.try_set(None);
                        j.report.try_set(Some(Ok(report.clone())));
                        let waiting = j
                            .waiting
                            .try_update_value(std::mem::take)
                            .unwrap_or_default();
                        for t in waiting {
                            let r = report.clone();
                            // Each in a task of its own: writing a report is work too.
                            set_timeout(move || t.run(r), Duration::ZERO);
                        }
                    },
                    Duration::ZERO,
                );
            },
            Duration::ZERO,
        );
    }

    fn fail(&self, why: String) {
        self.progress.try_set(None);
        self.waiting.try_update_value(|w| w.clear());
        self.report.try_set(Some(Err(why)));
    }
}
