//! The per-file engine: parse a file, build the views rules look at, run the
//! enabled checks, and turn their hits into findings.

use crate::cloud::{self, cloudformation};
use crate::compose::{self, ComposeService};
use crate::dockerfile::DockerfileView;
use crate::kubernetes::{K8sObject, Workload, ANNOTATION_IGNORE};
use crate::rule::{Check, Hit, Hits, RuleSet};
use bosun_core::config::Config;
use bosun_core::suppress::{self, Directive, Scope};
use bosun_core::{Domain, FileError, Finding, Location, Severity};
use bosun_syntax::{dockerfile, yaml};
use std::sync::Arc;

/// What the file is, as far as the caller knows from its name (or `--kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Dockerfile,
    /// YAML or JSON: Kubernetes objects, a Compose file or a CloudFormation
    /// template, decided by content.
    Yaml,
    /// One Terraform file read alone (directories are read as modules by the pipeline).
    Terraform,
}

/// What the caller knows about a file's surroundings.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileContext {
    /// For Dockerfiles: is there a `.dockerignore` beside it? `None` when unknown.
    pub has_dockerignore: Option<bool>,
    /// The file name says it is a compose file.
    pub compose_name: bool,
    /// A kustomization sits in the file's folder or the one above, so objects
    /// without a namespace get theirs from `kustomize build`.
    pub in_kustomization: bool,
}

#[derive(Debug, Default)]
pub struct FileAnalysis {
    /// What the file turned out to be; `None` when no rule domain applies (any other YAML).
    pub domain: Option<Domain>,
    pub findings: Vec<Finding>,
    pub directives: Vec<Directive>,
    pub error: Option<FileError>,
    /// Why a relevant-looking file was not scanned.
    pub skipped: Option<String>,
    /// Kubernetes objects, for checks across files.
    pub objects: Vec<K8sObject>,
}

pub fn analyze_file(
    path: &str,
    text: &str,
    kind: InputKind,
    context: FileContext,
    rules: &RuleSet,
    config: &Config,
) -> FileAnalysis {
    let mut analysis = match kind {
        InputKind::Dockerfile => analyze_dockerfile(path, text, context, rules, config),
        InputKind::Yaml => {
            let iac = rules.reads_infrastructure_code();
            let plan = iac.then(|| cloud::scan::analyze_plan(path, text, rules, config)).flatten();
            let template = (iac && plan.is_none() && cloudformation::looks_like_template(text))
                .then(|| cloud::scan::analyze_cloudformation(path, text, rules, config))
                .flatten();
            match plan.or(template) {
                Some(analysis) => return analysis,
                None => analyze_yaml(path, text, context, rules, config),
            }
        }
        InputKind::Terraform => return analyze_terraform_file(path, text, rules, config),
    };
    if analysis.domain.is_some() {
        analysis.directives.extend(suppress::inline_directives(text));
        for finding in &mut analysis.findings {
            finding.attach_snippet(text);
        }
    }
    analysis
}

fn analyze_terraform_file(path: &str, text: &str, rules: &RuleSet, config: &Config) -> FileAnalysis {
    // The loader knows Terraform files by their names; stdin (`-`) or a file
    // given with `--kind terraform` gets one for the time of the reading.
    let named = cloud::terraform::is_terraform_file(path);
    let loader_path = if named { path.to_string() } else { format!("{path}.tf") };
    let files = [(loader_path.clone(), text.to_string())];
    let mut module = cloud::scan::analyze_terraform_files(&files, rules, config);
    let mut result = module.files.remove(&loader_path).unwrap_or_default();
    for finding in &mut result.findings {
        finding.location.path = path.to_string();
    }
    let mut error = module.errors.into_iter().next();
    if let Some(error) = &mut error {
        error.path = path.to_string();
    }
    FileAnalysis {
        domain: Some(cloud::scan::DOMAIN),
        findings: result.findings,
        directives: result.directives,
        error,
        ..Default::default()
    }
}

fn analyze_dockerfile(
    path: &str,
    text: &str,
    context: FileContext,
    rules: &RuleSet,
    config: &Config,
) -> FileAnalysis {
    let mut analysis = FileAnalysis { domain: Some(Domain::Dockerfile), ..Default::default() };
    let file = match dockerfile::parse(text) {
        Ok(file) => file,
        Err(e) => {
            analysis.error = Some(FileError { path: path.into(), line: Some(e.line), message: e.message });
            return analysis;
        }
    };
    let view = DockerfileView { file: &file, config, has_dockerignore: context.has_dockerignore };
    for (rule, severity) in &rules.rules {
        if let Check::Dockerfile(check) = rule.check {
            let mut hits = Hits::default();
            check(&view, &mut hits);
            emit(&mut analysis.findings, rule, *severity, hits.take(), path, None);
        }
    }
    analysis
}

fn analyze_yaml(
    path: &str,
    text: &str,
    context: FileContext,
    rules: &RuleSet,
    config: &Config,
) -> FileAnalysis {
    let mut analysis = FileAnalysis::default();
    let stream = yaml::parse_stream(text);
    let shared_text: Arc<str> = Arc::from(text);
    let mut compose_files = Vec::new();
    for document in stream.documents {
        if compose::looks_like_compose(&document.root) {
            compose_files.push(document.root);
        } else {
            let first_new = analysis.objects.len();
            K8sObject::from_document(path, document.root, &shared_text, &mut analysis.objects);
            for object in &mut analysis.objects[first_new..] {
                object.namespace_from_kustomize = context.in_kustomization && object.namespace.is_none();
            }
        }
    }
    let relevant = !analysis.objects.is_empty()
        || !compose_files.is_empty()
        || context.compose_name
        || (text.contains("apiVersion") && text.contains("kind"));
    if let Some(error) = stream.error {
        if relevant && text.contains("{{") {
            analysis.skipped = Some(
                "template syntax ({{ }}): render it first, e.g. `helm template . | bosun scan -`".into(),
            );
            return analysis;
        }
        if relevant {
            analysis.error =
                Some(FileError { path: path.into(), line: Some(error.line), message: error.message });
        }
    }
    if !analysis.objects.is_empty() {
        analysis.domain = Some(Domain::Kubernetes);
        for object in &analysis.objects {
            analysis.directives.extend(annotation_directives(object));
            check_object(object, rules, config, &mut analysis.findings);
        }
    } else if !compose_files.is_empty() {
        analysis.domain = Some(Domain::Compose);
        for root in &compose_files {
            for service in ComposeService::all(root, config) {
                let resource = format!("service/{}", service.name);
                for (rule, severity) in &rules.rules {
                    if let Check::ComposeService(check) = rule.check {
                        let mut hits = Hits::default();
                        check(&service, &mut hits);
                        emit(&mut analysis.findings, rule, *severity, hits.take(), path, Some(&resource));
                    }
                }
            }
        }
    } else if analysis.error.is_some() {
        analysis.domain = Some(if context.compose_name { Domain::Compose } else { Domain::Kubernetes });
    }
    analysis
}

/// Runs the per-object and per-workload Kubernetes checks on objects that
/// came from elsewhere (infrastructure code).
pub fn check_objects(objects: &[K8sObject], rules: &RuleSet, config: &Config) -> Vec<Finding> {
    let mut findings = Vec::new();
    for object in objects {
        check_object(object, rules, config, &mut findings);
    }
    findings
}

fn check_object(object: &K8sObject, rules: &RuleSet, config: &Config, findings: &mut Vec<Finding>) {
    let resource = object.resource_id();
    let workload = Workload::of(object, config);
    for (rule, severity) in &rules.rules {
        let mut hits = Hits::default();
        match (&rule.check, &workload) {
            (Check::Workload(check), Some(workload)) => check(workload, &mut hits),
            (Check::Object(check), _) => check(object, config, &mut hits),
            _ => continue,
        }
        emit(findings, rule, *severity, hits.take(), &object.path, Some(&resource));
    }
}

/// `bosun.dev/ignore` on the object and on its pod template, and Checkov's
/// `checkov.io/skip*: CKV_K8S_16=reason` annotations so existing skips keep working.
fn annotation_directives(object: &K8sObject) -> Vec<Directive> {
    let annotation_paths: [&[&str]; 3] = [
        &["metadata", "annotations"],
        &["spec", "template", "metadata", "annotations"],
        &["spec", "jobTemplate", "spec", "template", "metadata", "annotations"],
    ];
    let mut directives = Vec::new();
    for annotations in annotation_paths.iter().filter_map(|p| object.root.path(p)) {
        for (key, value) in annotations.string_entries() {
            let Some(text) = value.scalar_text() else { continue };
            let (parsed, peer) = if key == ANNOTATION_IGNORE {
                (suppress::parse_annotation(&text), false)
            } else if key.starts_with("checkov.io/skip") {
                let (id, reason) = text.split_once('=').unwrap_or((&text, "checkov.io/skip"));
                (Some((vec![id.trim().to_string()], reason.trim().to_string())), true)
            } else {
                continue;
            };
            if let Some((ids, reason)) = parsed {
                let scope = Scope::Resource(object.resource_id());
                directives.push(Directive { ids, reason, line: value.span.start_line, scope, peer });
            }
        }
    }
    directives
}

/// Runs the cross-document checks over every object of a scan. Findings point
/// into the objects' own files and carry their snippets.
pub fn analyze_cluster(objects: &[&K8sObject], rules: &RuleSet) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (rule, severity) in &rules.rules {
        if let Check::Cluster(check) = rule.check {
            let mut hits = Hits::default();
            check(objects, &mut hits);
            let start = findings.len();
            emit(&mut findings, rule, *severity, hits.take(), "", None);
            for finding in &mut findings[start..] {
                let owner = objects.iter().find(|o| o.path == finding.location.path);
                if let Some(owner) = owner {
                    finding.attach_snippet(&owner.text);
                }
            }
        }
    }
    findings
}

fn emit(
    findings: &mut Vec<Finding>,
    rule: &crate::rule::Rule,
    severity: Severity,
    hits: Vec<Hit>,
    path: &str,
    resource: Option<&str>,
) {
    for hit in hits {
        let location = Location {
            path: hit.path.unwrap_or_else(|| path.to_string()),
            start_line: hit.span.start_line,
            end_line: hit.span.end_line,
            resource: hit.resource.or_else(|| resource.map(String::from)),
            layer_digest: None,
        };
        let mut finding = Finding::new(&rule.meta, hit.message, location);
        finding.severity = severity;
        findings.push(finding);
    }
}
