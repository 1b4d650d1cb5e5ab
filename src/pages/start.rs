//! The start page: the questions people come with, each one click from its answer,
//! and the full roles list one click away.

use crate::components::role_picker::RolePicker;
use crate::dom::num;
use crate::pages::roles::role_href;
use crate::route::{encode, use_router, Route, View};
use crate::state::{cat, new_id, use_state};
use crate::workspace::CustomRole;
use leptos::prelude::*;
use w365_engine::RoleKind;

/// Roles people ask about first: (name shown, role id or name).
const FIRST_ROLES: [&str; 5] = [
    "Cloud PC Administrator",
    "Cloud PC Reader",
    "Windows 365 Administrator",
    "Intune Administrator",
    "Windows 365 Network Interface Contributor",
];

/// Admin tasks people ask about first (operation ids).
const FIRST_TASKS: [&str; 6] = [
    "create-azure-network-connection",
    "create-azure-network-connection-existing-network",
    "add-custom-image",
    "create-provisioning-policy",
    "resize-cloud-pc",
    "restore-cloud-pc",
];

/// The start view.
#[component]
pub fn StartPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let picked = RwSignal::new(String::new());
    let open_role = move || {
        let v = picked.get_untracked();
        let id = state.roles.with(|set| {
            set.resolve(&v)
                .ok()
                .and_then(|r| set.get(r).map(|x| x.id.clone()))
        });
        match id {
            Some(id) => router.go(Route::to(View::Role(id))),
            // Said, not silent (an outside review).
            None if v.trim().is_empty() => {
                state.info("Type a role's name or id first, or pick one of the roles below.")
            }
            None => router.go(Route::to(View::Roles).with("q", v.trim())),
        }
    };
    let new_role = move |kind: RoleKind| {
        let id = new_id();
        let mut role = crate::pages::compose::blank(kind);
        role.id = id.clone();
        state.put_role(CustomRole::new(id.clone(), role));
        router.go(Route::to(View::Compose).with("role", &id));
    };
    let c = cat();
    let tasks = FIRST_TASKS
        .iter()
        .filter_map(|id| c.windows365.operation(id))
        .map(|op| view! { <li><a href=format!("#/operations?op={}", encode(&op.id))>{op.name.clone()}</a></li> })
        .collect_view();
    let roles = FIRST_ROLES
        .iter()
        .filter_map(|n| c.role(n))
        .map(|(_, r)| view! { <li><a href=role_href(&r.id)>{r.name.clone()}</a>" "<span class="muted">{r.kind.label()}</span></li> })
        .collect_view();
    view! {
        <section class="page start" data-testid="start">
            <h1>"What can this role do in Windows 365 and Azure, and why?"</h1>
            <p class="lead">"Pick a role or a task. Every answer says which role and pattern grants it, what removes it, and what is still missing. Everything runs in this browser; nothing leaves the page."</p>
            <div class="start__grid">
                <section class="start__card" aria-labelledby="q-role">
                    <h2 id="q-role">"What can this role do in Windows 365?"</h2>
                    <form class="start__pick" on:submit=move |ev| { ev.prevent_default(); open_role(); }>
                        <RolePicker value=picked label="Role name or id" id="start-role" testid="start-role"/>
                        <button class="button" type="submit" data-testid="start-open-role">"Open"</button>
                    </form>
                    <ul class="start__links">{roles}</ul>
                </section>
                <section class="start__card" aria-labelledby="q-task">
                    <h2 id="q-task">"What does an admin task need?"</h2>
                    <p class="muted">"Every permission it needs across Microsoft Entra, Cloud PC roles, Intune and Azure, with the least-privileged fix for each."</p>
                    <ul class="start__links" data-testid="start-tasks">{tasks}</ul>
                    <p><a href="#/operations">"All Windows 365 operations"</a></p>
                </section>
                <section class="start__card" aria-labelledby="q-build">
                    <h2 id="q-build">"Build a least-privilege role"</h2>
                    <p class="muted">"Pick Cloud PC permissions by resource or Azure actions by pattern; see live what the role enables, what lint finds, and export it in a deployable format."</p>
                    <div class="actions-bar">
                        <button class="button" data-testid="start-new-cloudpc" on:click=move |_| new_role(RoleKind::CloudPcCustom)>"Start a Cloud PC role"</button>
                        <button class="button button--quiet" data-testid="start-new-azure" on:click=move |_| new_role(RoleKind::AzureCustom)>"Start an Azure role"</button>
                    </div>
                </section>
                <section class="start__card" aria-labelledby="q-review">
                    <h2 id="q-review">"Review assignments"</h2>
                    <p class="muted">"Combine roles the way they are assigned, ask “can it do this here?”, and see which Windows 365 operations the set allows."</p>
                    <ul class="start__links">
                        <li><a href="#/assignments">"Assignments and “can it do this here?”"</a></li>
                        <li><a href="#/compare?roles=4d97b98b-1d4f-4787-a291-c67834d212e7,1f135831-5bbe-4924-9016-264044c00788,7eabc9a4-85f7-4f71-b8ab-75daaccc1033">"Compare Network Contributor with the Windows 365 network roles"</a></li>
                    </ul>
                </section>
            </div>
            <p class="start__more">
                <a href="#/roles" data-testid="start-all-roles">{format!("Browse all {} roles", num(c.roles.len()))}</a>
                " · " <a href="#/actions">{format!("Search {} Azure actions", num(c.operations.len()))}</a>
                " · " <a href="#/about">"About the data"</a>
            </p>
        </section>
    }
}
