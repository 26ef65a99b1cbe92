use crate::cloud::aws::identity;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ104",
        name: "iam-policy-passrole-any-role",
        title: "IAM policy allows passing any role to a service",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["F38", "F39", "F40"],
        rationale: r#"`iam:PassRole` on `*` lets the holder hand any role of the account, administrator roles included, to a Lambda function, an EC2 instance or a pipeline it controls, and then act with that role's permissions. It is one of the most common privilege escalation paths in AWS."#,
        remediation: r#"Limit `iam:PassRole` to the ARNs of the roles the workload must pass, and narrow it with an `iam:PassedToService` condition (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "worker" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:PassRole"
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
        Action   = "iam:PassRole"
        Resource = "arn:aws:iam::111122223333:role/app-task"
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
            Action: iam:PassRole
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
            Action: iam:PassRole
            Resource: arn:aws:iam::111122223333:role/app-task
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    identity::report_sensitive_actions(deployment, hits, identity::PASS_ROLE, true, "passing roles");
}
