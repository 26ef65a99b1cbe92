//! The readable report: findings grouped by file, each with the lines it is
//! about and a one-line fix, then errors, skipped files and a summary.

use anstyle::{AnsiColor, Style};
use bosun_core::report::ScanReport;
use bosun_core::{Finding, Severity};
use std::fmt::Write;

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity) -> String {
        let color = match severity {
            Severity::Critical => AnsiColor::BrightRed,
            Severity::High => AnsiColor::Red,
            Severity::Medium => AnsiColor::Yellow,
            Severity::Low => AnsiColor::Blue,
            Severity::Info => AnsiColor::BrightBlack,
        };
        let style = Style::new().fg_color(Some(color.into())).bold();
        self.paint(style, &format!("{:<8}", severity.as_str()))
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

pub fn render(report: &ScanReport, color: bool) -> String {
    let painter = Painter { color };
    let mut out = String::new();
    let mut current_path: Option<&str> = None;
    for finding in &report.findings {
        if current_path != Some(finding.location.path.as_str()) {
            if current_path.is_some() {
                out.push('\n');
            }
            let path = if finding.location.path.is_empty() { "<input>" } else { &finding.location.path };
            let _ = writeln!(out, "{}", painter.paint(BOLD.underline(), path));
            current_path = Some(&finding.location.path);
        }
        write_finding(&mut out, &painter, finding);
    }
    if !report.errors.is_empty() {
        let _ = writeln!(out, "\n{}", painter.paint(BOLD, "Files that could not be scanned"));
        for error in &report.errors {
            let place = match error.line {
                Some(line) => format!("{}:{line}", error.path),
                None => error.path.clone(),
            };
            let _ = writeln!(out, "  {}: {}", painter.paint(BOLD, &place), error.message);
        }
    }
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "\n{}", painter.paint(BOLD, "Skipped"));
        for skipped in &report.skipped {
            let _ = writeln!(out, "  {}: {}", skipped.path, skipped.reason);
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out
}

fn write_finding(out: &mut String, painter: &Painter, finding: &Finding) {
    let resource = finding.location.resource.as_deref().map(|r| format!("  [{r}]")).unwrap_or_default();
    let _ = writeln!(
        out,
        "  {} {} {}{}",
        painter.severity(finding.severity),
        painter.paint(BOLD, &format!("{:<9}", finding.rule_id)),
        finding.title,
        painter.paint(DIM, &resource)
    );
    let indent = " ".repeat(21);
    let _ = writeln!(out, "{indent}{}", finding.message);
    if let Some(layer) = &finding.location.layer_digest {
        // Image scans: which layer holds the bytes (the digest's first 12 hex digits, as docker shows ids).
        let short = layer.strip_prefix("sha256:").map_or(layer.as_str(), |hex| &hex[..hex.len().min(12)]);
        let _ = writeln!(out, "{indent}{}", painter.paint(DIM, &format!("in layer {short}")));
    }
    if let Some(commit) = &finding.commit {
        let short = &commit.id[..commit.id.len().min(12)];
        let _ = writeln!(
            out,
            "{indent}{}",
            painter.paint(
                DIM,
                &format!("introduced in {short} by {} <{}> on {}", commit.author, commit.email, commit.date)
            )
        );
    }
    for line in &finding.snippet {
        let _ = writeln!(out, "{indent}{} {}", painter.paint(DIM, &format!("{:>5} │", line.line)), line.text);
    }
    if finding.snippet.is_empty() && finding.location.start_line > 0 {
        let _ =
            writeln!(out, "{indent}{}", painter.paint(DIM, &format!("line {}", finding.location.start_line)));
    }
    let _ = writeln!(
        out,
        "{indent}{} {}",
        painter.paint(Style::new().fg_color(Some(AnsiColor::Green.into())), "fix:"),
        finding.remediation
    );
}

fn summary_line(report: &ScanReport) -> String {
    let summary = report.summary();
    let counts: Vec<String> =
        Severity::ALL.iter().map(|s| format!("{} {}", s.as_str(), report.count(*s))).collect();
    let mut line = format!(
        "{} finding{} ({}) in {} file{} scanned",
        summary.findings,
        plural(summary.findings),
        counts.join(", "),
        summary.files_scanned,
        plural(summary.files_scanned)
    );
    for (count, what) in
        [(summary.suppressed, "suppressed"), (summary.errors, "unreadable"), (summary.skipped, "skipped")]
    {
        if count > 0 {
            let _ = write!(line, "; {count} {what}");
        }
    }
    line.push('\n');
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
