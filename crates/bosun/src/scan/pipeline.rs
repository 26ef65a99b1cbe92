//! Runs the analysis over every candidate in parallel, then the checks across
//! files, then suppressions and severity filters.

use super::options::ScanOptions;
use super::source::{self, Candidate};
use super::terraform_trees::{self, RootModule};
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
use std::io::Read;

pub const TOOL: ToolInfo = ToolInfo { name: "bosun", version: env!("CARGO_PKG_VERSION") };

/// What reading one file gave.
enum Loaded {
    Text(String),
    Skipped(String),
    Error(String),
}

fn read(candidate: &Candidate, max_size: u64) -> Loaded {
    let bytes = match &candidate.fs_path {
        Some(path) => {
            match std::fs::metadata(path) {
                Ok(meta) if meta.len() > max_size => {
                    return Loaded::Skipped(format!(
                        "larger than the size limit ({} bytes > {max_size}; see --max-file-size)",
                        meta.len()
                    ))
                }
                Ok(_) => {}
                Err(e) => return Loaded::Error(e.to_string()),
            }
            match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => return Loaded::Error(e.to_string()),
            }
        }
        None => {
            let mut bytes = Vec::new();
            let mut stdin = std::io::stdin().lock().take(max_size + 1);
            if let Err(e) = stdin.read_to_end(&mut bytes) {
                return Loaded::Error(format!("reading stdin: {e}"));
            }
            if bytes.len() as u64 > max_size {
                return Loaded::Skipped(format!("stdin is larger than the size limit ({max_size} bytes)"));
            }
            bytes
        }
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

pub fn run(candidates: Vec<Candidate>, options: &ScanOptions) -> ScanReport {
    let (single, trees) = if options.rules.reads_infrastructure_code() {
        terraform_trees::split(candidates)
    } else {
        (candidates.into_iter().filter(|c| c.kind != InputKind::Terraform).collect(), Vec::new())
    };
    let (analyses, module_results): (Vec<(Candidate, FileAnalysis)>, Vec<Vec<RootModule>>) = rayon::join(
        || {
            single
                .into_par_iter()
                .map(|c| {
                    let a = analyze(&c, options);
                    (c, a)
                })
                .collect()
        },
        || trees.par_iter().map(|tree| terraform_trees::analyze(tree, options)).collect(),
    );

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
    // A module called by several roots is read once per caller; list its files once.
    report.files.sort();
    report.files.dedup();
    let object_refs: Vec<&K8sObject> = objects.iter().collect();
    for finding in analyze_cluster(&object_refs, &options.rules) {
        per_file.entry(finding.location.path.clone()).or_default().0.push(finding);
    }

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
    report.sort();
    report
}
