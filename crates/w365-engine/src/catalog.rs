//! Catalogs of what exists: the Azure resource-provider operations.

mod exact;
mod grams;
mod operations;
pub mod rejected;

pub use grams::Grams;
pub(crate) use operations::Segments;
pub use operations::{Matches, OperationCatalog, Provider};
