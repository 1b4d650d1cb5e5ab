//! `w365-perms eval`: one decision per query, in order.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::evaluate::{Decision, Reason};
use w365_engine::Plane;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Result<'a> {
    action: &'a str,
    data_action: bool,
    scope: Option<&'a str>,
    plane: Plane,
    #[serde(skip_serializing_if = "Option::is_none")]
    evaluated_as: Option<&'a str>,
    decision: Decision,
    reasons: &'a [Reason],
}

#[derive(Serialize)]
struct Out<'a> {
    results: Vec<Result<'a>>,
}

/// Run the command.
pub fn run(argv: &[String]) -> std::result::Result<u8, Failure> {
    let a = Args::parse(argv, &["input"], &["compact"])?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let req = super::request(cat, a.value("input"))?;
    let evals: Vec<_> = req.queries.iter().map(|q| req.env.evaluate(q)).collect();
    let results = req
        .queries
        .iter()
        .zip(&evals)
        .map(|(q, e)| Result {
            action: &q.action,
            data_action: q.data_action,
            scope: q.scope.as_ref().map(|s| s.as_str()),
            plane: e.plane,
            evaluated_as: (e.action != q.action).then_some(e.action.as_str()),
            decision: e.decision,
            reasons: &e.reasons,
        })
        .collect();
    output::json(&Out { results }, a.flag("compact"))?;
    Ok(0)
}
