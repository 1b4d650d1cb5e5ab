//! The current assignment set as an engine [`Environment`], and sharing it by link.

use crate::route::Route;
use crate::state::{cat, read_role, AppState};
use crate::storage::{SavedAssignment, SavedRole};
use leptos::prelude::*;
use w365_engine::evaluate::{Assignment, Environment};
use w365_engine::readiness::Context;
use w365_engine::roleset::RoleSet;
use w365_engine::{Plane, Scope};

/// The environment of the saved assignments, and the problems of those that could
/// not be used (index, message).
pub fn environment(state: &AppState) -> (Environment<'static>, Vec<(usize, String)>) {
    let saved = state.saved.get();
    let custom = saved
        .roles
        .iter()
        .filter_map(|r| read_role(r).ok())
        .collect();
    let mut env = Environment::new(RoleSet::new(cat(), custom));
    let mut problems = Vec::new();
    for (i, a) in saved.assignments.iter().enumerate() {
        let role = match env.roles.resolve(&a.role) {
            Ok(r) => r,
            Err(e) => {
                problems.push((i, e.to_string()));
                continue;
            }
        };
        let plane = env
            .roles
            .get(role)
            .map(|r| r.plane())
            .unwrap_or(Plane::Azure);
        let scope = if a.scope.trim().is_empty() {
            if plane == Plane::Azure {
                problems.push((i, "an Azure role assignment needs a scope".into()));
                continue;
            }
            None
        } else {
            match Scope::parse(a.scope.trim()) {
                Ok(s) => Some(s),
                Err(e) => {
                    problems.push((i, e.to_string()));
                    continue;
                }
            }
        };
        env.assignments.push(Assignment {
            role,
            scope: if plane == Plane::Azure { scope } else { None },
            condition: None,
        });
    }
    (env, problems)
}

/// The scopes of the operations view: given ones from the URL, the rest inferred.
pub fn context(env: &Environment<'_>, route: &Route) -> Context {
    let p = |k: &str| route.param(k).and_then(|v| Scope::parse(v.trim()).ok());
    Context::infer(env, p("sub"), p("rg"), p("vnet"), p("sa"))
}

/// A route carrying the assignments and the custom roles they use.
pub fn share_route(state: &AppState, route: Route) -> Route {
    let saved = state.saved.get_untracked();
    let used: Vec<&SavedRole> = saved
        .roles
        .iter()
        .filter(|r| {
            let name = read_role(r).map(|x| x.name).unwrap_or_default();
            saved
                .assignments
                .iter()
                .any(|a| a.role == r.id || a.role.eq_ignore_ascii_case(&name))
                || route.param("role") == Some(r.id.as_str())
                || route
                    .param("roles")
                    .is_some_and(|list| list.split(',').any(|x| x == r.id))
                || matches!(&route.view, crate::route::View::Role(id) if *id == r.id)
        })
        .collect();
    let mut r = route;
    if !saved.assignments.is_empty() {
        r = r.with(
            "as",
            &serde_json::to_string(&saved.assignments).unwrap_or_default(),
        );
    }
    if !used.is_empty() {
        r = r.with("cr", &serde_json::to_string(&used).unwrap_or_default());
    }
    r
}

/// Apply a shared link's assignments and roles (once, at start), returning a
/// message for the user.
pub fn apply_shared(state: &AppState, route: &Route) -> Option<String> {
    let roles: Vec<SavedRole> = route
        .param("cr")
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let assignments: Option<Vec<SavedAssignment>> =
        route.param("as").and_then(|t| serde_json::from_str(t).ok());
    if roles.is_empty() && assignments.is_none() {
        return route.param("as").or(route.param("cr")).map(|_| {
            "The link's shared assignments could not be read; nothing was changed.".into()
        });
    }
    let before = state.saved.get_untracked();
    let mut added = 0;
    state.saved.update(|s| {
        for r in roles {
            if read_role(&r).is_ok() && !s.roles.iter().any(|x| x.id == r.id) {
                s.roles.push(r);
                added += 1;
            }
        }
        if let Some(a) = assignments.clone() {
            s.assignments = a;
        }
    });
    let n = assignments.map(|a| a.len()).unwrap_or(0);
    state.notice.set(Some(crate::state::Notice {
        text: format!(
            "Opened a shared view: {n} assignments{}.",
            if added > 0 {
                format!(" and {added} custom roles")
            } else {
                String::new()
            }
        ),
        undo: Some(before),
        error: false,
    }));
    None
}
