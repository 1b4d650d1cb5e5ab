//! "Did you mean": the closest known name to a mistyped one.

use crate::bundle::Catalog;

/// Edit distance between two strings, ignoring ASCII case, capped at `limit + 1`.
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
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
/// action or pattern: a catalog entry that continues what was typed
/// ([`longer_operation`]) first, else the closest by edit distance.
pub fn suggest_operation(catalog: &Catalog, input: &str, data: bool) -> Option<String> {
    if let Some(longer) = longer_operation(catalog, input, data) {
        return Some(longer);
    }
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
    fn distances() {
        assert_eq!(distance("kitten", "sitting", 5), 3);
        assert_eq!(distance("ABC", "abc", 1), 0);
        assert_eq!(distance("a", "abcdef", 2), 3);
        assert_eq!(closest("raed", ["read", "write"]), Some("read"));
        assert_eq!(closest("zzzzzz", ["read", "write"]), None);
    }
}
