//! Which Windows 365 operations a set of assignments enables, what is missing, and
//! what the Windows 365 service receives.
//!
//! Each operation's requirement is an expression over planes ([`Requirement`]).
//! Where documentation sources disagree the expression holds a [`Conflict`]: every
//! position is evaluated, and when they give different answers the operation is
//! *conditional* with each source's verdict shown; the engine never picks one.

pub mod context;
mod result;
mod tenant;

pub use context::Context;
pub use result::{
    ConflictVerdict, Fix, Missing, OperationResult, PositionVerdict, ServiceOutcome, ServiceRole,
    Status,
};

use crate::bitset::BitSet;
use crate::condition::Truth;
use crate::deny::Applies;
use crate::evaluate::{Decision, Environment, Holding, Index, Query, Reason, ReasonKind};
use crate::expand::Expansion;
use crate::model::Plane;
use crate::scope::{Coverage, Scope};
use crate::windows365::OperationKind;
use crate::windows365::{
    Cite, Conflict, Leaf, Operation, Requirement, ServiceGrant, ServiceKind, Slot,
};

#[derive(Debug, Clone)]
pub(super) struct Outcome {
    status: Status,
    missing: Vec<Missing>,
    reasons: Vec<Reason>,
    conflicts: Vec<ConflictVerdict>,
}

impl Outcome {
    fn new(status: Status) -> Self {
        Outcome {
            status,
            missing: Vec::new(),
            reasons: Vec::new(),
            conflicts: Vec::new(),
        }
    }
}

impl<'c> Environment<'c> {
    /// Evaluate every Windows 365 operation.
    pub fn operations(&self, ctx: &Context) -> Vec<OperationResult> {
        let ix = Index::new(self);
        self.catalog()
            .windows365
            .operations
            .iter()
            .map(|op| self.operation_with(&ix, op, ctx))
            .collect()
    }

    /// Evaluate one operation.
    pub fn operation(&self, op: &Operation, ctx: &Context) -> OperationResult {
        self.operation_with(&Index::new(self), op, ctx)
    }

    pub(crate) fn operation_with(
        &self,
        ix: &Index,
        op: &Operation,
        ctx: &Context,
    ) -> OperationResult {
        let o = self.requirement(ix, &op.requirement, ctx);
        let service = self.service(ix, op.service, ctx);
        OperationResult {
            id: op.id.clone(),
            kind: op.kind(),
            name: op.name.clone(),
            group: op.group.clone(),
            status: o.status,
            missing: dedupe(o.missing),
            reasons: dedupe_reasons(o.reasons),
            conflicts: o.conflicts,
            service,
            prerequisites: cited(&op.prerequisites),
            notes: cited(&op.notes),
        }
    }

    fn requirement(&self, ix: &Index, r: &Requirement, ctx: &Context) -> Outcome {
        match r {
            Requirement::Nothing => Outcome::new(Status::Allowed),
            Requirement::Leaf(leaf, cite) => self.leaf(ix, leaf, cite, ctx),
            Requirement::All(parts) => {
                let mut out = Outcome::new(Status::Allowed);
                for p in parts {
                    let o = self.requirement(ix, p, ctx);
                    out.status = out.status.min(o.status);
                    out.missing.extend(o.missing);
                    out.reasons.extend(o.reasons);
                    out.conflicts.extend(o.conflicts);
                }
                out
            }
            Requirement::Any(parts) => {
                let outs: Vec<Outcome> =
                    parts.iter().map(|p| self.requirement(ix, p, ctx)).collect();
                let best = outs
                    .iter()
                    .map(|o| o.status)
                    .max()
                    .unwrap_or(Status::Allowed);
                let mut chosen: Vec<&Outcome> = outs.iter().filter(|o| o.status == best).collect();
                if best == Status::Denied {
                    // Report the least-privileged alternative closest to being
                    // met: no privileged fix if one can be avoided, then the fewest
                    // missing, then the most already granted (a Cloud PC role
                    // holding CloudPCs/Resize lacks the Intune half, not an Entra
                    // role), then the narrowest fixes.
                    let cat = self.catalog();
                    crate::order::sort_by_key(&mut chosen, |o| {
                        let granted = o
                            .reasons
                            .iter()
                            .filter(|r| r.kind == ReasonKind::Granted)
                            .count();
                        let (risky, size) = breadth(cat, o);
                        (risky, o.missing.len(), std::cmp::Reverse(granted), size)
                    });
                    chosen.truncate(1);
                }
                let mut out = Outcome::new(best);
                for o in chosen {
                    out.missing.extend(o.missing.iter().cloned());
                    out.reasons.extend(o.reasons.iter().cloned());
                    out.conflicts.extend(o.conflicts.iter().cloned());
                }
                if best == Status::Denied && parts.len() > 1 {
                    // One entry per alternative: the parts an alternative still
                    // lacks are all needed, so they are joined with "and".
                    // An alternative that lacks all another lacks, and more, is
                    // left out.
                    let lacks: Vec<Vec<&str>> = outs
                        .iter()
                        .filter(|o| !o.missing.is_empty())
                        .map(|o| o.missing.iter().map(|m| m.requirement.as_str()).collect())
                        .collect();
                    let within = |a: &Vec<&str>, b: &Vec<&str>| a.iter().all(|x| b.contains(x));
                    let mut alternatives: Vec<String> = Vec::new();
                    for parts in lacks
                        .iter()
                        .filter(|p| !lacks.iter().any(|q| q.len() < p.len() && within(q, p)))
                    {
                        let text = match parts.as_slice() {
                            [one] => (*one).to_string(),
                            _ => format!("({})", parts.join(" and ")),
                        };
                        if !alternatives.contains(&text) {
                            alternatives.push(text);
                        }
                    }
                    // One alternative left is what `missing` already says.
                    if alternatives.len() > 1 {
                        out.reasons.push(Reason::note(
                            ReasonKind::NoGrant,
                            format!(
                                "none of the alternatives is met: {}",
                                alternatives.join("; or ")
                            ),
                        ));
                    }
                }
                out
            }
            Requirement::Conflict(c) => self.conflict(ix, c, ctx),
        }
    }

    /// A source as people know it (its title), or its id when it is not a
    /// bundled document.
    fn document_title(&self, id: &str) -> String {
        match self.catalog().windows365.document(id) {
            Some(d) => d.title.clone(),
            None => id.to_string(),
        }
    }

    fn conflict(&self, ix: &Index, c: &Conflict, ctx: &Context) -> Outcome {
        let outs: Vec<(usize, Outcome)> = c
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| (i, self.requirement(ix, &p.requirement, ctx)))
            .collect();
        let statuses: Vec<Status> = outs.iter().map(|(_, o)| o.status).collect();
        let agree = statuses.windows(2).all(|w| w[0] == w[1]);
        let status = if agree {
            statuses.first().copied().unwrap_or(Status::Allowed)
        } else {
            Status::Conditional
        };
        let mut out = Outcome::new(status);
        let mut positions = Vec::new();
        for (i, o) in &outs {
            let Some(p) = c.positions.get(*i) else {
                continue;
            };
            positions.push(PositionVerdict {
                source: p.source.clone(),
                says: p.says.clone(),
                summary: p.summary,
                status: o.status,
                missing: o.missing.iter().map(|m| m.requirement.clone()).collect(),
            });
            for m in &o.missing {
                let mut m = m.clone();
                if !agree {
                    m.requirement = format!(
                        "{} (according to {})",
                        m.requirement,
                        self.document_title(&p.source)
                    );
                }
                // Sources that agree may ask for the same thing: name it once.
                if !out.missing.iter().any(|x| x.requirement == m.requirement) {
                    out.missing.push(m);
                }
            }
            out.reasons.extend(o.reasons.iter().cloned());
        }
        out.missing = covered(self.catalog(), out.missing);
        if !agree {
            // Two readings of one document are told apart by their words.
            let shared = |source: &str| positions.iter().filter(|p| p.source == source).count() > 1;
            let detail: Vec<String> = positions
                .iter()
                .map(|p| {
                    let title = self.document_title(&p.source);
                    if shared(&p.source) {
                        let says = crate::text::clip(&p.says, 90);
                        format!(
                            "{} per {title} ({})",
                            p.status.as_str(),
                            crate::text::cited(&says, p.summary)
                        )
                    } else {
                        format!("{} per {title}", p.status.as_str())
                    }
                })
                .collect();
            out.reasons.push(Reason::note(
                ReasonKind::NoGrant,
                format!("sources disagree on {}: {}", c.topic, detail.join(", ")),
            ));
        }
        out.conflicts.push(ConflictVerdict {
            topic: c.topic.clone(),
            agree,
            positions,
        });
        out
    }

    fn leaf(&self, ix: &Index, leaf: &Leaf, cite: &Cite, ctx: &Context) -> Outcome {
        match leaf {
            Leaf::Entra(names) => {
                self.named_role(Plane::Entra, names, cite, "Microsoft Entra role")
            }
            Leaf::IntuneRole(name) => self.role_leaf(Plane::Intune, name, cite),
            Leaf::CloudPc(name) => self.permission_leaf(ix, Plane::CloudPc, name, cite),
            Leaf::Intune(name) => self.permission_leaf(ix, Plane::Intune, name, cite),
            Leaf::CloudPcRole(name) => self.role_leaf(Plane::CloudPc, name, cite),
            Leaf::AppHoldsAncRoles => self.app_holds_anc_roles(cite, ctx),
            Leaf::AzureAction { action, slot } => {
                let scope = ctx.scope(*slot);
                let e = self.azure_action_at(ix, action, scope);
                let mut out = Outcome::new(Status::from(e.decision));
                out.reasons = e
                    .reasons
                    .iter()
                    .filter(|r| {
                        matches!(
                            r.kind,
                            ReasonKind::Granted
                                | ReasonKind::Conditional
                                | ReasonKind::Denied
                                | ReasonKind::DenyScopeUnknown
                                | ReasonKind::DenyNotApplied
                                | ReasonKind::DenyExempted
                                | ReasonKind::DenyPrincipalUnknown
                                | ReasonKind::DenyConditional
                        )
                    })
                    .map(|r| {
                        let mut r = r.clone();
                        r.message = format!("{action} on the {slot}: {}", r.message);
                        r
                    })
                    .collect();
                if e.decision != Decision::Allow {
                    let fix = e
                        .reasons
                        .iter()
                        .find(|r| r.kind == ReasonKind::Suggestion)
                        .and_then(|r| r.role.clone());
                    out.missing.push(Missing {
                        plane: Plane::Azure,
                        requirement: format!("`{action}` on the {slot} `{scope}`"),
                        scope: Some(scope.to_string()),
                        source: cite.source.clone(),
                        says: cite.says.clone(),
                        summary: cite.summary,
                        fix: fix.map(|name| Fix {
                            kind: "builtInRole".into(),
                            message: format!("assign `{name}` at `{scope}`"),
                            name,
                            scope: Some(scope.to_string()),
                        }),
                    });
                }
                out
            }
            Leaf::AzureRole { roles, slot } => self.azure_role(roles, *slot, cite, ctx),
            Leaf::NotDenied { action, slot } => self.not_denied(ix, action, *slot, cite, ctx),
        }
    }

    /// A control-plane Azure action evaluated at a scope (an Azure action leaf).
    fn azure_action_at(
        &self,
        ix: &Index,
        action: &str,
        scope: &Scope,
    ) -> crate::evaluate::Evaluation {
        self.evaluate_with(
            ix,
            &Query {
                action: action.to_string(),
                data_action: Some(false),
                scope: Some(scope.clone()),
                plane: Some(Plane::Azure),
            },
        )
    }

    /// [`Leaf::NotDenied`]: only the deny assignments' part of the evaluation of
    /// `action` at the slot counts; what grants it does not.
    fn not_denied(
        &self,
        ix: &Index,
        action: &str,
        slot: Slot,
        cite: &Cite,
        ctx: &Context,
    ) -> Outcome {
        let scope = ctx.scope(slot);
        let e = self.azure_action_at(ix, action, scope);
        let denies: Vec<&Reason> = e
            .reasons
            .iter()
            .filter(|r| {
                matches!(
                    r.kind,
                    ReasonKind::Denied
                        | ReasonKind::DenyScopeUnknown
                        | ReasonKind::DenyPrincipalUnknown
                        | ReasonKind::DenyConditional
                )
            })
            .collect();
        let status = if denies.iter().any(|r| r.kind == ReasonKind::Denied) {
            Status::Denied
        } else if denies.is_empty() {
            Status::Allowed
        } else {
            Status::Conditional
        };
        let mut out = Outcome::new(status);
        out.reasons = denies
            .into_iter()
            .map(|r| {
                let mut r = r.clone();
                r.message = format!("{action} on the {slot}: {}", r.message);
                r
            })
            .collect();
        if status != Status::Allowed {
            out.missing.push(Missing {
                plane: Plane::Azure,
                requirement: format!(
                    "no deny assignment blocking `{action}` on the {slot} `{scope}` (no role assignment lifts a deny assignment)"
                ),
                scope: Some(scope.to_string()),
                source: cite.source.clone(),
                says: cite.says.clone(),
                summary: cite.summary,
                fix: None,
            });
        }
        out
    }

    fn named_role(&self, plane: Plane, names: &[String], cite: &Cite, label: &str) -> Outcome {
        // Another principal's assignment does not count; one that may be who
        // asks' (a group's, ...) counts conditionally.
        let held: Vec<(usize, String, Holding)> = self
            .assignments_on(plane)
            .filter(|(_, _, r)| names.iter().any(|n| r.is_named(n)))
            .map(|(i, a, r)| (i, r.name.clone(), self.holding(a)))
            .filter(|(_, _, h)| *h != Holding::Other)
            .collect();
        if let Some((i, name, h)) = held
            .iter()
            .find(|(_, _, h)| *h == Holding::Asker)
            .or_else(|| held.first())
        {
            let sure = *h == Holding::Asker;
            let mut out = Outcome::new(if sure {
                Status::Allowed
            } else {
                Status::Conditional
            });
            let message = match self.assignments.get(*i) {
                Some(a) if !sure => format!(
                    "{label} `{name}` is assigned, if to the principal asking: it is assigned to {}",
                    self.holding_why(a)
                ),
                _ => format!("{label} `{name}` is assigned"),
            };
            let mut r = Reason::note(
                if sure {
                    ReasonKind::Granted
                } else {
                    ReasonKind::PrincipalUnknown
                },
                message,
            );
            r.assignment = Some(*i);
            r.role = Some(name.clone());
            out.reasons.push(r);
            return out;
        }
        // The least privileged of the named roles, in the one order `enables` and
        // every other suggestion use (Intune Administrator before Global
        // Administrator: review H2 H1); a name the catalog lacks comes last.
        let cat = self.catalog();
        let pick = names
            .iter()
            .min_by_key(|n| {
                let standing = cat
                    .role(n)
                    .and_then(|(i, _)| crate::rank::Standing::builtin(cat, i));
                (standing.is_none(), standing)
            })
            .cloned()
            .unwrap_or_default();
        let mut out = Outcome::new(Status::Denied);
        out.missing.push(Missing {
            plane,
            requirement: if names.len() == 1 {
                format!("the {label} {}", names.join(""))
            } else {
                format!("one of the {label}s {}", names.join(", "))
            },
            scope: None,
            source: cite.source.clone(),
            says: cite.says.clone(),
            summary: cite.summary,
            fix: Some(Fix {
                kind: if plane == Plane::Entra {
                    "entraRole".into()
                } else {
                    "intuneRole".into()
                },
                message: format!("assign the {label} {pick}"),
                name: pick,
                scope: None,
            }),
        });
        out
    }

    /// Azure assignments that reach `scope`, split into certain and uncertain, with
    /// what deny assignments take there (review F1 H1: a requirement of a whole role
    /// ignored them). An assignment's condition is read per operation, as `eval`
    /// reads it (review F1 M1: Owner with the delegation condition held none of
    /// Reader): an operation the condition allows is certain, one it may refuse is
    /// uncertain, one it refuses is not held. A deny that surely applies to who asks
    /// and surely reaches `scope` removes what it denies; one whose reach, principals
    /// or condition cannot be known offline makes it uncertain.
    fn held_at(&self, scope: &Scope) -> HeldAt {
        let cat = self.catalog();
        let ops = &cat.operations;
        let mut sure = Expansion::empty(cat);
        let mut unsure = Expansion::empty(cat);
        let mut who = Vec::new();
        for (_, a, r) in self.assignments_on(Plane::Azure) {
            let holding = self.holding(a);
            if holding == Holding::Other {
                continue;
            }
            let cov = match &a.scope {
                Some(s) => self.hierarchy.covers(s, scope),
                None => Coverage::Yes,
            };
            let Some(e) = self.roles.expansion(a.role) else {
                continue;
            };
            match cov {
                Coverage::Yes => {
                    // A holder who may not be who asks leaves it uncertain; a
                    // condition is read per operation.
                    match &a.condition {
                        _ if holding == Holding::Unknown => {
                            unsure.granted.union_with(&e.granted);
                            unsure.granted.union_with(&e.conditional);
                        }
                        Some(c) => {
                            let mut all = e.granted.clone();
                            all.union_with(&e.conditional);
                            for i in all.iter() {
                                match c.evaluate(ops.lower(i)) {
                                    Truth::True if e.granted.contains(i) => sure.granted.insert(i),
                                    Truth::False => {}
                                    _ => unsure.granted.insert(i),
                                }
                            }
                        }
                        None => sure.union_with(e),
                    }
                    if holding == Holding::Asker {
                        who.push(format!(
                            "`{}` at `{}`",
                            r.name,
                            a.scope.as_ref().map(Scope::as_str).unwrap_or("/")
                        ));
                    }
                }
                Coverage::Unknown => {
                    unsure.granted.union_with(&e.granted);
                    unsure.granted.union_with(&e.conditional);
                }
                Coverage::No => {}
            }
        }
        unsure.granted.union_with(&sure.conditional);
        let mut denied = Vec::new();
        if !self.denies.is_empty() {
            let mut expander = crate::expand::Expander::new(cat);
            for d in &self.denies {
                let applies = d.applies_to(&self.subject);
                let reach = d.covers(&self.hierarchy, scope);
                if matches!(applies, Applies::No(_)) || reach == Coverage::No {
                    continue;
                }
                let (blocked, maybe) = d.denied_operations(&mut expander, ops);
                let certain = reach == Coverage::Yes && applies == Applies::Yes;
                let mut removed = BitSet::new(ops.len());
                let mut uncertain = maybe;
                if certain {
                    removed = blocked;
                } else {
                    uncertain.union_with(&blocked);
                }
                let mut held = sure.granted.clone();
                held.union_with(&unsure.granted);
                let takes = held.intersection_count(&removed);
                let clouds = held.intersection_count(&uncertain);
                if takes + clouds == 0 {
                    continue;
                }
                // Surely blocked: held by no one here; maybe blocked: uncertain.
                sure.granted.subtract(&removed);
                unsure.granted.subtract(&removed);
                let mut now = sure.granted.clone();
                now.intersect_with(&uncertain);
                sure.granted.subtract(&now);
                unsure.granted.union_with(&now);
                denied.push(DeniedHere {
                    name: d.name.clone(),
                    scope: d.scope.to_string(),
                    removed,
                    uncertain,
                    why: match applies {
                        Applies::Unknown(w) => Some(w),
                        _ if reach == Coverage::Unknown => Some(format!(
                            "whether its scope `{}` reaches `{scope}` is not known (list the management group's members in a request's `managementGroups`, the command line's `eval --input`)",
                            d.scope
                        )),
                        _ => None,
                    },
                });
            }
        }
        HeldAt {
            sure,
            unsure,
            who,
            denied,
        }
    }

    fn azure_role(&self, roles: &[String], slot: Slot, cite: &Cite, ctx: &Context) -> Outcome {
        let cat = self.catalog();
        let scope = ctx.scope(slot);
        let HeldAt {
            sure,
            unsure,
            who,
            denied,
        } = self.held_at(scope);
        let mut best: Option<(Status, String, usize, usize)> = None; // status, role, lacking, role index
        for name in roles {
            let Some((idx, role)) = cat.role(name) else {
                continue;
            };
            let target = &cat.builtin_expansions()[idx].granted;
            let mut lacking = target.clone();
            lacking.subtract(&sure.granted);
            let status = if lacking.is_empty() {
                Status::Allowed
            } else if lacking.is_subset(&unsure.granted) {
                Status::Conditional
            } else {
                Status::Denied
            };
            let n = lacking.count();
            if best
                .as_ref()
                .is_none_or(|b| (status, usize::MAX - n) > (b.0, usize::MAX - b.2))
            {
                best = Some((status, role.name.clone(), n, idx));
            }
        }
        let Some((status, role, lacking, idx)) = best else {
            return Outcome::new(Status::Denied);
        };
        let mut out = Outcome::new(status);
        let what = if roles.len() == 1 {
            format!(
                "the permissions of `{}` on the {slot} `{scope}`",
                roles.join("")
            )
        } else {
            format!(
                "the permissions of {} on the {slot} `{scope}`",
                roles
                    .iter()
                    .map(|r| format!("`{r}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )
        };
        match status {
            Status::Allowed => {
                let exact = self.assignments_on(Plane::Azure).find(|(_, a, r)| {
                    r.is_named(&role)
                        && self.holding(a) == Holding::Asker
                        && a.scope
                            .as_ref()
                            .is_none_or(|s| self.hierarchy.covers(s, scope) == Coverage::Yes)
                });
                let msg = match exact {
                    Some((_, a, _)) => format!(
                        "`{role}` is assigned at `{}`, which covers the {slot}",
                        a.scope.as_ref().map(Scope::as_str).unwrap_or("/")
                    ),
                    None if who.len() == 1 => format!(
                        "{} holds every permission of `{role}` on the {slot}",
                        who.join("")
                    ),
                    None => format!(
                        "{} together hold every permission of `{role}` on the {slot}",
                        who.join(", ")
                    ),
                };
                let mut r = Reason::note(ReasonKind::Granted, msg);
                r.role = Some(role.clone());
                r.scope = Some(scope.to_string());
                out.reasons.push(r);
            }
            Status::Conditional | Status::Denied => {
                // The least-privileged of the named roles is the fix.
                let fix_role = roles
                    .iter()
                    .filter_map(|n| cat.role(n))
                    .min_by_key(|(i, _)| crate::rank::Standing::builtin(cat, *i))
                    .map(|(_, r)| r.name.clone())
                    .unwrap_or(role.clone());
                let total = cat.builtin_expansions()[idx].granted.count();
                // What the deny assignments here block of what is lacking: no role
                // assignment lifts a deny (review s43 F2: Owner under a deny of
                // `Microsoft.Network/*` was told to assign Reader).
                let mut lacking_set = cat.builtin_expansions()[idx].granted.clone();
                lacking_set.subtract(&sure.granted);
                let mut blocked_set = BitSet::new(lacking_set.capacity());
                for d in &denied {
                    blocked_set.union_with(&d.removed);
                    blocked_set.union_with(&d.uncertain);
                }
                blocked_set.intersect_with(&lacking_set);
                let blocked = blocked_set.count();
                let blocking: Vec<&DeniedHere> = denied
                    .iter()
                    .filter(|d| {
                        d.removed.intersection_count(&lacking_set)
                            + d.uncertain.intersection_count(&lacking_set)
                            > 0
                    })
                    .collect();
                let names: Vec<String> = blocking
                    .iter()
                    .map(|d| format!("`{}` at `{}`", d.name, d.scope))
                    .collect();
                let fix = if blocked > 0 && blocked == lacking_set.count() {
                    Fix {
                        kind: "denyAssignment".into(),
                        name: blocking
                            .iter()
                            .map(|d| d.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        // The deny's own scope when one deny blocks it (review s43).
                        scope: Some(match blocking.as_slice() {
                            [one] => one.scope.clone(),
                            _ => scope.to_string(),
                        }),
                        message: format!(
                            "no role assignment lifts a deny assignment: {} block{} what is lacking; whoever created {} (a managed application's publisher, a deployment stack's or Blueprint assignment's owner, the system that made it) must change it, or exclude who asks from it",
                            names.join(", "),
                            if names.len() == 1 { "s" } else { "" },
                            if names.len() == 1 { "it" } else { "them" }
                        ),
                    }
                } else {
                    Fix {
                        kind: "builtInRole".into(),
                        message: if blocked > 0 {
                            format!(
                                "assign `{fix_role}` at `{scope}`; it does not lift {} (blocking {} of the operations lacking)",
                                names.join(", "),
                                crate::text::thousands(blocked)
                            )
                        } else {
                            format!("assign `{fix_role}` at `{scope}`")
                        },
                        name: fix_role,
                        scope: Some(scope.to_string()),
                    }
                };
                out.missing.push(Missing {
                    plane: Plane::Azure,
                    requirement: format!(
                        "{what} ({} of {} operations of `{role}` {})",
                        crate::text::thousands(lacking),
                        crate::text::thousands(total),
                        match (status == Status::Conditional, blocked) {
                            (true, 0) => "not surely held".to_string(),
                            (false, 0) => "not held".to_string(),
                            (c, n) => format!(
                                "{}, {} of them blocked by a deny assignment",
                                if c { "not surely held" } else { "not held" },
                                crate::text::thousands(n)
                            ),
                        }
                    ),
                    scope: Some(scope.to_string()),
                    source: cite.source.clone(),
                    says: cite.says.clone(),
                    summary: cite.summary,
                    fix: Some(fix),
                });
                let target = &cat.builtin_expansions()[idx].granted;
                let mut by_deny = 0;
                for d in &denied {
                    let takes = target.intersection_count(&d.removed);
                    let clouds = target.intersection_count(&d.uncertain);
                    by_deny += clouds;
                    if takes > 0 {
                        let mut r = Reason::note(
                            ReasonKind::Denied,
                            format!(
                                "deny assignment `{}` at `{}` blocks {} operation(s) of `{role}` on the {slot}; deny assignments take precedence over role assignments",
                                d.name,
                                d.scope,
                                crate::text::thousands(takes)
                            ),
                        );
                        r.scope = Some(scope.to_string());
                        out.reasons.push(r);
                    }
                    if clouds > 0 {
                        let kind = if d.why.is_some() {
                            ReasonKind::DenyPrincipalUnknown
                        } else {
                            ReasonKind::DenyConditional
                        };
                        let mut r = Reason::note(
                            kind,
                            format!(
                                "deny assignment `{}` at `{}` may block {} operation(s) of `{role}` on the {slot}: {}",
                                d.name,
                                d.scope,
                                crate::text::thousands(clouds),
                                d.why.as_deref().unwrap_or("only under a condition that cannot be decided offline")
                            ),
                        );
                        r.scope = Some(scope.to_string());
                        out.reasons.push(r);
                    }
                }
                if status == Status::Conditional && by_deny < lacking {
                    out.reasons.push(Reason::note(
                        ReasonKind::Conditional,
                        format!("the rest of `{role}` is granted only under conditions or through management groups whose members are not known"),
                    ));
                }
            }
        }
        out
    }

    /// Whether the Windows 365 first-party app (named by its application id or as
    /// "Windows 365") holds each Azure role Windows 365 receives for an ANC, at or
    /// above its scope in the context: what seed 001 asks an admin with only
    /// Subscription Reader to assign beforehand.
    fn app_holds_anc_roles(&self, cite: &Cite, ctx: &Context) -> Outcome {
        let cat = self.catalog();
        let is_app = |p: &crate::tenant::assignment::Principal| {
            p.id.as_deref()
                .is_some_and(|i| i.eq_ignore_ascii_case(crate::windows365::WINDOWS365_APP_ID))
                || p.name.as_deref().is_some_and(|n| {
                    n.eq_ignore_ascii_case("Windows 365")
                        || n.eq_ignore_ascii_case(crate::windows365::WINDOWS365_APP_ID)
                })
        };
        let mut held = Vec::new();
        let mut lacking = Vec::new();
        for g in &cat.windows365.service.anc_current {
            let target = ctx.scope(g.slot);
            let role = cat
                .role(&g.role)
                .map(|(i, _)| crate::roleset::RoleRef::Builtin(i));
            let found = self.assignments_on(Plane::Azure).any(|(_, a, _)| {
                Some(a.role) == role
                    && a.principals.iter().any(is_app)
                    && a.scope
                        .as_ref()
                        .is_some_and(|s| s.is_ancestor_or_self(target))
            });
            let text = format!("`{}` on the {} `{target}`", g.role, g.slot.label());
            if found {
                held.push(text);
            } else {
                lacking.push(text);
            }
        }
        if lacking.is_empty() {
            let mut out = Outcome::new(Status::Allowed);
            out.reasons.push(Reason::note(
                ReasonKind::Granted,
                format!(
                    "the Windows 365 first-party app (`{}`) already holds {}",
                    crate::windows365::WINDOWS365_APP_ID,
                    held.join(", ")
                ),
            ));
            return out;
        }
        let mut out = Outcome::new(Status::Denied);
        out.missing.push(Missing {
            plane: Plane::Azure,
            requirement: format!(
                "the Windows 365 first-party app (`{}`) holding {} (assigned beforehand; `w365-perms anc-recipe` writes the assignments)",
                crate::windows365::WINDOWS365_APP_ID,
                lacking.join(", ")
            ),
            scope: None,
            source: cite.source.clone(),
            says: cite.says.clone(),
            summary: cite.summary,
            fix: None,
        });
        out
    }

    fn service(&self, ix: &Index, kind: ServiceKind, ctx: &Context) -> Option<ServiceOutcome> {
        let cat = self.catalog();
        let s = &cat.windows365.service;
        let grants = |list: &[ServiceGrant]| -> Vec<ServiceRole> {
            list.iter()
                .map(|g| {
                    let ops = cat
                        .role(&g.role)
                        .map(|(i, _)| cat.builtin_expansions()[i].granted.count())
                        .unwrap_or(0);
                    ServiceRole {
                        role: g.role.clone(),
                        slot: g.slot.as_str().to_string(),
                        scope: ctx.scope(g.slot).to_string(),
                        why: g.why.clone(),
                        source: g.source.clone(),
                        operations: ops,
                    }
                })
                .collect()
        };
        match kind {
            ServiceKind::None => None,
            ServiceKind::Anc => {
                let (cite, req) = &s.automatic;
                let o = self.requirement(ix, req, ctx);
                let assignment = match o.status {
                    Status::Allowed => "automatic",
                    Status::Conditional => "conditional",
                    Status::Denied => "manual",
                };
                // A deny assignment on writing role assignments where Windows 365
                // assigns its roles (the resource group, the virtual network) stops
                // the automatic assignment as surely as lacking Owner does (review
                // J1 H2).
                let by_deny = o.reasons.iter().any(|r| {
                    matches!(
                        r.kind,
                        ReasonKind::Denied | ReasonKind::DenyConditional | ReasonKind::DenyPrincipalUnknown
                    )
                });
                let explanation = match (o.status, by_deny) {
                    (Status::Allowed, _) => "you hold Owner or User Access Administrator on the subscription, so Windows 365 assigns its roles itself".to_string(),
                    (Status::Conditional, false) => "whether you hold Owner or User Access Administrator on the subscription is conditional, so the automatic assignment is too".to_string(),
                    (Status::Conditional, true) => "a deny assignment may block writing role assignments where Windows 365 assigns its roles (the subscription, the resource group, the virtual network), so the automatic assignment is conditional".to_string(),
                    (Status::Denied, false) => "without Owner or User Access Administrator on the subscription the assignments aren't automatic: assign these roles to the Windows 365 first-party app yourself".to_string(),
                    (Status::Denied, true) => "a deny assignment blocks writing role assignments where Windows 365 assigns its roles (the subscription, the resource group, the virtual network), so the assignments aren't automatic: assign these roles to the Windows 365 first-party app yourself, from where no deny blocks it".to_string(),
                };
                Some(ServiceOutcome {
                    assignment: assignment.into(),
                    explanation,
                    source: cite.source.clone(),
                    receives: grants(&s.anc_current),
                    before_cutoff: grants(&s.anc_before),
                    cutoff: Some(s.cutoff.clone()),
                })
            }
            ServiceKind::Image => Some(ServiceOutcome {
                assignment: "service".into(),
                explanation: "Windows 365 needs Reader on the image's subscription when that subscription has no ANC".into(),
                source: "seed-000".into(),
                receives: grants(&s.image),
                before_cutoff: Vec::new(),
                cutoff: None,
            }),
            ServiceKind::Review => Some(ServiceOutcome {
                assignment: "manual".into(),
                explanation: "give the Windows 365 service these roles on your storage account before placing Cloud PCs under review".into(),
                source: "ref-under-review".into(),
                receives: grants(&s.review),
                before_cutoff: Vec::new(),
                cutoff: None,
            }),
        }
    }
}

/// What Azure assignments give at one scope ([`Environment::held_at`]).
struct HeldAt {
    /// Surely held.
    sure: Expansion,
    /// Held only if something unknown offline holds.
    unsure: Expansion,
    /// The assignments that reach the scope (`Role at scope`).
    who: Vec<String>,
    /// The deny assignments that take something held there.
    denied: Vec<DeniedHere>,
}

/// What one deny assignment takes at a scope.
struct DeniedHere {
    name: String,
    scope: String,
    /// Surely blocked.
    removed: BitSet,
    /// Blocked only if what is unknown offline holds.
    uncertain: BitSet,
    /// Why it is uncertain (whom it applies to, or its reach), if it is.
    why: Option<String>,
}

/// Notes as `text (source)`.
fn cited(notes: &[crate::windows365::Note]) -> Vec<String> {
    notes
        .iter()
        .map(|n| format!("{} ({})", n.text, n.source))
        .collect()
}

fn dedupe(v: Vec<Missing>) -> Vec<Missing> {
    let mut out: Vec<Missing> = Vec::new();
    for m in v {
        if !out.iter().any(|x| x.requirement == m.requirement) {
            out.push(m);
        }
    }
    out
}

/// What the positions of a conflict lack, each once, and a built-in role not
/// named when another missing built-in role at the same scope holds all it holds:
/// readings that ask for Owner, and for Owner or User Access Administrator, need
/// Owner, not both (review I2 F7).
fn covered(cat: &crate::Catalog, v: Vec<Missing>) -> Vec<Missing> {
    let out = dedupe(v);
    let role_of = |m: &Missing| {
        let fix = m.fix.as_ref().filter(|f| f.kind != "permission")?;
        let (i, _) = cat.role(&fix.name)?;
        cat.builtin_expansions().get(i)
    };
    let covers = |a: &Expansion, b: &Expansion| {
        b.granted.is_subset(&a.granted)
            && b.conditional.is_subset(&a.conditional)
            && b.cloud_pc.is_subset(&a.cloud_pc)
            && b.intune.is_subset(&a.intune)
            && b.entra.iter().all(|x| a.entra.binary_search(x).is_ok())
    };
    let keep: Vec<bool> = out
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let Some(mine) = role_of(m) else {
                return true;
            };
            !out.iter().enumerate().any(|(j, n)| {
                j != i
                    && n.plane == m.plane
                    && n.scope == m.scope
                    && role_of(n).is_some_and(|theirs| {
                        covers(theirs, mine) && (j < i || !covers(mine, theirs))
                    })
            })
        })
        .collect();
    out.into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// The reasons without repeats: two alternatives met by the same assignment (Owner
/// for "Owner" and for "Owner or User Access Administrator") give the same reason
/// once. Reasons that differ in anything are all kept, in their order.
fn dedupe_reasons(v: Vec<Reason>) -> Vec<Reason> {
    let mut seen: std::collections::HashMap<(Option<usize>, String), Vec<usize>> =
        std::collections::HashMap::new();
    let mut out: Vec<Reason> = Vec::with_capacity(v.len());
    for r in v {
        let same = seen.entry((r.assignment, r.message.clone())).or_default();
        if same.iter().any(|&i| out.get(i) == Some(&r)) {
            continue;
        }
        same.push(out.len());
        out.push(r);
    }
    out
}

/// A built-in role that enables an operation on its own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enabler {
    /// Role name.
    pub role: String,
    /// Role id.
    pub id: String,
    /// Plane.
    pub plane: Plane,
    /// Allowed or conditional.
    pub status: Status,
    /// Operations or permissions the role grants in all (smaller is less privileged).
    pub size: usize,
}

/// The built-in roles that enable an operation on their own, least privileged first
/// (Azure roles assigned at the context's subscription). Operations that need
/// several planes have none: see [`crate::least::for_operation`] for the set.
pub fn enablers(catalog: &crate::Catalog, op: &Operation) -> Vec<Enabler> {
    let sizes = catalog.builtin_sizes();
    let mut out = Vec::new();
    for (i, role) in catalog.roles.iter().enumerate() {
        let mut env = Environment::new(crate::roleset::RoleSet::new(catalog, Vec::new()));
        let scope = (role.plane() == Plane::Azure)
            .then(|| Scope::parse("/subscriptions/{subscription}").ok())
            .flatten();
        env.assignments.push(crate::evaluate::Assignment {
            role: crate::roleset::RoleRef::Builtin(i),
            scope,
            condition: None,
            principals: Vec::new(),
        });
        let ctx = Context::infer(&env, None, None, None, None);
        let r = env.operation(op, &ctx);
        if r.status != Status::Denied {
            let standing = crate::rank::Standing::builtin(catalog, i);
            out.push((
                standing,
                Enabler {
                    role: role.name.clone(),
                    id: role.id.clone(),
                    plane: role.plane(),
                    status: r.status,
                    size: sizes.get(i).copied().unwrap_or(0),
                },
            ));
        }
    }
    // Allowed before conditional, then least privileged first (the one order).
    crate::order::sort_by(&mut out, |(x, a), (y, b)| {
        b.status
            .cmp(&a.status)
            .then_with(|| x.cmp(y))
            .then(a.role.cmp(&b.role))
    });
    out.into_iter().map(|(_, e)| e).collect()
}

/// Where [`alone`] assigns an Azure role: a sample subscription.
pub const SAMPLE_SUBSCRIPTION: &str = "/subscriptions/00000000-0000-0000-0000-000000000000";

/// One operation a role enables on its own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Enabled {
    /// Operation id.
    pub id: String,
    /// Task or permission.
    pub kind: crate::windows365::OperationKind,
    /// Operation name.
    pub name: String,
    /// Allowed or conditional.
    pub status: Status,
}

/// Every Windows 365 operation for `role` as the one assignment: at
/// [`SAMPLE_SUBSCRIPTION`] when it is an Azure role, tenant-wide otherwise.
/// `role` alone, assigned at [`SAMPLE_SUBSCRIPTION`] when it is an Azure role,
/// tenant-wide otherwise, with its context.
fn sole_env<'c>(
    catalog: &'c crate::Catalog,
    role: &crate::model::Role,
    expansion: Option<&crate::expand::Expansion>,
) -> (Environment<'c>, Context) {
    let set = crate::roleset::RoleSet::new(catalog, vec![role.clone()]);
    if let Some(ex) = expansion {
        set.give_expansion(0, ex.clone());
    }
    let mut env = Environment::new(set);
    let scope = (role.plane() == Plane::Azure)
        .then(|| Scope::parse(SAMPLE_SUBSCRIPTION).ok())
        .flatten();
    env.assignments.push(crate::evaluate::Assignment {
        role: crate::roleset::RoleRef::Custom(0),
        scope,
        condition: None,
        principals: Vec::new(),
    });
    let ctx = Context::infer(&env, None, None, None, None);
    (env, ctx)
}

fn sole_operations(
    catalog: &crate::Catalog,
    role: &crate::model::Role,
    expansion: Option<&crate::expand::Expansion>,
) -> Vec<OperationResult> {
    let (env, ctx) = sole_env(catalog, role, expansion);
    env.operations(&ctx)
}

/// The operations `role` enables on its own, evaluated only where it can: an Azure
/// role holds no Cloud PC, Intune or Entra permission, so the operations that are a
/// Cloud PC permission are denied to it alone and are not evaluated (a role page
/// asks this of every role it opens; a test compares with evaluating all).
fn sole_enabled(
    catalog: &crate::Catalog,
    role: &crate::model::Role,
    expansion: Option<&crate::expand::Expansion>,
) -> Vec<Enabled> {
    if role.plane() != Plane::Azure {
        return enabled_of(sole_operations(catalog, role, expansion));
    }
    let (env, ctx) = sole_env(catalog, role, expansion);
    let ix = Index::new(&env);
    enabled_of(
        catalog
            .windows365
            .operations
            .iter()
            .filter(|op| op.kind() != OperationKind::Permission)
            .map(|op| env.operation_with(&ix, op, &ctx))
            .collect(),
    )
}

/// The Windows 365 operations `role` enables on its own (denied ones left out),
/// assigned at [`SAMPLE_SUBSCRIPTION`] when it is an Azure role, tenant-wide otherwise.
/// The counterpart of [`enablers`], from the role's side.
pub fn alone(catalog: &crate::Catalog, role: &crate::model::Role) -> Vec<Enabled> {
    sole_enabled(catalog, role, None)
}

/// [`alone`] for a role whose expansion the caller has already (not expanded again).
pub fn alone_expanded(
    catalog: &crate::Catalog,
    role: &crate::model::Role,
    expansion: &crate::expand::Expansion,
) -> Vec<Enabled> {
    sole_enabled(catalog, role, Some(expansion))
}

/// The Cloud PC permissions `expansion` holds that are operations (in the
/// permission table) and not among `enabled` (what [`alone_expanded`] gives for the
/// same role): held, but usable only with more than the role gives (`Azure Network
/// Connections/Create` also asks an Azure role). Held permissions no table row has
/// (observed only, retired) are not operations, so not among them.
pub fn held_needing_more<'c>(
    catalog: &'c crate::Catalog,
    expansion: &crate::expand::Expansion,
    enabled: &[Enabled],
) -> Vec<&'c str> {
    let usable: std::collections::HashSet<&str> = enabled
        .iter()
        .filter(|e| e.kind == OperationKind::Permission)
        .map(|e| e.id.as_str())
        .collect();
    expansion
        .cloud_pc
        .iter()
        .filter_map(|i| catalog.windows365.permissions.get(i))
        .filter(|p| {
            catalog
                .windows365
                .permission_operation(&p.name)
                .is_some_and(|(_, o)| !usable.contains(o.id.as_str()))
        })
        .map(|p| p.name.as_str())
        .collect()
}

fn enabled_of(operations: Vec<OperationResult>) -> Vec<Enabled> {
    operations
        .into_iter()
        .filter(|o| o.status != Status::Denied)
        .map(|o| Enabled {
            id: o.id,
            kind: o.kind,
            name: o.name,
            status: o.status,
        })
        .collect()
}

/// The Windows 365 operations `role` contributes to on its own: those it enables,
/// and those where it satisfies part of the requirement (fewer missing
/// permissions than with no role at all), assigned as in [`alone`]. A role that
/// contributes to none never reaches Windows 365 (the tenant review's summary).
pub fn contributes(catalog: &crate::Catalog, role: &crate::model::Role) -> Vec<String> {
    let empty = Environment::new(crate::roleset::RoleSet::new(catalog, Vec::new()));
    let base_ctx = Context::infer(&empty, None, None, None, None);
    let base = empty.operations(&base_ctx);
    sole_operations(catalog, role, None)
        .into_iter()
        .zip(base)
        .filter(|(o, b)| o.status != b.status || o.missing.len() < b.missing.len())
        .map(|(o, _)| o.id)
        .collect()
}

/// How broad the fixes of a denied alternative are, to choose between
/// alternatives: (how many of its fixes are privileged roles, the permissions its
/// fixes grant). A permission added to a custom role grants one; a built-in role
/// grants its privilege size and is privileged when it carries a high or critical
/// risk note, as `enables` and `least` rank roles ([`crate::rank::Standing`]).
/// The "Least-privileged fix" is then the narrowest: Cloud PC Reader rather than
/// Read Only Operator, and a Cloud PC permission with an Intune read rather than
/// Intune Administrator (review H2 H1, review I2 F3).
fn breadth(cat: &crate::Catalog, o: &Outcome) -> (usize, usize) {
    let mut risky = 0;
    let mut size = 0usize;
    for m in &o.missing {
        let Some(fix) = m.fix.as_ref() else {
            size = size.saturating_add(1);
            continue;
        };
        if fix.kind == "permission" {
            size = size.saturating_add(1);
            continue;
        }
        match cat
            .role(&fix.name)
            .and_then(|(i, _)| crate::rank::Standing::builtin(cat, i))
        {
            Some(st) => {
                risky += usize::from(st.risky());
                size = size.saturating_add(st.size());
            }
            None => size = size.saturating_add(1),
        }
    }
    (risky, size)
}

#[cfg(test)]
mod alone_tests {
    use super::*;

    /// Skipping the Cloud PC permission operations for an Azure role changes no
    /// answer: every seventh Azure built-in role, the broad ones, and custom ones
    /// (one naming Cloud PC permissions as actions), against evaluating every
    /// operation.
    #[test]
    fn an_azure_roles_enables_are_those_of_evaluating_every_operation() {
        let cat = crate::catalog().unwrap();
        let mut roles: Vec<&crate::model::Role> =
            cat.azure_roles().map(|(_, r)| r).step_by(7).collect();
        for name in [
            "Owner",
            "Contributor",
            "User Access Administrator",
            "Reader",
            "Network Contributor",
        ] {
            roles.push(cat.role(name).unwrap().1);
        }
        let mut custom = cat.role("Reader").unwrap().1.clone();
        custom.kind = crate::RoleKind::AzureCustom;
        custom.id = "custom".into();
        roles.push(&custom);
        // An Azure custom role naming Cloud PC permissions as actions.
        let cloudy = crate::import::import(
            r#"{"Name":"Cloudy","IsCustom":true,"Actions":["Microsoft.CloudPC/*","Microsoft.CloudPC/CloudPCs/Reboot","*"],"NotActions":[],"AssignableScopes":["/"]}"#,
        )
        .unwrap()
        .remove(0)
        .role;
        assert_eq!(cloudy.plane(), Plane::Azure);
        roles.push(&cloudy);
        for role in roles {
            // What the skip rests on: alone, an Azure role is denied every Cloud PC
            // permission operation, even one naming them as actions.
            let full = sole_operations(cat, role, None);
            assert!(
                full.iter()
                    .filter(|o| o.kind == OperationKind::Permission)
                    .all(|o| o.status == Status::Denied),
                "{}",
                role.name
            );
            let all = enabled_of(full);
            let quick = alone(cat, role);
            assert_eq!(
                quick.iter().map(|e| (&e.id, e.status)).collect::<Vec<_>>(),
                all.iter().map(|e| (&e.id, e.status)).collect::<Vec<_>>(),
                "{}",
                role.name
            );
        }
    }
}
