use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ108",
        name: "iam-policy-allow-not-action",
        title: "IAM policy allows everything except a list of actions",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["W17"],
        rationale: r#"An `Allow` with `NotAction` grants every action that is not listed, across every service, including services and actions AWS adds later. It reads as a restriction but usually grants far more than intended."#,
        remediation: r#"Use `Action` with the operations needed instead of `NotAction` in allow statements; keep `NotAction` for `Deny` statements (`policy` in Terraform, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_policy" "developers" {
  name = "developers"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*"]
        Resource  = "*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_policy" "developers" {
  name = "developers"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ec2:Describe*", "logs:GetLogEvents"]
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
  Developers:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            NotAction: ['iam:*', 'organizations:*']
            Resource: '*'
"#,
            good: r#"Resources:
  Developers:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: ['ec2:Describe*', 'logs:GetLogEvents']
            Resource: '*'
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing().filter(|s| !s.not_actions.is_empty()) {
            let at = statement_attr(statement);
            let listed =
                statement.not_actions.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
            deployment.report(
                hits,
                policy.resource,
                Some(&at),
                format!("a statement allows every action except {listed} (`NotAction`)"),
            );
        }
    }
}
