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
