//! The data model: roles, their permission blocks, and the planes they act on.

mod block;
mod plane;
mod role;

pub use block::PermissionBlock;
pub use plane::Plane;
pub use role::{EntraAction, Role, RoleKind};
