//! Custom Rego policies for bosun, evaluated with [regorus].
//!
//! Two policy shapes run side by side, so that existing policy libraries work unchanged:
//!
//! - **conftest-style modules** (`.rego` files): rules named `deny`, `violation` or `warn`
//!   (or `deny_*`, `violation_*`, `warn_*`) in any package, with the scanned document as
//!   `input`;
//! - **Gatekeeper** ConstraintTemplates and their Constraints (YAML): the template's
//!   `violation[{"msg": ...}]` rule runs against `input.review.object` with the
//!   Constraint's `spec.parameters` as `input.parameters`, for objects the Constraint's
//!   `spec.match` selects.
//!
//! The data flow: [`load`] reads `--policy` paths into [`PolicySet`] (compiled once),
//! [`PolicySet::evaluate_document`] / [`PolicySet::evaluate_review`] turn one document into
//! [`Violation`]s, and [`run_tests`] runs the modules' own `test_*` rules.
//!
//! ```no_run
//! use bosun_policy::{load, Limits, Review};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let set = load(&["policies/".into()], &Limits::default())?; // once, at start-up
//! let object = serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}});
//! for violation in set.evaluate_review(&Review::from_object(&object))? {
//!     println!("{} {:?}: {}", violation.origin.id(), violation.enforcement, violation.message);
//! }
//! # Ok(()) }
//! ```
//!
//! Not supported (Gatekeeper features that need a cluster): `data.inventory`
//! (referential constraints see an empty inventory), `external_data`, the `expansion`
//! of workloads into pods, `scopedEnforcementActions`, and `namespaceSelector` when the
//! caller cannot supply the namespace's labels ([`Review::namespace_labels`]).

mod conftest;
mod convert;
mod error;
mod gatekeeper;
mod limits;
mod load;
mod pool;
mod rego;
mod set;
mod testing;
mod violation;

pub use error::{EvalError, LoadError, PolicyError};
pub use gatekeeper::{EnforcementAction, Review};
pub use limits::Limits;
pub use load::{load, Skipped};
pub use set::PolicySet;
pub use testing::{run_tests, TestOutcome, TestReport, TestResult};
pub use violation::{Enforcement, PolicyOrigin, Violation};
