//! Compose a custom role from scratch, by cloning, or by importing: Cloud PC
//! permissions by resource, Azure patterns with a live preview, live lint, live
//! "what this enables", export in every format. Several roles are kept in browser
//! storage; deleting one can be undone.

use crate::components::action_finder::ActionFinder;
use crate::components::cloudpc_picker::CloudPcPicker;
use crate::components::export_panel::ExportPanel;
use crate::components::import_box::{ImportBox, OnText};
use crate::components::lint_panel::LintPanel;
use crate::components::pattern_list::PatternList;
use crate::components::status::StatusBadge;
use crate::dom::num;
use crate::route::{encode, use_router, Route, View};
use crate::state::{cat, new_id, read_role, use_state, AppState};
use crate::storage::SavedRole;
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::export::{export, graph_json, Format};
use w365_engine::lint::lint_role;
use w365_engine::model::{PermissionBlock, Role, RoleKind};
use w365_engine::{ActionPattern, Plane};

/// Serialize a role for storage: ARM JSON for Azure roles, Graph JSON for Cloud PC roles.
pub fn definition(role: &Role) -> Result<String, String> {
    match role.plane() {
        Plane::CloudPc => graph_json(role).map_err(|e| e.to_string()),
        _ => export(role, Format::Arm).map_err(|e| e.to_string()),
    }
}

fn blank(kind: RoleKind) -> Role {
    Role {
        id: String::new(),
        name: if kind == RoleKind::CloudPcCustom {
            "New Cloud PC role".into()
        } else {
            "New Azure role".into()
        },
        description: String::new(),
        kind,
        category: None,
        blocks: vec![PermissionBlock::default()],
        assignable_scopes: if kind == RoleKind::AzureCustom {
            vec![crate::pages::role::SAMPLE_SUBSCRIPTION.into()]
        } else {
            Vec::new()
        },
        provenance: Vec::new(),
        notes: Vec::new(),
        entra_actions: Vec::new(),
        aliases: Vec::new(),
        version_date: None,
    }
}

/// Save a role under an id, reporting failures.
fn store(state: &AppState, id: &str, role: &Role) {
    match definition(role) {
        Ok(text) => state.put_role(SavedRole {
            id: id.to_string(),
            definition: text,
        }),
        Err(e) => state.error(format!("Not saved: {e}")),
    }
}

/// Import text as new saved roles; returns a message.
pub fn import_text(
    state: &AppState,
    text: &str,
    source: &str,
) -> Result<(String, Vec<String>), String> {
    let roles = w365_engine::import::import(text).map_err(|e| format!("{source}: {e}"))?;
    let mut ids = Vec::new();
    let mut names = Vec::new();
    for r in roles {
        if matches!(r.role.plane(), Plane::Entra | Plane::Intune) {
            continue;
        }
        let id = new_id();
        let body = definition(&r.role).map_err(|e| format!("{source}: {e}"))?;
        state.put_role(SavedRole {
            id: id.clone(),
            definition: body,
        });
        names.push(r.role.name.clone());
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(format!("{source}: no Azure or Cloud PC role in it"));
    }
    Ok((
        format!(
            "Imported {} from {source}: {}.",
            if ids.len() == 1 {
                "1 role".to_string()
            } else {
                format!("{} roles", ids.len())
            },
            names.join(", ")
        ),
        ids,
    ))
}

#[component]
fn SavedList(selected: Signal<String>) -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let create = move |kind: RoleKind| {
        let id = new_id();
        store(&state, &id, &blank(kind));
        router.go(Route::to(View::Compose).with("role", &id));
    };
    view! {
        <nav class="saved" aria-labelledby="saved-title">
            <h2 id="saved-title">"Your roles"</h2>
            <div class="saved__new">
                <button class="button" data-testid="new-azure" on:click=move |_| create(RoleKind::AzureCustom)>"New Azure role"</button>
                <button class="button" data-testid="new-cloudpc" on:click=move |_| create(RoleKind::CloudPcCustom)>"New Cloud PC role"</button>
            </div>
            {move || {
                let roles = state.saved.with(|s| s.roles.clone());
                if roles.is_empty() {
                    return view! { <p class="empty" data-testid="saved-empty">"No saved roles yet. Create one, import one, or use “Compose a copy” on any role."</p> }.into_any();
                }
                view! {
                    <ul class="saved__list" data-testid="saved-list">
                        {roles.into_iter().map(|r| {
                            let id = r.id.clone();
                            let id2 = r.id.clone();
                            let (name, kind, broken) = match read_role(&r) {
                                Ok(role) => (role.name, role.kind.label(), false),
                                Err(_) => ("(unreadable definition)".to_string(), "", true),
                            };
                            let current = Signal::derive(move || selected.get() == id2);
                            let label = format!("Delete {name}");
                            view! {
                                <li class="saved__item" class:saved__item--current=current data-testid="saved-role">
                                    <a href=format!("#/compose?role={}", encode(&id)) aria-current=move || current.get().then_some("page")>{name.clone()}</a>
                                    <span class="muted">{kind}</span>
                                    {broken.then(|| view! { <span class="tag tag--risk-high">"unreadable"</span> })}
                                    <button class="button button--quiet button--small" aria-label=label data-testid="delete-role" on:click=move |_| state.delete_role(&id)>"Delete"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </nav>
    }
}

#[component]
fn Editor(id: String) -> impl IntoView {
    let state = use_state();
    let id = StoredValue::new(id);
    let role = Memo::new(move |_| {
        let wanted = id.get_value();
        state
            .saved
            .with(|s| s.roles.iter().find(|r| r.id == wanted).map(read_role))
    });
    let current = Signal::derive(move || role.get().and_then(Result::ok));
    let update = move |f: &dyn Fn(&mut Role)| {
        if let Some(mut r) = current.get_untracked() {
            f(&mut r);
            store(&state, &id.get_value(), &r);
        }
    };
    let update = Arc::new(update);
    let lint = Signal::derive(move || {
        current.with(|r| {
            r.as_ref()
                .map(|r| lint_role(cat(), r, &[]))
                .unwrap_or_default()
        })
    });
    let list = move |f: fn(&PermissionBlock) -> &Vec<ActionPattern>| {
        Signal::derive(move || {
            current.with(|r| {
                r.as_ref()
                    .and_then(|r| r.blocks.first())
                    .map(|b| f(b).iter().map(|p| p.as_str().to_string()).collect())
                    .unwrap_or_default()
            })
        })
    };
    // The editor shows and edits the first permission block, made when missing.
    let up_block = update.clone();
    let edit_block = Arc::new(move |f: &dyn Fn(&mut PermissionBlock)| {
        up_block(&|r: &mut Role| {
            if r.blocks.is_empty() {
                r.blocks.push(PermissionBlock::default());
            }
            if let Some(b) = r.blocks.first_mut() {
                f(b);
            }
        });
    });
    let set_block = edit_block.clone();
    let setter = move |f: fn(&mut PermissionBlock) -> &mut Vec<ActionPattern>| -> crate::components::pattern_list::OnChange {
        let edit = set_block.clone();
        Arc::new(move |items: Vec<String>| {
            let pats: Vec<ActionPattern> = items.iter().filter_map(|s| ActionPattern::new(s).ok()).collect();
            edit(&|b: &mut PermissionBlock| *f(b) = pats.clone());
        })
    };
    let shape = Memo::new(move |_| {
        role.with(|r| match r {
            None => 0u8,
            Some(Err(_)) => 1,
            Some(Ok(x)) if x.plane() == Plane::Azure => 2,
            Some(Ok(_)) => 3,
        })
    });
    let scope_draft = RwSignal::new(String::new());
    let enables = move || {
        current.with(|r| {
            let Some(r) = r else { return ().into_any() };
            let azure = r.plane() == Plane::Azure;
            let ex = w365_engine::expand::Expander::new(cat()).expand(r);
            let (a, d, c, p) = ex.counts(cat());
            let (perm_ops, ops): (Vec<_>, Vec<_>) = crate::pages::role::alone(r).into_iter().partition(|(id, _, _)| id.starts_with("permission:"));
            view! {
                <p>{if azure { format!("{} actions, {} data actions, {} conditional.", num(a), num(d), num(c)) } else { format!("{} Cloud PC permissions.", num(p)) }}</p>
                <ul class="oplist">
                    {ops.into_iter().map(|(id, name, s)| view! {
                        <li data-testid="enabled-op" data-op=id.clone()><StatusBadge status=s/>" "<a href=format!("#/operations?op={}", encode(&id))>{name}</a></li>
                    }).collect_view()}
                </ul>
                {(!perm_ops.is_empty()).then(|| view! { <p class="muted">{format!("{} of 106 Cloud PC permission operations.", perm_ops.len())}</p> })}
            }
            .into_any()
        })
    };
    let up_name = update.clone();
    let up_desc = update.clone();
    let up_scopes = update.clone();
    let up_cpc = update.clone();
    let finder_add: crate::components::action_finder::OnAdd =
        Arc::new(move |name: String, data: bool| {
            let Ok(p) = ActionPattern::new(&name) else {
                return;
            };
            edit_block(&|b: &mut PermissionBlock| {
                let list = if data {
                    &mut b.data_actions
                } else {
                    &mut b.actions
                };
                if !list.iter().any(|x| x.lower() == p.lower()) {
                    list.push(p.clone());
                }
            });
        });
    move || match shape.get() {
        0 => view! { <p class="empty">"This role is no longer saved. Choose another one."</p> }
            .into_any(),
        1 => {
            let msg = role.with(|r| match r {
                Some(Err(e)) => e.clone(),
                _ => String::new(),
            });
            view! { <p class="import__message import__message--error" role="alert">{format!("The saved definition cannot be read: {msg}")}</p> }.into_any()
        }
        kind => {
            let azure = kind == 2;
            let up_name = up_name.clone();
            let up_desc = up_desc.clone();
            let up_scopes = up_scopes.clone();
            let up_scopes2 = up_scopes.clone();
            let up_cpc = up_cpc.clone();
            let form = if azure {
                let scopes = move || {
                    current.with(|r| {
                        r.as_ref()
                            .map(|r| r.assignable_scopes.clone())
                            .unwrap_or_default()
                    })
                };
                view! {
                    <PatternList label="Actions" data=false items=list(|b| &b.actions) on_change=setter(|b| &mut b.actions) testid="actions"/>
                    <PatternList label="NotActions" data=false items=list(|b| &b.not_actions) on_change=setter(|b| &mut b.not_actions) testid="not-actions"/>
                    <PatternList label="DataActions" data=true items=list(|b| &b.data_actions) on_change=setter(|b| &mut b.data_actions) testid="data-actions"/>
                    <PatternList label="NotDataActions" data=true items=list(|b| &b.not_data_actions) on_change=setter(|b| &mut b.not_data_actions) testid="not-data-actions"/>
                    <ActionFinder on_add=finder_add.clone()/>
                    <fieldset class="plist" data-testid="scopes">
                        <legend>"Assignable scopes"</legend>
                        <ul class="plist__items">
                            {move || scopes().into_iter().enumerate().map(|(i, s)| {
                                let up = up_scopes.clone();
                                let label = format!("Remove {s}");
                                view! { <li><code>{s}</code>" "<button class="button button--quiet button--small" aria-label=label on:click=move |_| up(&|r: &mut Role| { if i < r.assignable_scopes.len() { r.assignable_scopes.remove(i); } })>"Remove"</button></li> }
                            }).collect_view()}
                        </ul>
                        <div class="plist__add">
                            <label class="visually-hidden" for="scope-add">"Add an assignable scope"</label>
                            <input id="scope-add" type="text" spellcheck="false" placeholder="/subscriptions/<id>" data-testid="scope-add"
                                prop:value=move || scope_draft.get() on:input=move |ev| scope_draft.set(event_target_value(&ev))/>
                            <button class="button button--small" on:click=move |_| {
                                let v = scope_draft.get_untracked().trim().to_string();
                                if !v.is_empty() {
                                    up_scopes2(&|r: &mut Role| r.assignable_scopes.push(v.clone()));
                                    scope_draft.set(String::new());
                                }
                            }>"Add"</button>
                        </div>
                    </fieldset>
                }
                .into_any()
            } else {
                let selected = Signal::derive(move || {
                    current.with(|r| {
                        r.as_ref()
                            .map(|r| {
                                r.blocks
                                    .iter()
                                    .flat_map(|b| b.actions.iter().map(|p| p.as_str().to_string()))
                                    .collect()
                            })
                            .unwrap_or_default()
                    })
                });
                let on_change: crate::components::cloudpc_picker::OnChange =
                    Arc::new(move |items: Vec<String>| {
                        let pats: Vec<ActionPattern> = items
                            .iter()
                            .filter_map(|s| ActionPattern::new(s).ok())
                            .collect();
                        up_cpc(&|r: &mut Role| {
                            r.blocks = vec![PermissionBlock {
                                actions: pats.clone(),
                                ..Default::default()
                            }]
                        });
                    });
                view! { <CloudPcPicker selected=selected on_change=on_change/> }.into_any()
            };
            view! {
                <div class="editor" data-testid="editor">
                    <div class="editor__form">
                        <h2>{if azure { "Azure custom role" } else { "Cloud PC custom role" }}</h2>
                        <label class="field">
                            <span>"Name"</span>
                            <input type="text" data-testid="role-name-input" prop:value=move || current.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default())
                                on:change=move |ev| { let v = event_target_value(&ev); up_name(&|r: &mut Role| r.name = v.clone()); }/>
                        </label>
                        <label class="field">
                            <span>"Description"</span>
                            <textarea rows="2" data-testid="role-description-input" prop:value=move || current.with(|r| r.as_ref().map(|r| r.description.clone()).unwrap_or_default())
                                on:change=move |ev| { let v = event_target_value(&ev); up_desc(&|r: &mut Role| r.description = v.clone()); }></textarea>
                        </label>
                        {form}
                    </div>
                    <div class="editor__side">
                        <LintPanel diagnostics=lint/>
                        <section class="enables" aria-labelledby="enables-title" data-testid="enables">
                            <h3 id="enables-title">"What this enables"</h3>
                            {enables}
                            <p><a href=format!("#/roles/{}", encode(&id.get_value()))>"Open its role page"</a></p>
                        </section>
                        <ExportPanel role=current/>
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

/// The compose view.
#[component]
pub fn ComposePage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let selected = router.param("role");
    let on_text: OnText = Arc::new(move |text: String, source: String| {
        let (msg, ids) = import_text(&state, &text, &source)?;
        if let Some(first) = ids.first() {
            router.go(Route::to(View::Compose).with("role", first));
        }
        Ok(msg)
    });
    view! {
        <section class="page compose">
            <h1>"Compose a role"</h1>
            <p class="lead">"Build a least-privilege custom role and check it as you go. Everything stays in this browser."</p>
            <div class="compose__layout">
                <div class="compose__side">
                    <SavedList selected=selected/>
                    <ImportBox on_text=on_text/>
                </div>
                <div class="compose__main">
                    {move || {
                        let id = selected.get();
                        if id.is_empty() {
                            view! { <p class="empty" data-testid="compose-empty">"Choose a saved role, create one, or import one."</p> }.into_any()
                        } else {
                            view! { <Editor id=id/> }.into_any()
                        }
                    }}
                </div>
            </div>
        </section>
    }
}
