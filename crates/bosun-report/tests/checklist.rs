mod common;

use bosun_report::checklist::{scorecard, ItemScore, Status, Totals};

fn item<'a>(card: &'a bosun_report::checklist::Scorecard, id: &str) -> &'a ItemScore {
    card.sections.iter().flat_map(|s| &s.items).find(|i| i.id == id).unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn scores_every_kind_of_item() {
    let card = scorecard(&common::report());

    // K8S001 ran on both Kubernetes files and found something in one; its
    // finding in the other file was suppressed.
    let privileged = item(&card, "run.no-privileged");
    assert_eq!(privileged.status, Status::Fail);
    assert_eq!(privileged.rules, ["K8S001"]);
    assert_eq!((privileged.checked, privileged.passed, privileged.failed), (2, 1, 1));
    assert_eq!((privileged.findings, privileged.suppressed), (1, 1));

    // A suppressed finding does not fail the item.
    let root = item(&card, "img.non-root-user");
    assert_eq!(root.status, Status::Pass);
    assert_eq!((root.checked, root.passed, root.failed, root.findings, root.suppressed), (1, 1, 0, 0, 1));

    // One rule can serve two items.
    assert_eq!(item(&card, "env.network-policy").status, Status::Fail);
    assert_eq!(item(&card, "run.network-segregation").failed, 1);

    let socket = item(&card, "run.no-docker-socket");
    assert_eq!(socket.status, Status::NotChecked);
    assert_eq!((socket.rules.as_slice(), socket.checked), (&["CMP001".to_string()][..], 0));

    let signed = item(&card, "img.signed");
    assert_eq!(signed.status, Status::NotAutomated);
    assert!(signed.rules.is_empty());
    assert_eq!(signed.automate, ["sign", "verify", "admission"]);

    let all = card.sections.iter().map(|s| s.items.len()).sum::<usize>();
    assert_eq!(card.totals, Totals { pass: 1, fail: 3, not_checked: 1, not_automated: all - 5 });
}

#[test]
fn serializes_for_a_json_form() {
    let card = scorecard(&common::report());
    let json = serde_json::to_value(&card).unwrap();
    assert_eq!(json["sections"][0]["id"], "dev");
    assert_eq!(json["sections"][0]["items"][0]["status"], "not-automated");
    assert_eq!(json["totals"]["not_checked"], 1);
}

#[test]
fn the_text_shows_each_status_counts_and_rules() {
    let text = bosun_report::checklist::render(&common::report());
    let line = |id: &str| text.lines().find(|l| l.contains(&format!(" {id} "))).unwrap().to_string();
    let privileged = line("run.no-privileged");
    assert!(privileged.starts_with("  ✗ "), "{privileged}");
    assert!(privileged.contains("FAILED 1/2, 1 finding, 1 suppressed"), "{privileged}");
    assert!(privileged.ends_with("K8S001"), "{privileged}");
    let root = line("img.non-root-user");
    assert!(root.starts_with("  ✓ img.non-root-user") && root.contains("passed 1/1, 1 suppressed"), "{root}");
    let socket = line("run.no-docker-socket");
    assert!(
        socket.starts_with("  ? run.no-docker-socket") && socket.contains("no file to check"),
        "{socket}"
    );
    let signed = line("img.signed");
    assert!(signed.starts_with("  · img.signed") && signed.contains("not automated yet"), "{signed}");
    assert!(signed.ends_with("  needs: sign, verify, admission"), "{signed}");
    assert!(text.contains("\nContainer runtime\n"), "section headings");
    assert!(
        text.ends_with(
            "Score: 1 of 4 checked items pass (25%); 1 item not checked, 36 items not automated yet\n"
        ),
        "{text}"
    );
    assert!(text.lines().all(|l| l == l.trim_end()), "no trailing spaces");
}

#[test]
fn an_empty_scan_checks_nothing() {
    let report =
        bosun_core::report::ScanReport::new(bosun_core::report::ToolInfo { name: "bosun", version: "0" });
    let text = bosun_report::checklist::render(&report);
    assert!(text.contains("Score: no item could be checked; 0 items not checked"), "{text}");
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(bosun_report::checklist::render(&common::report()));
}
