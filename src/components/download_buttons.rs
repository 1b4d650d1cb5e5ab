//! "Download CSV" and "Download JSON" for a table a view shows. The table is built
//! only when a button is clicked, so a view pays nothing for offering it.

use crate::dom::download;
use crate::state::use_state;
use crate::table_export::{file_stem, Table};
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
    table: Callback<(), Option<Table>>,
    /// Test hooks: `{testid}-csv` and `{testid}-json`.
    testid: &'static str,
    /// A fuller JSON document than the table's rows, written and downloaded by
    /// this callback, given the file's name (the tenant review keeps each
    /// principal's details, written in slices); the table's rows when absent.
    #[prop(optional)]
    json: Option<Callback<String>>,
    /// The CSV written and downloaded by this callback, given the file's name (a
    /// large table written in slices); the table's `to_csv` when absent.
    #[prop(optional)]
    csv: Option<Callback<String>>,
) -> impl IntoView {
    let state = use_state();
    let save = move |as_json: bool| {
        let name = file_stem(&[&stem.get_untracked()]);
        let res = if as_json {
            if let Some(j) = json {
                return j.run(format!("{name}.json"));
            }
            match table.run(()) {
                Some(t) => download(&format!("{name}.json"), &t.to_json(), "application/json"),
                None => return,
            }
        } else {
            if let Some(c) = csv {
                return c.run(format!("{name}.csv"));
            }
            match table.run(()) {
                Some(t) => download(
                    &format!("{name}.csv"),
                    &t.to_csv(),
                    "text/csv;charset=utf-8",
                ),
                None => return,
            }
        };
        if let Err(e) = res {
            state.error(format!("Could not download the table: {e}"));
        }
    };
    view! {
        <div class="actions-bar" role="group" aria-label=format!("Download {label}")>
            <button class="button" data-testid=format!("{testid}-csv") on:click=move |_| save(false)>"Download CSV"</button>
            <button class="button" data-testid=format!("{testid}-json") on:click=move |_| save(true)>"Download JSON"</button>
        </div>
    }
}
