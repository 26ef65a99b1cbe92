//! One file per rule. Add a rule: write its file here, then list it in `crate::registry`.

pub mod privileged_container;
