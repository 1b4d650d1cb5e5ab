//! Azure network connection health checks: every Graph `errorType` code with what
//! it means (quoted from the Graph docs), the check it belongs to, who must act, and
//! the role assignments that fix it: for `permissionCheck*` codes a role at a scope
//! given to the Windows 365 first-party app, not to the admin. [`explain`] decodes a
//! code with "did you mean"; [`two_person_recipe`] writes the az and PowerShell
//! commands a network admin runs so that the Intune admin needs only Cloud PC
//! permissions and Subscription Reader.

mod error;
mod model;
mod recipe;

pub use error::{HealthError, RecipeError};
pub use model::{
    AdminNeedFact, Assignee, Check, FirstPartyApp, Fix, FixScope, HealthCode, HealthModel,
    RecipeFacts,
};
pub use recipe::{
    fix_assignments, fix_commands, two_person_recipe, AdminNeed, AncScopes, AncValue, Placeholder,
    PlannedAssignment, Recipe, PLACEHOLDERS,
};

pub(crate) use model::load;

use crate::bundle::Catalog;
use serde::Serialize;

/// A decoded code: what it means, which check failed, the fix and who does it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The code, as Graph spells it.
    pub code: String,
    /// The check's name in the admin center.
    pub check: String,
    /// What it means (quoted).
    pub meaning: String,
    /// Role assignments that fix it (empty when none does).
    pub fix: Vec<Fix>,
    /// The check's id.
    pub check_id: String,
    /// The code-to-check mapping goes beyond the prefix (inferred).
    pub check_inferred: bool,
    /// A warning rather than a blocking failure.
    pub warning: bool,
    /// Why it is taken as a warning, when that is the app's reading of a source
    /// (the UDP check's), not the admin center's label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_inferred: Option<String>,
    /// Who must act.
    pub who: String,
    /// Where the meaning is quoted from.
    pub source: String,
    /// Why the code is legacy, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legacy: Option<String>,
    /// For a legacy code: what its text asks for (Owner, Network Contributor),
    /// which `fix` replaces with today's role.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legacy_fix: Vec<Fix>,
    /// A narrower role assignment that may also fix it, which no source documents
    /// for this code: an inference, labelled so by `inferred_fix_note`, never the
    /// fix (review M5: the Owner code's Windows 365 Network Interface
    /// Contributor).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inferred_fix: Vec<Fix>,
    /// Why `inferred_fix` is an inference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred_fix_note: Option<String>,
    /// A note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How to retry, and who may.
    pub retry: String,
    /// For fixes: the app that receives the roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app: Option<FirstPartyApp>,
}

/// Every code, sorted ignoring case.
pub fn codes(catalog: &Catalog) -> &[HealthCode] {
    &catalog.health.codes
}

/// Every check, in the admin center's order.
pub fn checks(catalog: &Catalog) -> &[Check] {
    &catalog.health.checks
}

/// The codes of one check.
pub fn codes_of<'c>(catalog: &'c Catalog, check: &'c str) -> impl Iterator<Item = &'c HealthCode> {
    catalog
        .health
        .codes
        .iter()
        .filter(move |c| c.check == check)
}

/// Find a code (ASCII case ignored), or the closest one.
pub fn lookup<'c>(catalog: &'c Catalog, code: &str) -> Result<&'c HealthCode, HealthError> {
    let c = code.trim();
    if c.is_empty() {
        return Err(HealthError::Empty);
    }
    let codes = &catalog.health.codes;
    if let Some(found) = codes.iter().find(|x| x.code.eq_ignore_ascii_case(c)) {
        return Ok(found);
    }
    // A code inside pasted text ("errorType 'resourceAvailabilityCheckNoSubnetIP'"):
    // the one code among its words, when there is exactly one.
    let mut inside = c
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter_map(|w| codes.iter().find(|x| x.code.eq_ignore_ascii_case(w)));
    if let (Some(found), None) = (inside.next(), inside.next()) {
        return Ok(found);
    }
    // Every camel-case word of the input, in order, inside one code (the shortest
    // such code): `permissionCheckNoReaderRole` → `permissionCheckNoSubscriptionReaderRole`.
    let words = camel_words(c);
    let by_words = codes
        .iter()
        .filter(|x| words.len() > 1 && is_subsequence(&words, &camel_words(&x.code)))
        .min_by_key(|x| x.code.len())
        .map(|x| x.code.clone());
    let suggestion = by_words.or_else(|| {
        crate::fuzzy::closest(c, codes.iter().map(|x| x.code.as_str())).map(str::to_string)
    });
    Err(HealthError::Unknown {
        // A text of megabytes is no code: the message repeats its start only.
        code: crate::text::excerpt(c).into_owned(),
        suggestion,
    })
}

/// The lowercase words of a camel-case code.
fn camel_words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in s.chars().filter(|c| c.is_ascii_alphanumeric()) {
        if ch.is_ascii_uppercase() && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(ch.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `needle` occurs in `hay` in order (gaps allowed).
fn is_subsequence(needle: &[String], hay: &[String]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|w| it.any(|h| h == w))
}

/// Decode a code for display.
pub fn explain(catalog: &Catalog, code: &str) -> Result<Explanation, HealthError> {
    let h = &catalog.health;
    let c = lookup(catalog, code)?;
    let check = h.checks.iter().find(|k| k.id == c.check);
    let source = h
        .sources
        .iter()
        .find(|(id, _)| *id == c.source)
        .map(|(id, cite)| format!("{id}: {cite}"))
        .unwrap_or_else(|| c.source.clone());
    let who = if let Some(who) = &c.who {
        who.clone()
    } else if c.fix.is_empty() {
        check.map(|k| k.who.clone()).unwrap_or_default()
    } else {
        format!(
            "a subscription Owner or User Access Administrator assigns the role to the {} ({}), not to the admin",
            h.app.name, h.app.app_id
        )
    };
    Ok(Explanation {
        code: c.code.clone(),
        check: check.map(|k| k.name.clone()).unwrap_or_default(),
        meaning: c.meaning.clone(),
        fix: c.fix.clone(),
        check_id: c.check.clone(),
        check_inferred: c.check_inferred || check.is_some_and(|k| k.mapping_inferred),
        warning: check.is_some_and(|k| k.warning),
        warning_inferred: check.and_then(|k| k.warning_inferred.clone()),
        who,
        source,
        legacy: c.legacy.clone(),
        legacy_fix: c.legacy_fix.clone(),
        inferred_fix: c.inferred_fix.clone(),
        inferred_fix_note: c.inferred_fix_note.clone(),
        note: c.note.clone(),
        retry: h.retry.clone(),
        app: (!c.fix.is_empty()).then(|| h.app.clone()),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use crate::catalog;

    /// An outside audit: the UDP check is a warning by the app's reading of A1,
    /// which says so; the device sync check is one by the reference's own label.
    #[test]
    fn an_inferred_warning_says_so() {
        let cat = catalog().unwrap();
        let udp = explain(cat, "udpConnectivityCheckStunUrlNotAllowListed").unwrap();
        assert!(udp.warning);
        let why = udp.warning_inferred.unwrap();
        assert!(why.contains("doesn't prevent using Cloud PCs"), "{why}");
        let sync = explain(cat, "azureAdDeviceSyncCheckConnectDisabled").unwrap();
        assert!(sync.warning);
        assert_eq!(sync.warning_inferred, None);
    }

    #[test]
    fn decodes_with_fix_and_suggests() {
        let cat = catalog().unwrap();
        let e = explain(cat, "permissioncheckNoWindows365NetworkUserRole").unwrap();
        assert_eq!(e.code, "permissionCheckNoWindows365NetworkUserRole");
        assert_eq!(e.fix[0].role, "Windows 365 Network User");
        assert_eq!(e.fix[0].scope, FixScope::VirtualNetwork);
        assert_eq!(e.fix[0].assignee, Assignee::Windows365App);
        assert!(e.who.contains("not to the admin"));
        let e = explain(cat, "dnsCheckFqdnNotFound").unwrap();
        assert!(e.fix.is_empty());
        assert_eq!(e.check, "DNS can resolve Active Directory domain");
        let err = explain(cat, "permissionCheckNoSubscriptionReaderRol").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown health-check code `permissionCheckNoSubscriptionReaderRol` (did you mean `permissionCheckNoSubscriptionReaderRole`?)"
        );
        assert_eq!(explain(cat, " ").unwrap_err(), HealthError::Empty);
        // Megabytes of text: the message repeats its first 120 characters only.
        let huge = "x".repeat(2_000_000);
        let err = explain(cat, &huge).unwrap_err();
        assert!(
            matches!(&err, HealthError::Unknown { code, .. }
                if code.chars().count() == 121 && code.starts_with("xxx") && code.ends_with('…')),
            "{err:?}"
        );
        // A code inside pasted text is found (review E L2); two different codes are not guessed.
        let e = explain(
            cat,
            "The health check failed with errorType 'resourceAvailabilityCheckNoSubnetIP'",
        )
        .unwrap();
        assert_eq!(e.code, "resourceAvailabilityCheckNoSubnetIP");
        assert!(explain(cat, "dnsCheckFqdnNotFound then adJoinCheckAccessDenied").is_err());
        // A permission check's code that no role fixes does not say a role is assigned.
        for code in [
            "permissionCheckTransientServiceError",
            "permissionCheckUnknownError",
        ] {
            let e = explain(cat, code).unwrap();
            assert!(e.fix.is_empty(), "{code}");
            assert!(!e.who.contains("assigns the role"), "{code}: {}", e.who);
            assert!(e.who.contains("retr"), "{code}: {}", e.who);
        }
        let words = explain(cat, "permissionCheckNoReaderRole").unwrap_err();
        assert!(words
            .to_string()
            .ends_with("(did you mean `permissionCheckNoSubscriptionReaderRole`?)"));
    }
}
