//! Read role definitions in every shape people have them in.
//!
//! * Azure, ARM shape (`az role definition list`, REST, the portal's JSON tab):
//!   `roleName`, `permissions[]`, `assignableScopes`, optionally wrapped in
//!   `properties` (REST and ARM templates).
//! * Azure, az CLI / PowerShell shape: `Name`, `Actions`, ... flat, or with a
//!   `Permissions[]` array (Az 16). Keys are matched ignoring case, as the CLI does.
//! * Cloud PC, Graph `unifiedRoleDefinition`: `displayName`,
//!   `rolePermissions[].allowedResourceActions`; also a whole Graph request as the
//!   `graph` export writes it. A `unifiedRoleDefinition` whose actions are all
//!   `Microsoft.Intune/...` (`roleManagement/deviceManagement`) is an Intune role.
//! * Intune, Graph `deviceAndAppManagementRoleDefinition`:
//!   `rolePermissions[].resourceActions[].allowedResourceActions` (and
//!   `notAllowedResourceActions`); each resource action is one block. The
//!   underscore spelling `Microsoft.Intune_ManagedDevices_Read` is read as
//!   `Microsoft.Intune/ManagedDevices/Read` (lint says so).
//! * A JSON array of any of these, or `{"value": [...]}` (Graph and ARM lists).
//! * An ARM template's `Microsoft.Authorization/roleDefinitions` resources, their
//!   `[parameters('x')]` (with a `defaultValue`) and `[variables('x')]` (a literal
//!   value) read as their values; any other expression is refused at its path
//!   ([`arm`]).
//! * The JSON body of a request or script (`rest`, `graph`, `az-cli`,
//!   `powershell` exports), its positions counted from the file.
//!
//! Wrong types and syntax errors stop the import with their JSON path, line and
//! column; everything else (unknown actions, misspelt keys, ...) is left to
//! [`crate::lint`], which sees the positions recorded here.

mod arm;

use crate::condition::Condition;
use crate::json::{self, JsonError, Node, Pos};
use crate::model::{EntraAction, PermissionBlock, Role, RoleKind};
use crate::pattern::ActionPattern;
use crate::text::is_guid;
use serde::Serialize;
use std::collections::HashMap;

/// Most role definitions one document may hold: a tenant holds at most 5,000
/// custom roles (`azure-rbac-semantics.md` §7), and the built-in roles that
/// `az role definition list` adds number under 1,000.
pub const MAX_ROLES: usize = 10_000;

/// Most permission blocks a role may have: Azure accepts exactly one when it
/// creates or updates a role (§8.6), and built-in roles have up to three.
pub const MAX_BLOCKS: usize = 8;

/// The shape a role was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Shape {
    /// `roleName` + `permissions[]`.
    Arm,
    /// `Name` + flat `Actions` (az CLI, PowerShell before Az 16).
    AzFlat,
    /// `Name` + `Permissions[]` (PowerShell Az 16).
    AzPermissions,
    /// Graph `unifiedRoleDefinition`.
    Graph,
    /// Graph `deviceAndAppManagementRoleDefinition` (Intune).
    IntuneGraph,
}

/// Where the patterns of one list (or the assignable scopes) were read from: the
/// list's JSON path and the position of each element (one record per list, so a
/// list of a million patterns costs eight bytes a pattern here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Permission block (0 for scopes).
    pub block: usize,
    /// `actions`, `notActions`, `dataActions`, `notDataActions`, `assignableScopes`.
    pub list: &'static str,
    /// The JSON path of the list (`$.permissions[0].actions`).
    pub path: String,
    /// The position of each element, by index.
    pub positions: Vec<Pos>,
    /// Elements written in Intune's underscore form
    /// (`Microsoft.Intune_RemoteTasks_SyncDevice`), read as the slash form; by index,
    /// usually empty.
    pub underscored: Vec<usize>,
}

impl Origin {
    /// Where element `index` was read from: its JSON path and position.
    pub fn element(&self, index: usize) -> Option<(String, Pos)> {
        self.positions
            .get(index)
            .map(|&pos| (format!("{}[{index}]", self.path), pos))
    }
}

/// A key of a role definition that its shape has no place for. It is ignored when
/// the role is read, so a misspelt `notActions` would widen the role silently:
/// `lint` names it as a finding, the commands that read roles as a warning
/// ([`UnknownKey::warning`], [`unknown_key_warnings`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// The key as written.
    pub key: String,
    /// The JSON path of the object that holds it.
    pub path: String,
    /// Where the key is.
    pub pos: Pos,
    /// The keys that object may hold.
    known: &'static [&'static str],
}

impl UnknownKey {
    /// The key of its object it most likely meant: the same list under another
    /// shape's name (`notAllowedResourceActions` in a Graph `unifiedRoleDefinition`
    /// is its `excludedResourceActions`), or the closest spelling. Computed when
    /// asked, so reading a document of many unknown keys costs no suggestions.
    pub fn suggestion(&self) -> Option<&'static str> {
        meant(&self.key, self.known)
    }

    /// `unknown key `notActionz` is ignored (did you mean `notActions`?)` at the
    /// path of its object and the position of the key.
    pub fn warning(&self) -> JsonError {
        JsonError::at(
            &self.path,
            self.pos,
            format!(
                "unknown key `{}` is ignored{}",
                self.key,
                self.suggestion()
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default()
            ),
        )
    }
}

/// Most unknown keys [`unknown_key_warnings`] names one by one.
pub const MAX_UNKNOWN_KEY_WARNINGS: usize = 20;

/// A warning for each unknown key of the roles read, in order: the first
/// [`MAX_UNKNOWN_KEY_WARNINGS`], then one that counts the rest (`lint` lists them).
pub fn unknown_key_warnings(roles: &[ImportedRole]) -> Vec<JsonError> {
    let mut keys = roles.iter().flat_map(|r| r.unknown_keys.iter());
    let mut out: Vec<JsonError> = keys
        .by_ref()
        .take(MAX_UNKNOWN_KEY_WARNINGS)
        .map(UnknownKey::warning)
        .collect();
    if let Some(next) = keys.next() {
        let more = 1 + keys.count();
        out.push(JsonError::at(
            &next.path,
            next.pos,
            format!(
                "{more} more unknown key{} are ignored, from `{}` on (`w365-perms lint` lists them)",
                if more == 1 { "" } else { "s" },
                next.key
            ),
        ));
    }
    out
}

/// A role read from a document, with where its parts came from.
#[derive(Debug, Clone)]
pub struct ImportedRole {
    /// The role.
    pub role: Role,
    /// Its shape.
    pub shape: Shape,
    /// Where each pattern and assignable scope came from.
    pub origins: Vec<Origin>,
    /// Keys that are not part of the shape, each with the key it most likely meant.
    pub unknown_keys: Vec<UnknownKey>,
    /// Where the role object starts.
    pub pos: Pos,
    /// Its JSON path.
    pub path: String,
    /// Whether the document declares it built in (`roleType: BuiltInRole`, `isBuiltIn: true`).
    pub declares_builtin: bool,
    /// A Graph role's `roleScopeTagIds` (which admins see the role definition
    /// itself): read, but no export writes them ([`export_drops`]).
    pub scope_tag_ids: Vec<String>,
}

/// Read every role of a document.
pub fn import(text: &str) -> Result<Vec<ImportedRole>, JsonError> {
    let (doc, embedded) = match json::parse(text) {
        Ok(d) => (d, false),
        // A body found where the text starts is the document itself, followed by
        // more text (two roles run together, a prompt pasted after it): the
        // parser's "after the JSON value" stands (an outside review: the second
        // of two concatenated roles was dropped without a word).
        Err(e) => match embedded_json(text).filter(|(start, _)| {
            text.get(..*start)
                .is_some_and(|b| !b.trim_start_matches('\u{feff}').trim().is_empty())
        }) {
            Some((start, body)) => {
                let mut doc = json::parse(body).map_err(|_| e)?;
                // Positions count from the file, not from the body (review H1 L1).
                let before = text.get(..start).unwrap_or_default();
                let lines = before.matches('\n').count();
                let columns = before
                    .rsplit('\n')
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .count();
                shift(&mut doc, lines, columns);
                (doc, true)
            }
            None => return Err(e),
        },
    };
    let root = Node::root(&doc);
    let mut roles = import_node(&root)?;
    // A REST request (`export --format rest`) names the role's GUID in its URL.
    if let (true, [one]) = (embedded, roles.as_mut_slice()) {
        if let Some(guid) = request_guid(text) {
            one.role.id = guid;
        }
    }
    Ok(roles)
}

/// The format of a role file that is no JSON but one `export` writes: `Bicep`
/// (`targetScope`, a `resource ... 'Microsoft.Authorization/roleDefinitions@...'`,
/// or a first line starting `//`) or `Terraform` (`resource "azurerm_role_definition"`,
/// or a first line starting `#` with no JSON body to read). `path` is the file's
/// name, whose `.bicep` or `.tf` extension decides first. For the message of a
/// reader that takes JSON only (`lint`, review H1 L7).
pub fn foreign_format(text: &str, path: Option<&str>) -> Option<&'static str> {
    let ext = path
        .and_then(|p| p.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("bicep") => return Some("Bicep"),
        Some("tf") => return Some("Terraform"),
        _ => {}
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let has = |needle: &str| text.contains(needle);
    let bicep = has("targetScope")
        || has("'Microsoft.Authorization/roleDefinitions@")
        || head.starts_with("//")
        || head.starts_with("/*");
    if has("resource \"azurerm_role_definition\"") || has("provider \"azurerm\"") {
        Some("Terraform")
    } else if bicep {
        Some("Bicep")
    } else if head.starts_with('#') && embedded_json(text).is_none() {
        Some("Terraform")
    } else {
        None
    }
}

/// Move every position of `doc` down `lines` lines, and those on its first line
/// right `columns` columns: a body that starts at line `lines + 1`, column
/// `columns + 1` of its file, read alone.
fn shift(doc: &mut json::Json, lines: usize, columns: usize) {
    let lines = u32::try_from(lines).unwrap_or(u32::MAX);
    let columns = u32::try_from(columns).unwrap_or(u32::MAX);
    let at = |p: &mut Pos| {
        if p.line == 1 {
            p.column = p.column.saturating_add(columns);
        }
        p.line = p.line.saturating_add(lines);
    };
    // A stack, not recursion: the depth is the parser's limit either way.
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        at(&mut v.pos);
        match &mut v.value {
            json::Value::Array(items) => stack.extend(items.iter_mut()),
            json::Value::Object(members) => {
                for (k, item) in members.iter_mut() {
                    at(&mut k.pos);
                    stack.push(item);
                }
            }
            _ => {}
        }
    }
}

/// The GUID of `PUT .../roleDefinitions/{guid}` on a request line.
fn request_guid(text: &str) -> Option<String> {
    let line = text
        .lines()
        .map(str::trim_start)
        .find(|l| l.starts_with("PUT ") || l.starts_with("PATCH "))?;
    let (_, tail) = line.split_once("/roleDefinitions/")?;
    let guid = tail.get(..36)?;
    is_guid(guid).then(|| guid.to_ascii_lowercase())
}

/// Read the roles of an already parsed value (an object, an array, or `{"value": [...]}`).
pub fn import_node(root: &Node<'_>) -> Result<Vec<ImportedRole>, JsonError> {
    let mut seen = Patterns::default();
    if root.is_object() {
        if let Some(list) = root.get("value")? {
            return import_list(&list, &mut seen);
        }
        // A request file (`eval --input`): its `roles`, which every command that
        // reads a request takes, so `export` and `lint` take them too.
        if let Some(list) = request_roles(root)? {
            if list.items()?.is_empty() {
                return Err(list.error("the request's `roles` holds no role definitions"));
            }
            return import_list(&list, &mut seen);
        }
        if root.get("$schema")?.is_some() || root.get("contentVersion")?.is_some() {
            if let Some(resources) = root.get("resources")? {
                return import_template(root, &resources, &mut seen);
            }
        }
        return Ok(vec![import_role(root, &mut seen)?]);
    }
    match root.value() {
        json::Value::Array(_) => {
            if root.items()?.is_empty() {
                return Err(root.error("the array holds no role definitions"));
            }
            import_list(root, &mut seen)
        }
        other => Err(root.error(format!(
            "expected a role definition object or an array of them, found {}",
            other.kind()
        ))),
    }
}

/// The `roles` array of a request (an object with `roles` and no key of a role
/// definition's own), or `None`.
fn request_roles<'a>(root: &Node<'a>) -> Result<Option<Node<'a>>, JsonError> {
    const ROLE_KEYS: [&str; 5] = [
        "roleName",
        "Name",
        "properties",
        "displayName",
        "permissions",
    ];
    let Some(list) = root.get("roles")? else {
        return Ok(None);
    };
    if !matches!(list.value(), json::Value::Array(_)) {
        return Ok(None);
    }
    for key in ROLE_KEYS {
        if root.get(key)?.is_some() {
            return Ok(None);
        }
    }
    Ok(Some(list))
}

/// Patterns parsed so far in one document: a pattern repeated anywhere in it is
/// parsed once and shared.
#[derive(Default)]
struct Patterns(HashMap<String, ActionPattern>);

impl Patterns {
    fn get(&mut self, text: &str) -> Result<ActionPattern, crate::pattern::PatternError> {
        if let Some(p) = self.0.get(text) {
            return Ok(p.clone());
        }
        let p = ActionPattern::new(text)?;
        self.0.insert(text.to_string(), p.clone());
        Ok(p)
    }
}

/// The role definitions of an ARM template (what `export --format arm` writes):
/// each `Microsoft.Authorization/roleDefinitions` resource, its
/// `[parameters('x')]` and `[variables('x')]` evaluated and any other expression
/// refused ([`arm`]), its `[[` escapes undone, its id the GUID of its name or of
/// the `roleDefinitionId` parameter's default.
fn import_template(
    root: &Node<'_>,
    resources: &Node<'_>,
    seen: &mut Patterns,
) -> Result<Vec<ImportedRole>, JsonError> {
    let default_id = match root.get("parameters")? {
        Some(p) => match p.get("roleDefinitionId")? {
            Some(d) => opt_string(&d, "defaultValue")?.filter(|g| is_guid(g)),
            None => None,
        },
        None => None,
    };
    let items = resources.items()?;
    if let Some(extra) = items.get(MAX_ROLES) {
        return Err(extra.error(format!("more than {MAX_ROLES} template resources")));
    }
    let mut out = Vec::new();
    for r in &items {
        let is_role = r.is_object()
            && opt_string(r, "type")?
                .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Authorization/roleDefinitions"));
        if !is_role {
            continue;
        }
        // `[parameters('x')]` and `[variables('x')]` evaluated, any other
        // expression refused at its path (review H1 M4).
        let evaluated = arm::evaluate(r, root)?;
        let mut imported = import_role(&r.at_path_of(&evaluated), seen)?;
        // ARM reads `[[...]` as the literal `[...]`; `[[x` (no closing `]`) is
        // no expression and stays as it is (an outside review: `[[already`
        // was renamed `[already`).
        let unescape = |s: &mut String| {
            if s.starts_with("[[") && s.ends_with(']') {
                s.remove(0);
            }
        };
        unescape(&mut imported.role.name);
        unescape(&mut imported.role.description);
        imported
            .role
            .assignable_scopes
            .iter_mut()
            .for_each(unescape);
        for b in &mut imported.role.blocks {
            for p in b
                .actions
                .iter_mut()
                .chain(&mut b.not_actions)
                .chain(&mut b.data_actions)
                .chain(&mut b.not_data_actions)
            {
                let s = p.as_str();
                if s.starts_with("[[") && s.ends_with(']') {
                    if let Ok(literal) = crate::pattern::ActionPattern::new(&s[1..]) {
                        *p = literal;
                    }
                }
            }
        }
        let named = opt_string(r, "name")?.is_some_and(|n| is_guid(&n));
        if !named {
            match &default_id {
                Some(g) => imported.role.id = g.to_ascii_lowercase(),
                None => imported.role.id = derived_id(&imported.role.name),
            }
        }
        out.push(imported);
    }
    if out.is_empty() {
        return Err(resources
            .error("the template has no `Microsoft.Authorization/roleDefinitions` resource"));
    }
    Ok(out)
}

fn import_list(list: &Node<'_>, seen: &mut Patterns) -> Result<Vec<ImportedRole>, JsonError> {
    let items = list.items()?;
    if let Some(extra) = items.get(MAX_ROLES) {
        return Err(extra.error(format!(
            "more than {MAX_ROLES} role definitions: a tenant holds at most 5,000 custom roles, and the built-in roles number under 1,000"
        )));
    }
    // Every unusable definition named at once, not only the first (an outside
    // review: the second of two bad roles went unsaid until the first was fixed).
    let mut roles = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for r in &items {
        match import_role(r, seen) {
            Ok(role) => roles.push(role),
            Err(e) => problems.push(e),
        }
    }
    match crate::request::all_in_one(problems) {
        Some(e) => Err(e),
        None => Ok(roles),
    }
}

/// Refuse a permission list longer than [`MAX_BLOCKS`].
fn check_blocks(items: &[Node<'_>]) -> Result<(), JsonError> {
    match items.get(MAX_BLOCKS) {
        Some(extra) => Err(extra.error(format!(
            "more than {MAX_BLOCKS} permission blocks: Azure accepts one when a role is created or updated, and built-in roles have up to three"
        ))),
        None => Ok(()),
    }
}

/// The JSON body of a Graph request, a shell here-document or a PowerShell
/// here-string: from the first line that starts with `{` or `[` to its matching
/// close, skipping brackets inside strings; with its byte offset in `text`.
fn embedded_json(text: &str) -> Option<(usize, &str)> {
    let mut offset = 0;
    let start = text.split_inclusive('\n').find_map(|line| {
        let at = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        line.trim_start().starts_with(['{', '[']).then_some(at)
    })?;
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate().skip(start) {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return text.get(start..=i).map(|body| (start, body));
                }
            }
            _ => {}
        }
    }
    None
}

const ARM_KEYS: &[&str] = &[
    "roleName",
    "name",
    "id",
    "type",
    "description",
    "permissions",
    "assignableScopes",
    "roleType",
    "createdOn",
    "updatedOn",
    "createdBy",
    "updatedBy",
    "properties",
    "isCustom",
    "condition",
    "conditionVersion",
    "category",
    "$schema",
    "apiVersion",
    "dependsOn",
    "scope",
];
const AZ_KEYS: &[&str] = &[
    "Name",
    "Id",
    "IsCustom",
    "Description",
    "Actions",
    "NotActions",
    "DataActions",
    "NotDataActions",
    "AssignableScopes",
    "Condition",
    "ConditionVersion",
    "Permissions",
    "roleName",
    "roleType",
    "type",
];
const GRAPH_KEYS: &[&str] = &[
    "id",
    "displayName",
    "description",
    "rolePermissions",
    "isBuiltIn",
    "isEnabled",
    "templateId",
    "version",
    "resourceScopes",
    "roleScopeTagIds",
    "isPrivileged",
    "isBuiltInRoleDefinition",
    "inheritsPermissionsFrom",
    "@odata.type",
    "@odata.context",
    "allowedResourceActions",
    "permissions",
];
/// The keys of an Azure permission block (also a deny assignment's `permissions`).
pub(crate) const BLOCK_KEYS: &[&str] = &[
    "actions",
    "notActions",
    "dataActions",
    "notDataActions",
    "condition",
    "conditionVersion",
];
/// The comma-joined copies of a permission block's lists that Az 16's
/// `PSPermission` adds beside [`BLOCK_KEYS`], which say nothing more.
const AZ_STRING_COPIES: &[&str] = &[
    "actionsString",
    "notActionsString",
    "dataActionsString",
    "notDataActionsString",
];
const GRAPH_BLOCK_KEYS: &[&str] = &[
    "allowedResourceActions",
    "condition",
    "excludedResourceActions",
];
const INTUNE_BLOCK_KEYS: &[&str] = &["resourceActions", "@odata.type"];
const INTUNE_BLOCK_KEYS_WITH_ACTIONS: &[&str] = &["resourceActions", "@odata.type", "actions"];
const INTUNE_ACTION_KEYS: &[&str] = &[
    "allowedResourceActions",
    "notAllowedResourceActions",
    "@odata.type",
];

fn opt_string(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

/// The same list under the names of two shapes: (written, meant), used when the
/// object's keys hold `meant`. Each shape names its exclusions differently.
const OTHER_SHAPES: &[(&str, &str)] = &[
    ("notAllowedResourceActions", "excludedResourceActions"),
    ("notActions", "excludedResourceActions"),
    ("excludedResourceActions", "notAllowedResourceActions"),
    ("notActions", "notAllowedResourceActions"),
    ("excludedResourceActions", "notActions"),
    ("notAllowedResourceActions", "notActions"),
    ("actions", "allowedResourceActions"),
    ("allowedResourceActions", "actions"),
];

/// The key of `known` that `key` most likely meant.
fn meant(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let find = |k: &str| known.iter().copied().find(|x| x.eq_ignore_ascii_case(k));
    OTHER_SHAPES
        .iter()
        .filter(|(written, _)| written.eq_ignore_ascii_case(key))
        .find_map(|(_, m)| find(m))
        .or_else(|| crate::fuzzy::closest(key, known.iter().copied()))
}

fn unknown(n: &Node<'_>, known: &'static [&'static str], into: &mut Vec<UnknownKey>) {
    for (k, pos) in n.keys() {
        if !known.iter().any(|x| x.eq_ignore_ascii_case(k)) {
            into.push(UnknownKey {
                key: k.to_string(),
                path: n.path(),
                pos,
                known,
            });
        }
    }
}

fn import_role(n: &Node<'_>, seen: &mut Patterns) -> Result<ImportedRole, JsonError> {
    if !n.is_object() {
        return Err(n.error(format!(
            "expected a role definition object, found {}",
            n.value().kind()
        )));
    }
    // REST and ARM-template wrappers keep the definition under `properties`.
    if let Some(props) = n.get("properties")? {
        if props.is_object() {
            let mut r = import_role(&props, seen)?;
            if let Some(name) = opt_string(n, "name")? {
                if is_guid(&name) {
                    r.role.id = name.to_ascii_lowercase();
                }
            }
            if let Some(id) = opt_string(n, "id")? {
                if let Some(tail) = id.rsplit('/').next().filter(|t| is_guid(t)) {
                    r.role.id = tail.to_ascii_lowercase();
                }
            }
            return Ok(r);
        }
    }
    if n.get("rolePermissions")?.is_some() || n.get("displayName")?.is_some() {
        return import_graph(n, seen);
    }
    import_azure(n, seen)
}

fn patterns(
    n: &Node<'_>,
    key: &str,
    (block, list): (usize, &'static str),
    origins: &mut Vec<Origin>,
    seen: &mut Patterns,
) -> Result<Vec<ActionPattern>, JsonError> {
    let Some(v) = n.get(key)? else {
        return Ok(Vec::new());
    };
    let items = match v.str_items() {
        Ok(items) => items,
        // A list written as one string is what PowerShell's `ConvertTo-Json`
        // writes past its `-Depth` (2 unless given): name the cause and the fix.
        Err(mut e) if v.as_opt_str().is_ok_and(|s| s.is_some()) => {
            e.message.push_str(
                ": PowerShell's `ConvertTo-Json` writes a list nested deeper than its `-Depth` (2 unless given) as one string; export again with `ConvertTo-Json -Depth 10`",
            );
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let path = v.path();
    let mut out = Vec::with_capacity(items.len());
    let mut positions = Vec::with_capacity(items.len());
    let mut underscored = Vec::new();
    for (index, (text, pos)) in items.into_iter().enumerate() {
        let slashed = intune_slashes(text);
        if matches!(slashed, std::borrow::Cow::Owned(_)) {
            underscored.push(index);
        }
        let p = seen
            .get(&slashed)
            .map_err(|e| JsonError::at(&format!("{path}[{index}]"), pos, e.to_string()))?;
        out.push(p);
        positions.push(pos);
    }
    origins.push(Origin {
        block,
        list,
        path,
        positions,
        underscored,
    });
    Ok(out)
}

/// `Microsoft.Intune_ManagedDevices_Read` → `Microsoft.Intune/ManagedDevices/Read`;
/// other text unchanged.
pub fn intune_slashes(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim();
    match t
        .get(..17)
        .filter(|p| p.eq_ignore_ascii_case("Microsoft.Intune_"))
    {
        Some(_) => {
            let rest = &t[17..];
            match rest.split_once('_') {
                Some((resource, action)) if !resource.is_empty() && !action.is_empty() => {
                    std::borrow::Cow::Owned(format!("Microsoft.Intune/{resource}/{action}"))
                }
                _ => std::borrow::Cow::Borrowed(text),
            }
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

fn block_from(
    n: &Node<'_>,
    b: usize,
    origins: &mut Vec<Origin>,
    seen: &mut Patterns,
) -> Result<PermissionBlock, JsonError> {
    let condition = opt_string(n, "condition")?.filter(|c| !c.trim().is_empty());
    Ok(PermissionBlock {
        actions: patterns(n, "actions", (b, "actions"), origins, seen)?,
        not_actions: patterns(n, "notActions", (b, "notActions"), origins, seen)?,
        data_actions: patterns(n, "dataActions", (b, "dataActions"), origins, seen)?,
        not_data_actions: patterns(n, "notDataActions", (b, "notDataActions"), origins, seen)?,
        condition: condition.as_deref().map(Condition::parse),
        condition_version: opt_string(n, "conditionVersion")?,
    })
}

fn import_azure(n: &Node<'_>, seen: &mut Patterns) -> Result<ImportedRole, JsonError> {
    let mut origins = Vec::new();
    let mut unknown_keys = Vec::new();
    let role_name = opt_string(n, "roleName")?;
    let plain_name = opt_string(n, "name")?;
    let (name, mut id) = match (role_name, plain_name) {
        (Some(r), Some(g)) => (r, Some(g)),
        (Some(r), None) => (r, None),
        (None, Some(nm)) => (nm, None),
        (None, None) => {
            // A name given as null is no missing key (an outside review).
            for key in ["roleName", "name"] {
                if let Some(v) = n.get(key)? {
                    return Err(v.error(format!("`{key}` is null: the role needs a name")));
                }
            }
            return Err(n.error("missing the role name: expected `roleName` (ARM shape) or `Name` (az CLI / PowerShell shape)"));
        }
    };
    if let Some(i) = opt_string(n, "id")? {
        let tail = i.rsplit('/').next().unwrap_or(&i).to_string();
        id = Some(tail);
    }
    let perms = n.get("permissions")?;
    let flat = ["actions", "notActions", "dataActions", "notDataActions"]
        .iter()
        .map(|k| n.get(k))
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .any(Option::is_some);
    let (blocks, shape) = match perms {
        Some(p) if !matches!(p.value(), json::Value::Null) => {
            if flat {
                return Err(
                    n.error("has both `permissions` and top-level `Actions`: keep one form")
                );
            }
            let mut blocks = Vec::new();
            let items = p.items()?;
            check_blocks(&items)?;
            for (b, item) in items.iter().enumerate() {
                if !item.is_object() {
                    return Err(item.error(format!(
                        "expected a permission block object, found {}",
                        item.value().kind()
                    )));
                }
                let before = unknown_keys.len();
                unknown(item, BLOCK_KEYS, &mut unknown_keys);
                let found = unknown_keys.split_off(before);
                unknown_keys.extend(found.into_iter().filter(|k| {
                    !AZ_STRING_COPIES
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(&k.key))
                }));
                blocks.push(block_from(item, b, &mut origins, seen)?);
            }
            let shape = if n.get("roleName")?.is_some() {
                Shape::Arm
            } else {
                Shape::AzPermissions
            };
            (blocks, shape)
        }
        _ => (vec![block_from(n, 0, &mut origins, seen)?], Shape::AzFlat),
    };
    unknown(
        n,
        if shape == Shape::Arm {
            ARM_KEYS
        } else {
            AZ_KEYS
        },
        &mut unknown_keys,
    );
    let mut assignable_scopes = Vec::new();
    if let Some(v) = n.get("assignableScopes")? {
        let items = v.str_items()?;
        assignable_scopes.extend(items.iter().map(|(s, _)| s.to_string()));
        origins.push(Origin {
            block: 0,
            list: "assignableScopes",
            path: v.path(),
            positions: items.into_iter().map(|(_, pos)| pos).collect(),
            underscored: Vec::new(),
        });
    }
    // `roleType` (az), `type` under an ARM REST answer's `properties` (the REST
    // name of the same field: `"type": "BuiltInRole"`), `isCustom: false`.
    let builtin_type = |key: &str| -> Result<bool, JsonError> {
        Ok(opt_string(n, key)?.is_some_and(|t| t.eq_ignore_ascii_case("BuiltInRole")))
    };
    let declares_builtin = builtin_type("roleType")?
        || builtin_type("type")?
        || n.get("isCustom")?.map(|v| v.as_bool()).transpose()? == Some(false);
    let id = id
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| derived_id(&name));
    Ok(ImportedRole {
        role: Role {
            id,
            description: opt_string(n, "description")?.unwrap_or_default(),
            name,
            kind: RoleKind::AzureCustom,
            category: None,
            blocks,
            assignable_scopes,
            provenance: vec![format!("imported ({})", shape_label(shape))],
            notes: Vec::new(),
            entra_actions: Vec::new(),
            aliases: Vec::new(),
            version_date: None,
        },
        shape,
        origins,
        unknown_keys,
        pos: n.pos(),
        path: n.path(),
        declares_builtin,
        scope_tag_ids: Vec::new(),
    })
}

/// Does the object look like an Intune `deviceAndAppManagementRoleDefinition`?
fn is_intune_shape(n: &Node<'_>) -> Result<bool, JsonError> {
    if let Some(t) = opt_string(n, "@odata.type")? {
        if t.to_ascii_lowercase()
            .contains("deviceandappmanagementroledefinition")
        {
            return Ok(true);
        }
    }
    if let Some(list) = n.get("rolePermissions")? {
        if let json::Value::Array(_) = list.value() {
            for item in list.items()? {
                if item.get("resourceActions")?.is_some() {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

fn import_graph(n: &Node<'_>, seen: &mut Patterns) -> Result<ImportedRole, JsonError> {
    let mut origins = Vec::new();
    let mut unknown_keys = Vec::new();
    unknown(n, GRAPH_KEYS, &mut unknown_keys);
    let name = opt_string(n, "displayName")?.ok_or_else(|| n.error("missing `displayName`"))?;
    let intune_shape = is_intune_shape(n)?;
    let mut blocks = Vec::new();
    if let Some(list) = n.get("rolePermissions")? {
        let items = list.items()?;
        check_blocks(&items)?;
        for (b, item) in items.iter().enumerate() {
            if !item.is_object() {
                return Err(item.error(format!(
                    "expected a role permission object, found {}",
                    item.value().kind()
                )));
            }
            if intune_shape {
                // Graph's deprecated `actions` list, empty in what Graph
                // returns today, or (in older tenants) a copy of the allowed
                // resource actions: either is no unknown key. One that holds
                // other names is not read, so it is flagged as an unknown key
                // would be (review s43: a copy was called unknown).
                let texts = |n: Option<Node<'_>>| -> Vec<String> {
                    n.and_then(|a| a.items().ok())
                        .map(|v| {
                            v.iter()
                                .filter_map(|x| x.as_str().ok().map(str::to_ascii_lowercase))
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let allowed: Vec<String> = match item.get("resourceActions")? {
                    Some(list) => list
                        .items()
                        .map(|v| {
                            v.iter()
                                .flat_map(|ra| {
                                    texts(ra.get("allowedResourceActions").ok().flatten())
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    None => Vec::new(),
                };
                let empty_actions = match item.get("actions")? {
                    Some(a) => {
                        a.items().is_ok_and(|v| v.is_empty())
                            || texts(Some(a)).iter().all(|x| allowed.contains(x))
                    }
                    None => false,
                };
                let known = if empty_actions {
                    INTUNE_BLOCK_KEYS_WITH_ACTIONS
                } else {
                    INTUNE_BLOCK_KEYS
                };
                unknown(item, known, &mut unknown_keys);
                let Some(actions) = item.get("resourceActions")? else {
                    continue;
                };
                for ra in actions.items()? {
                    if !ra.is_object() {
                        return Err(ra.error(format!(
                            "expected a resource action object, found {}",
                            ra.value().kind()
                        )));
                    }
                    unknown(&ra, INTUNE_ACTION_KEYS, &mut unknown_keys);
                    let at = blocks.len();
                    if at >= MAX_BLOCKS {
                        return Err(ra.error(format!(
                            "more than {MAX_BLOCKS} permission blocks (resource action lists) in one role"
                        )));
                    }
                    blocks.push(PermissionBlock {
                        actions: patterns(
                            &ra,
                            "allowedResourceActions",
                            (at, "actions"),
                            &mut origins,
                            seen,
                        )?,
                        not_actions: patterns(
                            &ra,
                            "notAllowedResourceActions",
                            (at, "notActions"),
                            &mut origins,
                            seen,
                        )?,
                        ..Default::default()
                    });
                }
                continue;
            }
            unknown(item, GRAPH_BLOCK_KEYS, &mut unknown_keys);
            // Graph returns `"condition": null`; a condition given is kept, so
            // `eval` answers its grants conditional, lint says Graph takes none
            // on a custom role and an export names it dropped (an outside
            // review: it was read and forgotten, the role granting outright).
            let condition = opt_string(item, "condition")?.filter(|c| !c.trim().is_empty());
            blocks.push(PermissionBlock {
                actions: patterns(
                    item,
                    "allowedResourceActions",
                    (b, "actions"),
                    &mut origins,
                    seen,
                )?,
                not_actions: patterns(
                    item,
                    "excludedResourceActions",
                    (b, "notActions"),
                    &mut origins,
                    seen,
                )?,
                condition: condition.as_deref().map(Condition::parse),
                ..Default::default()
            });
        }
    }
    if blocks.is_empty() {
        blocks.push(PermissionBlock::default());
    }
    let all_intune = {
        let mut it = blocks.iter().flat_map(|b| b.actions.iter()).peekable();
        it.peek().is_some() && it.all(|p| p.lower().starts_with("microsoft.intune"))
    };
    // A Microsoft Entra custom role (`roleManagement/directory/roleDefinitions`):
    // its lines are directory permissions, none of them a Cloud PC permission.
    let directory = !intune_shape
        && blocks
            .iter()
            .flat_map(|b| b.actions.iter())
            .any(|p| p.lower().starts_with("microsoft.directory/"));
    let mut entra_actions = Vec::new();
    if directory {
        for b in &mut blocks {
            entra_actions.extend(b.actions.drain(..).map(|p| EntraAction {
                action: p.as_str().to_string(),
                description: String::new(),
            }));
            b.not_actions.clear();
            b.condition = None;
        }
        origins.clear();
    }
    let mut entra_notes = Vec::new();
    if directory {
        entra_notes.push(format!(
            "A Microsoft Entra custom role: its {} directory permission(s) are kept as written; a custom Entra role cannot hold Cloud PC or Intune permissions.",
            entra_actions.len()
        ));
        // Graph's own label (beta `isPrivileged`): the risk notes read it as they
        // do for built-in Entra roles.
        if n.get("isPrivileged")?.map(|v| v.as_bool()).transpose()? == Some(true) {
            entra_notes.push("Microsoft labels this Entra role PRIVILEGED.".into());
        }
    }
    let (kind, shape) = if intune_shape {
        (RoleKind::IntuneCustom, Shape::IntuneGraph)
    } else if directory {
        (RoleKind::EntraCustom, Shape::Graph)
    } else if all_intune {
        (RoleKind::IntuneCustom, Shape::Graph)
    } else {
        (RoleKind::CloudPcCustom, Shape::Graph)
    };
    let declares_builtin = n
        .get("isBuiltIn")?
        .map(|v| v.as_bool())
        .transpose()?
        .unwrap_or(false);
    let id = opt_string(n, "id")?
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| derived_id(&name));
    // Strings as Graph writes them; anything else is not a tag list to carry.
    let scope_tag_ids: Vec<String> = match n.get("roleScopeTagIds")? {
        Some(v) => v
            .str_items()
            .map(|items| items.into_iter().map(|(t, _)| t.to_string()).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(ImportedRole {
        role: Role {
            id,
            description: opt_string(n, "description")?.unwrap_or_default(),
            name,
            kind,
            category: None,
            blocks,
            assignable_scopes: Vec::new(),
            provenance: vec![format!("imported ({})", shape_label(shape))],
            notes: entra_notes,
            entra_actions,
            aliases: Vec::new(),
            version_date: None,
        },
        shape,
        origins,
        unknown_keys,
        pos: n.pos(),
        path: n.path(),
        declares_builtin,
        scope_tag_ids,
    })
}

/// What every export of this role leaves out although the file has it, one
/// sentence each (review F2 M5): `roleScopeTagIds` other than the Default tag
/// alone. `export --strict` refuses the role then.
pub fn export_drops(r: &ImportedRole) -> Vec<String> {
    let tags = &r.scope_tag_ids;
    if tags.is_empty() || tags.iter().all(|t| t.trim() == "0") {
        return Vec::new();
    }
    vec![format!(
        "`roleScopeTagIds` ({}) is not written: the export creates the role definition without scope tags, so Intune gives it the Default tag and every admin who can read roles sees it; add the tags after creating it (Intune admin center, the role's Scope tags; or Graph `PATCH` of the role definition with `roleScopeTagIds`)",
        tags.iter()
            .map(|t| format!("`{}`", crate::text::escape_hidden(t)))
            .collect::<Vec<_>>()
            .join(", ")
    )]
}

/// A stable id for a role that has none: `custom-` and the name in kebab case.
pub fn derived_id(name: &str) -> String {
    let mut out = String::from("custom-");
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if !dash {
            out.push('-');
            dash = true;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A label for a shape.
pub fn shape_label(s: Shape) -> &'static str {
    match s {
        Shape::Arm => "Azure role, ARM shape",
        Shape::AzFlat => "Azure role, az CLI / PowerShell shape",
        Shape::AzPermissions => "Azure role, PowerShell Az 16 shape",
        Shape::Graph => "Graph unifiedRoleDefinition",
        Shape::IntuneGraph => "Intune role, Graph deviceAndAppManagementRoleDefinition",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_azure_shapes() {
        let arm = r#"{"roleName":"R","name":"6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437","permissions":[{"actions":["Microsoft.Compute/*/read"],"notActions":[]}],"assignableScopes":["/subscriptions/s"]}"#;
        let r = &import(arm).unwrap()[0];
        assert_eq!(r.shape, Shape::Arm);
        assert_eq!(r.role.id, "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437");
        assert_eq!(
            r.role.blocks[0].actions[0].as_str(),
            "Microsoft.Compute/*/read"
        );
        let flat = r#"{"Name":"R","IsCustom":true,"Actions":["a/read"],"AssignableScopes":["/subscriptions/s"]}"#;
        let r = &import(flat).unwrap()[0];
        assert_eq!(r.shape, Shape::AzFlat);
        assert_eq!(r.role.id, "custom-r");
        let ps16 = r#"{"Name":"R","Permissions":[{"Actions":["a/read"],"DataActions":["b/x/read"]}],"AssignableScopes":["/"]}"#;
        let r = &import(ps16).unwrap()[0];
        assert_eq!(r.shape, Shape::AzPermissions);
        assert_eq!(r.role.blocks[0].data_actions.len(), 1);
    }

    #[test]
    fn bicep_and_terraform_files_are_recognised() {
        // Review H1 L7.
        let role = import(
            r#"{"roleName":"R","description":"d","permissions":[{"actions":["Microsoft.Network/virtualNetworks/read"]}],"assignableScopes":["/subscriptions/s"]}"#,
        )
        .unwrap()
        .remove(0)
        .role;
        use crate::export::{export, Format};
        let bicep = export(&role, Format::Bicep).unwrap();
        let tf = export(&role, Format::Terraform).unwrap();
        assert!(import(&bicep).is_err());
        assert!(import(&tf).is_err());
        assert_eq!(foreign_format(&bicep, None), Some("Bicep"));
        assert_eq!(foreign_format(&tf, None), Some("Terraform"));
        assert_eq!(foreign_format("x", Some("role.BICEP")), Some("Bicep"));
        assert_eq!(foreign_format("x", Some("main.tf")), Some("Terraform"));
        assert_eq!(foreign_format("{\"roleName\": 1", Some("r.json")), None);
        // A script with a JSON body is read, not called Terraform.
        let script = export(&role, Format::AzCli).unwrap();
        assert_eq!(foreign_format(&script, None), None);
    }

    #[test]
    fn positions_in_an_embedded_body_count_from_the_file() {
        // Review H1 L1: lint's lines for `rest`, `az-cli` and `powershell` exports
        // counted from the JSON inside them.
        let role = import(
            r#"{"roleName":"R","description":"d","permissions":[{"actions":["Microsoft.Network/virtualNetworks/read","X.Y/frob/read"]}],"assignableScopes":["/subscriptions/s"]}"#,
        )
        .unwrap()
        .remove(0)
        .role;
        use crate::export::{export, Format};
        for f in [Format::Rest, Format::AzCli, Format::PowerShell] {
            let text = export(&role, f).unwrap();
            let r = &import(&text).unwrap()[0];
            let (_, pos) = r
                .origins
                .iter()
                .find(|o| o.list == "actions")
                .and_then(|o| o.element(1))
                .unwrap();
            let line = text
                .lines()
                .position(|l| l.contains("X.Y/frob/read"))
                .unwrap();
            let column = text.lines().nth(line).unwrap().find('"').unwrap();
            assert_eq!(
                (pos.line as usize, pos.column as usize),
                (line + 1, column + 1),
                "{f:?}"
            );
        }
        // A body that starts inside its first line: columns count from the line.
        let graph = "POST https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions\n\n   {\"displayName\":\"G\",\"rolePermissions\":[{\"allowedResourceActions\":[\"Microsoft.CloudPC/CloudPCs/Read\"]}]}";
        let r = &import(graph).unwrap()[0];
        assert_eq!((r.pos.line, r.pos.column), (3, 4));
        let (_, pos) = r.origins[0].element(0).unwrap();
        assert_eq!((pos.line, pos.column), (3, 69));
    }

    /// An ARM REST answer's role type is `properties.type` (the REST name of az's
    /// `roleType`): Microsoft's roles listed that way are built in (review of
    /// 2026-12-05: they were reviewed as custom roles).
    #[test]
    fn a_rest_role_definition_of_type_built_in_declares_it() {
        let rest = |t: &str| {
            format!(
                r#"{{"id":"/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","type":"Microsoft.Authorization/roleDefinitions","name":"acdd72a7-3385-48ef-bd42-f606fba81ae7","properties":{{"roleName":"Reader","type":"{t}","permissions":[{{"actions":["*/read"]}}],"assignableScopes":["/"]}}}}"#
            )
        };
        assert!(import(&rest("BuiltInRole")).unwrap()[0].declares_builtin);
        assert!(!import(&rest("CustomRole")).unwrap()[0].declares_builtin);
    }

    /// Graph's Intune role definitions carry `isBuiltInRoleDefinition` and a
    /// deprecated, empty `actions` list beside `resourceActions`: neither is an
    /// unknown key; an `actions` list that holds names is, as it is not read.
    #[test]
    fn intune_definitions_as_graph_lists_them() {
        let def = |actions: &str| {
            format!(
                r##"{{"@odata.type":"#microsoft.graph.deviceAndAppManagementRoleDefinition","id":"4ad8ea8a-2e55-4b35-8bb0-9e3f1c5a7d11","displayName":"Wipers","description":"","isBuiltInRoleDefinition":false,"isBuiltIn":false,"rolePermissions":[{{"actions":{actions},"resourceActions":[{{"allowedResourceActions":["Microsoft.Intune_RemoteTasks_Wipe"],"notAllowedResourceActions":[]}}]}}],"roleScopeTagIds":["0"]}}"##
            )
        };
        let r = &import(&def("[]")).unwrap()[0];
        assert_eq!(r.role.kind, RoleKind::IntuneCustom);
        assert!(r.unknown_keys.is_empty(), "{:?}", r.unknown_keys);
        let r = &import(&def(r#"["Microsoft.Intune_RemoteTasks_Retire"]"#)).unwrap()[0];
        assert_eq!(r.unknown_keys.len(), 1);
        assert_eq!(r.unknown_keys[0].key, "actions");
        // A copy of the allowed resource actions, as older tenants return.
        let r = &import(&def(r#"["Microsoft.Intune_RemoteTasks_Wipe"]"#)).unwrap()[0];
        assert!(r.unknown_keys.is_empty(), "{:?}", r.unknown_keys);
    }

    /// `Get-AzRoleDefinition | ConvertTo-Json` at its default `-Depth 2` writes
    /// the lists as strings: the error says why and how to export again; at full
    /// depth Az 16's `ActionsString` copies are no unknown keys.
    #[test]
    fn powershell_exports_too_shallow_or_whole() {
        let shallow = r#"{"Name":"R","Id":"6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437","IsCustom":true,"Permissions":[{"Actions":"Microsoft.Compute/virtualMachines/read Microsoft.Compute/virtualMachines/start/action","NotActions":"","Condition":null}],"AssignableScopes":"/subscriptions/s"}"#;
        let e = import(shallow).unwrap_err().to_string();
        assert!(e.contains("`$.Permissions[0].Actions`"), "{e}");
        assert!(e.contains("ConvertTo-Json -Depth 10"), "{e}");
        let whole = r#"{"Name":"R","Id":"6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437","IsCustom":true,"Permissions":[{"Actions":["Microsoft.Compute/virtualMachines/read"],"NotActions":[],"DataActions":[],"NotDataActions":[],"ActionsString":"Microsoft.Compute/virtualMachines/read","NotActionsString":"","DataActionsString":"","NotDataActionsString":"","Condition":null,"ConditionVersion":null}],"AssignableScopes":["/subscriptions/s"]}"#;
        let r = &import(whole).unwrap()[0];
        assert!(r.unknown_keys.is_empty(), "{:?}", r.unknown_keys);
    }

    #[test]
    fn reads_rest_wrappers_graph_and_lists() {
        let rest = r#"{"name":"6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437","properties":{"roleName":"R","permissions":[{"actions":["a"]}],"assignableScopes":["/subscriptions/s"]}}"#;
        assert_eq!(
            import(rest).unwrap()[0].role.id,
            "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437"
        );
        let graph = "POST https://graph.microsoft.com/beta/roleManagement/cloudPC/roleDefinitions\nContent-Type: application/json\n\n{\"displayName\":\"G\",\"rolePermissions\":[{\"allowedResourceActions\":[\"Microsoft.CloudPC/CloudPCs/Reboot\"]}]}";
        let r = &import(graph).unwrap()[0];
        assert_eq!(r.role.kind, RoleKind::CloudPcCustom);
        assert_eq!(r.shape, Shape::Graph);
        let list = r#"{"value":[{"displayName":"A"},{"displayName":"B"}]}"#;
        assert_eq!(import(list).unwrap().len(), 2);
    }

    #[test]
    fn a_directory_role_definition_is_an_entra_custom_role_with_its_permissions() {
        let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleDefinitions","value":[
          {"id":"9c0e1f2a-1111-4222-8333-aaaaaaaaaaaa","displayName":"Device helper","isBuiltIn":false,"isPrivileged":true,
           "rolePermissions":[{"allowedResourceActions":["microsoft.directory/devices/standard/read","microsoft.directory/bitlockerKeys/key/read"],"condition":null}]}]}"#;
        let r = &import(page).unwrap()[0];
        assert_eq!(r.role.kind, RoleKind::EntraCustom);
        assert_eq!(r.role.plane(), crate::model::Plane::Entra);
        assert!(!r.role.kind.is_builtin());
        let actions: Vec<&str> = r
            .role
            .entra_actions
            .iter()
            .map(|a| a.action.as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "microsoft.directory/devices/standard/read",
                "microsoft.directory/bitlockerKeys/key/read"
            ]
        );
        assert!(r.role.blocks.iter().all(|b| b.actions.is_empty()));
        // Risk: the privileged-labeled permission and Graph's own label.
        let cat = crate::catalog().unwrap();
        let ex = crate::expand::Expander::new(cat).expand(&r.role);
        let flags: Vec<String> = crate::risk::assess(cat, &r.role, &ex)
            .into_iter()
            .map(|n| n.flag)
            .collect();
        assert!(
            flags.contains(&"privileged-entra-permission".to_string()),
            "{flags:?}"
        );
        assert!(
            flags.contains(&"privileged-entra-role".to_string()),
            "{flags:?}"
        );
    }

    #[test]
    fn reads_arm_templates_and_rest_requests() {
        let template = r#"{"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "parameters": {"roleDefinitionId": {"type": "string", "defaultValue": "6D8EE4EC-F05A-4A1D-8B00-A9B17E38B437"}},
            "resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "x"},
              {"type": "Microsoft.Authorization/roleDefinitions", "apiVersion": "2022-04-01",
               "name": "[parameters('roleDefinitionId')]",
               "properties": {"roleName": "[[Ops]", "description": "d", "type": "CustomRole",
                 "permissions": [{"actions": ["a/read"]}], "assignableScopes": ["/subscriptions/s"]}}]}"#;
        let r = &import(template).unwrap()[0];
        assert_eq!(r.role.name, "[Ops]");
        assert_eq!(r.role.id, "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437");
        let none = r#"{"$schema": "x", "resources": []}"#;
        assert!(import(none)
            .unwrap_err()
            .to_string()
            .contains("no `Microsoft.Authorization/roleDefinitions`"));
        let rest = "PUT https://management.azure.com/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437?api-version=2022-04-01\nContent-Type: application/json\n\n{\"properties\": {\"roleName\": \"R\", \"permissions\": [{\"actions\": [\"a/read\"]}], \"assignableScopes\": [\"/subscriptions/s\"]}}";
        let r = &import(rest).unwrap()[0];
        assert_eq!(r.role.id, "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437");
        assert_eq!(r.role.name, "R");
    }

    /// An outside review: the second of two roles run together was dropped
    /// without a word (the first read as a script's embedded body).
    #[test]
    fn two_documents_run_together_are_refused() {
        let one =
            r#"{"Name": "A", "Actions": ["a/read"], "AssignableScopes": ["/subscriptions/s"]}"#;
        for text in [
            format!("{one}\n{one}"),
            format!("\u{feff}  {one}{one}"),
            format!("{one} garbage"),
        ] {
            let e = import(&text).unwrap_err();
            assert!(e.message.contains("after the JSON value"), "{e}");
        }
        let e = import(&format!("{one}\n{one}")).unwrap_err();
        assert!(e.message.contains("several roles go in one list"), "{e}");
        assert_eq!(e.pos.line, 2);
        // A script's body still reads, as `export` writes it.
        assert_eq!(
            import(&format!("$json = @'\n{one}\n'@\n")).unwrap().len(),
            1
        );
    }

    #[test]
    fn errors_say_where() {
        let e = import("{\"roleName\":\"R\",\n \"permissions\":[{\"actions\":[\"a\", 1]}]}")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "`$.permissions[0].actions[1]` at line 2, column 34: expected a string, found a number"
        );
        let e = import("{\"description\":\"x\"}").unwrap_err();
        assert!(e.message.contains("missing the role name"));
        let e = import("{\"roleName\": null, \"permissions\": []}").unwrap_err();
        assert_eq!(e.message, "`roleName` is null: the role needs a name");
        let e = import("[]").unwrap_err();
        assert!(e.message.contains("no role definitions"));
        let e = import("42").unwrap_err();
        assert!(e.message.contains("found a number"));
    }

    #[test]
    fn reads_intune_roles() {
        let body = r##"{"@odata.type":"#microsoft.graph.deviceAndAppManagementRoleDefinition","displayName":"Sync only",
          "rolePermissions":[{"resourceActions":[{"allowedResourceActions":["Microsoft.Intune_RemoteTasks_SyncDevice","Microsoft.Intune/ManagedDevices/Read"],"notAllowedResourceActions":[]}]}],"isBuiltIn":false}"##;
        let r = &import(body).unwrap()[0];
        assert_eq!(r.shape, Shape::IntuneGraph);
        assert_eq!(r.role.kind, RoleKind::IntuneCustom);
        assert_eq!(
            r.role.blocks[0].actions[0].as_str(),
            "Microsoft.Intune/RemoteTasks/SyncDevice"
        );
        assert_eq!(
            r.origins[0].element(0).map(|(path, _)| path).as_deref(),
            Some("$.rolePermissions[0].resourceActions[0].allowedResourceActions[0]")
        );
        assert!(r.unknown_keys.is_empty(), "{:?}", r.unknown_keys);
        let unified = r#"{"displayName":"U","rolePermissions":[{"allowedResourceActions":["Microsoft.Intune/Roles/Read"]}]}"#;
        let r = &import(unified).unwrap()[0];
        assert_eq!(
            (r.shape, r.role.kind),
            (Shape::Graph, RoleKind::IntuneCustom)
        );
    }

    #[test]
    fn too_many_roles_or_blocks_are_refused() {
        let blocks = format!(
            r#"{{"roleName":"R","permissions":[{}]}}"#,
            [r#"{"actions":["*/read"]}"#; MAX_BLOCKS + 1].join(",")
        );
        let e = import(&blocks).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.permissions[8]"));
        assert!(e.message.starts_with("more than 8 permission blocks"));
        assert!(import(&blocks.replacen(r#"{"actions":["*/read"]},"#, "", 1)).is_ok());
        let roles = format!("[{}]", vec![r#"{"Name":"R"}"#; MAX_ROLES + 1].join(","));
        let e = import(&roles).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$[10000]"));
    }

    #[test]
    fn unknown_keys_are_recorded() {
        let r = &import(r#"{"Name":"R","Actoins":["a"]}"#).unwrap()[0];
        assert_eq!(r.unknown_keys[0].key, "Actoins");
        assert_eq!(r.unknown_keys[0].suggestion(), Some("Actions"));
    }

    #[test]
    fn an_unknown_key_is_named_with_the_key_of_its_own_object_it_meant() {
        let cases = [
            (
                r#"{"roleName":"R","permissions":[{"actions":["*"],"notActionz":["Microsoft.Compute/*"]}]}"#,
                "`$.permissions[0]` at line 1, column 49: unknown key `notActionz` is ignored (did you mean `notActions`?)",
            ),
            // A Cloud PC role (Graph unifiedRoleDefinition) names its exclusions
            // excludedResourceActions; Intune's deviceAndAppManagementRoleDefinition
            // names them notAllowedResourceActions.
            (
                r#"{"displayName":"C","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/CloudPCs/*"],"notAllowedResourceActions":["Microsoft.CloudPC/CloudPCs/Reboot"]}]}"#,
                "unknown key `notAllowedResourceActions` is ignored (did you mean `excludedResourceActions`?)",
            ),
            (
                r##"{"@odata.type":"#microsoft.graph.deviceAndAppManagementRoleDefinition","displayName":"I","rolePermissions":[{"resourceActions":[{"allowedResourceActions":["Microsoft.Intune/ManagedDevices/Read"],"excludedResourceActions":["Microsoft.Intune/ManagedDevices/Delete"]}]}]}"##,
                "unknown key `excludedResourceActions` is ignored (did you mean `notAllowedResourceActions`?)",
            ),
            (
                r#"{"Name":"R","Actions":["*"],"excludedResourceActions":["Microsoft.Compute/*"]}"#,
                "unknown key `excludedResourceActions` is ignored (did you mean `NotActions`?)",
            ),
            (
                r#"{"Name":"R","Actions":["*"],"zzzzzzzz":1}"#,
                "unknown key `zzzzzzzz` is ignored",
            ),
        ];
        for (text, want) in cases {
            let roles = import(text).unwrap();
            let w = unknown_key_warnings(&roles);
            assert_eq!(w.len(), 1, "{text}: {w:?}");
            let got = w[0].to_string();
            assert!(got.contains(want), "{got}");
            assert!(
                got.ends_with(want.rsplit(": ").next().unwrap_or(want)),
                "{got}"
            );
        }
        let many = format!(
            r#"{{"Name":"R","Actions":["*"],{}}}"#,
            (0..25)
                .map(|i| format!(r#""extra{i}":1"#))
                .collect::<Vec<_>>()
                .join(",")
        );
        let w = unknown_key_warnings(&import(&many).unwrap());
        assert_eq!(w.len(), MAX_UNKNOWN_KEY_WARNINGS + 1);
        assert!(w[MAX_UNKNOWN_KEY_WARNINGS].to_string().ends_with(
            "5 more unknown keys are ignored, from `extra20` on (`w365-perms lint` lists them)"
        ));
    }

    #[test]
    fn every_unusable_definition_of_a_list_is_named() {
        let text = r#"[{"Name":"Good A","IsCustom":true,"Actions":["Microsoft.Compute/virtualMachines/read"],"AssignableScopes":["/subscriptions/s1"]},
            {"Description":"no name"},
            {"Name":"Good B","IsCustom":true,"Actions":[5],"AssignableScopes":["/subscriptions/s1"]}]"#;
        let e = import(text).unwrap_err().to_string();
        assert!(
            e.contains("$[1]") && e.contains("missing the role name"),
            "{e}"
        );
        assert!(e.contains("$[2].Actions[0]"), "{e}");
    }
}
