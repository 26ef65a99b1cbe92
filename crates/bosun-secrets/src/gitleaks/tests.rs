use super::*;
use crate::{Engine, Scanner};

/// A GitHub token with a valid checksum: the built-in rule SEC040 reports it.
const GHP: &str = "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";

const ACME: &str = r#"
title = "acme"

[[rules]]
id = "acme-api-key"
description = "ACME API key"
regex = '''acme_(?:live|test)_[0-9a-f]{24}'''
keywords = ["acme_"]
"#;

const ACME_KEY: &str = "acme_live_0123456789abcdef01234567";

fn config(text: &str) -> Loaded {
    load_text(Path::new("/config/gitleaks.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn config_error(text: &str) -> String {
    match load_text(Path::new("/config/gitleaks.toml"), text) {
        Ok(_) => panic!("the configuration should be rejected"),
        Err(e) => e,
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gitleaks").join(name)
}

fn scanner(loaded: Loaded) -> Scanner {
    Scanner::new(Engine::new(loaded.engine_rules, loaded.global).expect("the rules compile"), true)
}

/// (rule id, secret) of every finding.
fn found(scanner: &Scanner, path: &str, text: &str) -> Vec<(String, String)> {
    scanner
        .scan_text(path, text, None)
        .into_iter()
        .map(|f| (f.rule_id, f.secret.expect("secret findings carry their match").shown))
        .collect()
}

fn ids(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(id, _)| id.as_str()).collect()
}

fn has_rule(loaded: &Loaded, key: &str) -> bool {
    loaded.engine_rules.iter().any(|r| r.rule.meta.answers_to(key))
}

#[test]
fn gitleaks_custom_rule_is_found_and_replaces_the_defaults() {
    let loaded = config(ACME);
    assert_eq!(
        loaded.engine_rules.len(),
        1,
        "without [extend] useDefault only the configuration's rules run"
    );
    let meta = loaded.engine_rules[0].rule.meta;
    assert_eq!((meta.id, meta.name, meta.title), ("acme-api-key", "acme-api-key", "ACME API key"));
    assert_eq!(meta.severity, Severity::High);
    assert_eq!(meta.domain, bosun_core::Domain::Secret);
    assert!(meta.aliases.is_empty());
    assert!(meta.rationale.contains("gitleaks configuration"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);

    let scanner = scanner(loaded);
    let text = format!("key = \"{ACME_KEY}\"\ntoken = {GHP}\n");
    assert_eq!(
        found(&scanner, "app/settings.py", &text),
        vec![("acme-api-key".to_string(), ACME_KEY.to_string())]
    );
}

#[test]
fn gitleaks_use_default_keeps_the_built_in_rules() {
    let loaded = config(&format!("[extend]\nuseDefault = true\n{ACME}"));
    assert_eq!(loaded.engine_rules.len(), crate::rules::RULES.len() + 1);
    let scanner = scanner(loaded);
    let text = format!("key = \"{ACME_KEY}\"\ntoken = {GHP}\n");
    assert_eq!(ids(&found(&scanner, "app/settings.py", &text)), vec!["acme-api-key", "SEC040"]);
}

#[test]
fn gitleaks_disabled_rules_drop_built_in_rules_by_their_gitleaks_id() {
    let loaded = config("[extend]\nuseDefault = true\ndisabledRules = [\"github-pat\", \"no-such-rule\"]\n");
    assert!(!has_rule(&loaded, "SEC040"));
    assert_eq!(loaded.engine_rules.len(), crate::rules::RULES.len() - 1);
    assert!(
        loaded.warnings.iter().any(|w| w.contains("`no-such-rule` names no bosun rule")),
        "{:?}",
        loaded.warnings
    );
    // Only the GitHub rule is gone: a generic assignment rule may still see the value.
    let remaining = found(&scanner(loaded), "a.env", &format!("TOKEN={GHP}\n"));
    assert!(!ids(&remaining).contains(&"SEC040"), "{:?}", ids(&remaining));
}

#[test]
fn gitleaks_rule_with_a_default_id_and_a_regex_replaces_the_built_in_rule() {
    let loaded = config(
        r#"
[extend]
useDefault = true

[[rules]]
id = "github-pat"
description = "GitHub token (any)"
regex = '''ghp_[0-9A-Za-z]{36}'''
keywords = ["ghp_"]
"#,
    );
    assert!(!has_rule(&loaded, "SEC040"), "the built-in rule is replaced");
    assert_eq!(loaded.engine_rules.len(), crate::rules::RULES.len());
    let scanner = scanner(loaded);
    // The built-in rule checks the token's checksum; the replacement does not.
    let no_checksum = "ghp_aaaaBBBBccccDDDDeeeeFFFFgggg000011112222";
    let text = format!("a = {GHP}\nb = {no_checksum}\n");
    let found = found(&scanner, "a.env", &text);
    assert_eq!(ids(&found), vec!["github-pat", "github-pat"]);
    assert_eq!(found[1].1, no_checksum[..40]);
}

#[test]
fn gitleaks_rule_with_a_default_id_and_no_regex_amends_the_built_in_rule() {
    let loaded = config(
        r#"
[extend]
useDefault = true

[[rules]]
id = "github-pat"
[[rules.allowlists]]
paths = ['''^test/''']
"#,
    );
    assert!(has_rule(&loaded, "SEC040"), "the built-in rule stays");
    let scanner = scanner(loaded);
    let text = format!("TOKEN={GHP}\n");
    assert_eq!(ids(&found(&scanner, "src/a.env", &text)), vec!["SEC040"]);
    assert!(found(&scanner, "test/a.env", &text).is_empty(), "the added allowlist applies");
}

#[test]
fn gitleaks_partial_rule_without_a_bosun_equivalent_is_skipped_with_a_warning() {
    let loaded =
        config("[extend]\nuseDefault = true\n[[rules]]\nid = \"some-gitleaks-only-rule\"\nentropy = 3.0\n");
    assert_eq!(loaded.engine_rules.len(), crate::rules::RULES.len());
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.contains("rule some-gitleaks-only-rule") && w.contains("skipped")));
    // Without the defaults, the same rule is an error, as in gitleaks.
    let error = config_error("[[rules]]\nid = \"lonely\"\nentropy = 3.0\n");
    assert!(error.contains("rule lonely: both regex and path are empty"), "{error}");
}

#[test]
fn gitleaks_rule_allowlists_by_regex_stopword_line_and_and_condition() {
    let loaded = config(
        r#"
[[rules]]
id = "acme"
regex = '''acme_[0-9A-Za-z]{16}'''
keywords = ["acme_"]

[[rules.allowlists]]
description = "all zeros"
regexes = ['''^acme_0{16}$''']

[[rules.allowlists]]
stopwords = ["Example"]

[[rules.allowlists]]
regexTarget = "line"
regexes = ['''#\s*not-a-secret''']

[[rules.allowlists]]
condition = "AND"
paths = ['''^fixtures/''']
stopwords = ["fixture"]
"#,
    );
    assert_eq!(loaded.engine_rules[0].allowlists.len(), 4);
    let scanner = scanner(loaded);
    let real = "acme_Zx9Qw2Er4Ty6Ui8O";
    assert_eq!(ids(&found(&scanner, "src/a.txt", real)), vec!["acme"]);
    assert!(found(&scanner, "src/a.txt", "acme_0000000000000000").is_empty(), "regex");
    assert!(found(&scanner, "src/a.txt", "acme_EXAMPLEabc123456").is_empty(), "stopword, any case");
    assert!(found(&scanner, "src/a.txt", &format!("{real} # not-a-secret")).is_empty(), "line regex");
    // AND: both the path and the stopword must hold.
    assert!(found(&scanner, "fixtures/a.txt", "acme_FIXTUREabc123456").is_empty());
    assert_eq!(ids(&found(&scanner, "src/a.txt", "acme_FIXTUREabc123456")), vec!["acme"]);
    assert_eq!(ids(&found(&scanner, "fixtures/a.txt", real)), vec!["acme"]);
}

#[test]
fn gitleaks_older_singular_allowlist_tables_are_read() {
    let loaded = config(
        r#"
[[rules]]
id = "acme"
regex = '''acme_[0-9A-Za-z]{16}'''
[rules.allowlist]
regexTarget = "match"
regexes = ['''^acme_test''']

[allowlist]
description = "old-style global list"
paths = ['''(^|/)third_party/''']
"#,
    );
    assert_eq!(loaded.global.len(), 2, "bosun's defaults plus the configuration's");
    let scanner = scanner(loaded);
    assert!(found(&scanner, "src/a.txt", "acme_testZx9Qw2Er4Ty6").is_empty());
    assert!(found(&scanner, "lib/third_party/a.txt", "acme_Zx9Qw2Er4Ty6Ui8O").is_empty());
    assert_eq!(ids(&found(&scanner, "src/a.txt", "acme_Zx9Qw2Er4Ty6Ui8O")), vec!["acme"]);
}

#[test]
fn gitleaks_global_allowlists_skip_paths_and_keep_bosun_defaults() {
    let loaded = config(&format!("{ACME}\n[[allowlists]]\npaths = ['''^docs/''']\n"));
    let scanner = scanner(loaded);
    let text = format!("key = {ACME_KEY}\n");
    assert!(found(&scanner, "docs/setup.md", &text).is_empty());
    assert!(scanner.engine.skips_path("docs/setup.md"), "an OR path list skips the whole file");
    assert!(found(&scanner, "web/node_modules/x/a.js", &text).is_empty(), "bosun's default global list");
    assert_eq!(ids(&found(&scanner, "src/setup.md", &text)), vec!["acme-api-key"]);
}

#[test]
fn gitleaks_target_rules_limit_a_global_allowlist_to_those_rules() {
    let loaded = config(
        r#"
[[rules]]
id = "acme"
regex = '''acme_[0-9A-Za-z]{16}'''

[[rules]]
id = "bolt"
regex = '''bolt_[0-9A-Za-z]{16}'''

[[allowlists]]
targetRules = ["acme", "no-such-rule"]
stopwords = ["test"]
"#,
    );
    assert_eq!(loaded.global.len(), 1, "a targeted list is not global");
    assert!(loaded.warnings.iter().any(|w| w.contains("`no-such-rule`")), "{:?}", loaded.warnings);
    let scanner = scanner(loaded);
    assert!(found(&scanner, "a.txt", "acme_TESTabcdef123456").is_empty());
    assert_eq!(ids(&found(&scanner, "a.txt", "bolt_TESTabcdef123456")), vec!["bolt"]);
}

#[test]
fn gitleaks_target_rules_can_name_built_in_rules_by_gitleaks_id() {
    let loaded = config("[extend]\nuseDefault = true\n[[allowlists]]\ntargetRules = [\"github-pat\"]\npaths = ['''^test/''']\n");
    let scanner = scanner(loaded);
    let text = format!("TOKEN={GHP}\n");
    assert!(found(&scanner, "test/a.env", &text).is_empty());
    assert_eq!(ids(&found(&scanner, "src/a.env", &text)), vec!["SEC040"]);
}

#[test]
fn gitleaks_secret_group_and_entropy() {
    // Keys in any case, as gitleaks reads them.
    let loaded = config(
        r#"
[[rules]]
ID = "assigned-token"
Regex = '''(token)\s*=\s*"([^"]+)"'''
secretgroup = 2
Entropy = 3
Keywords = ["TOKEN"]
"#,
    );
    let scanner = scanner(loaded);
    let hits = found(&scanner, "a.py", "token = \"Zx9Qw2Er4Ty6Ui8O\"\n");
    assert_eq!(hits, vec![("assigned-token".to_string(), "Zx9Qw2Er4Ty6Ui8O".to_string())]);
    assert!(found(&scanner, "a.py", "token = \"aaaaaaaaaaaaaaaa\"\n").is_empty(), "low entropy");
    // gitleaks drops a secret whose entropy equals the threshold: 8 distinct
    // characters have exactly 3 bits.
    assert!(found(&scanner, "a.py", "token = \"abcdefgh\"\n").is_empty());
    assert_eq!(found(&scanner, "a.py", "token = \"abcdefghi\"\n").len(), 1);
}

#[test]
fn gitleaks_secret_group_beyond_the_regex_groups_is_an_error() {
    let error = config_error("[[rules]]\nid = \"g\"\nregex = '''a(b)'''\nsecretGroup = 2\n");
    assert!(error.contains("rule g: secretGroup 2, but the regex has 1 capture groups"), "{error}");
}

#[test]
fn gitleaks_invalid_regex_is_an_error_naming_the_file_and_rule() {
    let error = config_error("[[rules]]\nid = \"bad-rule\"\nregex = '''acme_(unclosed'''\n");
    assert!(error.starts_with("/config/gitleaks.toml: rule bad-rule: bad regex: "), "{error}");
    let error = config_error("[[rules]]\nid = \"r\"\nregex = 'x'\n[[rules.allowlists]]\npaths = ['(']\n");
    assert!(error.contains("rule r: [[rules.allowlists]]: bad allowlist path"), "{error}");
}

#[test]
fn gitleaks_file_that_is_not_toml_is_an_error_with_its_line() {
    let error = config_error("title = \"x\"\n[[rules]\nid = \"a\"\n");
    assert!(error.starts_with("/config/gitleaks.toml: line 2: not valid TOML"), "{error}");
}

#[test]
fn gitleaks_wrong_types_and_misspelt_keys_are_errors_with_their_line() {
    let error = config_error("[[rules]]\nid = \"x\"\nregex = 'a'\nsecretGroup = \"two\"\n");
    assert!(error.contains("line 4: rule x: `secretGroup` must be a non-negative integer"), "{error}");
    let error = config_error("[[rules]]\nid = \"x\"\nregex = 'a'\n[[rules.allowlists]]\nregexs = ['b']\n");
    assert!(
        error.contains("line 5:") && error.contains("unknown key `regexs` (did you mean `regexes`?)"),
        "{error}"
    );
}

#[test]
fn gitleaks_unknown_and_unsupported_keys_are_warnings() {
    let loaded = config(
        r#"
[[rules]]
id = "x"
regex = 'x_[0-9]{8}'
tags = ["ignored", "silently"]
severity = "high"

[[rules]]
id = "y"
regex = 'y_[0-9]{8}'
[[rules.required]]
id = "x"
"#,
    );
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
    assert!(
        loaded.warnings[0].starts_with("line 6: rule x: unknown key `severity` ignored"),
        "{:?}",
        loaded.warnings
    );
    assert!(loaded.warnings[1].contains("rule y: [[rules.required]]"), "{:?}", loaded.warnings);
    assert_eq!(loaded.engine_rules.len(), 2);
}

#[test]
fn gitleaks_dotted_keys_are_read_too() {
    let loaded = config("extend.useDefault = true\n");
    assert_eq!(loaded.engine_rules.len(), crate::rules::RULES.len());
}

#[test]
fn gitleaks_extend_path_is_read_relative_to_the_configuration() {
    let loaded = load(&fixture("extend_main.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(has_rule(&loaded, "base-token") && has_rule(&loaded, "main-token"));
    assert!(!has_rule(&loaded, "base-other"), "disabled by the extending file");
    assert!(!has_rule(&loaded, "SEC040"), "the base's defaults, disabled by the extending file");
    assert!(has_rule(&loaded, "SEC001"), "the base's useDefault brings the built-in rules");
    let base = loaded.engine_rules.iter().find(|r| r.rule.meta.id == "base-token").expect("base-token");
    assert_eq!(base.rule.meta.title, "Base token");
    assert_eq!(base.allowlists.len(), 1, "merged from the extending file");

    let scanner = scanner(loaded);
    let text =
        "a = base_abcdefghij0123456789\nb = main_abcdefghij0123456789\nc = other_abcdefghij0123456789\n";
    assert_eq!(ids(&found(&scanner, "src/a.txt", text)), vec!["base-token", "main-token"]);
    assert!(found(&scanner, "generated/a.txt", text).is_empty(), "the base's global allowlist");
    assert!(found(&scanner, "src/a.txt", "base_sample0123456789abcd").is_empty(), "the merged stopword");
}

#[test]
fn gitleaks_extend_cycles_are_an_error() {
    let error = match load(&fixture("cycle_a.toml")) {
        Ok(_) => panic!("a cycle must be rejected"),
        Err(e) => e,
    };
    assert!(error.contains("cycle"), "{error}");
}

#[test]
fn gitleaks_extend_path_with_use_default_is_an_error() {
    let error = config_error("[extend]\nuseDefault = true\npath = \"other.toml\"\n");
    assert!(error.contains("useDefault and path cannot both be set"), "{error}");
}

#[test]
fn gitleaks_path_only_rule_reports_the_file() {
    let loaded = config("[[rules]]\nid = \"key-file\"\ndescription = \"Key file\"\npath = '''\\.p8$'''\n");
    let scanner = scanner(loaded);
    let findings = scanner.scan_text("keys/AuthKey.p8", "\n-----BEGIN PRIVATE KEY-----\nMIGT\n", None);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule_id, "key-file");
    assert_eq!(findings[0].location.start_line, 2);
    assert!(scanner.scan_text("keys/AuthKey.txt", "-----BEGIN PRIVATE KEY-----\n", None).is_empty());
}

#[test]
fn gitleaks_translate_reads_go_patterns_as_go_does() {
    let re = |go: &str| Regex::new(&translate(go)).unwrap_or_else(|e| panic!("{go}: {e}"));
    assert!(re(r"^\Qa.b*c\E$").is_match("a.b*c"));
    assert!(!re(r"^\Qa.b*c\E$").is_match("axbbc"));
    assert!(re(r"^\<tag\>$").is_match("<tag>"));
    assert!(re(r"^\$(?:\d+|{\d+})$").is_match("${12}"));
    assert!(re(r"^\{\d{0,2}}$").is_match("{12}"));
    assert!(re(r"^a{,3}$").is_match("a{,3}"));
    assert!(re(r"^\[[^]]+]$").is_match("[ab]"));
    assert!(re(r"^[a[]+$").is_match("a[a"));
    assert!(re(r"^[a&&b]+$").is_match("a&b"));
    assert!(re(r"^[+--]+$").is_match("+,-"));
    assert!(re(r"^\101\0$").is_match("A\0"));
    assert!(re(r"^[[:alpha:][:^alpha:]]+$").is_match("a1"));
    assert!(re(r"^\p{Greek}\x{41}\pL$").is_match("λAb"));
    // Go's Perl classes and word boundaries are ASCII.
    assert!(!re(r"^\d+$").is_match("٣"));
    assert!(!re(r"^\w+$").is_match("é"));
    assert!(!re(r"^[\w]+$").is_match("é"));
    assert!(re(r"^\W$").is_match("é"));
    assert!(!re(r"^\s$").is_match("\u{a0}"));
    assert!(re(r"\bkey\b").is_match("ékey"));
    // Shared syntax is left alone.
    assert_eq!(translate(r"(?i)(?P<k>ab)+\z"), r"(?i)(?P<k>ab)+\z");
    assert_eq!(translate(r"x{2,5}[a-z]\."), r"x{2,5}[a-z]\.");
}

#[test]
fn gitleaks_rule_names_are_kebab_case_ids() {
    assert_eq!(kebab_case("AcmeToken_v2"), "acme-token-v2");
    assert_eq!(kebab_case("github-pat"), "github-pat");
    assert_eq!(kebab_case("AWS key"), "aws-key");
    assert_eq!(kebab_case("!!"), "custom-rule");
}
