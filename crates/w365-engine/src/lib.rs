//! # w365-engine
//!
//! The permission engine of Windows 365 Permission Explorer. It bundles every Azure
//! built-in role and resource-provider operation, the Cloud PC and Intune permission
//! catalogs, the Cloud PC, Intune and Entra built-in roles as Microsoft Graph returns
//! them (with their dated changes), and the Windows 365 admin operations with what
//! each requires; it evaluates role assignments the way Azure and Intune do, decides
//! what scope tags let an administrator see, decodes Azure network connection health
//! checks, and explains every answer.
//!
//! The crate knows nothing of the browser: the web app and the `w365-perms`
//! command line are thin shells over it.
//!
//! ```
//! use w365_engine::{catalog, ActionPattern};
//!
//! let cat = catalog().expect("bundled catalog");
//! let (_, reader) = cat.role("reader").expect("Reader is built in");
//! assert_eq!(reader.blocks[0].actions[0].as_str(), "*/read");
//!
//! let p: ActionPattern = "Microsoft.Network/*/read".parse().unwrap();
//! assert!(p.matches("microsoft.network/virtualNetworks/subnets/READ"));
//! ```

pub mod bitset;
pub mod bundle;
pub mod catalog;
pub mod compare;
pub mod condition;
pub mod containment;
pub mod cost;
pub mod decode;
pub mod deny;
pub mod evaluate;
pub mod exercise;
pub mod expand;
pub mod explain;
pub mod export;
pub mod fuzzy;
pub mod group;
pub mod health;
pub mod history;
pub mod import;
pub mod intune;
pub mod json;
pub mod least;
pub mod lint;
pub mod minimal;
pub mod model;
pub mod observed;
pub mod order;
pub mod pattern;
pub mod rank;
pub mod readiness;
pub mod remote;
pub mod report;
pub mod request;
pub mod reverse;
pub mod risk;
pub mod role_name;
pub mod roleset;
pub mod scope;
pub mod scopetags;
pub mod search;
pub mod tenant;
pub mod text;
pub mod windows365;

pub use bundle::{catalog, decode_ahead, Catalog, CatalogPart};
pub use model::{PermissionBlock, Plane, Role, RoleKind};
pub use pattern::ActionPattern;
pub use scope::Scope;
