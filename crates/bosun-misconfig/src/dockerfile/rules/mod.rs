//! One file per rule. Add a rule: write its file here, then list it in `crate::registry`.

pub mod root_user;
// Images, users, files (DF002-DF029)
pub mod base_image_digest;
pub mod base_image_latest;
pub mod base_image_untrusted_registry;
pub mod user_not_created;
