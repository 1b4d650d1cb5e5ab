//! The catalog's entries by exact lowercase name: an open-addressing table of entry
//! indexes, built once, so looking up an action written in full is one hash and a
//! compare or two instead of a binary search over 22,520 names (a role of 100,000
//! actions looks up each, and so does expanding every built-in role).
//!
//! The table holds the catalog's names only, at most half full, so a looked-up text
//! can only choose which of the table's probe runs is walked; the longest run is
//! fixed when the table is built, whatever the text.

/// A slot that holds no entry.
const EMPTY: u32 = u32::MAX;

/// Entry indexes by the hash of their lowercase name (linear probing).
#[derive(Debug)]
pub(crate) struct ExactNames {
    slots: Vec<u32>,
    mask: usize,
}

impl ExactNames {
    /// The table of `count` entries, entry `i` named `name(i)` (lowercase).
    pub(crate) fn build<'a>(count: usize, name: impl Fn(usize) -> &'a str) -> Self {
        let size = (count * 2).next_power_of_two().max(16);
        let mut table = ExactNames {
            slots: vec![EMPTY; size],
            mask: size - 1,
        };
        for i in 0..count.min(EMPTY as usize) {
            let mut at = hash(name(i)) & table.mask;
            // Entries are placed in index order, so along one name's probe run its
            // entries come in index order too.
            while let Some(slot) = table.slots.get_mut(at) {
                if *slot == EMPTY {
                    *slot = i as u32;
                    break;
                }
                at = (at + 1) & table.mask;
            }
        }
        table
    }

    /// The entries named `lower`, in index order.
    pub(crate) fn find<'a>(&self, lower: &str, name: impl Fn(usize) -> &'a str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = hash(lower) & self.mask;
        // The table is at most half full, so every run ends at an empty slot.
        while let Some(&slot) = self.slots.get(at) {
            if slot == EMPTY {
                break;
            }
            if name(slot as usize) == lower {
                out.push(slot);
            }
            at = (at + 1) & self.mask;
        }
        out
    }
}

/// A fast hash of a name, eight bytes at a time (FxHash's step). The table's
/// contents are the catalog's, not the input's, so it needs no keyed hash.
fn hash(s: &str) -> usize {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut h = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = step(h, u64::from_le_bytes(w));
    }
    let mut w = [0u8; 8];
    let rest = chunks.remainder();
    if let Some(into) = w.get_mut(..rest.len()) {
        into.copy_from_slice(rest);
    }
    h = step(h, u64::from_le_bytes(w));
    // The high bits, which the multiplication mixes best, for the slot.
    ((h >> 32) ^ h) as usize
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// Every catalog name, and texts the catalog lacks (one byte more or less), are
    /// found exactly as by grouping every entry by name.
    #[test]
    fn finds_what_comparing_every_entry_finds() {
        let ops = &crate::catalog().unwrap().operations;
        let table = ExactNames::build(ops.len(), |i| ops.lower(i));
        // The model: every entry, grouped by name in a standard map.
        let mut by_name: std::collections::HashMap<&str, Vec<u32>> = Default::default();
        for i in 0..ops.len() {
            by_name.entry(ops.lower(i)).or_default().push(i as u32);
        }
        let every = |s: &str| by_name.get(s).cloned().unwrap_or_default();
        let mut twice = 0;
        for i in 0..ops.len() {
            let name = ops.lower(i);
            let found = table.find(name, |j| ops.lower(j));
            assert_eq!(found, every(name), "{name}");
            twice += usize::from(found.len() > 1);
            for other in [
                format!("{name}x"),
                name.get(..name.len() - 1).unwrap_or_default().to_string(),
                format!("{name}/"),
            ] {
                assert_eq!(
                    table.find(&other, |j| ops.lower(j)),
                    every(&other),
                    "{other}"
                );
            }
        }
        assert!(twice > 0, "no name on both planes was tried");
        for s in ["", "*", "microsoft.compute", "microsoft.compute/", "é"] {
            assert_eq!(table.find(s, |j| ops.lower(j)), every(s), "{s}");
        }
    }

    /// A small table: names sharing a slot, and a full run of probes, are found.
    #[test]
    fn names_that_share_a_slot_are_all_found() {
        let names: Vec<String> = (0..40).map(|i| format!("n{}", i % 13)).collect();
        let table = ExactNames::build(names.len(), |i| names[i].as_str());
        for probe in 0..13 {
            let want: Vec<u32> = (0..40u32).filter(|i| i % 13 == probe).collect();
            let got = table.find(&format!("n{probe}"), |i| names[i].as_str());
            assert_eq!(got, want);
        }
        assert!(table.find("n13", |i| names[i].as_str()).is_empty());
    }
}
