//! `w365-perms`: the Windows 365 Permission Explorer engine for reviewers' pipelines.
//!
//! JSON in (stdin or `--input FILE`), JSON out on stdout, exit 0; exit 2 with one
//! line on stderr for unusable input or output that cannot be written (a full
//! disk); `lint` exits 1 when the role has errors, and `export --strict` refuses
//! such a role with exit 1. When the reader of stdout goes
//! away (`w365-perms --help | head -1`) the command ends quietly with exit 141, the
//! status a SIGPIPE gives. Nothing is printed with `print!`, which panics on a
//! closed or full stdout. See `w365-perms --help` and the README.

mod args;
mod commands;
mod failure;
mod output;

use failure::Failure;
use std::process::ExitCode;

const USAGE: &str = "\
w365-perms: Windows 365 and Azure RBAC permissions, evaluated offline

usage: w365-perms <command> [options]

commands:
  eval         decide queries for role assignments          (JSON request in)
  operations   every Windows 365 operation for assignments  (JSON request in)
  explain      eval + operations as prose for a report      (JSON request in)
  expand       effective operations of roles                --role NAME_OR_ID ... | --all-builtins
  lint FILE    check a custom role; exit 1 on errors        [--format text|json]
  export FILE  write a role as arm|az-json|az-cli|powershell|bicep|terraform|graph
               --format FORMAT [--role NAME] [--strict]
               (lint errors: warned on stderr and exported; `--strict` refuses, exit 1)
  grants       which roles grant an action, and how         ACTION [--data-action] [--input FILE]
  compare      roles side by side                           --role A --role B [--role C ...]
               (`--role NAME@YYYY-MM-DD`: a built-in role as Graph returned it then)
  timeline     a built-in Cloud PC or Intune role's dated changes  --role NAME [--as-of YYYY-MM-DD]
  disagreements  the seed's permission table against the observed built-in roles
  least        least privilege and the minimal custom role  --action A ... [--data-action D ...] | --operation ID
               [--exact] [--scope SCOPE ...] [--name NAME]
  enables ID   built-in roles that enable an operation alone (least privileged first)
  roles        list the bundled roles                        [--search TEXT] [--plane azure|cloudPc|entra|intune]
  risk         a role's risk notes by category, each with its basis  --role NAME_OR_ID ... [--input FILE]
  remote-actions  Cloud PC remote actions: permissions per plane, held or not  (JSON request in, or --none)
  visibility   which objects an admin sees through scope tags (JSON in: objects, assignments)
  tenant       review exported assignments and custom roles per principal
               --input FILE ... (az, Get-AzRoleAssignment, Graph, Intune exports)
  report       a review report of a design (request) or a tenant's exports
               --input FILE ... [--format markdown|html|json]
  decode       an Azure authorization error on stdin: action, scope, why, the fix
               [--input FILE]  (a request whose assignments explain the denial)
  health-check CODE  what an ANC health-check errorType means and which role fixes it  [--list]
  anc-recipe   the two-person ANC setup: az/PowerShell for the network admin
               [--subscription ID] [--resource-group RG] [--vnet NAME|ID] [--vnet-resource-group RG]
               [--admin UPN] [--format json|az|powershell]

common options:
  --input FILE   read the JSON request (or roles) from FILE instead of stdin
  --compact      one-line JSON
  -h, --help     this text;  -V, --version

request: {\"roles\": [role definitions], \"assignments\": [{\"role\": \"Reader\", \"scope\": \"/subscriptions/s1\"}],
          \"queries\": [{\"action\": \"Microsoft.Compute/virtualMachines/read\", \"dataAction\": false, \"scope\": \"...\"}]}
";

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        output::stderr_line(&format!(
            "w365-perms: internal error (please report it): {info}"
        ));
    }));
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(m)) | Err(Failure::Input(m)) => {
            output::stderr_line(&format!(
                "w365-perms: {}",
                w365_engine::text::escape_hidden(&m)
            ));
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::from(141)
        }
        Err(Failure::Output(e)) => {
            output::stderr_line(&format!("w365-perms: cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
}

fn run(argv: &[String]) -> Result<u8, Failure> {
    let Some(cmd) = argv.first() else {
        output::text(USAGE)?;
        return Ok(2);
    };
    let rest = &argv[1..];
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            output::text(USAGE)?;
            Ok(0)
        }
        "-V" | "--version" => {
            output::text(&format!("w365-perms {}\n", env!("CARGO_PKG_VERSION")))?;
            Ok(0)
        }
        "eval" => commands::eval::run(rest),
        "operations" => commands::operations::run(rest),
        "explain" => commands::explain::run(rest),
        "expand" => commands::expand::run(rest),
        "lint" => commands::lint::run(rest),
        "export" => commands::export::run(rest),
        "grants" => commands::lookup::grants(rest),
        "compare" => commands::lookup::compare(rest),
        "least" => commands::lookup::least(rest),
        "roles" => commands::lookup::roles(rest),
        "enables" => commands::lookup::enables(rest),
        "timeline" => commands::observed::timeline(rest),
        "remote-actions" => commands::remote::run(rest),
        "visibility" => commands::visibility::run(rest),
        "health-check" => commands::health::health_check(rest),
        "anc-recipe" => commands::health::anc_recipe(rest),
        "disagreements" => commands::observed::disagreements(rest),
        "risk" => commands::risk::run(rest),
        "decode" => commands::decode::run(rest),
        "tenant" => commands::tenant::run(rest),
        "report" => commands::report::run(rest),
        other => Err(Failure::Usage(format!(
            "unknown command `{other}`{}; run `w365-perms --help`",
            w365_engine::fuzzy::closest(
                other,
                [
                    "eval",
                    "operations",
                    "explain",
                    "expand",
                    "lint",
                    "export",
                    "grants",
                    "compare",
                    "least",
                    "roles",
                    "enables",
                    "timeline",
                    "disagreements",
                    "remote-actions",
                    "visibility",
                    "health-check",
                    "anc-recipe",
                    "risk",
                    "decode",
                    "tenant",
                    "report"
                ]
            )
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default()
        ))),
    }
}
