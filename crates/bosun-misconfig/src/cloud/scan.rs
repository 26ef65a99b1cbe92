//! Runs the cloud checks on what the adapters read, and turns their hits into
//! findings with snippets and the suppressions written in the files.

use super::deployment::Deployment;
use super::{analyze_deployment, cloudformation, kubernetes, terraform};
use crate::analyze;
use crate::analyze::FileAnalysis;
use crate::rule::RuleSet;
use bosun_core::config::Config;
use bosun_core::suppress::{self, Directive, Scope};
use bosun_core::{Domain, FileError, Finding, Provider};
use std::collections::BTreeMap;

/// The domain scanned files of infrastructure code are reported under.
pub const DOMAIN: Domain = Domain::Cloud(Provider::Aws);

/// One file's share of a deployment's results.
#[derive(Debug, Default)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub directives: Vec<Directive>,
}

/// What checking one Terraform module gave, per file.
#[derive(Debug, Default)]
pub struct ModuleResult {
    pub files: BTreeMap<String, FileResult>,
    pub errors: Vec<FileError>,
    /// What was deliberately not read, and why.
    pub notes: Vec<String>,
}

/// Terraform files given as texts, read as one module (a directory's files, or
/// one file named on the command line or read from stdin).
pub fn analyze_terraform_files(files: &[(String, String)], rules: &RuleSet, config: &Config) -> ModuleResult {
    let loaded = terraform::load_files(files);
    let texts: Vec<Option<&str>> = loaded
        .deployment
        .files
        .iter()
        .map(|path| files.iter().find(|(p, _)| p == path).map(|(_, text)| text.as_str()))
        .collect();
    let mut result = check(&loaded.deployment, &texts, rules, config);
    // Every file given counts as scanned, even one that declares no resource.
    for (path, _) in files {
        result.entry(path.clone()).or_default();
    }
    ModuleResult { files: result, errors: loaded.errors, notes: loaded.notes }
}

/// A root module read from files (`terraform::load_module_dir`): checked, with
/// the texts the loader read for snippets and suppression comments.
pub fn check_module(
    loaded: terraform::Loaded,
    texts: &[Option<&str>],
    rules: &RuleSet,
    config: &Config,
) -> ModuleResult {
    let files = check(&loaded.deployment, texts, rules, config);
    ModuleResult { files, errors: loaded.errors, notes: loaded.notes }
}

/// A `terraform show -json` plan. `None` when the text is not a plan.
pub fn analyze_plan(path: &str, text: &str, rules: &RuleSet, config: &Config) -> Option<FileAnalysis> {
    if !terraform::looks_like_plan(text) {
        return None;
    }
    let mut analysis = FileAnalysis { domain: Some(DOMAIN), ..Default::default() };
    match terraform::load_plan(path, text) {
        Ok(deployment) => {
            let result = check(&deployment, &[Some(text)], rules, config).remove(path).unwrap_or_default();
            analysis.findings = result.findings;
        }
        Err(error) => analysis.error = Some(error),
    }
    Some(analysis)
}

/// A CloudFormation template: read, checked, with its inline and metadata
/// suppressions. `None` when the text turns out not to be a template.
pub fn analyze_cloudformation(
    path: &str,
    text: &str,
    rules: &RuleSet,
    config: &Config,
) -> Option<FileAnalysis> {
    let mut analysis = FileAnalysis { domain: Some(DOMAIN), ..Default::default() };
    match cloudformation::load_template(path, text) {
        Ok(template) if !template.is_template => return None,
        Ok(template) if template.needs_packaging => {
            // Checking it as written would report what its modules add as missing.
            analysis.skipped = Some(
                "the template uses `Modules:` (rain): package it first (`rain pkg`) and scan the result"
                    .into(),
            );
        }
        Ok(template) => {
            let texts = [Some(text)];
            let mut results = check(&template.deployment, &texts, rules, config);
            let result = results.remove(path).unwrap_or_default();
            analysis.findings = result.findings;
            analysis.directives = result.directives;
            analysis.directives.extend(template.directives);
        }
        Err(error) => analysis.error = Some(error),
    }
    Some(analysis)
}

/// Checks a deployment. `texts` are the deployment's files' texts (by
/// [`Deployment::files`] index), for snippets and inline suppressions; a file
/// whose text is missing gets neither. Results are keyed by display path.
pub fn check(
    deployment: &Deployment,
    texts: &[Option<&str>],
    rules: &RuleSet,
    config: &Config,
) -> BTreeMap<String, FileResult> {
    let mut results: BTreeMap<String, FileResult> = BTreeMap::new();
    for (index, path) in deployment.files.iter().enumerate() {
        let entry = results.entry(path.clone()).or_default();
        if let Some(text) = texts.get(index).copied().flatten() {
            entry.directives = resource_scoped(deployment, index as u32, suppress::inline_directives(text));
        }
    }
    let mut findings = analyze_deployment(deployment, rules);
    if rules.has_domain(Domain::Kubernetes) {
        let objects = kubernetes::objects(deployment, texts);
        findings.extend(analyze::check_objects(&objects, rules, config));
        findings.extend(analyze::analyze_cluster(&objects.iter().collect::<Vec<_>>(), rules));
    }
    for mut finding in findings {
        let index = deployment.files.iter().position(|f| *f == finding.location.path);
        if let Some(text) = index.and_then(|i| texts.get(i).copied().flatten()) {
            finding.attach_snippet(text);
        }
        results.entry(finding.location.path.clone()).or_default().findings.push(finding);
    }
    results
}

/// A suppression comment on the line that opens a resource (or just above it)
/// covers the whole resource, as in Trivy; a Checkov or Trivy comment anywhere
/// inside a resource covers that resource, as in Checkov.
fn resource_scoped(deployment: &Deployment, file: u32, directives: Vec<Directive>) -> Vec<Directive> {
    let resources: Vec<_> = deployment.resources.iter().filter(|r| r.file == file).collect();
    directives
        .into_iter()
        .map(|mut directive| {
            let Scope::Lines(lines) = &directive.scope else { return directive };
            let opening = resources.iter().find(|r| lines.contains(&r.span.start_line));
            let inside = || {
                resources
                    .iter()
                    .filter(|r| r.span.start_line <= directive.line && directive.line <= r.span.end_line)
                    .min_by_key(|r| r.span.end_line - r.span.start_line)
            };
            let owner = opening.or_else(|| if directive.peer { inside() } else { None });
            if let Some(resource) = owner {
                directive.scope = Scope::Resource(resource.address.clone());
            }
            directive
        })
        .collect()
}
