//! What changed between two versions of a role definition.

use crate::model::Role;
use serde::Serialize;

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// `added`, `removed`, `changed`.
    pub kind: &'static str,
    /// `actions`, `notActions`, `dataActions`, `notDataActions`, `description`, `roleName`,
    /// `assignableScopes`, `condition`, `blocks`.
    pub field: &'static str,
    /// Block index for pattern changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// Old value (removed or changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// New value (added or changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

fn text(kind: &'static str, field: &'static str, old: &str, new: &str) -> Option<Change> {
    (old != new).then(|| Change {
        kind,
        field,
        block: None,
        old: Some(old.to_string()),
        new: Some(new.to_string()),
    })
}

/// The changes from `old` to `new` (patterns compared ignoring order, text exactly).
pub fn changes(old: &Role, new: &Role) -> Vec<Change> {
    let mut out = Vec::new();
    out.extend(text("changed", "roleName", &old.name, &new.name));
    out.extend(text(
        "changed",
        "description",
        &old.description,
        &new.description,
    ));
    out.extend(text(
        "changed",
        "assignableScopes",
        &old.assignable_scopes.join(", "),
        &new.assignable_scopes.join(", "),
    ));
    if old.blocks.len() != new.blocks.len() {
        out.push(Change {
            kind: "changed",
            field: "blocks",
            block: None,
            old: Some(old.blocks.len().to_string()),
            new: Some(new.blocks.len().to_string()),
        });
    }
    let empty = crate::model::PermissionBlock::default();
    for b in 0..old.blocks.len().max(new.blocks.len()) {
        let o = old.blocks.get(b).unwrap_or(&empty);
        let n = new.blocks.get(b).unwrap_or(&empty);
        for (field, ol, nl) in [
            ("actions", &o.actions, &n.actions),
            ("notActions", &o.not_actions, &n.not_actions),
            ("dataActions", &o.data_actions, &n.data_actions),
            ("notDataActions", &o.not_data_actions, &n.not_data_actions),
        ] {
            for p in ol
                .iter()
                .filter(|p| !nl.iter().any(|q| q.as_str() == p.as_str()))
            {
                out.push(Change {
                    kind: "removed",
                    field,
                    block: Some(b),
                    old: Some(p.to_string()),
                    new: None,
                });
            }
            for p in nl
                .iter()
                .filter(|p| !ol.iter().any(|q| q.as_str() == p.as_str()))
            {
                out.push(Change {
                    kind: "added",
                    field,
                    block: Some(b),
                    old: None,
                    new: Some(p.to_string()),
                });
            }
        }
        let oc = o.condition.as_ref().map(|c| c.as_str()).unwrap_or_default();
        let nc = n.condition.as_ref().map(|c| c.as_str()).unwrap_or_default();
        if let Some(mut c) = text("changed", "condition", oc, nc) {
            c.block = Some(b);
            out.push(c);
        }
    }
    out
}
