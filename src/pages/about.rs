//! About the data: where every fact comes from, how much there is, what is known to
//! be missing, where sources disagree, and where the seed's permission table
//! disagrees with the built-in roles as Microsoft Graph returned them (with dates).

use crate::components::rich::Rich;
use crate::dom::num;
use crate::state::{cat, disagreements};
use leptos::prelude::*;
use w365_engine::windows365::Requirement;
use w365_engine::RoleKind;

/// An operation, the topic its sources disagree on, and each (source, words).
/// A source's position: document id, its words, whether they are the app's summary.
type Said = (String, String, bool);
type Conflict = (String, String, Vec<Said>);

/// The about view. `#/about?debug=panic` panics on purpose, so the browser tests can
/// check that a panic shows the error panel instead of a dead page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let router = crate::route::use_router();
    if router
        .route
        .with_untracked(|r| r.param("debug") == Some("panic"))
    {
        #[expect(clippy::panic, reason = "a deliberate panic for the error-panel test")]
        {
            panic!("deliberate panic requested with #/about?debug=panic");
        }
    }
    // `?at=disagreements` (a link from a role page): that section, once drawn.
    if let Some(at) = router
        .route
        .with_untracked(|r| r.param("at").map(str::to_string))
    {
        crate::dom::reveal(at);
    }
    let c = cat();
    let w = &c.windows365;
    let count = |k: RoleKind| c.roles.iter().filter(|r| r.kind == k).count();
    let conflicts: Vec<Conflict> = w
        .operations
        .iter()
        .flat_map(|o| {
            let mut out = Vec::new();
            fn walk(r: &Requirement, out: &mut Vec<(String, Vec<Said>)>) {
                match r {
                    Requirement::All(v) | Requirement::Any(v) => {
                        v.iter().for_each(|x| walk(x, out))
                    }
                    Requirement::Conflict(c) => out.push((
                        c.topic.clone(),
                        c.positions
                            .iter()
                            .map(|p| (p.source.clone(), p.says.clone(), p.summary))
                            .collect(),
                    )),
                    _ => {}
                }
            }
            walk(&o.requirement, &mut out);
            out.into_iter().map(move |(t, p)| (o.name.clone(), t, p))
        })
        .collect();
    let doc = move |id: &str| {
        w.document(id)
            .map(|d| format!("{} ({})", d.title, d.date))
            .unwrap_or_else(|| id.to_string())
    };
    view! {
        <section class="page about">
            <h1>"About the data"</h1>
            <p class="lead">"Everything is computed in this page; nothing is sent anywhere. The data ships with the app and works offline."</p>
            <section class="stats" aria-label="What is bundled" data-testid="about-counts">
                <div class="stat"><span class="stat__n">{num(c.operations.len())}</span><span>"Azure operations"</span></div>
                <div class="stat"><span class="stat__n">{num(count(RoleKind::AzureBuiltIn))}</span><span>"Azure built-in roles"</span></div>
                <div class="stat"><span class="stat__n">{num(w.current_permissions().count())}</span><span>"Cloud PC permissions"</span></div>
                <div class="stat"><span class="stat__n">{num(w.operations.len() - w.current_permissions().count())}</span><span>"Windows 365 admin operations"</span></div>
                <div class="stat"><span class="stat__n">{count(RoleKind::CloudPcBuiltIn) + count(RoleKind::Entra) + count(RoleKind::Intune)}</span><span>"Cloud PC, Entra and Intune roles"</span></div>
            </section>
            <h2>"Dates and sources"</h2>
            <ul>
                <li>{format!("Azure roles and operations: snapshot of {} ({}).", c.manifest.data_date, c.manifest.operations_source)}</li>
                <li>{format!("Operation categories: {}.", c.manifest.categories_source)}</li>
                <li>{format!("Earlier versions of {} compute roles: {} (seed 003), shown on their role pages.", c.seed_roles.len(), c.manifest.seed_roles_date)}</li>
            </ul>
            <h3>"Windows 365 documents cited"</h3>
            <div class="table-wrap" tabindex="0"><table class="table">
                <thead><tr><th scope="col">"Id"</th><th scope="col">"Document"</th><th scope="col">"Date"</th><th scope="col">"Copy"</th></tr></thead>
                <tbody>{w.documents.iter().map(|d| view! { <tr><td><code>{d.id.clone()}</code></td><td>{d.title.clone()}</td><td>{d.date.clone()}</td><td class="muted">{d.origin.clone()}</td></tr> }).collect_view()}</tbody>
            </table></div>
            <h3 id="cited">"Scope-tag and health-check documents cited"</h3>
            <p class="muted">"The scope-tag rules cite documents as S1, S2, …; the Azure network connection health checks as A1, A2, …. Seeds are the documents this tool was built from (seed 001 is the Windows 365 role documentation)."</p>
            <div class="table-wrap" tabindex="0"><table class="table" data-testid="about-cited">
                <thead><tr><th scope="col">"Id"</th><th scope="col">"Document"</th></tr></thead>
                <tbody>
                    {c.scope_tags.sources.iter().map(|d| view! { <tr id=format!("src-{}", d.id)><td><code>{d.id.clone()}</code></td><td>{d.cite.clone()}</td></tr> }).collect_view()}
                    {c.health.sources.iter().map(|(id, cite)| view! { <tr id=format!("src-{id}")><td><code>{id.clone()}</code></td><td>{cite.clone()}</td></tr> }).collect_view()}
                </tbody>
            </table></div>
            <h2 id="conflicts">"Where sources disagree"</h2>
            <p>"The tool never picks one: operations affected are shown as conditional with each source's verdict."</p>
            <ul class="conflicts" data-testid="about-conflicts">
                {conflicts.into_iter().map(|(op, topic, positions)| view! {
                    <li>
                        <strong>{op}</strong>{format!(": {topic}")}
                        <ul>{positions.into_iter().map(|(s, says, summary)| view! { <li><Rich text=w365_engine::text::attributed(&doc(&s), &says, summary)/></li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
                {w.operations.iter().flat_map(|o| o.notes.iter().filter(|n| n.text.contains("conflict") || n.text.contains("earlier") || n.text.contains("2022")).map(move |n| (o.name.clone(), n.clone()))).map(|(op, n)| view! {
                    <li><strong>{op}</strong>{format!(": {} ({})", n.text, doc(&n.source))}</li>
                }).collect_view()}
            </ul>
            <Disagreements/>
            <h2>"Known gaps"</h2>
            <ul data-testid="about-gaps">{w.known_gaps.iter().map(|g| view! { <li><Rich text=g.clone()/></li> }).collect_view()}</ul>
            <h2>"How decisions are made"</h2>
            <ul>
                <li>"Wildcards as Azure matches them: case ignored, "<code>"*"</code>" spans any characters including "<code>"/"</code>", whole-string match."</li>
                <li>"NotActions subtract only within the same role's permission block and are never a deny: another assignment can grant the action."</li>
                <li>"DataActions are checked apart from Actions; Owner's "<code>"*"</code>" reaches no data."</li>
                <li>"Scopes are inherited downwards, compared case-insensitively segment by segment; assignments add up; deny assignments win."</li>
                <li>"Conditions are decided where they only name actions; attribute tests make the answer “conditional”, never a guess."</li>
                <li>"Cloud PC permissions are checked against Cloud PC roles and the Entra roles that carry "<code>"microsoft.cloudPC"</code>" permissions; the built-in Cloud PC, Intune and Entra roles are what Microsoft Graph returned (captured until "{w.observed.captured_until.clone()}"), each Cloud PC and Intune role with its dated changes on its page."</li>
                <li>"Scope tags decide which Windows 365 objects an administrator sees; the roles decide what they can do with them. Rules that are inferences are marked “inferred” wherever they are used."</li>
            </ul>
            <h2>"All provenance records"</h2>
            <details><summary>{crate::dom::count(c.manifest.sources.len(), "record", "records")}</summary><ul class="notes">{c.manifest.sources.iter().map(|s| view! { <li><Rich text=s.clone()/></li> }).collect_view()}</ul></details>
        </section>
    }
}

/// The seed's custom-role permission table against the observed built-in roles.
#[component]
fn Disagreements() -> impl IntoView {
    let d = disagreements();
    view! {
        <section aria-labelledby="disagreements" data-testid="about-disagreements">
            <h2 id="disagreements">"The permission table against the built-in roles"</h2>
            <p>{format!("The seed's table ({}, {}) against the Cloud PC and Intune built-in roles as Microsoft Graph returned them until {}. Both are kept; neither is hidden.", d.table_source, d.table_date, d.observed_until)}</p>
            <h3>{format!("In the table, in no built-in role ({})", d.table_only.len())}</h3>
            <div class="table-wrap" tabindex="0"><table class="table" data-testid="table-only">
                <thead><tr><th scope="col">"Permission"</th><th scope="col">"The table says"</th><th scope="col">"The earlier model gave it to"</th></tr></thead>
                <tbody>{d.table_only.iter().map(|t| view! {
                    <tr><td><code>{t.permission.clone()}</code></td><td>{t.description.clone()}</td><td>{if t.modelled_in.is_empty() { "—".to_string() } else { t.modelled_in.join(", ") }}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
            <h3>{format!("In built-in roles, with no row in the table ({})", d.unlisted.len())}</h3>
            <div class="table-wrap" tabindex="0"><table class="table" data-testid="unlisted">
                <thead><tr><th scope="col">"Action"</th><th scope="col">"Held by"</th></tr></thead>
                <tbody>{d.unlisted.iter().map(|u| view! {
                    <tr><td><code>{u.action.clone()}</code></td><td>{u.roles.iter().map(|h| format!("{} since {}", h.role, h.since)).collect::<Vec<_>>().join(", ")}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
            <h3>{format!("Not a read, inside a reader role ({})", d.unread.len())}</h3>
            <div class="table-wrap" tabindex="0"><table class="table" data-testid="unread">
                <thead><tr><th scope="col">"Action"</th><th scope="col">"Role"</th><th scope="col">"Since"</th></tr></thead>
                <tbody>{d.unread.iter().map(|u| view! {
                    <tr><td><code>{u.action.clone()}</code>{u.read_like.then(|| view! { " " <span class="tag tag--quiet">"named like a read"</span> })}</td><td>{u.role.clone()}</td><td>{u.since.clone()}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        </section>
    }
}
