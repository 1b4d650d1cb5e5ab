//! The design report a step at a time ([`Designing`]): a page reviewing thousands
//! of saved roles shows its progress and keeps answering between steps (3,000
//! roles took 270 ms natively in one piece, 800 ms in a browser's task). Each
//! step is one unit of a stage: a Windows 365 operation evaluated, a deny
//! assignment's denied operations found, an assignment or a role reviewed.
//! [`super::design`] takes every step at once.

use super::{
    azure_risky, azure_totals, code, conflicts, plane_label, provenance, Findings, OperationLine,
    Report, RiskyOperation, Steps, SCHEMA_VERSION,
};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::deny::Applies;
use crate::evaluate::{Assignment, Environment, Holding, Index};
use crate::expand::Expansion;
use crate::model::{Plane, Role};
use crate::readiness::{Context, OperationResult};
use crate::request::Request;
use crate::roleset::RoleRef;
use crate::scope::{Coverage, Scope, ScopeKind};
use crate::tenant::Progress;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Operations,
    DenyRules,
    Assignments,
    Unassigned,
    Azure,
    Lint,
    Roles,
    Done,
}

impl Stage {
    fn after(self) -> Stage {
        match self {
            Stage::Operations => Stage::DenyRules,
            Stage::DenyRules => Stage::Assignments,
            Stage::Assignments => Stage::Unassigned,
            Stage::Unassigned => Stage::Azure,
            Stage::Azure => Stage::Lint,
            Stage::Lint => Stage::Roles,
            Stage::Roles | Stage::Done => Stage::Done,
        }
    }
}

/// A design report being computed: [`Designing::step`] until it says done, then
/// [`Designing::finish`].
pub struct Designing<'c> {
    catalog: &'c Catalog,
    req: Request<'c>,
    inputs: Vec<String>,
    /// Each custom role assigned alone, when the request assigns nothing.
    alone: Option<Environment<'c>>,
    ctx: Context,
    index: Index,
    notes: Vec<String>,
    /// The roles reviewed: the custom roles, then the other roles assigned.
    refs: Vec<RoleRef>,
    steps: Steps<Stage>,
    results: Vec<OperationResult>,
    denying: Denying<'c>,
    risky: Vec<RiskyOperation>,
    findings: Findings<'c>,
}

impl<'c> Designing<'c> {
    /// Begin the report of `req`; `inputs` names where it came from.
    pub fn new(catalog: &'c Catalog, req: Request<'c>, inputs: &[String]) -> Self {
        let roles = &req.env.roles;
        let mut refs: Vec<RoleRef> = (0..roles.custom().len()).map(RoleRef::Custom).collect();
        let mut seen: HashSet<RoleRef> = refs.iter().copied().collect();
        for a in &req.env.assignments {
            if seen.insert(a.role) {
                refs.push(a.role);
            }
        }
        let mut notes = req.notes.clone();
        notes.extend(req.warnings.iter().map(|w| w.to_string()));
        let alone = req.env.assignments.is_empty().then(|| {
            let mut env = Environment::new(roles.clone());
            env.denies = req.env.denies.clone();
            env.hierarchy = req.env.hierarchy.clone();
            env.subject = req.env.subject.clone();
            for (i, r) in roles.custom().iter().enumerate() {
                let scope = if r.plane() == Plane::Azure {
                    r.assignable_scopes
                        .iter()
                        .find_map(|s| Scope::parse(s).ok())
                        .or_else(|| Scope::parse(crate::readiness::SAMPLE_SUBSCRIPTION).ok())
                } else {
                    None
                };
                env.assignments.push(Assignment {
                    role: RoleRef::Custom(i),
                    scope,
                    condition: None,
                    principals: Vec::new(),
                });
            }
            env
        });
        if alone.as_ref().is_some_and(|e| !e.assignments.is_empty()) {
            notes.push("no assignments given: each custom role is reviewed as if assigned alone, an Azure role at its first assignable scope".into());
        }
        // Assignments Azure refuses to create, as `eval` says them (an outside
        // review: the report counted one outside its role's assignableScopes
        // without a word).
        for r in req.env.refused_assignments() {
            notes.push(r.message.replace(
                "so this answer is for",
                "so what this report counts for it is for",
            ));
        }
        let env = alone.as_ref().unwrap_or(&req.env);
        let ctx = if alone.is_some() {
            Context::infer(env, None, None, None, None)
        } else {
            req.context.clone()
        };
        let index = Index::new(env);
        let denying = Denying::new(catalog, env);
        Designing {
            catalog,
            inputs: inputs.to_vec(),
            ctx,
            index,
            notes,
            refs,
            steps: Steps::new(Stage::Operations),
            results: Vec::new(),
            denying,
            risky: Vec::new(),
            findings: Findings::new(catalog),
            alone,
            req,
        }
    }

    fn env(&self) -> &Environment<'c> {
        self.alone.as_ref().unwrap_or(&self.req.env)
    }

    /// What is being done: the stage, its units done and in all.
    pub fn progress(&self) -> Progress {
        let env = self.env();
        let (stage, total) = match self.steps.stage {
            Stage::Operations => (
                "evaluating the Windows 365 operations",
                self.catalog.windows365.operations.len(),
            ),
            Stage::DenyRules => ("reading the deny assignments", env.denies.len()),
            Stage::Assignments => ("taking what deny assignments remove", env.assignments.len()),
            Stage::Unassigned => ("adding the roles not assigned", self.refs.len()),
            Stage::Azure => (
                "finding the risky Azure operations",
                self.denying.held.len(),
            ),
            Stage::Lint => ("linting the roles", self.req.imported.len()),
            Stage::Roles | Stage::Done => (
                "weighing each role's risk and nearest built-in role",
                self.refs.len(),
            ),
        };
        self.steps.progress(stage, total, Stage::Done)
    }

    /// Do at most `units` units of work (at least one); `true` once everything
    /// is done.
    pub fn step(&mut self, units: usize) -> bool {
        for _ in 0..units.max(1) {
            let Some((stage, i)) = self.steps.take(Stage::Done) else {
                break;
            };
            let env = self.alone.as_ref().unwrap_or(&self.req.env);
            let more = match stage {
                Stage::Operations => match self.catalog.windows365.operations.get(i) {
                    Some(op) => {
                        self.results
                            .push(env.operation_with(&self.index, op, &self.ctx));
                        true
                    }
                    None => false,
                },
                Stage::DenyRules => self.denying.rule(self.catalog, env, i),
                Stage::Assignments => match env.assignments.get(i) {
                    Some(a) => {
                        self.denying.assignment(self.catalog, env, a);
                        true
                    }
                    None => false,
                },
                Stage::Unassigned => match self.refs.get(i) {
                    Some(r) => {
                        if !self.denying.assigned.contains(r) {
                            if let Some(e) = env.roles.expansion(*r) {
                                self.denying.add(*r, e.clone());
                            }
                        }
                        true
                    }
                    None => false,
                },
                Stage::Azure => match self.denying.held.get(i) {
                    Some((r, e)) => {
                        if let Some(role) = env.roles.get(*r) {
                            azure_risky(self.catalog, role, e, &mut self.risky);
                        }
                        true
                    }
                    None => false,
                },
                Stage::Lint => match self.req.imported.get(i) {
                    Some(imported) => {
                        self.findings.lint(imported, false);
                        true
                    }
                    None => false,
                },
                Stage::Roles => match self.refs.get(i) {
                    Some(r) => {
                        self.findings
                            .role(&env.roles, &self.req.imported, *r, false);
                        true
                    }
                    None => false,
                },
                Stage::Done => false,
            };
            if !more {
                self.steps.begin(stage.after());
            }
        }
        self.steps.stage == Stage::Done
    }

    /// The report, once [`Designing::step`] said done (what is not done yet is
    /// done here first).
    pub fn finish(mut self) -> Report {
        while !self.step(usize::MAX) {}
        let catalog = self.catalog;
        let env = self.alone.as_ref().unwrap_or(&self.req.env);
        let roles = &env.roles;
        let mut notes = self.notes;
        let mut operations: Vec<OperationLine> = self
            .results
            .iter()
            .map(|r| OperationLine {
                id: r.id.clone(),
                name: r.name.clone(),
                group: r.group.clone(),
                kind: r.kind,
                status: r.status,
                principals: None,
                held_needs_more: r.kind == crate::windows365::OperationKind::Permission
                    && r.status == crate::readiness::Status::Denied
                    && r.reasons
                        .iter()
                        .any(|x| x.kind == crate::evaluate::ReasonKind::Granted),
            })
            .collect();
        crate::order::sort_by_key(&mut operations, |o| std::cmp::Reverse(o.status));
        let custom = self.req.env.roles.custom();
        let mut reviewed: Vec<String> = custom.iter().map(reviewed_role).collect();
        for a in &self.req.env.assignments {
            if let Some(r) = self.req.env.roles.get(a.role) {
                reviewed.push(format!(
                    "assignment: {} at {}{}",
                    code(&r.name),
                    a.scope
                        .as_ref()
                        .map(|s| code(s.as_str()))
                        .unwrap_or_else(|| "the tenant".into()),
                    if a.condition.is_some() {
                        " (with a condition)"
                    } else {
                        ""
                    }
                ));
            }
        }
        reviewed.extend(self.denying.lines(env));
        let title = match custom {
            [one] => format!("Role review: {}", one.name),
            [] => "Assignment review".to_string(),
            many => format!("Design review: {} custom roles", many.len()),
        };
        // The roles assigned at the root scope `/` (or without a scope) to who
        // asks, or maybe to them.
        let at_root: HashSet<&str> = env
            .assignments
            .iter()
            .filter(|a| {
                env.holding(a) != Holding::Other
                    && a.scope
                        .as_ref()
                        .is_none_or(|s| matches!(s.kind(), ScopeKind::Root))
            })
            .filter_map(|a| roles.get(a.role).map(|r| r.name.as_str()))
            .collect();
        let azure = azure_totals(
            catalog,
            &self.denying.held,
            self.risky,
            |role| at_root.contains(role),
            &mut notes,
        );
        Report {
            schema_version: SCHEMA_VERSION,
            kind: "design",
            title,
            reviewed,
            inputs: self.inputs,
            data: provenance(catalog),
            azure,
            conflicts: conflicts(&self.results),
            operations,
            lint: self.findings.lint,
            risks: self.findings.risks,
            nearest: self.findings.nearest,
            tenant: None,
            notes,
        }
    }
}

/// A custom role's line under "what was reviewed".
fn reviewed_role(r: &Role) -> String {
    format!(
        "custom {} role {} ({} permission block(s), assignable at {})",
        plane_label(r.plane()),
        code(&r.name),
        r.blocks.len(),
        if r.assignable_scopes.is_empty() {
            "the tenant".to_string()
        } else {
            r.assignable_scopes.join(", ")
        }
    )
}

/// Each role reviewed with the operations it gives once the deny assignments
/// that apply to who asks ([`Environment::subject`]) are taken away, and one
/// "what was reviewed" line per deny assignment. A deny that covers an
/// assignment's whole reach removes what it denies from that assignment (made
/// conditional when whom it applies to, its management group's members or its
/// condition cannot be known offline); one at a scope below the assignment (or
/// at its own scope only) removes them there and not elsewhere, so they stay
/// counted and its line says so. A role not assigned is taken whole.
struct Denying<'c> {
    /// Shared by the deny assignments: patterns met twice are matched once.
    expander: crate::expand::Expander<'c>,
    /// Per deny assignment of the environment, in order: what it denies surely
    /// and under its condition, and whether it applies to who asks.
    rules: Vec<(BitSet, BitSet, Applies)>,
    /// Per deny: it lies below an assignment's scope.
    partial: Vec<bool>,
    /// Per deny: the operations of the assignments it covers that it removes,
    /// and that it makes conditional (sets: an operation two assignments hold is
    /// one operation, and one another deny surely removes there is not
    /// conditional; a re-check review found both counted).
    taken: Vec<(BitSet, BitSet)>,
    /// Which catalog operations are data actions (the counts name them apart).
    data: &'c BitSet,
    /// The roles with what they give, in order of first appearance.
    held: Vec<(RoleRef, Expansion)>,
    /// Where each role is in `held`.
    at: HashMap<RoleRef, usize>,
    /// The roles of the environment's assignments.
    assigned: HashSet<RoleRef>,
}

impl<'c> Denying<'c> {
    fn new(catalog: &'c Catalog, env: &Environment<'_>) -> Self {
        let n = env.denies.len();
        Denying {
            expander: crate::expand::Expander::new(catalog),
            rules: Vec::with_capacity(n),
            partial: vec![false; n],
            taken: vec![
                (
                    BitSet::new(catalog.operations.len()),
                    BitSet::new(catalog.operations.len())
                );
                n
            ],
            data: catalog.operations.data_mask(),
            held: Vec::new(),
            at: HashMap::new(),
            assigned: env.assignments.iter().map(|a| a.role).collect(),
        }
    }

    /// Find what deny assignment `i` denies; `false` when there is none.
    fn rule(&mut self, catalog: &Catalog, env: &Environment<'_>, i: usize) -> bool {
        let Some(d) = env.denies.get(i) else {
            return false;
        };
        let (sure, conditional) = d.denied_operations(&mut self.expander, &catalog.operations);
        self.rules
            .push((sure, conditional, d.applies_to(&env.subject)));
        true
    }

    fn add(&mut self, r: RoleRef, e: Expansion) {
        match self.at.get(&r).and_then(|&k| self.held.get_mut(k)) {
            Some((_, have)) => have.union_with(&e),
            None => {
                self.at.insert(r, self.held.len());
                self.held.push((r, e));
            }
        }
    }

    /// Take what the deny assignments remove from assignment `a`.
    fn assignment(&mut self, catalog: &Catalog, env: &Environment<'_>, a: &Assignment) {
        let ops = &catalog.operations;
        // Another principal's assignment is not reviewed as who asks'; one that
        // may be theirs (a group's, ...) holds its operations conditionally.
        let holding = env.holding(a);
        if holding == Holding::Other {
            return;
        }
        let Some(mut e) = env.roles.expansion(a.role).cloned() else {
            return;
        };
        if holding == Holding::Unknown {
            let empty = BitSet::new(e.granted.capacity());
            let granted = std::mem::replace(&mut e.granted, empty);
            e.conditional.union_with(&granted);
        }
        // The assignment's own condition (§1, §6), as `eval` and the tenant review
        // read it: an operation it may not allow is conditional, one it rules out
        // is not held (an outside review: the report counted them as held outright).
        if let Some(c) = &a.condition {
            e = e.under(c, ops);
        }
        if let (Some(scope), Some(Plane::Azure)) =
            (&a.scope, env.roles.get(a.role).map(Role::plane))
        {
            let mut removed = BitSet::new(ops.len());
            let mut uncertain = BitSet::new(ops.len());
            let mut held_here = e.granted.clone();
            held_here.union_with(&e.conditional);
            // Per deny that reaches this assignment: what it removes surely, and
            // what it may remove.
            let mut here: Vec<(usize, BitSet, BitSet)> = Vec::new();
            for (k, ((sure, conditional, applies), d)) in
                self.rules.iter().zip(&env.denies).enumerate()
            {
                if matches!(applies, Applies::No(_)) {
                    continue;
                }
                let whole = if d.do_not_apply_to_child_scopes {
                    Coverage::No
                } else {
                    env.hierarchy.covers(&d.scope, scope)
                };
                if whole == Coverage::No {
                    if env.hierarchy.covers(scope, &d.scope) != Coverage::No {
                        if let Some(p) = self.partial.get_mut(k) {
                            *p = true;
                        }
                    }
                    continue;
                }
                let sure_here = whole == Coverage::Yes && matches!(applies, Applies::Yes);
                let mut surely = BitSet::new(ops.len());
                let mut maybe = conditional.clone();
                if sure_here {
                    surely.union_with(sure);
                } else {
                    maybe.union_with(sure);
                }
                surely.intersect_with(&held_here);
                maybe.intersect_with(&held_here);
                removed.union_with(&surely);
                uncertain.union_with(&maybe);
                here.push((k, surely, maybe));
            }
            for (k, surely, mut maybe) in here {
                maybe.subtract(&removed);
                if let Some(t) = self.taken.get_mut(k) {
                    t.0.union_with(&surely);
                    t.1.union_with(&maybe);
                }
            }
            uncertain.subtract(&removed);
            crate::deny::take_away(&mut e, &removed, &uncertain);
        }
        self.add(a.role, e);
    }

    /// One "what was reviewed" line per deny assignment.
    fn lines(&self, env: &Environment<'_>) -> Vec<String> {
        self.rules
            .iter()
            .zip(&env.denies)
            .enumerate()
            .map(|(k, ((sure, conditional, applies), d))| {
                let mut line = format!(
                    "deny assignment: {} at {}{}, for {}: {} operation(s) denied{}",
                    code(&d.name),
                    code(d.scope.as_str()),
                    if d.do_not_apply_to_child_scopes {
                        " (that scope only)"
                    } else {
                        ""
                    },
                    d.whom(),
                    sure.count() + conditional.count(),
                    if conditional.is_empty() {
                        String::new()
                    } else {
                        format!(", {} of them only under its condition", conditional.count())
                    }
                );
                match applies {
                    Applies::No(why) => {
                        line.push_str(&format!("; not applied to who asks: {why}"));
                    }
                    Applies::Unknown(why) => line.push_str(&format!(
                        "; whether it applies to who asks is not known ({why}): what it denies is counted as conditional"
                    )),
                    Applies::Yes => {}
                }
                let counted = |set: &BitSet| {
                    let n = set.count();
                    (n, crate::text::of_them_data(n, set.intersection_count(self.data)))
                };
                if let Some((removed, uncertain)) = self.taken.get(k) {
                    let (removed_n, split) = counted(removed);
                    if removed_n > 0 {
                        line.push_str(&format!(
                            "; removes {removed_n} operation(s){split} from the assignments it covers"
                        ));
                    }
                    let (uncertain_n, split) = counted(uncertain);
                    if uncertain_n > 0 {
                        line.push_str(&format!(
                            "; makes {uncertain_n} operation(s){split} of the assignments it covers conditional"
                        ));
                    }
                }
                if self.partial.get(k).copied().unwrap_or(false) {
                    line.push_str(
                        "; it lies below an assignment's scope (or holds at its own scope only), so what it denies there is still counted as held elsewhere",
                    );
                }
                line
            })
            .collect()
    }
}
