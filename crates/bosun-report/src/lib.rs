//! Report formats. Each takes the whole `ScanReport` and returns the text to write.

pub mod checklist;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod table;

use bosun_core::report::ScanReport;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Sarif,
    Junit,
    Checklist,
}

impl Format {
    pub const NAMES: &'static str = "table, json, sarif, junit, checklist";
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            "junit" => Ok(Format::Junit),
            "checklist" => Ok(Format::Checklist),
            other => Err(format!("unknown format '{other}' (expected one of: {})", Format::NAMES)),
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// ANSI colours in the table.
    pub color: bool,
}

pub fn render(format: Format, report: &ScanReport, options: RenderOptions) -> String {
    match format {
        Format::Table => table::render(report, options.color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Junit => junit::render(report),
        Format::Checklist => checklist::render(report),
    }
}
