//! Scope tags: who sees which Windows 365 object, and who can act on it. The user
//! defines tags, objects and administrators (their role assignments with tags); the
//! engine decides every cell of the administrators × objects grid with its reasons
//! and rules (documented or inferred), "see as" shows one administrator's view, and
//! the All Cloud PCs vs All devices mismatch is flagged with its fix. The scenario is
//! saved with the user's work, imports and exports the `w365-perms visibility`
//! input, travels in links, and every change can be undone.

use crate::components::copy_block::CopyBlock;
use crate::components::import_box::{ImportBox, OnText};
use crate::components::scope_grid::ScopeGrid;
use crate::components::tag_admins::{RoleChoices, TagAdmins};
use crate::components::tag_choice::TagNames;
use crate::components::tag_list::{OnScenario, TagList};
use crate::components::tag_objects::TagObjects;
use crate::components::visibility_detail::{access_label, rule_chip, VisibilityDetail};
use crate::dom::download;
use crate::env::{copy_link, scopetags_part};
use crate::later::{in_slices, later};
use crate::route::{use_router, Route, View};
use crate::scenario::{preset, ScenarioEdit, TagScenario};
use crate::state::{cat, new_id, new_key, use_state, AppState, Shared};
use crate::workspace::{CustomRole, Edit};
use leptos::prelude::*;
use serde_json::Value;
use std::sync::Arc;
use w365_engine::scopetags::{self, created_tags, Access, Grid, ScopeTagError};
use w365_engine::{Plane, RoleKind};

/// What the engine made of the scenario.
struct Decided {
    grid: Shared<Grid>,
    /// Per administrator: the tags an object they create receives (R7).
    created: Vec<Vec<String>>,
}

fn problems(e: ScopeTagError) -> Vec<String> {
    match e {
        ScopeTagError::Json(j) => vec![j.to_string()],
        ScopeTagError::Invalid { problems } => problems.iter().map(ToString::to_string).collect(),
    }
}

/// The engine input for a scenario: the custom Cloud PC and Intune roles it names
/// travel with it as Graph definitions.
fn input(scenario: &TagScenario, custom: &[CustomRole]) -> Value {
    let used = scenario.roles_used();
    let roles = custom
        .iter()
        .filter(|r| matches!(r.role.plane(), Plane::CloudPc | Plane::Intune))
        .filter(|r| used.iter().any(|u| r.role.is_named(u)))
        .filter_map(|r| crate::storage::definition(&r.role).ok())
        .filter_map(|t| serde_json::from_str::<Value>(&t).ok())
        .collect();
    scenario.to_input(roles)
}

/// Import a `w365-perms visibility` input: it replaces the scenario (undoable), and
/// custom roles it defines that are not saved yet are added.
fn import_scenario(state: &AppState, text: &str, source: &str) -> Result<String, String> {
    let parsed = scopetags::parse(cat(), text)
        .map_err(|e| format!("{source}: {}; nothing was changed", problems(e).join("; ")))?;
    let new = TagScenario::from_parsed(&parsed, new_key);
    let known: Vec<String> = state
        .custom
        .with_untracked(|c| c.iter().map(|r| r.role.name.to_ascii_lowercase()).collect());
    let mut edits: Vec<Edit> = parsed
        .roles
        .custom()
        .iter()
        .filter(|r| !known.contains(&r.name.to_ascii_lowercase()))
        .map(|r| Edit::PutRole(CustomRole::new(new_id(), r.clone())))
        .collect();
    let added_roles = edits.len();
    edits.push(state.ws.with_untracked(|w| {
        match &w.scopetags {
            None => Edit::SetScopeTags(Some(new.clone())),
            Some(old) => Edit::Batch(
                old.replace_edits(&new)
                    .into_iter()
                    .map(Edit::ScopeTags)
                    .collect(),
            ),
        }
    }));
    let mut msg = format!(
        "Imported the scenario from {source}: {}, {}",
        crate::dom::count(new.objects.len(), "object", "objects"),
        crate::dom::count(new.admins.len(), "administrator", "administrators")
    );
    if added_roles > 0 {
        msg.push_str(&format!(
            ", and {} it defines",
            crate::dom::count(added_roles, "custom role", "custom roles")
        ));
    }
    msg.push('.');
    let edit = Edit::Batch(edits);
    if new.admins.len().max(1) * new.objects.len() > LARGE_ANSWERS {
        // Read (this task), then saved and drawn (the next): two shorter tasks.
        let (state, said) = (*state, msg.clone());
        set_timeout(
            move || state.edit_announced(edit, said),
            std::time::Duration::ZERO,
        );
    } else {
        state.edit_announced(edit, msg.clone());
    }
    Ok(msg)
}

/// The roles an assignment may name: every Cloud PC, Intune and Entra role.
fn role_choices(state: AppState) -> RoleChoices {
    Memo::new(move |_| {
        state.roles.with(|set| {
            let mut groups: Vec<(&'static str, Vec<String>)> = vec![
                ("Cloud PC roles", Vec::new()),
                ("Intune roles", Vec::new()),
                ("Microsoft Entra roles", Vec::new()),
                ("Your custom roles", Vec::new()),
            ];
            for (_, r) in set.all() {
                let g = match r.kind {
                    RoleKind::CloudPcBuiltIn => 0,
                    RoleKind::Intune => 1,
                    RoleKind::Entra => 2,
                    RoleKind::CloudPcCustom | RoleKind::IntuneCustom => 3,
                    _ => continue,
                };
                groups[g].1.push(r.name.clone());
            }
            groups.retain(|(_, v)| !v.is_empty());
            groups
        })
    })
}

/// Objects listed per group in "see as".
const SEE_AS: usize = 100;

/// One administrator's view: what they can act on, see, and not see.
#[component]
fn SeeAs(
    decided: RwSignal<Result<Shared<Decided>, Vec<String>>>,
    admin: Memo<String>,
) -> impl IntoView {
    move || {
        let name = admin.get();
        let Ok(d) = decided.get() else {
            return ().into_any();
        };
        let Some(i) = d.grid.admins.iter().position(|a| *a == name) else {
            return view! { <p class="empty" data-testid="see-as-missing">{format!("No administrator is called “{name}” in this scenario.")}</p> }.into_any();
        };
        let row = d.grid.see_as(&name).map(<[_]>::to_vec).unwrap_or_default();
        let counts = d.grid.counts(i);
        let created = d.created.get(i).cloned().unwrap_or_default();
        let mismatches = row.iter().filter(|v| v.mismatch.is_some()).count();
        let group = |access: Access, title: &'static str| {
            let all = row.iter().filter(|v| v.access == access).count();
            // Each listed object carries its explanation: the first SEE_AS are listed.
            let items: Vec<_> = row
                .iter()
                .filter(|v| v.access == access)
                .take(SEE_AS)
                .cloned()
                .collect();
            let more = all - items.len();
            let who = name.clone();
            view! {
                <h3>{format!("{title} ({all})")}</h3>
                {if items.is_empty() {
                    view! { <p class="muted">"None."</p> }.into_any()
                } else {
                    view! {
                        <ul class="seeas__list" data-testid=format!("see-as-{}", access_label(access))>
                            {items.into_iter().map(|v| {
                                let rules = v.rules.clone();
                                let id = v.id.clone();
                                let data_id = v.id.clone();
                                let flagged = v.mismatch.is_some();
                                view! {
                                    <li>
                                        <details class="group" data-testid="see-as-object" data-object=data_id>
                                            <summary>
                                                <strong>{id}</strong>
                                                {rules.iter().map(|r| rule_chip(r)).collect_view()}
                                                {flagged.then(|| view! { <span class="tag tag--risk-high">"device record hidden"</span> })}
                                            </summary>
                                            <VisibilityDetail admin=who.clone() v=v/>
                                        </details>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {(more > 0).then(|| view! { <p class="muted" data-testid="see-as-more">{format!("and {} more, not listed here; the grid above has every object.", crate::dom::num(more))}</p> })}
                    }
                    .into_any()
                }}
            }
        };
        view! {
            <div class="seeas" data-testid="see-as">
                <p class="summary" data-testid="see-as-summary">{format!(
                    "{name} can act on {}, only see {}, and does not see {} of the {}{}{}.",
                    counts.actionable,
                    counts.visible,
                    counts.hidden + counts.not_listable,
                    crate::dom::count(row.len(), "object", "objects"),
                    if counts.not_listable > 0 { format!(" ({} of them in scope through their tags, but no role grants any permission on their type and none is a role S4 names for viewing the objects within scope, so they cannot be listed, R15, inferred)", counts.not_listable) } else { String::new() },
                    if counts.unknown > 0 { format!("; for {} the sources do not say (an Entra role that bypasses scope tags for Cloud PC resources only)", counts.unknown) } else { String::new() }
                )}</p>
                {(mismatches > 0).then(|| view! {
                    <p class="banner banner--inline" data-testid="see-as-mismatch">{format!("{} in All Cloud PCs but their Intune device record is not in All devices (R8, inferred): open it for the dynamic device group fix.", if mismatches == 1 { "1 of their Cloud PCs is".to_string() } else { format!("{} of their Cloud PCs are", crate::dom::num(mismatches)) })}</p>
                })}
                <p class="muted">{if created.is_empty() { "An object they create gets no tag, so it carries Default (R7).".to_string() } else { format!("An object they create gets the tags {} (R7).", created.join(", ")) }}</p>
                {group(Access::Actionable, "Can act on")}
                {group(Access::Visible, "Sees, cannot act on")}
                {group(Access::NotListable, "In scope, cannot list (no permission on the type, none of S4's roles for viewing objects in scope)")}
                {group(Access::Unknown, "Not documented either way")}
                {group(Access::Hidden, "Does not see")}
            </div>
        }
        .into_any()
    }
}

/// The scope-tag view.
#[component]
pub fn ScopeTagsPage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let see_param = router.param("see");
    let example = Memo::new(move |_| state.scopetags.with(Option::is_none));
    let scenario = Memo::new(move |_| state.scopetags.get().unwrap_or_else(preset));
    let engine_input = Memo::new(move |_| scenario.with(|s| state.custom.with(|c| input(s, c))));
    // A large scenario (thousands of answers) is decided a task after it is saved
    // and its editors drawn; "Working out who sees what…" meanwhile.
    let settled = later(engine_input, large_input, 1);
    // Decided a few administrators per task when large (thousands of answers), so
    // the page paints and answers between slices; "Working out who sees what…"
    // meanwhile. A newer scenario abandons a job still under way.
    let decided = RwSignal::new(Err::<Shared<Decided>, Vec<String>>(Vec::new()));
    let working = RwSignal::new(false);
    let job = StoredValue::new(0u64);
    Effect::new(move |_| {
        // Any change abandons the job under way; the grid of an older scenario is
        // not shown while the new one is decided.
        let generation = job.get_value() + 1;
        job.set_value(generation);
        let Some(text) = settled.with(|v| v.as_ref().map(Value::to_string)) else {
            decided.set(Err(Vec::new()));
            return;
        };
        let s = match scopetags::parse(cat(), &text) {
            Ok(s) => s,
            Err(e) => {
                working.set(false);
                decided.set(Err(problems(e)));
                return;
            }
        };
        let created = s.admins.iter().map(|a| created_tags(&a.tagged())).collect();
        let cells = s.admins.len() * s.objects.len();
        let done = move |(grid, created)| {
            working.set(false);
            decided.set(Ok(Shared(Arc::new(Decided {
                grid: Shared(Arc::new(grid)),
                created,
            }))));
        };
        if cells <= SLICE_CELLS {
            done((s.grid(), created));
            return;
        }
        working.set(true);
        decided.set(Err(Vec::new()));
        let per_slice = (SLICE_CELLS / s.objects.len().max(1)).max(1);
        in_slices(
            Some((s, Vec::new(), created)),
            move |work| {
                let (s, rows, _) = work.as_mut()?;
                let from = rows.len();
                rows.extend(
                    (from..s.admins.len())
                        .take(per_slice)
                        .map(|i| s.grid_row(i)),
                );
                if rows.len() < s.admins.len() {
                    return None;
                }
                let (s, rows, created) = work.take()?;
                Some((s.grid_of_rows(rows), created))
            },
            move || job.try_get_value() == Some(generation),
            done,
        );
    });
    let pending = Memo::new(move |_| settled.with(Option::is_none) || working.get());
    let selected = RwSignal::new(None::<(usize, usize)>);
    let on_edit: OnScenario =
        Callback::new(move |(edits, text): (Vec<ScenarioEdit>, Option<String>)| {
            let e = state.ws.with_untracked(|w| w.scopetags_edit(preset, edits));
            match text {
                Some(t) => state.edit_announced(e, t),
                None => {
                    state.edit(e);
                }
            }
        });
    let choices = role_choices(state);
    let kinds = Signal::derive(move || {
        scenario.with(|s| s.objects.iter().map(|o| o.kind.clone()).collect::<Vec<_>>())
    });
    let grid = Memo::new(move |_| decided.get().ok());
    let mismatches = Memo::new(move |_| {
        grid.with(|g| {
            g.as_ref().map_or(0, |d| {
                d.grid
                    .cells
                    .iter()
                    .flatten()
                    .filter(|v| v.mismatch.is_some())
                    .count()
            })
        })
    });
    let detail = move || {
        let (i, j) = selected.get()?;
        let d = grid.get()?;
        let v = d.grid.cells.get(i)?.get(j)?.clone();
        let admin = d.grid.admins.get(i)?.clone();
        Some(view! { <VisibilityDetail admin=admin v=v/> })
    };
    let on_text: OnText = Callback::new(move |(text, source): (String, String)| {
        import_scenario(&state, &text, &source)
    });
    let export_text = Signal::derive(move || {
        engine_input.with(|v| serde_json::to_string_pretty(v).unwrap_or_default())
    });
    let admins = Memo::new(move |_| {
        scenario.with(|s| s.admins.iter().map(|a| a.name.clone()).collect::<Vec<_>>())
    });
    let start_over = move |new: TagScenario, text: &'static str| {
        let e = state.ws.with_untracked(|w| match &w.scopetags {
            None => Edit::SetScopeTags(Some(new.clone())),
            Some(old) => Edit::Batch(
                old.replace_edits(&new)
                    .into_iter()
                    .map(Edit::ScopeTags)
                    .collect(),
            ),
        });
        state.edit_announced(e, text);
    };
    view! {
        <section class="page scopetags">
            <h1>"Scope tags: who sees what"</h1>
            <p class="lead">"Provisioning policies, Azure network connections, Cloud PCs, custom images and Windows 365 role assignments carry scope tags; an administrator's Intune, Cloud PC or Entra role assignments carry tags too. Each cell says whether the administrator sees the object, can act on it, or neither, and why."</p>
            {move || example.get().then(|| view! {
                <p class="banner banner--inline" data-testid="scopetags-example">"This is an example: a Paris and a London helpdesk, a Cloud PC administrator for Paris, the Windows 365 Administrator and an auditor. Change anything below to make it yours; it is then saved with your work."</p>
            })}
            <section aria-labelledby="grid-title">
                <h2 id="grid-title">"Administrators × objects"</h2>
                <p class="legend muted">"● actionable: visible and the roles grant an action on that type · ◐ visible: seen, read only · – hidden. Rules: "<span class="rule">"R1"</span>" documented, "<span class="rule rule--inferred">"R5"<span class="rule__basis">" inferred"</span></span>" not stated by the documents, inferred from them. Choose a cell for its reasons."</p>
                {move || (mismatches.get() > 0).then(|| view! {
                    <p class="banner banner--inline" data-testid="mismatch-summary" role="note">
                        {format!("⚠ {}: a Cloud PC the administrator sees in All Cloud PCs whose Intune device record they do not see in All devices (R8, inferred). Choose a flagged cell for the dynamic device group fix.", crate::dom::count(mismatches.get(), "cell", "cells"))}
                    </p>
                })}
                {move || pending.get().then(|| view! { <p class="muted" role="status" data-testid="scopetags-working">"Working out who sees what…"</p> })}
                {move || decided.with(|d| d.as_ref().err().filter(|p| !p.is_empty()).map(|p| view! {
                    <div class="import__message import__message--error" role="alert" data-testid="scopetags-problems">
                        <p>"The scenario cannot be evaluated; fix these and the grid comes back (nothing is lost):"</p>
                        <ul>{p.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                    </div>
                }))}
                {move || grid.get().map(|d| view! { <ScopeGrid grid=Signal::stored(d.grid.clone()) kinds=kinds selected=selected/> })}
                <div aria-live="polite">{detail}</div>
            </section>
            <section aria-labelledby="seeas-title">
                <h2 id="seeas-title">"See as"</h2>
                <label class="field field--inline">
                    <span>"See the objects as"</span>
                    <select data-testid="see-as-select" on:change=move |ev| router.replace("see", &event_target_value(&ev))>
                        <option value="" prop:selected=move || see_param.with(String::is_empty)>"(choose an administrator)"</option>
                        <For each=move || admins.get() key=|a| a.clone() let:a>
                            {
                                let a2 = a.clone();
                                view! { <option value=a.clone() prop:selected=move || see_param.with(|p| *p == a2)>{a.clone()}</option> }
                            }
                        </For>
                    </select>
                </label>
                {move || (!see_param.get().is_empty()).then(|| view! { <SeeAs decided=decided admin=see_param/> })}
            </section>
            <section aria-labelledby="define-title">
                <h2 id="define-title">"Define the scenario"</h2>
                <TagNames tags=Signal::derive(move || scenario.with(|s| s.tags.clone()))/>
                <TagList scenario=scenario on_edit=on_edit/>
                <TagObjects scenario=scenario on_edit=on_edit/>
                <TagAdmins scenario=scenario on_edit=on_edit choices=choices/>
                <label class="check">
                    <input type="checkbox" data-testid="scoped-permissions" prop:checked=move || scenario.with(|s| s.scoped_permissions)
                        on:change=move |ev| on_edit.run((vec![ScenarioEdit::SetScoped(event_target_checked(&ev))], None))/>
                    "Scoped permissions (Intune's opt-in mode): each assignment's permissions apply only to the objects its own tags reach (R12)"
                </label>
            </section>
            <section aria-labelledby="io-title">
                <h2 id="io-title">"Import, export, share"</h2>
                <div class="actions-bar">
                    <button class="button" data-testid="scopetags-download" on:click=move |_| {
                        if let Err(e) = download("scope-tags.json", &export_text.get_untracked(), "application/json") {
                            state.error(format!("Download failed: {e}"));
                        }
                    }>"Download as JSON"</button>
                    <button class="button" data-testid="scopetags-share" on:click=move |_| {
                        let route = Route::to(View::ScopeTags).with("see", &see_param.get_untracked());
                        copy_link(state, route, scopetags_part(&state, scenario.get_untracked()));
                    }>"Copy a link to this scenario"</button>
                    <button class="button button--quiet" data-testid="scopetags-example-button" disabled=example on:click=move |_| start_over(preset(), "Started again from the example.")>"Start again from the example"</button>
                    <button class="button button--quiet" data-testid="scopetags-clear" on:click=move |_| start_over(TagScenario::default(), "Cleared the scenario.")>"Start from an empty scenario"</button>
                </div>
                <details class="group">
                    <summary>"The scenario as "<code>"w365-perms visibility"</code>" input"</summary>
                    <CopyBlock title="Visibility input (JSON)" text=export_text testid="scopetags-json"/>
                </details>
                <ImportBox on_text=on_text title="Import a scenario" hint="The JSON that w365-perms visibility reads: objects, and assignments (one administrator) or admins; optional roles and scopedPermissions. It replaces the scenario; undo brings it back."/>
            </section>
            <section aria-labelledby="rules-title">
                <h2 id="rules-title">"The rules"</h2>
                <ul class="rules" data-testid="scopetags-rules">
                    {cat().scope_tags.rules.iter().map(|r| view! {
                        <li>
                            {rule_chip(&r.id)}
                            " " <crate::components::rich::Rich text=r.text.clone()/>
                            <span class="muted">{format!(" ({}; {}: “{}”)", r.basis, r.sources.join(", "), r.quote)}</span>
                            {r.paraphrase.clone().map(|p| view! { <span class="muted" data-testid="rule-paraphrase">{format!(" The reference's own words, not a quote: {p}")}</span> })}
                            {r.disagreement.clone().map(|d| view! { <span class="muted" data-testid="rule-disagreement">{format!(" The sources disagree: {} says “{}”; {}", d.source, d.quote, d.text)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </section>
    }
}

/// Answers decided in one task: a larger scenario is decided in slices of about
/// this many.
const SLICE_CELLS: usize = 5_000;

/// Whether a scenario asks for enough answers (administrators × objects) to be
/// decided in a task of its own ([`later`]).
fn large_input(v: &Value) -> bool {
    let n = |k: &str| v.get(k).and_then(Value::as_array).map_or(0, Vec::len);
    n("admins").max(1) * n("objects") > LARGE_ANSWERS
}

/// Answers (administrators × objects) above which a scenario is saved, decided
/// and drawn in tasks of their own.
const LARGE_ANSWERS: usize = 2_000;
