//! `--format junit`: JUnit XML for CI dashboards. Each scanned file is a test
//! suite and each rule that applies to it is a test case, so a dashboard shows
//! which checks a file passes, not only the ones it fails.

use bosun_core::report::ScanReport;
use bosun_core::suppress::Suppressed;
use bosun_core::{Domain, FileError, Finding};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The suite that holds files bosun could not read or parse.
const ERRORS_SUITE: &str = "bosun.errors";

struct Suite {
    name: String,
    cases: Vec<Case>,
}

struct Case {
    classname: String,
    name: String,
    outcome: Outcome,
}

enum Outcome {
    Passed,
    /// Only suppressed findings: the check ran and the risk was accepted.
    Skipped {
        message: String,
    },
    Failed {
        message: String,
        severity: &'static str,
        details: String,
    },
    Error {
        message: String,
        details: String,
    },
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn of(cases: &[Case]) -> Counts {
        let mut counts = Counts { tests: cases.len(), ..Counts::default() };
        for case in cases {
            match case.outcome {
                Outcome::Passed => {}
                Outcome::Skipped { .. } => counts.skipped += 1,
                Outcome::Failed { .. } => counts.failures += 1,
                Outcome::Error { .. } => counts.errors += 1,
            }
        }
        counts
    }

    fn add(self, other: Counts) -> Counts {
        Counts {
            tests: self.tests + other.tests,
            failures: self.failures + other.failures,
            errors: self.errors + other.errors,
            skipped: self.skipped + other.skipped,
        }
    }

    fn attributes(self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

pub fn render(report: &ScanReport) -> String {
    let mut suites = file_suites(report);
    if !report.errors.is_empty() {
        suites.push(error_suite(&report.errors));
    }
    let total = suites.iter().fold(Counts::default(), |total, suite| total.add(Counts::of(&suite.cases)));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"{}\" {}>", escape_attr(report.tool.name), total.attributes());
    for suite in &suites {
        write_suite(&mut out, suite);
    }
    out.push_str("</testsuites>\n");
    out
}

/// One suite per scanned file, plus one per other file that has findings (a
/// config file with a stale suppression), so that every finding is reported.
fn file_suites(report: &ScanReport) -> Vec<Suite> {
    let mut paths: BTreeMap<&str, Option<Domain>> =
        report.files.iter().map(|f| (f.path.as_str(), Some(f.domain))).collect();
    for finding in all_findings(report) {
        paths.entry(&finding.location.path).or_insert(None);
    }
    paths.into_iter().map(|(path, domain)| file_suite(report, path, domain)).collect()
}

fn all_findings(report: &ScanReport) -> impl Iterator<Item = &Finding> {
    report.findings.iter().chain(report.suppressed.iter().map(|s| &s.finding))
}

/// The rules of the file's domain, and any other rule that found something in
/// it (the meta rules about suppressions report on files of every domain).
fn file_suite(report: &ScanReport, path: &str, domain: Option<Domain>) -> Suite {
    let mut rules: BTreeMap<&str, &str> =
        report.rules.iter().filter(|r| Some(r.domain) == domain).map(|r| (r.id, r.name)).collect();
    for finding in all_findings(report).filter(|f| f.location.path == path) {
        rules.insert(&finding.rule_id, &finding.name);
    }
    let cases = rules
        .into_iter()
        .map(|(id, name)| Case {
            classname: path.to_string(),
            name: format!("{id} {name}"),
            outcome: outcome(report, path, id),
        })
        .collect();
    Suite { name: path.to_string(), cases }
}

fn outcome(report: &ScanReport, path: &str, rule_id: &str) -> Outcome {
    let here = |f: &Finding| f.location.path == path && f.rule_id == rule_id;
    let findings: Vec<&Finding> = report.findings.iter().filter(|f| here(f)).collect();
    let suppressed: Vec<&Suppressed> = report.suppressed.iter().filter(|s| here(&s.finding)).collect();
    if !findings.is_empty() {
        failure(&findings)
    } else if !suppressed.is_empty() {
        skipped(&suppressed)
    } else {
        Outcome::Passed
    }
}

/// One failure per rule and file, listing every finding, because JUnit readers
/// show only the first `<failure>` of a test case.
fn failure(findings: &[&Finding]) -> Outcome {
    let first = findings[0];
    let severity = findings.iter().map(|f| f.severity).fold(first.severity, Ord::max);
    let mut lines: Vec<String> = findings
        .iter()
        .map(|finding| {
            let resource =
                finding.location.resource.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
            format!("line {}: {}{resource}", finding.location.start_line, finding.message)
        })
        .collect();
    if !first.remediation.is_empty() {
        lines.push(format!("Fix: {}", first.remediation));
    }
    let message = format!("{} ({})", first.title, count(findings.len(), "finding"));
    Outcome::Failed { message, severity: severity.as_str(), details: lines.join("\n") }
}

fn skipped(suppressed: &[&Suppressed]) -> Outcome {
    let mut reasons: Vec<&str> = Vec::new();
    for reason in suppressed.iter().map(|s| s.suppression.reason.as_str()) {
        if !reason.is_empty() && !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    let mut message = format!("{} suppressed", count(suppressed.len(), "finding"));
    if !reasons.is_empty() {
        let _ = write!(message, ": {}", reasons.join("; "));
    }
    Outcome::Skipped { message }
}

fn error_suite(errors: &[FileError]) -> Suite {
    let cases = errors
        .iter()
        .map(|error| {
            let place = match error.line {
                Some(line) => format!("{}:{line}", error.path),
                None => error.path.clone(),
            };
            Case {
                classname: ERRORS_SUITE.to_string(),
                name: error.path.clone(),
                outcome: Outcome::Error {
                    message: error.message.clone(),
                    details: format!("{place}: could not be scanned: {}", error.message),
                },
            }
        })
        .collect();
    Suite { name: ERRORS_SUITE.to_string(), cases }
}

fn write_suite(out: &mut String, suite: &Suite) {
    let counts = Counts::of(&suite.cases);
    let _ = writeln!(out, "  <testsuite name=\"{}\" {}>", escape_attr(&suite.name), counts.attributes());
    for case in &suite.cases {
        write_case(out, case);
    }
    out.push_str("  </testsuite>\n");
}

fn write_case(out: &mut String, case: &Case) {
    let open = format!(
        "    <testcase classname=\"{}\" name=\"{}\"",
        escape_attr(&case.classname),
        escape_attr(&case.name)
    );
    let _ = match &case.outcome {
        Outcome::Passed => writeln!(out, "{open}/>"),
        Outcome::Skipped { message } => {
            writeln!(out, "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>", escape_attr(message))
        }
        Outcome::Failed { message, severity, details } => writeln!(
            out,
            "{open}>\n      <failure message=\"{}\" type=\"{severity}\">{}</failure>\n    </testcase>",
            escape_attr(message),
            escape_text(details)
        ),
        Outcome::Error { message, details } => writeln!(
            out,
            "{open}>\n      <error message=\"{}\" type=\"unreadable\">{}</error>\n    </testcase>",
            escape_attr(message),
            escape_text(details)
        ),
    };
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Escapes element content for XML 1.0. Line breaks stay readable; `\r` becomes
/// a character reference because parsers would otherwise drop it.
fn escape_text(text: &str) -> String {
    escape(text, false)
}

/// Escapes an attribute value: tabs and newlines become character references
/// too, because parsers turn them into spaces inside attributes.
fn escape_attr(text: &str) -> String {
    escape(text, true)
}

/// Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF)
/// become U+FFFD so that the document stays well-formed.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            c if is_forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_whitespace_and_forbidden_characters() {
        assert_eq!(escape_text("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape_attr("x\ty\r\nz"), "x&#9;y&#13;&#10;z");
        assert_eq!(escape_text("x\ty\r\nz"), "x\ty&#13;\nz");
        assert_eq!(escape_text("bell\u{7}\u{0}end\u{FFFF}"), "bell\u{FFFD}\u{FFFD}end\u{FFFD}");
        assert_eq!(escape_attr("déjà vu ✓"), "déjà vu ✓");
    }
}
