//! The image's operating system, and whether its release still gets security
//! updates (rule `IMG001`).

use super::packages::FinalTexts;
use bosun_core::image::OsInfo;
use bosun_core::{Domain, Finding, Location, RuleMeta, Severity};

/// The path findings about the image's OS are reported under.
pub const OS_PATH: &str = "etc/os-release";

pub static END_OF_LIFE_RULE: RuleMeta = RuleMeta {
    id: "IMG001",
    name: "os-end-of-life",
    title: "Image built on an operating system release past its end of life",
    severity: Severity::High,
    domain: Domain::Image,
    checklist: &["img.update", "dev.image-scan"],
    aliases: &[],
    rationale: "Once a distribution release reaches its end of life, no one publishes security fixes for \
                its packages any more: every vulnerability found after that day stays open in the image, \
                and vulnerability databases often stop listing them, so scanners report less while the \
                risk grows.",
    remediation: "Rebuild the image on a supported release of the distribution (or a minimal base such as \
                  distroless), and rebuild regularly so that base updates reach it",
    bad_example: "/etc/os-release of the image:\nID=debian\nVERSION_ID=\"10\"\n",
    good_example: "/etc/os-release of the image:\nID=debian\nVERSION_ID=\"12\"\n",
};

/// Every rule about an image as a whole.
pub static RULES: &[&RuleMeta] = &[&END_OF_LIFE_RULE];

/// The operating system the final tree's release files name, with its end
/// of life as of `today`.
pub fn detect(texts: &FinalTexts<'_>, today: jiff::civil::Date) -> Option<OsInfo> {
    let os = bosun_vuln::inventory::os::detect("", texts)?;
    let version = os.version.clone().or_else(|| os.version_id.clone()).unwrap_or_default();
    let end = bosun_core::eol::end_of_life(&os.id, &version);
    let eol_date = end.and_then(|e| e.date);
    Some(OsInfo {
        name: os.id,
        version,
        ecosystem: os.ecosystem,
        eol_date: eol_date.map(|d| d.to_string()),
        eol: eol_date.is_some_and(|d| bosun_core::eol::is_past(d, today)),
    })
}

/// An `IMG001` finding when the release is past its end of life and the rule runs.
pub fn end_of_life_finding(os: &OsInfo, options: &crate::scan::options::ScanOptions) -> Option<Finding> {
    let date = os.eol_date.as_deref().filter(|_| os.eol)?;
    let (meta, severity) = options.image_rules.iter().find(|(m, _)| m.id == END_OF_LIFE_RULE.id)?;
    let location = Location {
        path: OS_PATH.to_string(),
        start_line: 1,
        end_line: 1,
        resource: None,
        layer_digest: None,
    };
    let message = format!(
        "{} {} reached its end of life on {date}: its packages get no security fixes",
        os.name, os.version
    );
    let mut finding = Finding::new(meta, message, location);
    finding.severity = *severity;
    Some(finding)
}
