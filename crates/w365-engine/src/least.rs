//! Least privilege: the smallest built-in roles that cover a set of actions or a
//! Windows 365 operation, and the minimal custom role that does
//! ([`crate::minimal`]).

use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::evaluate::Environment;
pub use crate::minimal::Options as MinimalOptions;
use crate::minimal::{MinimalRole, OperationRoles, Options};
use crate::model::{PermissionBlock, Role, RoleKind};
use crate::pattern::ActionPattern;
use crate::readiness::{Context, Missing};
use crate::roleset::RoleSet;
use crate::windows365::Operation;
use serde::Serialize;

/// The action a Microsoft Entra Global Administrator performs by elevating their
/// access ("Access management for Azure resources"): it assigns them User Access
/// Administrator at the root scope `/` (azure-rbac-semantics.md, source EA).
pub const ELEVATE_ACCESS: &str = "Microsoft.Authorization/elevateAccess/action";

/// The Microsoft Entra role whose holders can elevate their access (source EA).
pub const ELEVATING_ROLE: &str = "Global Administrator";

/// How `action` is obtained when no Azure role assignment is a fix for it:
/// [`ELEVATE_ACCESS`] acts at the root scope `/`, where the least-privileged
/// built-in role holding it is User Access Administrator, and User Access
/// Administrator at `/` is what elevation gives, so suggesting it would be
/// circular (review F1 L9); the way is a Global Administrator's elevation (source
/// EA: "When you elevate your access, you will be assigned the User Access
/// Administrator role in Azure at root scope (`/`)"). `None` for any other action.
pub fn elevation(action: &str) -> Option<String> {
    action.eq_ignore_ascii_case(ELEVATE_ACCESS).then(|| {
        format!(
            "`{action}` is not obtained by assigning an Azure role: a Microsoft Entra `{ELEVATING_ROLE}` performs it by turning on \"Access management for Azure resources\" (Microsoft Entra ID, Properties), which assigns them `User Access Administrator` at the root scope `/` (elevate-access-global-admin.md); suggesting that role at `/` would be circular, since it is what elevation gives"
        )
    })
}

/// A built-in role that covers the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// Role name.
    pub role: String,
    /// Role id.
    pub id: String,
    /// Operations it grants beyond those it is proposed for (the request, less
    /// what [`ActionPlan::out_of_reach`] lists and `elevateAccess`).
    pub extra: usize,
    /// When most of what it grants beyond reading lies outside the requested
    /// actions' providers: how much, with Microsoft's description of the role
    /// (an AKS add-on's role ranked first for a subnet join, an outside review).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mostly_elsewhere: Option<String>,
}

/// The answer for a set of Azure actions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionPlan {
    /// Operations requested (after expanding patterns).
    pub requested: usize,
    /// Requested actions or patterns that match nothing in the catalog.
    pub unknown: Vec<String>,
    /// Asked as actions, known to the catalog only as data actions: taken as data
    /// actions (as `eval` and `grants` do).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub as_data_actions: Vec<String>,
    /// Asked as data actions, known to the catalog only as control-plane actions:
    /// taken as actions (the mirror of `as_data_actions`; `eval` and `grants` say
    /// such a name is a control-plane action).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub as_actions: Vec<String>,
    /// Of `unknown`, the exact actions built-in roles name (newer than the
    /// catalog): the minimal role holds each by name, and a single role or the
    /// combination proposed grants each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub named_not_in_catalog: Vec<String>,
    /// Single built-in roles covering everything (and assignable at every scope
    /// given, or at a subscription when none is), least privileged first ([`crate::rank::Standing`]; up to 5).
    pub single_roles: Vec<Candidate>,
    /// When no single role covers everything: a small combination (greedy set cover).
    pub combination: Vec<Candidate>,
    /// Requested operations no built-in role assignable at the scopes asked
    /// grants: neither a single role nor the combination covers them (the
    /// minimal custom role does).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncovered: Vec<String>,
    /// The minimal custom role granting exactly the requested operations, as
    /// `az role definition list` prints it (a JSON object).
    pub custom_role: crate::export::ListedRole,
    /// That role's lines (wildcards with their proof from the catalog) and lint.
    pub minimal: MinimalRole,
    /// Requested actions that act above every scope asked (a management group's,
    /// a subscription's, the root's), which no role assigned there performs: the
    /// roles above are proposed for the rest of the request, and the minimal role
    /// keeps them, as asked ([`crate::lint::above_every`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub out_of_reach: Vec<OutOfReach>,
    /// What the roles above do not say: a requested action that no role
    /// assignment is the way to ([`elevation`]), or none assigned at the scopes
    /// asked ([`ActionPlan::out_of_reach`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A requested action that acts above every scope asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutOfReach {
    /// The action, as the catalog spells it.
    pub action: String,
    /// What it acts on: `the root scope` `/`, `a management group`, `a subscription`
    /// or `a resource group`.
    pub acts_on: String,
}

/// The exact actions asked that the catalog does not list and that usable
/// built-in roles grant by name, each with whether it is a data action and those
/// roles.
fn named_outside(
    catalog: &Catalog,
    actions: &[(String, bool)],
    unknown: &[String],
    usable: &[usize],
) -> Vec<(String, bool, Vec<usize>)> {
    actions
        .iter()
        .filter(|(a, _)| !a.contains('*') && unknown.iter().any(|u| u.eq_ignore_ascii_case(a)))
        .filter_map(|(a, data)| {
            let lower = a.to_ascii_lowercase();
            // Known to exist: a built-in role names it exactly (any text matches
            // Owner's `*`, so a wildcard is no evidence).
            let written = catalog.azure_roles().any(|(_, r)| {
                r.blocks.iter().any(|b| {
                    b.for_plane(*data)
                        .0
                        .iter()
                        .any(|p| !p.is_wildcard() && p.lower() == lower)
                })
            });
            if !written {
                return None;
            }
            let roles: Vec<usize> = usable
                .iter()
                .copied()
                .filter(|&i| {
                    catalog.roles.get(i).is_some_and(|r| {
                        crate::expand::grants_by_text(r, &lower, *data) == Some(None)
                    })
                })
                .collect();
            (!roles.is_empty()).then(|| (a.clone(), *data, roles))
        })
        .collect()
}

/// Smallest built-in roles and a minimal custom role for Azure actions or patterns.
pub fn for_actions(catalog: &Catalog, actions: &[(String, bool)]) -> ActionPlan {
    for_actions_with(catalog, actions, &Options::default())
}

/// [`for_actions`] with the minimal role's name, assignable scopes and whether it
/// may use wildcards.
pub fn for_actions_with(
    catalog: &Catalog,
    actions: &[(String, bool)],
    options: &Options,
) -> ActionPlan {
    let crate::minimal::Wanted {
        want,
        unknown,
        as_data_actions,
        as_actions,
    } = crate::minimal::wanted_on_known_plane(catalog, actions);
    let requested = want.count();
    let sizes = catalog.builtin_sizes();
    let expansions = catalog.builtin_expansions();
    let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    let candidate = |i: usize, covered: usize| -> Option<Candidate> {
        let r = catalog.roles.get(i)?;
        Some(Candidate {
            role: r.name.clone(),
            id: r.id.clone(),
            extra: sizes.get(i).copied().unwrap_or(0).saturating_sub(covered),
            mostly_elsewhere: crate::rank::mostly_elsewhere(catalog, i, &names),
        })
    };
    // With no scope given, the roles are ranked for the scope the custom role is
    // written for (a subscription): a role assignable only elsewhere (Reservations
    // Administrator, at `/providers/Microsoft.Capacity`) is no answer there
    // (review F2 M3).
    let placeholder = [crate::minimal::PLACEHOLDER_SCOPE.to_string()];
    let asked: &[String] = if options.assignable_scopes.is_empty() {
        &placeholder
    } else {
        &options.assignable_scopes
    };
    let scopes: Vec<crate::scope::Scope> = asked
        .iter()
        .filter_map(|s| crate::scope::Scope::parse(s).ok())
        .collect();
    // The roles that may be proposed, alone or combined. A role meant for a
    // service's own identity is never a suggestion for an administrator
    // (roleset::is_service_role; review L4), as in the report and decode: the
    // minimal custom role covers what only such roles grant. Nor is a role that
    // cannot be assigned at every scope asked for (assignable scopes, semantics
    // §5), as for `eval`'s suggestion (outside review of 2026-12-06: Reservations
    // Administrator, assignable only at `/providers/Microsoft.Capacity`, was
    // combined in).
    let assignable_here = |r: &crate::model::Role| {
        scopes
            .iter()
            .all(|s| crate::roleset::assignable(r, Some(s)))
    };
    let usable: Vec<usize> = catalog
        .azure_roles()
        .filter(|(_, r)| !crate::roleset::is_service_role(r) && assignable_here(r))
        .map(|(i, _)| i)
        .collect();
    // Roles are proposed for what an assignment at the scopes asked can do: an
    // action above them, or `elevateAccess` (which no assignment is the way to),
    // is said in the notes instead (outside review of 2026-12-06: Contributor was
    // proposed for `managementGroups/write` at a subscription, User Access
    // Administrator for `elevateAccess`).
    let (unreachable, out_of_reach, reach_notes) = out_of_reach(catalog, &want, asked);
    let elevate = catalog.operations.find(ELEVATE_ACCESS, false);
    let mut rankable = want.clone();
    rankable.subtract(&unreachable);
    if let Some(i) = elevate {
        rankable.remove(i);
    }
    // Exact actions the catalog does not list that built-in roles grant by name
    // (review s43: a role was proposed as covering everything without them):
    // a single role proposed must grant each of them too.
    let named = named_outside(catalog, actions, &unknown, &usable);
    let mut single: Vec<(crate::rank::Standing, usize)> = usable
        .iter()
        .filter(|&&i| {
            (!rankable.is_empty() || !named.is_empty())
                && expansions
                    .get(i)
                    .is_some_and(|e| rankable.is_subset(&e.granted))
                && named.iter().all(|(_, _, roles)| roles.contains(&i))
        })
        .filter_map(|&i| Some((crate::rank::Standing::builtin(catalog, i)?, i)))
        .collect();
    crate::order::sort(&mut single);
    let single_roles: Vec<Candidate> = single
        .iter()
        .take(5)
        .filter_map(|&(_, i)| candidate(i, rankable.count()))
        .collect();
    let mut combination = Vec::new();
    // What no usable built-in role grants: the combination covers the rest, and
    // says so (an outside review: a partial combination was given with no word).
    let mut uncovered = Vec::new();
    if single_roles.is_empty() && !rankable.is_empty() {
        let mut left = rankable.clone();
        while !left.is_empty() {
            // Most newly covered operations per granted operation.
            let best = usable
                .iter()
                .filter_map(|&i| {
                    let e = expansions.get(i)?;
                    let gain = e.granted.intersection_count(&left);
                    (gain > 0).then(|| {
                        (
                            gain as f64 / sizes.get(i).copied().unwrap_or(1).max(1) as f64,
                            gain,
                            i,
                        )
                    })
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let Some((_, gain, i)) = best else { break };
            if let Some(e) = expansions.get(i) {
                left.subtract(&e.granted);
            }
            if let Some(c) = candidate(i, gain) {
                combination.push(c);
            }
        }
        uncovered = left
            .iter()
            .map(|i| catalog.operations.name(i).to_string())
            .collect();
    }
    // An action the catalog does not list that no role of the combination grants:
    // the least privileged role that does joins it.
    if !combination.is_empty() {
        for (_, _, roles) in &named {
            let held = combination.iter().any(|c| {
                roles
                    .iter()
                    .any(|&i| catalog.roles.get(i).is_some_and(|r| r.id == c.id))
            });
            if held {
                continue;
            }
            let mut ranked: Vec<(crate::rank::Standing, usize)> = roles
                .iter()
                .filter_map(|&i| Some((crate::rank::Standing::builtin(catalog, i)?, i)))
                .collect();
            crate::order::sort(&mut ranked);
            if let Some(c) = ranked.first().and_then(|&(_, i)| candidate(i, 0)) {
                combination.push(c);
            }
        }
    }
    let exact: Vec<(String, bool)> = named.iter().map(|(a, d, _)| (a.clone(), *d)).collect();
    let minimal = crate::minimal::with_named(
        catalog,
        crate::minimal::azure_role(catalog, &want, options),
        &exact,
    );
    let custom_role = crate::export::ListedRole(minimal.role.clone());
    // `elevateAccess`, asked by name or through a pattern (`Microsoft.Authorization/*`),
    // is left out of what the roles are proposed for: said first.
    let mut notes: Vec<String> = elevate
        .filter(|&i| want.contains(i))
        .and_then(|i| elevation(catalog.operations.name(i)))
        .into_iter()
        .collect();
    notes.extend(reach_notes);
    if !uncovered.is_empty() {
        let shown: Vec<String> = uncovered.iter().take(3).map(|a| format!("`{a}`")).collect();
        notes.push(format!(
            "no built-in role assignable at the scopes asked grants {} ({}{}): {}; the minimal custom role grants {}",
            if uncovered.len() == 1 { "this operation".to_string() } else { format!("these {} operations", uncovered.len()) },
            shown.join(", "),
            if uncovered.len() > shown.len() { format!(" and {} more", uncovered.len() - shown.len()) } else { String::new() },
            if combination.is_empty() { "no combination is proposed" } else { "the combination covers the rest of the request" },
            if uncovered.len() == 1 { "it" } else { "them" },
        ));
    }
    // Roles made for a service's own identity are left out above: when one
    // would have ranked first, that is said (an outside review: Desktop
    // Virtualization Power On Contributor, the smallest role granting a VM's
    // start and read, was left out without a word).
    let first = single
        .first()
        .map(|&(_, i)| sizes.get(i).copied().unwrap_or(0));
    let mut service: Vec<(usize, usize)> = catalog
        .azure_roles()
        .filter(|(_, r)| crate::roleset::is_service_role(r) && assignable_here(r))
        .filter(|&(i, _)| {
            !rankable.is_empty()
                && expansions
                    .get(i)
                    .is_some_and(|e| rankable.is_subset(&e.granted))
        })
        .map(|(i, _)| (sizes.get(i).copied().unwrap_or(0), i))
        .filter(|&(n, _)| first.is_none_or(|f| n < f))
        .collect();
    crate::order::sort(&mut service);
    if !service.is_empty() {
        let shown: Vec<String> = service
            .iter()
            .take(3)
            .filter_map(|&(n, i)| {
                catalog
                    .roles
                    .get(i)
                    .map(|r| format!("`{}` ({})", r.name, crate::text::thousands(n)))
            })
            .collect();
        notes.push(format!(
            "left out: {} made for an Azure service's own identity, not for an administrator, {} all of it with fewer operations than the first role proposed: {}{}",
            if service.len() == 1 { "a built-in role".to_string() } else { format!("{} built-in roles", service.len()) },
            if service.len() == 1 { "grants" } else { "grant" },
            shown.join(", "),
            if service.len() > shown.len() { format!(" and {} more", service.len() - shown.len()) } else { String::new() },
        ));
    }
    for (action, _, roles) in &named {
        let names: Vec<String> = roles
            .iter()
            .take(3)
            .filter_map(|&i| catalog.roles.get(i))
            .map(|r| format!("`{}`", r.name))
            .collect();
        notes.push(format!(
            "`{action}` is not in the operations catalog, but built-in roles grant it, its name matched as text as `eval` matches it ({}{}): a single role or combination proposed grants it too, and the minimal custom role holds it by name",
            names.join(", "),
            if roles.len() > names.len() { format!(" and {} more", roles.len() - names.len()) } else { String::new() }
        ));
    }
    ActionPlan {
        requested: requested + exact.len(),
        unknown,
        as_data_actions,
        as_actions,
        named_not_in_catalog: exact.into_iter().map(|(a, _)| a).collect(),
        single_roles,
        combination,
        uncovered,
        custom_role,
        minimal,
        out_of_reach,
        notes,
    }
}

/// The requested control-plane operations that act above every scope `asked`, and
/// a note per level they act on (outside review of 2026-12-06: `least` answered
/// `managementGroups/write` at a subscription with Contributor and a lint-clean
/// role, neither of which performs it there). `elevateAccess` is listed but has
/// its own note ([`elevation`]).
fn out_of_reach(
    catalog: &Catalog,
    want: &BitSet,
    asked: &[String],
) -> (BitSet, Vec<OutOfReach>, Vec<String>) {
    let ops = &catalog.operations;
    let mut set = BitSet::new(ops.len());
    let mut out = Vec::new();
    // (acts on, scopes at most, actions): one note per level.
    let mut by_level: Vec<(&str, &str, Vec<String>)> = Vec::new();
    for i in want.iter().filter(|&i| !ops.is_data(i)) {
        let name = ops.name(i);
        let Some((acts_on, scopes)) =
            crate::lint::above_every(name, asked.iter().map(String::as_str))
        else {
            continue;
        };
        set.insert(i);
        out.push(OutOfReach {
            action: name.to_string(),
            acts_on: acts_on.to_string(),
        });
        if elevation(name).is_some() {
            continue;
        }
        match by_level.iter_mut().find(|(l, ..)| *l == acts_on) {
            Some((.., names)) => names.push(name.to_string()),
            None => by_level.push((acts_on, scopes, vec![name.to_string()])),
        }
    }
    let notes = by_level
        .into_iter()
        .map(|(acts_on, scopes, names)| {
            let listed: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
            let more = names.len().saturating_sub(5);
            let (list, verb) = match (names.len(), more) {
                (1, _) => (listed.join(""), "acts"),
                (_, 0) => (listed.join(", "), "act"),
                _ => (format!("{} and {more} more", listed.join(", ")), "act"),
            };
            format!(
                "{list} {verb} on {acts_on}, above every scope asked (at most {scopes}): no role assigned there performs {it}, so the roles proposed are for the rest of the request (none when nothing else is asked), and the minimal role, which keeps {it} as asked, does not perform {it} there either (its lint warns `action-out-of-reach`); ask with `--scope` at {acts_on} for roles that do (inferred from the operation's resource type, as lint)",
                it = if names.len() == 1 { "it" } else { "them" },
            )
        })
        .collect();
    (set, out, notes)
}

/// A custom Azure role granting exactly the operations of `set`, one exact name per
/// operation (see [`crate::minimal::azure_role`] for the fewest lines).
pub fn minimal_role(catalog: &Catalog, set: &BitSet, name: &str) -> Role {
    let ops = &catalog.operations;
    let mut block = PermissionBlock::default();
    for i in set.iter() {
        if let Ok(p) = ActionPattern::new(ops.name(i)) {
            if ops.is_data(i) {
                block.data_actions.push(p);
            } else {
                block.actions.push(p);
            }
        }
    }
    Role {
        id: crate::import::derived_id(name),
        name: name.to_string(),
        description: "Grants exactly the requested operations (w365-perms least privilege).".into(),
        kind: RoleKind::AzureCustom,
        category: None,
        blocks: vec![block],
        assignable_scopes: vec!["/subscriptions/00000000-0000-0000-0000-000000000000".into()],
        provenance: vec!["composed by w365-perms".into()],
        notes: Vec::new(),
        entra_actions: Vec::new(),
        aliases: Vec::new(),
        version_date: None,
    }
}

/// The answer for a Windows 365 operation.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationPlan {
    /// Operation id.
    pub operation: String,
    /// Everything an admin who holds nothing would need, each with its fix.
    pub needs: Vec<Missing>,
    /// A Cloud PC custom role holding exactly the Cloud PC permissions needed, as a
    /// Graph request (`export --format graph`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_pc_role: Option<String>,
    /// An Intune custom role holding exactly the Intune permissions needed, as a
    /// Graph request (`export --format graph` of an Intune role).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intune_role: Option<String>,
    /// An Azure custom role granting exactly the Azure actions needed, as `az role
    /// definition list` prints it (as `customRole` of [`ActionPlan`]; `export`
    /// deploys it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub azure_role: Option<crate::export::ListedRole>,
    /// What enabling the operation takes: every role above, created and
    /// assigned, and what `minimal.alsoNeeds` names; one sentence each (review H1
    /// M2: `cloudPcRole` alone left an operation that also needs Intune denied).
    pub deploy: Vec<String>,
    /// The minimal custom roles of every plane, and what no custom role can hold.
    pub minimal: OperationRoles,
}

/// What an operation needs, starting from nothing, with least-privileged fixes.
pub fn for_operation(catalog: &Catalog, op: &Operation) -> OperationPlan {
    for_operation_with(catalog, op, &Options::default())
}

/// [`for_operation`] with the minimal roles' name (each part after the first
/// gets its plane in brackets: `NAME (Intune)`), and the Azure role's assignable
/// scopes and whether it may use wildcards (the Cloud PC and Intune roles have
/// exact names, and no assignable scopes: theirs are chosen when they are
/// assigned).
pub fn for_operation_with(catalog: &Catalog, op: &Operation, options: &Options) -> OperationPlan {
    let env = Environment::new(RoleSet::new(catalog, Vec::new()));
    let ctx = Context::infer(&env, None, None, None, None);
    let result = env.operation(op, &ctx);
    let minimal = crate::minimal::for_operations(catalog, &[op], options);
    let graph = |m: &MinimalRole| {
        crate::export::export(&m.role, crate::export::Format::Graph).unwrap_or_default()
    };
    let cloud_pc_role = minimal.cloud_pc.as_ref().map(graph);
    let intune_role = minimal.intune.as_ref().map(graph);
    let azure_role = minimal
        .azure
        .as_ref()
        .map(|m| crate::export::ListedRole(m.role.clone()));
    let graph_part = "send the Graph request, then assign the role";
    let mut parts: Vec<String> = [
        (cloud_pc_role.is_some(), "cloudPcRole", graph_part),
        (intune_role.is_some(), "intuneRole", graph_part),
        (
            azure_role.is_some(),
            "azureRole",
            "deploy it with `w365-perms export` (it is in the `az role definition list` shape), then assign it at its scope",
        ),
    ]
    .into_iter()
    .filter(|(has, _, _)| *has)
    .map(|(_, key, how)| format!("`{key}`: {how}"))
    .collect();
    let also = minimal.also_needs.len();
    if also > 0 {
        parts.push(format!(
            "`minimal.alsoNeeds` ({also}): assign what it names; no custom role can hold it"
        ));
    }
    // The roles Windows 365 itself must be given by hand whoever the admin is
    // (an outside review: `place-cloud-pc-under-review`'s storage roles were
    // missing, so following `deploy` alone left the operation disabled). An ANC's
    // roles are not among them: the admin `alsoNeeds` names (Owner or User Access
    // Administrator) has Windows 365 assign them itself.
    if let Some(s) = result.service.as_ref().filter(|s| {
        op.service == crate::windows365::ServiceKind::Review && s.assignment == "manual"
    }) {
        let roles: Vec<String> = s
            .receives
            .iter()
            .map(|r| format!("{} at `{}`", r.role, r.scope))
            .collect();
        parts.push(format!(
            "`service`: assign the Windows 365 first-party app (`{}`) {}: {}",
            crate::windows365::WINDOWS365_APP_ID,
            roles.join(", "),
            s.explanation
        ));
    }
    let mut deploy = Vec::new();
    if parts.len() > 1 {
        deploy.push(format!(
            "`{}` needs every part below; one alone does not enable it",
            op.id
        ));
    }
    deploy.extend(parts);
    OperationPlan {
        operation: op.id.clone(),
        needs: result.missing,
        cloud_pc_role,
        intune_role,
        azure_role,
        deploy,
        minimal,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;

    /// Review L4: no role meant for a service's own identity (Azure Red Hat
    /// OpenShift's operators) is among the least-privileged built-in roles offered
    /// for a network security group join or a subnet join; `grants` still lists
    /// them, marked, last.
    #[test]
    fn service_roles_are_never_offered() {
        let cat = crate::catalog().unwrap();
        for action in [
            "Microsoft.Network/networkSecurityGroups/join/action",
            "Microsoft.Network/virtualNetworks/subnets/join/action",
        ] {
            let plan = for_actions(cat, &[(action.to_string(), false)]);
            assert!(!plan.single_roles.is_empty(), "{action}");
            for c in plan.single_roles.iter().chain(&plan.combination) {
                let role = cat.role(&c.role).unwrap().1;
                assert!(
                    !crate::roleset::is_service_role(role),
                    "{action}: {}",
                    c.role
                );
            }
            let roles = crate::roleset::RoleSet::new(cat, Vec::new());
            let grants = crate::reverse::who_grants(&roles, action, false);
            let aro = grants
                .iter()
                .find(|g| g.role == "Azure Red Hat OpenShift Cloud Controller Manager")
                .unwrap();
            assert!(aro.service_role, "{action}");
        }
        // A smaller service role left out is said (an outside review).
        let plan = for_actions(
            cat,
            &[
                (
                    "Microsoft.Compute/virtualMachines/start/action".to_string(),
                    false,
                ),
                ("Microsoft.Compute/virtualMachines/read".to_string(), false),
            ],
        );
        assert!(
            plan.notes.iter().any(|n| n.starts_with("left out: ")
                && n.contains("`Desktop Virtualization Power On Contributor`")),
            "{:?}",
            plan.notes
        );
        assert!(plan
            .single_roles
            .iter()
            .all(|c| c.role != "Desktop Virtualization Power On Contributor"));
    }

    /// A combination holds only roles assignable where the role is asked for
    /// (outside review of 2026-12-06: Reservations Administrator, assignable only
    /// at `/providers/Microsoft.Capacity`, was combined in at a subscription).
    #[test]
    fn a_combination_holds_only_roles_assignable_there() {
        let cat = crate::catalog().unwrap();
        let plan = for_actions(
            cat,
            &[
                (
                    "Microsoft.Authorization/roleAssignments/write".to_string(),
                    false,
                ),
                (
                    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
                        .to_string(),
                    true,
                ),
            ],
        );
        assert!(plan.single_roles.is_empty());
        assert!(!plan.combination.is_empty());
        let sub = crate::scope::Scope::parse(crate::minimal::PLACEHOLDER_SCOPE).unwrap();
        for c in &plan.combination {
            let role = cat.role(&c.role).unwrap().1;
            assert!(crate::roleset::assignable(role, Some(&sub)), "{}", c.role);
        }
    }

    /// An operation no built-in role grants is listed as uncovered, with a note,
    /// beside a combination that covers the rest (an outside review: the
    /// combination was given as if it covered the whole request).
    #[test]
    fn what_no_built_in_role_grants_is_said_to_be_uncovered() {
        let cat = crate::catalog().unwrap();
        let data = "Microsoft.ContainerService/aiManagers/admissionregistration.k8s.io/validatingwebhookconfigurations/delete";
        let plan = for_actions(
            cat,
            &[
                ("Microsoft.Quota/usages/read".to_string(), false),
                (data.to_string(), true),
            ],
        );
        assert!(plan.single_roles.is_empty());
        assert!(!plan.combination.is_empty());
        assert_eq!(plan.uncovered, [data]);
        assert!(
            plan.notes
                .iter()
                .any(|n| n.contains(data) && n.contains("no built-in role")),
            "{:?}",
            plan.notes
        );
        // Covered requests have no such list.
        let read = for_actions(
            cat,
            &[("Microsoft.Compute/virtualMachines/read".to_string(), false)],
        );
        assert!(read.uncovered.is_empty());
    }

    /// An action that acts above every scope asked is said to be out of reach there
    /// (outside review of 2026-12-06), and is not at a scope that reaches it.
    #[test]
    fn an_action_above_the_scopes_asked_is_out_of_reach() {
        let cat = crate::catalog().unwrap();
        let ask = |scopes: &[&str]| {
            for_actions_with(
                cat,
                &[
                    (
                        "Microsoft.Management/managementGroups/write".to_string(),
                        false,
                    ),
                    ("Microsoft.Compute/virtualMachines/read".to_string(), false),
                    (
                        "Microsoft.Authorization/elevateAccess/action".to_string(),
                        false,
                    ),
                ],
                &Options {
                    assignable_scopes: scopes.iter().map(|s| s.to_string()).collect(),
                    ..Options::default()
                },
            )
        };
        let plan = ask(&[]);
        // Roles are proposed for the rest: reading virtual machines (Reader
        // first), not for the management group or the elevation.
        let singles: Vec<&str> = plan.single_roles.iter().map(|c| c.role.as_str()).collect();
        assert!(
            singles.contains(&"Reader") && !singles.contains(&"User Access Administrator"),
            "{singles:?}"
        );
        assert_eq!(plan.requested, 3);
        let names: Vec<(&str, &str)> = plan
            .out_of_reach
            .iter()
            .map(|o| (o.action.as_str(), o.acts_on.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "Microsoft.Authorization/elevateAccess/action",
                    "the root scope `/`"
                ),
                (
                    "Microsoft.Management/managementGroups/write",
                    "a management group"
                ),
            ]
        );
        let reach: Vec<&String> = plan
            .notes
            .iter()
            .filter(|n| n.contains("above every scope asked"))
            .collect();
        assert_eq!(reach.len(), 1, "{:?}", plan.notes);
        assert!(reach[0].starts_with("`Microsoft.Management/managementGroups/write` acts on a management group, above every scope asked (at most subscriptions)"), "{}", reach[0]);
        // At a management group it is within reach; elevateAccess still is not.
        let plan = ask(&["/providers/Microsoft.Management/managementGroups/mg1"]);
        assert_eq!(plan.out_of_reach.len(), 1);
        assert_eq!(
            plan.out_of_reach[0].action,
            "Microsoft.Authorization/elevateAccess/action"
        );
        assert!(!plan
            .notes
            .iter()
            .any(|n| n.contains("above every scope asked")));
        // Nothing but what no assignment there performs: no role is proposed.
        let alone = for_actions(
            cat,
            &[(
                "Microsoft.Management/managementGroups/write".to_string(),
                false,
            )],
        );
        assert!(alone.single_roles.is_empty() && alone.combination.is_empty());
        assert_eq!(alone.out_of_reach.len(), 1);
        let elevate = for_actions_with(
            cat,
            &[(ELEVATE_ACCESS.to_string(), false)],
            &Options {
                assignable_scopes: vec!["/".into()],
                ..Options::default()
            },
        );
        assert!(elevate.single_roles.is_empty() && elevate.out_of_reach.is_empty());
        assert_eq!(elevate.notes.len(), 1);
        // Through a pattern: said as well.
        let pattern = for_actions(cat, &[("Microsoft.Authorization/*".to_string(), false)]);
        assert!(
            pattern
                .notes
                .iter()
                .any(|n| n.contains("is not obtained by assigning an Azure role")),
            "{:?}",
            pattern.notes
        );
        // Two scopes, one of them a management group: within reach at that one.
        let plan = ask(&[
            "/subscriptions/11111111-1111-1111-1111-111111111111",
            "/providers/Microsoft.Management/managementGroups/mg1",
        ]);
        assert_eq!(plan.out_of_reach.len(), 1);
    }
}
