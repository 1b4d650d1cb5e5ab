//! Searching the catalog as people type: operations by name and description,
//! roles by name, id, description or by an action they grant.
//!
//! Every word of the query must appear (case ignored). Results keep catalog order
//! except that name matches rank before description-only matches.

use crate::bundle::Catalog;
use crate::model::{Plane, Role, RoleKind};
use crate::reverse::{who_grants, Grant};
use crate::roleset::RoleSet;

mod recent;
mod recent_roles;
pub use recent::{as_pattern, OperationSearch};
pub use recent_roles::RoleSearch;

/// Lowercase words of a query.
pub fn words(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in query.split_whitespace().map(str::to_ascii_lowercase) {
        if out.len() == MAX_WORDS {
            break;
        }
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// How many distinct words a search reads: a query is a few words, and each word is
/// a pass over the catalog, so a pasted text of thousands of words would hold the
/// page for seconds (review H2 H3). The rest are not searched; [`words_left_out`]
/// says how many, for the page to say so.
pub const MAX_WORDS: usize = 32;

/// How many distinct words of `query` past [`MAX_WORDS`] a search leaves out.
pub fn words_left_out(query: &str) -> usize {
    let mut seen = std::collections::HashSet::new();
    query
        .split_whitespace()
        .filter(|w| seen.insert(w.to_ascii_lowercase()))
        .count()
        .saturating_sub(MAX_WORDS)
}

/// Operation indexes matching every word, name matches first (one query; a search
/// box keeps an [`OperationSearch`], which answers from its recent queries).
pub fn operations(catalog: &Catalog, query: &str, data_only: Option<bool>) -> Vec<usize> {
    OperationSearch::new().run(catalog, query, data_only)
}

/// Whether `hay` contains `lower` (ASCII lowercase) with ASCII case ignored, without
/// a lowercase copy of `hay` (the roles search tests 941 names and descriptions per
/// keystroke).
pub fn contains_folded(hay: &str, lower: &str) -> bool {
    let (h, n) = (hay.as_bytes(), lower.as_bytes());
    let (Some(&first), Some(&last)) = (n.first(), n.last()) else {
        return true;
    };
    // A cheap test of the first and last bytes before the full comparison: `| 0x20`
    // lowercases an ASCII letter and maps two bytes that are equal ignoring ASCII
    // case to the same value (it may also map two different ones together, which
    // the full comparison then rejects).
    let (first, last, end) = (first | 0x20, last | 0x20, n.len() - 1);
    h.windows(n.len()).any(|w| {
        w.first().is_some_and(|&b| b | 0x20 == first)
            && w.get(end).is_some_and(|&b| b | 0x20 == last)
            && w.eq_ignore_ascii_case(n)
    })
}

/// Whether a query reads as an action (`Microsoft.Network/.../join/action`,
/// `CloudPCs/Reboot`, `*/read`): one word with a `/`.
pub fn looks_like_action(query: &str) -> bool {
    let q = query.trim();
    !q.is_empty() && !q.contains(char::is_whitespace) && q.contains('/')
}

/// Filters of the roles list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleFilter {
    /// Only this plane.
    pub plane: Option<Plane>,
    /// Only this Azure docs category (`none` for roles without one).
    pub category: Option<String>,
    /// Only built-in (`Some(true)`) or only supplied (`Some(false)`) roles.
    pub builtin: Option<bool>,
}

impl RoleFilter {
    fn accepts(&self, r: &Role) -> bool {
        self.plane.is_none_or(|p| r.plane() == p)
            && self.builtin.is_none_or(|b| r.kind.is_builtin() == b)
            && self.category.as_deref().is_none_or(|c| match c {
                "none" => r.category.is_none(),
                c => r.category.as_deref() == Some(c),
            })
    }
}

/// One row of a role search.
#[derive(Debug, Clone)]
pub struct RoleHit {
    /// The role.
    pub role: crate::roleset::RoleRef,
    /// When the query was an action: how the role grants it.
    pub grant: Option<Grant>,
    /// When the query matched Cloud PC or Intune permissions rather than the role's
    /// name: the ones the role holds.
    pub holds: Vec<String>,
}

/// Roles matching a query: by words in name, id and description, or, when the query
/// reads as an action, the roles granting it (smallest first, with their patterns).
pub fn roles(set: &RoleSet<'_>, query: &str, filter: &RoleFilter) -> Vec<RoleHit> {
    if looks_like_action(query) {
        return action_hits(set, query, filter);
    }
    word_hits(set, &words(query), filter, set.all())
}

/// The roles granting an action (or data action) the query names.
fn action_hits(set: &RoleSet<'_>, query: &str, filter: &RoleFilter) -> Vec<RoleHit> {
    let mut seen = std::collections::HashSet::new();
    let query = query.trim();
    // An action without a provider namespace (`devices/create`) is no Azure
    // operation, which only Azure's `*` roles would have matched: read as the
    // Microsoft Entra directory permission when a role holds that (an outside
    // review: Contributor and Owner were listed for `devices/create`).
    if let Some((_, grants)) = crate::reverse::directory_reading(set, query) {
        return grants
            .into_iter()
            .filter_map(|g| hit(set, g, filter, &mut seen))
            .collect();
    }
    // The plane the operations catalog knows the name (or what the pattern
    // matches) on decides which grants count, as for `grants` and `eval`: a data
    // action only through DataActions (§4: Reader's `*/read` does not read blobs;
    // an outside review found Reader and Contributor listed for data actions). A
    // name on both planes, or on none, is looked up on both: the roles granting
    // the action, then those granting a data action of the same name that the
    // first list lacks.
    let cat = set.catalog();
    let known = if crate::evaluate::detect_plane(cat, query) != Plane::Azure {
        None
    } else if query.contains('*') {
        crate::pattern::ActionPattern::new(query)
            .ok()
            .and_then(|p| crate::reverse::pattern_plane(cat, &p))
    } else {
        crate::evaluate::catalog_plane(cat, query)
    };
    let planes: &[bool] = match known {
        Some(true) => &[true],
        Some(false) => &[false],
        None => &[false, true],
    };
    planes
        .iter()
        .flat_map(|&data| who_grants(set, query, data))
        .filter_map(|g| hit(set, g, filter, &mut seen))
        .collect()
}

/// A row for a role that grants the action, unless the filter leaves it out or it
/// is listed already.
fn hit(
    set: &RoleSet<'_>,
    g: Grant,
    filter: &RoleFilter,
    seen: &mut std::collections::HashSet<String>,
) -> Option<RoleHit> {
    let r = set.resolve(&g.id).ok()?;
    let role = set.get(r)?;
    (filter.accepts(role) && seen.insert(g.id.clone())).then_some(RoleHit {
        role: r,
        grant: Some(g),
        holds: Vec::new(),
    })
}

/// The roles among `candidates` (in their order) with every word in their name, id,
/// description or an alias, or holding a Cloud PC or Intune permission whose name has
/// every word.
fn word_hits<'a>(
    set: &'a RoleSet<'_>,
    ws: &[String],
    filter: &RoleFilter,
    candidates: impl Iterator<Item = (crate::roleset::RoleRef, &'a Role)>,
) -> Vec<RoleHit> {
    let cat = set.catalog();
    // Cloud PC and Intune permissions whose name has every word: a role holding one
    // matches too, so "reboot" finds the roles that can reboot Cloud PCs.
    let perm_match = |name: &str, graph: &str| {
        !ws.is_empty()
            && ws
                .iter()
                .all(|w| contains_folded(name, w) || contains_folded(graph, w))
    };
    let cloud: Vec<usize> = (0..cat.windows365.permissions.len())
        .filter(|&i| {
            cat.windows365
                .permissions
                .get(i)
                .is_some_and(|p| perm_match(&p.name, &p.graph))
        })
        .collect();
    let intune: Vec<usize> = (0..cat.intune.len())
        .filter(|&i| {
            cat.intune
                .permissions
                .get(i)
                .is_some_and(|p| perm_match(p.short(), &p.graph))
        })
        .collect();
    // The built-in roles that may have every word (the index of their text's byte
    // pairs); the others are not read.
    let builtin_may = (!ws.is_empty()).then(|| cat.role_grams().candidates(ws).1);
    let mut hits: Vec<RoleHit> = candidates
        .filter(|(_, r)| filter.accepts(r))
        .filter_map(|(rr, r)| {
            let unread = match (rr, &builtin_may) {
                (crate::roleset::RoleRef::Builtin(i), Some(may)) => !may.contains(i),
                _ => false,
            };
            let by_words = ws.is_empty()
                || !unread
                    && ws.iter().all(|w| {
                        contains_folded(&r.name, w)
                            || contains_folded(&r.description, w)
                            || contains_folded(&r.id, w)
                            || r.aliases.iter().any(|a| contains_folded(a, w))
                    });
            if by_words {
                return Some(RoleHit {
                    role: rr,
                    grant: None,
                    holds: Vec::new(),
                });
            }
            // An Azure role grants Azure operations only: no Cloud PC or Intune
            // permission (a test checks every built-in one). Skipping them, the search
            // does not wait for the built-in Azure roles' expansions.
            if r.plane() == Plane::Azure || (cloud.is_empty() && intune.is_empty()) {
                return None;
            }
            let ex = set.expansion_now(rr)?;
            let mut holds: Vec<String> = cloud
                .iter()
                .filter(|&&i| ex.cloud_pc.contains(i))
                .filter_map(|&i| cat.windows365.permissions.get(i).map(|p| p.name.clone()))
                .collect();
            holds.extend(
                intune
                    .iter()
                    .filter(|&&i| ex.intune.contains(i))
                    .filter_map(|&i| cat.intune.permissions.get(i).map(|p| p.short().to_string())),
            );
            (!holds.is_empty()).then_some(RoleHit {
                role: rr,
                grant: None,
                holds,
            })
        })
        .collect();
    rank(set, ws, &mut hits);
    hits
}

/// Order word hits by relevance (an outside review: "network" listed the two
/// Windows 365 network roles last, after 29 others, alphabetically): the role named
/// exactly as the query first, then roles whose name has every word, Windows 365's
/// (Cloud PC, Intune and Entra roles, Azure roles named "Windows 365 ...") before
/// the others, then the rest (a match in the description, id or a permission).
/// Within a rank, catalog order (the user's roles first): a total order whatever
/// order the hits come in, so narrowing a recent answer gives the same rows.
fn rank(set: &RoleSet<'_>, ws: &[String], hits: &mut [RoleHit]) {
    if ws.is_empty() {
        return;
    }
    let query = ws.join(" ");
    let tier = |r: &Role| -> u8 {
        let named = |w: &String| {
            contains_folded(&r.name, w) || r.aliases.iter().any(|a| contains_folded(a, w))
        };
        if r.name.eq_ignore_ascii_case(&query) {
            0
        } else if ws.iter().all(named) {
            let windows365 = r.plane() != Plane::Azure
                || r.name
                    .get(..11)
                    .is_some_and(|p| p.eq_ignore_ascii_case("windows 365"));
            if windows365 {
                1
            } else {
                2
            }
        } else {
            3
        }
    };
    let position = |r: crate::roleset::RoleRef| match r {
        crate::roleset::RoleRef::Custom(i) => (0, i),
        crate::roleset::RoleRef::Builtin(i) => (1, i),
    };
    hits.sort_by_cached_key(|h| (set.get(h.role).map_or(u8::MAX, tier), position(h.role)));
}

/// A category as the Azure built-in roles pages title it (`ai-machine-learning`
/// is "AI + machine learning"); an unknown one as written.
pub fn category_label(slug: &str) -> &str {
    match slug {
        "ai-machine-learning" => "AI + machine learning",
        "analytics" => "Analytics",
        "compute" => "Compute",
        "containers" => "Containers",
        "databases" => "Databases",
        "devops" => "DevOps",
        "general" => "General",
        "hybrid-multicloud" => "Hybrid + multicloud",
        "identity" => "Identity",
        "integration" => "Integration",
        "internet-of-things" => "Internet of Things",
        "management-and-governance" => "Management and governance",
        "migration" => "Migration",
        "monitor" => "Monitor",
        "networking" => "Networking",
        "privileged" => "Privileged",
        "security" => "Security",
        "storage" => "Storage",
        "web-and-mobile" => "Web and Mobile",
        other => other,
    }
}

/// The Azure docs categories present, sorted.
pub fn categories(catalog: &Catalog) -> Vec<String> {
    let mut c: Vec<String> = catalog
        .roles
        .iter()
        .filter(|r| r.kind == RoleKind::AzureBuiltIn)
        .filter_map(|r| r.category.clone())
        .collect();
    crate::order::sort(&mut c);
    c.dedup();
    c
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pasted_text_is_searched_for_its_first_distinct_words() {
        // Review H2 H3: 3,000 words were 3,000 passes over the catalog.
        let text: String = (0..3000).map(|i| format!("read{i} ")).collect();
        assert_eq!(words(&text).len(), MAX_WORDS);
        assert_eq!(words_left_out(&text), 3000 - MAX_WORDS);
        assert_eq!(words("Read read READ write"), vec!["read", "write"]);
        assert_eq!(words_left_out("read write"), 0);
        let cat = crate::catalog().unwrap();
        let t = std::time::Instant::now();
        assert!(operations(cat, &text, None).is_empty());
        // Words past the first are not read once nothing has them all.
        let names: String = (0..1000)
            .map(|i| format!("{} ", cat.operations.name(i * 20)))
            .collect();
        assert!(operations(cat, &names, None).is_empty());
        assert!(
            t.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            t.elapsed()
        );
    }

    use super::*;
    use crate::catalog as cat;

    #[test]
    fn every_bundled_category_has_a_title() {
        let c = cat().unwrap();
        for slug in categories(c) {
            assert_ne!(
                category_label(&slug),
                slug,
                "no title for the category {slug}"
            );
        }
    }

    #[test]
    fn operation_search_needs_every_word_and_ranks_names_first() {
        let c = cat().unwrap();
        let hits = operations(c, "networkInterfaces JOIN", None);
        assert!(!hits.is_empty());
        assert!(c.operations.lower(hits[0]).contains("networkinterfaces"));
        assert!(hits
            .iter()
            .take(3)
            .all(|&i| c.operations.lower(i).contains("join")));
        assert_eq!(operations(c, "", Some(true)).len(), 4_257);
        assert!(operations(c, "zzzz-no-such-thing", None).is_empty());
    }

    #[test]
    fn azure_roles_hold_no_cloud_pc_or_intune_permission() {
        let c = cat().unwrap();
        for (r, e) in c.roles.iter().zip(c.builtin_expansions()) {
            if r.plane() == Plane::Azure {
                assert!(e.cloud_pc.is_empty() && e.intune.is_empty(), "{}", r.name);
            }
        }
        // And the search finds the same roles without the expansions as with them.
        let fresh = crate::bundle::Catalog::decode().unwrap();
        let before = RoleSet::new(&fresh, Vec::new());
        let early: Vec<_> = roles(&before, "reboot", &RoleFilter::default())
            .into_iter()
            .map(|h| (h.role, h.holds))
            .collect();
        assert!(fresh.builtin_expansions_if_ready().is_none());
        let _ = fresh.builtin_expansions();
        let late: Vec<_> = roles(&before, "reboot", &RoleFilter::default())
            .into_iter()
            .map(|h| (h.role, h.holds))
            .collect();
        assert_eq!(early, late);
    }

    #[test]
    fn folded_contains_is_lowercase_contains() {
        for hay in [
            "",
            "a",
            "Ab",
            "aAB",
            "ABab",
            "Cloud PC Reader",
            "\u{e9}t\u{c9}",
        ] {
            for needle in [
                "", "a", "b", "ab", "ba", "aab", "abab", "ababa", "pc r", "\u{e9}",
            ] {
                assert_eq!(
                    contains_folded(hay, needle),
                    hay.to_ascii_lowercase().contains(needle),
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn a_permission_word_finds_the_roles_that_hold_it() {
        let c = cat().unwrap();
        let set = RoleSet::new(c, Vec::new());
        let hits = roles(&set, "reboot", &RoleFilter::default());
        let names: Vec<&str> = hits
            .iter()
            .filter_map(|h| set.get(h.role))
            .map(|r| r.name.as_str())
            .collect();
        assert!(names.contains(&"Cloud PC Administrator"), "{names:?}");
        let admin = hits
            .iter()
            .find(|h| {
                set.get(h.role)
                    .is_some_and(|r| r.name == "Cloud PC Administrator")
            })
            .unwrap();
        assert!(
            admin.holds.iter().any(|p| p == "CloudPCs/Reboot"),
            "{:?}",
            admin.holds
        );
        assert!(
            !names.contains(&"Cloud PC Reader"),
            "a reader cannot reboot"
        );
        // Name matches stay name matches.
        let by_name = roles(&set, "network contributor", &RoleFilter::default());
        assert!(by_name.iter().all(|h| h.holds.is_empty()));
    }

    fn naive(c: &Catalog, query: &str) -> Vec<usize> {
        let ws = words(query);
        let ops = &c.operations;
        let (mut by_name, mut rest) = (Vec::new(), Vec::new());
        for i in 0..ops.len() {
            let n = ops.lower(i);
            let d = ops.description_lower(i);
            if ws.iter().all(|w| n.contains(w.as_str())) {
                by_name.push(i);
            } else if ws
                .iter()
                .all(|w| n.contains(w.as_str()) || d.contains(w.as_str()))
            {
                rest.push(i);
            }
        }
        by_name.extend(rest);
        by_name
    }

    #[test]
    fn fast_search_equals_scanning_every_operation() {
        let c = cat().unwrap();
        for q in [
            "readmicrosoft",
            "/",
            "a",
            "list KEYS",
            "networkInterfaces join",
            "Gets or lists",
            "ion.",
            "zz",
            "e/r",
        ] {
            assert_eq!(operations(c, q, None), naive(c, q), "{q}");
        }
    }

    /// The role named as the query first, then names with every word (Windows
    /// 365's first), then description matches (outside review of 2026-12-06).
    #[test]
    fn roles_rank_by_name_and_windows365_first() {
        let cat = crate::catalog().unwrap();
        let set = RoleSet::new(cat, Vec::new());
        let names = |q: &str| -> Vec<String> {
            roles(&set, q, &RoleFilter::default())
                .iter()
                .filter_map(|h| set.get(h.role).map(|r| r.name.clone()))
                .collect()
        };
        let network = names("network");
        assert_eq!(
            &network[..2],
            [
                "Windows 365 Network Interface Contributor",
                "Windows 365 Network User"
            ],
            "{network:?}"
        );
        let first_description_only = network
            .iter()
            .position(|n| !n.to_ascii_lowercase().contains("network"))
            .unwrap();
        assert!(network[first_description_only..]
            .iter()
            .all(|n| !n.to_ascii_lowercase().contains("network")));
        assert_eq!(names("contributor")[0], "Contributor");
        assert_eq!(names("Network Contributor")[0], "Network Contributor");
        // Without words: catalog order, as before.
        let all = names("");
        let catalog_order: Vec<String> = cat.roles.iter().map(|r| r.name.clone()).collect();
        assert_eq!(all, catalog_order);
    }

    #[test]
    fn role_search_by_text_and_by_action() {
        let c = cat().unwrap();
        let set = RoleSet::new(c, Vec::new());
        let f = RoleFilter::default();
        let hits = roles(&set, "network contributor", &f);
        assert!(hits
            .iter()
            .any(|h| set.get(h.role).unwrap().name == "Network Contributor"));
        let hits = roles(&set, "Microsoft.Network/networkInterfaces/join/action", &f);
        let nc = hits
            .iter()
            .find(|h| set.get(h.role).unwrap().name == "Network Contributor")
            .unwrap();
        assert!(nc.grant.as_ref().unwrap().through_wildcard);
        let cloud = RoleFilter {
            plane: Some(Plane::CloudPc),
            ..Default::default()
        };
        assert_eq!(roles(&set, "", &cloud).len(), 2);
        let hits = roles(&set, "CloudPCs/Reboot", &RoleFilter::default());
        assert!(hits
            .iter()
            .any(|h| set.get(h.role).unwrap().name == "Windows 365 Administrator"));
        // A directory permission without its `microsoft.directory/`: the Entra
        // roles that hold it, not the Azure roles whose `*` matches any text.
        let names = |q: &str| -> Vec<String> {
            roles(&set, q, &RoleFilter::default())
                .iter()
                .map(|h| set.get(h.role).unwrap().name.clone())
                .collect()
        };
        let bare = names("devices/create");
        assert!(
            bare.iter().any(|n| n == "Windows 365 Administrator"),
            "{bare:?}"
        );
        assert!(
            !bare.iter().any(|n| n == "Contributor" || n == "Owner"),
            "{bare:?}"
        );
        assert_eq!(bare, names("microsoft.directory/devices/create"));
        // A data action only through DataActions (§4): Reader's `*/read` and
        // Contributor's `*` do not reach it, as `grants` and `eval` say.
        for (q, holder) in [
            (
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
                "Storage Blob Data Reader",
            ),
            (
                "Microsoft.KeyVault/vaults/secrets/getSecret/action",
                "Key Vault Secrets User",
            ),
            (
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*",
                "Storage Blob Data Owner",
            ),
        ] {
            let found = names(q);
            assert!(found.iter().any(|n| n == holder), "{q}: {found:?}");
            for not in [
                "Reader",
                "Contributor",
                "Owner",
                "Key Vault Contributor",
                "Storage Account Contributor",
            ] {
                assert!(!found.iter().any(|n| n == not), "{q}: {not} in {found:?}");
            }
        }
        // A control action still finds the roles whose Actions grant it.
        assert!(names("Microsoft.Compute/virtualMachines/read")
            .iter()
            .any(|n| n == "Reader"));
    }
}
