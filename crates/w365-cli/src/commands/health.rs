//! `health-check CODE` decodes an Azure network connection health-check code;
//! `anc-recipe` writes the two-person setup's commands.

use crate::args::Args;
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use w365_engine::health::{self, AncScopes, Check};

#[derive(Serialize)]
struct Listed<'a> {
    checks: &'a [Check],
    /// Each code as `health-check CODE` answers it (an outside review: the list
    /// gave the raw table, whose `who`, `warning` and `checkInferred` differed).
    codes: Vec<health::Explanation>,
}

/// `health-check CODE`: `{"code", "check", "meaning", "fix": [...], ...}`; unknown
/// codes exit 2 with "did you mean". `--list` prints every check and code.
pub fn health_check(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("health-check", argv)?;
    a.at_most(1)?;
    let cat = output::catalog()?;
    let compact = a.flag("compact");
    if a.flag("list") {
        // A code beside `--list` would be ignored without a word (an outside review).
        if let Some(code) = a.one("code", true)? {
            return Err(Failure::Usage(format!(
                "`--list` lists every code: give it or a code (`{code}`), not both"
            )));
        }
        output::json(
            &Listed {
                checks: health::checks(cat),
                codes: health::codes(cat)
                    .iter()
                    .filter_map(|c| health::explain(cat, &c.code).ok())
                    .collect(),
            },
            compact,
        )?;
        return Ok(0);
    }
    let code = a.one("code", true)?.ok_or_else(|| {
        Failure::Usage("name the code: `w365-perms health-check CODE` (or `--list`)".into())
    })?;
    let e = health::explain(cat, code).map_err(|e| Failure::Input(e.to_string()))?;
    output::json(&e, compact)?;
    Ok(0)
}

/// `anc-recipe`: the network admin's assignments to the Windows 365 first-party app
/// and the Intune admin's needs; `--format az|powershell` prints only the script.
pub fn anc_recipe(argv: &[String]) -> Result<u8, Failure> {
    let a = Args::command("anc-recipe", argv)?;
    a.at_most(0)?;
    let format = a.value("format").unwrap_or("json");
    if !matches!(format, "json" | "az" | "powershell") {
        return Err(Failure::Usage(format!(
            "unknown format `{format}` (expected json, az or powershell)"
        )));
    }
    let compact = a.compact(format == "json", "a script")?;
    let cat = output::catalog()?;
    let scopes = AncScopes {
        subscription: a.value("subscription").map(str::to_string),
        resource_group: a.value("resource-group").map(str::to_string),
        virtual_network: a.value("vnet").map(str::to_string),
        vnet_resource_group: a.value("vnet-resource-group").map(str::to_string),
    };
    let r = health::two_person_recipe(cat, &scopes, a.value("admin"))
        .map_err(|e| Failure::Input(e.to_string()))?;
    // The script is still useful as a template, so it is printed (exit 0); but one
    // run as it is would fail on `<subscription-id>`, so each placeholder left is
    // named on stderr with the option that fills it.
    for p in &r.placeholders {
        let option = match p.filled_by {
            health::AncValue::Subscription => "--subscription ID (or a --vnet resource id)",
            health::AncValue::ResourceGroup => "--resource-group RG",
            health::AncValue::VirtualNetwork => "--vnet NAME_OR_ID",
        };
        output::stderr_line(&format!(
            "w365-perms: warning: the script holds the placeholder `{}`: give {option}, or replace it before running the script",
            p.text
        ));
    }
    match format {
        "az" => output::text(&r.az_script)?,
        "powershell" => output::text(&r.powershell_script)?,
        _ => output::json(&r, compact)?,
    }
    Ok(0)
}
