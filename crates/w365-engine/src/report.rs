//! A review report a reviewer can sign: for a design (custom roles and
//! assignments, the request shape) or an imported tenant. [`design`] and
//! [`tenant`] build a typed [`Report`]; [`render::markdown`] and
//! [`render::html`] write it (the HTML prints cleanly on A4 and Letter). The CLI's
//! `report` command and the app use the same builder.
//!
//! Sections: what was reviewed, the data date and sources (the bundle's
//! provenance), the Windows 365 operations enabled and denied, Azure effective
//! operations by provider with the risky ones listed (a design's after what its
//! deny assignments remove for who asks), lint and risk findings, the nearest
//! built-in role and the difference, and the source conflicts touched.

mod design;
pub mod render;
mod tenant;

pub use design::Designing;
pub use tenant::TenantReporting;

use crate::bundle::Catalog;
use crate::expand::Expansion;
use crate::import::ImportedRole;
use crate::lint::{Diagnostic, Linter};
use crate::model::{Plane, Role};
use crate::readiness::{OperationResult, Status};
use crate::request::Request;
use crate::risk::{CategoryNotes, Level};
use crate::roleset::{RoleRef, RoleSet};
use crate::tenant::review::{ProviderCount, Review, Summary, PROVIDERS_SHOWN};
use crate::tenant::Loaded;
use crate::text::markdown_code as code;
use serde::Serialize;

/// The report's JSON schema version.
pub const SCHEMA_VERSION: u32 = 1;

/// Operations listed per difference or risky list before "and N more".
pub const LISTED: usize = 15;

/// The bundle's provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// Date of the Azure role and operation snapshot.
    pub data_date: String,
    /// Where the operations come from.
    pub operations_source: String,
    /// Every source record.
    pub sources: Vec<String>,
}

/// One Windows 365 operation's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationLine {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Group.
    pub group: String,
    /// An admin task, or one Cloud PC permission as an operation.
    pub kind: crate::windows365::OperationKind,
    /// Verdict (for a tenant: the best any principal has).
    pub status: Status,
    /// Tenant: principals allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principals: Option<usize>,
    /// A Cloud PC permission the roles hold whose operation is still denied by
    /// another of its requirements (the Azure role on the subscription that the
    /// ANC permissions need): held, not usable (an outside review: the report
    /// counted these as not held, while `operations` says granted).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub held_needs_more: bool,
}

/// A risky operation held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskyOperation {
    /// The operation.
    pub operation: String,
    /// The risk flag.
    pub flag: String,
    /// Its level.
    pub level: Level,
    /// The role holding it.
    pub role: String,
    /// Tenant: every assignment through which a principal holds it carries a
    /// condition that may refuse it (the level is then one lower, as in the review).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
}

/// Azure effective operations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AzureSection {
    /// Control-plane operations.
    pub actions: usize,
    /// Data-plane operations.
    pub data_actions: usize,
    /// Control-plane operations granted only under a condition.
    pub conditional_actions: usize,
    /// Data-plane operations granted only under a condition (apart, as everywhere).
    pub conditional_data_actions: usize,
    /// Operations per provider, most first.
    pub providers: Vec<ProviderCount>,
    /// Risky operations, most serious first (at most [`LISTED`] per flag).
    pub risky: Vec<RiskyOperation>,
}

/// Lint findings of one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleLint {
    /// Role name.
    pub role: String,
    /// Findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// Risk findings of one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleRisk {
    /// Role name.
    pub role: String,
    /// Most serious level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Notes by category.
    pub categories: Vec<CategoryNotes>,
}

/// The nearest built-in role and the difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Nearest {
    /// The custom role.
    pub role: String,
    /// The nearest built-in role of the same plane ([`nearest`]).
    pub builtin: String,
    /// What the custom role grants and the built-in does not (first [`LISTED`]).
    pub extra: Vec<String>,
    /// How many in all.
    pub extra_count: usize,
    /// What the built-in grants and the custom role does not (first [`LISTED`]).
    pub missing: Vec<String>,
    /// How many in all.
    pub missing_count: usize,
}

/// A source conflict the reviewed assignments touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictLine {
    /// The operation.
    pub operation: String,
    /// What the sources disagree on.
    pub topic: String,
    /// Whether their verdicts agree here.
    pub agree: bool,
    /// Each source: `source: verdict`.
    pub positions: Vec<String>,
    /// In a tenant review: how many principals meet the conflict with these
    /// verdicts (one line per distinct set of verdicts, review F2 L2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principals: Option<usize>,
}

/// A principal that can escalate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalLine {
    /// Name or id.
    pub principal: String,
    /// User, Group, ServicePrincipal, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Most serious level.
    pub level: Option<Level>,
    /// The flags (`flag via role`).
    pub flags: Vec<String>,
}

/// A principal whose operations deny assignments changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeniedLine {
    /// Name or id.
    pub principal: String,
    /// User, Group, ServicePrincipal, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// What each deny took ([`crate::tenant::DenyEffect::sentence`]).
    pub denies: Vec<String>,
}

/// A principal eligible for roles through PIM (which it holds only once it
/// activates them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibleLine {
    /// Name or id.
    pub principal: String,
    /// User, Group, ServicePrincipal, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Each eligible role: name, where, until when, its level once activated.
    pub roles: Vec<String>,
}

/// One principal of a tenant: who, how serious, what it holds where, the Windows
/// 365 tasks it can do, and what of it could not be reviewed (review s43 T1: the
/// report named only those who can escalate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipalRow {
    /// Name or id.
    pub principal: String,
    /// Its object id, when exported (two principals may share a name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// User, Group, ServicePrincipal, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Most serious level (`critical`, ..., `unresolved`, `none`).
    pub level: &'static str,
    /// Each role held, with where (`Reader at /subscriptions/...`, `... tenant-wide`).
    pub roles: Vec<String>,
    /// The Windows 365 tasks allowed (names; `(conditional)` after those that
    /// are only conditionally).
    pub windows365: Vec<String>,
    /// Its assignments that could not be reviewed (role as exported, where).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<String>,
}

/// A kind of assignment the review could not use, with why and where the first is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnresolvedLine {
    /// The role reference as exported.
    pub role: String,
    /// How many assignments.
    pub count: usize,
    /// The JSON path of the first (in its file).
    pub path: String,
    /// Why.
    pub why: String,
}

/// The tenant part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantSection {
    /// The review's summary.
    pub summary: Summary,
    /// Every principal, most serious first (at most [`PRINCIPALS_LISTED`]).
    pub principals: Vec<PrincipalRow>,
    /// The assignments that could not be reviewed, by role reference.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unresolved: Vec<UnresolvedLine>,
    /// Principals that can escalate, most serious first.
    pub escalation: Vec<PrincipalLine>,
    /// Principals whose operations deny assignments changed, most serious first
    /// (at most [`PRINCIPALS_LISTED`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub denied: Vec<DeniedLine>,
    /// Principals eligible for roles (PIM), most serious once activated first (at
    /// most [`PRINCIPALS_LISTED`]): what they hold is not counted anywhere else.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eligible: Vec<EligibleLine>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// `design` or `tenant`.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// What was reviewed, one line each.
    pub reviewed: Vec<String>,
    /// The input files.
    pub inputs: Vec<String>,
    /// The data's date and sources.
    pub data: Provenance,
    /// Windows 365 operations, enabled first.
    pub operations: Vec<OperationLine>,
    /// Azure effective operations.
    pub azure: AzureSection,
    /// Lint findings per custom role.
    pub lint: Vec<RoleLint>,
    /// Risk findings per role.
    pub risks: Vec<RoleRisk>,
    /// Nearest built-in roles.
    pub nearest: Vec<Nearest>,
    /// Source conflicts touched.
    pub conflicts: Vec<ConflictLine>,
    /// The tenant part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<TenantSection>,
    /// Notes on the input.
    pub notes: Vec<String>,
}

/// The principals eligible for roles, those whose roles would be most serious
/// once activated first.
fn eligible_lines(review: &Review) -> Vec<EligibleLine> {
    let mut with: Vec<_> = review
        .principals
        .iter()
        .filter(|p| !p.eligible.is_empty())
        .map(|p| {
            let worst = p.eligible.iter().filter_map(|e| e.level_if_activated).min();
            (worst.is_none(), worst, p)
        })
        .collect();
    crate::order::sort_by_key(&mut with, |a| (a.0, a.1));
    with.into_iter()
        .take(PRINCIPALS_LISTED)
        .map(|(_, _, p)| EligibleLine {
            principal: p.principal.label().to_string(),
            kind: p.principal.kind.clone(),
            roles: p
                .eligible
                .iter()
                .map(|e| {
                    let mut s = e.role.clone();
                    let mut about = Vec::new();
                    if let Some(scope) = &e.scope {
                        about.push(format!("at {}", code(scope)));
                    }
                    about.push(match &e.ends {
                        Some(end) if e.ended => {
                            format!("ended {}: it can no longer be activated", code(end))
                        }
                        Some(end) => format!("until {}", code(end)),
                        None => "no end given".into(),
                    });
                    if let Some(l) = e.level_if_activated {
                        about.push(format!("{} once activated", l.as_str()));
                    }
                    if e.unresolved {
                        about.push("role not resolved".into());
                    }
                    s.push_str(&format!(" ({})", about.join("; ")));
                    s
                })
                .collect(),
        })
        .collect()
}

fn provenance(catalog: &Catalog) -> Provenance {
    Provenance {
        data_date: catalog.manifest.data_date.clone(),
        operations_source: catalog.manifest.operations_source.clone(),
        sources: catalog.manifest.sources.clone(),
    }
}

fn plane_label(p: Plane) -> &'static str {
    match p {
        Plane::Azure => "Azure",
        Plane::CloudPc => "Cloud PC",
        Plane::Intune => "Intune",
        Plane::Entra => "Entra",
    }
}

/// Operations the reviewed roles hold, by provider: each role with what it gives
/// (after what deny assignments take away, in a design).
fn azure_section(
    catalog: &Catalog,
    roles: &RoleSet<'_>,
    held: &[(RoleRef, Expansion)],
    at_root: impl Fn(&str) -> bool,
    notes: &mut Vec<String>,
) -> AzureSection {
    let mut risky = Vec::new();
    for (r, e) in held {
        if let Some(role) = roles.get(*r) {
            azure_risky(catalog, role, e, &mut risky);
        }
    }
    azure_totals(catalog, held, risky, at_root, notes)
}

/// The risky operations an Azure role gives in `e` (none for a role of another
/// plane), added to `risky`.
fn azure_risky(catalog: &Catalog, role: &Role, e: &Expansion, risky: &mut Vec<RiskyOperation>) {
    if role.plane() != Plane::Azure {
        return;
    }
    let held = |name: &str, set: &crate::bitset::BitSet| {
        [false, true].iter().any(|&data| {
            catalog
                .operations
                .find(name, data)
                .is_some_and(|i| set.contains(i))
        })
    };
    for n in crate::risk::assess(catalog, role, e) {
        // An operation a deny assignment takes away is not held.
        let listed = n
            .operations
            .iter()
            .filter(|o| held(&o.name, &e.granted) || held(&o.name, &e.conditional))
            .take(LISTED);
        for op in listed {
            // Held only under a condition (the assignment's, a deny's that may
            // apply): marked so (`risk::assess` read the expansion and gave it
            // the level one lower, as the tenant review does).
            let conditional = !held(&op.name, &e.granted);
            risky.push(RiskyOperation {
                operation: op.name.clone(),
                flag: n.flag.clone(),
                level: n.level,
                role: role.name.clone(),
                conditional,
            });
        }
    }
}

/// The section from what the roles hold and the risky operations
/// [`azure_risky`] found in them.
fn azure_totals(
    catalog: &Catalog,
    held: &[(RoleRef, Expansion)],
    mut risky: Vec<RiskyOperation>,
    at_root: impl Fn(&str) -> bool,
    notes: &mut Vec<String>,
) -> AzureSection {
    let mut ex = Expansion::empty(catalog);
    for (_, e) in held {
        ex.union_with(e);
    }
    let mut providers = crate::tenant::review::provider_counts(catalog, &ex.granted);
    providers.truncate(PROVIDERS_SHOWN * 2);
    // Before the one-row-per-operation merge below, which would otherwise keep a
    // role that elevates nobody in place of one that does.
    elevation_at_root_only(&mut risky, at_root, notes);
    crate::order::sort_by(&mut risky, |a, b| {
        (a.level, &a.flag, &a.operation, &a.role).cmp(&(b.level, &b.flag, &b.operation, &b.role))
    });
    risky.dedup_by(|a, b| a.operation == b.operation && a.flag == b.flag);
    let (actions, data_actions) = catalog.operations.count_by_plane(&ex.granted);
    let (conditional_actions, conditional_data_actions) =
        catalog.operations.count_by_plane(&ex.conditional);
    AzureSection {
        actions,
        data_actions,
        conditional_actions,
        conditional_data_actions,
        providers,
        risky,
    }
}

/// The risk flag of `Microsoft.Authorization/elevateAccess/action`, which acts at the
/// root scope `/` only.
const ELEVATE_FLAG: &str = "elevate-access";

/// `Microsoft.Authorization/elevateAccess/action` acts at the root scope `/` only
/// (azure-rbac-semantics.md §1 and §5: an assignment covers its scope and below;
/// EA: elevation is what a Global Administrator gets at `/`). A role's row for it
/// stays only when `at_root` says an assignment of that role is at `/`; otherwise
/// the row goes and a note says why, as the tenant review's per-principal flags do
/// (review M7: Owner at a management group was listed as elevating).
fn elevation_at_root_only(
    risky: &mut Vec<RiskyOperation>,
    at_root: impl Fn(&str) -> bool,
    notes: &mut Vec<String>,
) {
    let mut dropped: Vec<String> = Vec::new();
    risky.retain(|x| {
        let keep = x.flag != ELEVATE_FLAG || at_root(&x.role);
        if !keep && !dropped.contains(&x.role) {
            dropped.push(x.role.clone());
        }
        keep
    });
    for role in dropped {
        notes.push(format!(
            "{} holds {}, but none of its assignments is at the root scope `/`, the only scope where that action acts (a Microsoft Entra Global Administrator's elevation assigns User Access Administrator there, source EA): it elevates nobody here, so it is not listed among the risky operations",
            code(&role),
            code(crate::least::ELEVATE_ACCESS)
        ));
    }
}

/// The nearest built-in role of the same plane: the largest share of what either
/// grants held by both (then the fewest apart), over Azure operations, Cloud PC and Intune permissions and (for
/// Microsoft Entra roles) directory permissions as written. A built-in role that
/// grants nothing the catalog knows (Graph Owner: its provider is not in the
/// operations catalog) is never nearest, nor one that shares nothing with the
/// role: then there is none (review F2 M4).
pub fn nearest(catalog: &Catalog, role: &Role, ex: &Expansion) -> Option<Nearest> {
    Nearby::new(catalog).nearest(role, ex)
}

/// The built-in roles [`nearest`] weighs, with what it compares counted once: a
/// report on thousands of custom roles asks the same of every built-in for each
/// (review J2 H1: 2,400 saved roles took 9 s in the browser).
pub struct Nearby<'c> {
    catalog: &'c Catalog,
    /// Per candidate (assignable at a subscription, not a service's role,
    /// granting something): its index, plane, counts and directory permissions.
    candidates: Vec<Candidate>,
    /// Per catalog operation, the candidates (positions in `candidates`) of the
    /// Azure plane that grant it.
    holders: Vec<Vec<u32>>,
}

struct Candidate {
    index: usize,
    plane: Plane,
    granted: usize,
    cloud_pc: usize,
    intune: usize,
    directory: std::collections::BTreeSet<String>,
}

fn directory(r: &Role) -> std::collections::BTreeSet<String> {
    r.entra_actions
        .iter()
        .map(|a| a.action.to_ascii_lowercase())
        .collect()
}

impl<'c> Nearby<'c> {
    /// Weigh the catalog's built-in roles once.
    pub fn new(catalog: &'c Catalog) -> Nearby<'c> {
        let builtins = catalog.builtin_expansions();
        let mut candidates = Vec::new();
        let mut holders: Vec<Vec<u32>> = vec![Vec::new(); catalog.operations.len()];
        for (i, b) in catalog.roles.iter().enumerate() {
            // A role that cannot be assigned at a subscription is no alternative,
            // nor one meant for a service's own identity.
            if !(b.assignable_scopes.is_empty() || b.assignable_scopes.iter().any(|s| s == "/"))
                || crate::roleset::is_service_role(b)
            {
                continue;
            }
            let Some(e) = builtins.get(i) else { continue };
            let dir = directory(b);
            if e.granted.is_empty()
                && e.cloud_pc.is_empty()
                && e.intune.is_empty()
                && dir.is_empty()
            {
                continue;
            }
            let at = candidates.len() as u32;
            if b.plane() == Plane::Azure {
                for op in e.granted.iter() {
                    if let Some(h) = holders.get_mut(op) {
                        h.push(at);
                    }
                }
            }
            candidates.push(Candidate {
                index: i,
                plane: b.plane(),
                granted: e.granted.count(),
                cloud_pc: e.cloud_pc.count(),
                intune: e.intune.count(),
                directory: dir,
            });
        }
        Nearby {
            catalog,
            candidates,
            holders,
        }
    }

    /// [`nearest`], from the table.
    pub fn nearest(&self, role: &Role, ex: &Expansion) -> Option<Nearest> {
        use std::collections::BTreeSet;
        let catalog = self.catalog;
        let plane = role.plane();
        let builtins = catalog.builtin_expansions();
        let mine = directory(role);
        let (mg, mc, mi) = (ex.granted.count(), ex.cloud_pc.count(), ex.intune.count());
        // Azure operations shared with each candidate, from the posting lists
        // (a custom role grants few operations; `*` all of them: one pass of
        // the pairs).
        let mut shared_granted = vec![0usize; self.candidates.len()];
        if plane == Plane::Azure {
            for op in ex.granted.iter() {
                for &c in self.holders.get(op).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(n) = shared_granted.get_mut(c as usize) {
                        *n += 1;
                    }
                }
            }
        }
        // (shared, in either): the most similar share the largest part of what
        // either grants (Jaccard), so a one-operation role is not "nearest" to every
        // small role it shares nothing with.
        let (i, b, theirs) = self
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.plane == plane)
            .filter_map(|(k, c)| {
                let e = builtins.get(c.index)?;
                let g = if plane == Plane::Azure {
                    shared_granted.get(k).copied().unwrap_or(0)
                } else {
                    ex.granted.intersection_count(&e.granted)
                };
                let cp = ex.cloud_pc.intersection_count(&e.cloud_pc);
                let it = ex.intune.intersection_count(&e.intune);
                let d = mine.intersection(&c.directory).count();
                let shared = g + cp + it + d;
                let apart = (mg + c.granted - 2 * g)
                    + (mc + c.cloud_pc - 2 * cp)
                    + (mi + c.intune - 2 * it)
                    + (mine.len() + c.directory.len() - 2 * d);
                let b = catalog.roles.get(c.index)?;
                (shared > 0).then_some((c.index, b, (shared, shared + apart), &c.directory))
            })
            // Highest shared / union first; then fewer apart, then the shorter name.
            .min_by(|(_, x, (sx, ux), _), (_, y, (sy, uy), _)| {
                (sy * ux)
                    .cmp(&(sx * uy))
                    .then((ux - sx).cmp(&(uy - sy)))
                    .then(x.name.len().cmp(&y.name.len()))
            })
            .map(|(i, b, _, t)| (i, b, t.clone()))?;
        let theirs: BTreeSet<String> = theirs;
        let bex = builtins.get(i)?;
        let names = |only: &crate::bitset::BitSet,
                     cloud: &crate::bitset::BitSet,
                     intune: &crate::bitset::BitSet| {
            let mut v: Vec<String> = only
                .iter()
                .map(|k| catalog.operations.name(k).to_string())
                .collect();
            v.extend(cloud.iter().filter_map(|k| {
                catalog
                    .windows365
                    .permissions
                    .get(k)
                    .map(|p| p.name.clone())
            }));
            v.extend(
                intune
                    .iter()
                    .filter_map(|k| catalog.intune.permissions.get(k).map(|p| p.graph.clone())),
            );
            v
        };
        let diff =
            |a: &Expansion, b: &Expansion, a_dir: &BTreeSet<String>, b_dir: &BTreeSet<String>| {
                let mut g = a.granted.clone();
                g.subtract(&b.granted);
                let mut c = a.cloud_pc.clone();
                c.subtract(&b.cloud_pc);
                let mut t = a.intune.clone();
                t.subtract(&b.intune);
                let mut v = names(&g, &c, &t);
                v.extend(a_dir.difference(b_dir).cloned());
                v
            };
        let mut extra = diff(ex, bex, &mine, &theirs);
        let mut missing = diff(bex, ex, &theirs, &mine);
        let (extra_count, missing_count) = (extra.len(), missing.len());
        extra.truncate(LISTED);
        missing.truncate(LISTED);
        Some(Nearest {
            role: role.name.clone(),
            builtin: b.name.clone(),
            extra,
            extra_count,
            missing,
            missing_count,
        })
    }
}

/// The source conflicts of evaluated operations, one line each.
pub fn conflicts(results: &[OperationResult]) -> Vec<ConflictLine> {
    let mut out = Vec::new();
    for r in results {
        for c in &r.conflicts {
            out.push(ConflictLine {
                operation: r.name.clone(),
                topic: c.topic.clone(),
                agree: c.agree,
                positions: c
                    .positions
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        // Two readings of one source are told apart by their place.
                        let twice = c.positions.iter().filter(|q| q.source == p.source).count() > 1;
                        if twice {
                            format!("{} (reading {}): {}", p.source, i + 1, p.status.as_str())
                        } else {
                            format!("{}: {}", p.source, p.status.as_str())
                        }
                    })
                    .collect(),
                principals: None,
            });
        }
    }
    out
}

/// Lint findings, risk profile and nearest built-in role of the supplied roles,
/// one role at a time. With `listed_builtins` (a tenant's exports), a role that
/// declares itself built in is a Microsoft built-in the bundle does not hold,
/// read from the export (review H3 L6): its risk profile is shown, but it is not
/// linted and no nearer built-in role is offered for it.
struct Findings<'c> {
    catalog: &'c Catalog,
    linter: Linter<'c>,
    /// Built on the first custom role that needs it (a tenant report of built-in
    /// roles only needs none).
    nearby: Option<Nearby<'c>>,
    lint: Vec<RoleLint>,
    risks: Vec<RoleRisk>,
    nearest: Vec<Nearest>,
}

impl<'c> Findings<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        Findings {
            catalog,
            linter: Linter::new(catalog),
            nearby: None,
            lint: Vec::new(),
            risks: Vec::new(),
            nearest: Vec::new(),
        }
    }

    /// Lint a supplied role (not one a tenant's export lists as built in).
    fn lint(&mut self, i: &ImportedRole, listed_builtins: bool) {
        if listed_builtins && i.declares_builtin {
            return;
        }
        self.lint.push(RoleLint {
            role: i.role.name.clone(),
            diagnostics: self.linter.lint_imported(i),
        });
    }

    /// A role's risk profile, and for a custom role its nearest built-in role.
    fn role(
        &mut self,
        roles: &RoleSet<'_>,
        imported: &[ImportedRole],
        r: RoleRef,
        listed_builtins: bool,
    ) {
        let (Some(role), Some(e)) = (roles.get(r), roles.expansion(r)) else {
            return;
        };
        let catalog = self.catalog;
        let categories = crate::risk::profile(catalog, role, e);
        self.risks.push(RoleRisk {
            role: role.name.clone(),
            level: categories.iter().map(|c| c.level).min(),
            categories,
        });
        if let RoleRef::Custom(i) = r {
            let microsofts = listed_builtins && imported.get(i).is_some_and(|x| x.declares_builtin);
            if !microsofts {
                self.nearest.extend(
                    self.nearby
                        .get_or_insert_with(|| Nearby::new(catalog))
                        .nearest(role, e),
                );
            }
        }
    }
}

/// Where a report computed a step at a time stands: its stage, and the unit of
/// that stage to do next ([`Designing`], [`TenantReporting`]).
#[derive(Debug, Clone, Copy)]
struct Steps<S> {
    stage: S,
    next: usize,
}

impl<S: Copy + PartialEq> Steps<S> {
    fn new(first: S) -> Self {
        Steps {
            stage: first,
            next: 0,
        }
    }

    /// The stage and unit to do now (counted as done), or none once at `done`.
    fn take(&mut self, done: S) -> Option<(S, usize)> {
        if self.stage == done {
            return None;
        }
        self.next += 1;
        Some((self.stage, self.next - 1))
    }

    /// The stage had no such unit: `stage` begins.
    fn begin(&mut self, stage: S) {
        self.stage = stage;
        self.next = 0;
    }

    /// `total` units of this stage, called `stage`, done so far.
    fn progress(&self, stage: &'static str, total: usize, done: S) -> crate::tenant::Progress {
        crate::tenant::Progress::at(stage, self.next, total, self.stage == done)
    }
}

/// A report of a design: the request's custom roles and assignments. Without
/// assignments, each custom role is reviewed as if assigned alone (Azure roles at
/// their first assignable scope). [`Designing`] computes the same a step at a time.
pub fn design<'c>(catalog: &'c Catalog, req: Request<'c>, inputs: &[String]) -> Report {
    Designing::new(catalog, req, inputs).finish()
}

/// Principals listed in the escalation table.
pub const PRINCIPALS_LISTED: usize = 50;

/// A report of an imported tenant. [`TenantReporting`] computes the same a step
/// at a time.
pub fn tenant(catalog: &Catalog, loaded: &Loaded, review: &Review) -> Report {
    TenantReporting::new(catalog, loaded).finish(loaded, review)
}
