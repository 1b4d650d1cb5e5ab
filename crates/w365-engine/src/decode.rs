//! "Paste an error": an Azure authorization error (or an Azure network connection
//! health-check code) turned into an answer: the action and scope it names, why
//! the given role assignments deny it (the reasons of [`Environment::evaluate`]),
//! the least-privileged built-in role at the narrowest scope that fixes it (the
//! scope the error names), and the line to add to a custom role.
//!
//! Read: `AuthorizationFailed` ("... does not have authorization to perform action
//! 'A' over scope 'S' or the scope is invalid", ABAC wording included),
//! `LinkedAuthorizationFailed` ("... has permission to perform action 'A' on scope
//! 'S'; however, it does not have permission to perform action(s) 'B' on the linked
//! scope(s) 'T'", several pairs included; "..., however the current tenant 'T' is
//! not authorized to access linked subscription 'L'", across tenants),
//! `DenyAssignmentAuthorizationFailed` ("... has permission to perform action 'A'
//! on scope 'S'; however, the access is denied because of the deny assignment with
//! name 'N' and Id 'I' at scope 'T'", also under the code `AuthorizationFailed`),
//! Key Vault's `ForbiddenByRbac` ("Action:
//! 'A' Resource: 'S'"), `RoleAssignmentExists`, `RoleAssignmentUpdateNotPermitted`
//! ("Tenant ID, application ID, principal ID, and scope are not allowed to be
//! updated."), `InvalidActionOrNotAction`, and
//! health-check `errorType` codes ([`crate::health::explain`]); as JSON bodies
//! (`{"error": {"code", "message", "details"}}`, nested), az CLI text
//! (`(AuthorizationFailed) ...`), or wrapped over several lines. Text of at most
//! [`MAX_TEXT`] bytes, read in a few forward scans.

mod error;
mod parse;

pub use error::DecodeError;

use crate::deny::Subject;
use crate::evaluate::{Decision, Environment, Evaluation, Query, ReasonKind};
use crate::health::Explanation;
use crate::model::Plane;
use crate::scope::Scope;
use crate::text::is_guid;
use serde::Serialize;

/// The longest error text read.
pub const MAX_TEXT: usize = 256 * 1024;

/// What kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// The caller lacks an action at a scope.
    AuthorizationFailed,
    /// The caller may do the main action but lacks one on a linked resource, or
    /// its tenant cannot reach the linked resource's subscription.
    LinkedAuthorizationFailed,
    /// A role grants the action, but a deny assignment refuses it.
    DenyAssignmentAuthorizationFailed,
    /// The role assignment to create exists already.
    RoleAssignmentExists,
    /// A role assignment's name (a GUID) is reused with another principal, scope or
    /// tenant, which Azure does not update.
    RoleAssignmentUpdateNotPermitted,
    /// A role definition names an action the providers do not have.
    InvalidActionOrNotAction,
    /// An Azure network connection health-check code.
    HealthCheck,
}

/// A principal named by the error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// The client: a user principal name, an application id or an object id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// The object id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
}

/// An action at a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionAt {
    /// The action, as the error writes it.
    pub action: String,
    /// A data action (by the catalog).
    pub data_action: bool,
    /// The scope, when named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// The deny assignment an error names as the reason it refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedDeny {
    /// Its name, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The scope it is at (it applies to every scope below too).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// What created it, when its name says so: only that owner can lift it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<DenyOwner>,
    /// The resource that owns it, when its name gives it (a managed application).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_resource: Option<String>,
}

/// What creates a deny assignment (Azure creates them all; nobody writes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DenyOwner {
    /// A managed application, on its managed resource group.
    ManagedApplication,
    /// Azure Kubernetes Service, on a cluster's node resource group (lockdown).
    KubernetesService,
    /// A deployment stack's deny settings.
    DeploymentStack,
    /// A Blueprint assignment's resource locking.
    Blueprint,
}

/// A linked failure across tenants: the tenant the request is made in cannot reach
/// the subscription of a resource the request links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossTenant {
    /// The tenant the caller's token is from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// The linked resource's subscription.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_subscription: Option<String>,
}

/// What fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FixKind {
    /// Assign a built-in role at a scope.
    BuiltInRole,
    /// Add a line to a custom role.
    CustomRoleLine,
    /// Write this action instead (InvalidActionOrNotAction).
    ReplaceAction,
    /// Nothing to add: the assignment exists.
    AlreadyAssigned,
    /// An assignment grants the action only under its condition (an ABAC
    /// condition, such as a constrained delegation's): meet the condition (assign a
    /// role it allows) or change it; another role without the condition would lift
    /// the guardrail it sets.
    Condition,
    /// Give the role assignment a name (GUID) no other assignment has.
    NewAssignmentName,
    /// Delete the existing role assignment that has the name.
    DeleteAssignment,
    /// A deny assignment blocks it; no role assignment helps.
    DenyAssignment,
    /// The given assignments already allow it: sign in again.
    RefreshCredentials,
    /// Check the scope: the error also means it may not exist.
    CheckScope,
    /// Authenticate to the linked subscription's tenant too: no role assignment in
    /// the caller's tenant helps.
    CrossTenant,
    /// A role assignment that fixes a health-check code.
    HealthCheck,
    /// Elevate access as a Microsoft Entra Global Administrator: no Azure role
    /// assignment gives the action ([`crate::least::elevation`]).
    ElevateAccess,
}

/// One way to fix the error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// What kind of fix.
    pub kind: FixKind,
    /// The action it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The role to assign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Its role definition id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Where (for health checks: `subscription`, `resourceGroup`, `virtualNetwork`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Who receives it (health checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// `actions` or `dataActions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list: Option<&'static str>,
    /// The line to add, as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// An `az` command, when every value in it is safe to quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// The sentence.
    pub message: String,
}

impl Fix {
    fn new(kind: FixKind, message: String) -> Fix {
        Fix {
            kind,
            action: None,
            role: None,
            role_id: None,
            scope: None,
            assignee: None,
            list: None,
            line: None,
            command: None,
            message,
        }
    }
}

/// The answer to an error text.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decoded {
    /// What kind of error.
    pub kind: Kind,
    /// The error code as written, when the text gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The action it names (the first one lacking), if any.
    pub action: Option<String>,
    /// The scope it names for that action, if any.
    pub scope: Option<String>,
    /// Whether the action is a data action.
    pub data_action: bool,
    /// The principal it names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    /// Linked failures: what the caller may do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<ActionAt>,
    /// Every action and scope lacking, in the order named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<ActionAt>,
    /// The deny assignment that refused it (`denyAssignmentAuthorizationFailed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_assignment: Option<NamedDeny>,
    /// Linked failures across tenants: the tenants involved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_tenant: Option<CrossTenant>,
    /// The given assignments' decision on the first action at its scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Why: the evaluation's reasons.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<crate::evaluate::Reason>,
    /// How to fix it, the least privileged first.
    pub fixes: Vec<Fix>,
    /// What else to know.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// A health-check code, explained.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health: Option<Explanation>,
}

/// Read an error text and answer it against the environment's assignments (none:
/// an empty environment).
pub fn decode(env: &Environment<'_>, text: &str) -> Result<Decoded, DecodeError> {
    if text.len() > MAX_TEXT {
        return Err(DecodeError::TooLong {
            len: text.len(),
            max: MAX_TEXT,
        });
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let cat = env.catalog();
    let codes: Vec<&str> = cat.health.codes.iter().map(|c| c.code.as_str()).collect();
    let mut p = parse::parse(text, &codes);
    // A console wraps at its width, inside a word (`authorizat` / `ion`), keeping
    // every space: read unrecognised wrapped text again with its line breaks
    // removed (CLI review of 2026-12-06 F5).
    let mut unwrapped = false;
    if p.kind.is_none() && text.contains('\n') {
        let joined: String = text.chars().filter(|c| !matches!(c, '\n' | '\r')).collect();
        let mut again = parse::parse(&joined, &codes);
        if again.kind.is_some() {
            // The code as read on its own line (`Code: AuthorizationFailed`, then
            // `Message: ...`): joined, the two lines would run together (browser
            // review of 2026-12-06: `AuthorizationFailedMessage`).
            if p.code.as_deref().and_then(parse::kind_of).is_some() {
                again.code = p.code.take();
            }
            p = again;
            unwrapped = true;
        }
    }
    // Azure Storage's refusal, named as a whole word (`...MismatchFoo` is another code).
    let storage_refusal = p.code.as_deref() == Some("AuthorizationPermissionMismatch")
        || text
            .match_indices("AuthorizationPermissionMismatch")
            .any(|(at, m)| {
                let before = text[..at].chars().next_back();
                let after = text[at + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
    let Some(kind) = p.kind else {
        if storage_refusal {
            return Err(DecodeError::StorageDataPlane);
        }
        return Err(DecodeError::Unrecognized {
            known_code: p
                .code
                .as_deref()
                .is_some_and(|c| parse::kind_of(c).is_some()),
            code: p.code,
            health_suggestion: health_suggestion(cat, text),
        });
    };
    let data =
        |a: &str| cat.operations.find(a, false).is_none() && cat.operations.find(a, true).is_some();
    let missing: Vec<ActionAt> = p
        .missing
        .iter()
        .map(|(a, s)| ActionAt {
            action: a.clone(),
            data_action: data(a),
            scope: s.clone(),
        })
        .collect();
    // A role definition's rejected line (InvalidActionOrNotAction) may be a pattern;
    // an action refused is one action.
    if let Some(why) = missing
        .iter()
        .filter(|_| kind != Kind::InvalidActionOrNotAction)
        .find_map(|m| crate::evaluate::pattern_in_query(&m.action))
    {
        return Err(DecodeError::Pattern { why });
    }
    if let Some(why) = missing
        .iter()
        .find_map(|m| crate::evaluate::padded_action(&m.action))
    {
        return Err(DecodeError::HiddenCharacter { why });
    }
    // Who asks is the caller the error names (its object id), unless the request
    // named its own `principal`: then the answer is for that one, and a note says
    // the two differ (review J1 H1: an assignment to another user was taken as the
    // caller's, and the fix was to sign in again).
    let caller = p
        .object_id
        .as_deref()
        .filter(|o| is_guid(o))
        .map(|id| Subject::One {
            id: Some(id.to_string()),
            name: p.client.clone(),
        });
    let asked;
    let mut asker_note = None;
    let env = match &caller {
        Some(c) if !env.subject_named => {
            asked = env.asked_by(c.clone());
            &asked
        }
        Some(c) => {
            let same = matches!((c.id(), env.subject.id()), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b));
            if !same {
                asker_note = Some(format!(
                    "the error is for the caller {}; this answer is for the request's `principal` {}, as asked: leave `principal` out to answer for the caller",
                    c.label(),
                    env.subject.label()
                ));
            }
            env
        }
        None => env,
    };
    let principal = (p.client.is_some() || p.object_id.is_some()).then(|| Principal {
        client: p.client.clone(),
        object_id: p.object_id.clone(),
    });
    let mut out = Decoded {
        kind,
        code: p.code.clone(),
        action: missing.first().map(|m| m.action.clone()),
        scope: missing.first().and_then(|m| m.scope.clone()),
        data_action: missing.first().is_some_and(|m| m.data_action),
        principal,
        held: p.held.as_ref().map(|(a, s)| ActionAt {
            action: a.clone(),
            data_action: data(a),
            scope: Some(s.clone()),
        }),
        missing,
        deny_assignment: p.deny.as_ref().map(|(name, id, scope)| {
            let (created_by, owner_resource) = deny_owner(name.as_deref());
            NamedDeny {
                name: name.clone(),
                id: id.clone(),
                scope: scope.clone(),
                created_by,
                owner_resource,
            }
        }),
        cross_tenant: p.cross_tenant.as_ref().map(|(tenant, linked)| CrossTenant {
            tenant: tenant.clone(),
            linked_subscription: linked.clone(),
        }),
        decision: None,
        reasons: Vec::new(),
        fixes: Vec::new(),
        notes: asker_note
            .into_iter()
            .chain(unwrapped.then(|| {
                "read with its line breaks removed: the text was wrapped inside words, as a console wraps at its width".to_string()
            }))
            .collect(),
        health: None,
    };
    match kind {
        Kind::LinkedAuthorizationFailed if out.cross_tenant.is_some() => cross_tenant(&mut out),
        Kind::AuthorizationFailed | Kind::LinkedAuthorizationFailed => {
            authorization(env, &p, &mut out);
        }
        Kind::DenyAssignmentAuthorizationFailed => deny_assignment(env, &mut out),
        Kind::RoleAssignmentExists => {
            out.action = Some("Microsoft.Authorization/roleAssignments/write".into());
            let mut f = Fix::new(
                FixKind::AlreadyAssigned,
                "an assignment of this role to this principal at this scope exists already: there is nothing to add; to change it, delete the existing assignment first".into(),
            );
            if let Some(id) = &p.existing_assignment {
                f.message = format!("{} (its id: `{id}`)", f.message);
            }
            out.fixes.push(f);
        }
        Kind::RoleAssignmentUpdateNotPermitted => update_not_permitted(&p, &mut out),
        Kind::InvalidActionOrNotAction => invalid_action(env, &p, &mut out),
        Kind::HealthCheck => {
            if let Some(code) = &p.health_code {
                if let Ok(e) = crate::health::explain(cat, code) {
                    out.fixes.extend(health_fixes(cat, &e));
                    out.code = Some(e.code.clone());
                    out.notes.push(e.meaning.clone());
                    if let (Some(f), Some(why)) = (e.inferred_fix.first(), &e.inferred_fix_note) {
                        out.notes.push(format!(
                            "`{}` on the {} may do instead ({why})",
                            f.role,
                            f.scope.label()
                        ));
                    }
                    out.health = Some(e);
                }
            }
            // The other codes' fixes too, each named in a note with its meaning.
            for code in &p.other_health_codes {
                let Ok(e) = crate::health::explain(cat, code) else {
                    continue;
                };
                for f in health_fixes(cat, &e) {
                    if !out
                        .fixes
                        .iter()
                        .any(|x| x.role == f.role && x.scope == f.scope)
                    {
                        out.fixes.push(f);
                    }
                }
                out.notes
                    .push(format!("the text also names `{}`: {}", e.code, e.meaning));
            }
        }
    }
    // Beside another error (a health-check code read first), the storage refusal is
    // said, not dropped (review of 2026-12-06: it was read as the code alone).
    if storage_refusal {
        out.notes.push(format!(
            "the text holds a second error: {}",
            DecodeError::StorageDataPlane
        ));
    }
    if out.kind != Kind::HealthCheck && !p.other_health_codes.is_empty() {
        out.notes.push(format!(
            "the text also names the health-check code{} {}: decode {} on its own",
            if p.other_health_codes.len() == 1 {
                ""
            } else {
                "s"
            },
            p.other_health_codes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", "),
            if p.other_health_codes.len() == 1 {
                "it"
            } else {
                "each"
            }
        ));
    }
    Ok(out)
}

/// The fixes of a health-check code: each role, where, and to whom.
fn health_fixes(cat: &crate::bundle::Catalog, e: &Explanation) -> Vec<Fix> {
    use crate::health::Assignee;
    e.fix
        .iter()
        .map(|f| {
            let mut fix = Fix::new(
                FixKind::HealthCheck,
                format!(
                    "assign `{}` on the {} to the {}",
                    f.role,
                    f.scope.label(),
                    match f.assignee {
                        Assignee::Windows365App => "Windows 365 first-party app, not to the admin",
                        Assignee::Admin => "admin",
                    }
                ),
            );
            if let Some(old) = e.legacy_fix.iter().find(|o| o.scope == f.scope) {
                fix.message = format!(
                    "{}; the code is legacy: its text asks for `{}` there, which today's role replaces (A5), so `{}` is not needed",
                    fix.message, old.role, old.role
                );
            }
            fix.role = Some(f.role.clone());
            fix.role_id = cat.role(&f.role).map(|(_, r)| r.id.clone());
            fix.scope = Some(f.scope.as_str().to_string());
            fix.assignee = Some(
                match f.assignee {
                    Assignee::Windows365App => "windows365App",
                    Assignee::Admin => "admin",
                }
                .into(),
            );
            fix
        })
        .collect()
}

/// A scope that can sit inside double quotes in a shell: a resource id's
/// characters only.
fn quotable(scope: &str) -> bool {
    scope.starts_with('/')
        && scope
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-()".contains(c))
}

/// The scope an `Microsoft.Authorization` child the error names belongs to: a role
/// assignment, role definition, lock or policy assignment id
/// (`<scope>/providers/Microsoft.Authorization/<type>/<name>`) is created *at* its
/// parent scope, which is where a grant is needed; Azure names the child's own id
/// as the scope when it refuses to create it. `None` for any other scope.
fn authorization_child(scope: &str) -> Option<(&str, &str)> {
    const MARK: &str = "/providers/microsoft.authorization/";
    let trimmed = scope.trim_end_matches('/');
    let at = trimmed.to_ascii_lowercase().rfind(MARK)?;
    let rest = trimmed.get(at + MARK.len()..)?;
    let (kind, name) = rest.split_once('/')?;
    if kind.is_empty() || name.is_empty() || name.contains('/') {
        return None;
    }
    let parent = trimmed.get(..at)?;
    Some((if parent.is_empty() { "/" } else { parent }, kind))
}

/// The scope to grant at for an action refused at `scope` (the parent of a
/// `Microsoft.Authorization` child, else the scope itself), and why, when it
/// differs.
fn grant_scope(scope: &str) -> (String, Option<String>) {
    match authorization_child(scope) {
        Some((parent, kind)) => (
            parent.to_string(),
            Some(format!(
                "the scope the error names, `{scope}`, is the id of the {kind} entry being written, which lives at `{parent}`: a grant there (or above) fixes it; a role is not assigned at the entry itself"
            )),
        ),
        None => (scope.to_string(), None),
    }
}

fn authorization(env: &Environment<'_>, p: &parse::Parsed, out: &mut Decoded) {
    let cat = env.catalog();
    let oid = p.object_id.as_deref().filter(|o| is_guid(o));
    if out.kind == Kind::AuthorizationFailed && out.missing.len() > 1 {
        out.notes.push(format!(
            "the text holds {} authorization failures ({}): {}; `action`, `scope` and the decision are the first's",
            out.missing.len() + p.failures_unread,
            {
                let mut actions: Vec<String> = Vec::new();
                for m in &out.missing {
                    let a = format!("`{}`", crate::text::excerpt(&m.action));
                    if !actions.contains(&a) {
                        actions.push(a);
                    }
                }
                actions.join(", ")
            },
            match p.failures_unread {
                0 => "each is decoded with its fixes".to_string(),
                n => format!(
                    "the first {} are decoded with their fixes, the other {n} are not",
                    parse::MAX_FAILURES
                ),
            }
        ));
    }
    for (n, m) in out.missing.clone().iter().enumerate() {
        let scope = m.scope.as_deref().and_then(|s| Scope::parse(s).ok());
        let (grant_at, why) = match m.scope.as_deref() {
            Some(s) => {
                let (g, why) = grant_scope(s);
                (Some(g), why)
            }
            None => (None, None),
        };
        if let Some(why) = why {
            if !out.notes.contains(&why) {
                out.notes.push(why);
            }
        }
        let grant_parsed = grant_at.as_deref().and_then(|s| Scope::parse(s).ok());
        if m.action
            .eq_ignore_ascii_case("Microsoft.Resources/subscriptions/resourcegroups/write")
        {
            if let Some(sub) = scope.as_ref().and_then(|s| match s.kind() {
                crate::scope::ScopeKind::ResourceGroup(sub, _) => Some(sub),
                _ => None,
            }) {
                out.notes.push(format!(
                    "if this write creates the resource group, the scope the error names does not exist yet: a grant at the subscription `/subscriptions/{sub}` covers it too (lower scopes inherit from higher ones)"
                ));
            }
        }
        if m.scope.is_some() && scope.is_none() {
            out.notes.push(format!(
                "`{}` is not a scope this tool can read; the action is judged at any scope",
                m.scope.as_deref().unwrap_or_default()
            ));
        }
        let e: Evaluation = env.evaluate(&Query {
            action: m.action.clone(),
            data_action: Some(m.data_action),
            scope: scope.clone(),
            plane: Some(Plane::Azure),
        });
        if n == 0 {
            out.decision = Some(e.decision);
            out.reasons = e
                .reasons
                .iter()
                .filter(|r| r.kind != ReasonKind::Suggestion)
                .cloned()
                .collect();
        }
        let denied = e.reasons.iter().any(|r| r.kind == ReasonKind::Denied);
        if denied {
            out.fixes.push(Fix {
                action: Some(m.action.clone()),
                ..Fix::new(
                    FixKind::DenyAssignment,
                    format!("a deny assignment blocks `{}` here; no role assignment lifts it (deny assignments come from managed applications, deployment stacks or Blueprints)", m.action),
                )
            });
            continue;
        }
        if e.decision == Decision::Allow {
            out.fixes.push(Fix {
                action: Some(m.action.clone()),
                ..Fix::new(
                    FixKind::RefreshCredentials,
                    format!("the given assignments allow `{}` here: if the error persists, the grant may be newer than the caller's token (sign in again), or the assignment is to another principal", m.action),
                )
            });
            continue;
        }
        // Neither a built-in role nor a custom role's line is the fix: elevation is
        // (review F1 L9).
        if let Some(how) = crate::least::elevation(&m.action) {
            let mut f = Fix::new(FixKind::ElevateAccess, how);
            f.action = Some(m.action.clone());
            if let Some((_, ga)) = cat.role(crate::least::ELEVATING_ROLE) {
                f.role = Some(ga.name.clone());
                f.role_id = Some(ga.id.clone());
            }
            out.fixes.push(f);
            continue;
        }
        // Review M4: an assignment grants it, but only under its condition (Azure's
        // "ABAC condition not fulfilled"): the condition is what blocks, so the fix
        // points at it; a grant without the condition lifts its guardrail.
        let gated: Vec<&crate::evaluate::Reason> = e
            .reasons
            .iter()
            .filter(|r| r.kind == ReasonKind::Conditional && !r.conditions.is_empty())
            .collect();
        let gated_roles: Vec<&str> = gated.iter().filter_map(|r| r.role.as_deref()).collect();
        if let Some(first) = gated.first() {
            out.fixes
                .push(condition_fix(cat, &m.action, first, p.condition));
        }
        let lifts = gated_roles.first().map(|role| {
            format!(
                "; unlike the assignment of `{role}`, it grants `{}` without the condition, which lifts the guardrail the condition sets (for a delegation, which roles or principals may be assigned)",
                m.action
            )
        }).or_else(|| {
            // The error says a condition was not met, and the assignments that
            // carry it were not given: a role without it may lift a guardrail
            // (outside review of 2026-12-06).
            p.condition.then(|| {
                format!(
                    "; but Azure says an ABAC condition was not fulfilled: if the caller's assignment carries a condition (for a delegation, which roles or principals may be assigned), this grants `{}` without it and lifts that guardrail, so change the condition instead (give the assignments with `--input` to see which)",
                    m.action
                )
            })
        });
        let op = cat.operations.find(&m.action, m.data_action);
        if op.is_none() {
            out.notes.push(format!(
                "`{}` is not in the operations catalog of {}",
                m.action, cat.manifest.data_date
            ));
        }
        let least = op.and_then(|o| {
            env.roles
                .least_privileged_builtin_for(o, grant_parsed.as_ref())
        });
        // A role meant for a service's own identity (the ARO operators') is never
        // the user's fix, as in the report (review L4): the custom-role line is.
        if let Some((_, role)) = least.filter(|(_, r)| crate::roleset::is_service_role(r)) {
            out.notes.push(format!(
                "the only built-in roles that grant `{}` here are meant for a service's own identity (`{}`, for one), not for a person: add the action to a custom role instead",
                m.action, role.name
            ));
        }
        // The error names Windows 365's own app as the caller: the fix is the role
        // Windows 365 is given for an ANC, assigned to that app, not a role for a
        // person (outside review of 2026-12-07: an AKS add-on's role was offered).
        let service = p.client.as_deref().is_some_and(|c| {
            c.trim()
                .eq_ignore_ascii_case(crate::windows365::WINDOWS365_APP_ID)
        });
        if service {
            let fixes = op
                .map(|o| windows365_service_fixes(cat, o, &m.action, grant_at.as_deref()))
                .unwrap_or_default();
            if !fixes.is_empty() {
                out.notes.push(format!(
                    "the caller is Windows 365's first-party app (the error names its app id `{}`): Windows 365 is given its roles when an admin creates the Azure network connection; the fix is that role, assigned to the app (`w365-perms anc-recipe` gives every assignment)",
                    crate::windows365::WINDOWS365_APP_ID
                ));
                out.fixes.extend(fixes);
                continue;
            }
        }
        // Not when the error names a user (a sign-in name) as the caller.
        let user = p.client.as_deref().is_some_and(|c| c.contains('@'));
        if let Some(note) = op
            .filter(|_| !user)
            .and_then(|o| windows365_service_note(cat, o, &m.action))
        {
            out.notes.push(note);
        }
        // The role already assigned under the condition, again without it, is no fix
        // but a way around the condition: not proposed (review M4).
        let duplicate = least.is_some_and(|(_, r)| gated_roles.contains(&r.name.as_str()));
        if let Some((ix, role)) = least
            .filter(|(_, r)| !crate::roleset::is_service_role(r))
            .filter(|_| !duplicate)
        {
            let at = grant_at.clone().unwrap_or_else(|| "<scope>".into());
            // What else it grants, so that a reviewer weighs it against the
            // custom-role line (review s43: the least-privileged role for a subnet
            // join is an AKS add-on's, which also deploys templates).
            let also = cat.builtin_expansions().get(ix).map_or(String::new(), |e| {
                let others: Vec<usize> = e
                    .granted
                    .iter()
                    .chain(e.conditional.iter())
                    .filter(|&i| Some(i) != op)
                    .collect();
                let mut named: Vec<&str> = others
                    .iter()
                    .map(|&i| cat.operations.name(i))
                    .filter(|n| !n.ends_with("/read"))
                    .take(2)
                    .collect();
                if named.is_empty() {
                    named = others
                        .iter()
                        .take(2)
                        .map(|&i| cat.operations.name(i))
                        .collect();
                }
                match others.len() {
                    0 => "; it grants nothing else".to_string(),
                    n => format!(
                        "; it also grants {} other operation(s), such as {}",
                        crate::text::thousands(n),
                        named
                            .iter()
                            .map(|x| format!("`{x}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }
            });
            // Most of it elsewhere: a role for other work, said plainly (an outside
            // review: "Try an example" offered an AKS add-on's role for a Cloud PC
            // subnet join as if it were the fix).
            let other_work = crate::rank::mostly_elsewhere(cat, ix, &[&m.action])
                .map(|w| format!("; {w}: weigh it against the custom-role line below"))
                .unwrap_or_default();
            // A smaller role made for a service's identity: named, with its caveat
            // (an outside review: Windows 365 Network User holds 4 operations, the
            // fix offered an AKS add-on's role).
            let own_size = cat.builtin_sizes().get(ix).copied().unwrap_or(usize::MAX);
            let smaller = op
                .and_then(|o| env.roles.smallest_service_builtin_for(o, grant_parsed.as_ref()))
                .filter(|(_, size)| *size < own_size)
                .map(|(r, size)| {
                    format!(
                        "; `{}` (size {}, against {}) grants it too, but it is a role made for a service's own identity, not for people (Microsoft's description: “{}”), so it may change with that service",
                        r.name,
                        crate::text::thousands(size),
                        crate::text::thousands(own_size),
                        r.description.trim().trim_end_matches('.')
                    )
                })
                .unwrap_or_default();
            let also = also + &other_work + &smaller;
            let which = if grant_at == m.scope {
                "the scope the error names"
            } else {
                "the scope the entry the error names is written at"
            };
            let mut f = Fix::new(
                FixKind::BuiltInRole,
                format!(
                    "assign `{}`, the least-privileged built-in role that grants `{}`, at `{at}`: {which}, the narrowest that fixes it{}{also}",
                    role.name,
                    m.action,
                    lifts.as_deref().unwrap_or_default()
                ),
            );
            f.action = Some(m.action.clone());
            f.role = Some(role.name.clone());
            f.role_id = Some(role.id.clone());
            f.scope = grant_at.clone();
            if let (Some(o), Some(s)) = (oid, grant_at.as_deref().filter(|s| quotable(s))) {
                f.command = Some(format!(
                    "az role assignment create --assignee-object-id {o} --role {} --scope \"{s}\"  # {}",
                    role.id, role.name
                ));
            }
            out.fixes.push(f);
        }
        let list = if m.data_action {
            "dataActions"
        } else {
            "actions"
        };
        // "or" only after a built-in role's fix (review s43: it dangled when no
        // built-in role was offered).
        let or = if out.fixes.iter().any(|f| {
            f.kind == FixKind::BuiltInRole && f.action.as_deref() == Some(m.action.as_str())
        }) {
            "or add"
        } else {
            "add"
        };
        let mut line = Fix::new(
            FixKind::CustomRoleLine,
            format!(
                "{or} `{}` to the `{list}` of a custom role assigned at (or above) {}{}",
                m.action,
                grant_at
                    .as_deref()
                    .map(|s| format!("`{s}`"))
                    .unwrap_or_else(|| "the scope".into()),
                lifts.as_deref().unwrap_or_default()
            ),
        );
        line.action = Some(m.action.clone());
        line.list = Some(list);
        line.line = serde_json::to_string(&m.action).ok();
        out.fixes.push(line);
    }
    if p.condition {
        out.notes.push("the error mentions an ABAC condition: a role assignment may grant the action under a condition the request did not meet (for example which roles a delegate may assign)".into());
    }
    if p.scope_may_be_invalid {
        let mut check = Fix::new(
            FixKind::CheckScope,
            "Azure says the same when the scope does not exist: check the names in it (subscription, resource group, resource) before assigning anything".into(),
        );
        // The names to check are those of the scope the entry is written at.
        check.scope = out.scope.as_deref().map(|s| grant_scope(s).0);
        out.fixes.push(check);
        if let Some(sub) = out
            .scope
            .as_deref()
            .and_then(|s| Scope::parse(s).ok())
            .and_then(|s| s.subscription_id().map(str::to_string))
            .filter(|s| !is_guid(s))
        {
            out.notes.push(format!(
                "`{sub}` is not a subscription id (a GUID), so the scope is likely wrong"
            ));
        }
    }
    if let Some(h) = &out.held {
        out.notes.insert(
            0,
            format!(
                "the caller may perform `{}`{}; what it lacks is on the linked resources",
                h.action,
                h.scope
                    .as_deref()
                    .map(|s| format!(" on `{s}`"))
                    .unwrap_or_default()
            ),
        );
    }
}

/// The fix of an action an assignment grants only under its condition: the
/// condition decides (Azure RBAC troubleshooting, "Symptom - Unable to assign a
/// role": "Check if there is a condition that constrains the role assignments you
/// can add"), so assign what it allows, or change it; the built-in roles it names
/// (by role definition id, as a constrained delegation does) are listed.
fn condition_fix(
    cat: &crate::bundle::Catalog,
    action: &str,
    gated: &crate::evaluate::Reason,
    error_says_abac: bool,
) -> Fix {
    let role = gated.role.as_deref().unwrap_or("a role");
    let at = gated
        .scope
        .as_deref()
        .map(|s| format!(" assigned at `{s}`"))
        .unwrap_or_default();
    let mut named: Vec<String> = Vec::new();
    for c in &gated.conditions {
        for word in c.split(|ch: char| !(ch.is_ascii_hexdigit() || ch == '-')) {
            if let Some((_, r)) = Some(word).filter(|w| is_guid(w)).and_then(|w| cat.role(w)) {
                let n = format!("`{}` ({word})", r.name);
                if !named.contains(&n) {
                    named.push(n);
                }
            }
        }
    }
    let allows = if named.is_empty() {
        String::new()
    } else {
        format!(" (its condition names the role(s) {})", named.join(", "))
    };
    let mut f = Fix::new(
        FixKind::Condition,
        format!(
            "`{role}`{at} grants `{action}` only under its condition{}: the condition is what blocks it (for a delegation it decides which roles, or to whom, the holder may assign or remove); make a request the condition allows, such as assigning a role it permits{allows}, or have whoever manages that assignment (an Owner or User Access Administrator there) change the condition; assigning a role without the condition would lift the guardrail instead of meeting it",
            if error_says_abac {
                ", and Azure says an ABAC condition was not fulfilled"
            } else {
                ""
            }
        ),
    );
    f.action = Some(action.to_string());
    f.role = gated.role.clone();
    f.role_id = gated.role_id.clone();
    f.scope = gated.scope.clone();
    f
}

/// What created a deny assignment, read from the name Azure gives it
/// ("System deny assignment created by managed application /subscriptions/...",
/// "node resource group deny assignment created by Azure Kubernetes Services"),
/// and the owning resource when the name holds its id.
fn deny_owner(name: Option<&str>) -> (Option<DenyOwner>, Option<String>) {
    let Some(name) = name else {
        return (None, None);
    };
    let lower = name.to_ascii_lowercase();
    if let Some(at) = lower.find("managed application") {
        let resource = name
            .get(at + "managed application".len()..)
            .and_then(|r| r.split_whitespace().next())
            .filter(|r| r.starts_with('/'))
            .map(str::to_string);
        return (Some(DenyOwner::ManagedApplication), resource);
    }
    let word = |w: &str| parse::find_word(&lower, w).is_some();
    let owner = if word("kubernetes") || word("aks") {
        Some(DenyOwner::KubernetesService)
    } else if word("stack") || word("stacks") {
        Some(DenyOwner::DeploymentStack)
    } else if word("blueprint") || word("blueprints") {
        Some(DenyOwner::Blueprint)
    } else {
        None
    };
    (owner, None)
}

/// A deny assignment refused an action a role grants: no role assignment lifts it;
/// who can depends on what created it.
fn deny_assignment(env: &Environment<'_>, out: &mut Decoded) {
    // Without a request there is nothing to evaluate: an empty environment would
    // say "no role grants it", where Azure says one does.
    if let Some(m) = out
        .missing
        .first()
        .filter(|_| !env.assignments.is_empty() || !env.denies.is_empty())
    {
        let e = env.evaluate(&Query {
            action: m.action.clone(),
            data_action: Some(m.data_action),
            scope: m.scope.as_deref().and_then(|s| Scope::parse(s).ok()),
            plane: Some(Plane::Azure),
        });
        if !e.reasons.iter().any(|r| r.kind == ReasonKind::Denied) {
            out.notes.push("the request given does not reproduce this denial: add the deny assignment to its `denyAssignments` to review it with the rest".into());
        }
        out.decision = Some(e.decision);
        out.reasons = e
            .reasons
            .iter()
            .filter(|r| r.kind != ReasonKind::Suggestion)
            .cloned()
            .collect();
    }
    let deny = out.deny_assignment.clone().unwrap_or(NamedDeny {
        name: None,
        id: None,
        scope: None,
        created_by: None,
        owner_resource: None,
    });
    let what = match (&deny.name, &deny.id) {
        (Some(n), Some(i)) => format!("the deny assignment `{n}` (id `{i}`)"),
        (Some(n), None) => format!("the deny assignment `{n}`"),
        (None, Some(i)) => format!("the deny assignment `{i}`"),
        (None, None) => "a deny assignment".to_string(),
    };
    let at = deny
        .scope
        .as_deref()
        .map(|s| format!(" at `{s}`"))
        .unwrap_or_default();
    let action = out.action.clone();
    let blocks = action
        .as_deref()
        .map(|a| format!("`{a}`"))
        .unwrap_or_else(|| "the action".into());
    let who = match (deny.created_by, deny.owner_resource.as_deref()) {
        (Some(DenyOwner::ManagedApplication), resource) => format!(
            "it protects the managed resource group of the managed application{}: only the application's publisher (the principals its definition authorizes, whom the deny excludes) can change these resources; ask the publisher, or act through the application itself",
            resource.map(|r| format!(" `{r}`")).unwrap_or_default()
        ),
        (Some(DenyOwner::KubernetesService), _) => "it is Azure Kubernetes Service's node resource group lockdown: make the change through the cluster (the Kubernetes API or `az aks`), whose own identity the deny excludes; the cluster's owner can lift the lock with `az aks update --nrg-lockdown-restriction-level Unrestricted`".into(),
        (Some(DenyOwner::DeploymentStack), _) => "it comes from a deployment stack's deny settings: the stack's owner can change them (deny settings mode, or the principal added to the excluded principals) by updating the stack".into(),
        (Some(DenyOwner::Blueprint), _) => "it comes from a Blueprint assignment's resource locking: the assignment's owner can change its lock mode".into(),
        (None, _) => "only the system that created it can (a managed application's publisher, a deployment stack's owner, a Blueprint assignment, or an Azure service such as AKS protecting what it manages), or the change is made as a principal it excludes".into(),
    };
    let mut fix = Fix::new(
        FixKind::DenyAssignment,
        format!(
            "{what}{at} blocks {blocks} although a role grants it (Azure says the caller has permission): no role assignment lifts it, whatever role or scope; {who}"
        ),
    );
    fix.action = action;
    fix.scope = deny.scope.clone();
    out.fixes.push(fix);
    if let (Some(scope), Some(id)) = (
        deny.scope.as_deref().filter(|s| quotable(s)),
        deny.id
            .as_deref()
            .filter(|i| !i.is_empty() && i.chars().all(|c| c.is_ascii_hexdigit() || c == '-')),
    ) {
        out.notes.push(format!(
            "to read the deny assignment (its actions, principals and excluded principals): az rest --method get --url \"https://management.azure.com{}/providers/Microsoft.Authorization/denyAssignments/{id}?api-version=2022-04-01\"",
            scope.trim_end_matches('/')
        ));
    }
    if let (Some(d), Some(s)) = (deny.scope.as_deref(), out.scope.as_deref()) {
        if !d.eq_ignore_ascii_case(s) {
            out.notes.push(format!(
                "the deny assignment is at `{d}` and applies to every scope below it, `{s}` included"
            ));
        }
    }
}

/// `RoleAssignmentUpdateNotPermitted`: a role assignment PUT whose name (a GUID) an
/// existing assignment has, with another principal, scope or tenant. A role
/// assignment's name cannot be changed into another assignment: Azure reads the PUT
/// as an update of those properties and refuses it. Typical after a template that
/// gives the assignment a fixed name is deployed again once its principal was
/// deleted and recreated (a new object id), or is deployed to another scope. No role
/// or permission fixes it: a new name does, or deleting the old assignment.
///
/// Sources: the issue "Proposal: Make "name" optional on
/// Microsoft.Authorization/roleAssignments"
/// (<https://github.com/Azure/azure-resource-manager-schemas/issues/1771>: "The name
/// you provided already matches an existing assignment, but other properties such
/// as the roleDefinitionId, principalId or scope differ. This will be interpreted as
/// an attempt at modifying these properties, which is not allowed"), and Microsoft
/// Learn, "Create Azure RBAC resources by using Bicep"
/// (<https://learn.microsoft.com/azure/azure-resource-manager/bicep/scenarios-rbac>:
/// "A role assignment's resource name must be a globally unique identifier (GUID)",
/// created from "the scope, principal ID, and role ID together").
fn update_not_permitted(p: &parse::Parsed, out: &mut Decoded) {
    out.action = Some("Microsoft.Authorization/roleAssignments/write".into());
    let which = p
        .existing_assignment
        .as_deref()
        .map(|id| format!(" (the last segment of `{id}`)"))
        .unwrap_or_default();
    out.fixes.push(Fix::new(
        FixKind::NewAssignmentName,
        format!(
            "the role assignment's name{which} is already the name of an assignment with another principal, scope or tenant, and Azure does not change those of an existing assignment: give the new assignment a name no other assignment has; in a template, derive it from what identifies the assignment, e.g. Bicep `guid(<scope>.id, principalId, roleDefinitionId)` (ARM: `[guid(<scope id>, <principal id>, <role definition id>)]`), so that a recreated principal gets a new name"
        ),
    ));
    let mut delete = Fix::new(
        FixKind::DeleteAssignment,
        "or delete the existing assignment that has the name (for example one left to a principal that was deleted and recreated: it shows as an unknown identity), then deploy again".into(),
    );
    if let Some(id) = p.existing_assignment.as_deref().filter(|i| quotable(i)) {
        delete.command = Some(format!("az role assignment delete --ids \"{id}\""));
        delete.scope = authorization_child(id).map(|(parent, _)| parent.to_string());
    }
    out.fixes.push(delete);
    out.notes.push(
        "this is not a missing permission: no role assignment fixes it, whatever the caller holds"
            .into(),
    );
    out.notes.push("a new name for an assignment whose principal, role and scope match an existing one fails with RoleAssignmentExists instead: that assignment is already there".into());
}

/// The tenant the request is made in cannot reach the linked resource's
/// subscription: a role assignment in this tenant cannot help.
fn cross_tenant(out: &mut Decoded) {
    let ct = out.cross_tenant.clone().unwrap_or(CrossTenant {
        tenant: None,
        linked_subscription: None,
    });
    let linked = ct
        .linked_subscription
        .as_deref()
        .map(|s| format!("subscription `{s}`"))
        .unwrap_or_else(|| "subscription".into());
    let tenant = ct
        .tenant
        .as_deref()
        .map(|t| format!("tenant `{t}`"))
        .unwrap_or_else(|| "tenant".into());
    if let Some(h) = &out.held {
        out.notes.push(format!(
            "the caller may perform `{}`{}; what fails is reaching a linked resource in {linked}",
            h.action,
            h.scope
                .as_deref()
                .map(|s| format!(" on `{s}`"))
                .unwrap_or_default()
        ));
    }
    let mut fix = Fix::new(
        FixKind::CrossTenant,
        format!(
            "the request links to a resource in {linked}, which the caller's {tenant} cannot reach (it belongs to another tenant): no role assignment in this tenant fixes it; sign in to the linked subscription's tenant too and send that token with the request (Resource Manager's `x-ms-authorization-auxiliary` header; Terraform's `auxiliary_tenant_ids`), as a user or app that exists in that tenant and holds the permission there; or use a resource in a subscription of this tenant"
        ),
    );
    fix.scope = ct
        .linked_subscription
        .as_deref()
        .map(|s| format!("/subscriptions/{s}"));
    out.fixes.push(fix);
    out.notes.push("right after a subscription is created or moved to another tenant this error can also be transient: retry after a few minutes before changing anything".into());
}

fn invalid_action(env: &Environment<'_>, p: &parse::Parsed, out: &mut Decoded) {
    let cat = env.catalog();
    let Some(action) = out.action.clone() else {
        out.fixes.push(Fix::new(
            FixKind::ReplaceAction,
            "an action's resource provider is unknown to Azure Resource Manager; lint the role (`w365-perms lint`) to find which".into(),
        ));
        return;
    };
    let multiple = p
        .invalid_reason
        .as_deref()
        .is_some_and(|r| r.contains("multiple wildcards"));
    if multiple {
        if let Ok(pattern) = crate::ActionPattern::new(&action) {
            let mut ex = crate::expand::Expander::new(cat);
            let mut want = ex.match_set(std::slice::from_ref(&pattern), false);
            want.union_with(&ex.match_set(std::slice::from_ref(&pattern), true));
            let minimal =
                crate::minimal::azure_role(cat, &want, &crate::minimal::Options::default());
            let shown: Vec<String> = minimal
                .lines
                .iter()
                .take(20)
                .map(|l| format!("`{}` ({})", l.pattern, l.list))
                .collect();
            let mut f = Fix::new(
                FixKind::ReplaceAction,
                format!(
                    "only one `*` is allowed per action; today `{action}` matches {} operations, written in {} lines: {}{}",
                    minimal.requested,
                    minimal.lines.len(),
                    shown.join(", "),
                    if minimal.lines.len() > shown.len() { ", ..." } else { "" }
                ),
            );
            f.action = Some(action.clone());
            out.fixes.push(f);
        }
        return;
    }
    for data in [false, true] {
        if let Some(s) = crate::fuzzy::suggest_operation(cat, &action, data) {
            if out.fixes.iter().any(|f| f.line.as_deref() == Some(&s)) {
                continue;
            }
            let list = if cat.operations.find(&s, true).is_some()
                && cat.operations.find(&s, false).is_none()
            {
                "dataActions"
            } else {
                "actions"
            };
            let mut f = Fix::new(
                FixKind::ReplaceAction,
                format!("`{action}` is not an action of any provider; did you mean `{s}` (in `{list}`)?"),
            );
            f.action = Some(action.clone());
            f.list = Some(list);
            f.line = Some(s);
            out.fixes.push(f);
            break;
        }
    }
    // No action of its provider is near: say it does not exist, as `lint` does,
    // and to remove it (review i1 #3: the suggestion was another provider's).
    if !out
        .fixes
        .iter()
        .any(|f| f.action.as_deref() == Some(action.as_str()))
    {
        let why = match crate::catalog::rejected::documented(&action) {
            Some(r) => format!(
                "; Azure is documented to refuse it ({}: \"{}\", {})",
                r.code, r.quote, r.source
            ),
            None => String::new(),
        };
        let namespace = action.split('/').next().unwrap_or_default();
        let near = match cat.operations.find_provider(namespace) {
            Some(p) => format!("no operation of `{}` is near it", p.name),
            None => format!("no provider is named `{namespace}`"),
        };
        let mut f = Fix::new(
            FixKind::ReplaceAction,
            format!(
                "`{action}` is not an action of any provider: the operations catalog ({}) has no such operation, and {near}{why}; remove it from the role (a single unknown action rejects the whole role)",
                cat.manifest.data_date
            ),
        );
        f.action = Some(action.clone());
        out.fixes.push(f);
    }
}

/// When a role Windows 365 gives its own first-party app for an ANC (today's, a
/// role meant for a service: `Windows 365 Network User`, `Windows 365 Network
/// Interface Contributor`) grants catalog entry `op`, the error may be the
/// service's: a note naming the role, where it is given and the sentence that
/// says so. Reader, also given, grants every read and is left out.
fn windows365_service_note(
    cat: &crate::bundle::Catalog,
    op: usize,
    action: &str,
) -> Option<String> {
    let grants: Vec<String> = anc_grants(cat, op)
        .into_iter()
        .filter(|(_, role)| crate::roleset::is_service_role(role))
        .map(|(g, role)| {
            format!(
                "`{}` on the {} ({}: \"{}\")",
                role.name, g.slot, g.source, g.why
            )
        })
        .collect();
    (!grants.is_empty()).then(|| {
        format!(
            "if Windows 365 met this error (an Azure network connection's health check, or provisioning a Cloud PC), the caller is Windows 365's first-party app, and the fix is the role it is given for an ANC, not a role for a person: {}, which grants `{action}` (the ANC health checks decode the failed check's code and give the assignments: `w365-perms health-check`, `anc-recipe`)",
            grants.join("; ")
        )
    })
}

/// The roles Windows 365 is given for an ANC today that grant catalog entry `op`.
fn anc_grants(
    cat: &crate::bundle::Catalog,
    op: usize,
) -> Vec<(&crate::windows365::ServiceGrant, &crate::model::Role)> {
    let ex = cat.builtin_expansions();
    cat.windows365
        .service
        .anc_current
        .iter()
        .filter_map(|g| {
            let (i, role) = cat.role(&g.role)?;
            ex.get(i)?.granted.contains(op).then_some((g, role))
        })
        .collect()
}

/// The fixes of an action refused to Windows 365's own app: each role Windows 365
/// is given for an ANC that grants catalog entry `op` (a role meant for the
/// service first; Reader only when none is), assigned to the app where Windows 365
/// receives it, read off the scope the error names.
fn windows365_service_fixes(
    cat: &crate::bundle::Catalog,
    op: usize,
    action: &str,
    scope: Option<&str>,
) -> Vec<Fix> {
    let granting = anc_grants(cat, op);
    let meant = granting
        .iter()
        .any(|(_, r)| crate::roleset::is_service_role(r));
    granting
        .into_iter()
        .filter(|(_, r)| !meant || crate::roleset::is_service_role(r))
        .map(|(g, role)| {
            let at = scope.and_then(|s| slot_scope(s, g.slot));
            let mut f = Fix::new(
                FixKind::BuiltInRole,
                format!(
                    "assign `{}` on the {}{} to the Windows 365 first-party app ({}), not to a person: the role Windows 365 is given for an ANC ({}: \"{}\"), which grants `{action}`",
                    role.name,
                    g.slot.label(),
                    at.as_deref().map(|s| format!(" `{s}`")).unwrap_or_default(),
                    crate::windows365::WINDOWS365_APP_ID,
                    g.source,
                    g.why
                ),
            );
            f.action = Some(action.to_string());
            f.role = Some(role.name.clone());
            f.role_id = Some(role.id.clone());
            f.assignee = Some("windows365App".into());
            if let Some(s) = at.as_deref().filter(|s| quotable(s)) {
                f.command = Some(format!(
                    "az role assignment create --assignee {} --role {} --scope \"{s}\"  # {}",
                    crate::windows365::WINDOWS365_APP_ID,
                    role.id,
                    role.name
                ));
            }
            f.scope = at;
            f
        })
        .collect()
}

/// The scope of `slot` (the subscription, resource group or virtual network) that
/// `scope` lies in, as written there; `None` when `scope` does not reach it.
fn slot_scope(scope: &str, slot: crate::windows365::Slot) -> Option<String> {
    use crate::windows365::Slot;
    let parts: Vec<&str> = scope.trim_end_matches('/').split('/').collect();
    // `["", "subscriptions", id, "resourceGroups", rg, "providers", ns, type, name, ...]`
    let upto = |n: usize| (parts.len() >= n).then(|| parts[..n].join("/"));
    let is = |i: usize, w: &str| parts.get(i).is_some_and(|p| p.eq_ignore_ascii_case(w));
    if !is(1, "subscriptions") {
        return None;
    }
    match slot {
        Slot::Subscription => upto(3),
        Slot::ResourceGroup => is(3, "resourceGroups").then(|| upto(5)).flatten(),
        Slot::VirtualNetwork => (is(3, "resourceGroups")
            && is(5, "providers")
            && is(6, "Microsoft.Network")
            && is(7, "virtualNetworks"))
        .then(|| upto(9))
        .flatten(),
        Slot::StorageAccount => (is(3, "resourceGroups")
            && is(5, "providers")
            && is(6, "Microsoft.Storage")
            && is(7, "storageAccounts"))
        .then(|| upto(9))
        .flatten(),
    }
}

/// A word of `text` that reads like a mistyped health-check code (a long camel-case
/// word such as `permissionCheckNoSubscriptonReaderRole`), with the code it is
/// closest to.
fn health_suggestion(cat: &crate::bundle::Catalog, text: &str) -> Option<(String, String)> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.len() >= 12
                && w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars().any(|c| c.is_ascii_uppercase())
        })
        .take(50)
        .find_map(|w| match crate::health::lookup(cat, w) {
            Err(crate::health::HealthError::Unknown {
                suggestion: Some(s),
                ..
            }) => Some((w.to_string(), s)),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_quote_only_resource_ids() {
        assert!(quotable(
            "/subscriptions/x/resourceGroups/rg(1)/providers/A.B/c/d-e"
        ));
        assert!(!quotable("/subscriptions/x\"; rm -rf /"));
        assert!(!quotable("/subscriptions/$(x)"));
        assert!(is_guid("00000000-0000-0000-0000-000000000000"));
    }

    #[test]
    fn a_text_too_long_for_an_error_says_its_size_and_the_limit() {
        let cat = crate::catalog().unwrap_or_else(|e| unreachable!("{e}"));
        let env = Environment::new(crate::roleset::RoleSet::new(cat, Vec::new()));
        let err = decode(&env, &"x".repeat(5_850_000)).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("the error text has 5,850,000 bytes; the limit is 262,144 (an error message is a few lines: paste the message, not a whole log)")
        );
    }

    /// Review M3: the assignment a deployment names is read whole, and the delete
    /// fix carries its id in a command and its scope.
    #[test]
    fn a_reused_assignment_name_is_named_and_can_be_deleted() {
        let id = "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Authorization/roleAssignments/0b6c-aa";
        assert_eq!(
            parse::assignment_id(&format!("target \"{id}\" failed")).as_deref(),
            Some(id)
        );
        assert_eq!(parse::assignment_id("no id here"), None);
        let p = parse::Parsed {
            existing_assignment: Some(id.to_string()),
            ..parse::Parsed::default()
        };
        let mut out = Decoded {
            kind: Kind::RoleAssignmentUpdateNotPermitted,
            code: None,
            action: None,
            scope: None,
            data_action: false,
            principal: None,
            held: None,
            missing: Vec::new(),
            deny_assignment: None,
            cross_tenant: None,
            decision: None,
            reasons: Vec::new(),
            fixes: Vec::new(),
            notes: Vec::new(),
            health: None,
        };
        update_not_permitted(&p, &mut out);
        let delete = out
            .fixes
            .iter()
            .find(|f| f.kind == FixKind::DeleteAssignment)
            .unwrap();
        assert_eq!(
            delete.command.as_deref(),
            Some(format!("az role assignment delete --ids \"{id}\"").as_str())
        );
        assert_eq!(
            delete.scope.as_deref(),
            Some("/subscriptions/s/resourceGroups/rg1")
        );
    }

    #[test]
    fn authorization_children_are_granted_at_their_parent() {
        let rg = "/subscriptions/s/resourceGroups/rg1";
        let id = format!("{rg}/providers/Microsoft.Authorization/roleAssignments/0b6c");
        assert_eq!(authorization_child(&id), Some((rg, "roleAssignments")));
        let lock = format!("{rg}/providers/microsoft.authorization/locks/l1/");
        assert_eq!(authorization_child(&lock), Some((rg, "locks")));
        let kv = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv";
        let id = format!("{kv}/providers/Microsoft.Authorization/roleAssignments/ad4a");
        assert_eq!(authorization_child(&id), Some((kv, "roleAssignments")));
        let root = "/providers/Microsoft.Authorization/roleAssignments/x";
        assert_eq!(authorization_child(root), Some(("/", "roleAssignments")));
        assert_eq!(authorization_child(rg), None);
        assert_eq!(
            authorization_child(
                "/subscriptions/s/providers/Microsoft.Authorization/roleAssignments"
            ),
            None
        );
        assert_eq!(grant_scope(rg), (rg.to_string(), None));
    }
}
