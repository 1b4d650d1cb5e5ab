//! Operation search as people type: each keystroke's query is answered from the
//! recent queries when it can be.
//!
//! The catalog's index of bytes and byte pairs ([`crate::catalog::Grams`]) answers
//! words of one or two bytes and narrows longer ones to the entries holding all
//! their pairs. Typing extends a query, so its results lie within the results of
//! the query a keystroke before: only those entries are tested. Backspacing returns
//! to a query already answered. [`super::operations`] is a search with nothing
//! remembered, and the answers are the same (property tests run random keystroke
//! sequences against it, and compare it with a check of every entry).

use super::{contains_folded, words};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::catalog::OperationCatalog;
use std::collections::VecDeque;

/// How many recent queries are kept: each holds two sets of one bit per operation
/// (2.8 KB each for the bundled catalog), so 64 are about 360 KB.
const KEEP: usize = 64;

/// A query answered: its words, the entries with every word in the name, and the
/// entries with every word in the name or the description.
#[derive(Debug, Clone)]
struct Answer {
    words: Vec<String>,
    in_names: BitSet,
    anywhere: BitSet,
}

/// The query as an action pattern: one word holding a `/` and a `*`, or `*` alone.
pub fn as_pattern(query: &str) -> Option<crate::pattern::ActionPattern> {
    let q = query.trim();
    // `*` alone is Owner's pattern: every action.
    (q == "*" || (q.contains('*') && q.contains('/') && !q.contains(char::is_whitespace)))
        .then(|| crate::pattern::ActionPattern::new(q).ok())
        .flatten()
}

/// A search over one catalog's operations that remembers its recent queries.
#[derive(Debug, Default)]
pub struct OperationSearch {
    recent: VecDeque<Answer>,
}

/// Whether each word of `wider` is inside some word of `narrower`, so that an entry
/// holding every word of `narrower` holds every word of `wider` too.
pub(super) fn refines(narrower: &[String], wider: &[String]) -> bool {
    wider
        .iter()
        .all(|w| narrower.iter().any(|n| n.contains(w.as_str())))
}

impl OperationSearch {
    /// An empty search (no query remembered).
    pub fn new() -> Self {
        Self::default()
    }

    /// Operation indexes matching every word of `query`, name matches first.
    pub fn run(&mut self, catalog: &Catalog, query: &str, data_only: Option<bool>) -> Vec<usize> {
        let ops = &catalog.operations;
        let ws = words(query);
        let plane = match data_only {
            Some(true) => Some(ops.data_mask()),
            Some(false) => Some(ops.control_mask()),
            None => None,
        };
        let mut out = Vec::new();
        // An action pattern (one word with a `/` and a `*`) lists what it matches,
        // as Azure matches it (an outside review: `Microsoft.Compute/virtualMachines/*`
        // found nothing).
        if let Some(pattern) = as_pattern(query) {
            let keep = |i: usize| plane.is_none_or(|m| m.contains(i));
            match ops.matches(&pattern) {
                crate::catalog::Matches::Range(r) => out.extend(r.filter(|&i| keep(i))),
                crate::catalog::Matches::List(l) => {
                    out.extend(l.into_iter().map(|i| i as usize).filter(|&i| keep(i)))
                }
                crate::catalog::Matches::Set(s) => out.extend(s.iter().filter(|&i| keep(i))),
            }
            return out;
        }
        if ws.is_empty() {
            match plane {
                Some(mask) => mask.push_members(&mut out),
                None => out.extend(0..ops.len()),
            }
            return out;
        }
        self.answer(ops, ws);
        let Some(answer) = self.recent.back() else {
            return out;
        };
        // Name matches first, then the rest; sets, not entry by entry (a query of
        // one letter matches all 22,520 operations).
        let mut names = answer.in_names.clone();
        let mut rest = answer.anywhere.clone();
        rest.subtract(&answer.in_names);
        if let Some(mask) = plane {
            names.intersect_with(mask);
            rest.intersect_with(mask);
        }
        names.push_members(&mut out);
        rest.push_members(&mut out);
        out
    }

    /// Put the answer to a query of these words last in `recent`: remembered,
    /// refined from the narrowest remembered query it refines, or scanned.
    fn answer(&mut self, ops: &OperationCatalog, ws: Vec<String>) {
        if let Some(k) = self.recent.iter().position(|a| a.words == ws) {
            // Most recent last: backspacing keeps finding it.
            if let Some(a) = self.recent.remove(k) {
                self.recent.push_back(a);
            }
        } else {
            let base = self
                .recent
                .iter()
                .filter(|a| refines(&ws, &a.words))
                .min_by_key(|a| a.anywhere.count());
            // The index answers words of one or two bytes, and narrows longer ones
            // to the entries holding all their byte pairs; the remembered answer
            // narrows them further.
            let (in_names, mut anywhere, exact) = ops.grams().candidates(&ws);
            if let Some(b) = base {
                anywhere.intersect_with(&b.anywhere);
            }
            let fresh = if exact {
                (in_names, anywhere)
            } else {
                refine(ops, &ws, &anywhere)
            };
            if self.recent.len() == KEEP {
                self.recent.pop_front();
            }
            self.recent.push_back(Answer {
                words: ws,
                in_names: fresh.0,
                anywhere: fresh.1,
            });
        }
    }
}

/// Test only the entries of `candidates`: every word in the name, or every word in
/// the name or the description (a description is read only for words the name
/// lacks).
fn refine(ops: &OperationCatalog, ws: &[String], candidates: &BitSet) -> (BitSet, BitSet) {
    let mut in_names = BitSet::new(ops.len());
    let mut anywhere = BitSet::new(ops.len());
    for i in candidates.iter() {
        let name = ops.lower(i);
        let mut all_in_name = true;
        let mut all_anywhere = true;
        for w in ws {
            if contains_folded(name, w) {
                continue;
            }
            all_in_name = false;
            if !contains_folded(ops.description_lower(i), w) {
                all_anywhere = false;
                break;
            }
        }
        if all_in_name {
            in_names.insert(i);
        }
        if all_anywhere {
            anywhere.insert(i);
        }
    }
    (in_names, anywhere)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog as cat;

    #[test]
    fn a_pattern_lists_what_it_matches() {
        let c = cat().unwrap();
        let mut s = OperationSearch::new();
        let ops = &c.operations;
        let naive = |p: &str, data: Option<bool>| -> Vec<usize> {
            let pat = crate::pattern::ActionPattern::new(p).unwrap();
            (0..ops.len())
                .filter(|&i| pat.matches(ops.name(i)) && data.is_none_or(|d| ops.is_data(i) == d))
                .collect()
        };
        for (p, data) in [
            ("Microsoft.Compute/virtualMachines/*", None),
            ("Microsoft.Network/*/read", Some(false)),
            ("*/listKeys/action", None),
            ("Microsoft.Storage/*", Some(true)),
            ("*", None),
        ] {
            let found = s.run(c, p, data);
            assert!(!found.is_empty(), "{p}");
            assert_eq!(found, naive(p, data), "{p}");
        }
        // Words with a `*` but no `/` are words.
        assert!(as_pattern("listkeys *").is_none());
    }

    #[test]
    fn typing_and_backspacing_give_the_full_search_answers() {
        let c = cat().unwrap();
        let mut s = OperationSearch::new();
        for text in [
            "Microsoft.Network/networkInterfaces",
            "storage listkeys",
            "list  KEYS read",
        ] {
            let typed: Vec<&str> = (1..=text.len()).map(|n| &text[..n]).collect();
            for q in typed.iter().chain(typed.iter().rev()) {
                for plane in [None, Some(true), Some(false)] {
                    assert_eq!(
                        s.run(c, q, plane),
                        super::super::operations(c, q, plane),
                        "{q:?}"
                    );
                }
            }
        }
        assert!(s.recent.len() <= KEEP);
    }
}
