//! Windows 365 Permission Explorer: mounts the app (see `lib.rs`).

fn main() {}
