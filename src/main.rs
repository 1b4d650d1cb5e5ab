//! Windows 365 Permission Explorer: the browser entry point. It only mounts the app.

fn main() {
    w365_explorer::start();
}
