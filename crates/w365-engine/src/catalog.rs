//! Catalogs of what exists: the Azure resource-provider operations.

mod operations;

pub use operations::{Matches, OperationCatalog, Provider};
