//! `w365-perms eval`: one decision per query, in order.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::ser::SerializeSeq;
use serde::Serialize;
use w365_engine::evaluate::{Decision, Evaluator, Query, Reason};
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

/// The results, each evaluated as it is written (an answer is never held longer
/// than it takes to write it).
struct Results<'a, 'c> {
    queries: &'a [Query],
    evaluator: Evaluator<'a, 'c>,
}

impl Serialize for Results<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.queries.len()))?;
        for q in self.queries {
            let e = self.evaluator.evaluate(q);
            seq.serialize_element(&Result {
                action: &q.action,
                data_action: e.data_action,
                scope: q.scope.as_ref().map(|s| s.as_str()),
                plane: e.plane,
                evaluated_as: (e.action != q.action).then_some(e.action.as_str()),
                decision: e.decision,
                reasons: &e.reasons,
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Out<'a, 'c> {
    results: Results<'a, 'c>,
}

/// Run the command.
pub fn run(argv: &[String]) -> std::result::Result<u8, Failure> {
    let a = Args::command("eval", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let req = super::request(cat, a.value("input"))?;
    let results = Results {
        queries: &req.queries,
        evaluator: req.env.evaluator(),
    };
    output::json(&Out { results }, a.flag("compact"))?;
    Ok(0)
}
