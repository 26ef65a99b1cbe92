//! bosun's promise for infrastructure code: a value that cannot be known is
//! unknown — never a false alarm. Every cloud rule's GOOD example is safe, so
//! making its literal settings unknown (a variable without a default, a
//! CloudFormation parameter without `Default`) must not make the rule fire:
//! an unknown value may well be the safe one the example spelled out.
//!
//! The examples are rewritten textually: in Terraform, each `key = value`
//! attribute whose value is a literal (a string without interpolation, a
//! number, a bool, null, a heredoc without templates, a list/object of those,
//! or `jsonencode(...)` of those) becomes `var.<name>`; in CloudFormation each
//! scalar property value (or block scalar, flow or block list of scalars)
//! becomes `!Ref <Parameter>`. References (`aws_s3_bucket.x.id`, `!Ref X`) stay.
//! Each rule gets one variant with everything unknown and one per setting.

use crate::cloud::{cloudformation, terraform, CloudCheck};
use crate::registry::RULES;
use crate::rule::{Check, Rule, RuleSet};

/// Settings whose unknown value legitimately changes the verdict: they decide
/// whether the rule applies at all (a type-like selector), or a safe example
/// only becomes safe through what they name. Such a setting is never made
/// unknown, so the test stays strict for every other one. Entries are
/// `(rule id or "*", resource type or "*", attribute or property name)`.
///
/// Empty today: every unknown that caught a rule was a bug in the rule, and was
/// fixed there (an unknown listener action type or load balancer attribute key
/// may be the safe one, an unknown `remove_default_node_pool` may remove the
/// pool, an unknown log target may be this bucket). A rule whose scope depends
/// on a setting (`engine`, `runtime`, `protocol`) stays silent when it is
/// unknown, so needs no entry either. Add one only with a comment saying why
/// the unknown value must change the verdict, e.g.
/// `("AMZ000", "aws_db_instance", "engine"), // decides the rule applies`.
const SELECTORS: &[(&str, &str, &str)] = &[];

/// Where a rewrite happened, for the failure report.
#[derive(Debug, Clone)]
struct Site {
    /// Byte range of the value in the example.
    start: usize,
    end: usize,
    /// Resource type (`aws_s3_bucket`, `AWS::S3::Bucket`) or top-level block kind.
    resource: String,
    /// Nested block path and attribute, for the report (`rule.filter.prefix`).
    path: String,
    /// The attribute or property name itself.
    key: String,
    /// The value is a reference to another resource (`aws_s3_bucket.x.id`,
    /// `!Ref X`, `!GetAtt X.Arn`) rather than a literal.
    link: bool,
}

fn selected(rule: &Rule, site: &Site) -> bool {
    SELECTORS.iter().any(|(id, resource, key)| {
        (*id == "*" || *id == rule.meta.id)
            && (*resource == "*" || *resource == site.resource)
            && *key == site.key
    })
}

// ---------------------------------------------------------------- Terraform

/// Top-level blocks whose attributes are not resource settings.
const SKIPPED_BLOCKS: &[&str] =
    &["terraform", "provider", "variable", "output", "module", "moved", "import", "check"];
/// Meta-arguments, which shape instances rather than set anything.
const META_ARGUMENTS: &[&str] = &["count", "for_each", "depends_on", "provider", "iterator", "labels"];
/// Functions whose result is a literal when their arguments are.
const LITERAL_FUNCTIONS: &[&str] = &["jsonencode", "tolist", "toset", "tomap"];

/// Every literal attribute of a Terraform text, and how many attributes were
/// left alone because they could not be rewritten safely.
fn terraform_sites(text: &str) -> (Vec<Site>, usize) {
    let bytes = text.as_bytes();
    let mut sites = Vec::new();
    let mut skipped = 0;
    // Open blocks: the top-level one as `kind:type`, nested ones by name.
    let mut stack: Vec<String> = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("//") {
            pos = line_end + 1;
            continue;
        }
        if trimmed == "}" {
            stack.pop();
            pos = line_end + 1;
            continue;
        }
        let word_len =
            trimmed.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-').count();
        let word = &trimmed[..word_len];
        let rest = trimmed[word_len..].trim_start();
        if word_len > 0 && rest.starts_with('=') && !rest.starts_with("==") {
            let after_equals = pos + line.find('=').unwrap_or_default() + 1;
            let value_start = text.len() - text[after_equals..].trim_start_matches([' ', '\t']).len();
            match scan_value(bytes, value_start) {
                Some((end, literal)) => {
                    let top = stack.first().map(String::as_str).unwrap_or("");
                    let kind = top.split(':').next().unwrap_or("");
                    let ignored = stack.is_empty()
                        || SKIPPED_BLOCKS.contains(&kind)
                        || stack.iter().any(|b| b == "lifecycle")
                        || META_ARGUMENTS.contains(&word);
                    let link = !literal && is_reference(&text[value_start..end]);
                    if (literal || link) && !ignored {
                        let resource = top.split(':').nth(1).unwrap_or(kind).to_string();
                        let mut path: Vec<&str> = stack.iter().skip(1).map(String::as_str).collect();
                        path.push(word);
                        let path = path.join(".");
                        sites.push(Site { start: value_start, end, resource, path, key: word.into(), link });
                    }
                    pos = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                }
                None => {
                    skipped += 1;
                    // Cannot tell where the value ends: give up on the rest of the text.
                    break;
                }
            }
            continue;
        }
        if trimmed.ends_with('{') && word_len > 0 {
            // A block header: `resource "aws_s3_bucket" "x" {`, `rule {`, `dynamic "x" {`.
            let labels: Vec<&str> =
                rest.trim_end_matches('{').split_whitespace().map(|l| l.trim_matches('"')).collect();
            let name = if stack.is_empty() {
                format!("{word}:{}", labels.first().unwrap_or(&""))
            } else if word == "dynamic" || word == "content" {
                labels.first().map_or_else(|| word.to_string(), |l| l.to_string())
            } else {
                word.to_string()
            };
            stack.push(name);
            pos = line_end + 1;
            continue;
        }
        // A one-line block (`versioning { enabled = true }`) or something unmodelled.
        if trimmed.contains('=') {
            skipped += 1;
        }
        pos = line_end + 1;
    }
    (sites, skipped)
}

/// Scans an HCL expression from `start` to the end of its (possibly multi-line)
/// value. Gives the end (before any trailing comment or blank) and whether it
/// is a literal; `None` when the scan cannot be trusted.
fn scan_value(bytes: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut literal = true;
    let mut depth = 0usize;
    let mut i = start;
    let mut end = start;
    // A heredoc's body begins on the next line: remember markers until then.
    let mut heredocs: Vec<String> = Vec::new();
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\n' => {
                for marker in heredocs.drain(..) {
                    let (body_end, after) = heredoc_end(bytes, i + 1, &marker)?;
                    let body = std::str::from_utf8(&bytes[i + 1..body_end]).ok()?;
                    if has_template(body) {
                        literal = false;
                    }
                    end = after;
                    i = after;
                }
                if depth == 0 {
                    return Some((end, literal));
                }
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => i = skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let close = find(bytes, i + 2, b"*/")?;
                i = close + 2;
            }
            b'"' => {
                let (close, templated) = scan_string(bytes, i + 1)?;
                literal &= !templated;
                i = close + 1;
                end = i;
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                let mut j = i + 2;
                if bytes.get(j) == Some(&b'-') {
                    j += 1;
                }
                let marker_len =
                    bytes[j..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
                if marker_len == 0 {
                    return None;
                }
                heredocs.push(String::from_utf8(bytes[j..j + marker_len].to_vec()).ok()?);
                i = j + marker_len;
                end = i;
            }
            b'[' | b'{' | b'(' => {
                depth += 1;
                i += 1;
                end = i;
            }
            b']' | b'}' | b')' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                end = i;
            }
            b',' | b':' | b'=' => {
                if c == b'=' && bytes.get(i + 1) == Some(&b'=') {
                    literal = false;
                }
                i += 1;
                end = i;
            }
            b'0'..=b'9' | b'-' | b'.' => {
                if c == b'.' && !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    literal = false;
                }
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || matches!(bytes[i], b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                end = i;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                    .count();
                let word = std::str::from_utf8(&bytes[i..i + len]).ok()?;
                i += len;
                end = i;
                let next = bytes[i..].iter().copied().find(|b| !matches!(b, b' ' | b'\t'));
                let key = matches!(next, Some(b':')) || (next == Some(b'=') && depth > 0);
                let call = next == Some(b'(') && LITERAL_FUNCTIONS.contains(&word);
                if !(matches!(word, "true" | "false" | "null") || key || call) {
                    literal = false;
                }
            }
            _ => {
                literal = false;
                i += 1;
                end = i;
            }
        }
    }
    (depth == 0 && heredocs.is_empty()).then_some((end, literal))
}

/// A plain traversal to another resource or data source (`aws_s3_bucket.x.id`,
/// `data.aws_iam_policy_document.p.json`), not a variable, local or iterator.
fn is_reference(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    let word =
        |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    parts.len() >= 3
        && parts.iter().all(word)
        && !matches!(parts[0], "var" | "local" | "each" | "count" | "path" | "module" | "self" | "terraform")
}

fn skip_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| from + p)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..].windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// A quoted string from just after its opening quote: its closing quote, and
/// whether it holds a template (`${...}` or `%{...}`).
fn scan_string(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut templated = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some((i, templated)),
            b'\n' => return None,
            b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                // `$${` and `%%{` are escapes, not templates.
                if i > 0 && bytes[i - 1] == bytes[i] {
                    i += 2;
                    continue;
                }
                templated = true;
                // Skip to the matching brace, over nested strings.
                let mut depth = 0;
                i += 1;
                loop {
                    match *bytes.get(i)? {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        b'"' => i = scan_string(bytes, i + 1)?.0,
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn has_template(body: &str) -> bool {
    let b = body.as_bytes();
    (0..b.len().saturating_sub(1))
        .any(|i| matches!(b[i], b'$' | b'%') && b[i + 1] == b'{' && (i == 0 || b[i - 1] != b[i]))
}

/// A heredoc body starting at `from`: where the closing marker's line begins
/// and where it ends.
fn heredoc_end(bytes: &[u8], from: usize, marker: &str) -> Option<(usize, usize)> {
    let mut line_start = from;
    while line_start < bytes.len() {
        let line_end = skip_line(bytes, line_start);
        let line = std::str::from_utf8(&bytes[line_start..line_end]).ok()?;
        if line.trim() == marker {
            return Some((line_start, line_end));
        }
        line_start = line_end + 1;
    }
    None
}

fn terraform_variant(text: &str, sites: &[&Site]) -> String {
    let mut out = text.to_string();
    let mut sorted: Vec<(usize, &Site)> = sites.iter().copied().enumerate().collect();
    sorted.sort_by_key(|(_, s)| std::cmp::Reverse(s.start));
    for (n, site) in &sorted {
        out.replace_range(site.start..site.end, &format!("var.unknown_{n}"));
    }
    for n in 0..sites.len() {
        out.push_str(&format!("\nvariable \"unknown_{n}\" {{}}\n"));
    }
    out
}

fn run_terraform(rule: &'static Rule, text: &str) -> Result<usize, String> {
    let loaded = terraform::load_files(&[("main.tf".to_string(), text.to_string())]);
    if !loaded.errors.is_empty() {
        return Err(format!("{:?}", loaded.errors));
    }
    Ok(crate::cloud::analyze_deployment(&loaded.deployment, &RuleSet::only(rule)).len())
}

// ----------------------------------------------------------- CloudFormation

/// Every scalar property value of a CloudFormation YAML text, and how many
/// values were left alone because they could not be rewritten safely.
fn cloudformation_sites(text: &str) -> (Vec<Site>, usize) {
    let lines: Vec<(usize, &str)> = line_offsets(text);
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let mut sites = Vec::new();
    let mut skipped = 0;
    let mut in_resources = false;
    let mut resource_type = String::new();
    // The indent of the current `Properties:` key, while inside it.
    let mut properties: Option<usize> = None;
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (offset, line) = lines[i];
        let trimmed = line.trim_end();
        let indent = indent_of(line);
        i += 1;
        if trimmed.trim_start().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        if indent == 0 {
            in_resources = trimmed == "Resources:";
            properties = None;
            continue;
        }
        if !in_resources {
            continue;
        }
        if indent == 2 {
            // A new resource: find its type, wherever it is among its keys.
            resource_type = lines[i..]
                .iter()
                .take_while(|(_, l)| l.trim().is_empty() || indent_of(l) > 2)
                .find_map(|(_, l)| {
                    l.trim().strip_prefix("Type:").map(|t| t.trim().trim_matches(['"', '\'']).to_string())
                })
                .unwrap_or_default();
            properties = None;
            continue;
        }
        if properties.is_some_and(|p| indent <= p) {
            properties = None;
        }
        if properties.is_none() {
            if trimmed.trim_start() == "Properties:" {
                properties = Some(indent);
                path.clear();
            }
            continue;
        }
        // `key: value`, possibly after `- ` (an object in a list).
        let mut body = trimmed.trim_start();
        let mut key_col = indent;
        while let Some(after) = body.strip_prefix("- ") {
            body = after.trim_start();
            key_col = trimmed.len() - body.len();
        }
        let Some((key, value)) = split_key(body) else { continue };
        path.retain(|(col, _)| *col < key_col);
        path.push((key_col, key.to_string()));
        let value_start = offset + trimmed.len() - value.len();
        let dotted = path.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>().join(".");
        let site = |start, end| Site {
            start,
            end,
            resource: resource_type.clone(),
            path: dotted.clone(),
            key: key.to_string(),
            link: false,
        };
        let value = strip_comment(value);
        if value.is_empty() {
            // A nested mapping or a block list: a list of plain scalars is one value.
            let items: Vec<&(usize, &str)> = lines[i..]
                .iter()
                .take_while(|(_, l)| l.trim().is_empty() || indent_of(l) > key_col)
                .collect();
            let scalars = !items.is_empty()
                && items.iter().all(|(_, l)| {
                    let t = l.trim();
                    t.is_empty()
                        || t.strip_prefix("- ").is_some_and(|s| plain_scalar(s) && split_key(s).is_none())
                });
            if scalars && items.iter().any(|(_, l)| !l.trim().is_empty()) {
                let last = items.iter().rev().find(|(_, l)| !l.trim().is_empty()).unwrap();
                let end = last.0 + last.1.trim_end().len();
                // Rewritten as ` !Ref P` right after the colon.
                sites.push(site(value_start, end));
                i += items.len();
            }
            continue;
        }
        if value.starts_with('|') || value.starts_with('>') {
            let items: Vec<&(usize, &str)> = lines[i..]
                .iter()
                .take_while(|(_, l)| l.trim().is_empty() || indent_of(l) > key_col)
                .collect();
            let end = items
                .iter()
                .rev()
                .find(|(_, l)| !l.trim().is_empty())
                .map_or(value_start + value.len(), |last| last.0 + last.1.trim_end().len());
            sites.push(site(value_start, end));
            i += items.len();
            continue;
        }
        if value.starts_with('[') {
            if value.ends_with(']') && !value.contains('!') && !value.contains('{') {
                sites.push(site(value_start, value_start + value.len()));
            } else {
                skipped += 1;
            }
            continue;
        }
        let reference = value.strip_prefix("!Ref ").or_else(|| value.strip_prefix("!GetAtt "));
        if reference.is_some_and(|r| r.trim().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')) {
            sites.push(Site { link: true, ..site(value_start, value_start + value.len()) });
            continue;
        }
        if value.starts_with('!')
            || value.starts_with('{')
            || value.starts_with('&')
            || value.starts_with('*')
        {
            if !value.starts_with('!') {
                skipped += 1;
            }
            continue;
        }
        sites.push(site(value_start, value_start + value.len()));
    }
    (sites, skipped)
}

fn line_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split('\n')
        .map(|line| {
            let here = offset;
            offset += line.len() + 1;
            (here, line)
        })
        .collect()
}

/// `key: value` (the value may be empty), keys plain or quoted.
fn split_key(body: &str) -> Option<(&str, &str)> {
    let (key, value) = if let Some(rest) = body.strip_prefix('"') {
        let close = rest.find('"')?;
        (&rest[..close], rest[close + 1..].strip_prefix(':')?)
    } else {
        let colon = body.find(": ").or_else(|| body.ends_with(':').then(|| body.len() - 1))?;
        (&body[..colon], &body[colon + 1..])
    };
    if key.is_empty() || key.contains(' ') {
        return None;
    }
    Some((key, value.trim_start()))
}

fn plain_scalar(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && !s.starts_with(['!', '[', '{', '|', '>', '&', '*', '-'])
}

/// A value without its trailing ` # comment` (quotes respected).
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if i > 0 && value[..i].ends_with(' ') => return value[..i].trim_end(),
            _ => {}
        }
    }
    value.trim_end()
}

fn cloudformation_variant(text: &str, sites: &[&Site]) -> String {
    let mut out = text.to_string();
    let mut sorted: Vec<(usize, &Site)> = sites.iter().copied().enumerate().collect();
    sorted.sort_by_key(|(_, s)| std::cmp::Reverse(s.start));
    for (n, site) in &sorted {
        let before = &out[..site.start];
        let glue = if before.ends_with(' ') { "" } else { " " };
        out.replace_range(site.start..site.end, &format!("{glue}!Ref Unknown{n}"));
    }
    let mut parameters = String::new();
    for n in 0..sites.len() {
        parameters.push_str(&format!("  Unknown{n}:\n    Type: String\n"));
    }
    match out
        .find("\nParameters:\n")
        .map(|at| at + 1)
        .or_else(|| out.starts_with("Parameters:\n").then_some(0))
    {
        Some(at) => out.insert_str(at + "Parameters:\n".len(), &parameters),
        None => out = format!("Parameters:\n{parameters}{out}"),
    }
    out
}

fn run_cloudformation(rule: &'static Rule, text: &str) -> Result<usize, String> {
    let deployment = cloudformation::load("template.yaml", text).map_err(|e| format!("{e:?}"))?;
    Ok(crate::cloud::analyze_deployment(&deployment, &RuleSet::only(rule)).len())
}

// -------------------------------------------------------------------- test

struct Tally {
    variants: usize,
    skipped: usize,
    failures: Vec<String>,
}

/// Runs the all-unknown variant and one variant per site; records each that fires.
fn check_variants(
    rule: &'static Rule,
    lang: &str,
    text: &str,
    sites: Vec<Site>,
    make: fn(&str, &[&Site]) -> String,
    run: fn(&'static Rule, &str) -> Result<usize, String>,
    tally: &mut Tally,
) {
    let sites: Vec<Site> = sites.into_iter().filter(|s| !selected(rule, s)).collect();
    let literals: Vec<&Site> = sites.iter().filter(|s| !s.link).collect();
    let mut variants: Vec<(String, Vec<&Site>)> = Vec::new();
    if !literals.is_empty() {
        variants.push(("every literal setting".into(), literals.clone()));
    }
    for site in &sites {
        if site.link || literals.len() > 1 {
            let what = if site.link { "link" } else { "setting" };
            variants.push((format!("{what} {} {}", site.resource, site.path), vec![site]));
        }
    }
    for (what, chosen) in variants {
        let variant = make(text, &chosen);
        tally.variants += 1;
        match run(rule, &variant) {
            Ok(0) => {}
            Ok(n) => {
                tally.failures.push(format!("{} {lang}: {what} unknown -> {n} finding(s)", rule.meta.id))
            }
            Err(e) => tally.failures.push(format!(
                "{} {lang}: {what}: rewritten example does not load: {e}\n{variant}",
                rule.meta.id
            )),
        }
    }
}

#[test]
fn unknown_settings_in_good_examples_raise_nothing() {
    let mut tally = Tally { variants: 0, skipped: 0, failures: Vec::new() };
    for rule in RULES.iter().copied() {
        let Check::Cloud(CloudCheck { cloudformation: examples, .. }) = &rule.check else { continue };
        let (sites, skipped) = terraform_sites(rule.meta.good_example);
        tally.skipped += skipped;
        check_variants(
            rule,
            "terraform",
            rule.meta.good_example,
            sites,
            terraform_variant,
            run_terraform,
            &mut tally,
        );
        if let Some(examples) = examples {
            let (sites, skipped) = cloudformation_sites(examples.good);
            tally.skipped += skipped;
            check_variants(
                rule,
                "cloudformation",
                examples.good,
                sites,
                cloudformation_variant,
                run_cloudformation,
                &mut tally,
            );
        }
    }
    eprintln!(
        "unknown safety: {} variants, {} values not rewritable, {} false alarms",
        tally.variants,
        tally.skipped,
        tally.failures.len()
    );
    assert!(tally.failures.is_empty(), "unknown values raised findings:\n{}", tally.failures.join("\n"));
}

#[test]
fn terraform_rewrite_keeps_references_and_handles_multiline_values() {
    let text = "resource \"aws_s3_bucket_policy\" \"p\" {\n  bucket = aws_s3_bucket.x.id\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{ Effect = \"Deny\" }]\n  })\n  tags = { Name = \"a-${var.x}\" }\n  doc = <<EOF\n{\"a\": 1}\nEOF\n  count = 1\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n";
    let (sites, skipped) = terraform_sites(text);
    let keys: Vec<(&str, bool)> = sites.iter().map(|s| (s.key.as_str(), s.link)).collect();
    assert_eq!(keys, [("bucket", true), ("policy", false), ("doc", false)]);
    assert_eq!(skipped, 0);
    let variant = terraform_variant(text, &sites.iter().skip(1).collect::<Vec<_>>());
    assert!(variant.contains("  bucket = aws_s3_bucket.x.id\n"), "{variant}");
    assert!(variant.contains("  policy = var.unknown_0\n  tags"), "{variant}");
    assert!(variant.contains("  doc = var.unknown_1\n  count"), "{variant}");
    let loaded = terraform::load_files(&[("main.tf".into(), variant)]);
    assert!(loaded.errors.is_empty());
    let policy = &loaded.deployment.resources[0];
    assert!(
        policy.get("policy").is_some_and(|p| p.is_unknown())
            && policy.get("doc").is_some_and(|d| d.is_unknown())
    );
}

#[test]
fn cloudformation_rewrite_declares_parameters_without_defaults() {
    let text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: logs # name\n      Tags:\n        - Key: a\n          Value: b\n      Other: !Ref X\n      List:\n        - a\n        - b\n      Text: |\n        line\n";
    let (sites, skipped) = cloudformation_sites(text);
    let keys: Vec<(&str, bool)> = sites.iter().map(|s| (s.key.as_str(), s.link)).collect();
    assert_eq!(
        keys,
        [
            ("BucketName", false),
            ("Key", false),
            ("Value", false),
            ("Other", true),
            ("List", false),
            ("Text", false)
        ]
    );
    assert_eq!(skipped, 0);
    let variant = cloudformation_variant(text, &sites.iter().collect::<Vec<_>>());
    assert!(variant.starts_with("Parameters:\n  Unknown0:\n    Type: String\n"), "{variant}");
    assert!(variant.contains("BucketName: !Ref Unknown0 # name\n"), "{variant}");
    assert!(variant.contains("Other: !Ref Unknown3\n"), "{variant}");
    assert!(variant.contains("List: !Ref Unknown4\n      Text: !Ref Unknown5\n"), "{variant}");
    let deployment = cloudformation::load("t.yaml", &variant).expect("loads");
    let bucket = &deployment.resources[0];
    assert!(["BucketName", "Other", "List", "Text"]
        .iter()
        .all(|k| bucket.get(k).is_some_and(|v| v.is_unknown())));
}
