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
    // The block's pattern before, which a pattern line's first segments repeat.
    let mut prev = String::new();
    let mut segments = crate::catalog::Segments::default();
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
            "P" => {
                role.blocks.push(PermissionBlock::default());
                prev.clear();
                segments.record("", 0);
            }
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
                let (shared, rest) = rest.split_once('\t').unwrap_or(("", rest));
                let shared: usize = shared
                    .parse()
                    .map_err(|_| err("a pattern line needs its shared segment count"))?;
                let (prefix, add_slash) = segments
                    .prefix(shared)
                    .ok_or_else(|| err("a pattern shares more segments than the one before"))?;
                prev.truncate(prefix);
                if add_slash {
                    prev.push('/');
                }
                if rest.contains('\\') {
                    prev.push_str(&unescape(rest));
                } else {
                    prev.push_str(rest);
                }
                segments.record(&prev, prefix);
                let p = ActionPattern::new(&prev).map_err(|e| err(&e.to_string()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_front_coded_by_segment_within_a_block() {
        let text = "R\tid\tOne\t\t\t\t\t1\nP\nA\t0\tMicrosoft.Compute/virtualMachines/read\n\
                    A\t2\twrite\nN\t1\tdisks/*\na\t0\tMicrosoft.Storage/x\nP\nA\t0\t*/read\n";
        let roles = parse_roles(text, &Vec::new(), None).expect("parses");
        let texts = |ps: &[ActionPattern]| {
            ps.iter()
                .map(|p| p.as_str().to_string())
                .collect::<Vec<_>>()
        };
        let b = &roles[0].blocks;
        assert_eq!(
            texts(&b[0].actions),
            [
                "Microsoft.Compute/virtualMachines/read",
                "Microsoft.Compute/virtualMachines/write"
            ]
        );
        assert_eq!(texts(&b[0].not_actions), ["Microsoft.Compute/disks/*"]);
        assert_eq!(texts(&b[0].data_actions), ["Microsoft.Storage/x"]);
        assert_eq!(texts(&b[1].actions), ["*/read"]);
        for (bad, what) in [
            (
                "R\tid\tOne\t\t\t\t\t1\nP\nA\t1\tx\n",
                "line 3: a pattern shares more segments",
            ),
            (
                "R\tid\tOne\t\t\t\t\t1\nP\nA\tx\n",
                "line 3: a pattern line needs its shared segment count",
            ),
        ] {
            let e = parse_roles(bad, &Vec::new(), None).expect_err("refused");
            assert!(e.contains(what), "{e}");
        }
    }
}
