//! `w365-perms`: the Windows 365 Permission Explorer engine for reviewers' pipelines.
//!
//! JSON in (stdin or `--input FILE`), JSON out on stdout, exit 0; exit 2 with one
//! line on stderr for unusable input or output that cannot be written (a full
//! disk); `lint` exits 1 when the role has errors, and `export --strict` refuses
//! such a role with exit 1; `grade --strict` exits 1 when the answer fails a
//! check, `exercises --validate` when an exercise does not validate (the list is
//! `docs::EXIT_ONE`). When the reader of stdout goes
//! away (`w365-perms --help | head -1`) the command ends quietly with exit 141, the
//! status a SIGPIPE gives. Nothing is printed with `print!`, which panics on a
//! closed or full stdout. See `w365-perms --help` and the README.

mod args;
mod commands;
mod docs;
mod failure;
mod output;
mod spec;

use failure::Failure;

/// mimalloc instead of the system allocator: hostile inputs make hundreds of
/// thousands of small allocations (see ARCHITECTURE.md, "Crates").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        output::stderr_line(&format!(
            "w365-perms: internal error (please report it): {info}"
        ));
    }));
    // An argument that is not UTF-8 is a usage error, not a panic (an outside
    // review: `std::env::args` panicked on `\xff`).
    let argv = std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(i, a)| {
            a.into_string().map_err(|a| {
                Failure::Usage(format!(
                    "argument {} is not UTF-8 text (`{}`); give names and paths as UTF-8",
                    i + 1,
                    a.to_string_lossy()
                ))
            })
        })
        .collect::<Result<Vec<String>, Failure>>();
    match argv.and_then(|argv| run(&argv)) {
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
        // A usage error like any other: one line on stderr, nothing on stdout
        // (review s43: the whole usage went to stdout, where a pipeline reads).
        output::stderr_line("w365-perms: no command given; `w365-perms --help` lists the commands");
        return Ok(2);
    };
    let rest = &argv[1..];
    match cmd.as_str() {
        "-h" | "--help" | "help" => {
            // Alone, or with a COMMAND for that command's usage; a word more is
            // refused rather than ignored (an outside review).
            let text = match rest {
                [] => docs::usage(),
                // `help help`: the usage, which says what `help` does.
                [name] if name == "help" => docs::usage(),
                [name] => docs::command_help(known(name)?),
                [_, extra, ..] => return Err(after(cmd, extra)),
            };
            output::text(&text)?;
            return Ok(0);
        }
        "-V" | "--version" => {
            if let Some(extra) = rest.first() {
                return Err(after(cmd, extra));
            }
            output::text(&format!("w365-perms {}\n", env!("CARGO_PKG_VERSION")))?;
            return Ok(0);
        }
        _ => {}
    }
    let command = known(cmd)?;
    // Before `--` only: after it, `--help` is an argument (a re-check review).
    if rest
        .iter()
        .take_while(|a| *a != "--")
        .any(|a| a == "-h" || a == "--help")
    {
        output::text(&docs::command_help(command))?;
        return Ok(0);
    }
    dispatch(command.name, rest).map_err(|e| naming_the_file(e, command.name, rest))
}

/// An input error that does not say which file it is about, with the file read
/// named first (a review: a JSON syntax error in `--input FILE` gave a line and a
/// column but no file).
fn naming_the_file(e: Failure, name: &str, rest: &[String]) -> Failure {
    let Failure::Input(m) = e else {
        return e;
    };
    // `--input` first: some commands' first positional is an action or a name.
    let file = args::Args::command(name, rest)
        .ok()
        .and_then(|a| {
            a.value("input")
                .map(str::to_string)
                .or_else(|| a.input().ok().flatten().map(str::to_string))
        })
        .filter(|p| p != "-" && std::path::Path::new(p).is_file());
    match file {
        // A message about standard input is not the file's (`decode --input FILE`
        // reads the error text from stdin).
        Some(p) if !m.contains(p.as_str()) && !m.starts_with(args::source_name(None)) => {
            Failure::Input(format!("{p}: {m}"))
        }
        _ => Failure::Input(m),
    }
}

/// A word after `--version` or `help COMMAND`, refused.
fn after(what: &str, extra: &str) -> Failure {
    Failure::Usage(format!(
        "unexpected argument `{}` after `{what}`",
        w365_engine::text::escape_hidden(extra)
    ))
}

/// The command named `name`, or a usage error with the closest name.
fn known(name: &str) -> Result<&'static spec::Command, Failure> {
    spec::command(name).ok_or_else(|| {
        Failure::Usage(format!(
            "unknown command `{name}`{}; run `w365-perms --help`",
            w365_engine::fuzzy::closest(name, spec::COMMANDS.iter().map(|c| c.name))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default()
        ))
    })
}

/// Run a command of [`spec::COMMANDS`].
fn dispatch(name: &str, rest: &[String]) -> Result<u8, Failure> {
    match name {
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
        "completions" => commands::docs::completions(rest),
        "man" => commands::docs::man(rest),
        "tenant" => commands::tenant::run(rest),
        "report" => commands::report::run(rest),
        "grade" => commands::grade::grade(rest),
        "exercises" => commands::grade::exercises(rest),
        other => Err(Failure::Usage(format!(
            "the command `{other}` is in the table but not dispatched (please report it)"
        ))),
    }
}
