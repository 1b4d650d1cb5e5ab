//! How a command fails.

/// A failure, mapped to an exit code by `main`.
#[derive(Debug)]
pub enum Failure {
    /// Bad command line (exit 2).
    Usage(String),
    /// Unusable input (exit 2).
    Input(String),
    /// stdout could not be written (exit 2).
    Output(String),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e.to_string())
    }
}
