//! Check a custom role the way Azure (or Graph) would when it is created, and flag
//! what makes it risky. Every problem is collected, none stops the check, and each
//! comes with where it is and, when one is close, what was probably meant.

mod azure;
mod cloudpc;
mod diagnostic;
mod export;
mod intune;
mod reach;
mod risk;
mod scope_text;

pub use diagnostic::{Diagnostic, Severity};
pub use export::{export_check, export_check_of, ExportCheck};

use crate::bundle::Catalog;
use crate::import::{ImportedRole, Origin};
use crate::json::Located;
use crate::model::{Plane, Role};

/// Lint an imported role, using the positions the importer recorded.
pub fn lint_imported(catalog: &Catalog, imported: &ImportedRole) -> Vec<Diagnostic> {
    let mut out = lint_role(catalog, &imported.role, &imported.origins);
    out.extend(unknown_keys(&imported.unknown_keys, imported.role.plane()));
    if imported.declares_builtin {
        out.push(Diagnostic::new(
            Severity::Info,
            "declares-builtin",
            format!(
                "`{}` declares itself built in; it is checked as a custom role",
                imported.role.name
            ),
        ));
    }
    sort(&mut out);
    out
}

/// Lint a role (composed in the app, or imported without positions).
pub fn lint_role(catalog: &Catalog, role: &Role, origins: &[Origin]) -> Vec<Diagnostic> {
    let mut out = match role.plane() {
        Plane::Azure => {
            let mut d = azure::lint(catalog, role, origins);
            d.extend(scope_text::lint(role, origins));
            d.extend(reach::lint(catalog, role, origins));
            d
        }
        Plane::CloudPc => cloudpc::lint(catalog, role, origins),
        Plane::Intune if !role.kind.is_builtin() => intune::lint(catalog, role, origins),
        Plane::Entra | Plane::Intune => vec![Diagnostic::new(
            Severity::Info,
            "not-linted",
            format!(
                "built-in {} roles cannot be composed here; nothing to check",
                role.plane().label()
            ),
        )],
    };
    sort(&mut out);
    out
}

/// Whether any diagnostic is an error.
pub fn has_errors(d: &[Diagnostic]) -> bool {
    d.iter().any(|x| x.severity == Severity::Error)
}

fn sort(d: &mut [Diagnostic]) {
    d.sort_by_key(|x| (x.severity, x.line.unwrap_or(0), x.column.unwrap_or(0)));
}

/// Where a pattern came from, if known.
pub(crate) fn origin<'a>(
    origins: &'a [Origin],
    block: usize,
    list: &str,
    index: usize,
) -> Option<&'a Located> {
    origins
        .iter()
        .find(|o| o.block == block && o.list == list && o.index == index)
        .map(|o| &o.at)
}

fn unknown_keys(keys: &[Located], plane: Plane) -> Vec<Diagnostic> {
    const AZURE: &[&str] = &[
        "roleName",
        "Name",
        "Description",
        "Actions",
        "NotActions",
        "DataActions",
        "NotDataActions",
        "AssignableScopes",
        "Permissions",
        "IsCustom",
        "Id",
        "Condition",
        "ConditionVersion",
    ];
    const GRAPH: &[&str] = &[
        "displayName",
        "description",
        "rolePermissions",
        "allowedResourceActions",
        "isBuiltIn",
        "id",
    ];
    const INTUNE: &[&str] = &[
        "displayName",
        "description",
        "rolePermissions",
        "resourceActions",
        "allowedResourceActions",
        "notAllowedResourceActions",
        "isBuiltIn",
        "roleScopeTagIds",
        "id",
    ];
    let known = match plane {
        Plane::CloudPc => GRAPH,
        Plane::Intune => INTUNE,
        _ => AZURE,
    };
    keys.iter()
        .map(|k| {
            let mut d = Diagnostic::new(
                Severity::Warning,
                "unknown-key",
                format!("unknown key `{}` is ignored", k.text),
            )
            .at(&k.path, k.pos);
            if let Some(s) = crate::fuzzy::closest(&k.text, known.iter().copied()) {
                d = d.help(format!("did you mean `{s}`?"));
            }
            d
        })
        .collect()
}
