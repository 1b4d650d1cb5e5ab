//! The bundled health-check data (`generated/anc-health.json`).

use crate::json::{JsonError, Node};
use serde::Serialize;

/// Where a fixing role is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FixScope {
    /// The ANC's subscription.
    Subscription,
    /// The ANC's resource group.
    ResourceGroup,
    /// The ANC's virtual network.
    VirtualNetwork,
}

impl FixScope {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            FixScope::Subscription => "subscription",
            FixScope::ResourceGroup => "resourceGroup",
            FixScope::VirtualNetwork => "virtualNetwork",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            FixScope::Subscription => "subscription",
            FixScope::ResourceGroup => "resource group",
            FixScope::VirtualNetwork => "virtual network",
        }
    }

    fn parse(s: &str) -> Option<FixScope> {
        [
            FixScope::Subscription,
            FixScope::ResourceGroup,
            FixScope::VirtualNetwork,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }
}

/// Who receives the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Assignee {
    /// The Windows 365 first-party app (the "Cloud PC service principal").
    Windows365App,
    /// The administrator.
    Admin,
}

/// A role assignment that fixes a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// Azure built-in role name.
    pub role: String,
    /// Where.
    pub scope: FixScope,
    /// To whom.
    pub assignee: Assignee,
}

/// A health check as the admin center names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// `permResourceGroup`
    pub id: String,
    /// `First party app permissions exist on Azure resource group`
    pub name: String,
    /// The `errorType` prefix of its codes.
    pub prefix: String,
    /// Who fixes its failures.
    pub who: String,
    /// A warning, not a failure that blocks provisioning.
    pub warning: bool,
    /// Why it is taken as a warning, when that is the app's reading of a source
    /// rather than the admin center's own label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_inferred: Option<String>,
    /// The code-to-check mapping is inferred.
    pub mapping_inferred: bool,
}

/// One Graph `errorType` code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCode {
    /// `permissionCheckNoSubscriptionReaderRole`
    pub code: String,
    /// Check id.
    pub check: String,
    /// What it means (quoted from the Graph docs).
    pub meaning: String,
    /// `A1` or `A2`.
    pub source: String,
    /// The role assignments that fix it; empty when none does. For a legacy code,
    /// today's role for the same scope (A5).
    pub fix: Vec<Fix>,
    /// For a legacy code: the role assignments its text asks for (Owner, Network
    /// Contributor), which today's roles replace.
    pub legacy_fix: Vec<Fix>,
    /// A narrower role assignment that may fix it, which no source documents for
    /// this code (`inferred_fix_note` says why): never in `fix`.
    pub inferred_fix: Vec<Fix>,
    /// Why `inferred_fix` is an inference, and what to do if it does not clear the
    /// code.
    pub inferred_fix_note: Option<String>,
    /// Which check it belongs to is inferred (beyond its prefix).
    pub check_inferred: bool,
    /// Why the code is legacy, if it is.
    pub legacy: Option<String>,
    /// A note (doc quirks, rights outside Azure).
    pub note: Option<String>,
    /// Who acts, where the check's answer does not fit this code (a code that
    /// needs no role change in a check whose fixes are role assignments).
    pub who: Option<String>,
}

/// The Windows 365 first-party app that receives the ANC roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FirstPartyApp {
    /// `0af06dc6-e4b5-4f28-818e-e78e62d137a5`
    pub app_id: String,
    /// What the product calls it.
    pub name: String,
    /// What the documents call it.
    pub also_called: Vec<String>,
    /// Source id.
    pub source: String,
    /// The words.
    pub quote: String,
    /// What is not documented.
    pub caveat: String,
}

/// A Cloud PC or Azure need of the Intune admin in the two-person setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminNeedFact {
    /// `azureRole` or `cloudPc`.
    pub kind: String,
    /// The Azure role, for `azureRole`.
    pub role: Option<String>,
    /// Its scope.
    pub scope: Option<FixScope>,
    /// The Cloud PC permissions, for `cloudPc`.
    pub permissions: Vec<String>,
    /// Source id.
    pub source: String,
    /// The words.
    pub says: String,
    /// Further parts of the need, each cited to its own source (source id or
    /// `seed 001`, and its words).
    pub also: Vec<(String, String)>,
}

/// The facts behind the two-person recipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipeFacts {
    /// What the network or subscription admin assigns to the app.
    pub network_admin: Vec<Fix>,
    /// Who that admin must be.
    pub network_admin_who: String,
    /// What the Intune admin then needs.
    pub intune_admin: Vec<AdminNeedFact>,
    /// Why this works.
    pub why: String,
    /// Caveats.
    pub caveats: Vec<String>,
    /// Source ids.
    pub sources: Vec<String>,
}

/// Everything about health checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthModel {
    /// Cited documents: (id, rendered citation).
    pub sources: Vec<(String, String)>,
    /// The checks.
    pub checks: Vec<Check>,
    /// The codes, sorted ignoring case.
    pub codes: Vec<HealthCode>,
    /// The first-party app.
    pub app: FirstPartyApp,
    /// The two-person recipe's facts.
    pub recipe: RecipeFacts,
    /// How to retry a check, and who may.
    pub retry: String,
}

fn text(n: &Node<'_>, k: &str) -> Result<String, JsonError> {
    n.get(k)?
        .ok_or_else(|| n.error(format!("missing `{k}`")))?
        .as_str()
        .map(str::to_string)
}

fn opt_text(n: &Node<'_>, k: &str) -> Result<Option<String>, JsonError> {
    match n.get(k)? {
        Some(v) => Ok(v.as_opt_str()?.map(str::to_string)),
        None => Ok(None),
    }
}

fn strings(n: &Node<'_>, k: &str) -> Result<Vec<String>, JsonError> {
    Ok(match n.get(k)? {
        Some(v) => v.strings()?.into_iter().map(|l| l.text).collect(),
        None => Vec::new(),
    })
}

fn flag(n: &Node<'_>, k: &str) -> Result<bool, JsonError> {
    Ok(n.get(k)?.map(|v| v.as_bool()).transpose()?.unwrap_or(false))
}

fn list<'a>(n: &'a Node<'a>, k: &str) -> Result<Vec<Node<'a>>, JsonError> {
    n.get(k)?
        .ok_or_else(|| n.error(format!("missing `{k}`")))?
        .items()
}

fn child<'a>(n: &'a Node<'a>, k: &str) -> Result<Node<'a>, JsonError> {
    n.get(k)?.ok_or_else(|| n.error(format!("missing `{k}`")))
}

fn scope(n: &Node<'_>) -> Result<FixScope, JsonError> {
    let s = text(n, "scope")?;
    FixScope::parse(&s).ok_or_else(|| n.error(format!("unknown scope `{s}`")))
}

fn fixes(n: &Node<'_>, k: &str) -> Result<Vec<Fix>, JsonError> {
    let mut out = Vec::new();
    for f in list(n, k)? {
        out.push(Fix {
            role: text(&f, "role")?,
            scope: scope(&f)?,
            assignee: match text(&f, "assignee")?.as_str() {
                "admin" => Assignee::Admin,
                _ => Assignee::Windows365App,
            },
        });
    }
    Ok(out)
}

/// Read the generated data.
pub(crate) fn load(root: &Node<'_>) -> Result<HealthModel, JsonError> {
    let mut sources = Vec::new();
    for s in list(root, "sources")? {
        let mut cite = format!("{} {}", text(&s, "repo")?, text(&s, "path")?);
        if let Some(c) = opt_text(&s, "commit")? {
            cite.push_str(&format!(" @ {}", c.get(..8).unwrap_or(&c)));
        }
        if let Some(d) = opt_text(&s, "date")? {
            cite.push_str(&format!(" ({d})"));
        }
        sources.push((text(&s, "id")?, cite));
    }
    let mut checks = Vec::new();
    for c in list(root, "checks")? {
        checks.push(Check {
            id: text(&c, "id")?,
            name: text(&c, "name")?,
            prefix: text(&c, "prefix")?,
            who: text(&c, "who")?,
            warning: flag(&c, "warning")?,
            warning_inferred: opt_text(&c, "warningInferred")?,
            mapping_inferred: flag(&c, "mappingInferred")?,
        });
    }
    let mut codes = Vec::new();
    for c in list(root, "codes")? {
        codes.push(HealthCode {
            code: text(&c, "code")?,
            check: text(&c, "check")?,
            meaning: text(&c, "meaning")?,
            source: text(&c, "source")?,
            fix: fixes(&c, "fix")?,
            legacy_fix: match c.get("legacyFix")? {
                Some(_) => fixes(&c, "legacyFix")?,
                None => Vec::new(),
            },
            inferred_fix: match c.get("inferredFix")? {
                Some(_) => fixes(&c, "inferredFix")?,
                None => Vec::new(),
            },
            inferred_fix_note: opt_text(&c, "inferredFixNote")?,
            check_inferred: flag(&c, "checkInferred")?,
            legacy: opt_text(&c, "legacy")?,
            note: opt_text(&c, "note")?,
            who: opt_text(&c, "who")?,
        });
    }
    let a = child(root, "firstPartyApp")?;
    let app = FirstPartyApp {
        app_id: text(&a, "appId")?,
        name: text(&a, "name")?,
        also_called: strings(&a, "alsoCalled")?,
        source: text(&a, "source")?,
        quote: text(&a, "quote")?,
        caveat: text(&a, "caveat")?,
    };
    let r = child(root, "recipe")?;
    let mut intune_admin = Vec::new();
    for n in list(&r, "intuneAdmin")? {
        intune_admin.push(AdminNeedFact {
            kind: text(&n, "kind")?,
            role: opt_text(&n, "role")?,
            scope: match n.get("scope")? {
                Some(_) => Some(scope(&n)?),
                None => None,
            },
            permissions: strings(&n, "permissions")?,
            source: text(&n, "source")?,
            says: text(&n, "says")?,
            also: match n.get("also")? {
                Some(v) => v
                    .items()?
                    .iter()
                    .map(|c| Ok((text(c, "source")?, text(c, "says")?)))
                    .collect::<Result<_, JsonError>>()?,
                None => Vec::new(),
            },
        });
    }
    let recipe = RecipeFacts {
        network_admin: fixes(&r, "networkAdmin")?,
        network_admin_who: text(&r, "networkAdminWho")?,
        intune_admin,
        why: text(&r, "why")?,
        caveats: strings(&r, "caveats")?,
        sources: strings(&r, "sources")?,
    };
    Ok(HealthModel {
        sources,
        checks,
        codes,
        app,
        recipe,
        retry: text(root, "retry")?,
    })
}
