//! "Did you mean": the closest known name to a mistyped one.
//!
//! Candidates come from an index (the sorted catalog: the operations of the
//! provider, or of the closest provider), distances skip the common prefix and
//! suffix and stop once the limit is passed, and callers that may ask many times
//! share a [`Budget`] so that a file of 30,000 unknown actions computes a bounded
//! number of suggestions.

use crate::bundle::Catalog;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many suggestions one command computes at most (each costs up to a scan of
/// one provider's operations).
pub const MAX_SUGGESTIONS: usize = 50;

/// A number of suggestions left to compute, shared by the checks of one command.
#[derive(Debug)]
pub struct Budget(AtomicUsize);

impl Budget {
    /// A budget of `n` suggestions.
    pub fn new(n: usize) -> Budget {
        Budget(AtomicUsize::new(n))
    }

    /// Take one; false once the budget is spent.
    pub fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_ok()
    }

    /// Whether the budget is spent.
    pub fn is_spent(&self) -> bool {
        self.0.load(Ordering::Relaxed) == 0
    }
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::new(MAX_SUGGESTIONS)
    }
}

/// Edit distance between two strings, ignoring ASCII case, capped at `limit + 1`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // A common prefix and suffix do not change the distance.
    let same = |x: &u8, y: &u8| x.eq_ignore_ascii_case(y);
    let pre = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let (a, b) = (
        a.get(pre..).unwrap_or_default(),
        b.get(pre..).unwrap_or_default(),
    );
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| same(x, y))
        .count();
    let a: Vec<u8> = a[..a.len() - suf]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let b: Vec<u8> = b[..b.len() - suf]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(limit + 1)
}

/// The closest candidate within a third of the input's length (at least 2 edits).
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (input.len() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(input, c, best.map_or(limit, |(d, _)| d.min(limit)));
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The closest Azure operation name (on the requested plane first) to an unknown
/// action or pattern.
pub fn suggest_operation(catalog: &Catalog, input: &str, data: bool) -> Option<String> {
    let ops = &catalog.operations;
    let lower = input.to_ascii_lowercase();
    let namespace = lower.split('/').next().unwrap_or_default();
    // Narrow to the provider when it exists, else to the closest provider.
    let provider = match ops.find_provider(namespace) {
        Some(p) => Some(p.name.to_ascii_lowercase()),
        None => closest(namespace, ops.providers().iter().map(|p| p.name.as_str()))
            .map(str::to_ascii_lowercase),
    };
    let provider = provider?;
    let range = ops.prefix_range(&format!("{provider}/"));
    let tail_start = namespace.len();
    let fixed_input = format!("{provider}{}", &lower[tail_start.min(lower.len())..]);
    let same_plane = closest(
        &fixed_input,
        range
            .clone()
            .filter(|&i| ops.is_data(i) == data)
            .map(|i| ops.lower(i)),
    );
    let any = same_plane.or_else(|| closest(&fixed_input, range.clone().map(|i| ops.lower(i))));
    let found = any?;
    range
        .clone()
        .find(|&i| ops.lower(i) == found)
        .map(|i| ops.name(i).to_string())
}

/// The closest Cloud PC permission (admin-center name) to an unknown one.
pub fn suggest_permission(catalog: &Catalog, input: &str) -> Option<String> {
    let perms = &catalog.windows365.permissions;
    let squashed = crate::windows365::squash(input);
    let names: Vec<String> = perms
        .iter()
        .map(|p| crate::windows365::squash(&p.name))
        .collect();
    let graphs: Vec<String> = perms
        .iter()
        .map(|p| crate::windows365::squash(&p.graph))
        .collect();
    let hit = closest(&squashed, names.iter().map(String::as_str))
        .or_else(|| closest(&squashed, graphs.iter().map(String::as_str)))?;
    perms
        .iter()
        .find(|p| {
            crate::windows365::squash(&p.name) == hit || crate::windows365::squash(&p.graph) == hit
        })
        .map(|p| p.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert_eq!(distance("ABC", "abc", 1), 0);
        assert_eq!(distance("a", "abcdef", 2), 3);
        assert_eq!(closest("raed", ["read", "write"]), Some("read"));
        assert_eq!(closest("zzzzzz", ["read", "write"]), None);
    }
}
