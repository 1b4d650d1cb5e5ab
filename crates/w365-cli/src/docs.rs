//! `--help`, shell completions and the man page, written from [`crate::spec`].

use crate::spec::{Command, Opt, COMMANDS};
use std::fmt::Write;

const ABOUT: &str = "w365-perms: Windows 365 and Azure RBAC permissions, evaluated offline";

const REQUEST: &str = "request: {\"roles\": [role definitions], \"assignments\": [{\"role\": \"Reader\", \"scope\": \"/subscriptions/s1\", \"principal\": \"<object id>\"}],\n          \"queries\": [{\"action\": \"Microsoft.Compute/virtualMachines/read\", \"dataAction\": false, \"scope\": \"...\"}],\n          optional: \"denyAssignments\": [this tool's shape, ARM REST or Get-AzDenyAssignment JSON, with principals and excludePrincipals],\n          \"principal\": \"<object id of who asks>\" (else the one principal the assignments name; unknown: a deny that names or excludes principals makes an allow conditional),\n          \"managementGroups\": {\"corp\": [\"/subscriptions/s1\"]}, \"context\": {...}}";

/// What exits 1: (the command and flag, what it found). Every other failure is 2.
/// `--help` and the man page are both written from this list, so they cannot
/// disagree with each other; `main.rs` and the commands return these codes.
const EXIT_ONE: &[(&str, &str)] = &[
    ("lint", "a role with lint errors"),
    ("export --strict", "a role it refuses"),
    ("grade --strict", "an answer that fails a check"),
    ("exercises --validate", "an exercise that does not validate"),
];

/// The `exit status` line of `--help`.
fn exit_line() -> String {
    let ones: Vec<String> = EXIT_ONE
        .iter()
        .map(|(cmd, what)| format!("{what} ({cmd})"))
        .collect();
    format!(
        "exit status: 0 success; 1 {}; 2 unusable input or command line, or output that cannot be written; 141 stdout closed",
        ones.join(", ")
    )
}

fn synopsis(c: &Command) -> String {
    let mut s = format!("w365-perms {}", c.name);
    if !c.args.is_empty() {
        s.push(' ');
        s.push_str(c.args);
    }
    for o in c.options {
        match o.value {
            Some(v) => {
                let _ = write!(s, " [--{} {v}]", o.name);
            }
            None => {
                let _ = write!(s, " [--{}]", o.name);
            }
        }
    }
    s
}

fn option_label(o: &Opt) -> String {
    match o.value {
        Some(v) => format!("--{} {v}", o.name),
        None => format!("--{}", o.name),
    }
}

/// `w365-perms --help`.
pub fn usage() -> String {
    let mut s = format!("{ABOUT}\n\nusage: w365-perms <command> [options]\n       w365-perms <command> --help\n\ncommands:\n");
    let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in COMMANDS {
        let _ = writeln!(s, "  {:width$}  {}", c.name, c.summary);
    }
    let _ = write!(
        s,
        "\ncommon options:\n  --input FILE   read the JSON request (or roles) from FILE instead of stdin\n  --compact      one-line JSON (the commands that write JSON)\n  -h, --help     this text, or a command's with `w365-perms <command> --help`\n  -V, --version  the version\n\nJSON outputs carry \"schemaVersion\": {}.\n{}\n\n{REQUEST}\n",
        crate::output::SCHEMA_VERSION,
        exit_line()
    );
    s
}

/// `w365-perms COMMAND --help`.
pub fn command_help(c: &Command) -> String {
    let mut s = format!(
        "w365-perms {}: {}\n\nusage: {}\n",
        c.name,
        c.summary,
        synopsis(c)
    );
    s.push_str("\noptions:\n");
    let width = c
        .options
        .iter()
        .map(|o| option_label(o).len())
        .max()
        .unwrap_or(0)
        .max("-h, --help".len());
    for o in c.options {
        let _ = writeln!(s, "  {:width$}  {}", option_label(o), o.help);
    }
    let _ = writeln!(s, "  {:width$}  this text", "-h, --help");
    if !c.details.is_empty() {
        // One paragraph a line in the table; wrapped here for a terminal (the man
        // page gives each to roff to fill).
        let _ = writeln!(s);
        for paragraph in c.details.lines() {
            let _ = writeln!(s, "{}", wrap(paragraph, 100));
        }
    }
    s
}

fn names() -> String {
    COMMANDS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A bash completion script.
pub fn bash() -> String {
    let mut cases = String::new();
    for c in COMMANDS {
        let mut words: Vec<String> = c.options.iter().map(|o| format!("--{}", o.name)).collect();
        words.push("--help".into());
        let _ = writeln!(cases, "        {}) opts=\"{}\" ;;", c.name, words.join(" "));
    }
    let mut values = String::new();
    for c in COMMANDS {
        for o in c.options {
            if !o.choices.is_empty() {
                let _ = writeln!(
                    values,
                    "        \"{} --{}\") COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;",
                    c.name,
                    o.name,
                    o.choices.join(" ")
                );
            } else if o.value == Some("FILE") {
                let _ = writeln!(
                    values,
                    "        \"{} --{}\") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;",
                    c.name, o.name
                );
            }
        }
    }
    let shells = crate::spec::SHELLS.join(" ");
    format!(
        r#"# bash completion for w365-perms (w365-perms completions bash)
_w365_perms() {{
    local cur prev cmd opts
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    prev="${{COMP_WORDS[COMP_CWORD-1]}}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "{names} help --help --version" -- "$cur"))
        return
    fi
    cmd="${{COMP_WORDS[1]}}"
    case "$cmd $prev" in
{values}        "help help"|"--help --help"|"-h -h") COMPREPLY=($(compgen -W "{names}" -- "$cur")); return ;;
        "completions completions") COMPREPLY=($(compgen -W "{shells}" -- "$cur")); return ;;
    esac
    case "$cmd" in
{cases}        *) opts="" ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -F _w365_perms w365-perms
"#,
        names = names(),
    )
}

fn zsh_quote(s: &str) -> String {
    s.replace('\'', "'\\''")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace(':', "\\:")
}

/// A zsh completion script.
pub fn zsh() -> String {
    let names = names();
    let mut commands = String::new();
    for c in COMMANDS {
        let _ = writeln!(commands, "        '{}:{}'", c.name, zsh_quote(c.summary));
    }
    let mut cases = String::new();
    for c in COMMANDS {
        let _ = writeln!(cases, "        {})\n            _arguments \\", c.name);
        for o in c.options {
            let action = match o.value {
                None => String::new(),
                Some(_) if !o.choices.is_empty() => {
                    format!(":{}:({})", o.name, o.choices.join(" "))
                }
                Some("FILE") => format!(":{}:_files", o.name),
                Some(v) => format!(":{v}: "),
            };
            let _ = writeln!(
                cases,
                "                '--{}[{}]{}' \\",
                o.name,
                zsh_quote(o.help),
                action
            );
        }
        if c.name == "completions" {
            let _ = writeln!(
                cases,
                "                '1:shell:({})' \\",
                crate::spec::SHELLS.join(" ")
            );
        } else if c.args.contains("FILE") {
            cases.push_str("                '1:file:_files' \\\n");
        }
        cases.push_str("                '(-h --help)'{-h,--help}'[show help]'\n            ;;\n");
    }
    format!(
        r#"#compdef w365-perms
# zsh completion for w365-perms (w365-perms completions zsh)
_w365-perms() {{
    local -a commands
    commands=(
{commands}        'help:the usage of a command'
    )
    if (( CURRENT == 2 )); then
        _describe 'command' commands
        return
    fi
    local cmd=${{words[2]}}
    shift words
    (( CURRENT-- ))
    case $cmd in
        help)
            _arguments '1:command:({names})'
            ;;
{cases}    esac
}}
_w365-perms "$@"
"#
    )
}

fn fish_quote(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A fish completion script.
pub fn fish() -> String {
    let mut s = String::from(
        "# fish completion for w365-perms (w365-perms completions fish)\ncomplete -c w365-perms -f\n",
    );
    let all = names();
    for c in COMMANDS {
        let _ = writeln!(
            s,
            "complete -c w365-perms -n 'not __fish_seen_subcommand_from {all} help' -a {} -d {}",
            c.name,
            fish_quote(c.summary)
        );
    }
    let _ = writeln!(
        s,
        "complete -c w365-perms -n 'not __fish_seen_subcommand_from {all} help' -a help -d 'the usage of a command'\ncomplete -c w365-perms -n '__fish_seen_subcommand_from help' -a {}",
        fish_quote(&all)
    );
    for c in COMMANDS {
        for o in c.options {
            let mut line = format!(
                "complete -c w365-perms -n '__fish_seen_subcommand_from {}' -l {} -d {}",
                c.name,
                o.name,
                fish_quote(o.help)
            );
            match o.value {
                None => {}
                Some(_) if !o.choices.is_empty() => {
                    let _ = write!(line, " -x -a {}", fish_quote(&o.choices.join(" ")));
                }
                Some("FILE") => line.push_str(" -r -F"),
                Some(_) => line.push_str(" -x"),
            }
            s.push_str(&line);
            s.push('\n');
        }
        let _ = writeln!(
            s,
            "complete -c w365-perms -n '__fish_seen_subcommand_from {}' -s h -l help -d 'show help'",
            c.name
        );
    }
    let _ = writeln!(
        s,
        "complete -c w365-perms -n '__fish_seen_subcommand_from completions' -a {}",
        fish_quote(&crate::spec::SHELLS.join(" "))
    );
    s
}

/// roff-escape a line of text.
fn roff(s: &str) -> String {
    let s = s.replace('\\', "\\e").replace('-', "\\-");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// The man page, in roff (`man -l`).
pub fn man() -> String {
    let mut s = format!(
        ".TH W365\\-PERMS 1 \"\" \"w365-perms {}\" \"User Commands\"\n.SH NAME\nw365\\-perms \\- Windows 365 and Azure RBAC permissions, evaluated offline\n.SH SYNOPSIS\n.B w365\\-perms\n.I command\n[\\fIoptions\\fR]\n.SH DESCRIPTION\nJSON in (stdin or \\fB\\-\\-input\\fR \\fIFILE\\fR), JSON out on stdout. JSON outputs carry \\fBschemaVersion\\fR {}.\nEvery command takes \\fB\\-\\-help\\fR.\n",
        env!("CARGO_PKG_VERSION"),
        crate::output::SCHEMA_VERSION
    );
    s.push_str(".SH COMMANDS\n");
    for c in COMMANDS {
        let _ = writeln!(s, ".SS {}", roff(&synopsis(c)));
        let _ = writeln!(s, "{}", roff(c.summary));
        for o in c.options {
            let _ = writeln!(s, ".TP\n.B {}\n{}", roff(&option_label(o)), roff(o.help));
        }
        for line in c.details.lines() {
            let _ = writeln!(s, ".PP\n{}", roff(line));
        }
    }
    let _ = writeln!(
        s,
        ".SH REQUEST\n.nf\n{}\n.fi\n.SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\n{}\n.TP\n2\nunusable input, bad command line, or output that cannot be written\n.TP\n141\nthe reader of stdout went away (as SIGPIPE)",
        roff(REQUEST),
        EXIT_ONE
            .iter()
            .map(|(cmd, what)| format!("{} (\\fB{}\\fR)", roff(what), roff(cmd)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    s
}

/// `text` broken at spaces into lines of at most `width` characters (a longer
/// word stays whole on its own line). No line starts with `-`, where it would read
/// as an option of the list above it: such a word goes down with the word before
/// it, which keeps every line within the width (a re-check review: 110 columns).
fn wrap(text: &str, width: usize) -> String {
    let mut units: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match units.last_mut() {
            Some(last) if word.starts_with('-') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    let mut out = String::new();
    let mut line = 0;
    for word in &units {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}
