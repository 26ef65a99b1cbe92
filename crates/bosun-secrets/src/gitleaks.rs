//! gitleaks configurations (`--secrets-config`, `[secrets] config`): users bring
//! the rules and allowlists they already wrote for gitleaks.
//!
//! The semantics follow gitleaks v8:
//! - Without `[extend]`, a configuration replaces the defaults: only its own rules
//!   run. `[extend] useDefault = true` keeps the defaults, which here are bosun's
//!   built-in rules; `disabledRules` names default rules to drop, by their gitleaks
//!   ids, matched to bosun's rules through their aliases.
//! - `[extend] path` reads another configuration first (two levels at most, as in
//!   gitleaks); this file's rules override that one's rule by rule.
//! - A rule with the id of a default rule overrides it: with a `regex` it replaces
//!   the built-in rule; without one it adds to it (allowlists, keywords, entropy,
//!   path), as gitleaks merges a partial rule into the default one.
//! - Allowlists (global, per rule, and global ones limited by `targetRules`) map
//!   onto [`Allowlist`], whose fields mirror gitleaks'.
//!
//! Keys are matched case-insensitively, as gitleaks' configuration reader does.
//! Keys gitleaks has but bosun does not implement, and unknown keys, produce
//! warnings; an unknown key that is a near miss of a known one (`regexs`,
//! `stopword`, `secretGrup`) is an error, because a misspelt allowlist or path
//! silently changes what is reported.
//!
//! Patterns are Go RE2 syntax; [`translate`] rewrites the few constructs the
//! `regex` crate reads differently or rejects.

use crate::allowlist::{self, Allowlist, RegexTarget};
use crate::engine::ExtraRule;
use crate::rule::{SecretRule, META};
use bosun_core::{RuleMeta, Severity};
use regex::Regex;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How many `[extend] path` links a chain may have (gitleaks' limit).
const MAX_EXTEND_DEPTH: usize = 2;

/// The pattern of a rule that names files only (`path` without `regex`):
/// gitleaks reports the file itself; here the finding is the file's first
/// non-blank line, so that it has a line and a (masked) excerpt.
const PATH_ONLY_PATTERN: &str = r"\A\s*(?P<secret>[^\r\n]*[^\s])";

const RATIONALE: &str = "This rule comes from the gitleaks configuration given to bosun: text matching its \
                         pattern is treated as a credential. A credential committed to a repository is readable \
                         by everyone who can read the repository, its forks, clones and CI logs, for as long as \
                         the history exists.";

const REMEDIATION: &str = "Revoke and rotate the credential, remove it from the file (and from history), and load \
                           it at run time from a secret store or the environment; if the match is not a secret, \
                           add an allowlist to the rule in the gitleaks configuration.";

/// What a gitleaks configuration gives the engine.
pub struct Loaded {
    /// The rules to run: the built-in ones the configuration keeps (possibly
    /// amended), then its own, each with its allowlists.
    pub engine_rules: Vec<ExtraRule>,
    /// bosun's default global allowlist plus the configuration's global ones.
    pub global: Vec<Allowlist>,
    /// What was read but ignored or approximated. Warnings about the file given
    /// to [`load`] do not name it (the caller shows it); those about a file it
    /// extends start with that file's path.
    pub warnings: Vec<String>,
}

/// Reads a gitleaks configuration; bosun's built-in rules (`crate::rules::RULES`)
/// are kept, replaced or dropped per the configuration. Errors start with the
/// file they are about.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    load_text(path, &text)
}

/// [`load`] for text already read from `path` (extended files are read relative to it).
pub fn load_text(path: &Path, text: &str) -> Result<Loaded, String> {
    let mut reader = Reader { main: path.to_path_buf(), warnings: Vec::new(), chain: Vec::new() };
    let resolved = reader.resolve(path, text, 0)?;
    let mut warnings = reader.warnings;
    let (engine_rules, global) = assemble(resolved, &mut warnings)?;
    Ok(Loaded { engine_rules, global, warnings })
}

// ---------------------------------------------------------------------------
// Building the rules.

/// Everything a configuration and those it extends say, merged.
#[derive(Default)]
struct Resolved {
    /// The defaults (bosun's built-in rules) are in.
    use_default: bool,
    /// Default rules to drop.
    disabled: Vec<Disabled>,
    /// Configuration rules, one per id, in order of first appearance.
    rules: Vec<RawRule>,
    /// Global allowlists.
    global: Vec<Allowlist>,
    /// Global allowlists limited to some rules, with where they were written.
    targeted: Vec<Targeted>,
}

struct Disabled {
    id: String,
    /// Where it was named, as warnings start.
    at: String,
    /// It dropped a rule of an extended configuration.
    matched: bool,
}

struct Targeted {
    rules: Vec<String>,
    list: Allowlist,
    at: String,
}

/// One `[[rules]]` entry, parsed and checked, not yet a [`SecretRule`].
#[derive(Clone)]
struct RawRule {
    id: String,
    /// `FILE: rule ID`, for errors.
    at: String,
    /// `rule ID`, after the file's name unless it is the main one, for warnings.
    warn_at: String,
    description: Option<String>,
    /// The pattern translated to `regex` syntax, and its number of capture groups.
    regex: Option<(String, usize)>,
    secret_group: Option<usize>,
    entropy: Option<f64>,
    keywords: Vec<String>,
    /// The path regex, translated.
    path: Option<String>,
    allowlists: Vec<Allowlist>,
    /// `[[rules.required]]`: a composite rule (not supported: runs alone).
    required: bool,
    /// `skipReport = true`: gitleaks never reports it on its own.
    skip_report: bool,
}

impl RawRule {
    /// gitleaks' merge of a rule over the rule with the same id in an extended
    /// configuration: what `over` sets wins, lists are appended.
    fn overlay(&mut self, over: RawRule) {
        self.at = over.at;
        self.warn_at = over.warn_at;
        self.description = over.description.or(self.description.take());
        self.regex = over.regex.or(self.regex.take());
        self.secret_group = over.secret_group.or(self.secret_group);
        self.entropy = over.entropy.or(self.entropy);
        self.path = over.path.or(self.path.take());
        self.keywords.extend(over.keywords);
        self.allowlists.extend(over.allowlists);
        self.required |= over.required;
        self.skip_report |= over.skip_report;
    }
}

/// Turns the merged configuration into engine rules and global allowlists.
fn assemble(
    resolved: Resolved,
    warnings: &mut Vec<String>,
) -> Result<(Vec<ExtraRule>, Vec<Allowlist>), String> {
    // Built-in rules kept by `useDefault`, minus the disabled ones.
    let mut builtin: Vec<ExtraRule> = Vec::new();
    if resolved.use_default {
        for Disabled { id, at, matched } in &resolved.disabled {
            if !matched && !crate::rules::RULES.iter().any(|r| r.meta.answers_to(id)) {
                warnings.push(format!(
                    "{at}[extend] disabledRules: `{id}` names no bosun rule (bosun has no equivalent of it)"
                ));
            }
        }
        builtin = crate::rules::RULES
            .iter()
            .filter(|rule| !resolved.disabled.iter().any(|d| rule.meta.answers_to(&d.id)))
            .map(|rule| ExtraRule { rule, allowlists: Vec::new() })
            .collect();
    }

    let mut own: Vec<ExtraRule> = Vec::new();
    for raw in resolved.rules {
        let overridden: Vec<usize> =
            (0..builtin.len()).filter(|&i| builtin[i].rule.meta.answers_to(&raw.id)).collect();
        if raw.skip_report {
            warnings.push(format!(
                "{}: skipReport = true: not run (it only serves composite rules, which bosun does not support)",
                raw.warn_at
            ));
            remove_all(&mut builtin, &overridden);
            continue;
        }
        if raw.required {
            warnings.push(format!(
                "{}: [[rules.required]] (composite rules) is not supported: the rule reports its own matches alone",
                raw.warn_at
            ));
        }
        if raw.regex.is_none() && !overridden.is_empty() {
            // A partial rule over a default one: amend the built-in rule.
            if raw.secret_group.is_some() {
                warnings.push(format!(
                    "{}: secretGroup ignored: it refers to gitleaks' pattern, and bosun's built-in rule has its own",
                    raw.warn_at
                ));
            }
            for &i in &overridden {
                builtin[i] = amend(&builtin[i], &raw);
            }
            continue;
        }
        let mut generic = false;
        if !overridden.is_empty() {
            // A full rule with a default rule's id replaces it (and inherits
            // whether it is a low-confidence one, for placeholder filtering).
            generic = overridden.iter().any(|&i| builtin[i].rule.generic);
            remove_all(&mut builtin, &overridden);
        }
        if raw.regex.is_none() && raw.path.is_none() {
            let message = "both regex and path are empty, the rule would match nothing";
            if resolved.use_default {
                // A valid gitleaks configuration: it amends a default gitleaks
                // rule bosun has no equivalent of.
                warnings.push(format!(
                    "{}: {message}; bosun has no built-in rule with this id to amend: skipped",
                    raw.warn_at
                ));
                continue;
            }
            return Err(format!("{}: {message}", raw.at));
        }
        if let (Some((_, groups)), Some(group)) = (&raw.regex, raw.secret_group) {
            if group > *groups {
                return Err(format!(
                    "{}: secretGroup {group}, but the regex has {groups} capture groups",
                    raw.at
                ));
            }
        }
        let rule = config_rule(&raw, generic);
        own.push(ExtraRule { rule, allowlists: raw.allowlists });
    }

    let mut rules = builtin;
    rules.extend(own);
    for targeted in resolved.targeted {
        for id in &targeted.rules {
            let mut found = false;
            for rule in rules.iter_mut().filter(|r| r.rule.meta.answers_to(id)) {
                rule.allowlists.push(targeted.list.clone());
                found = true;
            }
            if !found {
                warnings.push(format!(
                    "{}[[allowlists]] targetRules: `{id}` names no rule that runs: ignored for it",
                    targeted.at
                ));
            }
        }
    }
    let mut global = vec![allowlist::default_global()];
    global.extend(resolved.global);
    Ok((rules, global))
}

fn remove_all(rules: &mut Vec<ExtraRule>, indexes: &[usize]) {
    let mut index = 0;
    rules.retain(|_| {
        index += 1;
        !indexes.contains(&(index - 1))
    });
}

// Rules read from a configuration are built once per process and live as long
// as it does, like the built-in `static` ones; `SecretRule` holds `&'static`
// data, so their strings and slices are leaked rather than threading a
// lifetime through the engine.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn leak_list(items: Vec<&'static str>) -> &'static [&'static str] {
    Box::leak(items.into_boxed_slice())
}

/// A built-in rule amended by a configuration rule without a regex.
fn amend(current: &ExtraRule, raw: &RawRule) -> ExtraRule {
    let mut rule = *current.rule;
    if let Some(entropy) = raw.entropy {
        rule.min_entropy = entropy_threshold(entropy);
    }
    if let Some(path) = &raw.path {
        rule.paths = leak_list(vec![leak(path.clone())]);
    }
    let extra: Vec<&String> = raw.keywords.iter().filter(|k| !rule.keywords.contains(&k.as_str())).collect();
    if !extra.is_empty() {
        let mut keywords = rule.keywords.to_vec();
        keywords.extend(extra.into_iter().map(|k| leak(k.clone())));
        rule.keywords = leak_list(keywords);
    }
    let changed =
        raw.entropy.is_some() || raw.path.is_some() || rule.keywords.len() != current.rule.keywords.len();
    let mut allowlists = current.allowlists.clone();
    allowlists.extend(raw.allowlists.iter().cloned());
    ExtraRule { rule: if changed { Box::leak(Box::new(rule)) } else { current.rule }, allowlists }
}

/// gitleaks drops a match whose entropy is at most the rule's `entropy`; the
/// engine drops one below `min_entropy`: the next float up makes them agree.
fn entropy_threshold(entropy: f64) -> f32 {
    let threshold = entropy as f32;
    if threshold > 0.0 && threshold.is_finite() {
        f32::from_bits(threshold.to_bits() + 1)
    } else {
        0.0
    }
}

/// A configuration rule as a [`SecretRule`].
fn config_rule(raw: &RawRule, generic: bool) -> &'static SecretRule {
    let id = leak(raw.id.clone());
    let title = match raw.description.as_deref().map(str::trim) {
        Some(description) if !description.is_empty() => leak(description.to_string()),
        _ => id,
    };
    let meta = RuleMeta {
        id,
        name: leak(kebab_case(&raw.id)),
        title,
        severity: Severity::High,
        aliases: &[],
        rationale: RATIONALE,
        remediation: REMEDIATION,
        ..META
    };
    let paths = match &raw.path {
        Some(path) => leak_list(vec![leak(path.clone())]),
        None => &[],
    };
    let rule = match &raw.regex {
        Some((pattern, _)) => SecretRule {
            meta,
            keywords: leak_list(raw.keywords.iter().map(|k| leak(k.clone())).collect()),
            pattern: leak(pattern.clone()),
            secret_group: raw.secret_group,
            min_entropy: raw.entropy.map_or(0.0, entropy_threshold),
            paths,
            generic,
            // gitleaks runs a rule over the whole file once a keyword occurs,
            // so its patterns may span lines (`\s*` across a line break).
            multiline: true,
            ..SecretRule::DEFAULT
        },
        None => SecretRule { meta, pattern: PATH_ONLY_PATTERN, paths, ..SecretRule::DEFAULT },
    };
    Box::leak(Box::new(rule))
}

/// `AcmeToken_v2` → `acme-token-v2`.
fn kebab_case(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 4);
    let mut previous: Option<char> = None;
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            let boundary = c.is_ascii_uppercase()
                && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            if boundary && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        previous = Some(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("custom-rule");
    }
    out
}

// ---------------------------------------------------------------------------
// Reading files.

struct Reader {
    main: PathBuf,
    warnings: Vec<String>,
    /// The files being read, outermost first (canonical, for cycle detection).
    chain: Vec<PathBuf>,
}

impl Reader {
    fn resolve(&mut self, path: &Path, text: &str, depth: usize) -> Result<Resolved, String> {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if self.chain.contains(&canonical) {
            return Err(format!(
                "{}: [extend] path: the configurations extend each other in a cycle",
                path.display()
            ));
        }
        self.chain.push(canonical);
        let source = Source { path: path.to_path_buf(), text, main: path == self.main };
        let config = parse(&source, &mut self.warnings)?;

        let mut resolved = Resolved::default();
        let extend = &config.extend;
        let here = source.prefix();
        if extend.use_default && extend.path.is_some() {
            return Err(
                source.error(None, "[extend]: useDefault and path cannot both be set (gitleaks allows one)")
            );
        }
        if let Some((relative, line)) = &extend.path {
            if depth >= MAX_EXTEND_DEPTH {
                self.warnings.push(source.warning(
                    *line,
                    &format!("[extend] path {relative:?} ignored: configurations extend at most {MAX_EXTEND_DEPTH} levels deep"),
                ));
            } else {
                let target = extended_path(path, relative);
                let text = std::fs::read_to_string(&target).map_err(|e| {
                    source.error(*line, &format!("[extend] path {:?}: {e}", target.display()))
                })?;
                resolved = self.resolve(&target, &text, depth + 1)?;
            }
        }
        if extend.use_default {
            resolved.use_default = true;
        }
        // disabledRules drops the extended configuration's rules, and the
        // defaults wherever in the chain they came in.
        for id in &extend.disabled {
            let before = resolved.rules.len();
            resolved.rules.retain(|rule| rule.id != *id);
            let matched = resolved.rules.len() < before;
            if resolved.use_default {
                resolved.disabled.push(Disabled { id: id.clone(), at: here.clone(), matched });
            } else if !matched {
                let why = if extend.path.is_some() {
                    "the extended configuration has no such rule"
                } else {
                    "no default rules are loaded (no useDefault)"
                };
                self.warnings.push(
                    source.warning(
                        extend.line,
                        &format!("[extend] disabledRules: `{id}` has no effect: {why}"),
                    ),
                );
            }
        }

        for rule in config.rules {
            match resolved.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => existing.overlay(rule),
                None => resolved.rules.push(rule),
            }
        }
        resolved.global.extend(config.global);
        resolved.targeted.extend(config.targeted);
        self.chain.pop();
        Ok(resolved)
    }
}

/// `[extend] path` is taken relative to the configuration that names it; gitleaks
/// takes it relative to the working directory, which is used when only it has the file.
fn extended_path(config: &Path, relative: &str) -> PathBuf {
    let beside = config.parent().unwrap_or(Path::new("")).join(relative);
    if !beside.exists() && Path::new(relative).exists() {
        return PathBuf::from(relative);
    }
    beside
}

/// One file being read.
struct Source<'a> {
    path: PathBuf,
    text: &'a str,
    /// The file given to `load` (warnings about it do not repeat its name).
    main: bool,
}

impl Source<'_> {
    fn line(&self, span: &Option<Range<usize>>) -> Option<usize> {
        span.as_ref().map(|s| self.text[..s.start.min(self.text.len())].matches('\n').count() + 1)
    }

    fn error(&self, line: Option<usize>, message: &str) -> String {
        match line {
            Some(line) => format!("{}: line {line}: {message}", self.path.display()),
            None => format!("{}: {message}", self.path.display()),
        }
    }

    fn warning(&self, line: Option<usize>, message: &str) -> String {
        let mut out = self.prefix();
        if let Some(line) = line {
            out.push_str(&format!("line {line}: "));
        }
        out.push_str(message);
        out
    }

    /// What warnings about this file start with: nothing for the main file.
    fn prefix(&self) -> String {
        if self.main {
            String::new()
        } else {
            format!("{}: ", self.path.display())
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing: TOML → checked structures.

#[derive(Default)]
struct Extend {
    use_default: bool,
    path: Option<(String, Option<usize>)>,
    disabled: Vec<String>,
    line: Option<usize>,
}

#[derive(Default)]
struct Config {
    extend: Extend,
    rules: Vec<RawRule>,
    global: Vec<Allowlist>,
    targeted: Vec<Targeted>,
}

const TOP_KEYS: &[&str] = &["title", "description", "extend", "rules", "allowlist", "allowlists"];
const EXTEND_KEYS: &[&str] = &["useDefault", "path", "url", "disabledRules"];
const RULE_KEYS: &[&str] = &[
    "id",
    "description",
    "regex",
    "secretGroup",
    "entropy",
    "keywords",
    "path",
    "tags",
    "allowlist",
    "allowlists",
    "required",
    "skipReport",
];
const ALLOWLIST_KEYS: &[&str] =
    &["description", "condition", "commits", "paths", "regexTarget", "regexes", "stopwords", "targetRules"];

fn parse(source: &Source, warnings: &mut Vec<String>) -> Result<Config, String> {
    let root = parse_toml(source)?;
    let top = Table::new(source, &root, "the configuration")?;
    top.check_keys(TOP_KEYS, warnings)?;
    let mut config = Config::default();

    if let Some(item) = top.get("extend") {
        let extend = Table::new(source, item, "[extend]")?;
        extend.check_keys(EXTEND_KEYS, warnings)?;
        config.extend.line = source.line(&item.span);
        config.extend.use_default = extend.boolean("useDefault")?.unwrap_or(false);
        config.extend.path = extend.string("path")?.map(|p| (p, extend.line_of("path")));
        config.extend.disabled = extend.strings("disabledRules")?;
        if extend.get("url").is_some() {
            warnings.push(source.warning(
                extend.line_of("url"),
                "[extend] url is not supported (nor is it by gitleaks): ignored",
            ));
        }
    }

    for item in top.tables("rules")? {
        config.rules.push(parse_rule(source, Table::new(source, item, "[[rules]]")?, warnings)?);
    }
    // Within one file a second definition of an id replaces the first.
    let mut rules: Vec<RawRule> = Vec::with_capacity(config.rules.len());
    for rule in config.rules {
        if let Some(at) = rules.iter().position(|r| r.id == rule.id) {
            warnings.push(format!("{}: defined twice; the later definition is used", rule.warn_at));
            rules[at] = rule;
        } else {
            rules.push(rule);
        }
    }
    config.rules = rules;

    for key in ["allowlist", "allowlists"] {
        for table in top.tables(key)? {
            let context = if key == "allowlist" { "[allowlist]" } else { "[[allowlists]]" };
            let list = Table::new(source, table, context)?;
            let targets = list.strings("targetRules")?;
            let Some(parsed) = parse_allowlist(source, &list, context, warnings)? else { continue };
            if targets.is_empty() {
                config.global.push(parsed);
            } else {
                config.targeted.push(Targeted { rules: targets, list: parsed, at: source.prefix() });
            }
        }
    }
    Ok(config)
}

fn parse_rule(source: &Source, table: Table, warnings: &mut Vec<String>) -> Result<RawRule, String> {
    let id = table.string("id")?.map(|id| id.trim().to_string()).unwrap_or_default();
    if id.is_empty() {
        let hint = match table.string("description")? {
            Some(description) => format!(" (description {description:?})"),
            None => String::new(),
        };
        return Err(source.error(table.line(), &format!("a rule has no `id`{hint}")));
    }
    let context = format!("rule {id}");
    let at = format!("{}: {context}", source.path.display());
    let warn_at = format!("{}{context}", source.prefix());
    let table = Table { context: context.clone(), ..table };
    table.check_keys(RULE_KEYS, warnings)?;

    let regex = match table.string("regex")? {
        Some(pattern) if !pattern.is_empty() => {
            let (translated, compiled) = compile(source, &context, "regex", &pattern)?;
            Some((translated, compiled.captures_len() - 1))
        }
        _ => None,
    };
    let path = match table.string("path")? {
        Some(pattern) if !pattern.is_empty() => Some(compile(source, &context, "path", &pattern)?.0),
        _ => None,
    };
    let secret_group = table.count("secretGroup")?.filter(|&g| g > 0);
    let entropy = table.number("entropy")?.filter(|&e| e > 0.0);
    let keywords = table
        .strings("keywords")?
        .into_iter()
        .map(|k| k.to_lowercase())
        .filter(|k| !k.trim().is_empty())
        .collect();
    let _ = table.strings("tags")?;
    let skip_report = table.boolean("skipReport")?.unwrap_or(false);
    let required = table.get("required").is_some();

    let mut allowlists = Vec::new();
    for key in ["allowlist", "allowlists"] {
        for item in table.tables(key)? {
            let list_context = format!(
                "{context}: {}",
                if key == "allowlist" { "[rules.allowlist]" } else { "[[rules.allowlists]]" }
            );
            let list = Table::new(source, item, &list_context)?;
            if list.get("targetRules").is_some() {
                warnings.push(source.warning(
                    list.line_of("targetRules"),
                    &format!("{list_context}: targetRules only applies to global allowlists: ignored"),
                ));
            }
            allowlists.extend(parse_allowlist(source, &list, &list_context, warnings)?);
        }
    }
    Ok(RawRule {
        id,
        at,
        warn_at,
        description: table.string("description")?,
        regex,
        secret_group,
        entropy,
        keywords,
        path,
        allowlists,
        required,
        skip_report,
    })
}

/// An allowlist table; `None` (with a warning) when it has nothing to match.
fn parse_allowlist(
    source: &Source,
    table: &Table,
    context: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<Allowlist>, String> {
    let table = Table { context: context.to_string(), ..table.clone() };
    table.check_keys(ALLOWLIST_KEYS, warnings)?;
    let require_all = match table.string("condition")?.map(|c| c.trim().to_ascii_uppercase()).as_deref() {
        None | Some("") | Some("OR") | Some("||") => false,
        Some("AND") | Some("&&") => true,
        Some(other) => {
            return Err(source.error(
                table.line_of("condition"),
                &format!("{context}: condition {other:?}: expected \"OR\" or \"AND\""),
            ))
        }
    };
    let regex_target = match table.string("regexTarget")?.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
        None | Some("") | Some("secret") => RegexTarget::Secret,
        Some("match") => RegexTarget::Match,
        Some("line") => RegexTarget::Line,
        Some(other) => {
            return Err(source.error(
                table.line_of("regexTarget"),
                &format!("{context}: regexTarget {other:?}: expected \"secret\", \"match\" or \"line\""),
            ))
        }
    };
    let compile_all = |key: &str, what: &str| -> Result<Vec<Regex>, String> {
        table.strings(key)?.iter().map(|p| compile(source, context, what, p).map(|(_, r)| r)).collect()
    };
    let list = Allowlist {
        description: table
            .string("description")?
            .unwrap_or_else(|| format!("{} {context}", source.path.display())),
        regexes: compile_all("regexes", "allowlist regex")?,
        regex_target,
        paths: compile_all("paths", "allowlist path")?,
        stopwords: table
            .strings("stopwords")?
            .iter()
            .map(|w| w.to_lowercase())
            .filter(|w| !w.is_empty())
            .collect(),
        commits: table
            .strings("commits")?
            .iter()
            .map(|c| c.trim().to_ascii_lowercase())
            .filter(|c| !c.is_empty())
            .collect(),
        require_all,
    };
    if list.is_empty() {
        warnings.push(source.warning(
            table.line(),
            &format!("{context}: empty (no commits, paths, regexes or stopwords): ignored"),
        ));
        return Ok(None);
    }
    Ok(Some(list))
}

/// Translates and compiles one pattern. `what` names it in errors:
/// `FILE: rule ID: bad regex: reason`.
fn compile(source: &Source, context: &str, what: &str, pattern: &str) -> Result<(String, Regex), String> {
    let translated = translate(pattern);
    match Regex::new(&translated) {
        Ok(regex) => Ok((translated, regex)),
        Err(e) => {
            let mut message = format!("{}: {context}: bad {what}: {e}", source.path.display());
            if translated != pattern {
                message.push_str(&format!("\n(translated from the Go pattern {pattern:?})"));
            }
            Err(message)
        }
    }
}

// ---------------------------------------------------------------------------
// Go RE2 → `regex` crate.

/// Rewrites a Go (RE2) pattern so that the `regex` crate reads it as Go does:
/// - `\Q...\E` (literal text) is escaped;
/// - `\d \w \s \b` and their negations are ASCII in Go, Unicode in Rust: they
///   become ASCII classes;
/// - `\<` `\>` are literal in Go, word boundaries in Rust;
/// - a `{` that does not open a repetition (`{,3}`, `{\d+}`) is literal in Go;
/// - inside a class, a `[` that does not open `[:alpha:]` is literal in Go, and
///   `&&` `--` `~~` are literal in Go, set operators in Rust;
/// - octal escapes (`\012`) become `\x{A}`.
///
/// Anything else is passed through: the two dialects share it.
pub fn translate(go: &str) -> String {
    let chars: Vec<char> = go.chars().collect();
    let mut out = String::with_capacity(go.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_class {
            match c {
                ']' => {
                    in_class = false;
                    out.push(']');
                    i += 1;
                }
                '[' => match posix_class_end(&chars, i) {
                    Some(end) => {
                        out.extend(&chars[i..end]);
                        i = end;
                    }
                    None => {
                        out.push_str(r"\[");
                        i += 1;
                    }
                },
                '\\' => i = translate_escape(&chars, i, true, &mut out),
                '&' | '~' | '-' if chars.get(i + 1) == Some(&c) => {
                    out.push(c);
                    out.push('\\');
                    out.push(c);
                    i += 2;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            match c {
                '\\' => i = translate_escape(&chars, i, false, &mut out),
                '[' => {
                    out.push('[');
                    i += 1;
                    if chars.get(i) == Some(&'^') {
                        out.push('^');
                        i += 1;
                    }
                    // A `]` first in a class is literal in both; Rust wants it escaped.
                    if chars.get(i) == Some(&']') {
                        out.push_str(r"\]");
                        i += 1;
                    }
                    in_class = true;
                }
                '{' => match repetition_end(&chars, i) {
                    Some(end) => {
                        out.extend(&chars[i..end]);
                        i = end;
                    }
                    None => {
                        out.push_str(r"\{");
                        i += 1;
                    }
                },
                '}' => {
                    out.push_str(r"\}");
                    i += 1;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
    out
}

/// `chars[at]` is a backslash: writes its translation, returns where to go on.
fn translate_escape(chars: &[char], at: usize, in_class: bool, out: &mut String) -> usize {
    let Some(&e) = chars.get(at + 1) else {
        out.push('\\');
        return at + 1;
    };
    match e {
        'Q' if !in_class => {
            let start = at + 2;
            let mut end = start;
            while end < chars.len() && !(chars[end] == '\\' && chars.get(end + 1) == Some(&'E')) {
                end += 1;
            }
            let literal: String = chars[start..end].iter().collect();
            out.push_str(&regex::escape(&literal));
            (end + 2).min(chars.len())
        }
        'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
            out.push_str(ascii_class(e, in_class));
            at + 2
        }
        'b' if !in_class => {
            out.push_str(r"(?-u:\b)");
            at + 2
        }
        'B' if !in_class => {
            out.push_str(r"(?-u:\B)");
            at + 2
        }
        '<' | '>' => {
            out.push(e);
            at + 2
        }
        // `\p{Greek}`, `\x{41}`: the braces belong to the escape.
        'p' | 'P' | 'x' if chars.get(at + 2) == Some(&'{') => {
            let end = chars[at..].iter().position(|&c| c == '}').map_or(chars.len(), |p| at + p + 1);
            out.extend(&chars[at..end]);
            end
        }
        '0'..='7' => {
            let is_octal = |c: Option<&char>| c.is_some_and(|c| ('0'..='7').contains(c));
            // Go: `\0` plus up to two octal digits, or `\1`-`\7` followed by
            // one; a lone `\1` is a backreference, which neither supports.
            if e != '0' && !is_octal(chars.get(at + 2)) {
                out.push('\\');
                out.push(e);
                return at + 2;
            }
            let mut end = at + 2;
            while end < at + 4 && is_octal(chars.get(end)) {
                end += 1;
            }
            let digits: String = chars[at + 1..end].iter().collect();
            let value = u32::from_str_radix(&digits, 8).unwrap_or(0);
            out.push_str(&format!(r"\x{{{value:X}}}"));
            end
        }
        _ => {
            out.push('\\');
            out.push(e);
            at + 2
        }
    }
}

/// Go's Perl classes are ASCII-only.
fn ascii_class(e: char, in_class: bool) -> &'static str {
    match (e, in_class) {
        ('d', false) => "[0-9]",
        ('D', false) => "[^0-9]",
        ('w', false) => "[0-9A-Za-z_]",
        ('W', false) => "[^0-9A-Za-z_]",
        ('s', false) => r"[\t\n\f\r ]",
        ('S', false) => r"[^\t\n\f\r ]",
        ('d', true) => "0-9",
        ('D', true) => "[:^digit:]",
        ('w', true) => "0-9A-Za-z_",
        ('W', true) => "[:^word:]",
        ('s', true) => r"\t\n\f\r ",
        _ => "[:^space:]",
    }
}

/// `[:alpha:]` or `[:^alpha:]` at `chars[at]`: the index after it.
fn posix_class_end(chars: &[char], at: usize) -> Option<usize> {
    if chars.get(at + 1) != Some(&':') {
        return None;
    }
    let mut i = at + 2;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    let name_start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        i += 1;
    }
    (i > name_start && chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&']')).then_some(i + 2)
}

/// `{n}`, `{n,}` or `{n,m}` at `chars[at]`: the index after it.
fn repetition_end(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at + 1;
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

// ---------------------------------------------------------------------------
// TOML with positions.

/// A TOML value with where it starts in its file, when the parser tells.
#[derive(Debug, Clone)]
struct Item {
    span: Option<Range<usize>>,
    node: Node,
}

#[derive(Debug, Clone)]
enum Node {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<Item>),
    Table(Vec<(String, Item)>),
    /// Dates and times: no gitleaks key takes one.
    Other,
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Str(_) => "a string",
            Node::Int(_) => "an integer",
            Node::Float(_) => "a number",
            Node::Bool(_) => "a boolean",
            Node::Array(_) => "an array",
            Node::Table(_) => "a table",
            Node::Other => "a date",
        }
    }
}

/// The same tree as deserialized with spans (`toml::Spanned` on every value).
enum SpannedNode {
    Scalar(Node),
    Array(Vec<toml::Spanned<SpannedNode>>),
    Table(Vec<(String, toml::Spanned<SpannedNode>)>),
}

impl<'de> Deserialize<'de> for SpannedNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SpannedVisitor)
    }
}

struct SpannedVisitor;

impl<'de> Visitor<'de> for SpannedVisitor {
    type Value = SpannedNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Int(i64::try_from(v).unwrap_or(i64::MAX))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Str(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<SpannedNode, E> {
        Ok(SpannedNode::Scalar(Node::Str(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SpannedNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(SpannedNode::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SpannedNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // The toml crate hands dates over as a one-entry map with a private key.
            if key.starts_with("$__toml_private") {
                let _: String = map.next_value()?;
                return Ok(SpannedNode::Scalar(Node::Other));
            }
            entries.push((key, map.next_value()?));
        }
        Ok(SpannedNode::Table(entries))
    }
}

fn from_spanned(value: toml::Spanned<SpannedNode>) -> Item {
    let span = Some(value.span());
    let node = match value.into_inner() {
        SpannedNode::Scalar(node) => node,
        SpannedNode::Array(items) => Node::Array(items.into_iter().map(from_spanned).collect()),
        SpannedNode::Table(entries) => {
            Node::Table(entries.into_iter().map(|(k, v)| (k, from_spanned(v))).collect())
        }
    };
    Item { span, node }
}

fn from_value(value: toml::Value) -> Item {
    let node = match value {
        toml::Value::String(s) => Node::Str(s),
        toml::Value::Integer(i) => Node::Int(i),
        toml::Value::Float(f) => Node::Float(f),
        toml::Value::Boolean(b) => Node::Bool(b),
        toml::Value::Datetime(_) => Node::Other,
        toml::Value::Array(items) => Node::Array(items.into_iter().map(from_value).collect()),
        toml::Value::Table(table) => {
            Node::Table(table.into_iter().map(|(k, v)| (k, from_value(v))).collect())
        }
    };
    Item { span: None, node }
}

/// Parses the file. Syntax errors name the line. Values carry their position
/// for later messages, except in the rare file the toml crate cannot give
/// positions for (tables made implicitly by dotted keys): then messages have
/// no line.
fn parse_toml(source: &Source) -> Result<Item, String> {
    match toml::from_str::<SpannedNode>(source.text) {
        Ok(SpannedNode::Table(entries)) => Ok(Item {
            span: None,
            node: Node::Table(entries.into_iter().map(|(k, v)| (k, from_spanned(v))).collect()),
        }),
        Ok(_) => Err(source.error(None, "not a TOML table")),
        Err(_) => match source.text.parse::<toml::Table>() {
            Ok(table) => Ok(from_value(toml::Value::Table(table))),
            Err(e) => {
                let line = source.line(&e.span());
                Err(source.error(line, &format!("not valid TOML: {}", e.message().trim())))
            }
        },
    }
}

/// A table being read, with what to call it in messages.
#[derive(Clone)]
struct Table<'a> {
    source: &'a Source<'a>,
    item: &'a Item,
    entries: &'a [(String, Item)],
    context: String,
}

impl<'a> Table<'a> {
    fn new(source: &'a Source<'a>, item: &'a Item, context: &str) -> Result<Table<'a>, String> {
        match &item.node {
            Node::Table(entries) => Ok(Table { source, item, entries, context: context.to_string() }),
            other => Err(source.error(
                source.line(&item.span),
                &format!("{context}: expected a table, found {}", other.kind()),
            )),
        }
    }

    fn line(&self) -> Option<usize> {
        self.source.line(&self.item.span)
    }

    fn line_of(&self, key: &str) -> Option<usize> {
        self.get(key).and_then(|item| self.source.line(&item.span)).or_else(|| self.line())
    }

    /// The value of `key`, whatever its case (gitleaks reads keys case-insensitively).
    fn get(&self, key: &str) -> Option<&'a Item> {
        self.entries.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
    }

    fn wrong_type(&self, key: &str, item: &Item, expected: &str) -> String {
        self.source.error(
            self.source.line(&item.span).or_else(|| self.line()),
            &format!("{}: `{key}` must be {expected}, not {}", self.context, item.node.kind()),
        )
    }

    fn string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Item { node: Node::Str(s), .. }) => Ok(Some(s.clone())),
            Some(item) => Err(self.wrong_type(key, item, "a string")),
        }
    }

    /// An array of strings; a single string counts as a one-element array.
    fn strings(&self, key: &str) -> Result<Vec<String>, String> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Item { node: Node::Str(s), .. }) => Ok(vec![s.clone()]),
            Some(Item { node: Node::Array(items), .. }) => items
                .iter()
                .map(|item| match &item.node {
                    Node::Str(s) => Ok(s.clone()),
                    _ => Err(self.wrong_type(key, item, "an array of strings")),
                })
                .collect(),
            Some(item) => Err(self.wrong_type(key, item, "an array of strings")),
        }
    }

    fn boolean(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Item { node: Node::Bool(b), .. }) => Ok(Some(*b)),
            Some(item) => Err(self.wrong_type(key, item, "true or false")),
        }
    }

    fn number(&self, key: &str) -> Result<Option<f64>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Item { node: Node::Float(f), .. }) => Ok(Some(*f)),
            Some(Item { node: Node::Int(i), .. }) => Ok(Some(*i as f64)),
            Some(item) => Err(self.wrong_type(key, item, "a number")),
        }
    }

    fn count(&self, key: &str) -> Result<Option<usize>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Item { node: Node::Int(i), .. }) if *i >= 0 => {
                Ok(Some(usize::try_from(*i).unwrap_or(usize::MAX)))
            }
            Some(item) => Err(self.wrong_type(key, item, "a non-negative integer")),
        }
    }

    /// An array of tables (`[[key]]`); a single table (`[key]`) counts as one.
    fn tables(&self, key: &str) -> Result<Vec<&'a Item>, String> {
        let items: Vec<&'a Item> = match self.get(key) {
            None => return Ok(Vec::new()),
            Some(item @ Item { node: Node::Table(_), .. }) => vec![item],
            Some(Item { node: Node::Array(items), .. }) => items.iter().collect(),
            Some(item) => return Err(self.wrong_type(key, item, "a table or an array of tables")),
        };
        match items.iter().find(|item| !matches!(item.node, Node::Table(_))) {
            Some(item) => Err(self.wrong_type(key, item, "a table or an array of tables")),
            None => Ok(items),
        }
    }

    /// Warns about unknown keys, and fails on those that look like a misspelt
    /// known key (`regexs`): that mistake silently changes what is reported.
    fn check_keys(&self, known: &[&str], warnings: &mut Vec<String>) -> Result<(), String> {
        for (key, item) in self.entries {
            if known.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                continue;
            }
            let line = self.source.line(&item.span).or_else(|| self.line());
            let lower = key.to_ascii_lowercase();
            let near = known
                .iter()
                .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
                .filter(|&(distance, k)| distance <= 2 && lower.len() >= 4 && k.len() >= 4)
                .min();
            match near {
                Some((_, suggestion)) => {
                    return Err(self.source.error(
                        line,
                        &format!("{}: unknown key `{key}` (did you mean `{suggestion}`?)", self.context),
                    ))
                }
                None => warnings.push(
                    self.source.warning(line, &format!("{}: unknown key `{key}` ignored", self.context)),
                ),
            }
        }
        Ok(())
    }
}

/// Levenshtein distance (keys are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
