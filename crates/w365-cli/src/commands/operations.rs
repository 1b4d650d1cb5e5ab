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
    let req = super::request(cat, a.value("input"))?;
    let wanted = a.values("operation");
    let mut ops = Vec::new();
    if wanted.is_empty() {
        ops = req.env.operations(&req.context);
    } else {
        for id in wanted {
            let op = super::operation(cat, id)?;
            ops.push(req.env.operation(op, &req.context));
        }
    }
    output::json(
        &Out {
            context: &req.context,
            operations: ops,
        },
        a.flag("compact"),
    )?;
    Ok(0)
}
