//! Whose a role assignment is, against who asks (azure-rbac-semantics.md §1: "for
//! each role assignment *of the principal* (incl. transitive groups)").
//!
//! An assignment that names no principal is the asker's: that is how most requests
//! are written (a design's assignments, an exercise, one principal's export). One
//! that names principals counts for who asks when one of them is who asks. When
//! every principal it names is known to be someone else (another object id, or
//! another name when who asks is known by name only) and each is an individual
//! (`User`, `ServicePrincipal`, `Device`: no one is a member of them), it does not
//! count at all. Anything else (a `Group`, a principal whose type is not given, a
//! name set against an object id, or who asks is not known because the assignments
//! name several principals) cannot be decided offline: a grant through it is at most
//! conditional, with the reason said, as for deny assignments ([`crate::deny`]).

use super::{Assignment, Environment};
use crate::deny::Subject;
use crate::tenant::assignment::Principal;

/// Whether an assignment counts for who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// It is who asks' (or names no principal).
    Asker,
    /// It is known to be someone else's: it does not count.
    Other,
    /// It may be who asks' (a group, a principal of unknown type, who asks not
    /// known): a grant through it is at most conditional.
    Unknown,
}

/// Principal types no one is a member of: an assignment to one of them that is
/// not who asks cannot reach who asks.
fn individual(p: &Principal) -> bool {
    crate::model::is_individual_kind(&p.kind)
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether `p` is who asks: `Some(true)` or `Some(false)` when it can be told
/// from the ids (or names, when who asks is known by name only), `None` when not.
fn is_subject(p: &Principal, subject: &Subject) -> Option<bool> {
    match subject {
        Subject::One { id: Some(id), .. } => p.id.as_deref().map(|x| same(x, id)),
        // Known by name (or by an id that is not a GUID, which an export may
        // also give as `principalId`): either of the principal's may be it.
        Subject::One { name: Some(n), .. } => {
            if [&p.name, &p.id].into_iter().flatten().any(|x| same(x, n)) {
                Some(true)
            } else {
                p.name.as_ref().map(|_| false)
            }
        }
        _ => None,
    }
}

/// A principal in a sentence: `` `id` (User bob@contoso.com) ``.
pub(crate) fn label(p: &Principal) -> String {
    let mut s = format!("`{}`", p.id.as_deref().or(p.name.as_deref()).unwrap_or("?"));
    let kind = (!p.kind.eq_ignore_ascii_case("Unknown")).then_some(p.kind.as_str());
    match (kind, p.id.as_ref().and(p.name.as_deref())) {
        (Some(k), Some(n)) => s.push_str(&format!(" ({k} {n})")),
        (Some(k), None) => s.push_str(&format!(" ({k})")),
        (None, Some(n)) => s.push_str(&format!(" ({n})")),
        (None, None) => {}
    }
    s
}

fn labels(list: &[Principal]) -> String {
    list.iter().map(label).collect::<Vec<_>>().join(", ")
}

impl Environment<'_> {
    /// Whether assignment `a` counts for who asks ([`Environment::subject`]).
    pub fn holding(&self, a: &Assignment) -> Holding {
        if a.principals.is_empty() {
            return Holding::Asker;
        }
        let mut all_others = true;
        for p in &a.principals {
            match is_subject(p, &self.subject) {
                Some(true) => return Holding::Asker,
                Some(false) if individual(p) => {}
                _ => all_others = false,
            }
        }
        if all_others {
            Holding::Other
        } else {
            Holding::Unknown
        }
    }

    /// Why assignment `a` is not who asks' ([`Holding::Other`]) or may not be
    /// ([`Holding::Unknown`]), as the end of a sentence that starts "it is
    /// assigned to".
    pub(crate) fn holding_why(&self, a: &Assignment) -> String {
        let who = self.subject.label();
        let to = labels(&a.principals);
        match self.holding(a) {
            Holding::Asker => format!("{to}, the principal asking"),
            Holding::Other => format!(
                "{to}, not to the principal asking ({who}): another principal's assignment does not count for it (the request's `principal` says who asks)"
            ),
            Holding::Unknown => {
                if let Some(why) = self.subject.unknown_why() {
                    return format!("{to}, and {why}");
                }
                let groups: Vec<Principal> = a
                    .principals
                    .iter()
                    .filter(|p| crate::model::is_group_kind(&p.kind))
                    .cloned()
                    .collect();
                let untyped: Vec<Principal> = a
                    .principals
                    .iter()
                    .filter(|p| !individual(p) && !groups.contains(p))
                    .cloned()
                    .collect();
                let unmatched: Vec<Principal> = a
                    .principals
                    .iter()
                    .filter(|p| individual(p) && is_subject(p, &self.subject).is_none())
                    .cloned()
                    .collect();
                let mut parts = Vec::new();
                if !groups.is_empty() {
                    parts.push(format!(
                        "whether {who} is a member of group {} is not known offline (group membership is not in the request)",
                        labels(&groups)
                    ));
                }
                if !untyped.is_empty() {
                    parts.push(format!(
                        "{} is of a type not given, so it may be a group {who} belongs to (give `principalType`: `User` or `ServicePrincipal` for someone else, `Group` for a group)",
                        labels(&untyped)
                    ));
                }
                if !unmatched.is_empty() {
                    parts.push(format!(
                        "{} cannot be compared with {who} (one is named by object id, the other by name)",
                        labels(&unmatched)
                    ));
                }
                format!("{to}, and {}", parts.join("; "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roleset::RoleSet;

    const ALICE: &str = "11111111-0000-0000-0000-000000000001";
    const BOB: &str = "22222222-0000-0000-0000-000000000002";

    fn p(id: &str, kind: &str) -> Principal {
        Principal {
            id: Some(id.into()),
            name: None,
            kind: kind.into(),
        }
    }

    #[test]
    fn whose_an_assignment_is() {
        let cat = crate::catalog().unwrap();
        let mut env = Environment::new(RoleSet::new(cat, Vec::new()));
        env.assign("Reader", Some("/subscriptions/s1"), None)
            .unwrap();
        let mut a = env.assignments[0].clone();
        // No principal named: the asker's, whoever asks.
        assert_eq!(env.holding(&a), Holding::Asker);
        env.subject = Subject::from_text(ALICE);
        assert_eq!(env.holding(&a), Holding::Asker);
        a.principals = vec![p(&ALICE.to_ascii_uppercase(), "Unknown")];
        assert_eq!(env.holding(&a), Holding::Asker);
        a.principals = vec![p(BOB, "User")];
        assert_eq!(env.holding(&a), Holding::Other);
        assert!(env.holding_why(&a).contains("not to the principal asking"));
        a.principals = vec![p(BOB, "ServicePrincipal"), p(ALICE, "User")];
        assert_eq!(env.holding(&a), Holding::Asker);
        a.principals = vec![p(BOB, "Group")];
        assert_eq!(env.holding(&a), Holding::Unknown);
        assert!(env.holding_why(&a).contains("is a member of group"));
        a.principals = vec![p(BOB, "Unknown")];
        assert_eq!(env.holding(&a), Holding::Unknown);
        assert!(env.holding_why(&a).contains("type not given"));
        // A name set against an object id cannot be compared.
        a.principals = vec![Principal {
            id: None,
            name: Some("bob@contoso.com".into()),
            kind: "User".into(),
        }];
        assert_eq!(env.holding(&a), Holding::Unknown);
        assert!(env.holding_why(&a).contains("cannot be compared"));
        // Who asks not known: at most conditional.
        env.subject = Subject::Several(vec![ALICE.into(), BOB.into()]);
        a.principals = vec![p(BOB, "User")];
        assert_eq!(env.holding(&a), Holding::Unknown);
        assert!(env.holding_why(&a).contains("name several principals"));
    }
}
