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
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// Why a change cannot be made again on a later version of a role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RebaseConflict {
    /// The change rewrote the permission blocks as a whole (a merge), and they
    /// have changed since.
    #[error("its permission blocks have changed since, and this change rewrote them as a whole")]
    Blocks,
    /// The change edited a permission block that has since been removed.
    #[error("permission block {0} has been removed since")]
    BlockGone(usize),
}

/// `current` with the change from `before` to `after` made to it (see the module's
/// documentation). When `current` is `before`, the answer is `after`.
pub fn rebase(current: &Role, before: &Role, after: &Role) -> Result<Role, RebaseConflict> {
    if current == before {
        return Ok(after.clone());
    }
    let mut out = current.clone();
    scalar(&mut out.name, &before.name, &after.name);
    scalar(
        &mut out.description,
        &before.description,
        &after.description,
    );
    scalar(&mut out.kind, &before.kind, &after.kind);
    scalar(&mut out.category, &before.category, &after.category);
    scalar(
        &mut out.version_date,
        &before.version_date,
        &after.version_date,
    );
    lines(
        &mut out.assignable_scopes,
        &before.assignable_scopes,
        &after.assignable_scopes,
    );
    lines(&mut out.provenance, &before.provenance, &after.provenance);
    lines(&mut out.notes, &before.notes, &after.notes);
    lines(&mut out.aliases, &before.aliases, &after.aliases);
    lines(
        &mut out.entra_actions,
        &before.entra_actions,
        &after.entra_actions,
    );
    out.blocks = blocks(&current.blocks, &before.blocks, &after.blocks)?;
    Ok(out)
}

/// A field the change touched takes its new value; any other keeps its own.
fn scalar<T: PartialEq + Clone>(out: &mut T, before: &T, after: &T) {
    if before != after {
        *out = after.clone();
    }
}

/// A list less the lines the change removed (one occurrence each) and with the
/// lines it added, each at its place in `after` (or the end), unless already there.
/// Linear, with hashes: a role may hold 100,000 patterns.
fn lines<T: Eq + Hash + Clone>(out: &mut Vec<T>, before: &[T], after: &[T]) {
    if before == after {
        return;
    }
    fn count<T: Eq + Hash>(list: &[T]) -> HashMap<&T, usize> {
        let mut m: HashMap<&T, usize> = HashMap::new();
        for x in list {
            *m.entry(x).or_default() += 1;
        }
        m
    }
    let (had, has) = (count(before), count(after));
    // How many of each line to take out: those the change removed.
    let mut gone: HashMap<&T, usize> = had
        .iter()
        .filter_map(|(x, n)| {
            n.checked_sub(has.get(x).copied().unwrap_or(0))
                .filter(|d| *d > 0)
                .map(|d| (*x, d))
        })
        .collect();
    let kept: Vec<T> = std::mem::take(out)
        .into_iter()
        .filter(|x| match gone.get_mut(x) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect();
    // The additions, with their places in `after`: an occurrence `before` had is none.
    let mut left = had;
    let mut present: HashSet<&T> = kept.iter().collect();
    let mut added: Vec<(usize, T)> = Vec::new();
    for (i, x) in after.iter().enumerate() {
        match left.get_mut(x) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                if present.insert(x) {
                    added.push((i, x.clone()));
                }
            }
        }
    }
    drop(present);
    let mut rest = kept.into_iter();
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
    *out = merged;
}

/// The blocks of `current` with the change made: block by block when the change
/// kept their number, one block added or removed again, or else all of `after`
/// when `current` still has the blocks the change started from.
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
            let here = out.get_mut(i).ok_or(RebaseConflict::BlockGone(i + 1))?;
            block(here, b, a);
        }
        return Ok(out);
    }
    if after.len() == before.len() + 1 {
        if let Some(k) = one_apart(after, before) {
            out.insert(k.min(out.len()), after[k].clone());
            return Ok(out);
        }
    }
    if before.len() == after.len() + 1 {
        if let Some(k) = one_apart(before, after) {
            let i = out
                .iter()
                .position(|x| *x == before[k])
                .ok_or(RebaseConflict::Blocks)?;
            out.remove(i);
            return Ok(out);
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
    lines(&mut out.actions, &before.actions, &after.actions);
    lines(
        &mut out.not_actions,
        &before.not_actions,
        &after.not_actions,
    );
    lines(
        &mut out.data_actions,
        &before.data_actions,
        &after.data_actions,
    );
    lines(
        &mut out.not_data_actions,
        &before.not_data_actions,
        &after.not_data_actions,
    );
    scalar(&mut out.condition, &before.condition, &after.condition);
    scalar(
        &mut out.condition_version,
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
    fn an_edit_of_a_block_removed_since_is_refused() {
        let before = role(&[&[VM], &[VNET]]);
        let mut after = before.clone();
        after.blocks[1].actions.push(p(KV));
        let mut current = before.clone();
        current.blocks.truncate(1);
        assert_eq!(
            rebase(&current, &before, &after),
            Err(RebaseConflict::BlockGone(2))
        );
    }

    /// The list rule as first written: quadratic, plainly.
    fn naive_lines(out: &mut Vec<u8>, before: &[u8], after: &[u8]) {
        if before == after {
            return;
        }
        let mut used = vec![false; after.len()];
        let gone: Vec<u8> = before
            .iter()
            .filter(
                |x| match (0..after.len()).find(|&j| !used[j] && after[j] == **x) {
                    Some(j) => {
                        used[j] = true;
                        false
                    }
                    None => true,
                },
            )
            .copied()
            .collect();
        for g in gone {
            if let Some(i) = out.iter().position(|x| *x == g) {
                out.remove(i);
            }
        }
        let kept = out.clone();
        let mut taken = vec![false; before.len()];
        let mut added = Vec::new();
        for (i, x) in after.iter().enumerate() {
            if let Some(j) = (0..before.len()).find(|&j| !taken[j] && before[j] == *x) {
                taken[j] = true;
                continue;
            }
            if !kept.contains(x) && !added.iter().any(|(_, y)| y == x) {
                added.push((i, *x));
            }
        }
        let mut rest = kept.into_iter();
        let mut merged = Vec::new();
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
        *out = merged;
    }

    proptest::proptest! {
        #[test]
        fn the_list_rule_agrees_with_the_naive_one(
            before in proptest::collection::vec(0u8..6, 0..8),
            after in proptest::collection::vec(0u8..6, 0..8),
            current in proptest::collection::vec(0u8..6, 0..8),
        ) {
            let (mut fast, mut slow) = (current.clone(), current.clone());
            lines(&mut fast, &before, &after);
            naive_lines(&mut slow, &before, &after);
            proptest::prop_assert_eq!(&fast, &slow);
            // On the version it started from, the change is made: the same lines
            // (lists without repeats, as a role's pattern lists are; an order changed
            // alone is no change of what they hold, and `rebase` gives `after` itself
            // there).
            let unique = |l: &[u8]| l.iter().collect::<std::collections::HashSet<_>>().len() == l.len();
            if unique(&before) && unique(&after) {
                let mut same = before.clone();
                lines(&mut same, &before, &after);
                let mut want = after.clone();
                same.sort_unstable();
                want.sort_unstable();
                proptest::prop_assert_eq!(same, want);
            }
        }
    }
}
