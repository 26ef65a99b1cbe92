//! The result of one scan, as every report format sees it.

use crate::suppress::Suppressed;
use crate::{Domain, FileError, Finding, RuleMeta, Severity, Skipped};
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
}

/// A file the scan read and checked, with the domain it turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScannedFile {
    pub path: String,
    pub domain: Domain,
}

#[derive(Debug, Clone)]
pub struct ScanReport {
    pub tool: ToolInfo,
    /// Sorted by `Finding::sort_key`.
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    pub errors: Vec<FileError>,
    pub skipped: Vec<Skipped>,
    /// Every file a rule domain applied to, sorted by path.
    pub files: Vec<ScannedFile>,
    /// The rules that ran (after --select/--ignore), with effective severities.
    pub rules: Vec<RuleMeta>,
    /// For image scans: the image, its operating system and its packages.
    pub image: Option<crate::image::ImageSummary>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files_scanned: usize,
    pub findings: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub suppressed: usize,
    pub errors: usize,
    pub skipped: usize,
}

impl ScanReport {
    pub fn new(tool: ToolInfo) -> Self {
        ScanReport {
            tool,
            findings: Vec::new(),
            suppressed: Vec::new(),
            errors: Vec::new(),
            skipped: Vec::new(),
            files: Vec::new(),
            rules: Vec::new(),
            image: None,
        }
    }

    /// Puts everything in the one order all reports use, so output is deterministic.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.suppressed.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
        self.errors.sort();
        self.skipped.sort();
        self.files.sort();
        self.rules.sort_by_key(|r| r.id);
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    pub fn summary(&self) -> Summary {
        Summary {
            // A file read by two scanners (a manifest checked for both
            // misconfigurations and secrets) is one file.
            files_scanned: {
                let mut paths: Vec<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
                paths.dedup();
                paths.len()
            },
            findings: self.findings.len(),
            by_severity: Severity::ALL.iter().map(|s| (s.as_str(), self.count(*s))).collect(),
            suppressed: self.suppressed.len(),
            errors: self.errors.len(),
            skipped: self.skipped.len(),
        }
    }

    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().find(|r| r.id == id)
    }
}
