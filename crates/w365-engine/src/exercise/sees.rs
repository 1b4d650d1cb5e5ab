//! The `sees` check: visibility through scope tags, decided in the answer's
//! scope-tag scenario by the rules of the scope-tag view, but only when that
//! scenario holds the answer's own role assignments. The scenario's roles must be
//! the Intune, Cloud PC and Entra roles the answer assigns, no more and no fewer
//! (review E H3: a scenario of Cloud PC Reader next to a real Windows 365
//! Administrator assignment passed); and "visible" asks that the roles can list
//! and open the object, not merely that it is in scope (R11).

use super::grade::join;
use super::setup::Answer;
use crate::model::Plane;
use crate::roleset::RoleRef;
use crate::scopetags::{decide, same_tags, tag_list, Access, TaggedAssignment, TaggedObject};

/// Grade one `sees` check: (passed, explanation). `actionable` is what the check
/// asks, when it asks, with whether actionable on a condition (an Intune role's
/// Scope (Groups)) counts: it does not unless the check allows it, as for `enables`.
pub(super) fn sees(
    answer: &Answer<'_>,
    given: Option<&[TaggedObject]>,
    object: &str,
    visible: bool,
    actionable: Option<(bool, bool)>,
) -> (bool, String) {
    let env = &answer.env;
    let Some((objects, assignments, mode)) = &answer.tags else {
        return (
            false,
            "the answer has no scope-tag scenario (`scopeTags`), so nothing is visible through scope tags".into(),
        );
    };
    if let Some(why) = mismatch(answer) {
        return (false, why);
    }
    if let Some(why) = given.and_then(|g| retagged(g, objects)) {
        return (false, why);
    }
    let Some(obj) = objects.iter().find(|o| o.id.eq_ignore_ascii_case(object)) else {
        return (
            false,
            format!("the answer's scope-tag scenario has no object `{object}`"),
        );
    };
    let tagged: Vec<TaggedAssignment<'_>> = assignments
        .iter()
        .map(|a| TaggedAssignment {
            role: a.role,
            scope_tags: &a.scope_tags,
        })
        .collect();
    let v = decide(&env.roles, &tagged, obj, *mode);
    let state = match v.access {
        Access::Hidden => "hidden",
        Access::Unknown => "not documented either way (unknown)",
        Access::NotListable => "in scope, but cannot be listed or opened",
        Access::Actionable if v.conditional => {
            "visible, and actionable only on a condition (Scope (Groups))"
        }
        Access::Actionable => "visible and actionable",
        Access::Visible => "visible, not actionable",
    };
    // On a condition is neither actionable nor not: it passes `actionable: true`
    // only when the check allows it, and never `actionable: false`.
    let acts = |(want, allow_conditional): (bool, bool)| match (v.conditional, want) {
        (true, true) => allow_conditional,
        (true, false) => false,
        (false, want) => v.actionable == want,
    };
    let passed = v.visible == visible && (!visible || actionable.is_none_or(acts));
    let reasons = join(v.reasons.iter().map(|r| r.text()));
    (
        passed,
        format!("`{}` ({}) is {state}: {reasons}", obj.id, obj.kind.as_str()),
    )
}

/// Why the scenario's assignments are not the answer's (`None` when they are):
/// each Intune, Cloud PC or Entra role the answer assigns must be in the scenario,
/// and each role of the scenario must be assigned.
fn mismatch(answer: &Answer<'_>) -> Option<String> {
    let env = &answer.env;
    let (_, scenario, _) = answer.tags.as_ref()?;
    let mut real: Vec<RoleRef> = Vec::new();
    for a in &env.assignments {
        let tenant_wide = env
            .roles
            .get(a.role)
            .is_some_and(|r| r.plane() != Plane::Azure);
        if tenant_wide && !real.contains(&a.role) {
            real.push(a.role);
        }
    }
    let mut tagged: Vec<RoleRef> = Vec::new();
    for a in scenario {
        if !tagged.contains(&a.role) {
            tagged.push(a.role);
        }
    }
    let name = |r: &RoleRef| {
        env.roles
            .get(*r)
            .map_or_else(|| "?".to_string(), |x| format!("`{}`", x.name))
    };
    let names = |v: Vec<&RoleRef>| v.into_iter().map(name).collect::<Vec<_>>().join(", ");
    let untagged: Vec<&RoleRef> = real.iter().filter(|r| !tagged.contains(r)).collect();
    let unassigned: Vec<&RoleRef> = tagged.iter().filter(|r| !real.contains(r)).collect();
    let mut parts = Vec::new();
    if !untagged.is_empty() {
        parts.push(format!(
            "the answer assigns {} but its scope-tag scenario does not hold it",
            names(untagged)
        ));
    }
    if !unassigned.is_empty() {
        parts.push(format!(
            "the scope-tag scenario holds {} but the answer does not assign it",
            names(unassigned)
        ));
    }
    (!parts.is_empty()).then(|| {
        format!(
            "the scope-tag scenario is not the answer's: {}; visibility is decided for the roles the answer really assigns, so the scenario must give each of them its scope tags",
            parts.join("; ")
        )
    })
}

/// Why the answer's objects are not the exercise's (`None` when each object the
/// exercise gives is there, of its type, with its tags; a retyped object would be
/// judged by another row of the rules, review G H4): the objects and their tags are the
/// tenant the brief describes, and the student changes assignments, so tagging an
/// object instead (`anc-shared` tagged Paris) does not pass.
fn retagged(given: &[TaggedObject], answered: &[TaggedObject]) -> Option<String> {
    let mut changed = Vec::new();
    for g in given {
        match answered.iter().find(|a| a.id.eq_ignore_ascii_case(&g.id)) {
            None => changed.push(format!("`{}` is missing", g.id)),
            Some(a) if a.kind != g.kind => changed.push(format!(
                "`{}` is of type `{}` in the answer but `{}` in the exercise",
                g.id,
                a.kind.as_str(),
                g.kind.as_str()
            )),
            Some(a) => {
                let device_differs = match (&g.device_scope_tags, &a.device_scope_tags) {
                    (Some(x), Some(y)) => !same_tags(x, y),
                    _ => false,
                };
                if !same_tags(&g.scope_tags, &a.scope_tags) || device_differs {
                    changed.push(format!(
                        "`{}` is tagged {} in the answer but {} in the exercise",
                        g.id,
                        shown(&a.scope_tags),
                        shown(&g.scope_tags)
                    ));
                }
            }
        }
    }
    (!changed.is_empty()).then(|| {
        format!(
            "the scope-tag scenario's objects are not the exercise's: {}; the objects and their tags are given, so change the role assignments and their scope tags instead",
            changed.join("; ")
        )
    })
}

fn shown(tags: &[String]) -> String {
    if tags.is_empty() {
        "with no tag (Default)".into()
    } else {
        tag_list(tags)
    }
}
