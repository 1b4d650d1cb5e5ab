//! Edit one list of action patterns, seeing live what each pattern matches.

use crate::components::rich::Rich;
use crate::dom::{count, num};
use crate::state::cat;
use leptos::prelude::*;
use std::sync::Arc;
use w365_engine::expand::Expander;
use w365_engine::text::excerpt;
use w365_engine::ActionPattern;

/// Patterns listed before "Show the other N patterns".
const SHOWN: usize = 200;

/// Called with the new list.
pub type OnChange = Callback<Vec<String>>;

/// A list of patterns with add and remove.
#[component]
pub fn PatternList(
    /// Heading (`Actions`, `NotActions`, ...).
    label: &'static str,
    /// Data plane (`DataActions`, `NotDataActions`).
    data: bool,
    /// The patterns.
    items: Signal<Vec<String>>,
    /// Apply a change.
    on_change: OnChange,
    /// Test hook.
    testid: &'static str,
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let all = RwSignal::new(false);
    let preview = Memo::new(move |_| {
        let text = draft.get();
        let parts = pieces(&text);
        if parts.len() > 1 {
            return Some((
                0,
                Vec::new(),
                None::<String>,
                Some(format!(
                    "{} to add, one entry each",
                    count(parts.len(), "pattern", "patterns")
                )),
            ));
        }
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        Some(match ActionPattern::new(t) {
            Ok(p) => {
                let set = Expander::new(cat()).match_set(std::slice::from_ref(&p), data);
                let names: Vec<String> = set
                    .iter()
                    .take(5)
                    .map(|i| cat().operations.name(i).to_string())
                    .collect();
                (set.count(), names, None::<String>, None)
            }
            Err(e) => (0, Vec::new(), Some(e.to_string()), None),
        })
    });
    // A list pasted on one line (a text box turns line breaks into spaces) adds
    // each name (a review: three actions became one name no catalog has); what
    // does not read as a pattern stays in the box with its error.
    let add = {
        move || {
            let parts = pieces(&draft.get_untracked());
            if parts.is_empty() {
                return;
            }
            let mut list = items.get_untracked();
            let mut left = Vec::new();
            let mut added = false;
            for t in parts {
                if ActionPattern::new(&t).is_err() {
                    left.push(t);
                } else if !list.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                    list.push(t);
                    added = true;
                }
            }
            if added {
                on_change.run(list);
            }
            draft.set(left.join(" "));
        }
    };
    let add = Arc::new(add);
    let add2 = add.clone();
    let input_id = format!("{testid}-input");
    view! {
        <fieldset class="plist" data-testid=testid>
            <legend>{label}</legend>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    return view! { <p class="muted">"None."</p> }.into_any();
                }
                // A list of thousands (an imported file) shows its first patterns;
                // the rest on request, so a paste never builds thousands of rows.
                let shown = if all.get() { list.len() } else { list.len().min(SHOWN) };
                let hidden = list.len() - shown;
                let mut ex = Expander::new(cat());
                view! {
                    <ul class="plist__items">
                        {list.iter().take(shown).enumerate().map(|(i, p)| {
                            // A pattern Azure refuses (several `*`) is named, not matched.
                            let n = match ActionPattern::new(p) {
                                Ok(x) if x.azure_limits().is_ok() => count(ex.match_set(std::slice::from_ref(&x), data).count(), "operation", "operations"),
                                Ok(_) => "refused by Azure: more than one `*`".to_string(),
                                Err(_) => count(0, "operation", "operations"),
                            };
                            // A pattern of thousands of characters shows its start and its
                            // length (laying out all of it would hold the page).
                            let short = excerpt(p).into_owned();
                            let cut = (short.len() != p.len()).then(|| format!(" ({} characters)", num(p.chars().count())));
                            let label_text = format!("Remove {short}");
                            view! {
                                <li>
                                    <code>{short}</code>{cut}
                                    <span class="muted">" "<Rich text=n/></span>
                                    <button class="button button--quiet button--small" aria-label=label_text on:click=move |_| {
                                        let mut l = items.get_untracked();
                                        if i < l.len() {
                                            l.remove(i);
                                            on_change.run(l);
                                        }
                                    }>"Remove"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {(hidden > 0).then(|| view! {
                        <button class="button button--quiet button--small" data-testid=format!("{testid}-more") on:click=move |_| all.set(true)>
                            {format!("Show the other {}", count(hidden, "pattern", "patterns"))}
                        </button>
                    })}
                }
                .into_any()
            }}
            <div class="plist__add">
                <label class="visually-hidden" for=input_id.clone()>{format!("Add to {label}")}</label>
                <input
                    id=input_id
                    type="text"
                    spellcheck="false"
                    placeholder=if data { "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read" } else { "Microsoft.Network/virtualNetworks/*/read" }
                    data-testid=format!("{testid}-add")
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    }
                />
                <button class="button button--small" on:click=move |_| add2()>"Add"</button>
            </div>
            {move || preview.get().map(|(n, names, err, several)| match (err, several) {
                (_, Some(s)) => view! { <p class="plist__preview" data-testid=format!("{testid}-preview") aria-live="polite">{s}</p> }.into_any(),
                (Some(e), None) => view! { <p class="plist__preview plist__preview--error">{e}</p> }.into_any(),
                (None, None) => view! {
                    <p class="plist__preview" data-testid=format!("{testid}-preview") aria-live="polite">
                        {format!("Matches {}", count(n, "operation", "operations"))}
                        {(!names.is_empty()).then(|| format!(": {}{}", names.join(", "), if n > names.len() { ", …" } else { "" }))}
                    </p>
                }
                .into_any(),
            })}
        </fieldset>
    }
}

/// The names of a box's text: split at whitespace and commas, with the quotes
/// and brackets of a pasted JSON list taken off.
fn pieces(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .map(|p| p.trim_matches(|c: char| matches!(c, '"' | '\'' | '[' | ']')))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}
