//! `w365-perms visibility`: which Windows 365 objects an administrator sees through
//! scope tags, and which they can act on.
//!
//! In: `{"objects": [{"id", "type", "scopeTags"}], "assignments": [{"role", "scopeTags"}]}`
//! (stdin or `--input FILE`); `admins` instead of `assignments` gives the grid.
//! Out: `{"objects": [{"id", "visible", "reasons": [...], ...}]}` in input order.

use crate::args::{read_source, Args};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::scopetags::{self, Access, DeviceVisibility, Mismatch, ObjectType, Visibility};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Device<'a> {
    scope_tags: &'a [String],
    visible: bool,
    /// The sources do not say (R5): the engine's flag, which the README promises
    /// (an outside review: it was dropped here).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unknown: bool,
    reasons: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Object<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: ObjectType,
    visible: bool,
    actionable: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    conditional: bool,
    access: Access,
    reasons: Vec<String>,
    rules: &'a [String],
    inferred: bool,
    actions: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<Device<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mismatch: Option<&'a Mismatch>,
}

fn object(v: &Visibility) -> Object<'_> {
    Object {
        id: &v.id,
        kind: v.kind,
        visible: v.visible,
        actionable: v.actionable,
        conditional: v.conditional,
        access: v.access,
        reasons: v.reasons.iter().map(|r| r.text()).collect(),
        rules: &v.rules,
        inferred: v.inferred,
        actions: &v.actions,
        notes: v.notes.iter().map(|r| r.text()).collect(),
        device: v.device.as_ref().map(|d: &DeviceVisibility| Device {
            scope_tags: &d.scope_tags,
            visible: d.visible,
            unknown: d.unknown,
            reasons: d.reasons.iter().map(|r| r.text()).collect(),
        }),
        mismatch: v.mismatch.as_ref(),
    }
}

/// A rule the answers used, with its basis and sources.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleUsed<'a> {
    id: &'a str,
    text: &'a str,
    basis: &'a str,
    sources: Vec<String>,
    /// A source's words only.
    quote: &'a str,
    /// The reference's own words, not a source's.
    #[serde(skip_serializing_if = "Option::is_none")]
    paraphrase: Option<&'a str>,
    /// Another source whose words seem to conflict with the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    disagreement: Option<&'a scopetags::Disagreement>,
}

fn rules_used<'a>(cat: &'a w365_engine::Catalog, seen: &[&Visibility]) -> Vec<RuleUsed<'a>> {
    let m = &cat.scope_tags;
    m.rules
        .iter()
        .filter(|r| {
            seen.iter().any(|v| {
                v.reasons
                    .iter()
                    .chain(&v.notes)
                    .chain(v.device.iter().flat_map(|d| &d.reasons))
                    .any(|x| x.rule == r.id)
                    || v.mismatch.as_ref().is_some_and(|x| x.rule == r.id)
            })
        })
        .map(|r| RuleUsed {
            id: &r.id,
            text: &r.text,
            basis: &r.basis,
            sources: r
                .sources
                .iter()
                .map(|s| {
                    m.sources
                        .iter()
                        .find(|x| &x.id == s)
                        .map(|x| format!("{}: {}", x.id, x.cite))
                        .unwrap_or_else(|| s.clone())
                })
                .collect(),
            quote: &r.quote,
            paraphrase: r.paraphrase.as_deref(),
            disagreement: r.disagreement.as_ref(),
        })
        .collect()
}

#[derive(Serialize)]
struct Single<'a> {
    objects: Vec<Object<'a>>,
    rules: Vec<RuleUsed<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    objects: Vec<Object<'a>>,
}

#[derive(Serialize)]
struct Many<'a> {
    admins: Vec<Row<'a>>,
    rules: Vec<RuleUsed<'a>>,
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("visibility", argv)?;
    a.at_most(1)?;
    let input = a.input()?;
    let cat = output::catalog()?;
    let text = read_source(input)?;
    let scenario = scopetags::parse(cat, &text).map_err(|e| Failure::Input(e.to_string()))?;
    output::warnings(&scenario.warnings);
    let compact = a.flag("compact");
    if scenario.single {
        let seen = scenario.visibility();
        let all: Vec<&Visibility> = seen.iter().collect();
        output::json(
            &Single {
                objects: seen.iter().map(object).collect(),
                rules: rules_used(cat, &all),
            },
            compact,
        )?;
    } else {
        let grid = scenario.grid();
        let admins = grid
            .admins
            .iter()
            .zip(&grid.cells)
            .map(|(name, row)| Row {
                name,
                objects: row.iter().map(object).collect(),
            })
            .collect();
        let all: Vec<&Visibility> = grid.cells.iter().flatten().collect();
        output::json(
            &Many {
                admins,
                rules: rules_used(cat, &all),
            },
            compact,
        )?;
    }
    Ok(0)
}
