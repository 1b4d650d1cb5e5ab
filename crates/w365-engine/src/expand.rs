//! Expand a role to the concrete catalog operations it grants.
//!
//! Per permission block: (matches of `Actions` on control-plane entries) minus
//! (matches of `NotActions`), and the same for data actions; blocks are unioned.
//! A block's condition is decided per operation ([`crate::condition::Condition::evaluate`]): operations
//! it cannot decide are kept apart as *conditional*.
//!
//! Speed: a pattern's literal prefix selects a contiguous range of the sorted
//! catalog, a trailing-`*` pattern is that whole range (set word by word), and
//! results are cached per distinct pattern, so `*/read` is scanned once for all
//! the roles that use it.

use crate::bitset::BitSet;
use crate::catalog::{Matches, OperationCatalog};
use crate::condition::{Condition, Truth};
use crate::intune::IntunePermission;
use crate::model::{Plane, Role};
use crate::pattern::ActionPattern;
use crate::windows365::CloudPcPermission;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What expanding a role reads: the Azure operations catalog and the Cloud PC and
/// Intune permissions (by Graph name). A [`crate::bundle::Catalog`] converts into
/// it (`Expander::new(catalog)`), so this module does not depend on the bundle that
/// stores expansions of the built-in roles.
#[derive(Debug, Clone, Copy)]
pub struct Planes<'c> {
    /// The Azure operations, sorted.
    pub operations: &'c OperationCatalog,
    /// The Cloud PC permissions; [`Expansion::cloud_pc`] indexes them.
    pub cloud_pc: &'c [CloudPcPermission],
    /// The Intune permissions; [`Expansion::intune`] indexes them.
    pub intune: &'c [IntunePermission],
}

/// What a role grants, as sets of catalog indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// Azure operations granted without condition (control and data entries).
    pub granted: BitSet,
    /// Azure operations granted only under a condition an offline tool cannot decide.
    pub conditional: BitSet,
    /// The conditions behind [`Expansion::conditional`]: each distinct condition (its
    /// text with runs of white space made one space) with the operations a block
    /// under it grants undecided, ascending. A condition is part of what is granted:
    /// two roles grant an operation alike under a condition only when the same
    /// conditions grant it ([`Expansion::same_conditions`]). An entry may name an
    /// operation that is no longer in `conditional` (granted outright since); only
    /// `conditional` decides what is conditional.
    pub conditions: Vec<(String, Vec<usize>)>,
    /// Cloud PC permissions granted (indexes into `windows365.permissions`).
    pub cloud_pc: BitSet,
    /// Intune permissions granted (indexes into `intune.permissions`).
    pub intune: BitSet,
    /// Microsoft Entra resource actions held (Entra roles only), in ASCII lowercase,
    /// sorted and without duplicates; the `microsoft.cloudPC/...` and
    /// `microsoft.intune/...` lines are left out, as they are read into
    /// [`Expansion::cloud_pc`] and [`Expansion::intune`].
    pub entra: Vec<String>,
    /// Exact Azure actions the role grants that the operations catalog lists on
    /// neither plane (145 such names are in built-in roles, as `expand --all-builtins` lists them), matched by text as
    /// `eval` matches them, sorted by (lowercase name, plane), one entry each. The
    /// sets above cannot hold them; comparing roles reads them here (review s43
    /// F1: a data-plane role without them was "contained in Reader").
    pub outside: Vec<Outside>,
}

/// An exact action a role grants that the operations catalog does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outside {
    /// The name as the role first writes it.
    pub name: String,
    /// The name in ASCII lowercase (names compare without case).
    pub lower: String,
    /// A data action (from `dataActions`).
    pub data: bool,
    /// Granted only under a condition an offline tool cannot decide.
    pub conditional: bool,
    /// That condition's text (runs of white space made one space), as
    /// [`Expansion::conditions`] keeps it: a grant under another condition is
    /// another grant.
    pub condition: Option<String>,
}

impl Outside {
    /// The grant of `other` covers this one: the same name on the same plane,
    /// outright, or both only under the same condition (review s43: conditions
    /// that differ were taken as alike).
    pub fn covered_by(&self, other: &Outside) -> bool {
        self.lower == other.lower
            && self.data == other.data
            && (!other.conditional || (self.conditional && self.condition == other.condition))
    }

    /// Both grant the same name on the same plane alike: outright, or under the
    /// same condition.
    pub fn alike(&self, other: &Outside) -> bool {
        self.lower == other.lower
            && self.data == other.data
            && self.conditional == other.conditional
            && self.condition == other.condition
    }
}

/// Sort and merge grants of the same name and plane (an outright grant wins).
fn settle(list: &mut Vec<Outside>) {
    list.sort_by(|a, b| {
        (a.lower.as_str(), a.data, a.conditional, &a.condition).cmp(&(
            b.lower.as_str(),
            b.data,
            b.conditional,
            &b.condition,
        ))
    });
    list.dedup_by(|later, first| later.lower == first.lower && later.data == first.data);
}

/// A condition's text as kept: runs of white space made one space.
fn condition_text(c: &crate::condition::Condition) -> String {
    c.as_str().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What `role` grants of `name` (lowercase) on one plane by text, with its
/// `NotActions` / `NotDataActions` and conditions: `None` when nothing, else
/// whether only under a condition.
pub(crate) fn grants_by_text(role: &Role, lower: &str, data: bool) -> Option<Option<String>> {
    let mut conditional = None;
    for block in &role.blocks {
        let (grants, exclusions) = block.for_plane(data);
        if !grants.iter().any(|p| p.matches_lower(lower))
            || exclusions.iter().any(|p| p.matches_lower(lower))
        {
            continue;
        }
        match block.condition.as_ref().map(|c| (c.evaluate(lower), c)) {
            None | Some((Truth::True, _)) => return Some(None),
            Some((Truth::Unknown, c)) => {
                conditional.get_or_insert_with(|| Some(condition_text(c)));
            }
            Some((Truth::False, _)) => {}
        }
    }
    conditional
}

/// What a Cloud PC, Intune or Entra role grants outright, when a block of it is
/// under a `condition` (`eval` answers what only such a block grants
/// conditional): its expansion without those blocks. `None` for an Azure role
/// (its conditional operations are kept apart in [`Expansion::conditional`]) and
/// for a role with no condition.
pub fn tenant_outright<'c>(catalog: impl Into<Planes<'c>>, role: &Role) -> Option<Expansion> {
    (role.plane() != crate::model::Plane::Azure
        && role.blocks.iter().any(|b| b.condition.is_some()))
    .then(|| {
        let mut r = role.clone();
        r.blocks.retain(|b| b.condition.is_none());
        Expander::new(catalog).expand(&r)
    })
}

/// Expansions of `roles` (in the same order as `ex`) that also say, for every
/// exact action outside the catalog that any of them grants, whether each of the
/// others grants it by text (through a wildcard such as `*/read`): what comparing
/// them needs. `None` when none grants such an action (compare `ex` as they are).
pub fn with_outside_covered(roles: &[&Role], ex: &[&Expansion]) -> Option<Vec<Expansion>> {
    if ex.iter().all(|e| e.outside.is_empty()) {
        return None;
    }
    let mut names: Vec<Outside> = ex.iter().flat_map(|e| e.outside.iter().cloned()).collect();
    settle(&mut names);
    Some(
        ex.iter()
            .zip(roles)
            .map(|(e, role)| {
                let mut e = (*e).clone();
                cover_outside(&[role], &names, &mut e);
                e
            })
            .collect(),
    )
}

/// Add to `e` (what `roles` grant together) each of `names` that one of `roles`
/// grants by text, through a wildcard or its exact name.
pub fn cover_outside(roles: &[&Role], names: &[Outside], e: &mut Expansion) {
    let before = e.outside.len();
    for n in names {
        for role in roles {
            if let Some(condition) = grants_by_text(role, &n.lower, n.data) {
                e.outside.push(Outside {
                    conditional: condition.is_some(),
                    condition,
                    ..n.clone()
                });
            }
        }
    }
    if e.outside.len() > before {
        settle(&mut e.outside);
    }
}

impl Expansion {
    /// An empty expansion sized for the catalog.
    pub fn empty<'c>(catalog: impl Into<Planes<'c>>) -> Expansion {
        let p = catalog.into();
        Expansion {
            granted: BitSet::new(p.operations.len()),
            conditional: BitSet::new(p.operations.len()),
            conditions: Vec::new(),
            cloud_pc: BitSet::new(p.cloud_pc.len()),
            intune: BitSet::new(p.intune.len()),
            entra: Vec::new(),
            outside: Vec::new(),
        }
    }

    /// Add another expansion (role assignments add up).
    pub fn union_with(&mut self, other: &Expansion) {
        self.granted.union_with(&other.granted);
        self.conditional.union_with(&other.conditional);
        self.conditional.subtract(&self.granted);
        for (text, ops) in &other.conditions {
            self.add_condition(text, ops);
        }
        self.cloud_pc.union_with(&other.cloud_pc);
        self.intune.union_with(&other.intune);
        if !other.entra.is_empty() {
            self.entra.extend(other.entra.iter().cloned());
            crate::order::sort(&mut self.entra);
            self.entra.dedup();
        }
        if !other.outside.is_empty() {
            self.outside.extend(other.outside.iter().cloned());
            settle(&mut self.outside);
        }
    }

    /// What it grants through an assignment under condition `c` (§1, §6), as
    /// `eval` reads it: an operation the condition surely allows stays as it
    /// was, one it may not allow becomes conditional, one it rules out goes.
    /// The other planes are kept (an assignment's condition is Azure's).
    pub fn under(&self, c: &Condition, ops: &OperationCatalog) -> Expansion {
        let mut out = self.clone();
        out.granted = BitSet::new(self.granted.capacity());
        out.conditional = BitSet::new(self.conditional.capacity());
        for i in self.granted.iter().chain(self.conditional.iter()) {
            match c.evaluate(ops.name(i)) {
                Truth::True if self.granted.contains(i) => out.granted.insert(i),
                Truth::False => {}
                _ => out.conditional.insert(i),
            }
        }
        out.conditional.subtract(&out.granted);
        out
    }

    /// Record that `ops` are granted under the condition `text` (already
    /// normalized), merging with an entry of the same text.
    fn add_condition(&mut self, text: &str, ops: &[usize]) {
        if ops.is_empty() {
            return;
        }
        match self.conditions.iter_mut().find(|(t, _)| t == text) {
            Some((_, v)) => {
                v.extend_from_slice(ops);
                v.sort_unstable();
                v.dedup();
            }
            None => self.conditions.push((text.to_string(), ops.to_vec())),
        }
    }

    /// The conditions under which this role grants operation `op`, sorted (empty
    /// when it grants it outright, not at all, or under a condition not recorded,
    /// such as a deny assignment's).
    pub fn conditions_on(&self, op: usize) -> Vec<&str> {
        if !self.conditional.contains(op) {
            return Vec::new();
        }
        let mut v: Vec<&str> = self
            .conditions
            .iter()
            .filter(|(_, ops)| ops.binary_search(&op).is_ok())
            .map(|(t, _)| t.as_str())
            .collect();
        v.sort_unstable();
        v
    }

    /// Whether both grant `op` only under a condition, and under the same
    /// conditions (the same text, white space aside): then they grant it alike.
    pub fn same_conditions(&self, other: &Expansion, op: usize) -> bool {
        self.conditional.contains(op)
            && other.conditional.contains(op)
            && self.conditions_on(op) == other.conditions_on(op)
    }

    /// The operations both grant only under a condition, but under conditions that
    /// differ: each grants its own conditional form, which the other does not.
    pub fn conditions_differ(&self, other: &Expansion) -> BitSet {
        let mut both = self.conditional.clone();
        both.intersect_with(&other.conditional);
        let mut out = BitSet::new(both.capacity());
        if self.conditions.is_empty() && other.conditions.is_empty() {
            return out;
        }
        for i in both.iter() {
            if !self.same_conditions(other, i) {
                out.insert(i);
            }
        }
        out
    }

    /// Control-plane operations granted (unconditionally).
    pub fn actions<'a>(
        &'a self,
        catalog: impl Into<Planes<'a>>,
    ) -> impl Iterator<Item = usize> + 'a {
        let ops = catalog.into().operations;
        self.granted.iter().filter(move |&i| !ops.is_data(i))
    }

    /// Data-plane operations granted (unconditionally).
    pub fn data_actions<'a>(
        &'a self,
        catalog: impl Into<Planes<'a>>,
    ) -> impl Iterator<Item = usize> + 'a {
        let ops = catalog.into().operations;
        self.granted.iter().filter(move |&i| ops.is_data(i))
    }

    /// Control-plane operations granted only under a condition.
    pub fn conditional_actions<'a>(
        &'a self,
        catalog: impl Into<Planes<'a>>,
    ) -> impl Iterator<Item = usize> + 'a {
        let ops = catalog.into().operations;
        self.conditional.iter().filter(move |&i| !ops.is_data(i))
    }

    /// Data-plane operations granted only under a condition (a separate plane from
    /// [`Expansion::conditional_actions`], as everywhere else).
    pub fn conditional_data_actions<'a>(
        &'a self,
        catalog: impl Into<Planes<'a>>,
    ) -> impl Iterator<Item = usize> + 'a {
        let ops = catalog.into().operations;
        self.conditional.iter().filter(move |&i| ops.is_data(i))
    }

    /// Counts: (actions, data actions, conditional, Cloud PC permissions).
    pub fn counts<'c>(&self, catalog: impl Into<Planes<'c>>) -> (usize, usize, usize, usize) {
        let data = self
            .granted
            .intersection_count(catalog.into().operations.data_mask());
        (
            self.granted.count() - data,
            data,
            self.conditional.count(),
            self.cloud_pc.count(),
        )
    }
}

/// Insert the index of every permission the block grants: an allowed line matches
/// its Graph name (`names`, lowercase) and no excluded line does. A literal line
/// that matches no Graph name but names a permission in another form the catalog
/// reads (`resolve`: a Cloud PC admin-center name `Cloud PCs/Reboot` or
/// `CloudPCs/Reboot`, an Intune short name `RemoteTasks/Wipe`) counts as that
/// permission, on both sides: the export writes such a line as its Graph name, so
/// what is evaluated is what deploys (review H1 H1, H2).
fn grant_names(
    block: &crate::model::PermissionBlock,
    names: &[String],
    resolve: &dyn Fn(&str) -> Option<usize>,
    into: &mut BitSet,
) {
    let lines = |patterns: &[ActionPattern]| {
        let mut set = BitSet::new(names.len());
        for p in patterns {
            let mut hit = false;
            for (i, g) in names.iter().enumerate() {
                if p.matches_lower(g) {
                    set.insert(i);
                    hit = true;
                }
            }
            if !hit && !p.is_wildcard() {
                if let Some(i) = resolve(p.as_str()) {
                    set.insert(i);
                }
            }
        }
        set
    };
    let mut granted = lines(&block.actions);
    if !block.not_actions.is_empty() {
        granted.subtract(&lines(&block.not_actions));
    }
    into.union_with(&granted);
}

/// An Entra role's own resource actions: lowercase, sorted, deduplicated, without
/// the Cloud PC and Intune lines (those are read as the permissions they cover).
fn entra_own_actions(role: &Role) -> Vec<String> {
    let mut v: Vec<String> = role
        .entra_actions
        .iter()
        .map(|a| a.action.to_ascii_lowercase())
        .filter(|a| !a.starts_with("microsoft.cloudpc/") && !a.starts_with("microsoft.intune/"))
        .collect();
    crate::order::sort(&mut v);
    v.dedup();
    v
}

/// Expands roles, caching pattern matches across roles.
#[derive(Debug)]
pub struct Expander<'c> {
    catalog: Planes<'c>,
    cache: HashMap<String, Matches>,
}

impl<'c> Expander<'c> {
    /// A new expander over the catalog.
    pub fn new(catalog: impl Into<Planes<'c>>) -> Self {
        Expander {
            catalog: catalog.into(),
            cache: HashMap::new(),
        }
    }

    /// The catalog entries a pattern matches, on both planes (cached per pattern).
    pub fn matches(&mut self, p: &ActionPattern) -> &Matches {
        // One lookup for a pattern seen before, two for a new one.
        if self.cache.contains_key(p.lower()) {
            static NONE: Matches = Matches::Range(0..0);
            return self.cache.get(p.lower()).unwrap_or(&NONE);
        }
        let ops = &self.catalog.operations;
        let m = match ops.matches(p) {
            // A long list is kept as a set: adding it is then a union of words.
            Matches::List(l) if l.len() > ops.len() / 64 => {
                let mut set = BitSet::new(ops.len());
                l.iter().for_each(|&i| set.insert(i as usize));
                Matches::Set(Arc::new(set))
            }
            m => m,
        };
        self.cache.entry(p.lower().to_string()).or_insert(m)
    }

    fn insert(&mut self, p: &ActionPattern, into: &mut BitSet) {
        let add = |m: &Matches, into: &mut BitSet| match m {
            Matches::Range(r) => into.insert_range(r.start, r.end),
            Matches::List(l) => l.iter().for_each(|&i| into.insert(i as usize)),
            Matches::Set(s) => into.union_with(s),
        };
        if p.is_wildcard() {
            add(self.matches(p), into);
        } else {
            // An exact action is one lookup by name, cheaper than a cache entry (a
            // role of 100,000 actions would fill the cache with them).
            add(&self.catalog.operations.matches(p), into);
        }
    }

    /// How many entries one pattern matches in the catalog of `plane`: Azure
    /// operations (control or data), Cloud PC or Intune permissions (by Graph name).
    pub fn count(&mut self, plane: Plane, p: &ActionPattern, data: bool) -> usize {
        match plane {
            Plane::Azure => self.match_set(std::slice::from_ref(p), data).count(),
            Plane::CloudPc => self
                .catalog
                .cloud_pc
                .iter()
                .filter(|x| !data && p.matches(&x.graph))
                .count(),
            Plane::Intune => self
                .catalog
                .intune
                .iter()
                .filter(|x| !data && p.matches(&x.graph))
                .count(),
            Plane::Entra => 0,
        }
    }

    /// The set of operations one list of patterns matches, on one plane.
    pub fn match_set(&mut self, patterns: &[ActionPattern], data: bool) -> BitSet {
        let mut set = BitSet::new(self.catalog.operations.len());
        let mut seen = HashSet::new();
        for p in patterns {
            // A list that repeats a pattern (a million `*`) adds it once.
            if seen.insert(p.lower()) {
                self.insert(p, &mut set);
            }
        }
        set.intersect_with(if data {
            self.catalog.operations.data_mask()
        } else {
            self.catalog.operations.control_mask()
        });
        set
    }

    /// The exact actions of one block's list (`data`: its data actions) that the
    /// catalog lists on neither plane, less what the block excludes by text, as
    /// its condition decides them (unsorted: [`settle`] orders them).
    fn outside(&self, block: &crate::model::PermissionBlock, data: bool, into: &mut Vec<Outside>) {
        let (grants, exclusions) = block.for_plane(data);
        let ops = &self.catalog.operations;
        for p in grants.iter().filter(|p| !p.is_wildcard()) {
            let lower = p.lower();
            if !ops.find_any(lower).is_empty() || exclusions.iter().any(|x| x.matches_lower(lower))
            {
                continue;
            }
            let condition = match block.condition.as_ref().map(|c| (c.evaluate(lower), c)) {
                None | Some((Truth::True, _)) => None,
                Some((Truth::Unknown, c)) => Some(condition_text(c)),
                Some((Truth::False, _)) => continue,
            };
            into.push(Outside {
                name: p.as_str().to_string(),
                lower: lower.to_string(),
                data,
                conditional: condition.is_some(),
                condition,
            });
        }
    }

    /// Expand one role.
    pub fn expand(&mut self, role: &Role) -> Expansion {
        let mut out = Expansion::empty(self.catalog);
        match role.plane() {
            Plane::Azure => {
                for block in &role.blocks {
                    let mut set = BitSet::new(self.catalog.operations.len());
                    for data in [false, true] {
                        let (grants, exclusions) = block.for_plane(data);
                        if grants.is_empty() {
                            continue;
                        }
                        self.outside(block, data, &mut out.outside);
                        let mut g = self.match_set(grants, data);
                        if !exclusions.is_empty() {
                            g.subtract(&self.match_set(exclusions, data));
                        }
                        set.union_with(&g);
                    }
                    match &block.condition {
                        None => out.granted.union_with(&set),
                        Some(cond) => {
                            let mut undecided = Vec::new();
                            for i in set.iter() {
                                match cond.evaluate(self.catalog.operations.lower(i)) {
                                    Truth::True => out.granted.insert(i),
                                    Truth::Unknown => {
                                        out.conditional.insert(i);
                                        undecided.push(i);
                                    }
                                    Truth::False => {}
                                }
                            }
                            let text = cond.as_str().split_whitespace().collect::<Vec<_>>();
                            out.add_condition(&text.join(" "), &undecided);
                        }
                    }
                }
                out.conditional.subtract(&out.granted);
                settle(&mut out.outside);
            }
            Plane::CloudPc | Plane::Entra | Plane::Intune => {
                let plane = role.plane();
                if plane == Plane::Entra {
                    out.entra = entra_own_actions(role);
                }
                let lower = |g: &str| g.to_ascii_lowercase();
                let cloud: Vec<String> = match plane {
                    Plane::Intune => Vec::new(),
                    _ => self
                        .catalog
                        .cloud_pc
                        .iter()
                        .map(|p| lower(&p.graph))
                        .collect(),
                };
                let intune: Vec<String> = match plane {
                    Plane::CloudPc => Vec::new(),
                    _ => self
                        .catalog
                        .intune
                        .iter()
                        .map(|p| lower(&p.graph))
                        .collect(),
                };
                // Other forms of a name are read on the role's own plane only (an
                // Entra role's lines are Entra resource actions).
                let (cloud_pc, intune_perms) = (self.catalog.cloud_pc, self.catalog.intune);
                let resolve_cloud_pc = |t: &str| match plane {
                    Plane::CloudPc => cloud_pc.iter().position(|p| p.is_named(t)),
                    _ => None,
                };
                let resolve_intune = |t: &str| match plane {
                    Plane::Intune => intune_perms.iter().position(|p| p.is_named(t)),
                    _ => None,
                };
                for block in &role.blocks {
                    if plane != Plane::Intune {
                        grant_names(block, &cloud, &resolve_cloud_pc, &mut out.cloud_pc);
                    }
                    if plane != Plane::CloudPc {
                        grant_names(block, &intune, &resolve_intune, &mut out.intune);
                    }
                }
            }
        }
        out
    }
}
