//! The tenant review: per principal, the Windows 365 operations they can do, the
//! Azure operations they hold at each scope, and the risk flags they carry; then a
//! tenant summary (principals per risk, unused custom roles, roles assigned that
//! never reach Windows 365).
//!
//! Cost: assignments are interned (role, scope, condition) once; principals with
//! the same set of assignments share one evaluation ([`crate::readiness`] through
//! one [`Environment`]), and the Windows 365 operations are evaluated only on the
//! assignments of roles that meet some requirement on their own
//! ([`crate::readiness::contributes`]), so principals holding only other roles
//! share one answer; risk notes ([`crate::risk::assess`]) and Azure summaries
//! are computed once per role and per set of roles at a scope. 50,000 assignments
//! are measured in `docs/PERFORMANCE.md`.

use super::assignment::Principal;
use super::{Loaded, SourceFile};
use crate::bundle::Catalog;
use crate::condition::Condition;
use crate::evaluate::{Assignment, Environment};
use crate::expand::Expansion;
use crate::model::Plane;
use crate::readiness::{Context, Status};
use crate::risk::{Category, Level, RiskNote};
use crate::roleset::{RoleRef, RoleSet};
use serde::Serialize;
use std::collections::HashMap;

/// The review's JSON schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// Providers listed per scope.
pub const PROVIDERS_SHOWN: usize = 8;

/// Unresolved role references listed.
pub const UNRESOLVED_SHOWN: usize = 100;

/// A role a principal holds, where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Held {
    /// Role name.
    pub role: String,
    /// Role id.
    pub role_id: String,
    /// Its plane.
    pub plane: Plane,
    /// Whether it is a custom role.
    pub custom: bool,
    /// Where (Azure); tenant-wide otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Under a condition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
}

/// Operations counted under one resource provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderCount {
    /// `Microsoft.Compute`, ...
    pub provider: String,
    /// Operations (control and data).
    pub operations: usize,
}

/// What a principal holds at one Azure scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeSummary {
    /// The scope.
    pub scope: String,
    /// The roles assigned there.
    pub roles: Vec<String>,
    /// Control-plane operations granted.
    pub actions: usize,
    /// Data-plane operations granted.
    pub data_actions: usize,
    /// Operations granted only under a condition.
    pub conditional: usize,
    /// The providers with most operations, most first (at most [`PROVIDERS_SHOWN`]).
    pub providers: Vec<ProviderCount>,
}

/// A risk flag a principal carries through one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// Level.
    pub level: Level,
    /// Category.
    pub category: Category,
    /// The rule (`role-assignment-write`, `cloudpc-escalation`, `privileged-role`, ...).
    pub flag: String,
    /// What and why.
    pub message: String,
    /// `documented` or `inferred`.
    pub basis: &'static str,
    /// The role it comes through (none when it takes two roles together).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Where (Azure roles).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Whether it lets the principal give itself more access.
    pub escalation: bool,
}

/// The Windows 365 operations a principal's assignments enable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Windows365 {
    /// Allowed, by operation id (`w365-perms operations` lists their names).
    pub allowed: Vec<String>,
    /// Conditional (a condition, a management group, or sources disagree), by id.
    pub conditional: Vec<String>,
    /// How many are denied.
    pub denied: usize,
    /// Source conflicts these assignments touch (for the report; left out of the
    /// review's JSON, where they would repeat for every principal).
    #[serde(skip)]
    pub conflicts: Vec<crate::report::ConflictLine>,
}

/// One principal's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalReview {
    /// Who.
    pub principal: Principal,
    /// What they hold.
    pub assignments: Vec<Held>,
    /// Windows 365 operations.
    pub windows365: Windows365,
    /// Azure operations per scope.
    pub azure: Vec<ScopeSummary>,
    /// Risk flags, most serious first.
    pub flags: Vec<Flag>,
    /// The most serious level of any flag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Whether any flag lets them escalate.
    pub can_escalate: bool,
}

/// How a role is used in the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleUse {
    /// Name.
    pub role: String,
    /// Id.
    pub id: String,
    /// Plane.
    pub plane: Plane,
    /// Supplied (custom) rather than built in.
    pub custom: bool,
    /// Assignments of it.
    pub assignments: usize,
    /// Principals holding it.
    pub principals: usize,
    /// Windows 365 operations it enables or helps to enable on its own
    /// ([`crate::readiness::contributes`]).
    pub windows365_operations: usize,
}

/// Assignments that could not be used (skipped): a role that does not resolve, or
/// a scope that is missing or does not parse; by role reference (and scope problem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unresolved {
    /// The role reference as exported.
    pub role: String,
    /// Why.
    pub message: String,
    /// Where the first one is.
    pub path: String,
    /// How many assignments.
    pub count: usize,
}

/// Principals at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelCount {
    /// `critical`, `high`, `medium`, `low` or `none`.
    pub level: &'static str,
    /// Principals whose most serious flag is at this level.
    pub principals: usize,
}

/// Principals carrying one flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlagCount {
    /// The flag.
    pub flag: String,
    /// Its category.
    pub category: Category,
    /// Principals carrying it.
    pub principals: usize,
}

/// The tenant summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Principals reviewed.
    pub principals: usize,
    /// Assignments read.
    pub assignments: usize,
    /// Distinct (role, scope, condition) assignments after merging duplicates.
    pub distinct_assignments: usize,
    /// Custom roles supplied.
    pub custom_roles: usize,
    /// Principals per most serious level.
    pub by_level: Vec<LevelCount>,
    /// Principals per flag, most first.
    pub by_flag: Vec<FlagCount>,
    /// Principals that can escalate.
    pub can_escalate: usize,
    /// Principals with at least one Windows 365 operation allowed.
    pub windows365_admins: usize,
    /// Custom roles no assignment uses.
    pub unused_custom_roles: Vec<String>,
    /// Roles assigned that satisfy no part of any Windows 365 operation's requirement.
    pub never_reach_windows365: Vec<String>,
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The files read.
    pub sources: Vec<SourceFile>,
    /// The summary.
    pub summary: Summary,
    /// Per principal, most serious first.
    pub principals: Vec<PrincipalReview>,
    /// Every role assigned or supplied.
    pub roles: Vec<RoleUse>,
    /// Assignments skipped (unknown role, unusable scope), with why.
    pub unresolved: Vec<Unresolved>,
    /// What was accepted and not used, and what the review assumes.
    pub notes: Vec<String>,
}

/// The escalation flags: what lets a principal give itself more.
fn is_escalation(n: &RiskNote) -> bool {
    (n.category == Category::PrivilegeEscalation && n.level <= Level::High)
        || n.flag == "cloudpc-escalation"
}

/// Per role: its risk notes and Windows 365 reach, computed once.
struct RoleFacts {
    notes: Vec<RiskNote>,
    windows365: usize,
}

/// Review a loaded tenant.
pub fn review(catalog: &Catalog, loaded: &Loaded) -> Review {
    let custom: Vec<_> = loaded.roles.iter().map(|r| r.role.clone()).collect();
    let mut env = Environment::new(RoleSet::new(catalog, custom));
    let mut notes = loaded.notes.clone();

    // Intern (role, scope, condition); principals → distinct assignment ids.
    let mut interned: HashMap<(RoleRef, String, String), usize> = HashMap::new();
    let mut uniq: Vec<Assignment> = Vec::new();
    let mut held_by: Vec<Vec<usize>> = Vec::new();
    let mut principals: Vec<Principal> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut unresolved: Vec<Unresolved> = Vec::new();
    let mut unresolved_ix: HashMap<String, usize> = HashMap::new();
    let mut conditions: HashMap<String, Condition> = HashMap::new();
    for e in &loaded.assignments {
        let mut ids = Vec::new();
        let known_bad = e.role.to_ascii_lowercase();
        let mut scopes: &[Option<String>] = &e.scopes;
        if let Some(u) = unresolved_ix
            .get(&known_bad)
            .and_then(|&i| unresolved.get_mut(i))
        {
            // Resolved once already (and failed): no second "did you mean" search.
            u.count += e.scopes.len();
            scopes = &[];
        }
        for scope in scopes {
            let cond_text = e.condition.clone().unwrap_or_default();
            let condition = (!cond_text.trim().is_empty()).then(|| {
                conditions
                    .entry(cond_text.clone())
                    .or_insert_with(|| Condition::parse(&cond_text))
                    .clone()
            });
            env.assignments.clear();
            match env.assign(&e.role, scope.as_deref(), condition) {
                Ok(_) => {
                    let Some(a) = env.assignments.pop() else {
                        continue;
                    };
                    let key = (
                        a.role,
                        a.scope
                            .as_ref()
                            .map(|s| s.as_str().to_ascii_lowercase())
                            .unwrap_or_default(),
                        cond_text.clone(),
                    );
                    let id = *interned.entry(key).or_insert_with(|| {
                        uniq.push(a);
                        uniq.len() - 1
                    });
                    ids.push(id);
                }
                Err(err) => {
                    // A role that does not resolve is searched for once; a scope
                    // problem is its own entry.
                    let key = if err.is_about_scope() {
                        format!("{}\u{0}{err}", e.role.to_ascii_lowercase())
                    } else {
                        e.role.to_ascii_lowercase()
                    };
                    match unresolved_ix.get(&key) {
                        Some(&i) => {
                            if let Some(u) = unresolved.get_mut(i) {
                                u.count += 1;
                            }
                        }
                        None => {
                            unresolved_ix.insert(key, unresolved.len());
                            unresolved.push(Unresolved {
                                role: e.role_name.clone().unwrap_or_else(|| e.role.clone()),
                                message: err.to_string(),
                                path: if err.is_about_scope() {
                                    e.path.clone()
                                } else {
                                    e.role_path.0.clone()
                                },
                                count: 1,
                            });
                        }
                    }
                }
            }
        }
        for p in &e.principals {
            let i = *by_key.entry(p.key()).or_insert_with(|| {
                principals.push(p.clone());
                held_by.push(Vec::new());
                principals.len() - 1
            });
            if let Some(known) = principals.get_mut(i) {
                if known.name.is_none() {
                    known.name.clone_from(&p.name);
                }
                if known.kind == "Unknown" {
                    known.kind.clone_from(&p.kind);
                }
            }
            if let Some(h) = held_by.get_mut(i) {
                h.extend(ids.iter().copied());
            }
        }
    }
    if !unresolved.is_empty() {
        let n: usize = unresolved.iter().map(|u| u.count).sum();
        notes.push(format!(
            "{n} assignment(s) skipped, each kind listed in `unresolved` with why (a role neither built in nor among the role definitions read: add `az role definition list --custom-role-only -o json` or the Graph `roleDefinitions` page; a missing or unreadable scope)"
        ));
        unresolved.sort_by(|a, b| b.count.cmp(&a.count).then(a.role.cmp(&b.role)));
        unresolved.truncate(UNRESOLVED_SHOWN);
    }

    // Facts per role.
    let mut facts: HashMap<RoleRef, RoleFacts> = HashMap::new();
    for a in &uniq {
        facts.entry(a.role).or_insert_with(|| {
            let (notes, windows365) = match (env.roles.get(a.role), env.roles.expansion(a.role)) {
                (Some(role), Some(ex)) => (
                    crate::risk::assess(catalog, role, ex),
                    crate::readiness::contributes(catalog, role).len(),
                ),
                _ => (Vec::new(), 0),
            };
            RoleFacts { notes, windows365 }
        });
    }

    // Evaluate each distinct set of assignments once; Windows 365 operations only
    // on the assignments of roles that meet some requirement on their own.
    let mut by_signature: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut answers: Vec<(Vec<ScopeSummary>, Vec<Flag>)> = Vec::new();
    let mut by_w365: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut w365_answers: Vec<Windows365> = Vec::new();
    let reaches = |i: &usize| {
        uniq.get(*i)
            .and_then(|a| facts.get(&a.role))
            .is_some_and(|f| f.windows365 > 0)
    };
    let mut scope_cache: HashMap<Vec<RoleRef>, ScopeSummary> = HashMap::new();
    let mut reviews = Vec::with_capacity(principals.len());
    let mut role_principals: HashMap<RoleRef, usize> = HashMap::new();
    let mut role_assignments: HashMap<RoleRef, usize> = HashMap::new();
    for a in &uniq {
        *role_assignments.entry(a.role).or_default() += 1;
    }
    for (p, mut ids) in principals.into_iter().zip(held_by) {
        ids.sort_unstable();
        ids.dedup();
        let mut roles_here: Vec<RoleRef> = ids
            .iter()
            .filter_map(|&i| uniq.get(i).map(|a| a.role))
            .collect();
        roles_here.sort_unstable();
        roles_here.dedup();
        for r in roles_here {
            *role_principals.entry(r).or_default() += 1;
        }
        let answer = match by_signature.get(&ids) {
            Some(&i) => i,
            None => {
                let a = answer_for(catalog, &mut env, &uniq, &ids, &facts, &mut scope_cache);
                answers.push(a);
                by_signature.insert(ids.clone(), answers.len() - 1);
                answers.len() - 1
            }
        };
        let w365_ids: Vec<usize> = ids.iter().copied().filter(reaches).collect();
        let w365 = match by_w365.get(&w365_ids) {
            Some(&i) => i,
            None => {
                w365_answers.push(windows365_for(&mut env, &uniq, &w365_ids));
                by_w365.insert(w365_ids, w365_answers.len() - 1);
                w365_answers.len() - 1
            }
        };
        let (Some((azure, flags)), Some(w)) = (answers.get(answer), w365_answers.get(w365)) else {
            continue;
        };
        let assignments = ids
            .iter()
            .filter_map(|&i| {
                let a = uniq.get(i)?;
                let role = env.roles.get(a.role)?;
                Some(Held {
                    role: role.name.clone(),
                    role_id: role.id.clone(),
                    plane: role.plane(),
                    custom: matches!(a.role, RoleRef::Custom(_)),
                    scope: a.scope.as_ref().map(|s| s.as_str().to_string()),
                    conditional: a.condition.is_some(),
                })
            })
            .collect();
        reviews.push(PrincipalReview {
            principal: p,
            assignments,
            windows365: w.clone(),
            azure: azure.clone(),
            level: flags.iter().map(|f| f.level).min(),
            can_escalate: flags.iter().any(|f| f.escalation),
            flags: flags.clone(),
        });
    }
    reviews.sort_by(|a, b| {
        let rank = |r: &PrincipalReview| r.level.map(|l| l as u8).unwrap_or(9);
        rank(a)
            .cmp(&rank(b))
            .then(b.windows365.allowed.len().cmp(&a.windows365.allowed.len()))
            .then_with(|| a.principal.label().cmp(b.principal.label()))
    });

    // Roles.
    let mut roles: Vec<RoleUse> = Vec::new();
    let mut seen: Vec<RoleRef> = role_assignments.keys().copied().collect();
    for i in 0..env.roles.custom().len() {
        if !role_assignments.contains_key(&RoleRef::Custom(i)) {
            seen.push(RoleRef::Custom(i));
        }
    }
    seen.sort_unstable();
    for r in seen {
        let Some(role) = env.roles.get(r) else {
            continue;
        };
        let windows365 = match facts.get(&r) {
            Some(f) => f.windows365,
            None => crate::readiness::contributes(catalog, role).len(),
        };
        roles.push(RoleUse {
            role: role.name.clone(),
            id: role.id.clone(),
            plane: role.plane(),
            custom: matches!(r, RoleRef::Custom(_)),
            assignments: role_assignments.get(&r).copied().unwrap_or(0),
            principals: role_principals.get(&r).copied().unwrap_or(0),
            windows365_operations: windows365,
        });
    }
    roles.sort_by(|a, b| {
        b.principals
            .cmp(&a.principals)
            .then_with(|| a.role.cmp(&b.role))
    });

    notes.push("Windows 365 operations are evaluated on the assignments of roles that meet at least one requirement of an operation on their own (`roles[].windows365Operations` above 0); a requirement met only by two other roles together (the permissions of `Reader` made up of two partial roles) is not credited".into());
    let summary = summarize(loaded, &reviews, &roles, uniq.len());
    Review {
        schema_version: SCHEMA_VERSION,
        sources: loaded.files.clone(),
        summary,
        principals: reviews,
        roles,
        unresolved,
        notes,
    }
}

fn summarize(
    loaded: &Loaded,
    reviews: &[PrincipalReview],
    roles: &[RoleUse],
    distinct: usize,
) -> Summary {
    let levels = [
        (Some(Level::Critical), "critical"),
        (Some(Level::High), "high"),
        (Some(Level::Medium), "medium"),
        (Some(Level::Low), "low"),
        (None, "none"),
    ];
    let by_level = levels
        .iter()
        .map(|(l, name)| LevelCount {
            level: name,
            principals: reviews.iter().filter(|r| r.level == *l).count(),
        })
        .collect();
    let mut flags: HashMap<(String, Category), usize> = HashMap::new();
    for r in reviews {
        let mut mine: Vec<(String, Category)> = r
            .flags
            .iter()
            .map(|f| (f.flag.clone(), f.category))
            .collect();
        mine.sort();
        mine.dedup();
        for k in mine {
            *flags.entry(k).or_default() += 1;
        }
    }
    let mut by_flag: Vec<FlagCount> = flags
        .into_iter()
        .map(|((flag, category), principals)| FlagCount {
            flag,
            category,
            principals,
        })
        .collect();
    by_flag.sort_by(|a, b| {
        b.principals
            .cmp(&a.principals)
            .then_with(|| a.flag.cmp(&b.flag))
    });
    Summary {
        principals: reviews.len(),
        assignments: loaded.assignments.len(),
        distinct_assignments: distinct,
        custom_roles: loaded.roles.len(),
        by_level,
        by_flag,
        can_escalate: reviews.iter().filter(|r| r.can_escalate).count(),
        windows365_admins: reviews
            .iter()
            .filter(|r| !r.windows365.allowed.is_empty())
            .count(),
        unused_custom_roles: roles
            .iter()
            .filter(|r| r.custom && r.assignments == 0)
            .map(|r| r.role.clone())
            .collect(),
        never_reach_windows365: roles
            .iter()
            .filter(|r| r.assignments > 0 && r.windows365_operations == 0)
            .map(|r| r.role.clone())
            .collect(),
    }
}

/// Windows 365 operations, Azure scopes and flags for one set of assignments.
/// The Windows 365 operations one set of assignments enables.
fn windows365_for(env: &mut Environment<'_>, uniq: &[Assignment], ids: &[usize]) -> Windows365 {
    env.assignments = ids.iter().filter_map(|&i| uniq.get(i).cloned()).collect();
    let ctx = Context::infer(env, None, None, None, None);
    let mut w = Windows365::default();
    let results = env.operations(&ctx);
    w.conflicts = crate::report::conflicts(&results);
    for op in results {
        let r = op.id;
        match op.status {
            Status::Allowed => w.allowed.push(r),
            Status::Conditional => w.conditional.push(r),
            Status::Denied => w.denied += 1,
        }
    }
    w
}

/// Azure scopes and flags for one set of assignments.
fn answer_for(
    catalog: &Catalog,
    env: &mut Environment<'_>,
    uniq: &[Assignment],
    ids: &[usize],
    facts: &HashMap<RoleRef, RoleFacts>,
    scope_cache: &mut HashMap<Vec<RoleRef>, ScopeSummary>,
) -> (Vec<ScopeSummary>, Vec<Flag>) {
    env.assignments = ids.iter().filter_map(|&i| uniq.get(i).cloned()).collect();

    // Azure: roles per scope.
    let mut scopes: Vec<(String, Vec<RoleRef>)> = Vec::new();
    for a in &env.assignments {
        let Some(s) = &a.scope else { continue };
        let key = s.as_str().to_string();
        match scopes
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(&key))
        {
            Some((_, rs)) => rs.push(a.role),
            None => scopes.push((key, vec![a.role])),
        }
    }
    scopes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut azure = Vec::new();
    for (scope, mut rs) in scopes {
        rs.sort_unstable();
        rs.dedup();
        let mut s = match scope_cache.get(&rs) {
            Some(s) => s.clone(),
            None => {
                let s = scope_summary(catalog, &env.roles, &rs);
                scope_cache.insert(rs, s.clone());
                s
            }
        };
        s.scope = scope;
        azure.push(s);
    }

    // Flags: per role (with its scopes), then what two roles give together.
    let mut flags: Vec<Flag> = Vec::new();
    for a in &env.assignments {
        let Some(f) = facts.get(&a.role) else {
            continue;
        };
        let name = env
            .roles
            .get(a.role)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        for n in &f.notes {
            let scope = a.scope.as_ref().map(|s| s.as_str().to_string());
            match flags
                .iter_mut()
                .find(|x| x.flag == n.flag && x.role.as_deref() == Some(&name))
            {
                Some(x) => {
                    if let Some(s) = scope {
                        if !x.scopes.contains(&s) {
                            x.scopes.push(s);
                        }
                    }
                }
                None => flags.push(Flag {
                    level: n.level,
                    category: n.category,
                    flag: n.flag.clone(),
                    message: n.message.clone(),
                    basis: n.basis,
                    role: Some(name.clone()),
                    scopes: scope.into_iter().collect(),
                    escalation: is_escalation(n),
                }),
            }
        }
    }
    if !flags.iter().any(|f| f.flag == "cloudpc-escalation") {
        let mut cloud = Expansion::empty(catalog);
        let mut several = 0;
        for a in &env.assignments {
            let plane = env.roles.get(a.role).map(|r| r.plane());
            if matches!(plane, Some(Plane::CloudPc | Plane::Entra)) {
                if let Some(ex) = env.roles.expansion(a.role) {
                    cloud.cloud_pc.union_with(&ex.cloud_pc);
                    several += 1;
                }
            }
        }
        if several > 1 {
            for n in crate::risk::cloud_pc_notes(catalog, &cloud) {
                if n.flag == "cloudpc-escalation" {
                    flags.push(Flag {
                        level: n.level,
                        category: n.category,
                        flag: n.flag.clone(),
                        message: format!("{} (through two or more roles together)", n.message),
                        basis: n.basis,
                        role: None,
                        scopes: Vec::new(),
                        escalation: true,
                    });
                }
            }
        }
    }
    flags.sort_by(|a, b| {
        (a.level, !a.escalation, a.category)
            .cmp(&(b.level, !b.escalation, b.category))
            .then_with(|| a.role.cmp(&b.role))
    });
    (azure, flags)
}

fn scope_summary(catalog: &Catalog, roles: &RoleSet<'_>, rs: &[RoleRef]) -> ScopeSummary {
    let mut ex = Expansion::empty(catalog);
    for r in rs {
        if let Some(e) = roles.expansion(*r) {
            ex.union_with(e);
        }
    }
    let mut providers: Vec<ProviderCount> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for i in ex.granted.iter() {
        let name = catalog.operations.name(i);
        let provider = name.split('/').next().unwrap_or(name);
        match index.get(provider) {
            Some(&k) => {
                if let Some(p) = providers.get_mut(k) {
                    p.operations += 1;
                }
            }
            None => {
                index.insert(provider, providers.len());
                providers.push(ProviderCount {
                    provider: provider.to_string(),
                    operations: 1,
                });
            }
        }
    }
    providers.sort_by(|a, b| {
        b.operations
            .cmp(&a.operations)
            .then_with(|| a.provider.cmp(&b.provider))
    });
    providers.truncate(PROVIDERS_SHOWN);
    let data = ex
        .granted
        .intersection_count(catalog.operations.data_mask());
    ScopeSummary {
        scope: String::new(),
        roles: rs
            .iter()
            .filter_map(|r| roles.get(*r).map(|x| x.name.clone()))
            .collect(),
        actions: ex.granted.count() - data,
        data_actions: data,
        conditional: ex.conditional.count(),
        providers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(files: &[(&str, &str)]) -> Review {
        let cat = crate::catalog().unwrap();
        let loaded = super::super::load(cat, files).unwrap();
        review(cat, &loaded)
    }

    #[test]
    fn principals_are_grouped_and_flagged() {
        let az = r#"[
          {"principalName":"a@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Owner","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","scope":"/subscriptions/s1"},
          {"principalName":"b@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Reader","scope":"/subscriptions/s1"}
        ]"#;
        let graph = r#"{"value":[{"roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","principalIds":["P1"],"directoryScopeIds":["/"]}]}"#;
        let r = run(&[("az.json", az), ("graph.json", graph)]);
        assert_eq!(r.summary.principals, 2);
        let first = &r.principals[0];
        assert_eq!(first.principal.name.as_deref(), Some("a@x.com"));
        assert!(first.can_escalate);
        assert_eq!(first.assignments.len(), 2);
        assert!(r.summary.can_escalate >= 1);
        assert!(r.summary.never_reach_windows365.is_empty() || !r.roles.is_empty());
    }

    #[test]
    fn unknown_roles_are_skipped_and_counted() {
        let az = r#"[{"principalId":"p1","roleDefinitionName":"Contoso Ops","scope":"/subscriptions/s1"}]"#;
        let r = run(&[("az.json", az)]);
        assert_eq!(r.unresolved.len(), 1);
        assert_eq!(r.unresolved[0].path, "$[0].roleDefinitionName");
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("1 assignment(s) skipped")));
    }
}
