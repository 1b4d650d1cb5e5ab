//! w365-perms
fn main() {}
