use crate::cloud::aws::identity::{messaging, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ143",
        name: "sqs-queue-policy-public",
        title: "SQS queue policy allows any principal",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_168", "F21"],
        rationale: r#"A queue policy statement with a `*` principal and no condition opens the queue to every AWS account: anyone can send, read or delete its messages, injecting forged events or reading data meant for your consumers."#,
        remediation: r#"Name the accounts, roles or services allowed in `Principal`, or add a condition such as `aws:SourceArn` or `aws:PrincipalOrgID` (`policy` of `aws_sqs_queue_policy`, `PolicyDocument` of `AWS::SQS::QueuePolicy`)."#,
        bad_example: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "arn:aws:sqs:eu-west-1:111122223333:jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
"#,
        good_example: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "arn:aws:sqs:eu-west-1:111122223333:jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/worker" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - arn:aws:sqs:eu-west-1:111122223333:jobs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: '*'
            Action: sqs:SendMessage
            Resource: arn:aws:sqs:eu-west-1:111122223333:jobs
"#,
            good: r#"Resources:
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - arn:aws:sqs:eu-west-1:111122223333:jobs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/worker
            Action: sqs:SendMessage
            Resource: arn:aws:sqs:eu-west-1:111122223333:jobs
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in messaging::policies(deployment, messaging::Service::Sqs) {
        for statement in policy.document.statements.iter().filter(|s| s.is_public()) {
            let at = statement_attr(statement);
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                "a queue policy statement allows any principal (`*`), with no condition",
            );
        }
    }
}
