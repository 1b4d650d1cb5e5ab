//! The bundled Azure risk flags (`generated/azure-risks.json`, from
//! `data/authored/azure-risks.json` through `scripts/gen_data.py`, which checks
//! every operation against the catalog and every quote against its file).

use super::{Category, Level};
use crate::bitset::BitSet;
use crate::catalog::OperationCatalog;
use crate::json::{JsonError, Node};
use serde::Serialize;
use std::sync::OnceLock;

/// A category as the data describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInfo {
    /// The category.
    pub id: Category,
    /// For people.
    pub label: String,
    /// What it covers.
    pub about: String,
}

/// A document quoted for a flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskSource {
    /// The file of `data/` and the document it copies.
    pub source: String,
    /// The words.
    pub quote: String,
}

/// One flag: which operations, how serious, and on what basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskFlag {
    /// Stable id (`vm-run-command`).
    pub id: String,
    /// Its category.
    pub category: Category,
    /// Its level.
    pub level: Level,
    /// The level for a role assignable at a subscription or above, when higher.
    pub broad_level: Option<Level>,
    /// What holding it allows.
    pub what: String,
    /// Why a privilege-escalation flag grants nobody more rights (removing role
    /// assignments): its holders are not counted as able to escalate.
    pub not_escalation: Option<String>,
    /// `documented` or `inferred`.
    pub documented: bool,
    /// Why, when inferred.
    pub reasoning: Option<String>,
    /// Exact operations: (catalog spelling, data action).
    pub operations: Vec<(String, bool)>,
    /// Operation name endings (lowercase) that also count.
    pub suffixes: Vec<String>,
    /// Operations (lowercase) the endings must not catch.
    pub exclude: Vec<String>,
    /// Patterns as written in a role's `Actions` (lowercase).
    pub patterns: Vec<String>,
    /// Fires on provider-wide `DataActions` wildcards.
    pub provider_wide_data: bool,
    /// Documents quoted.
    pub sources: Vec<RiskSource>,
}

/// Every category and flag.
#[derive(Debug, Default)]
pub struct RiskModel {
    /// The categories the data describes, in display order.
    pub categories: Vec<CategoryInfo>,
    /// The flags, in data order.
    pub flags: Vec<RiskFlag>,
    sets: OnceLock<Vec<BitSet>>,
}

impl RiskModel {
    /// Per flag, the catalog entries it covers (computed once: one pass over the
    /// catalog for the flags with name endings).
    pub fn sets(&self, ops: &OperationCatalog) -> &[BitSet] {
        self.sets.get_or_init(|| {
            self.flags
                .iter()
                .map(|f| {
                    let mut s = BitSet::new(ops.len());
                    for (name, data) in &f.operations {
                        if let Some(i) = ops.find(name, *data) {
                            s.insert(i);
                        }
                    }
                    if !f.suffixes.is_empty() {
                        for i in 0..ops.len() {
                            let n = ops.lower(i);
                            if f.suffixes.iter().any(|x| n.ends_with(x.as_str()))
                                && !f.exclude.iter().any(|x| x == n)
                            {
                                s.insert(i);
                            }
                        }
                    }
                    s
                })
                .collect()
        })
    }

    /// The label of a category.
    pub fn label(&self, c: Category) -> &str {
        self.categories
            .iter()
            .find(|x| x.id == c)
            .map(|x| x.label.as_str())
            .unwrap_or(c.label())
    }
}

fn text(n: &Node<'_>, key: &str) -> Result<String, JsonError> {
    n.get(key)?
        .ok_or_else(|| n.error(format!("missing `{key}`")))?
        .as_str()
        .map(str::to_string)
}

fn opt_text(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

fn strings(n: &Node<'_>, key: &str) -> Result<Vec<String>, JsonError> {
    Ok(match n.get(key)? {
        Some(v) => v.strings()?.into_iter().map(|l| l.text).collect(),
        None => Vec::new(),
    })
}

fn level(n: &Node<'_>, key: &str) -> Result<Option<Level>, JsonError> {
    opt_text(n, key)?
        .map(|t| Level::parse(&t).ok_or_else(|| n.error(format!("unknown level `{t}`"))))
        .transpose()
}

fn category(n: &Node<'_>, key: &str) -> Result<Category, JsonError> {
    let t = text(n, key)?;
    Category::parse(&t).ok_or_else(|| n.error(format!("unknown category `{t}`")))
}

/// Read the generated file.
pub(crate) fn load(root: &Node<'_>) -> Result<RiskModel, JsonError> {
    let list = |k: &str| -> Result<Vec<Node<'_>>, JsonError> {
        root.get(k)?
            .ok_or_else(|| root.error(format!("missing `{k}`")))?
            .items()
    };
    let mut categories = Vec::new();
    for c in list("categories")? {
        categories.push(CategoryInfo {
            id: category(&c, "id")?,
            label: text(&c, "label")?,
            about: text(&c, "about")?,
        });
    }
    let mut flags = Vec::new();
    for f in list("flags")? {
        let mut operations = Vec::new();
        if let Some(ops) = f.get("operations")? {
            for o in ops.items()? {
                let data = o
                    .get("dataAction")?
                    .map(|b| b.as_bool())
                    .transpose()?
                    .unwrap_or(false);
                operations.push((text(&o, "name")?, data));
            }
        }
        let mut sources = Vec::new();
        if let Some(list) = f.get("sources")? {
            for s in list.items()? {
                sources.push(RiskSource {
                    source: text(&s, "source")?,
                    quote: text(&s, "quote")?,
                });
            }
        }
        let basis = text(&f, "basis")?;
        flags.push(RiskFlag {
            id: text(&f, "id")?,
            category: category(&f, "category")?,
            level: level(&f, "level")?.ok_or_else(|| f.error("missing `level`"))?,
            broad_level: level(&f, "broadLevel")?,
            what: text(&f, "what")?,
            not_escalation: opt_text(&f, "notEscalation")?,
            documented: basis == "documented",
            reasoning: opt_text(&f, "reasoning")?,
            operations,
            suffixes: strings(&f, "suffixes")?,
            exclude: strings(&f, "exclude")?,
            patterns: strings(&f, "patterns")?
                .into_iter()
                .map(|p| p.to_ascii_lowercase())
                .collect(),
            provider_wide_data: f
                .get("providerWideData")?
                .map(|b| b.as_bool())
                .transpose()?
                .unwrap_or(false),
            sources,
        });
    }
    Ok(RiskModel {
        categories,
        flags,
        sets: OnceLock::new(),
    })
}
