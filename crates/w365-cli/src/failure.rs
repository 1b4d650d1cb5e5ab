//! How a command fails.

/// A failure, mapped to an exit code by `main`.
#[derive(Debug)]
pub enum Failure {
    /// Bad command line (exit 2).
    Usage(String),
    /// Unusable input (exit 2).
    Input(String),
    /// stdout could not be written: a closed pipe ends quietly (exit 141, as a
    /// SIGPIPE would), anything else is exit 2 with one line.
    Output(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e)
    }
}
