//! Deny assignments: what one holds, whom it applies to, and reading it in the
//! three shapes people have: this tool's flat shape (`name`, `scope`, `actions`,
//! ...), Azure's ARM REST shape (`{"id", "name", "type", "properties": {...}}`,
//! alone or as a list response `{"value": [...]}`) and `Get-AzDenyAssignment |
//! ConvertTo-Json` (`DenyAssignmentName`, `Actions`, `Principals`, ...).
//!
//! Whom a deny applies to (azure-rbac-semantics.md §1, §5): every principal in
//! `principals`, where the all-zero object id (type `SystemDefined`) stands for
//! everyone, and no principal listed in `excludePrincipals`. An offline tool
//! knows who asks only when the request names one principal ([`Subject`]), and
//! never knows group membership: [`DenyAssignment::applies_to`] answers
//! [`Applies::Unknown`] with the reason whenever that decides it.

use crate::bitset::BitSet;
use crate::catalog::OperationCatalog;
use crate::condition::{Condition, Truth};
use crate::expand::{Expander, Expansion};
use crate::json::{JsonError, Node, Value};
use crate::model::PermissionBlock;
use crate::pattern::ActionPattern;
use crate::scope::{Coverage, Hierarchy, Scope};
use crate::text::is_guid;

/// The object id Azure uses for "all principals".
pub const EVERYONE: &str = "00000000-0000-0000-0000-000000000000";

/// The ARM resource type of a deny assignment.
pub const ARM_TYPE: &str = "Microsoft.Authorization/denyAssignments";

/// A principal a deny assignment names or excludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenyPrincipal {
    /// The object id.
    pub id: String,
    /// `User`, `Group`, `ServicePrincipal`, `SystemDefined`, ... when given.
    pub kind: Option<String>,
    /// The display name, when given (PowerShell's `DisplayName`).
    pub name: Option<String>,
}

impl DenyPrincipal {
    /// The all-zero id: everyone.
    pub fn is_everyone(&self) -> bool {
        self.id.trim() == EVERYONE
    }

    /// A group, whose members an offline tool does not know.
    pub fn is_group(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(crate::model::is_group_kind)
    }

    /// Whether someone other than itself may be reached through it: a group, or a
    /// principal whose type is not given (or is not one of a single principal),
    /// as the role-assignment side reads an assignment's principal (an outside
    /// review: an untyped id in a deny's `principals` gave a sure allow, the same
    /// id on a role assignment a conditional one).
    pub fn may_have_members(&self) -> bool {
        !self.is_everyone()
            && self
                .kind
                .as_deref()
                .is_none_or(|k| !crate::model::is_individual_kind(k))
    }

    fn label(&self) -> String {
        let mut s = format!("`{}`", self.id);
        match (&self.name, &self.kind) {
            (Some(n), Some(k)) => s.push_str(&format!(" ({k} {n})")),
            (Some(n), None) => s.push_str(&format!(" ({n})")),
            (None, Some(k)) => s.push_str(&format!(" ({k})")),
            (None, None) => {}
        }
        s
    }
}

/// A deny assignment (created by Azure for managed apps, Blueprints and
/// deployment stacks).
#[derive(Debug, Clone)]
pub struct DenyAssignment {
    /// Its name.
    pub name: String,
    /// Where.
    pub scope: Scope,
    /// The actions it denies (and the exceptions), one block per element of ARM's
    /// `permissions` (a block's condition guards that block).
    pub permissions: Vec<PermissionBlock>,
    /// When true it applies at its scope only.
    pub do_not_apply_to_child_scopes: bool,
    /// Whom it applies to; empty, or holding [`EVERYONE`]: everyone.
    pub principals: Vec<DenyPrincipal>,
    /// Whom it spares.
    pub exclude_principals: Vec<DenyPrincipal>,
    /// A condition on the whole deny assignment (PowerShell's `Condition`).
    pub condition: Option<Condition>,
}

/// Who asks: the principal whose access a request evaluates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Subject {
    /// The request names nobody.
    #[default]
    Unnamed,
    /// The request's assignments name several principals (their labels).
    Several(Vec<String>),
    /// One principal: its object id when known, else a name.
    One {
        /// The object id.
        id: Option<String>,
        /// A name (UPN, display name).
        name: Option<String>,
    },
}

impl Subject {
    /// One principal, from what a request or an export says: text shaped like a
    /// GUID is an object id, anything else a name.
    pub fn from_text(text: &str) -> Subject {
        let t = text.trim();
        if is_guid(t) {
            Subject::One {
                id: Some(t.to_string()),
                name: None,
            }
        } else {
            Subject::One {
                id: None,
                name: Some(t.to_string()),
            }
        }
    }

    /// The object id, when known.
    pub fn id(&self) -> Option<&str> {
        match self {
            Subject::One { id, .. } => id.as_deref(),
            _ => None,
        }
    }

    /// How to name it in a sentence.
    pub fn label(&self) -> String {
        match self {
            Subject::One { id: Some(id), .. } => format!("`{id}`"),
            Subject::One { name: Some(n), .. } => format!("`{n}`"),
            _ => "the principal".into(),
        }
    }

    /// Why the object id is not known (`None` when it is).
    pub(crate) fn unknown_why(&self) -> Option<String> {
        match self {
            Subject::One { id: Some(_), .. } => None,
            Subject::One { name: Some(n), .. } => Some(format!(
                "the request names its principal `{n}` by name, and deny assignments name principals by object id (set the request's `principal` to its object id)"
            )),
            Subject::Several(labels) => Some(format!(
                "the request's assignments name several principals ({}), so who asks is not known (set the request's `principal` to the object id of the one asking)",
                labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
            )),
            _ => Some(
                "the request does not say who asks (set the request's `principal` to an object id, or name it in the assignments' `principal`)"
                    .into(),
            ),
        }
    }
}

/// Whether a deny assignment applies to the subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applies {
    /// It does.
    Yes,
    /// It does not, and why.
    No(String),
    /// It cannot be known offline, and what is unknown.
    Unknown(String),
}

fn same_id(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Principals that may be groups, in words: "group `g`", or, when a type is not
/// given, "`x`, whose type is not given (it may be a group)".
fn groups_phrase(list: &[DenyPrincipal]) -> String {
    if list.iter().all(DenyPrincipal::is_group) {
        format!("group {}", labels(list))
    } else {
        format!(
            "{}, which may be {} (a principal whose type is not given, or is not a user's, a service principal's or a device's, may be one)",
            labels(list),
            if list.len() == 1 { "a group" } else { "groups" }
        )
    }
}

fn labels(list: &[DenyPrincipal]) -> String {
    list.iter()
        .map(DenyPrincipal::label)
        .collect::<Vec<_>>()
        .join(", ")
}

impl DenyAssignment {
    /// Whether it names everyone (no principals, or the all-zero id).
    pub fn everyone(&self) -> bool {
        self.principals.is_empty() || self.principals.iter().any(DenyPrincipal::is_everyone)
    }

    /// Whom it applies to, in a few words (for reports).
    pub fn whom(&self) -> String {
        let mut s = if self.everyone() {
            "everyone".to_string()
        } else {
            labels(&self.principals)
        };
        if !self.exclude_principals.is_empty() {
            s.push_str(&format!(" except {}", labels(&self.exclude_principals)));
        }
        s
    }

    /// The catalog operations it denies (control and data, one index space as in
    /// [`crate::expand::Expansion::granted`]): `(surely, only under a condition that
    /// cannot be decided offline)`. Whom it applies to is not considered here.
    pub fn denied_operations(
        &self,
        expander: &mut Expander<'_>,
        ops: &OperationCatalog,
    ) -> (BitSet, BitSet) {
        let mut sure = BitSet::new(ops.len());
        let mut conditional = BitSet::new(ops.len());
        for block in &self.permissions {
            let mut set = BitSet::new(ops.len());
            for data in [false, true] {
                let (grants, exclusions) = block.for_plane(data);
                if grants.is_empty() {
                    continue;
                }
                let mut g = expander.match_set(grants, data);
                if !exclusions.is_empty() {
                    g.subtract(&expander.match_set(exclusions, data));
                }
                set.union_with(&g);
            }
            let conditions: Vec<&Condition> = [self.condition.as_ref(), block.condition.as_ref()]
                .into_iter()
                .flatten()
                .collect();
            if conditions.is_empty() {
                sure.union_with(&set);
                continue;
            }
            for i in set.iter() {
                let truth = conditions
                    .iter()
                    .fold(Truth::True, |t, c| t.and(c.evaluate(ops.lower(i))));
                match truth {
                    Truth::True => sure.insert(i),
                    Truth::Unknown => conditional.insert(i),
                    Truth::False => {}
                }
            }
        }
        conditional.subtract(&sure);
        (sure, conditional)
    }

    /// Whether it reaches `target` (§5): at its own scope only when
    /// `doNotApplyToChildScopes` is set, otherwise at its scope and every child
    /// scope; a management group reaches a scope the hierarchy does not place
    /// with [`Coverage::Unknown`].
    pub fn covers(&self, hierarchy: &Hierarchy, target: &Scope) -> Coverage {
        if self.do_not_apply_to_child_scopes {
            if target.is_ancestor_or_self(&self.scope) && self.scope.is_ancestor_or_self(target) {
                Coverage::Yes
            } else {
                Coverage::No
            }
        } else {
            hierarchy.covers(&self.scope, target)
        }
    }

    /// Why whether it applies to `subject` cannot be known offline, in words that
    /// do not name the subject (a tenant review says it once for every principal
    /// alike): a principal known by name only, or the groups it names or spares.
    /// Meant for a subject [`DenyAssignment::applies_to`] answered
    /// [`Applies::Unknown`] for.
    pub fn unknown_membership(&self, subject: &Subject) -> String {
        let Some(id) = subject.id() else {
            return "the export gives no object id for the principal, and a deny assignment names principals by object id".into();
        };
        let groups = |list: &[DenyPrincipal]| {
            list.iter()
                .filter(|p| p.may_have_members())
                .cloned()
                .collect::<Vec<_>>()
        };
        let mut parts = Vec::new();
        let named = self.principals.iter().any(|p| same_id(&p.id, id));
        let via = groups(&self.principals);
        if !self.everyone() && !named && !via.is_empty() {
            parts.push(format!("it applies to members of {}", groups_phrase(&via)));
        }
        let spared = groups(&self.exclude_principals);
        if !spared.is_empty() {
            parts.push(format!("it spares members of {}", groups_phrase(&spared)));
        }
        if parts.is_empty() {
            parts.push(format!("it applies to {}", self.whom()));
        }
        format!(
            "{}, and group membership is not in the exports",
            parts.join("; ")
        )
    }

    /// For a group it applies to: the principals it spares who may be members of
    /// that group, which the group's row (what reaches each member) cannot tell
    /// apart; `None` when it spares no one but the group itself.
    pub fn spares_members_of(&self, group: &Subject) -> Option<String> {
        let id = group.id();
        let others: Vec<DenyPrincipal> = self
            .exclude_principals
            .iter()
            .filter(|x| id.is_none_or(|id| !same_id(&x.id, id)))
            .cloned()
            .collect();
        (!others.is_empty()).then(|| {
            format!(
                "it excludes {}, who may be {} of group {}, and group membership is not in the exports",
                labels(&others),
                if others.len() == 1 { "a member" } else { "members" },
                group.label()
            )
        })
    }

    /// Whether it applies to `subject` (§1: principal matched, not excluded).
    pub fn applies_to(&self, subject: &Subject) -> Applies {
        let id = subject.id();
        let who = subject.label();
        // Excluded by id: spared, whatever else it says.
        if let Some(x) =
            id.and_then(|id| self.exclude_principals.iter().find(|x| same_id(&x.id, id)))
        {
            return Applies::No(format!("it excludes {}, the principal asking", x.label()));
        }
        let mut unknown: Vec<String> = Vec::new();
        if !self.everyone() {
            let named = id.is_some_and(|id| self.principals.iter().any(|p| same_id(&p.id, id)));
            if !named {
                let groups: Vec<DenyPrincipal> = self
                    .principals
                    .iter()
                    .filter(|p| p.may_have_members())
                    .cloned()
                    .collect();
                match (id, subject.unknown_why()) {
                    (_, Some(why)) => unknown.push(format!(
                        "it applies only to {}, and {why}",
                        labels(&self.principals)
                    )),
                    (Some(_), None) if !groups.is_empty() => unknown.push(format!(
                        "it applies to members of {}, and whether {who} is a member is not known offline (group membership is not in the request)",
                        groups_phrase(&groups)
                    )),
                    _ => {
                        return Applies::No(format!(
                            "it applies only to {}, and the principal asking is {who}",
                            labels(&self.principals)
                        ))
                    }
                }
            }
        }
        if !self.exclude_principals.is_empty() {
            match subject.unknown_why() {
                Some(why) => unknown.push(format!(
                    "it excludes {}, and {why}",
                    labels(&self.exclude_principals)
                )),
                None => {
                    let groups: Vec<DenyPrincipal> = self
                        .exclude_principals
                        .iter()
                        .filter(|p| p.may_have_members())
                        .cloned()
                        .collect();
                    if !groups.is_empty() {
                        unknown.push(format!(
                            "it excludes {}, and whether {who} is a member is not known offline (group membership is not in the request)",
                            groups_phrase(&groups)
                        ));
                    }
                }
            }
        }
        if unknown.is_empty() {
            Applies::Yes
        } else {
            Applies::Unknown(unknown.join("; "))
        }
    }
}

/// Take what deny assignments block out of an expansion: `removed` (surely
/// blocked) leaves it, and what is granted in `uncertain` (blocked only if
/// something unknown offline holds) becomes conditional.
pub fn take_away(e: &mut Expansion, removed: &BitSet, uncertain: &BitSet) {
    e.granted.subtract(removed);
    e.conditional.subtract(removed);
    let mut now_conditional = e.granted.clone();
    now_conditional.intersect_with(uncertain);
    e.granted.subtract(&now_conditional);
    e.conditional.union_with(&now_conditional);
}

/// The keys of a deny assignment's body, in any of the three shapes (matched
/// ignoring case: PowerShell writes `Actions` where ARM writes `actions`).
const BODY_KEYS: &[&str] = &[
    "name",
    "denyAssignmentName",
    "id",
    "denyAssignmentId",
    "type",
    "description",
    "scope",
    "actions",
    "notActions",
    "dataActions",
    "notDataActions",
    "permissions",
    "doNotApplyToChildScopes",
    "principals",
    "excludePrincipals",
    "isSystemProtected",
    "condition",
    "conditionVersion",
    "createdOn",
    "createdBy",
    "updatedOn",
    "updatedBy",
];

const ARM_KEYS: &[&str] = &["id", "name", "type", "properties"];

const PERMISSION_KEYS: &[&str] = crate::import::BLOCK_KEYS;

const PRINCIPAL_KEYS: &[&str] = &[
    "id",
    "objectId",
    "type",
    "objectType",
    "displayName",
    "email",
    "signInName",
];

const FLAT_ACTION_KEYS: &[&str] = &["actions", "notActions", "dataActions", "notDataActions"];

/// Whether an object looks like a deny assignment in one of Azure's shapes (for
/// telling a deny-assignment export apart from role assignments and definitions).
pub fn looks_like(n: &Node<'_>) -> bool {
    if !n.is_object() {
        return false;
    }
    let has = |k: &str| n.keys().iter().any(|(x, _)| x.eq_ignore_ascii_case(k));
    let arm_type = n
        .get("type")
        .ok()
        .flatten()
        .and_then(|t| t.as_opt_str().ok().flatten())
        .is_some_and(|t| t.eq_ignore_ascii_case(ARM_TYPE));
    // This tool's flat shape: whom it applies to, where (no role definition has
    // `principals`; an outside review: such a deny in a `tenant` file was read
    // as a custom role granting its actions).
    arm_type
        || (has("principals") && has("scope"))
        || has("denyAssignmentName")
        || has("denyAssignmentId")
        || has("excludePrincipals")
        || n.get("properties")
            .ok()
            .flatten()
            .is_some_and(|p| looks_like(&p))
}

fn check_keys(n: &Node<'_>, known: &[&str], what: &str) -> Result<(), JsonError> {
    crate::request::check_keys(n, known).map_err(|mut e| {
        e.message.push_str(&format!(" in {what}"));
        e
    })
}

fn opt_str(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v
            .as_opt_str()?
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)),
        None => Ok(None),
    }
}

fn patterns(n: &Node<'_>, key: &str) -> Result<Vec<ActionPattern>, JsonError> {
    let Some(v) = n.get(key)? else {
        return Ok(Vec::new());
    };
    v.strings()?
        .into_iter()
        .map(|s| {
            ActionPattern::new(&s.text).map_err(|e| JsonError::at(&s.path, s.pos, e.to_string()))
        })
        .collect()
}

/// A deny assignment's (or a block's) condition: refused, at its path, when it is
/// not of the documented form (review F1 L1), like any other unreadable part of a
/// deny assignment.
fn condition(n: &Node<'_>) -> Result<Option<Condition>, JsonError> {
    let Some(v) = n.get("condition")? else {
        return Ok(None);
    };
    match v.as_opt_str()?.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Condition::check(c)
            .map(Some)
            .map_err(|e| v.error(format!("the condition is not well formed: {e}"))),
        None => Ok(None),
    }
}

fn block(n: &Node<'_>) -> Result<PermissionBlock, JsonError> {
    Ok(PermissionBlock {
        actions: patterns(n, "actions")?,
        not_actions: patterns(n, "notActions")?,
        data_actions: patterns(n, "dataActions")?,
        not_data_actions: patterns(n, "notDataActions")?,
        condition: condition(n)?,
        condition_version: opt_str(n, "conditionVersion")?,
    })
}

fn principals(n: &Node<'_>, key: &str) -> Result<Vec<DenyPrincipal>, JsonError> {
    let Some(list) = n.get(key)? else {
        return Ok(Vec::new());
    };
    if matches!(list.value(), Value::Null) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for p in list.items()? {
        if let Value::String(s) = p.value() {
            out.push(DenyPrincipal {
                id: s.trim().to_string(),
                kind: None,
                name: None,
            });
            continue;
        }
        if !p.is_object() {
            return Err(p.error(format!(
                "expected a principal (`{{\"id\": \"<object id>\", \"type\": \"User\"}}`), found {}",
                p.value().kind()
            )));
        }
        check_keys(&p, PRINCIPAL_KEYS, "a principal")?;
        let id = match (opt_str(&p, "id")?, opt_str(&p, "objectId")?) {
            (Some(a), Some(b)) if !same_id(&a, &b) => {
                return Err(p.error(format!("`id` `{a}` and `objectId` `{b}` differ; keep one")))
            }
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => {
                return Err(p.error(
                    "missing `id`: a deny assignment names principals by object id (the all-zero id with type `SystemDefined` for everyone)",
                ))
            }
        };
        out.push(DenyPrincipal {
            id,
            kind: opt_str(&p, "type")?.or(opt_str(&p, "objectType")?),
            name: opt_str(&p, "displayName")?,
        });
    }
    Ok(out)
}

/// Whom a deny assignment names: `principals` left out (or `null`) is everyone, as
/// the all-zero id says; an empty list is refused, as it names no one and Azure
/// never writes one (an outside review: it was read as everyone without a word).
fn named(n: &Node<'_>) -> Result<Vec<DenyPrincipal>, JsonError> {
    if let Some(list) = n.get("principals")? {
        if matches!(list.value(), Value::Array(a) if a.is_empty()) {
            return Err(list.error(format!(
                "`principals` is empty: a deny assignment applies to the principals it names (`{EVERYONE}` with type `SystemDefined` for everyone); list them, or leave `principals` out for everyone"
            )));
        }
    }
    principals(n, "principals")
}

/// Read the value of a request's `denyAssignments`: an array of deny assignments
/// in any of the three shapes, an ARM list response (`{"value": [...]}`), or one
/// deny assignment.
pub fn read_list(n: &Node<'_>) -> Result<Vec<DenyAssignment>, JsonError> {
    let items = match n.value() {
        Value::Array(_) => n.items()?,
        Value::Object(_) => match n.get("value")? {
            Some(v)
                if !n
                    .keys()
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("scope")) =>
            {
                check_keys(n, &["value", "nextLink"], "a list response")?;
                v.items()?
            }
            _ => vec![n.clone()],
        },
        other => {
            return Err(n.error(format!(
                "expected a list of deny assignments, found {}",
                other.kind()
            )))
        }
    };
    // Every deny assignment's problem, named at once.
    let mut denies = Vec::new();
    let mut problems = Vec::new();
    for item in &items {
        match read(item) {
            Ok(d) => denies.push(d),
            Err(e) => problems.push(e),
        }
    }
    match crate::request::all_in_one(problems) {
        Some(e) => Err(e),
        None => Ok(denies),
    }
}

/// Read one deny assignment in any of the three shapes.
pub fn read(d: &Node<'_>) -> Result<DenyAssignment, JsonError> {
    if !d.is_object() {
        return Err(d.error(format!(
            "expected a deny assignment object, found {}",
            d.value().kind()
        )));
    }
    if let Some(t) = opt_str(d, "type")? {
        if !t.eq_ignore_ascii_case(ARM_TYPE) {
            return Err(d.error(format!(
                "`type` is `{t}`: a deny assignment's is `{ARM_TYPE}`"
            )));
        }
    }
    match d.get("properties")? {
        Some(props) => {
            check_keys(d, ARM_KEYS, "a deny assignment (ARM shape)")?;
            if !props.is_object() {
                return Err(props.error(format!(
                    "expected the deny assignment's properties object, found {}",
                    props.value().kind()
                )));
            }
            let fallback = opt_str(d, "name")?.or(opt_str(d, "id")?);
            body(&props, fallback)
        }
        None => body(d, None),
    }
}

fn body(n: &Node<'_>, fallback: Option<String>) -> Result<DenyAssignment, JsonError> {
    check_keys(n, BODY_KEYS, "a deny assignment")?;
    let name = opt_str(n, "denyAssignmentName")?
        .or(opt_str(n, "name")?)
        .or(fallback)
        .or(opt_str(n, "denyAssignmentId")?)
        .or(opt_str(n, "id")?)
        .unwrap_or_else(|| "deny assignment".into());
    let scope_node = n.get("scope")?.ok_or_else(|| n.error("missing `scope`"))?;
    let scope = match scope_node.as_opt_str()? {
        Some(s) => Scope::parse(s).map_err(|e| scope_node.error(e.to_string()))?,
        None => return Err(scope_node.error("missing `scope`")),
    };
    let permissions = match n.get("permissions")? {
        Some(list) => {
            if let Some(k) = FLAT_ACTION_KEYS
                .iter()
                .find(|k| n.keys().iter().any(|(x, _)| x.eq_ignore_ascii_case(k)))
            {
                return Err(n.error(format!(
                    "both `permissions` and `{k}`: give the actions in `permissions` (ARM shape) or beside `scope` (this tool's and PowerShell's shape), not both"
                )));
            }
            let mut blocks = Vec::new();
            for p in list.items()? {
                if !p.is_object() {
                    return Err(p.error(format!(
                        "expected a permission object (`actions`, `notActions`, `dataActions`, `notDataActions`), found {}",
                        p.value().kind()
                    )));
                }
                check_keys(&p, PERMISSION_KEYS, "a deny assignment's permissions")?;
                blocks.push(block(&p)?);
            }
            blocks
        }
        None => {
            let mut b = block(n)?;
            // The flat shape's `condition` is the deny assignment's, kept below.
            b.condition = None;
            b.condition_version = None;
            vec![b]
        }
    };
    Ok(DenyAssignment {
        name,
        scope,
        permissions,
        do_not_apply_to_child_scopes: n
            .get("doNotApplyToChildScopes")?
            .filter(|v| !matches!(v.value(), Value::Null))
            .map(|v| v.as_bool())
            .transpose()?
            .unwrap_or(false),
        principals: named(n)?,
        exclude_principals: principals(n, "excludePrincipals")?,
        condition: condition(n)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deny(principals: Vec<DenyPrincipal>, exclude: Vec<DenyPrincipal>) -> DenyAssignment {
        DenyAssignment {
            name: "d".into(),
            scope: Scope::parse("/subscriptions/s1").unwrap(),
            permissions: Vec::new(),
            do_not_apply_to_child_scopes: false,
            principals,
            exclude_principals: exclude,
            condition: None,
        }
    }

    fn p(id: &str, kind: &str) -> DenyPrincipal {
        DenyPrincipal {
            id: id.into(),
            kind: Some(kind.into()),
            name: None,
        }
    }

    const SP: &str = "cccccccc-0000-4000-8000-000000000003";
    const ALICE: &str = "aaaaaaaa-0000-4000-8000-000000000001";

    #[test]
    fn who_a_deny_applies_to() {
        let everyone_but_sp = deny(
            vec![p(EVERYONE, "SystemDefined")],
            vec![p(SP, "ServicePrincipal")],
        );
        let sp = Subject::from_text(SP);
        let alice = Subject::from_text(&ALICE.to_ascii_uppercase());
        assert!(
            matches!(everyone_but_sp.applies_to(&sp), Applies::No(w) if w.contains("excludes"))
        );
        assert_eq!(everyone_but_sp.applies_to(&alice), Applies::Yes);
        assert!(matches!(
            everyone_but_sp.applies_to(&Subject::Unnamed),
            Applies::Unknown(w) if w.contains("does not say who asks")
        ));
        assert_eq!(
            deny(vec![], vec![]).applies_to(&Subject::Unnamed),
            Applies::Yes
        );
        let only_alice = deny(vec![p(ALICE, "User")], vec![]);
        assert!(
            matches!(only_alice.applies_to(&sp), Applies::No(w) if w.contains("applies only to"))
        );
        assert_eq!(only_alice.applies_to(&alice), Applies::Yes);
        let group = deny(vec![p(ALICE, "Group")], vec![]);
        assert!(matches!(group.applies_to(&sp), Applies::Unknown(w) if w.contains("member")));
        let by_name = Subject::from_text("alice@contoso.com");
        assert!(
            matches!(only_alice.applies_to(&by_name), Applies::Unknown(w) if w.contains("by name"))
        );
        let excl_group = deny(vec![], vec![p(SP, "Group")]);
        assert!(
            matches!(excl_group.applies_to(&alice), Applies::Unknown(w) if w.contains("member"))
        );
    }

    #[test]
    fn an_empty_principals_list_is_refused_and_a_missing_one_is_everyone() {
        let read_one = |text: &str| {
            let j = crate::json::parse(text).unwrap();
            read(&Node::root(&j))
        };
        let flat = r#"{"name":"x","scope":"/subscriptions/s1","actions":["*"]}"#;
        assert!(read_one(flat).unwrap().everyone());
        for text in [
            r#"{"name":"x","scope":"/subscriptions/s1","actions":["*"],"principals":[]}"#,
            r#"{"name":"x","type":"Microsoft.Authorization/denyAssignments","properties":{"scope":"/subscriptions/s1","permissions":[{"actions":["*"]}],"principals":[],"excludePrincipals":[]}}"#,
        ] {
            let e = read_one(text).unwrap_err();
            assert!(e.message.contains("`principals` is empty"), "{e}");
            assert!(
                e.path.as_deref().is_some_and(|p| p.ends_with("principals")),
                "{e}"
            );
        }
    }
}
