use crate::cloud::aws::identity::messaging;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ141",
        name: "sqs-queue-unencrypted",
        title: "SQS queue is not encrypted at rest",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_27", "AVD-AWS-0096", "aws-sqs-enable-queue-encryption"],
        rationale: r#"Messages can wait in a queue for days. Declaring SSE-SQS or SSE-KMS keeps them encrypted at rest whatever the account default, and makes the protection visible in review."#,
        remediation: r#"Set `sqs_managed_sse_enabled = true` or `kms_master_key_id` on `aws_sqs_queue` (`SqsManagedSseEnabled: true` or `KmsMasterKeyId` on `AWS::SQS::Queue`)."#,
        bad_example: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  sqs_managed_sse_enabled = false
}
"#,
        good_example: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  sqs_managed_sse_enabled = true
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
        if queue.kms_key.is_some_and(|attr| attr.is_set()) {
            continue;
        }
        match queue.sqs_managed_sse {
            Some(sse) if sse.is_false() => deployment.report(
                hits,
                queue.resource,
                Some(sse),
                "SQS-managed encryption is turned off and no KMS key is set",
            ),
            Some(sse) if !sse.is_null() => {}
            _ => {
                deployment.report(hits, queue.resource, None, "the queue declares no server-side encryption")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_kms_key_or_an_unknown_setting_is_enough() {
        let kms = "resource \"aws_sqs_queue\" \"q\" {\n  kms_master_key_id = \"alias/app\"\n}\n";
        assert!(run_on_example(&RULE, kms).is_empty());
        let unknown = "resource \"aws_sqs_queue\" \"q\" {\n  sqs_managed_sse_enabled = var.sse\n}\n";
        assert!(run_on_example(&RULE, unknown).is_empty());
        let missing = "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n";
        assert_eq!(run_on_example(&RULE, missing).len(), 1);
    }
}
