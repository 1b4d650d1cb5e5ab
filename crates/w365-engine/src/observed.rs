//! Built-in roles as Microsoft Graph returned them, and what that record tells:
//! each role's dated change timeline ([`timeline`]), a role as it was on a date
//! ([`version_as_of`]), the earlier model and published samples it replaced
//! ([`evidence`]), and where the seed's custom-role table and the observed lists
//! disagree ([`disagreements`]).
//!
//! Observed facts beat modelled ones: the observed lists are the definitions of
//! the Cloud PC, Intune and Entra built-in roles; everything else is kept as
//! history, with its date, and shown.

mod disagreement;
mod error;
mod timeline;

pub use disagreement::{disagreements, Disagreements, TableOnly, UnlistedAction, UnreadAction};
pub use error::TimelineError;
pub(crate) use timeline::date_problem;
pub use timeline::{after_capture, timeline, version_as_of, Timeline, TimelineEntry};

use crate::bundle::Catalog;
use crate::model::Plane;
use serde::Serialize;

/// When and from where the observed roles come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observed {
    /// The last day of the capture, `2025-12-19`.
    pub captured_until: String,
    /// The provenance record of the capture.
    pub source: String,
    /// The dated changes of every Cloud PC and Intune built-in role.
    pub histories: Vec<RoleHistory>,
    /// What the Cloud PC built-in roles were modelled as before, and the samples.
    pub evidence: Vec<Evidence>,
}

/// The recorded changes of one built-in role, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleHistory {
    /// Role name.
    pub role: String,
    /// Its plane.
    pub plane: Plane,
    /// Where the observed definition comes from.
    pub source: String,
    /// The first entry adds the whole first captured list.
    pub entries: Vec<HistoryEntry>,
}

/// One dated change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// `2023-12-04`
    pub date: String,
    /// The capture's commit (abbreviated).
    pub commit: String,
    /// Actions added that day (Graph names).
    pub added: Vec<String>,
    /// Actions removed that day.
    pub removed: Vec<String>,
}

/// The earlier, modelled definition of a Cloud PC built-in role and the samples
/// published in Graph examples, kept as evidence beside the observed list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// Role name.
    pub role: String,
    /// The modelled list (Graph names).
    pub modelled: Vec<String>,
    /// How it was modelled.
    pub derivation: String,
    /// Published samples ("might be shortened").
    pub samples: Vec<Sample>,
}

/// A published sample of a built-in role's permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    /// Where it was published.
    pub source: String,
    /// The actions it shows.
    pub actions: Vec<String>,
}

/// The observed definition of a role set against its earlier model and samples.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceReport {
    /// Role name.
    pub role: String,
    /// The capture date of the observed list.
    pub observed_until: String,
    /// Number of actions observed.
    pub observed: usize,
    /// Number of permissions the earlier model gave it.
    pub modelled: usize,
    /// How it was modelled.
    pub derivation: String,
    /// In the model, not observed.
    pub modelled_only: Vec<String>,
    /// Observed, not in the model.
    pub observed_only: Vec<String>,
    /// Per sample: its source, its size and what it shows that Graph no longer returns.
    pub samples: Vec<SampleReport>,
}

/// One sample against the observed list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleReport {
    /// Where it was published.
    pub source: String,
    /// How many actions it shows.
    pub actions: usize,
    /// Actions it shows that the observed list lacks.
    pub not_observed: Vec<String>,
}

/// The Cloud PC and Intune permissions an expansion holds that no current role or
/// table holds (retired: see [`not_current`]), each as the catalog's permission, in
/// catalog order. Lists and counts of what a role grants include them, so answers
/// name them apart.
pub fn retired_held<'c>(
    catalog: &'c Catalog,
    ex: &crate::expand::Expansion,
) -> (
    Vec<&'c crate::windows365::CloudPcPermission>,
    Vec<&'c crate::intune::IntunePermission>,
) {
    (
        ex.cloud_pc
            .iter()
            .filter_map(|i| catalog.windows365.permissions.get(i))
            .filter(|p| p.legacy)
            .collect(),
        ex.intune
            .iter()
            .filter_map(|i| catalog.intune.permissions.get(i))
            .filter(|p| !p.current)
            .collect(),
    )
}

/// For a Cloud PC or Intune permission that no current role or table holds (a
/// legacy Cloud PC permission, an Intune action Graph no longer returns in any
/// built-in role): a note saying so, with the dates it was removed from the
/// observed roles. Roles whose patterns match it (`Microsoft.CloudPC/*`) are still
/// listed as granting it, so answers that list or count it carry this note.
/// `None` for a current permission or an unknown name.
pub fn not_current(catalog: &Catalog, name: &str) -> Option<String> {
    let (graph, retired) = if let Some((_, p)) = catalog.windows365.permission(name) {
        (p.graph.as_str(), p.legacy)
    } else if let Some((_, p)) = catalog.intune.permission(name) {
        (p.graph.as_str(), !p.current)
    } else {
        return None;
    };
    if !retired {
        return None;
    }
    let removed: Vec<String> = catalog
        .windows365
        .observed
        .histories
        .iter()
        .filter_map(|h| {
            let last = h.entries.iter().rev().find(|e| {
                e.added
                    .iter()
                    .chain(&e.removed)
                    .any(|a| a.eq_ignore_ascii_case(graph))
            })?;
            last.removed
                .iter()
                .any(|a| a.eq_ignore_ascii_case(graph))
                .then(|| format!("{} on {}", h.role, last.date))
        })
        .collect();
    let history = if removed.is_empty() {
        format!(
            "Microsoft Graph returned it in no built-in role from the first capture to {}",
            catalog.windows365.observed.captured_until
        )
    } else {
        format!(
            "Microsoft Graph removed it from {} (capture to {})",
            removed.join(", "),
            catalog.windows365.observed.captured_until
        )
    };
    // A retired Cloud PC permission is granted by no role (`eval`, `grants`); an
    // Intune one is still matched by the roles' patterns.
    let tail = if catalog.windows365.permission(name).is_some() {
        "No role grants it now, whatever patterns match its name; counts that include it (an expansion's) count a permission that no longer exists"
    } else {
        "A role is listed as granting it only because its pattern matches the name, and counts that include it count a permission that no longer exists"
    };
    // Graph documentation samples that still list it: the sources disagree, and
    // `disagreements` shows them (an outside review: "retired" was said of a
    // permission a Graph docs example lists, without a word about it).
    let samples: Vec<String> = catalog
        .windows365
        .observed
        .evidence
        .iter()
        .filter(|e| {
            e.samples
                .iter()
                .any(|x| x.actions.iter().any(|a| a.eq_ignore_ascii_case(graph)))
        })
        .map(|e| e.role.clone())
        .collect();
    let samples = if samples.is_empty() {
        String::new()
    } else {
        format!(
            "; yet Microsoft Graph documentation samples list it for {}: the sources disagree (`w365-perms disagreements` names the samples), and the roles as Graph returns them are the ones evaluated",
            samples.join(" and ")
        )
    };
    Some(format!(
        "`{graph}` is not a current permission: no current built-in role or permission table holds it; {history}{samples}. {tail}"
    ))
}

/// For a Cloud PC name (`Microsoft.CloudPC/...`) that no Cloud PC permission has:
/// a note saying so, with a "did you mean", as `eval` denies it and no role is
/// listed as granting it. `None` for a permission the catalog knows.
pub fn no_such_cloud_pc_permission(catalog: &Catalog, name: &str) -> Option<String> {
    if catalog.windows365.permission(name).is_some() {
        return None;
    }
    let hint = crate::fuzzy::suggest_permission(catalog, name)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Some(format!(
        "`{name}` is not a Cloud PC permission{hint}: no role is listed as granting it, as `eval` denies it (a wildcard such as `Microsoft.CloudPC/*` grants the permissions that exist; one Microsoft added after the bundle's capture, {}, would be granted)",
        catalog.windows365.observed.captured_until
    ))
}

/// The built-in Cloud PC or Intune role with the fewest permissions that holds
/// permission `index` of that plane's catalog, as Graph returns the roles; `None`
/// when no built-in role holds it (for example `CloudApps/Create`).
pub fn smallest_holder(
    catalog: &Catalog,
    plane: Plane,
    index: usize,
) -> Option<&crate::model::Role> {
    let holders = match plane {
        Plane::CloudPc => catalog.smallest_holders(false),
        Plane::Intune => catalog.smallest_holders(true),
        Plane::Azure | Plane::Entra => return None,
    };
    let role = holders.get(index).copied().flatten()?;
    catalog.roles.get(role)
}

/// "assign the built-in X" or why no built-in role helps, for fix messages.
pub fn builtin_hint(catalog: &Catalog, plane: Plane, index: usize) -> String {
    match smallest_holder(catalog, plane, index) {
        Some(r) => format!("the built-in {} also has it", r.name),
        None => format!(
            "no built-in {} role holds it as Graph returns them ({})",
            plane.label(),
            catalog.windows365.observed.captured_until
        ),
    }
}

fn lower_set(list: &[String]) -> std::collections::HashSet<String> {
    list.iter().map(|a| a.to_ascii_lowercase()).collect()
}

/// The observed definition of a Cloud PC built-in role against the model it
/// replaced and the published samples; `None` for roles without such evidence.
pub fn evidence(catalog: &Catalog, role: &str) -> Option<EvidenceReport> {
    let (_, r) = catalog.role(role)?;
    let e = catalog
        .windows365
        .observed
        .evidence
        .iter()
        .find(|e| e.role == r.name)?;
    let observed: Vec<String> = r
        .blocks
        .iter()
        .flat_map(|b| b.actions.iter().map(|a| a.as_str().to_string()))
        .collect();
    let obs = lower_set(&observed);
    let model = lower_set(&e.modelled);
    Some(EvidenceReport {
        role: r.name.clone(),
        observed_until: catalog.windows365.observed.captured_until.clone(),
        observed: observed.len(),
        modelled: e.modelled.len(),
        derivation: e.derivation.clone(),
        modelled_only: e
            .modelled
            .iter()
            .filter(|a| !obs.contains(&a.to_ascii_lowercase()))
            .cloned()
            .collect(),
        observed_only: observed
            .iter()
            .filter(|a| !model.contains(&a.to_ascii_lowercase()))
            .cloned()
            .collect(),
        samples: e
            .samples
            .iter()
            .map(|s| SampleReport {
                source: s.source.clone(),
                actions: s.actions.len(),
                not_observed: s
                    .actions
                    .iter()
                    .filter(|a| !obs.contains(&a.to_ascii_lowercase()))
                    .cloned()
                    .collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn the_model_is_kept_as_evidence() {
        let cat = catalog().unwrap();
        let e = evidence(cat, "Cloud PC Reader").unwrap();
        assert_eq!(e.observed, 31);
        assert_eq!(e.observed_until, "2025-12-19");
        assert!(e
            .observed_only
            .iter()
            .any(|a| a.ends_with("AdminHighlights/Operate")));
        assert!(evidence(cat, "Reader").is_none());
    }
}
