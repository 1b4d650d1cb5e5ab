//! The roles search as people type: each keystroke's query is answered from the
//! recent queries when it can be, as [`super::OperationSearch`] does for operations.
//!
//! Backspacing returns to a query already answered. Typing a word query extends it,
//! and a role matching the longer query matched the shorter one (every word of the
//! shorter lies inside a word of the longer, and a permission matching the longer
//! matched it too): only the roles of the shorter query's answer are tested. An
//! action query is answered afresh or remembered, never narrowed (a pattern can
//! grant `…/networkInterfaces/read` and not `…/network`). The answers are those of
//! [`super::roles`] (a property test types and erases random queries against it).

use super::recent::refines;
use super::{looks_like_action, word_hits, words, RoleFilter, RoleHit};
use crate::roleset::RoleSet;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many recent queries are kept (an answer is at most one entry per role).
const KEEP: usize = 32;

#[derive(Debug)]
struct Answer {
    query: String,
    /// The query's words when it is no action query.
    words: Option<Vec<String>>,
    filter: RoleFilter,
    hits: Arc<Vec<RoleHit>>,
}

/// A roles search over one role set at a time that remembers its recent answers;
/// a new set (a role saved, edited or deleted) forgets them.
#[derive(Debug, Default)]
pub struct RoleSearch {
    generation: u64,
    recent: VecDeque<Answer>,
}

impl RoleSearch {
    /// An empty search (no query remembered).
    pub fn new() -> Self {
        Self::default()
    }

    /// The roles matching `query` in `set` under `filter`: [`super::roles`].
    pub fn run(
        &mut self,
        set: &RoleSet<'_>,
        query: &str,
        filter: &RoleFilter,
    ) -> Arc<Vec<RoleHit>> {
        if self.generation != set.generation() {
            self.recent.clear();
            self.generation = set.generation();
        }
        if let Some(k) = self
            .recent
            .iter()
            .position(|a| a.query == query && a.filter == *filter)
        {
            if let Some(a) = self.recent.remove(k) {
                let hits = Arc::clone(&a.hits);
                // Most recent last: backspacing keeps finding it.
                self.recent.push_back(a);
                return hits;
            }
        }
        let ws = (!looks_like_action(query)).then(|| words(query));
        let hits = match &ws {
            None => super::roles(set, query, filter),
            Some(ws) => {
                let base = self
                    .recent
                    .iter()
                    .filter(|a| a.filter == *filter)
                    .filter(|a| a.words.as_ref().is_some_and(|old| refines(ws, old)))
                    .min_by_key(|a| a.hits.len());
                match base {
                    Some(b) => word_hits(
                        set,
                        ws,
                        filter,
                        b.hits
                            .iter()
                            .filter_map(|h| Some((h.role, set.get(h.role)?))),
                    ),
                    None => word_hits(set, ws, filter, set.all()),
                }
            }
        };
        let hits = Arc::new(hits);
        if self.recent.len() == KEEP {
            self.recent.pop_front();
        }
        self.recent.push_back(Answer {
            query: query.to_string(),
            words: ws,
            filter: filter.clone(),
            hits: Arc::clone(&hits),
        });
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Plane;

    fn same(a: &[RoleHit], b: &[RoleHit]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.role == y.role
                    && x.holds == y.holds
                    && x.grant.as_ref().map(|g| (&g.id, &g.patterns))
                        == y.grant.as_ref().map(|g| (&g.id, &g.patterns))
            })
    }

    #[test]
    fn typing_and_backspacing_give_the_full_search_answers() {
        let cat = crate::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        let mut s = RoleSearch::new();
        let filters = [
            RoleFilter::default(),
            RoleFilter {
                plane: Some(Plane::CloudPc),
                ..RoleFilter::default()
            },
        ];
        for text in [
            "network contributor",
            "Microsoft.Network/networkInterfaces/join/action",
            "reboot cloud",
            "cloud pc reader",
        ] {
            let typed: Vec<&str> = (1..=text.len()).map(|n| &text[..n]).collect();
            for q in typed.iter().chain(typed.iter().rev()) {
                for f in &filters {
                    let fresh = super::super::roles(&set, q, f);
                    assert!(same(&s.run(&set, q, f), &fresh), "{q:?} {f:?}");
                }
            }
        }
        assert!(s.recent.len() <= KEEP);
        // Another set forgets: a custom role named like the query is found.
        let mut role = cat.role("Reader").unwrap().1.clone();
        role.id = "custom-1".into();
        role.name = "network contributor twin".into();
        role.kind = crate::RoleKind::AzureCustom;
        let other = RoleSet::new(cat, vec![role]);
        let q = "network contributor";
        let hits = s.run(&other, q, &RoleFilter::default());
        assert!(same(
            &hits,
            &super::super::roles(&other, q, &RoleFilter::default())
        ));
        assert!(hits
            .iter()
            .any(|h| other.get(h.role).is_some_and(|r| r.id == "custom-1")));
    }
}
