use crate::cloud::aws::identity;
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
    identity::report_sensitive_actions(
        deployment,
        hits,
        identity::CREDENTIALS,
        true,
        "actions that create or expose credentials",
    );
}
