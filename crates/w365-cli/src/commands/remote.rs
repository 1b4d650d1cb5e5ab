//! `w365-perms remote-actions`: each remote action on a Cloud PC with the
//! permission(s) it needs in which plane, and whether the request's assignments
//! hold them.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::remote::{self, RemoteStatus};

#[derive(Serialize)]
struct Out {
    actions: Vec<RemoteStatus>,
}

/// Run the command: assignments from `--input FILE` or stdin (`{"assignments": [...]}`);
/// `--none` lists the actions against no assignments without reading input.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("remote-actions", argv)?;
    a.at_most(0)?;
    if a.flag("none") && a.value("input").is_some() {
        return Err(Failure::Usage(
            "use either `--none` (no assignments) or `--input FILE`".into(),
        ));
    }
    let cat = output::catalog()?;
    let req = if a.flag("none") {
        w365_engine::request::parse(cat, "{}").map_err(|e| Failure::Input(e.to_string()))?
    } else {
        super::request(cat, a.value("input"))?
    };
    output::json(
        &Out {
            actions: remote::check(&req.env),
        },
        a.flag("compact"),
    )?;
    Ok(0)
}
