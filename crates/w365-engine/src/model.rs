//! The data model: roles, their permission blocks, and the planes they act on.

mod block;
mod merge;
mod plane;
mod rebase;
mod role;

pub use block::PermissionBlock;
pub use merge::{merge_blocks, MergeConflict};
pub use plane::Plane;
pub use rebase::{insert_at, rebase, RebaseConflict};
pub use role::{EntraAction, Role, RoleKind};

/// Whether a principal type names a group: `Group`, or `ForeignGroup` (a group
/// of another tenant, `principalType` of Azure role assignments), whose members
/// all hold what it is assigned.
pub fn is_group_kind(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("Group") || kind.eq_ignore_ascii_case("ForeignGroup")
}

/// Whether a principal type names one principal that no one is a member of
/// (`User`, `ServicePrincipal`, `Device`): what is assigned to it, or what a deny
/// names it in, reaches it alone. Any other type, or none given, may be a group.
pub fn is_individual_kind(kind: &str) -> bool {
    ["User", "ServicePrincipal", "Device"]
        .iter()
        .any(|k| kind.eq_ignore_ascii_case(k))
}
