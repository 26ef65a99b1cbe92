use crate::cloud::aws::identity::monitoring;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ134",
        name: "guardduty-detector-disabled",
        title: "GuardDuty detector is disabled",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_238"],
        rationale: r#"A disabled detector analyses no CloudTrail, VPC flow or DNS events, so compromised credentials, crypto-mining instances and reconnaissance go unreported."#,
        remediation: r#"Set `enable = true` (or remove it) on `aws_guardduty_detector`; `Enable: true` on `AWS::GuardDuty::Detector`."#,
        bad_example: r#"resource "aws_guardduty_detector" "main" {
  enable = false
}
"#,
        good_example: r#"resource "aws_guardduty_detector" "main" {
  enable = true
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: false
"#,
            good: r#"Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for detector in monitoring::detectors(deployment) {
        if let Some(enable) = detector.enable.filter(|attr| attr.is_false()) {
            deployment.report(
                hits,
                detector.resource,
                Some(enable),
                "the GuardDuty detector is declared disabled",
            );
        }
    }
}
