//! Every rule's examples run: the bad one must be found by that rule, the good
//! one must not. Plus the invariants the engine and the docs rely on.

use super::RULES;
use crate::{Engine, Scanner};
use std::collections::HashSet;

fn scanner() -> &'static Scanner {
    crate::test_scanner()
}

fn example_path(rule: &crate::SecretRule) -> &'static str {
    if rule.example_path.is_empty() {
        "example.txt"
    } else {
        rule.example_path
    }
}

#[test]
fn every_bad_example_is_found_by_its_rule() {
    let scanner = scanner();
    let mut failures = Vec::new();
    for rule in RULES.iter() {
        let findings = scanner.scan_text(example_path(rule), rule.meta.bad_example, None);
        if !findings.iter().any(|f| f.rule_id == rule.meta.id) {
            let others: Vec<&str> = findings.iter().map(|f| f.rule_id.as_str()).collect();
            failures.push(format!(
                "{} ({}): bad example not found (found: {others:?})",
                rule.meta.id, rule.meta.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_good_example_is_found_by_its_rule() {
    let scanner = scanner();
    let mut failures = Vec::new();
    for rule in RULES.iter() {
        if rule.meta.good_example.is_empty() {
            failures.push(format!("{}: needs a good example", rule.meta.id));
            continue;
        }
        let findings = scanner.scan_text(example_path(rule), rule.meta.good_example, None);
        if findings.iter().any(|f| f.rule_id == rule.meta.id) {
            failures.push(format!("{} ({}): good example found", rule.meta.id, rule.meta.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ids_and_names_are_unique_and_well_formed() {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for rule in RULES.iter() {
        let meta = &rule.meta;
        assert!(ids.insert(meta.id), "duplicate id {}", meta.id);
        assert!(names.insert(meta.name), "duplicate name {}", meta.name);
        assert!(meta.id.starts_with("SEC") && meta.id.len() == 6, "{}: ids are SEC + 3 digits", meta.id);
        assert!(
            meta.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}: names are kebab-case",
            meta.id
        );
        assert_eq!(meta.domain, bosun_core::Domain::Secret, "{}", meta.id);
        assert!(!meta.aliases.is_empty(), "{}: list the equivalent gitleaks/Trivy ids", meta.id);
        assert!(!rule.keywords.is_empty(), "{}: needs keywords", meta.id);
        for keyword in rule.keywords {
            assert_eq!(*keyword, keyword.to_ascii_lowercase(), "{}: keywords are lower case", meta.id);
            assert!(keyword.len() >= 3, "{}: keyword {keyword:?} is too short to filter anything", meta.id);
        }
    }
}

#[test]
fn secrets_never_appear_in_redacted_output() {
    let scanner = Scanner::new(Engine::builtin(), false);
    for rule in RULES.iter() {
        for finding in scanner.scan_text(example_path(rule), rule.meta.bad_example, None) {
            let shown_secret = &finding.secret.as_ref().expect("secret findings carry the match").shown;
            let revealed = shown_secret.trim_end_matches('*');
            assert!(revealed.len() <= 4, "{}: shows {shown_secret}", rule.meta.id);
            for line in &finding.snippet {
                assert!(
                    !finding.message.contains(&line.text) || line.text.len() < 8,
                    "{}: snippet line repeated in the message",
                    rule.meta.id
                );
            }
        }
    }
}

/// The engine compiles built-in patterns (ASCII, over bytes) only when their
/// keywords occur, and trusts them to compile: this is where that trust comes from.
#[test]
fn every_builtin_pattern_compiles() {
    for rule in RULES.iter() {
        if let Err(e) = regex::bytes::RegexBuilder::new(rule.pattern).unicode(false).build() {
            panic!("{}: {e}", rule.meta.id);
        }
    }
}
