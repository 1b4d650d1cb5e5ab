//! Check a custom role the way Azure (or Graph) would when it is created, and flag
//! what makes it risky. Every problem is collected, none stops the check, and each
//! comes with where it is and, when one is close, what was probably meant.
//!
//! Cost is bounded by the size of the role: identical entries of a list are checked
//! once (and reported once, with their count), a pattern Azure refuses is reported
//! without being matched, "did you mean" is computed for at most
//! [`crate::fuzzy::MAX_SUGGESTIONS`] entries per [`Linter`], and the pairwise
//! "redundant" check runs on lists of at most [`MAX_REDUNDANCY_CHECK`] patterns.

mod azure;
mod cloudpc;
mod diagnostic;
mod names;
mod risk;

pub use diagnostic::{Diagnostic, Severity};

use crate::bundle::Catalog;
use crate::fuzzy::Budget;
use crate::import::{ImportedRole, Origin};
use crate::json::{Located, Pos};
use crate::model::{Plane, Role};
use std::collections::HashMap;

/// Largest number of distinct patterns of one list compared pairwise for the
/// "redundant" finding (about a million subset tests); longer lists get a note.
pub const MAX_REDUNDANCY_CHECK: usize = 1000;

/// Lints roles, sharing one budget of "did you mean" suggestions across them.
#[derive(Debug)]
pub struct Linter<'c> {
    catalog: &'c Catalog,
    suggestions: Budget,
}

impl<'c> Linter<'c> {
    /// A linter with the default suggestion budget.
    pub fn new(catalog: &'c Catalog) -> Self {
        Linter {
            catalog,
            suggestions: Budget::default(),
        }
    }

    /// Lint an imported role, using the positions the importer recorded.
    pub fn lint_imported(&self, imported: &ImportedRole) -> Vec<Diagnostic> {
        let mut out = self.lint_role(&imported.role, &imported.origins);
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
    pub fn lint_role(&self, role: &Role, origins: &[Origin]) -> Vec<Diagnostic> {
        let places = Places::new(origins);
        let mut out = match role.plane() {
            Plane::Azure => azure::lint(self, role, &places),
            Plane::CloudPc => cloudpc::lint(self, role, &places),
            Plane::Entra | Plane::Intune => vec![Diagnostic::new(
                Severity::Info,
                "not-linted",
                format!(
                    "{} roles cannot be composed here; nothing to check",
                    role.plane().label()
                ),
            )],
        };
        sort(&mut out);
        out
    }

    /// "Did you mean" for an unknown Azure action, while the budget lasts.
    pub(crate) fn suggest_operation(&self, input: &str, data: bool) -> Option<String> {
        if !self.suggestions.take() {
            return None;
        }
        crate::fuzzy::suggest_operation(self.catalog, input, data)
    }

    /// "Did you mean" for an unknown Cloud PC permission, while the budget lasts.
    pub(crate) fn suggest_permission(&self, input: &str) -> Option<String> {
        if !self.suggestions.take() {
            return None;
        }
        crate::fuzzy::suggest_permission(self.catalog, input)
    }

    /// Whether some suggestions were not computed.
    pub(crate) fn suggestions_spent(&self) -> bool {
        self.suggestions.is_spent()
    }
}

/// Where each pattern and scope of a role came from, by (block, list, index).
pub(crate) struct Places<'a> {
    lists: HashMap<(usize, &'a str), &'a Origin>,
}

impl<'a> Places<'a> {
    fn new(origins: &'a [Origin]) -> Self {
        Places {
            lists: origins.iter().map(|o| ((o.block, o.list), o)).collect(),
        }
    }

    /// The JSON path and position of an element, if known.
    pub(crate) fn get(&self, block: usize, list: &str, index: usize) -> Option<(String, Pos)> {
        self.lists.get(&(block, list))?.element(index)
    }
}

/// Lint an imported role, using the positions the importer recorded.
pub fn lint_imported(catalog: &Catalog, imported: &ImportedRole) -> Vec<Diagnostic> {
    Linter::new(catalog).lint_imported(imported)
}

/// Lint a role (composed in the app, or imported without positions).
pub fn lint_role(catalog: &Catalog, role: &Role, origins: &[Origin]) -> Vec<Diagnostic> {
    Linter::new(catalog).lint_role(role, origins)
}

/// Whether any diagnostic is an error.
pub fn has_errors(d: &[Diagnostic]) -> bool {
    d.iter().any(|x| x.severity == Severity::Error)
}

fn sort(d: &mut [Diagnostic]) {
    d.sort_by_key(|x| (x.severity, x.line.unwrap_or(0), x.column.unwrap_or(0)));
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
    let known = if plane == Plane::CloudPc {
        GRAPH
    } else {
        AZURE
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_text(json: &str) -> Vec<Diagnostic> {
        let cat = crate::catalog().unwrap();
        let roles = crate::import::import(json).unwrap();
        lint_imported(cat, &roles[0])
    }

    fn role(actions: &[String]) -> String {
        format!(
            r#"{{"roleName": "R", "description": "d", "permissions": [{{"actions": {}}}], "assignableScopes": ["/subscriptions/s1"]}}"#,
            serde_json::to_string(actions).unwrap()
        )
    }

    #[test]
    fn identical_entries_are_checked_and_reported_once() {
        let mut actions = vec!["*".to_string(); 10_000];
        actions.push("Microsoft.Compute/virtualMachinez/read".into());
        actions.push("Microsoft.Compute/virtualMachinez/read".into());
        let d = lint_text(&role(&actions));
        let dups: Vec<_> = d.iter().filter(|x| x.code == "duplicate").collect();
        assert_eq!(dups.len(), 2, "{dups:#?}");
        assert_eq!(dups[0].message, "`*` appears 10000 times in actions");
        assert_eq!(dups[0].path.as_deref(), Some("$.permissions[0].actions[1]"));
        assert_eq!(
            dups[1].message,
            "`Microsoft.Compute/virtualMachinez/read` appears more than once in actions"
        );
        assert_eq!(d.iter().filter(|x| x.code == "unknown-action").count(), 1);
    }

    #[test]
    fn patterns_azure_refuses_are_reported_without_matching() {
        let d = lint_text(&role(&["*".repeat(100_000)]));
        let m: Vec<_> = d
            .iter()
            .filter(|x| x.code == "multiple-wildcards")
            .collect();
        assert_eq!(m.len(), 1);
        assert!(m[0].message.len() < 300, "the message quotes an excerpt");
        assert_eq!(
            m[0].help.as_deref(),
            Some("Azure accepts one `*` in an action string; this one has 100000")
        );
        // Not matched: nothing says it matches nothing, nor that it is redundant.
        assert!(!d
            .iter()
            .any(|x| x.code == "matches-nothing" || x.code == "redundant"));
    }

    #[test]
    fn suggestions_stop_at_the_budget() {
        let actions: Vec<String> = (0..crate::fuzzy::MAX_SUGGESTIONS + 7)
            .map(|i| format!("Microsoft.Compute/virtualMachinez{i}/read"))
            .collect();
        let d = lint_text(&role(&actions));
        let unknown: Vec<_> = d.iter().filter(|x| x.code == "unknown-action").collect();
        assert_eq!(unknown.len(), actions.len());
        assert!(
            unknown.iter().filter(|x| x.help.is_some()).count() <= crate::fuzzy::MAX_SUGGESTIONS
        );
        let limited = d.iter().find(|x| x.code == "suggestions-limited").unwrap();
        assert_eq!(
            limited.message,
            "\"did you mean\" was not looked up for 7 more unknown actions (at most 50 per run)"
        );
    }

    #[test]
    fn long_lists_skip_the_pairwise_redundancy_check() {
        let cat = crate::catalog().unwrap();
        let ops = &cat.operations;
        let mut actions: Vec<String> = (0..ops.len())
            .filter(|&i| !ops.is_data(i))
            .map(|i| ops.lower(i).to_string())
            .collect();
        actions.dedup();
        actions.truncate(MAX_REDUNDANCY_CHECK + 1);
        assert_eq!(actions.len(), MAX_REDUNDANCY_CHECK + 1);
        let d = lint_text(&role(&actions));
        assert!(d.iter().any(|x| x.code == "redundancy-not-checked"));
        let few = lint_text(&role(&[
            "Microsoft.Compute/*".into(),
            "Microsoft.Compute/virtualMachines/read".into(),
        ]));
        assert!(few.iter().any(|x| x.code == "redundant"));
    }
}
