//! "Download CSV" and "Download JSON" for a table a view shows. The table is built
//! only when a button is clicked, so a view pays nothing for offering it.

use crate::dom::download;
use crate::state::use_state;
use crate::table_export::{file_stem, FileFormat, Table};
use leptos::prelude::*;

/// Two buttons that download a table as `{stem}.csv` and `{stem}.json`.
#[component]
pub fn DownloadButtons(
    /// What is downloaded, e.g. "the roles shown" (the buttons' group name).
    #[prop(into)]
    label: String,
    /// The file name without extension, read on click (sanitised with `file_stem`).
    #[prop(into)]
    stem: Signal<String>,
    /// Builds the table on click; `None` when there is nothing to download.
    #[prop(optional)]
    table: Option<Callback<(), Option<Table>>>,
    /// Instead of `table`: writes and downloads the file itself, given its
    /// format and name (the tenant review's principals: each one's whole review
    /// in the JSON, both files written a slice of principals at a time).
    #[prop(optional)]
    write: Option<Callback<(FileFormat, String)>>,
    /// Test hooks: `{testid}-csv` and `{testid}-json`.
    testid: &'static str,
) -> impl IntoView {
    let state = use_state();
    let save = move |format: FileFormat| {
        let name = format!(
            "{}.{}",
            file_stem(&[&stem.get_untracked()]),
            format.extension()
        );
        if let Some(w) = write {
            return w.run((format, name));
        }
        let Some(t) = table.and_then(|t| t.run(())) else {
            return;
        };
        let text = match format {
            FileFormat::Csv => t.to_csv(),
            FileFormat::Json => t.to_json(),
        };
        if let Err(e) = download(&name, &text, format.mime()) {
            state.error(format!("Could not download the table: {e}"));
        }
    };
    view! {
        <div class="actions-bar" role="group" aria-label=format!("Download {label}")>
            <button class="button" data-testid=format!("{testid}-csv") on:click=move |_| save(FileFormat::Csv)>"Download CSV"</button>
            <button class="button" data-testid=format!("{testid}-json") on:click=move |_| save(FileFormat::Json)>"Download JSON"</button>
        </div>
    }
}
