//! One role assignment as a tool exported it: the request's own shape
//! (`role`, `scope`, `principal`), `az role assignment list -o json` (classic
//! administrators included), `Get-AzRoleAssignment | ConvertTo-Json`, an ARM REST
//! list of `Microsoft.Authorization/roleAssignments` (`az rest`), Graph
//! `unifiedRoleAssignment` and `unifiedRoleAssignmentMultiple`
//! (`roleManagement/directory` and `roleManagement/cloudPC`) as Graph returns them
//! or as Microsoft Graph PowerShell prints them (`Get-Mg...RoleAssignment |
//! ConvertTo-Json`: the same names in PascalCase), Graph `directoryRoles` with
//! `$expand=members`, and Intune `deviceAndAppManagementRoleAssignment`.
//!
//! Privileged Identity Management (PIM) schedules come in the same shapes and are
//! told apart ([`Pim`]): an eligibility grants nothing until it is activated, so
//! it is kept apart from the assignments; an active schedule is an assignment; a
//! schedule request is refused (it is an ask, not a grant).
//!
//! Keys that decide something (the role, the scope, the condition) are read with
//! their JSON path; the principal is kept for grouping; every other key is
//! accepted and listed in [`Exported::unused`], so a reviewer sees what was not
//! used instead of a refusal.

use crate::json::{JsonError, Node, Pos, Value};
use serde::Serialize;

/// The tool an assignment was exported by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Source {
    /// This tool's request shape: `role`, `scope`, `principal`.
    Request,
    /// `az role assignment list -o json`.
    AzCli,
    /// `Get-AzRoleAssignment | ConvertTo-Json`.
    AzPowerShell,
    /// Graph `roleManagement/{directory,cloudPC}/roleAssignments`.
    Graph,
    /// Microsoft Graph PowerShell (`Get-MgRoleManagementDirectoryRoleAssignment`,
    /// `Get-MgBetaRoleManagementCloudPcRoleAssignment`, ... `| ConvertTo-Json`):
    /// Graph's shape with PascalCase names (`PrincipalId`, `PrincipalIds`,
    /// `DirectoryScopeIds`, `AdditionalProperties`), read as [`Source::Graph`] is.
    GraphPowerShell,
    /// An ARM REST list of `Microsoft.Authorization/roleAssignments` (`az rest`,
    /// `GET .../providers/Microsoft.Authorization/roleAssignments`): each in
    /// `properties` (`roleDefinitionId`, `principalId`, `principalType`, `scope`,
    /// `condition`).
    ArmRest,
    /// Graph `directoryRoles?$expand=members`: an activated built-in Microsoft
    /// Entra role (`roleTemplateId`) and the principals holding it tenant-wide.
    DirectoryRole,
    /// Graph `deviceManagement/roleAssignments` (Intune).
    Intune,
}

impl Source {
    /// What a reviewer would call it.
    pub fn label(self) -> &'static str {
        match self {
            Source::Request => "w365-perms request",
            Source::AzCli => "az role assignment list",
            Source::AzPowerShell => "Az PowerShell (Get-AzRoleAssignment or its PIM cmdlets)",
            Source::Graph => "Graph roleAssignments",
            Source::GraphPowerShell => "Get-Mg...RoleAssignment (Microsoft Graph PowerShell)",
            Source::ArmRest => "ARM REST roleAssignments",
            Source::DirectoryRole => "Graph directoryRoles with members",
            Source::Intune => "Intune deviceManagement/roleAssignments",
        }
    }

    /// The keys of the shape that bear on a decision or name the principal.
    fn used(self) -> &'static [&'static str] {
        match self {
            Source::Request => &[
                "role",
                "scope",
                "condition",
                "conditionVersion",
                "principal",
                "principalType",
                "description",
            ],
            Source::AzCli => &[
                "roleDefinitionName",
                "roleDefinitionId",
                "scope",
                "condition",
                "conditionVersion",
                "principalName",
                "principalId",
                "principalType",
                // `Microsoft.Authorization/classicAdministrators` tells a classic
                // administrator row.
                "type",
            ],
            Source::AzPowerShell => &[
                "RoleDefinitionName",
                "RoleDefinitionId",
                "Scope",
                "Condition",
                "ConditionVersion",
                "DisplayName",
                "SignInName",
                "ObjectId",
                "ObjectType",
                // Its PIM cmdlets' (`Get-AzRoleEligibilityScheduleInstance`).
                "PrincipalId",
                "PrincipalType",
            ],
            Source::Graph | Source::GraphPowerShell => &[
                "roleDefinitionId",
                "principalId",
                "principalIds",
                "directoryScopeId",
                "directoryScopeIds",
                "appScopeId",
                "appScopeIds",
                "condition",
                "principal",
                "resourceScopes",
                "scheduleInfo",
                "endDateTime",
            ],
            // The keys of `properties` are those of az's shape (below `used_in_properties`).
            Source::ArmRest => &["properties", "type"],
            Source::DirectoryRole => &["roleTemplateId", "displayName", "members"],
            Source::Intune => &["roleDefinition", "roleDefinitionId", "members"],
        }
    }
}

/// Who holds an assignment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// The object id, when exported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name (UPN, display name or app name), when exported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `User`, `Group`, `ServicePrincipal`, ... or `Unknown`.
    #[serde(rename = "type")]
    pub kind: String,
}

impl Principal {
    /// The key assignments are grouped by: the id in lowercase, else the name.
    pub fn key(&self) -> String {
        match (&self.id, &self.name) {
            (Some(id), _) => id.to_ascii_lowercase(),
            (None, Some(n)) => format!("name:{}", n.to_ascii_lowercase()),
            (None, None) => "unknown".into(),
        }
    }

    /// The name if known, else the id.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or("(no principal)")
    }

    fn unknown() -> Principal {
        Principal {
            id: None,
            name: None,
            kind: "Unknown".into(),
        }
    }
}

/// What Privileged Identity Management (PIM) makes of an exported assignment.
///
/// Graph's `roleManagement/{directory,...}` and ARM's `Microsoft.Authorization`
/// list PIM schedules in the shape of role assignments. An *eligibility*
/// (`roleEligibilitySchedules`, `roleEligibilityScheduleInstances`) "represents
/// a schedule for a role eligibility" (Graph, `unifiedRoleEligibilitySchedule`):
/// the principal must activate the role before it grants anything, so it is kept
/// apart and grants nothing in a review. An *active* schedule
/// (`roleAssignmentSchedules`, `roleAssignmentScheduleInstances`: `assignmentType`
/// `Assigned` or `Activated`) is an assignment, possibly until an end date. A
/// *request* (`role...ScheduleRequests`) asks to assign, activate, extend or
/// remove, and says nothing of who holds a role now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Pim {
    /// A role assignment, no PIM schedule.
    None,
    /// An active assignment schedule or instance: held now.
    Active,
    /// An eligibility schedule or instance: held only once activated.
    Eligible,
    /// A schedule request.
    Request,
}

/// A classic subscription administrator row (`az role assignment list
/// --include-classic-administrators`, `type` `Microsoft.Authorization/classicAdministrators`).
///
/// Service Administrator and Co-Administrators have the access of Owner at the
/// subscription: "The Service Administrator and Co-Administrators roles are
/// assigned the Owner role at the subscription scope" (Microsoft Learn, "Review
/// fundamental Azure RBAC roles",
/// <https://learn.microsoft.com/training/modules/configure-role-based-access-control/7-determine-roles>),
/// and for both "Owner role at subscription scope has the equivalent access"
/// (Microsoft Learn, "Azure classic subscription administrators",
/// <https://learn.microsoft.com/azure/role-based-access-control/classic-administrators>).
/// The same page says the classic roles were retired on August 31, 2024, and
/// that from December 2025 Azure assigns Owner at subscription scope to users
/// still holding them: either way Owner is what a reviewer must assume. The
/// Account Administrator is "conceptually, the billing owner of the
/// subscription" (Microsoft Learn, `rbac-and-directory-admin-roles`): it manages
/// billing and gives no access to Azure resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classic {
    /// The classic roles as exported (`ServiceAdministrator;AccountAdministrator`).
    pub roles: String,
    /// Service Administrator or Co-Administrator among them: reviewed as Owner.
    pub owner_equivalent: bool,
}

/// The classic administrator role names `az` and Az PowerShell print.
const CLASSIC_NAMES: [&str; 3] = [
    "ServiceAdministrator",
    "CoAdministrator",
    "AccountAdministrator",
];

impl Classic {
    /// The classic roles of a `roleDefinitionName`, when every part (`;`-separated)
    /// is one; `None` otherwise.
    fn of_name(name: &str) -> Option<Classic> {
        let parts: Vec<&str> = name
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let classic = !parts.is_empty()
            && parts
                .iter()
                .all(|p| CLASSIC_NAMES.iter().any(|c| c.eq_ignore_ascii_case(p)));
        classic.then(|| Classic {
            roles: name.trim().to_string(),
            owner_equivalent: parts.iter().any(|p| {
                p.eq_ignore_ascii_case("ServiceAdministrator")
                    || p.eq_ignore_ascii_case("CoAdministrator")
            }),
        })
    }
}

/// One exported assignment, read.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The shape it was read as.
    pub source: Source,
    /// The role reference to resolve (an id, a resource id or a name).
    pub role: String,
    /// The other reference exported beside [`Exported::role`] (the name when the
    /// id is used, the Intune id when the display name is), for display.
    pub role_name: Option<String>,
    /// Where: one entry per scope (`None`: tenant-wide).
    pub scopes: Vec<Option<String>>,
    /// Who (Graph `principalIds` and Intune `members` may list several).
    pub principals: Vec<Principal>,
    /// The condition's text.
    pub condition: Option<String>,
    /// The JSON path and position of the condition, for errors (where there is one).
    pub condition_at: Option<(String, Pos)>,
    /// Keys accepted but not used for a decision.
    pub unused: Vec<String>,
    /// Explanations of what the review assumes for this shape (one line each).
    pub assumptions: Vec<&'static str>,
    /// The JSON path of the assignment.
    pub path: String,
    /// Its position.
    pub pos: Pos,
    /// The JSON path of the role reference, for errors.
    pub role_path: (String, Pos),
    /// A PIM schedule's kind ([`Pim::None`] for a plain assignment).
    pub pim: Pim,
    /// What told its PIM kind (`its `@odata.type``, ...), for notes.
    pub pim_by: Option<&'static str>,
    /// When a PIM schedule ends, as exported (`scheduleInfo.expiration.endDateTime`,
    /// `endDateTime`, or a duration after the start); `None`: no end given.
    pub ends: Option<String>,
    /// When a PIM schedule starts, as exported (`scheduleInfo.startDateTime`, or
    /// `startDateTime`); `None`: no start given.
    pub starts: Option<String>,
    /// A classic subscription administrator row: its classic roles. When they
    /// hold Owner's access, [`Exported::role`] is `Owner`.
    pub classic: Option<Classic>,
}

impl Exported {
    /// Why this export is not an assignment to evaluate (an eligibility, a PIM
    /// request, a classic Account Administrator alone, a directory role without
    /// members), if it is not one.
    pub fn not_an_assignment(&self) -> Option<String> {
        if self.source == Source::DirectoryRole && self.principals.is_empty() {
            return Some("a directory role without members: it says the role is in use, not who holds it; export `/directoryRoles?$expand=members` or `roleManagement/directory/roleAssignments`".into());
        }
        let by = self.pim_by.unwrap_or("its keys");
        match self.pim {
            Pim::Eligible => Some(format!(
                "a PIM eligibility (told by {by}): it grants nothing until the principal activates the role, so it is not an assignment to evaluate; leave it out (`w365-perms tenant` lists it as eligible)"
            )),
            Pim::Request => Some(format!(
                "a PIM schedule request (told by {by}): a request asks to assign, activate, extend or remove a role and does not say who holds one now; export `roleAssignmentScheduleInstances` or `roleAssignments` (active) and `roleEligibilitySchedules` (eligible) instead"
            )),
            Pim::None | Pim::Active => match &self.classic {
                Some(c) if !c.owner_equivalent => Some(format!(
                    "a classic `{}`: the Account Administrator is the billing owner of the subscription and has no access to Azure resources through this role",
                    c.roles
                )),
                _ => None,
            },
        }
    }
}

fn has(n: &Node<'_>, exact: &str) -> bool {
    n.keys().iter().any(|(k, _)| *k == exact)
}

fn has_any_case(n: &Node<'_>, key: &str) -> bool {
    n.keys().iter().any(|(k, _)| k.eq_ignore_ascii_case(key))
}

/// Keys that only Graph's assignment shape has.
fn has_graph_keys(n: &Node<'_>) -> bool {
    [
        "principalId",
        "principalIds",
        "directoryScopeId",
        "directoryScopeIds",
        "appScopeId",
        "appScopeIds",
    ]
    .iter()
    .any(|k| has_any_case(n, k))
}

/// Is this a Graph `directoryRole` (an activated built-in Entra role, as
/// `GET /directoryRoles` lists it: `roleTemplateId`, `displayName`)? With
/// `members` it also says who holds it ([`Source::DirectoryRole`]).
pub fn is_directory_role(n: &Node<'_>) -> bool {
    n.is_object()
        && has_any_case(n, "roleTemplateId")
        && !has_any_case(n, "rolePermissions")
        && !has_any_case(n, "roleDefinitionId")
}

/// Is this a Graph `scopedRoleMembership` (`directoryRoles/{id}/scopedMembers`,
/// `administrativeUnits/{id}/scopedRoleMembers`)? Its `roleId` is a directory
/// role's object id in the tenant, not a role's template id, so it cannot be read
/// alone; the loader says which export to use instead.
pub fn is_scoped_role_membership(n: &Node<'_>) -> bool {
    n.is_object()
        && has_any_case(n, "roleMemberInfo")
        && (has_any_case(n, "roleId") || has_any_case(n, "administrativeUnitId"))
}

/// The `properties` of an ARM REST role assignment (`roleDefinitionId` with
/// `principalId` or `scope` inside), if this is one.
fn arm_properties<'a>(n: &Node<'a>) -> Option<Node<'a>> {
    let p = n.get("properties").ok().flatten()?;
    (p.is_object()
        && has_any_case(&p, "roleDefinitionId")
        && (has_any_case(&p, "principalId") || has_any_case(&p, "scope")))
    .then_some(p)
}

/// The shape of an assignment object, if it is one.
pub fn detect(n: &Node<'_>) -> Option<Source> {
    if !n.is_object() {
        return None;
    }
    if has_any_case(n, "role") && !has_any_case(n, "roleDefinitionId") {
        return Some(Source::Request);
    }
    if is_directory_role(n) {
        // Without `members` it lists a role in use, not who holds it.
        return has_any_case(n, "members").then_some(Source::DirectoryRole);
    }
    if has_any_case(n, "members") || has_any_case(n, "scopeMembers") || has(n, "roleDefinition") {
        return Some(Source::Intune);
    }
    if arm_properties(n).is_some() {
        return Some(Source::ArmRest);
    }
    // Az PowerShell's own names; Graph PowerShell writes Graph's in PascalCase
    // (`RoleDefinitionId` with `PrincipalId`, `DirectoryScopeId`, ...), which a
    // check of `RoleDefinitionId` alone took for Az PowerShell (review H3 H2).
    let az_powershell = has(n, "RoleDefinitionName")
        || has(n, "ObjectId")
        || has(n, "SignInName")
        || has(n, "RoleAssignmentId");
    if !az_powershell && !has(n, "Scope") && has(n, "RoleDefinitionId") && has_graph_keys(n) {
        return Some(Source::GraphPowerShell);
    }
    if az_powershell || has(n, "RoleDefinitionId") {
        return Some(Source::AzPowerShell);
    }
    if has_any_case(n, "roleDefinitionName")
        || (has_any_case(n, "roleDefinitionId") && has_any_case(n, "scope"))
    {
        return Some(Source::AzCli);
    }
    if has_any_case(n, "roleDefinitionId") && has_graph_keys(n) {
        return Some(Source::Graph);
    }
    None
}

fn opt_str<'a>(n: &Node<'a>, key: &str) -> Result<Option<&'a str>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::trim).filter(|s| !s.is_empty())),
        None => Ok(None),
    }
}

fn opt_strs<'a>(n: &Node<'a>, key: &str) -> Result<Vec<&'a str>, JsonError> {
    match n.get(key)? {
        Some(v) if matches!(v.value(), Value::Null) => Ok(Vec::new()),
        Some(v) => Ok(v
            .str_items()?
            .into_iter()
            .map(|(s, _)| s.trim())
            .filter(|s| !s.is_empty())
            .collect()),
        None => Ok(Vec::new()),
    }
}

/// An object member, `None` when missing or `null`.
fn opt_object<'a>(n: &Node<'a>, key: &str) -> Result<Option<Node<'a>>, JsonError> {
    Ok(n.get(key)?.filter(Node::is_object))
}

/// PowerShell's `ObjectType` and az's `principalType` use the same words.
fn kind_of(t: Option<&str>) -> String {
    t.unwrap_or("Unknown").to_string()
}

/// A Graph `@odata.type` (`#microsoft.graph.user`) as a principal type (`User`).
fn kind_of_odata(t: &str) -> String {
    let t = t.rsplit('.').next().unwrap_or(t);
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// A Graph directory object's name and type: its own `displayName`,
/// `userPrincipalName` and `@odata.type`, or Graph PowerShell's, which keeps
/// them under `AdditionalProperties`.
fn directory_object<'a>(
    p: &Node<'a>,
    prefer_upn: bool,
) -> Result<(Option<&'a str>, Option<&'a str>), JsonError> {
    let extra = opt_object(p, "AdditionalProperties")?;
    let field = |key: &str| -> Result<Option<&'a str>, JsonError> {
        match opt_str(p, key)? {
            Some(v) => Ok(Some(v)),
            None => match &extra {
                Some(x) => opt_str(x, key),
                None => Ok(None),
            },
        }
    };
    let upn = if prefer_upn {
        field("userPrincipalName")?
    } else {
        None
    };
    Ok((upn.or(field("displayName")?), field("@odata.type")?))
}

/// A Graph directory scope: `/` is the tenant; anything else narrows the
/// assignment, which the review treats as tenant-wide (and says so).
fn graph_scope(s: &str) -> Option<String> {
    (s != "/").then(|| s.to_string())
}

/// The PIM kind a type name or page context names (`...roleEligibilitySchedules`,
/// `#microsoft.graph.unifiedRoleAssignmentScheduleInstance`,
/// `Microsoft.Authorization/roleEligibilityScheduleRequests`), if any.
fn pim_named(text: &str) -> Option<Pim> {
    let t = text.to_ascii_lowercase();
    if t.contains("roleeligibilityschedulerequest") || t.contains("roleassignmentschedulerequest") {
        Some(Pim::Request)
    } else if t.contains("roleeligibilityschedule") {
        Some(Pim::Eligible)
    } else if t.contains("roleassignmentschedule") {
        Some(Pim::Active)
    } else {
        None
    }
}

/// What PIM makes of an assignment object (`n`, its fields in `body`), from its
/// `@odata.type`, its ARM `type`, the page's `@odata.context`, then its keys, and
/// what told it.
fn pim_of(
    n: &Node<'_>,
    body: &Node<'_>,
    context: Option<&str>,
) -> Result<(Pim, Option<&'static str>), JsonError> {
    if let Some(p) = opt_str(n, "@odata.type")?.and_then(pim_named) {
        return Ok((p, Some("its `@odata.type`")));
    }
    if let Some(p) = opt_str(n, "type")?.and_then(pim_named) {
        return Ok((p, Some("its `type`")));
    }
    if let Some(p) = context.and_then(pim_named) {
        return Ok((p, Some("the page's `@odata.context`")));
    }
    let has = |k: &str| has_any_case(body, k);
    if has("roleEligibilityScheduleId") {
        return Ok((Pim::Eligible, Some("its `roleEligibilityScheduleId`")));
    }
    if has("assignmentType") || has("roleAssignmentScheduleId") || has("roleAssignmentOriginId") {
        return Ok((Pim::Active, Some("its `assignmentType`")));
    }
    if has("action")
        && (has("justification")
            || has("isValidationOnly")
            || has("targetScheduleId")
            || has("ticketInfo"))
    {
        return Ok((Pim::Request, Some("its `action` and `justification`")));
    }
    // Every active schedule and instance has `assignmentType` (`Assigned` or
    // `Activated`); an eligibility has none.
    if has("scheduleInfo") || has("memberType") {
        return Ok((
            Pim::Eligible,
            Some("its `scheduleInfo` or `memberType` without the `assignmentType` every active schedule has"),
        ));
    }
    Ok((Pim::None, None))
}

/// The keys [`pim_of`], [`ends_of`] and [`starts_of`] read.
const PIM_KEYS: &[&str] = &[
    "@odata.type",
    "type",
    "assignmentType",
    "memberType",
    "roleAssignmentScheduleId",
    "roleAssignmentOriginId",
    "roleEligibilityScheduleId",
    "scheduleInfo",
    "endDateTime",
    "startDateTime",
];

/// When a PIM schedule ends: `scheduleInfo.expiration` (an `endDateTime`, or a
/// `duration` after `startDateTime`; `noExpiration` is none), else `endDateTime`.
fn ends_of(body: &Node<'_>) -> Result<Option<String>, JsonError> {
    if let Some(info) = opt_object(body, "scheduleInfo")? {
        if let Some(exp) = opt_object(&info, "expiration")? {
            if opt_str(&exp, "type")?.is_some_and(|t| t.eq_ignore_ascii_case("noExpiration")) {
                return Ok(None);
            }
            if let Some(end) = opt_str(&exp, "endDateTime")? {
                return Ok(Some(end.to_string()));
            }
            if let Some(d) = opt_str(&exp, "duration")? {
                return Ok(Some(match opt_str(&info, "startDateTime")? {
                    Some(start) => format!("{d} after {start}"),
                    None => format!("{d} after its start"),
                }));
            }
        }
    }
    Ok(opt_str(body, "endDateTime")?.map(str::to_string))
}

/// When a PIM schedule starts: `scheduleInfo.startDateTime`, else `startDateTime`.
fn starts_of(body: &Node<'_>) -> Result<Option<String>, JsonError> {
    if let Some(info) = opt_object(body, "scheduleInfo")? {
        if let Some(start) = opt_str(&info, "startDateTime")? {
            return Ok(Some(start.to_string()));
        }
    }
    Ok(opt_str(body, "startDateTime")?.map(str::to_string))
}

/// Read one assignment object of any supported shape.
pub fn read(n: &Node<'_>) -> Result<Exported, JsonError> {
    read_in(n, None)
}

/// The role id a page's `@odata.context` names when the page lists one role's
/// assignments: `...#deviceManagement/roleDefinitions('<id>')/roleAssignments`.
fn role_of_context(context: &str) -> Option<String> {
    let lower = context.to_ascii_lowercase();
    let at = lower.find("roledefinitions('")? + "roledefinitions('".len();
    let rest = context.get(at..)?;
    let end = rest.find("')")?;
    let tail = rest.get(end + 2..)?.to_ascii_lowercase();
    let id = rest.get(..end)?.trim();
    (tail.starts_with("/roleassignments") && !id.is_empty()).then(|| id.to_string())
}

/// Read one assignment object of a page whose `@odata.context` is `context`
/// (which may say the page lists PIM eligibilities, or the role of a page of
/// one role's assignments).
pub fn read_in(n: &Node<'_>, context: Option<&str>) -> Result<Exported, JsonError> {
    let source = detect(n).ok_or_else(|| {
        n.error("not a role assignment: expected `role` (this tool), `roleDefinitionName`/`roleDefinitionId` and `scope` (az), `RoleDefinitionName` and `Scope` (Get-AzRoleAssignment), `properties.roleDefinitionId` (ARM REST), `roleDefinitionId` and `principalId`/`principalIds` (Graph, Graph PowerShell), `roleTemplateId` and `members` (Graph directoryRoles), or `roleDefinition` and `members` (Intune)")
    })?;
    // ARM REST keeps the assignment's fields in `properties`.
    let body = match source {
        Source::ArmRest => arm_properties(n).unwrap_or_else(|| n.clone()),
        _ => n.clone(),
    };
    let used = source.used();
    // What tells a PIM schedule from an assignment, and when it ends
    // ([`pim_of`], [`ends_of`]), read in every shape that can hold one.
    let pim_keys: &[&str] = match source {
        Source::Request | Source::Intune | Source::DirectoryRole => &[],
        _ => PIM_KEYS,
    };
    let mut unused: Vec<String> = n
        .keys()
        .into_iter()
        .filter(|(k, _)| {
            !used
                .iter()
                .chain(pim_keys)
                .any(|u| u.eq_ignore_ascii_case(k))
        })
        .map(|(k, _)| k.to_string())
        .collect();
    if source == Source::ArmRest {
        let inner = Source::AzCli.used();
        unused.extend(
            body.keys()
                .into_iter()
                .filter(|(k, _)| {
                    !inner.iter().any(|u| u.eq_ignore_ascii_case(k))
                        && !k.eq_ignore_ascii_case("endDateTime")
                        && !k.eq_ignore_ascii_case("startDateTime")
                })
                .map(|(k, _)| format!("properties.{k}")),
        );
    }
    let (pim, pim_by) = match source {
        Source::Request | Source::Intune | Source::DirectoryRole => (Pim::None, None),
        _ => pim_of(n, &body, context)?,
    };
    let (ends, starts) = match pim {
        Pim::None => (None, None),
        _ => (ends_of(&body)?, starts_of(&body)?),
    };
    let mut assumptions = Vec::new();
    let mut classic = None;
    let role_at = |key: &str| -> Result<Option<(String, String, Pos)>, JsonError> {
        match body.get(key)? {
            Some(v) => Ok(v
                .as_opt_str()?
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| (s.to_string(), v.path(), v.pos()))),
            None => Ok(None),
        }
    };
    let missing_role = |what: &str| n.error(format!("missing the role: expected {what}"));
    let (role, role_name, role_path, scopes, principals, condition) = match source {
        Source::Request => {
            let (r, p, pos) = role_at("role")?.ok_or_else(|| missing_role("`role`"))?;
            let principal = opt_str(n, "principal")?.map(|p| Principal {
                id: None,
                name: Some(p.to_string()),
                kind: kind_of(opt_str(n, "principalType").ok().flatten()),
            });
            (
                r,
                None,
                (p, pos),
                vec![opt_str(n, "scope")?.map(str::to_string)],
                vec![principal.unwrap_or_else(Principal::unknown)],
                opt_str(n, "condition")?.map(str::to_string),
            )
        }
        Source::AzCli | Source::AzPowerShell | Source::ArmRest => {
            let (id_key, name_key) = ("roleDefinitionId", "roleDefinitionName");
            let id = role_at(id_key)?;
            let name = role_at(name_key)?;
            // A classic administrator (`--include-classic-administrators`): named
            // by its classic roles, with no role definition id, the ARM type
            // `Microsoft.Authorization/classicAdministrators`, or, as az prints
            // them, `roleDefinitionId` `NA(classic admin role)` and no type.
            let not_applicable = id
                .as_ref()
                .is_some_and(|(t, _, _)| t.to_ascii_lowercase().starts_with("na("));
            let id = if not_applicable { None } else { id };
            let classic_type = opt_str(n, "type")?
                .is_some_and(|t| t.to_ascii_lowercase().contains("classicadministrators"));
            classic = match &name {
                Some((text, _, _)) if classic_type || id.is_none() => Classic::of_name(text),
                _ => None,
            };
            // The id is exact; the name is what a reader recognises.
            let (r, p, pos) = id
                .clone()
                .or_else(|| name.clone())
                .ok_or_else(|| missing_role("`roleDefinitionId` or `roleDefinitionName`"))?;
            let (r, role_name) = match &classic {
                Some(c) if c.owner_equivalent => ("Owner".to_string(), Some(c.roles.clone())),
                _ => (r, id.and(name).map(|x| x.0)),
            };
            let principal = if source == Source::AzPowerShell {
                Principal {
                    // `Get-AzRoleAssignment` writes `ObjectId`; its PIM cmdlets
                    // (`Get-AzRoleEligibilitySchedule`) write `PrincipalId`.
                    id: opt_str(n, "ObjectId")?
                        .or(opt_str(n, "PrincipalId")?)
                        .map(str::to_string),
                    name: opt_str(n, "SignInName")?
                        .or(opt_str(n, "DisplayName")?)
                        .map(str::to_string),
                    kind: kind_of(opt_str(n, "ObjectType")?.or(opt_str(n, "PrincipalType")?)),
                }
            } else {
                Principal {
                    id: opt_str(&body, "principalId")?.map(str::to_string),
                    name: opt_str(&body, "principalName")?.map(str::to_string),
                    kind: kind_of(opt_str(&body, "principalType")?),
                }
            };
            // Classic administrators are user accounts; az prints no type for them.
            let mut principal = principal;
            if classic.is_some() && principal.kind == "Unknown" {
                principal.kind = "User".into();
            }
            // Missing (or null): the review lists it as unresolved, with why; a
            // request refuses it (an Azure role needs a scope).
            let scope = opt_str(&body, "scope")?;
            (
                r,
                role_name,
                (p, pos),
                vec![scope.map(str::to_string)],
                vec![principal],
                opt_str(&body, "condition")?.map(str::to_string),
            )
        }
        Source::Graph | Source::GraphPowerShell => {
            let (r, p, pos) =
                role_at("roleDefinitionId")?.ok_or_else(|| missing_role("`roleDefinitionId`"))?;
            let mut ids: Vec<&str> = opt_strs(n, "principalIds")?;
            if let Some(one) = opt_str(n, "principalId")? {
                ids.push(one);
            }
            // `$expand=principal` gives the principal's name and type (Graph
            // PowerShell: under the principal's `AdditionalProperties`).
            let (name, kind) = match opt_object(n, "principal")? {
                Some(p) => {
                    let (name, t) = directory_object(&p, false)?;
                    (
                        name.map(str::to_string),
                        t.map_or_else(|| "Unknown".into(), kind_of_odata),
                    )
                }
                None => (None, "Unknown".into()),
            };
            let principals = if ids.is_empty() {
                vec![Principal::unknown()]
            } else {
                ids.iter()
                    .map(|id| Principal {
                        id: Some(id.to_string()),
                        name: if ids.len() == 1 { name.clone() } else { None },
                        kind: kind.clone(),
                    })
                    .collect()
            };
            let mut scopes: Vec<&str> = opt_strs(n, "directoryScopeIds")?;
            if let Some(one) = opt_str(n, "directoryScopeId")? {
                scopes.push(one);
            }
            let app: Vec<&str> = opt_strs(n, "appScopeIds")?
                .into_iter()
                .chain(opt_str(n, "appScopeId")?)
                .chain(opt_strs(n, "resourceScopes")?)
                .collect();
            if scopes.iter().any(|s| *s != "/") || app.iter().any(|s| *s != "/") {
                assumptions.push("a Graph assignment scoped below the tenant (an administrative unit, an app scope) is reviewed as tenant-wide: the answer may overstate what it allows");
            }
            let scopes = if scopes.is_empty() {
                vec![None]
            } else {
                scopes.iter().map(|s| graph_scope(s)).collect()
            };
            (
                r,
                None,
                (p, pos),
                scopes,
                principals,
                opt_str(n, "condition")?.map(str::to_string),
            )
        }
        Source::DirectoryRole => {
            let (r, p, pos) =
                role_at("roleTemplateId")?.ok_or_else(|| missing_role("`roleTemplateId`"))?;
            let mut principals = Vec::new();
            if let Some(list) = n.get("members")? {
                if !matches!(list.value(), Value::Null) {
                    for m in list.items()? {
                        if !m.is_object() {
                            return Err(m.error(format!(
                                "expected a directory object (`id`, `@odata.type`), found {}",
                                m.value().kind()
                            )));
                        }
                        let (name, t) = directory_object(&m, true)?;
                        principals.push(Principal {
                            id: opt_str(&m, "id")?.map(str::to_string),
                            name: name.map(str::to_string),
                            kind: t.map_or_else(|| "Unknown".into(), kind_of_odata),
                        });
                    }
                }
            }
            (
                r,
                opt_str(n, "displayName")?.map(str::to_string),
                (p, pos),
                vec![None],
                principals,
                None,
            )
        }
        Source::Intune => {
            let (r, name, p, pos) = match n.get("roleDefinition")? {
                Some(v) if v.is_object() => {
                    let id = opt_str(&v, "id")?;
                    let name = opt_str(&v, "displayName")?;
                    // Intune's built-in role ids differ per cloud and are not in
                    // the catalog; the display name is what resolves.
                    let r = name.or(id).ok_or_else(|| {
                        v.error("missing the role: expected `roleDefinition.id` or `roleDefinition.displayName`")
                    })?;
                    (
                        r.to_string(),
                        name.and(id).map(str::to_string),
                        v.path(),
                        v.pos(),
                    )
                }
                Some(v) if !matches!(v.value(), Value::Null) => {
                    (v.as_str()?.trim().to_string(), None, v.path(), v.pos())
                }
                _ => match role_at("roleDefinitionId")? {
                    Some((r, p, pos)) => (r, None, p, pos),
                    // A page of one role's assignments (`roleDefinitions('id')/
                    // roleAssignments`) names the role in its `@odata.context`
                    // only (an outside review: such a page stopped the review).
                    None => match context.and_then(role_of_context) {
                        Some(id) => (id, None, n.path(), n.pos()),
                        None => return Err(missing_role(
                            "`roleDefinition` (use `$expand=roleDefinition`) or `roleDefinitionId`",
                        )),
                    },
                },
            };
            if r.is_empty() {
                return Err(JsonError::at(&p, pos, "the role reference is empty"));
            }
            let members = opt_strs(n, "members")?;
            if has_any_case(n, "scopeMembers")
                || has_any_case(n, "resourceScopes")
                || has_any_case(n, "roleScopeTagIds")
            {
                assumptions.push("Intune `scopeMembers`, `resourceScopes` and `roleScopeTagIds` limit which devices and users an assignment acts on, not which permissions it holds; the review treats the assignment as tenant-wide (see `w365-perms visibility` for scope tags)");
            }
            let principals = if members.is_empty() {
                vec![Principal::unknown()]
            } else {
                members
                    .iter()
                    .map(|m| Principal {
                        id: Some(m.to_string()),
                        name: None,
                        kind: "Group".into(),
                    })
                    .collect()
            };
            (r, name, (p, pos), vec![None], principals, None)
        }
    };
    let condition_at = match (&condition, body.get("condition")?) {
        (Some(_), Some(v)) => Some((v.path(), v.pos())),
        _ => None,
    };
    Ok(Exported {
        source,
        role,
        role_name,
        scopes,
        principals,
        condition,
        condition_at,
        unused,
        assumptions,
        path: n.path(),
        pos: n.pos(),
        role_path,
        pim,
        pim_by,
        ends,
        starts,
        classic,
    })
}

/// Keys accepted and not used, summed over many assignments of each shape: one note
/// per shape, not one per assignment.
#[derive(Debug, Default, Clone)]
pub struct UnusedKeys {
    by_source: Vec<(Source, Vec<String>, usize, String)>,
    assumptions: Vec<&'static str>,
}

impl UnusedKeys {
    /// Record one assignment's unused keys and assumptions.
    pub fn add(&mut self, e: &Exported) {
        for a in &e.assumptions {
            if !self.assumptions.contains(a) {
                self.assumptions.push(a);
            }
        }
        let entry = match self.by_source.iter_mut().find(|x| x.0 == e.source) {
            Some(x) => x,
            None => {
                self.by_source
                    .push((e.source, Vec::new(), 0, e.path.clone()));
                let last = self.by_source.len() - 1;
                match self.by_source.get_mut(last) {
                    Some(x) => x,
                    None => return,
                }
            }
        };
        entry.2 += 1;
        for k in &e.unused {
            if !entry.1.iter().any(|x| x == k) && entry.1.len() < 64 {
                entry.1.push(k.clone());
            }
        }
    }

    /// One sentence per shape that had unused keys, then the assumptions.
    pub fn notes(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .by_source
            .iter()
            .filter(|x| !x.1.is_empty())
            .map(|(s, keys, n, first)| {
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                format!(
                    "{n} assignment(s) read as {} (first at `{first}`); accepted but not used for any decision: {}",
                    s.label(),
                    keys.join(", ")
                )
            })
            .collect();
        out.extend(self.assumptions.iter().map(|a| a.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Exported {
        let doc = crate::json::parse(text).unwrap();
        read(&Node::root(&doc)).unwrap()
    }

    #[test]
    fn shapes_are_told_apart() {
        let az = one(
            r#"{"principalName":"a@x.com","principalType":"User","principalId":"p1","roleDefinitionName":"Reader","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","scope":"/subscriptions/s1","createdOn":"2024"}"#,
        );
        assert_eq!(az.source, Source::AzCli);
        assert_eq!(az.role_name.as_deref(), Some("Reader"));
        assert_eq!(az.principals[0].name.as_deref(), Some("a@x.com"));
        assert_eq!(az.unused, ["createdOn"]);
        let ps = one(
            r#"{"RoleDefinitionName":"Owner","RoleDefinitionId":"8e3af657-a8ff-443c-a75c-2fe8c4bcb635","Scope":"/subscriptions/s1","DisplayName":"Ops","SignInName":null,"ObjectId":"g1","ObjectType":"Group","CanDelegate":false}"#,
        );
        assert_eq!(ps.source, Source::AzPowerShell);
        assert_eq!(ps.principals[0].kind, "Group");
        assert_eq!(ps.principals[0].name.as_deref(), Some("Ops"));
        let g = one(
            r#"{"id":"x","roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","principalIds":["u1","u2"],"directoryScopeIds":["/"],"appScopeIds":[]}"#,
        );
        assert_eq!(g.source, Source::Graph);
        assert_eq!(g.principals.len(), 2);
        assert_eq!(g.scopes, vec![None]);
        let i = one(
            r#"{"id":"a","displayName":"Helpdesk","members":["g1"],"scopeMembers":["g2"],"roleScopeTagIds":["0"],"roleDefinition":{"id":"r1","displayName":"Help Desk Operator"}}"#,
        );
        assert_eq!(i.source, Source::Intune);
        assert_eq!(i.role, "Help Desk Operator");
        assert_eq!(i.role_name.as_deref(), Some("r1"));
        assert_eq!(i.assumptions.len(), 1);
    }

    fn in_page(text: &str, context: Option<&str>) -> Exported {
        let doc = crate::json::parse(text).unwrap();
        read_in(&Node::root(&doc), context).unwrap()
    }

    /// Microsoft Graph PowerShell prints Graph's shape in PascalCase: one row per
    /// principal id, the assignment's own `DisplayName` never taken for a
    /// principal's, scopes read as the camelCase shape reads them (review H3 H2).
    #[test]
    fn graph_powershell_rows_are_graph_not_az_powershell() {
        let mg = one(
            r#"{"AppScope":null,"AppScopeId":null,"Condition":null,"DirectoryScope":null,"DirectoryScopeId":"/","Id":"x-1","Principal":null,"PrincipalId":"p1","RoleDefinition":null,"RoleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","AdditionalProperties":{}}"#,
        );
        assert_eq!(mg.source, Source::GraphPowerShell);
        assert_eq!(mg.principals[0].id.as_deref(), Some("p1"));
        assert_eq!(mg.scopes, vec![None]);
        assert!(mg.assumptions.is_empty());
        let cpc = one(
            r#"{"AppScopeIds":[],"DirectoryScopeIds":["/administrativeUnits/au1"],"DisplayName":"Seattle CPA","Id":"a","PrincipalIds":["p1","p2"],"RoleDefinitionId":"b5c08161-a7af-481c-ace2-a20a69a48fb1","AdditionalProperties":{}}"#,
        );
        assert_eq!(cpc.source, Source::GraphPowerShell);
        assert_eq!(cpc.principals.len(), 2);
        assert!(cpc.principals.iter().all(|p| p.name.is_none()));
        assert_eq!(
            cpc.scopes,
            vec![Some("/administrativeUnits/au1".to_string())]
        );
        assert_eq!(
            cpc.assumptions.len(),
            1,
            "an AU scope is said to be read as tenant-wide"
        );
        assert!(cpc.unused.contains(&"DisplayName".to_string()));
        // `-ExpandProperty Principal` keeps the name under `AdditionalProperties`.
        let named = one(
            r##"{"PrincipalId":"p1","RoleDefinitionId":"r","DirectoryScopeId":"/","Principal":{"Id":"p1","AdditionalProperties":{"@odata.type":"#microsoft.graph.group","displayName":"Ops"}}}"##,
        );
        assert_eq!(named.principals[0].name.as_deref(), Some("Ops"));
        assert_eq!(named.principals[0].kind, "Group");
        // Get-AzRoleAssignment stays itself.
        let az = one(
            r#"{"RoleDefinitionName":"Reader","RoleDefinitionId":"acdd72a7-3385-48ef-bd42-f606fba81ae7","Scope":"/subscriptions/s1","ObjectId":"o1","ObjectType":"User"}"#,
        );
        assert_eq!(az.source, Source::AzPowerShell);
    }

    /// An `az rest` list of role assignments keeps them in `properties`
    /// (review H3 M1).
    #[test]
    fn arm_rest_role_assignments_are_read_from_properties() {
        let e = one(
            r#"{"properties":{"roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","principalId":"u1","principalType":"User","scope":"/subscriptions/s1","condition":null,"createdOn":"2025"},"id":"/subscriptions/s1/providers/Microsoft.Authorization/roleAssignments/a1","type":"Microsoft.Authorization/roleAssignments","name":"a1"}"#,
        );
        assert_eq!(e.source, Source::ArmRest);
        assert!(e.role.ends_with("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"));
        assert_eq!(e.role_path.0, "$.properties.roleDefinitionId");
        assert_eq!(e.scopes, vec![Some("/subscriptions/s1".to_string())]);
        assert_eq!(e.principals[0].kind, "User");
        assert_eq!(e.unused, ["id", "name", "properties.createdOn"]);
        assert_eq!(e.pim, Pim::None);
    }

    /// `directoryRoles?$expand=members`: the role template and who holds it
    /// tenant-wide; without members it is no assignment (review H3 M1).
    #[test]
    fn directory_roles_with_members_are_assignments() {
        let e = one(
            r##"{"id":"x","displayName":"Global Administrator","roleTemplateId":"62e90394-69f5-4237-9190-012177145e10","members":[{"@odata.type":"#microsoft.graph.user","id":"u9","displayName":"Zed","userPrincipalName":"zed@contoso.com"},{"@odata.type":"#microsoft.graph.servicePrincipal","id":"s1","displayName":"App"}]}"##,
        );
        assert_eq!(e.source, Source::DirectoryRole);
        assert_eq!(e.role, "62e90394-69f5-4237-9190-012177145e10");
        assert_eq!(e.role_name.as_deref(), Some("Global Administrator"));
        assert_eq!(e.principals[0].name.as_deref(), Some("zed@contoso.com"));
        assert_eq!(e.principals[0].kind, "User");
        assert_eq!(e.principals[1].kind, "ServicePrincipal");
        let doc = crate::json::parse(
            r#"{"id":"x","displayName":"Directory Readers","roleTemplateId":"88d8e3e3-8f55-4a1e-953a-9b9898b8876b"}"#,
        )
        .unwrap();
        assert!(is_directory_role(&Node::root(&doc)));
        assert_eq!(detect(&Node::root(&doc)), None);
        let empty = one(r#"{"displayName":"A","roleTemplateId":"t","members":[]}"#);
        assert!(empty.not_an_assignment().is_some());
    }

    /// PIM schedules are told apart by `@odata.type`, ARM `type`, the page's
    /// context or their keys; an eligibility carries its end (review H3 H1).
    #[test]
    fn pim_schedules_are_told_apart() {
        let schedule = r##"{"@odata.type":"#microsoft.graph.unifiedRoleEligibilitySchedule","principalId":"p7","roleDefinitionId":"62e90394-69f5-4237-9190-012177145e10","directoryScopeId":"/","memberType":"Direct","status":"Provisioned","scheduleInfo":{"startDateTime":"2025-08-01T10:00:00Z","expiration":{"type":"afterDateTime","endDateTime":"2026-08-01T10:00:00Z","duration":null}}}"##;
        let e = one(schedule);
        assert_eq!(
            (e.pim, e.pim_by),
            (Pim::Eligible, Some("its `@odata.type`"))
        );
        assert_eq!(e.ends.as_deref(), Some("2026-08-01T10:00:00Z"));
        assert!(e
            .not_an_assignment()
            .unwrap()
            .contains("grants nothing until"));
        // The page says so when the elements do not.
        let bare = r#"{"principalId":"p7","roleDefinitionId":"r","directoryScopeId":"/","endDateTime":null,"startDateTime":"2025"}"#;
        let ctx = "https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleEligibilityScheduleInstances";
        assert_eq!(in_page(bare, Some(ctx)).pim, Pim::Eligible);
        assert_eq!(in_page(bare, None).pim, Pim::None);
        // Graph PowerShell: no context, no type; an eligibility has no
        // `AssignmentType`, an active schedule has one.
        let mg = r#"{"PrincipalId":"p7","RoleDefinitionId":"r","DirectoryScopeId":"/","MemberType":"Direct","Status":"Provisioned","ScheduleInfo":{"Expiration":{"Type":"noExpiration","EndDateTime":null}}}"#;
        let e = one(mg);
        assert_eq!(
            (e.source, e.pim, e.ends),
            (Source::GraphPowerShell, Pim::Eligible, None)
        );
        let active = mg.replace(
            r#""MemberType""#,
            r#""AssignmentType":"Activated","MemberType""#,
        );
        assert_eq!(one(&active).pim, Pim::Active);
        assert!(one(&active).not_an_assignment().is_none());
        // ARM: the resource type says it; the end is in `properties`.
        let arm = r#"{"type":"Microsoft.Authorization/roleEligibilityScheduleInstances","name":"n","properties":{"roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","principalId":"u","principalType":"User","scope":"/subscriptions/s1","memberType":"Direct","endDateTime":"2026-01-01T00:00:00Z"}}"#;
        let e = one(arm);
        assert_eq!((e.source, e.pim), (Source::ArmRest, Pim::Eligible));
        assert_eq!(e.ends.as_deref(), Some("2026-01-01T00:00:00Z"));
        // A duration counts from the start.
        let dur = schedule.replace(
            r#""endDateTime":"2026-08-01T10:00:00Z","duration":null"#,
            r#""endDateTime":null,"duration":"P180D""#,
        );
        assert_eq!(
            one(&dur).ends.as_deref(),
            Some("P180D after 2025-08-01T10:00:00Z")
        );
        // A request is refused, with what to export instead.
        let req = r#"{"action":"adminAssign","justification":"j","principalId":"p","roleDefinitionId":"r","directoryScopeId":"/"}"#;
        let e = one(req);
        assert_eq!(e.pim, Pim::Request);
        assert!(e
            .not_an_assignment()
            .unwrap()
            .contains("export `roleAssignmentScheduleInstances`"));
    }

    /// Classic administrators are reviewed as Owner at their subscription (the
    /// equivalent access), the Account Administrator alone not at all
    /// (review H3 L5).
    #[test]
    fn classic_administrators_are_owner_equivalent() {
        let row = r#"{"id":"/subscriptions/s1/providers/Microsoft.Authorization/classicAdministrators/1","name":"1","principalId":null,"principalName":"legacy@contoso.com","principalType":null,"roleDefinitionName":"ServiceAdministrator;AccountAdministrator","scope":"/subscriptions/s1","type":"Microsoft.Authorization/classicAdministrators"}"#;
        let e = one(row);
        assert_eq!(e.role, "Owner");
        assert_eq!(
            e.classic,
            Some(Classic {
                roles: "ServiceAdministrator;AccountAdministrator".into(),
                owner_equivalent: true
            })
        );
        assert_eq!(e.principals[0].kind, "User");
        assert!(e.not_an_assignment().is_none());
        let co = one(&row.replace(
            "ServiceAdministrator;AccountAdministrator",
            "CoAdministrator",
        ));
        assert_eq!(co.role, "Owner");
        let billing = one(&row.replace(
            "ServiceAdministrator;AccountAdministrator",
            "AccountAdministrator",
        ));
        assert!(billing
            .not_an_assignment()
            .unwrap()
            .contains("billing owner"));
        // A role definition id means an RBAC role, whatever its name.
        let rbac = one(
            r#"{"roleDefinitionName":"CoAdministrator","roleDefinitionId":"/providers/Microsoft.Authorization/roleDefinitions/c1","scope":"/subscriptions/s1","principalId":"p"}"#,
        );
        assert!(rbac.classic.is_none());
    }

    /// The rows `az role assignment list --include-classic-administrators` prints
    /// (azure-cli `role/custom.py`, `_backfill_assignments_for_co_admins`): no
    /// `type`, `roleDefinitionId` `NA(classic admin role)`; older az versions nest
    /// them under `properties`.
    #[test]
    fn classic_administrators_as_az_prints_them() {
        let flat = r#"{"id":"NA(classic admins)","name":"NA(classic admins)","principalId":null,"principalName":"erin@contoso.com","roleDefinitionName":"CoAdministrator","roleDefinitionId":"NA(classic admin role)","scope":"/subscriptions/s1"}"#;
        let nested = r#"{"id":"NA(classic admins)","name":"NA(classic admins)","properties":{"principalId":"p1","principalName":"carol@contoso.com","roleDefinitionName":"ServiceAdministrator;AccountAdministrator","roleDefinitionId":"NA(classic admin role)","scope":"/subscriptions/s1"}}"#;
        for row in [flat, nested] {
            let e = one(row);
            assert_eq!(e.role, "Owner", "{row}");
            assert!(
                e.classic.as_ref().is_some_and(|c| c.owner_equivalent),
                "{row}"
            );
            assert_eq!(e.principals[0].kind, "User", "{row}");
            assert!(e.not_an_assignment().is_none(), "{row}");
        }
        let billing = one(&flat.replace("CoAdministrator", "AccountAdministrator"));
        assert!(billing
            .not_an_assignment()
            .unwrap()
            .contains("billing owner"));
    }

    #[test]
    fn unusable_assignments_name_their_path() {
        let doc = crate::json::parse(r#"[{"roleDefinitionName": 5, "scope": "/"}]"#).unwrap();
        let item = Node::root(&doc).items().unwrap().remove(0);
        let e = read(&item).unwrap_err().to_string();
        assert!(e.contains("`$[0].roleDefinitionName`"), "{e}");
        let doc = crate::json::parse(r#"{"foo": 1}"#).unwrap();
        assert!(read(&Node::root(&doc))
            .unwrap_err()
            .to_string()
            .contains("not a role assignment"));
    }

    #[test]
    fn a_page_of_one_roles_assignments_names_the_role_in_its_context() {
        let ctx = "https://graph.microsoft.com/beta/$metadata#deviceManagement/roleDefinitions('6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b')/roleAssignments";
        assert_eq!(
            role_of_context(ctx).as_deref(),
            Some("6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")
        );
        assert_eq!(
            role_of_context("https://x/$metadata#deviceManagement/roleDefinitions"),
            None
        );
        assert_eq!(
            role_of_context("#deviceManagement/roleDefinitions('')/roleAssignments"),
            None
        );
        let doc = crate::json::parse(r#"{"members": ["m1"], "displayName": "Helpers"}"#).unwrap();
        let e = read_in(&Node::root(&doc), Some(ctx)).unwrap();
        assert_eq!(e.role, "6f1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b");
        assert!(read(&Node::root(&doc))
            .unwrap_err()
            .to_string()
            .contains("missing the role"));
    }
}
