//! The roles list's first screen as static HTML, shown by `start.js` while the
//! WebAssembly downloads and the catalog decodes (a few hundred milliseconds on a
//! fast machine, seconds on a slow one), then replaced by the app.
//!
//! The HTML is generated from the bundled catalog with the same rows the roles view
//! draws first, and committed as `src/prerendered/roles.html`; `scripts/postbuild.mjs`
//! puts it in `index.html` as a `<template>`. A native test fails when the committed
//! file differs from what the catalog gives (`UPDATE_PRERENDER=1` rewrites it), and a
//! browser test compares the rows with the app's.

use crate::pages::roles::{row_html, ROLES_LEAD};
use w365_engine::roleset::RoleSet;
use w365_engine::search::{self, RoleFilter};
use w365_engine::text::escape_html as esc;

/// How many rows: as many as a tall window shows (the app then draws the rows in
/// view and two more on each side).
pub const ROWS: usize = 16;

/// The first screen of `#/roles`: the heading, the lead, and the first [`ROWS`]
/// rows of the unfiltered list, with the app's classes (sizes come with the app).
pub fn roles_first_screen(set: &RoleSet<'_>) -> String {
    let hits = search::roles(set, "", &RoleFilter::default());
    let mut rows = String::new();
    for h in hits.iter().take(ROWS) {
        let Some(role) = set.get(h.role) else {
            continue;
        };
        rows.push_str(&format!(
            "<div class=\"row\" role=\"listitem\" data-testid=\"role-row\">{}</div>\n",
            row_html(role, None, None)
        ));
    }
    let (before, code, after) = ROLES_LEAD;
    format!(
        concat!(
            "<!-- Generated from the bundled catalog by src/prerender.rs; do not edit. -->\n",
            r#"<main class="main prerendered" aria-busy="true"><section class="page">"#,
            "<h1>Roles</h1>\n",
            r#"<p class="lead">{before}<code>{code}</code>{after}</p>"#,
            "\n",
            r#"<p class="summary muted">{n} roles · starting the search…</p>"#,
            "\n",
            r#"<div class="vlist" role="list" aria-label="Roles">"#,
            "\n{rows}</div></section></main>\n"
        ),
        before = esc(before),
        code = esc(code),
        after = esc(after),
        n = crate::dom::num(hits.len()),
        rows = rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::cat;

    const COMMITTED: &str = include_str!("prerendered/roles.html");

    #[test]
    fn the_committed_first_screen_is_the_catalogs() {
        let now = roles_first_screen(&RoleSet::new(cat(), Vec::new()));
        if std::env::var_os("UPDATE_PRERENDER").is_some() && now != COMMITTED {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/prerendered/roles.html");
            assert!(std::fs::write(path, &now).is_ok(), "could not write {path}");
            return;
        }
        assert!(
            now == COMMITTED,
            "src/prerendered/roles.html is stale: run UPDATE_PRERENDER=1 cargo test -p w365-explorer prerender"
        );
        assert_eq!(now.matches(r#"data-testid="role-row""#).count(), ROWS);
    }
}
