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
