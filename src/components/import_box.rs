//! Bring role definitions in: file picker, paste, or drag and drop. The engine
//! reads them; errors say what and where, and nothing already saved changes.

use crate::components::rich::Rich;
use crate::dom::read_file;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Called with the text and where it came from; returns an error to show, if any.
pub type OnText = Callback<(String, String), Result<String, String>>;

/// The import box.
#[component]
pub fn ImportBox(
    /// Receives each text read.
    on_text: OnText,
    /// The heading (default: "Import roles").
    #[prop(optional, into)]
    title: Option<String>,
    /// What may be imported (default: the role shapes).
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let title = title.unwrap_or_else(|| "Import roles".into());
    let hint = hint.unwrap_or_else(|| "Azure roles (ARM JSON, az CLI or PowerShell JSON), Cloud PC roles (Graph unifiedRoleDefinition) and Intune roles (Graph deviceAndAppManagementRoleDefinition), one role or a list. Files up to 5 MB.".into());
    // The pasted text stays in the textarea (never copied on each keystroke); only its
    // length is tracked, and the size is checked before the text is read.
    let area = NodeRef::<leptos::html::Textarea>::new();
    let pasted = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let dragging = RwSignal::new(false);
    let handle = {
        move |text: String, source: String| match on_text.run((text, source)) {
            Ok(ok) => message.set(Some((false, ok))),
            Err(e) => message.set(Some((true, e))),
        }
    };
    let handle = Arc::new(handle);
    let read_files = {
        let handle = handle.clone();
        move |files: web_sys::FileList| {
            for i in 0..files.length() {
                if let Some(f) = files.get(i) {
                    let name = f.name();
                    let handle = handle.clone();
                    read_file(f, move |r| match r {
                        Ok(text) => handle(text, name),
                        Err(e) => message.set(Some((true, e))),
                    });
                }
            }
        }
    };
    let read_files = Arc::new(read_files);
    let rf1 = read_files.clone();
    let rf2 = read_files.clone();
    let h2 = handle.clone();
    view! {
        <section class="import" aria-labelledby="import-title">
            <h3 id="import-title">{title}</h3>
            <p class="muted">{hint}</p>
            <div
                class="dropzone"
                class:dropzone--active=move || dragging.get()
                data-testid="dropzone"
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
                        rf1(files);
                    }
                }
            >
                <label class="button">
                    "Choose files…"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,.txt,.http,application/json,text/plain"
                        multiple=true
                        data-testid="import-file"
                        on:change=move |ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                if let Some(files) = input.files() {
                                    rf2(files);
                                }
                                input.set_value("");
                            }
                        }
                    />
                </label>
                <span class="muted">" or drop files here"</span>
            </div>
            <label class="field">
                <span>"Or paste JSON"</span>
                <textarea
                    rows="5"
                    spellcheck="false"
                    data-testid="import-paste"
                    node_ref=area
                    on:input=move |_| pasted.set(area.get_untracked().map_or(0, |a| a.text_length()))
                    on:paste=move |ev: web_sys::ClipboardEvent| {
                        // Refused before it reaches the box: nothing to lay out,
                        // and what the box held is kept.
                        let Some(text) = crate::dom::pasted(&ev) else { return };
                        if text.length() as usize > w365_engine::json::MAX_INPUT_BYTES {
                            ev.prevent_default();
                            message.set(Some((true, format!(
                                "The pasted text has {}: it is refused (nothing was pasted or imported; the box is as it was).",
                                crate::dom::over_limit(text.length() as usize, w365_engine::json::MAX_INPUT_BYTES)
                            ))));
                        }
                    }
                ></textarea>
            </label>
            <button
                class="button"
                data-testid="import-paste-button"
                disabled=move || pasted.get() == 0
                on:click=move |_| {
                    let Some(a) = area.get_untracked() else { return };
                    // UTF-16 length: a lower bound of the UTF-8 size, so anything over is over.
                    let len = a.text_length() as usize;
                    if len > w365_engine::json::MAX_INPUT_BYTES {
                        // Emptied at once: a box holding megabytes keeps the whole page
                        // slow to lay out, and the text could not be imported anyway.
                        a.set_value("");
                        pasted.set(0);
                        message.set(Some((true, format!(
                            "The pasted text has {}: it is refused, and the box was emptied (nothing was imported).",
                            crate::dom::over_limit(len, w365_engine::json::MAX_INPUT_BYTES)
                        ))));
                        return;
                    }
                    h2(a.value(), "pasted text".into());
                }
            >
                "Import pasted text"
            </button>
            {move || message.get().map(|(err, m)| view! {
                <p class=if err { "import__message import__message--error" } else { "import__message" } role=if err { "alert" } else { "status" } data-testid="import-message">
                    <Rich text=m/>
                </p>
            })}
        </section>
    }
}
