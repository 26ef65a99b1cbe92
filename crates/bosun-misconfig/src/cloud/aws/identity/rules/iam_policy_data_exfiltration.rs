use crate::cloud::aws::identity;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ107",
        name: "iam-policy-data-exfiltration",
        title: "IAM policy allows reading secrets or objects from every resource",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_288", "CKV_AWS_108"],
        rationale: r#"`s3:GetObject`, `secretsmanager:GetSecretValue` or `ssm:GetParameter` on every resource let the holder read every object, secret and parameter of the account, including those of other applications; a compromised workload then leaks far more than its own data."#,
        remediation: r#"Name the buckets, secrets and parameters the workload reads in `Resource` (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "worker" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "s3:GetObject"]
        Resource = "*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_role_policy" "worker" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "s3:GetObject"]
        Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-*"
      },
    ]
  })
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Worker:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: worker
      Roles: [worker]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [secretsmanager:GetSecretValue, s3:GetObject]
            Resource: '*'
"#,
            good: r#"Resources:
  Worker:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: worker
      Roles: [worker]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [secretsmanager:GetSecretValue, s3:GetObject]
            Resource: arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    identity::report_sensitive_actions(deployment, hits, identity::DATA_READS, false, "reading data");
}
