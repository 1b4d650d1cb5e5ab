//! A real tenant, reviewed offline: what reviewers can export without this tool
//! touching their tenant, read ([`load`]) and answered per principal
//! ([`review::review`]).
//!
//! Files may be a JSON array (`az role assignment list --all -o json`,
//! `Get-AzRoleAssignment | ConvertTo-Json`, `Get-Mg...RoleAssignment |
//! ConvertTo-Json`, `az role definition list --custom-role-only -o json`), a
//! Graph or ARM page (`{"value": [...]}`: `roleManagement/{cloudPC,directory}/`
//! `roleAssignments`, `roleDefinitions` and the PIM schedules,
//! `directoryRoles?$expand=members`, `deviceManagement/roleAssignments` and
//! `roleDefinitions`, `az rest` lists of `Microsoft.Authorization/roleAssignments`),
//! a single object, or a request (`{"roles": [...], "assignments": [...]}`). Each
//! element is a deny assignment when [`crate::deny::looks_like`] recognises one
//! (ARM REST, `Get-AzDenyAssignment`; read, checked, and applied per principal and
//! scope by the review: [`denies`]), an assignment when [`assignment::detect`]
//! recognises one (a PIM eligibility apart, in [`Loaded::eligible`]: it grants
//! nothing until activated; a PIM request refused), a `directoryRole` listed
//! without members is counted and left out (it says which built-in roles are in
//! use, not who holds them), a role definition otherwise. Built-in role
//! definitions in a list are skipped (the bundled, observed versions are used;
//! one whose id is not bundled, as Intune's are not, is matched by name and
//! plane, and assignments naming its id get the bundled role); a built-in the
//! bundle does not hold is read as the export lists it and reviewed as built in.

pub mod assignment;
pub mod denies;
pub mod review;
pub mod time;

pub use assignment::{Classic, Exported, Pim, Principal, Source};
pub use denies::{DenyEffect, DenyUse, ScopeDeny};
pub use review::{review, Progress, Review, Reviewing};
pub use time::{civil, instant};

use crate::bundle::Catalog;
use crate::import::{import_node, ImportedRole};
use crate::json::{self, JsonError, Limits, Node};
use serde::Serialize;

/// Largest tenant export one file may be: 128 MiB (50,000 `az` assignments take
/// about 40 MiB).
pub const MAX_TENANT_BYTES: usize = 128 * 1024 * 1024;

/// Most assignments all files together may hold.
pub const MAX_ASSIGNMENTS: usize = 500_000;

/// Most deny assignments all files together may hold: the review weighs each
/// one for every principal (whom it applies to) and every scope of theirs (whether
/// it reaches it), so their number multiplies the review's cost. Azure creates
/// them (managed applications, Blueprints, deployment stacks): a tenant has few.
pub const MAX_DENY_ASSIGNMENTS: usize = 2_000;

fn too_many_denies(n: &Node<'_>) -> JsonError {
    n.error(format!(
        "more than {MAX_DENY_ASSIGNMENTS} deny assignments in all files (the review weighs each one for every principal: review the subscriptions apart)"
    ))
}

/// A file that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{file}`: {error}")]
pub struct LoadError {
    /// The file's name.
    pub file: String,
    /// Where and what.
    pub error: JsonError,
}

/// What one file held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceFile {
    /// Its name.
    pub name: String,
    /// The shapes its assignments were read as.
    pub shapes: Vec<Source>,
    /// Assignments read.
    pub assignments: usize,
    /// Custom role definitions read.
    pub roles: usize,
    /// Built-in role definitions skipped.
    pub builtin_skipped: usize,
    /// Deny assignments read (applied by the review: [`Loaded::deny_note`]).
    #[serde(skip_serializing_if = "is_zero")]
    pub deny_assignments: usize,
    /// PIM eligibilities read ([`Loaded::eligible`]): not assignments.
    #[serde(skip_serializing_if = "is_zero")]
    pub eligible: usize,
    /// Built-in role definitions the bundle does not hold, read as the file lists
    /// them (reviewed as built in, not counted in `roles`).
    #[serde(skip_serializing_if = "is_zero")]
    pub builtin_read: usize,
    /// Graph `directoryRoles` listed without `members`: which built-in Entra
    /// roles are in use, not who holds them; left out.
    #[serde(skip_serializing_if = "is_zero")]
    pub directory_roles: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything read from the files.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Per file.
    pub files: Vec<SourceFile>,
    /// Custom roles, and built-in roles the bundle does not hold as the files
    /// list them (`declares_builtin`: reviewed as built in).
    pub roles: Vec<ImportedRole>,
    /// Assignments, in file order.
    pub assignments: Vec<Exported>,
    /// PIM eligibilities (`roleEligibilitySchedules`, `...Instances`): in the
    /// shape of assignments, but granting nothing until activated; the review
    /// lists them per principal apart from what they hold.
    pub eligible: Vec<Exported>,
    /// Deny assignments (ARM REST list, `Get-AzDenyAssignment`, a request's
    /// `denyAssignments`), read and checked; the review applies them per
    /// principal and scope.
    pub denies: Vec<crate::deny::DenyAssignment>,
    /// Keys accepted and not used, assumptions, skipped built-ins.
    pub notes: Vec<String>,
    /// When the review is as of (ISO 8601, UTC: `2026-12-04` or
    /// `2026-12-04T23:00:00Z`), set by the caller (the command line's clock or
    /// `--as-of`, the browser's clock): a PIM eligibility that ended before it is
    /// marked `ended`. `None`: none is.
    pub as_of: Option<String>,
}

impl Loaded {
    /// What a reviewer must know when deny assignments were read: which, and how
    /// the review applies them; `None` when none were read. (The review adds what
    /// they changed: [`review::Review::notes`].)
    pub fn deny_note(&self) -> Option<String> {
        if self.denies.is_empty() {
            return None;
        }
        let listed: Vec<String> = self
            .denies
            .iter()
            .take(5)
            .map(|d| format!("`{}` at `{}` (for {})", d.name, d.scope.as_str(), d.whom()))
            .collect();
        Some(format!(
            "{} deny assignment(s) read ({}{}): applied per principal at each of their scopes that a deny reaches (its scope and every child scope, or its own scope only with `doNotApplyToChildScopes`); what a deny surely blocks is removed from that principal's operations, Windows 365 operations and flags there, and what it blocks only if something unknown offline holds (group membership, a management group's members, its condition) is counted as conditional and the deny named",
            self.denies.len(),
            listed.join(", "),
            if self.denies.len() > listed.len() { ", ..." } else { "" }
        ))
    }
}

/// Read tenant exports: `(file name, text)` pairs.
pub fn load(catalog: &Catalog, files: &[(&str, &str)]) -> Result<Loaded, LoadError> {
    let mut loading = Loading::default();
    for (name, text) in files {
        loading.add(catalog, name, text)?;
    }
    loading.finish(catalog)
}

/// The limits of a tenant export: larger than a role file's.
const LIMITS: Limits = Limits {
    max_bytes: MAX_TENANT_BYTES,
    max_depth: json::MAX_DEPTH,
};

/// A file being read by [`Loading::read`], a slice at a time.
#[derive(Debug)]
pub struct FileReading {
    file: SourceFile,
    cursor: Option<json::ArrayCursor>,
    done: bool,
    /// The page's `@odata.context`, which may say what its elements are (PIM
    /// eligibilities).
    context: Option<String>,
}

impl FileReading {
    /// Bytes read so far (all of it for a file read whole).
    pub fn offset(&self) -> Option<usize> {
        self.cursor.as_ref().map(json::ArrayCursor::offset)
    }
}

impl Special {
    /// The notes: eligibilities, active PIM schedules, classic administrators.
    fn notes(&self, out: &Loaded) -> Vec<String> {
        let mut notes = Vec::new();
        if !out.eligible.is_empty() {
            notes.push(format!(
                "{} PIM eligibilit{} read (told by {}): an eligible role grants nothing until the principal activates it, so none is counted in the principals' assignments, operations, flags or levels; each is listed under the principal's `eligible` with its role, scope, end (`ends`, none when permanent) and the level it would carry once activated (`levelIfActivated`); an activation shows as an active assignment (`roleAssignmentScheduleInstances`, `roleAssignments`) while it lasts",
                out.eligible.len(),
                if out.eligible.len() == 1 { "y" } else { "ies" },
                self.eligible_by.join("; ")
            ));
        }
        if self.active > 0 {
            notes.push(format!(
                "{} active assignment(s) read from PIM schedules (`roleAssignmentSchedules`, `roleAssignmentScheduleInstances`) are reviewed as held on the review's date, except those it falls outside of (named in their own notes){}",
                self.active,
                if self.ending_count > 0 {
                    format!(
                        "; {} of them end on a date: {}",
                        self.ending_count,
                        listed(&self.ending, self.ending_count)
                    )
                } else {
                    String::new()
                }
            ));
        }
        if self.classic_owner_count > 0 {
            notes.push(format!(
                "{} classic subscription administrator(s) (`--include-classic-administrators`) are reviewed as `Owner` at their subscription: {}; Microsoft gives Owner at subscription scope as the access equivalent to Service Administrator and Co-Administrator, whose roles were retired on 2024-08-31, and from December 2025 Azure assigns Owner at subscription scope to users still holding them (Microsoft Learn, \"Azure classic subscription administrators\"): convert them to Azure RBAC role assignments or remove them",
                self.classic_owner_count,
                listed(&self.classic_owner, self.classic_owner_count)
            ));
        }
        if self.classic_billing_count > 0 {
            notes.push(format!(
                "{} classic Account Administrator row(s) left out: {}; the Account Administrator is the billing owner of the subscription, with no access to Azure resources through that role",
                self.classic_billing_count,
                listed(&self.classic_billing, self.classic_billing_count)
            ));
        }
        notes
    }
}

/// Tenant exports read one file at a time (a page reads each in its own task);
/// [`load`] is `add` for each file, then `finish`.
#[derive(Debug, Default)]
pub struct Loading {
    out: Loaded,
    unused: assignment::UnusedKeys,
    /// Keys of custom role definitions that their shape has no place for, counted
    /// (the first [`crate::import::MAX_UNKNOWN_KEY_WARNINGS`] are noted as read).
    unknown_keys: usize,
    /// Built-in definitions whose id the bundle does not hold, matched by name and
    /// plane: (id in lower case, the bundled role's name).
    aliases: Vec<(String, String)>,
    /// What PIM schedules, classic administrators and directory-role listings
    /// change, for the notes.
    special: Special,
    /// The file each of `out.roles` was read from, in order.
    role_files: Vec<String>,
}

/// Rows read otherwise than as plain assignments, for [`Loading::finish`]'s notes.
#[derive(Debug, Default)]
struct Special {
    /// What told each eligibility's kind (distinct).
    eligible_by: Vec<&'static str>,
    /// Active PIM schedules read, and the first few that end (principal, role, end).
    active: usize,
    ending: Vec<String>,
    ending_count: usize,
    /// Classic administrators reviewed as Owner (who, roles, scope), and those
    /// left out (Account Administrator alone).
    classic_owner: Vec<String>,
    classic_owner_count: usize,
    classic_billing: Vec<String>,
    classic_billing_count: usize,
}

/// Listed in a note before "and N more".
const LISTED: usize = 5;

fn push_listed(list: &mut Vec<String>, count: &mut usize, item: impl FnOnce() -> String) {
    *count += 1;
    if list.len() < LISTED {
        list.push(item());
    }
}

fn listed(list: &[String], count: usize) -> String {
    let mut s = list.join(", ");
    if count > list.len() {
        s.push_str(&format!(" and {} more", count - list.len()));
    }
    s
}

/// Who an exported row names, for a note.
/// The role of an exported assignment as a reader knows it: its exported name,
/// else the bundled role's name for its id, else the reference as exported.
pub(crate) fn role_label(catalog: &Catalog, e: &Exported) -> String {
    e.role_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| catalog.role(&e.role).map(|(_, r)| r.name.clone()))
        .unwrap_or_else(|| e.role.clone())
}

pub(crate) fn who(e: &Exported) -> String {
    let names: Vec<String> = e
        .principals
        .iter()
        .map(|p| crate::text::markdown_code(p.label()))
        .collect();
    if names.is_empty() {
        "(no principal)".into()
    } else {
        names.join(", ")
    }
}

impl Loading {
    /// Assignments read so far, in all files.
    pub fn assignments(&self) -> usize {
        self.out.assignments.len()
    }

    /// Read one file.
    pub fn add(&mut self, catalog: &Catalog, name: &str, text: &str) -> Result<(), LoadError> {
        let mut reading = self.begin(catalog, name, text)?;
        while !self.read(catalog, &mut reading, text, usize::MAX)? {}
        Ok(())
    }

    /// Start reading one file. An array (what `az` and `ConvertTo-Json` print)
    /// is then read in slices by [`Loading::read`]; any other document (a Graph
    /// page, a request) is read whole here.
    pub fn begin(
        &mut self,
        catalog: &Catalog,
        name: &str,
        text: &str,
    ) -> Result<FileReading, LoadError> {
        let fail = |error: JsonError| LoadError {
            file: name.to_string(),
            error,
        };
        let mut reading = FileReading {
            file: SourceFile {
                name: name.to_string(),
                shapes: Vec::new(),
                assignments: 0,
                roles: 0,
                builtin_skipped: 0,
                deny_assignments: 0,
                eligible: 0,
                builtin_read: 0,
                directory_roles: 0,
            },
            cursor: None,
            done: false,
            context: None,
        };
        if let Some(cursor) = json::ArrayCursor::new(text, LIMITS).map_err(fail)? {
            reading.cursor = Some(cursor);
            return Ok(reading);
        }
        let doc = json::parse_with(text, LIMITS).map_err(fail)?;
        let root = Node::root(&doc);
        let mut items = Vec::new();
        if root.is_object() {
            // One page of several: what the later pages hold is not reviewed.
            if root.get("@odata.nextLink").map_err(fail)?.is_some() {
                self.out.notes.push(format!(
                    "`{}` is one page of a longer Graph answer (it has `@odata.nextLink`): the assignments or definitions on the later pages are not in this review; fetch every page (`az rest` and `Invoke-MgGraphRequest` do not follow the link; `Get-Mg...` with `-All` does) and review them together",
                    reading.file.name
                ));
            } else if root
                .get("nextLink")
                .map_err(fail)?
                .is_some_and(|l| !matches!(l.value(), json::Value::Null))
            {
                self.out.notes.push(format!(
                    "`{}` is one page of a longer Azure Resource Manager answer (it has `nextLink`): the assignments or definitions on the later pages are not in this review; fetch every page (`az rest` does not follow the link; `az role assignment list` does) and review them together",
                    reading.file.name
                ));
            }
            reading.context = match root.get("@odata.context").map_err(fail)? {
                Some(c) => c.as_opt_str().map_err(fail)?.map(str::to_string),
                None => None,
            };
            let value = root.get("value").map_err(fail)?;
            let roles = root.get("roles").map_err(fail)?;
            let assignments = root.get("assignments").map_err(fail)?;
            // A request read as exports: a misspelt key is refused, as `eval`
            // refuses it (an outside review: `quereis` went unnamed).
            if value.is_none()
                && (roles.is_some()
                    || assignments.is_some()
                    || root.get("denyAssignments").map_err(fail)?.is_some())
            {
                crate::request::check_keys(&root, crate::request::REQUEST_KEYS).map_err(fail)?;
            }
            // A request's deny assignments, in any shape `eval` reads.
            if let Some(list) = root.get("denyAssignments").map_err(fail)? {
                let denies = crate::deny::read_list(&list).map_err(fail)?;
                if self.out.denies.len() + denies.len() > MAX_DENY_ASSIGNMENTS {
                    return Err(fail(too_many_denies(&list)));
                }
                reading.file.deny_assignments += denies.len();
                self.out.denies.extend(denies);
                if roles.is_none() && assignments.is_none() {
                    return Ok(reading);
                }
            }
            match (value, roles, assignments) {
                (Some(v), _, _) => items.extend(v.items().map_err(fail)?),
                (None, None, None) => items.push(root),
                (None, r, a) => {
                    for list in [r, a].into_iter().flatten() {
                        items.extend(list.items().map_err(fail)?);
                    }
                }
            }
        } else {
            return Err(fail(root.error(format!(
                "expected an array, a Graph page (`{{\"value\": [...]}}`) or an object, found {}",
                root.value().kind()
            ))));
        }
        let context = reading.context.clone();
        for item in items {
            self.take(catalog, &mut reading.file, &item, context.as_deref())
                .map_err(fail)?;
        }
        Ok(reading)
    }

    /// Read up to `max` more elements of a file begun with [`Loading::begin`]
    /// (pass the same text); `true` once the file is read and counted.
    pub fn read(
        &mut self,
        catalog: &Catalog,
        reading: &mut FileReading,
        text: &str,
        max: usize,
    ) -> Result<bool, LoadError> {
        let name = reading.file.name.clone();
        let fail = |error: JsonError| LoadError { file: name, error };
        if reading.done {
            return Ok(true);
        }
        if let Some(cursor) = reading.cursor.as_mut() {
            let first = cursor.index();
            let items = match cursor.next_items(text, max) {
                Ok(items) => items,
                Err(e) => return Err(fail(e)),
            };
            for (k, json) in items.iter().enumerate() {
                let item = Node::element(json, first + k);
                if let Err(e) = self.take_page_or_item(catalog, &mut reading.file, &item) {
                    return Err(fail(e));
                }
            }
            if !cursor.is_done() {
                return Ok(false);
            }
        }
        reading.done = true;
        let file = reading.file.clone();
        if file.builtin_skipped > 0 {
            self.out.notes.push(format!(
                "`{}`: {} built-in role definition(s) skipped; the bundled definitions (as Microsoft Graph and the Azure docs returned them) are used",
                file.name, file.builtin_skipped
            ));
        }
        if file.builtin_read > 0 {
            self.out.notes.push(format!(
                "`{}`: {} built-in role definition(s) that the bundle does not hold (`isBuiltIn: true`) are read as the file lists them: reviewed with the permissions listed there and shown as built in (`custom: false`), not counted as custom roles",
                file.name, file.builtin_read
            ));
        }
        if file.directory_roles > 0 {
            self.out.notes.push(format!(
                "`{}`: {} activated Microsoft Entra directory role(s) (`directoryRoles`) listed without members: such a list says which built-in roles are in use, not who holds them, so nothing of it is reviewed; export `GET /directoryRoles?$expand=members` (tenant-wide members) or, better, `roleManagement/directory/roleAssignments` (every scope)",
                file.name, file.directory_roles
            ));
        }
        self.out.files.push(file);
        Ok(true)
    }

    /// One element of an array: a Graph or ARM page (`{"value": [...]}`, what
    /// collecting `Invoke-MgGraphRequest` or `az rest` pages into one array, or
    /// `jq -s`, gives), whose elements are read with its `@odata.context`, or
    /// an element of an export.
    fn take_page_or_item(
        &mut self,
        catalog: &Catalog,
        file: &mut SourceFile,
        item: &Node<'_>,
    ) -> Result<(), JsonError> {
        if let Some(value) = page_value(item)? {
            let context = match item.get("@odata.context")? {
                Some(c) => c.as_opt_str()?.map(str::to_string),
                None => None,
            };
            for element in value.items()? {
                self.take(catalog, file, &element, context.as_deref())?;
            }
            return Ok(());
        }
        self.take(catalog, file, item, None)
    }

    /// One element of an export (of a page whose `@odata.context` is `context`):
    /// an assignment, an eligibility, or role definitions.
    fn take(
        &mut self,
        catalog: &Catalog,
        file: &mut SourceFile,
        item: &Node<'_>,
        context: Option<&str>,
    ) -> Result<(), JsonError> {
        let out = &mut self.out;
        if crate::deny::looks_like(item) {
            if out.denies.len() >= MAX_DENY_ASSIGNMENTS {
                return Err(too_many_denies(item));
            }
            out.denies.push(crate::deny::read(item)?);
            file.deny_assignments += 1;
            return Ok(());
        }
        if let Some(source) = assignment::detect(item) {
            let e = assignment::read_in(item, context)?;
            if e.source == Source::DirectoryRole && e.principals.is_empty() {
                file.directory_roles += 1;
                return Ok(());
            }
            if out.assignments.len() + out.eligible.len() >= MAX_ASSIGNMENTS {
                return Err(item.error(format!(
                    "more than {MAX_ASSIGNMENTS} role assignments in all files"
                )));
            }
            if !file.shapes.contains(&source) {
                file.shapes.push(source);
            }
            let special = &mut self.special;
            match (e.pim, e.not_an_assignment()) {
                (Pim::Request, why) => {
                    let why = why.unwrap_or_else(|| "a PIM schedule request".into());
                    return Err(item.error(format!("this is {why}")));
                }
                (Pim::Eligible, _) => {
                    if let Some(by) = e.pim_by {
                        if !special.eligible_by.contains(&by) {
                            special.eligible_by.push(by);
                        }
                    }
                    file.eligible += 1;
                    out.eligible.push(e);
                    return Ok(());
                }
                (_, Some(_)) => {
                    // A classic Account Administrator alone: billing, no access.
                    push_listed(
                        &mut special.classic_billing,
                        &mut special.classic_billing_count,
                        || {
                            format!(
                                "{} (`{}` of `{}`)",
                                who(&e),
                                e.classic.as_ref().map_or("", |c| c.roles.as_str()),
                                e.scopes.first().cloned().flatten().unwrap_or_default()
                            )
                        },
                    );
                    return Ok(());
                }
                (Pim::Active, None) => {
                    special.active += 1;
                    if let Some(end) = &e.ends {
                        push_listed(&mut special.ending, &mut special.ending_count, || {
                            format!("{} `{}` until `{end}`", who(&e), role_label(catalog, &e))
                        });
                    }
                }
                (Pim::None, None) => {}
            }
            if let Some(c) = e.classic.as_ref().filter(|c| c.owner_equivalent) {
                push_listed(
                    &mut special.classic_owner,
                    &mut special.classic_owner_count,
                    || {
                        format!(
                            "{} (`{}` of `{}`)",
                            who(&e),
                            c.roles,
                            e.scopes.first().cloned().flatten().unwrap_or_default()
                        )
                    },
                );
            }
            self.unused.add(&e);
            out.assignments.push(e);
            file.assignments += 1;
            return Ok(());
        }
        if assignment::is_directory_role(item) {
            file.directory_roles += 1;
            return Ok(());
        }
        if assignment::is_scoped_role_membership(item) {
            return Err(item.error(
                "this is a scoped role membership (`GET /directoryRoles/{id}/scopedMembers` or `/administrativeUnits/{id}/scopedRoleMembers`): its `roleId` is the object id of a directory role in your tenant, which does not say which role it is; export `GET /roleManagement/directory/roleAssignments` instead, which lists the assignments scoped to an administrative unit with `directoryScopeId` `/administrativeUnits/{id}`",
            ));
        }
        if let Some(why) = not_a_role_definition(item) {
            return Err(item.error(why));
        }
        let roles = import_node(item).map_err(|e| JsonError {
            message: format!(
                "{} (neither a role assignment nor a role definition)",
                e.message
            ),
            ..e
        })?;
        for r in roles {
            let builtin = catalog.role(&r.role.id).is_some()
                && (r.declares_builtin || catalog.role(&r.role.name).is_some());
            // A built-in whose id the bundle does not hold (Intune's built-in ids
            // are not in it): the bundled role of that name and plane, and its id
            // an alias for assignments that name it (review H3 M8).
            let same_name = || {
                catalog
                    .role(&r.role.name)
                    .filter(|(_, b)| b.plane() == r.role.plane() && b.is_named(&r.role.name))
            };
            if builtin {
                file.builtin_skipped += 1;
            } else if let (true, Some((_, b))) = (r.declares_builtin, same_name()) {
                self.aliases
                    .push((r.role.id.trim().to_ascii_lowercase(), b.name.clone()));
                file.builtin_skipped += 1;
            } else if r.declares_builtin {
                // A built-in the bundle does not hold: the file's definition is
                // the only one there is (review H3 L6: it is not a custom role).
                file.builtin_read += 1;
                out.roles.push(r);
                self.role_files.push(file.name.clone());
            } else {
                // An unknown key is ignored: a misspelt exclusion widens the role.
                for k in &r.unknown_keys {
                    if self.unknown_keys < crate::import::MAX_UNKNOWN_KEY_WARNINGS {
                        out.notes.push(format!("`{}`: {}", file.name, k.warning()));
                    }
                    self.unknown_keys += 1;
                }
                file.roles += 1;
                out.roles.push(r);
                self.role_files.push(file.name.clone());
            }
        }
        Ok(())
    }

    /// Check the role definitions read against each other and the catalog; apply
    /// built-in ids matched by name; write the notes of what was read otherwise
    /// than as plain assignments.
    pub fn finish(self, catalog: &Catalog) -> Result<Loaded, LoadError> {
        let Loading {
            mut out,
            unused,
            unknown_keys,
            aliases,
            special,
            role_files,
        } = self;
        if !aliases.is_empty() {
            let mut matched = 0;
            for e in out.assignments.iter_mut().chain(out.eligible.iter_mut()) {
                let id = e.role.trim().to_ascii_lowercase();
                if let Some((_, name)) = aliases.iter().find(|(a, _)| *a == id) {
                    e.role_name = Some(std::mem::replace(&mut e.role, name.clone()));
                    matched += 1;
                }
            }
            let named: Vec<String> = aliases
                .iter()
                .take(LISTED)
                .map(|(id, name)| format!("`{name}` (`{id}`)"))
                .collect();
            out.notes.push(format!(
                "built-in role definitions whose ids the bundle does not hold (Intune's) are taken as the bundled built-in role of the same name and plane: {}{}",
                listed(&named, aliases.len()),
                if matched > 0 {
                    format!("; {matched} exported row(s) naming those ids are reviewed with the bundled definitions")
                } else {
                    String::new()
                }
            ));
        }
        out.notes.extend(special.notes(&out));
        let more = unknown_keys.saturating_sub(crate::import::MAX_UNKNOWN_KEY_WARNINGS);
        if more > 0 {
            out.notes.push(format!(
                "{more} more unknown key{} of custom role definitions are ignored (`w365-perms lint` lists a file's)",
                if more == 1 { "" } else { "s" }
            ));
        }
        crate::request::check_supplied(catalog, &out.roles).map_err(|error| LoadError {
            // The file of the role at fault (an outside review: "`role
            // definitions`" named none): the first whose roles alone fail.
            file: first_failing(catalog, &out.roles, &role_files)
                .unwrap_or_else(|| "role definitions".into()),
            error,
        })?;
        let mut notes = unused.notes();
        notes.append(&mut out.notes);
        notes.extend(out.deny_note());
        out.notes = notes;
        Ok(out)
    }
}

/// The first file whose roles ([`Loading::role_files`]: read file by file, so
/// each file's are together) fail [`crate::request::check_supplied`] alone.
fn first_failing(
    catalog: &Catalog,
    roles: &[crate::import::ImportedRole],
    files: &[String],
) -> Option<String> {
    let mut start = 0;
    while start < roles.len().min(files.len()) {
        let name = &files[start];
        let n = files[start..].iter().take_while(|f| *f == name).count();
        if crate::request::check_supplied(catalog, roles.get(start..start + n)?).is_err() {
            return Some(name.clone());
        }
        start += n;
    }
    None
}

/// The elements of a Graph or ARM page: an object whose keys are a page's
/// (`value`, `@odata.context`, `@odata.nextLink`, `@odata.count`, `nextLink`)
/// with `value` an array; `None` for anything else.
fn page_value<'a>(item: &Node<'a>) -> Result<Option<Node<'a>>, JsonError> {
    const PAGE_KEYS: [&str; 6] = [
        "value",
        "@odata.context",
        "@odata.nextLink",
        "@odata.count",
        "@odata.deltaLink",
        "nextLink",
    ];
    if !item.is_object()
        || !item
            .keys()
            .iter()
            .all(|(k, _)| PAGE_KEYS.iter().any(|p| p.eq_ignore_ascii_case(k)))
    {
        return Ok(None);
    }
    Ok(item
        .get("value")?
        .filter(|v| matches!(v.value(), json::Value::Array(_))))
}

/// Why an object that is neither an assignment nor a deny assignment is no role
/// definition either, when it plainly is not one (an outside review: `az account
/// management-group show` output was reviewed as a Cloud PC custom role "Corp",
/// with no permissions): a management group or subscription, or an object with
/// no permissions key of any role shape.
fn not_a_role_definition(item: &Node<'_>) -> Option<String> {
    if !item.is_object() {
        return None;
    }
    let text = |k: &str| {
        item.get(k)
            .ok()
            .flatten()
            .and_then(|v| v.as_opt_str().ok().flatten().map(str::to_ascii_lowercase))
    };
    let kind = text("type").unwrap_or_default();
    let id = text("id").unwrap_or_default();
    if kind.contains("microsoft.management/managementgroups")
        || id.starts_with("/providers/microsoft.management/managementgroups/")
    {
        return Some("this is a management group (`az account management-group show`), not a role assignment or definition: the review does not read the management-group hierarchy, and a note names the principals whose rows it may leave short".into());
    }
    if kind == "/subscriptions" || kind == "microsoft.resources/subscriptions" {
        return Some("this is a subscription, not a role assignment or definition".into());
    }
    // The keys that hold a role's permissions in its shapes, or the roles
    // themselves (an ARM template's `resources`, a request's `roles`).
    const PERMISSION_KEYS: [&str; 10] = [
        "rolePermissions",
        "permissions",
        "actions",
        "dataActions",
        "notActions",
        "properties",
        "resourceActions",
        "allowedResourceActions",
        "resources",
        "roles",
    ];
    let has = |k: &str| item.keys().iter().any(|(x, _)| x.eq_ignore_ascii_case(k));
    (!PERMISSION_KEYS.iter().any(|k| has(k))).then(|| {
        "neither a role assignment nor a role definition: it has no `rolePermissions`, `permissions`, `Actions` or `properties`".into()
    })
}
