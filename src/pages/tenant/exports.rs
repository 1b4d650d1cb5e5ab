//! The tenant exports read so far: a list of (name, text) in the order added,
//! kept in this tab only (never saved, never uploaded). Adding, replacing,
//! removing and clearing, each saying what it did; what a change takes out is
//! kept for Undo, since nothing else holds it.

/// The exports, in the order added: (name, text).
pub(super) type Files = Vec<(String, String)>;

/// Add an export read from a file named `name`, and say what was done. Two files
/// of one name (the same export taken from two subscriptions' folders) are both
/// kept, the second under a numbered name: one replacing the other dropped its
/// principals from the review without a word (an outside review). The same text
/// again, under any name, is not added twice. Returns what to say and, for a
/// numbered copy, its name (the copy [`replace_export`] can put in the first's place).
pub(super) fn add_export(files: &mut Files, name: &str, text: String) -> (String, Option<String>) {
    if let Some(same) = same_text(files, &text) {
        let said = if same == name {
            format!("`{name}` is already among the exports, with the same text: not added again.")
        } else {
            format!("`{name}` has the same text as `{same}`, already among the exports: not added again.")
        };
        return (said, None);
    }
    let numbered = free_name(files, name);
    files.push((numbered.clone(), text));
    if numbered == name {
        return (format!("Added `{name}`."), None);
    }
    (
        format!("Added `{numbered}`: an export named `{name}` is already there, with other text, and the new one is kept beside it. If this one is a newer copy of the same export, replace `{name}` with it, or the review counts both."),
        Some(numbered),
    )
}

/// Put the text of the export named `copy` in the place of the one named
/// `original` (its position kept: the report lists exports in order) and drop the
/// copy. Returns what to say and what was taken, for Undo; `None` when either is
/// no longer there.
pub(super) fn replace_export(
    files: &mut Files,
    original: &str,
    copy: &str,
) -> Option<(String, Taken)> {
    let from = files.iter().position(|(n, _)| n == copy)?;
    let to = files.iter().position(|(n, _)| n == original)?;
    let (_, text) = files.remove(from);
    let at = if from < to { to - 1 } else { to };
    let old = std::mem::replace(&mut files.get_mut(at)?.1, text);
    Some((
        format!("Replaced `{original}` with the newer copy: the review counts it once."),
        Taken::Replaced {
            original: original.to_string(),
            text: old,
            copy: copy.to_string(),
            copy_at: from,
        },
    ))
}

/// Remove the export named `name`; what to say and what was taken, for Undo.
pub(super) fn remove_export(files: &mut Files, name: &str) -> Option<(String, Taken)> {
    let at = files.iter().position(|(n, _)| n == name)?;
    let (name, text) = files.remove(at);
    Some((
        format!("Removed `{name}`."),
        Taken::Removed { at, name, text },
    ))
}

/// Put `with` in the place of every export (an empty list clears them); what was
/// there is taken, for Undo (with how many were taken). Moved, not copied: the
/// texts may be megabytes.
pub(super) fn take_all(files: &mut Files, with: Files) -> (usize, Taken) {
    let put = with.iter().map(|(n, _)| n.clone()).collect();
    let before = std::mem::replace(files, with);
    (before.len(), Taken::All { before, put })
}

/// What a removal, a replacement, a clear or the sample tenant took out of the
/// list of exports (which is never saved: nothing else keeps it), so that Undo
/// puts it back as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Taken {
    /// One export, removed from position `at`.
    Removed {
        at: usize,
        name: String,
        text: String,
    },
    /// The text `original` had before its numbered copy, once at `copy_at`, took
    /// its place.
    Replaced {
        original: String,
        text: String,
        copy: String,
        copy_at: usize,
    },
    /// The whole list, cleared or replaced by the sample tenant (the names `put`
    /// in its place, which Undo takes away).
    All { before: Files, put: Vec<String> },
}

impl Taken {
    /// Put back what was taken; what to say. Undo is offered only while the
    /// message of the change is the one shown, so the list is as the change left
    /// it; if not, nothing is lost: an export whose name is taken again is kept
    /// under a numbered name, as a file added twice is.
    pub(super) fn restore(self, files: &mut Files) -> String {
        match self {
            Taken::Removed { at, name, text } => {
                let name = free_name(files, &name);
                files.insert(at.min(files.len()), (name.clone(), text));
                format!("Put `{name}` back.")
            }
            Taken::Replaced {
                original,
                text,
                copy,
                copy_at,
            } => {
                let newer = match files.iter().position(|(n, _)| *n == original) {
                    Some(at) => std::mem::replace(&mut files[at].1, text),
                    None => {
                        files.push((original.clone(), text));
                        return format!("Put `{original}` back.");
                    }
                };
                let copy = free_name(files, &copy);
                files.insert(copy_at.min(files.len()), (copy.clone(), newer));
                format!("Put `{original}` back as it was, and its newer copy back as `{copy}`.")
            }
            Taken::All { before, put } => {
                let n = before.len();
                let now = std::mem::replace(files, before);
                // Anything added since stays too (after what comes back).
                for (name, text) in now.into_iter().filter(|(n, _)| !put.contains(n)) {
                    if same_text(files, &text).is_none() {
                        let name = free_name(files, &name);
                        files.push((name, text));
                    }
                }
                format!("Put back {}.", crate::dom::count(n, "export", "exports"))
            }
        }
    }
}

/// `name`, or a numbered form of it no export has.
fn free_name(files: &[(String, String)], name: &str) -> String {
    if !files.iter().any(|(n, _)| n == name) {
        return name.to_string();
    }
    (2..)
        .map(|k| format!("{name} ({k})"))
        .find(|n| !files.iter().any(|(x, _)| x == n))
        .unwrap_or_default()
}

/// A numbered copy that can replace an earlier export: (what was said when it was
/// added, the copy's name, the earlier export's name). Offered while that message
/// is the one shown.
pub(super) type Offer = Option<(String, String, String)>;

/// Each export's name, size and a hash of its text: what a review read.
pub(super) fn fingerprints(files: &[(String, String)]) -> Vec<(String, usize, u64)> {
    files
        .iter()
        .map(|(n, t)| {
            // FNV-1a: cheap, and enough to tell a changed export from the same one.
            let h = t.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            (n.clone(), t.len(), h)
        })
        .collect()
}

/// The name of the export that holds exactly `text`, if one does.
pub(super) fn same_text(files: &[(String, String)], text: &str) -> Option<String> {
    files
        .iter()
        .find(|(_, t)| t == text)
        .map(|(n, _)| n.clone())
}

/// A name for pasted text that no export has: `pasted text N`.
pub(super) fn paste_name(files: &[(String, String)]) -> String {
    (files.len() + 1..)
        .map(|k| format!("pasted text {k}"))
        .find(|n| !files.iter().any(|(x, _)| x == n))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_exports_of_one_name_are_both_kept_and_the_same_one_once() {
        let mut files = Vec::new();
        assert_eq!(
            add_export(&mut files, "a.json", "1".into()),
            ("Added `a.json`.".to_string(), None)
        );
        let (said, copy) = add_export(&mut files, "a.json", "2".into());
        assert!(
            said.starts_with("Added `a.json (2)`: an export named `a.json`"),
            "{said}"
        );
        assert_eq!(copy.as_deref(), Some("a.json (2)"));
        let (said, copy) = add_export(&mut files, "a.json", "2".into());
        assert!(said.contains("the same text as `a.json (2)`"));
        assert_eq!(copy, None);
        assert!(add_export(&mut files, "a.json", "1".into())
            .0
            .contains("already among"));
        assert_eq!(
            add_export(&mut files, "a.json", "3".into())
                .0
                .split(':')
                .next(),
            Some("Added `a.json (3)`")
        );
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.json", "a.json (2)", "a.json (3)"]);
        // The newest copy takes the first's place (its position kept) once.
        files.insert(1, ("b.json".into(), "b".into()));
        assert!(replace_export(&mut files, "a.json", "a.json (3)").is_some());
        assert_eq!(
            files,
            [
                ("a.json".to_string(), "3".to_string()),
                ("b.json".into(), "b".into()),
                ("a.json (2)".into(), "2".into())
            ]
        );
        assert_eq!(replace_export(&mut files, "a.json", "a.json (3)"), None);
        // Pasted text after a removal: a name no export has.
        let mut pasted = vec![
            ("pasted text 1".to_string(), String::new()),
            ("pasted text 3".to_string(), String::new()),
        ];
        assert_eq!(paste_name(&pasted), "pasted text 4");
        pasted.remove(0);
        assert_eq!(paste_name(&pasted), "pasted text 2");
    }

    /// Every way an export leaves the list can be undone, the list coming back
    /// exactly as it was (an outside review: Replace, Remove, Clear and the sample
    /// tenant dropped exports that exist nowhere else, with no way back).
    #[test]
    fn each_change_is_undone_exactly() {
        let start: Files = vec![
            ("a.json".into(), "1".into()),
            ("b.json".into(), "b".into()),
            ("a.json (2)".into(), "2".into()),
        ];
        let mut files = start.clone();
        let (said, taken) = remove_export(&mut files, "b.json").unwrap();
        assert_eq!(said, "Removed `b.json`.");
        assert_eq!(files.len(), 2);
        assert_eq!(taken.restore(&mut files), "Put `b.json` back.");
        assert_eq!(files, start);

        let (_, taken) = replace_export(&mut files, "a.json", "a.json (2)").unwrap();
        assert_eq!(
            files,
            [
                ("a.json".to_string(), "2".to_string()),
                ("b.json".into(), "b".into())
            ]
        );
        taken.restore(&mut files);
        assert_eq!(files, start);
        // The copy before the original.
        let mut other: Files = vec![("x (2)".into(), "new".into()), ("x".into(), "old".into())];
        let (_, taken) = replace_export(&mut other, "x", "x (2)").unwrap();
        assert_eq!(other, [("x".to_string(), "new".to_string())]);
        taken.restore(&mut other);
        assert_eq!(
            other,
            [
                ("x (2)".to_string(), "new".to_string()),
                ("x".into(), "old".into())
            ]
        );

        let (n, taken) = take_all(&mut files, Vec::new());
        assert!(files.is_empty());
        assert_eq!(n, 3);
        assert_eq!(taken.restore(&mut files), "Put back 3 exports.");
        assert_eq!(files, start);

        // The sample tenant in their place, then Undo: the user's exports only.
        let (_, taken) = take_all(&mut files, vec![("sample.json".into(), "s".into())]);
        taken.restore(&mut files);
        assert_eq!(files, start);

        // Added since the change: kept, under a free name, after what came back.
        let (_, taken) = remove_export(&mut files, "b.json").unwrap();
        files.push(("b.json".into(), "other".into()));
        taken.restore(&mut files);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.json", "b.json (2)", "a.json (2)", "b.json"]);
        let (_, taken) = take_all(&mut files, Vec::new());
        files.push(("c.json".into(), "c".into()));
        files.push(("again.json".into(), "1".into()));
        taken.restore(&mut files);
        assert_eq!(files.len(), 5, "the same text once: {files:?}");
    }
}
