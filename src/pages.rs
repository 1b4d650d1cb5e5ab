//! One module per view.

pub mod about;
pub mod actions;
pub mod assignments;
pub mod compare;
pub mod compose;
pub mod decode;
pub mod health;
pub mod minimal;
pub mod operations;
pub mod role;
pub mod roles;
pub mod scopetags;
pub mod start;
pub mod tenant;
pub mod training;
