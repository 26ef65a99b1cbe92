use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ106",
        name: "iam-policy-credentials-exposure",
        title: "IAM policy allows creating or reading credentials of any principal",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_287", "CKV_AWS_107"],
        rationale: r#"Actions such as `iam:CreateAccessKey`, `iam:CreateServiceSpecificCredential` or `redshift:GetClusterCredentials` on every resource let the holder mint credentials for other users or services and act as them, outside the permissions it was given."#,
        remediation: r#"Limit credential actions to the holder's own user (`arn:aws:iam::<account>:user/${aws:username}`) or to named resources (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "worker" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:CreateAccessKey"
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
        Action   = "iam:CreateAccessKey"
        Resource = "arn:aws:iam::111122223333:user/ci-bot"
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
            Action: iam:CreateAccessKey
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
            Action: iam:CreateAccessKey
            Resource: arn:aws:iam::111122223333:user/ci-bot
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing() {
            // Statements granting `*` or `iam:*` have rules of their own.
            if super::super::has_star_action(statement)
                || statement.actions.iter().any(|a| a.eq_ignore_ascii_case("iam:*"))
                || !super::super::has_star_resource(statement)
            {
                continue;
            }
            let found = super::super::allowed_among(statement, super::super::CREDENTIALS);
            if found.is_empty() {
                continue;
            }
            let at = statement_attr(statement);
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                format!("a statement allows actions that create or expose credentials on every resource (`*`): {}", found.join(", ")),
            );
        }
    }
}
