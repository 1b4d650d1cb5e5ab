//! The text of assignable scopes: template placeholders and characters Azure cannot
//! take, which the scope parser lets through because it only checks the shape.
//!
//! - `placeholder-scope` (error): `{subscription-id}`, `<sub>`, `$(subId)`, `${x}`,
//!   `$sub`, `[parameters('x')]`, `%SUB%` left in a scope. Azure reads a scope
//!   literally, so no subscription, group or resource has that name.
//! - `invalid-scope-character` (error): whitespace, `?`, `#`, `\` or `"` in a scope.
//!   A scope is the path of a resource id (`azure-rbac-semantics.md` §5, SO): `?`
//!   and `#` would end the path, `\` and `"` are not path characters, and no
//!   subscription id, resource group name or provider segment holds whitespace
//!   (inferred from the naming rules the recipes of [`crate::health`] apply).
//! - `zero-subscription` (warning): the all-zero subscription id, a placeholder
//!   that examples and generated roles use.
//! - `subscription-not-guid` (warning): a subscription segment that is not a GUID;
//!   subscription ids are GUIDs (inferred: every subscription scope in the
//!   documents this project bundles is one), so Azure will not find it. A warning,
//!   not an error, because tests and examples use short ids (`/subscriptions/s1`).

use super::{Diagnostic, Places, Severity};
use crate::model::Role;
use crate::scope::Scope;
use crate::text::is_guid;

/// Characters of template languages that mark a placeholder, with their closer.
const OPENERS: &[(char, char)] = &[('{', '}'), ('<', '>'), ('[', ']'), ('%', '%')];

pub(super) fn lint(role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, s) in role.assignable_scopes.iter().enumerate() {
        // Shapes the parser refuses are reported there already.
        let Ok(scope) = Scope::parse(s) else {
            continue;
        };
        let at = places.get(0, "assignableScopes", i);
        let diag = |sev, code, msg: String| {
            Diagnostic::new(sev, code, msg)
                .subject(s)
                .at_place(at.clone())
        };
        if let Some(token) = placeholder(s) {
            out.push(
                diag(
                    Severity::Error,
                    "placeholder-scope",
                    format!("`{s}` still holds the placeholder `{token}`; Azure reads the scope literally and no subscription, resource group or resource is named that"),
                )
                .help(format!("replace `{token}` with the real value")),
            );
            continue;
        }
        if let Some(c) = s
            .chars()
            .find(|c| c.is_whitespace() || matches!(c, '?' | '#' | '\\' | '"'))
        {
            let shown = if c.is_whitespace() {
                "whitespace".to_string()
            } else {
                format!("`{c}`")
            };
            out.push(
                diag(
                    Severity::Error,
                    "invalid-scope-character",
                    format!("`{s}` contains {shown}, which no Azure resource id holds (inferred from the naming rules)"),
                )
                .help("copy the scope from the resource's Properties (its resource id)".into()),
            );
            continue;
        }
        match scope.subscription_id() {
            Some(id) if id.bytes().all(|b| b == b'0' || b == b'-') && id.len() == 36 => {
                out.push(
                    diag(
                        Severity::Warning,
                        "zero-subscription",
                        format!("`{s}` names the all-zero subscription id, a placeholder no subscription has"),
                    )
                    .help("replace it with your subscription id (`az account show --query id`)".into()),
                );
            }
            Some(id) if !is_guid(id) => out.push(diag(
                Severity::Warning,
                "subscription-not-guid",
                format!("`{s}`: subscription ids are GUIDs, and `{id}` is not one (inferred), so Azure will not find it"),
            )),
            _ => {}
        }
    }
    out
}

/// The first placeholder in a scope, as written (`{subscription-id}`, `$(sub)`).
fn placeholder(s: &str) -> Option<&str> {
    for (at, c) in s.char_indices() {
        if c == '$' {
            let rest = s.get(at..).unwrap_or_default();
            let end = match rest.chars().nth(1) {
                Some('(') => rest.find(')').map(|e| e + 1),
                Some('{') => rest.find('}').map(|e| e + 1),
                _ => rest.find('/'),
            }
            .unwrap_or(rest.len());
            return rest.get(..end);
        }
        if let Some(&(_, close)) = OPENERS.iter().find(|(o, _)| *o == c) {
            let rest = s.get(at..).unwrap_or_default();
            let end = rest
                .char_indices()
                .skip(1)
                .find(|&(_, x)| x == close)
                .map(|(e, x)| e + x.len_utf8())
                .or_else(|| rest.find('/'))
                .unwrap_or(rest.len());
            return rest.get(..end);
        }
        if matches!(c, '}' | '>' | ']') {
            return s.get(at..at + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_whole() {
        assert_eq!(
            placeholder("/subscriptions/{subscription-id}/resourceGroups/rg"),
            Some("{subscription-id}")
        );
        assert_eq!(placeholder("/subscriptions/<sub>"), Some("<sub>"));
        assert_eq!(placeholder("/subscriptions/$(subId)/x"), Some("$(subId)"));
        assert_eq!(placeholder("/subscriptions/${SUB}"), Some("${SUB}"));
        assert_eq!(
            placeholder("/subscriptions/$sub/resourceGroups"),
            Some("$sub")
        );
        assert_eq!(placeholder("/subscriptions/%SUB%"), Some("%SUB%"));
        assert_eq!(
            placeholder("/subscriptions/[parameters('s')]"),
            Some("[parameters('s')]")
        );
        assert_eq!(placeholder("/subscriptions/{unclosed/x"), Some("{unclosed"));
        assert_eq!(placeholder("/subscriptions/s1/resourceGroups/rg(1)"), None);
        assert!(is_guid("00000000-0000-0000-0000-00000000000a"));
        assert!(!is_guid("s1"));
    }
}
