//! The bundled scope-tag model (`generated/scope-tags.json`): rules with their basis
//! and sources, the object types that take tags, the Entra roles that bypass tags,
//! and the All Cloud PCs vs All devices fix.

use super::ObjectType;
use crate::json::{JsonError, Node};
use crate::model::Plane;
use serde::Serialize;

/// A cited document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// `S1`
    pub id: String,
    /// `MicrosoftDocs/memdocs intune/... @ 11680131 (2026-04-09)`
    pub cite: String,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// `R1` ... `R16`
    pub id: String,
    /// The rule.
    pub text: String,
    /// `documented` or `inferred`.
    pub basis: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// The words it rests on: only a source's words, as the reference quotes them.
    pub quote: String,
    /// The reference's own words the rule rests on (not a source's), when it does.
    pub paraphrase: Option<String>,
    /// Another source whose words seem to conflict with the rule, when one does.
    pub disagreement: Option<Disagreement>,
}

/// A source whose words seem to conflict with a rule: shown beside every answer that
/// applies the rule, not hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    /// Source id (`S2`).
    pub source: String,
    /// Its words, as the reference quotes them.
    pub quote: String,
    /// How the tool reads the conflict.
    pub text: String,
}

impl Rule {
    /// Whether the rule is an inference rather than a documented statement.
    pub fn inferred(&self) -> bool {
        self.basis == "inferred"
    }
}

/// What an object type is checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeInfo {
    /// The type.
    pub kind: ObjectType,
    /// For people: `provisioning policy`.
    pub label: String,
    /// Plural: `provisioning policies`.
    pub plural: String,
    /// The plane whose permissions act on it.
    pub plane: Plane,
    /// The permission resources that act on it (`Provisioning Policies`, `RemoteTasks`).
    pub resources: Vec<String>,
    /// Source id.
    pub source: String,
    /// Whether applying the tag rules to this type is itself inferred.
    pub inferred: bool,
    /// Why, or what this type is.
    pub note: Option<String>,
}

/// How far an Entra role's bypass reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Reach {
    /// Every object.
    All,
    /// Windows 365 (Cloud PC) objects only.
    CloudPc,
}

/// An Entra role that ignores scope tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bypass {
    /// Entra role name.
    pub role: String,
    /// Which objects.
    pub reach: Reach,
    /// Sees without acting.
    pub read_only: bool,
    /// Rule id.
    pub rule: String,
}

/// The documented fix of the All Cloud PCs vs All devices mismatch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MismatchFix {
    /// Rule id.
    pub rule: String,
    /// Source ids.
    pub sources: Vec<String>,
    /// What goes wrong.
    pub text: String,
    /// Steps; `{rule}` and `{tags}` are filled in.
    pub steps: Vec<String>,
    /// `(device.enrollmentProfileName -eq "{policy}")`
    pub rule_template: String,
    /// The `deviceModel` clause for names shared with other profiles.
    pub model_clause: String,
    /// When to add it.
    pub model_note: String,
}

/// Everything the scope-tag rules need.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeTagModel {
    /// Cited documents.
    pub sources: Vec<Source>,
    /// The rules.
    pub rules: Vec<Rule>,
    /// Object types.
    pub types: Vec<TypeInfo>,
    /// Entra roles that bypass tags.
    pub bypass: Vec<Bypass>,
    /// The mismatch fix.
    pub mismatch: Option<MismatchFix>,
}

impl ScopeTagModel {
    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Whether the rule is inferred (unknown rules count as inferred).
    pub fn inferred(&self, id: &str) -> bool {
        self.rule(id).is_none_or(Rule::inferred)
    }

    /// What an object type is checked against.
    pub fn type_info(&self, kind: ObjectType) -> Option<&TypeInfo> {
        self.types.iter().find(|t| t.kind == kind)
    }

    /// The bypass an Entra role gives, if any.
    pub fn bypass_of(&self, role: &str) -> Option<&Bypass> {
        self.bypass
            .iter()
            .find(|b| b.role.eq_ignore_ascii_case(role))
    }
}

fn text(n: &Node<'_>, k: &str) -> Result<String, JsonError> {
    n.get(k)?
        .ok_or_else(|| n.error(format!("missing `{k}`")))?
        .as_str()
        .map(str::to_string)
}

fn strings(n: &Node<'_>, k: &str) -> Result<Vec<String>, JsonError> {
    Ok(match n.get(k)? {
        Some(v) => v.strings()?.into_iter().map(|l| l.text).collect(),
        None => Vec::new(),
    })
}

fn list<'a>(n: &'a Node<'a>, k: &str) -> Result<Vec<Node<'a>>, JsonError> {
    n.get(k)?
        .ok_or_else(|| n.error(format!("missing `{k}`")))?
        .items()
}

/// Read the generated model.
pub(crate) fn load(root: &Node<'_>) -> Result<ScopeTagModel, JsonError> {
    let mut m = ScopeTagModel::default();
    for s in list(root, "sources")? {
        let mut cite = format!("{} {}", text(&s, "repo")?, text(&s, "path")?);
        if let Some(c) = s.get("commit")? {
            cite.push_str(&format!(" @ {}", c.as_str()?));
        }
        if let Some(d) = s.get("date")? {
            cite.push_str(&format!(" ({})", d.as_str()?));
        }
        m.sources.push(Source {
            id: text(&s, "id")?,
            cite,
        });
    }
    for r in list(root, "rules")? {
        m.rules.push(Rule {
            id: text(&r, "id")?,
            text: text(&r, "text")?,
            basis: text(&r, "basis")?,
            sources: strings(&r, "sources")?,
            quote: text(&r, "quote")?,
            paraphrase: match r.get("paraphrase")? {
                Some(v) => Some(v.as_str()?.to_string()),
                None => None,
            },
            disagreement: match r.get("disagreement")? {
                Some(d) => Some(Disagreement {
                    source: text(&d, "source")?,
                    quote: text(&d, "quote")?,
                    text: text(&d, "text")?,
                }),
                None => None,
            },
        });
    }
    for t in list(root, "objectTypes")? {
        let id = text(&t, "id")?;
        let kind = ObjectType::parse(&id).ok_or_else(|| t.error(format!("unknown type `{id}`")))?;
        let plane = text(&t, "plane")?;
        m.types.push(TypeInfo {
            kind,
            label: text(&t, "label")?,
            plural: text(&t, "plural")?,
            plane: Plane::parse(&plane)
                .ok_or_else(|| t.error(format!("unknown plane `{plane}`")))?,
            resources: strings(&t, "resources")?,
            source: text(&t, "source")?,
            inferred: t
                .get("inferred")?
                .map(|v| v.as_bool())
                .transpose()?
                .unwrap_or(false),
            note: match t.get("note")? {
                Some(v) => Some(v.as_str()?.to_string()),
                None => None,
            },
        });
    }
    for b in list(root, "bypass")? {
        m.bypass.push(Bypass {
            role: text(&b, "role")?,
            reach: match text(&b, "reach")?.as_str() {
                "cloudPc" => Reach::CloudPc,
                _ => Reach::All,
            },
            read_only: b
                .get("readOnly")?
                .map(|v| v.as_bool())
                .transpose()?
                .unwrap_or(false),
            rule: text(&b, "rule")?,
        });
    }
    if let Some(x) = root.get("mismatch")? {
        m.mismatch = Some(MismatchFix {
            rule: text(&x, "rule")?,
            sources: strings(&x, "sources")?,
            text: text(&x, "text")?,
            steps: strings(&x, "steps")?,
            rule_template: text(&x, "ruleTemplate")?,
            model_clause: text(&x, "modelClause")?,
            model_note: text(&x, "modelNote")?,
        });
    }
    Ok(m)
}
