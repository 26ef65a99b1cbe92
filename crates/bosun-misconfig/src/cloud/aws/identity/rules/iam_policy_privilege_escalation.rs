use crate::cloud::aws::identity;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ105",
        name: "iam-policy-privilege-escalation",
        title: "IAM policy allows actions that escalate privileges",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_286", "CKV_AWS_110"],
        rationale: r#"Actions such as `iam:AttachRolePolicy`, `iam:PutUserPolicy`, `iam:CreatePolicyVersion` or `iam:UpdateAssumeRolePolicy` on every resource let the holder grant itself, or any principal, more permissions than the policy gives, up to administrator access."#,
        remediation: r#"Restrict these IAM actions to the ARNs they must manage, or guard them with a permissions boundary condition (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_role_policy" "worker" {
  role = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
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
        Action   = ["iam:AttachRolePolicy", "iam:PutRolePolicy"]
        Resource = "arn:aws:iam::111122223333:role/app-*"
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
            Action: [iam:AttachRolePolicy, iam:PutRolePolicy]
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
            Action: [iam:AttachRolePolicy, iam:PutRolePolicy]
            Resource: arn:aws:iam::111122223333:role/app-*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    identity::report_sensitive_actions(
        deployment,
        hits,
        identity::ESCALATION,
        true,
        "actions that escalate privileges",
    );
}
