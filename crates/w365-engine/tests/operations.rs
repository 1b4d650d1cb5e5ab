//! Windows 365 operations for sets of assignments: statuses, what is missing with
//! its least-privileged fix, source conflicts, and what the service receives.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use w365_engine::readiness::{OperationResult, Status};
use w365_engine::{catalog, request};

fn run(req: &str) -> Vec<OperationResult> {
    let cat = catalog().unwrap();
    let r = request::parse(cat, req).unwrap();
    r.env.operations(&r.context)
}

fn op<'a>(all: &'a [OperationResult], id: &str) -> &'a OperationResult {
    all.iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("{id}"))
}

const FIVE: &str = r#""Microsoft.CloudPC/ProvisioningPolicies/Read","Microsoft.CloudPC/ProvisioningPolicies/Create","Microsoft.CloudPC/OnPremisesConnections/Read","Microsoft.CloudPC/SupportedRegion/Read","Microsoft.CloudPC/DeviceImages/Read""#;

#[test]
fn the_five_permissions_allow_a_provisioning_policy_and_four_do_not() {
    let all = run(&format!(
        r#"{{"roles":[{{"displayName":"PP","rolePermissions":[{{"allowedResourceActions":[{FIVE}]}}]}}],"assignments":[{{"role":"PP"}}]}}"#
    ));
    assert_eq!(
        op(&all, "create-provisioning-policy").status,
        Status::Allowed
    );
    let four = FIVE.replace(r#","Microsoft.CloudPC/DeviceImages/Read""#, "");
    let all = run(&format!(
        r#"{{"roles":[{{"displayName":"PP","rolePermissions":[{{"allowedResourceActions":[{four}]}}]}}],"assignments":[{{"role":"PP"}}]}}"#
    ));
    let o = op(&all, "create-provisioning-policy");
    assert_eq!(o.status, Status::Denied);
    assert_eq!(o.missing.len(), 1);
    let fix = o.missing[0].fix.as_ref().unwrap();
    assert_eq!(
        (fix.kind.as_str(), fix.name.as_str()),
        ("permission", "Device Images/Read")
    );
    assert_eq!(o.missing[0].source, "seed-001");
    assert_eq!(
        op(&all, "permission:Provisioning Policies/Create").status,
        Status::Allowed
    );
    assert_eq!(
        op(&all, "permission:CloudPCs/Reboot").status,
        Status::Denied
    );
}

#[test]
fn owner_and_windows_365_admin_create_an_anc_and_windows_365_assigns_its_roles() {
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Owner","scope":"/subscriptions/s1"}],
        "context":{"resourceGroup":"/subscriptions/s1/resourceGroups/anc","virtualNetwork":"/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v"}}"#,
    );
    let o = op(&all, "create-azure-network-connection");
    assert_eq!(o.status, Status::Allowed, "{:#?}", o.missing);
    let s = o.service.as_ref().unwrap();
    assert_eq!(s.assignment, "automatic");
    let got: Vec<(&str, &str)> = s
        .receives
        .iter()
        .map(|r| (r.role.as_str(), r.scope.as_str()))
        .collect();
    assert_eq!(got, [
        ("Reader", "/subscriptions/s1"),
        ("Windows 365 Network Interface Contributor", "/subscriptions/s1/resourceGroups/anc"),
        ("Windows 365 Network User", "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v"),
    ]);
    let before: Vec<&str> = s.before_cutoff.iter().map(|r| r.role.as_str()).collect();
    assert_eq!(
        before,
        ["Reader", "Network Contributor", "Network Contributor"]
    );
    assert_eq!(s.cutoff.as_deref(), Some("2023-11-26"));
    // Network Contributor is far broader than what replaced it.
    assert!(s.before_cutoff[1].operations > 50 * s.receives[1].operations);
}

#[test]
fn subscription_reader_alone_shows_the_source_conflict() {
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Reader","scope":"/subscriptions/s1"}]}"#,
    );
    let new = op(&all, "create-azure-network-connection");
    assert_eq!(new.status, Status::Denied);
    let fix = new.missing[0].fix.as_ref().unwrap();
    assert_eq!(
        fix.name, "User Access Administrator",
        "the least-privileged of Owner and UAA"
    );
    let used = op(&all, "create-azure-network-connection-existing-network");
    assert_eq!(used.status, Status::Conditional);
    let c = &used.conflicts[0];
    assert!(!c.agree);
    let verdicts = verdicts(c);
    assert_eq!(
        verdicts,
        [("seed-002", Status::Allowed), ("seed-001", Status::Denied)]
    );
    assert_eq!(used.service.as_ref().unwrap().assignment, "manual");
    for id in [
        "edit-azure-network-connection",
        "delete-azure-network-connection",
        "run-azure-network-connection-health-checks",
    ] {
        assert_eq!(op(&all, id).status, Status::Conditional, "{id}");
    }
}

#[test]
fn a_custom_image_from_a_subscription_with_an_anc_shows_the_owner_conflict() {
    // Seed 000: "no new permissions are needed" with an ANC, and an Owner sentence
    // after its no-ANC paragraph; add-device-images.md names no requirement.
    let w365 = run(r#"{"assignments":[{"role":"Windows 365 Administrator"}]}"#);
    let o = op(&w365, "add-custom-image");
    assert_eq!(o.status, Status::Conditional);
    let c = &o.conflicts[0];
    assert!(!c.agree);
    let verdicts = verdicts(c);
    assert_eq!(
        verdicts,
        [
            ("seed-000", Status::Denied),
            ("ref-add-device-images", Status::Allowed)
        ]
    );
    // Seed 000's position is its words; the page that names no requirement is
    // stated in the app's words, marked as a summary, never as a quotation.
    assert!(!c.positions[0].summary);
    assert!(c.positions[1].summary);
    assert!(c.positions[1]
        .says
        .starts_with("The add-device-images page"));
    let text = w365_engine::explain::operation(catalog().unwrap(), o);
    assert!(
        text.contains("in summary, The add-device-images page"),
        "{text}"
    );
    assert!(!text.contains("\"The add-device-images page"), "{text}");
    // Both positions met with Owner; neither without the Cloud PC permission.
    let owner = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Owner","scope":"/subscriptions/s1"}]}"#,
    );
    assert_eq!(op(&owner, "add-custom-image").status, Status::Allowed);
    let none = run(r#"{"assignments":[{"role":"Owner","scope":"/subscriptions/s1"}]}"#);
    assert_eq!(op(&none, "add-custom-image").status, Status::Denied);
    // Without an ANC the Owner sentence follows its own paragraph: still required.
    assert_eq!(
        op(&w365, "add-custom-image-without-anc").status,
        Status::Denied
    );
}

#[test]
fn a_custom_cloud_pc_role_with_user_access_administrator_creates_an_anc() {
    let all = run(
        r#"{"roles":[{"displayName":"ANC","rolePermissions":[{"allowedResourceActions":["Microsoft.CloudPC/OnPremisesConnections/Create"]}]}],
        "assignments":[{"role":"ANC"},{"role":"User Access Administrator","scope":"/subscriptions/s1"}]}"#,
    );
    let o = op(&all, "create-azure-network-connection");
    assert_eq!(o.status, Status::Allowed, "{:#?}", o.missing);
    assert_eq!(o.service.as_ref().unwrap().assignment, "automatic");
    // Contributor is not enough: it lacks role-assignment writes.
    let all = run(
        r#"{"assignments":[{"role":"Intune Administrator"},{"role":"Contributor","scope":"/subscriptions/s1"}]}"#,
    );
    assert_eq!(
        op(&all, "create-azure-network-connection").status,
        Status::Denied
    );
}

#[test]
fn scope_tags_need_a_read_role() {
    for role in [
        "Global Reader",
        "Cloud PC Reader",
        "Cloud PC Administrator",
        "Intune read only",
    ] {
        let all = run(&format!(r#"{{"assignments":[{{"role":"{role}"}}]}}"#));
        assert_eq!(
            op(&all, "view-objects-under-scope-tags").status,
            Status::Allowed,
            "{role}"
        );
    }
    let all = run(r#"{"assignments":[{"role":"Reader","scope":"/subscriptions/s1"}]}"#);
    assert_eq!(
        op(&all, "view-objects-under-scope-tags").status,
        Status::Denied
    );
}

#[test]
fn a_management_group_owner_without_membership_is_conditional() {
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Owner","scope":"/providers/Microsoft.Management/managementGroups/corp"}],
        "context":{"subscription":"/subscriptions/s1"}}"#,
    );
    assert_eq!(
        op(&all, "create-azure-network-connection").status,
        Status::Conditional
    );
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Owner","scope":"/providers/Microsoft.Management/managementGroups/corp"}],
        "managementGroups":{"corp":["/subscriptions/s1"]},"context":{"subscription":"/subscriptions/s1"}}"#,
    );
    assert_eq!(
        op(&all, "create-azure-network-connection").status,
        Status::Allowed
    );
}

#[test]
fn every_operation_gets_an_answer_and_nothing_allows_nothing() {
    let cat = catalog().unwrap();
    let all = run("{}");
    assert_eq!(all.len(), cat.windows365.operations.len());
    assert!(all.len() >= 106 + 20);
    for o in &all {
        assert_eq!(o.status, Status::Denied, "{} with no assignments", o.id);
        assert!(!o.missing.is_empty(), "{} has nothing missing", o.id);
        assert!(o.missing.iter().all(|m| m.fix.is_some()), "{}", o.id);
    }
}

#[test]
fn a_role_with_its_expansion_given_enables_what_it_enables_alone() {
    use w365_engine::readiness::{alone, alone_expanded};
    let cat = catalog().unwrap();
    let mut checked = 0;
    for (role, ex) in cat.roles.iter().zip(cat.builtin_expansions()).step_by(7) {
        assert_eq!(
            alone_expanded(cat, role, ex),
            alone(cat, role),
            "{}",
            role.name
        );
        checked += 1;
    }
    assert!(checked > 50, "{checked}");
    // The given expansion is the one kept (not expanded again).
    let at = |name: &str| cat.roles.iter().position(|r| r.name == name).unwrap();
    let (owner, reader) = (at("Owner"), at("Reader"));
    let set = w365_engine::roleset::RoleSet::new(cat, vec![cat.roles[owner].clone()]);
    let given = cat.builtin_expansions()[reader].clone();
    set.give_expansion(0, given.clone());
    assert_eq!(
        set.expansion(w365_engine::roleset::RoleRef::Custom(0)),
        Some(&given)
    );
}

#[test]
fn resizing_needs_the_intune_half_as_the_resize_remote_action_does() {
    // "Intune Reader + Cloud PC Admin roles" (resize-cloud-pc.md): the Cloud PC
    // role alone holds CloudPCs/Resize but reads no managed device.
    let alone = run(r#"{"assignments":[{"role":"Cloud PC Administrator"}]}"#);
    let o = op(&alone, "resize-cloud-pc");
    assert_eq!(o.status, Status::Denied);
    assert_eq!(o.missing.len(), 1, "{:?}", o.missing);
    assert_eq!(
        o.missing[0].fix.as_ref().unwrap().name,
        "ManagedDevices/Read"
    );
    let w365 = run(r#"{"assignments":[{"role":"Windows 365 Administrator"}]}"#);
    assert_eq!(op(&w365, "resize-cloud-pc").status, Status::Denied);
    let both =
        run(r#"{"assignments":[{"role":"Cloud PC Administrator"},{"role":"Read Only Operator"}]}"#);
    assert_eq!(op(&both, "resize-cloud-pc").status, Status::Allowed);
    let intune_admin = run(r#"{"assignments":[{"role":"Intune Administrator"}]}"#);
    assert_eq!(op(&intune_admin, "resize-cloud-pc").status, Status::Allowed);
}

#[test]
fn global_reader_as_the_intune_reader_half_is_a_conflict_of_the_sources() {
    // Intune's RBAC overview gives Global Reader "Read Only" on all Intune data;
    // its definition as Graph returns it names no Intune permission (review F2 M2).
    let set =
        run(r#"{"assignments":[{"role":"Cloud PC Administrator"},{"role":"Global Reader"}]}"#);
    let o = op(&set, "resize-cloud-pc");
    assert_eq!(o.status, Status::Conditional);
    let c = o
        .conflicts
        .iter()
        .find(|c| c.topic == "whether Global Reader is the Intune Reader part")
        .unwrap();
    assert!(!c.agree);
    assert_eq!(
        verdicts(c),
        [
            ("ref-scope-tags", Status::Allowed),
            ("ref-observed-roles", Status::Denied)
        ]
    );
    assert_eq!(o.missing.len(), 1, "{:?}", o.missing);
    assert!(o.missing[0]
        .requirement
        .starts_with("the Intune permission ManagedDevices/Read (according to"));
    // Global Reader alone holds no CloudPCs/Resize: no source lets it resize.
    let reader = run(r#"{"assignments":[{"role":"Global Reader"}]}"#);
    assert_eq!(op(&reader, "resize-cloud-pc").status, Status::Denied);
}

#[test]
fn a_permission_the_model_gave_a_builtin_role_but_graph_does_not_shows_the_disagreement() {
    // Review F2 L4: the earlier model (seed 001: Cloud PC Administrator "Manages all
    // aspects of Cloud PCs") gave it every table permission; Graph's definition
    // lacks CloudApps/Create. The observed one decides; the disagreement is shown.
    let set = run(r#"{"assignments":[{"role":"Cloud PC Administrator"}]}"#);
    let o = op(&set, "permission:CloudApps/Create");
    assert_eq!(o.status, Status::Denied);
    let c = o
        .conflicts
        .iter()
        .find(|c| c.topic == "whether Cloud PC Administrator holds CloudApps/Create")
        .unwrap();
    assert!(!c.agree);
    assert_eq!(
        verdicts(c),
        [
            ("seed-001", Status::Allowed),
            ("ref-observed-roles", Status::Denied)
        ]
    );
    assert!(o
        .reasons
        .iter()
        .any(|r| r.message.contains("sources disagree")));
    // Held as Graph returns it: nothing to disagree on.
    assert!(op(&set, "permission:CloudPCs/Reboot").conflicts.is_empty());
    // Nobody holding the role: no disagreement about it either.
    let none = run(r#"{"assignments":[]}"#);
    assert!(op(&none, "permission:CloudApps/Create")
        .conflicts
        .is_empty());
}

#[test]
fn the_alternatives_sentence_keeps_an_alternatives_parts_together() {
    // Holding nothing: the second alternative needs CloudPCs/Resize *and*
    // ManagedDevices/Read; the sentence must not offer either alone.
    let none = run(r#"{"assignments":[]}"#);
    let o = op(&none, "resize-cloud-pc");
    let note = o
        .reasons
        .iter()
        .find(|r| {
            r.message.starts_with("none of the alternatives")
                && r.message.contains("Global Administrator")
        })
        .unwrap();
    assert!(
        note.message.ends_with(
            "; or (the Cloud PC permission CloudPCs/Resize and the Intune permission ManagedDevices/Read)"
        ),
        "{}",
        note.message
    );
    assert!(!note.message.contains("; or the Intune permission"));
}

/// Review i2 F8: Owner meets two alternatives of a custom image without an ANC;
/// its reason is given once, not once per alternative.
#[test]
fn a_reason_met_by_two_alternatives_is_given_once() {
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"Owner","scope":"/subscriptions/11111111-1111-1111-1111-111111111111"}]}"#,
    );
    let o = op(&all, "add-custom-image-without-anc");
    assert_eq!(o.status, Status::Allowed);
    let owner = "`Owner` is assigned at `/subscriptions/11111111-1111-1111-1111-111111111111`, which covers the subscription";
    assert_eq!(
        o.reasons.iter().filter(|r| r.message == owner).count(),
        1,
        "{:#?}",
        o.reasons
    );
    for (i, a) in o.reasons.iter().enumerate() {
        assert!(!o.reasons[..i].contains(a), "repeated: {}", a.message);
    }
}

/// A conflict's positions as (source, status).
fn verdicts(c: &w365_engine::readiness::ConflictVerdict) -> Vec<(&str, Status)> {
    c.positions
        .iter()
        .map(|p| (p.source.as_str(), p.status))
        .collect()
}

#[test]
fn seeing_scoped_objects_needs_reading_them_not_only_the_roles() {
    // Review E M3: Roles/Read shows the tags, not the objects in them, so Intune
    // Role Administrator (Roles/Read, no device read) does not enable it.
    let cat = catalog().unwrap();
    let o = cat
        .windows365
        .operations
        .iter()
        .find(|o| o.id == "view-objects-under-scope-tags")
        .unwrap();
    let roles: Vec<String> = w365_engine::readiness::enablers(cat, o)
        .into_iter()
        .map(|e| e.role)
        .collect();
    assert!(
        !roles.iter().any(|r| r == "Intune Role Administrator"),
        "{roles:?}"
    );
    assert_eq!(
        roles.first().map(String::as_str),
        Some("Cloud PC Reader"),
        "{roles:?}"
    );
    assert!(roles.iter().any(|r| r == "Read Only Operator"), "{roles:?}");
    // A custom Cloud PC role with Roles/Read alone does not; with CloudPCs/Read it does.
    let status = |perms: &str| {
        let all = run(&format!(
            r#"{{"roles":[{{"displayName":"C","rolePermissions":[{{"allowedResourceActions":[{perms}]}}]}}],"assignments":[{{"role":"C"}}]}}"#
        ));
        op(&all, "view-objects-under-scope-tags").status
    };
    assert_eq!(status(r#""Microsoft.CloudPC/Roles/Read""#), Status::Denied);
    assert_eq!(
        status(r#""Microsoft.CloudPC/Roles/Read","Microsoft.CloudPC/CloudPCs/Read""#),
        Status::Allowed
    );
}

/// The "Least-privileged fix" is the narrowest alternative: Cloud PC Reader (31
/// permissions) before Read Only Operator (53), and a Cloud PC permission with an
/// Intune read before a privileged Entra role (review I2 F3).
#[test]
fn the_fix_is_the_narrowest_alternative() {
    let all = run("{}");
    let fix = |id: &str| -> Vec<(String, String)> {
        op(&all, id)
            .missing
            .iter()
            .filter_map(|m| m.fix.as_ref())
            .map(|f| (f.kind.clone(), f.name.clone()))
            .collect()
    };
    assert_eq!(
        fix("view-objects-under-scope-tags"),
        [("cloudPcRole".to_string(), "Cloud PC Reader".to_string())]
    );
    assert_eq!(
        fix("resize-cloud-pc"),
        [
            ("permission".to_string(), "CloudPCs/Resize".to_string()),
            ("permission".to_string(), "ManagedDevices/Read".to_string())
        ]
    );
}

/// Sources that ask for Owner, and for Owner or User Access Administrator, need
/// Owner: it is named once, and the alternatives are not written as "Owner and
/// User Access Administrator" (review I2 F7).
#[test]
fn a_role_another_missing_role_covers_is_not_asked_for_too() {
    let all = run(r#"{"assignments":[{"role":"Windows 365 Administrator"}]}"#);
    let o = op(&all, "add-custom-image-without-anc");
    assert_eq!(o.status, Status::Denied);
    let names: Vec<&str> = o
        .missing
        .iter()
        .filter_map(|m| m.fix.as_ref())
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["Owner"]);
    let notes: Vec<&str> = o.reasons.iter().map(|r| r.message.as_str()).collect();
    assert!(
        !notes.iter().any(|n| n.contains(" and the permissions of")),
        "{notes:?}"
    );
    // User Access Administrator alone is one reading of "admin of the subscription":
    // conditional, the two readings of seed 000 told apart by their words.
    let all = run(
        r#"{"assignments":[{"role":"Windows 365 Administrator"},{"role":"User Access Administrator","scope":"/subscriptions/11111111-1111-1111-1111-111111111111"}]}"#,
    );
    let o = op(&all, "add-custom-image-without-anc");
    assert_eq!(o.status, Status::Conditional);
    let disagree = o
        .reasons
        .iter()
        .find(|r| r.message.starts_with("sources disagree"))
        .unwrap();
    assert!(
        disagree
            .message
            .contains("(“When you upload a custom image"),
        "{}",
        disagree.message
    );
}

/// Microsoft's 2024 permission table names the permission that applies a
/// provisioning policy's configuration `Cloud PCs/ApplyCurrentProvisioningPolicy`
/// (Graph still returns it in Cloud PC Administrator); seed 001 names `Provisioning
/// Policies/Apply`. A role with the older name is conditional, with the
/// disagreement shown, not denied (review I2 F1).
#[test]
fn the_2024_name_of_apply_is_a_disagreement_not_a_denial() {
    let role = |action: &str| {
        format!(
            r#"{{"roles":[{{"displayName":"A","rolePermissions":[{{"allowedResourceActions":["{action}"]}}]}}],"assignments":[{{"role":"A"}}]}}"#
        )
    };
    let all = run(&role(
        "Microsoft.CloudPC/CloudPCs/ApplyCurrentProvisioningPolicy",
    ));
    let o = op(&all, "apply-provisioning-policy-configuration");
    assert_eq!(o.status, Status::Conditional);
    assert_eq!(o.conflicts.len(), 1);
    assert!(!o.conflicts[0].agree);
    let all = run(&role("Microsoft.CloudPC/ProvisioningPolicies/Apply"));
    let o = op(&all, "apply-provisioning-policy-configuration");
    assert_eq!(o.status, Status::Allowed);
    let all = run("{}");
    let o = op(&all, "apply-provisioning-policy-configuration");
    assert_eq!(o.status, Status::Denied);
    assert_eq!(o.missing.len(), 1, "{:?}", o.missing);
}

/// The two-person ANC setup (`anc-recipe`): the network admin assigns Windows 365's
/// roles to its first-party app beforehand, and the Intune admin holds Subscription
/// Reader. Seed 001 says that is enough; seed 002 asks Owner or User Access
/// Administrator for a network never used by an ANC before: conditional, both
/// sources shown; without the app's roles, denied (review I2 F2).
#[test]
fn the_two_person_anc_setup_is_a_disagreement() {
    let sub = "/subscriptions/11111111-1111-1111-1111-111111111111";
    let rg = format!("{sub}/resourceGroups/rg-cloudpc");
    let vnet = format!("{rg}/providers/Microsoft.Network/virtualNetworks/vnet-cloudpc");
    let app = |role: &str, scope: &str| {
        format!(
            r#"{{"role":"{role}","scope":"{scope}","principal":"0af06dc6-e4b5-4f28-818e-e78e62d137a5","principalType":"ServicePrincipal"}}"#
        )
    };
    let admin = r#"{"role":"Windows 365 Administrator","principal":"cccccccc-0000-0000-0000-000000000001","principalType":"User"}"#;
    let reader = format!(
        r#"{{"role":"Reader","scope":"{sub}","principal":"cccccccc-0000-0000-0000-000000000001","principalType":"User"}}"#
    );
    let context = format!(
        r#""context":{{"subscription":"{sub}","resourceGroup":"{rg}","virtualNetwork":"{vnet}"}}"#
    );
    let with = |app_rows: &[String]| {
        let mut rows = vec![admin.to_string(), reader.clone()];
        rows.extend(app_rows.iter().cloned());
        format!(
            r#"{{"principal":"cccccccc-0000-0000-0000-000000000001","assignments":[{}],{context}}}"#,
            rows.join(",")
        )
    };
    let all_three = [
        app("Reader", sub),
        app("Windows 365 Network Interface Contributor", &rg),
        app("Windows 365 Network User", &vnet),
    ];
    let all = run(&with(&all_three));
    for id in [
        "create-azure-network-connection",
        "create-azure-network-connection-hybrid",
    ] {
        let o = op(&all, id);
        assert_eq!(o.status, Status::Conditional, "{id}");
        let c = o
            .conflicts
            .iter()
            .find(|c| c.topic.contains("first-party app holds its roles"))
            .unwrap();
        assert_eq!(
            verdicts(c),
            [("seed-001", Status::Allowed), ("seed-002", Status::Denied)]
        );
    }
    // One of the three missing: denied, the missing role named.
    let all = run(&with(&all_three[..2]));
    let o = op(&all, "create-azure-network-connection");
    assert_eq!(o.status, Status::Denied);
    let c = o
        .conflicts
        .iter()
        .find(|c| c.topic.contains("first-party app holds its roles"));
    assert!(c.is_none_or(|c| c.positions[0]
        .missing
        .iter()
        .any(|m| m.contains("Windows 365 Network User"))));
}
