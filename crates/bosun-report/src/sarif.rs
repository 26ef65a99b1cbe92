//! `--format sarif`: SARIF 2.1.0, shaped for GitHub code scanning.
//!
//! Paths stay relative to the scanned root (`uriBaseId: %SRCROOT%`) and nothing
//! depends on the clock, so the same scan always gives the same bytes.

use bosun_core::report::ScanReport;
use bosun_core::suppress::Suppressed;
use bosun_core::{docs, FileError, Finding, RuleMeta, Severity, Skipped};
use serde::Serialize;

const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/bosun-scanner/bosun";
/// Every artifact URI is relative to the root of the scan; consumers such as
/// GitHub map this base to the checkout themselves.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
    tags: Vec<String>,
    precision: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [Location<'static>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    partial_fingerprints: PartialFingerprints<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    /// The resource inside the file (`Deployment/default/web`), when there is one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    fully_qualified_name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct PartialFingerprints<'a> {
    /// Versioned so that the recipe can change later without old alerts being
    /// matched to new ones by accident.
    #[serde(rename = "bosun/v1")]
    bosun_v1: &'a str,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    justification: &'a str,
}

pub fn render(report: &ScanReport) -> String {
    let rules = rules(report);
    let rule_ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let mut results: Vec<SarifResult> = report.findings.iter().map(|f| result(f, &rule_ids, None)).collect();
    results.extend(report.suppressed.iter().map(|s| result(&s.finding, &rule_ids, Some(s))));
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    information_uri: INFORMATION_URI,
                    rules,
                },
            },
            invocations: [invocation(&report.errors, &report.skipped)],
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF values always serialize");
    text.push('\n');
    text
}

/// The rules that ran, then any rule that only shows up in findings (e.g. the
/// meta rules about suppressions when the caller did not list them), so that
/// every result has a rule to point at.
fn rules(report: &ScanReport) -> Vec<Rule> {
    let mut rules: Vec<Rule> = report.rules.iter().map(rule_from_meta).collect();
    let all_findings = report.findings.iter().chain(report.suppressed.iter().map(|s| &s.finding));
    for finding in all_findings {
        if !rules.iter().any(|r| r.id == finding.rule_id) {
            rules.push(rule_from_finding(finding));
        }
    }
    rules
}

fn rule_from_meta(meta: &RuleMeta) -> Rule {
    let mut tags = vec!["security".to_string(), meta.domain.as_str().to_string()];
    tags.extend(meta.checklist.iter().map(|c| c.to_string()));
    Rule {
        id: meta.id.to_string(),
        name: meta.name.to_string(),
        short_description: Text { text: meta.title.to_string() },
        full_description: Text { text: meta.rationale.to_string() },
        help: Help { text: meta.remediation.to_string(), markdown: docs::markdown(meta) },
        default_configuration: Configuration { level: level(meta.severity) },
        properties: properties(meta.severity, tags),
    }
}

/// A finding carries less than `RuleMeta` (no rationale, no domain): the title
/// stands in for the description and the help is the one-line fix.
fn rule_from_finding(finding: &Finding) -> Rule {
    let mut tags = vec!["security".to_string()];
    tags.extend(finding.checklist.iter().cloned());
    Rule {
        id: finding.rule_id.clone(),
        name: finding.name.clone(),
        short_description: Text { text: finding.title.clone() },
        full_description: Text { text: finding.title.clone() },
        help: Help { text: finding.remediation.clone(), markdown: finding.remediation.clone() },
        default_configuration: Configuration { level: level(finding.severity) },
        properties: properties(finding.severity, tags),
    }
}

fn properties(severity: Severity, tags: Vec<String>) -> RuleProperties {
    RuleProperties { security_severity: severity.security_severity(), tags, precision: "high" }
}

/// GitHub turns `error` into a failing check, so only the two top severities get it.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

fn result<'a>(
    finding: &'a Finding,
    rule_ids: &[String],
    suppressed: Option<&'a Suppressed>,
) -> SarifResult<'a> {
    let location = &finding.location;
    SarifResult {
        rule_id: &finding.rule_id,
        rule_index: rule_ids
            .iter()
            .position(|id| *id == finding.rule_id)
            .expect("rules() covers every finding"),
        level: level(finding.severity),
        message: Text { text: message(finding) },
        locations: [Location {
            physical_location: PhysicalLocation {
                artifact_location: artifact(&location.path),
                region: Some(region(finding)),
            },
            logical_locations: location
                .resource
                .as_deref()
                .map(|resource| LogicalLocation { fully_qualified_name: resource, kind: "resource" })
                .into_iter()
                .collect(),
        }],
        partial_fingerprints: PartialFingerprints { bosun_v1: &finding.fingerprint },
        suppressions: suppressed.map(suppression).into_iter().collect(),
    }
}

fn message(finding: &Finding) -> String {
    if finding.remediation.is_empty() {
        finding.message.clone()
    } else {
        format!("{}\n\nFix: {}", finding.message, finding.remediation)
    }
}

/// SARIF lines start at 1; a finding about a whole file (line 0) points at its
/// first line, which is where GitHub shows file-level alerts anyway.
fn region(finding: &Finding) -> Region {
    let start_line = finding.location.start_line.max(1);
    let snippet: Vec<&str> = finding.snippet.iter().map(|line| line.text.as_str()).collect();
    Region {
        start_line,
        end_line: Some(finding.location.end_line.max(start_line)),
        snippet: (!snippet.is_empty()).then(|| Text { text: snippet.join("\n") }),
    }
}

/// Comments and annotations live in the scanned file; config entries do not.
fn suppression(suppressed: &Suppressed) -> Suppression<'_> {
    let kind = match suppressed.suppression.kind {
        "config" => "external",
        _ => "inSource",
    };
    Suppression { kind, justification: &suppressed.suppression.reason }
}

/// Unreadable files are errors; deliberately skipped files are notes so that a
/// reader of the log knows they were not looked at.
fn invocation(errors: &[FileError], skipped: &[Skipped]) -> Invocation {
    let mut notifications: Vec<Notification> = errors.iter().map(error_notification).collect();
    notifications.extend(skipped.iter().map(|s| Notification {
        level: "note",
        message: Text { text: format!("{}: skipped: {}", s.path, s.reason) },
        locations: [file_location(&s.path, None)],
    }));
    Invocation { execution_successful: true, tool_execution_notifications: notifications }
}

fn error_notification(error: &FileError) -> Notification {
    let place = match error.line {
        Some(line) => format!("{}:{line}", error.path),
        None => error.path.clone(),
    };
    Notification {
        level: "error",
        message: Text { text: format!("{place}: could not be scanned: {}", error.message) },
        locations: [file_location(&error.path, error.line)],
    }
}

fn file_location(path: &str, line: Option<u32>) -> Location<'static> {
    let region = line.map(|line| Region { start_line: line.max(1), end_line: None, snippet: None });
    Location {
        physical_location: PhysicalLocation { artifact_location: artifact(path), region },
        logical_locations: Vec::new(),
    }
}

fn artifact(path: &str) -> ArtifactLocation {
    ArtifactLocation { uri: percent_encode_path(path), uri_base_id: SRCROOT }
}

/// Encodes a relative `/`-separated path as a URI reference: every byte except
/// the RFC 3986 unreserved characters and `/` becomes `%XX`. Encoding `:` too
/// keeps a first segment like `c:foo` from reading as a URI scheme.
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encodes_everything_but_unreserved_characters_and_slashes() {
        assert_eq!(percent_encode_path("k8s/my app/déploy#1.yaml"), "k8s/my%20app/d%C3%A9ploy%231.yaml");
        assert_eq!(percent_encode_path("c:x/50%.yml"), "c%3Ax/50%25.yml");
    }

    #[test]
    fn severities_map_to_sarif_levels() {
        let levels: Vec<&str> = Severity::ALL.iter().map(|s| level(*s)).collect();
        assert_eq!(levels, ["error", "error", "warning", "note", "note"]);
    }
}
