//! Why a role cannot be written in a format.

/// A role that a format cannot express.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// Not a format name.
    #[error("unknown export format `{0}` (expected arm, rest, az-json, az-cli, powershell, bicep, terraform or graph)")]
    UnknownFormat(String),
    /// The format is for another plane.
    #[error("the `{format}` format does not apply to {plane} roles (Azure roles: arm, rest, az-json, az-cli, powershell, bicep, terraform; Cloud PC and Intune roles: graph, az-cli, powershell)")]
    WrongPlane {
        /// Format.
        format: &'static str,
        /// The role's plane.
        plane: &'static str,
    },
    /// Creation formats take one block.
    #[error("the role has {blocks} permission blocks; Azure creates custom roles with exactly one, so `{format}` cannot express it")]
    MultipleBlocks {
        /// Format.
        format: &'static str,
        /// Blocks.
        blocks: usize,
    },
    /// A role without a name: every target refuses it.
    #[error(
        "the role has no name; `{format}` needs one (Azure and Graph refuse a role without a name)"
    )]
    EmptyName {
        /// Format.
        format: &'static str,
    },
    /// No block at all.
    #[error("the role has no permission block")]
    NoPermissions,
    /// Something the format lacks.
    #[error("`{format}` cannot express this role: {why}")]
    Unsupported {
        /// Format.
        format: &'static str,
        /// Why.
        why: &'static str,
    },
    /// Serialization failed.
    #[error("could not write JSON: {0}")]
    Serialize(String),
}
