use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ102",
        name: "iam-policy-service-wildcard",
        title: "IAM policy allows every action of a service",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &[
            "AVD-AWS-0057",
            "aws-iam-no-policy-wildcards",
            "AVD-AWS-0345",
            "aws-iam-no-s3-full-access",
        ],
        rationale: r#"An action such as `s3:*` or `dynamodb:*` grants every operation of the service, destructive and administrative ones included (deleting buckets, rewriting their policies), and every operation the service adds later. Listing the operations used keeps a leaked credential from doing more than the workload does."#,
        remediation: r#"Replace the `service:*` entries of `Action` with the operations used, or with a narrower prefix such as `s3:Get*` (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "reports" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = "arn:aws:s3:::acme-reports/*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_role_policy" "reports" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = "arn:aws:s3:::acme-reports/*"
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
  Reports:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: reports
      Roles: [deploy]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:*
            Resource: arn:aws:s3:::acme-reports/*
"#,
            good: r#"Resources:
  Reports:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: reports
      Roles: [deploy]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, s3:ListBucket]
            Resource: arn:aws:s3:::acme-reports/*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing() {
            let wildcards: Vec<&str> =
                statement.actions.iter().map(String::as_str).filter(|a| a.ends_with(":*")).collect();
            if wildcards.is_empty() {
                continue;
            }
            let at = statement_attr(statement);
            let listed = wildcards.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                format!("a statement allows every action of a service ({listed})"),
            );
        }
    }
}
