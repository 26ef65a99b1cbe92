use super::*;

fn template(text: &str) -> Template {
    load_template("template.yaml", text).expect("template parses")
}

fn property<'a>(template: &'a Template, resource: &str, key: &str) -> Option<&'a Attr> {
    template.deployment.resources.iter().find(|r| r.address == resource)?.get(key)
}

#[test]
fn parameters_defaults_mappings_and_sub_are_evaluated() {
    let t = template(
        "Parameters:\n  Env:\n    Type: String\n    Default: prod\n  Secret:\n    Type: String\n\
         Mappings:\n  Sizes:\n    prod:\n      Encrypted: true\n\
         Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub 'logs-${Env}'\n      Tag: !Ref Secret\n      Encrypted: !FindInMap [Sizes, !Ref Env, Encrypted]\n      Joined: !Join ['-', [a, !Ref Env]]\n      Picked: !Select [1, [x, y]]\n",
    );
    assert_eq!(property(&t, "Bucket", "BucketName").unwrap().as_str(), Some("logs-prod"));
    assert!(property(&t, "Bucket", "Tag").unwrap().is_unknown());
    assert!(property(&t, "Bucket", "Encrypted").unwrap().is_true());
    assert_eq!(property(&t, "Bucket", "Joined").unwrap().as_str(), Some("a-prod"));
    assert_eq!(property(&t, "Bucket", "Picked").unwrap().as_str(), Some("y"));
    assert_eq!(property(&t, "Bucket", "BucketName").unwrap().span.start_line, 15);
}

#[test]
fn conditions_pick_branches_and_drop_resources() {
    let t = template(
        "Parameters:\n  Env:\n    Type: String\n    Default: dev\n\
         Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n  NotProd: !Not [!Condition IsProd]\n\
         Resources:\n  ProdOnly:\n    Type: AWS::SNS::Topic\n    Condition: IsProd\n\
         \x20 Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Managed: !If [NotProd, false, true]\n      Dropped: !If [IsProd, x, !Ref AWS::NoValue]\n",
    );
    assert!(t.deployment.resources.iter().all(|r| r.address != "ProdOnly"));
    assert!(property(&t, "Queue", "Managed").unwrap().is_false());
    assert!(property(&t, "Queue", "Dropped").is_none());
}

#[test]
fn references_to_resources_and_cyclic_conditions() {
    let t = template(
        "{\"Conditions\": {\"A\": {\"Condition\": \"B\"}, \"B\": {\"Condition\": \"A\"}},\n\
          \"Resources\": {\"Key\": {\"Type\": \"AWS::KMS::Key\"},\n\
          \"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"K\": {\"Fn::GetAtt\": [\"Key\", \"Arn\"]},\n\
          \"S\": {\"Fn::Sub\": \"${Key.Arn}\"}, \"C\": {\"Fn::If\": [\"A\", 1, 2]}}}}}\n",
    );
    assert_eq!(property(&t, "Bucket", "K").unwrap().reference(), Some("Key"));
    assert_eq!(property(&t, "Bucket", "S").unwrap().reference(), Some("Key"));
    assert!(property(&t, "Bucket", "C").unwrap().is_unknown());
}

#[test]
fn checkov_and_cfn_nag_metadata_become_suppressions() {
    let t = template(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      checkov:\n        skip:\n          - id: CKV_AWS_18\n            comment: no logs here\n      cfn_nag:\n        rules_to_suppress:\n          - id: W35\n            reason: same\n",
    );
    let ids: Vec<&str> = t.directives.iter().map(|d| d.ids[0].as_str()).collect();
    assert_eq!(ids, ["CKV_AWS_18", "W35"]);
    assert_eq!(t.directives[0].scope, Scope::Resource("Bucket".into()));
}

#[test]
fn malformed_templates_are_errors_with_lines() {
    let error = load_template("t.yaml", "Resources:\n  A: [\n").unwrap_err();
    assert_eq!(error.path, "t.yaml");
    assert!(error.line.is_some());
}

#[test]
fn hostile_templates_end_in_unknowns_or_errors() {
    // Intrinsics nested far deeper than any real template: unknown, not a stack overflow.
    let mut value = String::from("x");
    for _ in 0..100 {
        value = format!("{{\"Fn::Join\": [\"-\", [{value}]]}}");
    }
    let text = format!("{{\"Resources\": {{\"B\": {{\"Type\": \"AWS::S3::Bucket\", \"Properties\": {{\"Name\": {value}}}}}}}}}");
    match load_template("deep.json", &text) {
        Ok(t) => assert!(property(&t, "B", "Name").is_none_or(|name| name.as_str().is_none())),
        Err(error) => assert!(error.message.contains("nesting"), "{error:?}"),
    }

    // Many resources referring to each other and to missing things.
    let mut big = String::from("Resources:\n");
    for i in 0..20_000 {
        big.push_str(&format!(
            "  R{i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      A: !Ref R{}\n      B: !GetAtt Missing.Arn\n      C: !Sub '${{Nope}}-${{R{i}.Arn}}'\n",
            (i + 1) % 20_000
        ));
    }
    let t = template(&big);
    assert_eq!(t.deployment.resources.len(), 20_000);
    assert_eq!(property(&t, "R5", "A").unwrap().reference(), Some("R6"));
    assert!(property(&t, "R5", "B").unwrap().is_unknown());
    assert!(property(&t, "R5", "C").unwrap().is_unknown());
}

#[test]
fn sam_globals_reach_every_function() {
    let t = template(
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Tracing: Active\n    Runtime: python3.12\n    Environment:\n      Variables:\n        STAGE: prod\n\
         Resources:\n  Plain:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n      Environment:\n        Variables:\n          MODE: fast\n\
         \x20 Own:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n",
    );
    assert_eq!(property(&t, "Plain", "Tracing").unwrap().as_str(), Some("Active"));
    let variables = property(&t, "Plain", "Environment").unwrap().get("Variables").unwrap();
    assert_eq!(variables.get("STAGE").unwrap().as_str(), Some("prod"));
    assert_eq!(variables.get("MODE").unwrap().as_str(), Some("fast"));
    assert_eq!(property(&t, "Own", "Runtime").unwrap().as_str(), Some("nodejs20.x"));
}

#[test]
fn templates_with_rain_modules_are_skipped_not_misread() {
    let text =
        "Modules:\n  Bucket:\n    Source: ./bucket.yaml\nResources:\n  Extra:\n    Type: AWS::S3::Bucket\n";
    let config = bosun_core::config::Config::default();
    let analysis =
        crate::cloud::scan::analyze_cloudformation("t.yaml", text, &crate::rule::RuleSet::all(), &config)
            .unwrap();
    assert!(analysis.findings.is_empty());
    assert!(analysis.skipped.unwrap().contains("rain pkg"));
}
