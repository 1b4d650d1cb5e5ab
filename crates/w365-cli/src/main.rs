//! `w365-perms`: the Windows 365 Permission Explorer engine for reviewers' pipelines.
//!
//! JSON in (stdin or `--input FILE`), JSON out on stdout, exit 0; exit 2 with one
//! line on stderr for unusable input; `lint` exits 1 when the role has errors,
//! `grade --strict` when the answer fails a check, `exercises --validate` when an
//! exercise is not usable.
//! See `w365-perms --help` and the README.

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
               --format FORMAT [--role NAME]
  grants       which roles grant an action, and how         ACTION [--data-action] [--input FILE]
  compare      roles side by side                           --role A --role B [--role C ...]
               (`--role NAME@YYYY-MM-DD`: a built-in role as Graph returned it then)
  timeline     a built-in Cloud PC or Intune role's dated changes  --role NAME [--as-of YYYY-MM-DD]
  disagreements  the seed's permission table against the observed built-in roles
  least        least privilege for actions or an operation  --action A ... [--data-action D ...] | --operation ID
  enables ID   built-in roles that enable an operation alone (least privileged first)
  roles        list the bundled roles                        [--search TEXT] [--plane azure|cloudPc|entra|intune]
  remote-actions  Cloud PC remote actions: permissions per plane, held or not  (JSON request in, or --none)
  visibility   which objects an admin sees through scope tags (JSON in: objects, assignments)
  grade        grade an answer against an exercise (exit 0 pass or fail; --strict: 1 on fail)
               --exercise EXERCISE.json [--input ANSWER.json | --solution] [--strict]
  exercises    the built-in training pack  [--list | --id ID] | --validate FILE (exit 1 when unusable)
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
        let msg = info.to_string().replace('\n', " ");
        eprintln!("w365-perms: internal error (please report it): {msg}");
    }));
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(m)) | Err(Failure::Input(m)) => {
            eprintln!("w365-perms: {}", m.replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::Output(m)) => {
            if !m.contains("Broken pipe") {
                eprintln!("w365-perms: cannot write the output: {m}");
            }
            ExitCode::from(2)
        }
    }
}

fn run(argv: &[String]) -> Result<u8, Failure> {
    let Some(cmd) = argv.first() else {
        print!("{USAGE}");
        return Ok(2);
    };
    let rest = &argv[1..];
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(0)
        }
        "-V" | "--version" => {
            println!("w365-perms {}", env!("CARGO_PKG_VERSION"));
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
        "grade" => commands::grade::grade(rest),
        "exercises" => commands::grade::exercises(rest),
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
                    "grade",
                    "exercises"
                ]
            )
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default()
        ))),
    }
}
