//! Where the seed's custom-role permission table and the observed built-in roles
//! disagree, each side with its date: permissions of the table that no built-in
//! role holds, actions of built-in roles that have no row in the table, and
//! actions that are not reads inside a reader role.

use super::timeline::{timeline, Timeline};
use crate::bundle::Catalog;
use crate::model::{Plane, RoleKind};
use serde::Serialize;

/// Every disagreement, with the dates of both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disagreements {
    /// The table's document.
    pub table_source: String,
    /// Its date (the seed is undated: a note).
    pub table_date: String,
    /// The last day of the observed capture.
    pub observed_until: String,
    /// In the table, in no built-in role.
    pub table_only: Vec<TableOnly>,
    /// In a built-in role, with no row in the table.
    pub unlisted: Vec<UnlistedAction>,
    /// Not a read, inside a role whose name says it reads.
    pub unread: Vec<UnreadAction>,
}

/// A permission of the custom-role table that no observed built-in role holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableOnly {
    /// Admin-center name, `CloudApps/Create`.
    pub permission: String,
    /// Graph name.
    pub graph: String,
    /// No source gives the Graph name: derived from the admin-center name by the
    /// naming rule (as for every table-only permission of the bundled data).
    pub graph_name_unverified: bool,
    /// The table's description.
    pub description: String,
    /// The built-in roles the earlier model gave it to.
    pub modelled_in: Vec<String>,
}

/// An action of a built-in role that has no row in the custom-role table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlistedAction {
    /// Graph name.
    pub action: String,
    /// The roles holding it, each with the date it was (last) added.
    pub roles: Vec<HeldSince>,
}

/// A role holding an action since a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldSince {
    /// Role name.
    pub role: String,
    /// The date it was (last) added; the first capture date when held from the start.
    pub since: String,
}

/// An action inside a reader role that is not a read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnreadAction {
    /// Role name.
    pub role: String,
    /// Graph name.
    pub action: String,
    /// The date it was (last) added.
    pub since: String,
    /// Named like a read (`Get...`, `Retrieve...`, `View...`) though its action is not `Read`.
    pub read_like: bool,
    /// The table's description, if it has a row.
    pub description: String,
}

fn since(t: Option<&Timeline>, action: &str) -> String {
    t.and_then(|t| {
        t.of_action(action)
            .into_iter()
            .rev()
            .find(|(_, added)| *added)
            .map(|(d, _)| d.to_string())
    })
    .unwrap_or_default()
}

fn is_reader(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("reader") || n.contains("read only")
}

/// Compare the custom-role table with the observed Cloud PC and Intune built-in roles.
pub fn disagreements(catalog: &Catalog) -> Disagreements {
    let w = &catalog.windows365;
    let builtins: Vec<_> = catalog
        .roles
        .iter()
        .filter(|r| matches!(r.kind, RoleKind::CloudPcBuiltIn | RoleKind::Intune))
        .collect();
    let timelines: Vec<(String, Timeline)> = builtins
        .iter()
        .filter_map(|r| timeline(catalog, &r.name).ok().map(|t| (r.name.clone(), t)))
        .collect();
    let tl = |name: &str| timelines.iter().find(|(n, _)| n == name).map(|(_, t)| t);
    let held_by = |graph: &str| -> Vec<HeldSince> {
        builtins
            .iter()
            .filter(|r| r.plane() == Plane::CloudPc)
            .filter(|r| {
                r.blocks.iter().any(|b| {
                    b.actions
                        .iter()
                        .any(|a| a.as_str().eq_ignore_ascii_case(graph))
                })
            })
            .map(|r| HeldSince {
                role: r.name.clone(),
                since: since(tl(&r.name), graph),
            })
            .collect()
    };
    let table_only = w
        .permissions
        .iter()
        .filter(|p| p.in_table && held_by(&p.graph).is_empty())
        .map(|p| TableOnly {
            permission: p.name.clone(),
            graph: p.graph.clone(),
            graph_name_unverified: p.graph_name_unverified(),
            description: p.description.clone(),
            modelled_in: w
                .observed
                .evidence
                .iter()
                .filter(|e| e.modelled.iter().any(|a| a.eq_ignore_ascii_case(&p.graph)))
                .map(|e| e.role.clone())
                .collect(),
        })
        .collect();
    let unlisted = w
        .permissions
        .iter()
        .filter(|p| !p.in_table)
        .filter_map(|p| {
            let roles = held_by(&p.graph);
            (!roles.is_empty()).then(|| UnlistedAction {
                action: p.graph.clone(),
                roles,
            })
        })
        .collect();
    let mut unread = Vec::new();
    for r in builtins.iter().filter(|r| is_reader(&r.name)) {
        for a in r.blocks.iter().flat_map(|b| b.actions.iter()) {
            let action = a.as_str().rsplit('/').next().unwrap_or_default();
            let read = action.eq_ignore_ascii_case("Read")
                || (r.plane() == Plane::Intune && action.starts_with("View"));
            if read {
                continue;
            }
            unread.push(UnreadAction {
                role: r.name.clone(),
                action: a.as_str().to_string(),
                since: since(tl(&r.name), a.as_str()),
                read_like: ["Get", "Retrieve", "View"]
                    .iter()
                    .any(|p| action.starts_with(p)),
                description: w
                    .permission(a.as_str())
                    .map(|(_, p)| p.description.clone())
                    .unwrap_or_default(),
            });
        }
    }
    let table = w.document("seed-001");
    Disagreements {
        table_source: table
            .map(|d| format!("{} ({})", d.title, d.id))
            .unwrap_or_default(),
        table_date: table.map(|d| d.date.clone()).unwrap_or_default(),
        observed_until: w.observed.captured_until.clone(),
        table_only,
        unlisted,
        unread,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    #[test]
    fn the_three_kinds_of_disagreement() {
        let cat = catalog().unwrap();
        let d = disagreements(cat);
        let table_only: Vec<&str> = d.table_only.iter().map(|t| t.permission.as_str()).collect();
        assert_eq!(table_only.len(), 9);
        assert!(table_only.contains(&"CloudApps/Create"));
        assert!(table_only.contains(&"Provisioning Policies (Agents)/Read"));
        let unlisted: Vec<&str> = d.unlisted.iter().map(|u| u.action.as_str()).collect();
        assert_eq!(
            unlisted,
            [
                "Microsoft.CloudPC/CloudPCs/ApplyCurrentProvisioningPolicy",
                "Microsoft.CloudPC/CrossCloudOrganizationMapping/Read",
                "Microsoft.CloudPC/CrossCloudOrganizationMapping/Create"
            ]
        );
        let operate = d
            .unread
            .iter()
            .find(|u| u.action == "Microsoft.CloudPC/AdminHighlights/Operate")
            .unwrap();
        assert_eq!(
            (operate.role.as_str(), operate.since.as_str()),
            ("Cloud PC Reader", "2025-07-28")
        );
        assert!(!operate.read_like);
        assert_eq!(d.observed_until, "2025-12-19");
    }
}
