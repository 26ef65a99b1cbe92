//! Runs the analysis over every candidate in parallel, then the checks across
//! files, then suppressions and severity filters.

use super::options::ScanOptions;
use super::source::{self, Candidate, TextFile};
use super::terraform_trees::{self, RootModule};
use super::{inventory, secrets, vulns};
use bosun_core::report::{ScanReport, ScannedFile, ToolInfo};
use bosun_core::suppress::{self, Directive};
use bosun_core::{FileError, Finding, Skipped};
use bosun_misconfig::analyze::{analyze_cluster, analyze_file, FileAnalysis};
use bosun_misconfig::cloud::scan as cloud_scan;
use bosun_misconfig::cloud::{cloudformation, terraform};
use bosun_misconfig::kubernetes::K8sObject;
use bosun_misconfig::InputKind;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

pub const TOOL: ToolInfo = ToolInfo { name: "bosun", version: env!("CARGO_PKG_VERSION") };

/// What reading one file gave.
enum Loaded {
    Text(String),
    Skipped(String),
    Error(String),
}

/// Why a file's bytes were not read.
enum NotRead {
    /// Deliberately (too large): reported as skipped.
    Skipped(String),
    /// It could not be: reported as an error.
    Failed(String),
}

impl From<NotRead> for Loaded {
    fn from(not_read: NotRead) -> Loaded {
        match not_read {
            NotRead::Skipped(reason) => Loaded::Skipped(reason),
            NotRead::Failed(message) => Loaded::Error(message),
        }
    }
}

/// A file's bytes (stdin for `None`), or why they were not read.
fn read_bytes(fs_path: Option<&Path>, max_size: u64) -> Result<Vec<u8>, NotRead> {
    match fs_path {
        Some(path) => {
            match std::fs::metadata(path) {
                Ok(meta) if meta.len() > max_size => {
                    return Err(NotRead::Skipped(bosun_core::finding::too_large_reason(meta.len(), max_size)))
                }
                Ok(_) => {}
                Err(e) => return Err(NotRead::Failed(e.to_string())),
            }
            std::fs::read(path).map_err(|e| NotRead::Failed(e.to_string()))
        }
        None => match source::stdin_bytes(max_size) {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(e) if e.starts_with("reading") => Err(NotRead::Failed(e)),
            Err(e) => Err(NotRead::Skipped(e)),
        },
    }
}

fn read(candidate: &Candidate, max_size: u64) -> Loaded {
    let bytes = match read_bytes(candidate.fs_path.as_deref(), max_size) {
        Ok(bytes) => bytes,
        Err(not_read) => return not_read.into(),
    };
    if let Some(reason) = source::unreadable_reason(&bytes) {
        return Loaded::Skipped(reason);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Loaded::Text(text),
        Err(e) => Loaded::Error(format!(
            "not valid UTF-8 text (bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// What the secret scanner made of one file.
struct SecretScan {
    display: String,
    result: bosun_secrets::FileResult,
    directives: Vec<Directive>,
    error: Option<String>,
}

fn scan_secrets(file: &TextFile, scanner: &bosun_secrets::Scanner, max_size: u64) -> SecretScan {
    let display = file.display.clone();
    // Names decide first, so that media and archives are never read.
    if let bosun_secrets::files::Disposition::Ignore = bosun_secrets::files::disposition(&display) {
        return SecretScan { display, result: Default::default(), directives: Vec::new(), error: None };
    }
    match read_bytes(file.fs_path.as_deref(), max_size) {
        Ok(bytes) => {
            let (result, directives) = secrets::scan_file(scanner, &display, &bytes);
            SecretScan { display, result, directives, error: None }
        }
        Err(NotRead::Skipped(reason)) => {
            let result = bosun_secrets::FileResult { skipped: Some(reason), ..Default::default() };
            SecretScan { display, result, directives: Vec::new(), error: None }
        }
        Err(NotRead::Failed(message)) => {
            SecretScan { display, result: Default::default(), directives: Vec::new(), error: Some(message) }
        }
    }
}

fn analyze(candidate: &Candidate, options: &ScanOptions) -> FileAnalysis {
    let text = match read(candidate, options.max_file_size) {
        Loaded::Text(text) => text,
        Loaded::Skipped(reason) => return FileAnalysis { skipped: Some(reason), ..Default::default() },
        Loaded::Error(message) => {
            let error = FileError { path: candidate.display.clone(), line: None, message };
            return FileAnalysis { error: Some(error), ..Default::default() };
        }
    };
    // Most JSON in a repository is package metadata; only Kubernetes objects,
    // CloudFormation templates and Terraform plans matter.
    let is_json = candidate.display.to_ascii_lowercase().ends_with(".json");
    let kubernetes = text.contains("\"apiVersion\"") && text.contains("\"kind\"");
    let infrastructure = cloudformation::looks_like_template(&text) || terraform::looks_like_plan(&text);
    if is_json && candidate.kind == InputKind::Yaml && !kubernetes && !infrastructure {
        return FileAnalysis::default();
    }
    if candidate.confirm_dockerfile && !source::looks_like_dockerfile(&text) {
        return FileAnalysis::default();
    }
    let kind = if candidate.sniff { source::sniff(&text) } else { candidate.kind };
    analyze_file(&candidate.display, &text, kind, candidate.context, &options.rules, &options.config)
}

/// The report of a history scan: findings per path, with the same filters as
/// a scan of files (inline markers are not read from history: the text they
/// are in may no longer exist).
pub fn report_from_history(scan: bosun_secrets::history::HistoryScan, options: &ScanOptions) -> ScanReport {
    let mut report = ScanReport::new(TOOL);
    report.skipped = scan.skipped;
    let mut per_file: BTreeMap<String, (Vec<Finding>, Vec<Directive>)> = BTreeMap::new();
    // `--exclude` names paths as the working tree has them; history has the same paths.
    for finding in scan.findings.into_iter().filter(|f| !options.exclude.is_match(&f.location.path)) {
        report.files.push(ScannedFile { path: finding.location.path.clone(), domain: bosun_secrets::DOMAIN });
        per_file.entry(finding.location.path.clone()).or_default().0.push(finding);
    }
    report.files.sort();
    report.files.dedup();
    finish(report, per_file, options)
}

pub fn run(candidates: Vec<Candidate>, text_files: Vec<TextFile>, options: &ScanOptions) -> ScanReport {
    let (single, trees) = if options.rules.reads_infrastructure_code() {
        terraform_trees::split(candidates)
    } else {
        (candidates.into_iter().filter(|c| c.kind != InputKind::Terraform).collect(), Vec::new())
    };
    // Three kinds of work share the thread pool: files read alone, Terraform
    // module trees, and every file for secrets.
    let misconfig = || -> (Vec<(Candidate, FileAnalysis)>, Vec<Vec<RootModule>>) {
        rayon::join(
            || {
                single
                    .into_par_iter()
                    .map(|c| {
                        let analysis = analyze(&c, options);
                        (c, analysis)
                    })
                    .collect()
            },
            || trees.par_iter().map(|tree| terraform_trees::analyze(tree, options)).collect(),
        )
    };
    let secrets = || -> Vec<SecretScan> {
        match &options.secrets {
            Some(scanner) => {
                text_files.par_iter().map(|file| scan_secrets(file, scanner, options.max_file_size)).collect()
            }
            None => Vec::new(),
        }
    };
    let dependencies = || -> Option<(inventory::Collected, vulns::VulnScan)> {
        let vuln_options = options.vulns.as_ref()?;
        let collected = inventory::collect(&text_files, options.max_file_size);
        let scan = vulns::scan(&collected.packages, vuln_options);
        Some((collected, scan))
    };
    let ((analyses, module_results), (secret_scans, dependencies)) =
        rayon::join(misconfig, || rayon::join(secrets, dependencies));

    let mut report = ScanReport::new(TOOL);
    let mut per_file: BTreeMap<String, (Vec<Finding>, Vec<Directive>)> = BTreeMap::new();
    for RootModule { path: root, result: module } in module_results.into_iter().flatten() {
        report.errors.extend(module.errors);
        // What a module deliberately did not read (remote modules, limits) is
        // reported like a skipped file, against the root module's directory.
        let path = if root.is_empty() { ".".to_string() } else { root };
        report.skipped.extend(module.notes.into_iter().map(|reason| Skipped { path: path.clone(), reason }));
        for (path, result) in module.files {
            report.files.push(ScannedFile { path: path.clone(), domain: cloud_scan::DOMAIN });
            let entry = per_file.entry(path).or_default();
            entry.0.extend(result.findings);
            entry.1.extend(result.directives);
        }
    }
    let mut objects: Vec<K8sObject> = Vec::new();
    for (candidate, analysis) in analyses {
        if let Some(reason) = analysis.skipped {
            report.skipped.push(Skipped { path: candidate.display.clone(), reason });
        }
        if let Some(error) = analysis.error {
            report.errors.push(error);
        }
        if let Some(domain) = analysis.domain {
            report.files.push(ScannedFile { path: candidate.display.clone(), domain });
            let entry = per_file.entry(candidate.display).or_default();
            entry.0.extend(analysis.findings);
            entry.1.extend(analysis.directives);
        }
        objects.extend(analysis.objects);
    }
    for scan in secret_scans {
        if let Some(message) = scan.error {
            report.errors.push(FileError { path: scan.display.clone(), line: None, message });
        }
        if let Some(reason) = scan.result.skipped {
            report.skipped.push(Skipped { path: scan.display.clone(), reason });
        }
        if scan.result.scanned {
            report.files.push(ScannedFile { path: scan.display.clone(), domain: bosun_secrets::DOMAIN });
        }
        if !scan.result.findings.is_empty() {
            let entry = per_file.entry(scan.display).or_default();
            entry.0.extend(scan.result.findings);
            // A YAML or Terraform file's `# bosun:ignore` comments were found by
            // its own analysis already.
            for directive in scan.directives {
                if !entry.1.iter().any(|d| d.line == directive.line && d.ids == directive.ids) {
                    entry.1.push(directive);
                }
            }
        }
    }
    if let Some((collected, scan)) = dependencies {
        add_dependencies(&mut report, &mut per_file, collected, scan, options);
    }
    // A module called by several roots is read once per caller; list its files once.
    report.files.sort();
    report.files.dedup();
    if let Some(policies) = &options.policies {
        evaluate_policies(policies, &objects, &mut report, &mut per_file);
    }
    let object_refs: Vec<&K8sObject> = objects.iter().collect();
    for finding in analyze_cluster(&object_refs, &options.rules) {
        per_file.entry(finding.location.path.clone()).or_default().0.push(finding);
    }

    finish(report, per_file, options)
}

/// Custom policies on every Kubernetes object of the scan, as conftest runs
/// them on each document; each violation is a finding at the object.
fn evaluate_policies(
    policies: &bosun_policy::PolicySet,
    objects: &[K8sObject],
    report: &mut ScanReport,
    per_file: &mut BTreeMap<String, (Vec<Finding>, Vec<Directive>)>,
) {
    let results: Vec<_> = objects
        .par_iter()
        .map(|object| (object, policies.evaluate_document(&crate::policies::node_to_json(&object.root))))
        .collect();
    for (object, result) in results {
        let span = object.span();
        let location = bosun_core::Location {
            path: object.path.clone(),
            start_line: span.start_line,
            end_line: span.end_line,
            resource: Some(object.resource_id()),
            layer_digest: None,
        };
        match result {
            Ok(violations) => {
                let entry = per_file.entry(object.path.clone()).or_default();
                entry.0.extend(violations.iter().map(|v| v.to_finding(location.clone())));
            }
            Err(e) => report.errors.push(FileError {
                path: object.path.clone(),
                line: Some(span.start_line),
                message: format!("policy evaluation of {}: {e}", object.resource_id()),
            }),
        }
    }
}

/// The dependency scanner's part of the report: lockfiles read, what their
/// readers left out, and the vulnerabilities found — or why none were looked for.
pub(crate) fn add_dependencies(
    report: &mut ScanReport,
    per_file: &mut BTreeMap<String, (Vec<Finding>, Vec<Directive>)>,
    collected: inventory::Collected,
    scan: vulns::VulnScan,
    options: &ScanOptions,
) {
    for (path, message) in collected.errors {
        report.errors.push(FileError { path, line: None, message });
    }
    for (path, reason) in collected.notes {
        report.skipped.push(Skipped { path, reason });
    }
    if let Some(reason) = &scan.unavailable {
        let explicit = options.vulns.as_ref().is_some_and(|v| v.explicit);
        if !collected.files.is_empty() && (explicit || !options.quiet) {
            eprintln!(
                "bosun: dependency checks skipped for {} package file(s): {reason}",
                collected.files.len()
            );
        }
        for path in &collected.files {
            let reason = format!("dependency check skipped: {reason}");
            report.skipped.push(Skipped { path: path.clone(), reason });
        }
    }
    for path in collected.files {
        report.files.push(ScannedFile { path, domain: bosun_core::Domain::Vuln });
    }
    for finding in scan.findings {
        per_file.entry(finding.location.path.clone()).or_default().0.push(finding);
    }
}

/// Suppressions, severity filters and the rule list: the end every scan shares.
pub(crate) fn finish(
    mut report: ScanReport,
    per_file: BTreeMap<String, (Vec<Finding>, Vec<Directive>)>,
    options: &ScanOptions,
) -> ScanReport {
    let files =
        per_file.into_iter().map(|(path, (findings, directives))| (path, findings, directives)).collect();
    let filtered = suppress::apply(files, &options.suppressions);
    let meta_ids: Vec<&str> = options.meta_rules.iter().map(|m| m.id).collect();
    let is_meta = |f: &Finding| suppress::META_RULES.iter().any(|m| m.id == f.rule_id);
    report.findings = filtered
        .kept
        .into_iter()
        .filter(|f| !is_meta(f) || meta_ids.contains(&f.rule_id.as_str()))
        .filter(|f| options.severities.as_ref().is_none_or(|s| s.contains(&f.severity)))
        .collect();
    report.suppressed = filtered.suppressed;
    report.rules = options
        .rules
        .rules
        .iter()
        .map(|(r, severity)| bosun_core::RuleMeta { severity: *severity, ..r.meta })
        .collect();
    report.rules.extend(options.meta_rules.iter().map(|m| **m));
    if let Some(scanner) = &options.secrets {
        report.rules.extend(scanner.engine.rules().map(|rule| rule.meta));
    }
    if let Some(vulns) = &options.vulns {
        let severity = vulns.severity_override.unwrap_or(vulns::RULE.severity);
        report.rules.push(bosun_core::RuleMeta { severity, ..vulns::RULE });
    }
    report.sort();
    // A file too large for both scanners is one skipped file.
    report.skipped.dedup();
    report
}
