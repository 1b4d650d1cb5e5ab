//! "Did you mean": the closest known name to a mistyped one.
//!
//! Candidates come from an index (the sorted catalog: the operations of the
//! provider, or of the closest provider), distances skip the common prefix and
//! suffix and stop once the limit is passed, and callers that may ask many times
//! share a [`Budget`] so that a file of 30,000 unknown actions computes a bounded
//! number of suggestions with a bounded amount of distance work.

use crate::bundle::Catalog;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many suggestions one command computes at most (each costs up to a scan of
/// one provider's operations).
pub const MAX_SUGGESTIONS: usize = 50;

/// How much distance work (cells of the edit-distance table) one command spends on
/// suggestions at most: a few milliseconds in a release build, whatever the input.
pub const MAX_SUGGESTION_WORK: usize = 3_000_000;

/// Suggestions and distance work left, shared by the checks of one command.
#[derive(Debug)]
pub struct Budget {
    left: AtomicUsize,
    work: AtomicUsize,
}

impl Budget {
    /// A budget of `n` suggestions (and [`MAX_SUGGESTION_WORK`]).
    pub fn new(n: usize) -> Budget {
        Budget {
            left: AtomicUsize::new(n),
            work: AtomicUsize::new(MAX_SUGGESTION_WORK),
        }
    }

    /// Take one suggestion; false once the budget is spent.
    pub fn take(&self) -> bool {
        !self.is_spent()
            && self
                .left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_ok()
    }

    /// Whether no more suggestions will be computed.
    pub fn is_spent(&self) -> bool {
        self.left.load(Ordering::Relaxed) == 0 || self.work.load(Ordering::Relaxed) == 0
    }

    fn spend(&self, cells: usize) {
        let _ = self
            .work
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |w| {
                Some(w.saturating_sub(cells))
            });
    }
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::new(MAX_SUGGESTIONS)
    }
}

/// Edit distance between two strings, ignoring ASCII case, capped at `limit + 1`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    distance_counted(a, b, limit, &mut 0, &mut Rows::default())
}

/// The two rows of the distance table, reused from one distance to the next.
#[derive(Default)]
struct Rows {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// [`distance`], adding the cells of the table it computed to `cells`.
fn distance_counted(a: &str, b: &str, limit: usize, cells: &mut usize, rows: &mut Rows) -> usize {
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
    let a = a.get(..a.len() - suf).unwrap_or_default();
    let b = b.get(..b.len() - suf).unwrap_or_default();
    let Rows { prev, cur } = rows;
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(!ca.eq_ignore_ascii_case(cb));
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        *cells += b.len() + 1;
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(prev, cur);
    }
    prev[b.len()].min(limit + 1)
}

/// [`closest`], or else the shortest candidate that begins with the input (ASCII
/// case ignored, at least 4 characters typed): `create-provisioning` suggests
/// `create-provisioning-policy`, `Cloud PC Admin` `Cloud PC Administrator`.
pub fn closest_or_completion<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    // A one-letter slip first; then what the input begins (`Cloud PC Adm` is the
    // start of `Cloud PC Administrator`, though `Cloud PC Reader` is fewer edits
    // away); then the closest within a third of its length.
    let typed = input.trim();
    closest_within(input, candidates.clone(), None, 1)
        .or_else(|| {
            (typed.len() >= 4)
                .then(|| {
                    candidates
                        .clone()
                        .into_iter()
                        .filter(|c| {
                            c.len() > typed.len()
                                && c.get(..typed.len())
                                    .is_some_and(|head| head.eq_ignore_ascii_case(typed))
                        })
                        .min_by_key(|c| c.len())
                })
                .flatten()
        })
        .or_else(|| closest(input, candidates))
}

/// The closest candidate within a third of the input's length (at least 2 edits).
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (input.len() / 3).max(2);
    closest_within(input, candidates, None, limit)
}

/// [`closest`], spending the distance work from `budget` and stopping (with the
/// best so far) once it is spent.
fn closest_in<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    budget: Option<&Budget>,
) -> Option<&'a str> {
    // Most typos are a few edits away, and a small limit stops each distance
    // early: look within three edits first, then within a third of the length.
    let limit = (input.len() / 3).max(2);
    if limit > NEAR {
        if let Some(c) = closest_within(input, candidates.clone(), budget, NEAR) {
            return Some(c);
        }
    }
    closest_within(input, candidates, budget, limit)
}

/// Edits within which a first, cheap pass looks for a suggestion.
const NEAR: usize = 3;

fn closest_within<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: Option<&Budget>,
    limit: usize,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let mut rows = Rows::default();
    for c in candidates {
        if budget.is_some_and(|b| b.work.load(Ordering::Relaxed) == 0) {
            break;
        }
        let mut cells = 0;
        let within = best.map_or(limit, |(d, _)| d.min(limit));
        let d = distance_counted(input, c, within, &mut cells, &mut rows);
        if let Some(b) = budget {
            b.spend(cells);
        }
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Most edits between a typed provider namespace and one it is taken to mean.
pub const PROVIDER_EDITS: usize = 3;

/// Whether a provider namespace that does not exist (`given`) reads as a typo of
/// `theirs`: within a third of the name after the last dot (`Fake`: 1 edit,
/// `Comptue`: 2), at most [`PROVIDER_EDITS`], case aside. `Microsoft.ClassicNetwork`
/// is not `Microsoft.HybridNetwork` (6 edits).
pub fn provider_near(given: &str, theirs: &str) -> bool {
    let name = given.rsplit('.').next().unwrap_or(given);
    let edits = (name.len() / 3).clamp(1, PROVIDER_EDITS);
    distance(
        &given.to_ascii_lowercase(),
        &theirs.to_ascii_lowercase(),
        edits,
    ) <= edits
}

/// The closest Azure operation name (on the requested plane first) to an unknown
/// action or pattern: a catalog entry that continues what was typed
/// ([`longer_operation`]) first, else the closest by edit distance.
pub fn suggest_operation(catalog: &Catalog, input: &str, data: bool) -> Option<String> {
    if let Some(longer) = longer_operation(catalog, input, data) {
        return Some(longer);
    }
    operation_in(catalog, input, data, None)
}

/// [`suggest_operation`] from a budget: `None` once it is spent.
pub fn suggest_operation_within(
    catalog: &Catalog,
    input: &str,
    data: bool,
    budget: &Budget,
) -> Option<String> {
    if !budget.take() {
        return None;
    }
    if let Some(longer) = longer_operation(catalog, input, data) {
        return Some(longer);
    }
    operation_in(catalog, input, data, Some(budget))
}

fn operation_in(
    catalog: &Catalog,
    input: &str,
    data: bool,
    budget: Option<&Budget>,
) -> Option<String> {
    let ops = &catalog.operations;
    let lower = input.to_ascii_lowercase();
    let namespace = lower.split('/').next().unwrap_or_default();
    // Narrow to the provider when it exists, else to a provider spelled nearly the
    // same (`Microsoft.Comptue`); never another provider's action a few edits
    // away (`Microsoft.ClassicNetwork/...` is not `Microsoft.HybridNetwork/...`,
    // review i1 #3).
    let provider = match ops.find_provider(namespace) {
        Some(p) => Some(p.name.to_ascii_lowercase()),
        None => closest_in(
            namespace,
            ops.providers().iter().map(|p| p.name.as_str()),
            budget,
        )
        .filter(|p| provider_near(namespace, p))
        .map(str::to_ascii_lowercase),
    };
    let provider = provider?;
    let range = ops.prefix_range(&format!("{provider}/"));
    let tail_start = namespace.len();
    let fixed_input = format!("{provider}{}", &lower[tail_start.min(lower.len())..]);
    let same_plane = closest_in(
        &fixed_input,
        range
            .clone()
            .filter(|&i| ops.is_data(i) == data)
            .map(|i| ops.lower(i)),
        budget,
    );
    let any = same_plane
        .or_else(|| closest_in(&fixed_input, range.clone().map(|i| ops.lower(i)), budget));
    let found = any?;
    range
        .clone()
        .find(|&i| ops.lower(i) == found)
        .map(|i| ops.name(i).to_string())
}

/// The shortest catalog entry that continues what was typed: first one that adds
/// whole segments (`.../subnets/join` → `.../subnets/join/action`, not
/// `.../subnets/joinViaServiceEndpoint/action`), else one that completes the last
/// segment (`.../virtualMachines/star` → `.../virtualMachines/start/action`); the
/// requested plane first. A typed name that is nearly right is more often cut short
/// than misspelled, and edit distance alone prefers `subnets/read`. One binary
/// search and one pass over the entries that share the prefix.
pub fn longer_operation(catalog: &Catalog, input: &str, data: bool) -> Option<String> {
    let ops = &catalog.operations;
    let lower = input.trim().to_ascii_lowercase();
    // At least a provider and a resource type, and no wildcard.
    if lower.contains('*') || lower.matches('/').count() < 1 || lower.ends_with('/') {
        return None;
    }
    let range = ops.prefix_range(&lower);
    let segment = format!("{lower}/");
    let pick = |whole: bool, plane: Option<bool>| {
        range
            .clone()
            .filter(|&i| ops.lower(i).len() > lower.len())
            .filter(|&i| !whole || ops.lower(i).starts_with(&segment))
            .filter(|&i| plane.is_none_or(|d| ops.is_data(i) == d))
            .min_by_key(|&i| (ops.lower(i).len(), i))
    };
    pick(true, Some(data))
        .or_else(|| pick(false, Some(data)))
        .or_else(|| pick(true, None))
        .or_else(|| pick(false, None))
        .map(|i| ops.name(i).to_string())
}

/// [`suggest_permission`] from a budget: `None` once it is spent.
pub fn suggest_permission_within(
    catalog: &Catalog,
    input: &str,
    budget: &Budget,
) -> Option<String> {
    if !budget.take() {
        return None;
    }
    suggest_permission(catalog, input)
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

    /// "Did you mean" stays within the provider, or one spelled nearly the same
    /// (review i1 #3: `Microsoft.ClassicNetwork/...` was offered
    /// `Microsoft.HybridNetwork/devices/join/action`).
    #[test]
    fn a_suggestion_never_crosses_to_an_unrelated_provider() {
        let cat = crate::catalog().unwrap();
        let classic = "Microsoft.ClassicNetwork/networkSecurityGroups/join/action";
        assert_eq!(suggest_operation(cat, classic, false), None);
        assert_eq!(suggest_operation(cat, classic, true), None);
        let typo = suggest_operation(cat, "Microsoft.Comptue/virtualMachines/read", false);
        assert_eq!(
            typo.as_deref(),
            Some("Microsoft.Compute/virtualMachines/read")
        );
        assert!(provider_near("Microsoft.Comptue", "Microsoft.Compute"));
        assert!(!provider_near(
            "Microsoft.ClassicNetwork",
            "Microsoft.HybridNetwork"
        ));
    }

    #[test]
    fn a_longer_entry_with_the_typed_prefix_wins() {
        let cat = crate::catalog().unwrap_or_else(|e| unreachable!("{e}"));
        let s = |t: &str| suggest_operation(cat, t, false);
        assert_eq!(
            s("Microsoft.Network/virtualNetworks/subnets/join").as_deref(),
            Some("Microsoft.Network/virtualNetworks/subnets/join/action")
        );
        assert_eq!(
            s("microsoft.compute/virtualMachines/star").as_deref(),
            Some("Microsoft.Compute/virtualMachines/start/action")
        );
        // A data action is found from the data plane first.
        assert_eq!(
            suggest_operation(cat, "Microsoft.KeyVault/vaults/secrets/getSecret", true).as_deref(),
            Some("Microsoft.KeyVault/vaults/secrets/getSecret/action")
        );
        // Misspelled rather than cut short: edit distance as before.
        assert_eq!(
            s("Microsoft.Network/virtualNetwork/subnets/read").as_deref(),
            Some("Microsoft.Network/virtualNetworks/subnets/read")
        );
        assert_eq!(longer_operation(cat, "Microsoft.Network/*", false), None);
    }

    #[test]
    fn the_budget_bounds_suggestions_and_work() {
        let cat = crate::catalog().unwrap();
        let b = Budget::new(2);
        let hit =
            suggest_operation_within(cat, "Microsoft.Compute/virtualMachinez/read", false, &b);
        assert_eq!(
            hit.as_deref(),
            Some("Microsoft.Compute/virtualMachines/read")
        );
        assert!(suggest_operation_within(
            cat,
            "Microsoft.Compute/virtualMachinez/write",
            false,
            &b
        )
        .is_some());
        assert!(b.is_spent());
        assert!(suggest_operation_within(
            cat,
            "Microsoft.Compute/virtualMachinez/delete",
            false,
            &b
        )
        .is_none());
        let b = Budget::new(1_000_000);
        let mut n = 0;
        while suggest_operation_within(
            cat,
            &format!("Microsoft.Netwrk/x{n}/rea{}d", "?".repeat(40)),
            false,
            &b,
        )
        .is_some()
            || !b.is_spent()
        {
            n += 1;
            assert!(n < 10_000, "the work budget never ran out");
        }
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert_eq!(distance("ABC", "abc", 1), 0);
        assert_eq!(distance("a", "abcdef", 2), 3);
        assert_eq!(closest("raed", ["read", "write"]), Some("read"));
        assert_eq!(closest("zzzzzz", ["read", "write"]), None);
    }

    #[test]
    fn a_typed_beginning_is_completed() {
        let ops = [
            "create-provisioning-policy",
            "create-anc",
            "create-provisioning-policy-agents",
        ];
        assert_eq!(
            super::closest_or_completion("create-provisioning", ops.iter().copied()),
            Some("create-provisioning-policy")
        );
        let roles = ["Cloud PC Administrator", "Cloud PC Reader"];
        assert_eq!(
            super::closest_or_completion("Cloud PC Admin", roles.iter().copied()),
            Some("Cloud PC Administrator")
        );
        assert_eq!(
            super::closest_or_completion("Clo", roles.iter().copied()),
            None
        );
        // The beginning wins over a name fewer edits away.
        assert_eq!(
            super::closest_or_completion("Cloud PC Adm", roles.iter().copied()),
            Some("Cloud PC Administrator")
        );
        // A one-letter slip is still read as one.
        assert_eq!(
            super::closest_or_completion(
                "Cloud PC Reade",
                ["Cloud PC Reader", "Cloud PC Reader Extended"]
                    .iter()
                    .copied()
            ),
            Some("Cloud PC Reader")
        );
    }
}
