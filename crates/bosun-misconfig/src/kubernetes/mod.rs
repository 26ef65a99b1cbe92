//! Kubernetes: objects read from YAML/JSON streams, and one pod-spec view
//! (`Workload`) for every kind that runs containers, so a rule is written once.

pub mod labels;
mod object;
pub mod rbac;
pub mod rules;
mod workload;

pub use object::{K8sObject, ANNOTATION_IGNORE};
pub use workload::{Container, ContainerKind, Workload};
