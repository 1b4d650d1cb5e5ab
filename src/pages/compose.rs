//! Compose a custom role from scratch, by cloning, or by importing: Cloud PC
//! permissions by resource, Intune permissions with a filter box (roles imported
//! from Graph `deviceAndAppManagementRoleDefinition`), Azure patterns with a live
//! preview, live lint with "did you mean", live "what this enables", export in every
//! format (an Intune role as the Graph request). Several roles are kept in browser
//! storage; deleting one can be undone.

use crate::components::action_finder::ActionFinder;
use crate::components::block_choice::BlockChoice;
use crate::components::cloudpc_picker::CloudPcPicker;
use crate::components::export_panel::ExportPanel;
use crate::components::import_box::{ImportBox, OnText};
use crate::components::intune_picker::IntunePicker;
use crate::components::lint_panel::LintPanel;
use crate::components::pattern_list::PatternList;
use crate::components::risk_profile::RiskProfile;
use crate::components::show_more::ShowMore;
use crate::components::status::StatusBadge;
use crate::components::unreadable_role::UnreadableRole;
use crate::dom::{count, num};
use crate::draft::Draft;
use crate::later::later;
use crate::route::{encode, use_router, Route, View};
use crate::state::{cat, new_id, use_state, AppState};
use crate::workspace::{CustomRole, Edit};
use leptos::prelude::*;
use w365_engine::lint::{Diagnostic, Linter};
use w365_engine::model::{PermissionBlock, Role, RoleKind};
use w365_engine::readiness::{alone, alone_expanded};
use w365_engine::text::shown_name;
use w365_engine::windows365::OperationKind;
use w365_engine::{ActionPattern, Plane};

/// A new, empty custom role of a kind. An Azure role starts with no assignable
/// scope: a placeholder the app made up would be exported (and warned about) as if
/// the user had chosen it.
pub fn blank(kind: RoleKind) -> Role {
    let name = match kind {
        RoleKind::CloudPcCustom => "New Cloud PC role",
        RoleKind::IntuneCustom => "New Intune role",
        _ => "New Azure role",
    };
    Role {
        blocks: vec![PermissionBlock::default()],
        ..Role::empty("", name, kind)
    }
}

/// Whether a role has been begun: it names a permission (allowed or excluded) or
/// a condition. A role not begun (a new one) is not checked yet: its checks say how
/// to begin instead of listing errors about an empty form.
pub fn begun(r: &Role) -> bool {
    !r.entra_actions.is_empty()
        || r.blocks.iter().any(|b| {
            !(b.actions.is_empty()
                && b.not_actions.is_empty()
                && b.data_actions.is_empty()
                && b.not_data_actions.is_empty()
                && b.condition.is_none())
        })
}

/// Roles read from an import, not yet saved.
pub struct Imported {
    /// What to tell the user.
    pub message: String,
    /// The new roles' ids, in order.
    pub ids: Vec<String>,
    /// The one undoable edit that saves them.
    pub edit: Edit,
}

/// Imports of more roles than this, or longer than [`LARGE_IMPORT_BYTES`], are
/// saved a task after they are read, so reading thousands of roles (or patterns)
/// and saving and drawing them are two tasks.
const LARGE_IMPORT: usize = 100;

/// See [`LARGE_IMPORT`].
const LARGE_IMPORT_BYTES: usize = 256 * 1024;

/// Roles of a large import whose stored definitions are written per task.
const WRITTEN_PER_TASK: usize = 2_500;

/// Role names an import's message lists.
const NAMES_LISTED: usize = 5;

/// ` (and 2 more like it)` after the first of `n` findings a message names.
fn more_like_it(n: usize) -> String {
    match n {
        0 | 1 => String::new(),
        n => format!(" (and {} more like it)", n - 1),
    }
}

/// Read text as new custom roles; the caller applies the edit.
pub fn import_text(text: &str, source: &str) -> Result<Imported, String> {
    let roles = w365_engine::import::import(text).map_err(|e| format!("{source}: {e}"))?;
    // Refused as `w365-perms` refuses them: a built-in role's name, a name that
    // displays as another, thousands of patterns Azure refuses (each a catalog scan).
    let warnings = w365_engine::request::check_supplied(cat(), &roles)
        .map_err(|e| format!("{source}: {e}"))?;
    let mut added = Vec::new();
    // Checked as the Checks panel checks them, so the message can say there are
    // problems (a large import is checked when each role is opened).
    let check = roles.len() <= LARGE_IMPORT && text.len() <= LARGE_IMPORT_BYTES;
    let linter = check.then(|| w365_engine::lint::Linter::new(cat()));
    let mut errors = 0usize;
    // A misspelt exclusion list (`notActionz`) is ignored when the role is read,
    // so the saved role would grant what it meant to exclude, and the key would be
    // gone after a reload (a review of 2026-12-07): the import is refused, naming
    // the key and where, so nothing is saved that the text did not mean.
    let mut refused: Vec<String> = Vec::new();
    let mut dropped: Vec<String> = Vec::new();
    for r in roles {
        if r.role.plane() == Plane::Entra || r.role.kind.is_builtin() {
            continue;
        }
        if let Some(l) = &linter {
            let found = l.lint_imported(&r);
            errors += w365_engine::lint::count(&found, w365_engine::lint::Severity::Error);
            refused.extend(
                found
                    .iter()
                    .filter(|d| {
                        d.code == "unknown-key" && d.severity == w365_engine::lint::Severity::Error
                    })
                    .map(|d| {
                        let at = match (d.line, d.column) {
                            (Some(l), Some(c)) => Some(format!("line {l}, column {c}")),
                            _ => None,
                        };
                        let said: Vec<String> = at.into_iter().chain(d.help.clone()).collect();
                        if said.is_empty() {
                            d.message.clone()
                        } else {
                            format!("{} ({})", d.message, said.join("; "))
                        }
                    }),
            );
        }
        // What the saved role (and so every export of it) leaves out: an Intune
        // role's scope tags other than Default (a review: dropped without a word).
        dropped.extend(w365_engine::import::export_drops(&r));
        added.push(CustomRole::new(new_id(), r.role));
    }
    if let Some(first) = refused.first() {
        return Err(format!(
            "{source}: not imported: {first}{}. Correct the key and import again.",
            more_like_it(refused.len())
        ));
    }
    if added.is_empty() {
        return Err(format!(
            "{source}: no Azure, Cloud PC or Intune custom role in it"
        ));
    }
    let names: Vec<String> = added.iter().map(|r| r.role.name.clone()).collect();
    let ids: Vec<String> = added.iter().map(|r| r.id.clone()).collect();
    let what = if ids.len() == 1 {
        "1 role".to_string()
    } else {
        format!("{} roles", crate::dom::num(ids.len()))
    };
    // A few names, then how many more (a notice of 10,000 names would not fit the
    // screen, nor leave its Undo button on it).
    let listed = crate::dom::first_and_more(&names, NAMES_LISTED, str::to_string);
    let mut msg = format!("Imported {what} from {source}: {listed}.");
    if errors > 0 {
        msg.push_str(&format!(
            " {} found: see Checks.",
            crate::dom::count(errors, "error", "errors")
        ));
    }
    if let Some(w) = warnings.first() {
        msg.push_str(&format!(" Note: {w}{}", more_like_it(warnings.len())));
    }
    if let Some(d) = dropped.first() {
        msg.push_str(&format!(" Note: {d}{}", more_like_it(dropped.len())));
    }
    Ok(Imported {
        message: msg,
        ids,
        edit: Edit::Batch(added.into_iter().map(Edit::PutRole).collect()),
    })
}

/// Saved roles listed before "Show more".
const SAVED_PAGE: usize = 100;

#[component]
fn SavedList(selected: Memo<String>) -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let create = move |kind: RoleKind| {
        let id = new_id();
        state.put_role(CustomRole::new(id.clone(), blank(kind)));
        router.go(Route::to(View::Compose).with("role", &id));
        // The new role's name is typed first: the cursor goes there, which also
        // brings the editor into view (an outside review: at 360 px it was 1,200 px
        // down, below the import panel, and the button seemed to do nothing).
        set_timeout(
            || {
                use wasm_bindgen::JsCast;
                if let Some(input) = document()
                    .query_selector("[data-testid=role-name-input]")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                {
                    let _ = input.focus();
                    input.select();
                }
            },
            std::time::Duration::ZERO,
        );
    };
    // (id, name, kind label, readable), in the user's order.
    let items = Memo::new(move |_| {
        state.ws.with(|w| {
            w.roles
                .iter()
                .map(|r| {
                    (
                        r.id.clone(),
                        shown_name(&r.role.name).into_owned(),
                        r.role.kind.label(),
                        true,
                    )
                })
                .chain(w.broken.iter().map(|b| {
                    let name = match b.name_hint() {
                        Some(n) => format!("{n} (unreadable definition)"),
                        None => "(unreadable definition)".to_string(),
                    };
                    (b.id.clone(), name, "", false)
                }))
                .collect::<Vec<_>>()
        })
    });
    let trash = Memo::new(move |_| {
        state.ws.with(|w| {
            w.trash
                .iter()
                .rev()
                .map(|r| (r.id.clone(), shown_name(&r.role.name).into_owned()))
                .collect::<Vec<_>>()
        })
    });
    // A page of roles at a time (an import of thousands draws 100), and the open
    // one wherever it is.
    let shown = RwSignal::new(SAVED_PAGE);
    let listed = move || {
        let limit = shown.get();
        let open = selected.get();
        items.with(|l| {
            l.iter()
                .enumerate()
                .filter(|(i, item)| *i < limit || item.0 == open)
                .map(|(_, item)| item.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="saved" aria-labelledby="saved-title">
            <h2 id="saved-title">"Your roles"</h2>
            <div class="saved__new">
                <button class="button" data-testid="new-azure" on:click=move |_| create(RoleKind::AzureCustom)>"New Azure role"</button>
                <button class="button" data-testid="new-cloudpc" on:click=move |_| create(RoleKind::CloudPcCustom)>"New Cloud PC role"</button>
                <button class="button" data-testid="new-intune" on:click=move |_| create(RoleKind::IntuneCustom)>"New Intune role"</button>
            </div>
            {move || items.with(Vec::is_empty).then(|| view! { <p class="empty" data-testid="saved-empty">"No saved roles yet. Create one, import one, or use “Compose a copy” on any role."</p> })}
            <ul class="saved__list" data-testid="saved-list">
                // Keyed by id alone, the name read reactively: a row re-created on a
                // rename would lose a click whose press committed the name (the field's
                // `change` comes between the button's mousedown and its click).
                <For each=listed key=|(id, _, _, readable)| (id.clone(), *readable) let:item>
                    {
                        let (id, _, kind, readable) = item;
                        let id2 = id.clone();
                        let current = Memo::new(move |_| selected.get() == id2);
                        let id3 = id.clone();
                        let name = Memo::new(move |_| {
                            items.with(|l| l.iter().find(|x| x.0 == id3 && x.3 == readable).map(|x| x.1.clone()).unwrap_or_default())
                        });
                        let label = move || format!("Delete {}", name.get());
                        view! {
                            <li class="saved__item" class:saved__item--current=current data-testid="saved-role">
                                <a href=format!("#/compose?role={}", encode(&id)) aria-current=move || current.get().then_some("page")>{name}</a>
                                <span class="muted">{kind}</span>
                                {(!readable).then(|| view! { <span class="tag tag--risk-high">"unreadable"</span> })}
                                <button class="button button--quiet button--small" aria-label=label data-testid="delete-role" on:click=move |_| state.delete_role(&id)>"Delete"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <ShowMore total=Signal::derive(move || items.with(Vec::len)) shown=shown page=SAVED_PAGE class="button button--quiet button--small" testid="saved-more"/>
            {move || (!trash.with(Vec::is_empty)).then(|| view! {
                <details class="saved__trash" data-testid="trash">
                    <summary>{move || format!("Recently deleted ({})", trash.with(Vec::len))}</summary>
                    <ul>
                        <For each=move || trash.get() key=|(id, _)| id.clone() let:item>
                            {
                                let (id, name) = item;
                                view! {
                                    <li>{name.clone()}" "
                                        <button class="button button--quiet button--small" aria-label=format!("Restore {name}") data-testid="restore-role" on:click=move |_| {
                                            let r = state.ws.with_untracked(|w| w.trash.iter().find(|t| t.id == id).cloned());
                                            if let Some(r) = r {
                                                let name = r.role.name.clone();
                                                state.edit_announced(Edit::RestoreRole(r, usize::MAX), format!("Restored “{name}”."));
                                            }
                                        }>"Restore"</button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </details>
            })}
        </nav>
    }
}

/// The role being edited and how to change it. `Copy`, so every part of the
/// editor holds it without clones.
#[derive(Clone, Copy)]
struct Editing {
    id: StoredValue<String>,
    current: Memo<Option<Role>>,
    state: AppState,
    /// The permission block the lists and pickers show, from 0 (a role read from
    /// elsewhere may have several: [`BlockChoice`]).
    block: RwSignal<usize>,
}

impl Editing {
    /// The edit that makes `f`'s change to the role (nothing once the view is
    /// gone): a patch, made on the role as saved, so another tab's changes since
    /// stay, and undone alone, so the changes made after it stay too.
    fn patch(&self, f: impl FnOnce(&mut Role)) -> Option<Edit> {
        let (Some(Some(before)), Some(id)) =
            (self.current.try_get_untracked(), self.id.try_get_value())
        else {
            return None;
        };
        let mut after = before.clone();
        f(&mut after);
        Some(Edit::PatchRole {
            id,
            before: Box::new(before),
            after: Box::new(after),
        })
    }

    /// Change the role and save it.
    fn update(&self, f: impl FnOnce(&mut Role)) {
        if let Some(e) = self.patch(f) {
            if self.state.edit(e.clone()).is_none() {
                self.unsaved(&e);
            }
        }
    }

    /// Change the role, saying so with an undo.
    fn update_announced(&self, f: impl FnOnce(&mut Role), text: impl Into<String>) {
        if let Some(e) = self.patch(f) {
            if !self.state.try_edit_announced(e.clone(), text) {
                self.unsaved(&e);
            }
        }
    }

    /// Change the role's permissions, saying so with an undo when more than one
    /// is taken away or added at once (an outside review: unticking a group's
    /// "select all" removed 26 permissions without a word, and those ticked one
    /// by one before with them; ticking it replaced a hand-picked three with 26,
    /// and Ctrl+Z had nothing to undo).
    fn update_permissions(&self, (removed, added): (usize, usize), f: impl FnOnce(&mut Role)) {
        let count = |n| crate::dom::count(n, "permission", "permissions");
        let text = match (removed > 1, added > 1) {
            (true, true) => Some(format!(
                "Removed {} from the role and added {}.",
                count(removed),
                count(added)
            )),
            (true, false) => Some(format!("Removed {} from the role.", count(removed))),
            (false, true) => Some(format!("Added {} to the role.", count(added))),
            (false, false) => None,
        };
        match text {
            Some(text) => self.update_announced(f, text),
            None => self.update(f),
        }
    }

    /// A change that could not be made on the role as saved (another tab merged or
    /// removed its blocks meanwhile) is said, not dropped without a word.
    fn unsaved(&self, e: &Edit) {
        if let Some(why) = self.state.conflict(e) {
            self.state.error(format!(
                "Not saved: {why}. Make the change again on the role as it is now."
            ));
        }
    }

    /// Rename the role; the assignments that name it follow (announced, with undo).
    fn rename(&self, name: String, over: bool) {
        if let (Some(Some(mut r)), Some(id)) =
            (self.current.try_get_untracked(), self.id.try_get_value())
        {
            r.name = name;
            if over {
                self.state.rename_role_over(CustomRole::new(id, r));
            } else {
                self.state.rename_role(CustomRole::new(id, r));
            }
        }
    }

    /// Change the permission block the editor shows (made when missing).
    fn edit_block(&self, f: impl FnOnce(&mut PermissionBlock)) {
        let i = self.block.get_untracked();
        self.update(|r| {
            if let Some(b) = shown_block(r, i) {
                f(b);
            }
        });
    }

    /// One pattern list of the block shown, as text.
    fn list(&self, f: Patterns) -> Memo<Vec<String>> {
        let (current, block) = (self.current, self.block);
        Memo::new(move |_| {
            let i = block.get();
            current.with(|r| {
                r.as_ref()
                    .and_then(|r| block_at(r, i))
                    .map(|b| f.of(b).iter().map(|p| p.as_str().to_string()).collect())
                    .unwrap_or_default()
            })
        })
    }

    /// Merge the role's blocks into one, when that changes nothing it grants.
    fn merge_blocks(&self) -> Result<(), String> {
        let Some(Some(r)) = self.current.try_get_untracked() else {
            return Ok(());
        };
        let one = w365_engine::model::merge_blocks(&r.blocks).map_err(|c| c.to_string())?;
        let n = r.blocks.len();
        self.update_announced(
            move |r| r.blocks = vec![one],
            format!("Merged the {n} permission blocks into one."),
        );
        self.block.set(0);
        Ok(())
    }

    /// Remove the block at `i` (the role keeps at least one).
    fn remove_block(&self, i: usize) {
        self.update_announced(
            move |r| {
                if r.blocks.len() > 1 && i < r.blocks.len() {
                    r.blocks.remove(i);
                }
            },
            format!("Removed permission block {}.", i + 1),
        );
        self.block.set(i.saturating_sub(1));
    }

    /// Replace one pattern list of the block shown.
    fn setter(self, f: Patterns) -> crate::components::pattern_list::OnChange {
        Callback::new(move |items: Vec<String>| {
            let pats: Vec<ActionPattern> = items
                .iter()
                .filter_map(|s| ActionPattern::new(s).ok())
                .collect();
            // A removal is said, with Undo (review J2 L5: a long pattern removed by
            // mistake had to be typed again).
            // A set, not a scan per pattern: a role of 100,000 patterns.
            let now: std::collections::HashSet<&str> =
                pats.iter().map(ActionPattern::as_str).collect();
            let i = self.block.get_untracked();
            let removed: Vec<String> = self.current.with_untracked(|r| {
                r.as_ref()
                    .and_then(|r| block_at(r, i))
                    .map(|b| {
                        f.of(b)
                            .iter()
                            .filter(|p| !now.contains(p.as_str()))
                            .map(|p| w365_engine::text::clip(p.as_str(), 80).into_owned())
                            .collect()
                    })
                    .unwrap_or_default()
            });
            drop(now);
            let set = move |r: &mut Role| {
                if let Some(b) = shown_block(r, i) {
                    *f.of_mut(b) = pats;
                }
            };
            match removed.as_slice() {
                [] => self.update(set),
                [one] => self.update_announced(set, format!("Removed `{one}`.")),
                many => self.update_announced(set, format!("Removed {} patterns.", many.len())),
            }
        })
    }
}

/// The block at `i` (the last one past the end).
fn block_at(r: &Role, i: usize) -> Option<&PermissionBlock> {
    r.blocks.get(i.min(r.blocks.len().saturating_sub(1)))
}

/// [`block_at`] to change, made when the role has none.
fn shown_block(r: &mut Role, i: usize) -> Option<&mut PermissionBlock> {
    if r.blocks.is_empty() {
        r.blocks.push(PermissionBlock::default());
    }
    let last = r.blocks.len() - 1;
    r.blocks.get_mut(i.min(last))
}

/// The block choice of a role of several permission blocks (any plane).
#[component]
fn EditorBlocks(ed: Editing) -> impl IntoView {
    view! { <BlockChoice role=ed.current chosen=ed.block on_remove=Callback::new(move |i| ed.remove_block(i)) on_merge=Callback::new(move |()| ed.merge_blocks())/> }
}

#[component]
fn AzureForm(ed: Editing) -> impl IntoView {
    let scope_draft = RwSignal::new(String::new());
    let scopes = Memo::new(move |_| {
        ed.current.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.assignable_scopes
                        .iter()
                        .cloned()
                        .enumerate()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let add_scope = move || {
        let v = scope_draft.get_untracked().trim().to_string();
        if !v.is_empty() {
            ed.update(|r| r.assignable_scopes.push(v));
            scope_draft.set(String::new());
        }
    };
    let on_add: crate::components::action_finder::OnAdd =
        Callback::new(move |(name, data): (String, bool)| {
            let Ok(p) = ActionPattern::new(&name) else {
                return;
            };
            ed.edit_block(|b| {
                let list = if data {
                    &mut b.data_actions
                } else {
                    &mut b.actions
                };
                if !list.iter().any(|x| x.lower() == p.lower()) {
                    list.push(p);
                }
            });
        });
    view! {
        <EditorBlocks ed=ed/>
        <PatternList label="Actions" data=false items=ed.list(Patterns::Actions).into() on_change=ed.setter(Patterns::Actions) testid="actions"/>
        <PatternList label="NotActions" data=false items=ed.list(Patterns::NotActions).into() on_change=ed.setter(Patterns::NotActions) testid="not-actions"/>
        <PatternList label="DataActions" data=true items=ed.list(Patterns::DataActions).into() on_change=ed.setter(Patterns::DataActions) testid="data-actions"/>
        <PatternList label="NotDataActions" data=true items=ed.list(Patterns::NotDataActions).into() on_change=ed.setter(Patterns::NotDataActions) testid="not-data-actions"/>
        <ActionFinder on_add=on_add/>
        <fieldset class="plist" data-testid="scopes">
            <legend>"Assignable scopes"</legend>
            <ul class="plist__items">
                <For each=move || scopes.get() key=|(i, s)| (*i, s.clone()) let:item>
                    {
                        let (i, s) = item;
                        let label = format!("Remove {s}");
                        let said = format!("Removed the assignable scope `{}`.", w365_engine::text::clip(&s, 120));
                        view! { <li><code>{s}</code>" "<button class="button button--quiet button--small" aria-label=label on:click=move |_| ed.update_announced(|r| { if i < r.assignable_scopes.len() { r.assignable_scopes.remove(i); } }, said.clone())>"Remove"</button></li> }
                    }
                </For>
            </ul>
            <div class="plist__add">
                <label class="visually-hidden" for="scope-add">"Add an assignable scope"</label>
                <input id="scope-add" type="text" spellcheck="false" placeholder="/subscriptions/<id>" data-testid="scope-add"
                    prop:value=move || scope_draft.get() on:input=move |ev| scope_draft.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add_scope(); }/>
                <button class="button button--small" on:click=move |_| add_scope()>"Add"</button>
            </div>
        </fieldset>
    }
}

/// How many of `before` are not in `after` (names compared without case).
fn taken_away(before: &[String], after: &[String]) -> usize {
    before
        .iter()
        .filter(|b| !after.iter().any(|a| a.eq_ignore_ascii_case(b)))
        .count()
}

#[component]
fn CloudPcForm(ed: Editing) -> impl IntoView {
    // The lists of the block shown (a Graph role has one `rolePermissions` entry;
    // one read from elsewhere may have several, each with its own exclusions).
    let selected = ed.list(Patterns::Actions);
    let excluded = ed.list(Patterns::NotActions);
    // The block's permissions and exclusions (`excludedResourceActions`): a change
    // of either keeps the other, and the other blocks.
    let write = move |actions: Vec<String>, exclusions: Vec<String>| {
        let pats = |v: Vec<String>| -> Vec<ActionPattern> {
            v.iter()
                .filter_map(|s| ActionPattern::new(s).ok())
                .collect()
        };
        let (before, before_excluded) = (selected.get_untracked(), excluded.get_untracked());
        let removed = taken_away(&before, &actions) + taken_away(&before_excluded, &exclusions);
        let added = taken_away(&actions, &before) + taken_away(&exclusions, &before_excluded);
        let (actions, not_actions) = (pats(actions), pats(exclusions));
        let i = ed.block.get_untracked();
        ed.update_permissions((removed, added), |r| {
            if let Some(b) = shown_block(r, i) {
                b.actions = actions;
                b.not_actions = not_actions;
            }
        });
    };
    let on_change: crate::components::cloudpc_picker::OnChange =
        Callback::new(move |items: Vec<String>| write(items, excluded.get_untracked()));
    let on_exclusions: crate::components::cloudpc_picker::OnChange =
        Callback::new(move |items: Vec<String>| write(selected.get_untracked(), items));
    view! {
        <EditorBlocks ed=ed/>
        <CloudPcPicker selected=selected.into() excluded=excluded.into() on_change=on_change on_exclusions=on_exclusions/>
    }
}

/// The actions of the first block that are not Intune permissions, each with the
/// closest known one.
fn unknown_intune(role: &Role) -> Vec<(String, Option<String>)> {
    let intune = &cat().intune;
    role.blocks
        .iter()
        .flat_map(|b| b.actions.iter())
        .filter(|p| intune.permission(p.as_str()).is_none())
        .map(|p| {
            (
                p.as_str().to_string(),
                intune.suggest(p.as_str()).map(str::to_string),
            )
        })
        .collect()
}

#[component]
fn IntuneForm(ed: Editing) -> impl IntoView {
    // The permissions of the block shown (one, unless the role was read with more).
    let actions = ed.list(Patterns::Actions);
    let unknown = Memo::new(move |_| {
        ed.current
            .with(|r| r.as_ref().map(unknown_intune).unwrap_or_default())
    });
    let set_actions = move |items: Vec<String>| {
        let mut list: Vec<ActionPattern> = Vec::new();
        for s in &items {
            if let Ok(p) = ActionPattern::new(s) {
                if !list.iter().any(|x| x.lower() == p.lower()) {
                    list.push(p);
                }
            }
        }
        // The block shown gets the list; its exclusions and the other blocks stay.
        let before = actions.get_untracked();
        let (removed, added) = (taken_away(&before, &items), taken_away(&items, &before));
        let i = ed.block.get_untracked();
        ed.update_permissions((removed, added), |r| {
            if let Some(b) = shown_block(r, i) {
                b.actions = list;
            }
        });
    };
    let on_change: crate::components::intune_picker::OnChange =
        Callback::new(move |items: Vec<String>| set_actions(items));
    view! {
        <EditorBlocks ed=ed/>
        {move || (!unknown.with(Vec::is_empty)).then(|| view! {
            <section class="panel" aria-labelledby="unknown-title" data-testid="intune-unknown">
                <h3 id="unknown-title">"Not Intune permissions"</h3>
                <ul class="plist__items">
                    <For each=move || unknown.get() key=|x| x.clone() let:x>
                        {
                            let (name, hint) = x;
                            let n2 = name.clone();
                            view! {
                                <li data-testid="intune-unknown-item">
                                    <code>{name.clone()}</code>
                                    {hint.map(|h| {
                                        let (n, h2) = (name.clone(), h.clone());
                                        view! {
                                            <button class="button button--small" data-testid="intune-use-suggestion" on:click=move |_| {
                                                let list = actions.get_untracked().into_iter().map(|a| if a == n { h2.clone() } else { a }).collect();
                                                set_actions(list);
                                            }>{format!("Use {h}")}</button>
                                        }
                                    })}
                                    <button class="button button--quiet button--small" aria-label=format!("Remove {name}") on:click=move |_| {
                                        let list = actions.get_untracked().into_iter().filter(|a| *a != n2).collect();
                                        set_actions(list);
                                    }>"Remove"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        })}
        <IntunePicker selected=actions.into() on_change=on_change/>
    }
}

/// What the role enables on its own, from the expansion the role set already holds.
#[component]
fn Enables(ed: Editing) -> impl IntoView {
    let state = ed.state;
    let counts = Memo::new(move |_| {
        // Once the role is described (a task after it is saved, when it is large),
        // not in the task that saves and draws it.
        if ed.current.with(Option::is_none) {
            return None;
        }
        let id = ed.id.get_value();
        state.roles.with(|set| {
            set.resolve(&id)
                .ok()
                .and_then(|r| set.expansion(r))
                .map(|e| (e.counts(cat()), e.intune.count()))
        })
    });
    let plane = Memo::new(move |_| ed.current.with(|r| r.as_ref().map(Role::plane)));
    // Remote actions on Cloud PCs this role allows on its own (Cloud PC and Intune roles).
    let remote = Memo::new(move |_| {
        if !matches!(plane.get(), Some(Plane::CloudPc | Plane::Intune)) {
            return Vec::new();
        }
        let id = ed.id.get_value();
        state.roles.with(|set| {
            let mut env =
                w365_engine::evaluate::Environment::new(w365_engine::roleset::RoleSet::clone(set));
            if env.assign(&id, None, None).is_err() {
                return Vec::new();
            }
            w365_engine::remote::check(&env)
                .into_iter()
                .filter(|s| s.status == w365_engine::readiness::Status::Allowed)
                .map(|s| s.action.name)
                .collect::<Vec<_>>()
        })
    });
    // Whether the role itself lets the admin list the Cloud PCs it acts on.
    let reads_cloud_pcs = Memo::new(move |_| {
        let Some((read, _)) = cat().windows365.permission("CloudPCs/Read") else {
            return true;
        };
        let id = ed.id.get_value();
        state.roles.with(|set| {
            set.resolve(&id)
                .ok()
                .and_then(|r| set.expansion(r))
                .is_none_or(|e| e.cloud_pc.contains(read))
        })
    });
    let enabled = Memo::new(move |_| {
        ed.current.with(|r| {
            let Some(r) = r.as_ref() else {
                return Vec::new();
            };
            with_saved_expansion(state, &ed.id.get_value(), r, |ex| match ex {
                Some(ex) => alone_expanded(cat(), r, ex),
                None => alone(cat(), r),
            })
        })
    });
    let azure = Memo::new(move |_| {
        ed.current
            .with(|r| r.as_ref().is_some_and(|r| r.plane() == Plane::Azure))
    });
    let total = cat().windows365.permission_count();
    let id = ed.id.get_value();
    view! {
        <section class="enables" aria-labelledby="enables-title" data-testid="enables">
            <h3 id="enables-title">"What this enables"</h3>
            <p data-testid="enables-count">{move || counts.get().map(|((a, d, c, p), i)| match plane.get() {
                Some(Plane::Intune) => format!("{}.", count(i, "Intune permission", "Intune permissions")),
                _ if azure.get() => format!("{}, {}, {} conditional.", count(a, "action", "actions"), count(d, "data action", "data actions"), num(c)),
                _ => format!("{}.", count(p, "Cloud PC permission", "Cloud PC permissions")),
            })}</p>
            {move || (!remote.with(Vec::is_empty)).then(|| {
                // Said here as the lint says it (an outside review: "allowed" beside
                // the lint's "cannot list the Cloud PCs" read as a contradiction).
                let unlisted = plane.get() == Some(Plane::CloudPc) && !reads_cloud_pcs.get();
                view! {
                    <p data-testid="enables-remote">{format!("Remote actions on Cloud PCs it allows on its own: {}.", remote.get().join(", "))}
                        {unlisted.then(|| view! { " "<span data-testid="enables-unlisted">"Without "<code>"CloudPCs/Read"</code>" the admin cannot list the Cloud PCs to act on (inferred: every built-in Cloud PC role that acts on them also reads them), so another role must give it."</span> })}
                    </p>
                }
            })}
            <ul class="oplist">
                <For each=move || enabled.with(|e| e.iter().filter(|x| x.kind == OperationKind::Task).map(|x| (x.id.clone(), x.name.clone(), x.status)).collect::<Vec<_>>()) key=|x| x.clone() let:x>
                    {
                        let (op, name, status) = x;
                        let href = format!("#/operations?alone={}&op={}", encode(&ed.id.get_value()), encode(&op));
                        view! { <li data-testid="enabled-op" data-op=op><StatusBadge status=status/>" "<a href=href>{name}</a></li> }
                    }
                </For>
            </ul>
            {move || {
                let n = enabled.with(|e| e.iter().filter(|x| x.kind == OperationKind::Permission).count());
                (n > 0).then(|| view! { <p class="muted">{format!("{n} of {total} Cloud PC permission operations.")}</p> })
            }}
            <p><a href=format!("#/roles/{}", encode(&id))>"Open its role page"</a></p>
        </section>
    }
}

/// `f` of the expansion the role set keeps for saved role `id` (computed once, and
/// drawn already in its risk flags), when `role` is that saved role as it is;
/// `None` otherwise. The lint and "what this enables" so never expand it again.
fn with_saved_expansion<T>(
    state: AppState,
    id: &str,
    role: &Role,
    f: impl FnOnce(Option<&w365_engine::expand::Expansion>) -> T,
) -> T {
    state.roles.with(|set| {
        let saved = set.resolve(id).ok().filter(|s| set.get(*s) == Some(role));
        f(saved.and_then(|s| set.expansion(s)))
    })
}

/// The role's risk flags by category, as it is typed.
#[component]
fn EditorRisks(ed: Editing) -> impl IntoView {
    let state = ed.state;
    let profile = Memo::new(move |_| {
        // A large role is expanded when it reaches this section (a task after it
        // is saved and drawn).
        if ed.current.with(Option::is_none) {
            return None;
        }
        let id = ed.id.get_value();
        state.roles.with(|set| {
            let r = set.resolve(&id).ok()?;
            Some(w365_engine::risk::profile(
                cat(),
                set.get(r)?,
                set.expansion(r)?,
            ))
        })
    });
    view! {
        <section class="enables" aria-labelledby="editor-risk-title" data-testid="editor-risks">
            <h3 id="editor-risk-title">"Risk flags"</h3>
            {move || profile.get().map(|p| view! { <RiskProfile profile=p compact=true/> })}
        </section>
    }
}

#[component]
fn Editor(id: String) -> impl IntoView {
    let state = use_state();
    let id = StoredValue::new(id);
    let current = Memo::new(move |_| {
        state.custom.with(|c| {
            c.iter()
                .find(|r| r.id == id.get_value())
                .map(|r| r.role.clone())
        })
    });
    let ed = Editing {
        id,
        current,
        state,
        block: RwSignal::new(0),
    };
    let broken = Memo::new(move |_| {
        state.ws.with(|w| {
            w.broken
                .iter()
                .find(|b| b.id == id.get_value())
                .map(|b| b.error.clone())
        })
    });
    // A large role (an imported file of thousands of patterns) is expanded (its
    // risk flags) a task after it is saved and drawn, checked a task after that
    // (reusing the expansion), and its enables and export come in the next.
    let expanded = later(current, large, 1);
    let checked = later(current, large, 2);
    let described = later(current, large, 3);
    let checking = Memo::new(move |_| checked.with(Option::is_none));
    // The role last checked and its findings: a role renamed is not checked again
    // whole, only its name and risk findings (review H2 M2: 100,000 actions took
    // 280 ms a pause in typing its name).
    let last: StoredValue<Option<(Role, Vec<Diagnostic>)>> = StoredValue::new(None);
    let lint = Memo::new(move |_| {
        checked.with(|r| {
            let Some(r) = r.as_ref().and_then(Option::as_ref) else {
                return Vec::new();
            };
            if !begun(r) {
                return Vec::new();
            }
            let found = with_saved_expansion(state, &id.get_value(), r, |ex| {
                let linter = match ex {
                    Some(ex) => Linter::for_expanded(cat(), ex),
                    None => Linter::new(cat()),
                };
                let renamed = last.with_value(|l| {
                    l.as_ref()
                        .filter(|(was, _)| was.same_but_name(r))
                        .map(|(was, before)| linter.relint_renamed(was, before, r))
                });
                renamed.unwrap_or_else(|| linter.lint_role(r, &[]))
            });
            last.set_value(Some((r.clone(), found.clone())));
            found
        })
    });
    let side = Editing {
        current: Memo::new(move |_| described.get().flatten()),
        ..ed
    };
    let is_begun = Memo::new(move |_| current.with(|r| r.as_ref().is_none_or(begun)));
    let risky = Editing {
        current: Memo::new(move |_| expanded.get().flatten()),
        ..ed
    };
    // 0: gone, 1: unreadable, 2: Azure, 3: Cloud PC, 4: Intune. The form is rebuilt only
    // when this changes.
    let shape = Memo::new(move |_| {
        match (
            current.with(|r| r.as_ref().map(Role::plane)),
            broken.with(Option::is_some),
        ) {
            (Some(Plane::Azure), _) => 2u8,
            (Some(Plane::Intune), _) => 4,
            (Some(_), _) => 3,
            (None, true) => 1,
            (None, false) => 0,
        }
    });
    move || {
        match shape.get() {
        0 if ed.state.set_aside_holds(&id.get_value()) => {
            let what = ed.state.mode.with_untracked(|m| match m {
                crate::state::Mode::Training { .. } => "the exercise open in this tab: leave the exercise",
                _ => "the shared link open in this tab: close the link (“Close it, back to my work”)",
            });
            view! { <p class="empty" data-testid="role-set-aside">{format!("This role is in your own work, which is set aside while you use {what} to see and edit it again. Nothing was deleted.")}</p> }.into_any()
        }
        0 => view! { <p class="empty" data-testid="role-missing">"This role is not saved in this browser: it was deleted, or the address was copied without it. Links made with “Copy link” carry the role."</p> }.into_any(),
        1 => view! { <UnreadableRole id=id.get_value()/> }.into_any(),
        kind => {
            let title = match kind { 2 => "Azure custom role", 4 => "Intune custom role", _ => "Cloud PC custom role" };
            // Typed text is saved as it goes (see `draft`).
            let name = Draft::guarded(
                move |v| ed.rename(v, false),
                move || current.with_untracked(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default()),
                move |v, _| ed.rename(v, true),
            );
            let description = Draft::guarded(
                move |v| ed.update(|r| r.description = v),
                move || current.with_untracked(|r| r.as_ref().map(|r| r.description.clone()).unwrap_or_default()),
                move |v, _| ed.update_announced(
                    |r| r.description = v,
                    "Another tab changed this description while you typed here; yours is saved over it. Undo brings back the other tab’s.",
                ),
            );
            // A description of megabytes is not put in a text box (laying it out would
            // hold the page for seconds): it is said, and can be cut to Azure's limit.
            let huge = Memo::new(move |_| {
                current.with(|r| r.as_ref().is_some_and(|r| r.description.len() > EDITABLE_DESCRIPTION))
            });
            // So is a name of megabytes.
            let huge_name = Memo::new(move |_| {
                current.with(|r| r.as_ref().is_some_and(|r| r.name.len() > EDITABLE_NAME))
            });
            view! {
                <div class="editor" data-testid="editor">
                    <div class="editor__form">
                        <h2>{title}</h2>
                        {move || if huge_name.get() {
                            view! { <LongText ed=ed field=LongField::Name/> }.into_any()
                        } else {
                            let name = name.clone();
                            view! {
                                <label class="field">
                                    <span>"Name"</span>
                                    <input type="text" data-testid="role-name-input" prop:value={let d = name.clone(); move || d.shown(|| current.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default()))}
                                        on:input={let d = name.clone(); move |ev| d.input(event_target_value(&ev))}
                                        on:change={let d = name.clone(); move |_| d.commit()}/>
                                </label>
                            }.into_any()
                        }}
                        {move || if huge.get() {
                            view! { <LongText ed=ed field=LongField::Description/> }.into_any()
                        } else {
                            let description = description.clone();
                            view! {
                                <label class="field">
                                    <span>"Description"</span>
                                    <textarea rows="2" data-testid="role-description-input" prop:value={let d = description.clone(); move || d.shown(|| current.with(|r| r.as_ref().map(|r| r.description.clone()).unwrap_or_default()))}
                                        on:input={let d = description.clone(); move |ev| d.input(event_target_value(&ev))}
                                        on:change={let d = description.clone(); move |_| d.commit()}></textarea>
                                </label>
                            }.into_any()
                        }}
                        {match kind {
                            2 => view! { <AzureForm ed=ed/> }.into_any(),
                            4 => view! { <IntuneForm ed=ed/> }.into_any(),
                            _ => view! { <CloudPcForm ed=ed/> }.into_any(),
                        }}
                    </div>
                    <div class="editor__side">
                        <Show when=move || !checking.get() fallback=|| view! { <p class="muted" role="status" data-testid="lint-checking">"Checking the role…"</p> }>
                            <LintPanel diagnostics=lint.into() begun=is_begun/>
                        </Show>
                        <Enables ed=side/>
                        <EditorRisks ed=risky/>
                        <ExportPanel role=side.current.into() lint=true diagnostics=lint begun=is_begun/>
                    </div>
                </div>
            }
            .into_any()
        }
    }
    }
}

/// Patterns in all of a role's blocks, and their total length: a role past either
/// bound is checked, expanded and exported in tasks of their own ([`later`]).
fn large(role: &Option<Role>) -> bool {
    role.as_ref().is_some_and(|r| {
        let (n, len) = r
            .blocks
            .iter()
            .flat_map(|b| {
                [
                    &b.actions,
                    &b.not_actions,
                    &b.data_actions,
                    &b.not_data_actions,
                ]
            })
            .flatten()
            .fold((0, 0), |(n, len), p| (n + 1, len + p.as_str().len()));
        n > 1_000 || len > 32_768
    })
}

/// One of a permission block's four pattern lists.
#[derive(Clone, Copy)]
enum Patterns {
    Actions,
    NotActions,
    DataActions,
    NotDataActions,
}

impl Patterns {
    fn of(self, b: &PermissionBlock) -> &Vec<ActionPattern> {
        match self {
            Patterns::Actions => &b.actions,
            Patterns::NotActions => &b.not_actions,
            Patterns::DataActions => &b.data_actions,
            Patterns::NotDataActions => &b.not_data_actions,
        }
    }

    fn of_mut(self, b: &mut PermissionBlock) -> &mut Vec<ActionPattern> {
        match self {
            Patterns::Actions => &mut b.actions,
            Patterns::NotActions => &mut b.not_actions,
            Patterns::DataActions => &mut b.data_actions,
            Patterns::NotDataActions => &mut b.not_data_actions,
        }
    }
}

/// The compose view.
#[component]
pub fn ComposePage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let selected = router.param("role");
    let on_text: OnText = Callback::new(move |(text, source): (String, String)| {
        let Imported {
            mut message,
            ids,
            edit,
        } = import_text(&text, &source)?;
        let large = ids.len() > LARGE_IMPORT || text.len() > LARGE_IMPORT_BYTES;
        if !large {
            // A name the workspace has already: both are kept, and said so.
            if let Edit::Batch(parts) = &edit {
                let taken = state.custom.with_untracked(|saved| {
                    parts.iter().find_map(|e| match e {
                        Edit::PutRole(r) => saved
                            .iter()
                            .any(|x| x.role.name.eq_ignore_ascii_case(&r.role.name))
                            .then(|| r.role.name.clone()),
                        _ => None,
                    })
                });
                if let Some(name) = taken {
                    message.push_str(&format!(
                        " A saved role is named “{name}” already; both are kept. Azure refuses a second custom role of the same name in a tenant, so rename one before deploying both."
                    ));
                    // An assignment by that name now names two roles (review J2 M3).
                    let assigned = state.ws.with_untracked(|w| {
                        w.assignments
                            .iter()
                            .filter(|a| a.role.trim().eq_ignore_ascii_case(name.trim()))
                            .count()
                    });
                    if assigned > 0 {
                        message.push_str(&format!(
                            " {} by that name now {} two roles and {} set aside until one of them is renamed (or the assignment names its role by id).",
                            crate::dom::count(assigned, "assignment", "assignments"),
                            if assigned == 1 { "names" } else { "name" },
                            if assigned == 1 { "is" } else { "are" },
                        ));
                    }
                }
            }
        }
        let first = ids.into_iter().next();
        let said = message.clone();
        let save = move |edit: Edit| {
            state.edit_announced(edit, said);
            if let Some(first) = first {
                let opened = first.clone();
                let go = move || router.go(Route::to(View::Compose).with("role", &opened));
                if large {
                    // A large edit is drawn a task after it is saved: the role is
                    // opened after that, never shown as missing meanwhile. Its
                    // expansion is computed in a task of its own before, so the
                    // task that opens it only checks it (a role of 100,000 actions:
                    // expanding and checking it in one task took over 200 ms).
                    let id = first.clone();
                    let expand = move || {
                        state.roles.with_untracked(|set| {
                            if let Ok(r) = set.resolve(&id) {
                                let _ = set.expansion(r);
                            }
                        });
                        set_timeout(go, std::time::Duration::ZERO);
                    };
                    set_timeout(expand, std::time::Duration::ZERO);
                } else {
                    go();
                }
            }
        };
        if large {
            // Read (this task), the definitions written for saving (a few thousand
            // per task), then saved (the next), then drawn and opened (the last).
            crate::later::in_slices(
                (edit, 0),
                |(edit, done): &mut (Edit, usize)| {
                    let parts = match &*edit {
                        Edit::Batch(parts) => parts.as_slice(),
                        one => std::slice::from_ref(one),
                    };
                    let next = (*done + WRITTEN_PER_TASK).min(parts.len());
                    parts[*done..next]
                        .iter()
                        .for_each(crate::storage::write_ahead);
                    *done = next;
                    (next == parts.len()).then(|| std::mem::replace(edit, Edit::Batch(Vec::new())))
                },
                || true,
                move |edit| set_timeout(move || save(edit), std::time::Duration::ZERO),
            );
        } else {
            save(edit);
        }
        Ok(message)
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

/// Bytes of description past which Compose shows no text box for it.
const EDITABLE_DESCRIPTION: usize = 64 * 1024;

/// Bytes of name past which Compose shows no text box for it.
const EDITABLE_NAME: usize = 4 * 1024;

/// A role's text too long to edit in a box.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LongField {
    Name,
    Description,
}

impl LongField {
    /// What the field is called (also its test id's stem), its label, and how many
    /// characters of it Azure accepts (azure-rbac-semantics.md §7; the lint's limits).
    fn parts(self) -> (&'static str, &'static str, usize) {
        match self {
            LongField::Name => ("name", "Name", w365_engine::lint::MAX_NAME),
            LongField::Description => (
                "description",
                "Description",
                w365_engine::lint::MAX_DESCRIPTION,
            ),
        }
    }

    fn text(self, r: &Role) -> &str {
        match self {
            LongField::Name => &r.name,
            LongField::Description => &r.description,
        }
    }
}

/// A name or description too long to edit here: how long it is, its start, and a
/// button that keeps Azure's limit of it (undoable).
#[component]
fn LongText(ed: Editing, field: LongField) -> impl IntoView {
    let (what, label, limit) = field.parts();
    let total = Memo::new(move |_| {
        ed.current
            .with(|r| r.as_ref().map_or(0, |r| field.text(r).chars().count()))
    });
    let start = Memo::new(move |_| {
        ed.current.with(|r| {
            r.as_ref()
                .map(|r| w365_engine::text::clip(field.text(r), 200).into_owned())
                .unwrap_or_default()
        })
    });
    view! {
        <div class="field" data-testid=format!("{what}-too-long")>
            <span>{label}</span>
            <p class="import__message import__message--error">{move || format!(
                "The {what} holds {} characters, too many to edit here; Azure accepts at most {}. It starts: “{}”",
                num(total.get()),
                num(limit),
                start.get()
            )}</p>
            <button class="button" data-testid=format!("{what}-cut")
                on:click=move |_| match field {
                    // A rename: the assignments that name the role follow (announced, with undo).
                    LongField::Name => {
                        let cut = ed.current.with_untracked(|r| r.as_ref().map(|r| r.name.chars().take(limit).collect::<String>()));
                        if let Some(cut) = cut {
                            ed.rename(cut, false);
                        }
                    }
                    LongField::Description => ed.update_announced(
                        |r| r.description = r.description.chars().take(limit).collect(),
                        format!("The {what} was cut to its first {} characters.", num(limit)),
                    ),
                }>
                {format!("Keep its first {} characters", num(limit))}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_role_is_not_begun_and_carries_no_placeholder_scope() {
        for kind in [
            RoleKind::AzureCustom,
            RoleKind::CloudPcCustom,
            RoleKind::IntuneCustom,
        ] {
            let r = blank(kind);
            assert!(!begun(&r), "{kind:?}");
            assert!(r.assignable_scopes.is_empty(), "{kind:?}");
            // Saved and read back as the same kind of role, still empty.
            let stored = crate::storage::definition(&r).unwrap();
            let back = crate::storage::workspace_from(
                vec![crate::storage::StoredRole {
                    id: "custom-new".into(),
                    definition: stored,
                }],
                Vec::new(),
                "t",
            );
            assert!(back.broken.is_empty(), "{kind:?}: {:?}", back.broken.len());
            assert_eq!(back.roles[0].role.kind, kind);
            assert!(!begun(&back.roles[0].role));
        }
        let mut r = blank(RoleKind::AzureCustom);
        r.name = "Renamed".into();
        assert!(!begun(&r), "a name alone is not a permission");
        r.blocks[0]
            .not_actions
            .push(ActionPattern::new("Microsoft.Compute/*/delete").unwrap());
        assert!(begun(&r));
    }
}
