//! What an image scan adds to a report: which image it was, its operating
//! system, and every package found in it. The JSON report writes these as the
//! top-level `artifact`, `os` and `packages` fields.

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImageSummary {
    pub artifact: Artifact,
    /// `None` when no release file says (`scratch` and most distroless-static images).
    pub os: Option<OsInfo>,
    /// Sorted by path, then ecosystem, name and version.
    pub packages: Vec<ImagePackage>,
}

/// The image as it was scanned.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Artifact {
    /// As given on the command line (`oci:DIR`, `registry.example.com/app:1.2`).
    pub reference: String,
    /// The manifest's digest; `None` for the old `docker save` layout, which has no manifest.
    pub manifest_digest: Option<String>,
    pub config_digest: String,
    /// `os/architecture[/variant]` from the image config.
    pub platform: String,
    /// Layer digests, base first.
    pub layers: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct OsInfo {
    /// The os-release `ID`: `debian`, `alpine`, `ubuntu`, `rhel`...
    pub name: String,
    /// The release as the distribution writes it (`12.5`, `3.20.3`, `22.04`).
    pub version: String,
    /// The OSV ecosystem its packages' advisories are filed under (`Debian:12`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// The day security support ended or ends, when bosun knows it (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eol_date: Option<String>,
    /// Whether that day has passed.
    pub eol: bool,
}

/// One package installed in the image or listed by a lockfile inside it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImagePackage {
    pub path: String,
    pub ecosystem: String,
    pub name: String,
    pub version: String,
    pub purl: String,
    /// The layer that wrote the file the package was read from.
    pub layer_digest: Option<String>,
}
