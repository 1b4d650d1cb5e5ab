//! `completions SHELL` and `man`: what [`crate::docs`] writes from the command table.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;

/// `completions bash|zsh|fish`.
pub fn completions(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("completions", argv)?;
    a.at_most(1)?;
    // In any letter case, as every fixed set is read.
    let shell = a.positionals.first().map(|s| s.to_ascii_lowercase());
    let script = match shell.as_deref() {
        Some("bash") => crate::docs::bash(),
        Some("zsh") => crate::docs::zsh(),
        Some("fish") => crate::docs::fish(),
        Some(other) => {
            return Err(Failure::Usage(format!(
                "unknown shell `{other}` (expected bash, zsh or fish)"
            )))
        }
        None => {
            return Err(Failure::Usage(
                "name the shell: `w365-perms completions bash|zsh|fish`".into(),
            ))
        }
    };
    output::text(&script)?;
    Ok(0)
}

/// `man`: the manual page in roff.
pub fn man(argv: &[String]) -> Result<u8, Failure> {
    Args::command("man", argv)?.at_most(0)?;
    output::text(&crate::docs::man())?;
    Ok(0)
}
