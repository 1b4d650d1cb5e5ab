//! Group effective operations for display: provider → resource type → verb, with
//! the data plane kept apart.

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use serde::Serialize;

/// What kind of operation, from its last segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verb {
    /// `.../read`
    Read,
    /// `.../write`
    Write,
    /// `.../delete`
    Delete,
    /// `.../action` and anything else (POST operations).
    Action,
}

impl Verb {
    /// The verb of an operation name.
    pub fn of(name: &str) -> Verb {
        let last = name.rsplit('/').next().unwrap_or_default();
        if last.eq_ignore_ascii_case("read") {
            Verb::Read
        } else if last.eq_ignore_ascii_case("write") {
            Verb::Write
        } else if last.eq_ignore_ascii_case("delete") {
            Verb::Delete
        } else {
            Verb::Action
        }
    }

    /// A label.
    pub fn label(self) -> &'static str {
        match self {
            Verb::Read => "read",
            Verb::Write => "write",
            Verb::Delete => "delete",
            Verb::Action => "action",
        }
    }
}

/// Operations of one resource type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeGroup {
    /// `virtualNetworks/subnets` (empty for provider-level operations).
    pub resource_type: String,
    /// Catalog indexes, sorted by name.
    pub ops: Vec<usize>,
}

/// Operations of one provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderGroup {
    /// `Microsoft.Network`
    pub provider: String,
    /// Docs category.
    pub category: Option<String>,
    /// Data actions rather than actions.
    pub data: bool,
    /// Catalog indexes, sorted by name.
    pub ops: Vec<usize>,
    /// Counts per verb: read, write, delete, action.
    pub verbs: [usize; 4],
    /// Total.
    pub total: usize,
}

impl ProviderGroup {
    /// The operations by resource type, in order of first appearance (computed when
    /// a view opens the group: Owner's 18,000 operations fall in about 300
    /// providers and several thousand types).
    pub fn types(&self, catalog: &Catalog) -> Vec<TypeGroup> {
        let mut index: std::collections::HashMap<Folded<'_>, usize> =
            std::collections::HashMap::new();
        let mut types: Vec<TypeGroup> = Vec::new();
        for &i in &self.ops {
            let rt = resource_type_of(catalog.operations.name(i));
            match index.get(&Folded(rt)) {
                Some(&t) => {
                    if let Some(tg) = types.get_mut(t) {
                        tg.ops.push(i);
                    }
                }
                None => {
                    index.insert(Folded(rt), types.len());
                    types.push(TypeGroup {
                        resource_type: rt.to_string(),
                        ops: vec![i],
                    });
                }
            }
        }
        types
    }
}

/// The resource type of an operation name: the segments between the provider and
/// the verb (`.../join/action` drops two segments).
pub fn resource_type(name: &str) -> String {
    resource_type_of(name).to_string()
}

/// [`resource_type`] as a slice of the name (no allocation: grouping calls it for
/// every operation of a role, 18,000 for Owner).
fn resource_type_of(name: &str) -> &str {
    let (Some(first), Some(mut last)) = (name.find('/'), name.rfind('/')) else {
        return "";
    };
    if name[last + 1..].eq_ignore_ascii_case("action") && last > first {
        last = name[..last].rfind('/').unwrap_or(first);
    }
    name.get(first + 1..last).unwrap_or_default()
}

/// A resource type compared and hashed without regard to ASCII case.
#[derive(Clone, Copy)]
struct Folded<'a>(&'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// Group a set of catalog operations by provider; control plane first, then data
/// plane. The catalog is sorted by name, so operations of one provider are
/// consecutive; resource types come from [`ProviderGroup::types`].
pub fn group(catalog: &Catalog, set: &BitSet) -> Vec<ProviderGroup> {
    let ops = &catalog.operations;
    let provider_name = |i: usize, name: &'_ str| -> String {
        ops.provider(i)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| name.split('/').next().unwrap_or_default().to_string())
    };
    let mut out: Vec<ProviderGroup> = Vec::new();
    for data in [false, true] {
        let mut current: Option<usize> = None;
        // The provider table index of the current group's last entry: an entry of
        // the same provider joins it without comparing names (Owner's 18,000).
        let mut current_index: Option<usize> = None;
        for i in set.iter().filter(|&i| ops.is_data(i) == data) {
            let name = ops.name(i);
            let index = ops.provider_index(i);
            let pname = (index.is_none() || index != current_index || current.is_none())
                .then(|| provider_name(i, name));
            current_index = index;
            let same = match &pname {
                None => true,
                Some(p) => current
                    .and_then(|c| out.get(c))
                    .is_some_and(|g| g.provider.eq_ignore_ascii_case(p)),
            };
            if let (false, Some(pname)) = (same, pname) {
                out.push(ProviderGroup {
                    provider: pname,
                    category: ops.provider(i).and_then(|p| p.category.clone()),
                    data,
                    ops: Vec::new(),
                    verbs: [0; 4],
                    total: 0,
                });
                current = Some(out.len() - 1);
            }
            let Some(g) = current.and_then(|c| out.get_mut(c)) else {
                continue;
            };
            g.ops.push(i);
            g.verbs[Verb::of(name) as usize] += 1;
            g.total += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grouping as first written: a name comparison for every entry.
    fn naive(catalog: &Catalog, set: &BitSet) -> Vec<ProviderGroup> {
        let ops = &catalog.operations;
        let mut out: Vec<ProviderGroup> = Vec::new();
        for data in [false, true] {
            let mut current: Option<usize> = None;
            for i in set.iter().filter(|&i| ops.is_data(i) == data) {
                let name = ops.name(i);
                let provider = ops.provider(i);
                let pname = provider
                    .map(|p| p.name.as_str())
                    .unwrap_or_else(|| name.split('/').next().unwrap_or_default());
                let same = current
                    .and_then(|c| out.get(c))
                    .is_some_and(|g| g.provider.eq_ignore_ascii_case(pname));
                if !same {
                    out.push(ProviderGroup {
                        provider: pname.to_string(),
                        category: provider.and_then(|p| p.category.clone()),
                        data,
                        ops: Vec::new(),
                        verbs: [0; 4],
                        total: 0,
                    });
                    current = Some(out.len() - 1);
                }
                if let Some(g) = current.and_then(|c| out.get_mut(c)) {
                    g.ops.push(i);
                    g.verbs[Verb::of(name) as usize] += 1;
                    g.total += 1;
                }
            }
        }
        out
    }

    #[test]
    fn grouping_agrees_with_the_naive_one_for_every_builtin_role() {
        #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
        let cat = crate::catalog().unwrap();
        for (r, ex) in cat.roles.iter().zip(cat.builtin_expansions()) {
            for set in [&ex.granted, &ex.conditional] {
                assert_eq!(group(cat, set), naive(cat, set), "{}", r.name);
            }
        }
        let all = BitSet::full(cat.operations.len());
        assert_eq!(group(cat, &all), naive(cat, &all));
    }

    #[test]
    fn verbs_and_types() {
        assert_eq!(
            Verb::of("Microsoft.Network/virtualNetworks/read"),
            Verb::Read
        );
        assert_eq!(
            Verb::of("Microsoft.Network/networkInterfaces/join/action"),
            Verb::Action
        );
        assert_eq!(
            resource_type("Microsoft.Network/virtualNetworks/subnets/join/action"),
            "virtualNetworks/subnets"
        );
        assert_eq!(resource_type("Microsoft.Network/register/action"), "");
        assert_eq!(resource_type("Microsoft.Compute/disks/read"), "disks");
    }

    /// The resource type as first written: split, drop the verb, join.
    fn naive_resource_type(name: &str) -> String {
        let segs: Vec<&str> = name.split('/').collect();
        let mut end = segs.len().saturating_sub(1);
        if segs
            .last()
            .is_some_and(|s| s.eq_ignore_ascii_case("action"))
            && end > 1
        {
            end -= 1;
        }
        segs.get(1..end.max(1))
            .map(|s| s.join("/"))
            .unwrap_or_default()
    }

    #[test]
    fn resource_types_match_the_split_and_join_reading() {
        let cat = crate::catalog().unwrap();
        let odd = [
            "",
            "/",
            "//",
            "a",
            "a/",
            "/a",
            "a/action",
            "a/b/action",
            "a/b/ACTION",
            "a//action",
            "a/b//action",
            "a/b/c/d/Action",
            "a/b/c/read",
            "action",
            "/action",
            "a/b/c/",
        ];
        let all = (0..cat.operations.len())
            .map(|i| cat.operations.name(i))
            .chain(odd);
        for name in all {
            assert_eq!(resource_type(name), naive_resource_type(name), "{name:?}");
        }
    }

    #[test]
    fn groups_a_role() {
        let cat = crate::catalog().unwrap();
        let (i, _) = cat
            .role("Windows 365 Network Interface Contributor")
            .unwrap();
        let g = group(cat, &cat.builtin_expansions()[i].granted);
        let names: Vec<&str> = g.iter().map(|p| p.provider.as_str()).collect();
        assert_eq!(names, ["Microsoft.Network", "Microsoft.Resources"]);
        assert_eq!(g.iter().map(|p| p.total).sum::<usize>(), 15);
        assert_eq!(g[0].verbs, [4, 1, 1, 3]);
        let types = g[0].types(cat);
        assert_eq!(types.iter().map(|t| t.ops.len()).sum::<usize>(), g[0].total);
        assert!(types.iter().any(|t| t.resource_type == "networkInterfaces"));
    }
}
