//! One module per command.

pub mod decode;
pub mod docs;
pub mod eval;
pub mod expand;
pub mod explain;
pub mod export;
pub mod grade;
pub mod health;
pub mod lint;
pub mod lookup;
pub mod observed;
pub mod operations;
pub mod remote;
pub mod report;
pub mod risk;
pub mod tenant;
pub mod visibility;

use crate::args::read_source;
use crate::failure::Failure;
use w365_engine::request::{self, Request};
use w365_engine::windows365::Operation;
use w365_engine::Catalog;

/// Read and parse the request of `eval`, `operations` and `explain`; its warnings
/// go to stderr.
pub fn request<'c>(catalog: &'c Catalog, input: Option<&str>) -> Result<Request<'c>, Failure> {
    let text = read_source(input)?;
    let req = request::parse(catalog, &text).map_err(|e| Failure::Input(e.to_string()))?;
    crate::output::warnings(&req.warnings);
    for n in &req.notes {
        crate::output::stderr_line(&format!(
            "w365-perms: note: {}",
            w365_engine::text::escape_hidden(n)
        ));
    }
    Ok(req)
}

/// Short forms people write for the words of operation ids.
const ABBREVIATIONS: [(&str, &str); 5] = [
    ("anc", "azure-network-connection"),
    ("ancs", "azure-network-connection"),
    ("cpc", "cloud-pc"),
    ("pp", "provisioning-policy"),
    ("image", "custom-image"),
];

/// The operation id whose words hold every word of `id` (abbreviations written
/// out: `create-anc` is `create-azure-network-connection`), the shortest first.
fn by_words<'c>(catalog: &'c Catalog, id: &str) -> Option<&'c str> {
    let lower = id.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or(vec![w], |(_, long)| long.split('-').collect())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    catalog
        .windows365
        .operations
        .iter()
        .map(|o| o.id.as_str())
        .filter(|op| {
            let theirs: Vec<&str> = op.split('-').collect();
            words.iter().all(|w| theirs.contains(w))
        })
        .min_by_key(|op| op.len())
}

/// A Windows 365 operation by id, or a usage error with the closest id.
pub fn operation<'c>(catalog: &'c Catalog, id: &str) -> Result<&'c Operation, Failure> {
    catalog.windows365.operation(id).ok_or_else(|| {
        let ids = catalog.windows365.operations.iter().map(|o| o.id.as_str());
        let hint = w365_engine::fuzzy::closest_or_completion(id, ids)
            .map(str::to_string)
            .or_else(|| by_words(catalog, id).map(str::to_string));
        Failure::Usage(format!(
            "unknown operation `{id}` ({})",
            hint.map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "`echo {} | w365-perms operations` lists every id".to_string())
        ))
    })
}

/// Windows 365 operations by id, in order; every unknown id is named in one usage
/// error, each with the closest id.
pub fn operations<'c>(catalog: &'c Catalog, ids: &[&str]) -> Result<Vec<&'c Operation>, Failure> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for id in ids {
        match operation(catalog, id) {
            // Named twice (or by two spellings): answered once (an outside
            // review: the operation was printed twice).
            Ok(op) if found.iter().any(|f: &&Operation| std::ptr::eq(*f, op)) => {}
            Ok(op) => found.push(op),
            Err(Failure::Usage(m)) => unknown.push(m),
            Err(e) => return Err(e),
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(Failure::Usage(unknown.join("; ")))
    }
}

/// The roles named with `--role`, resolved in `set`; with none named, every role
/// the `--input` file supplies, in its order (`expand`, `risk`).
pub fn named_or_supplied(
    set: &w365_engine::roleset::RoleSet<'_>,
    names: &[&str],
    builtins: &[String],
) -> Result<Vec<w365_engine::roleset::RoleRef>, Failure> {
    if names.is_empty() {
        // The file's custom roles, then the built-in roles it lists (each
        // answered for by the bundled definition: a re-check review found a page
        // of built-in roles refused as supplying none).
        let mut refs: Vec<w365_engine::roleset::RoleRef> = (0..set.custom().len())
            .map(w365_engine::roleset::RoleRef::Custom)
            .collect();
        for b in builtins {
            if let Ok(r) = set.resolve(b) {
                if !refs.contains(&r) {
                    refs.push(r);
                }
            }
        }
        if refs.is_empty() {
            return Err(Failure::Input(
                "the input supplies no roles: name roles with `--role NAME_OR_ID`".into(),
            ));
        }
        return Ok(refs);
    }
    names
        .iter()
        .map(|n| set.resolve(n).map_err(|e| Failure::Input(e.to_string())))
        .collect()
}

/// Roles supplied in a file: a request (`{"roles": [...]}`) or role definitions,
/// checked as a request's roles are ([`request::check_supplied`]).
pub fn supplied_roles(
    catalog: &Catalog,
    input: Option<&str>,
) -> Result<Vec<w365_engine::Role>, Failure> {
    Ok(supplied_with_builtins(catalog, input)?.0)
}

/// [`supplied_roles`], and the names of the bundled built-in roles the file lists
/// as Microsoft's own (`isBuiltIn: true`), which answer for those entries.
pub fn supplied_with_builtins(
    catalog: &Catalog,
    input: Option<&str>,
) -> Result<(Vec<w365_engine::Role>, Vec<String>), Failure> {
    let Some(path) = input else {
        return Ok((Vec::new(), Vec::new()));
    };
    let text = read_source(Some(path))?;
    let imported = match w365_engine::json::parse(&text) {
        Ok(doc) => {
            let root = w365_engine::json::Node::root(&doc);
            let roles_node = root
                .get("roles")
                .map_err(|e| Failure::Input(e.to_string()))?;
            match roles_node {
                Some(list) => {
                    let mut all = Vec::new();
                    for r in list.items().map_err(|e| Failure::Input(e.to_string()))? {
                        all.extend(
                            w365_engine::import::import_node(&r)
                                .map_err(|e| Failure::Input(e.to_string()))?,
                        );
                    }
                    all
                }
                None => w365_engine::import::import_node(&root)
                    .map_err(|e| Failure::Input(e.to_string()))?,
            }
        }
        // Not JSON: a script or request `export` wrote (az-cli, powershell, rest)
        // holds the role's JSON, read from the text already read as `lint` reads
        // it, and a Bicep or Terraform file is named as such (an outside review:
        // `expand` gave only "unexpected `#`" for files `lint` reads).
        Err(e) => w365_engine::import::import(&text).map_err(|_| {
            match w365_engine::import::foreign_format(&text, Some(path)) {
                Some(format) => Failure::Input(format!(
                    "{path}: a {format} file, which is not read here: roles are read as JSON (a role definition, an ARM template, a REST or Graph request, az CLI or PowerShell JSON, or a script `export` wrote); give the JSON the {format} file was written from ({e})"
                )),
                None => Failure::Input(e.to_string()),
            }
        })?,
    };
    let warnings =
        request::check_supplied(catalog, &imported).map_err(|e| Failure::Input(e.to_string()))?;
    crate::output::warnings(&warnings);
    // Microsoft's own roles as a Graph page lists them beside the custom ones:
    // the bundled definitions answer for them (an outside review: `risk --input`
    // rated Cloud PC Administrator from the page, level none).
    let (copies, custom): (Vec<_>, Vec<_>) = imported
        .into_iter()
        .partition(|i| w365_engine::role_name::is_builtin_copy(catalog, i));
    let mut builtins = Vec::new();
    for c in &copies {
        let differs = w365_engine::role_name::builtin_copy_differs(catalog, c)
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        crate::output::stderr_line(&format!(
            "w365-perms: note: `{}` at `{}` is a built-in role (declared built in): not read as a custom role; the bundled definition answers for it{differs}",
            w365_engine::text::escape_hidden(&c.role.name),
            c.path
        ));
        builtins.push(c.role.name.clone());
    }
    Ok((custom.into_iter().map(|i| i.role).collect(), builtins))
}
