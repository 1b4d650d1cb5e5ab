//! Why one administrator sees (or does not see) one object: the engine's reasons,
//! each with its rule, documented and inferred rules told apart, the device record,
//! and the All Cloud PCs vs All devices mismatch with its dynamic device group fix.

use crate::components::copy_block::CopyBlock;
use crate::components::rich::Rich;
use crate::state::cat;
use leptos::prelude::*;
use w365_engine::scopetags::{Access, TagReason, Visibility};

/// `hidden`, `not-listable`, `visible` or `actionable`, for people (and for class
/// names and `data-access`).
pub fn access_label(a: Access) -> &'static str {
    match a {
        Access::Hidden => "hidden",
        Access::Unknown => "unknown",
        Access::NotListable => "not-listable",
        Access::Visible => "visible",
        Access::Actionable => "actionable",
    }
}

/// A rule id with its basis: documented rules plain, inferred ones marked.
pub fn rule_chip(id: &str) -> impl IntoView {
    let model = &cat().scope_tags;
    let inferred = model.inferred(id);
    let title = model.rule(id).map(|r| r.text.clone()).unwrap_or_default();
    view! {
        <span class="rule" class:rule--inferred=inferred title=title data-rule=id.to_string()>
            {id.to_string()}
            {inferred.then(|| view! { <span class="rule__basis">" inferred"</span> })}
        </span>
    }
}

fn reason_list(list: Vec<TagReason>, testid: &'static str) -> impl IntoView {
    view! {
        <ul class="tagreasons" data-testid=testid>
            {list.into_iter().map(|r| view! {
                <li class="tagreason" class:tagreason--inferred=r.inferred>
                    {rule_chip(&r.rule)}
                    " "
                    <span><Rich text=r.message/></span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// One cell explained.
#[component]
pub fn VisibilityDetail(
    /// The administrator.
    #[prop(into)]
    admin: String,
    /// What the engine decided.
    v: Visibility,
) -> impl IntoView {
    let access = access_label(v.access);
    let kind = cat()
        .scope_tags
        .type_info(v.kind)
        .map(|t| t.label.clone())
        .unwrap_or_default();
    view! {
        <div class="tagdetail" data-testid="cell-detail" data-access=access>
            <h3>{format!("{admin} · {} ({kind})", v.id)}</h3>
            <p>
                <span class=format!("access access--{access}")>{access}</span>
                {v.inferred.then(|| view! { " " <span class="tag tag--inferred">"rests on an inferred rule"</span> })}
            </p>
            {reason_list(v.reasons, "cell-reasons")}
            {(!v.actions.is_empty()).then(|| view! {
                <p class="muted">{format!("Permissions on this type from the roles: {}.", v.actions.join(", "))}</p>
            })}
            {(!v.notes.is_empty()).then(|| view! {
                <h4>"Worth knowing"</h4>
                {reason_list(v.notes, "cell-notes")}
            })}
            {v.device.map(|d| view! {
                <h4>{format!("Its Intune device record (All devices): {}", if d.visible { "visible" } else if d.unknown { "not documented either way" } else { "hidden" })}</h4>
                {reason_list(d.reasons, "device-reasons")}
            })}
            {v.mismatch.map(|m| view! {
                <div class="mismatch" data-testid="mismatch" role="note">
                    <h4>
                        {if m.certain { "All Cloud PCs vs All devices: the device record is hidden" } else { "All Cloud PCs vs All devices: the device record may be hidden" }}
                        " " {rule_chip(&m.rule)}
                    </h4>
                    <p><Rich text=m.message/></p>
                    <ol>{m.steps.into_iter().map(|s| view! { <li><Rich text=s/></li> }).collect_view()}</ol>
                    <CopyBlock title="Dynamic device group rule" text=m.group_rule testid="group-rule"/>
                </div>
            })}
        </div>
    }
}
