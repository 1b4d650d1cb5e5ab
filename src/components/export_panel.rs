//! Export a role in every format the engine offers, as a download or to the
//! clipboard, with a warning for everything the chosen format drops and for what
//! running it needs (the `az-cli` script of a Graph role: a Graph token).

use crate::components::rich::Rich;
use crate::dom::{copy, download};
use crate::state::use_state;
use leptos::prelude::*;
use w365_engine::export::{export_with_warnings, Exported, Format};
use w365_engine::lint::Diagnostic;
use w365_engine::Role;

/// The export panel for a role.
#[component]
pub fn ExportPanel(
    /// The role to export.
    role: Signal<Option<Role>>,
    /// Warn before exporting a role with lint errors (custom roles).
    #[prop(optional)]
    lint: bool,
    /// The role's lint when the page has it already (Compose): not run twice.
    #[prop(optional, into)]
    diagnostics: Option<Signal<Vec<Diagnostic>>>,
    /// Whether the role has been begun (Compose): a new role has nothing to export
    /// yet, and says so instead of naming what a target would refuse.
    #[prop(optional, into)]
    begun: Option<Signal<bool>>,
) -> impl IntoView {
    let state = use_state();
    let idle = move || begun.is_some_and(|b| !b.get());
    // A role with lint errors is exported only on purpose: the errors are named and
    // the user ticks "export anyway".
    let check = Memo::new(move |_| {
        if !lint || idle() {
            return None;
        }
        role.with(|r| {
            let r = r.as_ref()?;
            match diagnostics {
                Some(d) => d.with(|d| w365_engine::lint::export_check_of(r, d).warning),
                None => w365_engine::lint::export_check(crate::state::cat(), r).warning,
            }
        })
    });
    let anyway = RwSignal::new(false);
    let blocked = move || idle() || (check.with(Option::is_some) && !anyway.get());
    // The format chosen, and the one used: the choice when it fits the role's
    // plane, otherwise the plane's usual format (derived, never synced).
    let chosen = RwSignal::new(Format::Arm);
    let plane = Memo::new(move |_| role.with(|r| r.as_ref().map(Role::plane)));
    let format = Memo::new(move |_| {
        let f = chosen.get();
        match plane.get() {
            Some(p) if !f.supports(p) => {
                if p == w365_engine::Plane::Azure {
                    Format::Arm
                } else {
                    Format::Graph
                }
            }
            _ => f,
        }
    });
    let exported = Memo::new(move |_| {
        role.with(|r| {
            r.as_ref()
                .map(|r| export_with_warnings(r, format.get()).map_err(|e| e.to_string()))
        })
    });
    let text = Memo::new(move |_| {
        exported.with(|e| {
            e.as_ref()
                .map(|r| r.as_ref().map(|x| x.text.clone()).map_err(Clone::clone))
        })
    });
    let warnings = Memo::new(move |_| {
        exported.with(|e| match e {
            Some(Ok(Exported { warnings, .. })) => warnings.clone(),
            _ => Vec::new(),
        })
    });
    let notes = Memo::new(move |_| {
        exported.with(|e| match e {
            Some(Ok(Exported { notes, .. })) => notes.clone(),
            _ => Vec::new(),
        })
    });
    // How to sign in for the script (a Graph token `az login` cannot get).
    let needs = Memo::new(move |_| {
        exported.with(|e| match e {
            Some(Ok(Exported { needs, .. })) => needs.clone(),
            _ => Vec::new(),
        })
    });
    // The engine's name, which the export's own deploy command names too.
    let file = move || {
        role.with(|r| {
            w365_engine::export::file_name(
                r.as_ref().map(|r| r.name.as_str()).unwrap_or_default(),
                format.get(),
            )
        })
    };
    view! {
        <section class="export" aria-labelledby="export-title">
            <h3 id="export-title">"Export"</h3>
            <div class="export__bar">
                <label class="field field--inline">
                    <span>"Format"</span>
                    <select
                        data-testid="export-format"
                        on:change=move |ev| {
                            if let Ok(f) = event_target_value(&ev).parse::<Format>() {
                                chosen.set(f);
                            }
                        }
                        prop:value=move || format.get().as_str()
                    >
                        {move || {
                            let plane = plane.get();
                            Format::ALL
                                .into_iter()
                                .filter(|f| plane.is_some_and(|p| f.supports(p)))
                                .map(|f| view! { <option value=f.as_str()>{f.label()}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
                <button
                    class="button"
                    data-testid="export-download"
                    disabled=move || blocked() || text.with(|t| !matches!(t, Some(Ok(_))))
                    on:click=move |_| {
                        if let Some(Ok(t)) = text.get_untracked() {
                            // The file `w365-perms export` writes, byte for byte.
                            let t = w365_engine::export::file_text(&t);
                            if let Err(e) = download(&file(), &t, "text/plain") {
                                state.error(format!("Download failed: {e}"));
                            }
                        }
                    }
                >
                    "Download"
                </button>
                <button
                    class="button"
                    data-testid="export-copy"
                    disabled=move || blocked() || text.with(|t| !matches!(t, Some(Ok(_))))
                    on:click=move |_| {
                        if let Some(Ok(t)) = text.get_untracked() {
                            copy(t, move |r| match r {
                                Ok(()) => state.info("Copied to the clipboard."),
                                Err(e) => state.error(format!("Could not copy: {e}")),
                            });
                        }
                    }
                >
                    "Copy"
                </button>
            </div>
            {move || check.get().map(|w| view! {
                // Only the short sentence is an alert: the details name the role and
                // change with each edit, and were read out again after every one (an
                // outside review).
                <div class="export__warning" data-testid="export-warning">
                    <p class="visually-hidden" role="alert">"Not exported: the target would refuse or change this role; the details follow."</p>
                    <p><Rich text=w/></p>
                    <label class="check"><input type="checkbox" data-testid="export-anyway" prop:checked=move || anyway.get() on:change=move |ev| anyway.set(event_target_checked(&ev))/>" Export anyway (the target would refuse or change it)"</label>
                </div>
            })}
            {move || (!idle()).then(|| sentence_list("export-warnings", "This format cannot hold everything in the role:", warnings.get()))}
            {move || (!idle()).then(|| sentence_list("export-needs", "Running this script needs:", needs.get()))}
            {move || (if idle() { Vec::new() } else { notes.get() }).into_iter().map(|n| view! { <p class="muted" data-testid="export-note"><Rich text=n/></p> }).collect_view()}
            {move || match text.get() {
                _ if idle() => view! { <p class="empty" data-testid="export-start">"Add a permission to begin; the export appears here."</p> }.into_any(),
                Some(Ok(t)) => {
                    // Laying out megabytes of text would hold the page for a long
                    // task; the preview shows the start, Copy and Download all of it.
                    let (shown, cut) = preview(&t);
                    view! {
                        <pre class="code export__preview" data-testid="export-preview" tabindex="0">{shown}</pre>
                        {cut.then(|| view! { <p class="muted" data-testid="export-preview-cut">{format!("The preview shows the first {} of {}; Copy and Download give all of it.", crate::dom::bytes(PREVIEW_BYTES), crate::dom::bytes(t.len()))}</p> })}
                    }.into_any()
                }
                Some(Err(e)) => view! { <p class="import__message import__message--error" role="alert">{e}</p> }.into_any(),
                None => view! { <p class="empty">"Nothing to export."</p> }.into_any(),
            }}
        </section>
    }
}

/// How much of an export the preview lays out.
const PREVIEW_BYTES: usize = 64 * 1024;

/// The start of `text` the preview shows (whole lines, at most [`PREVIEW_BYTES`]),
/// and whether it is cut.
fn preview(text: &str) -> (String, bool) {
    if text.len() <= PREVIEW_BYTES {
        return (text.to_string(), false);
    }
    let mut end = PREVIEW_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let head = head.rfind('\n').map_or(head, |i| &head[..i]);
    (format!("{head}\n…"), true)
}

/// A titled list of engine sentences (an export's warnings, what its script needs);
/// nothing when there are none.
fn sentence_list(
    testid: &'static str,
    title: &'static str,
    items: Vec<String>,
) -> Option<impl IntoView> {
    (!items.is_empty()).then(|| {
        view! {
            <div class="export__warnings" role="status" data-testid=testid>
                <p>{title}</p>
                <ul>{items.into_iter().map(|w| view! { <li><Rich text=w/></li> }).collect_view()}</ul>
            </div>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_keeps_short_text_and_cuts_long_text_at_a_line() {
        assert_eq!(preview("a\nb"), ("a\nb".to_string(), false));
        let long = "é123456789\n".repeat(10_000);
        let (shown, cut) = preview(&long);
        assert!(cut);
        assert!(shown.len() <= PREVIEW_BYTES + 4);
        assert!(shown.ends_with("789\n…"));
        assert!(long.starts_with(shown.trim_end_matches('…')));
    }
}
