use crate::cloud::aws::identity::messaging;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ139",
        name: "sns-topic-aws-managed-key",
        title: "SNS topic is encrypted with the AWS managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0136", "aws-sns-topic-encryption-use-cmk"],
        rationale: r#"The AWS managed key `alias/aws/sns` cannot have its key policy changed, so its use cannot be limited or shared with publishers in other accounts or with services such as EventBridge and CloudWatch alarms; a customer managed key can, and can be disabled or rotated on your terms."#,
        remediation: r#"Point `kms_master_key_id` (`KmsMasterKeyId`) at a customer managed KMS key instead of `alias/aws/sns`."#,
        bad_example: r#"resource "aws_sns_topic" "alerts" {
  name = "alerts"
  kms_master_key_id = "alias/aws/sns"
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
      KmsMasterKeyId: alias/aws/sns
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
        if let Some(key) = topic.uses_aws_managed_key() {
            deployment.report(
                hits,
                topic.resource,
                Some(key),
                "the topic is encrypted with the AWS managed key `alias/aws/sns`",
            );
        }
    }
}
