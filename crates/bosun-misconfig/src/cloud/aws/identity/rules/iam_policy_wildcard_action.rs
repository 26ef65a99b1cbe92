use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ101",
        name: "iam-policy-wildcard-action",
        title: "IAM policy allows every action",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_63", "F3", "F4", "F5"],
        rationale: r#"An `Action` of `*` grants every operation of every AWS service, including ones that did not exist when the policy was written. Even when the resources are narrowed, the holder may delete, reconfigure or re-permission them, which is rarely what the policy was meant for."#,
        remediation: r#"Replace `*` in the statement's `Action` with the operations needed (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "deploy" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "arn:aws:s3:::acme-artifacts/*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_role_policy" "deploy" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::acme-artifacts/*"
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
  Deploy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: deploy
      Roles: [deploy]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: '*'
            Resource: arn:aws:s3:::acme-artifacts/*
"#,
            good: r#"Resources:
  Deploy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: deploy
      Roles: [deploy]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, s3:PutObject]
            Resource: arn:aws:s3:::acme-artifacts/*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing().filter(|s| super::super::has_star_action(s)) {
            let at = statement_attr(statement);
            let on =
                if super::super::has_star_resource(statement) { "every resource" } else { "its resources" };
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                format!("a statement allows every action (`*`) on {on}"),
            );
        }
    }
}
