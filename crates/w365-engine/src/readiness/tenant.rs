//! Requirements on the tenant-wide planes: one Cloud PC or Intune permission, or
//! every permission of a Cloud PC or Intune built-in role (held through any mix of
//! Cloud PC, Intune and Entra assignments: "a custom role with similar permissions").

use super::{Fix, Missing, Outcome, Status};
use crate::bitset::BitSet;
use crate::evaluate::{Decision, Environment, Holding, Index, Query, Reason, ReasonKind};
use crate::expand::Expansion;
use crate::model::Plane;
use crate::windows365::Cite;

fn plane_set(e: &Expansion, plane: Plane) -> &BitSet {
    match plane {
        Plane::Intune => &e.intune,
        _ => &e.cloud_pc,
    }
}

impl Environment<'_> {
    /// One Cloud PC or Intune permission (catalog name), with the assignments
    /// grouped once for all the operation's requirements (`ix`).
    pub(super) fn permission_leaf(
        &self,
        ix: &Index,
        plane: Plane,
        name: &str,
        cite: &Cite,
    ) -> Outcome {
        let e = self.evaluate_with(
            ix,
            &Query {
                action: name.to_string(),
                data_action: Some(false),
                scope: None,
                plane: Some(plane),
            },
        );
        let mut out = Outcome::new(Status::from(e.decision));
        out.reasons = e
            .reasons
            .into_iter()
            .filter(|r| {
                matches!(
                    r.kind,
                    ReasonKind::Granted | ReasonKind::Conditional | ReasonKind::Excluded
                )
            })
            .map(|mut r| {
                r.message = format!("{name}: {}", r.message);
                r
            })
            .collect();
        if e.decision != Decision::Allow {
            let cat = self.catalog();
            let index = match plane {
                Plane::Intune => cat.intune.permission(name).map(|(i, _)| i),
                _ => cat.windows365.permission(name).map(|(i, _)| i),
            };
            let hint = match index {
                Some(i) => crate::observed::builtin_hint(cat, plane, i),
                None => "it is not in the catalog".into(),
            };
            let (label, role) = match plane {
                Plane::Intune => ("Intune", "an Intune custom role"),
                _ => ("Cloud PC", "a Cloud PC custom role"),
            };
            out.missing.push(Missing {
                plane,
                requirement: format!("the {label} permission {name}"),
                scope: None,
                source: cite.source.clone(),
                says: cite.says.clone(),
                summary: cite.summary,
                fix: Some(Fix {
                    kind: "permission".into(),
                    name: name.to_string(),
                    scope: None,
                    message: format!("add `{name}` to {role} ({hint})"),
                }),
            });
            if plane == Plane::CloudPc {
                self.modelled_but_not_observed(name, cite, &mut out);
            }
        }
        out
    }

    /// A Cloud PC permission an assigned built-in role lacks as Graph returns it,
    /// though the earlier model (seed 001's description of the role) gave it: the
    /// two disagree, and the observed definition is what is evaluated (review F2 L4).
    fn modelled_but_not_observed(&self, name: &str, cite: &Cite, out: &mut Outcome) {
        let cat = self.catalog();
        let Some((_, p)) = cat.windows365.permission(name) else {
            return;
        };
        let observed = &cat.windows365.observed;
        let mut seen: Vec<&str> = Vec::new();
        for (_, a, r) in self.assignments_on(Plane::CloudPc) {
            if r.kind != crate::model::RoleKind::CloudPcBuiltIn
                || self.holding(a) == Holding::Other
                || seen.contains(&r.name.as_str())
            {
                continue;
            }
            let Some(e) = observed.evidence.iter().find(|e| {
                e.role == r.name && e.modelled.iter().any(|m| m.eq_ignore_ascii_case(&p.graph))
            }) else {
                continue;
            };
            seen.push(&r.name);
            let graph_says = format!(
                "{} as Microsoft Graph returns it (captured until {}) does not hold {}.",
                r.name, observed.captured_until, p.graph
            );
            out.reasons.push(Reason::note(
                ReasonKind::NoGrant,
                format!(
                    "{name}: sources disagree on whether `{}` holds it: the earlier model (seed 001) gave it to `{}`, but the role as Graph returns it (captured until {}) does not hold it; the observed definition is the one evaluated",
                    r.name, r.name, observed.captured_until
                ),
            ));
            out.conflicts.push(super::ConflictVerdict {
                topic: format!("whether {} holds {name}", r.name),
                agree: false,
                positions: vec![
                    super::PositionVerdict {
                        source: cite.source.clone(),
                        says: e.derivation.clone(),
                        summary: true,
                        status: Status::Allowed,
                        missing: Vec::new(),
                    },
                    super::PositionVerdict {
                        source: "ref-observed-roles".into(),
                        says: graph_says,
                        summary: true,
                        status: Status::Denied,
                        missing: vec![format!("the Cloud PC permission {name}")],
                    },
                ],
            });
        }
    }

    /// Every permission of a Cloud PC or Intune built-in role.
    pub(super) fn role_leaf(&self, plane: Plane, name: &str, cite: &Cite) -> Outcome {
        let cat = self.catalog();
        let Some((idx, role)) = cat.role(name) else {
            return Outcome::new(Status::Denied);
        };
        let Some(target) = cat
            .builtin_expansions()
            .get(idx)
            .map(|e| plane_set(e, plane))
        else {
            return Outcome::new(Status::Denied);
        };
        let mut held = BitSet::new(target.capacity());
        // Held through assignments that may not be who asks' (a group's, ...).
        let mut maybe = BitSet::new(target.capacity());
        let mut who = Vec::new();
        for p in [plane, Plane::Entra] {
            for (_, a, r) in self.assignments_on(p) {
                let holding = self.holding(a);
                if holding == Holding::Other {
                    continue;
                }
                if let Some(e) = self.roles.expansion(a.role) {
                    let set = plane_set(e, plane);
                    if holding == Holding::Unknown {
                        maybe.union_with(set);
                        continue;
                    }
                    if set.intersection_count(target) > 0 {
                        who.push(r.name.clone());
                    }
                    held.union_with(set);
                }
            }
        }
        let mut lacking = target.clone();
        lacking.subtract(&held);
        if !lacking.is_empty() && lacking.is_subset(&maybe) {
            let mut out = Outcome::new(Status::Conditional);
            out.reasons.push(Reason::note(
                ReasonKind::PrincipalUnknown,
                format!(
                    "every permission of {} is held if the assignments to groups or principals of unknown type (or named while who asks is not known) are the asking principal's, which is not known offline",
                    role.name
                ),
            ));
            return out;
        }
        if lacking.is_empty() {
            let mut out = Outcome::new(Status::Allowed);
            let message = match who.as_slice() {
                [one] if *one == role.name => format!("{one} is assigned"),
                [one] => format!("{one} holds every permission of {}", role.name),
                _ => format!(
                    "{} together hold every permission of {}",
                    who.join(", "),
                    role.name
                ),
            };
            out.reasons.push(Reason::note(ReasonKind::Granted, message));
            return out;
        }
        let names: Vec<&str> = lacking
            .iter()
            .filter_map(|i| match plane {
                Plane::Intune => cat.intune.permissions.get(i).map(|p| p.graph.as_str()),
                _ => cat.windows365.permissions.get(i).map(|p| p.name.as_str()),
            })
            .take(5)
            .collect();
        let label = plane.label();
        let mut out = Outcome::new(Status::Denied);
        out.missing.push(Missing {
            plane,
            requirement: format!(
                "the permissions of the {label} role {} ({} missing, e.g. {})",
                role.name,
                lacking.count(),
                names.join(", ")
            ),
            scope: None,
            source: cite.source.clone(),
            says: cite.says.clone(),
            summary: cite.summary,
            fix: Some(Fix {
                kind: if plane == Plane::Intune {
                    "intuneRole".into()
                } else {
                    "cloudPcRole".into()
                },
                name: role.name.clone(),
                scope: None,
                message: format!("assign the {label} role {}", role.name),
            }),
        });
        out
    }
}
