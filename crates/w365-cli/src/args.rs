//! A small, strict command-line parser: flags, repeated options, positionals.

use crate::failure::Failure;
use std::io::Read;

/// Options that may be given more than once (each adds a value); any other option
/// given twice is refused rather than letting the last one win silently.
const REPEATABLE: &[&str] = &["role", "operation", "action", "data-action", "scope"];

/// Parsed arguments of one command.
#[derive(Debug, Default)]
pub struct Args {
    /// `--name value` pairs, in order.
    pub options: Vec<(String, String)>,
    /// `--flag`s.
    pub flags: Vec<String>,
    /// Positional arguments.
    pub positionals: Vec<String>,
}

impl Args {
    /// Parse `argv` for a command that accepts these options (taking a value) and
    /// flags, where the options of `repeatable` may also be given more than once
    /// (`tenant --input A --input B`).
    fn parse_repeating(
        argv: &[String],
        options: &[&str],
        flags: &[&str],
        repeatable: &[&str],
    ) -> Result<Args, Failure> {
        let mut a = Args::default();
        let mut it = argv.iter();
        while let Some(arg) = it.next() {
            // `--` ends the options: what follows is positional, even `-x`
            // (an outside review: `health-check -- CODE` was refused).
            if arg == "--" {
                a.positionals.extend(it.by_ref().cloned());
                break;
            }
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (name, None),
                };
                if options.contains(&name) {
                    let value = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| Failure::Usage(format!("`--{name}` needs a value")))?,
                    };
                    if !REPEATABLE.contains(&name)
                        && !repeatable.contains(&name)
                        && a.options.iter().any(|(n, _)| n == name)
                    {
                        return Err(Failure::Usage(format!(
                            "`--{name}` is given twice; give it once"
                        )));
                    }
                    a.options.push((name.to_string(), value));
                } else if flags.contains(&name) && inline.is_none() {
                    // As an option given twice (an outside review: `--strict
                    // --strict` passed).
                    if a.flags.iter().any(|f| f == name) {
                        return Err(Failure::Usage(format!(
                            "`--{name}` is given twice; give it once"
                        )));
                    }
                    a.flags.push(name.to_string());
                } else {
                    let known: Vec<&str> = options.iter().chain(flags).copied().collect();
                    let hint = w365_engine::fuzzy::closest(name, known.iter().copied())
                        .map(|s| format!(" (did you mean `--{s}`?)"))
                        .unwrap_or_default();
                    return Err(Failure::Usage(format!("unknown option `--{name}`{hint}")));
                }
            } else if arg == "-" || !arg.starts_with('-') || arg.len() == 1 {
                a.positionals.push(arg.clone());
            } else {
                return Err(Failure::Usage(format!("unknown option `{arg}`")));
            }
        }
        Ok(a)
    }

    /// Parse `argv` for the command `name` of [`crate::spec::COMMANDS`], with the
    /// options and flags the table gives it.
    pub fn command(name: &str, argv: &[String]) -> Result<Args, Failure> {
        Args::command_repeating(name, argv, &[])
    }

    /// [`Args::command`], where the options of `repeatable` may also be given more
    /// than once (`tenant --input A --input B`).
    pub fn command_repeating(
        name: &str,
        argv: &[String],
        repeatable: &[&str],
    ) -> Result<Args, Failure> {
        let c = crate::spec::command(name)
            .ok_or_else(|| Failure::Usage(format!("unknown command `{name}`")))?;
        let mut a = Args::parse_repeating(argv, &c.option_names(), &c.flag_names(), repeatable)?;
        // A value of a fixed set is read whatever its letter case, as every command
        // reads it (an outside review: `export --format ARM` was taken, `lint
        // --format JSON` refused): `JSON` becomes `json` here, once for all.
        for (name, value) in &mut a.options {
            let choices = c.options.iter().find(|o| o.name == name).map(|o| o.choices);
            if let Some(&canonical) = choices
                .unwrap_or_default()
                .iter()
                .find(|choice| choice.eq_ignore_ascii_case(value.trim()))
            {
                *value = canonical.to_string();
            }
        }
        Ok(a)
    }

    /// The input file: the first positional or `--input`, not both.
    pub fn input(&self) -> Result<Option<&str>, Failure> {
        match (self.positionals.first(), self.value("input")) {
            (Some(p), Some(i)) => Err(Failure::Usage(format!(
                "two inputs: `{p}` and `--input {i}`; give one"
            ))),
            (Some(p), None) => Ok(Some(p)),
            (None, i) => Ok(i),
        }
    }

    /// The one value of `--name`, or of the first positional argument when
    /// `positional`: giving both, or a repeatable option twice, is refused rather
    /// than letting one win silently (an outside review: `timeline A --role B`
    /// answered for B, `enables X --operation Y` for X).
    pub fn one(&self, name: &str, positional: bool) -> Result<Option<&str>, Failure> {
        let given = self.values(name);
        if let [first, second, ..] = given.as_slice() {
            return Err(Failure::Usage(format!(
                "`--{name}` is given twice (`{first}`, `{second}`); give one"
            )));
        }
        let first = positional
            .then(|| self.positionals.first().map(String::as_str))
            .flatten();
        match (first, given.first()) {
            (Some(p), Some(o)) => Err(Failure::Usage(format!(
                "two values: `{p}` and `--{name} {o}`; give one"
            ))),
            (Some(p), None) => Ok(Some(p)),
            (None, o) => Ok(o.copied()),
        }
    }

    /// The value of an option (options other than the repeatable ones appear once).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated option.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.options
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Whether a flag is set.
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }

    /// Whether `--compact` is set, for an output that is JSON when `json`: given
    /// with a text, Markdown, HTML or script output it is refused, as an option a
    /// command does not take is (an outside review: `lint --compact` and `report
    /// --compact` printed their text unchanged, while `export --compact` was refused).
    pub fn compact(&self, json: bool, output: &str) -> Result<bool, Failure> {
        match (self.flag("compact"), json) {
            (true, false) => Err(Failure::Usage(format!(
                "`--compact` shapes JSON output, and this writes {output}; add `--format json`, or leave `--compact` out"
            ))),
            (compact, _) => Ok(compact),
        }
    }

    /// Refuse positionals beyond `max`.
    pub fn at_most(&self, max: usize) -> Result<(), Failure> {
        match self.positionals.get(max) {
            Some(extra) => Err(Failure::Usage(format!("unexpected argument `{extra}`"))),
            None => Ok(()),
        }
    }
}

/// Read a file (`-` is stdin), refusing non-UTF-8 and oversized input. The size is
/// checked first: a file's length before reading, and stdin after at most one byte
/// more than the limit.
pub fn read_source(path: Option<&str>) -> Result<String, Failure> {
    read_source_limited(path, w365_engine::json::MAX_INPUT_BYTES)
}

/// The roles of a role file (or of standard input without one), for `lint` and
/// `export` (`verb`: what is done with them): a Bicep or Terraform file is named
/// as such rather than where the JSON reader stopped (review H1 L7), and a list
/// with no role (`{"value": []}`) is refused, not passed as clean; `then` says
/// what to give instead of a Bicep or Terraform file.
pub fn read_roles(
    source: Option<&str>,
    verb: &str,
    then: &str,
) -> Result<Vec<w365_engine::import::ImportedRole>, Failure> {
    use w365_engine::import;
    let path = source_name(source);
    let text = read_source(source)?;
    let roles = import::import(&text).map_err(|e| {
        Failure::Input(match import::foreign_format(&text, source) {
            Some(format) => format!(
                "{path}: a {format} file, which `{verb}` does not read: it reads roles as JSON (a role definition, an ARM template, a REST or Graph request, az CLI or PowerShell JSON, or a script holding one); {verb} the JSON the {format} file was written from{then} ({e})"
            ),
            None => format!("{path}: {e}"),
        })
    })?;
    if roles.is_empty() {
        return Err(Failure::Input(format!(
            "{path} holds no role definition to {verb}"
        )));
    }
    Ok(roles)
}

/// How messages name the input: the file's path, or `standard input`.
pub fn source_name(source: Option<&str>) -> &str {
    source.filter(|p| *p != "-").unwrap_or("standard input")
}

/// [`read_source`] with another size limit (tenant exports are larger than roles).
pub fn read_source_limited(path: Option<&str>, limit: usize) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let what = source_name(path);
    let taken = match path.filter(|p| *p != "-") {
        Some(p) => {
            let file = std::fs::File::open(p)
                .map_err(|e| Failure::Input(format!("cannot read `{p}`: {e}")))?;
            if file
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() > limit as u64)
            {
                return Err(Failure::Input(format!(
                    "{what} is larger than the limit of {limit} bytes"
                )));
            }
            file.take(limit as u64 + 1).read_to_end(&mut bytes)
        }
        None => std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes),
    };
    taken.map_err(|e| {
        Failure::Input(match path.filter(|p| *p != "-") {
            Some(p) => format!("cannot read `{p}`: {e}"),
            None => format!("cannot read {what}: {e}"),
        })
    })?;
    if bytes.len() > limit {
        return Err(Failure::Input(format!(
            "{what} is larger than the limit of {limit} bytes"
        )));
    }
    // UTF-8, or UTF-16 with its mark (what Windows PowerShell's `>` writes).
    w365_engine::text::decode_text(bytes).map_err(|why| Failure::Input(format!("{what}: {why}")))
}
