use bosun_core::report::ScanReport;

pub fn render(_report: &ScanReport) -> String {
    String::new()
}
