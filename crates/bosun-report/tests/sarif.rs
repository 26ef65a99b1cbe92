mod common;

use serde_json::Value;

fn render() -> (String, Value) {
    let text = bosun_report::sarif::render(&common::report());
    let log = serde_json::from_str(&text).expect("SARIF output is JSON");
    (text, log)
}

/// The official OASIS schema, copied into the repository. It is draft-04 and
/// refers only to itself and to the draft-04 meta-schema, which `jsonschema`
/// ships, so nothing is fetched.
fn schema() -> Value {
    let text = include_str!("fixtures/sarif-schema-2.1.0.json");
    serde_json::from_str(text).expect("schema is JSON")
}

#[test]
fn output_validates_against_the_sarif_schema() {
    let (_, log) = render();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF output breaks the schema:\n{}", errors.join("\n"));
}

#[test]
fn the_validator_does_reject_broken_sarif() {
    let (_, mut log) = render();
    log["runs"][0]["results"][0]["level"] = "severe".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    let validator = jsonschema::draft4::new(&schema()).expect("schema compiles");
    assert_eq!(validator.iter_errors(&log).count(), 2);
}

#[test]
fn describes_the_tool_and_every_rule_a_result_uses() {
    let (_, log) = render();
    assert_eq!(log["version"], "2.1.0");
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "bosun");
    assert_eq!(driver["version"], "0.1.0");
    assert_eq!(driver["informationUri"], "https://github.com/bosun-scanner/bosun");
    let ids: Vec<&str> =
        driver["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["CMP001", "DF001", "K8S001", "K8S002", "BOSUN001"],
        "rules that ran, then rules only findings name"
    );

    let privileged = &driver["rules"][2];
    assert_eq!(privileged["name"], "privileged-container");
    assert_eq!(privileged["shortDescription"]["text"], "Container runs privileged");
    assert_eq!(privileged["fullDescription"]["text"], common::PRIVILEGED.rationale);
    assert_eq!(privileged["help"]["text"], common::PRIVILEGED.remediation);
    assert_eq!(privileged["help"]["markdown"], bosun_core::docs::markdown(&common::PRIVILEGED));
    assert_eq!(privileged["defaultConfiguration"]["level"], "error");
    assert_eq!(privileged["properties"]["security-severity"], "8.0");
    assert_eq!(
        privileged["properties"]["tags"],
        serde_json::json!(["security", "kubernetes", "run.no-privileged"])
    );
    assert_eq!(privileged["properties"]["precision"], "high");

    let unused = &driver["rules"][4];
    assert_eq!(unused["name"], "unused-suppression");
    assert_eq!(unused["defaultConfiguration"]["level"], "note");
    assert_eq!(unused["properties"]["security-severity"], "0.0");
}

#[test]
fn results_point_at_relative_paths_lines_and_resources() {
    let (_, log) = render();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5, "three findings and two suppressed ones");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the result's rule");
        assert_eq!(result["partialFingerprints"]["bosun/v1"].as_str().unwrap().len(), 16);
    }

    let web =
        results.iter().find(|r| r["message"]["text"].as_str().unwrap().contains("container web")).unwrap();
    assert_eq!(web["level"], "error");
    assert_eq!(
        web["message"]["text"],
        "container web sets privileged: true\n\nFix: Remove `securityContext.privileged: true`."
    );
    let physical = &web["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "k8s/my%20app.yaml");
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(physical["region"]["startLine"], 11);
    assert_eq!(physical["region"]["endLine"], 11);
    assert_eq!(physical["region"]["snippet"]["text"], "            privileged: true");
    assert_eq!(web["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "Deployment/default/web");
    assert!(web.get("suppressions").is_none());

    let host = results.iter().find(|r| r["ruleId"] == "K8S002").unwrap();
    assert_eq!(host["level"], "warning");
    assert!(host["locations"][0]["physicalLocation"]["region"].get("snippet").is_none());
    assert!(host["locations"][0].get("logicalLocations").is_none());
    assert!(!log.to_string().contains("/work/"), "no absolute paths");
}

#[test]
fn suppressed_findings_are_results_with_their_justification() {
    let (_, log) = render();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressions: Vec<(&str, &Value)> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .map(|r| (r["ruleId"].as_str().unwrap(), &r["suppressions"]))
        .collect();
    assert_eq!(
        suppressions,
        [
            (
                "DF001",
                &serde_json::json!([{"kind": "external", "justification": "base image drops root itself"}])
            ),
            (
                "K8S001",
                &serde_json::json!([{"kind": "inSource", "justification": "needs the host's devices"}])
            ),
        ]
    );
}

#[test]
fn unreadable_and_skipped_files_are_notifications() {
    let (_, log) = render();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 2);
    assert_eq!(notifications[0]["level"], "error");
    assert_eq!(
        notifications[0]["message"]["text"],
        "broken/bad <1>.yaml:4: could not be scanned: did not find expected key"
    );
    let location = &notifications[0]["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "broken/bad%20%3C1%3E.yaml");
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(notifications[1]["level"], "note");
    assert_eq!(notifications[1]["message"]["text"], "big.yaml: skipped: larger than 10 MiB");
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(render().0, render().0);
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(render().0);
}
