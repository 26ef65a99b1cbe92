//! One file per rule. Add a rule: write its file here, then list it in `crate::registry`.

pub mod image_latest_tag;
pub mod image_not_pinned;
pub mod image_untrusted_registry;
pub mod privileged_container;
pub mod rbac_full_wildcard;
pub mod rbac_wildcard;
