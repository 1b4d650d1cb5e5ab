//! Reader of the bundled role line format written by `scripts/gen_data.py`.

use crate::condition::Condition;
use crate::model::{PermissionBlock, Role, RoleKind};
use crate::pattern::ActionPattern;

/// A provenance record from the manifest's source table, rendered for people.
pub(crate) type SourceTable = Vec<String>;

/// Undo the escapes of the generated line formats (`\\`, `\t`, `\n`, `\r`).
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parse the role file. `version_date` marks an older version (seed 003).
pub(crate) fn parse_roles(
    text: &str,
    sources: &SourceTable,
    version_date: Option<&str>,
) -> Result<Vec<Role>, String> {
    let mut roles: Vec<Role> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let err = |m: &str| format!("roles line {}: {m}", n + 1);
        let (tag, rest) = line.split_once('\t').unwrap_or((line, ""));
        if tag == "R" {
            let f: Vec<String> = rest.split('\t').map(unescape).collect();
            let [id, name, category, def_src, cat_src, path, in_docs] = f.as_slice() else {
                return Err(err("a role line needs 7 fields"));
            };
            let mut provenance = Vec::new();
            let src = |idx: &str| -> Option<String> {
                idx.parse::<usize>()
                    .ok()
                    .and_then(|i| sources.get(i).cloned())
            };
            if let Some(s) = src(def_src) {
                let path = if path.is_empty() && s.starts_with("easimon/") {
                    format!("azure-roles/{name}.json")
                } else {
                    path.clone()
                };
                provenance.push(if path.is_empty() {
                    format!("definition: {s}")
                } else {
                    format!("definition: {s}, file {path}")
                });
            }
            if let Some(s) = src(cat_src) {
                provenance.push(format!("category: {s}"));
            }
            let mut notes = Vec::new();
            if in_docs == "0" {
                notes.push("Not listed in the Azure built-in roles documentation (returned by the API only).".to_string());
            }
            roles.push(Role {
                id: id.clone(),
                name: name.clone(),
                description: String::new(),
                kind: RoleKind::AzureBuiltIn,
                category: (!category.is_empty()).then(|| category.clone()),
                blocks: Vec::new(),
                assignable_scopes: Vec::new(),
                provenance,
                notes,
                entra_actions: Vec::new(),
                aliases: Vec::new(),
                version_date: version_date.map(str::to_string),
            });
            continue;
        }
        let Some(role) = roles.last_mut() else {
            return Err(err("data before the first role"));
        };
        match tag {
            "D" => role.description = unescape(rest),
            "S" => role.assignable_scopes.push(unescape(rest)),
            "P" => role.blocks.push(PermissionBlock::default()),
            "C" => {
                let block = role
                    .blocks
                    .last_mut()
                    .ok_or_else(|| err("condition outside a block"))?;
                let (version, cond) = rest.split_once('\t').unwrap_or(("", rest));
                block.condition = Some(Condition::parse(&unescape(cond)));
                block.condition_version = (!version.is_empty()).then(|| unescape(version));
            }
            "A" | "N" | "a" | "n" => {
                let block = role
                    .blocks
                    .last_mut()
                    .ok_or_else(|| err("pattern outside a block"))?;
                let text = if rest.contains('\\') {
                    std::borrow::Cow::Owned(unescape(rest))
                } else {
                    std::borrow::Cow::Borrowed(rest)
                };
                let p = ActionPattern::new(&text).map_err(|e| err(&e.to_string()))?;
                match tag {
                    "A" => block.actions.push(p),
                    "N" => block.not_actions.push(p),
                    "a" => block.data_actions.push(p),
                    _ => block.not_data_actions.push(p),
                }
            }
            _ => return Err(err("unknown line tag")),
        }
    }
    Ok(roles)
}
