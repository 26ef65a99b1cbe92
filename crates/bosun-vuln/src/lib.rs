//! Dependency vulnerabilities. `inventory` reads lockfiles and manifests into
//! packages; `version` knows how each ecosystem orders its versions — the
//! ground OSV range matching (`osv`) stands on; `db` keeps the advisories.

pub mod db;
pub mod inventory;
pub mod osv;
pub mod sbom;
pub mod version;
