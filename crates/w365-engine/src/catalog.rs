//! Catalogs of what exists: the Azure resource-provider operations.

mod operations;
pub mod rejected;

pub use operations::{Matches, OperationCatalog, Provider};
