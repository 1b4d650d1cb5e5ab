//! Reading exercises and packs strictly: unknown keys with "did you mean", every
//! problem collected with its JSON path, line and column, limits checked first.

use super::check::{self, MAX_CHECKS};
use super::problems::Problems;
use super::setup;
use super::{Difficulty, Exercise, ExerciseContext, ExerciseError, Pack, PACK_SCHEMA, SCHEMA};
use crate::bundle::Catalog;
use crate::json::{self, Node};
use crate::scope::Scope;

/// Most hints an exercise may hold.
pub const MAX_HINTS: usize = 20;
/// Most exercises a pack may hold.
pub const MAX_EXERCISES: usize = 200;
/// Longest id.
pub const MAX_ID: usize = 80;

const EXERCISE_KEYS: [&str; 13] = [
    "schema",
    "id",
    "title",
    "brief",
    "level",
    "context",
    "start",
    "checks",
    "hints",
    "solution",
    "explanation",
    "sources",
    "answerFor",
];

/// The `schemaVersion` the command-line tool writes first in every JSON output
/// (`exercises --id`, the pack it prints): a file saved from it reads back, so a
/// document's root may carry it; any other value is refused, since what a later
/// version means by its fields is unknown here.
pub const OUTPUT_SCHEMA_VERSION: usize = 1;

/// Check a document root's optional `schemaVersion` (read, then ignored).
fn schema_version(p: &mut Problems, n: &Node<'_>) {
    if let Some(v) = p.member(n, "schemaVersion") {
        match v.as_usize() {
            Ok(OUTPUT_SCHEMA_VERSION) => {}
            Ok(other) => p.push(v.error(format!(
                "schemaVersion `{other}` is not one this version reads (it reads {OUTPUT_SCHEMA_VERSION})"
            ))),
            Err(e) => p.push(e),
        }
    }
}

/// Is `id` usable as an exercise or pack id (letters, digits, `-`, `_`, `.`)?
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn id(p: &mut Problems, n: &Node<'_>) -> Option<String> {
    let id = p.text(n, "id", true)?;
    if valid_id(&id) {
        Some(id)
    } else {
        let at = n.get("id").ok().flatten().unwrap_or_else(|| n.clone());
        p.push(at.error(format!(
            "id `{id}` must be 1 to {MAX_ID} letters, digits, `-`, `_` or `.`"
        )));
        None
    }
}

/// Check `schema`; returns it when it is a known one.
fn schema(p: &mut Problems, n: &Node<'_>) -> Option<&'static str> {
    let s = p.text(n, "schema", true)?;
    match [SCHEMA, PACK_SCHEMA].into_iter().find(|k| *k == s) {
        Some(k) => Some(k),
        None => {
            let at = n.get("schema").ok().flatten().unwrap_or_else(|| n.clone());
            p.push(at.error(format!(
                "unsupported schema `{s}`: this version reads `{SCHEMA}` (one exercise) and `{PACK_SCHEMA}` (a pack)"
            )));
            None
        }
    }
}

fn context(p: &mut Problems, n: &Node<'_>) -> ExerciseContext {
    let mut c = ExerciseContext::default();
    let Some(v) = p.member(n, "context") else {
        return c;
    };
    if !p.object(&v, "a context") {
        return c;
    }
    p.keys(
        &v,
        &[
            "subscription",
            "resourceGroup",
            "virtualNetwork",
            "storageAccount",
        ],
    );
    let mut scope = |key: &str| -> Option<Scope> {
        let s = p.member(&v, key)?;
        match s.as_str() {
            Ok(t) => match Scope::parse(t) {
                Ok(sc) => Some(sc),
                Err(e) => {
                    p.push(s.error(e.to_string()));
                    None
                }
            },
            Err(e) => {
                p.push(e);
                None
            }
        }
    };
    c.subscription = scope("subscription");
    c.resource_group = scope("resourceGroup");
    c.virtual_network = scope("virtualNetwork");
    c.storage_account = scope("storageAccount");
    c
}

/// Read one exercise object; `None` when something required is missing or wrong.
pub(crate) fn exercise(
    p: &mut Problems,
    catalog: &Catalog,
    n: &Node<'_>,
    in_pack: bool,
) -> Option<Exercise> {
    if !p.object(n, "an exercise") {
        return None;
    }
    let before = p.0.len();
    match (in_pack, n.get("schema").ok().flatten()) {
        (true, None) => {}
        (_, given) => match schema(p, n) {
            Some(s) if s != SCHEMA => p.push(n.error(format!(
                "expected an exercise (`{SCHEMA}`), found a pack (`{s}`)"
            ))),
            Some(_) => {}
            // A schema this version does not read: what else it holds is read
            // by rules that may not be its own, so that problem stands alone.
            None if given.is_some() => return None,
            None => {}
        },
    }
    if in_pack {
        p.keys(n, &EXERCISE_KEYS);
    } else {
        // A document of its own: the tool's output envelope is allowed.
        let mut keys = EXERCISE_KEYS.to_vec();
        keys.push("schemaVersion");
        p.keys(n, &keys);
        schema_version(p, n);
    }
    let id = id(p, n);
    let title = p.text(n, "title", true);
    let brief = p.text(n, "brief", true);
    let level = p.text(n, "level", true).and_then(|l| {
        let parsed = Difficulty::parse(&l);
        if parsed.is_none() {
            let names = Difficulty::ALL.map(Difficulty::as_str);
            let hint = crate::fuzzy::closest(&l, names)
                .map(|s| format!("did you mean `{s}`? "))
                .unwrap_or_default();
            let at = n.get("level").ok().flatten().unwrap_or_else(|| n.clone());
            p.push(at.error(format!(
                "unknown level `{l}` ({hint}expected {})",
                names.join(", ")
            )));
        }
        parsed
    });
    let context = context(p, n);
    let start = p.required(n, "start").map(|s| setup::read(p, catalog, &s));
    let solution = p
        .required(n, "solution")
        .map(|s| setup::read(p, catalog, &s));
    let mut checks = Vec::new();
    if let Some(list) = p.list(n, "checks", true) {
        if list.is_empty() {
            p.push(n.error("`checks` is empty: an exercise needs at least one check"));
        } else if list.len() > MAX_CHECKS {
            p.push(n.error(format!(
                "{} checks; an exercise holds at most {MAX_CHECKS}",
                list.len()
            )));
        } else {
            for c in &list {
                if let Some(c) = check::read(p, catalog, c) {
                    checks.push(c);
                }
            }
        }
    }
    let hints = p.texts(n, "hints");
    if hints.len() > MAX_HINTS {
        p.push(n.error(format!(
            "{} hints; an exercise holds at most {MAX_HINTS}",
            hints.len()
        )));
    }
    let explanation = p.text(n, "explanation", true);
    let sources = p.texts(n, "sources");
    let answer_for_app = match p.text(n, "answerFor", false).as_deref() {
        None | Some("admin") => false,
        Some("windows365App") => true,
        Some(other) => {
            let at = n
                .get("answerFor")
                .ok()
                .flatten()
                .unwrap_or_else(|| n.clone());
            p.push(at.error(format!(
                "unknown `answerFor` `{other}` (expected `admin`, the default, or `windows365App`)"
            )));
            false
        }
    };
    if p.0.len() > before {
        return None;
    }
    Some(Exercise {
        id: id?,
        title: title?,
        brief: brief?,
        level: level?,
        context,
        start: start?,
        checks,
        hints,
        solution: solution?,
        explanation: explanation?,
        sources,
        answer_for_app,
    })
}

/// Parse one exercise (`"schema": "w365-exercise/1"`).
pub fn parse(catalog: &Catalog, text: &str) -> Result<Exercise, ExerciseError> {
    let doc = json::parse(text).map_err(ExerciseError::Json)?;
    let mut p = Problems::default();
    let ex = exercise(&mut p, catalog, &Node::root(&doc), false);
    match ex {
        Some(ex) if p.0.is_empty() => Ok(ex),
        _ => Err(ExerciseError::Invalid { problems: p.0 }),
    }
}

/// Parse a pack (`"schema": "w365-exercise-pack/1"`), or one exercise as a pack of one.
pub fn parse_pack(catalog: &Catalog, text: &str) -> Result<Pack, ExerciseError> {
    let doc = json::parse(text).map_err(ExerciseError::Json)?;
    let root = Node::root(&doc);
    let mut p = Problems::default();
    if !p.object(&root, "an exercise or pack") {
        return Err(ExerciseError::Invalid { problems: p.0 });
    }
    let kind = schema(&mut p, &root);
    if kind.is_none() && root.get("schema").ok().flatten().is_some() {
        // An unsupported schema: the keys and values of another version would
        // only repeat it, as "unknown key" and the like.
        return Err(ExerciseError::Invalid { problems: p.0 });
    }
    // No `schema` at all, but an exercise's keys: read as the exercise it looks
    // like, so the problems are its own, not every key called unknown to a pack.
    let looks_like_exercise = kind.is_none()
        && root.get("exercises").ok().flatten().is_none()
        && root.get("checks").ok().flatten().is_some();
    if kind == Some(SCHEMA) || looks_like_exercise {
        return match exercise(&mut p, catalog, &root, false) {
            Some(ex) if p.0.is_empty() => Ok(Pack {
                id: ex.id.clone(),
                title: ex.title.clone(),
                description: None,
                exercises: vec![ex],
            }),
            _ => {
                // The exercise reader names a missing `schema` too: once.
                let mut seen = std::collections::HashSet::new();
                let mut problems = p.0;
                problems.retain(|e| seen.insert(e.to_string()));
                Err(ExerciseError::Invalid { problems })
            }
        };
    }
    p.keys(
        &root,
        &[
            "schemaVersion",
            "schema",
            "id",
            "title",
            "description",
            "exercises",
        ],
    );
    schema_version(&mut p, &root);
    let id = id(&mut p, &root);
    let title = p.text(&root, "title", true);
    let description = p.text(&root, "description", false);
    let mut exercises: Vec<Exercise> = Vec::new();
    if let Some(list) = p.list(&root, "exercises", true) {
        if list.is_empty() {
            let at = root
                .get("exercises")
                .ok()
                .flatten()
                .unwrap_or_else(|| root.clone());
            p.push(at.error("the pack holds no exercise".to_string()));
        } else if list.len() > MAX_EXERCISES {
            p.push(root.error(format!(
                "{} exercises; a pack holds at most {MAX_EXERCISES}",
                list.len()
            )));
        } else {
            for n in &list {
                if let Some(ex) = exercise(&mut p, catalog, n, true) {
                    if exercises.iter().any(|e| e.id == ex.id) {
                        let at = n.get("id").ok().flatten().unwrap_or_else(|| n.clone());
                        p.push(at.error(format!("duplicate exercise id `{}`", ex.id)));
                    } else {
                        exercises.push(ex);
                    }
                }
            }
        }
    }
    match (id, title) {
        (Some(id), Some(title)) if p.0.is_empty() && kind.is_some() => Ok(Pack {
            id,
            title,
            description,
            exercises,
        }),
        _ => Err(ExerciseError::Invalid { problems: p.0 }),
    }
}
