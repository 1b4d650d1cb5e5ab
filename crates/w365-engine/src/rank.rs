//! "Least privileged": the one order of roles that `eval`'s suggestion, `decode`'s
//! fix, `least`, `grants` and `enables` all use, so they never disagree.
//!
//! A role ranks before another by, in turn:
//! 1. not being a role for a service's own identity ([`crate::roleset::is_service_role`]);
//! 2. carrying no high or critical risk note ([`crate::risk::assess`]): a small
//!    role that also reads storage account keys is no least-privileged way to read
//!    an account's properties;
//! 3. fewer operations and permissions (the "privilege size");
//! 4. a less serious most serious risk note;
//! 5. fewer Microsoft Entra directory actions of its own (Global Administrator
//!    after Intune Administrator, whose Cloud PC and Intune permissions it equals);
//! 6. the name.

use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::model::Role;
use crate::risk::Level;

/// Where a role stands in the least-privileged order: compare two with `<`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Standing {
    service: bool,
    risky: bool,
    size: usize,
    risk: u8,
    directory: usize,
    name: String,
}

impl Standing {
    /// The standing of a role with its expansion and privilege size.
    pub fn of(catalog: &Catalog, role: &Role, ex: &Expansion, size: usize) -> Standing {
        let level = crate::risk::assess(catalog, role, ex)
            .iter()
            .map(|n| n.level)
            .min();
        Standing::with_level(role, ex, size, level, crate::roleset::is_service_role(role))
    }

    fn with_level(
        role: &Role,
        ex: &Expansion,
        size: usize,
        level: Option<Level>,
        service: bool,
    ) -> Standing {
        Standing {
            service,
            risky: level.is_some_and(|l| l <= Level::High),
            size,
            risk: match level {
                None => 0,
                Some(Level::Low) => 1,
                Some(Level::Medium) => 2,
                Some(Level::High) => 3,
                Some(Level::Critical) => 4,
            },
            directory: ex.entra.len(),
            name: role.name.clone(),
        }
    }

    /// The standing of built-in role `i` (its risk assessed once per catalog).
    pub fn builtin(catalog: &Catalog, i: usize) -> Option<Standing> {
        let role = catalog.roles.get(i)?;
        let ex = catalog.builtin_expansions().get(i)?;
        let size = catalog
            .builtin_sizes()
            .get(i)
            .copied()
            .unwrap_or(usize::MAX);
        Some(Standing::with_level(
            role,
            ex,
            size,
            catalog.builtin_risk_level(i),
            catalog.builtin_service(i),
        ))
    }

    /// It carries a high or critical risk note.
    pub fn risky(&self) -> bool {
        self.risky
    }

    /// Its privilege size.
    pub fn size(&self) -> usize {
        self.size
    }
}

/// For a built-in role most of whose operations beyond reading lie outside the
/// actions' resource providers (and that is not over everything, `*`): a clause
/// saying so, with Microsoft's description of it, so that a role made for other
/// work (an AKS add-on's, for a subnet join) is weighed against a custom role:
/// said with the least-privileged role by `decode`, `eval` and `least`.
pub fn mostly_elsewhere(
    cat: &crate::bundle::Catalog,
    ix: usize,
    actions: &[&str],
) -> Option<String> {
    let role = cat.roles.get(ix)?;
    // A role over everything (`*`: Owner, Contributor) is broad, not meant for
    // other work; its size says so.
    if role
        .blocks
        .iter()
        .any(|b| b.actions.iter().any(|p| p.as_str() == "*"))
    {
        return None;
    }
    let description = role.description.as_str();
    let mut providers: Vec<&str> = Vec::new();
    for a in actions {
        let p = a.split('/').next().unwrap_or_default();
        if !providers.iter().any(|x| x.eq_ignore_ascii_case(p)) {
            providers.push(p);
        }
    }
    // What it can change: reads (`*/read` in a role for role assignments) and
    // support tickets (`Microsoft.Support/*`, in many built-in roles) say nothing
    // about what a role is for (left out of the counts, [`OpProviders`]).
    let (ops, counts) = cat.builtin_providers(ix)?;
    let asked: Vec<u32> = providers.iter().filter_map(|p| ops.id(p)).collect();
    let all: usize = counts.iter().map(|&(_, n)| n as usize).sum();
    let outside: usize = counts
        .iter()
        .filter(|(p, _)| !asked.contains(p))
        .map(|&(_, n)| n as usize)
        .sum();
    let provider = providers
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    (outside * 2 > all).then(|| {
        let said = if description.trim().is_empty() {
            String::new()
        } else {
            format!(
                " (Microsoft describes it as \u{201c}{}\u{201d})",
                crate::text::excerpt(description.trim())
            )
        };
        format!(
            "{} of the {} operations it grants beyond reading are outside {provider}{said}",
            crate::text::thousands(outside),
            crate::text::thousands(all)
        )
    })
}

/// Each operation's provider (its name's first segment, compared in ASCII
/// lowercase), by id; reads and support tickets have none, as they say nothing
/// about what a role is for.
#[derive(Debug)]
pub struct OpProviders {
    of: Vec<u32>,
    ids: std::collections::HashMap<String, u32>,
}

/// [`OpProviders::of`] for an operation that is not counted.
const UNCOUNTED: u32 = u32::MAX;

impl OpProviders {
    /// Read every operation of the catalog once.
    pub fn new(ops: &crate::catalog::OperationCatalog) -> OpProviders {
        let mut ids = std::collections::HashMap::new();
        let of = (0..ops.len())
            .map(|i| {
                let name = ops.name(i);
                let read = name.len() >= 5
                    && name
                        .get(name.len() - 5..)
                        .is_some_and(|t| t.eq_ignore_ascii_case("/read"));
                let provider = name
                    .split('/')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if read || provider == "microsoft.support" {
                    return UNCOUNTED;
                }
                let next = ids.len() as u32;
                *ids.entry(provider).or_insert(next)
            })
            .collect();
        OpProviders { of, ids }
    }

    /// A provider's id, if an operation of it is counted.
    pub fn id(&self, provider: &str) -> Option<u32> {
        self.ids.get(&provider.to_ascii_lowercase()).copied()
    }

    /// What an expansion grants (outright or under a condition), counted by
    /// provider, sorted by provider id.
    pub fn count(&self, e: &crate::expand::Expansion) -> Vec<(u32, u32)> {
        let mut by: std::collections::BTreeMap<u32, u32> = std::collections::BTreeMap::new();
        for i in e.granted.iter().chain(e.conditional.iter()) {
            match self.of.get(i) {
                Some(&p) if p != UNCOUNTED => *by.entry(p).or_default() += 1,
                _ => {}
            }
        }
        by.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// An outside review: an AKS add-on's role offered for a subnet join was not
    /// said to be for other work; Network Contributor, all network, is not.
    #[test]
    fn a_role_mostly_outside_the_actions_provider_is_said_so() {
        let cat = crate::catalog().unwrap();
        let join = "Microsoft.Network/virtualNetworks/subnets/join/action";
        let said = |name: &str| {
            let ix = cat.roles.iter().position(|r| r.name == name).unwrap();
            mostly_elsewhere(cat, ix, &[join])
        };
        let aks = said("Azure Kubernetes Service Policy Add-on Deployment").unwrap();
        assert!(
            aks.contains("operations it grants beyond reading are outside `Microsoft.Network`"),
            "{aks}"
        );
        assert!(
            aks.contains("\u{201c}Deploy the Azure Policy add-on"),
            "{aks}"
        );
        assert_eq!(said("Network Contributor"), None);
    }

    fn of(name: &str) -> Standing {
        let cat = crate::catalog().unwrap();
        let (i, _) = cat.role(name).unwrap();
        Standing::builtin(cat, i).unwrap()
    }

    #[test]
    fn a_role_without_high_risk_ranks_first() {
        // Reader and Data Access is smaller but reads storage account keys.
        assert!(of("Reader") < of("Reader and Data Access"));
        assert!(of("Reader and Data Access").risky());
    }

    #[test]
    fn global_administrator_never_before_intune_administrator() {
        let (ga, ia) = (of("Global Administrator"), of("Intune Administrator"));
        assert!(ia < ga, "{ia:?} {ga:?}");
    }

    #[test]
    fn service_roles_last() {
        assert!(
            of("Key Vault Reader") < of("Operator Nexus Key Vault Writer Service Role (Preview)")
        );
        // Described as a service identity's role, not named so (review G M2).
        assert!(of("Network Contributor") < of("AVS on Fleet VIS Role"));
        assert!(of("Network Contributor") < of("Azure Container Storage Operator"));
        assert!(of("Storage Account Contributor") < of("Azure Front Door Secret Reader"));
    }
}
