//! Rule documentation, generated from `RuleMeta`: the same text serves
//! `docs/rules/*.md`, `bosun rules ID` and SARIF's rule help.

use crate::{Domain, RuleMeta};
use std::fmt::Write;

/// The fenced-code language of a rule's examples.
fn example_language(domain: Domain) -> &'static str {
    match domain {
        Domain::Dockerfile => "dockerfile",
        Domain::Config => "toml",
        Domain::Kubernetes | Domain::Compose => "yaml",
        Domain::Cloud(_) => "hcl",
        Domain::Secret | Domain::Vuln | Domain::Image => "text",
    }
}

/// A rule's full documentation page in Markdown.
pub fn markdown(meta: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} `{}`: {}\n", meta.id, meta.name, meta.title);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Severity | {} |", meta.severity);
    let _ = writeln!(out, "| Domain | {} |", meta.domain);
    let _ = writeln!(out, "| Checklist | {} |", list_or_dash(meta.checklist));
    let _ = writeln!(out, "| Aliases | {} |\n", list_or_dash(meta.aliases));
    let _ = writeln!(out, "## Why is this a problem?\n\n{}\n", meta.rationale);
    let _ = writeln!(out, "## How to fix it\n\n{}\n", meta.remediation);
    let language = example_language(meta.domain);
    if !meta.bad_example.is_empty() {
        let _ = writeln!(out, "## Example\n\n```{language}\n{}```\n", ensure_newline(meta.bad_example));
    }
    if !meta.good_example.is_empty() {
        let _ = writeln!(out, "## Use instead\n\n```{language}\n{}```\n", ensure_newline(meta.good_example));
    }
    let inline = match meta.domain {
        // Secrets live in every kind of file, so the marker counts in any comment syntax.
        Domain::Secret => format!(
            "On or above the line, in any comment syntax: `bosun:ignore[{}] reason` (gitleaks' \
             `gitleaks:allow` and detect-secrets' `pragma: allowlist secret` work too)",
            meta.id
        ),
        Domain::Vuln => "Lockfiles are generated, so there is no inline marker: suppress an advisory \
                         by its id or any alias (`CVE-2021-23337`, `GHSA-35jh-r3h4-6jhm`) with \
                         `--ignore` or a `[[suppress]]` entry"
            .to_string(),
        Domain::Image => "An image has no place for an inline marker: use `--ignore` or a \
                          `[[suppress]]` entry"
            .to_string(),
        _ => format!("On or above the line: `# bosun:ignore[{}] reason`", meta.id),
    };
    let _ = writeln!(
        out,
        "## Suppressing it\n\n{inline}. In `bosun.toml`:\n\n```toml\n[[suppress]]\nrule = \"{id}\"\npath = \"some/dir/**\"\nreason = \"why this is accepted\"\n```",
        id = meta.id,
        inline = inline
    );
    out
}

fn list_or_dash(items: &[&str]) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
    }
}

/// The text, ending with a newline (for fenced code blocks).
pub fn ensure_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_string()
    } else {
        format!("{text}\n")
    }
}
