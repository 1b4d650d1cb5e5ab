//! The bundled catalog: every built-in role of every plane, the operations catalog,
//! the Windows 365 model, the health checks and the Azure risk flags, embedded at
//! compile time and decoded once.

mod roles;

pub(crate) use roles::unescape;

use crate::catalog::OperationCatalog;
use crate::expand::{Expander, Expansion, Planes};
use crate::json::{self, Node};
use crate::model::{Plane, Role, RoleKind};
use crate::roleset::NameIndex;
use crate::windows365::{self, Windows365};
use std::sync::{Mutex, OnceLock};

const OPERATIONS: &str = include_str!("../generated/azure-operations.txt");
const DESCRIPTIONS: &str = include_str!("../generated/azure-operation-descriptions.txt");
const PROVIDERS: &str = include_str!("../generated/azure-providers.tsv");
const ROLES: &str = include_str!("../generated/azure-roles.txt");
const SEED_ROLES: &str = include_str!("../generated/azure-roles-2025-01-25.txt");
const WINDOWS365: &str = include_str!("../generated/windows365.json");
const MANIFEST: &str = include_str!("../generated/manifest.json");
const SCOPE_TAGS: &str = include_str!("../generated/scope-tags.json");
const HEALTH: &str = include_str!("../generated/anc-health.json");
const RISKS: &str = include_str!("../generated/azure-risks.json");

/// Facts about the bundled data, for the "about" views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Date of the Azure role and operation snapshot.
    pub data_date: String,
    /// Date of the seed version of the compute roles.
    pub seed_roles_date: String,
    /// Where the operations come from.
    pub operations_source: String,
    /// Where their categories come from.
    pub categories_source: String,
    /// Every provenance record, rendered.
    pub sources: Vec<String>,
}

/// Everything the engine knows before the user adds anything.
#[derive(Debug)]
pub struct Catalog {
    /// Azure resource-provider operations.
    pub operations: OperationCatalog,
    /// Built-in roles: Azure (sorted by name), then Cloud PC, Entra and Intune.
    pub roles: Vec<Role>,
    /// Earlier versions of some Azure built-in roles (seed 003, 2025-01-25).
    pub seed_roles: Vec<Role>,
    /// The Windows 365 model.
    pub windows365: Windows365,
    /// The Intune permission catalog.
    pub intune: crate::intune::Intune,
    /// The scope-tag rules.
    pub scope_tags: crate::scopetags::ScopeTagModel,
    /// Azure network connection health checks.
    pub health: crate::health::HealthModel,
    /// Azure risk flags by category.
    pub azure_risks: crate::risk::RiskModel,
    /// Data facts.
    pub manifest: Manifest,
    expansions: OnceLock<Vec<Expansion>>,
    /// The built-in roles outside Azure, by index, with their expansions.
    outside_azure: OnceLock<Vec<(usize, Expansion)>>,
    sizes: OnceLock<Vec<usize>>,
    risk_levels: OnceLock<Vec<OnceLock<Option<crate::risk::Level>>>>,
    /// Whether each built-in role is a service identity's ([`Catalog::builtin_service`]).
    service: OnceLock<Vec<OnceLock<bool>>>,
    /// Each operation's provider, and each built-in role's operations by provider
    /// ([`Catalog::builtin_providers`]).
    by_provider: OnceLock<ByProvider>,
    names: OnceLock<NameIndex>,
    /// Per Cloud PC and per Intune permission: the smallest built-in role holding it.
    holders: OnceLock<[Vec<Option<usize>>; 2]>,
    /// The Azure action patterns of the built-in roles as written, lowercased, with
    /// the first role that names each: pattern -> role index, for control actions
    /// then data actions (looked up by `&str`, without building a key).
    literals: OnceLock<[std::collections::HashMap<String, usize>; 2]>,
    /// The built-in roles by the providers their grants name
    /// ([`crate::reverse::ProviderIndex`]).
    providers: OnceLock<crate::reverse::ProviderIndex>,
    /// The built-in roles by the bytes and byte pairs of their name, description, id
    /// and aliases, for the roles search ([`Catalog::role_grams`]).
    role_grams: OnceLock<crate::catalog::Grams>,
}

/// Each operation's provider, and per built-in role (when first asked) its
/// operations counted by provider ([`Catalog::builtin_providers`]).
type ByProvider = (crate::rank::OpProviders, Vec<OnceLock<Vec<(u32, u32)>>>);

static CATALOG: OnceLock<Result<Catalog, String>> = OnceLock::new();

/// The bundled catalog, decoded on first use.
///
/// An error means the bundled data is corrupt, which the test suite rules out for
/// the data that ships; callers report it instead of panicking.
pub fn catalog() -> Result<&'static Catalog, &'static str> {
    CATALOG
        .get_or_init(Catalog::decode)
        .as_ref()
        .map_err(String::as_str)
}

/// A part of the catalog that can be decoded ahead of [`catalog`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogPart {
    /// The Azure operations catalog.
    Operations,
    /// The Azure built-in roles.
    AzureRoles,
}

static AHEAD_OPERATIONS: Mutex<Option<Result<OperationCatalog, String>>> = Mutex::new(None);
static AHEAD_ROLES: Mutex<Option<Result<Vec<Role>, String>>> = Mutex::new(None);

/// Decode one part of the catalog now, for [`catalog`] to take when it is first
/// called, so a caller that must not be busy long at a time (the web app's start,
/// a task per part) can spread the decoding. Does nothing once the catalog exists.
pub fn decode_ahead(part: CatalogPart) {
    if CATALOG.get().is_none() {
        stage(part);
    }
}

fn stage(part: CatalogPart) {
    match part {
        CatalogPart::Operations => {
            let ops = OperationCatalog::decode(OPERATIONS, DESCRIPTIONS, PROVIDERS);
            put(&AHEAD_OPERATIONS, ops);
        }
        CatalogPart::AzureRoles => {
            let roles = decode_manifest().and_then(|m| roles::parse_roles(ROLES, &m.sources, None));
            put(&AHEAD_ROLES, roles);
        }
    }
}

fn put<T>(slot: &Mutex<Option<T>>, value: T) {
    if let Ok(mut s) = slot.lock() {
        *s = Some(value);
    }
}

fn take<T>(slot: &Mutex<Option<T>>) -> Option<T> {
    slot.lock().ok().and_then(|mut s| s.take())
}

fn decode_manifest() -> Result<Manifest, String> {
    let manifest_doc = json::parse(MANIFEST).map_err(|e| format!("manifest: {e}"))?;
    let m = Node::root(&manifest_doc);
    let sources: Vec<String> = match m.get("sources").map_err(|e| e.to_string())? {
        Some(list) => list
            .items()
            .map_err(|e| e.to_string())?
            .iter()
            .map(render_source)
            .collect(),
        None => Vec::new(),
    };
    let text = |k: &str| -> String {
        m.get(k)
            .ok()
            .flatten()
            .map(|v| match v.as_str() {
                Ok(s) => s.to_string(),
                Err(_) => render_source(&v),
            })
            .unwrap_or_default()
    };
    Ok(Manifest {
        data_date: text("dataDate"),
        seed_roles_date: text("seedRolesDate"),
        operations_source: text("operationsSource"),
        categories_source: text("operationsCategorySource"),
        sources,
    })
}

fn render_source(n: &Node<'_>) -> String {
    let get = |k: &str| {
        n.get(k)
            .ok()
            .flatten()
            .and_then(|v| v.as_str().ok().map(str::to_string))
    };
    let mut parts = Vec::new();
    if let Some(r) = get("repo") {
        parts.push(r);
    }
    if let Some(p) = get("path") {
        parts.push(p);
    }
    if let Some(c) = get("commit") {
        parts.push(format!("@ {}", c.get(..10).unwrap_or(&c)));
    }
    let mut tail = Vec::new();
    for k in ["origin", "document", "section", "transcribedFrom", "note"] {
        if let Some(v) = get(k) {
            tail.push(v);
        }
    }
    for k in ["commitDate", "ms.date", "docDate"] {
        if let Some(v) = get(k) {
            tail.push(v.get(..10).unwrap_or(&v).to_string());
        }
    }
    if tail.is_empty() {
        parts.join(" ")
    } else {
        format!("{} ({})", parts.join(" "), tail.join(", "))
    }
}

impl<'c> From<&'c Catalog> for Planes<'c> {
    fn from(c: &'c Catalog) -> Planes<'c> {
        Planes {
            operations: &c.operations,
            cloud_pc: &c.windows365.permissions,
            intune: &c.intune.permissions,
        }
    }
}

impl Catalog {
    /// Decode the bundled data into a new catalog (what [`catalog`] does once; public
    /// for benchmarks of start-up time).
    pub fn decode() -> Result<Catalog, String> {
        let manifest = decode_manifest()?;
        let sources = &manifest.sources;
        let operations = take(&AHEAD_OPERATIONS)
            .unwrap_or_else(|| OperationCatalog::decode(OPERATIONS, DESCRIPTIONS, PROVIDERS))?;
        let mut roles =
            take(&AHEAD_ROLES).unwrap_or_else(|| roles::parse_roles(ROLES, sources, None))?;
        let seed_roles = roles::parse_roles(SEED_ROLES, sources, Some(&manifest.seed_roles_date))?;
        let w365_doc = json::parse_with(
            WINDOWS365,
            json::Limits {
                max_bytes: usize::MAX,
                max_depth: json::MAX_DEPTH,
            },
        )
        .map_err(|e| format!("windows365.json: {e}"))?;
        let w365_root = Node::root(&w365_doc);
        let (windows365, w365_roles, intune_current) = windows365::load(&w365_root, sources)?;
        let intune = crate::intune::load(&w365_root, &intune_current)
            .map_err(|e| format!("windows365.json: {e}"))?;
        roles.extend(w365_roles);
        let tags_doc = json::parse(SCOPE_TAGS).map_err(|e| format!("scope-tags.json: {e}"))?;
        let scope_tags = crate::scopetags::load(&Node::root(&tags_doc))
            .map_err(|e| format!("scope-tags.json: {e}"))?;
        let health_doc = json::parse(HEALTH).map_err(|e| format!("anc-health.json: {e}"))?;
        let health = crate::health::load(&Node::root(&health_doc))
            .map_err(|e| format!("anc-health.json: {e}"))?;
        let risks_doc = json::parse(RISKS).map_err(|e| format!("azure-risks.json: {e}"))?;
        let azure_risks = crate::risk::model::load(&Node::root(&risks_doc))
            .map_err(|e| format!("azure-risks.json: {e}"))?;
        Ok(Catalog {
            operations,
            roles,
            seed_roles,
            windows365,
            intune,
            scope_tags,
            health,
            azure_risks,
            manifest,
            expansions: OnceLock::new(),
            outside_azure: OnceLock::new(),
            sizes: OnceLock::new(),
            risk_levels: OnceLock::new(),
            service: OnceLock::new(),
            by_provider: OnceLock::new(),
            names: OnceLock::new(),
            holders: OnceLock::new(),
            literals: OnceLock::new(),
            providers: OnceLock::new(),
            role_grams: OnceLock::new(),
        })
    }

    /// The first built-in Azure role whose Actions or NotActions (DataActions or
    /// NotDataActions, with `data`) hold `action` as written (a name or a pattern), any case: one the operations
    /// catalog lacks but a current built-in role uses is newer than the catalog,
    /// not a typo.
    pub fn builtin_naming(&self, action: &str, data: bool) -> Option<&Role> {
        let maps = self.literals.get_or_init(|| {
            let mut m: [std::collections::HashMap<String, usize>; 2] = Default::default();
            for (i, r) in self.azure_roles() {
                for b in &r.blocks {
                    for (d, list) in [
                        (false, &b.actions),
                        (true, &b.data_actions),
                        (false, &b.not_actions),
                        (true, &b.not_data_actions),
                    ] {
                        for p in list.iter() {
                            m[usize::from(d)].entry(p.lower().to_string()).or_insert(i);
                        }
                    }
                }
            }
            m
        });
        // A lowercase action (a pattern's `lower()`, as the linter passes) is not
        // copied: a role of 100,000 unknown actions looks up each.
        let lower = crate::text::ascii_lowercase(action);
        maps[usize::from(data)]
            .get(lower.as_ref())
            .and_then(|&i| self.roles.get(i))
    }

    /// The built-in roles by the providers their grants name, for a quick "which
    /// roles may grant this action at all" before matching their patterns.
    pub(crate) fn builtin_provider_index(&self) -> &crate::reverse::ProviderIndex {
        self.providers
            .get_or_init(|| crate::reverse::ProviderIndex::of(&self.roles))
    }

    /// The built-in roles indexed by the bytes and byte pairs of their name,
    /// description, id and aliases (ASCII lowercase), built on first use: the roles
    /// search reads the text only of the roles holding every pair of a word.
    pub fn role_grams(&self) -> &crate::catalog::Grams {
        self.role_grams.get_or_init(|| {
            let text: Vec<String> = self
                .roles
                .iter()
                .map(|r| {
                    let mut t = format!("{}\n{}\n{}", r.name, r.description, r.id);
                    for a in &r.aliases {
                        t.push('\n');
                        t.push_str(a);
                    }
                    t.to_ascii_lowercase()
                })
                .collect();
            crate::catalog::Grams::build(text.len(), |i| &text[i], |_| "")
        })
    }

    /// Find a built-in role by name, alias, id or Azure resource id (any case).
    pub fn role(&self, reference: &str) -> Option<(usize, &Role)> {
        let i = self
            .names
            .get_or_init(|| NameIndex::new(&self.roles))
            .first(reference)?;
        self.roles.get(i).map(|r| (i, r))
    }

    /// The Azure built-in roles.
    pub fn azure_roles(&self) -> impl Iterator<Item = (usize, &Role)> {
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RoleKind::AzureBuiltIn)
    }

    /// The 2025-01-25 version of a built-in role, if seed 003 has it.
    pub fn seed_version(&self, role: &Role) -> Option<&Role> {
        self.seed_roles.iter().find(|r| r.id == role.id)
    }

    /// The smallest built-in role holding each Cloud PC (`intune` false) or Intune
    /// permission, by permission index, computed once ([`crate::observed::smallest_holder`]).
    pub(crate) fn smallest_holders(&self, intune: bool) -> &[Option<usize>] {
        let all = self.holders.get_or_init(|| {
            let ex = self.builtin_expansions();
            let pick = |intune: bool, index: usize| {
                self.roles
                    .iter()
                    .zip(ex)
                    .enumerate()
                    .filter(|(_, (r, _))| {
                        if intune {
                            r.kind == RoleKind::Intune
                        } else {
                            r.kind == RoleKind::CloudPcBuiltIn
                        }
                    })
                    .filter(|(_, (_, e))| {
                        if intune {
                            e.intune.contains(index)
                        } else {
                            e.cloud_pc.contains(index)
                        }
                    })
                    .min_by_key(|(_, (r, e))| (e.cloud_pc.count() + e.intune.count(), r.name.len()))
                    .map(|(i, _)| i)
            };
            [
                (0..self.windows365.permissions.len())
                    .map(|i| pick(false, i))
                    .collect(),
                (0..self.intune.len()).map(|i| pick(true, i)).collect(),
            ]
        });
        &all[usize::from(intune)]
    }

    /// The effective operations of every built-in role, computed once.
    pub fn builtin_expansions(&self) -> &[Expansion] {
        self.expansions.get_or_init(|| {
            let mut ex = Expander::new(self);
            self.roles.iter().map(|r| ex.expand(r)).collect()
        })
    }

    /// [`Catalog::builtin_expansions`] a few roles at a time, for a UI that must keep
    /// answering input meanwhile: each [`BuiltinExpanding::step`] expands some roles;
    /// the last one stores the expansions (a call to `builtin_expansions` before
    /// then computes them at once, and the steps' work is dropped).
    pub fn expanding_builtins(&self) -> BuiltinExpanding<'_> {
        BuiltinExpanding {
            catalog: self,
            expander: Expander::new(self),
            done: Vec::with_capacity(self.roles.len()),
        }
    }

    /// A built-in Cloud PC, Intune or Entra role's expansion (`None` for an Azure
    /// role). These few roles are expanded together on first use, apart from the
    /// 933 Azure ones: the roles search needs them for a permission query ("reboot")
    /// before every built-in role is expanded, and expanding them for each keystroke
    /// cost a millisecond.
    pub fn builtin_expansion_outside_azure(&self, i: usize) -> Option<&Expansion> {
        if let Some(all) = self.expansions.get() {
            return all
                .get(i)
                .filter(|_| self.roles.get(i).is_some_and(|r| r.plane() != Plane::Azure));
        }
        let outside = self.outside_azure.get_or_init(|| {
            let mut ex = Expander::new(self);
            self.roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.plane() != Plane::Azure)
                .map(|(i, r)| (i, ex.expand(r)))
                .collect()
        });
        outside
            .binary_search_by_key(&i, |(j, _)| *j)
            .ok()
            .and_then(|k| outside.get(k))
            .map(|(_, e)| e)
    }

    /// [`Catalog::builtin_expansions`] if already computed.
    pub fn builtin_expansions_if_ready(&self) -> Option<&[Expansion]> {
        self.expansions.get().map(Vec::as_slice)
    }

    /// [`Catalog::builtin_sizes`] if already computed (for UIs that defer the work).
    pub fn builtin_sizes_if_ready(&self) -> Option<&[usize]> {
        self.sizes.get().map(Vec::as_slice)
    }

    /// Whether built-in role `i` is meant for a service identity
    /// ([`crate::roleset::is_service_role`]), decided once per role when first asked.
    pub fn builtin_service(&self, i: usize) -> bool {
        let all = self
            .service
            .get_or_init(|| (0..self.roles.len()).map(|_| OnceLock::new()).collect());
        match (all.get(i), self.roles.get(i)) {
            (Some(once), Some(role)) => *once.get_or_init(|| crate::roleset::is_service_role(role)),
            _ => false,
        }
    }

    /// The catalog's operations by provider, and built-in role `i`'s operations
    /// beyond reading (and support tickets) counted by provider, sorted by provider
    /// id: computed once, a role when first asked (an outside review: counting
    /// them per evaluation made a tenant review of thousands of principals at
    /// their own scopes take minutes).
    pub fn builtin_providers(
        &self,
        i: usize,
    ) -> Option<(&crate::rank::OpProviders, &[(u32, u32)])> {
        let (ops, roles) = self.by_provider.get_or_init(|| {
            (
                crate::rank::OpProviders::new(&self.operations),
                (0..self.roles.len()).map(|_| OnceLock::new()).collect(),
            )
        });
        let e = self.builtin_expansions().get(i)?;
        let counts = roles.get(i)?.get_or_init(|| ops.count(e));
        Some((ops, counts.as_slice()))
    }

    /// The most serious risk note of built-in role `i` ([`crate::risk::assess`]), if
    /// any: assessed when first asked, once (for [`crate::rank::Standing`]).
    pub fn builtin_risk_level(&self, i: usize) -> Option<crate::risk::Level> {
        let all = self
            .risk_levels
            .get_or_init(|| (0..self.roles.len()).map(|_| OnceLock::new()).collect());
        let (role, ex) = (self.roles.get(i)?, self.builtin_expansions().get(i)?);
        *all.get(i)?.get_or_init(|| {
            crate::risk::assess(self, role, ex)
                .iter()
                .map(|n| n.level)
                .min()
        })
    }

    /// The number of operations (Azure, both planes, conditional included), Cloud PC
    /// and Intune permissions each built-in role grants: the "privilege size" used to
    /// rank roles.
    pub fn builtin_sizes(&self) -> &[usize] {
        self.sizes.get_or_init(|| {
            self.builtin_expansions()
                .iter()
                .map(|e| {
                    e.granted.count()
                        + e.conditional.count()
                        + e.cloud_pc.count()
                        + e.intune.count()
                })
                .collect()
        })
    }
}

/// The built-in roles being expanded in steps ([`Catalog::expanding_builtins`]).
pub struct BuiltinExpanding<'c> {
    catalog: &'c Catalog,
    expander: Expander<'c>,
    done: Vec<Expansion>,
}

impl BuiltinExpanding<'_> {
    /// Expand up to `roles` more built-in roles; `true` once all are expanded and
    /// stored (also when they already were).
    pub fn step(&mut self, roles: usize) -> bool {
        let all = &self.catalog.roles;
        if self.catalog.expansions.get().is_some() {
            return true;
        }
        let end = (self.done.len() + roles).min(all.len());
        for r in all.get(self.done.len()..end).unwrap_or_default() {
            self.done.push(self.expander.expand(r));
        }
        if self.done.len() < all.len() {
            return false;
        }
        let _ = self.catalog.expansions.set(std::mem::take(&mut self.done));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanding_in_steps_gives_the_expansions_at_once() {
        let steps = Catalog::decode().unwrap();
        let mut job = steps.expanding_builtins();
        let mut n = 0;
        while !job.step(100) {
            n += 1;
        }
        assert_eq!(n, steps.roles.len() / 100);
        let at_once = crate::catalog().unwrap().builtin_expansions();
        assert_eq!(steps.builtin_expansions(), at_once);
        assert!(steps.expanding_builtins().step(1));
    }

    #[test]
    fn roles_outside_azure_expanded_apart_agree_with_all_expanded() {
        let apart = Catalog::decode().unwrap();
        let all = crate::catalog().unwrap().builtin_expansions();
        let mut outside = 0;
        for (i, r) in apart.roles.iter().enumerate() {
            let got = apart.builtin_expansion_outside_azure(i);
            if r.plane() == Plane::Azure {
                assert!(got.is_none(), "{}", r.name);
            } else {
                assert_eq!(got, all.get(i), "{}", r.name);
                outside += 1;
            }
        }
        assert!(outside > 5, "{outside} roles outside Azure");
        // Computed apart, not by expanding every built-in role.
        assert!(apart.builtin_expansions_if_ready().is_none());
    }

    #[test]
    fn parts_decoded_ahead_make_the_same_catalog() {
        stage(CatalogPart::Operations);
        stage(CatalogPart::AzureRoles);
        let ahead = Catalog::decode().unwrap();
        // Taken, not copied: the staged parts are freed with the first catalog.
        assert!(take(&AHEAD_OPERATIONS).is_none());
        assert!(take(&AHEAD_ROLES).is_none());
        let whole = Catalog::decode().unwrap();
        assert_eq!(ahead.operations.len(), whole.operations.len());
        assert!(ahead.operations.len() > 20_000);
        assert_eq!(ahead.roles, whole.roles);
        assert_eq!(ahead.seed_roles, whole.seed_roles);
        assert_eq!(ahead.manifest, whole.manifest);
    }
}
