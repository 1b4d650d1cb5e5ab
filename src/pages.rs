//! One module per view.

pub mod about;
pub mod actions;
pub mod assignments;
pub mod compare;
pub mod compose;
pub mod operations;
pub mod role;
pub mod roles;
pub mod start;
pub mod training;
