//! One check of an exercise: what the answer must (or must not) do, read strictly
//! from its JSON (`{"kind": "enables", "operation": "permission:CloudPCs/Reboot"}`)
//! and written back the same way.

use super::problems::Problems;
use crate::bundle::Catalog;
use crate::evaluate::detect_plane;
use crate::json::Node;
use crate::model::Plane;
use crate::risk::Level;
use crate::scope::Scope;
use serde_json::{json, Value};

/// Every check kind, as written in JSON.
pub const KINDS: [&str; 11] = [
    "enables",
    "notEnables",
    "allows",
    "denies",
    "noRisk",
    "maxPermissions",
    "maxGranted",
    "onlyBuiltIn",
    "lintClean",
    "sees",
    "withinSolution",
];

/// Most checks an exercise may hold.
pub const MAX_CHECKS: usize = 50;

/// What an answer is checked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// A Windows 365 operation (any id `w365-perms operations` knows) is allowed;
    /// with `allow_conditional`, conditional (sources disagree) passes too.
    Enables {
        /// The operation id, as the catalog spells it.
        operation: String,
        /// Conditional counts as enabled.
        allow_conditional: bool,
    },
    /// A Windows 365 operation is not allowed (denied; conditional is not denied).
    NotEnables {
        /// The operation id.
        operation: String,
    },
    /// An action (Azure operation, Cloud PC or Intune permission) is allowed, at a
    /// scope when given.
    Allows {
        /// The action.
        action: String,
        /// Where; `None` asks whether any assignment allows it at its own scope.
        scope: Option<Scope>,
        /// A data action (checked against `DataActions`).
        data_action: bool,
    },
    /// An action is denied (not allowed, not conditional); with `and_below`, also
    /// at every scope below `scope` where the answer assigns a role (a grant at a
    /// child scope is not denied at the parent, yet it is a grant there).
    Denies {
        /// The action.
        action: String,
        /// Where.
        scope: Option<Scope>,
        /// A data action.
        data_action: bool,
        /// Also at the answer's assignment scopes below `scope`.
        and_below: bool,
    },
    /// No role of the answer carries a risk note at `level` or above.
    NoRisk {
        /// The lowest level that fails.
        level: Level,
    },
    /// The answer's custom roles list at most `count` permissions and actions
    /// together, a wildcard counting as one (issue 8's contract); exclusions do not
    /// count.
    MaxPermissions {
        /// The most allowed.
        count: usize,
    },
    /// The answer's custom roles grant at most `count` permissions and actions
    /// together, counted as granted: a wildcard counts every permission or action it
    /// matches, and what `NotActions` or `excludedResourceActions` remove does not
    /// count (review E H1: `CloudPCs/*` less four exclusions is one line but 23
    /// permissions, so `maxPermissions` alone cannot ask for least privilege).
    MaxGranted {
        /// The most allowed.
        count: usize,
    },
    /// The answer assigns no built-in role (of any plane) but these: "nothing
    /// more" with built-in roles, which `MaxPermissions` and `MaxGranted` do not count.
    OnlyBuiltIn {
        /// The built-in roles allowed, as the catalog names them.
        roles: Vec<String>,
    },
    /// No custom role of the answer has a lint error.
    LintClean,
    /// The answer grants nothing the exercise's solution does not: at every scope
    /// where it assigns an Azure role, each operation it grants there the solution
    /// grants there too, and tenant-wide (its Entra, Cloud PC and Intune roles, and
    /// the roles of its scope-tag assignments) each permission. "Nothing more",
    /// whatever roles the answer uses: a wider scope, another built-in role or a
    /// custom role with a wildcard fails it; a narrower grant passes.
    WithinSolution,
    /// Through scope tags, the student sees (or, with `visible: false`, does not see)
    /// an object of the answer's scope-tag scenario; `actionable` when given also
    /// asks whether the roles let the student act on it.
    Sees {
        /// The object's id.
        object: String,
        /// Visible or hidden.
        visible: bool,
        /// Actionable or not, when asked.
        actionable: Option<bool>,
        /// Actionable only on a condition (an Intune role's Scope (Groups) holding
        /// the device or its user) counts as actionable.
        allow_conditional: bool,
    },
}

impl Check {
    /// The kind as written in JSON (`enables`, `notEnables`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Enables { .. } => "enables",
            Check::NotEnables { .. } => "notEnables",
            Check::Allows { .. } => "allows",
            Check::Denies { .. } => "denies",
            Check::NoRisk { .. } => "noRisk",
            Check::MaxPermissions { .. } => "maxPermissions",
            Check::MaxGranted { .. } => "maxGranted",
            Check::OnlyBuiltIn { .. } => "onlyBuiltIn",
            Check::LintClean => "lintClean",
            Check::Sees { .. } => "sees",
            Check::WithinSolution => "withinSolution",
        }
    }

    /// The check as JSON, in the form the reader takes.
    pub fn to_json(&self) -> Value {
        match self {
            Check::Enables {
                operation,
                allow_conditional,
            } => {
                let mut v = json!({"kind": "enables", "operation": operation});
                if *allow_conditional {
                    v["allowConditional"] = json!(true);
                }
                v
            }
            Check::NotEnables { operation } => {
                json!({"kind": "notEnables", "operation": operation})
            }
            Check::Allows {
                action,
                scope,
                data_action,
            }
            | Check::Denies {
                action,
                scope,
                data_action,
                ..
            } => {
                let mut v = json!({"kind": self.kind(), "action": action});
                if let Some(s) = scope {
                    v["scope"] = json!(s.as_str());
                }
                if *data_action {
                    v["dataAction"] = json!(true);
                }
                if let Check::Denies {
                    and_below: true, ..
                } = self
                {
                    v["andBelow"] = json!(true);
                }
                v
            }
            Check::NoRisk { level } => json!({"kind": "noRisk", "level": level.as_str()}),
            Check::MaxPermissions { count } => json!({"kind": "maxPermissions", "count": count}),
            Check::MaxGranted { count } => json!({"kind": "maxGranted", "count": count}),
            Check::OnlyBuiltIn { roles } => json!({"kind": "onlyBuiltIn", "roles": roles}),
            Check::LintClean => json!({"kind": "lintClean"}),
            Check::WithinSolution => json!({"kind": "withinSolution"}),
            Check::Sees {
                object,
                visible,
                actionable,
                allow_conditional,
            } => {
                let mut v = json!({"kind": "sees", "object": object, "visible": visible});
                if let Some(a) = actionable {
                    v["actionable"] = json!(a);
                }
                if *allow_conditional {
                    v["allowConditional"] = json!(true);
                }
                v
            }
        }
    }

    /// What the check asks, in plain words, without the answer (for the student's list).
    pub fn describe(&self, catalog: &Catalog) -> String {
        let op_name = |id: &str| {
            catalog
                .windows365
                .operation(id)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let at = |scope: &Option<Scope>| match scope {
            Some(s) => format!(" at `{s}`"),
            None => String::new(),
        };
        // "allows the action `…`": the noun is said, not left to the code span
        // (an outside review read "allows the Microsoft.CloudPC/…").
        let plane = |data: bool| if data { "data action " } else { "action " };
        match self {
            Check::Enables {
                operation,
                allow_conditional,
            } => format!(
                "can do: {}{}",
                op_name(operation),
                if *allow_conditional {
                    " (allowed, or conditional where the sources disagree)"
                } else {
                    ""
                }
            ),
            Check::NotEnables { operation } => format!("cannot do: {}", op_name(operation)),
            Check::Allows {
                action,
                scope,
                data_action,
            } => format!("allows the {}`{action}`{}", plane(*data_action), at(scope)),
            Check::Denies {
                action,
                scope,
                data_action,
                and_below,
            } => format!(
                "denies the {}`{action}`{}{}",
                plane(*data_action),
                at(scope),
                if *and_below { " and below it" } else { "" }
            ),
            Check::NoRisk { level } => format!(
                "no risk note at {} or above in the roles used",
                level.as_str()
            ),
            Check::MaxPermissions { count } => format!(
                "the custom roles list at most {count} {} (a wildcard counts as one)",
                if *count == 1 { "permission or action" } else { "permissions and actions" }
            ),
            Check::MaxGranted { count } => format!(
                "the custom roles grant at most {count} {} (a wildcard counts every one it matches)",
                if *count == 1 { "permission or action" } else { "permissions and actions" }
            ),
            Check::OnlyBuiltIn { roles } => {
                if roles.is_empty() {
                    "no built-in role is assigned (custom roles only)".into()
                } else {
                    format!(
                        "no built-in role is assigned but {}",
                        roles
                            .iter()
                            .map(|r| format!("`{r}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            }
            Check::LintClean => "the custom roles have no lint errors".into(),
            Check::WithinSolution => {
                "grants nothing beyond what the task needs, at any scope (the model solution's grants)".into()
            }
            Check::Sees {
                object,
                visible,
                actionable,
                allow_conditional,
            } => {
                let base = if *visible {
                    format!("sees `{object}` through scope tags")
                } else {
                    format!("does not see `{object}` through scope tags")
                };
                match actionable {
                    Some(true) if *allow_conditional => {
                        format!("{base}, and can act on it (on a condition counts)")
                    }
                    Some(true) => format!("{base}, and can act on it"),
                    Some(false) => format!("{base}, but cannot act on it"),
                    None => base,
                }
            }
        }
    }
}

/// Parse a risk level name.
pub fn parse_level(s: &str) -> Option<Level> {
    [Level::Critical, Level::High, Level::Medium, Level::Low]
        .into_iter()
        .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
}

fn operation(p: &mut Problems, catalog: &Catalog, n: &Node<'_>) -> Option<String> {
    let id = p.text(n, "operation", true)?;
    match catalog.windows365.operation(&id) {
        Some(op) => Some(op.id.clone()),
        None => {
            let ids = catalog.windows365.operations.iter().map(|o| o.id.as_str());
            let hint = crate::fuzzy::closest(&id, ids)
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "`w365-perms operations` lists every id".into());
            let msg = format!("unknown operation `{id}` ({hint})");
            p.push(n.error_at("operation", msg));
            None
        }
    }
}

/// Is `action` one the engine knows on its plane? Returns why not, with a suggestion.
fn unknown_action(catalog: &Catalog, action: &str, data: bool) -> Option<String> {
    if action.contains('*') {
        return Some(format!(
            "`{action}` is a pattern; a check asks about one concrete action"
        ));
    }
    match detect_plane(catalog, action) {
        Plane::CloudPc => match catalog.windows365.permission(action) {
            Some(_) => None,
            None => Some(format!(
                "`{action}` is not a Cloud PC permission{}",
                crate::fuzzy::suggest_permission(catalog, action)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default()
            )),
        },
        Plane::Intune => match catalog.intune.permission(action) {
            Some(_) => None,
            None => Some(format!("`{action}` is not an Intune permission")),
        },
        Plane::Entra => None,
        Plane::Azure => {
            let ops = &catalog.operations;
            if ops.find(action, data).is_some() {
                None
            } else if ops.find(action, !data).is_some() {
                Some(format!(
                    "`{action}` is a {} in the catalog; set `dataAction` to {}",
                    if data {
                        "control-plane action"
                    } else {
                        "data action"
                    },
                    !data
                ))
            } else {
                Some(format!(
                    "`{action}` is not in the operations catalog{}",
                    crate::fuzzy::suggest_operation(catalog, action, data)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default()
                ))
            }
        }
    }
}

/// Read one check; problems are collected in `p`.
pub(crate) fn read(p: &mut Problems, catalog: &Catalog, n: &Node<'_>) -> Option<Check> {
    if !p.object(n, "a check") {
        return None;
    }
    let kind = p.text(n, "kind", true)?;
    let Some(kind) = KINDS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(&kind))
        .copied()
    else {
        let hint = crate::fuzzy::closest(&kind, KINDS)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        let msg = format!(
            "unknown check kind `{kind}` ({hint}expected {})",
            KINDS.join(", ")
        );
        p.push(n.error_at("kind", msg));
        return None;
    };
    match kind {
        "enables" => {
            p.keys(n, &["kind", "operation", "allowConditional"]);
            let allow_conditional = p.boolean(n, "allowConditional").unwrap_or(false);
            Some(Check::Enables {
                operation: operation(p, catalog, n)?,
                allow_conditional,
            })
        }
        "notEnables" => {
            p.keys(n, &["kind", "operation"]);
            Some(Check::NotEnables {
                operation: operation(p, catalog, n)?,
            })
        }
        "allows" | "denies" => {
            if kind == "denies" {
                p.keys(n, &["kind", "action", "scope", "dataAction", "andBelow"]);
            } else {
                p.keys(n, &["kind", "action", "scope", "dataAction"]);
            }
            let data_action = p.boolean(n, "dataAction").unwrap_or(false);
            let and_below = kind == "denies" && p.boolean(n, "andBelow").unwrap_or(false);
            let scope = match p.member(n, "scope") {
                Some(v) => match v.as_str() {
                    Ok(s) if s.trim().is_empty() => None,
                    Ok(s) => match Scope::parse(s) {
                        Ok(sc) => Some(sc),
                        Err(e) => {
                            p.push(v.error(e.to_string()));
                            return None;
                        }
                    },
                    Err(e) => {
                        p.push(e);
                        return None;
                    }
                },
                None => None,
            };
            // `andBelow` reads down from the check's scope: without one it has
            // nothing to read down from (review s43: accepted, and ignored).
            if and_below && scope.is_none() {
                p.push(n.error_at(
                    "andBelow",
                    "`andBelow` needs a `scope`: it asks for a denial at that scope and every scope below it where the answer assigns a role".to_string(),
                ));
                return None;
            }
            let action = p.text(n, "action", true)?;
            if let Some(why) = unknown_action(catalog, &action, data_action) {
                p.push(n.error_at("action", why));
                return None;
            }
            Some(if kind == "allows" {
                Check::Allows {
                    action,
                    scope,
                    data_action,
                }
            } else {
                Check::Denies {
                    action,
                    scope,
                    data_action,
                    and_below,
                }
            })
        }
        "noRisk" => {
            p.keys(n, &["kind", "level"]);
            let level = p.text(n, "level", true)?;
            match parse_level(&level) {
                Some(level) => Some(Check::NoRisk { level }),
                None => {
                    let names = ["critical", "high", "medium", "low"];
                    let hint = crate::fuzzy::closest(&level, names)
                        .map(|s| format!("did you mean `{s}`? "))
                        .unwrap_or_default();
                    let msg = format!(
                        "unknown risk level `{level}` ({hint}expected critical, high, medium, low)"
                    );
                    p.push(n.error_at("level", msg));
                    None
                }
            }
        }
        "maxPermissions" | "maxGranted" => {
            p.keys(n, &["kind", "count"]);
            let v = p.required(n, "count")?;
            match v.as_usize() {
                Ok(count) if kind == "maxPermissions" => Some(Check::MaxPermissions { count }),
                Ok(count) => Some(Check::MaxGranted { count }),
                Err(e) => {
                    p.push(e);
                    None
                }
            }
        }
        "onlyBuiltIn" => {
            p.keys(n, &["kind", "roles"]);
            if n.get("roles").ok().flatten().is_none() {
                p.push(n.error(
                    "missing `roles` (the built-in roles the answer may assign; `[]` for none)",
                ));
                return None;
            }
            let mut roles = Vec::new();
            for name in p.texts(n, "roles") {
                match catalog.role(&name) {
                    Some((_, r)) => roles.push(r.name.clone()),
                    None => {
                        let msg = format!(
                            "`{name}` is not a built-in role{}",
                            crate::fuzzy::closest_or_completion(
                                &name,
                                catalog.roles.iter().map(|r| r.name.as_str())
                            )
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default()
                        );
                        p.push(n.error_at("roles", msg));
                    }
                }
            }
            Some(Check::OnlyBuiltIn { roles })
        }
        "lintClean" => {
            p.keys(n, &["kind"]);
            Some(Check::LintClean)
        }
        "withinSolution" => {
            p.keys(n, &["kind"]);
            Some(Check::WithinSolution)
        }
        _ => {
            p.keys(
                n,
                &[
                    "kind",
                    "object",
                    "visible",
                    "actionable",
                    "allowConditional",
                ],
            );
            let object = p.text(n, "object", true);
            let Some(visible) = p.boolean(n, "visible") else {
                if n.get("visible").ok().flatten().is_none() {
                    p.push(n.error(
                        "missing `visible` (true: the student must see the object; false: must not)",
                    ));
                }
                return None;
            };
            let actionable = p.boolean(n, "actionable");
            let allow_conditional = p.boolean(n, "allowConditional").unwrap_or(false);
            if allow_conditional && actionable != Some(true) {
                p.push(n.error_at(
                    "allowConditional",
                    "`allowConditional` applies only with `actionable: true`",
                ));
                return None;
            }
            if !visible && actionable == Some(true) {
                p.push(n.error("an object that is not visible cannot be actionable"));
                return None;
            }
            Some(Check::Sees {
                object: object?,
                visible,
                actionable,
                allow_conditional,
            })
        }
    }
}
