//! Decide whether a set of role assignments allows an action, and say why.
//!
//! The algorithm follows `azure-rbac-semantics.md` §1: deny assignments first; then
//! every role assignment whose scope covers the target, block by block: a grant
//! pattern matches and no exclusion of the *same* block matches; a condition that
//! cannot be decided offline makes the grant conditional. Assignments add up, so an
//! exclusion in one role never removes what another role grants. Data actions are
//! checked only against `DataActions`, control actions only against `Actions`.
//! A deny assignment at a management group whose members are not given makes an
//! allow conditional, naming the deny and the missing membership; so does one whose
//! principals cannot be matched offline to who asks ([`Environment::subject`]:
//! unknown, or a group's membership) and one whose condition cannot be decided
//! ([`crate::deny`]). A deny that excludes who asks, or names only others, is
//! reported and does not apply.
//!
//! "Did you mean" notes for actions outside the catalog are computed while the
//! environment's [`crate::fuzzy::Budget`] lasts (at most
//! [`crate::fuzzy::MAX_SUGGESTIONS`] suggestions and a bounded amount of work).

mod assign;
mod holder;
mod index;
mod outcome;
mod reason;
mod tenant;

pub use assign::{directory_scope_not_read, AssignError};
pub use holder::Holding;
pub(crate) use index::Index;
pub use outcome::MAX_REASONS_PER_KIND;
pub use reason::{Reason, ReasonKind};

use outcome::{match_block, role_results, role_results_by, BlockMatch, BlockResult, Outcome};
use std::collections::HashMap;

use crate::bundle::Catalog;
use crate::condition::{Condition, Truth};
use crate::fuzzy::Budget;
use crate::model::{PermissionBlock, Plane, Role, RoleKind};
use crate::pattern::ActionPattern;
use crate::roleset::{RoleRef, RoleSet};
use crate::scope::{Coverage, Hierarchy, Scope, ScopeKind};
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
    /// To whom, as the input says; empty: to who asks ([`Environment::holding`]).
    pub principals: Vec<crate::tenant::assignment::Principal>,
}

pub use crate::deny::{Applies, DenyAssignment, DenyPrincipal, Subject};

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
    /// Who asks: decides which deny assignments apply ([`DenyAssignment::applies_to`]).
    pub subject: Subject,
    /// Whether the request named who asks (its `principal`), rather than `subject`
    /// being taken from the assignments: an error that names its caller is then
    /// still answered for the request's principal ([`crate::decode::decode`]).
    pub subject_named: bool,
    /// "Did you mean" suggestions left for actions that are not in the catalog.
    suggestions: Budget,
}

/// What is asked.
#[derive(Debug, Clone)]
pub struct Query {
    /// The action (Azure operation, Cloud PC permission or Entra action).
    pub action: String,
    /// Ask about the data plane (`Some(true)`) or the control plane (`Some(false)`);
    /// `None` does not say: a name the operations catalog knows only as a data action
    /// is evaluated as one (with a [`ReasonKind::PlaneFromCatalog`] reason saying
    /// so), any other as a control-plane action (with that reason too when the
    /// catalog also knows the name as a data action: [`on_both_planes`]).
    pub data_action: Option<bool>,
    /// Where; `None` asks whether any assignment allows it at its own scope.
    pub scope: Option<Scope>,
    /// The plane; `None` detects it from the action.
    pub plane: Option<Plane>,
}

/// For a query whose action names a Cloud PC, Intune or Entra permission: which of
/// its `dataAction` (set to true) and `scope` do not apply, as such permissions are
/// granted across the tenant by roles that have no Azure scope or data plane.
fn tenant_wide_note(q: &Query, plane: Plane) -> Option<String> {
    let mut unused = Vec::new();
    if q.data_action == Some(true) {
        unused.push("`dataAction`".to_string());
    }
    if let Some(s) = &q.scope {
        unused.push(format!("`scope` (`{}`)", s.as_str()));
    }
    if unused.is_empty() {
        return None;
    }
    let what = match plane {
        Plane::CloudPc => "a Cloud PC permission",
        Plane::Intune => "an Intune permission",
        _ => "a Microsoft Entra permission",
    };
    Some(format!(
        "`{}` is {what}, evaluated as one: such permissions are granted across the tenant by Cloud PC, Intune and Entra roles, which have no Azure scope or data plane, so the query's {} do not apply to it",
        q.action,
        unused.join(" and ")
    ))
}

/// Why `action` cannot be a query's action, when it holds a `*`: a decision is about
/// one action, and a pattern asked as one would be matched as literal text
/// (Contributor's `*` matches the text `Microsoft.Authorization/*`, while its
/// NotActions `Microsoft.Authorization/*/Write` does not), so NotActions would be
/// bypassed. [`pattern_advice`] says what to ask instead.
pub fn pattern_in_query(action: &str) -> Option<String> {
    action.contains('*').then(|| {
        format!(
            "`{action}` is a pattern, not an action: a query asks about one action (a `*` would be matched as literal text, past NotActions)"
        )
    })
}

/// Why `action` cannot be asked about as written, when whitespace starts or ends
/// it: no action name holds any (an operation's name is its provider's
/// `Namespace/type/verb` text, and Cloud PC, Intune and Entra names alike), so it
/// would be looked up, found in no catalog and answered `deny` with a "did you
/// mean" for the name without it (review F1 L8). Refused like an empty action.
///
/// A hidden character inside it (a control character, a bidirectional control, a
/// zero-width space) is refused the same way, named by its code point: no action
/// name holds one, and a "did you mean" for the name without it would look
/// identical to what was asked (review s43 F6).
pub fn padded_action(action: &str) -> Option<String> {
    let trimmed = action.trim();
    if !trimmed.is_empty() {
        if let Some((c, h)) = crate::text::first_hidden(trimmed) {
            return Some(format!(
                "the action `{}` holds {} (U+{:04X}), which no action name holds: write it without",
                crate::text::escape_hidden(action),
                h.label(),
                u32::from(c)
            ));
        }
    }
    if trimmed.is_empty() || trimmed.len() == action.len() {
        return None;
    }
    let (start, end) = (
        action.starts_with(char::is_whitespace),
        action.ends_with(char::is_whitespace),
    );
    let at = match (start, end) {
        (true, true) => "starts and ends",
        (true, false) => "starts",
        _ => "ends",
    };
    Some(format!(
        "the action `{action}` {at} with whitespace, which no action name holds: write `{trimmed}`"
    ))
}

/// What to ask instead of a query about `pattern` ([`pattern_in_query`]).
pub fn pattern_advice(pattern: &str) -> String {
    format!(
        "ask about each action a pattern stands for: `w365-perms grants '{pattern}'` lists the roles that grant every operation it matches, `w365-perms expand --role NAME` a role's operations"
    )
}

impl Query {
    /// Whether the query is about the data plane, as it says; the control plane when
    /// it does not say (see [`Query::data_action`] for what evaluation makes of that).
    pub fn data(&self) -> bool {
        self.data_action.unwrap_or(false)
    }
}

/// The plane the operations catalog knows `action` on, when it knows it on exactly
/// one: `Some(true)` for a data action only, `Some(false)` for a control-plane action
/// only; `None` for a name it does not know (or knows on both).
pub fn catalog_plane(catalog: &Catalog, action: &str) -> Option<bool> {
    match (
        catalog.operations.find(action, false).is_some(),
        catalog.operations.find(action, true).is_some(),
    ) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// Whether the operations catalog knows `action` both as a control-plane action
/// and as a data action (a few providers use one name for both, e.g.
/// `Microsoft.AppConfiguration/configurationStores/keyValues/write`): a query
/// that does not say which plane is then asked on the control plane, and says so.
pub fn on_both_planes(catalog: &Catalog, action: &str) -> bool {
    catalog.operations.find(action, false).is_some()
        && catalog.operations.find(action, true).is_some()
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

/// Evaluates queries against one environment whose assignments it has grouped
/// ([`Environment::evaluator`]).
#[derive(Debug)]
pub struct Evaluator<'e, 'c> {
    env: &'e Environment<'c>,
    index: Index,
}

impl Evaluator<'_, '_> {
    /// Evaluate one query.
    pub fn evaluate(&self, q: &Query) -> Evaluation {
        self.env.evaluate_with(&self.index, q)
    }
}

/// A decision with its reasons.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The answer.
    pub decision: Decision,
    /// The plane the action was evaluated on.
    pub plane: Plane,
    /// Whether it was evaluated as a data action (as the query said, or as the
    /// operations catalog knows it when the query did not say).
    pub data_action: bool,
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
            subject: Subject::Unnamed,
            subject_named: false,
            suggestions: Budget::default(),
        }
    }

    /// The same roles, assignments, deny assignments and management groups, asked
    /// by `subject` (named). The role set is copied with the expansions computed so
    /// far.
    pub fn asked_by(&self, subject: Subject) -> Environment<'c> {
        Environment {
            roles: self.roles.clone(),
            assignments: self.assignments.clone(),
            denies: self.denies.clone(),
            hierarchy: self.hierarchy.clone(),
            subject,
            subject_named: true,
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
    ) -> impl Iterator<Item = (usize, &Assignment, &Role)> + use<'_, 'c> {
        self.assignments
            .iter()
            .enumerate()
            .filter_map(move |(i, a)| {
                let role = self.roles.get(a.role)?;
                (role.plane() == plane).then_some((i, a, role))
            })
    }

    /// Evaluate one query (the assignments are grouped anew for it; use
    /// [`Environment::evaluate_all`] for many queries).
    pub fn evaluate(&self, q: &Query) -> Evaluation {
        self.evaluate_with(&Index::new(self), q)
    }

    /// Evaluate queries in order, grouping the assignments once.
    pub fn evaluate_all(&self, queries: &[Query]) -> Vec<Evaluation> {
        let ev = self.evaluator();
        queries.iter().map(|q| ev.evaluate(q)).collect()
    }

    /// An evaluator for many queries: the assignments are grouped once, and each
    /// answer can be used (written out) before the next is computed.
    pub fn evaluator(&self) -> Evaluator<'_, 'c> {
        Evaluator {
            env: self,
            index: Index::new(self),
        }
    }

    /// Evaluate one query with assignments grouped by [`Index::new`].
    pub(crate) fn evaluate_with(&self, index: &Index, q: &Query) -> Evaluation {
        let plane = q
            .plane
            .unwrap_or_else(|| detect_plane(self.catalog(), &q.action));
        let mut e = self.evaluate_on(index, q, plane);
        if q.plane.is_none() && azure_intune_operation(self.catalog(), &q.action) {
            e.reasons.insert(0, Reason::note(
                ReasonKind::PlaneFromCatalog,
                format!(
                    "`{}` is an Azure Resource Manager operation of the Microsoft.Intune provider in the operations catalog, not an Intune role permission: it is evaluated as an Azure action, which Azure role assignments grant (Intune and Microsoft Entra roles do not); set `plane` to `intune` to ask the Intune plane",
                    q.action
                ),
            ));
        }
        if plane == Plane::Azure && !e.data_action {
            if let Some(note) = acts_above(q) {
                e.reasons.insert(0, note);
            }
        }
        e
    }

    fn evaluate_on(&self, index: &Index, q: &Query, plane: Plane) -> Evaluation {
        match plane {
            Plane::Azure if q.data_action.is_none() => {
                // The query does not say which plane: a name the catalog knows only
                // as a data action is asked about as one, since control-plane access
                // does not reach the data plane (azure-rbac-semantics.md §4).
                if catalog_plane(self.catalog(), &q.action) != Some(true) {
                    let mut e = self.evaluate_azure(index, q);
                    // A name on both planes: which one was answered is said, as
                    // for a data action (review F1 L3).
                    if on_both_planes(self.catalog(), &q.action) {
                        e.reasons.insert(0, Reason::note(
                            ReasonKind::PlaneFromCatalog,
                            format!(
                                "`{}` is both a control-plane action and a data action in the operations catalog, and the query does not say which plane (`dataAction`): it is evaluated as a control-plane action, which only Actions grant; set `dataAction` to true to ask about the data action, which only DataActions grant",
                                q.action
                            ),
                        ));
                    }
                    return e;
                }
                let data = Query {
                    data_action: Some(true),
                    ..q.clone()
                };
                let mut e = self.evaluate_azure(index, &data);
                e.reasons.insert(0, Reason::note(
                    ReasonKind::PlaneFromCatalog,
                    format!(
                        "`{}` is a data action in the operations catalog, and the query does not say which plane (`dataAction`): it is evaluated as a data action, which only DataActions grant; control-plane access (Actions, even `*`) does not reach the data plane",
                        q.action
                    ),
                ));
                e
            }
            Plane::Azure => self.evaluate_azure(index, q),
            tenant => {
                let mut e = match tenant {
                    Plane::CloudPc => self.evaluate_cloud_pc(q),
                    Plane::Intune => self.evaluate_intune(q),
                    _ => self.evaluate_entra(q),
                };
                // What the query set that a tenant-wide permission has no use for
                // is said, not silently dropped (an outside review of the CLI).
                if let (None, Some(note)) = (q.plane, tenant_wide_note(q, tenant)) {
                    e.reasons
                        .insert(0, Reason::note(ReasonKind::PlaneFromCatalog, note));
                }
                e
            }
        }
    }

    /// An Azure query. One that names no scope asks whether an assignment allows
    /// it at its own scope; with deny assignments, each such scope is asked in
    /// turn, so that a deny counts where it reaches and nowhere else, and the best
    /// answer is kept (review s43 F4: a deny on one resource group answered
    /// `deny` for Owner on the subscription).
    fn evaluate_azure(&self, index: &Index, q: &Query) -> Evaluation {
        if q.scope.is_some() || self.denies.is_empty() {
            return self.evaluate_azure_at(index, q);
        }
        let mut scopes: Vec<&Scope> = self
            .assignments
            .iter()
            .filter_map(|a| a.scope.as_ref())
            .collect();
        crate::order::sort_by_key(&mut scopes, |s| s.key());
        scopes.dedup_by_key(|s| s.key());
        if scopes.is_empty() {
            return self.evaluate_azure_at(index, q);
        }
        let mut best: Option<(Evaluation, &Scope)> = None;
        // Where a deny assignment blocks it: said beside the best answer
        // (review s43: an allow at one scope hid a denial at another).
        let mut blocked: Vec<&Scope> = Vec::new();
        for s in &scopes {
            let at = Query {
                scope: Some((*s).clone()),
                ..q.clone()
            };
            let e = self.evaluate_azure_at(index, &at);
            if e.decision == Decision::Deny
                && e.reasons.iter().any(|r| r.kind == ReasonKind::Denied)
            {
                blocked.push(s);
            }
            if best.as_ref().is_none_or(|(b, _)| e.decision > b.decision) {
                best = Some((e, s));
            }
        }
        let Some((mut e, at)) = best else {
            return self.evaluate_azure_at(index, q);
        };
        e.reasons.insert(
            0,
            Reason::note(
                ReasonKind::ScopeNotGiven,
                format!(
                    "the query names no scope and deny assignments are given: it is asked at each of the {} scope(s) an assignment is at, a deny counting only where it reaches; the answer is the best of them: {}{} (name a `scope` to ask about one place)",
                    scopes.len(),
                    match e.decision {
                        Decision::Allow => format!("allowed at `{at}`"),
                        Decision::Conditional => format!("conditional at `{at}`"),
                        Decision::Deny => "denied at every one".to_string(),
                    },
                    if blocked.is_empty() || e.decision == Decision::Deny {
                        String::new()
                    } else {
                        format!(
                            "; a deny assignment blocks it at {}",
                            blocked
                                .iter()
                                .take(3)
                                .map(|s| format!("`{s}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }
                ),
            ),
        );
        e
    }

    fn evaluate_azure_at(&self, index: &Index, q: &Query) -> Evaluation {
        let cat = self.catalog();
        let lower = q.action.to_ascii_lowercase();
        let mut reasons = Vec::new();
        let mut denied = false;
        // A deny at a management group whose members are not given may or may not
        // reach the target: its effect is uncertain, as a grant there would be.
        let mut deny_uncertain = false;
        for d in &self.denies {
            let coverage = match &q.scope {
                Some(t) => d.covers(&self.hierarchy, t),
                None if d.do_not_apply_to_child_scopes => Coverage::No,
                None => Coverage::Yes,
            };
            if coverage == Coverage::No {
                // At a scope below a deny that applies at its own scope only: said,
                // so the answer shows the deny was read (review s43 F5).
                if let (true, Some(t)) = (d.do_not_apply_to_child_scopes, &q.scope) {
                    if d.scope.is_ancestor_or_self(t) {
                        let hit = d.permissions.iter().find_map(|b| {
                            match match_block(b, &lower, q.data()) {
                                BlockMatch::Grant(p) => Some(p),
                                _ => None,
                            }
                        });
                        if let Some(p) = hit {
                            reasons.push(Reason::deny_not_applied(
                                &d.name,
                                d.scope.as_str(),
                                p.as_str(),
                                "it applies at its own scope only (`doNotApplyToChildScopes`), and this scope lies below it",
                            ));
                        }
                    }
                }
                continue;
            }
            // Every block is a deny of its own (ARM's `permissions` is a list): the
            // deny holds through the first matching block whose condition holds (or
            // that has none), else conditionally through the first undecidable one,
            // else through none (the first matching block's condition is named).
            let mut chosen: Option<(&PermissionBlock, &ActionPattern, Truth)> = None;
            // The first block whose Actions match but whose NotActions exempt the
            // action (deny.Actions − deny.NotActions, azure-rbac-semantics.md §1):
            // named when no block blocks it, so an allow is not explained by the
            // grant alone (review F1 L2).
            let mut exempted: Option<(&ActionPattern, &ActionPattern)> = None;
            for b in &d.permissions {
                let p = match match_block(b, &lower, q.data()) {
                    BlockMatch::Grant(p) => p,
                    BlockMatch::Excluded(p, n) => {
                        exempted.get_or_insert((p, n));
                        continue;
                    }
                    BlockMatch::None => continue,
                };
                let truth = b
                    .condition
                    .as_ref()
                    .map_or(Truth::True, |c| c.evaluate(&lower));
                let better = match chosen {
                    None => true,
                    Some((_, _, was)) => rank(truth) > rank(was),
                };
                if better {
                    chosen = Some((b, p, truth));
                }
                if truth == Truth::True {
                    break;
                }
            }
            let Some((block, p, _)) = chosen else {
                if let Some((p, n)) = exempted {
                    reasons.push(Reason::deny_exempted(
                        &d.name,
                        d.scope.as_str(),
                        p.as_str(),
                        n.as_str(),
                        q.data(),
                    ));
                }
                continue;
            };
            let (name, at, p) = (d.name.as_str(), d.scope.as_str(), p.as_str());
            // Whom it applies to, then its conditions; what cannot be known offline
            // leaves the deny uncertain, each unknown named in its own reason.
            let mut uncertain = Vec::new();
            if coverage == Coverage::Unknown {
                uncertain.push(Reason::deny_scope_unknown(name, at, p, q.scope.as_ref()));
            }
            match d.applies_to(&self.subject) {
                Applies::No(why) => {
                    reasons.push(Reason::deny_not_applied(name, at, p, &why));
                    continue;
                }
                Applies::Unknown(why) => {
                    uncertain.push(Reason::deny_principal_unknown(name, at, p, &why));
                }
                Applies::Yes => {}
            }
            let mut condition_false = None;
            for c in [d.condition.as_ref(), block.condition.as_ref()]
                .into_iter()
                .flatten()
            {
                match c.evaluate(&lower) {
                    Truth::True => {}
                    Truth::False => condition_false = Some(c),
                    Truth::Unknown => {
                        uncertain.push(Reason::deny_conditional(name, at, p, c.as_str()));
                    }
                }
            }
            if let Some(c) = condition_false {
                reasons.push(Reason::deny_not_applied(
                    name,
                    at,
                    p,
                    &format!("its condition `{}` is false for this action", c.as_str()),
                ));
                continue;
            }
            if uncertain.is_empty() {
                denied = true;
                reasons.push(Reason::denied(name, at, p));
            } else {
                deny_uncertain = true;
                reasons.extend(uncertain);
            }
        }
        let mut outcome = Outcome::default();
        self.azure_assignments(index, &lower, q, &mut outcome);
        let matched = outcome.matched;
        let mut decision = match outcome.decision() {
            _ if denied => Decision::Deny,
            Decision::Allow if deny_uncertain => Decision::Conditional,
            d => d,
        };
        reasons.extend(outcome.into_reasons());
        // Catalog facts and a suggestion.
        let data = q.data();
        let op = cat.operations.find(&q.action, data);
        if op.is_none() {
            let other = cat.operations.find(&q.action, !data);
            let msg = match other {
                // Only a query that says its plane gets here (one that does not is
                // evaluated on the plane the catalog knows): its answer is about a
                // plane the operation is not on.
                Some(_) if data => format!(
                    "`{}` is a control-plane action in the catalog, not a data action, but this query asked about the data plane (`dataAction: true`), where only DataActions count: the answer is not about the operation that exists (set `dataAction` to false, or leave it out)",
                    q.action
                ),
                Some(_) => format!(
                    "`{}` is a data action in the catalog, not a control-plane action, but this query asked about the control plane (`dataAction: false`): an allow here only means an Actions pattern matches the name, and control-plane access does not reach the data plane (set `dataAction` to true, or leave it out, to ask about the data action)",
                    q.action
                ),
                None => match crate::fuzzy::suggest_operation_within(
                    cat,
                    &q.action,
                    data,
                    &self.suggestions,
                ) {
                    Some(s) => format!("`{}` is not in the operations catalog; did you mean `{s}`?", q.action),
                    None => format!("`{}` is not in the operations catalog", q.action),
                },
            };
            reasons.push(Reason::note(ReasonKind::NotInCatalog, msg));
        }
        if decision == Decision::Deny && !denied {
            let elevation = crate::least::elevation(&q.action);
            let elevating = elevation.as_ref().and_then(|_| self.elevating(&q.action));
            if !matched {
                if let Some(note) = self.star_segment_note(index, &lower, q) {
                    reasons.push(note);
                }
                let no = if elevating.is_some() {
                    "no Azure role assignment"
                } else {
                    "no role assignment"
                };
                reasons.insert(
                    0,
                    Reason::note(
                        ReasonKind::NoGrant,
                        match &q.scope {
                            Some(s) => format!("{no} grants `{}` at `{s}`", q.action),
                            None => format!("{no} grants `{}`", q.action),
                        },
                    ),
                );
            }
            if let Some(how) = elevation {
                // No Azure role assignment is the fix (review F1 L9); a Global
                // Administrator assignment is the way (review I1 #5).
                match elevating {
                    Some((held, reason)) => {
                        decision = held;
                        reasons.push(reason);
                    }
                    None => {
                        let ga = cat.role(crate::least::ELEVATING_ROLE).map(|(_, r)| r);
                        reasons.push(Reason::suggest_elevation(ga, how));
                    }
                }
            } else if let Some((ix, role)) =
                op.and_then(|o| self.roles.least_privileged_builtin_for(o, q.scope.as_ref()))
            {
                let mut r = Reason::suggest(&role.name, &role.id, &q.action);
                // Said as `decode` says it (an outside review: only decode did).
                if let Some(w) = crate::rank::mostly_elsewhere(cat, ix, &[&q.action]) {
                    r.message.push_str(&format!(
                        "; {w}: weigh it against a custom role with the action"
                    ));
                }
                reasons.push(r);
            }
        }
        Evaluation {
            decision,
            plane: Plane::Azure,
            data_action: data,
            action: q.action.clone(),
            reasons,
        }
    }

    /// Whether who asks can elevate their access ([`crate::least::ELEVATE_ACCESS`]):
    /// a Microsoft Entra Global Administrator assignment of theirs lets them (source
    /// EA: a Global Administrator turns on "Access management for Azure resources"),
    /// one that may be theirs (a group's, who asks not known) only conditionally.
    /// `None` when no such assignment counts.
    fn elevating(&self, action: &str) -> Option<(Decision, Reason)> {
        let ga = self
            .catalog()
            .role(crate::least::ELEVATING_ROLE)
            .map(|(i, _)| RoleRef::Builtin(i))?;
        let mut maybe = None;
        for (i, a, role) in self.assignments_on(Plane::Entra) {
            if a.role != ga {
                continue;
            }
            let how = format!(
                "Microsoft Entra role `{}` (assignment {}) can perform `{action}`: a Global Administrator turns on \"Access management for Azure resources\" (Microsoft Entra ID, Properties), which assigns them `User Access Administrator` at the root scope `/` (elevate-access-global-admin.md)",
                role.name,
                i + 1
            );
            match self.holding(a) {
                Holding::Asker => {
                    let r = Reason::note(ReasonKind::Granted, how).for_assignment(i, role, None);
                    return Some((Decision::Allow, r));
                }
                Holding::Unknown if maybe.is_none() => {
                    let why = format!(
                        "{how}, if the assignment is to who asks: {}",
                        self.holding_why(a)
                    );
                    let r = Reason::note(ReasonKind::PrincipalUnknown, why)
                        .for_assignment(i, role, None);
                    maybe = Some((Decision::Conditional, r));
                }
                _ => {}
            }
        }
        maybe
    }

    /// The reasons of the Azure assignments for one query. With a target scope,
    /// the covering assignments come from the index and each role is matched once;
    /// assignments that do not cover the target add "out of scope" (and other)
    /// reasons for at most [`MAX_REASONS_PER_KIND`] of them per role, the rest are
    /// counted without being visited.
    fn azure_assignments(&self, index: &Index, lower: &str, q: &Query, out: &mut Outcome) {
        let mut results: HashMap<RoleRef, Vec<(usize, BlockResult<'_>)>> = HashMap::new();
        let mut results_of = |r: RoleRef| -> Vec<(usize, BlockResult<'_>)> {
            results
                .entry(r)
                .or_insert_with(|| {
                    self.roles
                        .get(r)
                        .map(|role| role_results(role, lower, q.data()))
                        .unwrap_or_default()
                })
                .clone()
        };
        let Some(target) = &q.scope else {
            for (i, a, role) in self.assignments_on(Plane::Azure) {
                let res = results_of(a.role);
                self.assignment_reasons(i, a, role, &res, lower, q, Coverage::Yes, out);
            }
            return;
        };
        let covering = index.covering(self, target);
        let mut covered_per_role: HashMap<RoleRef, usize> = HashMap::new();
        for &(i, coverage) in &covering {
            let Some((a, role)) = self.assignment(i) else {
                continue;
            };
            if self.holding(a) != Holding::Other {
                // Counted as in `Index::by_role`, which leaves others' out.
                *covered_per_role.entry(a.role).or_default() += 1;
            }
            let res = results_of(a.role);
            self.assignment_reasons(i, a, role, &res, lower, q, coverage, out);
        }
        let covered: std::collections::HashSet<usize> = covering.iter().map(|(i, _)| *i).collect();
        for (r, list) in index.by_role() {
            let res = results_of(*r);
            if res.is_empty() {
                continue;
            }
            let outside = list.len() - covered_per_role.get(r).copied().unwrap_or(0);
            let mut listed = 0;
            for &i in list {
                if listed == MAX_REASONS_PER_KIND || listed == outside {
                    break;
                }
                if covered.contains(&i) {
                    continue;
                }
                if let Some((a, role)) = self.assignment(i) {
                    self.assignment_reasons(i, a, role, &res, lower, q, Coverage::No, out);
                }
                listed += 1;
            }
            let rest = outside - listed;
            for (_, b) in &res {
                // These assignments do not cover the target: out of scope, whatever
                // their blocks would say there.
                out.add_unlisted(ReasonKind::OutOfScope, rest);
                if rest > 0 && !matches!(b, BlockResult::OtherPlane(_)) {
                    out.matched = true;
                }
            }
        }
    }

    /// Notes for an assignment Azure refuses to create (or may refuse): at a
    /// scope outside its role's assignableScopes, where a management group in them
    /// holds the scope as far as the hierarchy tells (inside: fine; not known:
    /// said so, review F1 M2); a custom role with DataActions at a management group
    /// (§5 CR: "can't be assigned at the management group scope", review F1 M3).
    fn assignable_reasons(&self, index: usize, role: &Role, at: &Scope, out: &mut Outcome) {
        for (kind, reason) in self.refusals(index, role, at) {
            out.add(kind, || reason);
        }
    }

    /// The assignments Azure refuses to create, one reason each (at a scope
    /// outside the role's assignableScopes, or a custom role with DataActions at
    /// a management group); an assignment it may refuse, where the hierarchy is
    /// not known, is not one of them.
    pub fn refused_assignments(&self) -> Vec<Reason> {
        let mut out = Vec::new();
        for (i, a) in self.assignments.iter().enumerate() {
            let (Some(role), Some(at)) = (self.roles.get(a.role), a.scope.as_ref()) else {
                continue;
            };
            if role.plane() != crate::model::Plane::Azure {
                continue;
            }
            out.extend(
                self.refusals(i, role, at)
                    .into_iter()
                    .filter(|(k, _)| *k != ReasonKind::AssignableScopesUnknown)
                    .map(|(_, r)| r),
            );
        }
        out
    }

    /// [`Environment::assignable_reasons`]' reasons, with their kinds.
    fn refusals(&self, index: usize, role: &Role, at: &Scope) -> Vec<(ReasonKind, Reason)> {
        let mut out = Vec::new();
        let mut coverage = Coverage::No;
        for s in &role.assignable_scopes {
            let Ok(s) = Scope::parse(s) else {
                continue;
            };
            match self.hierarchy.covers(&s, at) {
                Coverage::Yes => {
                    coverage = Coverage::Yes;
                    break;
                }
                Coverage::Unknown => coverage = Coverage::Unknown,
                Coverage::No => {}
            }
        }
        match coverage {
            Coverage::Yes => {}
            Coverage::No => out.push((
                ReasonKind::OutsideAssignableScopes,
                Reason::outside_assignable_scopes(index, role, at.as_str()),
            )),
            Coverage::Unknown => out.push((
                ReasonKind::AssignableScopesUnknown,
                Reason::assignable_scopes_unknown(index, role, at.as_str()),
            )),
        }
        let root = role
            .assignable_scopes
            .iter()
            .any(|s| Scope::parse(s).is_ok_and(|s| s.kind() == ScopeKind::Root));
        if root && role.kind == RoleKind::AzureCustom {
            out.push((
                ReasonKind::RefusedAssignment,
                Reason::custom_role_at_root(index, role, at.as_str()),
            ));
        }
        let data = role.blocks.iter().any(|b| !b.data_actions.is_empty());
        if data && role.kind == RoleKind::AzureCustom && at.management_group_id().is_some() {
            out.push((
                ReasonKind::RefusedAssignment,
                Reason::data_actions_at_management_group(index, role, at.as_str()),
            ));
        }
        out
    }

    /// A role of who asks, assigned where it reaches the target, that would grant
    /// the action if Azure read `/*/` as possibly empty (`A/*/B` for `A/B`): said,
    /// with the open question, beside the documented answer (deny). Managed
    /// Identity Operator is asked for `userAssignedIdentities/assign/action`, what
    /// Microsoft describes it doing ([`crate::lint::STAR_BETWEEN_SLASHES`]).
    fn star_segment_note(&self, index: &Index, lower: &str, q: &Query) -> Option<Reason> {
        let data = q.data();
        let candidates: Vec<usize> = match &q.scope {
            Some(t) => index
                .covering(self, t)
                .into_iter()
                .filter(|(_, c)| *c != Coverage::No)
                .map(|(i, _)| i)
                .collect(),
            None => self.assignments_on(Plane::Azure).map(|(i, ..)| i).collect(),
        };
        for i in candidates {
            let Some((a, role)) = self.assignment(i) else {
                continue;
            };
            if self.holding(a) == Holding::Other {
                continue;
            }
            for b in &role.blocks {
                let (grants, exclusions) = b.for_plane(data);
                if exclusions.iter().any(|n| n.matches_lower(lower)) {
                    continue;
                }
                let Some(p) = grants
                    .iter()
                    .find(|g| crate::lint::without_star_segment(g).as_deref() == Some(lower))
                else {
                    continue;
                };
                let who = crate::text::markdown_code(&role.name);
                let at = a
                    .scope
                    .as_ref()
                    .map(|s| format!(" assigned at `{s}`"))
                    .unwrap_or_default();
                let mut r = Reason::note(
                    ReasonKind::StarSegment,
                    format!(
                        "{who}{at} holds `{p}`, which does not cover `{}` by the documented rule, so the answer is deny; it would if Azure read `/*/` as possibly empty: {}",
                        q.action,
                        crate::lint::STAR_BETWEEN_SLASHES
                    ),
                );
                r.role = Some(role.name.clone());
                r.pattern = Some(p.as_str().to_string());
                r.open_question = Some(STAR_SEGMENT_OPEN.to_string());
                return Some(r);
            }
        }
        None
    }

    /// Assignment `i` with its role.
    fn assignment(&self, i: usize) -> Option<(&Assignment, &Role)> {
        let a = self.assignments.get(i)?;
        Some((a, self.roles.get(a.role)?))
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "private; the pieces are all needed for the reasons"
    )]
    fn assignment_reasons(
        &self,
        index: usize,
        a: &Assignment,
        role: &Role,
        results: &[(usize, BlockResult<'_>)],
        lower: &str,
        q: &Query,
        coverage: Coverage,
        out: &mut Outcome,
    ) {
        let scope = a.scope.as_ref().map(Scope::as_str);
        let holding = self.holding(a);
        if holding == Holding::Other {
            // Someone else's: it counts for nothing, and is named only where it
            // would have granted the action.
            let grant = results.iter().find_map(|&(b, r)| match r {
                BlockResult::Grant(p) => Some((b, p)),
                _ => None,
            });
            if let (Some((b, p)), false) = (grant, coverage == Coverage::No) {
                out.add(ReasonKind::OtherPrincipal, || {
                    Reason::other_principal(index, role, scope, b, p.as_str(), &self.holding_why(a))
                });
            }
            return;
        }
        for &(b, result) in results {
            let Some(block) = role.blocks.get(b) else {
                continue;
            };
            match result {
                // An assignment that does not reach the target is out of scope first,
                // whatever its block would say there.
                BlockResult::OtherPlane(p) if coverage == Coverage::No => {
                    out.add(ReasonKind::OutOfScope, || {
                        let mut r =
                            Reason::wrong_plane(index, role, scope, b, p.as_str(), q.data());
                        r.kind = ReasonKind::OutOfScope;
                        r.message =
                            Reason::out_of_scope_besides(role, scope, q.scope.as_ref(), &r.message);
                        r
                    });
                }
                BlockResult::Excluded(p, n) if coverage == Coverage::No => {
                    out.add(ReasonKind::OutOfScope, || {
                        let mut r = Reason::excluded(
                            index,
                            role,
                            scope,
                            b,
                            p.as_str(),
                            n.as_str(),
                            q.data(),
                        );
                        r.kind = ReasonKind::OutOfScope;
                        r.message =
                            Reason::out_of_scope_besides(role, scope, q.scope.as_ref(), &r.message);
                        r
                    });
                    out.matched = true;
                }
                BlockResult::OtherPlane(p) => {
                    // A grant on the other plane is worth a hint.
                    out.add(ReasonKind::WrongPlane, || {
                        Reason::wrong_plane(index, role, scope, b, p.as_str(), q.data())
                    });
                }
                BlockResult::Excluded(p, n) => {
                    out.add(ReasonKind::Excluded, || {
                        Reason::excluded(index, role, scope, b, p.as_str(), n.as_str(), q.data())
                    });
                    out.matched = true;
                }
                BlockResult::Grant(p) => {
                    out.matched = true;
                    match coverage {
                        Coverage::No => {
                            out.add(ReasonKind::OutOfScope, || {
                                Reason::out_of_scope(
                                    index,
                                    role,
                                    scope,
                                    b,
                                    p.as_str(),
                                    q.scope.as_ref(),
                                )
                            });
                            continue;
                        }
                        Coverage::Unknown => {
                            out.conditional = true;
                            out.add(ReasonKind::ScopeUnknown, || {
                                Reason::scope_unknown(
                                    index,
                                    role,
                                    scope,
                                    b,
                                    p.as_str(),
                                    q.scope.as_ref(),
                                )
                            });
                            continue;
                        }
                        Coverage::Yes => {}
                    }
                    if let Some(at) = &a.scope {
                        self.assignable_reasons(index, role, at, out);
                    }
                    let mut truth = Truth::True;
                    let mut conds = Vec::new();
                    // A condition that is not of the documented form (a supplied
                    // role's: an assignment's is refused when read) is said to be so.
                    let mut unread = None;
                    for c in [block.condition.as_ref(), a.condition.as_ref()]
                        .into_iter()
                        .flatten()
                    {
                        truth = truth.and(c.evaluate(lower));
                        conds.push(c.as_str());
                        unread = unread.or(c.error());
                    }
                    if holding == Holding::Unknown && truth != Truth::False {
                        // It grants, if it is who asks' at all.
                        out.conditional = true;
                        out.add(ReasonKind::PrincipalUnknown, || {
                            Reason::principal_unknown(
                                index,
                                role,
                                scope,
                                b,
                                p.as_str(),
                                &self.holding_why(a),
                            )
                        });
                        if truth == Truth::True {
                            continue;
                        }
                    }
                    match truth {
                        Truth::True => {
                            out.allowed = true;
                            out.add(ReasonKind::Granted, || {
                                let mut r =
                                    Reason::granted(index, role, scope, b, p.as_str(), &conds);
                                if let (None, Some(s)) = (&q.scope, scope) {
                                    r.message.push_str(&format!(
                                        "; the query names no scope, so this holds at `{s}` and below only"
                                    ));
                                }
                                r
                            });
                        }
                        Truth::Unknown => {
                            out.conditional = true;
                            out.add(ReasonKind::Conditional, || {
                                Reason::conditional(
                                    index,
                                    role,
                                    (scope, b, p.as_str()),
                                    &conds,
                                    unread,
                                )
                            });
                        }
                        Truth::False => {
                            out.add(ReasonKind::ConditionFalse, || {
                                Reason::condition_false(index, role, scope, b, p.as_str(), &conds)
                            });
                        }
                    }
                }
            }
        }
    }
}

/// The `openQuestion` of a [`ReasonKind::StarSegment`] note.
pub const STAR_SEGMENT_OPEN: &str = "does `*` between two slashes match nothing, so that `A/*/B` covers `A/B`? The documented rule says no (azure-rbac-semantics.md §2, which treats it as settled); built-in Managed Identity Operator, described as \"Read and Assign User Assigned Identity\", can assign one only if it does, through `userAssignedIdentities/*/assign/action`";

/// A query asked below where its action acts: `managementGroups/write` at a
/// subscription, `elevateAccess/action` anywhere but `/`. A request for it is made
/// at the object it acts on, so the answer at the scope asked is what the
/// assignments give there, which no real request asks (outside review of
/// 2026-12-06: User Access Administrator at a subscription was answered `allow`
/// for `elevateAccess` there without a word). The decision is kept (the
/// documented evaluation); the note says it ([`crate::lint::above_every`]).
fn acts_above(q: &Query) -> Option<Reason> {
    let scope = q.scope.as_ref()?;
    let (acts_on, _) = crate::lint::above_every(&q.action, [scope.as_str()])?;
    Some(Reason::note(
        ReasonKind::ActsAbove,
        format!(
            "`{}` acts on {acts_on}, above `{scope}`: a request for it is made at {acts_on}, so what is answered here is what the assignments give at `{scope}`, which no real request for it asks; ask at {acts_on} (inferred from the operation's resource type)",
            q.action
        ),
    ))
}

/// Which plane an action belongs to when the query does not say: Cloud PC
/// permissions (admin-center or Graph names, `Microsoft.CloudPC/...`), Intune
/// permissions (`Microsoft.Intune/...`, or a short name only Intune has, such as
/// `RemoteTasks/RebootNow`), Entra actions (`microsoft.directory/...` and the
/// `allEntities` forms), else Azure.
pub fn detect_plane(catalog: &Catalog, action: &str) -> Plane {
    let lower = action.to_ascii_lowercase();
    if catalog.windows365.permission(action).is_some()
        || lower.starts_with("microsoft.cloudpc/") && !lower.contains("/allentities/")
    {
        Plane::CloudPc
    } else if lower.starts_with("microsoft.intune/")
        && !lower.contains("/allentities/")
        && !azure_intune_operation(catalog, action)
        || lower.split('/').count() == 2 && catalog.intune.permission(action).is_some()
    {
        Plane::Intune
    } else if lower.starts_with("microsoft.directory/") || lower.contains("/allentities/") {
        Plane::Entra
    } else {
        Plane::Azure
    }
}

/// An Azure Resource Manager operation of the `Microsoft.Intune` provider
/// (`Microsoft.Intune/diagnosticsettings/read`, in the operations catalog) that
/// is no Intune role permission: Azure role assignments grant it, as `*/read`
/// does (an outside review: it was evaluated on the Intune plane and denied to
/// Reader, whose expansion lists it).
/// A pattern (`Microsoft.Intune/diagnosticsettings/*`) counts when it matches
/// such operations and no Intune permission (`grants` and `least` answered it on
/// different planes, a re-check review found).
pub fn azure_intune_operation(catalog: &Catalog, action: &str) -> bool {
    if !action
        .get(..17)
        .is_some_and(|p| p.eq_ignore_ascii_case("microsoft.intune/"))
    {
        return false;
    }
    if !action.contains('*') {
        return (catalog.operations.find(action, false).is_some()
            || catalog.operations.find(action, true).is_some())
            && catalog.intune.permission(action).is_none();
    }
    let Ok(pattern) = crate::pattern::ActionPattern::new(action) else {
        return false;
    };
    !azure_intune_matches(catalog, &pattern).is_empty()
        && !catalog
            .intune
            .permissions
            .iter()
            .any(|p| pattern.matches(&p.graph))
}

/// The Azure Resource Manager operations of the `Microsoft.Intune` provider that
/// `pattern` matches (`Microsoft.Intune/*` matches them and Intune permissions).
pub fn azure_intune_matches<'c>(
    catalog: &'c Catalog,
    pattern: &crate::pattern::ActionPattern,
) -> Vec<&'c str> {
    (0..catalog.operations.len())
        .map(|i| catalog.operations.name(i))
        .filter(|name| {
            name.get(..17)
                .is_some_and(|p| p.eq_ignore_ascii_case("microsoft.intune/"))
                && pattern.matches(name)
        })
        .collect()
}

/// Whether the (lowercase) entity `x` is a sub-entity of `parent`: `groups.security`
/// of `groups`.
fn is_sub_entity(x: &str, parent: &str) -> bool {
    x.strip_prefix(parent).is_some_and(|r| r.starts_with('.'))
}

/// Whether `granted` covers `action` only by reading a permission on an entity
/// as covering its sub-entities ([`entra_matches`]): `groups/members/update` for
/// `groups.security/members/update`. Inferred: the `groups` entity's permissions
/// are described as for "Security groups and Microsoft 365 groups"
/// (`groups/hiddenMembers/read` in the bundled Entra role data), and
/// `groups.security`'s as for Security groups (an outside review: Global
/// Administrator was denied `groups.security/members/update`).
pub fn entra_via_parent(granted: &str, action: &str) -> bool {
    let entity = |t: &str| t.split('/').nth(1).map(str::to_ascii_lowercase);
    match (entity(granted), entity(action)) {
        (Some(g), Some(a)) => is_sub_entity(&a, &g) && entra_matches(granted, action),
        _ => false,
    }
}

/// Entra resource-action matching: equal ignoring case, an `allEntities` /
/// `allProperties` / `allTasks` form that covers the action, or either on the
/// action's parent entity ([`entra_via_parent`]: inferred).
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
    let entity_ok = g.get(1).is_some_and(|e| {
        e == "allentities" || Some(e) == a.get(1) || a.get(1).is_some_and(|x| is_sub_entity(x, e))
    });
    if !entity_ok {
        return false;
    }
    // The same property and task on the parent entity (`groups/members/update`
    // for `groups.security/members/update`).
    if g.len() == a.len() && g.get(2..) == a.get(2..) {
        return true;
    }
    let tail: Vec<&str> = g.iter().skip(2).map(String::as_str).collect();
    match tail.as_slice() {
        ["allproperties", "alltasks"] | ["alltasks"] => true,
        ["allproperties", "read"] => a.last().is_some_and(|v| v == "read"),
        _ => false,
    }
}

/// How strongly a deny block's condition holds: true, then undecidable, then false.
fn rank(t: Truth) -> u8 {
    match t {
        Truth::True => 2,
        Truth::Unknown => 1,
        Truth::False => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(n: usize) -> Environment<'static> {
        let cat = crate::catalog().unwrap();
        let mut env = Environment::new(RoleSet::new(cat, Vec::new()));
        let reader = env.roles.resolve("Reader").unwrap();
        for i in 0..n {
            env.assignments.push(Assignment {
                role: reader,
                scope: Some(Scope::parse(&format!("/subscriptions/s{i}")).unwrap()),
                condition: None,
                principals: Vec::new(),
            });
        }
        env
    }

    fn query(scope: &str) -> Query {
        Query {
            action: "Microsoft.Compute/virtualMachines/read".into(),
            data_action: Some(false),
            scope: Some(Scope::parse(scope).unwrap()),
            plane: None,
        }
    }

    #[test]
    fn many_assignments_list_a_bounded_number_of_reasons() {
        let env = env(100);
        let e = env.evaluate(&query("/subscriptions/s50/resourceGroups/rg"));
        assert_eq!(e.decision, Decision::Allow);
        let kinds = |k: ReasonKind| e.reasons.iter().filter(|r| r.kind == k).count();
        assert_eq!(kinds(ReasonKind::Granted), 1);
        assert_eq!(kinds(ReasonKind::OutOfScope), MAX_REASONS_PER_KIND + 1);
        let granted = e
            .reasons
            .iter()
            .find(|r| r.kind == ReasonKind::Granted)
            .unwrap();
        assert_eq!(granted.assignment, Some(50));
        let note = e.reasons.last().unwrap();
        assert_eq!(
            note.message,
            format!(
                "{} more assignments are at scopes that do not cover the target (the first {MAX_REASONS_PER_KIND} are listed)",
                99 - MAX_REASONS_PER_KIND
            )
        );
        // Listed reasons keep assignment order.
        let order: Vec<usize> = e.reasons.iter().filter_map(|r| r.assignment).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }

    #[test]
    fn a_batch_answers_as_one_query_at_a_time() {
        let env = env(40);
        let queries: Vec<Query> = [
            "/subscriptions/s3",
            "/subscriptions/s39/resourceGroups/x",
            "/subscriptions/t",
            "/",
        ]
        .iter()
        .map(|s| query(s))
        .collect();
        let batch = env.evaluate_all(&queries);
        for (q, b) in queries.iter().zip(&batch) {
            let one = env.evaluate(q);
            assert_eq!(one.decision, b.decision);
            assert_eq!(one.reasons, b.reasons);
        }
        assert_eq!(batch[2].decision, Decision::Deny);
        assert!(batch[2]
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::OutOfScope));
    }
}
