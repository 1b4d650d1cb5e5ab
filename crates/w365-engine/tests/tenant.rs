//! Tenant exports read from real-shaped samples (`tests/tenant/`, written from the
//! formats' documentation with every field the tools print): each file loads,
//! unknown fields are kept and reported, the same objects work as a request's
//! `assignments`, and the review and the report answer what the samples hold.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail loudly"
)]

use std::path::PathBuf;
use w365_engine::report::{self, render};
use w365_engine::tenant::{self, Source};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tenant")
}

fn samples() -> Vec<(String, String)> {
    files_in(&dir())
}

/// The JSON files of a folder, by name, with their text.
fn files_in(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn load(files: &[(String, String)]) -> tenant::Loaded {
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    tenant::load(w365_engine::catalog().unwrap(), &pairs).unwrap()
}

#[test]
fn every_sample_loads_and_reports_its_unused_fields() {
    let expect: &[(&str, usize, usize, Option<Source>, &str)] = &[
        (
            "az-role-assignment-list.json",
            4,
            0,
            Some(Source::AzCli),
            "`createdOn`",
        ),
        ("az-role-definition-list-custom.json", 0, 2, None, ""),
        (
            "get-azroleassignment.json",
            2,
            0,
            Some(Source::AzPowerShell),
            "`RoleAssignmentId`",
        ),
        (
            "graph-cloudpc-roleassignments.json",
            2,
            0,
            Some(Source::Graph),
            "`displayName`",
        ),
        (
            "graph-cloudpc-roledefinitions.json",
            0,
            1,
            None,
            "built-in role definition(s) skipped",
        ),
        (
            "graph-directory-roleassignments.json",
            2,
            0,
            Some(Source::Graph),
            "administrative unit",
        ),
        (
            "intune-roleassignments.json",
            1,
            0,
            Some(Source::Intune),
            "`scopeMembers`",
        ),
    ];
    let all = samples();
    assert_eq!(all.len(), expect.len(), "a sample without an expectation");
    for (name, assignments, roles, shape, note) in expect {
        let file = all.iter().find(|(n, _)| n == name).unwrap().clone();
        let loaded = load(&[file]);
        let f = &loaded.files[0];
        assert_eq!(f.assignments, *assignments, "{name}");
        assert_eq!(f.roles, *roles, "{name}");
        assert_eq!(f.shapes.first().copied(), *shape, "{name}");
        if !note.is_empty() {
            assert!(
                loaded.notes.iter().any(|n| n.contains(note)),
                "{name}: {:?}",
                loaded.notes
            );
        }
    }
}

#[test]
fn exported_assignments_are_accepted_in_a_request() {
    let all = samples();
    let text = |n: &str| all.iter().find(|(x, _)| x == n).unwrap().1.clone();
    let defs: serde_json::Value =
        serde_json::from_str(&text("az-role-definition-list-custom.json")).unwrap();
    let graph_defs: serde_json::Value =
        serde_json::from_str(&text("graph-cloudpc-roledefinitions.json")).unwrap();
    let mut roles = defs.as_array().unwrap().clone();
    roles.push(graph_defs["value"][1].clone());
    for (name, n) in [
        ("az-role-assignment-list.json", 4),
        ("get-azroleassignment.json", 2),
        ("graph-cloudpc-roleassignments.json", 2),
        ("graph-directory-roleassignments.json", 2),
        ("intune-roleassignments.json", 1),
    ] {
        let v: serde_json::Value = serde_json::from_str(&text(name)).unwrap();
        let list = v.get("value").cloned().unwrap_or(v);
        let req = serde_json::json!({"roles": roles, "assignments": list}).to_string();
        let parsed = w365_engine::request::parse(w365_engine::catalog().unwrap(), &req)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed.env.assignments.len(), n, "{name}");
        assert!(!parsed.notes.is_empty(), "{name}: unused keys are named");
    }
    // The request's own shape stays strict.
    let e = w365_engine::request::parse(
        w365_engine::catalog().unwrap(),
        r#"{"assignments": [{"role": "Reader", "scop": "/subscriptions/s1"}]}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("did you mean `scope`"), "{e}");
}

#[test]
fn unusable_exports_name_the_file_and_path() {
    let cat = w365_engine::catalog().unwrap();
    let e = tenant::load(
        cat,
        &[(
            "a.json",
            r#"[{"roleDefinitionName": "Reader", "principalId": "p", "scope": 5}]"#,
        )],
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("`a.json`: `$[0].scope`"), "{e}");
    assert!(e.to_string().contains("expected a string"), "{e}");
    let e = tenant::load(
        cat,
        &[(
            "b.json",
            r#"{"value": [{"roleDefinitionId": ["x"], "principalId": "p"}]}"#,
        )],
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("`$.value[0].roleDefinitionId`"),
        "{e}"
    );
    let e = tenant::load(cat, &[("c.json", "5")]).unwrap_err();
    assert!(e.to_string().contains("expected an array"), "{e}");
}

#[test]
fn the_review_answers_per_principal() {
    let cat = w365_engine::catalog().unwrap();
    let loaded = load(&samples());
    let r = tenant::review(cat, &loaded);
    assert_eq!(r.summary.principals, 9);
    assert_eq!(r.summary.assignments, 11);
    assert!(r.unresolved.is_empty(), "{:?}", r.unresolved);
    let find = |id: &str| {
        r.principals
            .iter()
            .find(|p| {
                p.principal
                    .id
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(id))
            })
            .unwrap()
    };
    // az and Get-AzRoleAssignment name alex with ids differing in case: one principal.
    let alex = find("a1b2c3d4-0000-4000-8000-000000000001");
    assert_eq!(alex.assignments.len(), 2);
    assert!(alex
        .flags
        .iter()
        .any(|f| f.flag == "role-assignment-write" && f.escalation));
    assert_eq!(alex.azure.len(), 2);
    // sam: a custom Cloud PC role with Role Assignments/Create and Roles/Update.
    let sam = find("a1b2c3d4-0000-4000-8000-000000000004");
    assert!(sam.flags.iter().any(|f| f.flag == "cloudpc-escalation"));
    assert!(!sam.windows365.allowed.is_empty());
    // jordan: User Access Administrator.
    assert!(find("a1b2c3d4-0000-4000-8000-000000000005").can_escalate);
    // The helpdesk group holds Help Desk Operator through Intune.
    let helpdesk = find("a1b2c3d4-0000-4000-8000-000000000009");
    assert_eq!(helpdesk.principal.kind, "Group");
    assert!(!helpdesk.can_escalate);
    assert_eq!(
        r.summary.unused_custom_roles,
        ["Contoso Legacy VM Operator"]
    );
    assert!(r
        .summary
        .never_reach_windows365
        .contains(&"Network Contributor".to_string()));
    assert_eq!(r.summary.can_escalate, 5);
}

#[test]
fn a_review_in_steps_is_the_review_in_one_go() {
    let cat = w365_engine::catalog().unwrap();
    let loaded = load(&samples());
    let whole = serde_json::to_string(&tenant::review(cat, &loaded)).unwrap();
    for units in [1, 2, 7] {
        let mut job = tenant::Reviewing::new(cat, &loaded);
        let mut steps = 0;
        let mut last = job.progress(&loaded);
        while !job.step(&loaded, units) {
            steps += 1;
            let now = job.progress(&loaded);
            assert!(now.done <= now.total, "{now:?}");
            assert!(
                now.stage != last.stage || now.done >= last.done,
                "progress went back: {last:?} then {now:?}"
            );
            last = now;
            assert!(steps < 10_000, "the job does not end");
        }
        // 11 assignments, at least one role, 9 principals: more than one slice.
        assert!(steps * units >= 11 + 9, "{steps} steps of {units}");
        let done = job.progress(&loaded);
        assert_eq!(done.done, done.total);
        let stepped = serde_json::to_string(&job.finish(&loaded)).unwrap();
        assert_eq!(stepped, whole, "in steps of {units}");
    }
}

#[test]
fn reports_render_every_section() {
    let cat = w365_engine::catalog().unwrap();
    let loaded = load(&samples());
    let review = tenant::review(cat, &loaded);
    let rep = report::tenant(cat, &loaded, &review);
    let md = render::markdown(&rep);
    for h in [
        "## What was reviewed",
        "## Data date and sources",
        "## Tenant summary",
        "## Principals who can escalate",
        "## Windows 365 operations",
        "## Azure effective operations",
        "## Lint findings",
        "## Risk findings",
        "## Nearest built-in role",
        "## Source conflicts touched",
    ] {
        assert!(md.contains(h), "missing {h}");
    }
    assert!(md.contains("jordan@contoso.com"));
    let req = w365_engine::request::parse(
        cat,
        r#"{"roles": [{"roleName": "Contoso Net <b>", "permissions": [{"actions": ["Microsoft.Network/virtualNetworks/read", "Microsoft.Authorization/roleAssignments/write"]}], "assignableScopes": ["/subscriptions/s1"]}]}"#,
    )
    .unwrap();
    let rep = report::design(cat, req, &["r.json".into()]);
    assert_eq!(rep.title, "Role review: Contoso Net <b>");
    assert!(rep
        .azure
        .risky
        .iter()
        .any(|x| x.operation.contains("roleAssignments/write")));
    assert_eq!(rep.nearest.len(), 1);
    let html = render::html(&rep);
    assert!(html.contains("@media print"));
    assert!(html.contains("Contoso Net &lt;b&gt;"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<script"));
}

#[test]
fn an_unknown_key_of_a_custom_role_is_noted_with_its_file_and_path() {
    let cat = w365_engine::catalog().unwrap();
    let roles = r#"[{"roleName": "T", "description": "d", "type": "Microsoft.Authorization/roleDefinitions",
        "permissions": [{"actions": ["*"], "notActionz": ["Microsoft.Authorization/*"]}],
        "assignableScopes": ["/subscriptions/11111111-1111-1111-1111-111111111111"]}]"#;
    let loaded = tenant::load(cat, &[("roles.json", roles)]).unwrap();
    assert!(
        loaded.notes.iter().any(|n| n
            == "`roles.json`: `$[0].permissions[0]` at line 2, column 44: unknown key `notActionz` is ignored (did you mean `notActions`?)"),
        "{:?}",
        loaded.notes
    );
    // The real-shaped samples hold no such key.
    let samples = load(&samples());
    assert!(
        !samples.notes.iter().any(|n| n.contains("unknown key")),
        "{:?}",
        samples.notes
    );
}

#[test]
fn a_graph_page_with_a_next_link_is_noted_as_incomplete() {
    let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignments","@odata.nextLink":"https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$skiptoken=x",
      "value":[{"id":"a1","principalId":"p1","roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","directoryScopeId":"/"}]}"#;
    let loaded = load(&[("page1.json".to_string(), page.to_string())]);
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.contains("`page1.json` is one page of a longer Graph answer")),
        "{:?}",
        loaded.notes
    );
    // The last page (no link) has no such note.
    let last = page.replace(r#""@odata.nextLink":"https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$skiptoken=x","#, "");
    let loaded = load(&[("page2.json".to_string(), last)]);
    assert!(!loaded
        .notes
        .iter()
        .any(|n| n.contains("longer Graph answer")));
}

/// Pages collected into one array (`jq -s`, or `Invoke-MgGraphRequest` pages
/// gathered in PowerShell) are read page by page, each with its
/// `@odata.context` (review of 2026-12-05: their assignments were read as role
/// definitions named after the assignments); an ARM page's `nextLink` is noted.
#[test]
fn pages_collected_into_an_array_are_read_page_by_page() {
    let page = |id: &str, principal: &str| {
        format!(
            r#"{{"@odata.context":"https://graph.microsoft.com/beta/$metadata#roleManagement/cloudPC/roleAssignments","value":[{{"id":"{id}","displayName":"Cloud PC helpdesk","roleDefinitionId":"d40368cb-fbf4-4965-bbc1-f17b3a78e510","principalIds":["{principal}"],"directoryScopeIds":["/"]}}]}}"#
        )
    };
    let pages = format!("[{},{}]", page("a1", "p1"), page("a2", "p2"));
    let loaded = load(&[("pages.json".to_string(), pages)]);
    assert_eq!(loaded.assignments.len(), 2, "{:?}", loaded.notes);
    assert!(loaded.roles.is_empty());
    let one = load(&[("page.json".to_string(), page("a1", "p1"))]);
    assert_eq!(
        format!("{:?}", one.assignments[0].principals),
        format!("{:?}", loaded.assignments[0].principals)
    );
    let arm = r#"{"value":[{"properties":{"roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","principalId":"p1","principalType":"User","scope":"/subscriptions/s1"},"id":"/subscriptions/s1/providers/Microsoft.Authorization/roleAssignments/r1","name":"r1"}],"nextLink":"https://management.azure.com/subscriptions/s1/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$skiptoken=abc"}"#;
    let loaded = load(&[("arm.json".to_string(), arm.to_string())]);
    assert_eq!(loaded.assignments.len(), 1);
    assert!(loaded
        .notes
        .iter()
        .any(|n| n.contains("`arm.json` is one page of a longer Azure Resource Manager answer")));
}

#[test]
fn an_assignment_without_a_scope_is_unresolved_not_fatal() {
    let az = r#"[{"principalId":"p1","principalName":"a@x.com","roleDefinitionName":"Contributor","scope":null},
                 {"principalId":"p2","principalName":"b@x.com","roleDefinitionName":"Reader","scope":"/subscriptions/s1"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review::review(cat, &loaded);
    assert_eq!(review.unresolved.len(), 1, "{:?}", review.unresolved);
    assert_eq!(review.unresolved[0].path, "$[0]");
    assert!(review.unresolved[0].message.contains("needs a scope"));
    assert_eq!(review.summary.principals, 2);
}

/// An exported assignment whose condition is not of the documented form is a
/// problem of its row, named with its path, and the rest of the tenant is
/// reviewed (review F1 L1); a well-formed condition is reviewed as before.
#[test]
fn an_assignment_with_a_malformed_condition_is_unresolved_not_fatal() {
    let az = r#"[{"principalId":"p1","principalName":"a@x.com","roleDefinitionName":"Storage Blob Data Reader","scope":"/subscriptions/s1","condition":"((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) OR (@Resource[x] StringEquals 'c1')","conditionVersion":"2.0"},
                 {"principalId":"p3","principalName":"c@x.com","roleDefinitionName":"Storage Blob Data Reader","scope":"/subscriptions/s2","condition":"((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) OR (@Resource[x] StringEquals 'c1')","conditionVersion":"2.0"},
                 {"principalId":"p2","principalName":"b@x.com","roleDefinitionName":"Reader","scope":"/subscriptions/s1","condition":"((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7-3385-48ef-bd42-f606fba81ae7}))","conditionVersion":"2.0"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review::review(cat, &loaded);
    assert_eq!(review.unresolved.len(), 1, "{:?}", review.unresolved);
    let u = &review.unresolved[0];
    assert_eq!(u.path, "$[0].condition");
    assert_eq!(u.count, 2);
    assert_eq!(u.role, "Storage Blob Data Reader");
    assert!(
        u.message
            .starts_with("the condition is not well formed: `(` at character 1 is never closed"),
        "{}",
        u.message
    );
    assert_eq!(review.summary.principals, 3);
    let p1 = review
        .principals
        .iter()
        .find(|p| p.principal.id.as_deref() == Some("p1"))
        .unwrap();
    assert!(p1.assignments.is_empty());
    assert_eq!(p1.unresolved.len(), 1);
    let p2 = review
        .principals
        .iter()
        .find(|p| p.principal.id.as_deref() == Some("p2"))
        .unwrap();
    assert_eq!(p2.assignments.len(), 1);
    assert!(p2.unresolved.is_empty());
}

#[test]
fn elevate_access_is_flagged_only_where_it_acts_at_the_root() {
    // Owner's `*` holds `Microsoft.Authorization/elevateAccess/Action`, which acts at
    // `/` only (review B F14): at a resource group it elevates nobody.
    let az = r#"[{"principalId":"p1","principalName":"rg@x.com","roleDefinitionName":"Owner","scope":"/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg1"},
                 {"principalId":"p2","principalName":"root@x.com","roleDefinitionName":"Owner","scope":"/"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review::review(cat, &loaded);
    let flags = |id: &str| -> Vec<String> {
        let p = review
            .principals
            .iter()
            .find(|p| p.principal.id.as_deref() == Some(id))
            .unwrap();
        p.flags.iter().map(|f| f.flag.clone()).collect()
    };
    let rg = flags("p1");
    assert!(!rg.iter().any(|f| f == "elevate-access"), "{rg:?}");
    assert!(rg.iter().any(|f| f == "role-assignment-write"), "{rg:?}");
    let root = flags("p2");
    assert!(root.iter().any(|f| f == "elevate-access"), "{root:?}");
}

/// Review M7: the report's risky-operations table names a role for
/// `elevateAccess/action` only where an assignment of it is at `/`, as the
/// per-principal flags do: Owner at a management group is not listed (a note says
/// why), User Access Administrator at `/` is.
#[test]
fn the_reports_elevate_access_row_names_a_role_held_at_the_root() {
    let az = r#"[{"principalId":"p1","principalName":"mg@x.com","roleDefinitionName":"Owner","scope":"/providers/Microsoft.Management/managementGroups/corp"},
                 {"principalId":"p2","principalName":"root@x.com","roleDefinitionName":"User Access Administrator","scope":"/"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review::review(cat, &loaded);
    let r = report::tenant(cat, &loaded, &review);
    let elevate: Vec<&str> = r
        .azure
        .risky
        .iter()
        .filter(|x| x.flag == "elevate-access")
        .map(|x| x.role.as_str())
        .collect();
    assert_eq!(elevate, ["User Access Administrator"]);
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("`Owner` holds `Microsoft.Authorization/elevateAccess/action`, but none of its assignments is at the root scope")),
        "{:?}",
        r.notes
    );
    // With only the Owner below `/`, no row at all.
    let az = r#"[{"principalId":"p1","principalName":"mg@x.com","roleDefinitionName":"Owner","scope":"/providers/Microsoft.Management/managementGroups/corp"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let review = tenant::review::review(cat, &loaded);
    let r = report::tenant(cat, &loaded, &review);
    assert!(r.azure.risky.iter().all(|x| x.flag != "elevate-access"));
    assert!(r
        .azure
        .risky
        .iter()
        .any(|x| x.flag == "role-assignment-write"));
}

#[test]
fn a_principal_named_with_backticks_stays_text_in_both_reports() {
    // Review B F14: `a`tick`` became a code span in Markdown and `<code>` in HTML.
    let az = r#"[{"principalId":"p1","principalName":"a`tick`**bold**","roleDefinitionName":"Owner","scope":"/subscriptions/11111111-2222-3333-4444-555555555555"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review(cat, &loaded);
    let rep = report::tenant(cat, &loaded, &review);
    let md = render::markdown(&rep);
    assert!(md.contains("| a\\`tick\\`\\*\\*bold\\*\\* |"), "{md}");
    let html = render::html(&rep);
    assert!(html.contains("<td>a`tick`**bold**</td>"), "{html}");
    assert!(!html.contains("<code>tick</code>"));
}

/// An outside review: a custom role named with backticks opened a code span in
/// the Markdown report's "Roles held" and "Through" cells.
#[test]
fn a_role_named_with_backticks_stays_text_in_every_cell() {
    let defs = r#"[{"Name":"My `Role` <b>x</b>","IsCustom":true,"Id":"7d3b2f64-0000-4000-8000-000000000001","Description":"d","Actions":["Microsoft.Authorization/roleAssignments/write"],"AssignableScopes":["/subscriptions/11111111-2222-3333-4444-555555555555"]}]"#;
    let az = r#"[{"principalId":"p1","principalName":"u@x.com","roleDefinitionName":"My `Role` <b>x</b>","roleDefinitionId":"/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/7d3b2f64-0000-4000-8000-000000000001","scope":"/subscriptions/11111111-2222-3333-4444-555555555555"}]"#;
    let loaded = load(&[
        ("defs.json".to_string(), defs.to_string()),
        ("az.json".to_string(), az.to_string()),
    ]);
    let cat = w365_engine::catalog().unwrap();
    let review = tenant::review(cat, &loaded);
    let md = render::markdown(&report::tenant(cat, &loaded, &review));
    let rows: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with('|') && (l.contains("Role` <") || l.contains("Role\\`")))
        .collect();
    assert!(rows.len() >= 4, "{md}");
    assert!(
        rows.iter().any(|l| l.contains("via My \\`Role\\`")),
        "{rows:#?}"
    );
    assert!(rows.iter().all(|l| !l.contains("My `Role`")), "{rows:#?}");
}

/// Review F2 M4: the nearest built-in role shares something with the custom role
/// (never Graph Owner, whose operations the catalog does not hold, nor a role
/// assignable only outside subscriptions), and a Microsoft Entra custom role is
/// compared on its directory permissions.
#[test]
fn the_nearest_built_in_role_shares_what_the_custom_role_grants() {
    let cat = w365_engine::catalog().unwrap();
    let near = |roles: &str| {
        let req = w365_engine::request::parse(cat, roles).unwrap();
        report::design(cat, req, &["r.json".into()]).nearest
    };
    let n = near(
        r#"{"roles": [{"roleName": "Escalator", "permissions": [{"actions": ["Microsoft.Authorization/roleAssignments/write"]}], "assignableScopes": ["/subscriptions/s1"]}]}"#,
    );
    assert_eq!(n.len(), 1);
    assert_ne!(n[0].builtin, "Graph Owner");
    assert_ne!(n[0].builtin, "Reservations Administrator");
    assert_eq!(n[0].extra_count, 0, "{:?}", n[0]);
    let n = near(
        r#"{"roles": [{"displayName": "BitLocker Key Reader", "description": "d", "rolePermissions": [{"allowedResourceActions": ["microsoft.directory/bitlockerKeys/key/read"]}]}]}"#,
    );
    assert_eq!(n.len(), 1);
    // The built-in named holds the permission (so it is not listed as only in the custom role).
    assert_eq!(n[0].extra_count, 0, "{:?}", n[0]);
    assert!(n[0].missing_count > 0, "{:?}", n[0]);
    // A role sharing nothing with any built-in role has no nearest one.
    let n = near(
        r#"{"roles": [{"roleName": "Nothing known", "permissions": [{"actions": ["Microsoft.Nothing/known/read"]}], "assignableScopes": ["/subscriptions/s1"]}]}"#,
    );
    assert!(n.is_empty(), "{n:?}");
}

/// Review F2 L1: a permission whose name holds a parenthesis is named whole in
/// the report (`Provisioning Policies (Agents)/Read`, not `Agents)/Read`).
#[test]
fn the_report_names_cloud_pc_permissions_whole() {
    let cat = w365_engine::catalog().unwrap();
    let req = w365_engine::request::parse(
        cat,
        r#"{"assignments": [{"role": "Windows 365 Administrator"}]}"#,
    )
    .unwrap();
    let md = render::markdown(&report::design(cat, req, &["r.json".into()]));
    let line = md
        .lines()
        .find(|l| l.starts_with("Cloud PC permissions usable"))
        .unwrap();
    assert!(
        line.contains("Provisioning Policies (Agents)/Read"),
        "{line}"
    );
    assert!(!line.contains(", Agents)/"), "{line}");
}

/// An outside review: Cloud PC Administrator's ANC permissions, held but denied
/// until Owner or User Access Administrator is held on the subscription, were
/// counted as "not held".
#[test]
fn held_permissions_another_requirement_blocks_are_not_counted_as_not_held() {
    let cat = w365_engine::catalog().unwrap();
    let req = w365_engine::request::parse(
        cat,
        r#"{"assignments": [{"role": "Cloud PC Administrator"}]}"#,
    )
    .unwrap();
    let rep = report::design(cat, req, &["r.json".into()]);
    let held: Vec<&str> = rep
        .operations
        .iter()
        .filter(|o| o.held_needs_more)
        .map(|o| o.id.as_str())
        .collect();
    assert!(
        held.contains(&"permission:Azure Network Connections/Create"),
        "{held:?}"
    );
    let md = render::markdown(&rep);
    let line = md.lines().find(|l| l.starts_with("Admin tasks:")).unwrap();
    assert!(
        line.contains(&format!("{} held but not usable yet", held.len())),
        "{line}"
    );
    assert!(!line.contains(" 13 not held"), "{line}");
}

/// Review F2 L2: the tenant report's source conflicts are one line per operation,
/// topic and set of verdicts, with how many principals meet it, never the same
/// line twice.
#[test]
fn the_tenant_reports_conflicts_once_per_set_of_verdicts() {
    let cat = w365_engine::catalog().unwrap();
    let loaded = load(&samples());
    let review = tenant::review(cat, &loaded);
    let rep = report::tenant(cat, &loaded, &review);
    assert!(!rep.conflicts.is_empty());
    let mut seen = std::collections::HashSet::new();
    for c in &rep.conflicts {
        assert!(c.principals.is_some_and(|n| n >= 1), "{c:?}");
        assert!(
            seen.insert((c.operation.clone(), c.topic.clone(), c.positions.clone())),
            "repeated: {c:?}"
        );
    }
    let total: usize = rep.conflicts.iter().filter_map(|c| c.principals).sum();
    assert!(total >= rep.conflicts.len());
    let md = render::markdown(&rep);
    assert!(md.contains("| Each source | Principals |"), "{md}");
}

/// The tenant report a step at a time ([`report::TenantReporting`]): for the
/// samples and the review-h3 exports (PIM, custom roles listed as built in,
/// conditions), one unit at a time it is the report [`report::tenant`] gives,
/// its progress goes through its stages in order, and a step does one unit.
#[test]
fn a_tenant_report_taken_one_unit_at_a_time_is_the_report_taken_at_once() {
    let cat = w365_engine::catalog().unwrap();
    let h3 = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../w365-cli/tests/fixtures/review-h3");
    for files in [samples(), files_in(&h3)] {
        let mut loaded = load(&files);
        loaded.as_of = Some("2026-01-01T00:00:00Z".into());
        let review = tenant::review(cat, &loaded);
        assert!(!review.principals.is_empty());
        let json = |r: &report::Report| serde_json::to_string_pretty(r).unwrap();
        let whole = json(&report::tenant(cat, &loaded, &review));
        let mut job = report::TenantReporting::new(cat, &loaded);
        let mut seen: Vec<&'static str> = Vec::new();
        let mut steps = 0;
        loop {
            let p = job.progress(&loaded, &review);
            assert!(p.done <= p.total, "{p:?}");
            if seen.last() != Some(&p.stage) {
                seen.push(p.stage);
            }
            steps += 1;
            if job.step(&loaded, &review, 1) {
                break;
            }
        }
        assert_eq!(json(&job.finish(&loaded, &review)), whole);
        assert_eq!(
            seen,
            [
                "linting the custom roles",
                "weighing each custom role's risk and nearest built-in role",
                "counting per principal"
            ]
        );
        assert!(steps > review.principals.len(), "{steps} steps");
    }
}

/// A `ForeignGroup` (another tenant's group, an Azure `principalType`) is a
/// group: counted and named as one, as `eval` treats it (review of 2026-12-05).
#[test]
fn a_foreign_group_is_a_group() {
    let cat = w365_engine::catalog().unwrap();
    let az = r#"[{"principalId":"g1","principalName":"Platform Admins","principalType":"Group","roleDefinitionName":"Reader","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7","scope":"/subscriptions/s1"},
      {"principalId":"g2","principalName":"Partner Ops","principalType":"ForeignGroup","roleDefinitionName":"Owner","roleDefinitionId":"/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635","scope":"/subscriptions/s1"}]"#;
    let loaded = load(&[("az.json".to_string(), az.to_string())]);
    let r = tenant::review(cat, &loaded);
    assert_eq!(r.summary.groups, 2);
    assert!(
        r.notes.iter().any(|n| n.contains("`Partner Ops`")),
        "{:?}",
        r.notes
    );
}

/// An active PIM assignment that ended before the review's date is held by no
/// one, and a note names it with its role's name (review of 2026-12-05).
#[test]
fn an_active_assignment_that_ended_is_not_held() {
    let cat = w365_engine::catalog().unwrap();
    let page = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#roleManagement/directory/roleAssignmentScheduleInstances","value":[
      {"id":"a1","principalId":"p1","roleDefinitionId":"11451d60-acb2-45eb-a7d6-43d0f0125c13","directoryScopeId":"/","startDateTime":"2025-08-01T08:00:00Z","endDateTime":"2025-08-01T16:00:00Z","assignmentType":"Activated","memberType":"Direct"}]}"#;
    let mut loaded = load(&[("pim.json".to_string(), page.to_string())]);
    loaded.as_of = Some("2025-08-01T12:00:00Z".into());
    assert_eq!(tenant::review(cat, &loaded).summary.principals, 1);
    loaded.as_of = Some("2025-09-01".into());
    let r = tenant::review(cat, &loaded);
    assert_eq!(r.summary.principals, 0);
    assert!(
        r.notes.iter().any(|n| n.contains(
            "1 active PIM assignment(s) ended before the review's date (`2025-09-01`) and are not counted as held: `p1` `Windows 365 Administrator`"
        )),
        "{:?}",
        r.notes
    );
}

/// An outside review: a custom role Azure refuses (named as a built-in) stopped
/// the review with "`role definitions`", naming no file.
#[test]
fn a_refused_custom_role_names_its_file() {
    let good = r#"[{"roleName":"Helper","name":"aaaaaaaa-bbbb-cccc-dddd-000000000002","roleType":"CustomRole","description":"d","assignableScopes":["/subscriptions/11111111-1111-1111-1111-111111111111"],"permissions":[{"actions":["*/read"]}]}]"#;
    let bad = r#"[{"roleName":"Reader","name":"aaaaaaaa-bbbb-cccc-dddd-000000000009","roleType":"CustomRole","description":"d","assignableScopes":["/subscriptions/11111111-1111-1111-1111-111111111111"],"permissions":[{"actions":["*/read"]}]}]"#;
    let e = tenant::load(
        w365_engine::catalog().unwrap(),
        &[("good.json", good), ("bad.json", bad)],
    )
    .unwrap_err();
    assert_eq!(e.file, "bad.json");
    assert!(
        e.error.message.contains("RoleDefinitionWithSameNameExists"),
        "{e}"
    );
}
