use crate::cloud::aws::identity::{messaging, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ140",
        name: "sns-topic-policy-public",
        title: "SNS topic policy allows any principal",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_169", "F18"],
        rationale: r#"A topic policy statement with a `*` principal and no condition opens the topic to every AWS account: anyone can publish to it or subscribe to it, injecting forged events or reading data meant for your consumers."#,
        remediation: r#"Name the accounts, roles or services allowed in `Principal`, or add a condition such as `aws:SourceArn` or `aws:PrincipalOrgID` (`policy` of `aws_sns_topic_policy`, `PolicyDocument` of `AWS::SNS::TopicPolicy`)."#,
        bad_example: r#"resource "aws_sns_topic_policy" "jobs" {
  arn = "arn:aws:sns:eu-west-1:111122223333:jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:jobs"
    }]
  })
}
"#,
        good_example: r#"resource "aws_sns_topic_policy" "jobs" {
  arn = "arn:aws:sns:eu-west-1:111122223333:jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/worker" }
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:jobs"
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
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - arn:aws:sns:eu-west-1:111122223333:jobs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: '*'
            Action: sns:Publish
            Resource: arn:aws:sns:eu-west-1:111122223333:jobs
"#,
            good: r#"Resources:
  JobsPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics:
        - arn:aws:sns:eu-west-1:111122223333:jobs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:role/worker
            Action: sns:Publish
            Resource: arn:aws:sns:eu-west-1:111122223333:jobs
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in messaging::policies(deployment, messaging::Service::Sns) {
        for statement in policy.document.statements.iter().filter(|s| s.is_public()) {
            let at = statement_attr(statement);
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                "a topic policy statement allows any principal (`*`), with no condition",
            );
        }
    }
}
