//! `w365-perms decode`: an Azure authorization error (or a health-check code) on
//! stdin, answered: `{"kind", "action", "scope", "fixes": [...], ...}`. With
//! `--input FILE` (a request: roles, assignments, deny assignments, management
//! groups), the reasons say why those assignments deny it. Text that names no known
//! error exits 2 with one line.

use crate::args::{read_source, source_name, Args};
use crate::failure::Failure;
use crate::output;
use w365_engine::decode::decode;
use w365_engine::evaluate::Environment;
use w365_engine::roleset::RoleSet;

/// Run the command.
pub fn run(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("decode", argv)?;
    a.at_most(0)?;
    let cat = output::catalog()?;
    let request;
    let empty;
    let env: &Environment<'_> = match a.value("input") {
        Some(path) => {
            request = super::request(cat, Some(path))?;
            &request.env
        }
        None => {
            empty = Environment::new(RoleSet::new(cat, Vec::new()));
            &empty
        }
    };
    let text = read_source(None)?;
    // The error text comes from standard input, also with `--input FILE`: said, so
    // the request file is not blamed for it (an outside review).
    let answer =
        decode(env, &text).map_err(|e| Failure::Input(format!("{}: {e}", source_name(None))))?;
    output::json(&answer, a.flag("compact"))?;
    Ok(0)
}
