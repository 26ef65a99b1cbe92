//! Dependency vulnerabilities. `inventory` reads lockfiles and manifests into
//! packages; `version` knows how each ecosystem orders its versions — the
//! ground OSV range matching stands on.

pub mod inventory;
pub mod version;
