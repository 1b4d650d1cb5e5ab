//! Remote actions on Cloud PCs span two permission systems: Intune remote tasks
//! (`RemoteTasks/*`: sync, Defender scans, diagnostics) and Cloud PC permissions
//! (resize, restore, reprovision, ...); restart and rename are in both, and resize
//! needs both. Each action says which permission(s) it needs in which plane, whether
//! that is documented or inferred, and [`check`] says whether assignments hold them.

use crate::bundle::Catalog;
use crate::evaluate::{Decision, Environment, Evaluator, Query};
use crate::json::{JsonError, Node};
use crate::model::Plane;
use crate::readiness::Status;
use serde::Serialize;

/// How the permissions of an action combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Needs {
    /// The Cloud PC permission.
    CloudPc,
    /// The Intune permission.
    Intune,
    /// Either plane's permission (the docs do not say which the portal checks).
    Either,
    /// Both planes' permissions.
    Both,
}

/// A remote action on a Cloud PC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteAction {
    /// `restart`
    pub id: String,
    /// `Restart`
    pub name: String,
    /// How the planes combine.
    pub needs: Needs,
    /// Cloud PC permissions (admin-center names).
    pub cloud_pc: Vec<String>,
    /// Intune permissions (short names).
    pub intune: Vec<String>,
    /// Whether the permissions named are `documented` or `inferred`.
    pub basis: String,
    /// Document id.
    pub source: String,
    /// What it says (quotes in double quotes).
    pub says: String,
}

/// One permission an action needs, and whether the assignments hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedStatus {
    /// The plane.
    pub plane: Plane,
    /// The permission (Graph name).
    pub permission: String,
    /// Held.
    pub held: bool,
    /// The roles that grant it.
    pub granted_by: Vec<String>,
}

/// A remote action against an environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteStatus {
    /// The action.
    #[serde(flatten)]
    pub action: RemoteAction,
    /// Allowed when the needs are met.
    pub status: Status,
    /// Each permission with whether it is held.
    pub permissions: Vec<NeedStatus>,
    /// The sentence.
    pub message: String,
}

/// The remote actions, in the bundled order.
pub fn actions(catalog: &Catalog) -> &[RemoteAction] {
    &catalog.windows365.remote_actions
}

/// Whether the environment's Cloud PC, Intune and Entra assignments allow each
/// remote action, tenant-wide (scope tags decide which Cloud PCs: `scopetags`).
pub fn check(env: &Environment<'_>) -> Vec<RemoteStatus> {
    let ev = env.evaluator();
    actions(env.catalog())
        .iter()
        .map(|a| check_one(&ev, a))
        .collect()
}

fn check_one(env: &Evaluator<'_, '_>, a: &RemoteAction) -> RemoteStatus {
    let mut permissions = Vec::new();
    for (plane, list) in [(Plane::CloudPc, &a.cloud_pc), (Plane::Intune, &a.intune)] {
        for p in list {
            let e = env.evaluate(&Query {
                action: p.clone(),
                data_action: Some(false),
                scope: None,
                plane: Some(plane),
            });
            let mut granted_by: Vec<String> =
                e.reasons.iter().filter_map(|r| r.role.clone()).collect();
            granted_by.dedup();
            permissions.push(NeedStatus {
                plane,
                permission: e.action,
                held: e.decision == Decision::Allow,
                granted_by: if e.decision == Decision::Allow {
                    granted_by
                } else {
                    Vec::new()
                },
            });
        }
    }
    let held = |plane: Plane| {
        let mut it = permissions.iter().filter(|n| n.plane == plane).peekable();
        it.peek().is_some() && it.all(|n| n.held)
    };
    let ok = match a.needs {
        Needs::CloudPc => held(Plane::CloudPc),
        Needs::Intune => held(Plane::Intune),
        Needs::Either => held(Plane::CloudPc) || held(Plane::Intune),
        Needs::Both => held(Plane::CloudPc) && held(Plane::Intune),
    };
    let missing: Vec<String> = permissions
        .iter()
        .filter(|n| !n.held)
        .map(|n| format!("{} `{}`", n.plane.label(), n.permission))
        .collect();
    let message = if ok {
        format!("{}: allowed", a.name)
    } else {
        let join = if a.needs == Needs::Either {
            " or "
        } else {
            " and "
        };
        format!("{}: needs {}", a.name, missing.join(join))
    };
    RemoteStatus {
        action: a.clone(),
        status: if ok { Status::Allowed } else { Status::Denied },
        permissions,
        message,
    }
}

/// Read the bundled `remoteActions`.
pub(crate) fn load(root: &Node<'_>) -> Result<Vec<RemoteAction>, JsonError> {
    let list = root
        .get("remoteActions")?
        .ok_or_else(|| root.error("missing `remoteActions`"))?;
    let text = |n: &Node<'_>, k: &str| -> Result<String, JsonError> {
        n.get(k)?
            .ok_or_else(|| n.error(format!("missing `{k}`")))?
            .as_str()
            .map(str::to_string)
    };
    let strings = |n: &Node<'_>, k: &str| -> Result<Vec<String>, JsonError> {
        Ok(match n.get(k)? {
            Some(v) => v.strings()?.into_iter().map(|l| l.text).collect(),
            None => Vec::new(),
        })
    };
    let mut out = Vec::new();
    for n in list.items()? {
        let needs = match text(&n, "needs")?.as_str() {
            "cloudPc" => Needs::CloudPc,
            "intune" => Needs::Intune,
            "either" => Needs::Either,
            "both" => Needs::Both,
            other => return Err(n.error(format!("unknown need `{other}`"))),
        };
        out.push(RemoteAction {
            id: text(&n, "id")?,
            name: text(&n, "name")?,
            needs,
            cloud_pc: strings(&n, "cloudPc")?,
            intune: strings(&n, "intune")?,
            basis: text(&n, "basis")?,
            source: text(&n, "source")?,
            says: text(&n, "says")?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::{catalog, request};

    fn statuses(assignments: &str) -> Vec<RemoteStatus> {
        let cat = catalog().unwrap();
        let req = request::parse(cat, &format!(r#"{{"assignments":{assignments}}}"#)).unwrap();
        check(&req.env)
    }

    fn status(all: &[RemoteStatus], id: &str) -> Status {
        all.iter().find(|s| s.action.id == id).unwrap().status
    }

    #[test]
    fn each_plane_for_its_actions() {
        let cpa = statuses(r#"[{"role":"Cloud PC Administrator"}]"#);
        assert_eq!(status(&cpa, "restart"), Status::Allowed, "either plane");
        assert_eq!(
            status(&cpa, "sync"),
            Status::Denied,
            "an Intune remote task"
        );
        assert_eq!(status(&cpa, "resize"), Status::Denied, "needs Intune too");
        let both = statuses(r#"[{"role":"Cloud PC Administrator"},{"role":"Read Only Operator"}]"#);
        assert_eq!(status(&both, "resize"), Status::Allowed);
        let desk = statuses(r#"[{"role":"Help Desk Operator"}]"#);
        assert_eq!(status(&desk, "sync"), Status::Allowed);
        assert_eq!(status(&desk, "restart"), Status::Allowed);
        assert_eq!(status(&desk, "reprovision"), Status::Denied);
        let sync = desk.iter().find(|s| s.action.id == "sync").unwrap();
        assert_eq!(sync.permissions[0].plane, Plane::Intune);
        assert_eq!(
            sync.permissions[0].permission,
            "Microsoft.Intune/RemoteTasks/SyncDevice"
        );
        assert_eq!(sync.permissions[0].granted_by, ["Help Desk Operator"]);
    }
}
