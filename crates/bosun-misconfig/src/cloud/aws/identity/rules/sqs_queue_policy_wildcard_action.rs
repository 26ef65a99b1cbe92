use crate::cloud::aws::identity::{messaging, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ144",
        name: "sqs-queue-policy-wildcard-action",
        title: "SQS queue policy allows every queue action",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_72", "AVD-AWS-0097", "aws-sqs-no-wildcards-in-policy-documents", "F20"],
        rationale: r#"`sqs:*` (or `*`) in a queue policy lets the principals named not only send or receive but also purge the queue, delete it and change its attributes and policy. Producers need `sqs:SendMessage`, consumers `sqs:ReceiveMessage` and `sqs:DeleteMessage`."#,
        remediation: r#"List the queue actions each principal needs in `Action` (`policy` of `aws_sqs_queue_policy`, `PolicyDocument` of `AWS::SQS::QueuePolicy`)."#,
        bad_example: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/producer" }
      Action    = "sqs:*"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
"#,
        good_example: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/producer" }
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
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/producer
            Action: sqs:*
            Resource: !GetAtt Jobs.Arn
"#,
            good: r#"Resources:
  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Jobs]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/producer
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in messaging::policies(deployment, messaging::Service::Sqs) {
        for statement in policy.document.statements.iter().filter(|s| s.allow) {
            let wildcard = statement.actions.iter().find(|a| *a == "*" || a.eq_ignore_ascii_case("sqs:*"));
            if let Some(action) = wildcard {
                let at = statement_attr(statement);
                let message = format!("a queue policy statement allows every queue action (`{action}`)");
                deployment.report(hits, policy.resource, Some(&at), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inline_queue_policies_are_read() {
        let text = "resource \"aws_sqs_queue\" \"q\" {\n  name   = \"q\"\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Principal = \"*\", Action = \"*\", Resource = \"*\" }] })\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
