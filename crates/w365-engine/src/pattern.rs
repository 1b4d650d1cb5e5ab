//! Action patterns (`Microsoft.Network/*/read`) and how Azure matches them.
//!
//! Rules (`data/sources/reference/azure-rbac-semantics.md` §2): comparison ignores
//! case; `*` stands for any run of characters, `/` included; everything else is
//! literal; the whole action must match. A pattern is parsed once into its literal
//! pieces; matching then needs no allocation and takes time linear in the lengths of
//! the pattern and the action, however many `*` the pattern has (the prefix and the
//! suffix are compared in place, each middle piece is found leftmost with the
//! linear-time substring search of `str::find`, and runs of `*` count once).
//!
//! Azure accepts only one `*` in an action string of a custom role (§2 and §7:
//! "You can have only one wildcard in an action string", and the service answers
//! `InvalidActionOrNotAction` "… contains multiple wildcards. Only one is allowed.").
//! Such patterns still parse, so that the lint can point at them;
//! [`ActionPattern::azure_limits`] says whether Azure would refuse one.

mod error;

pub use error::PatternError;

use crate::text::excerpt;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// How many `*` Azure accepts in one action string of a custom role (§7).
pub const MAX_WILDCARDS: usize = 1;

/// A parsed action pattern, as written in `Actions`, `NotActions`, `DataActions`,
/// `NotDataActions` or a Cloud PC role's `allowedResourceActions`.
///
/// Cloning is cheap (the parsed pattern is shared), so a role file that repeats one
/// pattern a million times holds it once.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ActionPattern(Arc<Parsed>);

struct Parsed {
    raw: Box<str>,
    lower: Box<str>,
    /// How many `*` there are.
    stars: usize,
    /// End of the literal prefix in `lower` (the first `*`, or the length).
    prefix_end: usize,
    /// Start of the literal suffix in `lower` (after the last `*`, or the length).
    suffix_start: usize,
    /// The non-empty literal pieces between the first and the last `*`, as byte
    /// ranges of `lower`.
    middle: Box<[(usize, usize)]>,
    /// How many bytes are not `*`: no shorter action can match.
    literal_len: usize,
}

// Everything else is derived from the text, so the text alone decides equality
// and the hash (one string hashed, not two).
impl PartialEq for Parsed {
    fn eq(&self, other: &Parsed) -> bool {
        self.raw == other.raw
    }
}

impl Eq for Parsed {}

impl std::hash::Hash for Parsed {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.raw.hash(h);
    }
}

impl fmt::Debug for ActionPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ActionPattern")
            .field(&self.as_str())
            .finish()
    }
}

impl FromStr for ActionPattern {
    type Err = PatternError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActionPattern::new(s)
    }
}

impl ActionPattern {
    /// Parse a pattern. Only unusable text is refused (empty, control characters);
    /// questionable patterns (several `*`, spaces) parse and are reported by the lint
    /// (see [`ActionPattern::azure_limits`]).
    pub fn new(s: &str) -> Result<Self, PatternError> {
        if s.is_empty() {
            return Err(PatternError::Empty);
        }
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return Err(PatternError::ControlCharacter {
                pattern: excerpt(&s.escape_debug().to_string()).into_owned(),
                code: c as u32,
            });
        }
        let lower = s.to_ascii_lowercase();
        let mut stars = 0;
        let mut prefix_end = lower.len();
        let mut suffix_start = lower.len();
        let mut middle = Vec::new();
        let mut piece_start = 0;
        for (i, _) in lower.match_indices('*') {
            if stars == 0 {
                prefix_end = i;
            } else if i > piece_start {
                middle.push((piece_start, i));
            }
            stars += 1;
            piece_start = i + 1;
            suffix_start = i + 1;
        }
        Ok(ActionPattern(Arc::new(Parsed {
            raw: s.into(),
            lower: lower.into(),
            stars,
            prefix_end,
            suffix_start,
            middle: middle.into(),
            literal_len: s.len() - stars,
        })))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0.raw
    }

    /// The pattern in ASCII lowercase.
    pub fn lower(&self) -> &str {
        &self.0.lower
    }

    /// How many `*` it has.
    pub fn wildcard_count(&self) -> usize {
        self.0.stars
    }

    /// Whether it has a `*`.
    pub fn is_wildcard(&self) -> bool {
        self.0.stars > 0
    }

    /// The lowercase text before the first `*` (the whole pattern if there is none).
    pub fn literal_prefix(&self) -> &str {
        self.0.lower.get(..self.0.prefix_end).unwrap_or_default()
    }

    /// The lowercase text after the last `*` (empty if there is none).
    pub fn literal_suffix(&self) -> &str {
        self.0.lower.get(self.0.suffix_start..).unwrap_or_default()
    }

    /// Whether everything after the literal prefix is `*` (`Microsoft.Compute/*`):
    /// then the pattern matches exactly the actions that start with the prefix.
    pub fn is_prefix_only(&self) -> bool {
        self.0.stars > 0 && self.0.suffix_start == self.0.lower.len() && self.0.middle.is_empty()
    }

    /// Whether Azure would accept the pattern in a custom role it creates or updates:
    /// at most [`MAX_WILDCARDS`] `*` (`azure-rbac-semantics.md` §2, §7). Azure
    /// documents no length limit for an action string, so none is checked.
    pub fn azure_limits(&self) -> Result<(), PatternError> {
        if self.0.stars > MAX_WILDCARDS {
            return Err(PatternError::MultipleWildcards {
                pattern: excerpt(self.as_str()).into_owned(),
                count: self.0.stars,
            });
        }
        Ok(())
    }

    /// Whether some action may match both patterns (case ignored). Exact when either
    /// has no `*` or both have at most one; with more, `true` can be a "maybe": two
    /// patterns this says never meet never do.
    pub fn may_overlap(&self, other: &ActionPattern) -> bool {
        if !other.is_wildcard() {
            return self.matches_lower(other.lower());
        }
        if !self.is_wildcard() {
            return other.matches_lower(self.lower());
        }
        // Both have a `*`: an action starts with the longer prefix and ends with the
        // longer suffix exactly when each prefix starts the other or is started by it
        // (the same for the suffixes); the `*`s take what lies between.
        let (p1, p2) = (self.literal_prefix(), other.literal_prefix());
        let (s1, s2) = (self.literal_suffix(), other.literal_suffix());
        (p1.starts_with(p2) || p2.starts_with(p1)) && (s1.ends_with(s2) || s2.ends_with(s1))
    }

    /// Does the pattern match this action? Case is ignored.
    pub fn matches(&self, action: &str) -> bool {
        if action.bytes().any(|b| b.is_ascii_uppercase()) {
            self.matches_lower(&action.to_ascii_lowercase())
        } else {
            self.matches_lower(action)
        }
    }

    /// Does the pattern match an action given in ASCII lowercase? Linear in the
    /// lengths of the pattern and the action.
    pub fn matches_lower(&self, action: &str) -> bool {
        let p = &self.0;
        if p.stars == 0 {
            return *p.lower == *action;
        }
        let (pre, suf) = (self.literal_prefix(), self.literal_suffix());
        if action.len() < p.literal_len || !action.starts_with(pre) || !action.ends_with(suf) {
            return false;
        }
        // What the `*`s and the middle pieces must cover; a piece found leftmost
        // leaves the most room for the next (`*` is the only metacharacter).
        let Some(mut rest) = action.get(pre.len()..action.len() - suf.len()) else {
            return false;
        };
        for &(start, end) in p.middle.iter() {
            let Some(piece) = p.lower.get(start..end).filter(|x| x.len() <= rest.len()) else {
                return false;
            };
            match rest.find(piece).and_then(|at| rest.get(at + piece.len()..)) {
                Some(after) => rest = after,
                None => return false,
            }
        }
        true
    }
}

impl fmt::Display for ActionPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ActionPattern {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, a: &str) -> bool {
        ActionPattern::new(p).unwrap().matches(a)
    }

    #[test]
    fn documented_examples() {
        // RD's Actions table.
        assert!(m("*/read", "Microsoft.Compute/virtualMachines/read"));
        assert!(m(
            "Microsoft.Compute/*",
            "Microsoft.Compute/virtualMachines/write"
        ));
        assert!(m(
            "Microsoft.Network/*/read",
            "Microsoft.Network/virtualNetworks/subnets/read"
        ));
        assert!(m(
            "Microsoft.Compute/virtualMachines/*",
            "Microsoft.Compute/virtualMachines/extensions/write"
        ));
        assert!(m(
            "microsoft.web/sites/restart/Action",
            "Microsoft.Web/sites/restart/action"
        ));
        // Literal slashes around the star.
        assert!(!m(
            "Microsoft.Compute/virtualMachines/*",
            "Microsoft.Compute/virtualMachineScaleSets/read"
        ));
        assert!(!m(
            "Microsoft.Network/*",
            "Microsoft.NetworkFunction/azureTrafficCollectors/read"
        ));
        assert!(!m(
            "Microsoft.Network/virtualNetworks/subnets/*/read",
            "Microsoft.Network/virtualNetworks/subnets/read"
        ));
        // Contributor's NotActions catch mixed case.
        assert!(m(
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/roleAssignments/write"
        ));
        assert!(m("*", "anything/at/all"));
    }

    #[test]
    fn whole_string_and_multi_star() {
        assert!(!m(
            "Microsoft.Compute/disks/read",
            "Microsoft.Compute/disks/read/x"
        ));
        assert!(m(
            "Microsoft.CostManagement/*/query/*",
            "Microsoft.CostManagement/x/query/read"
        ));
        assert!(!m(
            "Microsoft.CostManagement/*/query/*",
            "Microsoft.CostManagement/x/read"
        ));
        assert!(m("a*b*c", "abc"));
        assert!(m("a**c", "ac"));
        assert!(!m("a*b*c", "acb"));
        // Pieces must not overlap the prefix or the suffix.
        assert!(!m("ab*b*ba", "aba"));
        assert!(m("ab*b*ba", "abbba"));
        assert!(!m("a*bc*c", "abc"));
        assert!(m("*é*", "xÉé"));
    }

    #[test]
    fn cost_does_not_grow_with_stars() {
        let stars = ActionPattern::new(&"*".repeat(100_000)).unwrap();
        assert_eq!(stars.wildcard_count(), 100_000);
        assert!(stars.matches("anything/at/all"));
        assert!(stars.matches(""));
        let p = format!("{}b", "*a".repeat(50_000));
        let hostile = ActionPattern::new(&p).unwrap();
        let action = "a".repeat(100_000);
        // Backtracking would take about 50,000 × 100,000 steps here.
        let t = std::time::Instant::now();
        assert!(!hostile.matches(&action));
        assert!(hostile.matches(&format!("{action}b")));
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn azure_accepts_one_wildcard() {
        assert!(ActionPattern::new("*/read").unwrap().azure_limits().is_ok());
        assert!(ActionPattern::new("a/read").unwrap().azure_limits().is_ok());
        let e = ActionPattern::new("Microsoft.CostManagement/*/query/*")
            .unwrap()
            .azure_limits()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "action pattern `Microsoft.CostManagement/*/query/*` has 2 wildcards; Azure accepts only one `*` in an action string"
        );
        let long = ActionPattern::new(&"*".repeat(1000)).unwrap();
        assert!(long
            .azure_limits()
            .unwrap_err()
            .to_string()
            .contains("…` has 1000 wildcards"));
    }

    #[test]
    fn parse_errors_and_accessors() {
        assert_eq!(ActionPattern::new(""), Err(PatternError::Empty));
        assert!(matches!(
            ActionPattern::new("a\nb"),
            Err(PatternError::ControlCharacter { .. })
        ));
        let p = ActionPattern::new("Microsoft.Network/*/Read").unwrap();
        assert_eq!(p.literal_prefix(), "microsoft.network/");
        assert_eq!(p.literal_suffix(), "/read");
        assert_eq!(p.wildcard_count(), 1);
        assert_eq!(p.to_string(), "Microsoft.Network/*/Read");
    }
}
