//! The tenant review: per principal, the Windows 365 operations they can do, the
//! Azure operations they hold at each scope, and the risk flags they carry, with
//! the roles they are only eligible for (PIM) listed apart; then a tenant summary
//! (principals per risk, unused custom roles, roles assigned that never reach
//! Windows 365).
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
use super::denies::{self, DenyEffect, DenyUse, Hit, Prepared, ScopeDeny, Whom};
use super::time::{end_instant, instant};
use super::{Loaded, SourceFile};
use crate::bitset::BitSet;
use crate::bundle::Catalog;
use crate::condition::{Condition, Truth};
use crate::deny::Subject;
use crate::evaluate::{Assignment, Environment};
use crate::expand::Expansion;
use crate::model::Plane;
use crate::readiness::{Context, Status};
use crate::risk::{Category, Level, RiskNote};
use crate::roleset::{RoleRef, RoleSet};
use crate::scope::{Coverage, Scope, ScopeKind};
use crate::windows365::Leaf;
use serde::Serialize;
use std::collections::HashMap;

/// The review's JSON schema version: 1, as every output of the CLI. A principal's
/// `level` is `null` when nothing is flagged (as it always was; the summary counts
/// those as `none`), and `unresolved`, a value added since, when an assignment's
/// role could not be resolved.
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
    /// Whether it is a custom role (a built-in role read from an export because
    /// the bundle does not hold it is not).
    pub custom: bool,
    /// Where (Azure); tenant-wide otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Under a condition.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// Held as a classic subscription administrator (the classic roles as
    /// exported, `ServiceAdministrator;AccountAdministrator`), reviewed as the
    /// Owner role it is equivalent to ([`super::Classic`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classic: Option<String>,
    /// A Microsoft Entra assignment's directory scope below the tenant, as
    /// exported (`/administrativeUnits/{id}`): the review treats it as
    /// tenant-wide (a note says so), which may overstate it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directory_scope: Option<String>,
}

/// The classic roles an assignment stands for and its directory scope below the
/// tenant, if any ([`Held::classic`], [`Held::directory_scope`]).
type Annotation = (Option<String>, Option<String>);

/// A role a principal is eligible for through Privileged Identity Management:
/// held only once activated, so it counts for none of the principal's
/// operations, flags or level ([`super::Pim::Eligible`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibleRole {
    /// The role's name, or the reference as exported when it does not resolve.
    pub role: String,
    /// The role's id, when it resolves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Its plane, when it resolves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plane: Option<Plane>,
    /// Where: an Azure scope, or a Graph directory scope below the tenant (an
    /// administrative unit); tenant-wide otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// When the eligibility ends, as exported; `None`: no end given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends: Option<String>,
    /// It ended before the time the review is as of ([`super::Loaded::as_of`]):
    /// the export still lists it, but it can no longer be activated.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ended: bool,
    /// The level of the role's most serious risk note: what the principal would
    /// carry once it activates the role (`None`: nothing flagged, or the role
    /// does not resolve).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_if_activated: Option<Level>,
    /// The role is neither built in nor among the definitions read.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unresolved: bool,
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
    /// The roles assigned at a parent scope, which reach here too (Azure inherits
    /// downwards); the counts below include them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inherited: Vec<InheritedRole>,
    /// Control-plane operations granted.
    pub actions: usize,
    /// Data-plane operations granted.
    pub data_actions: usize,
    /// Control-plane operations granted only under a condition (the role's or the
    /// assignment's, or a deny assignment's that may block them: see `denies`),
    /// not counted in `actions`.
    pub conditional_actions: usize,
    /// Data-plane operations granted only under a condition, not counted in
    /// `dataActions` (kept apart from control-plane ones as everywhere else: an
    /// outside review found one count mixing role-assignment writes and log reads).
    pub conditional_data_actions: usize,
    /// The providers with most operations, most first (at most [`PROVIDERS_SHOWN`]).
    pub providers: Vec<ProviderCount>,
    /// Operations the roles here give that deny assignments surely block for this
    /// principal here: not counted in `actions`, `dataActions` or the conditional counts.
    #[serde(skip_serializing_if = "is_zero")]
    pub denied: usize,
    /// Of `denied`, the data actions (the planes are kept apart as elsewhere).
    #[serde(skip_serializing_if = "is_zero")]
    pub denied_data_actions: usize,
    /// The deny assignments reaching this scope that remove operations here or
    /// make them conditional for this principal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub denies: Vec<ScopeDeny>,
}

/// A role that reaches a scope from an assignment at a parent scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InheritedRole {
    /// The role.
    pub role: String,
    /// Where it is assigned.
    pub from: String,
}

/// What a scope summary is computed from: each role with its assignment's
/// condition (as written), sorted; and the deny assignments reaching the scope
/// that may apply to the principal.
type ScopeKey = (Vec<(RoleRef, Option<String>)>, Vec<Hit>);

/// A role's risk notes once the deny assignments at a scope took their part: each
/// note with, when a deny made it conditional, that deny in words.
type DeniedNotes = Vec<(RiskNote, Option<String>)>;

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
    /// Held only under a condition, which limits the operations the flag rests on
    /// and cannot be decided offline: the assignment's (a delegation condition
    /// naming `roleAssignments/write`) or one written in the role definition's
    /// permission block (built-in Azure File Sync Administrator's), or unless a deny
    /// assignment whose reach cannot be decided offline blocks them (the message
    /// names it): one level lower, and not counted as escalation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
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

/// How serious a principal's access is: the level of its most serious flag, but
/// `unresolved` when an assignment's role could not be resolved (it could be any
/// role) and no flag says critical or high; `unknown` when nothing is flagged but
/// a Cloud PC permission held has a risk no source rates (as `risk` says of the
/// role); `none` when nothing is flagged, nothing is unrated and every assignment
/// was resolved. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalLevel {
    /// A critical flag.
    Critical,
    /// A high flag.
    High,
    /// An assignment whose role is unknown, nothing critical or high known.
    Unresolved,
    /// A medium flag.
    Medium,
    /// A low flag.
    Low,
    /// No flag, but a Cloud PC permission held whose risk no source rates
    /// ([`PrincipalReview::unrated`]).
    Unknown,
    /// No flag, nothing unrated, every assignment resolved.
    None,
}

/// `PrincipalLevel::None` as `null`, the others by name (schema 1).
fn none_as_null<S: serde::Serializer>(level: &PrincipalLevel, s: S) -> Result<S::Ok, S::Error> {
    match level {
        PrincipalLevel::None => s.serialize_none(),
        other => other.serialize(s),
    }
}

impl PrincipalLevel {
    /// Every level, most serious first.
    pub const ALL: [PrincipalLevel; 7] = [
        PrincipalLevel::Critical,
        PrincipalLevel::High,
        PrincipalLevel::Unresolved,
        PrincipalLevel::Medium,
        PrincipalLevel::Low,
        PrincipalLevel::Unknown,
        PrincipalLevel::None,
    ];

    /// From the most serious flag's level, whether an assignment is unresolved
    /// and whether a permission held is unrated.
    pub fn of(flag: Option<Level>, unresolved: bool, unrated: bool) -> PrincipalLevel {
        match flag {
            Some(Level::Critical) => PrincipalLevel::Critical,
            Some(Level::High) => PrincipalLevel::High,
            _ if unresolved => PrincipalLevel::Unresolved,
            Some(Level::Medium) => PrincipalLevel::Medium,
            Some(Level::Low) => PrincipalLevel::Low,
            None if unrated => PrincipalLevel::Unknown,
            None => PrincipalLevel::None,
        }
    }

    /// The JSON name (`critical`, ..., `unresolved`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalLevel::Critical => "critical",
            PrincipalLevel::High => "high",
            PrincipalLevel::Unresolved => "unresolved",
            PrincipalLevel::Medium => "medium",
            PrincipalLevel::Low => "low",
            PrincipalLevel::Unknown => "unknown",
            PrincipalLevel::None => "none",
        }
    }

    /// The flag level it stands for, if it is one.
    pub fn flag_level(self) -> Option<Level> {
        match self {
            PrincipalLevel::Critical => Some(Level::Critical),
            PrincipalLevel::High => Some(Level::High),
            PrincipalLevel::Medium => Some(Level::Medium),
            PrincipalLevel::Low => Some(Level::Low),
            PrincipalLevel::Unresolved | PrincipalLevel::Unknown | PrincipalLevel::None => None,
        }
    }
}

/// An assignment of a principal that could not be used: its role does not
/// resolve (neither built in nor among the definitions read), its scope is
/// missing or does not parse, or its condition is not of the documented form. Why
/// is in [`Review::unresolved`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnresolvedHeld {
    /// The role reference as exported (an id, a resource id or a name).
    pub role: String,
    /// The role's other reference exported beside it (its name), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// Where (Azure); tenant-wide otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// One principal's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalReview {
    /// Who.
    pub principal: Principal,
    /// What they hold.
    pub assignments: Vec<Held>,
    /// Assignments of theirs that could not be used (not in `assignments`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<UnresolvedHeld>,
    /// Roles they are eligible for (PIM) and do not hold until they activate
    /// them: not counted in anything below.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eligible: Vec<EligibleRole>,
    /// Windows 365 operations.
    pub windows365: Windows365,
    /// Azure operations per scope (after the deny assignments that apply).
    pub azure: Vec<ScopeSummary>,
    /// The deny assignments that remove operations from them or make operations
    /// conditional, with how many (at their scope where most).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub denies: Vec<DenyEffect>,
    /// Risk flags, most serious first.
    pub flags: Vec<Flag>,
    /// Cloud PC permissions held whose risk no source rates (`Webhooks/Create`:
    /// `unknown` in `cloudpc-sensitive.json`), by admin-center name: they make no
    /// flag, so they are listed lest the row read as "no risk" ([`crate::risk::unrated`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unrated: Vec<String>,
    /// How serious: the most serious flag's level, `unresolved`, `unknown` (no
    /// flag, a permission unrated), or `null` for none ([`PrincipalLevel`]).
    #[serde(serialize_with = "none_as_null")]
    pub level: PrincipalLevel,
    /// Whether any flag lets them escalate.
    pub can_escalate: bool,
    /// The principal is the Windows 365 service ([`is_windows365_service`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub windows365_service: bool,
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
    /// Principals eligible for it (PIM), who hold it only once they activate it.
    #[serde(skip_serializing_if = "is_zero")]
    pub eligible: usize,
    /// Windows 365 operations it enables or helps to enable on its own
    /// ([`crate::readiness::contributes`]).
    pub windows365_operations: usize,
    /// It meets no requirement on its own, but with a principal's other roles it
    /// holds a whole role a requirement names (two halves of `Reader`): not a
    /// role that never reaches Windows 365.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub windows365_together: bool,
    /// Assigned, and one of its risk notes lets its holders give themselves or
    /// others more rights (the escalation of [`PrincipalReview::can_escalate`],
    /// before any assignment's condition or deny assignment): it can grant a
    /// role that reaches Windows 365 even when it reaches none itself.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub can_escalate: bool,
    /// Of `principals`, the Windows 365 service holding it as a role the service
    /// receives (for an ANC, a custom image or a review).
    #[serde(skip_serializing_if = "is_zero")]
    pub windows365_service: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Assignments that could not be used (skipped): a role that does not resolve, a
/// scope that is missing or does not parse, or a condition that is not of the
/// documented form; by role reference (and scope or condition problem).
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

impl Summary {
    /// "(N distinct)", or "(N distinct evaluated, M skipped)" when some
    /// assignments could not be used: said after the count of assignments read.
    pub fn distinct_note(&self) -> String {
        let distinct = crate::text::thousands(self.distinct_assignments);
        if self.skipped_assignments == 0 {
            format!("({distinct} distinct)")
        } else {
            format!(
                "({distinct} distinct evaluated, {} skipped)",
                crate::text::thousands(self.skipped_assignments)
            )
        }
    }
}

/// Principals at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelCount {
    /// `critical`, `high`, `unresolved`, `medium`, `low` or `none`
    /// ([`PrincipalLevel`]).
    pub level: &'static str,
    /// Principals at this level.
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
    /// Distinct (role, scope, condition) assignments after merging duplicates,
    /// of those evaluated (skipped ones are not among them).
    pub distinct_assignments: usize,
    /// Assignments skipped, each kind listed in `unresolved` with why.
    pub skipped_assignments: usize,
    /// Custom roles supplied.
    pub custom_roles: usize,
    /// Principals per most serious level.
    pub by_level: Vec<LevelCount>,
    /// Principals per flag, most first.
    pub by_flag: Vec<FlagCount>,
    /// Principals that can escalate.
    pub can_escalate: usize,
    /// Principals that are groups: what they hold reaches their members too,
    /// whose own rows show only what is assigned to them (membership is not an
    /// input).
    #[serde(skip_serializing_if = "is_zero")]
    pub groups: usize,
    /// PIM eligibilities read (not assignments: [`PrincipalReview::eligible`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub eligible: usize,
    /// Principals with at least one eligible role.
    #[serde(skip_serializing_if = "is_zero")]
    pub eligible_principals: usize,
    /// Eligible roles (per principal and scope) that ended before the time the
    /// review is as of.
    #[serde(skip_serializing_if = "is_zero")]
    pub eligible_ended: usize,
    /// Principals with at least one Windows 365 operation allowed.
    pub windows365_admins: usize,
    /// Custom roles no assignment uses and no principal is eligible for.
    pub unused_custom_roles: Vec<String>,
    /// Roles assigned that satisfy no part of any Windows 365 operation's
    /// requirement, alone or with a principal's other roles, and cannot grant one that does (no escalation note:
    /// [`RoleUse::can_escalate`]), held by someone other than the Windows 365
    /// service.
    pub never_reach_windows365: Vec<String>,
    /// Roles the Windows 365 service holds that Windows 365 gives it (Reader and
    /// the network roles of an ANC, those of a custom image or a review): for
    /// the service, not for an admin; removing them breaks what they are for.
    pub windows365_service_roles: Vec<String>,
    /// Principals from whom a deny assignment removes operations or makes them
    /// conditional.
    #[serde(skip_serializing_if = "is_zero")]
    pub principals_affected_by_denies: usize,
    /// Each deny assignment read, with the principals it changes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deny_assignments: Vec<DenyUse>,
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
    /// Assignments skipped (unknown role, unusable scope, a condition that is
    /// not of the documented form), with why.
    pub unresolved: Vec<Unresolved>,
    /// What was accepted and not used, and what the review assumes.
    pub notes: Vec<String>,
}

/// Whether a note's operations survive an assignment's condition: true when the
/// condition leaves one of them whole, false when it refuses them all, unknown
/// when it narrows them by request attributes (a delegation condition). A note
/// that lists no operation stands as it is.
fn under_condition(c: &Condition, n: &RiskNote) -> Truth {
    let mut any_unknown = false;
    for o in &n.operations {
        match c.evaluate(&o.name) {
            Truth::True => return Truth::True,
            Truth::Unknown => any_unknown = true,
            Truth::False => {}
        }
    }
    if n.operations.is_empty() {
        Truth::True
    } else if any_unknown {
        Truth::Unknown
    } else {
        Truth::False
    }
}

/// The escalation flags: what lets a principal give itself or others more
/// rights. A privilege-escalation flag the data marks `notEscalation` (removing
/// role assignments: it takes access away) is not one.
fn is_escalation(catalog: &Catalog, n: &RiskNote) -> bool {
    let grants_nothing = || {
        catalog
            .azure_risks
            .flags
            .iter()
            .any(|f| f.id == n.flag && f.not_escalation.is_some())
    };
    // A note on operations the role grants only under its own condition (a
    // condition in the role definition's permission block, as built-in Azure File
    // Sync Administrator's) is conditional, as one under an assignment's condition
    // is, and as `eval` answers: not escalation (review i1 #2).
    n.category == Category::PrivilegeEscalation
        && n.level <= Level::High
        && !n.conditional
        && !grants_nothing()
}

/// The display name taken as the Windows 365 first-party app's service
/// principal (as tenants' exports name it); the sources print only its app id
/// (the bundled health data's `firstPartyApp`), so this name is an assumption,
/// said in the review's notes when it is used.
pub const WINDOWS365_SERVICE_NAME: &str = "Windows 365";

/// Is this principal the Windows 365 service: the first-party app's id (which
/// `az role assignment list` writes as the principal's name) or, for a service
/// principal, its display name [`WINDOWS365_SERVICE_NAME`]?
pub fn is_windows365_service(catalog: &Catalog, p: &Principal) -> bool {
    let app = catalog.health.app.app_id.as_str();
    let named = |s: &Option<String>, what: &str| {
        s.as_deref()
            .is_some_and(|n| n.trim().eq_ignore_ascii_case(what))
    };
    named(&p.name, app)
        || named(&p.id, app)
        || (matches!(p.kind.as_str(), "ServicePrincipal" | "Unknown")
            && named(&p.name, WINDOWS365_SERVICE_NAME))
}

/// Per role: its risk notes and Windows 365 reach, computed once.
struct RoleFacts {
    notes: Vec<RiskNote>,
    windows365: usize,
    /// The Cloud PC permissions it holds whose risk is unrated.
    unrated: Vec<String>,
}

/// Review a loaded tenant in one go (the command line); [`Reviewing`] does the
/// same work in steps, for a page that must keep answering.
pub fn review(catalog: &Catalog, loaded: &Loaded) -> Review {
    Reviewing::new(catalog, loaded).finish(loaded)
}

/// Where a job done in steps stands ([`Reviewing`], and the reports'
/// `report::Designing` and `report::TenantReporting`): `done` of `total` units
/// of its current `stage` (assignments read, roles assessed, principals
/// answered, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// What is being done, in a few words.
    pub stage: &'static str,
    /// Units of this stage done.
    pub done: usize,
    /// Units of this stage in all.
    pub total: usize,
}

impl Progress {
    /// At unit `next` of a stage of `total` units, or past its end once the job
    /// is `finished`.
    pub(crate) fn at(stage: &'static str, next: usize, total: usize, finished: bool) -> Self {
        Progress {
            stage,
            done: if finished { total } else { next.min(total) },
            total,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Intern,
    Facts,
    Principals,
    Done,
}

/// How many ended active PIM assignments the review's note names.
const ENDED_SHOWN: usize = 10;

/// Rows of one kind left out or in doubt: how many, the first [`ENDED_SHOWN`]
/// described, for one note.
#[derive(Debug, Default)]
struct Listed {
    n: usize,
    shown: Vec<String>,
}

impl Listed {
    fn add(&mut self, describe: impl FnOnce() -> String) {
        self.n += 1;
        if self.shown.len() < ENDED_SHOWN {
            self.shown.push(describe());
        }
    }

    /// `N what: the first, ..., and M more`; `None` when there are none.
    fn note(&self, what: &str) -> Option<String> {
        let more = self.n - self.shown.len();
        (self.n > 0).then(|| {
            format!(
                "{} {what}: {}{}",
                self.n,
                self.shown.join(", "),
                if more > 0 {
                    format!(", and {more} more")
                } else {
                    String::new()
                }
            )
        })
    }
}

/// A tenant review done a slice at a time: [`Reviewing::step`] does at most a
/// given number of units (one assignment, one role or one principal each) and
/// says whether it is finished; [`Reviewing::finish`] gives the [`Review`], the
/// same as [`review`]. The loaded tenant is passed to each call rather than
/// held, so the caller keeps it.
pub struct Reviewing<'c> {
    catalog: &'c Catalog,
    /// [`Loaded::as_of`], read ([`instant`]).
    as_of: Option<String>,
    /// Active PIM assignments that ended before `as_of`: how many, and the
    /// first [`ENDED_SHOWN`] described.
    ended_active: Listed,
    /// Active PIM assignments that start after `as_of`, likewise.
    not_started: Listed,
    /// PIM schedule times that cannot be read ([`Reviewing::check_times`]), likewise.
    unreadable_times: Listed,
    /// Exported rows whose role name is not the name of the role their id names
    /// (reviewed by the id): (the name, the id's role, the first row's path, how
    /// many rows), by the pair in lower case.
    misnamed: Vec<(String, String, String, usize)>,
    misnamed_ix: HashMap<(String, String), usize>,
    env: Environment<'c>,
    stage: Stage,
    next: usize,
    /// A principal whose Azure half is done: its assignments, answer, and whom
    /// each deny assignment applies to.
    half: Option<(Vec<usize>, usize, Vec<Whom>)>,
    // Interning (role, scope, condition, annotation); principals → distinct
    // assignment ids.
    interned: HashMap<(RoleRef, String, String, Annotation), usize>,
    uniq: Vec<Assignment>,
    /// Per distinct assignment, the classic roles it stands for and the
    /// directory scope below the tenant it was exported with, if any.
    uniq_annotation: Vec<Annotation>,
    /// Per supplied role, whether it is a built-in read from an export.
    listed_builtin: Vec<bool>,
    /// Per principal, the roles it is eligible for.
    eligible_by: Vec<Vec<EligibleRole>>,
    /// Per role, the principals eligible for it (each counted once: the pairs
    /// seen are in `eligible_pairs`).
    role_eligible: HashMap<RoleRef, usize>,
    eligible_pairs: std::collections::HashSet<(RoleRef, usize)>,
    /// Eligibilities' role references (in lower case) resolved once each: a
    /// reference that does not resolve costs a "did you mean" search.
    eligible_roles: HashMap<String, Option<RoleRef>>,
    held_by: Vec<Vec<usize>>,
    /// Per principal, its assignments that could not be used.
    unresolved_by: Vec<Vec<UnresolvedHeld>>,
    principals: Vec<Principal>,
    by_key: HashMap<String, usize>,
    unresolved: Vec<Unresolved>,
    unresolved_ix: HashMap<String, usize>,
    conditions: HashMap<String, Condition>,
    // Per role, then per distinct set of assignments.
    facts: HashMap<RoleRef, RoleFacts>,
    /// Per (distinct set of assignments, whom each deny applies to).
    by_signature: HashMap<(Vec<usize>, Vec<Whom>), usize>,
    answers: Vec<Answer>,
    by_w365: HashMap<(Vec<usize>, Vec<Whom>), usize>,
    w365_answers: Vec<Windows365>,
    scope_cache: HashMap<ScopeKey, ScopeSummary>,
    /// The deny assignments' denied operations, computed once.
    denies: Prepared,
    /// Per role and deny assignments at a scope: its risk notes after them.
    denied_notes: HashMap<(RoleRef, Vec<Hit>), DeniedNotes>,
    reviews: Vec<PrincipalReview>,
    role_principals: HashMap<RoleRef, usize>,
    /// Per role, Windows 365 service principals holding it as a service role.
    role_service: HashMap<RoleRef, usize>,
    role_assignments: HashMap<RoleRef, usize>,
    /// What the requirements ask of whole roles (an Azure role's operations, a
    /// Cloud PC or Intune role's permissions), which several roles can meet
    /// together ([`Together`]).
    together: Together,
    /// Roles that meet no requirement on their own but were needed, with a
    /// principal's other roles, to meet one.
    together_roles: std::collections::HashSet<RoleRef>,
}

/// The whole-role requirements of the Windows 365 operations (`Reader`'s
/// operations, a Cloud PC role's permissions, ...), each as the set it asks for
/// on its plane. A principal's roles that meet no requirement alone are still
/// evaluated with the others when together they hold one of these sets that the
/// others alone do not (review J1 M1: two halves of `Reader` were not credited).
#[derive(Default)]
struct Together {
    azure: Vec<BitSet>,
    cloud_pc: Vec<BitSet>,
    intune: Vec<BitSet>,
}

impl Together {
    fn new(catalog: &Catalog) -> Together {
        let mut t = Together::default();
        let all = catalog.builtin_expansions();
        let ex = |name: &str| catalog.role(name).and_then(|(i, _)| all.get(i));
        for op in &catalog.windows365.operations {
            for (leaf, _) in op.requirement.leaves() {
                match leaf {
                    Leaf::AzureRole { roles, .. } => t.azure.extend(
                        roles
                            .iter()
                            .filter_map(|r| ex(r))
                            .map(|e| e.granted.clone()),
                    ),
                    Leaf::CloudPcRole(r) => t.cloud_pc.extend(ex(r).map(|e| e.cloud_pc.clone())),
                    Leaf::IntuneRole(r) => t.intune.extend(ex(r).map(|e| e.intune.clone())),
                    _ => {}
                }
            }
        }
        for v in [&mut t.azure, &mut t.cloud_pc, &mut t.intune] {
            v.retain(|b| b.count() > 0);
            crate::order::sort_by_key(v, BitSet::count);
            v.dedup();
        }
        t
    }

    /// Whether `all` (every role of a principal, each plane's union) holds a
    /// whole-role set that `some` (the roles that meet a requirement alone) does
    /// not.
    fn completes(&self, all: &Expansion, some: &Expansion) -> bool {
        let more = |sets: &[BitSet], a: &BitSet, s: &BitSet| {
            sets.iter().any(|t| t.is_subset(a) && !t.is_subset(s))
        };
        more(&self.azure, &all.granted, &some.granted)
            || more(&self.cloud_pc, &all.cloud_pc, &some.cloud_pc)
            || more(&self.intune, &all.intune, &some.intune)
    }
}

impl<'c> Reviewing<'c> {
    /// Start reviewing `loaded` (its custom roles are read now, and what each
    /// deny assignment denies).
    pub fn new(catalog: &'c Catalog, loaded: &Loaded) -> Self {
        let custom: Vec<_> = loaded.roles.iter().map(|r| r.role.clone()).collect();
        let mut env = Environment::new(RoleSet::new(catalog, custom));
        env.denies.clone_from(&loaded.denies);
        Reviewing {
            catalog,
            as_of: loaded.as_of.as_deref().and_then(instant),
            ended_active: Listed::default(),
            not_started: Listed::default(),
            unreadable_times: Listed::default(),
            misnamed: Vec::new(),
            misnamed_ix: HashMap::new(),
            denies: Prepared::new(catalog, &loaded.denies),
            denied_notes: HashMap::new(),
            env,
            stage: Stage::Intern,
            next: 0,
            half: None,
            interned: HashMap::new(),
            uniq: Vec::new(),
            uniq_annotation: Vec::new(),
            listed_builtin: loaded.roles.iter().map(|r| r.declares_builtin).collect(),
            eligible_by: Vec::new(),
            role_eligible: HashMap::new(),
            eligible_pairs: std::collections::HashSet::new(),
            eligible_roles: HashMap::new(),
            held_by: Vec::new(),
            unresolved_by: Vec::new(),
            principals: Vec::new(),
            by_key: HashMap::new(),
            unresolved: Vec::new(),
            unresolved_ix: HashMap::new(),
            conditions: HashMap::new(),
            facts: HashMap::new(),
            by_signature: HashMap::new(),
            answers: Vec::new(),
            by_w365: HashMap::new(),
            w365_answers: Vec::new(),
            scope_cache: HashMap::new(),
            reviews: Vec::new(),
            role_principals: HashMap::new(),
            role_service: HashMap::new(),
            role_assignments: HashMap::new(),
            together: Together::new(catalog),
            together_roles: std::collections::HashSet::new(),
        }
    }

    /// Where the job stands.
    pub fn progress(&self, loaded: &Loaded) -> Progress {
        let (stage, total) = match self.stage {
            Stage::Intern => (
                "reading assignments",
                loaded.assignments.len() + loaded.eligible.len(),
            ),
            Stage::Facts => ("assessing roles", self.uniq.len()),
            Stage::Principals | Stage::Done => ("answering per principal", self.principals.len()),
        };
        Progress::at(stage, self.next, total, self.stage == Stage::Done)
    }

    /// Do at most `units` units of work; `true` once everything is done. Pass
    /// the same `loaded` as to [`Reviewing::new`].
    pub fn step(&mut self, loaded: &Loaded, units: usize) -> bool {
        let mut left = units.max(1);
        while left > 0 {
            match self.stage {
                Stage::Intern => {
                    let eligible = self
                        .next
                        .checked_sub(loaded.assignments.len())
                        .and_then(|i| loaded.eligible.get(i));
                    match (loaded.assignments.get(self.next), eligible) {
                        (Some(e), _) => self.intern(e),
                        (None, Some(e)) => self.intern_eligible(e),
                        (None, None) => {
                            self.stage = Stage::Facts;
                            self.next = 0;
                            left = left.saturating_sub(1);
                            continue;
                        }
                    }
                    self.next += 1;
                }
                Stage::Facts => match self.uniq.get(self.next) {
                    Some(a) => {
                        let role = a.role;
                        self.assess(role);
                        self.next += 1;
                    }
                    None => {
                        for a in &self.uniq {
                            *self.role_assignments.entry(a.role).or_default() += 1;
                        }
                        self.reviews.reserve(self.principals.len());
                        self.stage = Stage::Principals;
                        self.next = 0;
                    }
                },
                Stage::Principals => {
                    // Two units per principal: the Azure half, then Windows 365.
                    if self.next < self.principals.len() {
                        match self.half.take() {
                            None => {
                                self.half = self.azure_half(self.next);
                                if self.half.is_none() {
                                    self.next += 1;
                                }
                            }
                            Some((ids, answer, whom)) => {
                                self.windows365_half(self.next, ids, answer, whom);
                                self.next += 1;
                            }
                        }
                    } else {
                        self.stage = Stage::Done;
                    }
                }
                Stage::Done => return true,
            }
            left = left.saturating_sub(1);
        }
        self.stage == Stage::Done
    }

    /// Count a PIM schedule's start or end that cannot be read as a time
    /// ([`instant`]; an end also as a duration after the start, [`end_instant`]):
    /// whether it has started or ended is not known, and that is said.
    fn check_times(&mut self, e: &super::Exported) {
        for (what, t) in [("start", &e.starts), ("end", &e.ends)] {
            let Some(t) = t.as_deref() else {
                continue;
            };
            if instant(t).is_some() || (what == "end" && end_instant(t).is_some()) {
                continue;
            }
            self.unreadable_times.add(|| {
                format!(
                    "{} `{}` ({what} `{}` at `{}`)",
                    super::who(e),
                    super::role_label(self.catalog, e),
                    crate::text::shown_name(t),
                    e.path
                )
            });
        }
    }

    /// Intern one exported assignment and credit it to its principals. An
    /// active PIM assignment that ended before the review's date is held by no
    /// one: it is listed in a note instead.
    fn intern(&mut self, e: &super::Exported) {
        if e.pim == super::assignment::Pim::Active {
            self.check_times(e);
            // Not started yet: held by no one on the review's date (an outside
            // review: a schedule starting in 2027 was reviewed as held now).
            let start = e.starts.as_deref().and_then(instant);
            if let (Some(now), Some(start)) = (self.as_of.as_deref(), start) {
                if start.as_str() > now {
                    self.not_started.add(|| {
                        format!(
                            "{} `{}` (starts `{}`)",
                            super::who(e),
                            super::role_label(self.catalog, e),
                            e.starts.as_deref().unwrap_or_default()
                        )
                    });
                    return;
                }
            }
            let end = e.ends.as_deref().and_then(end_instant);
            if let (Some(now), Some(end)) = (self.as_of.as_deref(), end) {
                if end.as_str() < now {
                    self.ended_active.add(|| {
                        format!(
                            "{} `{}` (ended `{}`)",
                            super::who(e),
                            super::role_label(self.catalog, e),
                            e.ends.as_deref().unwrap_or_default()
                        )
                    });
                    return;
                }
            }
        }
        let mut ids = Vec::new();
        let mut bad: Vec<UnresolvedHeld> = Vec::new();
        let held = |scope: &Option<String>| UnresolvedHeld {
            role: e.role.clone(),
            role_name: e.role_name.clone().filter(|n| !n.trim().is_empty()),
            scope: scope.clone(),
        };
        let known_bad = e.role.to_ascii_lowercase();
        let mut scopes: &[Option<String>] = &e.scopes;
        if let Some(u) = self
            .unresolved_ix
            .get(&known_bad)
            .and_then(|&i| self.unresolved.get_mut(i))
        {
            // Resolved once already (and failed): no second "did you mean" search.
            u.count += e.scopes.len();
            bad.extend(e.scopes.iter().map(held));
            scopes = &[];
        }
        let cond_text = e.condition.clone().unwrap_or_default();
        let condition = (!cond_text.trim().is_empty()).then(|| {
            self.conditions
                .entry(cond_text.clone())
                .or_insert_with(|| Condition::parse(&cond_text))
                .clone()
        });
        // A condition that is not of the documented form: Azure refuses such an
        // assignment, so the export was changed by hand or is not Azure's. It is a
        // problem of this row, as an unknown role is (review F1 L1): the row is
        // left out and named, the rest of the tenant reviewed.
        if let (false, Some(err)) = (
            scopes.is_empty(),
            condition.as_ref().and_then(Condition::error),
        ) {
            let key = format!("\u{0}condition\u{0}{cond_text}");
            match self
                .unresolved_ix
                .get(&key)
                .and_then(|&i| self.unresolved.get_mut(i))
            {
                Some(u) => u.count += scopes.len(),
                None => {
                    self.unresolved_ix.insert(key, self.unresolved.len());
                    self.unresolved.push(Unresolved {
                        role: e.role_name.clone().unwrap_or_else(|| e.role.clone()),
                        message: format!(
                            "the condition is not well formed: {err}; Azure refuses a condition it cannot parse when the assignment is created, so this assignment is left out of the review"
                        ),
                        path: e
                            .condition_at
                            .as_ref()
                            .map_or_else(|| e.path.clone(), |(p, _)| p.clone()),
                        count: scopes.len(),
                    });
                }
            }
            bad.extend(scopes.iter().map(held));
            scopes = &[];
        }
        for scope in scopes {
            self.env.assignments.clear();
            match self
                .env
                .assign(&e.role, scope.as_deref(), condition.clone())
            {
                Ok(_) => {
                    let Some(a) = self.env.assignments.pop() else {
                        continue;
                    };
                    self.note_misnamed(e, a.role);
                    let annotation = (
                        e.classic.as_ref().map(|c| c.roles.clone()),
                        // A directory scope the tenant-wide review cannot hold
                        // (an administrative unit), kept for the row (an outside
                        // review: it read as a tenant-wide holder's).
                        scope
                            .as_ref()
                            .filter(|_| a.scope.is_none())
                            .filter(|s| s.starts_with('/'))
                            .cloned(),
                    );
                    let key = (
                        a.role,
                        a.scope.as_ref().map(|s| s.key()).unwrap_or_default(),
                        cond_text.clone(),
                        annotation.clone(),
                    );
                    let (uniq, uniq_annotation) = (&mut self.uniq, &mut self.uniq_annotation);
                    let id = *self.interned.entry(key).or_insert_with(|| {
                        uniq.push(a);
                        uniq_annotation.push(annotation);
                        uniq.len() - 1
                    });
                    ids.push(id);
                }
                Err(err) => {
                    bad.push(held(scope));
                    // A role that does not resolve is searched for once; a scope
                    // problem is its own entry.
                    let key = if err.is_about_scope() {
                        format!("{}\u{0}{err}", e.role.to_ascii_lowercase())
                    } else {
                        e.role.to_ascii_lowercase()
                    };
                    match self.unresolved_ix.get(&key) {
                        Some(&i) => {
                            if let Some(u) = self.unresolved.get_mut(i) {
                                u.count += 1;
                            }
                        }
                        None => {
                            self.unresolved_ix.insert(key, self.unresolved.len());
                            self.unresolved.push(Unresolved {
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
            let i = self.principal_index(p);
            if let Some(h) = self.held_by.get_mut(i) {
                h.extend(ids.iter().copied());
            }
            if let Some(u) = self.unresolved_by.get_mut(i) {
                u.extend(bad.iter().cloned());
            }
        }
    }

    /// An Azure export's row naming one role by id and another by name (edited by
    /// hand, merged from two tenants): reviewed by the id, as Azure assigns by it,
    /// and counted for a note (CLI review of 2026-12-06: it was silent).
    fn note_misnamed(&mut self, e: &super::Exported, role: RoleRef) {
        use super::assignment::Source;
        let azure_shape = matches!(
            e.source,
            Source::AzCli | Source::AzPowerShell | Source::ArmRest
        );
        let (Some(named), None, true) = (e.role_name.as_deref(), &e.classic, azure_shape) else {
            return;
        };
        let Some(held) = self.env.roles.get(role) else {
            return;
        };
        if named.trim().is_empty() || held.is_named(named.trim()) {
            return;
        }
        let key = (
            named.trim().to_ascii_lowercase(),
            held.id.to_ascii_lowercase(),
        );
        match self
            .misnamed_ix
            .get(&key)
            .and_then(|&i| self.misnamed.get_mut(i))
        {
            Some(m) => m.3 += 1,
            None => {
                self.misnamed_ix.insert(key, self.misnamed.len());
                self.misnamed.push((
                    named.trim().to_string(),
                    held.name.clone(),
                    e.role_path.0.clone(),
                    1,
                ));
            }
        }
    }

    /// The index of a principal, added when new; what a later export says of it
    /// (its name, its type) fills what an earlier one left out.
    fn principal_index(&mut self, p: &Principal) -> usize {
        let principals = &mut self.principals;
        let held_by = &mut self.held_by;
        let unresolved_by = &mut self.unresolved_by;
        let eligible_by = &mut self.eligible_by;
        let i = *self.by_key.entry(p.key()).or_insert_with(|| {
            principals.push(p.clone());
            held_by.push(Vec::new());
            unresolved_by.push(Vec::new());
            eligible_by.push(Vec::new());
            principals.len() - 1
        });
        if let Some(known) = self.principals.get_mut(i) {
            if known.name.is_none() {
                known.name.clone_from(&p.name);
            }
            if known.kind == "Unknown" {
                known.kind.clone_from(&p.kind);
            }
        }
        i
    }

    /// Credit one PIM eligibility to its principals, as eligible only: it
    /// grants nothing until activated (review H3 H1).
    fn intern_eligible(&mut self, e: &super::Exported) {
        let roles = &self.env.roles;
        let resolved = *self
            .eligible_roles
            .entry(e.role.trim().to_ascii_lowercase())
            .or_insert_with(|| roles.resolve(&e.role).ok());
        let role = resolved.and_then(|r| {
            self.env
                .roles
                .get(r)
                .map(|x| (r, x.name.clone(), x.id.clone(), x.plane()))
        });
        if let Some((r, ..)) = &role {
            self.assess(*r);
        }
        self.check_times(e);
        let ended = match (
            self.as_of.as_deref(),
            e.ends.as_deref().and_then(end_instant),
        ) {
            (Some(now), Some(end)) => end.as_str() < now,
            _ => false,
        };
        let mut entries = Vec::new();
        for scope in &e.scopes {
            let entry = match &role {
                Some((r, name, id, plane)) => {
                    // `elevateAccess/action` acts at the root scope only, as for
                    // the flags of what is held.
                    let at_root = scope.as_deref().is_some_and(|s| s.trim() == "/");
                    let level = self.facts.get(r).and_then(|f| {
                        f.notes
                            .iter()
                            .filter(|n| {
                                n.flag != "elevate-access" || *plane != Plane::Azure || at_root
                            })
                            .map(|n| n.level)
                            .min()
                    });
                    EligibleRole {
                        role: name.clone(),
                        role_id: Some(id.clone()),
                        plane: Some(*plane),
                        scope: scope.clone(),
                        ends: e.ends.clone(),
                        ended,
                        level_if_activated: level,
                        unresolved: false,
                    }
                }
                None => EligibleRole {
                    role: e.role_name.clone().unwrap_or_else(|| e.role.clone()),
                    role_id: None,
                    plane: None,
                    scope: scope.clone(),
                    ends: e.ends.clone(),
                    ended,
                    level_if_activated: None,
                    unresolved: true,
                },
            };
            entries.push(entry);
        }
        for p in &e.principals {
            let i = self.principal_index(p);
            if let Some(list) = self.eligible_by.get_mut(i) {
                list.extend(entries.iter().cloned());
            }
            if let Some((r, ..)) = &role {
                if self.eligible_pairs.insert((*r, i)) {
                    *self.role_eligible.entry(*r).or_default() += 1;
                }
            }
        }
    }

    /// Risk notes and Windows 365 reach of one role, once.
    fn assess(&mut self, role: RoleRef) {
        if self.facts.contains_key(&role) {
            return;
        }
        let (notes, windows365, unrated) =
            match (self.env.roles.get(role), self.env.roles.expansion(role)) {
                (Some(r), Some(ex)) => (
                    crate::risk::assess(self.catalog, r, ex),
                    crate::readiness::contributes(self.catalog, r).len(),
                    crate::risk::unrated(self.catalog, ex)
                        .into_iter()
                        .map(|u| u.permission)
                        .collect(),
                ),
                _ => (Vec::new(), 0, Vec::new()),
            };
        self.facts.insert(
            role,
            RoleFacts {
                notes,
                windows365,
                unrated,
            },
        );
    }

    /// The first half of principal `index`'s answer: the Azure scopes and the
    /// flags. Each distinct set of assignments is evaluated once; Windows 365
    /// operations only on the assignments of roles that meet some requirement on
    /// their own.
    fn azure_half(&mut self, index: usize) -> Option<(Vec<usize>, usize, Vec<Whom>)> {
        let mut ids = self.held_by.get_mut(index).map(std::mem::take)?;
        ids.sort_unstable();
        ids.dedup();
        let mut roles_here: Vec<RoleRef> = ids
            .iter()
            .filter_map(|&i| self.uniq.get(i).map(|a| a.role))
            .collect();
        roles_here.sort_unstable();
        roles_here.dedup();
        let service = self
            .principals
            .get(index)
            .is_some_and(|p| is_windows365_service(self.catalog, p));
        for r in roles_here {
            *self.role_principals.entry(r).or_default() += 1;
            if service
                && self
                    .env
                    .roles
                    .get(r)
                    .is_some_and(|role| self.catalog.windows365.service.gives(&role.name))
            {
                *self.role_service.entry(r).or_default() += 1;
            }
        }
        let whom = match self.principals.get(index) {
            Some(p) if !self.denies.is_empty() => self.denies.whom(
                &self.env.denies,
                &subject(p),
                crate::model::is_group_kind(&p.kind),
            ),
            _ => Vec::new(),
        };
        let key = (ids, whom);
        let answer = match self.by_signature.get(&key) {
            Some(&i) => i,
            None => {
                let a = answer_for(
                    self.catalog,
                    &mut self.env,
                    &self.uniq,
                    &key,
                    &self.facts,
                    &mut Caches {
                        scopes: &mut self.scope_cache,
                        denies: &self.denies,
                        notes: &mut self.denied_notes,
                    },
                );
                self.answers.push(a);
                self.by_signature
                    .insert(key.clone(), self.answers.len() - 1);
                self.answers.len() - 1
            }
        };
        let (ids, whom) = key;
        Some((ids, answer, whom))
    }

    /// The second half of principal `index`'s answer: Windows 365 operations,
    /// then the row.
    fn windows365_half(&mut self, index: usize, ids: Vec<usize>, answer: usize, whom: Vec<Whom>) {
        let Some(p) = self.principals.get(index).cloned() else {
            return;
        };
        let (uniq, facts) = (&self.uniq, &self.facts);
        let alone = |i: &usize| {
            uniq.get(*i)
                .and_then(|a| facts.get(&a.role))
                .is_some_and(|f| f.windows365 > 0)
        };
        let mut w365_ids: Vec<usize> = ids.iter().copied().filter(alone).collect();
        // The others count too when, with these, they hold a whole role a
        // requirement names that these alone do not.
        let others: Vec<usize> = ids.iter().copied().filter(|i| !alone(i)).collect();
        if !others.is_empty() {
            let mut all = Expansion::empty(self.catalog);
            let mut some = Expansion::empty(self.catalog);
            for &i in &ids {
                let Some(e) = uniq.get(i).and_then(|a| self.env.roles.expansion(a.role)) else {
                    continue;
                };
                for x in [&mut all].into_iter().chain(alone(&i).then_some(&mut some)) {
                    x.granted.union_with(&e.granted);
                    x.granted.union_with(&e.conditional);
                    x.cloud_pc.union_with(&e.cloud_pc);
                    x.intune.union_with(&e.intune);
                }
            }
            if self.together.completes(&all, &some) {
                for &i in &others {
                    if let Some(a) = uniq.get(i) {
                        self.together_roles.insert(a.role);
                    }
                }
                w365_ids = ids.clone();
            }
        }
        // Deny assignments bear on Azure assignments only: principals alike
        // in those share one answer whomever the denies apply to.
        let azure = w365_ids
            .iter()
            .any(|&i| uniq.get(i).is_some_and(|a| a.scope.is_some()));
        let key = (w365_ids, if azure { whom } else { Vec::new() });
        let w365 = match self.by_w365.get(&key) {
            Some(&i) => i,
            None => {
                if !key.1.is_empty() {
                    // Evaluation applies the deny assignments to who asks.
                    self.env.subject = subject(&p);
                }
                self.w365_answers
                    .push(windows365_for(&mut self.env, &self.uniq, &key.0));
                self.env.subject = Subject::Unnamed;
                self.by_w365.insert(key, self.w365_answers.len() - 1);
                self.w365_answers.len() - 1
            }
        };
        let (Some((azure, flags, deny_effects)), Some(w)) =
            (self.answers.get(answer), self.w365_answers.get(w365))
        else {
            return;
        };
        let env = &self.env;
        let assignments = ids
            .iter()
            .filter_map(|&i| {
                let a = self.uniq.get(i)?;
                let role = env.roles.get(a.role)?;
                Some(Held {
                    role: role.name.clone(),
                    role_id: role.id.clone(),
                    plane: role.plane(),
                    custom: self.is_custom(a.role),
                    scope: a.scope.as_ref().map(|s| s.as_str().to_string()),
                    conditional: a.condition.is_some(),
                    classic: self.uniq_annotation.get(i).and_then(|c| c.0.clone()),
                    directory_scope: self.uniq_annotation.get(i).and_then(|c| c.1.clone()),
                })
            })
            .collect();
        let mut unresolved = self
            .unresolved_by
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default();
        unresolved.sort_unstable();
        unresolved.dedup();
        let mut eligible = self
            .eligible_by
            .get_mut(index)
            .map(std::mem::take)
            .unwrap_or_default();
        eligible.sort_unstable();
        eligible.dedup();
        let windows365_service = is_windows365_service(self.catalog, &p);
        let mut unrated: Vec<String> = ids
            .iter()
            .filter_map(|&i| self.uniq.get(i).and_then(|a| self.facts.get(&a.role)))
            .flat_map(|f| f.unrated.iter().cloned())
            .collect();
        unrated.sort_unstable();
        unrated.dedup();
        self.reviews.push(PrincipalReview {
            principal: p,
            assignments,
            windows365: w.clone(),
            azure: azure.clone(),
            denies: deny_effects.clone(),
            level: PrincipalLevel::of(
                flags.iter().map(|f| f.level).min(),
                !unresolved.is_empty(),
                !unrated.is_empty(),
            ),
            unrated,
            unresolved,
            eligible,
            can_escalate: flags.iter().any(|f| f.escalation),
            flags: flags.clone(),
            windows365_service,
        });
    }

    /// A supplied role the review calls custom: not a built-in role read from an
    /// export because the bundle does not hold it (review H3 L6).
    fn is_custom(&self, r: RoleRef) -> bool {
        match r {
            RoleRef::Custom(i) => !self.listed_builtin.get(i).copied().unwrap_or(false),
            RoleRef::Builtin(_) => false,
        }
    }

    /// Drop up to `units` entries of what the review kept for reuse (answers per
    /// set of assignments, summaries per set of roles); `true` once nothing is
    /// left. Freeing a large tenant's caches all at once takes a while, so a page
    /// sheds them a slice at a time after [`Reviewing::finish`]; dropping the job
    /// does the rest at once.
    pub fn shed(&mut self, units: usize) -> bool {
        fn pop_some<T>(v: &mut Vec<T>, n: &mut usize) {
            while *n > 0 && v.pop().is_some() {
                *n -= 1;
            }
        }
        fn retain_some<K, V>(m: &mut HashMap<K, V>, n: &mut usize) {
            if *n >= m.len() {
                *n -= m.len();
                *m = HashMap::new();
                return;
            }
            m.retain(|_, _| {
                if *n > 0 {
                    *n -= 1;
                    false
                } else {
                    true
                }
            });
        }
        let mut n = units.max(1);
        pop_some(&mut self.answers, &mut n);
        pop_some(&mut self.w365_answers, &mut n);
        retain_some(&mut self.scope_cache, &mut n);
        retain_some(&mut self.denied_notes, &mut n);
        retain_some(&mut self.by_signature, &mut n);
        retain_some(&mut self.by_w365, &mut n);
        pop_some(&mut self.held_by, &mut n);
        pop_some(&mut self.unresolved_by, &mut n);
        pop_some(&mut self.eligible_by, &mut n);
        pop_some(&mut self.principals, &mut n);
        pop_some(&mut self.uniq, &mut n);
        pop_some(&mut self.uniq_annotation, &mut n);
        retain_some(&mut self.interned, &mut n);
        retain_some(&mut self.by_key, &mut n);
        retain_some(&mut self.eligible_roles, &mut n);
        if n >= self.eligible_pairs.len() {
            n -= self.eligible_pairs.len();
            self.eligible_pairs = std::collections::HashSet::new();
        } else {
            self.eligible_pairs.retain(|_| {
                if n > 0 {
                    n -= 1;
                    false
                } else {
                    true
                }
            });
        }
        n > 0
    }

    /// The review; finishes any work not yet done. What was kept for reuse stays
    /// in the job: see [`Reviewing::shed`].
    pub fn finish(&mut self, loaded: &Loaded) -> Review {
        while !self.step(loaded, usize::MAX) {}
        let catalog = self.catalog;
        let mut notes = loaded.notes.clone();
        let as_of = loaded.as_of.as_deref().unwrap_or_default();
        for (listed, what) in [
            (&self.ended_active, format!("active PIM assignment(s) ended before the review's date (`{as_of}`) and are not counted as held")),
            (&self.not_started, format!("active PIM assignment(s) start after the review's date (`{as_of}`) and are not counted as held")),
            (&self.unreadable_times, "PIM schedule time(s) are no date and time in UTC (a time like `2026-12-04T23:00:00Z`), so whether the schedule had started or ended on the review's date is not known: an active assignment is counted as held and an eligibility as not ended".to_string()),
        ] {
            notes.extend(listed.note(&what));
        }
        for (named, held, path, count) in &self.misnamed {
            notes.push(format!(
                "{} assignment(s) name the role `{named}` but carry the id of `{held}` (the first at `{path}`): reviewed as `{held}`, the role the id names, which is the one Azure assigns; check the export (edited by hand, or merged from two tenants?)",
                crate::text::thousands(*count)
            ));
        }
        notes.extend(outside_assignable(&self.env, &self.uniq));
        let mut unresolved = std::mem::take(&mut self.unresolved);
        let skipped: usize = unresolved.iter().map(|u| u.count).sum();
        if !unresolved.is_empty() {
            let n = skipped;
            notes.push(format!(
                "{n} assignment(s) skipped, each kind listed in `unresolved` with why (a role neither built in nor among the role definitions read: add `az role definition list --custom-role-only -o json` or the Graph `roleDefinitions` page; a missing or unreadable scope)"
            ));
            crate::order::sort_by(&mut unresolved, |a, b| {
                b.count.cmp(&a.count).then(a.role.cmp(&b.role))
            });
            unresolved.truncate(UNRESOLVED_SHOWN);
        }
        let mut reviews = std::mem::take(&mut self.reviews);
        crate::order::sort_by(&mut reviews, |a, b| {
            a.level
                .cmp(&b.level)
                .then(b.windows365.allowed.len().cmp(&a.windows365.allowed.len()))
                .then_with(|| a.principal.label().cmp(b.principal.label()))
        });

        // Roles.
        let env = &self.env;
        let role_assignments = &self.role_assignments;
        let mut roles: Vec<RoleUse> = Vec::new();
        let mut seen: Vec<RoleRef> = role_assignments.keys().copied().collect();
        for r in self.role_eligible.keys() {
            if !role_assignments.contains_key(r) {
                seen.push(*r);
            }
        }
        for i in 0..env.roles.custom().len() {
            let r = RoleRef::Custom(i);
            if !role_assignments.contains_key(&r) && !self.role_eligible.contains_key(&r) {
                seen.push(r);
            }
        }
        seen.sort_unstable();
        for r in seen {
            let Some(role) = env.roles.get(r) else {
                continue;
            };
            let (windows365, can_escalate) = match self.facts.get(&r) {
                Some(f) => (
                    f.windows365,
                    f.notes.iter().any(|n| is_escalation(catalog, n)),
                ),
                // A role no assignment uses was not assessed: it grants nobody
                // anything.
                None => (crate::readiness::contributes(catalog, role).len(), false),
            };
            roles.push(RoleUse {
                role: role.name.clone(),
                id: role.id.clone(),
                plane: role.plane(),
                custom: self.is_custom(r),
                assignments: role_assignments.get(&r).copied().unwrap_or(0),
                principals: self.role_principals.get(&r).copied().unwrap_or(0),
                eligible: self.role_eligible.get(&r).copied().unwrap_or(0),
                windows365_operations: windows365,
                windows365_together: self.together_roles.contains(&r),
                can_escalate,
                windows365_service: self.role_service.get(&r).copied().unwrap_or(0),
            });
        }
        crate::order::sort_by(&mut roles, |a, b| {
            b.principals
                .cmp(&a.principals)
                .then_with(|| a.role.cmp(&b.role))
        });

        if let Some(p) = reviews.iter().find(|r| r.windows365_service) {
            let app = &catalog.health.app;
            notes.push(format!(
                "{} is taken as the Windows 365 service (the {}: recognised by its app id {}, or as a service principal named `{WINDOWS365_SERVICE_NAME}`, a name the sources do not print): the roles it holds that Windows 365 receives for an ANC, a custom image or a review are listed in `summary.windows365ServiceRoles`, not as roles that never reach Windows 365",
                crate::text::markdown_code(p.principal.label()),
                app.name,
                app.app_id
            ));
        }
        notes.push("Windows 365 operations are evaluated on the assignments of roles that meet at least one requirement of an operation on their own (`roles[].windows365Operations` above 0), and on all of a principal's assignments when together they hold every permission of a role a requirement names that those roles alone do not (the permissions of `Reader` made up of two partial roles: such roles have `roles[].windows365Together`)".into());
        notes.extend(membership_note(&reviews));
        notes.extend(management_group_note(&reviews));
        let summary = summarize(
            loaded,
            &reviews,
            &roles,
            (self.uniq.len(), skipped),
            &self.denies,
        );
        notes.extend(deny_outcome(&summary));
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
}

/// Custom Azure roles assigned outside their `assignableScopes` (review s43 T6):
/// Azure refuses to create such an assignment, so the definition changed after
/// it was made, or the definitions come from another tenant or a stale export.
/// Reviewed as assigned; said, with the first few. A management group among the
/// assignable scopes whose members are not known counts as holding the scope.
fn outside_assignable(env: &Environment<'_>, uniq: &[Assignment]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    let mut n = 0;
    for a in uniq {
        let (Some(role), Some(at)) = (env.roles.get(a.role), a.scope.as_ref()) else {
            continue;
        };
        if role.plane() != Plane::Azure || role.kind.is_builtin() {
            continue;
        }
        let held = role
            .assignable_scopes
            .iter()
            .any(|x| match Scope::parse(x.trim()) {
                Ok(x) => env.hierarchy.covers(&x, at) != Coverage::No,
                Err(_) => true,
            });
        if held {
            continue;
        }
        n += 1;
        if found.len() < 3 {
            found.push(format!(
                "`{}` at `{at}` (assignable at {})",
                role.name,
                role.assignable_scopes
                    .iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    (n > 0).then(|| {
        format!(
            "{} assignment(s) of custom roles lie outside their role's `assignableScopes`: {}{}. Azure refuses to create such an assignment, so the role definition was narrowed after it was made, or the definitions read come from another tenant or an older export; reviewed as assigned",
            crate::text::thousands(n),
            found.join("; "),
            if n > found.len() { format!(" and {} more", n - found.len()) } else { String::new() }
        )
    })
}

/// Groups listed before "and N more" in [`membership_note`].
const GROUPS_NAMED: usize = 10;

/// Group membership is not an input (review H3 M2): a user's row holds what is
/// assigned to that user, while a group's row reaches every member too. Said
/// whenever a group, or a principal whose type is not known, holds something.
fn membership_note(reviews: &[PrincipalReview]) -> Option<String> {
    let groups: Vec<&PrincipalReview> = reviews
        .iter()
        .filter(|r| crate::model::is_group_kind(&r.principal.kind))
        .collect();
    let untyped = reviews
        .iter()
        .filter(|r| r.principal.kind.eq_ignore_ascii_case("Unknown"))
        .count();
    if groups.is_empty() && untyped == 0 {
        return None;
    }
    let mut text = String::from(
        "a principal's row holds the assignments (and eligibilities) made to that principal only; group membership is not an input of this review, so what a group's row holds reaches each of its members as well, and a user's effective access may be more than their row shows (a lower bound)",
    );
    if !groups.is_empty() {
        let named: Vec<String> = groups
            .iter()
            .take(GROUPS_NAMED)
            .map(|r| crate::text::markdown_code(r.principal.label()))
            .collect();
        text.push_str(&format!(
            "; the groups here: {}{}",
            named.join(", "),
            if groups.len() > named.len() {
                format!(" and {} more", groups.len() - named.len())
            } else {
                String::new()
            }
        ));
    }
    if untyped > 0 {
        text.push_str(&format!(
            "; {untyped} principal(s) of unknown type (a Graph page without `$expand=principal`, a name alone) may be groups too"
        ));
    }
    Some(text)
}

/// Principals named before "and N more" in [`management_group_note`].
const MANAGEMENT_GROUPS_NAMED: usize = 3;

/// The management-group hierarchy is not in the exports (an outside review: Owner
/// at a management group was left out of the same principal's subscription row
/// without a word): said for every principal that holds roles at a management
/// group and at a scope outside any management group, whose row there may be
/// short of what the group gives, if it lies under that group.
fn management_group_note(reviews: &[PrincipalReview]) -> Option<String> {
    let is_group =
        |s: &str| crate::scope::Scope::parse(s).is_ok_and(|s| s.management_group_id().is_some());
    let found: Vec<String> = reviews
        .iter()
        .filter_map(|r| {
            let g = r.azure.iter().find(|s| is_group(&s.scope))?;
            let below = r
                .azure
                .iter()
                .find(|s| !is_group(&s.scope) && s.scope != "/")?;
            let roles: Vec<String> = g
                .roles
                .iter()
                .map(|x| crate::text::markdown_code(x))
                .collect();
            Some(format!(
                "{}: {} at `{}`, and roles at `{}`",
                crate::text::markdown_code(r.principal.label()),
                roles.join(", "),
                g.scope,
                below.scope
            ))
        })
        .collect();
    let n = found.len();
    (n > 0).then(|| {
        format!(
            "{} principal(s) hold roles at a management group and at subscriptions or below; which subscriptions a management group holds is not in role-assignment exports, so a row at a subscription or below counts only what is assigned there and at its own parents, not what a management group above it gives: {}{}",
            crate::text::thousands(n),
            found.iter().take(MANAGEMENT_GROUPS_NAMED).cloned().collect::<Vec<_>>().join("; "),
            if n > MANAGEMENT_GROUPS_NAMED { format!(" and {} more", n - MANAGEMENT_GROUPS_NAMED) } else { String::new() }
        )
    })
}

/// What the deny assignments changed, in a note (none when none were read).
fn deny_outcome(summary: &Summary) -> Option<String> {
    let uses = &summary.deny_assignments;
    if uses.is_empty() {
        return None;
    }
    let removing = uses.iter().filter(|u| u.principals > 0).count();
    let removed_from: usize = uses.iter().map(|u| u.principals).sum();
    let unsure: usize = uses.iter().map(|u| u.conditional_principals).sum();
    Some(format!(
        "deny assignments applied: {removing} of {} remove operations from principals ({removed_from} principal-deny pair(s)), {} principal(s) affected in all (`principals[].denies`, `azure[].denied`, `summary.denyAssignments`){}; a deny at a scope below one a principal holds roles at changes nothing counted at that scope (it blocks only at its own scope and below: ask `w365-perms eval` with the request's `denyAssignments` and `principal` for one action there), and a deny naming a user does not change the row of a group that user is in",
        uses.len(),
        summary.principals_affected_by_denies,
        if unsure > 0 {
            format!("; for {unsure} principal-deny pair(s) it could not be decided offline whether the deny blocks (group membership, a management group's members or its condition): those operations are counted as conditional, with why in `denies[].why`")
        } else {
            String::new()
        }
    ))
}

fn summarize(
    loaded: &Loaded,
    reviews: &[PrincipalReview],
    roles: &[RoleUse],
    (distinct, skipped): (usize, usize),
    denies: &Prepared,
) -> Summary {
    let by_level = PrincipalLevel::ALL
        .iter()
        .map(|l| LevelCount {
            level: l.as_str(),
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
        crate::order::sort(&mut mine);
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
    crate::order::sort_by(&mut by_flag, |a, b| {
        b.principals
            .cmp(&a.principals)
            .then_with(|| a.flag.cmp(&b.flag))
    });
    Summary {
        principals: reviews.len(),
        assignments: loaded.assignments.len(),
        distinct_assignments: distinct,
        skipped_assignments: skipped,
        custom_roles: loaded.roles.iter().filter(|r| !r.declares_builtin).count(),
        by_level,
        by_flag,
        can_escalate: reviews.iter().filter(|r| r.can_escalate).count(),
        groups: reviews
            .iter()
            .filter(|r| crate::model::is_group_kind(&r.principal.kind))
            .count(),
        eligible: loaded.eligible.len(),
        eligible_principals: reviews.iter().filter(|r| !r.eligible.is_empty()).count(),
        eligible_ended: reviews
            .iter()
            .map(|r| r.eligible.iter().filter(|e| e.ended).count())
            .sum(),
        windows365_admins: reviews
            .iter()
            .filter(|r| !r.windows365.allowed.is_empty())
            .count(),
        unused_custom_roles: roles
            .iter()
            .filter(|r| r.custom && r.assignments == 0 && r.eligible == 0)
            .map(|r| r.role.clone())
            .collect(),
        never_reach_windows365: roles
            .iter()
            .filter(|r| {
                r.assignments > 0
                    && r.windows365_operations == 0
                    && !r.windows365_together
                    && !r.can_escalate
                    && r.principals > r.windows365_service
            })
            .map(|r| r.role.clone())
            .collect(),
        windows365_service_roles: roles
            .iter()
            .filter(|r| r.windows365_service > 0)
            .map(|r| r.role.clone())
            .collect(),
        principals_affected_by_denies: reviews.iter().filter(|r| !r.denies.is_empty()).count(),
        deny_assignments: denies.uses(
            &loaded.denies,
            &mut reviews.iter().flat_map(|r| r.denies.iter()),
        ),
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

/// What one principal's Azure half is: scopes, flags, deny effects.
type Answer = (Vec<ScopeSummary>, Vec<Flag>, Vec<DenyEffect>);

/// What [`answer_for`] keeps across principals.
struct Caches<'a> {
    scopes: &'a mut HashMap<ScopeKey, ScopeSummary>,
    denies: &'a Prepared,
    notes: &'a mut HashMap<(RoleRef, Vec<Hit>), DeniedNotes>,
}

/// Who a principal is, for deciding whom a deny assignment applies to.
fn subject(p: &Principal) -> Subject {
    Subject::One {
        id: p.id.clone().filter(|id| !id.trim().is_empty()),
        name: p.name.clone(),
    }
}

/// Azure scopes, flags and deny effects for one set of assignments held by
/// principals alike to the deny assignments (`key`: the assignments, and whom
/// each deny applies to).
fn answer_for(
    catalog: &Catalog,
    env: &mut Environment<'_>,
    uniq: &[Assignment],
    key: &(Vec<usize>, Vec<Whom>),
    facts: &HashMap<RoleRef, RoleFacts>,
    caches: &mut Caches<'_>,
) -> Answer {
    let (ids, whom) = key;
    env.assignments = ids.iter().filter_map(|&i| uniq.get(i).cloned()).collect();
    let env: &Environment<'_> = env;

    // Azure: per scope assigned, the roles assigned there and those that reach it
    // from a parent scope (found by looking up each of its prefixes).
    // Indexed by the scope in lower case: a principal may hold thousands.
    // (as written, normalized in lower case, the assignments there)
    let mut scopes: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut scope_ix: HashMap<String, usize> = HashMap::new();
    // Per assignment, its scope's index in `scopes`.
    let mut scope_of: Vec<Option<usize>> = Vec::with_capacity(env.assignments.len());
    for (i, a) in env.assignments.iter().enumerate() {
        let Some(s) = &a.scope else {
            scope_of.push(None);
            continue;
        };
        let key = s.key();
        match scope_ix.get(&key) {
            Some(&at) => {
                if let Some((_, _, here)) = scopes.get_mut(at) {
                    here.push(i);
                }
                scope_of.push(Some(at));
            }
            None => {
                scope_ix.insert(key.clone(), scopes.len());
                scope_of.push(Some(scopes.len()));
                scopes.push((s.as_str().to_string(), key, vec![i]));
            }
        }
    }
    // Per scope, the deny assignments reaching it that may apply (none at all
    // when the tenant has none).
    let hits: Vec<Vec<Hit>> = scopes
        .iter()
        .map(|(_, _, here)| {
            match here
                .first()
                .and_then(|&i| env.assignments.get(i))
                .and_then(|a| a.scope.as_ref())
            {
                Some(s) if !whom.is_empty() => Prepared::hits(&env.denies, &env.hierarchy, whom, s),
                _ => Vec::new(),
            }
        })
        .collect();
    let mut azure = Vec::new();
    for ((scope, key, here), hits) in scopes.iter().zip(&hits) {
        let mut inherited = Vec::new();
        let mut reach: Vec<usize> = here.clone();
        for parent in parents(key) {
            if let Some(&p) = scope_ix.get(parent) {
                if let Some((from, _, at)) = scopes.get(p) {
                    for &i in at {
                        reach.push(i);
                        if let Some(r) = env.assignments.get(i).and_then(|a| env.roles.get(a.role))
                        {
                            inherited.push(InheritedRole {
                                role: r.name.clone(),
                                from: from.clone(),
                            });
                        }
                    }
                }
            }
        }
        let mut entries: Vec<(RoleRef, Option<String>)> = reach
            .iter()
            .filter_map(|&i| env.assignments.get(i))
            .map(|a| (a.role, a.condition.as_ref().map(|c| c.as_str().to_string())))
            .collect();
        entries.sort_unstable();
        entries.dedup();
        let cache_key = (entries, hits.clone());
        let mut s = match caches.scopes.get(&cache_key) {
            Some(s) => s.clone(),
            None => {
                let conditions: Vec<(RoleRef, Option<&Condition>)> = reach
                    .iter()
                    .filter_map(|&i| env.assignments.get(i))
                    .map(|a| (a.role, a.condition.as_ref()))
                    .collect();
                let s = scope_summary(
                    catalog,
                    &env.roles,
                    &conditions,
                    (caches.denies, &env.denies, hits),
                );
                caches.scopes.insert(cache_key, s.clone());
                s
            }
        };
        s.scope.clone_from(scope);
        s.roles = here
            .iter()
            .filter_map(|&i| env.assignments.get(i).and_then(|a| env.roles.get(a.role)))
            .map(|r| r.name.clone())
            .collect();
        s.roles.dedup();
        inherited.dedup();
        s.inherited = inherited;
        azure.push(s);
    }
    crate::order::sort_by(&mut azure, |a, b| a.scope.cmp(&b.scope));
    let deny_effects = denies::effects(azure.iter().flat_map(|s| s.denies.iter()));

    // The deny assignments at an assignment's scope change its role's notes:
    // computed once per role and set of deny assignments.
    let hits_of = |i: usize| -> &[Hit] {
        scope_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|at| hits.get(at))
            .map_or(&[], Vec::as_slice)
    };
    for (i, a) in env.assignments.iter().enumerate() {
        let here = hits_of(i);
        if here.is_empty() || caches.notes.contains_key(&(a.role, here.to_vec())) {
            continue;
        }
        let notes = match (env.roles.get(a.role), env.roles.expansion(a.role)) {
            (Some(role), Some(ex)) if role.plane() == Plane::Azure => {
                let mut ex = ex.clone();
                let took = caches.denies.apply(&env.denies, here, &mut ex);
                let unsure: Vec<String> = took
                    .iter()
                    .filter(|t| t.conditional > 0)
                    .map(|t| match &t.why {
                        Some(w) => format!("deny `{}` at `{}` ({w})", t.name, t.scope),
                        None => format!("deny `{}` at `{}`", t.name, t.scope),
                    })
                    .collect();
                let before = facts.get(&a.role).map_or(&[][..], |f| f.notes.as_slice());
                crate::risk::assess(catalog, role, &ex)
                    .into_iter()
                    .map(|n| {
                        let by_deny = (n.conditional
                            && !unsure.is_empty()
                            && !before.iter().any(|b| b.flag == n.flag && b.conditional))
                        .then(|| unsure.join("; "));
                        (n, by_deny)
                    })
                    .collect()
            }
            // Deny assignments block Azure operations only.
            _ => facts
                .get(&a.role)
                .map(|f| f.notes.iter().map(|n| (n.clone(), None)).collect())
                .unwrap_or_default(),
        };
        caches.notes.insert((a.role, here.to_vec()), notes);
    }
    let denied_notes: &HashMap<(RoleRef, Vec<Hit>), DeniedNotes> = caches.notes;

    // Flags: per role (with its scopes), then what two roles give together.
    // Indexed by (role, flag, note) and by scope: a principal may hold thousands.
    // The note's message is in the key, as one flag may note several things: a
    // `sensitive-permission` note for each Cloud PC permission held (an outside
    // review: only the first of a role's critical permissions was flagged).
    let mut flags: Vec<Flag> = Vec::new();
    let mut flag_ix: HashMap<(RoleRef, &str, &str, bool), usize> = HashMap::new();
    let mut flag_scopes: std::collections::HashSet<(usize, &str)> =
        std::collections::HashSet::new();
    for (i, a) in env.assignments.iter().enumerate() {
        let Some(f) = facts.get(&a.role) else {
            continue;
        };
        let name = env
            .roles
            .get(a.role)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        let here = hits_of(i);
        let after_denies = if here.is_empty() {
            None
        } else {
            denied_notes.get(&(a.role, here.to_vec()))
        };
        let plain: &[RiskNote] = if after_denies.is_some() {
            &[]
        } else {
            &f.notes
        };
        let notes = plain.iter().map(|n| (n, None)).chain(
            after_denies
                .into_iter()
                .flatten()
                .map(|(n, by)| (n, by.as_deref())),
        );
        for (n, by_deny) in notes {
            // `elevateAccess/action` acts at the root scope `/` only (semantics §5,
            // lint's reach table): held at any other scope it elevates nobody.
            if n.flag == "elevate-access"
                && a.scope
                    .as_ref()
                    .is_some_and(|s| !matches!(s.kind(), ScopeKind::Root))
            {
                continue;
            }
            let by_condition = match a.condition.as_ref().map(|c| under_condition(c, n)) {
                None | Some(Truth::True) => false,
                Some(Truth::Unknown) => true,
                // The condition takes away every operation the flag rests on.
                Some(Truth::False) => continue,
            };
            // `n.conditional`: the role's own definition grants the operations only
            // under a condition (its level is one lower already).
            let conditional = by_condition || by_deny.is_some() || n.conditional;
            let scope = a.scope.as_ref().map(|s| s.as_str());
            match flag_ix.get(&(a.role, n.flag.as_str(), n.message.as_str(), conditional)) {
                Some(&i) => {
                    if let (Some(s), Some(x)) = (scope, flags.get_mut(i)) {
                        if flag_scopes.insert((i, s)) {
                            x.scopes.push(s.to_string());
                        }
                    }
                }
                None => {
                    let i = flags.len();
                    flag_ix.insert(
                        (a.role, n.flag.as_str(), n.message.as_str(), conditional),
                        i,
                    );
                    if let Some(s) = scope {
                        flag_scopes.insert((i, s));
                    }
                    // A note a deny made conditional is one level lower already.
                    let (level, mut message) = if by_condition {
                        (
                            n.level.lower(),
                            format!(
                                "only as far as the assignment's condition allows (it limits these operations, for example which roles to whom, and is decided on each request: read it): {}",
                                n.message
                            ),
                        )
                    } else {
                        (n.level, n.message.clone())
                    };
                    if let Some(d) = by_deny {
                        message = format!(
                            "held unless {d} blocks them, which cannot be decided offline: {message}"
                        );
                    }
                    flags.push(Flag {
                        level,
                        category: n.category,
                        flag: n.flag.clone(),
                        message,
                        basis: n.basis,
                        role: Some(name.clone()),
                        scopes: scope.map(str::to_string).into_iter().collect(),
                        escalation: !conditional && is_escalation(catalog, n),
                        conditional,
                    });
                }
            }
        }
    }
    // Escalation through two or more roles outside Azure together: one role's
    // `Role Assignments/Create` with another's `Roles/Update`, or `Roles/Update`
    // with a custom role of the same plane held through another assignment.
    let mut together = Expansion::empty(catalog);
    let mut custom: Vec<(Plane, &str)> = Vec::new();
    let mut several = 0;
    for a in &env.assignments {
        let Some(role) = env.roles.get(a.role) else {
            continue;
        };
        if role.plane() == Plane::Azure {
            continue;
        }
        if let Some(ex) = env.roles.expansion(a.role) {
            together.cloud_pc.union_with(&ex.cloud_pc);
            together.intune.union_with(&ex.intune);
            together.entra.extend(ex.entra.iter().cloned());
            several += 1;
        }
        if !role.kind.is_builtin() {
            custom.push((role.plane(), role.name.as_str()));
        }
    }
    if several > 1 {
        together.entra.sort_unstable();
        together.entra.dedup();
        for n in crate::risk::escalation_notes(catalog, &together, &custom) {
            if flags.iter().any(|f| f.flag == n.flag) {
                continue;
            }
            flags.push(Flag {
                level: n.level,
                category: n.category,
                flag: n.flag.clone(),
                message: format!("{} (through two or more roles together)", n.message),
                basis: n.basis,
                role: None,
                scopes: Vec::new(),
                escalation: true,
                conditional: false,
            });
        }
    }
    crate::order::sort_by(&mut flags, |a, b| {
        (a.level, !a.escalation, a.category)
            .cmp(&(b.level, !b.escalation, b.category))
            .then_with(|| a.role.cmp(&b.role))
    });
    (azure, flags, deny_effects)
}

/// The scopes above a scope (in lower case, normalized), nearest first, ending
/// with the root `/`.
fn parents(key: &str) -> impl Iterator<Item = &str> {
    let cuts: Vec<usize> = key
        .match_indices('/')
        .map(|(i, _)| i)
        .filter(|&i| i > 0)
        .collect();
    cuts.into_iter()
        .rev()
        .filter_map(move |i| key.get(..i))
        .chain((key != "/").then_some("/"))
}

/// Operations of `set` per provider, most first (ties by name). Counted a word at
/// a time; the catalog spells some namespaces in two cases (`microsoft.web` and
/// `Microsoft.Web`): one provider, counted once, named with capitals when some
/// operation spells it so.
pub(crate) fn provider_counts(
    catalog: &Catalog,
    set: &crate::bitset::BitSet,
) -> Vec<ProviderCount> {
    let ops = &catalog.operations;
    let mut providers: Vec<ProviderCount> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (first, n) in ops.count_by_provider(set) {
        let name = ops.name(first);
        let provider = name.split('/').next().unwrap_or(name);
        match by_name.entry(provider.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Occupied(e) => {
                if let Some(p) = providers.get_mut(*e.get()) {
                    p.operations += n;
                    if !p.provider.starts_with(|c: char| c.is_ascii_uppercase()) {
                        p.provider = provider.to_string();
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(providers.len());
                providers.push(ProviderCount {
                    provider: provider.to_string(),
                    operations: n,
                });
            }
        }
    }
    crate::order::sort_by(&mut providers, |a, b| {
        b.operations
            .cmp(&a.operations)
            .then_with(|| a.provider.cmp(&b.provider))
    });
    providers
}

/// What roles give together at one scope. A role assigned under a condition gives
/// each operation as the condition decides it: granted, conditional, or nothing.
/// Then the deny assignments reaching the scope (`denies`: the review's, and
/// those that hit here) take what they block.
fn scope_summary(
    catalog: &Catalog,
    roles: &RoleSet<'_>,
    rs: &[(RoleRef, Option<&Condition>)],
    (prepared, denies, hits): (&Prepared, &[crate::deny::DenyAssignment], &[Hit]),
) -> ScopeSummary {
    let mut ex = Expansion::empty(catalog);
    let mut conditioned = Expansion::empty(catalog);
    for (r, condition) in rs {
        let Some(e) = roles.expansion(*r) else {
            continue;
        };
        match condition {
            None => ex.union_with(e),
            Some(c) => conditioned.union_with(&e.under(c, &catalog.operations)),
        }
    }
    ex.union_with(&conditioned);
    let (denied, denied_data_actions, scope_denies) = if hits.is_empty() {
        (0, 0, Vec::new())
    } else {
        // Held (granted or conditional), by plane.
        let held = |ex: &Expansion| {
            let mut all = ex.granted.clone();
            all.union_with(&ex.conditional);
            let (control, data) = catalog.operations.count_by_plane(&all);
            (control + data, data)
        };
        let before = held(&ex);
        let took = prepared.apply(denies, hits, &mut ex);
        let after = held(&ex);
        (
            before.0.saturating_sub(after.0),
            before.1.saturating_sub(after.1),
            took,
        )
    };
    let mut providers = provider_counts(catalog, &ex.granted);
    providers.truncate(PROVIDERS_SHOWN);
    let (actions, data_actions) = catalog.operations.count_by_plane(&ex.granted);
    let (conditional_actions, conditional_data_actions) =
        catalog.operations.count_by_plane(&ex.conditional);
    ScopeSummary {
        scope: String::new(),
        roles: Vec::new(),
        inherited: Vec::new(),
        actions,
        data_actions,
        conditional_actions,
        conditional_data_actions,
        providers,
        denied,
        denied_data_actions,
        denies: scope_denies,
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

    /// CLI review of 2026-12-06 F3: a row naming `Owner` with Reader's id is
    /// reviewed by the id, and a note says so; a row whose name and id agree, or
    /// that names the role by an earlier name, is not noted.
    #[test]
    fn a_row_whose_role_name_and_id_disagree_is_noted() {
        let row = |name: &str, id: &str, p: &str| {
            format!(
                r#"{{"principalId":"{p}","principalType":"User","roleDefinitionName":"{name}","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/{id}","scope":"/subscriptions/s1"}}"#
            )
        };
        let reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
        let text = format!(
            "[{},{},{}]",
            row("Owner", reader, "p1"),
            row("owner ", reader, "p2"),
            row("Reader", reader, "p3")
        );
        let r = run(&[("az.json", &text)]);
        let noted: Vec<&String> = r
            .notes
            .iter()
            .filter(|n| n.contains("name the role"))
            .collect();
        assert_eq!(noted.len(), 1, "{:?}", r.notes);
        assert!(
            noted[0].starts_with("2 assignment(s) name the role `Owner` but carry the id of `Reader` (the first at `$[0].roleDefinitionId`): reviewed as `Reader`"),
            "{}",
            noted[0]
        );
        assert!(
            r.principals.iter().all(|p| p.level == PrincipalLevel::None),
            "reviewed as Reader"
        );
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

    fn by_id<'r>(r: &'r Review, id: &str) -> &'r PrincipalReview {
        r.principals
            .iter()
            .find(|p| p.principal.id.as_deref() == Some(id))
            .unwrap()
    }

    /// Review F2 H4 and H5: Intune Role Administrator (`Microsoft.Intune/Roles/Assign`)
    /// and Privileged Role Administrator (`microsoft.directory/roleAssignments/...`)
    /// can grant roles that reach Windows 365: both escalate, and neither is listed
    /// as never reaching Windows 365, while Help Desk Operator still is not
    /// flagged. Before: both `canEscalate: false`, both listed.
    #[test]
    fn intune_and_entra_role_assigners_can_escalate() {
        let dir = r#"{"value":[
          {"principalId":"f4f4f4f4-0000-0000-0000-000000000014","roleDefinitionId":"e8611ab8-c189-46e8-94e1-60213ab1f814","directoryScopeId":"/"}
        ]}"#;
        let intune = r#"{"value":[
          {"id":"ia1","members":["i1i1i1i1-0000-0000-0000-000000000041"],"roleDefinition":{"id":"9e0cc482-82df-4ab2-a24c-0c23a3f52e1e","displayName":"Help Desk Operator","isBuiltIn":true}},
          {"id":"ia2","members":["i2i2i2i2-0000-0000-0000-000000000042"],"roleDefinition":{"id":"0bd113fe-6be5-400c-a28f-ae5553f9c0be","displayName":"Intune Role Administrator","isBuiltIn":true}}
        ]}"#;
        let r = run(&[("dir.json", dir), ("intune.json", intune)]);
        let pra = by_id(&r, "f4f4f4f4-0000-0000-0000-000000000014");
        assert!(pra.can_escalate, "{:?}", pra.flags);
        assert_eq!(pra.level, PrincipalLevel::Critical);
        let f = pra
            .flags
            .iter()
            .find(|f| f.flag == "entra-escalation")
            .unwrap();
        assert_eq!((f.basis, f.escalation), ("documented", true));
        let ira = by_id(&r, "i2i2i2i2-0000-0000-0000-000000000042");
        assert!(ira.can_escalate, "{:?}", ira.flags);
        let f = ira
            .flags
            .iter()
            .find(|f| f.flag == "intune-escalation")
            .unwrap();
        // Inferred: Intune's document says what the role manages, not that its
        // holder can raise its own access.
        assert_eq!((f.level, f.basis), (Level::Critical, "inferred"));
        assert!(!by_id(&r, "i1i1i1i1-0000-0000-0000-000000000041").can_escalate);
        assert_eq!(r.summary.can_escalate, 2);
        let never = &r.summary.never_reach_windows365;
        assert!(
            !never.iter().any(|n| n == "Intune Role Administrator"),
            "{never:?}"
        );
        assert!(
            !never.iter().any(|n| n == "Privileged Role Administrator"),
            "{never:?}"
        );
        assert!(r
            .roles
            .iter()
            .any(|u| u.role == "Intune Role Administrator" && u.can_escalate));
    }

    /// Every sensitive Cloud PC permission a role holds is its own flag (an
    /// outside review: the flags were keyed by kind, so a role holding
    /// `Snapshot/Share`, `CloudPCs/ChangeUserAccountType` and
    /// `CloudPCs/PlaceUnderReview` showed only the last).
    #[test]
    fn each_sensitive_cloud_pc_permission_is_flagged() {
        let cpc = r#"{"value":[
          {"id":"d0d0d0d0-0000-0000-0000-0000000000d3","displayName":"Desk plus","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/Read","Microsoft.CloudPC/Snapshot/Share","Microsoft.CloudPC/CloudPCs/ChangeUserAccountType","Microsoft.CloudPC/CloudPCs/PlaceUnderReview"]}]},
          {"id":"a1","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000d3","principalIds":["p1"],"directoryScopeIds":["/"]}
        ]}"#;
        let r = run(&[("cpc.json", cpc)]);
        let p1 = by_id(&r, "p1");
        let sensitive: Vec<&str> = p1
            .flags
            .iter()
            .filter(|f| f.flag == "sensitive-permission")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(sensitive.len(), 3, "{sensitive:#?}");
        for name in [
            "Snapshot/Share",
            "CloudPCs/ChangeUserAccountType",
            "CloudPCs/PlaceUnderReview",
        ] {
            assert!(
                sensitive.iter().any(|m| m.contains(name)),
                "{name}: {sensitive:#?}"
            );
        }
    }

    /// A Cloud PC permission whose risk no source rates (`Webhooks/Create`) is
    /// listed per principal, and with no flag the level is `unknown`, as `risk`
    /// says of the role, not `null` (read as "no risk").
    #[test]
    fn unrated_permissions_are_listed_and_make_the_level_unknown() {
        let cpc = r#"{"value":[
          {"id":"d0d0d0d0-0000-0000-0000-0000000000d1","displayName":"CPC Webhooks","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/Webhooks/Create"]}]},
          {"id":"d0d0d0d0-0000-0000-0000-0000000000d2","displayName":"CPC Webhooks and Assigner","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/Webhooks/Create","Microsoft.CloudPC/RoleAssignments/Create"]}]},
          {"id":"a1","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000d1","principalIds":["p1"],"directoryScopeIds":["/"]},
          {"id":"a2","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000d2","principalIds":["p2"],"directoryScopeIds":["/"]}
        ]}"#;
        let r = run(&[("cpc.json", cpc)]);
        let p1 = by_id(&r, "p1");
        assert_eq!(p1.unrated, ["Webhooks/Create"]);
        assert!(p1.flags.is_empty(), "{:?}", p1.flags);
        assert_eq!(p1.level, PrincipalLevel::Unknown);
        let p2 = by_id(&r, "p2");
        assert_eq!(p2.unrated, ["Webhooks/Create"]);
        assert!(p2.level < PrincipalLevel::Unknown, "{:?}", p2.level);
        let json = serde_json::to_value(&r).unwrap();
        let row = |id: &str| {
            json["principals"]
                .as_array()
                .and_then(|a| a.iter().find(|p| p["principal"]["id"] == id))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(row("p1")["level"], "unknown");
        assert_eq!(row("p1")["unrated"][0], "Webhooks/Create");
        let unknown = json["summary"]["byLevel"]
            .as_array()
            .and_then(|a| a.iter().find(|l| l["level"] == "unknown"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(unknown["principals"], 1);
    }

    /// Review F2 M1: a Cloud PC role with `Role Assignments/Create` alone escalates
    /// (it can assign Cloud PC Administrator), and so does `Roles/Update` in a
    /// custom role its holder holds (it can widen that very role). Before: both
    /// `canEscalate: false`, and only the principal holding both roles counted.
    #[test]
    fn cloud_pc_role_assignment_or_update_of_a_held_role_escalates() {
        let cpc = r#"{"value":[
          {"id":"d0d0d0d0-0000-0000-0000-0000000000c3","displayName":"CPC Assigner Only","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/RoleAssignments/Create","Microsoft.CloudPC/Roles/Read"]}]},
          {"id":"d0d0d0d0-0000-0000-0000-0000000000c4","displayName":"CPC RoleEditor Only","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/Roles/Update","Microsoft.CloudPC/Roles/Read"]}]},
          {"id":"d0d0d0d0-0000-0000-0000-0000000000c5","displayName":"CPC RoleCreator Only","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/Roles/Create","Microsoft.CloudPC/Roles/Read"]}]},
          {"id":"a1","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000c3","principalIds":["p1"],"directoryScopeIds":["/"]},
          {"id":"a2","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000c4","principalIds":["p2"],"directoryScopeIds":["/"]},
          {"id":"a3","roleDefinitionId":"d0d0d0d0-0000-0000-0000-0000000000c5","principalIds":["p3"],"directoryScopeIds":["/"]}
        ]}"#;
        let r = run(&[("cpc.json", cpc)]);
        for id in ["p1", "p2"] {
            let p = by_id(&r, id);
            assert!(p.can_escalate, "{id}: {:?}", p.flags);
            assert!(p
                .flags
                .iter()
                .any(|f| f.flag == "cloudpc-escalation" && f.escalation));
        }
        assert!(by_id(&r, "p2")
            .flags
            .iter()
            .any(|f| f.message.contains("`CPC RoleEditor Only`")));
        // `Roles/Create` alone stages a role for someone else to assign: not escalation.
        assert!(!by_id(&r, "p3").can_escalate, "{:?}", by_id(&r, "p3").flags);
        assert_eq!(r.summary.can_escalate, 2);
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

    #[test]
    fn a_principal_holding_an_unresolved_role_is_not_shown_harmless() {
        // old@ holds only a role in no file (review C §7); rd@ holds Reader, which
        // nothing flags; kv@ holds a flagged role and an unresolved one.
        let gone = "/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/aaaaaaaa-0000-0000-0000-000000000003";
        let az = format!(
            r#"[
          {{"principalName":"old@x.com","principalId":"p1","principalType":"User","roleDefinitionId":"{gone}","roleDefinitionName":"","scope":"/subscriptions/s1"}},
          {{"principalName":"rd@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Reader","scope":"/subscriptions/s1"}},
          {{"principalName":"own@x.com","principalId":"p3","principalType":"User","roleDefinitionName":"Owner","scope":"/subscriptions/s1"}},
          {{"principalName":"own@x.com","principalId":"p3","principalType":"User","roleDefinitionId":"{gone}","scope":"/subscriptions/s1/resourceGroups/rg"}}
        ]"#
        );
        let r = run(&[("az.json", &az)]);
        let row = |name: &str| {
            r.principals
                .iter()
                .find(|p| p.principal.name.as_deref() == Some(name))
                .unwrap_or_else(|| panic!("no {name}"))
        };
        let old = row("old@x.com");
        assert_eq!(old.level, PrincipalLevel::Unresolved);
        assert!(old.assignments.is_empty() && old.flags.is_empty());
        assert_eq!(old.unresolved.len(), 1, "{:?}", old.unresolved);
        assert!(old.unresolved[0]
            .role
            .contains("aaaaaaaa-0000-0000-0000-000000000003"));
        assert_eq!(
            old.unresolved[0].scope.as_deref(),
            Some("/subscriptions/s1")
        );
        assert_eq!(row("rd@x.com").level, PrincipalLevel::None);
        let own = row("own@x.com");
        assert_eq!(own.level, PrincipalLevel::Critical);
        assert_eq!(own.unresolved.len(), 1);
        // In JSON (schema 1): a level by name, `null` for none as before.
        let json = serde_json::to_value(&r).unwrap();
        let levels: Vec<Option<&str>> = json["principals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["level"].as_str())
            .collect();
        assert_eq!(levels, [Some("critical"), Some("unresolved"), None]);
        assert!(json["principals"][2]["level"].is_null());
        assert_eq!(
            json["principals"][1]["unresolved"][0]["role"],
            old.unresolved[0].role.as_str()
        );
        let count = |l: &str| {
            r.summary
                .by_level
                .iter()
                .find(|c| c.level == l)
                .map(|c| c.principals)
        };
        assert_eq!((count("unresolved"), count("none")), (Some(1), Some(1)));
    }
    #[test]
    fn the_windows365_service_roles_are_not_listed_as_never_reaching_windows365() {
        // Review C §8: the service principal holds the three ANC roles; by its
        // display name, then by its app id (as `az` writes a service principal's
        // name); a user holds Key Vault Secrets User, which reaches nothing.
        let sub = "/subscriptions/s1";
        let rg = "/subscriptions/s1/resourceGroups/rg-cloudpc";
        let vnet = "/subscriptions/s1/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-cloudpc";
        for name in ["Windows 365", "0af06dc6-e4b5-4f28-818e-e78e62d137a5"] {
            let sp = |role: &str, scope: &str| {
                format!(
                    r#"{{"principalName":"{name}","principalId":"c365","principalType":"ServicePrincipal","roleDefinitionName":"{role}","scope":"{scope}"}}"#
                )
            };
            let az = format!(
                "[{},{},{},{}]",
                sp("Reader", sub),
                sp("Windows 365 Network Interface Contributor", rg),
                sp("Windows 365 Network User", vnet),
                r#"{"principalName":"kv@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Key Vault Secrets User","scope":"/subscriptions/s1"}"#
            );
            let r = run(&[("az.json", &az)]);
            let never = &r.summary.never_reach_windows365;
            assert_eq!(never, &["Key Vault Secrets User"], "{name}: {never:?}");
            let mut service = r.summary.windows365_service_roles.clone();
            crate::order::sort(&mut service);
            assert_eq!(
                service,
                [
                    "Reader",
                    "Windows 365 Network Interface Contributor",
                    "Windows 365 Network User"
                ],
                "{name}"
            );
            let row = r
                .principals
                .iter()
                .find(|p| p.principal.id.as_deref() == Some("c365"))
                .unwrap_or_else(|| panic!("{name}: no service row"));
            assert!(row.windows365_service);
            assert!(r
                .notes
                .iter()
                .any(|n| n.contains("taken as the Windows 365 service")));
            // The report says so too.
            let cat = crate::catalog().unwrap();
            let loaded = super::super::load(cat, &[("az.json", &az)]).unwrap();
            let md = crate::report::render::markdown(&crate::report::tenant(cat, &loaded, &r));
            assert!(
                md.contains(
                    "Roles held by the Windows 365 service for its Azure network connections"
                ) && md.contains("cannot grant a role that does: Key Vault Secrets User\n"),
                "{md}"
            );
        }
        // The same roles held by a user are that user's: still listed.
        let az = format!(
            r#"[{{"principalName":"Windows 365","principalId":"u1","principalType":"User","roleDefinitionName":"Windows 365 Network User","scope":"{vnet}"}}]"#
        );
        let r = run(&[("az.json", &az)]);
        assert_eq!(
            r.summary.never_reach_windows365,
            ["Windows 365 Network User"]
        );
        assert!(r.summary.windows365_service_roles.is_empty());
    }

    /// A condition in the role definition's own permission block (built-in Azure
    /// File Sync Administrator: three storage roles, to service principals only)
    /// is treated as an assignment's condition is: conditional, not escalation
    /// (review i1 #2: `canEscalate: true` and "can assign any role to anyone").
    #[test]
    fn a_role_definition_condition_makes_role_assignment_write_conditional() {
        let az = r#"[
          {"principalName":"alice@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Azure File Sync Administrator","scope":"/subscriptions/s1"},
          {"principalName":"kv@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Key Vault Data Access Administrator","scope":"/subscriptions/s1"}
        ]"#;
        let r = run(&[("az.json", az)]);
        for name in ["alice@x.com", "kv@x.com"] {
            let p = r
                .principals
                .iter()
                .find(|p| p.principal.name.as_deref() == Some(name))
                .unwrap_or_else(|| panic!("no {name}"));
            let f = p
                .flags
                .iter()
                .find(|f| f.flag == "role-assignment-write")
                .unwrap_or_else(|| panic!("{name}: no role-assignment-write flag"));
            assert!(f.conditional && !f.escalation, "{name}: {f:?}");
            assert!(
                !f.message.starts_with("can assign any role"),
                "{}",
                f.message
            );
            assert!(!p.can_escalate, "{name}: {:?}", p.flags);
        }
        assert_eq!(r.summary.can_escalate, 0);
        assert!(
            r.roles.iter().all(|u| !u.can_escalate),
            "{:?}",
            r.roles
                .iter()
                .map(|u| (&u.role, u.can_escalate))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_delegation_condition_makes_role_assignment_write_conditional() {
        // RBAC Administrator allowed to assign Reader only (the delegation condition
        // of the sample tenant), and the same role without a condition.
        let cond = "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))";
        let az = format!(
            r#"[
          {{"principalName":"sam@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Role Based Access Control Administrator","scope":"/subscriptions/s1","condition":"{cond}","conditionVersion":"2.0"}},
          {{"principalName":"ann@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Role Based Access Control Administrator","scope":"/subscriptions/s1"}}
        ]"#
        );
        let r = run(&[("az.json", &az)]);
        let write = |name: &str| {
            r.principals
                .iter()
                .find(|p| p.principal.name.as_deref() == Some(name))
                .and_then(|p| p.flags.iter().find(|f| f.flag == "role-assignment-write"))
                .cloned()
                .unwrap_or_else(|| panic!("{name}: no role-assignment-write flag"))
        };
        let (sam, ann) = (write("sam@x.com"), write("ann@x.com"));
        assert!(sam.conditional && !sam.escalation, "{sam:?}");
        assert!(sam.message.contains("condition"), "{}", sam.message);
        assert_eq!(sam.level, ann.level.lower());
        assert!(!ann.conditional && ann.escalation, "{ann:?}");
        // Sam may still delete assignments (unconditioned): flagged, but removing
        // access grants nobody more rights, so Sam cannot escalate (review C §6).
        let row = |name: &str| {
            r.principals
                .iter()
                .find(|p| p.principal.name.as_deref() == Some(name))
                .unwrap_or_else(|| panic!("no {name}"))
        };
        let delete = row("sam@x.com")
            .flags
            .iter()
            .find(|f| f.flag == "role-assignment-delete")
            .unwrap_or_else(|| panic!("sam: no role-assignment-delete flag"));
        assert!(!delete.conditional && !delete.escalation, "{delete:?}");
        assert!(!row("sam@x.com").can_escalate);
        assert!(row("ann@x.com").can_escalate);
        assert_eq!(r.summary.can_escalate, 1);
    }

    #[test]
    fn a_scope_counts_what_parent_scopes_give_and_names_where_from() {
        // Contributor on the subscription and Reader on a group below: at the group
        // the principal is effectively a Contributor (OV's worked example).
        let az = r#"[
          {"principalName":"a@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Contributor","scope":"/subscriptions/s1"},
          {"principalName":"a@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Reader","scope":"/subscriptions/S1/resourceGroups/rg-app/"},
          {"principalName":"a@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Reader","scope":"/subscriptions/s1/resourceGroups/rg-app2"}
        ]"#;
        let r = run(&[("az.json", az)]);
        let azure = &r.principals[0].azure;
        assert_eq!(azure.len(), 3, "{azure:#?}");
        let sub = azure
            .iter()
            .find(|s| s.scope == "/subscriptions/s1")
            .unwrap();
        let rg = azure.iter().find(|s| s.scope.ends_with("rg-app/")).unwrap();
        assert_eq!(rg.roles, ["Reader"]);
        assert_eq!(
            rg.inherited,
            [InheritedRole {
                role: "Contributor".into(),
                from: "/subscriptions/s1".into()
            }]
        );
        assert_eq!(
            (rg.actions, rg.data_actions),
            (sub.actions, sub.data_actions)
        );
        assert!(sub.inherited.is_empty());
        // `rg-app` is not a parent of `rg-app2`: its own scope, same counts.
        let rg2 = azure.iter().find(|s| s.scope.ends_with("rg-app2")).unwrap();
        assert_eq!(rg2.inherited.len(), 1);
        // Providers are counted once whatever the catalog's case.
        let names: Vec<String> = sub
            .providers
            .iter()
            .map(|p| p.provider.to_ascii_lowercase())
            .collect();
        let mut unique = names.clone();
        crate::order::sort(&mut unique);
        unique.dedup();
        assert_eq!(names.len(), unique.len(), "{names:?}");
    }

    #[test]
    fn an_assignment_condition_makes_its_operations_conditional_per_scope() {
        let cond = "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'))";
        let az = format!(
            r#"[{{"principalName":"a@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Storage Blob Data Reader","scope":"/subscriptions/s1","condition":"{cond}","conditionVersion":"2.0"}},
               {{"principalName":"b@x.com","principalId":"p2","principalType":"User","roleDefinitionName":"Storage Blob Data Reader","scope":"/subscriptions/s1"}}]"#
        );
        let r = run(&[("az.json", &az)]);
        let at = |name: &str| {
            r.principals
                .iter()
                .find(|p| p.principal.name.as_deref() == Some(name))
                .map(|p| p.azure[0].clone())
                .unwrap()
        };
        let (a, b) = (at("a@x.com"), at("b@x.com"));
        // The blob read is the role's one data action: conditional for a, granted for b.
        assert_eq!(
            (a.data_actions, a.conditional_data_actions),
            (0, 1),
            "{a:?}"
        );
        assert_eq!(
            (b.data_actions, b.conditional_data_actions),
            (1, 0),
            "{b:?}"
        );
        assert_eq!((a.conditional_actions, b.conditional_actions), (0, 0));
        // What the condition does not name stays granted.
        assert_eq!(a.actions, b.actions);
    }

    /// An `az role assignment list` element.
    fn az(name: &str, id: &str, role: &str, scope: &str) -> String {
        format!(
            r#"{{"principalName":"{name}","principalId":"{id}","principalType":"User","roleDefinitionName":"{role}","scope":"{scope}"}}"#
        )
    }

    /// A deny assignment in the ARM REST shape: `permissions` as JSON,
    /// `principals` and `excludePrincipals` as `(id, type)`.
    fn deny(
        name: &str,
        scope: &str,
        permissions: &str,
        principals: &[(&str, &str)],
        exclude: &[(&str, &str)],
        this_scope_only: bool,
    ) -> String {
        let list = |l: &[(&str, &str)]| {
            l.iter()
                .map(|(id, t)| format!(r#"{{"id":"{id}","type":"{t}"}}"#))
                .collect::<Vec<_>>()
                .join(",")
        };
        format!(
            r#"{{"name":"{name}","type":"Microsoft.Authorization/denyAssignments","properties":{{"denyAssignmentName":"{name}","scope":"{scope}","permissions":{permissions},"principals":[{}],"excludePrincipals":[{}],"doNotApplyToChildScopes":{this_scope_only}}}}}"#,
            list(principals),
            list(exclude)
        )
    }

    const EVERYONE: (&str, &str) = ("00000000-0000-0000-0000-000000000000", "SystemDefined");
    const S1: &str = "/subscriptions/s1";
    const RG: &str = "/subscriptions/s1/resourceGroups/rg";
    const S2: &str = "/subscriptions/s2";
    const VM_DELETE: &str = r#"[{"actions":["Microsoft.Compute/virtualMachines/delete"]}]"#;

    /// Contributors at `s1`, at a group below it and at the sibling `s2`, with
    /// the deny assignments given.
    fn contributors(denies: &[String]) -> Review {
        let az = format!(
            "[{},{},{}]",
            az("sub@x.com", "p1", "Contributor", S1),
            az("rg@x.com", "p2", "Contributor", RG),
            az("other@x.com", "p3", "Contributor", S2)
        );
        let denies = format!(r#"{{"value":[{}]}}"#, denies.join(","));
        run(&[("az.json", &az), ("denies.json", &denies)])
    }

    fn row<'r>(r: &'r Review, name: &str) -> &'r PrincipalReview {
        r.principals
            .iter()
            .find(|p| p.principal.name.as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn a_deny_for_everyone_removes_its_operations_at_its_scope_and_below_only() {
        let plain = contributors(&[]);
        let r = contributors(&[deny("stack", S1, VM_DELETE, &[EVERYONE], &[], false)]);
        let before = row(&plain, "other@x.com").azure[0].clone();
        assert_eq!(before.denied, 0);
        for name in ["sub@x.com", "rg@x.com"] {
            let p = row(&r, name);
            let s = &p.azure[0];
            assert_eq!(s.denied, 1, "{name}: {s:?}");
            assert_eq!(s.actions, before.actions - 1, "{name}");
            assert_eq!(s.conditional_actions, before.conditional_actions, "{name}");
            assert_eq!(s.denies.len(), 1, "{name}");
            assert_eq!((s.denies[0].removed, s.denies[0].conditional), (1, 0));
            assert_eq!(p.denies.len(), 1);
            assert_eq!(p.denies[0].name, "stack");
            assert_eq!(p.denies[0].scope, S1);
            assert_eq!(
                p.denies[0].sentence(),
                "deny `stack` at `/subscriptions/s1` removes 1 operation(s)"
            );
        }
        // The sibling subscription is not below the deny's scope.
        let other = row(&r, "other@x.com");
        assert_eq!(other.azure[0], before);
        assert!(other.denies.is_empty());
        assert_eq!(r.summary.principals_affected_by_denies, 2);
        let u = &r.summary.deny_assignments[0];
        assert_eq!(
            (u.operations, u.principals, u.conditional_principals),
            (1, 2, 0)
        );
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("1 deny assignment(s) read")));
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("deny assignments applied: 1 of 1")));
        // In JSON, only when a deny changed something.
        let json = serde_json::to_value(&plain).unwrap();
        assert!(json["principals"][0]["azure"][0].get("denied").is_none());
        assert!(json["summary"].get("principalsAffectedByDenies").is_none());
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["summary"]["principalsAffectedByDenies"], 2);
    }

    #[test]
    fn a_deny_on_its_own_scope_only_spares_child_scopes() {
        let r = contributors(&[deny("here", S1, VM_DELETE, &[EVERYONE], &[], true)]);
        assert_eq!(row(&r, "sub@x.com").azure[0].denied, 1);
        assert_eq!(row(&r, "rg@x.com").azure[0].denied, 0);
        assert!(row(&r, "rg@x.com").denies.is_empty());
        assert!(r.summary.deny_assignments[0].this_scope_only);
    }

    #[test]
    fn an_excluded_principal_is_spared_and_a_named_one_alone_is_denied() {
        let r = contributors(&[deny(
            "stack",
            S1,
            VM_DELETE,
            &[EVERYONE],
            &[("P1", "User")],
            false,
        )]);
        assert_eq!(row(&r, "sub@x.com").azure[0].denied, 0);
        assert_eq!(row(&r, "rg@x.com").azure[0].denied, 1);
        let r = contributors(&[deny("only", S1, VM_DELETE, &[("p2", "User")], &[], false)]);
        assert_eq!(row(&r, "sub@x.com").azure[0].denied, 0);
        assert_eq!(row(&r, "rg@x.com").azure[0].denied, 1);
        assert_eq!(r.summary.principals_affected_by_denies, 1);
    }

    /// An outside review: a group's row was surely denied by a deny for everyone
    /// that excluded a user, who may be a member and keeps the access.
    #[test]
    fn a_deny_sparing_a_user_leaves_a_groups_row_conditional() {
        let az = r#"[{"principalName":"ops","principalId":"g9","principalType":"Group","roleDefinitionName":"Contributor","scope":"/subscriptions/s1"},
          {"principalName":"p1@x.com","principalId":"p1","principalType":"User","roleDefinitionName":"Contributor","scope":"/subscriptions/s1"}]"#;
        let denies = format!(
            r#"{{"value":[{}]}}"#,
            deny(
                "stack",
                S1,
                VM_DELETE,
                &[EVERYONE],
                &[("P1", "User")],
                false
            )
        );
        let r = run(&[("az.json", az), ("denies.json", &denies)]);
        let g = row(&r, "ops");
        assert_eq!((g.denies[0].removed, g.denies[0].conditional), (0, 1));
        let why = g.azure[0].denies[0].why.as_deref().unwrap_or_default();
        assert!(why.contains("who may be a member of group"), "{why}");
        // The user it excludes is spared; a deny sparing no one still removes it.
        assert!(row(&r, "p1@x.com").denies.is_empty());
        let denies = format!(
            r#"{{"value":[{}]}}"#,
            deny("stack", S1, VM_DELETE, &[EVERYONE], &[], false)
        );
        let r = run(&[("az.json", az), ("denies.json", &denies)]);
        assert_eq!(row(&r, "ops").denies[0].removed, 1);
    }

    #[test]
    fn a_deny_naming_a_group_makes_its_operations_conditional() {
        let plain = contributors(&[]);
        let before = row(&plain, "sub@x.com").azure[0].clone();
        let r = contributors(&[deny("grp", S1, VM_DELETE, &[("g1", "Group")], &[], false)]);
        let p = row(&r, "sub@x.com");
        let s = &p.azure[0];
        assert_eq!(s.denied, 0);
        assert_eq!(s.actions, before.actions - 1);
        assert_eq!(s.conditional_actions, before.conditional_actions + 1);
        let why = s.denies[0].why.as_deref().unwrap_or_default();
        assert!(why.contains("members of group `g1`"), "{why}");
        assert!(why.contains("not in the exports"), "{why}");
        assert_eq!((p.denies[0].removed, p.denies[0].conditional), (0, 1));
        assert!(p.denies[0]
            .sentence()
            .contains("makes 1 operation(s) conditional"));
        let u = &r.summary.deny_assignments[0];
        assert_eq!((u.principals, u.conditional_principals), (0, 2));
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("could not be decided offline")));
        // Excluding a group leaves everyone else unsure too.
        let r = contributors(&[deny(
            "x",
            S1,
            VM_DELETE,
            &[EVERYONE],
            &[("g1", "Group")],
            false,
        )]);
        let s = &row(&r, "sub@x.com").azure[0];
        assert_eq!(
            (s.denied, s.conditional_actions),
            (0, before.conditional_actions + 1)
        );
        assert!(s.denies[0]
            .why
            .as_deref()
            .unwrap_or_default()
            .contains("spares members"));
    }

    #[test]
    fn a_deny_at_a_management_group_is_conditional_below_it() {
        let mg = "/providers/Microsoft.Management/managementGroups/mg1";
        let r = contributors(&[deny("mg", mg, VM_DELETE, &[EVERYONE], &[], false)]);
        let s = &row(&r, "sub@x.com").azure[0];
        assert_eq!(s.denied, 0);
        assert_eq!(s.denies[0].conditional, 1);
        assert!(s.denies[0]
            .why
            .as_deref()
            .unwrap_or_default()
            .contains("management group"));
    }

    #[test]
    fn conditions_and_several_blocks_of_a_deny() {
        let cond = "((!(ActionMatches{'Microsoft.Compute/virtualMachines/write'})) OR (@Resource[Microsoft.Compute/virtualMachines:name] StringEquals 'vm1'))";
        let blocks = format!(
            r#"[{{"actions":["Microsoft.Compute/virtualMachines/delete"]}},{{"actions":["Microsoft.Compute/virtualMachines/write"],"condition":"{cond}","conditionVersion":"2.0"}},{{"actions":["Microsoft.Compute/virtualMachines/start/action"],"condition":"((!(ActionMatches{{'Microsoft.Compute/virtualMachines/start/action'}})))"}}]"#
        );
        let plain = contributors(&[]);
        let before = row(&plain, "sub@x.com").azure[0].clone();
        let r = contributors(&[deny("blocks", S1, &blocks, &[EVERYONE], &[], false)]);
        let s = &row(&r, "sub@x.com").azure[0];
        // delete: removed; write: conditional (its block's condition is about the
        // resource); start: its condition is false for that action, so not denied.
        assert_eq!(s.denied, 1, "{s:?}");
        assert_eq!(s.actions, before.actions - 2);
        assert_eq!(s.conditional_actions, before.conditional_actions + 1);
        let d = &s.denies[0];
        assert_eq!((d.removed, d.conditional), (1, 1));
        assert!(
            d.why
                .as_deref()
                .unwrap_or_default()
                .contains("its condition"),
            "{d:?}"
        );
        // A condition on the whole deny (PowerShell's shape) makes all of it so.
        let ps = format!(
            r#"[{{"DenyAssignmentName":"ps","Actions":["Microsoft.Compute/virtualMachines/delete"],"Scope":"{S1}","Principals":[{{"Id":"{}","Type":"SystemDefined"}}],"Condition":"{cond}"}}]"#,
            EVERYONE.0
        );
        let az = format!("[{}]", az("sub@x.com", "p1", "Contributor", S1));
        let r = run(&[("az.json", &az), ("ps.json", &ps)]);
        let s = &r.principals[0].azure[0];
        // The condition does not name delete: `!ActionMatches` is true for it.
        assert_eq!(
            (s.denied, s.conditional_actions),
            (1, before.conditional_actions)
        );
    }

    #[test]
    fn flags_follow_what_denies_leave() {
        let uaa = "User Access Administrator";
        let write = r#"[{"actions":["Microsoft.Authorization/roleAssignments/write"]}]"#;
        let az = format!(
            "[{},{},{}]",
            az("a@x.com", "p1", uaa, S1),
            az("b@x.com", "p2", uaa, S1),
            az("c@x.com", "p3", uaa, S2)
        );
        let denies = format!(
            r#"{{"value":[{},{}]}}"#,
            deny("no-assign", S1, write, &[("p1", "User")], &[], false),
            deny("grp", S1, write, &[("g1", "Group")], &[], false)
        );
        let r = run(&[("az.json", &az), ("denies.json", &denies)]);
        let flag = |name: &str| {
            row(&r, name)
                .flags
                .iter()
                .find(|f| f.flag == "role-assignment-write")
                .cloned()
        };
        // Surely denied for a: no flag. Perhaps for b (a group): conditional, one
        // level lower, not escalation, the deny named. Not at all for c.
        assert!(flag("a@x.com").is_none(), "{:?}", row(&r, "a@x.com").flags);
        let b = flag("b@x.com").unwrap_or_else(|| panic!("b: no flag"));
        let c = flag("c@x.com").unwrap_or_else(|| panic!("c: no flag"));
        assert!(b.conditional && !b.escalation, "{b:?}");
        assert!(b.message.contains("deny `grp`"), "{}", b.message);
        assert_eq!(b.level, c.level.lower());
        assert!(!c.conditional && c.escalation);
    }

    #[test]
    fn an_assignment_outside_its_custom_roles_assignable_scopes_is_noted() {
        // Review s43 T6: evaluated with no word, though Azure refuses to create it.
        let roles = r#"[{"roleName":"Net ops","permissions":[{"actions":["Microsoft.Network/*/read"]}],"assignableScopes":["/subscriptions/s1"]}]"#;
        let az = format!(
            "[{},{}]",
            az("a@x.com", "p1", "Net ops", S1),
            az("b@x.com", "p2", "Net ops", S2)
        );
        let r = run(&[("az.json", &az), ("roles.json", roles)]);
        let note = r
            .notes
            .iter()
            .find(|n| n.contains("outside their role's `assignableScopes`"))
            .unwrap_or_else(|| panic!("{:?}", r.notes));
        assert!(note.starts_with("1 assignment(s)"), "{note}");
        assert!(note.contains("`Net ops` at `/subscriptions/s2`"), "{note}");
    }

    #[test]
    fn the_everything_flag_counts_what_denies_leave() {
        // Review s43 T4: Owner under a deny of all but reads and one action kept
        // "`*` in Actions: every operation" at its full level.
        let az = format!(
            "[{},{}]",
            az("a@x.com", "p1", "Owner", S1),
            az("b@x.com", "p2", "Owner", S1)
        );
        let most = r#"[{"actions":["*"],"notActions":["*/read","Microsoft.Network/virtualNetworks/subnets/join/action"]}]"#;
        let denies = format!(
            r#"{{"value":[{}]}}"#,
            deny("most", S1, most, &[EVERYONE], &[("p2", "User")], false)
        );
        let r = run(&[("az.json", &az), ("denies.json", &denies)]);
        let flag = |name: &str| {
            row(&r, name)
                .flags
                .iter()
                .find(|f| f.flag == "everything")
                .cloned()
                .unwrap_or_else(|| panic!("{name}: no everything flag"))
        };
        let (a, b) = (flag("a@x.com"), flag("b@x.com"));
        assert_eq!(a.level, b.level.lower(), "{a:?}");
        assert!(
            a.message.contains("less what deny assignments block"),
            "{}",
            a.message
        );
        assert!(!b.message.contains("deny"), "{}", b.message);
    }

    #[test]
    fn windows365_operations_lose_what_denies_block() {
        let az = format!(
            "[{},{}]",
            az("a@x.com", "p1", "Owner", S1),
            az("b@x.com", "p2", "Owner", S1)
        );
        let graph = r#"{"value":[{"roleDefinitionId":"11451d60-acb2-45eb-a7d6-43d0f0125c13","principalId":"p1","directoryScopeId":"/"},{"roleDefinitionId":"11451d60-acb2-45eb-a7d6-43d0f0125c13","principalId":"p2","directoryScopeId":"/"}]}"#;
        let all = r#"[{"actions":["*"]}]"#;
        let denies = format!(
            r#"{{"value":[{}]}}"#,
            deny("all", S1, all, &[EVERYONE], &[("p2", "User")], false)
        );
        let r = run(&[
            ("az.json", &az),
            ("graph.json", graph),
            ("denies.json", &denies),
        ]);
        let (a, b) = (row(&r, "a@x.com"), row(&r, "b@x.com"));
        assert!(
            a.windows365.allowed.len() < b.windows365.allowed.len(),
            "{} vs {}",
            a.windows365.allowed.len(),
            b.windows365.allowed.len()
        );
        assert_eq!(
            a.azure[0].actions + a.azure[0].data_actions,
            0,
            "{:?}",
            a.azure[0]
        );
        assert!(!a.flags.iter().any(|f| f.flag == "role-assignment-write"));
        assert!(b.can_escalate);
    }

    #[test]
    fn a_review_with_denies_in_steps_is_the_review_in_one_go() {
        let az = format!(
            "[{},{},{}]",
            az("a@x.com", "p1", "Contributor", S1),
            az("b@x.com", "p2", "Contributor", RG),
            az("c@x.com", "p3", "Contributor", RG)
        );
        let denies = format!(
            r#"{{"value":[{},{}]}}"#,
            deny("d1", S1, VM_DELETE, &[EVERYONE], &[("p3", "User")], false),
            deny("d2", RG, VM_DELETE, &[("g", "Group")], &[], false)
        );
        let cat = crate::catalog().unwrap();
        let loaded = super::super::load(cat, &[("az.json", &az), ("d.json", &denies)]).unwrap();
        let whole = review(cat, &loaded);
        let mut job = Reviewing::new(cat, &loaded);
        while !job.step(&loaded, 1) {}
        assert_eq!(job.finish(&loaded), whole);
        // c: spared by d1, perhaps denied by d2; b: surely denied by d1, which
        // leaves d2 nothing to take.
        let c = &row(&whole, "c@x.com").azure[0];
        assert_eq!(
            (c.denied, c.denies.len(), c.denies[0].conditional),
            (0, 1, 1)
        );
        let b = &row(&whole, "b@x.com").azure[0];
        assert_eq!((b.denied, b.denies.len()), (1, 1));
    }

    #[test]
    fn too_many_deny_assignments_are_refused_where_the_limit_is_passed() {
        let one = deny("d", S1, VM_DELETE, &[EVERYONE], &[], false);
        let many = format!(
            r#"{{"value":[{}]}}"#,
            vec![one.as_str(); super::super::MAX_DENY_ASSIGNMENTS + 1].join(",")
        );
        let cat = crate::catalog().unwrap();
        let e = super::super::load(cat, &[("d.json", &many)]).unwrap_err();
        assert_eq!(e.file, "d.json");
        assert_eq!(e.error.path.as_deref(), Some("$.value[2000]"));
        assert!(
            e.error.message.contains("more than 2000 deny assignments"),
            "{e}"
        );
        let request = format!(r#"{{"assignments":[],"denyAssignments":{many}}}"#);
        let e = super::super::load(cat, &[("r.json", &request)]).unwrap_err();
        assert!(e.error.message.contains("more than 2000"), "{e}");
    }

    /// A PIM eligibility grants nothing until activated: the principal is listed
    /// as eligible (role, end, level once activated), with no assignment, flag or
    /// operation from it; the review in steps agrees (review H3 H1).
    #[test]
    fn an_eligibility_is_listed_apart_and_grants_nothing() {
        let page = r##"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilitySchedules","value":[
          {"principalId":"e7","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/","memberType":"Direct","status":"Provisioned","scheduleInfo":{"startDateTime":"2025-08-01T10:00:00Z","expiration":{"type":"afterDateTime","endDateTime":"2026-08-01T10:00:00Z"}}},
          {"principalId":"e8","roleDefinitionId":"00000000-dead-beef-0000-000000000000","directoryScopeId":"/administrativeUnits/au1","scheduleInfo":{"expiration":{"type":"noExpiration"}}}]}"##;
        let active = r#"{"value":[{"principalId":"e7","roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","directoryScopeIds":["/"]}]}"#;
        let cat = crate::catalog().unwrap();
        let loaded = super::super::load(cat, &[("pim.json", page), ("ra.json", active)]).unwrap();
        assert_eq!((loaded.assignments.len(), loaded.eligible.len()), (1, 2));
        let r = review(cat, &loaded);
        let mut job = Reviewing::new(cat, &loaded);
        while !job.step(&loaded, 1) {}
        assert_eq!(job.finish(&loaded), r);
        let e7 = by_id(&r, "e7");
        assert_eq!(e7.assignments.len(), 1, "only the active Cloud PC Reader");
        assert_eq!(e7.assignments[0].role, "Cloud PC Reader");
        assert_eq!(
            e7.level,
            PrincipalLevel::Low,
            "not critical: GA is not active"
        );
        assert!(!e7.can_escalate);
        assert_eq!(e7.eligible.len(), 1);
        let ga = &e7.eligible[0];
        assert_eq!(ga.role, "Global Administrator");
        assert_eq!(ga.ends.as_deref(), Some("2026-08-01T10:00:00Z"));
        assert_eq!(ga.level_if_activated, Some(Level::Critical));
        let e8 = by_id(&r, "e8");
        assert!(e8.assignments.is_empty() && e8.unresolved.is_empty());
        assert_eq!(e8.level, PrincipalLevel::None);
        assert!(e8.eligible[0].unresolved);
        assert_eq!(
            e8.eligible[0].scope.as_deref(),
            Some("/administrativeUnits/au1")
        );
        assert_eq!(e8.eligible[0].ends, None);
        assert_eq!((r.summary.eligible, r.summary.eligible_principals), (2, 2));
        assert_eq!(r.summary.assignments, 1);
        assert!(
            r.unresolved.is_empty(),
            "an eligibility is not a skipped assignment"
        );
        // Without a time to review as of, nothing is said to have ended.
        assert!(!ga.ended && r.summary.eligible_ended == 0);
        // As of a day after its end, it has ended; the day before, not; the one
        // with no end never does.
        for (as_of, ended) in [
            ("2026-08-02", true),
            ("2026-08-01T10:00:01Z", true),
            ("2026-08-01T10:00:00.000Z", false),
            ("2026-07-31", false),
        ] {
            let mut at = loaded.clone();
            at.as_of = Some(as_of.to_string());
            let r = review(cat, &at);
            assert_eq!(by_id(&r, "e7").eligible[0].ended, ended, "{as_of}");
            assert!(!by_id(&r, "e8").eligible[0].ended);
            assert_eq!(r.summary.eligible_ended, usize::from(ended));
        }
        let ga_use = r
            .roles
            .iter()
            .find(|u| u.role == "Global Administrator")
            .unwrap();
        assert_eq!((ga_use.assignments, ga_use.eligible), (0, 1));
        assert!(r
            .notes
            .iter()
            .any(|n| n.starts_with("2 PIM eligibilities read")));
        // A schedule request is no grant and is refused where it is.
        let req = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilityScheduleRequests","value":[{"action":"adminAssign","principalId":"p","roleDefinitionId":"r","directoryScopeId":"/"}]}"#;
        let e = super::super::load(cat, &[("req.json", req)]).unwrap_err();
        assert_eq!(e.error.path.as_deref(), Some("$.value[0]"));
        assert!(e.error.message.contains("PIM schedule request"), "{e}");
    }

    /// Active PIM schedules are assignments, their ends noted (review H3 H1).
    #[test]
    fn an_active_schedule_is_an_assignment() {
        let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignmentScheduleInstances","value":[
          {"principalId":"a1","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/","assignmentType":"Activated","memberType":"Direct","startDateTime":"2025-08-01T10:00:00Z","endDateTime":"2025-08-01T18:00:00Z"}]}"#;
        let r = run(&[("active.json", page)]);
        let a1 = by_id(&r, "a1");
        assert_eq!(a1.assignments[0].role, "Global Administrator");
        assert_eq!(a1.level, PrincipalLevel::Critical);
        assert!(r.notes.iter().any(|n| n
            .contains("1 active assignment(s) read from PIM schedules")
            && n.contains("until `2025-08-01T18:00:00Z`")));
    }

    /// An outside review: an assignment scoped to an administrative unit read
    /// as a tenant-wide holder's row.
    #[test]
    fn a_directory_scope_below_the_tenant_is_kept_on_the_row() {
        let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments","value":[
          {"principalId":"d1","roleDefinitionId":"11451d60-acb2-45eb-a7d6-43d0f0125c13","directoryScopeId":"/"},
          {"principalId":"d2","roleDefinitionId":"11451d60-acb2-45eb-a7d6-43d0f0125c13","directoryScopeId":"/administrativeUnits/au1"}]}"#;
        let r = run(&[("ra.json", page)]);
        assert_eq!(by_id(&r, "d1").assignments[0].directory_scope, None);
        assert_eq!(
            by_id(&r, "d2").assignments[0].directory_scope.as_deref(),
            Some("/administrativeUnits/au1")
        );
    }

    /// An outside review: a schedule starting after the review's date was held
    /// now, and an end that is no date was listed without a word.
    #[test]
    fn a_schedule_not_started_is_not_held_and_an_unreadable_time_is_said() {
        let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignmentSchedules","value":[
          {"principalId":"f1","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/","memberType":"Direct","status":"Provisioned","scheduleInfo":{"startDateTime":"2027-06-01T00:00:00Z","expiration":{"type":"noExpiration"}}},
          {"principalId":"f2","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/","memberType":"Direct","status":"Provisioned","scheduleInfo":{"startDateTime":"2025-06-01T00:00:00Z","expiration":{"type":"afterDateTime","endDateTime":"garbage"}}}]}"#;
        let cat = crate::catalog().unwrap();
        let mut loaded = super::super::load(cat, &[("s.json", page)]).unwrap();
        loaded.as_of = Some("2026-12-07".into());
        let r = review(cat, &loaded);
        assert!(r
            .principals
            .iter()
            .all(|p| p.principal.id.as_deref() != Some("f1")));
        assert_eq!(by_id(&r, "f2").level, PrincipalLevel::Critical);
        assert!(r.notes.iter().any(|n| n.starts_with(
            "1 active PIM assignment(s) start after the review's date (`2026-12-07`)"
        ) && n.contains("starts `2027-06-01T00:00:00Z`")));
        assert!(r.notes.iter().any(|n| n
            .starts_with("1 PIM schedule time(s) are no date and time in UTC")
            && n.contains("end `garbage` at `$.value[1]`")));
        // As of a date after the start, it is held.
        loaded.as_of = Some("2027-06-02".into());
        let r = review(cat, &loaded);
        assert_eq!(by_id(&r, "f1").level, PrincipalLevel::Critical);
    }

    /// Built-in definitions in a page: an Intune one whose id the bundle does not
    /// hold is the bundled role of its name, and resolves assignments naming its
    /// id (review H3 M8); one the bundle does not hold at all is read as listed
    /// and is not custom (review H3 L6).
    #[test]
    fn built_in_definitions_of_every_plane_are_not_custom_roles() {
        let intune_defs = r#"{"value":[
          {"id":"9e0cc482-82df-4ab2-a24c-0c23a3f52e1e","displayName":"Help Desk Operator","isBuiltIn":true,"rolePermissions":[{"allowedResourceActions":["Microsoft.Intune/ManagedDevices/Read"]}]},
          {"id":"c0de","displayName":"Contoso Wipers","isBuiltIn":false,"rolePermissions":[{"allowedResourceActions":["Microsoft.Intune/RemoteTasks/Wipe"]}]}]}"#;
        let unified = r#"{"value":[{"roleDefinitionId":"9E0CC482-82DF-4AB2-A24C-0C23A3F52E1E","principalIds":["h1"],"directoryScopeIds":[],"appScopeIds":["AllDevices"]}]}"#;
        let entra_defs = r#"{"value":[{"id":"729827e3-9c14-49f7-bb1b-9608f156bbb8","displayName":"Helpdesk Administrator","isBuiltIn":true,"rolePermissions":[{"allowedResourceActions":["microsoft.directory/users/password/update"]}]}]}"#;
        let entra = r#"{"value":[{"roleDefinitionId":"729827e3-9c14-49f7-bb1b-9608f156bbb8","principalId":"h2","directoryScopeId":"/"}]}"#;
        let r = run(&[
            ("ra.json", unified),
            ("rd.json", intune_defs),
            ("era.json", entra),
            ("erd.json", entra_defs),
        ]);
        let h1 = by_id(&r, "h1");
        assert_eq!(h1.assignments[0].role, "Help Desk Operator");
        assert!(!h1.assignments[0].custom);
        assert!(h1.unresolved.is_empty());
        let h2 = by_id(&r, "h2");
        assert_eq!(h2.assignments[0].role, "Helpdesk Administrator");
        assert!(!h2.assignments[0].custom, "isBuiltIn: true is not custom");
        assert_eq!(r.summary.custom_roles, 1);
        assert_eq!(r.summary.unused_custom_roles, ["Contoso Wipers"]);
        let rd = r.sources.iter().find(|s| s.name == "rd.json").unwrap();
        assert_eq!((rd.roles, rd.builtin_skipped), (1, 1));
        let erd = r.sources.iter().find(|s| s.name == "erd.json").unwrap();
        assert_eq!((erd.roles, erd.builtin_read), (0, 1));
        assert!(
            !r.roles
                .iter()
                .find(|u| u.role == "Helpdesk Administrator")
                .unwrap()
                .custom
        );
    }

    /// Classic administrators hold Owner at their subscription, said in the
    /// row (review H3 L5).
    #[test]
    fn a_classic_administrator_is_reviewed_as_owner() {
        let az = r#"[{"id":"/subscriptions/s1/providers/Microsoft.Authorization/classicAdministrators/1","principalId":null,"principalName":"legacy@contoso.com","principalType":null,"roleDefinitionName":"ServiceAdministrator;AccountAdministrator","scope":"/subscriptions/s1","type":"Microsoft.Authorization/classicAdministrators"},
          {"principalId":null,"principalName":"billing@contoso.com","principalType":null,"roleDefinitionName":"AccountAdministrator","scope":"/subscriptions/s1","type":"Microsoft.Authorization/classicAdministrators"}]"#;
        let r = run(&[("az.json", az)]);
        assert_eq!(
            r.principals.len(),
            1,
            "the Account Administrator alone holds no access"
        );
        let p = &r.principals[0];
        assert_eq!(p.principal.label(), "legacy@contoso.com");
        assert_eq!(p.assignments[0].role, "Owner");
        assert_eq!(
            p.assignments[0].classic.as_deref(),
            Some("ServiceAdministrator;AccountAdministrator")
        );
        assert_eq!(p.level, PrincipalLevel::Critical);
        assert!(r.unresolved.is_empty());
        assert!(r
            .notes
            .iter()
            .any(|n| n.contains("reviewed as `Owner` at their subscription")
                && n.contains("retired on 2024-08-31")));
        assert!(r.notes.iter().any(|n| n
            .contains("1 classic Account Administrator row(s) left out")
            && n.contains("billing@contoso.com")));
    }

    /// A user's row holds direct assignments only: a note says so and names the
    /// groups, whose access reaches their members (review H3 M2).
    #[test]
    fn group_rows_come_with_the_membership_caveat() {
        let both = format!(
            "[{},{}]",
            az("u@x.com", "u1", "Reader", S1),
            az("Cloud PC Ops", "g1", "Contributor", S1).replace("\"User\"", "\"Group\"")
        );
        let r = run(&[("az.json", &both)]);
        assert_eq!(r.summary.groups, 1);
        let note = r
            .notes
            .iter()
            .find(|n| n.contains("group membership is not an input"))
            .unwrap();
        assert!(note.contains("the groups here: `Cloud PC Ops`"), "{note}");
        // Users alone, all typed: nothing to say.
        let users = format!("[{}]", az("u@x.com", "u1", "Reader", S1));
        assert!(!run(&[("az.json", &users)])
            .notes
            .iter()
            .any(|n| n.contains("group membership")));
    }
}
