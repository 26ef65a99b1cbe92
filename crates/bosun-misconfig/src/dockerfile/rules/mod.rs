//! One file per rule. Add a rule: write its file here, then list it in `crate::registry`.

pub mod root_user;
// Images, users, files (DF002-DF029)
pub mod base_image_digest;
pub mod base_image_latest;
pub mod base_image_untrusted_registry;
pub mod user_not_created;
// RUN commands (DF030-DF059)
pub mod apk_cache;
pub mod apk_unpinned;
pub mod apt_cli;
pub mod apt_lists_kept;
pub mod apt_recommends;
pub mod apt_unpinned;
pub mod gem_unpinned;
pub mod go_install_unpinned;
pub mod index_update_alone;
pub mod npm_unpinned;
pub mod package_prompt;
pub mod pip_cache;
pub mod pip_unpinned;
pub mod release_upgrade;
pub mod rpm_cache;
pub mod rpm_unpinned;
