//! `--format checklist`: how a scan measures up against the cloud-native
//! security checklist (`data/checklist.yaml`). Every rule names the checklist
//! items it enforces; an item passes when none of its rules found anything in
//! any file they looked at.

use bosun_core::report::ScanReport;
use bosun_core::{Finding, RuleMeta};
use bosun_syntax::yaml::{self, Node};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Embedded so that the scorecard never depends on files next to the binary.
const CHECKLIST_YAML: &str = include_str!("../data/checklist.yaml");
/// Item texts are cut to this many characters so that each item fits one line.
const TEXT_WIDTH: usize = 44;

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    pub sections: Vec<SectionScore>,
    pub totals: Totals,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub items: Vec<ItemScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    pub id: String,
    pub text: String,
    pub status: Status,
    /// Ids of the rules that ran and enforce this item.
    pub rules: Vec<String>,
    /// (rule, file) pairs evaluated: each rule against each file of its domain.
    pub checked: usize,
    pub passed: usize,
    /// Pairs with at least one finding.
    pub failed: usize,
    pub findings: usize,
    /// Findings of these rules hidden by a suppression; they do not fail the item.
    pub suppressed: usize,
    /// What the scanner would need to check this item (from the checklist data).
    pub automate: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Fail,
    /// Rules exist, but no file of their domain was scanned.
    NotChecked,
    /// No rule that ran enforces the item.
    NotAutomated,
}

impl Status {
    const ALL: [Status; 4] = [Status::Pass, Status::Fail, Status::NotChecked, Status::NotAutomated];

    fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotChecked => "not checked",
            Status::NotAutomated => "not automated yet",
        }
    }

    fn mark(self) -> char {
        match self {
            Status::Pass => '✓',
            Status::Fail => '✗',
            Status::NotChecked => '?',
            Status::NotAutomated => '·',
        }
    }
}

/// How many items ended in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub pass: usize,
    pub fail: usize,
    pub not_checked: usize,
    pub not_automated: usize,
}

impl Totals {
    fn count(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::NotChecked => self.not_checked += 1,
            Status::NotAutomated => self.not_automated += 1,
        }
    }
}

/// A checklist section as the data file writes it.
struct Section {
    id: String,
    title: String,
    items: Vec<Item>,
}

struct Item {
    id: String,
    text: String,
    automate: Vec<String>,
}

pub fn scorecard(report: &ScanReport) -> Scorecard {
    let mut totals = Totals::default();
    let sections = checklist()
        .into_iter()
        .map(|section| {
            let items: Vec<ItemScore> = section.items.into_iter().map(|item| score(report, item)).collect();
            items.iter().for_each(|item| totals.count(item.status));
            SectionScore { id: section.id, title: section.title, items }
        })
        .collect();
    Scorecard { sections, totals }
}

/// Reads the embedded checklist. It ships inside the binary and a unit test
/// reads it, so a malformed file is a build mistake: it panics with the cause.
fn checklist() -> Vec<Section> {
    let stream = yaml::parse_stream(CHECKLIST_YAML);
    if let Some(error) = stream.error {
        panic!("data/checklist.yaml: {error}");
    }
    let root = &stream.documents.first().expect("data/checklist.yaml is empty").root;
    let sections = root.get("sections").expect("data/checklist.yaml has no `sections`");
    sections
        .as_seq()
        .iter()
        .map(|section| Section {
            id: field(section, "id"),
            title: field(section, "title"),
            items: section.get("items").map_or(&[][..], Node::as_seq).iter().map(item).collect(),
        })
        .collect()
}

fn item(node: &Node) -> Item {
    let automate = node.get("automate").map_or(&[][..], Node::as_seq);
    Item {
        id: field(node, "id"),
        text: field(node, "text"),
        automate: automate.iter().filter_map(Node::scalar_text).collect(),
    }
}

fn field(node: &Node, key: &str) -> String {
    node.get(key)
        .and_then(Node::scalar_text)
        .unwrap_or_else(|| panic!("data/checklist.yaml line {}: no `{key}`", node.span.start_line))
}

/// Whether `finding` is one of `rule`'s: by id, or by name for rules whose
/// findings carry ids of their own (a dependency finding's `rule_id` is the
/// advisory's, its `name` the rule's).
fn belongs_to(finding: &Finding, rule: &RuleMeta) -> bool {
    rule.id == finding.rule_id || rule.name == finding.name
}

fn score(report: &ScanReport, item: Item) -> ItemScore {
    let rules: Vec<&RuleMeta> =
        report.rules.iter().filter(|rule| rule.checklist.contains(&item.id.as_str())).collect();
    let rule_of = |finding: &Finding| rules.iter().find(|rule| belongs_to(finding, rule)).map(|rule| rule.id);
    let of_rules = |finding: &&Finding| rule_of(finding).is_some();

    let findings: Vec<&Finding> = report.findings.iter().filter(of_rules).collect();
    let suppressed: Vec<&Finding> = report.suppressed.iter().map(|s| &s.finding).filter(of_rules).collect();

    let mut checked: BTreeSet<(&str, &str)> = BTreeSet::new();
    for rule in &rules {
        let files = report.files.iter().filter(|file| file.domain == rule.domain);
        checked.extend(files.map(|file| (rule.id, file.path.as_str())));
    }
    // A finding proves its rule looked at its file, even where the domains do
    // not line up (a cluster-wide check reporting on another file): counting
    // it keeps `failed` within `checked`.
    // The (rule, file) pair a finding belongs to.
    fn pair<'a>(finding: &'a Finding, rule: Option<&'static str>) -> (&'a str, &'a str) {
        (rule.unwrap_or_default(), finding.location.path.as_str())
    }
    checked.extend(findings.iter().chain(&suppressed).map(|f| pair(f, rule_of(f))));
    let failed: BTreeSet<(&str, &str)> = findings.iter().map(|f| pair(f, rule_of(f))).collect();

    let status = if rules.is_empty() {
        Status::NotAutomated
    } else if !failed.is_empty() {
        Status::Fail
    } else if !checked.is_empty() {
        Status::Pass
    } else {
        Status::NotChecked
    };
    ItemScore {
        id: item.id,
        text: item.text,
        status,
        rules: rules.iter().map(|rule| rule.id.to_string()).collect(),
        checked: checked.len(),
        passed: checked.len() - failed.len(),
        failed: failed.len(),
        findings: findings.len(),
        suppressed: suppressed.len(),
        automate: item.automate,
    }
}

pub fn render(report: &ScanReport) -> String {
    let card = scorecard(report);
    let items = || card.sections.iter().flat_map(|section| &section.items);
    let id_width = items().map(|item| item.id.chars().count()).max().unwrap_or(0);
    let counts_width = items().map(|item| counts(item).chars().count()).max().unwrap_or(0);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "Cloud-native security checklist: {} {}, {} scanned, {} ran",
        report.tool.name,
        report.tool.version,
        plural(report.files.len(), "file"),
        plural(report.rules.len(), "rule"),
    );
    let legend: Vec<String> = Status::ALL.iter().map(|s| format!("{} {}", s.mark(), s.label())).collect();
    let _ = writeln!(out, "{}", legend.join("   "));
    out.push_str("n/m counts checks: one check is one rule run on one file it applies to\n");
    for section in &card.sections {
        let _ = writeln!(out, "\n{}", section.title);
        for item in &section.items {
            let _ = writeln!(
                out,
                "  {} {:<id_width$}  {:<TEXT_WIDTH$}  {:<counts_width$}  {}",
                item.status.mark(),
                item.id,
                shorten(&item.text, TEXT_WIDTH),
                counts(item),
                rules_or_needs(item),
            );
        }
    }
    let _ = writeln!(out, "\n{}", score_line(&card.totals));
    trim_line_ends(&out)
}

/// The item's numbers, led by its status in words so that the line reads
/// without the mark.
fn counts(item: &ItemScore) -> String {
    let mut text = match item.status {
        Status::Pass => format!("passed {}/{}", item.passed, item.checked),
        Status::Fail => {
            format!("FAILED {}/{}, {}", item.failed, item.checked, plural(item.findings, "finding"))
        }
        Status::NotChecked => "no file to check".to_string(),
        Status::NotAutomated => Status::NotAutomated.label().to_string(),
    };
    if item.suppressed > 0 {
        let _ = write!(text, ", {} suppressed", item.suppressed);
    }
    text
}

/// The rules behind an item, or what the scanner would need to check it.
fn rules_or_needs(item: &ItemScore) -> String {
    match item.status {
        Status::NotAutomated if item.automate.is_empty() => String::new(),
        Status::NotAutomated => format!("needs: {}", item.automate.join(", ")),
        _ if item.rules.len() > MAX_LISTED_RULES => format!(
            "{}, … ({} rules; `--format json` lists them)",
            item.rules[..MAX_LISTED_RULES].join(", "),
            item.rules.len()
        ),
        _ => item.rules.join(", "),
    }
}

/// Items that hundreds of cloud rules serve would drown the table.
const MAX_LISTED_RULES: usize = 12;

fn score_line(totals: &Totals) -> String {
    let checked = totals.pass + totals.fail;
    // Rounded to the nearest percent; no checked item means no score at all.
    let score = match (totals.pass * 100 + checked / 2).checked_div(checked) {
        Some(percent) => format!("Score: {} of {checked} checked items pass ({percent}%)", totals.pass),
        None => "Score: no item could be checked".to_string(),
    };
    format!(
        "{score}; {} not checked, {} not automated yet",
        plural(totals.not_checked, "item"),
        plural(totals.not_automated, "item")
    )
}

/// Cuts `text` to at most `width` characters, at a word boundary when one is
/// near the end, and marks the cut with `…`.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width - 1).collect();
    let cut = match kept.rfind(' ') {
        Some(space) if space > width / 2 => kept[..space].trim_end_matches([',', ';', ' ']),
        _ => kept.as_str(),
    };
    format!("{cut}…")
}

/// Padding the last column leaves trailing spaces, which editors and diff
/// tools flag; drop them.
fn trim_line_ends(text: &str) -> String {
    text.lines().map(|line| format!("{}\n", line.trim_end())).collect()
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_checklist_reads_completely() {
        let sections = checklist();
        let ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["dev", "img", "run", "env"]);
        let items: Vec<&Item> = sections.iter().flat_map(|s| &s.items).collect();
        assert!(items.len() > 30, "only {} items", items.len());
        assert!(items.iter().all(|i| !i.text.is_empty() && !i.automate.is_empty()));
        let unique: BTreeSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(unique.len(), items.len(), "item ids repeat");
    }

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(
            shorten("Limit container resources (CPU, memory, pids)", 30),
            "Limit container resources…"
        );
        assert_eq!(shorten("Supercalifragilisticexpialidocious", 10), "Supercali…");
    }
}
