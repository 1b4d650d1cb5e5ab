//! Paste an error: an `AuthorizationFailed` (or `LinkedAuthorizationFailed`, deny-assignment,
//! `RoleAssignmentExists`, `RoleAssignmentUpdateNotPermitted`, `InvalidActionOrNotAction`,
//! Key Vault `ForbiddenByRbac`)
//! message, or an ANC health-check code, becomes the action and scope it names, why
//! the current assignments deny it, and the least-privileged fix.

use crate::components::reasons::Reasons;
use crate::components::rich::Rich;
use crate::components::status::DecisionBadge;
use crate::dom::copy;
use crate::pages::role::default_scope;
use crate::route::use_router;
use crate::state::{row, use_state, Shared};
use crate::workspace::Edit;
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::decode::{decode, DecodeError, Fix, FixKind, MAX_TEXT};

const EXAMPLE: &str = "AuthorizationFailed: The client 'admin@contoso.com' with object id '11111111-2222-3333-4444-555555555555' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' over scope '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/anc-rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/s1' or the scope is invalid. If access was recently granted, please refresh your credentials.";

/// One fix. A health-check code's fix is a role for the Windows 365 app at a scope
/// the code does not name (`health`: the code): it is added from the health-check
/// view, which asks for the scopes and assigns it to the app, never to the admin.
#[component]
fn FixView(f: Fix, health: Option<String>) -> impl IntoView {
    let state = use_state();
    let to_health = health.filter(|_| f.kind == FixKind::HealthCheck);
    let assign = f
        .role
        .clone()
        .filter(|_| to_health.is_none())
        .map(|r| (r, f.scope.clone().unwrap_or_default()));
    let command = f.command.clone();
    let line = f.line.clone();
    view! {
        <li class="fix" data-testid="decode-fix">
            <p><Rich text=f.message/></p>
            {line.map(|l| view! { <p>"Custom-role line: "<code data-testid="decode-line">{l}</code></p> })}
            {command.map(|c| {
                let c2 = c.clone();
                view! {
                    <pre class="code">{c}</pre>
                    <button class="button button--quiet button--small" on:click=move |_| copy(c2.clone(), move |r| match r { Ok(()) => state.info("Command copied."), Err(e) => state.error(format!("Could not copy: {e}")) })>"Copy the command"</button>
                }
            })}
            {to_health.map(|code| view! {
                <a class="button button--small" data-testid="decode-health" href=format!("#/health?code={}", js_sys::encode_uri_component(&code))>"Set its scopes and add it for the Windows 365 app"</a>
            })}
            {assign.map(|(role, scope)| view! {
                <button class="button button--small" data-testid="decode-assign" on:click=move |_| {
                    let scope = if scope.is_empty() {
                        state.roles.with_untracked(|set| set.resolve(&role).ok().and_then(|r| set.get(r).map(default_scope))).unwrap_or_default()
                    } else {
                        scope.clone()
                    };
                    let e = state.ws.with_untracked(|w| Edit::append_assignments(w, vec![row(role.clone(), scope.clone())]));
                    state.edit_announced(e, format!("Assigned {role} at {scope} in Assignments."));
                }>"Add this assignment"</button>
            })}
        </li>
    }
}

/// The decoder view.
#[component]
pub fn DecodePage() -> impl IntoView {
    let state = use_state();
    let router = use_router();
    let text = router.param("t");
    let answer = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            return None;
        }
        Some(Shared(Arc::new(
            state
                .env
                .with(|e| decode(&e.env, &t).map_err(|x| x.to_string())),
        )))
    });
    let area = NodeRef::<leptos::html::Textarea>::new();
    // A text too long to be an error message is refused where it is, in the box:
    // it is not put into the address, nor decoded (megabytes pasted by mistake).
    let too_long = RwSignal::new(None::<usize>);
    let submit = move |t: String| {
        if t.len() > MAX_TEXT {
            too_long.set(Some(t.len()));
        } else {
            too_long.set(None);
            router.replace("t", &t);
        }
    };
    view! {
        <section class="page">
            <h1>"Decode an error"</h1>
            <p class="lead">"Paste an Azure authorization error or an Azure network connection health-check code. The answer uses your current assignments: why they deny it, and the least-privileged fix."</p>
            <label class="field">
                <span>"Error text or health-check code"</span>
                <textarea rows="6" spellcheck="false" data-testid="decode-input" node_ref=area prop:value=move || text.get()
                    on:change=move |ev| submit(event_target_value(&ev))></textarea>
            </label>
            <div class="actions-bar">
                <button class="button" data-testid="decode-run" on:click=move |_| { if let Some(a) = area.get_untracked() { submit(a.value()); } }>"Decode"</button>
                <button class="button button--quiet" data-testid="decode-example" on:click=move |_| submit(EXAMPLE.to_string())>"Try an example"</button>
            </div>
            {move || too_long.get().map(|len| view! {
                <p class="field__error" role="alert" data-testid="decode-error"><Rich text=DecodeError::TooLong { len, max: MAX_TEXT }.to_string()/></p>
            })}
            {move || too_long.with(Option::is_none).then(|| answer.get()).flatten().map(|a| match (*a).clone() {
                Err(e) => view! { <p class="field__error" role="alert" data-testid="decode-error"><Rich text=e/></p> }.into_any(),
                Ok(d) => view! {
                    <section class="answer" data-testid="decode-answer" data-kind=format!("{:?}", d.kind)>
                        <dl class="decode__facts">
                            {d.code.clone().map(|c| view! { <dt>"Error"</dt><dd><code>{c}</code></dd> })}
                            {d.action.clone().map(|a| view! { <dt>"Action"</dt><dd><code data-testid="decode-action">{a}</code>{d.data_action.then_some(" (data action)")}</dd> })}
                            {d.scope.clone().map(|s| view! { <dt>"Scope"</dt><dd><code data-testid="decode-scope">{s}</code></dd> })}
                            {d.principal.clone().and_then(|p| p.object_id.or(p.client)).map(|p| view! { <dt>"Who"</dt><dd><code>{p}</code></dd> })}
                        </dl>
                        {d.health.clone().map(|h| view! { <p><Rich text=h.meaning/></p> })}
                        {d.decision.map(|dec| view! {
                            <h2>"Your current assignments"</h2>
                            <p><DecisionBadge decision=dec/></p>
                            <Reasons reasons=d.reasons.clone()/>
                        })}
                        <h2>"How to fix it"</h2>
                        <ul class="fixes">{
                            let code = d.health.as_ref().map(|h| h.code.clone());
                            d.fixes.into_iter().map(|f| view! { <FixView f=f health=code.clone()/> }).collect_view()
                        }</ul>
                        {
                            // The health code's meaning is shown above; not again as a note.
                            let meaning = d.health.as_ref().map(|h| h.meaning.clone());
                            let notes: Vec<String> = d.notes.into_iter().filter(|n| Some(n) != meaning.as_ref()).collect();
                            (!notes.is_empty()).then(|| view! { <ul class="notes">{notes.into_iter().map(|n| view! { <li><Rich text=n/></li> }).collect_view()}</ul> })
                        }
                    </section>
                }
                .into_any(),
            })}
        </section>
    }
}
