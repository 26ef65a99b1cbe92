//! Misconfiguration rules. Each input kind has a folder: its model (the view
//! rules see), its engine (parse, build views, run checks) and `rules/`, one file
//! per rule. `registry.rs` is the one list of every rule.

pub mod analyze;
pub mod compose;
pub mod dockerfile;
pub mod kubernetes;
pub mod registry;
pub mod rule;

pub use analyze::{analyze_cluster, analyze_file, FileAnalysis, InputKind};
pub use rule::{Check, Hits, Rule, RuleSet};
