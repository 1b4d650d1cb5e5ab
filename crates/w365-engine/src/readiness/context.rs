//! The concrete Azure scopes an operation's requirements refer to.

use crate::evaluate::Environment;
use crate::model::Plane;
use crate::scope::{Scope, ScopeKind};
use crate::windows365::Slot;
use serde::Serialize;

/// The subscription, resource group, virtual network and storage account in play.
///
/// When the input does not name them they are inferred from the Azure assignments
/// (the first subscription, a resource group in it, ...); where none is assigned,
/// a placeholder such as `{resource-group}` stands for "any", which no real scope
/// equals, so only assignments at a parent scope reach it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Context {
    /// `/subscriptions/<id>`
    pub subscription: Scope,
    /// `/subscriptions/<id>/resourceGroups/<rg>`
    pub resource_group: Scope,
    /// `.../providers/Microsoft.Network/virtualNetworks/<name>`
    pub virtual_network: Scope,
    /// `.../providers/Microsoft.Storage/storageAccounts/<name>`
    pub storage_account: Scope,
    /// Which of them were inferred or placeholders rather than given.
    pub inferred: Vec<String>,
}

impl serde::Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

fn parse(s: &str) -> Scope {
    Scope::parse(s).unwrap_or_else(|_| Scope::root())
}

/// A given resource group or virtual network outside the given subscription: the
/// context key and what is wrong, for each. An Azure network connection names one
/// subscription, and its resource group and virtual network are in it (seed 002:
/// "Select a Subscription and Resource group", then a virtual network; Graph's
/// `cloudPcOnPremisesConnection` carries one `subscriptionId` beside its
/// `resourceGroupId` and `virtualNetworkId`).
pub fn outside_subscription(
    subscription: Option<&Scope>,
    resource_group: Option<&Scope>,
    virtual_network: Option<&Scope>,
) -> Vec<(&'static str, String)> {
    let Some(sub) = subscription else {
        // No subscription given: the two that are given must share one.
        return match (resource_group, virtual_network) {
            (Some(rg), Some(vnet)) => match (rg.subscription_id(), vnet.subscription_id()) {
                (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b) => vec![(
                    "virtualNetwork",
                    format!(
                        "the virtual network `{}` is in subscription `{b}`, the resource group `{}` in subscription `{a}`: an Azure network connection's resource group and virtual network are in the subscription it is created in",
                        vnet.as_str(),
                        rg.as_str()
                    ),
                )],
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
    };
    let Some(id) = sub.subscription_id() else {
        return Vec::new();
    };
    [("resourceGroup", "resource group", resource_group), ("virtualNetwork", "virtual network", virtual_network)]
        .into_iter()
        .filter_map(|(key, what, s)| {
            let s = s?;
            let other = s.subscription_id()?;
            (!other.eq_ignore_ascii_case(id)).then(|| {
                (
                    key,
                    format!(
                        "the {what} `{}` is in subscription `{other}`, not in the context's subscription `{}`: an Azure network connection's resource group and virtual network are in the subscription it is created in",
                        s.as_str(),
                        sub.as_str()
                    ),
                )
            })
        })
        .collect()
}

impl Context {
    /// The scope of a slot.
    pub fn scope(&self, slot: Slot) -> &Scope {
        match slot {
            Slot::Subscription => &self.subscription,
            Slot::ResourceGroup => &self.resource_group,
            Slot::VirtualNetwork => &self.virtual_network,
            Slot::StorageAccount => &self.storage_account,
        }
    }

    /// Fill what is not given from the assignments.
    pub fn infer(
        env: &Environment<'_>,
        subscription: Option<Scope>,
        resource_group: Option<Scope>,
        virtual_network: Option<Scope>,
        storage_account: Option<Scope>,
    ) -> Context {
        let scopes: Vec<&Scope> = env
            .assignments_on(Plane::Azure)
            .filter_map(|(_, a, _)| a.scope.as_ref())
            .collect();
        let mut inferred = Vec::new();
        let prefix_of = |s: &Scope, n: usize| -> String {
            let parts: Vec<&str> = s.as_str().split('/').filter(|p| !p.is_empty()).collect();
            format!(
                "/{}",
                parts.iter().take(n).copied().collect::<Vec<_>>().join("/")
            )
        };
        let sub = subscription.unwrap_or_else(|| {
            inferred.push("subscription".into());
            let from = resource_group
                .as_ref()
                .or(virtual_network.as_ref())
                .into_iter()
                .chain(scopes.iter().copied());
            from.into_iter()
                .find(|s| s.subscription_id().is_some())
                .map(|s| parse(&prefix_of(s, 2)))
                .unwrap_or_else(|| parse("/subscriptions/{subscription}"))
        });
        let sub_id = sub.subscription_id().map(str::to_string);
        let in_sub =
            |s: &&Scope| sub_id.is_some() && s.subscription_id().map(str::to_string) == sub_id;
        let rg = resource_group.unwrap_or_else(|| {
            inferred.push("resourceGroup".into());
            virtual_network
                .as_ref()
                .into_iter()
                .chain(scopes.iter().copied().filter(in_sub))
                .find(|s| s.depth() >= 4 && !matches!(s.kind(), ScopeKind::Subscription(_)))
                .map(|s| parse(&prefix_of(s, 4)))
                .unwrap_or_else(|| {
                    parse(&format!(
                        "{}/resourceGroups/{{resource-group}}",
                        sub.normalized()
                    ))
                })
        });
        let find_resource = |kind: &str| -> Option<Scope> {
            let needle = format!("/providers/{}/", kind.to_ascii_lowercase());
            scopes.iter().copied().filter(in_sub).find_map(|s| {
                let lower = s.as_str().to_ascii_lowercase();
                let at = lower.find(&needle)?;
                let tail = &s.as_str()[at + needle.len()..];
                let name = tail.split('/').find(|p| !p.is_empty())?;
                Some(parse(&format!(
                    "{}{}",
                    &s.as_str()[..at + needle.len()],
                    name
                )))
            })
        };
        let vnet = virtual_network.unwrap_or_else(|| {
            inferred.push("virtualNetwork".into());
            find_resource("Microsoft.Network/virtualNetworks").unwrap_or_else(|| {
                parse(&format!(
                    "{}/providers/Microsoft.Network/virtualNetworks/{{virtual-network}}",
                    rg.normalized()
                ))
            })
        });
        let storage = storage_account.unwrap_or_else(|| {
            inferred.push("storageAccount".into());
            find_resource("Microsoft.Storage/storageAccounts").unwrap_or_else(|| {
                parse(&format!(
                    "{}/providers/Microsoft.Storage/storageAccounts/{{storage-account}}",
                    rg.normalized()
                ))
            })
        });
        Context {
            subscription: sub,
            resource_group: rg,
            virtual_network: vnet,
            storage_account: storage,
            inferred,
        }
    }
}
