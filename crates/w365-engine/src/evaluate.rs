//! Decide whether a set of role assignments allows an action, and say why.
//!
//! The algorithm follows `azure-rbac-semantics.md` §1: deny assignments first; then
//! every role assignment whose scope covers the target, block by block: a grant
//! pattern matches and no exclusion of the *same* block matches; a condition that
//! cannot be decided offline makes the grant conditional. Assignments add up, so an
//! exclusion in one role never removes what another role grants. Data actions are
//! checked only against `DataActions`, control actions only against `Actions`.
//! A deny assignment at a management group whose members are not given makes an
//! allow conditional, naming the deny and the missing membership.
//!
//! "Did you mean" notes for actions outside the catalog are computed for the first
//! [`crate::fuzzy::MAX_SUGGESTIONS`] such queries of an environment.

mod reason;

pub use reason::{Reason, ReasonKind};

use crate::bundle::Catalog;
use crate::condition::{Condition, Truth};
use crate::fuzzy::Budget;
use crate::model::{PermissionBlock, Plane, Role};
use crate::pattern::ActionPattern;
use crate::roleset::{RoleRef, RoleSet};
use crate::scope::{Coverage, Hierarchy, Scope};
use serde::Serialize;

/// A role assigned at a scope.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// The role.
    pub role: RoleRef,
    /// Where (Azure). Entra, Cloud PC and Intune assignments are tenant-wide.
    pub scope: Option<Scope>,
    /// An assignment condition.
    pub condition: Option<Condition>,
}

/// A deny assignment (created by Azure for managed apps and deployment stacks).
#[derive(Debug, Clone)]
pub struct DenyAssignment {
    /// Its name.
    pub name: String,
    /// Where.
    pub scope: Scope,
    /// The actions it denies (and the exceptions).
    pub permissions: PermissionBlock,
    /// When true it applies at its scope only.
    pub do_not_apply_to_child_scopes: bool,
}

/// The roles in play and who holds what where.
#[derive(Debug)]
pub struct Environment<'c> {
    /// Roles.
    pub roles: RoleSet<'c>,
    /// Role assignments.
    pub assignments: Vec<Assignment>,
    /// Deny assignments.
    pub denies: Vec<DenyAssignment>,
    /// Management-group membership.
    pub hierarchy: Hierarchy,
    /// "Did you mean" suggestions left for actions that are not in the catalog.
    suggestions: Budget,
}

/// What is asked.
#[derive(Debug, Clone)]
pub struct Query {
    /// The action (Azure operation, Cloud PC permission or Entra action).
    pub action: String,
    /// Ask about the data plane.
    pub data_action: bool,
    /// Where; `None` asks whether any assignment allows it at its own scope.
    pub scope: Option<Scope>,
    /// The plane; `None` detects it from the action.
    pub plane: Option<Plane>,
}

/// The three possible answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// Not allowed.
    Deny,
    /// Allowed only if a condition holds that cannot be decided offline.
    Conditional,
    /// Allowed.
    Allow,
}

impl Decision {
    /// `allow`, `deny` or `conditional`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Deny => "deny",
            Decision::Conditional => "conditional",
        }
    }
}

/// A decision with its reasons.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The answer.
    pub decision: Decision,
    /// The plane the action was evaluated on.
    pub plane: Plane,
    /// The action as evaluated (a Cloud PC admin-center name becomes its Graph name).
    pub action: String,
    /// Why, most important first.
    pub reasons: Vec<Reason>,
}

impl<'c> Environment<'c> {
    /// An environment with no assignments.
    pub fn new(roles: RoleSet<'c>) -> Self {
        Environment {
            roles,
            assignments: Vec::new(),
            denies: Vec::new(),
            hierarchy: Hierarchy::new(),
            suggestions: Budget::default(),
        }
    }

    /// The catalog.
    pub fn catalog(&self) -> &'c Catalog {
        self.roles.catalog()
    }

    /// Assignments on one plane, with their index.
    pub fn assignments_on(
        &self,
        plane: Plane,
    ) -> impl Iterator<Item = (usize, &Assignment, &Role)> {
        self.assignments
            .iter()
            .enumerate()
            .filter_map(move |(i, a)| {
                let role = self.roles.get(a.role)?;
                (role.plane() == plane).then_some((i, a, role))
            })
    }

    /// Evaluate one query.
    pub fn evaluate(&self, q: &Query) -> Evaluation {
        let plane = q
            .plane
            .unwrap_or_else(|| detect_plane(self.catalog(), &q.action));
        match plane {
            Plane::Azure => self.evaluate_azure(q),
            Plane::CloudPc => self.evaluate_cloud_pc(q),
            Plane::Entra => self.evaluate_entra(q),
            Plane::Intune => Evaluation {
                decision: Decision::Deny,
                plane,
                action: q.action.clone(),
                reasons: vec![Reason::note(
                    ReasonKind::NotInCatalog,
                    "Intune permissions are not bundled; Intune roles are known by name only"
                        .into(),
                )],
            },
        }
    }

    fn evaluate_azure(&self, q: &Query) -> Evaluation {
        let cat = self.catalog();
        let lower = q.action.to_ascii_lowercase();
        let mut reasons = Vec::new();
        let mut denied = false;
        // A deny at a management group whose members are not given may or may not
        // reach the target: its effect is uncertain, as a grant there would be.
        let mut deny_uncertain = false;
        for d in &self.denies {
            let coverage = if d.do_not_apply_to_child_scopes {
                match &q.scope {
                    Some(t)
                        if t.is_ancestor_or_self(&d.scope) && d.scope.is_ancestor_or_self(t) =>
                    {
                        Coverage::Yes
                    }
                    _ => Coverage::No,
                }
            } else {
                match &q.scope {
                    Some(t) => self.hierarchy.covers(&d.scope, t),
                    None => Coverage::Yes,
                }
            };
            if coverage == Coverage::No {
                continue;
            }
            if let BlockMatch::Grant(p) = match_block(&d.permissions, &lower, q.data_action) {
                if coverage == Coverage::Yes {
                    denied = true;
                    reasons.push(Reason::denied(&d.name, d.scope.as_str(), p.as_str()));
                } else {
                    deny_uncertain = true;
                    reasons.push(Reason::deny_scope_unknown(
                        &d.name,
                        d.scope.as_str(),
                        p.as_str(),
                        q.scope.as_ref(),
                    ));
                }
            }
        }
        let mut outcome = Outcome::default();
        for (i, a, role) in self.assignments_on(Plane::Azure) {
            let coverage = match (&q.scope, &a.scope) {
                (None, _) => Coverage::Yes,
                (Some(t), Some(s)) => self.hierarchy.covers(s, t),
                (Some(_), None) => Coverage::Yes,
            };
            self.assignment_reasons(i, a, role, &lower, q, coverage, &mut outcome);
        }
        reasons.append(&mut outcome.reasons);
        let decision = match outcome.decision() {
            _ if denied => Decision::Deny,
            Decision::Allow if deny_uncertain => Decision::Conditional,
            d => d,
        };
        // Catalog facts and a suggestion.
        let op = cat.operations.find(&q.action, q.data_action);
        if op.is_none() {
            let other = cat.operations.find(&q.action, !q.data_action);
            let msg = match other {
                Some(_) => format!(
                    "`{}` is a {} in the catalog; this query asked about the {} (set `dataAction` to {})",
                    q.action,
                    if q.data_action { "control-plane action" } else { "data action" },
                    if q.data_action { "data plane" } else { "control plane" },
                    !q.data_action
                ),
                None => match self
                    .suggestions
                    .take()
                    .then(|| crate::fuzzy::suggest_operation(cat, &q.action, q.data_action))
                    .flatten()
                {
                    Some(s) => format!("`{}` is not in the operations catalog; did you mean `{s}`?", q.action),
                    None => format!("`{}` is not in the operations catalog", q.action),
                },
            };
            reasons.push(Reason::note(ReasonKind::NotInCatalog, msg));
        }
        if decision == Decision::Deny && !denied {
            if !outcome.matched {
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        match &q.scope {
                            Some(s) => format!("no role assignment grants `{}` at `{s}`", q.action),
                            None => format!("no role assignment grants `{}`", q.action),
                        },
                    ),
                );
            }
            if let Some((_, role)) =
                op.and_then(|o| self.roles.least_privileged_builtin_for(o, q.scope.as_ref()))
            {
                reasons.push(Reason::suggest(&role.name, &role.id, &q.action));
            }
        }
        Evaluation {
            decision,
            plane: Plane::Azure,
            action: q.action.clone(),
            reasons,
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the pieces are all needed for the reasons"
    )]
    fn assignment_reasons(
        &self,
        index: usize,
        a: &Assignment,
        role: &Role,
        lower: &str,
        q: &Query,
        coverage: Coverage,
        out: &mut Outcome,
    ) {
        let scope = a.scope.as_ref().map(Scope::as_str);
        for (b, block) in role.blocks.iter().enumerate() {
            match match_block(block, lower, q.data_action) {
                BlockMatch::None => {
                    // A grant on the other plane is worth a hint.
                    if let BlockMatch::Grant(p) = match_block(block, lower, !q.data_action) {
                        out.reasons.push(Reason::wrong_plane(
                            index,
                            role,
                            scope,
                            b,
                            p.as_str(),
                            q.data_action,
                        ));
                    }
                }
                BlockMatch::Excluded(p, n) => {
                    out.reasons.push(Reason::excluded(
                        index,
                        role,
                        scope,
                        b,
                        p.as_str(),
                        n.as_str(),
                    ));
                    out.matched = true;
                }
                BlockMatch::Grant(p) => {
                    out.matched = true;
                    match coverage {
                        Coverage::No => {
                            out.reasons.push(Reason::out_of_scope(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                q.scope.as_ref(),
                            ));
                            continue;
                        }
                        Coverage::Unknown => {
                            out.conditional = true;
                            out.reasons.push(Reason::scope_unknown(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                q.scope.as_ref(),
                            ));
                            continue;
                        }
                        Coverage::Yes => {}
                    }
                    let mut truth = Truth::True;
                    let mut conds = Vec::new();
                    for c in [block.condition.as_ref(), a.condition.as_ref()]
                        .into_iter()
                        .flatten()
                    {
                        truth = match (truth, c.evaluate(lower)) {
                            (Truth::False, _) | (_, Truth::False) => Truth::False,
                            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
                            _ => Truth::True,
                        };
                        conds.push(c.as_str());
                    }
                    match truth {
                        Truth::True => {
                            out.allowed = true;
                            out.reasons.push(Reason::granted(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                &conds,
                            ));
                        }
                        Truth::Unknown => {
                            out.conditional = true;
                            out.reasons.push(Reason::conditional(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                &conds,
                            ));
                        }
                        Truth::False => {
                            out.reasons.push(Reason::condition_false(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                &conds,
                            ));
                        }
                    }
                }
            }
        }
    }

    fn evaluate_cloud_pc(&self, q: &Query) -> Evaluation {
        let cat = self.catalog();
        let (action, known) = match cat.windows365.permission(&q.action) {
            Some((_, p)) => (p.graph.clone(), Some(p)),
            None => (q.action.clone(), None),
        };
        let lower = action.to_ascii_lowercase();
        let mut out = Outcome::default();
        for plane in [Plane::CloudPc, Plane::Entra] {
            for (i, a, role) in self.assignments_on(plane) {
                let q2 = Query {
                    data_action: false,
                    ..q.clone()
                };
                self.assignment_reasons(i, a, role, &lower, &q2, Coverage::Yes, &mut out);
            }
        }
        let decision = out.decision();
        let mut reasons = out.reasons;
        match known {
            Some(p) if p.legacy => reasons.push(Reason::note(
                ReasonKind::NotInCatalog,
                format!(
                    "`{}` is not in the current Cloud PC permission table (seed 001)",
                    p.name
                ),
            )),
            Some(_) => {}
            None => reasons.push(Reason::note(
                ReasonKind::NotInCatalog,
                match self
                    .suggestions
                    .take()
                    .then(|| crate::fuzzy::suggest_permission(cat, &q.action))
                    .flatten()
                {
                    Some(s) => format!(
                        "`{}` is not a Cloud PC permission; did you mean `{s}`?",
                        q.action
                    ),
                    None => format!("`{}` is not a Cloud PC permission", q.action),
                },
            )),
        }
        if decision == Decision::Deny {
            if !out.matched {
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        format!("no Cloud PC or Entra role assignment grants `{action}`"),
                    ),
                );
            }
            if let Some(p) = known {
                reasons.push(Reason::note(
                    ReasonKind::Suggestion,
                    format!("add the permission `{}` to a Cloud PC custom role, or assign the built-in {}", p.name, if p.action == "Read" { "Cloud PC Reader" } else { "Cloud PC Administrator" }),
                ));
            }
        }
        Evaluation {
            decision,
            plane: Plane::CloudPc,
            action,
            reasons,
        }
    }

    fn evaluate_entra(&self, q: &Query) -> Evaluation {
        let mut reasons = Vec::new();
        let mut allowed = false;
        for (i, _, role) in self.assignments_on(Plane::Entra) {
            if let Some(a) = role
                .entra_actions
                .iter()
                .find(|a| entra_matches(&a.action, &q.action))
            {
                allowed = true;
                reasons.push(Reason::entra_granted(i, role, &a.action));
            }
        }
        if !allowed {
            reasons.push(Reason::note(
                ReasonKind::NoGrant,
                format!("no Microsoft Entra role assignment grants `{}`", q.action),
            ));
        }
        Evaluation {
            decision: if allowed {
                Decision::Allow
            } else {
                Decision::Deny
            },
            plane: Plane::Entra,
            action: q.action.clone(),
            reasons,
        }
    }
}

#[derive(Default)]
struct Outcome {
    allowed: bool,
    conditional: bool,
    reasons: Vec<Reason>,
    /// Some grant pattern matched (granted, excluded, out of scope or conditional).
    matched: bool,
}

impl Outcome {
    fn decision(&self) -> Decision {
        if self.allowed {
            Decision::Allow
        } else if self.conditional {
            Decision::Conditional
        } else {
            Decision::Deny
        }
    }
}

enum BlockMatch<'a> {
    None,
    Grant(&'a ActionPattern),
    Excluded(&'a ActionPattern, &'a ActionPattern),
}

fn match_block<'a>(block: &'a PermissionBlock, lower: &str, data: bool) -> BlockMatch<'a> {
    let (grants, exclusions) = block.for_plane(data);
    let Some(g) = grants.iter().find(|p| p.matches_lower(lower)) else {
        return BlockMatch::None;
    };
    match exclusions.iter().find(|p| p.matches_lower(lower)) {
        Some(n) => BlockMatch::Excluded(g, n),
        None => BlockMatch::Grant(g),
    }
}

/// Which plane an action belongs to when the query does not say: Cloud PC
/// permissions (admin-center or Graph names, `Microsoft.CloudPC/...`), Entra actions
/// (`microsoft.directory/...` and the `allEntities` forms), else Azure.
pub fn detect_plane(catalog: &Catalog, action: &str) -> Plane {
    let lower = action.to_ascii_lowercase();
    if catalog.windows365.permission(action).is_some()
        || lower.starts_with("microsoft.cloudpc/") && !lower.contains("/allentities/")
    {
        Plane::CloudPc
    } else if lower.starts_with("microsoft.directory/") || lower.contains("/allentities/") {
        Plane::Entra
    } else {
        Plane::Azure
    }
}

/// Entra resource-action matching: equal ignoring case, or an `allEntities` /
/// `allProperties` / `allTasks` form that covers the action.
pub fn entra_matches(granted: &str, action: &str) -> bool {
    if granted.eq_ignore_ascii_case(action) {
        return true;
    }
    let g: Vec<String> = granted.split('/').map(str::to_ascii_lowercase).collect();
    let a: Vec<String> = action.split('/').map(str::to_ascii_lowercase).collect();
    let (Some(gn), Some(an)) = (g.first(), a.first()) else {
        return false;
    };
    if gn != an || a.len() < 2 {
        return false;
    }
    let entity_ok = g
        .get(1)
        .is_some_and(|e| e == "allentities" || Some(e) == a.get(1));
    if !entity_ok {
        return false;
    }
    let tail: Vec<&str> = g.iter().skip(2).map(String::as_str).collect();
    match tail.as_slice() {
        ["allproperties", "alltasks"] | ["alltasks"] => true,
        ["allproperties", "read"] => a.last().is_some_and(|v| v == "read"),
        _ => false,
    }
}
