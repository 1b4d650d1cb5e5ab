//! A `*` between two slashes, and the operation without that segment.
//!
//! Azure's documented rule reads everything but the `*` literally, the `/` on each
//! side of it included (`azure-rbac-semantics.md` §2: "`…/subnets/*/read` does not
//! match `…/subnets/read`"), so `A/*/B` does not cover `A/B`; this tool follows it.
//! Microsoft's own built-in Managed Identity Operator ("Read and Assign User
//! Assigned Identity") can assign a user-assigned identity only if it does,
//! through `Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action`: the
//! sources disagree (the reference treats the rule as settled, §2; the role's
//! description is the one source against it). What a line
//! of this shape decides under the two readings is said:
//!
//! - `star-between-slashes` (warning): in Actions or DataActions, `A/*/B` where
//!   `A/B` is an operation of the catalog the role grants by no other line: the
//!   role grants `A/B` only if Azure reads `/*/` as possibly empty. In NotActions or
//!   NotDataActions, `A/*/B` where the role grants `A/B`: it removes `A/B` only
//!   under that reading.

use super::{Diagnostic, Places, Severity};
use crate::bundle::Catalog;
use crate::model::{PermissionBlock, Role};
use crate::pattern::ActionPattern;

/// What the two readings of `/*/` are, said in every finding and in `eval`'s
/// note ([`crate::evaluate`]).
pub const STAR_BETWEEN_SLASHES: &str = "Azure's documented rule reads the `/` on each side of `*` literally (azure-rbac-semantics.md §2), so `A/*/B` does not cover `A/B`, and this tool follows it; but Microsoft's built-in Managed Identity Operator (\"Read and Assign User Assigned Identity\") assigns user-assigned identities only if it does, through `Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action`: the sources disagree";

/// `A/B` for a pattern `A/*/B` with one `*` (lowercase), else `None`.
pub fn without_star_segment(p: &ActionPattern) -> Option<String> {
    let lower = p.lower();
    (lower.matches('*').count() == 1 && lower.contains("/*/"))
        .then(|| lower.replacen("/*/", "/", 1))
}

/// Whether some block grants `lower` on its plane (an Actions or DataActions line
/// matching it, no NotActions line of that block removing it).
fn granted(role: &Role, lower: &str, data: bool) -> bool {
    role.blocks.iter().any(|b: &PermissionBlock| {
        let (grants, exclusions) = b.for_plane(data);
        grants.iter().any(|g| g.matches_lower(lower))
            && !exclusions.iter().any(|n| n.matches_lower(lower))
    })
}

/// The `star-between-slashes` findings of any role, built-in ones included (a
/// built-in role's page says where its lines read two ways).
pub fn star_segments(catalog: &Catalog, role: &Role) -> Vec<Diagnostic> {
    lint(catalog, role, &Places::new(&[]))
}

pub(super) fn lint(catalog: &Catalog, role: &Role, places: &Places<'_>) -> Vec<Diagnostic> {
    let ops = &catalog.operations;
    let mut out = Vec::new();
    // Each distinct line once, and whether the role grants an `A/B` computed once
    // (a role of 50,000 copies of one line is one finding and one scan).
    let mut seen = std::collections::HashSet::new();
    let mut grants_cache: std::collections::HashMap<(String, bool), bool> =
        std::collections::HashMap::new();
    for (b, block) in role.blocks.iter().enumerate() {
        let lists: [(&str, &[ActionPattern], bool, bool); 4] = [
            ("actions", &block.actions, false, false),
            ("notActions", &block.not_actions, false, true),
            ("dataActions", &block.data_actions, true, false),
            ("notDataActions", &block.not_data_actions, true, true),
        ];
        for (list, patterns, data, exclusion) in lists {
            for (i, p) in patterns.iter().enumerate() {
                let Some(collapsed) = without_star_segment(p) else {
                    continue;
                };
                if !seen.insert((list, p.lower().to_string())) {
                    continue;
                }
                let Some(op) = ops.find(&collapsed, data) else {
                    continue;
                };
                let name = ops.name(op);
                let is_granted = *grants_cache
                    .entry((collapsed.clone(), data))
                    .or_insert_with(|| granted(role, &collapsed, data));
                let what = if exclusion {
                    // Removed under the other reading, granted under this one.
                    if !is_granted {
                        continue;
                    }
                    format!("`{p}` does not remove `{name}`, which the role grants, by the documented rule; it would if Azure read `/*/` as possibly empty")
                } else {
                    if is_granted {
                        continue;
                    }
                    format!("`{p}` does not grant `{name}` by the documented rule, and no other line of the role does; it would if Azure read `/*/` as possibly empty")
                };
                out.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "star-between-slashes",
                        format!("{what}: {STAR_BETWEEN_SLASHES}"),
                    )
                    .help(if exclusion {
                        format!("to be sure `{name}` is removed, add it to {list}")
                    } else {
                        format!("to be sure `{name}` is granted, add it to {list}; to be sure it is not, write what `{p}` should match instead")
                    })
                    .subject(p.as_str())
                    .at_place(places.get(b, list, i)),
                );
            }
        }
    }
    out
}
