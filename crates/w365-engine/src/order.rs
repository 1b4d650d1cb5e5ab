//! Stable sorting with one copy of the sort's code for the whole crate.
//!
//! `slice::sort_by` is generic over its element and its comparison, so each call
//! site with its own closure gets its own copy of the sort (about 3.3 KB of wasm
//! each: the quicksort, the merge and the small sorts). These functions sort the
//! positions `0..n` through one comparison behind a `dyn`, then move the elements
//! into that order: one sort in the binary, plus a small move per element type.
//! Used where a list is sorted once per answer (reports, reviews, lint, search
//! results); the evaluation's own per-decision sort keeps `slice::sort_by_key`.

use std::cmp::Ordering;

/// Sort `v` by `cmp`, keeping equal elements in their order (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sort `v` by `key`, keeping equal elements in their order (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` in its natural order, keeping equal elements in their order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` puts them, equal ones in ascending order.
#[inline(never)]
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Move the elements of `v` so that position `k` holds what was at `order[k]`
/// (`order` is a permutation of `0..v.len()`; it is used up).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        // Follow the cycle through `start`: each step puts one element in place.
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys included.
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |p| p.0);
            prop_assert_eq!(&got, &expected);
            let mut expected = v.clone();
            expected.sort_by(|a, b| b.0.cmp(&a.0).then((a.1 % 3).cmp(&(b.1 % 3))));
            let mut got = v.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0).then((a.1 % 3).cmp(&(b.1 % 3))));
            prop_assert_eq!(&got, &expected);
            let mut expected = v.clone();
            expected.sort();
            let mut got = v;
            sort(&mut got);
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].map(String::from).to_vec();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "apple", "apple"]);
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
