//! Actions Azure is documented to refuse in a role definition, whatever a built-in
//! role or an old sample still names, and the classic (Azure Service Manager)
//! providers, which are retired: an action of theirs missing from the operations
//! catalog is legacy, never newer than the catalog (review i1 #3).
//!
//! The quotes are kept word for word from `data/sources/reference/`; a unit test
//! checks each against its file.

/// An action Azure is documented to reject, with the error and where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejected {
    /// The action, as the document spells it.
    pub action: &'static str,
    /// The error code Azure answers with.
    pub code: &'static str,
    /// The error's words, as quoted.
    pub quote: &'static str,
    /// The file of `data/sources/reference/` and the section that quotes it.
    pub source: &'static str,
}

/// The documented rejections (semantics §7, "Errors Azure returns").
pub const DOCUMENTED: &[Rejected] = &[Rejected {
    action: "Microsoft.ClassicNetwork/networkSecurityGroups/join/action",
    code: "InvalidActionOrNotAction",
    quote: "'Microsoft.ClassicNetwork/networkSecurityGroups/join/action' does not match any of the actions supported by the providers.",
    source: "azure-rbac-semantics.md §7 (MicrosoftDocs/azure-docs#102571)",
}];

/// The documented rejection of `action` (any case), if there is one.
pub fn documented(action: &str) -> Option<&'static Rejected> {
    DOCUMENTED
        .iter()
        .find(|r| r.action.eq_ignore_ascii_case(action.trim()))
}

/// Whether a provider namespace (`Microsoft.ClassicNetwork`, any case) is one of
/// the classic (Azure Service Manager) providers, whose resources Microsoft has
/// retired: they gain no operations, so one the catalog lacks is not newer than it.
pub fn is_classic_provider(namespace: &str) -> bool {
    namespace
        .get(..17)
        .is_some_and(|p| p.eq_ignore_ascii_case("microsoft.classic"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn every_quote_is_in_the_reference() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources/reference");
        let text = std::fs::read_to_string(dir.join("azure-rbac-semantics.md")).unwrap();
        for r in DOCUMENTED {
            assert!(text.contains(r.quote), "not in the reference: {}", r.quote);
            assert!(text.contains(r.code));
            assert!(r.quote.contains(r.action));
        }
    }

    #[test]
    fn classic_providers() {
        assert!(is_classic_provider("Microsoft.ClassicNetwork"));
        assert!(is_classic_provider("microsoft.classiccompute"));
        assert!(!is_classic_provider("Microsoft.Compute"));
        assert!(!is_classic_provider("Microsoft.Classi"));
        assert!(documented("microsoft.classicnetwork/networksecuritygroups/join/action").is_some());
        assert!(documented("Microsoft.Network/networkSecurityGroups/join/action").is_none());
    }
}
