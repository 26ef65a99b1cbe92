//! The rule docs are generated from the rules' metadata; this fails when they
//! are stale. Fix: `cargo run -p xtask -- docs`.

use std::path::Path;

#[test]
fn rule_docs_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let pages = bosun::rules_cmd::doc_pages();
    for (name, expected) in &pages {
        let actual = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(actual == *expected, "docs/rules/{name} is stale: run `cargo run -p xtask -- docs`");
    }
    let on_disk = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(
        on_disk,
        pages.len(),
        "docs/rules/ has pages for rules that no longer exist: run `cargo run -p xtask -- docs`"
    );
}

#[test]
fn every_checklist_item_a_rule_names_exists() {
    let checklist = include_str!("../../bosun-report/data/checklist.yaml");
    for meta in bosun::rules_cmd::catalogue() {
        for item in meta.checklist {
            assert!(
                checklist.contains(&format!("id: {item}\n")),
                "{}: unknown checklist item {item}",
                meta.id
            );
        }
    }
}
