//! Which catalog entries hold each byte, and each pair of adjacent bytes, of their
//! lowercase name, and of their name or description. A search narrows a word to the
//! entries holding every pair of it before reading any text: a word of one or two
//! bytes is answered by the sets alone, and a longer one is then checked only
//! against those entries. Typing the second letter of a word was a pass over every
//! name and description of the catalog (the operations search's slowest keystrokes).

use crate::bitset::BitSet;

/// Key of one byte: 0xFF never occurs in UTF-8 text, so it collides with no pair.
fn one(b: u8) -> usize {
    0xFF00 | usize::from(b)
}

/// Key of two adjacent bytes.
fn two(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The keys a word narrows by: its byte when it has one, else each pair.
fn keys(word: &[u8]) -> Vec<usize> {
    match word {
        [b] => vec![one(*b)],
        _ => word.windows(2).map(|w| two(w[0], w[1])).collect(),
    }
}

/// Sets per key, allocated for the keys that occur.
#[derive(Debug)]
struct Table {
    /// Per key (65,536), its set's position in `sets` plus one; 0: no entry has it.
    slot: Vec<u32>,
    sets: Vec<BitSet>,
}

impl Table {
    fn new() -> Self {
        Table {
            slot: vec![0; 1 << 16],
            sets: Vec::new(),
        }
    }

    fn insert(&mut self, key: usize, entry: usize, len: usize) {
        let Some(slot) = self.slot.get_mut(key) else {
            return;
        };
        if *slot == 0 {
            self.sets.push(BitSet::new(len));
            *slot = self.sets.len() as u32;
        }
        if let Some(set) = self.sets.get_mut(*slot as usize - 1) {
            set.insert(entry);
        }
    }

    fn add_text(&mut self, text: &[u8], entry: usize, len: usize) {
        for &b in text {
            self.insert(one(b), entry, len);
        }
        for w in text.windows(2) {
            self.insert(two(w[0], w[1]), entry, len);
        }
    }

    fn get(&self, key: usize) -> Option<&BitSet> {
        let slot = *self.slot.get(key)?;
        self.sets.get((slot as usize).checked_sub(1)?)
    }

    /// The entries holding every key (all entries for no key).
    fn all_of(&self, keys: &[usize], len: usize) -> BitSet {
        let mut out: Option<BitSet> = None;
        for &k in keys {
            let Some(set) = self.get(k) else {
                return BitSet::new(len);
            };
            match &mut out {
                Some(o) => o.intersect_with(set),
                None => out = Some(set.clone()),
            }
        }
        out.unwrap_or_else(|| BitSet::full(len))
    }
}

/// The index of one catalog's names and descriptions.
#[derive(Debug)]
pub struct Grams {
    len: usize,
    names: Table,
    anywhere: Table,
}

impl Grams {
    /// Index `len` entries, reading each one's lowercase name and description.
    pub fn build<'a>(
        len: usize,
        name: impl Fn(usize) -> &'a str,
        description: impl Fn(usize) -> &'a str,
    ) -> Grams {
        let mut names = Table::new();
        let mut anywhere = Table::new();
        for i in 0..len {
            let n = name(i).as_bytes();
            names.add_text(n, i, len);
            anywhere.add_text(n, i, len);
            anywhere.add_text(description(i).as_bytes(), i, len);
        }
        Grams {
            len,
            names,
            anywhere,
        }
    }

    /// For lowercase words: the entries that may have every word in their name, and
    /// those that may have each word in their name or description. Both are exact
    /// when no word is longer than two bytes (`true`); otherwise they hold every
    /// entry that does, and the caller checks the text.
    pub fn candidates(&self, words: &[String]) -> (BitSet, BitSet, bool) {
        let mut in_names = BitSet::full(self.len);
        let mut anywhere = BitSet::full(self.len);
        let mut exact = true;
        for w in words {
            let ks = keys(w.as_bytes());
            exact &= w.len() <= 2;
            in_names.intersect_with(&self.names.all_of(&ks, self.len));
            anywhere.intersect_with(&self.anywhere.all_of(&ks, self.len));
            if anywhere.is_empty() {
                // No entry holds this word: none holds them all.
                return (in_names, anywhere, true);
            }
        }
        in_names.intersect_with(&anywhere);
        (in_names, anywhere, exact)
    }

    /// Bytes held by the index's sets (for the performance notes).
    pub fn heap_bytes(&self) -> usize {
        let sets = self.names.sets.len() + self.anywhere.sets.len();
        sets * self.len.div_ceil(8) + 2 * 4 * (1 << 16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_answered_by_the_sets_and_long_ones_narrowed() {
        let names = ["ab/read", "cd/write", "ab/list"];
        let descs = ["read a", "write b", "list keys"];
        let g = Grams::build(3, |i| names[i], |i| descs[i]);
        let w = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let (n, a, exact) = g.candidates(&w(&["ab"]));
        assert!(exact);
        assert_eq!(n.iter().collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 2]);
        // "ke" is in a description only.
        let (n, a, _) = g.candidates(&w(&["ke"]));
        assert!(n.is_empty());
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![2]);
        // One byte.
        let (_, a, exact) = g.candidates(&w(&["w"]));
        assert!(exact);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![1]);
        // Longer: a superset the caller checks ("rea" + "ead" hold "read").
        let (_, a, exact) = g.candidates(&w(&["read"]));
        assert!(!exact);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0]);
        // A pair no entry holds: none, and that is exact.
        let (n, a, exact) = g.candidates(&w(&["ab", "zq"]));
        assert!(exact && n.is_empty() && a.is_empty());
        // No word: everything.
        let (n, a, _) = g.candidates(&[]);
        assert_eq!((n.count(), a.count()), (3, 3));
    }
}
