//! A fixed-size bit set over catalog indexes: the currency of expansion.

/// A set of indexes below a fixed length.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    /// An empty set able to hold `0..len`.
    pub fn new(len: usize) -> Self {
        BitSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set `0..len`.
    pub fn full(len: usize) -> Self {
        let mut s = BitSet::new(len);
        s.insert_range(0, len);
        s
    }

    /// Capacity (not the number of members).
    pub fn capacity(&self) -> usize {
        self.len
    }

    /// Add `i` (ignored when out of range).
    pub fn insert(&mut self, i: usize) {
        if i < self.len {
            if let Some(w) = self.words.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }

    /// Remove `i`.
    pub fn remove(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }

    /// Is `i` a member?
    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Add every index in `start..end`.
    pub fn insert_range(&mut self, start: usize, end: usize) {
        let end = end.min(self.len);
        if start >= end {
            return;
        }
        let (sw, ew) = (start / 64, (end - 1) / 64);
        for w in sw..=ew {
            let lo = if w == sw { start % 64 } else { 0 };
            let hi = if w == ew { (end - 1) % 64 } else { 63 };
            let mask = if hi - lo == 63 {
                u64::MAX
            } else {
                ((1u64 << (hi - lo + 1)) - 1) << lo
            };
            if let Some(word) = self.words.get_mut(w) {
                *word |= mask;
            }
        }
    }

    /// `self |= other`.
    pub fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// `self &= other`.
    pub fn intersect_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// `self -= other`.
    pub fn subtract(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    /// Number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Is every member of `self` in `other`?
    pub fn is_subset(&self, other: &BitSet) -> bool {
        self.words
            .iter()
            .zip(&other.words)
            .all(|(a, b)| a & !b == 0)
    }

    /// Number of members in `start..end`, a word at a time.
    pub fn count_range(&self, start: usize, end: usize) -> usize {
        let end = end.min(self.len);
        if start >= end {
            return 0;
        }
        let (sw, ew) = (start / 64, (end - 1) / 64);
        (sw..=ew)
            .map(|w| {
                let lo = if w == sw { start % 64 } else { 0 };
                let hi = if w == ew { (end - 1) % 64 } else { 63 };
                let mask = if hi - lo == 63 {
                    u64::MAX
                } else {
                    ((1u64 << (hi - lo + 1)) - 1) << lo
                };
                self.words
                    .get(w)
                    .map_or(0, |x| (x & mask).count_ones() as usize)
            })
            .sum()
    }

    /// Number of members of `self ∩ other`.
    pub fn intersection_count(&self, other: &BitSet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    /// How many members this set, `other` and `mask` all three have.
    pub fn intersection_count_masked(&self, other: &BitSet, mask: &BitSet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .zip(&mask.words)
            .map(|((a, b), m)| (a & b & m).count_ones() as usize)
            .sum()
    }

    /// Append the members, ascending, to `out` (a plain loop over the words: faster
    /// than collecting [`BitSet::iter`] when a set has tens of thousands).
    pub fn push_members(&self, out: &mut Vec<usize>) {
        out.reserve(self.count());
        for (wi, &word) in self.words.iter().enumerate() {
            let mut w = word;
            while w != 0 {
                out.push(wi * 64 + w.trailing_zeros() as usize);
                w &= w - 1;
            }
        }
    }

    /// The members, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + b)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_members_are_the_iterated_ones() {
        let mut a = BitSet::new(300);
        for i in [0, 5, 63, 64, 65, 127, 128, 200, 299] {
            a.insert(i);
        }
        let mut out = vec![7];
        a.push_members(&mut out);
        assert_eq!(out[1..], a.iter().collect::<Vec<_>>()[..]);
        assert_eq!(out[0], 7);
    }

    #[test]
    fn counts_in_ranges() {
        let mut a = BitSet::new(300);
        for i in [0, 5, 63, 64, 65, 127, 128, 200, 299] {
            a.insert(i);
        }
        for (s, e) in [
            (0, 300),
            (0, 1),
            (1, 64),
            (63, 65),
            (64, 128),
            (100, 100),
            (129, 400),
            (5, 6),
        ] {
            let naive = (s..e.min(300)).filter(|&i| a.contains(i)).count();
            assert_eq!(a.count_range(s, e), naive, "{s}..{e}");
        }
    }

    #[test]
    fn ranges_and_set_algebra() {
        let mut a = BitSet::new(200);
        a.insert_range(3, 130);
        assert_eq!(a.count(), 127);
        assert!(a.contains(3) && a.contains(129) && !a.contains(130) && !a.contains(2));
        let mut b = BitSet::new(200);
        b.insert(5);
        b.insert(199);
        b.insert(500);
        assert_eq!(b.count(), 2);
        assert_eq!(a.intersection_count(&b), 1);
        let mut c = a.clone();
        c.subtract(&b);
        assert_eq!(c.count(), 126);
        assert!(c.is_subset(&a) && !a.is_subset(&c));
        c.union_with(&b);
        assert_eq!(c.iter().collect::<Vec<_>>().len(), 128);
        assert_eq!(BitSet::full(64).count(), 64);
        let mut d = BitSet::new(128);
        d.insert_range(0, 128);
        assert_eq!(d.count(), 128);
        d.intersect_with(&BitSet::new(128));
        assert!(d.is_empty());
    }
}
