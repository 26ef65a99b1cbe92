//! Wiring for the secret scanner: which rules run (built-in, from a gitleaks
//! configuration, selected and re-rated like every other rule), the allowlists
//! from `bosun.toml`, and scanning one file.

use bosun_core::config::{Config, RuleOverride};
use bosun_core::suppress::{self, Directive};
use bosun_core::{RuleMeta, Severity};
use bosun_secrets::allowlist::{self, Allowlist};
use bosun_secrets::{Engine, ExtraRule, FileResult, Scanner, SecretRule};
use regex::Regex;
use std::path::{Path, PathBuf};

/// The secret rules a scan may run, before selection: the built-in ones, or
/// those a gitleaks configuration keeps, replaces and adds.
pub struct Available {
    pub rules: Vec<ExtraRule>,
    pub global: Vec<Allowlist>,
}

/// The gitleaks configuration named by the flag, else by `[secrets] config`
/// (relative to `bosun.toml`).
pub fn config_path(flag: Option<&Path>, config: &Config) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    let relative = config.secrets.config.as_ref()?;
    let base = config.source.as_deref().and_then(Path::parent).unwrap_or(Path::new("."));
    Some(base.join(relative))
}

pub fn available(gitleaks_config: Option<&Path>, quiet: bool) -> Result<Available, String> {
    match gitleaks_config {
        None => Ok(Available {
            rules: bosun_secrets::rules::RULES
                .iter()
                .map(|rule| ExtraRule { rule, allowlists: Vec::new() })
                .collect(),
            global: vec![allowlist::default_global()],
        }),
        Some(path) => {
            let loaded = bosun_secrets::gitleaks::load(path)?;
            if !quiet {
                for warning in &loaded.warnings {
                    eprintln!("bosun: {}: {warning}", path.display());
                }
            }
            Ok(Available { rules: loaded.engine_rules, global: loaded.global })
        }
    }
}

/// Builds the scanner from the chosen rules, with severities and allowlists
/// from `bosun.toml`.
pub fn scanner(
    available: Available,
    config: &Config,
    chosen: impl Fn(&RuleMeta) -> bool,
    severity_of: impl Fn(&RuleMeta) -> Severity,
    show_secrets: bool,
) -> Result<Scanner, String> {
    let mut global = available.global;
    let settings = &config.secrets;
    let list =
        allowlist_from(&settings.allow_paths, &settings.allow_regexes, &settings.stopwords, "[secrets]")?;
    global.extend(list);
    let mut rules = Vec::new();
    for ExtraRule { rule, mut allowlists } in available.rules {
        if !chosen(&rule.meta) {
            continue;
        }
        let severity = severity_of(&rule.meta);
        let rule: &'static SecretRule = if severity == rule.meta.severity {
            rule
        } else {
            // Built once per run, for the few rules a config re-rates.
            Box::leak(Box::new(SecretRule { meta: RuleMeta { severity, ..rule.meta }, ..*rule }))
        };
        for (key, entry) in &config.rules {
            if rule.meta.answers_to(key) {
                allowlists.extend(rule_allowlist(key, entry)?);
            }
        }
        rules.push(ExtraRule { rule, allowlists });
    }
    let engine = Engine::new(rules, global)?;
    Ok(Scanner::new(engine, show_secrets))
}

fn rule_allowlist(key: &str, entry: &RuleOverride) -> Result<Option<Allowlist>, String> {
    allowlist_from(&entry.allow_paths, &entry.allow_regexes, &entry.stopwords, &format!("[rules.{key}]"))
}

fn allowlist_from(
    paths: &[String],
    regexes: &[String],
    stopwords: &[String],
    section: &str,
) -> Result<Option<Allowlist>, String> {
    let compile = |patterns: &[String], what: &str| -> Result<Vec<Regex>, String> {
        patterns.iter().map(|p| Regex::new(p).map_err(|e| format!("{section} {what} {p:?}: {e}"))).collect()
    };
    let list = Allowlist {
        description: format!("bosun.toml {section}"),
        paths: compile(paths, "allow-paths")?,
        regexes: compile(regexes, "allow-regexes")?,
        stopwords: stopwords.iter().map(|w| w.to_ascii_lowercase()).collect(),
        ..Default::default()
    };
    Ok((!list.is_empty()).then_some(list))
}

/// Scans one file's bytes, and finds the suppression markers for secret rules
/// in it. Markers are looked for only in files with findings: text that merely
/// mentions a marker (documentation) must not turn into "unused suppression"
/// reports, so a marker left behind in a file whose secret is gone is not reported.
pub fn scan_file(scanner: &Scanner, display: &str, bytes: &[u8]) -> (FileResult, Vec<Directive>) {
    let result = scanner.scan_bytes(display, bytes);
    if result.findings.is_empty() {
        return (result, Vec::new());
    }
    let names_secret_rule = |id: &String| scanner.engine.rules().any(|rule| rule.meta.answers_to(id));
    let directives = suppress::marker_directives(&String::from_utf8_lossy(bytes))
        .into_iter()
        .filter(|d| d.ids.iter().any(names_secret_rule))
        .collect();
    (result, directives)
}
