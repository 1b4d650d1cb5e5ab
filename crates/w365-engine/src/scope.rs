//! Azure scopes (`/subscriptions/{id}/resourceGroups/{rg}/...`) and inheritance.
//!
//! Scopes compare case-insensitively, segment by segment (`rg1` never covers
//! `rg10`); a trailing `/` is ignored; `/` (root) covers everything. Text that a
//! path would resolve differently (`..`, `.`, `//`) or that is not a path (`?`,
//! `#`) is refused rather than taken literally. A management
//! group covers a subscription only if the caller says which subscriptions it holds
//! ([`Hierarchy`]); the string alone does not tell.

mod error;

pub use error::ScopeError;

use crate::text::{escape_hidden, excerpt};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A parsed scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Scope {
    raw: String,
    /// Lowercase, non-empty segments.
    segments: Vec<String>,
}

/// What a scope points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeKind {
    /// `/`
    Root,
    /// `/providers/Microsoft.Management/managementGroups/{id}`
    ManagementGroup(String),
    /// `/subscriptions/{id}`
    Subscription(String),
    /// `/subscriptions/{id}/resourceGroups/{rg}`
    ResourceGroup(String, String),
    /// A resource (or child resource) under a subscription.
    Resource,
    /// A tenant-level provider scope such as `/providers/Microsoft.Capacity`.
    Other,
}

/// The most segments a scope may have. A resource id is a provider namespace and
/// type and name pairs under a resource group; Azure nests child resources a few
/// levels deep, so real scopes have well under 30 segments. A longer one is no
/// scope, and comparing scopes segment by segment with every parent would cost the
/// square of its length (review H2 H4: 50,000 segments held the page 27 s).
pub const MAX_SEGMENTS: usize = 128;

/// Most bytes of a scope: no Azure resource id comes near it (its segments are
/// names of at most a few hundred characters). A longer text is refused before
/// it is folded and copied (an outside review: one 50 MB scope in a tenant export
/// took 18 s and 8.7 GB).
pub const MAX_BYTES: usize = 32 * 1024;

impl Scope {
    /// Parse a scope. It must start with `/`, has no whitespace before or after
    /// it (never trimmed: a request's scopes, deny assignments' and assignments'
    /// are all read alike), and cannot contain `*`, control
    /// characters, `?` or `#`, an empty segment (`//`) or a `.` or `..` segment: a
    /// scope is compared segment by segment, so `/subscriptions/s1/../s2` would
    /// otherwise count as lying inside `s1`. One trailing `/` is accepted.
    pub fn parse(s: &str) -> Result<Scope, ScopeError> {
        if s.is_empty() {
            return Err(ScopeError::Empty);
        }
        let shown = || excerpt(&escape_hidden(s)).into_owned();
        if s.len() > MAX_BYTES {
            return Err(ScopeError::TooLong(shown(), s.len()));
        }
        if s.trim() != s {
            return Err(ScopeError::Whitespace(shown()));
        }
        if !s.starts_with('/') {
            return Err(ScopeError::NotAbsolute(shown()));
        }
        if s.contains('*') {
            return Err(ScopeError::Wildcard(shown()));
        }
        if s.chars().any(char::is_control) {
            return Err(ScopeError::ControlCharacter(shown()));
        }
        if let Some(c) = s.chars().find(|c| matches!(c, '?' | '#')) {
            return Err(ScopeError::QueryOrFragment(shown(), c));
        }
        let inner = s.strip_suffix('/').filter(|x| !x.is_empty()).unwrap_or(s);
        let count = inner.split('/').filter(|seg| !seg.is_empty()).count();
        if count > MAX_SEGMENTS {
            return Err(ScopeError::TooDeep(shown(), count));
        }
        if s.len() > 1 && inner.split('/').skip(1).any(str::is_empty) {
            return Err(ScopeError::EmptySegment(shown()));
        }
        if let Some(seg) = inner.split('/').find(|seg| matches!(*seg, "." | "..")) {
            return Err(ScopeError::DotSegment(shown(), seg.to_string()));
        }
        let segments: Vec<String> = s
            .split('/')
            .filter(|seg| !seg.is_empty())
            .map(fold)
            .collect();
        // An Azure scope is the root, or starts with a subscription or a provider
        // at the tenant (`/providers/Microsoft.Management/managementGroups/mg`): a
        // re-check review saw `/resourceGroups/rg1` taken as one.
        if let Some(first) = segments.first() {
            if first != "subscriptions" && first != "providers" {
                let hint = match first.as_str() {
                    "managementgroups" => {
                        format!("a management group is `{}`", written("managementGroups"))
                    }
                    "resourcegroups" => {
                        format!("a resource group is `{}`", written("resourceGroups"))
                    }
                    _ => "it is `/`, `/subscriptions/<id>...` or `/providers/<namespace>/...`"
                        .to_string(),
                };
                return Err(ScopeError::NotAzure(shown(), hint));
            }
        }
        // `/subscriptions/s1/resourceGroups` is a list, not a scope (review F1 L6).
        // Segments alternate type and name from the root (`providers` and its
        // namespace too), so a type comes last only in an odd count.
        if segments.len() % 2 == 1 {
            let last = inner.rsplit('/').next().unwrap_or_default();
            let collection = ["subscriptions", "resourceGroups", "managementGroups"]
                .iter()
                .find(|c| c.eq_ignore_ascii_case(last));
            if let Some(c) = collection {
                return Err(ScopeError::MissingName(
                    shown(),
                    (*c).to_string(),
                    written(c).to_string(),
                ));
            }
        }
        Ok(Scope {
            raw: s.to_string(),
            segments,
        })
    }

    /// The root scope `/`.
    pub fn root() -> Scope {
        Scope {
            raw: "/".into(),
            segments: Vec::new(),
        }
    }

    /// The scope as written.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The scope without its trailing `/`, case kept.
    pub fn normalized(&self) -> String {
        let parts: Vec<&str> = self.raw.split('/').filter(|s| !s.is_empty()).collect();
        format!("/{}", parts.join("/"))
    }

    /// Whether the text differs from its normalized form (a trailing `/`).
    pub fn is_normalized(&self) -> bool {
        self.raw == self.normalized()
    }

    /// Number of segments (0 for root).
    pub fn depth(&self) -> usize {
        self.segments.len()
    }

    /// What the scope points at.
    pub fn kind(&self) -> ScopeKind {
        let s: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        match s.as_slice() {
            [] => ScopeKind::Root,
            ["providers", "microsoft.management", "managementgroups", id] => {
                ScopeKind::ManagementGroup((*id).to_string())
            }
            ["subscriptions", id] => ScopeKind::Subscription((*id).to_string()),
            ["subscriptions", id, "resourcegroups", rg] => {
                ScopeKind::ResourceGroup((*id).to_string(), (*rg).to_string())
            }
            ["subscriptions", _, ..] => ScopeKind::Resource,
            _ => ScopeKind::Other,
        }
    }

    /// The subscription id (lowercase) this scope lies in, if any.
    pub fn subscription_id(&self) -> Option<&str> {
        match self.segments.as_slice() {
            [first, id, ..] if first == "subscriptions" => Some(id),
            _ => None,
        }
    }

    /// The management group id (lowercase), if this is a management group scope.
    pub fn management_group_id(&self) -> Option<&str> {
        match self.segments.as_slice() {
            [a, b, c, id]
                if a == "providers" && b == "microsoft.management" && c == "managementgroups" =>
            {
                Some(id)
            }
            _ => None,
        }
    }

    /// The lowercase segments joined by `/`: equal for scopes that are equal as
    /// scopes (case and a trailing `/` aside).
    pub(crate) fn key(&self) -> String {
        self.segments.join("/")
    }

    /// The keys of this scope and of every scope above it, root first.
    pub(crate) fn ancestor_keys(&self) -> Vec<String> {
        (0..=self.segments.len())
            .map(|d| self.segments.get(..d).unwrap_or_default().join("/"))
            .collect()
    }

    /// Do two scopes as written name the same place (case and one trailing `/`
    /// aside, as Azure reads them)? Text that is no scope is compared as
    /// trimmed text, ignoring case.
    pub fn same_place(a: &str, b: &str) -> bool {
        match (Scope::parse(a.trim()), Scope::parse(b.trim())) {
            (Ok(x), Ok(y)) => x.segments == y.segments,
            _ => a.trim().eq_ignore_ascii_case(b.trim()),
        }
    }

    /// Does an assignment at `self` reach `target` by string inheritance alone
    /// (root, or equal, or a whole-segment prefix)?
    pub fn is_ancestor_or_self(&self, target: &Scope) -> bool {
        self.segments.len() <= target.segments.len()
            && self
                .segments
                .iter()
                .zip(&target.segments)
                .all(|(a, b)| a == b)
    }
}

/// A segment as scopes are compared: case ignored as .NET's
/// `StringComparison.OrdinalIgnoreCase` ignores it (azure-rbac-semantics.md §5:
/// each character's simple uppercase mapping, so `Übung` and `übung` are one
/// resource group, `ß` stays `ß`, and `ı` and `ſ` are not `I` and `S`), written
/// in lowercase where that is ASCII.
pub(crate) fn fold(segment: &str) -> String {
    if segment.is_ascii() {
        return segment.to_ascii_lowercase();
    }
    segment
        .chars()
        .map(|c| {
            if c.is_ascii() {
                return c.to_ascii_lowercase();
            }
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                // .NET keeps `ı` and `ſ` apart from `I` and `S` in ordinal
                // comparisons ("Disable Turkish I behavior on Ordinal operations"):
                // a letter outside ASCII never folds into one inside it.
                (Some(u), None) if !u.is_ascii() => u,
                _ => c,
            }
        })
        .collect()
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

/// Whether an assignment scope reaches a target scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// It does.
    Yes,
    /// It does not.
    No,
    /// It would through a management group whose members the input does not list.
    Unknown,
}

/// Management-group membership supplied by the caller: group id → child scopes
/// (subscriptions and child groups).
#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    children: HashMap<String, Vec<Scope>>,
}

impl Hierarchy {
    /// An empty hierarchy.
    pub fn new() -> Self {
        Hierarchy::default()
    }

    /// Record that `group` (an id, or a management-group scope) holds `child`.
    pub fn add(&mut self, group: &str, child: Scope) {
        self.children
            .entry(Hierarchy::group_id(group))
            .or_default()
            .push(child);
    }

    /// The lowercase id of a group given as an id or a management-group scope.
    pub fn group_id(group: &str) -> String {
        Scope::parse(group)
            .ok()
            .and_then(|s| s.management_group_id().map(str::to_string))
            .unwrap_or_else(|| fold(group))
    }

    /// Whether any membership is known.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// Does an assignment at `assigned` reach `target`?
    ///
    /// What the map proves: a group that is a key has exactly the members listed
    /// (a subscription or group has one parent), so going down from `assigned`
    /// through keys decides coverage. A group met on the way that is not a key has
    /// members the map does not give: it may be an ancestor of any group or
    /// subscription whose parent the map does not give, and the top of every chain
    /// upward from a target is such a one (the tenant root group is never named as
    /// such). So: [`Coverage::Yes`] when the target is reached, [`Coverage::No`]
    /// when every group below `assigned` (itself included) is a key, else
    /// [`Coverage::Unknown`] (review F1 H3: a partial map was read as complete).
    pub fn covers(&self, assigned: &Scope, target: &Scope) -> Coverage {
        if assigned.is_ancestor_or_self(target) {
            return Coverage::Yes;
        }
        let Some(group) = assigned.management_group_id() else {
            return Coverage::No;
        };
        if matches!(target.kind(), ScopeKind::Root | ScopeKind::Other) {
            // A management group is below the root and holds no tenant-level
            // provider scope.
            return Coverage::No;
        }
        let mut open = false;
        let mut stack = vec![group];
        let mut seen: HashSet<&str> = HashSet::new();
        while let Some(g) = stack.pop() {
            if !seen.insert(g) {
                continue;
            }
            let Some(members) = self.children.get(g) else {
                open = true;
                continue;
            };
            for k in members {
                if k.is_ancestor_or_self(target) {
                    return Coverage::Yes;
                }
                if let Some(child) = k.management_group_id() {
                    stack.push(child);
                }
            }
        }
        if open {
            Coverage::Unknown
        } else {
            Coverage::No
        }
    }
}

/// How a member of a collection (`managementGroups`, `subscriptions`,
/// `resourceGroups`) is written as a scope, for the hints of [`ScopeError`].
fn written(collection: &str) -> &'static str {
    match collection {
        "managementGroups" => "/providers/Microsoft.Management/managementGroups/<name>",
        "subscriptions" => "/subscriptions/<id>",
        _ => "/subscriptions/<id>/resourceGroups/<name>",
    }
}

#[cfg(test)]
mod tests {
    /// A re-check review: `/resourceGroups/rg1` and `/managementGroups/mg1` were
    /// taken as scopes, and a management group's hint left out its provider.
    #[test]
    fn a_scope_starts_at_a_subscription_or_a_provider() {
        for ok in [
            "/",
            "/subscriptions/s1/resourceGroups/rg",
            "/providers/Microsoft.Management/managementGroups/mg",
            "/PROVIDERS/Microsoft.Capacity",
        ] {
            assert!(Scope::parse(ok).is_ok(), "{ok}");
        }
        let e = Scope::parse("/resourceGroups/rg1").unwrap_err().to_string();
        assert!(
            e.contains("`/subscriptions/<id>/resourceGroups/<name>`"),
            "{e}"
        );
        let e = Scope::parse("/managementGroups/mg1")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("`/providers/Microsoft.Management/managementGroups/<name>`"),
            "{e}"
        );
        let e = Scope::parse("/providers/Microsoft.Management/managementGroups/")
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("write `/providers/Microsoft.Management/managementGroups/<name>`"),
            "{e}"
        );
        let e = Scope::parse("/subscriptions/s1/resourceGroups")
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("write `/subscriptions/<id>/resourceGroups/<name>`"),
            "{e}"
        );
    }

    #[test]
    fn a_scope_longer_than_any_azure_scope_is_refused() {
        let name = "a".repeat(MAX_BYTES);
        let long = format!("/subscriptions/{name}");
        assert!(matches!(Scope::parse(&long), Err(ScopeError::TooLong(_, n)) if n == long.len()));
        let fits = format!("/subscriptions/{}", &name[..MAX_BYTES - 15]);
        assert!(Scope::parse(&fits).is_ok());
    }

    #[test]
    fn a_scope_deeper_than_any_azure_scope_is_refused() {
        // Review H2 H4: a scope of 50,000 segments cost 18 s to evaluate (it is
        // refused for its length now; 10,000 segments fit in MAX_BYTES).
        let deep = format!("/subscriptions/s1{}", "/x".repeat(10_000));
        match Scope::parse(&deep) {
            Err(ScopeError::TooDeep(_, n)) => assert_eq!(n, 10_002),
            other => panic!("{other:?}"),
        }
        let deeper = format!("/subscriptions/s1{}", "/x".repeat(50_000));
        assert!(matches!(
            Scope::parse(&deeper),
            Err(ScopeError::TooLong(..))
        ));
        let ok = format!(
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Web/sites/a{}",
            "/b/c".repeat(20)
        );
        assert!(Scope::parse(&ok).is_ok());
    }

    use super::*;

    #[test]
    fn the_same_place_ignores_case_and_one_trailing_slash() {
        assert!(Scope::same_place("/subscriptions/S1/", "/subscriptions/s1"));
        assert!(Scope::same_place(" /subscriptions/s1", "/SUBSCRIPTIONS/s1"));
        assert!(!Scope::same_place(
            "/subscriptions/s1",
            "/subscriptions/s10"
        ));
        assert!(Scope::same_place("", " "));
        assert!(!Scope::same_place("/", ""));
    }

    fn s(x: &str) -> Scope {
        Scope::parse(x).unwrap()
    }

    #[test]
    fn inheritance_is_case_insensitive_and_whole_segment() {
        let h = Hierarchy::new();
        let sub = s("/subscriptions/S1");
        let rg = s("/subscriptions/s1/resourcegroups/RG1/");
        assert_eq!(h.covers(&sub, &rg), Coverage::Yes);
        assert_eq!(
            h.covers(
                &s("/subscriptions/s1/resourceGroups/rg1"),
                &s("/subscriptions/s1/resourceGroups/rg10")
            ),
            Coverage::No
        );
        assert_eq!(h.covers(&Scope::root(), &rg), Coverage::Yes);
        assert_eq!(h.covers(&rg, &sub), Coverage::No);
    }

    #[test]
    fn case_is_ignored_beyond_ascii_as_azure_compares() {
        let h = Hierarchy::new();
        // .NET's OrdinalIgnoreCase folds `Ü`/`ü` and `Ä`/`ä` (an outside review: a
        // deny at `…/Übung` did not reach `…/übung`).
        let rg = s("/subscriptions/s1/resourceGroups/Übung");
        let vm = s("/subscriptions/s1/resourcegroups/übung/providers/Microsoft.Compute/virtualMachines/vm1");
        assert_eq!(h.covers(&rg, &vm), Coverage::Yes);
        assert!(Scope::same_place(
            "/subscriptions/s1/resourceGroups/ÄRG (1).",
            "/subscriptions/S1/resourcegroups/ärg (1)./"
        ));
        // .NET keeps `ı` and `ſ` apart from `I` and `S` (an outside review).
        assert!(!Scope::same_place(
            "/subscriptions/s1/resourceGroups/ıx",
            "/subscriptions/s1/resourceGroups/IX"
        ));
        assert!(!Scope::same_place(
            "/subscriptions/s1/resourceGroups/rgſ",
            "/subscriptions/s1/resourceGroups/RGS"
        ));
        assert!(Scope::same_place(
            "/subscriptions/s1/resourceGroups/σς",
            "/subscriptions/s1/resourceGroups/ΣΣ"
        ));
        // A character whose uppercase is two (`ß` → `SS`) is compared as itself.
        assert!(!Scope::same_place(
            "/subscriptions/s1/resourceGroups/straße",
            "/subscriptions/s1/resourceGroups/STRASSE"
        ));
        assert!(Scope::same_place(
            "/subscriptions/s1/resourceGroups/straße",
            "/subscriptions/s1/resourceGroups/STRAßE"
        ));
        assert_eq!(
            h.covers(
                &s("/subscriptions/s1/resourceGroups/Übung"),
                &s("/subscriptions/s1/resourceGroups/Übung2")
            ),
            Coverage::No
        );
    }

    #[test]
    fn a_collection_without_a_name_is_no_scope() {
        for (text, what, write) in [
            (
                "/subscriptions/s1/resourceGroups",
                "resourceGroups",
                "/subscriptions/<id>/resourceGroups/<name>",
            ),
            (
                "/subscriptions/s1/resourcegroups/",
                "resourceGroups",
                "/subscriptions/<id>/resourceGroups/<name>",
            ),
            ("/subscriptions", "subscriptions", "/subscriptions/<id>"),
            (
                "/providers/Microsoft.Management/managementGroups",
                "managementGroups",
                "/providers/Microsoft.Management/managementGroups/<name>",
            ),
        ] {
            let e = Scope::parse(text).unwrap_err();
            assert_eq!(
                e,
                ScopeError::MissingName(text.to_string(), what.to_string(), write.to_string())
            );
            assert!(e.to_string().contains(&format!("write `{write}`")), "{e}");
        }
        // A resource whose name is one of those words is still a scope.
        assert!(Scope::parse("/subscriptions/s1/resourceGroups/subscriptions").is_ok());
    }

    #[test]
    fn kinds_and_normalization() {
        assert_eq!(s("/").kind(), ScopeKind::Root);
        assert_eq!(
            s("/subscriptions/a").kind(),
            ScopeKind::Subscription("a".into())
        );
        assert_eq!(
            s("/subscriptions/a/resourceGroups/B").kind(),
            ScopeKind::ResourceGroup("a".into(), "b".into())
        );
        assert_eq!(
            s("/providers/Microsoft.Management/managementGroups/mg").kind(),
            ScopeKind::ManagementGroup("mg".into())
        );
        assert_eq!(
            s("/subscriptions/a/resourceGroups/b/providers/Microsoft.Network/virtualNetworks/v")
                .kind(),
            ScopeKind::Resource
        );
        assert!(!s("/subscriptions/a/resourceGroups/b/").is_normalized());
        assert_eq!(
            s("/subscriptions/a/resourceGroups/b/").normalized(),
            "/subscriptions/a/resourceGroups/b"
        );
        assert!(matches!(
            Scope::parse("subscriptions/a"),
            Err(ScopeError::NotAbsolute(_))
        ));
        assert!(matches!(
            Scope::parse("/subscriptions/*"),
            Err(ScopeError::Wildcard(_))
        ));
    }

    #[test]
    fn relative_and_non_path_scopes_are_refused() {
        for (text, want) in [
            ("/subscriptions/s1/../s2", "has a `..` segment"),
            ("/subscriptions/s1/./resourceGroups/r", "has a `.` segment"),
            ("/subscriptions/s1/..", "has a `..` segment"),
            ("/subscriptions//s1", "has an empty segment"),
            ("//subscriptions/s1", "has an empty segment"),
            ("/subscriptions/s1//", "has an empty segment"),
            ("/subscriptions/s1?x=1", "contains `?`"),
            ("/subscriptions/s1#top", "contains `#`"),
            ("/subscriptions/s1 ", "has whitespace before or after it"),
            (" /subscriptions/s1", "has whitespace before or after it"),
        ] {
            let e = Scope::parse(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
            assert!(e.starts_with(&format!("scope `{text}`")), "{e}");
        }
        let nbsp = Scope::parse("/subscriptions/s1/\u{a0}").unwrap_err();
        assert!(matches!(nbsp, ScopeError::Whitespace(_)), "{nbsp}");
        assert!(Scope::parse("/").is_ok());
        assert!(Scope::parse("/subscriptions/s1/").is_ok());
        assert!(Scope::parse("/subscriptions/s1/resourceGroups/rg.1").is_ok());
        assert!(Scope::parse("/subscriptions/s1/resourceGroups/...").is_ok());
    }

    #[test]
    fn management_groups_need_the_hierarchy() {
        let mg = s("/providers/Microsoft.Management/managementGroups/corp");
        let target = s("/subscriptions/s1/resourceGroups/rg");
        assert_eq!(Hierarchy::new().covers(&mg, &target), Coverage::Unknown);
        let mut h = Hierarchy::new();
        h.add(
            "corp",
            s("/providers/Microsoft.Management/managementGroups/child"),
        );
        h.add("child", s("/subscriptions/S1"));
        assert_eq!(h.covers(&mg, &target), Coverage::Yes);
        h.add("other", s("/subscriptions/s2"));
        assert_eq!(h.covers(&mg, &s("/subscriptions/s2")), Coverage::No);
        // corp and child are keys: their members are all known, so a subscription
        // the map does not place is not below corp either.
        assert_eq!(h.covers(&mg, &s("/subscriptions/s9")), Coverage::No);
    }

    #[test]
    fn a_group_whose_members_are_not_given_may_hold_any_chain_top() {
        // Review F1 H3: root-mg is not a key, and corp2's parent is not given.
        let mut h = Hierarchy::new();
        h.add("corp2", s("/subscriptions/s2"));
        let root = s("/providers/Microsoft.Management/managementGroups/root-mg");
        assert_eq!(h.covers(&root, &s("/subscriptions/s2")), Coverage::Unknown);
        assert_eq!(h.covers(&root, &s("/subscriptions/s3")), Coverage::Unknown);
        let corp2 = s("/providers/Microsoft.Management/managementGroups/corp2");
        assert_eq!(h.covers(&root, &corp2), Coverage::Unknown);
        assert_eq!(h.covers(&root, &Scope::root()), Coverage::No);
        // A key with a child group that is not a key: open below.
        h.add(
            "platform",
            s("/providers/Microsoft.Management/managementGroups/lz"),
        );
        let platform = s("/providers/Microsoft.Management/managementGroups/platform");
        assert_eq!(
            h.covers(&platform, &s("/subscriptions/s2")),
            Coverage::Unknown
        );
        // Once lz is given, platform's members are all known.
        h.add("lz", s("/subscriptions/s4"));
        assert_eq!(h.covers(&platform, &s("/subscriptions/s2")), Coverage::No);
        assert_eq!(
            h.covers(&platform, &s("/subscriptions/s4/resourceGroups/r")),
            Coverage::Yes
        );
        // A cycle in the map ends.
        h.add(
            "lz",
            s("/providers/Microsoft.Management/managementGroups/platform"),
        );
        assert_eq!(h.covers(&platform, &s("/subscriptions/s2")), Coverage::No);
    }
}
