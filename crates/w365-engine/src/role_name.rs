//! Names a supplied (custom) role may not have.
//!
//! * A built-in role's name, alias or id: Azure refuses a custom role whose name
//!   already exists in the tenant (`RoleDefinitionWithSameNameExists`,
//!   `azure-rbac-semantics.md` §7), and a custom `Reader` that granted `*` would
//!   otherwise be reported as "Reader grants `roleAssignments/write`". Lookups give
//!   the built-in role ([`crate::roleset::RoleSet::resolve`]); readers of requests
//!   refuse the custom one with this error.
//! * Characters that change how the name displays ([`crate::text::hidden`]):
//!   `"\u{202e}redaeR"` shows as "Reader". Azure documents no rule against them;
//!   they are refused here because an answer naming such a role misleads its reader.

use crate::bundle::Catalog;
use crate::import::ImportedRole;
use crate::model::Role;
use crate::text::{escape_hidden, excerpt, first_hidden};

/// Why a supplied role's name or id cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// The name (or alias) of a built-in role, in any case.
    #[error("`{name}` names the {kind} `{builtin}`; {why}: rename it")]
    Builtin {
        /// The supplied name.
        name: String,
        /// The built-in role's name.
        builtin: String,
        /// What the built-in role is ("Azure built-in role", ...).
        kind: &'static str,
        /// Why it may not: Azure's refusal for an Azure custom role; for another
        /// plane's, that names here find roles on every plane (a re-check review:
        /// an Intune role was told Azure refuses it).
        why: &'static str,
    },
    /// The id of a built-in role.
    #[error("role `{name}` has the id `{id}` of the {kind} `{builtin}`; a custom role needs an id of its own")]
    BuiltinId {
        /// The supplied role's name.
        name: String,
        /// The id.
        id: String,
        /// The built-in role's name.
        builtin: String,
        /// What the built-in role is.
        kind: &'static str,
    },
    /// A character that changes how the name displays.
    #[error("role name `{shown}` contains {what} (U+{code:04X}), which can make it display as another name{}", looks_like.as_ref().map(|b| format!(" (here: the built-in role `{b}`)")).unwrap_or_default())]
    Hidden {
        /// The name with such characters escaped.
        shown: String,
        /// The first such character.
        code: u32,
        /// What it is.
        what: &'static str,
        /// The built-in role it can pass for, if any.
        looks_like: Option<String>,
    },
}

/// Every problem with a supplied role's name and id (empty when it can be used).
pub fn check(catalog: &Catalog, role: &Role) -> Vec<NameError> {
    let mut out = Vec::new();
    if let Some((_, b)) = catalog.role(&role.name) {
        let why = if role.plane() == crate::model::Plane::Azure
            && b.plane() == crate::model::Plane::Azure
        {
            "Azure refuses a custom role whose name already exists (RoleDefinitionWithSameNameExists)"
        } else if role.plane() == crate::model::Plane::Azure {
            "a name here finds a role on every plane (Azure, Cloud PC, Intune, Microsoft Entra), so a custom role cannot share a built-in role's name"
        } else {
            "a name here finds a role on every plane (Azure, Cloud PC, Intune, Microsoft Entra), so a custom role cannot share a built-in role's name, and a tenant's role list would show two roles of that name"
        };
        out.push(NameError::Builtin {
            name: excerpt(&escape_hidden(&role.name)).into_owned(),
            builtin: b.name.clone(),
            kind: b.kind.label(),
            why,
        });
    }
    if let Some((_, b)) = catalog
        .role(&role.id)
        .filter(|(_, b)| b.id.eq_ignore_ascii_case(role.id.trim()))
    {
        out.push(NameError::BuiltinId {
            name: excerpt(&escape_hidden(&role.name)).into_owned(),
            id: role.id.clone(),
            builtin: b.name.clone(),
            kind: b.kind.label(),
        });
    }
    if let Some((c, h)) = first_hidden(&role.name) {
        out.push(NameError::Hidden {
            shown: excerpt(&escape_hidden(&role.name)).into_owned(),
            code: c as u32,
            what: h.label(),
            looks_like: looks_like(catalog, &role.name),
        });
    }
    out
}

/// [`check`] for a role read from a document, except a copy of a bundled built-in
/// role: one that declares itself built in (`roleType: BuiltInRole`, `isBuiltIn`)
/// with the name and id of a bundled role, as `az role definition list` prints
/// them. Such a copy is not a custom role; lookups give the bundled definition.
pub fn check_imported(catalog: &Catalog, imported: &ImportedRole) -> Vec<NameError> {
    if is_builtin_copy(catalog, imported) {
        Vec::new()
    } else {
        check(catalog, &imported.role)
    }
}

/// Microsoft's own role as an export lists it (`isBuiltIn: true`): the same id
/// and name, or, for a Cloud PC or Intune role (whose Graph ids the bundle does
/// not hold for every role), the same name on the same plane. Not a custom role:
/// `lint` does not check it, and commands that read roles use the bundled one.
pub fn is_builtin_copy(catalog: &Catalog, imported: &ImportedRole) -> bool {
    bundled_copy(catalog, imported).is_some()
}

/// The bundled role an [`is_builtin_copy`] stands for.
fn bundled_copy<'c>(catalog: &'c Catalog, imported: &ImportedRole) -> Option<&'c Role> {
    let role = &imported.role;
    if !imported.declares_builtin {
        return None;
    }
    catalog
        .role(&role.id)
        .map(|(_, b)| b)
        .filter(|b| b.id.eq_ignore_ascii_case(role.id.trim()) && b.is_named(&role.name))
        .or_else(|| {
            catalog.role(&role.name).map(|(_, b)| b).filter(|b| {
                role.plane() != crate::model::Plane::Azure
                    && b.plane() == role.plane()
                    && b.is_named(&role.name)
            })
        })
}

/// For a [`is_builtin_copy`] whose permissions are not the bundled role's: what
/// differs, in a few words (a re-check review: a stale or edited page could hide
/// a role-assigning permission behind the bundled definition without a word).
pub fn builtin_copy_differs(catalog: &Catalog, imported: &ImportedRole) -> Option<String> {
    let bundled = bundled_copy(catalog, imported)?;
    // Every permission keyed by its list and its lowercased text (patterns match
    // without regard to case), with the spelling to show: a block's, a role's.
    type Lines = std::collections::BTreeMap<(&'static str, String), String>;
    let block_lines = |b: &crate::model::PermissionBlock| -> Lines {
        b.named_lists()
            .into_iter()
            .flat_map(|(list, patterns)| {
                patterns
                    .iter()
                    .map(move |p| ((list, p.lower().to_string()), p.as_str().to_string()))
            })
            .collect()
    };
    let lines = |r: &Role| -> Lines { r.blocks.iter().flat_map(block_lines).collect() };
    let (file, ours) = (lines(&imported.role), lines(bundled));
    let only_in = |a: &Lines, b: &Lines| {
        a.iter()
            .filter(|(k, _)| !b.contains_key(*k))
            .map(|((list, _), text)| (*list, text.clone()))
            .collect::<Vec<_>>()
    };
    let (extra, missing) = (only_in(&file, &ours), only_in(&ours, &file));
    // One example of each side, with the list it sits in where that is not a grant.
    // A Graph role's exclusions are its `excludedResourceActions` (a re-check
    // review: they were named by the Azure list's name).
    let graph = imported.role.plane() != crate::model::Plane::Azure;
    let example = |(list, text): &(&str, String)| {
        let text = crate::text::escape_hidden(text);
        match *list {
            "actions" => format!("`{text}`"),
            "dataActions" => format!("`{text}` (a data action)"),
            "notActions" if graph => format!("`{text}` (an exclusion, `excludedResourceActions`)"),
            other => format!("`{text}` (an exclusion, `{other}`)"),
        }
    };
    let mut said = Vec::new();
    if let Some(first) = extra.first() {
        said.push(format!(
            "the file lists {} permission(s) the bundled definition does not hold, such as {}",
            extra.len(),
            example(first)
        ));
    }
    if let Some(first) = missing.first() {
        said.push(format!(
            "it lacks {} permission(s) the bundled definition holds, such as {}",
            missing.len(),
            example(first)
        ));
    }
    // The same lines in other permission blocks: Azure evaluates each block apart,
    // an exclusion removing only its own block's grants (a re-check review: a
    // Contributor copy with its NotActions moved to a second block was said to
    // match, while it grants role assignments).
    if said.is_empty() {
        // Each block's keys (its spelling aside), in a canonical order.
        let blocks = |r: &Role| {
            let mut v: Vec<Vec<(&'static str, String)>> = r
                .blocks
                .iter()
                .map(|b| block_lines(b).into_keys().collect())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        let (file_blocks, our_blocks) = (blocks(&imported.role), blocks(bundled));
        // Without an exclusion, blocks only add up: how they are split changes
        // nothing (a re-check review: a Graph role's split was said to matter).
        let excludes = |r: &Role| {
            r.blocks
                .iter()
                .any(|b| !b.not_actions.is_empty() || !b.not_data_actions.is_empty())
        };
        if file_blocks != our_blocks && (excludes(&imported.role) || excludes(bundled)) {
            said.push(format!(
                "the file holds the same permissions in other permission blocks ({} against the bundled {}): Azure reads each block apart, an exclusion removing only its own block's grants, so it may grant what the bundled role does not",
                imported.role.blocks.len(),
                bundled.blocks.len()
            ));
        }
    }
    if said.is_empty() {
        return None;
    }
    Some(format!(
        "{}: Microsoft may have changed the role since the bundle was captured, or the file was edited",
        said.join(", and ")
    ))
}

/// The built-in role a name can pass for once its hidden characters are dropped
/// (read backwards too, as a right-to-left override displays it).
fn looks_like(catalog: &Catalog, name: &str) -> Option<String> {
    let visible: String = name
        .chars()
        .filter(|&c| crate::text::hidden(c).is_none())
        .collect();
    let backwards: String = visible.chars().rev().collect();
    [visible, backwards]
        .iter()
        .find_map(|n| catalog.role(n).map(|(_, b)| b.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoleKind;

    fn role(name: &str, id: &str) -> Role {
        Role::empty(id, name, RoleKind::AzureCustom)
    }

    #[test]
    fn built_in_names_and_ids_are_taken() {
        let cat = crate::catalog().unwrap();
        assert!(check(cat, &role("My Reader", "custom-my-reader")).is_empty());
        let e = check(cat, &role("reader", "custom-reader"));
        assert_eq!(
            e[0].to_string(),
            "`reader` names the Azure built-in role `Reader`; Azure refuses a custom role whose name already exists (RoleDefinitionWithSameNameExists): rename it"
        );
        let e = check(cat, &role("Mine", "acdd72a7-3385-48ef-bd42-f606fba81ae7"));
        assert!(matches!(&e[0], NameError::BuiltinId { builtin, .. } if builtin == "Reader"));
        // Not Azure's refusal for an Intune role (a re-check review).
        let intune = Role::empty("custom-nc", "Network Contributor", RoleKind::IntuneCustom);
        let e = check(cat, &intune)[0].to_string();
        assert!(!e.contains("Azure refuses"), "{e}");
        assert!(e.contains("a name here finds a role on every plane"), "{e}");
    }

    #[test]
    fn copies_of_built_in_roles_are_not_custom_roles() {
        let cat = crate::catalog().unwrap();
        let listed = r#"{"roleName":"Reader","name":"acdd72a7-3385-48ef-bd42-f606fba81ae7","roleType":"BuiltInRole","permissions":[{"actions":["*/read"]}],"assignableScopes":["/"]}"#;
        let imported = crate::import::import(listed).unwrap();
        assert!(check_imported(cat, &imported[0]).is_empty());
        let posing = listed.replace(
            "acdd72a7-3385-48ef-bd42-f606fba81ae7",
            "11111111-3385-48ef-bd42-f606fba81ae7",
        );
        let imported = crate::import::import(&posing).unwrap();
        assert_eq!(check_imported(cat, &imported[0]).len(), 1);
    }

    #[test]
    fn look_alikes_are_flagged() {
        let cat = crate::catalog().unwrap();
        let e = check(cat, &role("\u{202e}redaeR", "custom-x"));
        assert_eq!(
            e[0].to_string(),
            "role name `\\u{202e}redaeR` contains a bidirectional control character (U+202E), which can make it display as another name (here: the built-in role `Reader`)"
        );
        let e = check(cat, &role("Rea\u{200b}der", "custom-y"));
        assert!(e[0].to_string().contains("an invisible character (U+200B)"));
        let e = check(cat, &role("x\u{1b}]0;owned\u{7}", "custom-z"));
        assert!(e[0].to_string().contains("a control character (U+001B)"));
    }
}
