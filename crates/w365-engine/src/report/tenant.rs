//! The tenant report a step at a time ([`TenantReporting`]): the report of a
//! 50,000-assignment tenant took 325 ms natively in one piece (about 800 ms in a
//! browser's task). Each step is a custom role linted and weighed, or a
//! principal's operations, flags and source conflicts counted; what is left
//! (sorting, the Azure section of the roles assigned) is done when finished.
//! [`super::tenant`] takes every step at once.

use super::Steps;
use super::{
    azure_section, code, eligible_lines, provenance, ConflictLine, DeniedLine, Findings,
    OperationLine, PrincipalLine, Report, RiskyOperation, TenantSection, ELEVATE_FLAG,
    PRINCIPALS_LISTED, SCHEMA_VERSION,
};
use crate::bundle::Catalog;
use crate::condition::Condition;
use crate::expand::Expansion;
use crate::model::{Plane, Role};
use crate::readiness::Status;
use crate::roleset::{RoleRef, RoleSet};
use crate::tenant::review::Review;
use crate::tenant::{Loaded, Progress};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Lint,
    Roles,
    Principals,
    Done,
}

/// A tenant report being computed: [`TenantReporting::step`] until it says
/// done, then [`TenantReporting::finish`]; pass each the same `loaded` and
/// `review` as the report is of.
pub struct TenantReporting<'c> {
    catalog: &'c Catalog,
    roles: RoleSet<'c>,
    steps: Steps<Stage>,
    findings: Findings<'c>,
    /// The catalog's Windows 365 operations by id.
    operation_at: HashMap<&'c str, usize>,
    /// Per Windows 365 operation: principals allowed, and allowed only
    /// conditionally.
    allowed: Vec<usize>,
    conditional: Vec<usize>,
    /// Per risk flag and role a principal holds it through: whether every
    /// holding is conditional.
    only_conditional: HashMap<String, HashMap<String, bool>>,
    /// The roles some principal holds `elevate-access` through (at `/`).
    elevating: HashSet<String>,
    /// The distinct source conflicts, with the principals meeting each in
    /// `principals`; `conflict_at` finds a line by its hash.
    conflicts: Vec<ConflictLine>,
    conflict_at: HashMap<u64, Vec<usize>>,
}

/// What makes a conflict line distinct (not its count): lines are merged, and
/// ordered, by it.
fn conflict_key(c: &ConflictLine) -> (&str, &str, bool, &[String]) {
    (&c.operation, &c.topic, c.agree, &c.positions)
}

fn conflict_hash(c: &ConflictLine) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    conflict_key(c).hash(&mut h);
    h.finish()
}

/// Add one to the count of each operation of `ids` the catalog holds.
fn count(operation_at: &HashMap<&str, usize>, ids: &[String], counts: &mut [usize]) {
    for o in ids {
        if let Some(n) = operation_at
            .get(o.as_str())
            .and_then(|&k| counts.get_mut(k))
        {
            *n += 1;
        }
    }
}

impl<'c> TenantReporting<'c> {
    /// Begin the report of the tenant `loaded`.
    pub fn new(catalog: &'c Catalog, loaded: &Loaded) -> Self {
        let custom: Vec<Role> = loaded.roles.iter().map(|r| r.role.clone()).collect();
        let operations = &catalog.windows365.operations;
        TenantReporting {
            catalog,
            roles: RoleSet::new(catalog, custom),
            steps: Steps::new(Stage::Lint),
            findings: Findings::new(catalog),
            operation_at: operations
                .iter()
                .enumerate()
                .map(|(i, op)| (op.id.as_str(), i))
                .collect(),
            allowed: vec![0; operations.len()],
            conditional: vec![0; operations.len()],
            only_conditional: HashMap::new(),
            elevating: HashSet::new(),
            conflicts: Vec::new(),
            conflict_at: HashMap::new(),
        }
    }

    /// What is being done: the stage, its units done and in all.
    pub fn progress(&self, loaded: &Loaded, review: &Review) -> Progress {
        let (stage, total) = match self.steps.stage {
            Stage::Lint => ("linting the custom roles", loaded.roles.len()),
            Stage::Roles => (
                "weighing each custom role's risk and nearest built-in role",
                loaded.roles.len(),
            ),
            Stage::Principals | Stage::Done => ("counting per principal", review.principals.len()),
        };
        self.steps.progress(stage, total, Stage::Done)
    }

    /// Do at most `units` units of work (at least one); `true` once everything
    /// is done.
    pub fn step(&mut self, loaded: &Loaded, review: &Review, units: usize) -> bool {
        for _ in 0..units.max(1) {
            let Some((stage, i)) = self.steps.take(Stage::Done) else {
                break;
            };
            let more = match stage {
                Stage::Lint => match loaded.roles.get(i) {
                    Some(r) => {
                        self.findings.lint(r, true);
                        true
                    }
                    None => false,
                },
                Stage::Roles => {
                    let more = i < self.roles.custom().len();
                    if more {
                        self.findings
                            .role(&self.roles, &loaded.roles, RoleRef::Custom(i), true);
                    }
                    more
                }
                Stage::Principals => match review.principals.get(i) {
                    Some(p) => {
                        self.principal(p);
                        true
                    }
                    None => false,
                },
                Stage::Done => false,
            };
            if !more {
                self.steps.begin(match stage {
                    Stage::Lint => Stage::Roles,
                    Stage::Roles => Stage::Principals,
                    Stage::Principals | Stage::Done => Stage::Done,
                });
            }
        }
        self.steps.stage == Stage::Done
    }

    fn principal(&mut self, p: &crate::tenant::review::PrincipalReview) {
        count(&self.operation_at, &p.windows365.allowed, &mut self.allowed);
        count(
            &self.operation_at,
            &p.windows365.conditional,
            &mut self.conditional,
        );
        for f in &p.flags {
            let Some(role) = f.role.as_deref() else {
                continue;
            };
            if f.flag == ELEVATE_FLAG && !self.elevating.contains(role) {
                self.elevating.insert(role.to_string());
            }
            let by_role = match self.only_conditional.get_mut(f.flag.as_str()) {
                Some(m) => m,
                None => self.only_conditional.entry(f.flag.clone()).or_default(),
            };
            match by_role.get_mut(role) {
                Some(all) => *all &= f.conditional,
                None => {
                    by_role.insert(role.to_string(), f.conditional);
                }
            }
        }
        for c in &p.windows365.conflicts {
            let at = self.conflict_at.entry(conflict_hash(c)).or_default();
            match at
                .iter()
                .find(|&&k| {
                    self.conflicts
                        .get(k)
                        .is_some_and(|x| conflict_key(x) == conflict_key(c))
                })
                .and_then(|&k| self.conflicts.get_mut(k))
            {
                Some(line) => line.principals = Some(line.principals.unwrap_or(1) + 1),
                None => {
                    at.push(self.conflicts.len());
                    self.conflicts.push(ConflictLine {
                        principals: Some(1),
                        ..c.clone()
                    });
                }
            }
        }
    }

    /// The report, once [`TenantReporting::step`] said done (what is not done
    /// yet is done here first).
    pub fn finish(mut self, loaded: &Loaded, review: &Review) -> Report {
        while !self.step(loaded, review, usize::MAX) {}
        let catalog = self.catalog;
        let roles = &self.roles;
        let mut operations: Vec<OperationLine> = catalog
            .windows365
            .operations
            .iter()
            .enumerate()
            .map(|(i, op)| {
                let n = self.allowed.get(i).copied().unwrap_or(0);
                let c = self.conditional.get(i).copied().unwrap_or(0);
                OperationLine {
                    id: op.id.clone(),
                    name: op.name.clone(),
                    group: op.group.clone(),
                    kind: op.kind(),
                    status: if n > 0 {
                        Status::Allowed
                    } else if c > 0 {
                        Status::Conditional
                    } else {
                        Status::Denied
                    },
                    principals: Some(n),
                    held_needs_more: false,
                }
            })
            .collect();
        crate::order::sort_by(&mut operations, |a, b| {
            b.status
                .cmp(&a.status)
                .then(b.principals.cmp(&a.principals))
        });
        // Azure: the roles assigned, by provider.
        let mut assigned: Vec<RoleRef> = Vec::new();
        for u in &review.roles {
            if u.assignments > 0 && u.plane == Plane::Azure {
                if let Ok(r) = roles.resolve(&u.id) {
                    assigned.push(r);
                }
            }
        }
        let escalation = review
            .principals
            .iter()
            .filter(|p| p.can_escalate)
            .take(PRINCIPALS_LISTED)
            .map(|p| PrincipalLine {
                principal: p.principal.label().to_string(),
                kind: p.principal.kind.clone(),
                level: p.level.flag_level(),
                flags: p
                    .flags
                    .iter()
                    .filter(|f| f.escalation)
                    .map(|f| match &f.role {
                        Some(r) => format!("{} via {r}", f.flag),
                        None => f.flag.clone(),
                    })
                    .collect(),
            })
            .collect();
        let mut reviewed = vec![format!(
            "{} role assignment(s) {} of {} principal(s); {} custom role definition(s)",
            review.summary.assignments,
            review.summary.distinct_note(),
            review.summary.principals,
            review.summary.custom_roles
        )];
        reviewed.extend(review.sources.iter().map(source_line));
        let mut notes = review.notes.clone();
        let mut azure = azure_section(
            catalog,
            roles,
            &through_assignments(catalog, roles, loaded, &assigned),
            // The review flags elevate-access only for a principal holding it at `/`.
            |role| self.elevating.contains(role),
            &mut notes,
        );
        mark_conditional(&mut azure.risky, &self.only_conditional);
        let mut conflicts = self.conflicts;
        crate::order::sort_by(&mut conflicts, |a, b| conflict_key(a).cmp(&conflict_key(b)));
        Report {
            schema_version: SCHEMA_VERSION,
            kind: "tenant",
            title: "Tenant review".into(),
            reviewed,
            inputs: review.sources.iter().map(|s| s.name.clone()).collect(),
            data: provenance(catalog),
            operations,
            azure,
            lint: self.findings.lint,
            risks: self.findings.risks,
            nearest: self.findings.nearest,
            conflicts,
            tenant: Some(TenantSection {
                summary: review.summary.clone(),
                principals: principal_rows(catalog, review),
                unresolved: review
                    .unresolved
                    .iter()
                    .map(|u| super::UnresolvedLine {
                        role: u.role.clone(),
                        count: u.count,
                        path: u.path.clone(),
                        why: u.message.clone(),
                    })
                    .collect(),
                escalation,
                denied: review
                    .principals
                    .iter()
                    .filter(|p| !p.denies.is_empty())
                    .take(PRINCIPALS_LISTED)
                    .map(|p| DeniedLine {
                        principal: p.principal.label().to_string(),
                        kind: p.principal.kind.clone(),
                        denies: p.denies.iter().map(|d| d.sentence()).collect(),
                    })
                    .collect(),
                eligible: eligible_lines(review),
            }),
            notes,
        }
    }
}

/// Every principal as the report lists it, in the review's order (most serious
/// first), at most [`super::PRINCIPALS_LISTED`].
fn principal_rows(catalog: &Catalog, review: &Review) -> Vec<super::PrincipalRow> {
    // A scope longer than any Azure scope (refused, so unresolved) is clipped:
    // a 20 MB one made a 20 MB report line (a re-check review).
    let place = |scope: &Option<String>| match scope {
        Some(s) => format!(" at {}", crate::text::clip(s, crate::scope::MAX_BYTES)),
        None => " tenant-wide".to_string(),
    };
    let task = |id: &String| {
        catalog
            .windows365
            .operation(id)
            .filter(|op| op.kind() == crate::windows365::OperationKind::Task)
            .map(|op| op.name.clone())
    };
    review
        .principals
        .iter()
        .take(super::PRINCIPALS_LISTED)
        .map(|p| super::PrincipalRow {
            principal: p.principal.label().to_string(),
            id: p.principal.id.clone(),
            kind: p.principal.kind.clone(),
            level: p.level.as_str(),
            roles: p
                .assignments
                .iter()
                .map(|a| {
                    format!(
                        "{}{}{}",
                        a.role,
                        match &a.directory_scope {
                            Some(d) => format!(" at {d} (reviewed as tenant-wide)"),
                            None => place(&a.scope),
                        },
                        if a.conditional {
                            " (under a condition)"
                        } else {
                            ""
                        }
                    )
                })
                .collect(),
            windows365: p
                .windows365
                .allowed
                .iter()
                .filter_map(task)
                .chain(
                    p.windows365
                        .conditional
                        .iter()
                        .filter_map(task)
                        .map(|n| format!("{n} (conditional)")),
                )
                .collect(),
            unresolved: p
                .unresolved
                .iter()
                .map(|u| {
                    format!(
                        "{}{}",
                        u.role_name
                            .as_ref()
                            .map_or_else(|| u.role.clone(), |n| format!("{n} ({})", u.role)),
                        place(&u.scope)
                    )
                })
                .collect(),
        })
        .collect()
}

/// What each assigned role gives through its assignments, as the review reads
/// them: outright when one of them carries no condition, else only as far as
/// their conditions allow (an outside review: the report counted a role assigned
/// only under a condition as held outright, where the review said conditional).
fn through_assignments(
    catalog: &Catalog,
    roles: &RoleSet<'_>,
    loaded: &Loaded,
    assigned: &[RoleRef],
) -> Vec<(RoleRef, Expansion)> {
    let mut resolved: HashMap<String, Option<RoleRef>> = HashMap::new();
    // Per role: `None` once an assignment without a condition is seen.
    let mut conditions: HashMap<RoleRef, Option<Vec<&str>>> = HashMap::new();
    for a in &loaded.assignments {
        let key = a.role.trim().to_ascii_lowercase();
        let r = *resolved
            .entry(key)
            .or_insert_with(|| roles.resolve(&a.role).ok());
        let Some(r) = r else {
            continue;
        };
        let entry = conditions.entry(r).or_insert_with(|| Some(Vec::new()));
        match (entry.as_mut(), a.condition.as_deref()) {
            (Some(list), Some(c)) => list.push(c),
            _ => *entry = None,
        }
    }
    assigned
        .iter()
        .filter_map(|r| {
            let e = roles.expansion(*r)?;
            let held = match conditions.get(r) {
                Some(Some(list)) if !list.is_empty() => {
                    let mut list = list.clone();
                    list.sort_unstable();
                    list.dedup();
                    let mut out = Expansion::empty(catalog);
                    for c in list {
                        out.union_with(&e.under(&Condition::parse(c), &catalog.operations));
                    }
                    out
                }
                _ => e.clone(),
            };
            Some((*r, held))
        })
        .collect()
}

/// A risky operation is conditional when every principal that holds its flag
/// through its role holds it only under an assignment condition (the review's
/// flags say which); its level is then one lower, as the review's is.
fn mark_conditional(
    risky: &mut [RiskyOperation],
    only_conditional: &HashMap<String, HashMap<String, bool>>,
) {
    for x in risky.iter_mut() {
        let all = only_conditional
            .get(x.flag.as_str())
            .and_then(|m| m.get(x.role.as_str()));
        if all == Some(&true) && !x.conditional {
            x.conditional = true;
            x.level = x.level.lower();
        }
    }
}

/// What one export held, in a line of "what was reviewed".
fn source_line(s: &crate::tenant::SourceFile) -> String {
    let shapes: Vec<&str> = s.shapes.iter().map(|x| x.label()).collect();
    let mut line = format!(
        "{}: {} assignment(s){}, {} custom role(s){}",
        code(&s.name),
        s.assignments,
        if shapes.is_empty() {
            String::new()
        } else {
            format!(" ({})", shapes.join(", "))
        },
        s.roles,
        if s.builtin_skipped > 0 {
            format!(", {} built-in definition(s) skipped", s.builtin_skipped)
        } else {
            String::new()
        }
    );
    if s.builtin_read > 0 {
        line.push_str(&format!(
            ", {} built-in definition(s) the bundle does not hold, read as listed",
            s.builtin_read
        ));
    }
    if s.eligible > 0 {
        line.push_str(&format!(
            ", {} PIM eligibilit{} (not assignments: see the eligible roles)",
            s.eligible,
            if s.eligible == 1 { "y" } else { "ies" }
        ));
    }
    if s.directory_roles > 0 {
        line.push_str(&format!(
            ", {} directory role(s) listed without members (not reviewed)",
            s.directory_roles
        ));
    }
    if s.deny_assignments > 0 {
        line.push_str(&format!(
            ", {} deny assignment(s) (applied per principal: see the tenant summary and the notes)",
            s.deny_assignments
        ));
    }
    line
}
