//! Gatekeeper ConstraintTemplates and Constraints, evaluated the way Gatekeeper's
//! `admission.k8s.gatekeeper.sh` target does.

mod constraint;
mod matcher;
mod review;
mod template;

pub use constraint::{Constraint, EnforcementAction, CONSTRAINTS_GROUP};
pub use matcher::Outcome;
pub use review::Review;
pub use template::Template;

/// Reads a string at a path of keys in a YAML/JSON document.
fn str_at<'a>(doc: &'a serde_json::Value, keys: &[&str]) -> Option<&'a str> {
    keys.iter().try_fold(doc, |node, key| node.get(key)).and_then(|v| v.as_str())
}
