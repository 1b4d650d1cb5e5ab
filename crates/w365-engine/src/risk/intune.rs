//! Sensitive Intune permissions: those whose holder can erase a device, run a
//! script on it, take over its user's session or read its recovery key.
//!
//! No Microsoft table rates Intune permissions, and Intune publishes none with
//! descriptions (a known gap of the bundle: they are known by their Graph names
//! only). So each level below is inferred from what the permission's name says it
//! does, and every note says so; the roles' other Intune permissions carry no
//! note, which is not a rating of them as low. Escalation through Intune's
//! `Roles/*` permissions is [`super::escalation`]'s.

use super::{note, Category, Level, RiskNote};
use crate::bundle::Catalog;
use crate::expand::Expansion;

/// An Intune permission (its Graph name), the level inferred for it, and what it
/// lets its holder do.
struct Sensitive {
    name: &'static str,
    level: Level,
    does: &'static str,
}

/// The Intune permissions rated here, most serious first.
const SENSITIVE: [Sensitive; 10] = [
    Sensitive {
        name: "Microsoft.Intune/RemoteTasks/Wipe",
        level: Level::High,
        does: "factory-resets managed devices, erasing their data",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteTasks/OnDemandProactiveRemediation",
        level: Level::High,
        does: "runs a remediation script on a device on demand, with the device's system rights",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteAssistanceApp/TakeFullControl",
        level: Level::High,
        does: "takes full control of a user's session in Remote Help",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteAssistanceApp/Elevation",
        level: Level::High,
        does: "answers administrator (UAC) prompts on the device in a Remote Help session",
    },
    Sensitive {
        name: "Microsoft.Intune/EpmPolicy/ModifyElevationRequests",
        level: Level::High,
        does: "approves users' requests to run files as administrator (Endpoint Privilege Management)",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteTasks/GetFileVaultKey",
        level: Level::Medium,
        does: "reads a Mac's FileVault recovery key, which unlocks its disk to whoever has the Mac in hand",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteTasks/ResetPasscode",
        level: Level::Medium,
        does: "resets a device's passcode",
    },
    Sensitive {
        name: "Microsoft.Intune/RemoteTasks/Retire",
        level: Level::Medium,
        does: "retires devices, removing their company data and management",
    },
    Sensitive {
        name: "Microsoft.Intune/ManagedApps/Wipe",
        level: Level::Medium,
        does: "wipes the company data of managed apps",
    },
    Sensitive {
        name: "Microsoft.Intune/ManagedDevices/Delete",
        level: Level::Medium,
        does: "deletes devices from Intune, ending their management",
    },
];

/// Why every level here is inferred.
const REASONING: &str = "inferred from the permission's name: Microsoft publishes no description or rating of Intune permissions";

/// The sensitive-permission notes of the Intune permissions `ex` holds.
pub(super) fn notes(catalog: &Catalog, ex: &Expansion) -> Vec<RiskNote> {
    let perms = &catalog.intune.permissions;
    SENSITIVE
        .iter()
        .filter(|s| {
            perms
                .iter()
                .position(|p| p.graph.eq_ignore_ascii_case(s.name))
                .is_some_and(|i| ex.intune.contains(i))
        })
        .map(|s| {
            let short = s.name.trim_start_matches("Microsoft.Intune/");
            let mut n = note(
                s.level,
                Category::Intune,
                "sensitive-permission",
                format!("`{short}`: {}", s.does),
                "inferred",
            );
            n.reasoning = Some(REASONING.into());
            n
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permission rated here is one the bundle knows (a misspelt name would
    /// never match and rate nothing).
    #[test]
    fn every_rated_permission_is_known() {
        let cat = crate::catalog().unwrap();
        for s in &SENSITIVE {
            assert!(
                cat.intune
                    .permissions
                    .iter()
                    .any(|p| p.graph.eq_ignore_ascii_case(s.name)),
                "{}",
                s.name
            );
        }
    }

    /// Help Desk Operator can wipe devices and run remediation scripts: high;
    /// Read Only Operator reads FileVault keys: medium; Cloud PC Reader holds no
    /// Intune permission rated here.
    #[test]
    fn built_in_intune_roles() {
        let cat = crate::catalog().unwrap();
        let level = |name: &str| {
            let (i, _) = cat.role(name).unwrap();
            notes(cat, &cat.builtin_expansions()[i])
                .iter()
                .map(|n| n.level)
                .min()
        };
        assert_eq!(level("Help Desk Operator"), Some(Level::High));
        assert_eq!(level("Read Only Operator"), Some(Level::Medium));
        assert_eq!(level("Cloud PC Reader"), None);
    }
}
