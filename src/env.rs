//! What the views need around the environment: the scopes of the operations view,
//! and the workspace a share link carries.

use crate::route::{Route, View};
use crate::state::AppState;
use crate::workspace::Workspace;
use leptos::prelude::*;
use w365_engine::evaluate::Environment;
use w365_engine::readiness::Context;
use w365_engine::Scope;

/// The given scopes of the operations view (subscription, resource group, virtual
/// network, storage account), as written in the URL.
pub type ScopeParams = [String; 4];

/// The scopes of the operations view as given (a blank or unreadable one: `None`).
pub fn given_scopes(given: &ScopeParams) -> [Option<Scope>; 4] {
    given.each_ref().map(|v| Scope::parse(v.trim()).ok())
}

/// The scopes of the operations view: given ones, the rest inferred.
pub fn context(env: &Environment<'_>, given: &ScopeParams) -> Context {
    let [sub, rg, vnet, sa] = given_scopes(given);
    Context::infer(env, sub, rg, vnet, sa)
}

/// The part of the active workspace a link to `route` carries: the assignments when
/// the view shows what they allow, and the custom roles they use or the route names.
pub fn shared_part(state: &AppState, route: &Route) -> Workspace {
    if route.view == View::ScopeTags {
        // The scenario the view shows, as its own "Copy a link to this scenario".
        let scenario = state
            .scopetags
            .get_untracked()
            .unwrap_or_else(crate::scenario::preset);
        return scopetags_part(state, scenario);
    }
    let mut ws = state.ws.get_untracked();
    if !matches!(route.view, View::Operations | View::Assignments) || route.param("alone").is_some()
    {
        ws.assignments.clear();
    }
    let named_by_route = |id: &str| {
        route.param("role") == Some(id)
            || route
                .param("roles")
                .is_some_and(|list| list.split(',').any(|x| x == id))
            || matches!(&route.view, View::Role(r) if r == id)
    };
    let roles = ws
        .roles
        .iter()
        .filter(|r| {
            ws.assignments
                .iter()
                .any(|a| a.role == r.id || r.role.is_named(&a.role))
                || named_by_route(&r.id)
        })
        .cloned()
        .collect();
    Workspace {
        roles,
        broken: Vec::new(),
        assignments: ws.assignments.clone(),
        trash: Vec::new(),
        scopetags: None,
    }
}

/// The part of the active workspace a link to the scope-tag view carries: the
/// scenario (the example when none was saved) and the custom roles it names.
pub fn scopetags_part(state: &AppState, scenario: crate::scenario::TagScenario) -> Workspace {
    let ws = state.ws.get_untracked();
    let used = scenario.roles_used();
    let roles = ws
        .roles
        .iter()
        .filter(|r| used.iter().any(|u| r.role.is_named(u)))
        .cloned()
        .collect();
    Workspace {
        roles,
        scopetags: Some(scenario),
        ..Workspace::default()
    }
}

/// Copy a link to `route` carrying `part` to the clipboard, and say so.
pub fn copy_link(state: AppState, route: Route, part: Workspace) {
    leptos::task::spawn_local(async move {
        let route = if part.is_empty() {
            route
        } else {
            match crate::links::encode(&part).await {
                Ok(w) => route.with("w", &w),
                Err(e) => {
                    state.error(format!("Could not make the link: {e}"));
                    return;
                }
            }
        };
        let url = crate::dom::page_url(&route);
        let what = crate::state::summarize(&part);
        let link = url.clone();
        crate::dom::copy(url, move |res| match res {
            Ok(()) if part.is_empty() => state.info("Link copied."),
            Ok(()) => state.info(format!("Link copied: it carries {what}.")),
            Err(e) => state.error(format!("Could not copy the link: {e}. The link: {link}")),
        });
    });
}
