//! `--format json`: the versioned contract documented in `docs/json-format.md`.

use bosun_core::image::ImageSummary;
use bosun_core::report::{ScanReport, Summary, ToolInfo, SCHEMA_VERSION};
use bosun_core::suppress::Suppressed;
use bosun_core::{FileError, Finding, Skipped};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    tool: &'a ToolInfo,
    findings: &'a [Finding],
    suppressed: &'a [Suppressed],
    errors: &'a [FileError],
    skipped: &'a [Skipped],
    summary: Summary,
    /// Image scans only: `artifact`, `os` and `packages` at the top level.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    image: Option<&'a ImageSummary>,
}

pub fn render(report: &ScanReport) -> String {
    let json = JsonReport {
        schema_version: SCHEMA_VERSION,
        tool: &report.tool,
        findings: &report.findings,
        suppressed: &report.suppressed,
        errors: &report.errors,
        skipped: &report.skipped,
        summary: report.summary(),
        image: report.image.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("report values always serialize");
    text.push('\n');
    text
}
