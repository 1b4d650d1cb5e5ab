//! Action patterns (`Microsoft.Network/*/read`) and how Azure matches them.
//!
//! Rules (`data/sources/reference/azure-rbac-semantics.md` §2): comparison ignores
//! case; `*` stands for any run of characters, `/` included; everything else is
//! literal; the whole action must match. A pattern is parsed once; matching then
//! needs no allocation.

mod error;

pub use error::PatternError;

use std::fmt;
use std::str::FromStr;

/// A parsed action pattern, as written in `Actions`, `NotActions`, `DataActions`,
/// `NotDataActions` or a Cloud PC role's `allowedResourceActions`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ActionPattern {
    raw: String,
    lower: String,
    /// Byte offsets of the `*` characters in `lower`.
    stars: Vec<usize>,
}

impl FromStr for ActionPattern {
    type Err = PatternError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActionPattern::new(s)
    }
}

impl ActionPattern {
    /// Parse a pattern. Only unusable text is refused (empty, control characters);
    /// questionable patterns (several `*`, spaces) parse and are reported by the lint,
    /// because built-in roles and legacy custom roles carry them.
    pub fn new(s: &str) -> Result<Self, PatternError> {
        if s.is_empty() {
            return Err(PatternError::Empty);
        }
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return Err(PatternError::ControlCharacter {
                pattern: s.escape_debug().to_string(),
                code: c as u32,
            });
        }
        let lower = s.to_ascii_lowercase();
        let stars = lower.match_indices('*').map(|(i, _)| i).collect();
        Ok(ActionPattern {
            raw: s.to_string(),
            lower,
            stars,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The pattern in ASCII lowercase.
    pub fn lower(&self) -> &str {
        &self.lower
    }

    /// How many `*` it has.
    pub fn wildcard_count(&self) -> usize {
        self.stars.len()
    }

    /// Whether it has a `*`.
    pub fn is_wildcard(&self) -> bool {
        !self.stars.is_empty()
    }

    /// The lowercase text before the first `*` (the whole pattern if there is none).
    pub fn literal_prefix(&self) -> &str {
        match self.stars.first() {
            Some(&i) => &self.lower[..i],
            None => &self.lower,
        }
    }

    /// The lowercase text after the last `*` (empty if there is none).
    pub fn literal_suffix(&self) -> &str {
        match self.stars.last() {
            Some(&i) => &self.lower[i + 1..],
            None => "",
        }
    }

    /// Does the pattern match this action? Case is ignored.
    pub fn matches(&self, action: &str) -> bool {
        if action.is_ascii() {
            // Fast path without allocation when the action is already lowercase.
            if action.bytes().all(|b| !b.is_ascii_uppercase()) {
                return self.matches_lower(action);
            }
        }
        self.matches_lower(&action.to_ascii_lowercase())
    }

    /// Does the pattern match an action given in ASCII lowercase?
    pub fn matches_lower(&self, action: &str) -> bool {
        let p = self.lower.as_str();
        match self.stars.as_slice() {
            [] => p == action,
            [i] => {
                let (pre, suf) = (&p[..*i], &p[*i + 1..]);
                action.len() >= pre.len() + suf.len()
                    && action.starts_with(pre)
                    && action.ends_with(suf)
            }
            _ => glob_match(p, action),
        }
    }
}

/// Glob matching with `*` as the only metacharacter, in O(len(p) * len(s)) worst case
/// and linear time for the common shapes.
fn glob_match(p: &str, s: &str) -> bool {
    let (p, s) = (p.as_bytes(), s.as_bytes());
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, si));
            pi += 1;
        } else if pi < p.len() && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

impl fmt::Display for ActionPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

impl serde::Serialize for ActionPattern {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.raw)
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
