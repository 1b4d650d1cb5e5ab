//! Property test of the tenant review's deny assignments against a naive model:
//! for random deny assignments (actions, `notActions`, scope, this scope only,
//! principals, exclusions, block conditions), each principal's counts at each of
//! its scopes are what evaluating each action one by one at that scope, with the
//! principal as who asks, answers ([`Environment::evaluate`]: allow, conditional
//! or deny).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use proptest::prelude::*;
use w365_engine::evaluate::{Decision, Environment, Query, Subject};
use w365_engine::model::Plane;
use w365_engine::roleset::RoleSet;
use w365_engine::{catalog, tenant, Scope};

/// The custom role's actions: each one catalog operation.
const ACTIONS: [&str; 6] = [
    "Microsoft.Compute/virtualMachines/read",
    "Microsoft.Compute/virtualMachines/write",
    "Microsoft.Compute/virtualMachines/delete",
    "Microsoft.Compute/virtualMachines/start/action",
    "Microsoft.Network/virtualNetworks/read",
    "Microsoft.Storage/storageAccounts/listkeys/action",
];

const S1: &str = "/subscriptions/s1";
const RG: &str = "/subscriptions/s1/resourceGroups/rg";
const S2: &str = "/subscriptions/s2";
const MG: &str = "/providers/Microsoft.Management/managementGroups/mg";

const ROLE: &str = r#"[{"roleName":"Ops","name":"aaaaaaaa-1111-4222-8333-444444444444","roleType":"CustomRole","type":"Microsoft.Authorization/roleDefinitions","permissions":[{"actions":["Microsoft.Compute/virtualMachines/read","Microsoft.Compute/virtualMachines/write","Microsoft.Compute/virtualMachines/delete","Microsoft.Compute/virtualMachines/start/action","Microsoft.Network/virtualNetworks/read","Microsoft.Storage/storageAccounts/listkeys/action"],"notActions":[],"dataActions":[],"notDataActions":[]}],"assignableScopes":["/subscriptions/s1","/subscriptions/s2"]}]"#;

/// (principal id, scope) of each assignment of `Ops`.
const HELD: [(&str, &str); 3] = [("p1", S1), ("p1", S2), ("p2", RG)];

#[derive(Debug, Clone)]
struct Deny {
    actions: Vec<&'static str>,
    not_read: bool,
    scope: &'static str,
    this_only: bool,
    principal: (&'static str, &'static str),
    exclude: Option<(&'static str, &'static str)>,
    condition: Option<&'static str>,
}

impl Deny {
    fn json(&self, k: usize) -> String {
        let quoted = |v: &[&str]| {
            v.iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(",")
        };
        let not = if self.not_read {
            vec!["*/read"]
        } else {
            Vec::new()
        };
        let condition = self
            .condition
            .map(|c| format!(r#","condition":"{c}","conditionVersion":"2.0""#))
            .unwrap_or_default();
        let exclude = self
            .exclude
            .map(|(id, t)| format!(r#"{{"id":"{id}","type":"{t}"}}"#))
            .unwrap_or_default();
        format!(
            r#"{{"name":"d{k}","type":"Microsoft.Authorization/denyAssignments","properties":{{"denyAssignmentName":"d{k}","scope":"{}","permissions":[{{"actions":[{}],"notActions":[{}]{condition}}}],"principals":[{{"id":"{}","type":"{}"}}],"excludePrincipals":[{exclude}],"doNotApplyToChildScopes":{}}}}}"#,
            self.scope,
            quoted(&self.actions),
            quoted(&not),
            self.principal.0,
            self.principal.1,
            self.this_only
        )
    }
}

fn deny() -> impl Strategy<Value = Deny> {
    (
        proptest::sample::subsequence(
            vec![
                ACTIONS[0],
                ACTIONS[1],
                ACTIONS[2],
                ACTIONS[3],
                ACTIONS[4],
                ACTIONS[5],
                "Microsoft.Compute/*",
                "*/delete",
            ],
            1..4,
        ),
        any::<bool>(),
        prop_oneof![Just(S1), Just(RG), Just(S2), Just(MG)],
        any::<bool>(),
        prop_oneof![
            Just(("00000000-0000-0000-0000-000000000000", "SystemDefined")),
            Just(("p1", "User")),
            Just(("p2", "User")),
            Just(("g1", "Group")),
        ],
        prop_oneof![
            Just(None),
            Just(Some(("p1", "User"))),
            Just(Some(("g2", "Group"))),
        ],
        prop_oneof![
            Just(None),
            // Undecidable offline: about the resource.
            Just(Some(
                "(@Resource[Microsoft.Compute/virtualMachines:name] StringEquals 'vm1')"
            )),
            // Decided: false for delete, true for the rest.
            Just(Some(
                "(!(ActionMatches{'Microsoft.Compute/virtualMachines/delete'}))"
            )),
        ],
    )
        .prop_map(
            |(actions, not_read, scope, this_only, principal, exclude, condition)| Deny {
                actions,
                not_read,
                scope,
                this_only,
                principal,
                exclude,
                condition,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn review_counts_are_what_evaluation_answers_per_action(denies in proptest::collection::vec(deny(), 0..4)) {
        let cat = catalog().unwrap();
        let az = HELD
            .iter()
            .map(|(p, s)| format!(r#"{{"principalName":"{p}@x.com","principalId":"{p}","principalType":"User","roleDefinitionName":"Ops","scope":"{s}"}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let az = format!("[{az}]");
        let denies_json = format!(
            r#"{{"value":[{}]}}"#,
            denies.iter().enumerate().map(|(k, d)| d.json(k)).collect::<Vec<_>>().join(",")
        );
        let loaded = tenant::load(cat, &[("roles.json", ROLE), ("az.json", &az), ("denies.json", &denies_json)]).unwrap();
        let review = tenant::review(cat, &loaded);
        for p in &review.principals {
            let id = p.principal.id.clone().unwrap();
            // The naive model: the principal's assignments, the denies, who asks;
            // each action asked at each scope.
            let mut env = Environment::new(RoleSet::new(cat, loaded.roles.iter().map(|r| r.role.clone()).collect()));
            for (_, s) in HELD.iter().filter(|(q, _)| *q == id) {
                env.assign("Ops", Some(s), None).unwrap();
            }
            env.denies.clone_from(&loaded.denies);
            env.subject = Subject::One { id: Some(id.clone()), name: None };
            for s in &p.azure {
                let (mut allowed, mut conditional, mut denied) = (0, 0, 0);
                for a in ACTIONS {
                    let e = env.evaluate(&Query {
                        action: a.into(),
                        data_action: Some(false),
                        scope: Some(Scope::parse(&s.scope).unwrap()),
                        plane: Some(Plane::Azure),
                    });
                    match e.decision {
                        Decision::Allow => allowed += 1,
                        Decision::Conditional => conditional += 1,
                        Decision::Deny => denied += 1,
                    }
                }
                prop_assert_eq!(
                    (s.actions, s.conditional_actions, s.conditional_data_actions, s.denied),
                    (allowed, conditional, 0, denied),
                    "{} at {}: {:?}", id, s.scope, s.denies
                );
                // Each deny listed took something, and what they took adds up.
                prop_assert!(s.denies.iter().all(|d| d.removed + d.conditional > 0));
                prop_assert!(s.denies.iter().map(|d| d.removed).max().unwrap_or(0) <= s.denied);
            }
            prop_assert_eq!(p.denies.is_empty(), p.azure.iter().all(|s| s.denies.is_empty()));
        }
        let affected = review.principals.iter().filter(|p| !p.denies.is_empty()).count();
        prop_assert_eq!(review.summary.principals_affected_by_denies, affected);
    }
}
