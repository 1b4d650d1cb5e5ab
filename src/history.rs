//! This tab's undo and redo: the changes a notice announced, newest last, each
//! kept as its exact inverse [`Edit`] and the workspace it was made in. The notice
//! offers the newest; Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) go further back and
//! forth. Undoing a change makes it redoable, and redoing it undoable again; a new
//! change ends what could be redone, as in an editor.
//!
//! The steps live in the tab (a reload starts afresh); what a deletion took stays
//! in the saved trash regardless.

use crate::state::Mode;
use crate::workspace::Edit;

/// How many changes can be undone, newest first.
pub const DEPTH: usize = 50;

/// One change: what the notice said, where it was made, the edit that takes it
/// back (on the undo side) or makes it again (on the redo side).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The notice's text when the change was made.
    pub text: String,
    /// The workspace it was made in.
    pub mode: Mode,
    /// Its inverse (undo side) or the change itself (redo side).
    pub edit: Edit,
}

/// A closed workspace's steps, oldest first, kept with it by the notice that can
/// open it again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parked {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// The two stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// A new change: undoable, and nothing undone before it can be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        push(&mut self.undo, step);
    }

    /// The change Undo takes back next.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The change Redo makes again next.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// Take out the undo step with this inverse (the newest such), to undo it.
    pub fn take_undo(&mut self, edit: &Edit) -> Option<Step> {
        take(&mut self.undo, edit)
    }

    /// Take out the redo step with this edit (the newest such), to redo it.
    pub fn take_redo(&mut self, edit: &Edit) -> Option<Step> {
        take(&mut self.redo, edit)
    }

    /// A change undone: `redo` makes it again.
    pub fn undone(&mut self, step: Step) {
        push(&mut self.redo, step);
    }

    /// A shared link or exercise closed, or another opened in its place: its
    /// steps leave the history, as its workspace left the screen (an outside
    /// review: an exercise's Undo was made on the next exercise opened, and Ctrl+Z
    /// stuck on a closed one's step hid the saved work's); the saved work's stay.
    /// They are returned, to go with the workspace when the notice keeps it for
    /// opening again ([`History::unpark`]).
    pub fn park(&mut self) -> Parked {
        Parked {
            undo: not_saved(&mut self.undo),
            redo: not_saved(&mut self.redo),
        }
    }

    /// A closed link's or exercise's workspace opened again: its steps come back
    /// as the newest, so Ctrl+Z there takes back its own changes first (an
    /// outside review: after reopening an answer, its changes could not be undone).
    pub fn unpark(&mut self, parked: Parked) {
        for step in parked.undo {
            push(&mut self.undo, step);
        }
        for step in parked.redo {
            push(&mut self.redo, step);
        }
    }

    /// A change redone: `undo` takes it back again (what else was undone stays
    /// redoable).
    pub fn redone(&mut self, step: Step) {
        push(&mut self.undo, step);
    }
}

fn push(stack: &mut Vec<Step>, step: Step) {
    stack.push(step);
    if stack.len() > DEPTH {
        stack.remove(0);
    }
}

/// Take out of `stack` the steps of a workspace other than the saved work, in order.
fn not_saved(stack: &mut Vec<Step>) -> Vec<Step> {
    let (out, keep) = std::mem::take(stack)
        .into_iter()
        .partition(|s| s.mode != Mode::Saved);
    *stack = keep;
    out
}

fn take(stack: &mut Vec<Step>, edit: &Edit) -> Option<Step> {
    let i = stack.iter().rposition(|s| s.edit == *edit)?;
    Some(stack.remove(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(n: usize) -> Step {
        Step {
            text: format!("change {n}"),
            mode: Mode::Saved,
            edit: Edit::RemoveRole(format!("r{n}")),
        }
    }

    #[test]
    fn undo_goes_back_newest_first_and_redo_forth() {
        let mut h = History::default();
        h.record(step(1));
        h.record(step(2));
        let two = h.next_undo().cloned();
        assert_eq!(two.as_ref().map(|s| s.text.as_str()), Some("change 2"));
        let two = two.and_then(|s| h.take_undo(&s.edit));
        assert_eq!(h.next_undo().map(|s| s.text.as_str()), Some("change 1"));
        if let Some(s) = two {
            h.undone(s);
        }
        assert_eq!(h.next_redo().map(|s| s.text.as_str()), Some("change 2"));
        let again = h.take_redo(&Edit::RemoveRole("r2".into()));
        assert!(again.is_some());
        if let Some(s) = again {
            h.redone(s);
        }
        assert_eq!(h.next_undo().map(|s| s.text.as_str()), Some("change 2"));
        assert!(h.next_redo().is_none());
    }

    #[test]
    fn a_new_change_ends_what_could_be_redone() {
        let mut h = History::default();
        h.record(step(1));
        if let Some(s) = h.take_undo(&Edit::RemoveRole("r1".into())) {
            h.undone(s);
        }
        assert!(h.next_redo().is_some());
        h.record(step(2));
        assert!(h.next_redo().is_none());
        assert!(h.take_redo(&Edit::RemoveRole("r1".into())).is_none());
    }

    #[test]
    fn only_the_newest_steps_are_kept() {
        let mut h = History::default();
        for n in 0..DEPTH + 5 {
            h.record(step(n));
        }
        assert!(h.take_undo(&Edit::RemoveRole("r4".into())).is_none());
        assert!(h.take_undo(&Edit::RemoveRole("r5".into())).is_some());
        let mut left = 0;
        while let Some(s) = h.next_undo().cloned() {
            h.take_undo(&s.edit);
            left += 1;
        }
        assert_eq!(left, DEPTH - 1);
    }

    #[test]
    fn a_closed_workspaces_steps_go_and_the_saved_works_stay() {
        let mut h = History::default();
        h.record(step(1));
        h.record(Step {
            text: "in a link".into(),
            mode: Mode::Link {
                summary: "1 role".into(),
            },
            edit: Edit::RemoveRole("l".into()),
        });
        let parked = h.park();
        assert_eq!(h.next_undo().map(|s| s.text.as_str()), Some("change 1"));
        assert!(h.take_undo(&Edit::RemoveRole("l".into())).is_none());
        // Opened again, the link's step is the newest once more.
        h.record(step(2));
        h.unpark(parked);
        assert_eq!(h.next_undo().map(|s| s.text.as_str()), Some("in a link"));
        assert!(h.take_undo(&Edit::RemoveRole("l".into())).is_some());
        assert_eq!(h.next_undo().map(|s| s.text.as_str()), Some("change 2"));
    }

    #[test]
    fn an_edit_no_step_holds_takes_nothing() {
        let mut h = History::default();
        h.record(step(1));
        assert!(h.take_undo(&Edit::RemoveRole("elsewhere".into())).is_none());
        assert!(h.next_undo().is_some());
    }
}
