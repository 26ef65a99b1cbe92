//! The dependency scanner: the inventory's packages matched against the OSV
//! database, one finding per vulnerability and lockfile entry.

use bosun_core::{Cvss, Domain, Finding, Location, PackageRef, RuleMeta, Severity};
use bosun_vuln::db::Database;
use bosun_vuln::inventory::{normalize_name, Package};
use bosun_vuln::osv::matching::{self, Level, Vulnerability};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The rule every dependency finding belongs to; each finding's `rule_id` is
/// the advisory's own id.
pub static RULE: RuleMeta = RuleMeta {
    id: "VULN001",
    name: "vulnerable-dependency",
    title: "Dependency with a known vulnerability",
    severity: Severity::High,
    domain: Domain::Vuln,
    checklist: &["dev.dependency-scan"],
    aliases: &[],
    rationale: "A package version that a published advisory says is vulnerable is an opening an \
                attacker does not have to find: the advisory tells them where it is, often with a \
                working exploit. Lockfiles pin exact versions, so a known vulnerability stays in every \
                build until the lockfile changes. Each finding carries the advisory id (OSV, with its \
                CVE and GHSA aliases), the installed version and the versions that fix it; its \
                severity is the advisory's (computed from its CVSS vector when it has one).",
    remediation: "Upgrade the package to the nearest fixed version shown (update the manifest's \
                  constraint if it excludes it, then regenerate the lockfile); when no fix exists, \
                  remove the dependency or suppress the advisory with a reason",
    // A Cargo.lock entry; the examples are scanned against real OSV records
    // in the tests (smallvec 1.6.0 has RUSTSEC-2021-0003, fixed in 1.6.1).
    bad_example: "[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
    good_example: "[[package]]\nname = \"smallvec\"\nversion = \"1.6.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
};

/// Where the database is, and whether to scan at all.
pub struct VulnOptions {
    /// The database file (`--db`, or the default in the user cache directory).
    pub db_path: Option<PathBuf>,
    /// The user asked for this scanner by name: a missing database is said loudly.
    pub explicit: bool,
    /// Advisory ids (or aliases) `--ignore` named.
    pub ignore: Vec<String>,
    /// Advisory ids (or aliases) `--select` named: only those are reported.
    pub select: Vec<String>,
    /// `[rules.vulnerable-dependency] severity` overrides every advisory's.
    pub severity_override: Option<Severity>,
}

/// What the database made of an inventory.
pub struct VulnScan {
    pub findings: Vec<Finding>,
    /// Why no package was checked (no database, unreadable database).
    pub unavailable: Option<String>,
}

/// Matches `packages` against the database at `options.db_path`.
pub fn scan(packages: &[Package], options: &VulnOptions) -> VulnScan {
    if packages.is_empty() {
        return VulnScan { findings: Vec::new(), unavailable: None };
    }
    let Some(path) = options.db_path.clone().or_else(bosun_vuln::db::default_path) else {
        let reason = "no cache directory to find the vulnerability database in (set BOSUN_CACHE_DIR or --db)";
        return VulnScan { findings: Vec::new(), unavailable: Some(reason.into()) };
    };
    if let Err(e) = Database::open(&path) {
        return VulnScan { findings: Vec::new(), unavailable: Some(e.to_string()) };
    }
    // Packages that share a name share the database lookup; the lookups (most
    // of the time goes to decoding advisories) run in parallel, one database
    // connection per worker.
    let mut by_name: BTreeMap<(&str, String), Vec<&Package>> = BTreeMap::new();
    for package in packages {
        let name = package.source_name.as_deref().unwrap_or(&package.name);
        by_name
            .entry((&package.ecosystem, normalize_name(&package.ecosystem, name)))
            .or_default()
            .push(package);
    }
    let groups: Vec<_> = by_name.into_iter().collect();
    let results: Vec<Result<Vec<Finding>, String>> = groups
        .par_iter()
        .map_init(
            || Database::open(&path).map_err(|e| e.to_string()),
            |db, ((ecosystem, name), packages)| {
                let db = db.as_ref().map_err(Clone::clone)?;
                let advisories = db.advisories(ecosystem, name).map_err(|e| e.to_string())?;
                let mut findings = Vec::new();
                for package in packages.iter().filter(|_| !advisories.is_empty()) {
                    for vulnerability in matching::find(advisories.iter(), package) {
                        let finding = finding(package, &vulnerability, options.severity_override);
                        if wanted(&finding, options) {
                            findings.push(finding);
                        }
                    }
                }
                Ok(findings)
            },
        )
        .collect();
    let mut findings = Vec::new();
    for result in results {
        match result {
            Ok(found) => findings.extend(found),
            Err(e) => return VulnScan { findings, unavailable: Some(e) },
        }
    }
    VulnScan { findings, unavailable: None }
}

fn wanted(finding: &Finding, options: &VulnOptions) -> bool {
    let answers = |key: &String| bosun_core::suppress::finding_answers_to(finding, key);
    (options.select.is_empty() || options.select.iter().any(answers)) && !options.ignore.iter().any(answers)
}

/// A selector that names an advisory rather than a rule: `CVE-2021-44228`,
/// `GHSA-jfh8-c2jp-5v3q`, `PYSEC-2021-1`, `GO-2022-0635`, `RUSTSEC-2020-0071`,
/// `x_RUBYSEC-CVE-2020-8164`...: letters, then a dash, then more.
pub fn looks_like_advisory_id(selector: &str) -> bool {
    let Some((prefix, rest)) = selector.split_once('-') else { return false };
    let prefix = prefix.strip_prefix("x_").unwrap_or(prefix);
    !prefix.is_empty()
        && !rest.is_empty()
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

fn severity_of(level: Level) -> Severity {
    match level {
        Level::Critical => Severity::Critical,
        Level::High => Severity::High,
        Level::Medium => Severity::Medium,
        Level::Low => Severity::Low,
        // An advisory without any rating is still a known vulnerability:
        // reported in the middle, and the message says it was not rated.
        Level::Unknown => Severity::Medium,
    }
}

fn finding(package: &Package, vulnerability: &Vulnerability, severity_override: Option<Severity>) -> Finding {
    let coordinates = format!("{} {}", package.name, package.version);
    let summary = vulnerability.summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let fix = match &vulnerability.nearest_fix {
        Some(version) => format!("fixed in {version}"),
        None if vulnerability.fixed_versions.is_empty() => "no fixed version is known".to_string(),
        None => format!("fixed only in {}", vulnerability.fixed_versions.join(", ")),
    };
    let unrated =
        if vulnerability.rating.level == Level::Unknown { "; the advisory gives no severity" } else { "" };
    let dev = if package.dev == Some(true) { " (development dependency)" } else { "" };
    let message = match summary {
        Some(summary) => format!("{coordinates}{dev}: {}: {summary} ({fix}{unrated})", vulnerability.id),
        None => format!("{coordinates}{dev} is affected by {} ({fix}{unrated})", vulnerability.id),
    };
    let location = Location {
        path: package.path.clone(),
        start_line: package.line,
        end_line: package.line,
        resource: Some(format!("{}@{}", package.name, package.version)),
        layer_digest: None,
    };
    let mut finding = Finding::new(&RULE, message, location);
    finding.rule_id = vulnerability.id.clone();
    finding.aliases = vulnerability.aliases.clone();
    finding.severity = severity_override.unwrap_or(severity_of(vulnerability.rating.level));
    finding.title = match summary {
        Some(summary) => format!("{}: {summary}", package.name),
        None => format!("{} {} is vulnerable", package.name, package.version),
    };
    finding.remediation = match &vulnerability.nearest_fix {
        Some(version) => format!("Upgrade {} to {version} or later", package.name),
        None => format!(
            "No fixed version of {} is known for this version: replace the package or accept the risk with a suppression",
            package.name
        ),
    };
    finding.fingerprint = bosun_core::finding::fingerprint(&[
        &vulnerability.id,
        &package.path,
        &package.name,
        &package.version,
    ]);
    finding.package = Some(PackageRef {
        name: package.name.clone(),
        version: package.version.clone(),
        ecosystem: package.ecosystem.clone(),
        purl: package.purl.clone(),
    });
    finding.fixed_versions = vulnerability.fixed_versions.clone();
    finding.nearest_fixed_version = vulnerability.nearest_fix.clone();
    finding.cvss = match (vulnerability.rating.score, &vulnerability.rating.vector) {
        (Some(score), Some(vector)) => Some(Cvss { score, vector: vector.clone() }),
        _ => None,
    };
    finding.url = Some(format!("https://osv.dev/vulnerability/{}", vulnerability.id));
    finding
}
