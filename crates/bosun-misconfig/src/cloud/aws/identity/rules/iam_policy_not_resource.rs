use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ109",
        name: "iam-policy-allow-not-resource",
        title: "IAM policy allows actions on everything except a list of resources",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &[],
        rationale: r#"An `Allow` with `NotResource` applies to every resource that is not listed, in every account the action can reach and to resources created later. Listing what is allowed is easier to review than listing what is not."#,
        remediation: r#"Use `Resource` with the ARNs the statement is for instead of `NotResource` in allow statements (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_policy" "uploads" {
  name = "uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect      = "Allow"
        Action      = "s3:PutObject"
        NotResource = "arn:aws:s3:::acme-audit/*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_policy" "uploads" {
  name = "uploads"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:PutObject"
        Resource = "arn:aws:s3:::acme-uploads/*"
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
  Uploads:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:PutObject
            NotResource: arn:aws:s3:::acme-audit/*
"#,
            good: r#"Resources:
  Uploads:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:PutObject
            Resource: arn:aws:s3:::acme-uploads/*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing().filter(|s| !s.not_resources.is_empty()) {
            let at = statement_attr(statement);
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                "a statement allows its actions on every resource not listed in `NotResource`",
            );
        }
    }
}
