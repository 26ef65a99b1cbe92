use crate::cloud::aws::identity::messaging;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ138",
        name: "sns-topic-unencrypted",
        title: "SNS topic is not encrypted at rest",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_26", "AVD-AWS-0095", "aws-sns-enable-topic-encryption", "W47"],
        rationale: r#"Without server-side encryption, messages waiting for delivery are stored unencrypted on the SNS side. Alerts and events often carry identifiers, addresses or payload fragments worth protecting with a KMS key."#,
        remediation: r#"Set `kms_master_key_id` on `aws_sns_topic` (`KmsMasterKeyId` on `AWS::SNS::Topic`), preferably to a customer managed key."#,
        bad_example: r#"resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
"#,
        good_example: r#"resource "aws_sns_topic" "alerts" {
  name = "alerts"
  kms_master_key_id = aws_kms_key.sns.arn
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
"#,
            good: r#"Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      KmsMasterKeyId: !Ref SnsKey
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for topic in messaging::topics(deployment) {
        if !topic.kms_key.is_some_and(|attr| attr.is_set()) {
            deployment.report(
                hits,
                topic.resource,
                None,
                "the topic declares no KMS key, so messages are stored unencrypted",
            );
        }
    }
}
