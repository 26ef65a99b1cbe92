//! Settles what a scan does: flags first, then `bosun.toml`, then defaults.

use super::{secrets, vulns};
use crate::cli::{ColorChoice, ScanArgs};
use bosun_core::config::Config;
use bosun_core::suppress::{ConfigSuppressions, META_RULES};
use bosun_core::{Domain, RuleMeta, Severity};
use bosun_misconfig::cloud::terraform;
use bosun_misconfig::registry::RULES;
use bosun_misconfig::RuleSet;
use bosun_report::Format;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;
const SCANNERS: &[&str] = &["misconfig", "secret", "vuln"];

#[derive(Debug, Clone)]
pub struct ReportSpec {
    pub format: Format,
    /// `None`: stdout (or `--output`).
    pub file: Option<PathBuf>,
    pub color: bool,
}

pub struct ScanOptions {
    pub targets: Vec<PathBuf>,
    pub reports: Vec<ReportSpec>,
    /// Report only these; all when `None`.
    pub severities: Option<Vec<Severity>>,
    pub fail_on: Option<Severity>,
    pub rules: RuleSet,
    /// The meta rules (unused/expired suppressions) that stay selected.
    pub meta_rules: Vec<&'static RuleMeta>,
    pub config: Config,
    pub suppressions: ConfigSuppressions,
    pub quiet: bool,
    pub max_file_size: u64,
    /// Paths (as reports show them) that are not scanned.
    pub exclude: globset::GlobSet,
    /// Variable values for Terraform root modules (`--var-file`, `--var`).
    pub terraform: terraform::Options,
    /// The secret scanner, when it runs.
    pub secrets: Option<bosun_secrets::Scanner>,
    /// The dependency scanner, when it runs.
    pub vulns: Option<vulns::VulnOptions>,
    /// Custom Rego policies (`--policy`, `policies` in `bosun.toml`), when there are any.
    pub policies: Option<std::sync::Arc<bosun_policy::PolicySet>>,
    /// Rules about an image as a whole (image scans only), with their severities.
    pub image_rules: Vec<(&'static RuleMeta, Severity)>,
    /// `--history`: scan this range of the git history for secrets instead of files.
    pub history: Option<String>,
}

fn terraform_options(args: &ScanArgs) -> Result<terraform::Options, String> {
    let mut vars = Vec::new();
    for var in &args.vars {
        let Some((name, value)) = var.split_once('=') else {
            return Err(format!("--var {var}: expected NAME=VALUE"));
        };
        vars.push((name.trim().to_string(), value.to_string()));
    }
    for file in &args.var_files {
        if !file.is_file() {
            return Err(format!("--var-file {}: no such file", file.display()));
        }
    }
    Ok(terraform::Options { var_files: args.var_files.clone(), vars })
}

pub fn resolve(args: &ScanArgs) -> Result<ScanOptions, String> {
    let targets = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let config_path = if args.common.no_config {
        None
    } else {
        match &args.common.config {
            Some(path) => Some(path.clone()),
            None => targets.iter().find(|t| t.as_os_str() != "-").and_then(|t| Config::discover(t)),
        }
    };
    let (config, config_text) = match &config_path {
        Some(path) => {
            let config = Config::load(path).map_err(|e| e.to_string())?;
            (config, std::fs::read_to_string(path).unwrap_or_default())
        }
        None => (Config::default(), String::new()),
    };

    let scanners = pick(&args.common.scanners, &config.scanners);
    for scanner in &scanners {
        if !SCANNERS.contains(&scanner.as_str()) {
            return Err(format!(
                "unknown scanner '{scanner}' (available in this version: {})",
                SCANNERS.join(", ")
            ));
        }
    }

    let severities = pick(
        &args.common.severity,
        &config.severity.as_ref().map(|v| v.iter().map(|s| s.to_string()).collect()),
    );
    let severities = if severities.is_empty() {
        None
    } else {
        Some(severities.iter().map(|s| s.parse::<Severity>()).collect::<Result<Vec<_>, _>>()?)
    };
    let fail_on = match &args.common.fail_on {
        Some(s) => Some(s.parse::<Severity>()?),
        None => config.fail_on,
    };

    if args.history.is_some() && !scanners.is_empty() && scanners.iter().any(|s| s != "secret") {
        return Err("--history scans for secrets only: drop --scanners or use --scanners secret".into());
    }
    let run_misconfig =
        args.history.is_none() && (scanners.is_empty() || scanners.iter().any(|s| s == "misconfig"));
    let run_secrets = scanners.is_empty() || scanners.iter().any(|s| s == "secret");
    let quiet = args.common.quiet || config.quiet.unwrap_or(false);
    let available_secrets = if run_secrets {
        let gitleaks_config = secrets::config_path(args.common.secrets_config.as_deref(), &config);
        Some(secrets::available(gitleaks_config.as_deref(), quiet)?)
    } else {
        None
    };

    // Rules from a gitleaks configuration can be selected like built-in ones.
    let custom_secret_rules = available_secrets.iter().flat_map(|a| a.rules.iter().map(|r| &r.rule.meta));
    let all_meta: Vec<&'static RuleMeta> =
        crate::rules_cmd::catalogue().into_iter().chain(custom_secret_rules).collect();
    // A selector that names no rule but looks like an advisory id
    // (`CVE-2021-44228`, `GHSA-...`) selects or ignores vulnerabilities.
    let names_advisory =
        |s: &String| !all_meta.iter().any(|m| m.matches_selector(s)) && vulns::looks_like_advisory_id(s);
    let (advisory_select, select): (Vec<String>, Vec<String>) =
        pick(&args.common.select, &config.select).into_iter().partition(names_advisory);
    let (advisory_ignore, ignore): (Vec<String>, Vec<String>) =
        pick(&args.common.ignore, &config.ignore).into_iter().partition(names_advisory);
    for selector in select.iter().chain(&ignore) {
        if !all_meta.iter().any(|m| m.matches_selector(selector)) {
            return Err(format!("'{selector}' names no rule (try `bosun rules`)"));
        }
    }
    let nothing_selected = select.is_empty() && advisory_select.is_empty();
    let chosen = |meta: &RuleMeta| {
        (nothing_selected || select.iter().any(|s| meta.matches_selector(s)))
            && !ignore.iter().any(|s| meta.matches_selector(s))
    };
    for (key, entry) in &config.rules {
        if !all_meta.iter().any(|m| m.answers_to(key)) {
            return Err(format!("[rules.{key}] in the config names no rule"));
        }
        // Allowlists only mean something to the secret scanner; elsewhere they
        // would be silently ignored.
        let has_allowlist =
            !(entry.allow_paths.is_empty() && entry.allow_regexes.is_empty() && entry.stopwords.is_empty());
        if has_allowlist && !all_meta.iter().any(|m| m.domain == Domain::Secret && m.answers_to(key)) {
            return Err(format!(
                "[rules.{key}]: allow-paths, allow-regexes and stopwords apply to secret rules only \
                 (use [[suppress]] for other rules)"
            ));
        }
    }
    let severity_of = |meta: &RuleMeta| {
        config
            .rules
            .iter()
            .find(|(key, _)| meta.answers_to(key))
            .and_then(|(_, o)| o.severity)
            .unwrap_or(meta.severity)
    };
    let rules = RuleSet {
        rules: RULES
            .iter()
            .filter(|r| run_misconfig && chosen(&r.meta))
            .map(|r| (*r, severity_of(&r.meta)))
            .collect(),
    };
    let image_rules = crate::image::os::RULES
        .iter()
        .filter(|m| run_misconfig && chosen(m))
        .map(|m| (*m, severity_of(m)))
        .collect();
    let meta_rules = META_RULES.iter().copied().filter(|m| chosen(m)).collect();
    let run_vulns = args.history.is_none()
        && (scanners.is_empty() || scanners.iter().any(|s| s == "vuln"))
        && (chosen(&vulns::RULE) || !advisory_select.is_empty())
        && !ignore.iter().any(|s| vulns::RULE.matches_selector(s));
    let vulns = run_vulns.then(|| vulns::VulnOptions {
        db_path: args.common.db.clone(),
        explicit: scanners.iter().any(|s| s == "vuln"),
        select: advisory_select,
        ignore: advisory_ignore,
        severity_override: config
            .rules
            .iter()
            .find(|(key, _)| vulns::RULE.answers_to(key))
            .and_then(|(_, o)| o.severity),
    });
    let secrets = match available_secrets {
        Some(available) => {
            Some(secrets::scanner(available, &config, chosen, severity_of, args.common.show_secrets)?)
        }
        None => None,
    };

    let color_choice = args.common.color.or(match config.color.as_deref() {
        Some("always") => Some(ColorChoice::Always),
        Some("never") => Some(ColorChoice::Never),
        Some("auto") | None => None,
        Some(other) => {
            return Err(format!("color = \"{other}\" in the config: expected auto, always or never"))
        }
    });
    let reports = report_specs(args, &config, color_choice.unwrap_or(ColorChoice::Auto))?;

    let today = jiff::Zoned::now().date();
    let config_display = config_path.as_deref().map(display_config_path).unwrap_or_default();
    let suppressions = ConfigSuppressions::new(&config.suppress, &config_display, &config_text, today)?;

    let exclude = exclude_globs(&pick(&args.common.exclude, &config.exclude))?;

    Ok(ScanOptions {
        exclude,
        targets,
        reports,
        severities,
        fail_on,
        rules,
        meta_rules,
        quiet,
        max_file_size: args.common.max_file_size.or(config.max_file_size).unwrap_or(DEFAULT_MAX_FILE_SIZE),
        terraform: terraform_options(args)?,
        secrets,
        vulns,
        policies: if run_misconfig { crate::policies::load(&args.policies, &config, quiet)? } else { None },
        image_rules,
        history: args.history.clone(),
        config,
        suppressions,
    })
}

/// Flags win over the config file.
/// `--exclude` patterns (relative to the scanned directory) as one matcher.
pub fn exclude_globs(patterns: &[String]) -> Result<globset::GlobSet, String> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in patterns.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        builder.add(globset::Glob::new(pattern).map_err(|e| format!("--exclude {pattern}: {e}"))?);
    }
    builder.build().map_err(|e| format!("--exclude: {e}"))
}

fn pick(flag: &[String], config: &Option<Vec<String>>) -> Vec<String> {
    if !flag.is_empty() {
        flag.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    } else {
        config.clone().unwrap_or_default()
    }
}

fn report_specs(args: &ScanArgs, config: &Config, color: ColorChoice) -> Result<Vec<ReportSpec>, String> {
    let mut specs = pick(&args.common.formats, &config.format);
    if specs.is_empty() {
        specs.push("table".into());
    }
    let output = args.common.output.clone().or_else(|| config.output.as_ref().map(PathBuf::from));
    specs
        .iter()
        .map(|spec| {
            let (name, file) = match spec.split_once(':') {
                Some((name, file)) if !file.is_empty() => (name, Some(PathBuf::from(file))),
                _ => (spec.as_str(), None),
            };
            let format: Format = name.parse()?;
            let file = file.or_else(|| output.clone());
            let to_terminal = file.is_none() && std::io::stdout().is_terminal();
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
            };
            Ok(ReportSpec { format, file, color })
        })
        .collect()
}

/// The config path as reports show it: relative to the working directory when inside it.
fn display_config_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let shown = cwd.and_then(|c| absolute.strip_prefix(c).ok().map(Path::to_path_buf)).unwrap_or(absolute);
    shown.to_string_lossy().replace('\\', "/")
}
