//! The bosun command line, as a library so tests (and later the admission
//! server) drive the same pipeline: target → source → classify → analyze →
//! filter → report.

pub mod cli;
pub mod db_cmd;
pub mod image;
pub mod policies;
pub mod rules_cmd;
pub mod sbom_cmd;
pub mod scan;
pub mod serve;
pub mod version_cmd;

/// Exit codes users and scripts rely on.
pub mod exit {
    /// Nothing at or above `--fail-on`.
    pub const CLEAN: i32 = 0;
    /// A finding at or above `--fail-on` remains.
    pub const FINDINGS: i32 = 1;
    /// Bad usage, bad configuration, or a target that cannot be read.
    pub const USAGE: i32 = 2;
}
