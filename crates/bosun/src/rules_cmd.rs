//! `bosun rules`: the rule catalogue, generated from the rules' own metadata.

use crate::cli::{RulesArgs, RulesFormat};
use crate::exit;
use bosun_core::suppress::META_RULES;
use bosun_core::{docs, RuleMeta};
use bosun_misconfig::registry::RULES;
use bosun_misconfig::Check;
use serde::Serialize;

/// Every rule bosun knows, sorted by id.
pub fn catalogue() -> Vec<&'static RuleMeta> {
    let misconfig = RULES.iter().map(|r| &r.meta);
    let secrets = bosun_secrets::rules::RULES.iter().map(|r| &r.meta);
    let mut all: Vec<&'static RuleMeta> = misconfig
        .chain(secrets)
        .chain(META_RULES)
        .chain([&crate::scan::vulns::RULE])
        .chain(crate::image::os::RULES.iter().copied())
        .collect();
    all.sort_by_key(|m| m.id);
    all
}

#[derive(Serialize)]
struct RuleJson<'a> {
    id: &'a str,
    name: &'a str,
    domain: &'a str,
    /// `aws`, `google` or `azure` for cloud rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<&'a str>,
    severity: &'a str,
    title: &'a str,
    checklist: &'a [&'a str],
    aliases: &'a [&'a str],
    rationale: &'a str,
    remediation: &'a str,
}

impl<'a> From<&'a RuleMeta> for RuleJson<'a> {
    fn from(m: &'a RuleMeta) -> Self {
        RuleJson {
            id: m.id,
            name: m.name,
            domain: m.domain.as_str(),
            provider: m.domain.provider().map(|p| p.as_str()),
            severity: m.severity.as_str(),
            title: m.title,
            checklist: m.checklist,
            aliases: m.aliases,
            rationale: m.rationale,
            remediation: m.remediation,
        }
    }
}

pub fn run(args: RulesArgs) -> i32 {
    let all = catalogue();
    let chosen: Vec<&RuleMeta> = match &args.rule {
        Some(key) => match all.iter().find(|m| m.answers_to(key)) {
            Some(meta) => vec![*meta],
            None => {
                eprintln!("bosun: no rule is called '{key}' (try `bosun rules`)");
                return exit::USAGE;
            }
        },
        None => all,
    };
    let text = match (args.format, args.rule.is_some()) {
        (RulesFormat::Json, _) => {
            #[derive(Serialize)]
            struct Rules<'a> {
                rules: Vec<RuleJson<'a>>,
            }
            let rules = Rules { rules: chosen.iter().map(|m| RuleJson::from(*m)).collect() };
            serde_json::to_string_pretty(&rules).expect("rule metadata serializes") + "\n"
        }
        (RulesFormat::Markdown, _) | (RulesFormat::Table, true) => {
            chosen.iter().map(|m| markdown(m)).collect::<Vec<_>>().join("\n")
        }
        (RulesFormat::Table, false) => table(&chosen),
    };
    // A reader that stops early (`| head`) is not an error worth a message.
    let mut stdout = std::io::stdout().lock();
    let _ = std::io::Write::write_all(&mut stdout, text.as_bytes())
        .and_then(|()| std::io::Write::flush(&mut stdout));
    exit::CLEAN
}

/// A rule's documentation page: its metadata, and for cloud rules the
/// CloudFormation spelling of its examples, inserted before the suppression help.
fn markdown(meta: &RuleMeta) -> String {
    let page = docs::markdown(meta);
    if let Some(rule) = bosun_secrets::rules::RULES.iter().find(|r| r.meta.id == meta.id) {
        return insert_before_suppression(page, &secret_detection(rule));
    }
    let examples = bosun_misconfig::registry::find(meta.id).and_then(|rule| match &rule.check {
        Check::Cloud(cloud) => cloud.cloudformation,
        _ => None,
    });
    let Some(examples) = examples else { return page };
    let section = format!(
        "## In CloudFormation\n\n```yaml\n{}```\n\nUse instead:\n\n```yaml\n{}```\n\n",
        docs::ensure_newline(examples.bad),
        docs::ensure_newline(examples.good)
    );
    insert_before_suppression(page, &section)
}

fn insert_before_suppression(page: String, section: &str) -> String {
    match page.find("## Suppressing it") {
        Some(at) => format!("{}{section}{}", &page[..at], &page[at..]),
        None => page + section,
    }
}

/// How a secret rule matches, so users can judge its findings and compare it
/// with their own patterns.
fn secret_detection(rule: &bosun_secrets::SecretRule) -> String {
    let mut out = String::from("## How bosun finds it\n\n");
    let keywords: Vec<String> = rule.keywords.iter().map(|k| format!("`{k}`")).collect();
    out.push_str(&format!("- Keywords (the pattern runs only near one of them): {}\n", keywords.join(", ")));
    out.push_str(&format!("- Pattern: `{}`\n", rule.pattern.replace('`', "\\`")));
    if rule.min_entropy > 0.0 {
        out.push_str(&format!("- Minimum entropy of the secret: {} bits per character\n", rule.min_entropy));
    }
    if rule.validate.is_some() {
        out.push_str("- The format's checksum or structure is verified: look-alikes are not reported\n");
    }
    if !rule.paths.is_empty() {
        let paths: Vec<String> = rule.paths.iter().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!("- Only in files whose path matches: {}\n", paths.join(", ")));
    }
    if rule.generic {
        out.push_str(
            "- Generic rule: placeholders, references (`${VAR}`) and example values are ignored, and it \
                      does not run inside minified bundles\n",
        );
    }
    out.push('\n');
    out
}

/// `cloud:aws` for cloud rules, the domain alone for the others.
fn domain_label(meta: &RuleMeta) -> String {
    match meta.domain.provider() {
        Some(provider) => format!("{}:{}", meta.domain, provider.as_str()),
        None => meta.domain.to_string(),
    }
}

fn table(rules: &[&RuleMeta]) -> String {
    let name_width = rules.iter().map(|m| m.name.len()).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{:<9} {:<name_width$} {:<12} {:<8} {:<24} {}\n",
        "ID", "NAME", "DOMAIN", "SEVERITY", "CHECKLIST", "ALIASES"
    );
    for m in rules {
        out.push_str(&format!(
            "{:<9} {:<name_width$} {:<12} {:<8} {:<24} {}\n",
            m.id,
            m.name,
            domain_label(m),
            m.severity.as_str(),
            m.checklist.join(","),
            m.aliases.join(", ")
        ));
    }
    out.push_str(&format!("{} rules. `bosun rules ID` shows one rule's documentation.\n", rules.len()));
    out
}

/// The generated documentation tree: `docs/rules/<ID>.md` per rule and an index.
/// Written by `cargo run -p xtask -- docs`; a test fails when the files are stale.
pub fn doc_pages() -> Vec<(String, String)> {
    let all = catalogue();
    let mut index = String::from(
        "# Rules\n\nGenerated from the rules' own metadata by `cargo run -p xtask -- docs`; do not edit.\n\n\
         | ID | Name | Domain | Severity | Title |\n|---|---|---|---|---|\n",
    );
    let mut pages = Vec::new();
    for meta in &all {
        index.push_str(&format!(
            "| [{id}]({id}.md) | `{}` | {} | {} | {} |\n",
            meta.name,
            domain_label(meta),
            meta.severity,
            meta.title,
            id = meta.id
        ));
        pages.push((format!("{}.md", meta.id), markdown(meta)));
    }
    pages.push(("README.md".to_string(), index));
    pages
}

#[cfg(test)]
mod tests {
    use super::catalogue;
    use bosun_core::ids::normalize;
    use std::collections::HashSet;

    /// Across every family of rules (misconfiguration, secrets, meta), ids and
    /// names are unique.
    #[test]
    fn ids_and_names_are_unique_across_all_rules() {
        let mut seen = HashSet::new();
        for meta in catalogue() {
            assert!(seen.insert(normalize(meta.id)), "duplicate id {}", meta.id);
            assert!(seen.insert(normalize(meta.name)), "{}: name {} is taken", meta.id, meta.name);
        }
    }

    /// Peer ids are compared loosely (`AVD-AWS-0104` ≈ `AWS104`), so no rule's
    /// own id or name may read like another rule's alias: a user's `--ignore` or
    /// `trivy:ignore:` would silently hit the wrong rule.
    #[test]
    fn no_id_or_name_reads_like_another_rules_alias() {
        let all = catalogue();
        let aliases: Vec<(String, &str)> =
            all.iter().flat_map(|m| m.aliases.iter().map(move |a| (normalize(a), m.id))).collect();
        for meta in &all {
            for own in [meta.id, meta.name] {
                let own = normalize(own);
                let clash = aliases.iter().find(|(alias, owner)| *alias == own && *owner != meta.id);
                if let Some((alias, owner)) = clash {
                    panic!("{} reads like alias {alias} of {owner}", meta.id);
                }
            }
        }
    }
}
