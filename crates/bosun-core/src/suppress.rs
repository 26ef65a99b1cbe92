//! Suppressions: config entries, inline `# bosun:ignore[ID] reason` comments and
//! Kubernetes `bosun.dev/ignore` annotations. A suppression that matches nothing,
//! or that has expired, becomes a finding itself so stale ignores do not pile up.

use crate::config::SuppressEntry;
use crate::finding::Finding;
use crate::{ids, Domain, Location, RuleMeta, Severity, Span};
use globset::{Glob, GlobMatcher};
use serde::Serialize;

pub const UNUSED_SUPPRESSION: RuleMeta = RuleMeta {
    id: "BOSUN001",
    name: "unused-suppression",
    title: "Suppression matches no finding",
    severity: Severity::Info,
    domain: Domain::Config,
    checklist: &[],
    aliases: &["RUF100"],
    rationale: "A suppression that no longer matches anything hides nothing today but will silently hide a \
                real problem if one appears at that place later. Removing stale suppressions keeps the list \
                of accepted risks honest.",
    remediation: "Delete the suppression, or fix its rule id or path.",
    bad_example: "# bosun:ignore[K8S001] no longer privileged\n",
    good_example: "",
};

pub const EXPIRED_SUPPRESSION: RuleMeta = RuleMeta {
    id: "BOSUN002",
    name: "expired-suppression",
    title: "Suppression has expired",
    severity: Severity::Low,
    domain: Domain::Config,
    checklist: &[],
    aliases: &[],
    rationale: "An accepted risk with an expiry date was meant to be reviewed by then. Once expired, the \
                suppression no longer applies and the findings it covered are reported again.",
    remediation: "Fix the findings, or review the risk and move the expiry date.",
    bad_example: "[[suppress]]\nrule = \"K8S001\"\nreason = \"migration\"\nexpires = 2020-01-01\n",
    good_example: "[[suppress]]\nrule = \"K8S001\"\nreason = \"migration\"\nexpires = 2999-01-01\n",
};

pub const META_RULES: [&RuleMeta; 2] = [&UNUSED_SUPPRESSION, &EXPIRED_SUPPRESSION];

/// Where a directive written in a file applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Findings that start on one of these lines (the comment's own line and the
    /// line of code below a comment-only line).
    Lines(Vec<u32>),
    /// Findings about this resource (Kubernetes annotations).
    Resource(String),
}

/// A suppression written inside a scanned file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub ids: Vec<String>,
    pub reason: String,
    /// Where the directive itself is written, for the unused-suppression report.
    pub line: u32,
    pub scope: Scope,
    /// Written for another tool (hadolint, Trivy, Checkov). Honoured through rule
    /// aliases, but never reported as unused: the other tool may still need it.
    pub peer: bool,
}

impl Directive {
    fn applies_to(&self, finding: &Finding) -> bool {
        let in_scope = match &self.scope {
            Scope::Lines(lines) => lines.contains(&finding.location.start_line),
            Scope::Resource(resource) => finding.location.resource.as_deref() == Some(resource.as_str()),
        };
        in_scope && self.ids.iter().any(|id| finding_answers_to(finding, id))
    }
}

pub fn finding_answers_to(finding: &Finding, key: &str) -> bool {
    let key = ids::normalize(key);
    ids::normalize(&finding.rule_id) == key
        || ids::normalize(&finding.name) == key
        || finding.aliases.iter().any(|alias| ids::normalize(alias) == key)
}

const MARKER: &str = "bosun:ignore[";

/// Parses `bosun:ignore[ID,ID] reason` from one piece of text (a comment or an
/// annotation value, which may omit the `bosun:ignore` wrapper).
pub fn parse_ids_and_reason(text: &str) -> Option<(Vec<String>, String)> {
    let start = text.find(MARKER)? + MARKER.len();
    let close = text[start..].find(']')? + start;
    let ids = split_ids(&text[start..close]);
    (!ids.is_empty()).then(|| (ids, text[close + 1..].trim().to_string()))
}

/// Annotation form: `"ID[,ID] reason"`.
pub fn parse_annotation(value: &str) -> Option<(Vec<String>, String)> {
    let value = value.trim();
    let (ids, reason) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    let ids = split_ids(ids);
    (!ids.is_empty()).then(|| (ids, reason.trim().to_string()))
}

fn split_ids(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|id| !id.is_empty()).map(String::from).collect()
}

/// Finds `# bosun:ignore[...]` comments in a file. A comment at the end of a line
/// covers that line; a comment on a line of its own covers the next line of code.
pub fn inline_directives(text: &str) -> Vec<Directive> {
    if !text.contains(MARKER) && !PEER_MARKERS.iter().any(|m| text.contains(m)) {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut directives = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        // `#` everywhere; Terraform also writes `//` comments.
        let Some(hash) = comment_start(line) else { continue };
        let comment = &line[hash..];
        let (ids, reason, peer) = match parse_ids_and_reason(comment) {
            Some((ids, reason)) => (ids, reason, false),
            None => match parse_peer_comment(comment) {
                Some((ids, reason)) => (ids, reason, true),
                None => continue,
            },
        };
        let number = index as u32 + 1;
        let mut covered = vec![number];
        if line[..hash].trim().is_empty() {
            let next_code = lines[index + 1..]
                .iter()
                .position(|l| {
                    let l = l.trim_start();
                    !l.is_empty() && !l.starts_with('#') && !l.starts_with("//")
                })
                .map(|offset| number + 1 + offset as u32);
            covered.extend(next_code);
        }
        directives.push(Directive { ids, reason, line: number, scope: Scope::Lines(covered), peer });
    }
    directives
}

/// Finds `bosun:ignore[...]` markers anywhere in a line, whatever the comment
/// syntax (`<!-- -->`, `--`, `;`, `/* */`, `REM`): secrets are found in every kind
/// of file. A marker on a line with nothing else but comment punctuation covers
/// the next non-blank line too.
pub fn marker_directives(text: &str) -> Vec<Directive> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut directives = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(at) = line.find(MARKER) else { continue };
        let Some((ids, reason)) = parse_ids_and_reason(&line[at..]) else { continue };
        let reason = reason.trim_end_matches(|c: char| "*/->".contains(c) || c.is_whitespace()).to_string();
        let number = index as u32 + 1;
        let mut covered = vec![number];
        let before = line[..at].trim_start();
        let only_comment = before.trim_end().chars().all(|c| "#/*<!-;'%".contains(c))
            || before.trim_end().eq_ignore_ascii_case("rem");
        if only_comment {
            let next = lines[index + 1..].iter().position(|l| !l.trim().is_empty());
            covered.extend(next.map(|offset| number + 1 + offset as u32));
        }
        directives.push(Directive { ids, reason, line: number, scope: Scope::Lines(covered), peer: false });
    }
    directives
}

fn comment_start(line: &str) -> Option<usize> {
    let hash = line.find('#');
    let slashes = line.find("//").filter(|&i| i == 0 || line[..i].ends_with(char::is_whitespace));
    match (hash, slashes) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Suppression comments of the tools users migrate from, so their existing
/// ignores keep working: `# hadolint ignore=DL3008,DL3009`,
/// `# trivy:ignore:AVD-DS-0002`, `# tfsec:ignore:aws-s3-enable-versioning`,
/// `# checkov:skip=CKV_DOCKER_3: reason`.
const PEER_MARKERS: [&str; 4] = ["hadolint ignore=", "trivy:ignore:", "tfsec:ignore:", "checkov:skip="];

fn parse_peer_comment(comment: &str) -> Option<(Vec<String>, String)> {
    if let Some(start) = comment.find("hadolint ignore=") {
        let list = comment[start + "hadolint ignore=".len()..].split_whitespace().next().unwrap_or_default();
        let ids = split_ids(list);
        return (!ids.is_empty()).then(|| (ids, "hadolint ignore".to_string()));
    }
    for marker in ["trivy:ignore:", "tfsec:ignore:"] {
        if comment.contains(marker) {
            // tfsec allows an expiry (`tfsec:ignore:ID:exp:2025-01-01`): the id ends at the colon.
            let ids: Vec<String> = comment
                .split(marker)
                .skip(1)
                .filter_map(|rest| rest.split(|c: char| c.is_whitespace() || c == '#' || c == ':').next())
                .filter(|id| !id.is_empty())
                .map(String::from)
                .collect();
            return (!ids.is_empty()).then(|| (ids, marker.trim_end_matches(':').to_string()));
        }
    }
    let start = comment.find("checkov:skip=")? + "checkov:skip=".len();
    let rest = comment[start..].trim();
    let (id, reason) = rest.split_once(':').unwrap_or((rest, "checkov:skip"));
    let id = id.trim();
    (!id.is_empty()).then(|| (vec![id.to_string()], reason.trim().to_string()))
}

/// A finding that a suppression hid, with the reason, for audit trails.
#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub suppression: SuppressionRecord,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuppressionRecord {
    /// `inline`, `annotation` or `config`.
    pub kind: &'static str,
    pub reason: String,
}

/// Config-file suppressions, compiled once per scan.
pub struct ConfigSuppressions {
    entries: Vec<CompiledEntry>,
    config_path: String,
}

struct CompiledEntry {
    entry: SuppressEntry,
    glob: Option<GlobMatcher>,
    expired: bool,
    /// The line of the entry in the config file, for reports about it.
    line: u32,
}

impl ConfigSuppressions {
    /// `config_text` is used only to point reports at the entry's line.
    pub fn new(
        entries: &[SuppressEntry],
        config_path: &str,
        config_text: &str,
        today: jiff::civil::Date,
    ) -> Result<Self, String> {
        let mut compiled = Vec::new();
        let mut search_from = 0;
        for entry in entries {
            let glob = match &entry.path {
                Some(pattern) => Some(
                    Glob::new(pattern)
                        .map_err(|e| format!("suppression for {}: bad path glob: {e}", entry.rule))?
                        .compile_matcher(),
                ),
                None => None,
            };
            let expired = entry.expires.and_then(|e| e.date).is_some_and(|d| {
                (i32::from(d.year), d.month as i8, d.day as i8)
                    < (today.year() as i32, today.month(), today.day())
            });
            let offset = config_text[search_from..].find("[[suppress]]").map(|o| o + search_from);
            let line = offset.map_or(1, |o| config_text[..o].matches('\n').count() as u32 + 1);
            search_from = offset.map_or(search_from, |o| o + 1);
            compiled.push(CompiledEntry { entry: entry.clone(), glob, expired, line });
        }
        Ok(ConfigSuppressions { entries: compiled, config_path: config_path.to_string() })
    }

    pub fn empty() -> Self {
        ConfigSuppressions { entries: Vec::new(), config_path: String::new() }
    }
}

/// The result of applying every suppression to a scan's findings.
#[derive(Debug, Default)]
pub struct Filtered {
    pub kept: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

/// Applies inline/annotation directives (per file) and config suppressions, and
/// adds findings for suppressions that matched nothing or have expired.
/// `files` yields each scanned file's path, findings and directives.
pub fn apply(files: Vec<(String, Vec<Finding>, Vec<Directive>)>, config: &ConfigSuppressions) -> Filtered {
    let mut out = Filtered::default();
    let mut config_used = vec![false; config.entries.len()];
    for (path, findings, directives) in files {
        let mut directive_used = vec![false; directives.len()];
        for finding in findings {
            if let Some(i) = directives.iter().position(|d| d.applies_to(&finding)) {
                directive_used[i] = true;
                let kind =
                    if matches!(directives[i].scope, Scope::Resource(_)) { "annotation" } else { "inline" };
                let record = SuppressionRecord { kind, reason: directives[i].reason.clone() };
                out.suppressed.push(Suppressed { finding, suppression: record });
                continue;
            }
            let matching = config.entries.iter().position(|c| {
                !c.expired
                    && c.glob.as_ref().is_none_or(|g| g.is_match(&finding.location.path))
                    && finding_answers_to(&finding, &c.entry.rule)
            });
            if let Some(i) = matching {
                config_used[i] = true;
                let record =
                    SuppressionRecord { kind: "config", reason: config.entries[i].entry.reason.clone() };
                out.suppressed.push(Suppressed { finding, suppression: record });
                continue;
            }
            out.kept.push(finding);
        }
        for (directive, used) in directives.iter().zip(directive_used) {
            if !used && !directive.peer {
                let message = format!(
                    "bosun:ignore[{}] matches no finding here; remove it or fix the rule id",
                    directive.ids.join(",")
                );
                out.kept.push(meta_finding(&UNUSED_SUPPRESSION, message, &path, directive.line));
            }
        }
    }
    for (compiled, used) in config.entries.iter().zip(config_used) {
        let entry = &compiled.entry;
        let (meta, message) = if compiled.expired {
            let expires = entry.expires.map(|e| e.to_string()).unwrap_or_default();
            (
                &EXPIRED_SUPPRESSION,
                format!("suppression of {} expired on {expires}: {}", entry.rule, entry.reason),
            )
        } else if !used {
            let place = entry.path.as_deref().map(|p| format!(" in {p}")).unwrap_or_default();
            (&UNUSED_SUPPRESSION, format!("suppression of {}{place} matches no finding", entry.rule))
        } else {
            continue;
        };
        out.kept.push(meta_finding(meta, message, &config.config_path, compiled.line));
    }
    out
}

fn meta_finding(meta: &RuleMeta, message: String, path: &str, line: u32) -> Finding {
    let span = Span::line(line);
    let location = Location {
        path: path.to_string(),
        start_line: span.start_line,
        end_line: span.end_line,
        resource: None,
        layer_digest: None,
    };
    Finding::new(meta, message, location)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: RuleMeta = RuleMeta {
        id: "K8S001",
        name: "privileged-container",
        title: "t",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &[],
        aliases: &["KSV-0017", "CKV_K8S_16"],
        rationale: "",
        remediation: "",
        bad_example: "",
        good_example: "",
    };

    #[test]
    fn markers_work_in_any_comment_syntax() {
        let text = "<!-- bosun:ignore[SEC040] test fixture -->\n\ntoken ghp_x\nkey = 1 -- bosun:ignore[SEC001] ok\nplain\n";
        let found = marker_directives(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].ids, ["SEC040"]);
        assert_eq!(found[0].reason, "test fixture");
        assert_eq!(found[0].scope, Scope::Lines(vec![1, 3]));
        assert_eq!(found[1].scope, Scope::Lines(vec![4]), "a marker after code covers its own line only");
        assert!(marker_directives("no markers here").is_empty());
    }

    fn finding(line: u32, resource: Option<&str>) -> Finding {
        let location = Location {
            path: "a.yaml".into(),
            start_line: line,
            end_line: line,
            resource: resource.map(String::from),
            layer_digest: None,
        };
        Finding::new(&RULE, "m".into(), location)
    }

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 6, 1)
    }

    #[test]
    fn comment_covers_its_line_and_the_code_below() {
        let text = "a: 1\n# bosun:ignore[KSV017] accepted\n\nb: 2  # bosun:ignore[privileged-container]\n";
        let directives = inline_directives(text);
        assert_eq!(directives.len(), 2);
        assert_eq!(directives[0].scope, Scope::Lines(vec![2, 4]));
        assert_eq!(directives[0].reason, "accepted");
        let out = apply(
            vec![("a.yaml".into(), vec![finding(4, None), finding(1, None)], directives)],
            &ConfigSuppressions::empty(),
        );
        assert_eq!(out.suppressed.len(), 1);
        assert_eq!(out.kept.len(), 2, "line 1 stays, and one directive is unused: {:?}", out.kept);
        assert!(out.kept.iter().any(|f| f.rule_id == "BOSUN001" && f.location.start_line == 4));
    }

    #[test]
    fn peer_tools_comments_are_honoured_through_aliases_and_never_reported_unused() {
        let text = "# hadolint ignore=DL3008,KSV-0017\na: 1\nb: 2 # trivy:ignore:AVD-KSV-0017\n# checkov:skip=CKV_K8S_16: host agent\nc: 3\n# hadolint ignore=DL3009\nd: 4\n";
        let directives = inline_directives(text);
        assert_eq!(directives.len(), 4);
        assert!(directives.iter().all(|d| d.peer));
        assert_eq!(directives[0].ids, ["DL3008", "KSV-0017"]);
        assert_eq!(directives[1].ids, ["AVD-KSV-0017"]);
        assert_eq!(directives[2].reason, "host agent");
        let findings = vec![finding(2, None), finding(3, None), finding(5, None)];
        let out = apply(vec![("a.yaml".into(), findings, directives)], &ConfigSuppressions::empty());
        assert_eq!(out.suppressed.len(), 3);
        assert!(out.kept.is_empty(), "the unused hadolint comment is not reported: {:?}", out.kept);
    }

    #[test]
    fn annotations_cover_their_resource() {
        let (ids, reason) = parse_annotation("CKV_K8S_16,K8S002 needs host access").unwrap();
        let directive =
            Directive { ids, reason, line: 3, scope: Scope::Resource("Pod/default/a".into()), peer: false };
        let out = apply(
            vec![(
                "a.yaml".into(),
                vec![finding(9, Some("Pod/default/a")), finding(20, Some("Pod/default/b"))],
                vec![directive],
            )],
            &ConfigSuppressions::empty(),
        );
        assert_eq!(out.suppressed.len(), 1);
        assert_eq!(out.suppressed[0].suppression.kind, "annotation");
        assert_eq!(out.kept.len(), 1);
    }

    #[test]
    fn config_entries_match_paths_expire_and_report_when_unused() {
        let text = "[[suppress]]\nrule = \"KSV017\"\nreason = \"x\"\n[[suppress]]\nrule = \"K8S001\"\npath = \"other/**\"\nreason = \"y\"\n[[suppress]]\nrule = \"K8S001\"\nreason = \"z\"\nexpires = 2026-05-31\n";
        let config = crate::config::Config::parse(text).unwrap();
        let suppressions = ConfigSuppressions::new(&config.suppress, "bosun.toml", text, today()).unwrap();
        let out = apply(vec![("a.yaml".into(), vec![finding(1, None)], vec![])], &suppressions);
        assert_eq!(out.suppressed.len(), 1);
        assert_eq!(out.suppressed[0].suppression.reason, "x");
        let reported: Vec<_> = out.kept.iter().map(|f| (f.rule_id.as_str(), f.location.start_line)).collect();
        assert_eq!(reported, [("BOSUN001", 4), ("BOSUN002", 8)]);
    }
}
