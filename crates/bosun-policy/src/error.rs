use std::fmt;
use std::path::{Path, PathBuf};

/// One policy file that could not be used, and why. A bad file never hides the others:
/// loading collects one of these per file and reports them together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub path: PathBuf,
    pub reason: String,
}

impl PolicyError {
    pub fn new(path: &Path, reason: impl Into<String>) -> Self {
        PolicyError { path: path.to_path_buf(), reason: reason.into() }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for PolicyError {}

/// Every file that failed to load. Policies are the user's own rules, so one bad file
/// fails the whole load rather than silently weakening enforcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub errors: Vec<PolicyError>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = if self.errors.len() == 1 { "policy file" } else { "policy files" };
        write!(f, "{} {noun} could not be loaded", self.errors.len())?;
        for error in &self.errors {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Why one document could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// The document is larger or deeper than [`crate::Limits`] allows.
    InputTooLarge(String),
    /// A policy failed while evaluating (a builtin error, the time limit, ...).
    Policy { policy: String, reason: String },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::InputTooLarge(reason) => write!(f, "input rejected: {reason}"),
            EvalError::Policy { policy, reason } => write!(f, "policy {policy} failed: {reason}"),
        }
    }
}

impl std::error::Error for EvalError {}
