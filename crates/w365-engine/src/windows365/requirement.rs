//! What an operation requires: an expression over planes.

use crate::json::{JsonError, Node};
use std::fmt;

/// Where in the customer's Azure estate an Azure requirement applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The ANC's (or image's) subscription.
    Subscription,
    /// The ANC's resource group.
    ResourceGroup,
    /// The ANC's virtual network.
    VirtualNetwork,
    /// The storage account for Cloud PC review.
    StorageAccount,
}

impl Slot {
    /// JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Subscription => "subscription",
            Slot::ResourceGroup => "resourceGroup",
            Slot::VirtualNetwork => "virtualNetwork",
            Slot::StorageAccount => "storageAccount",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Slot::Subscription => "subscription",
            Slot::ResourceGroup => "resource group",
            Slot::VirtualNetwork => "virtual network",
            Slot::StorageAccount => "storage account",
        }
    }

    /// Parse the JSON name.
    pub fn parse(s: &str) -> Option<Slot> {
        [
            Slot::Subscription,
            Slot::ResourceGroup,
            Slot::VirtualNetwork,
            Slot::StorageAccount,
        ]
        .into_iter()
        .find(|x| x.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A statement of a document: quoted, or (`summary`) the app's summary of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cite {
    /// Document id.
    pub source: String,
    /// The words.
    pub says: String,
    /// Whether `says` is the app's summary of the document (what it names, what is
    /// inferred from it), not its words: shown without quotation marks.
    pub summary: bool,
}

/// One thing to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leaf {
    /// Any of these Entra roles.
    Entra(Vec<String>),
    /// A Cloud PC permission (catalog name), from a Cloud PC role or an Entra role.
    CloudPc(String),
    /// The permissions of any of these Azure roles at a slot.
    AzureRole {
        /// Role names.
        roles: Vec<String>,
        /// Where.
        slot: Slot,
    },
    /// An Azure action at a slot.
    AzureAction {
        /// Action.
        action: String,
        /// Where.
        slot: Slot,
    },
    /// No deny assignment blocks an Azure action at a slot for who asks (Windows
    /// 365 performs it there on their behalf: the role assignments it writes on
    /// the resource group and virtual network when an Owner creates an ANC). Met
    /// with no role held; a deny that applies fails it, one that may apply makes it
    /// conditional.
    NotDenied {
        /// Action.
        action: String,
        /// Where.
        slot: Slot,
    },
    /// Every permission of a Cloud PC role.
    CloudPcRole(String),
    /// An Intune permission (Graph or short name), from an Intune role or an Entra role.
    Intune(String),
    /// Every permission of an Intune built-in role (the role itself, or roles that
    /// together hold its permissions).
    IntuneRole(String),
    /// The Windows 365 first-party app holds the Azure roles Windows 365 receives
    /// for an ANC (`windows365.service.ancCurrent`), each at its scope: assigned
    /// beforehand, as seed 001 asks of an admin with only Subscription Reader.
    AppHoldsAncRoles,
}

/// Sources that disagree on one point, each position with its requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What they disagree on.
    pub topic: String,
    /// The positions.
    pub positions: Vec<Position>,
}

/// One source's position in a conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// Document id.
    pub source: String,
    /// The words.
    pub says: String,
    /// Whether `says` is the app's summary, not the document's words.
    pub summary: bool,
    /// What that source requires.
    pub requirement: Requirement,
}

/// A requirement expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    /// Every part.
    All(Vec<Requirement>),
    /// At least one part.
    Any(Vec<Requirement>),
    /// One thing, with the statement it comes from.
    Leaf(Leaf, Cite),
    /// Sources disagree; each position is evaluated.
    Conflict(Conflict),
    /// Nothing is required.
    Nothing,
}

impl Requirement {
    /// Read the authored JSON form.
    pub(crate) fn from_json(n: &Node<'_>) -> Result<Requirement, JsonError> {
        if let Some(all) = n.get("all")? {
            return Ok(Requirement::All(
                all.items()?
                    .iter()
                    .map(Requirement::from_json)
                    .collect::<Result<_, _>>()?,
            ));
        }
        if let Some(any) = n.get("any")? {
            return Ok(Requirement::Any(
                any.items()?
                    .iter()
                    .map(Requirement::from_json)
                    .collect::<Result<_, _>>()?,
            ));
        }
        if n.get("none")?.is_some() {
            return Ok(Requirement::Nothing);
        }
        if let Some(c) = n.get("conflict")? {
            let topic = req_str(&c, "topic")?;
            let mut positions = Vec::new();
            let list = c
                .get("positions")?
                .ok_or_else(|| c.error("missing `positions`"))?;
            for p in list.items()? {
                let r = p
                    .get("requirement")?
                    .ok_or_else(|| p.error("missing `requirement`"))?;
                let cite = Cite {
                    source: req_str(&p, "source")?,
                    says: req_str(&p, "says")?,
                    summary: opt_bool(&p, "summary")?,
                };
                let mut requirement = Requirement::from_json(&r)?;
                requirement.cite_unsourced(&cite);
                positions.push(Position {
                    source: cite.source,
                    says: cite.says,
                    summary: cite.summary,
                    requirement,
                });
            }
            return Ok(Requirement::Conflict(Conflict { topic, positions }));
        }
        let cite = Cite {
            source: opt_str(n, "source")?.unwrap_or_default(),
            says: opt_str(n, "says")?.unwrap_or_default(),
            summary: opt_bool(n, "summary")?,
        };
        let slot = || -> Result<Slot, JsonError> {
            let s = req_str(n, "scope")?;
            Slot::parse(&s).ok_or_else(|| n.error(format!("unknown scope `{s}`")))
        };
        let leaf = if let Some(e) = n.get("entra")? {
            Leaf::Entra(e.strings()?.into_iter().map(|l| l.text).collect())
        } else if let Some(p) = opt_str(n, "cloudPc")? {
            Leaf::CloudPc(p)
        } else if let Some(r) = opt_str(n, "azureRole")? {
            Leaf::AzureRole {
                roles: vec![r],
                slot: slot()?,
            }
        } else if let Some(r) = n.get("azureAnyRole")? {
            Leaf::AzureRole {
                roles: r.strings()?.into_iter().map(|l| l.text).collect(),
                slot: slot()?,
            }
        } else if let Some(a) = opt_str(n, "azureAction")? {
            Leaf::AzureAction {
                action: a,
                slot: slot()?,
            }
        } else if let Some(a) = opt_str(n, "notDenied")? {
            Leaf::NotDenied {
                action: a,
                slot: slot()?,
            }
        } else if let Some(r) = opt_str(n, "cloudPcRole")? {
            Leaf::CloudPcRole(r)
        } else if let Some(r) = opt_str(n, "intuneRole")? {
            Leaf::IntuneRole(r)
        } else if let Some(p) = opt_str(n, "intune")? {
            Leaf::Intune(p)
        } else if let Some(what) = opt_str(n, "windows365AppHolds")? {
            if what != "ancRoles" {
                return Err(n.error(format!(
                    "unknown `windows365AppHolds` `{what}` (expected `ancRoles`)"
                )));
            }
            Leaf::AppHoldsAncRoles
        } else {
            return Err(n.error("not a requirement"));
        };
        Ok(Requirement::Leaf(leaf, cite))
    }

    /// Give leaves that name no source the statement of their enclosing position.
    fn cite_unsourced(&mut self, cite: &Cite) {
        match self {
            Requirement::All(v) | Requirement::Any(v) => {
                v.iter_mut().for_each(|r| r.cite_unsourced(cite))
            }
            Requirement::Leaf(_, c) if c.source.is_empty() => *c = cite.clone(),
            _ => {}
        }
    }

    /// Every leaf, depth first (positions of conflicts included).
    pub fn leaves(&self) -> Vec<(&Leaf, &Cite)> {
        let mut out = Vec::new();
        self.walk(&mut |l, c| out.push((l, c)));
        out
    }

    fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Leaf, &'a Cite)) {
        match self {
            Requirement::All(v) | Requirement::Any(v) => v.iter().for_each(|r| r.walk(f)),
            Requirement::Leaf(l, c) => f(l, c),
            Requirement::Conflict(c) => c.positions.iter().for_each(|p| p.requirement.walk(f)),
            Requirement::Nothing => {}
        }
    }
}

/// A flag that is `false` when absent.
fn opt_bool(n: &Node<'_>, key: &str) -> Result<bool, JsonError> {
    match n.get(key)? {
        Some(v) => v.as_bool(),
        None => Ok(false),
    }
}

fn opt_str(n: &Node<'_>, key: &str) -> Result<Option<String>, JsonError> {
    match n.get(key)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

pub(super) fn req_str(n: &Node<'_>, key: &str) -> Result<String, JsonError> {
    opt_str(n, key)?.ok_or_else(|| n.error(format!("missing `{key}`")))
}
