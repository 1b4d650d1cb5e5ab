//! Actions that can never apply at any scope the role may be assigned at.
//!
//! Scopes have four levels, management group, subscription, resource group and
//! resource, and an assignment reaches its own scope and everything below it
//! (documented: `azure-rbac-semantics.md` §5, "Lower levels inherit role
//! permissions from higher levels"). An operation acts on the scope of the request
//! that names it, so an operation whose object lies above every assignable scope of
//! the role can never be allowed by an assignment of it.
//!
//! Which level an operation's object lies at is read from its resource type
//! (inferred from the scope format of §5, and said so in every finding); only
//! types whose level the format fixes are judged, everything else is left alone:
//!
//! | operations | object at |
//! |---|---|
//! | `Microsoft.Authorization/elevateAccess/action` | the root `/` |
//! | `Microsoft.Management/managementGroups/...` | a management group |
//! | `Microsoft.Resources/subscriptions/...` (but `resourceGroups/...`), `Microsoft.Subscription/...`, `Microsoft.Features/...` (but `operations/read`), `<provider>/register/action`, `<provider>/unregister/action` | a subscription (or above) |
//! | `Microsoft.Resources/subscriptions/resourceGroups/...` | a resource group |
//!
//! - `action-out-of-reach` (warning): an exact action, or a wildcard all of whose
//!   matches, lies above every assignable scope. Azure accepts the role; the line
//!   does nothing.
//! - `resource-group-self-only` (info): `resourceGroups/write` in a role assignable
//!   at resource groups at most reaches only the group it is assigned at (to update
//!   or tag it): creating a resource group is a request at the new group's scope,
//!   which an assignment at another group does not cover (inferred).

use super::{Diagnostic, Linter, Places, Severity};
use crate::model::Role;
use crate::scope::{Scope, ScopeKind};

/// A scope level, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Root,
    ManagementGroup,
    Subscription,
    ResourceGroup,
    Resource,
}

impl Level {
    const ALL: [Level; 5] = [
        Level::Root,
        Level::ManagementGroup,
        Level::Subscription,
        Level::ResourceGroup,
        Level::Resource,
    ];

    fn label(self) -> &'static str {
        match self {
            Level::Root => "the root scope `/`",
            Level::ManagementGroup => "a management group",
            Level::Subscription => "a subscription",
            Level::ResourceGroup => "a resource group",
            Level::Resource => "a resource",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Level::Root => "the root scope",
            Level::ManagementGroup => "management groups",
            Level::Subscription => "subscriptions",
            Level::ResourceGroup => "resource groups",
            Level::Resource => "resources",
        }
    }
}

/// The level of the object an operation acts on, when its type fixes it.
fn object_level(lower: &str) -> Option<Level> {
    // Read without collecting the segments: a role of 100,000 actions asks for each.
    let (provider, rest) = lower.split_once('/')?;
    let mut segments = rest.split('/');
    let (first, second) = (segments.next(), segments.next());
    match provider {
        "microsoft.authorization" if rest == "elevateaccess/action" => Some(Level::Root),
        "microsoft.management" if first == Some("managementgroups") => Some(Level::ManagementGroup),
        "microsoft.resources"
            if first == Some("subscriptions") && second == Some("resourcegroups") =>
        {
            Some(Level::ResourceGroup)
        }
        "microsoft.resources" if first == Some("subscriptions") => Some(Level::Subscription),
        "microsoft.subscription" => Some(Level::Subscription),
        // Preview features are registered per subscription: the provider's
        // descriptions say "of a subscription" / "for a subscription", and its REST
        // paths are `/subscriptions/{id}/providers/Microsoft.Features/...` (outside
        // review of 2026-12-06). `operations/read` lists the provider's operations,
        // at any scope.
        "microsoft.features"
            if matches!(
                first,
                Some(
                    "providers"
                        | "features"
                        | "featureproviders"
                        | "subscriptionfeatureregistrations"
                )
            ) =>
        {
            Some(Level::Subscription)
        }
        _ if matches!(rest, "register/action" | "unregister/action") => Some(Level::Subscription),
        _ => None,
    }
}

/// The highest level among the role's assignable scopes, when every scope is read.
fn highest_assignable(role: &Role) -> Option<Level> {
    highest(role.assignable_scopes.iter().map(String::as_str))
}

/// The highest level among `scopes`, when every one is read.
fn highest<'a>(scopes: impl IntoIterator<Item = &'a str>) -> Option<Level> {
    let mut best: Option<Level> = None;
    for s in scopes {
        let level = match Scope::parse(s).ok()?.kind() {
            ScopeKind::Root => Level::Root,
            ScopeKind::ManagementGroup(_) => Level::ManagementGroup,
            ScopeKind::Subscription(_) => Level::Subscription,
            ScopeKind::ResourceGroup(..) => Level::ResourceGroup,
            ScopeKind::Resource => Level::Resource,
            ScopeKind::Other => return None,
        };
        best = Some(best.map_or(level, |b| b.min(level)));
    }
    best
}

/// For an exact action whose object lies above every one of `scopes` (each read),
/// what it acts on ("a management group") and what the scopes are at most
/// ("subscriptions"): no role assigned at them ever performs it. The rule of
/// `action-out-of-reach`, for a question rather than a role (`least`).
pub fn above_every<'a>(
    action: &str,
    scopes: impl IntoIterator<Item = &'a str>,
) -> Option<(&'static str, &'static str)> {
    let object = object_level(&action.to_ascii_lowercase())?;
    let reach = highest(scopes)?;
    (object < reach).then(|| (object.label(), reach.plural()))
}

pub(super) fn lint(linter: &Linter<'_>, role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let catalog = linter.catalog;
    let mut out = Vec::new();
    let Some(reach) = highest_assignable(role) else {
        return out;
    };
    let ops = &catalog.operations;
    for (b, block) in role.blocks.iter().enumerate() {
        // A pattern repeated in the list is checked once (`duplicate` reports it).
        let mut seen = std::collections::HashSet::with_capacity(block.actions.len());
        for (i, p) in block.actions.iter().enumerate() {
            // More `*` than Azure accepts: refused already (`multiple-wildcards`),
            // and matching it would be a scan of the catalog.
            if !seen.insert(p.lower()) || p.azure_limits().is_err() {
                continue;
            }
            let at = || places.get(b, "actions", i);
            // Which levels the pattern's operations act on (`None` among them: some
            // act at any level), from the list check's matches, once per pattern
            // for all roles the linter checks.
            let (any, levels) = if p.is_wildcard() {
                linter.reach_levels(p, || {
                    let mut any = false;
                    let mut levels = 0u8;
                    for op in linter.hits(p, false).0.ops(ops.control_mask()) {
                        match object_level(ops.lower(op)) {
                            Some(l) => levels |= 1 << l as u8,
                            None => any = true,
                        }
                    }
                    (any, levels)
                })
            } else {
                match object_level(p.lower()) {
                    Some(l) => (false, 1 << l as u8),
                    None => (true, 0),
                }
            };
            // Out of reach when every operation acts above the highest scope the
            // role may be assigned at; then name the lowest of their levels.
            let below = |l: Level| l >= reach;
            let Some(lowest) = (!any && levels != 0)
                .then(|| {
                    Level::ALL
                        .into_iter()
                        .filter(|&l| levels & (1 << l as u8) != 0)
                        .collect::<Vec<_>>()
                })
                .filter(|v| !v.iter().any(|&l| below(l)))
                .and_then(|v| v.into_iter().max())
            else {
                if !p.is_wildcard()
                    && reach == Level::ResourceGroup
                    && p.lower() == "microsoft.resources/subscriptions/resourcegroups/write"
                {
                    out.push(
                        Diagnostic::new(
                            Severity::Info,
                            "resource-group-self-only",
                            format!("`{p}`: assigned at a resource group, it only updates that group (its tags, for example); creating a resource group is a request at the new group's scope, which needs an assignment at the subscription (inferred)"),
                        )
                        .subject(p.as_str())
                        .at_place(at()),
                    );
                }
                continue;
            };
            let what = if p.is_wildcard() {
                format!(
                    "everything `{p}` matches acts on {} or above",
                    lowest.label()
                )
            } else {
                format!("`{p}` acts on {}", lowest.label())
            };
            out.push(
                Diagnostic::new(
                    Severity::Warning,
                    "action-out-of-reach",
                    format!(
                        "{what}, but the role can only be assigned at {} or below, so it can never apply (inferred from the operation's resource type)",
                        reach.plural()
                    ),
                )
                .help(format!("delete it, or make the role assignable at {}", lowest.label()))
                .subject(p.as_str())
                .at_place(at()),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_operations() {
        let l = |s: &str| object_level(&s.to_ascii_lowercase());
        assert_eq!(
            l("Microsoft.Resources/subscriptions/resourceGroups/write"),
            Some(Level::ResourceGroup)
        );
        assert_eq!(
            l("Microsoft.Resources/subscriptions/read"),
            Some(Level::Subscription)
        );
        assert_eq!(
            l("Microsoft.Compute/register/action"),
            Some(Level::Subscription)
        );
        assert_eq!(
            l("Microsoft.Subscription/cancel/action"),
            Some(Level::Subscription)
        );
        assert_eq!(
            l("Microsoft.Features/providers/features/register/action"),
            Some(Level::Subscription)
        );
        assert_eq!(
            l("Microsoft.Features/featureProviders/subscriptionFeatureRegistrations/write"),
            Some(Level::Subscription)
        );
        assert_eq!(l("Microsoft.Features/operations/read"), None);
        assert_eq!(
            l("Microsoft.Management/managementGroups/read"),
            Some(Level::ManagementGroup)
        );
        assert_eq!(
            l("Microsoft.Authorization/elevateAccess/Action"),
            Some(Level::Root)
        );
        assert_eq!(l("Microsoft.Compute/virtualMachines/write"), None);
        assert_eq!(l("Microsoft.Resources/deployments/write"), None);
    }

    /// The reading by segment pattern it replaced (it collected the segments).
    fn object_level_by_slices(lower: &str) -> Option<Level> {
        let mut parts = lower.split('/');
        let provider = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        match (provider, rest.as_slice()) {
            ("microsoft.authorization", ["elevateaccess", "action"]) => Some(Level::Root),
            ("microsoft.management", ["managementgroups", ..]) => Some(Level::ManagementGroup),
            ("microsoft.resources", ["subscriptions", "resourcegroups", ..]) => {
                Some(Level::ResourceGroup)
            }
            ("microsoft.resources", ["subscriptions", ..]) => Some(Level::Subscription),
            ("microsoft.subscription", [_, ..]) => Some(Level::Subscription),
            (
                "microsoft.features",
                ["providers" | "features" | "featureproviders" | "subscriptionfeatureregistrations", ..],
            ) => Some(Level::Subscription),
            (_, ["register" | "unregister", "action"]) => Some(Level::Subscription),
            _ => None,
        }
    }

    /// Every operation of the catalog and the edge cases read the same as by the
    /// segment patterns.
    #[test]
    fn levels_as_read_by_segment_patterns() {
        #![allow(clippy::unwrap_used, reason = "tests")]
        let ops = &crate::catalog().unwrap().operations;
        let edges = [
            "",
            "microsoft.subscription",
            "microsoft.subscription/",
            "microsoft.resources/subscriptions",
            "microsoft.resources/subscriptions/resourcegroups",
            "microsoft.resources/subscriptionsx/read",
            "microsoft.authorization/elevateaccess/action/x",
            "microsoft.authorization/register/action",
            "microsoft.management/register/action",
            "microsoft.management/managementgroups",
            "microsoft.features/features",
            "microsoft.features/operations/read",
            "x/register/action/",
            "/register/action",
            "register/action",
        ];
        let names = (0..ops.len()).map(|i| ops.lower(i));
        let mut levelled = 0;
        for name in names.chain(edges) {
            assert_eq!(object_level(name), object_level_by_slices(name), "{name}");
            levelled += usize::from(object_level(name).is_some());
        }
        assert!(levelled > 100, "{levelled}");
    }
}
