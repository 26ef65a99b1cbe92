//! The model every scanner and report shares: severities, rule metadata, findings,
//! configuration and suppressions.

pub mod config;
pub mod docs;
pub mod eol;
pub mod finding;
pub mod ids;
pub mod image;
pub mod report;
pub mod rule;
pub mod severity;
pub mod suppress;

pub use bosun_syntax::Span;
pub use finding::{Commit, Cvss, FileError, Finding, Location, PackageRef, SecretMatch, Skipped};
pub use rule::{Domain, Provider, RuleMeta};
pub use severity::Severity;
