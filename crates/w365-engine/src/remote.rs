//! Remote actions on Cloud PCs span two permission systems: Intune remote tasks
//! (`RemoteTasks/*`: sync, Defender scans, diagnostics) and Cloud PC permissions
//! (resize, restore, reprovision, ...); restart and rename are in both, and resize
//! needs both. Each action says which permission(s) it needs in which plane, whether
//! that is documented or inferred, and [`check`] says whether assignments hold them.
//! An action that is also a Windows 365 task operation (resize, restore, a manual
//! restore point, placing under review) names it, and takes its verdict, source
//! conflicts included, from that operation's evaluation
//! ([`Environment::operation`]), so `remote-actions` and `operations` never disagree.

use crate::bundle::Catalog;
use crate::evaluate::{Decision, Environment, Evaluator, Query};
use crate::json::{JsonError, Node};
use crate::model::Plane;
use crate::readiness::{ConflictVerdict, Context, Status};
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
    /// The task operation whose requirement decides this action's verdict
    /// (`resize-cloud-pc`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
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
    /// Granted only under a condition no offline tool can decide (a role's
    /// `condition`): neither held nor refused.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// The roles that grant it (conditionally, when `conditional`).
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
    /// Where the sources of the linked operation disagree, with each source's
    /// verdict (as `operations` shows them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictVerdict>,
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
    // The linked operations need no Azure scope; the context is what `operations`
    // infers from the same assignments.
    let ctx = Context::infer(env, None, None, None, None);
    actions(env.catalog())
        .iter()
        .map(|a| {
            let mut s = check_one(&ev, a);
            if let Some(op) = a
                .operation
                .as_deref()
                .and_then(|id| env.catalog().windows365.operation(id))
            {
                decide_by_operation(&mut s, &env.operation(op, &ctx));
            }
            s
        })
        .collect()
}

/// Take the verdict of the action's operation: its status, its disagreements, and
/// a sentence from them (the permission list stays as the plane check found it).
fn decide_by_operation(s: &mut RemoteStatus, r: &crate::readiness::OperationResult) {
    let name = &s.action.name;
    let planes_denied = s.status == Status::Denied;
    s.status = r.status;
    s.conflicts = r.conflicts.iter().filter(|c| !c.agree).cloned().collect();
    s.message = match r.status {
        Status::Allowed => format!("{name}: allowed"),
        Status::Conditional => {
            let topics: Vec<&str> = s.conflicts.iter().map(|c| c.topic.as_str()).collect();
            if topics.is_empty() {
                format!("{name}: conditional")
            } else {
                format!(
                    "{name}: conditional: sources disagree on {}",
                    topics.join("; ")
                )
            }
        }
        Status::Denied => {
            if planes_denied {
                // The plane check's sentence names the permissions not held.
                return;
            }
            let missing: Vec<&str> = r.missing.iter().map(|m| m.requirement.as_str()).collect();
            format!("{name}: needs {}", missing.join(" and "))
        }
    };
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
            // A conditional grant is said as such, with its roles (an outside
            // review: a role granting `CloudPCs/*` under a condition was "denied,
            // not held" here and conditional in `operations`).
            permissions.push(NeedStatus {
                plane,
                permission: e.action,
                held: e.decision == Decision::Allow,
                conditional: e.decision == Decision::Conditional,
                granted_by: if e.decision == Decision::Deny {
                    Vec::new()
                } else {
                    granted_by
                },
            });
        }
    }
    // A plane's answer: its weakest permission's (Deny < Conditional < Allow).
    let plane = |plane: Plane| {
        permissions
            .iter()
            .filter(|n| n.plane == plane)
            .map(|n| {
                if n.held {
                    Decision::Allow
                } else if n.conditional {
                    Decision::Conditional
                } else {
                    Decision::Deny
                }
            })
            .min()
            .unwrap_or(Decision::Deny)
    };
    let (cloud_pc, intune) = (plane(Plane::CloudPc), plane(Plane::Intune));
    let decision = match a.needs {
        Needs::CloudPc => cloud_pc,
        Needs::Intune => intune,
        Needs::Either => cloud_pc.max(intune),
        Needs::Both => cloud_pc.min(intune),
    };
    let join = if a.needs == Needs::Either {
        " or "
    } else {
        " and "
    };
    let listed = |conditional: bool| -> Vec<String> {
        permissions
            .iter()
            .filter(|n| !n.held && n.conditional == conditional)
            .map(|n| format!("{} `{}`", n.plane.label(), n.permission))
            .collect()
    };
    // Allowed through one plane of an inferred pair only: which permission the
    // portal checks is not documented, so the path is named (an outside review:
    // "Rename: allowed" for Help Desk Operator through Intune's Set device name).
    let only_through = (decision == Decision::Allow
        && a.needs == Needs::Either
        && a.basis == "inferred"
        && cloud_pc.min(intune) == Decision::Deny)
        .then(|| {
            permissions
                .iter()
                .filter(|n| n.held)
                .map(|n| format!("{} `{}`", n.plane.label(), n.permission))
                .collect::<Vec<_>>()
                .join(" and ")
        });
    let (status, message) = match decision {
        Decision::Allow => match only_through {
            Some(path) => (
                Status::Allowed,
                format!(
                    "{}: allowed through {path} only, a path the documents do not confirm the portal checks (inferred)",
                    a.name
                ),
            ),
            None => (Status::Allowed, format!("{}: allowed", a.name)),
        },
        Decision::Conditional => (
            Status::Conditional,
            format!(
                "{}: conditional: {} granted only under a condition that cannot be decided offline",
                a.name,
                listed(true).join(join)
            ),
        ),
        Decision::Deny => (
            Status::Denied,
            format!("{}: needs {}", a.name, listed(false).join(join)),
        ),
    };
    RemoteStatus {
        action: a.clone(),
        status,
        permissions,
        conflicts: Vec::new(),
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
            operation: match n.get("operation")? {
                Some(v) => Some(v.as_str().map(str::to_string)?),
                None => None,
            },
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

    /// An outside review: "Rename: allowed" for a role holding only Intune's Set
    /// device name, a pairing the documents do not confirm.
    #[test]
    fn an_inferred_pair_held_on_one_side_names_that_path() {
        let message = |all: &[RemoteStatus], id: &str| {
            all.iter()
                .find(|s| s.action.id == id)
                .unwrap()
                .message
                .clone()
        };
        let desk = statuses(r#"[{"role":"Help Desk Operator"}]"#);
        assert_eq!(status(&desk, "rename"), Status::Allowed);
        assert_eq!(
            message(&desk, "rename"),
            "Rename: allowed through Intune `Microsoft.Intune/RemoteTasks/SetDeviceName` only, a path the documents do not confirm the portal checks (inferred)"
        );
        let both = statuses(r#"[{"role":"Help Desk Operator"},{"role":"Cloud PC Administrator"}]"#);
        assert_eq!(message(&both, "rename"), "Rename: allowed");
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
        assert_eq!(sync.action.operation, None);
        assert_eq!(sync.permissions[0].plane, Plane::Intune);
        assert_eq!(
            sync.permissions[0].permission,
            "Microsoft.Intune/RemoteTasks/SyncDevice"
        );
        assert_eq!(sync.permissions[0].granted_by, ["Help Desk Operator"]);
    }

    /// An outside review: a Cloud PC role granting `CloudPCs/*` under a condition
    /// made its remote actions "denied, not held"; `operations` says conditional.
    #[test]
    fn a_conditional_grant_makes_its_actions_conditional_with_its_role() {
        let cat = catalog().unwrap();
        let req = request::parse(
            cat,
            r#"{"roles":[{"displayName":"CpcCond","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/*"],"condition":"@Resource[Microsoft.CloudPC/CloudPCs/Tag] StringEquals 'x'"}]}],
                "assignments":[{"role":"CpcCond","scope":"/"}]}"#,
        )
        .unwrap();
        let all = check(&req.env);
        let restart = all.iter().find(|s| s.action.id == "restart").unwrap();
        assert_eq!(restart.status, Status::Conditional, "{}", restart.message);
        assert!(
            restart.message.contains("under a condition"),
            "{}",
            restart.message
        );
        let reboot = &restart.permissions[0];
        assert!(!reboot.held && reboot.conditional);
        assert_eq!(reboot.granted_by, ["CpcCond"]);
        // An Intune remote task is not granted at all.
        assert_eq!(status(&all, "sync"), Status::Denied);
        // With an unconditional grant beside it: allowed.
        let both = statuses(r#"[{"role":"Cloud PC Administrator"}]"#);
        assert_eq!(status(&both, "restart"), Status::Allowed);
    }

    /// Review i2 F4: resize with Cloud PC Administrator (or Windows 365
    /// Administrator) and Global Reader is what `operations` says, conditional with
    /// its source conflict, not a flat denied from a rule of its own.
    #[test]
    fn resize_takes_the_verdict_of_its_operation() {
        let cat = catalog().unwrap();
        for admin in ["Cloud PC Administrator", "Windows 365 Administrator"] {
            let req = request::parse(
                cat,
                &format!(r#"{{"assignments":[{{"role":"{admin}"}},{{"role":"Global Reader"}}]}}"#),
            )
            .unwrap();
            let all = check(&req.env);
            let resize = all.iter().find(|s| s.action.id == "resize").unwrap();
            let op = cat.windows365.operation("resize-cloud-pc").unwrap();
            let ctx = Context::infer(&req.env, None, None, None, None);
            let result = req.env.operation(op, &ctx);
            assert_eq!(result.status, Status::Conditional, "{admin}");
            assert_eq!(resize.status, result.status, "{admin}");
            assert_eq!(resize.action.operation.as_deref(), Some("resize-cloud-pc"));
            assert_eq!(resize.conflicts.len(), 1, "{admin}");
            assert_eq!(
                resize.conflicts[0].topic,
                "whether Global Reader is the Intune Reader part"
            );
            assert_eq!(resize.conflicts, result.conflicts, "{admin}");
            assert!(
                resize
                    .message
                    .contains("sources disagree on whether Global Reader"),
                "{}",
                resize.message
            );
        }
    }

    /// Every action linked to an operation has the operation's verdict, for each
    /// built-in Cloud PC, Intune and Entra role alone and a few pairs.
    #[test]
    fn linked_actions_agree_with_operations() {
        let cat = catalog().unwrap();
        let mut sets: Vec<String> = [
            "Cloud PC Administrator",
            "Cloud PC Reader",
            "Windows 365 Administrator",
            "Global Administrator",
            "Global Reader",
            "Intune Administrator",
            "Read Only Operator",
            "Help Desk Operator",
        ]
        .iter()
        .map(|r| format!(r#"[{{"role":"{r}"}}]"#))
        .collect();
        sets.push(r#"[{"role":"Cloud PC Administrator"},{"role":"Read Only Operator"}]"#.into());
        sets.push(r#"[{"role":"Windows 365 Administrator"},{"role":"Help Desk Operator"}]"#.into());
        let mut linked = 0;
        for s in &sets {
            let req = request::parse(cat, &format!(r#"{{"assignments":{s}}}"#)).unwrap();
            let ctx = Context::infer(&req.env, None, None, None, None);
            for r in check(&req.env) {
                let Some(id) = &r.action.operation else {
                    continue;
                };
                linked += 1;
                let op = cat.windows365.operation(id).unwrap();
                assert_eq!(r.status, req.env.operation(op, &ctx).status, "{s} {id}");
            }
        }
        assert_eq!(
            linked,
            4 * sets.len(),
            "resize, restore, restore point, review"
        );
    }
}
