//! Azure network connection health checks: every code of the reference notes is
//! bundled with its quoted meaning and decodes back to itself; the permission codes
//! carry the role, scope and assignee of `anc-health-checks.md`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests and tools fail loudly"
)]

use w365_engine::health::{self, Assignee, FixScope};
use w365_engine::{catalog, RoleKind};

#[test]
fn every_code_round_trips() {
    let cat = catalog().unwrap();
    let codes = health::codes(cat);
    assert_eq!(codes.len(), 69);
    for c in codes {
        for spelling in [
            c.code.clone(),
            c.code.to_ascii_lowercase(),
            format!("  {}\n", c.code),
        ] {
            let e = health::explain(cat, &spelling).unwrap();
            assert_eq!(e.code, c.code);
            assert!(!e.check.is_empty() && !e.meaning.is_empty(), "{}", c.code);
            assert!(
                e.source.starts_with("A1: ") || e.source.starts_with("A2: "),
                "{}",
                e.source
            );
        }
        for f in &c.fix {
            let (_, role) = cat.role(&f.role).unwrap();
            assert_eq!(role.kind, RoleKind::AzureBuiltIn, "{}", f.role);
        }
        assert!(health::checks(cat)
            .iter()
            .any(|k| k.id == c.check && c.code.starts_with(&k.prefix)));
    }
}

#[test]
fn the_permission_codes_and_their_fixes() {
    let cat = catalog().unwrap();
    let fix = |code: &str| {
        let e = health::explain(cat, code).unwrap();
        e.fix
            .iter()
            .map(|f| (f.role.clone(), f.scope, f.assignee))
            .collect::<Vec<_>>()
    };
    let app = Assignee::Windows365App;
    assert_eq!(
        fix("permissionCheckNoSubscriptionReaderRole"),
        [("Reader".to_string(), FixScope::Subscription, app)]
    );
    assert_eq!(
        fix("permissionCheckNoWindows365NetworkInterfaceContributorRole"),
        [(
            "Windows 365 Network Interface Contributor".to_string(),
            FixScope::ResourceGroup,
            app
        )]
    );
    assert_eq!(
        fix("permissionCheckNoWindows365NetworkUserRole"),
        [(
            "Windows 365 Network User".to_string(),
            FixScope::VirtualNetwork,
            app
        )]
    );
    // Legacy codes (review E H4): the fix is today's role for the same scope (A5),
    // and what the code's text asks for (Owner, Network Contributor) is kept apart.
    let legacy_fix = |code: &str| {
        let e = health::explain(cat, code).unwrap();
        e.legacy_fix
            .iter()
            .map(|f| (f.role.clone(), f.scope, f.assignee))
            .collect::<Vec<_>>()
    };
    let nic = "Windows 365 Network Interface Contributor".to_string();
    let user = "Windows 365 Network User".to_string();
    assert_eq!(
        fix("permissionCheckNoResourceGroupNetworkContributorRole"),
        [(nic.clone(), FixScope::ResourceGroup, app)]
    );
    assert_eq!(
        legacy_fix("permissionCheckNoResourceGroupNetworkContributorRole"),
        [(
            "Network Contributor".to_string(),
            FixScope::ResourceGroup,
            app
        )]
    );
    assert_eq!(
        fix("permissionCheckNoVNetContributorRole"),
        [(user, FixScope::VirtualNetwork, app)]
    );
    assert_eq!(
        legacy_fix("permissionCheckNoVNetContributorRole"),
        [(
            "Network Contributor".to_string(),
            FixScope::VirtualNetwork,
            app
        )]
    );
    // Review M5: the Owner code's fix is the reference's, Owner on the resource
    // group (anc-health-checks.md's table); today's narrower role is offered apart,
    // as an inference, never as the fix.
    assert_eq!(
        fix("permissionCheckNoResourceGroupOwnerRole"),
        [("Owner".to_string(), FixScope::ResourceGroup, app)]
    );
    assert!(legacy_fix("permissionCheckNoResourceGroupOwnerRole").is_empty());
    let owner = health::explain(cat, "permissionCheckNoResourceGroupOwnerRole").unwrap();
    assert_eq!(
        owner
            .inferred_fix
            .iter()
            .map(|f| (f.role.clone(), f.scope, f.assignee))
            .collect::<Vec<_>>(),
        [(nic, FixScope::ResourceGroup, app)]
    );
    let why = owner.inferred_fix_note.unwrap();
    assert!(why.starts_with("inferred, not a documented fix"), "{why}");
    assert!(owner
        .legacy
        .unwrap()
        .contains("Owner on the resource group"));
    // Only this code has an inferred fix.
    let inferred: Vec<&str> = health::codes(cat)
        .iter()
        .filter(|c| !c.inferred_fix.is_empty())
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(inferred, ["permissionCheckNoResourceGroupOwnerRole"]);
    assert!(legacy_fix("permissionCheckNoSubscriptionReaderRole").is_empty());
    assert_eq!(
        fix("resourceAvailabilityCheckNoIntuneReaderRoleError"),
        [("Reader".to_string(), FixScope::Subscription, app)]
    );
    for code in [
        "permissionCheckTransientServiceError",
        "permissionCheckUnknownError",
        "adJoinCheckAccessDenied",
    ] {
        assert!(fix(code).is_empty(), "{code}");
    }
    let legacy: Vec<&str> = health::codes(cat)
        .iter()
        .filter(|c| c.legacy.is_some())
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(legacy.len(), 3);
    let with_fix = health::codes(cat)
        .iter()
        .filter(|c| !c.fix.is_empty())
        .count();
    assert_eq!(with_fix, 7);
}

#[test]
fn the_first_party_app_is_the_documented_one() {
    let cat = catalog().unwrap();
    let e = health::explain(cat, "permissionCheckNoSubscriptionReaderRole").unwrap();
    let app = e.app.unwrap();
    assert_eq!(app.app_id, "0af06dc6-e4b5-4f28-818e-e78e62d137a5");
    assert_eq!(app.source, "A7");
    assert!(e.who.contains("not to the admin"));
    let quirk = health::explain(cat, "resourceAvailabilityCheckAzurePolicyViolation").unwrap();
    assert!(quirk.note.unwrap().contains("swapped"));
}
