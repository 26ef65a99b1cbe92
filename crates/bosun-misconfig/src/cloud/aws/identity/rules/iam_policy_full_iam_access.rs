use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ103",
        name: "iam-policy-full-iam-access",
        title: "IAM policy allows every IAM action on every resource",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV2_AWS_40"],
        rationale: r#"`iam:*` on `*` lets the holder create users and access keys, attach any policy to itself and rewrite any role's trust policy: it is one step away from administrator access, whatever else the policy restricts."#,
        remediation: r#"Grant the specific IAM actions needed on the specific users, roles or policies (`policy` in Terraform, `PolicyDocument` in CloudFormation), or leave IAM administration to a dedicated role."#,
        bad_example: r#"resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "iam:*"
        Resource = "*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:GetRole", "iam:ListRoles"]
        Resource = "*"
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
  Ops:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: ops
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: iam:*
            Resource: '*'
"#,
            good: r#"Resources:
  Ops:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: ops
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [iam:GetRole, iam:ListRoles]
            Resource: '*'
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing() {
            let full_iam = statement.actions.iter().any(|a| a.eq_ignore_ascii_case("iam:*"));
            if full_iam && super::super::has_star_resource(statement) {
                let at = statement_attr(statement);
                deployment.report(
                    hits,
                    policy.resource,
                    Some(&at),
                    "a statement allows every IAM action (`iam:*`) on every resource (`*`)",
                );
            }
        }
    }
}
