//! One reason behind a decision: structured for programs, with a sentence for people.

use crate::model::Role;
use crate::scope::Scope;
use serde::Serialize;

/// Appended to an exclusion's sentence when Actions name the action exactly and a
/// wildcard NotAction removes it (azure-rbac-semantics.md, §9 question 3).
const EXACT_ACTION_EXCLUDED: &str = ". Azure's documents leave open whether a wildcard NotAction removes an action that Actions name exactly (an unmerged docs change suggests it survives); this answer follows the documented reading, Actions minus NotActions, so check it live before relying on it";

/// The `openQuestion` of such a reason.
pub(crate) const EXACT_ACTION_OPEN: &str = "an action named exactly in Actions and matched by a wildcard NotAction of the same block: removed (Actions minus NotActions, the documented reading) or kept (NotActions prune only wildcard grants, as MicrosoftDocs/azure-docs PR 128683 suggests)";

/// What kind of reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonKind {
    /// An assignment grants the action.
    Granted,
    /// A grant pattern matched but the block's exclusion removed it.
    Excluded,
    /// Granted under a condition that cannot be decided offline.
    Conditional,
    /// Granted by the pattern, but the condition is false for this action.
    ConditionFalse,
    /// The assignment's scope does not cover the target (whether or not its role
    /// would grant the action there).
    OutOfScope,
    /// The assignment is at a scope outside its role's `assignableScopes`: Azure
    /// refuses to create such an assignment (a create-time constraint, semantics
    /// §5), so the answer is as written, for an assignment that cannot exist.
    OutsideAssignableScopes,
    /// The assignment may be outside its role's `assignableScopes`: they name a
    /// management group, and whether it holds the assignment's scope is not known
    /// (`managementGroups`); if it does not, Azure refuses such an assignment.
    AssignableScopesUnknown,
    /// Azure refuses to create the assignment for a reason other than its
    /// assignableScopes (a custom role with DataActions at a management group,
    /// semantics §5): the answer is as written, for an assignment that cannot exist.
    RefusedAssignment,
    /// The assignment is at a management group whose members are not known.
    ScopeUnknown,
    /// The assignment would grant it, but it is another principal's (a user,
    /// service principal or device that is not who asks): it does not count.
    OtherPrincipal,
    /// The assignment grants it if it is who asks' at all, which cannot be known
    /// offline (a group's membership, a principal of unknown type, who asks not
    /// said): the answer is at best conditional.
    PrincipalUnknown,
    /// The role grants it on the other plane (action vs data action).
    WrongPlane,
    /// A deny assignment blocks it.
    Denied,
    /// A deny assignment at a management group whose members are not known would
    /// block it if the group holds the target: the answer is at best conditional.
    DenyScopeUnknown,
    /// A deny assignment matches the action but does not apply to the principal
    /// asking (it excludes them, names others only, or its condition is false).
    DenyNotApplied,
    /// A deny assignment's Actions (or DataActions) match it, but its NotActions
    /// (or NotDataActions) exempt it: that deny does not block it (deny.Actions −
    /// deny.NotActions, azure-rbac-semantics.md §1).
    DenyExempted,
    /// A deny assignment would block it if it applies to the principal asking,
    /// which cannot be known offline (who asks is not said, or group membership):
    /// the answer is at best conditional.
    DenyPrincipalUnknown,
    /// A deny assignment blocks it only under a condition that cannot be decided
    /// offline: the answer is at best conditional.
    DenyConditional,
    /// Nothing grants it.
    NoGrant,
    /// The action is not in the catalog (with a suggestion when one is close).
    NotInCatalog,
    /// The least-privileged built-in role or permission that would grant it.
    Suggestion,
    /// The query did not say which plane (`dataAction`), and the operations catalog
    /// knows the name only as a data action: it was evaluated as one; or knows it
    /// on both planes: it was evaluated as a control-plane action.
    PlaneFromCatalog,
    /// The query's scope lies below the object its action acts on (a management
    /// group's action asked at a subscription): a request for it is made there,
    /// so the answer is for a request that does not occur (a note; the decision
    /// is kept).
    ActsAbove,
    /// The query names no scope and deny assignments are given: it was answered
    /// at each scope an Azure assignment is at, a deny counting only where it
    /// reaches, and the best answer kept (a note naming where).
    ScopeNotGiven,
    /// Nothing grants it by the documented rule, but a role held where it
    /// reaches holds `A/*/B` for the action `A/B`: it would grant it if Azure read
    /// `/*/` as possibly empty (an open question; the decision is kept).
    StarSegment,
    /// Sources disagree on the answer: an Entra role Microsoft documents as
    /// reading all Intune data (Global Reader) whose role definition as Graph
    /// returns it names no Intune permission. The decision follows the observed
    /// definition; the note says what the documentation says.
    SourcesDisagree,
}

/// A reason, with the assignment, role, block and patterns involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Kind.
    pub kind: ReasonKind,
    /// Index of the assignment in the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<usize>,
    /// Role name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Role id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    /// Assignment scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Permission block index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// The grant pattern that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The exclusion that removed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_by: Option<String>,
    /// Conditions involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<String>,
    /// Set when the documents leave this reading open (today: an action that Actions
    /// name exactly, removed by a wildcard NotAction of the same block), with what is
    /// open; the decision follows the documented set reading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_question: Option<String>,
    /// The sentence.
    pub message: String,
}

impl Reason {
    fn base(kind: ReasonKind, message: String) -> Reason {
        Reason {
            kind,
            assignment: None,
            role: None,
            role_id: None,
            scope: None,
            block: None,
            pattern: None,
            excluded_by: None,
            conditions: Vec::new(),
            open_question: None,
            message,
        }
    }

    /// The reason is about assignment `index` of `role` at `scope`.
    pub(crate) fn for_assignment(
        mut self,
        index: usize,
        role: &Role,
        scope: Option<&str>,
    ) -> Reason {
        self.assignment = Some(index);
        self.role = Some(role.name.clone());
        self.role_id = Some(role.id.clone());
        self.scope = scope.map(str::to_string);
        self
    }

    fn with_role(
        self,
        index: usize,
        role: &Role,
        scope: Option<&str>,
        block: usize,
        pattern: &str,
    ) -> Reason {
        let mut r = self.for_assignment(index, role, scope);
        r.block = Some(block);
        r.pattern = Some(pattern.to_string());
        r
    }

    /// A reason that is only a sentence.
    pub fn note(kind: ReasonKind, message: String) -> Reason {
        Reason::base(kind, message)
    }

    pub(crate) fn granted(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        conds: &[&str],
    ) -> Reason {
        let via = via(role, b);
        let mut r = Reason::base(
            ReasonKind::Granted,
            format!(
                "{} grants it through `{p}`{via}{}",
                who(role, scope),
                if conds.is_empty() {
                    ""
                } else {
                    " (its condition holds for this action)"
                }
            ),
        )
        .with_role(i, role, scope, b, p);
        r.conditions = conds.iter().map(|c| c.to_string()).collect();
        r
    }

    pub(crate) fn excluded(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        n: &str,
        data: bool,
    ) -> Reason {
        let list = match (role.plane(), data) {
            (crate::model::Plane::Azure, true) => "NotDataActions",
            (crate::model::Plane::Azure, false) => "NotActions",
            _ => "exclusions",
        };
        let mut r = Reason::base(
            ReasonKind::Excluded,
            format!(
                "{} matches it with `{p}`{}, but its {list} `{n}` remove it from that block; this is not a deny, another assignment can still grant it",
                who(role, scope),
                via(role, b)
            ),
        )
        .with_role(i, role, scope, b, p);
        r.excluded_by = Some(n.to_string());
        if role.plane() == crate::model::Plane::Azure && !p.contains('*') && n.contains('*') {
            r.message.push_str(EXACT_ACTION_EXCLUDED);
            r.open_question = Some(EXACT_ACTION_OPEN.to_string());
        }
        r
    }

    /// Granted through `p` of block `b` of the assignment at `scope`, under
    /// conditions that cannot be decided offline; `unread` when one of them is not
    /// of the documented form (then it is not said to depend on attributes).
    pub(crate) fn conditional(
        i: usize,
        role: &Role,
        (scope, b, p): (Option<&str>, usize, &str),
        conds: &[&str],
        unread: Option<&crate::condition::ConditionError>,
    ) -> Reason {
        let under = match unread {
            None => "a condition that depends on request or resource attributes, which cannot be decided offline".to_string(),
            Some(e) => format!("a condition that is not of the documented form ({e}), which cannot be read, let alone decided offline"),
        };
        let mut r = Reason::base(
            ReasonKind::Conditional,
            format!(
                "{} grants it through `{p}`{} only under {under}",
                who(role, scope),
                via(role, b)
            ),
        )
        .with_role(i, role, scope, b, p);
        r.conditions = conds.iter().map(|c| c.to_string()).collect();
        r
    }

    pub(crate) fn condition_false(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        conds: &[&str],
    ) -> Reason {
        let mut r = Reason::base(
            ReasonKind::ConditionFalse,
            format!(
                "{} matches it with `{p}`{}, but its condition is false for this action",
                who(role, scope),
                via(role, b)
            ),
        )
        .with_role(i, role, scope, b, p);
        r.conditions = conds.iter().map(|c| c.to_string()).collect();
        r
    }

    pub(crate) fn out_of_scope(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        target: Option<&Scope>,
    ) -> Reason {
        Reason::base(
            ReasonKind::OutOfScope,
            format!(
                "{} would grant it through `{p}`, but that scope does not cover `{}`",
                who(role, scope),
                target.map(Scope::as_str).unwrap_or("the target")
            ),
        )
        .with_role(i, role, scope, b, p)
    }

    /// "`R` assigned at `S` does not cover `T`; besides, <what its block says>".
    pub(crate) fn out_of_scope_besides(
        role: &Role,
        scope: Option<&str>,
        target: Option<&Scope>,
        besides: &str,
    ) -> String {
        let prefix = who(role, scope);
        let rest = besides
            .strip_prefix(prefix.as_str())
            .unwrap_or(besides)
            .trim_start();
        format!(
            "{prefix} does not cover `{}`; besides, its role {rest}",
            target.map(Scope::as_str).unwrap_or("the target")
        )
    }

    pub(crate) fn outside_assignable_scopes(i: usize, role: &Role, scope: &str) -> Reason {
        Reason::base(
            ReasonKind::OutsideAssignableScopes,
            format!(
                "{} is assigned at `{scope}`, outside its assignableScopes ({}): Azure refuses to create such an assignment, so this answer is for an assignment that cannot exist as written",
                code(&role.name),
                scope_list(role)
            ),
        )
        .for_assignment(i, role, Some(scope))
    }

    pub(crate) fn assignable_scopes_unknown(i: usize, role: &Role, scope: &str) -> Reason {
        Reason::base(
            ReasonKind::AssignableScopesUnknown,
            format!(
                "{} is assigned at `{scope}`, which may lie outside its assignableScopes ({}): whether the management group there holds `{scope}` is not known (list its members in a request's `managementGroups`, the command line's `eval --input`); if it does not, Azure refuses to create such an assignment",
                code(&role.name),
                scope_list(role)
            ),
        )
        .for_assignment(i, role, Some(scope))
    }

    pub(crate) fn custom_role_at_root(i: usize, role: &Role, scope: &str) -> Reason {
        Reason::base(
            ReasonKind::RefusedAssignment,
            format!(
                "{} is a custom role whose assignableScopes include the root scope (`/`): \"you cannot set AssignableScopes to the root scope\" for a custom role, so Azure refuses to create it and this answer is for a role that cannot exist as written",
                code(&role.name)
            ),
        )
        .for_assignment(i, role, Some(scope))
    }

    pub(crate) fn data_actions_at_management_group(i: usize, role: &Role, scope: &str) -> Reason {
        Reason::base(
            ReasonKind::RefusedAssignment,
            format!(
                "{} is a custom role with DataActions assigned at the management group `{scope}`: custom roles with DataActions can't be assigned at the management group scope, so Azure refuses to create such an assignment and this answer is for an assignment that cannot exist as written",
                code(&role.name)
            ),
        )
        .for_assignment(i, role, Some(scope))
    }

    pub(crate) fn scope_unknown(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        target: Option<&Scope>,
    ) -> Reason {
        Reason::base(
            ReasonKind::ScopeUnknown,
            format!(
                "{} grants it through `{p}`, but whether that management group holds `{}` is not known: the request's `managementGroups` does not give the members of that group (or of a group below it), and a group whose members are not given may hold any group or subscription whose parent is not given; list its members in a request's `managementGroups` (the command line's `eval --input`)",
                who(role, scope),
                target.map(Scope::as_str).unwrap_or("the target")
            ),
        )
        .with_role(i, role, scope, b, p)
    }

    pub(crate) fn other_principal(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        to: &str,
    ) -> Reason {
        Reason::base(
            ReasonKind::OtherPrincipal,
            format!(
                "{} would grant it through `{p}`, but is assigned to {to}",
                who(role, scope)
            ),
        )
        .with_role(i, role, scope, b, p)
    }

    pub(crate) fn principal_unknown(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        to: &str,
    ) -> Reason {
        Reason::base(
            ReasonKind::PrincipalUnknown,
            format!(
                "{} grants it through `{p}` if it is the asking principal's, which is not known: it is assigned to {to}",
                who(role, scope)
            ),
        )
        .with_role(i, role, scope, b, p)
    }

    pub(crate) fn wrong_plane(
        i: usize,
        role: &Role,
        scope: Option<&str>,
        b: usize,
        p: &str,
        asked_data: bool,
    ) -> Reason {
        Reason::base(
            ReasonKind::WrongPlane,
            format!(
                "{} grants it only as a {} through `{p}`; this query is about the {} (data actions and actions are checked separately)",
                who(role, scope),
                if asked_data { "control-plane action" } else { "data action" },
                if asked_data { "data plane" } else { "control plane" }
            ),
        )
        .with_role(i, role, scope, b, p)
    }

    pub(crate) fn denied(name: &str, scope: &str, p: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::Denied,
            format!("deny assignment {} at `{scope}` blocks it through `{p}`; deny assignments take precedence over role assignments", code(name)),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r
    }

    pub(crate) fn deny_scope_unknown(
        name: &str,
        scope: &str,
        p: &str,
        target: Option<&Scope>,
    ) -> Reason {
        let mut r = Reason::base(
            ReasonKind::DenyScopeUnknown,
            format!(
                "deny assignment {} at `{scope}` blocks it through `{p}` if that management group holds `{}`, which is not known: the request's `managementGroups` does not give the members of that group (or of a group below it), and a group whose members are not given may hold any group or subscription whose parent is not given; list its members in a request's `managementGroups` (the command line's `eval --input`)",
                code(name),
                target.map(Scope::as_str).unwrap_or("the target")
            ),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r
    }

    pub(crate) fn deny_not_applied(name: &str, scope: &str, p: &str, why: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::DenyNotApplied,
            format!("deny assignment {} at `{scope}` matches it through `{p}`, but does not apply: {why}", code(name)),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r
    }

    pub(crate) fn deny_exempted(name: &str, scope: &str, p: &str, n: &str, data: bool) -> Reason {
        let list = if data { "NotDataActions" } else { "NotActions" };
        let mut r = Reason::base(
            ReasonKind::DenyExempted,
            format!("deny assignment {} at `{scope}` matches it through `{p}`, but its {list} `{n}` exempt it: this deny does not block it", code(name)),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r.excluded_by = Some(n.to_string());
        r
    }

    pub(crate) fn deny_principal_unknown(name: &str, scope: &str, p: &str, why: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::DenyPrincipalUnknown,
            format!("deny assignment {} at `{scope}` blocks it through `{p}` if it applies to the principal asking, which is not known: {why}", code(name)),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r
    }

    pub(crate) fn deny_conditional(name: &str, scope: &str, p: &str, condition: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::DenyConditional,
            format!("deny assignment {} at `{scope}` blocks it through `{p}` only under its condition, which depends on request or resource attributes and cannot be decided offline", code(name)),
        );
        r.scope = Some(scope.to_string());
        r.pattern = Some(p.to_string());
        r.conditions = vec![condition.to_string()];
        r
    }

    pub(crate) fn suggest(role: &str, id: &str, action: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::Suggestion,
            format!("the least-privileged built-in role that grants `{action}` is `{role}`"),
        );
        r.role = Some(role.to_string());
        r.role_id = Some(id.to_string());
        r
    }

    /// The fix for an action no Azure role assignment gives
    /// ([`crate::least::elevation`]): the Entra role whose holders obtain it.
    pub(crate) fn suggest_elevation(role: Option<&Role>, message: String) -> Reason {
        let mut r = Reason::base(ReasonKind::Suggestion, message);
        r.role = role.map(|r| r.name.clone());
        r.role_id = role.map(|r| r.id.clone());
        r
    }

    pub(crate) fn entra_granted(i: usize, role: &Role, action: &str) -> Reason {
        let mut r = Reason::base(
            ReasonKind::Granted,
            format!("Microsoft Entra role {} holds `{action}`", code(&role.name)),
        )
        .for_assignment(i, role, None);
        r.pattern = Some(action.to_string());
        r
    }
}

/// A role's assignable scopes, each in code.
fn scope_list(role: &Role) -> String {
    role.assignable_scopes
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A name a user wrote (a role's, a deny assignment's) as one code span, whatever
/// backticks it holds (outside review of 2026-12-06: a role named with a backtick
/// broke `explain`'s spans).
fn code(name: &str) -> String {
    crate::text::markdown_code(name)
}

fn who(role: &Role, scope: Option<&str>) -> String {
    match scope {
        Some(s) => format!("{} assigned at `{s}`", code(&role.name)),
        None => format!("{} {}", role.kind.label(), code(&role.name)),
    }
}

fn via(role: &Role, block: usize) -> String {
    if role.blocks.len() > 1 {
        format!(" (permission block {})", block + 1)
    } else {
        String::new()
    }
}
