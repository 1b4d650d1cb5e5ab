//! `w365-perms operations`: every Windows 365 operation for the assignments.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::readiness::{Context, OperationResult};

#[derive(Serialize)]
struct Out<'a> {
    context: &'a Context,
    operations: Vec<OperationResult>,
}

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("operations", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    // The operations named are checked before the request is read: a misspelt id
    // is named as such, whatever the input holds (or when it is empty).
    let wanted = super::operations(cat, &a.values("operation"))?;
    let req = super::request(cat, a.value("input"))?;
    let ops = if wanted.is_empty() {
        req.env.operations(&req.context)
    } else {
        wanted
            .into_iter()
            .map(|op| req.env.operation(op, &req.context))
            .collect()
    };
    output::json(
        &Out {
            context: &req.context,
            operations: ops,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}
