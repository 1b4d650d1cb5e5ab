//! A change to a role made again on a later version of it: what an Undo (or a
//! change saved while another tab edited the same role) needs, so that reversing
//! one change never takes back the changes made since.
//!
//! A change is a pair of versions, `before` and `after`. [`rebase`] makes the same
//! change to `current`: each field the change touched takes its new value, each
//! list (patterns, scopes) loses the lines the change removed and gains the ones it
//! added, and every other field keeps what `current` has. A permission block added
//! or removed is added or removed again; a change of the blocks' structure that
//! cannot be told line by line (blocks merged into one) is made only when
//! `current`'s blocks are still those it started from.

use super::{PermissionBlock, Role};
use std::collections::HashMap;
use std::hash::Hash;

/// Why a change cannot be made again on a later version of a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebaseConflict {
    /// The change rewrote the permission blocks as a whole (a merge), and they
    /// have been edited since.
    #[error(
        "this change rewrote its permission blocks as a whole, and they have been edited since"
    )]
    Blocks,
    /// The permission block the change edited can no longer be told apart: it was
    /// removed, or edited while others were added or removed.
    #[error("the permission block this change edited has been removed or moved since")]
    BlockGone,
}

/// `current` with the change from `before` to `after` made to it (see the module's
/// documentation). When `current` is `before`, the answer is `after`.
pub fn rebase(current: &Role, before: &Role, after: &Role) -> Result<Role, RebaseConflict> {
    if current == before {
        return Ok(after.clone());
    }
    // Every field named, so a field added to `Role` must be given its rule here.
    let Role {
        id,
        name,
        description,
        kind,
        category,
        blocks: current_blocks,
        assignable_scopes,
        provenance,
        notes,
        entra_actions,
        aliases,
        version_date,
    } = current.clone();
    Ok(Role {
        id,
        name: scalar(name, &before.name, &after.name),
        description: scalar(description, &before.description, &after.description),
        kind: scalar(kind, &before.kind, &after.kind),
        category: scalar(category, &before.category, &after.category),
        blocks: blocks(&current_blocks, &before.blocks, &after.blocks)?,
        assignable_scopes: lines(
            assignable_scopes,
            &before.assignable_scopes,
            &after.assignable_scopes,
        ),
        provenance: lines(provenance, &before.provenance, &after.provenance),
        notes: lines(notes, &before.notes, &after.notes),
        entra_actions: lines(entra_actions, &before.entra_actions, &after.entra_actions),
        aliases: lines(aliases, &before.aliases, &after.aliases),
        version_date: scalar(version_date, &before.version_date, &after.version_date),
    })
}

/// A field the change touched takes its new value; any other keeps its own.
fn scalar<T: PartialEq + Clone>(now: T, before: &T, after: &T) -> T {
    if before != after {
        after.clone()
    } else {
        now
    }
}

/// The lines of a list with the change made, line by line: a line the change
/// added is held at least as many times as `after` holds it, one it removed at
/// most as many times, and any other as `current` holds it. So a change made twice
/// is made once, and what another tab did too is not done again. Lines taken out go
/// from the first; lines put in go at their place in `after` (or the end).
/// Linear, with hashes: a role may hold 100,000 patterns.
fn lines<T: Eq + Hash + Clone>(now: Vec<T>, before: &[T], after: &[T]) -> Vec<T> {
    if before == after {
        return now;
    }
    fn count<T: Eq + Hash>(list: &[T]) -> HashMap<&T, usize> {
        let mut m: HashMap<&T, usize> = HashMap::new();
        for x in list {
            *m.entry(x).or_default() += 1;
        }
        m
    }
    let (had, has, cur) = (count(before), count(after), count(&now));
    let target = |x: &T| -> usize {
        let (h, a, c) = (
            had.get(x).copied().unwrap_or(0),
            has.get(x).copied().unwrap_or(0),
            cur.get(x).copied().unwrap_or(0),
        );
        match a.cmp(&h) {
            std::cmp::Ordering::Greater => c.max(a),
            std::cmp::Ordering::Less => c.min(a),
            std::cmp::Ordering::Equal => c,
        }
    };
    // How many of each line to take out, and to put in.
    let mut take: HashMap<&T, usize> = HashMap::new();
    let mut put: HashMap<&T, usize> = HashMap::new();
    for x in had.keys().chain(has.keys()) {
        let (t, c) = (target(x), cur.get(x).copied().unwrap_or(0));
        if t < c {
            take.insert(x, c - t);
        } else if t > c {
            put.insert(x, t - c);
        }
    }
    // Where each line put in goes: its occurrences in `after` past as many as
    // `current` holds, in order.
    let mut seen: HashMap<&T, usize> = HashMap::new();
    let mut added: Vec<(usize, T)> = Vec::new();
    for (i, x) in after.iter().enumerate() {
        let k = seen.entry(x).or_default();
        *k += 1;
        if *k > cur.get(x).copied().unwrap_or(0) {
            if let Some(n) = put.get_mut(x).filter(|n| **n > 0) {
                *n -= 1;
                added.push((i, x.clone()));
            }
        }
    }
    // (`put` is used up: a line is put in as many times as `after` holds it past
    // what `before` held.)
    let kept: Vec<T> = now
        .iter()
        .filter(|x| match take.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect();
    insert_at(kept, added)
}

/// `list` with each of `added` put at its position (ascending; past the end, at
/// the end), as one `insert` each would in that order, in one pass.
pub fn insert_at<T>(list: Vec<T>, added: Vec<(usize, T)>) -> Vec<T> {
    let mut rest = list.into_iter();
    let mut merged = Vec::with_capacity(rest.len() + added.len());
    for (i, x) in added {
        while merged.len() < i {
            match rest.next() {
                Some(y) => merged.push(y),
                None => break,
            }
        }
        merged.push(x);
    }
    merged.extend(rest);
    merged
}

/// The blocks of `current` with the change made: each block the change edited
/// found by what it held (where it stood, when the blocks are as many as before and
/// none holds it), one block added or removed again, or else all of `after` when
/// `current` still has the blocks the change started from.
fn blocks(
    current: &[PermissionBlock],
    before: &[PermissionBlock],
    after: &[PermissionBlock],
) -> Result<Vec<PermissionBlock>, RebaseConflict> {
    if before == after {
        return Ok(current.to_vec());
    }
    if current == before {
        return Ok(after.to_vec());
    }
    let mut out = current.to_vec();
    if before.len() == after.len() {
        for (i, (b, a)) in before.iter().zip(after).enumerate() {
            if b == a {
                continue;
            }
            // Made already: nothing to do.
            if out.iter().any(|x| x == a) && !out.iter().any(|x| x == b) {
                continue;
            }
            // Of blocks alike, the one nearest where it stood.
            let at = (0..out.len())
                .filter(|&j| out[j] == *b)
                .min_by_key(|&j| j.abs_diff(i))
                .or_else(|| (out.len() == before.len()).then_some(i))
                .ok_or(RebaseConflict::BlockGone)?;
            block(&mut out[at], b, a);
        }
        return Ok(out);
    }
    if after.len() == before.len() + 1 {
        if let Some(k) = one_apart(after, before) {
            if !out.contains(&after[k]) {
                out.insert(k.min(out.len()), after[k].clone());
            }
            return Ok(out);
        }
    }
    if before.len() == after.len() + 1 {
        if let Some(k) = one_apart(before, after) {
            if let Some(i) = out.iter().position(|x| *x == before[k]) {
                out.remove(i);
                return Ok(out);
            }
            return Err(RebaseConflict::BlockGone);
        }
    }
    Err(RebaseConflict::Blocks)
}

/// The position of the one block `longer` has and `shorter` lacks, when they are
/// otherwise the same in the same order.
fn one_apart(longer: &[PermissionBlock], shorter: &[PermissionBlock]) -> Option<usize> {
    let k = longer
        .iter()
        .zip(shorter)
        .position(|(a, b)| a != b)
        .unwrap_or(shorter.len());
    (longer[..k] == shorter[..k] && longer[k + 1..] == shorter[k..]).then_some(k)
}

/// One block with the change made to it, list by list.
fn block(out: &mut PermissionBlock, before: &PermissionBlock, after: &PermissionBlock) {
    out.actions = lines(
        std::mem::take(&mut out.actions),
        &before.actions,
        &after.actions,
    );
    out.not_actions = lines(
        std::mem::take(&mut out.not_actions),
        &before.not_actions,
        &after.not_actions,
    );
    out.data_actions = lines(
        std::mem::take(&mut out.data_actions),
        &before.data_actions,
        &after.data_actions,
    );
    out.not_data_actions = lines(
        std::mem::take(&mut out.not_data_actions),
        &before.not_data_actions,
        &after.not_data_actions,
    );
    out.condition = scalar(
        std::mem::take(&mut out.condition),
        &before.condition,
        &after.condition,
    );
    out.condition_version = scalar(
        std::mem::take(&mut out.condition_version),
        &before.condition_version,
        &after.condition_version,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleKind;
    use crate::pattern::ActionPattern;

    fn p(s: &str) -> ActionPattern {
        ActionPattern::new(s).unwrap()
    }

    fn role(blocks: &[&[&str]]) -> Role {
        let mut r = Role::empty("custom-1", "R", RoleKind::AzureCustom);
        r.description = "d".into();
        r.assignable_scopes = vec!["/subscriptions/s1".into()];
        r.blocks = blocks
            .iter()
            .map(|acts| PermissionBlock {
                actions: acts.iter().map(|a| p(a)).collect(),
                ..PermissionBlock::default()
            })
            .collect();
        r
    }

    fn actions(r: &Role, b: usize) -> Vec<&str> {
        r.blocks[b]
            .actions
            .iter()
            .map(ActionPattern::as_str)
            .collect()
    }

    const VM: &str = "Microsoft.Compute/virtualMachines/read";
    const VNET: &str = "Microsoft.Network/virtualNetworks/read";
    const KV: &str = "Microsoft.KeyVault/vaults/read";

    #[test]
    fn undoing_a_removal_keeps_what_was_changed_since() {
        let before = role(&[&[VM, VNET]]);
        let mut after = before.clone();
        after.blocks[0].actions.remove(0);
        // Later: an action added, the description changed.
        let mut current = after.clone();
        current.blocks[0].actions.push(p(KV));
        current.description = "edited".into();
        // Undo: the change reversed, made on the current version.
        let undone = rebase(&current, &after, &before).unwrap();
        assert_eq!(actions(&undone, 0), [VM, VNET, KV]);
        assert_eq!(undone.description, "edited");
        // Redo takes out only the line again.
        let redone = rebase(&undone, &before, &after).unwrap();
        assert_eq!(actions(&redone, 0), [VNET, KV]);
        assert_eq!(redone.description, "edited");
    }

    #[test]
    fn on_the_version_it_started_from_it_is_the_change_itself() {
        let before = role(&[&[VM]]);
        let mut after = before.clone();
        after.name = "Renamed".into();
        after.blocks[0].actions.push(p(KV));
        assert_eq!(rebase(&before, &before, &after), Ok(after));
    }

    #[test]
    fn a_field_the_change_touched_takes_its_value_and_others_keep_theirs() {
        let before = role(&[&[VM]]);
        let mut after = before.clone();
        after.description = "cut".into();
        let mut current = before.clone();
        current.name = "Other name".into();
        current.assignable_scopes.push("/subscriptions/s2".into());
        let out = rebase(&current, &before, &after).unwrap();
        assert_eq!(out.description, "cut");
        assert_eq!(out.name, "Other name");
        assert_eq!(
            out.assignable_scopes,
            ["/subscriptions/s1", "/subscriptions/s2"]
        );
    }

    #[test]
    fn a_removed_scope_comes_back_in_its_place_and_is_never_doubled() {
        let mut before = role(&[&[VM]]);
        before.assignable_scopes = vec!["/a".into(), "/b".into(), "/c".into()];
        let mut after = before.clone();
        after.assignable_scopes.remove(1);
        let mut current = after.clone();
        current.assignable_scopes.push("/d".into());
        let undone = rebase(&current, &after, &before).unwrap();
        assert_eq!(undone.assignable_scopes, ["/a", "/b", "/c", "/d"]);
        // Already back (typed again): not added twice.
        let again = rebase(&undone, &after, &before).unwrap();
        assert_eq!(again.assignable_scopes, ["/a", "/b", "/c", "/d"]);
    }

    #[test]
    fn a_removed_block_comes_back_and_a_later_edit_of_another_stays() {
        let before = role(&[&[VM], &[VNET]]);
        let mut after = before.clone();
        after.blocks.remove(0);
        let mut current = after.clone();
        current.blocks[0].actions.push(p(KV));
        let undone = rebase(&current, &after, &before).unwrap();
        assert_eq!(undone.blocks.len(), 2);
        assert_eq!(actions(&undone, 0), [VM]);
        assert_eq!(actions(&undone, 1), [VNET, KV]);
        // Redo removes the block that was removed, wherever it now stands.
        let redone = rebase(&undone, &before, &after).unwrap();
        assert_eq!(redone.blocks.len(), 1);
        assert_eq!(actions(&redone, 0), [VNET, KV]);
    }

    #[test]
    fn a_merge_is_undone_only_while_the_blocks_are_as_it_left_them() {
        let before = role(&[&[VM], &[VNET]]);
        let mut after = before.clone();
        after.blocks = vec![crate::model::merge_blocks(&before.blocks).unwrap()];
        let mut renamed = after.clone();
        renamed.name = "Renamed".into();
        let undone = rebase(&renamed, &after, &before).unwrap();
        assert_eq!(undone.blocks, before.blocks);
        assert_eq!(undone.name, "Renamed");
        let mut edited = after.clone();
        edited.blocks[0].actions.push(p(KV));
        assert_eq!(
            rebase(&edited, &after, &before),
            Err(RebaseConflict::Blocks)
        );
    }

    #[test]
    fn a_block_edit_finds_its_block_after_another_block_was_removed() {
        // Undo of a line taken from block 3, after block 1 was removed (another
        // tab): the line goes back to what was block 3, not to what is third now.
        let four = role(&[
            &[VM],
            &["Microsoft.Web/sites/read"],
            &[KV, VNET],
            &["Microsoft.Storage/*/read"],
        ]);
        let mut edited = four.clone();
        edited.blocks[2].actions.remove(0);
        let mut current = edited.clone();
        current.blocks.remove(0);
        let undone = rebase(&current, &edited, &four).unwrap();
        assert_eq!(undone.blocks.len(), 3);
        assert_eq!(actions(&undone, 1), [KV, VNET]);
        assert_eq!(actions(&undone, 2), ["Microsoft.Storage/*/read"]);
        // The block edited since as well: it cannot be told apart, so refused.
        let mut moved_and_edited = current.clone();
        moved_and_edited.blocks[1].actions.push(p(VM));
        assert_eq!(
            rebase(&moved_and_edited, &edited, &four),
            Err(RebaseConflict::BlockGone)
        );
    }

    #[test]
    fn a_change_made_twice_is_made_once() {
        // A duplicated line removed in two tabs: the role keeps the line.
        let before = role(&[&[VM, VM, VNET]]);
        let mut after = before.clone();
        after.blocks[0].actions.remove(0);
        let twice = rebase(&after, &before, &after).unwrap();
        assert_eq!(actions(&twice, 0), [VM, VNET]);
    }

    #[test]
    fn an_edit_of_a_block_removed_since_is_refused() {
        let before = role(&[&[VM], &[VNET]]);
        let mut after = before.clone();
        after.blocks[1].actions.push(p(KV));
        let mut current = before.clone();
        current.blocks.truncate(1);
        assert_eq!(
            rebase(&current, &before, &after),
            Err(RebaseConflict::BlockGone)
        );
    }

    /// The list rule, plainly: counts by scanning, lines put in one `insert` at a
    /// time.
    fn naive_lines(now: &[u8], before: &[u8], after: &[u8]) -> Vec<u8> {
        if before == after {
            return now.to_vec();
        }
        let count = |l: &[u8], x: u8| l.iter().filter(|y| **y == x).count();
        let mut xs: Vec<u8> = before.iter().chain(after).copied().collect();
        xs.sort_unstable();
        xs.dedup();
        let mut out = now.to_vec();
        let mut put = Vec::new();
        for &x in &xs {
            let (h, a, c) = (count(before, x), count(after, x), count(now, x));
            let t = if a > h {
                c.max(a)
            } else if a < h {
                c.min(a)
            } else {
                c
            };
            for _ in t..c {
                let i = out.iter().position(|y| *y == x).unwrap();
                out.remove(i);
            }
            if t > c {
                // The occurrences of `x` in `after` past the `c` that `now` holds.
                let at: Vec<usize> = after
                    .iter()
                    .enumerate()
                    .filter(|(_, y)| **y == x)
                    .map(|(i, _)| i)
                    .skip(c)
                    .collect();
                put.extend(at.into_iter().take(t - c).map(|i| (i, x)));
            }
        }
        put.sort_unstable();
        for (i, x) in put {
            let at = i.min(out.len());
            out.insert(at, x);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_list_rule_agrees_with_the_naive_one(
            before in proptest::collection::vec(0u8..6, 0..8),
            after in proptest::collection::vec(0u8..6, 0..8),
            current in proptest::collection::vec(0u8..6, 0..8),
        ) {
            let fast = lines(current.clone(), &before, &after);
            proptest::prop_assert_eq!(&fast, &naive_lines(&current, &before, &after));
            // A change made twice is made once.
            proptest::prop_assert_eq!(&lines(fast.clone(), &before, &after), &fast);
            // On the version it started from, the change is made: the same lines
            // (an order changed alone is no change of what they hold, and
            // `rebase` gives `after` itself there).
            let mut same = lines(before.clone(), &before, &after);
            let mut want = after.clone();
            same.sort_unstable();
            want.sort_unstable();
            proptest::prop_assert_eq!(same, want);
        }
    }
}
