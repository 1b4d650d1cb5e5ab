//! For trainers: add a check to the exercise being written, from lists the engine
//! feeds (every Windows 365 operation and Cloud PC permission, the risk levels), so
//! a check is never mistyped. The exercise stays JSON in the editor; the picker
//! adds one entry to its `checks` (the last exercise's, for a pack).

use crate::state::cat;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The kinds the picker offers: (kind, label). `sees` needs a scope-tag object,
/// written by hand.
const KINDS: &[(&str, &str)] = &[
    ("enables", "enables a Windows 365 operation"),
    ("notEnables", "does not enable a Windows 365 operation"),
    ("allows", "allows an Azure action"),
    ("denies", "denies an Azure action"),
    (
        "deniesBelow",
        "denies an Azure action at a scope and wherever the answer assigns below it",
    ),
    ("noRisk", "no risk flag at or above a level"),
    (
        "maxPermissions",
        "lists at most so many permissions (a wildcard counts as one)",
    ),
    (
        "maxGranted",
        "grants at most so many permissions (wildcards expanded)",
    ),
    ("onlyBuiltIn", "assigns no built-in role but those listed"),
    ("lintClean", "has no lint errors"),
    (
        "withinSolution",
        "grants nothing the solution does not, at any scope",
    ),
];

/// A check kind in words (the picker's label; the grader's own `deployable` and
/// the hand-written `sees` too), for the results of a Check: the JSON name is
/// not shown to a student (review s43).
pub fn kind_label(kind: &str) -> &str {
    match kind {
        "sees" => "what the admin sees under scope tags",
        "deployable" => "every assignment can be made as written",
        _ => KINDS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(kind, |(_, label)| label),
    }
}

/// The check for `kind` from the picker's fields, or what is missing.
pub fn check_of(kind: &str, operation: &str, value: &str, scope: &str) -> Result<Value, String> {
    let value = value.trim();
    let scope = scope.trim();
    match kind {
        "enables" | "notEnables" if operation.is_empty() => Err("choose an operation".into()),
        "enables" | "notEnables" => Ok(json!({"kind": kind, "operation": operation})),
        "allows" | "denies" | "deniesBelow" if value.is_empty() => {
            Err("type the Azure action".into())
        }
        "deniesBelow" if scope.is_empty() => Err("type the scope to deny it at and below".into()),
        "deniesBelow" => {
            Ok(json!({"kind": "denies", "action": value, "scope": scope, "andBelow": true}))
        }
        "allows" | "denies" => {
            let mut c = json!({"kind": kind, "action": value});
            if !scope.is_empty() {
                c["scope"] = json!(scope);
            }
            Ok(c)
        }
        "noRisk" => {
            Ok(json!({"kind": kind, "level": if value.is_empty() { "high" } else { value }}))
        }
        "maxPermissions" | "maxGranted" => value
            .parse::<u64>()
            .map(|n| json!({"kind": kind, "count": n}))
            .map_err(|_| "type the largest number of permissions, e.g. 5".to_string()),
        "onlyBuiltIn" => {
            let roles: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .collect();
            Ok(json!({"kind": kind, "roles": roles}))
        }
        "lintClean" | "withinSolution" => Ok(json!({"kind": kind})),
        other => Err(format!("unknown kind `{other}`")),
    }
}

/// Add `check` to the exercise in `text` (or to a pack's last exercise).
pub fn add_check(text: &str, check: Value) -> Result<String, String> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| {
        format!("the editor does not hold exercise JSON ({e}); start with “Make an exercise from my current work”")
    })?;
    let target = match doc.get_mut("exercises").and_then(Value::as_array_mut) {
        Some(list) => list.last_mut().ok_or("the pack holds no exercise")?,
        None => &mut doc,
    };
    let checks = target
        .as_object_mut()
        .ok_or("the editor holds JSON, but not an exercise object")?
        .entry("checks")
        .or_insert_with(|| json!([]));
    checks
        .as_array_mut()
        .ok_or("`checks` is not a list")?
        .push(check);
    serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())
}

/// The picker, writing into the exercise editor `area`.
#[component]
pub fn CheckPicker(
    /// The exercise editor.
    area: NodeRef<leptos::html::Textarea>,
) -> impl IntoView {
    let kind = RwSignal::new("enables".to_string());
    let operation = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let scope = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let w = &cat().windows365;
    let operations: Vec<(String, String)> = w
        .operations
        .iter()
        .map(|o| (o.id.clone(), o.name.clone()))
        .chain(w.current_permissions().map(|p| {
            (
                format!("permission:{}", p.name),
                format!("Cloud PC permission {}", p.name),
            )
        }))
        .collect();
    let needs_op = move || matches!(kind.get().as_str(), "enables" | "notEnables");
    let needs_value = move || {
        matches!(
            kind.get().as_str(),
            "allows"
                | "denies"
                | "deniesBelow"
                | "noRisk"
                | "maxPermissions"
                | "maxGranted"
                | "onlyBuiltIn"
        )
    };
    let hint = move || match kind.get().as_str() {
        "allows" | "denies" | "deniesBelow" => {
            "Azure action, e.g. Microsoft.Network/virtualNetworks/subnets/join/action"
        }
        "onlyBuiltIn" => "built-in roles allowed, comma-separated (empty: none), e.g. Reader",
        "noRisk" => "level: critical, high, medium or low (default high)",
        "maxPermissions" | "maxGranted" => "the largest number, e.g. 5",
        _ => "",
    };
    let add = move |_| {
        let Some(a) = area.get_untracked() else {
            return;
        };
        let result = check_of(
            &kind.get_untracked(),
            &operation.get_untracked(),
            &value.get_untracked(),
            &scope.get_untracked(),
        )
        .and_then(|c| add_check(&a.value(), c));
        match result {
            Ok(text) => {
                a.set_value(&text);
                message.set(Some((
                    false,
                    "Check added; Open validates the exercise.".into(),
                )));
            }
            Err(e) => message.set(Some((true, e))),
        }
    };
    view! {
        <fieldset class="check-picker" data-testid="check-picker">
            <legend>"Add a check"</legend>
            <label class="field">
                <span>"The answer…"</span>
                <select data-testid="check-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {KINDS.iter().map(|(k, label)| view! { <option value=*k>{*label}</option> }).collect_view()}
                </select>
            </label>
            <Show when=needs_op>
                <label class="field">
                    <span>"Operation"</span>
                    <select data-testid="check-operation" on:change=move |ev| operation.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {operations.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </Show>
            <Show when=needs_value>
                <label class="field">
                    <span>{hint}</span>
                    <input type="text" spellcheck="false" data-testid="check-value" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                </label>
            </Show>
            <Show when=move || matches!(kind.get().as_str(), "allows" | "denies" | "deniesBelow")>
                <label class="field">
                    <span>{move || if kind.get() == "deniesBelow" { "Scope" } else { "Scope (optional)" }}</span>
                    <input type="text" spellcheck="false" placeholder="/subscriptions/<id>" data-testid="check-scope" prop:value=move || scope.get() on:input=move |ev| scope.set(event_target_value(&ev))/>
                </label>
            </Show>
            <button class="button button--quiet" data-testid="check-add" on:click=add>"Add the check"</button>
            {move || message.get().map(|(err, m)| view! {
                <p class=if err { "field__error" } else { "muted" } role=if err { "alert" } else { "status" } data-testid="check-message">{m}</p>
            })}
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deny_below_a_scope_and_the_built_in_roles_allowed_are_checks_too() {
        let sub = "/subscriptions/11111111-1111-1111-1111-111111111111";
        let c = check_of(
            "deniesBelow",
            "",
            "Microsoft.Authorization/roleAssignments/write",
            sub,
        )
        .unwrap();
        assert_eq!(c["kind"], "denies");
        assert_eq!(c["andBelow"], true);
        assert_eq!(c["scope"], sub);
        assert!(check_of(
            "deniesBelow",
            "",
            "Microsoft.Authorization/roleAssignments/write",
            ""
        )
        .is_err());
        let c = check_of("onlyBuiltIn", "", " Reader, Owner ,", "").unwrap();
        assert_eq!(c["roles"], json!(["Reader", "Owner"]));
        let c = check_of("onlyBuiltIn", "", "", "").unwrap();
        assert_eq!(c["roles"], json!([]));
    }

    #[test]
    fn a_check_is_added_to_an_exercise_or_a_packs_last_exercise() {
        let c = check_of("enables", "create-provisioning-policy", "", "").unwrap();
        let out = add_check(r#"{"id": "x", "checks": [{"kind": "lintClean"}]}"#, c).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["checks"][1]["operation"], "create-provisioning-policy");
        let c = check_of("maxPermissions", "", "5", "").unwrap();
        let out = add_check(r#"{"exercises": [{"id": "a"}, {"id": "b"}]}"#, c).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["exercises"][1]["checks"][0]["count"], 5);
        assert!(v["exercises"][0].get("checks").is_none());
        assert!(check_of("maxPermissions", "", "five", "").is_err());
        assert!(check_of("enables", "", "", "").is_err());
        assert!(add_check("not json", json!({}))
            .unwrap_err()
            .contains("Make an exercise"));
        let c = check_of(
            "denies",
            "",
            "Microsoft.Network/virtualNetworks/write",
            "/subscriptions/s1",
        )
        .unwrap();
        assert_eq!(c["scope"], "/subscriptions/s1");
    }
}
