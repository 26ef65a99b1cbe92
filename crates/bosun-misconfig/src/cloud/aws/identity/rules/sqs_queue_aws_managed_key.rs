use crate::cloud::aws::identity::messaging;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ142",
        name: "sqs-queue-aws-managed-key",
        title: "SQS queue is encrypted with the AWS managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0135", "aws-sqs-queue-encryption-use-cmk"],
        rationale: r#"The AWS managed key `alias/aws/sqs` has a fixed key policy: producers in other accounts and services such as SNS or EventBridge cannot be granted its use, and you cannot restrict, disable or audit it as your own. A customer managed key keeps that control."#,
        remediation: r#"Point `kms_master_key_id` (`KmsMasterKeyId`) at a customer managed KMS key instead of `alias/aws/sqs`."#,
        bad_example: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  kms_master_key_id = "alias/aws/sqs"
}
"#,
        good_example: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  kms_master_key_id = aws_kms_key.queue.arn
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      KmsMasterKeyId: alias/aws/sqs
"#,
            good: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      KmsMasterKeyId: !Ref QueueKey
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for queue in messaging::queues(deployment) {
        if let Some(key) = queue.uses_aws_managed_key() {
            deployment.report(
                hits,
                queue.resource,
                Some(key),
                "the queue is encrypted with the AWS managed key `alias/aws/sqs`",
            );
        }
    }
}
