//! Where a view opens scrolled. A followed link opens its view at the top (a
//! re-check review: a link followed from a scrolled page opened the new view as far
//! down); Back and Forward return to where the view was left. The browser cannot do
//! that for this page: it restores the position when the history entry changes,
//! before the view it belongs to is drawn, so the shorter view still shown clips it
//! (Back to a scrolled start page opened at its top).

use crate::route::{Route, View};
use leptos::prelude::*;

/// The state of every history entry this page has shown: a `popstate` to an
/// entry with it is Back or Forward, one without it a new entry (a link, an
/// address typed: browsers fire `popstate` for those too).
pub const ENTRY_MARK: wasm_bindgen::JsValue = wasm_bindgen::JsValue::TRUE;

/// Mark the entry shown (its address kept).
fn mark_entry() {
    if let Ok(h) = window().history() {
        if h.state().map_or(true, |s| s.is_null() || s.is_undefined()) {
            let _ = h.replace_state(&ENTRY_MARK, "");
        }
    }
}

/// How many views keep their position (the oldest is forgotten first).
const VIEWS_KEPT: usize = 50;
/// How many frames a restored position waits for the view to grow tall enough.
const FRAMES: u32 = 60;

/// How a view that is about to be shown is scrolled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Opening {
    /// At the top: a link was followed to it.
    Top,
    /// Where it was left: Back or Forward returned to it.
    Restore(f64),
    /// As it is (a view opened by the app, which scrolls it itself if need be).
    Keep,
}

/// The positions views were left at, and how the next view was reached.
#[derive(Clone, Copy)]
pub struct ScrollMemory {
    positions: StoredValue<Vec<(View, f64)>>,
    shown: StoredValue<Option<View>>,
    /// The view a clicked link names: a link that changes only the parameters of
    /// the view shown leaves the next change of view (Back, say) alone.
    followed: StoredValue<Option<View>>,
    /// The view a history traversal (Back, Forward) shows.
    traversed: StoredValue<Option<View>>,
}

impl ScrollMemory {
    /// Follow clicks on links, history traversals and scrolling, for the page's life.
    pub fn install() -> ScrollMemory {
        let memory = ScrollMemory {
            positions: StoredValue::new(Vec::new()),
            shown: StoredValue::new(None),
            followed: StoredValue::new(None),
            traversed: StoredValue::new(None),
        };
        let clicks = window_event_listener(leptos::ev::click, move |ev| {
            let target = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .and_then(|e| e.closest("a[href^='#/']").ok().flatten())
                .and_then(|a| a.get_attribute("href"))
                .map(|href| Route::parse(&href).view);
            memory.followed.set_value(target);
        });
        mark_entry();
        let traversals = window_event_listener(leptos::ev::popstate, move |ev| {
            let state = ev.state();
            if state.is_null() || state.is_undefined() {
                mark_entry();
                memory.traversed.set_value(None);
            } else {
                let hash = window().location().hash().unwrap_or_default();
                memory.traversed.set_value(Some(Route::parse(&hash).view));
            }
        });
        let scrolls = window_event_listener(leptos::ev::scroll, move |_| {
            if let Some(view) = memory.shown.get_value() {
                memory.remember(view, window().scroll_y().unwrap_or(0.0));
            }
        });
        on_cleanup(move || {
            clicks.remove();
            traversals.remove();
            scrolls.remove();
        });
        memory
    }

    fn remember(&self, view: View, y: f64) {
        self.positions.update_value(|p| {
            p.retain(|(v, _)| *v != view);
            if p.len() >= VIEWS_KEPT {
                p.remove(0);
            }
            p.push((view, y));
        });
    }

    /// `view` is about to be shown: how to scroll it. Read before it is drawn, as
    /// drawing it may clip the position the view shown before was scrolled to.
    pub fn entering(&self, view: &View) -> Opening {
        let followed = self.followed.get_value();
        let traversed = self.traversed.get_value();
        self.followed.set_value(None);
        self.traversed.set_value(None);
        // The position the view left is at, read now rather than from its last
        // scroll event, which a click in the frame that scrolled comes before
        // (its Back then restored the position before). Not on Back or Forward:
        // the browser has already moved the page to the entry's own position.
        if traversed.as_ref() != Some(view) {
            if let Some(left) = self.shown.get_value() {
                self.remember(left, window().scroll_y().unwrap_or(0.0));
            }
        }
        self.shown.set_value(Some(view.clone()));
        if followed.as_ref() == Some(view) {
            Opening::Top
        } else if traversed.as_ref() == Some(view) {
            let y = self
                .positions
                .with_value(|p| p.iter().find(|(v, _)| v == view).map_or(0.0, |(_, y)| *y));
            Opening::Restore(y)
        } else {
            Opening::Keep
        }
    }
}

/// Scroll to `y` once the view drawn is tall enough: parts of a view are drawn a
/// frame or more after it opens, so this tries again for a few frames.
pub fn restore(y: f64) {
    settle(y, FRAMES);
}

fn settle(y: f64, frames: u32) {
    request_animation_frame(move || {
        window().scroll_to_with_x_and_y(0.0, y);
        let at = window().scroll_y().unwrap_or(y);
        if (at - y).abs() > 1.0 && frames > 0 {
            settle(y, frames - 1);
        }
    });
}
