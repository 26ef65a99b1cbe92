use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ123",
        name: "iam-role-trust-wildcard-action",
        title: "IAM role trust policy allows every action",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["F2"],
        rationale: r#"A trust policy only needs the assume action its principal uses (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`) and, sometimes, `sts:TagSession`. Allowing `*` lets the principal use every way of assuming the role, including ones the trust was not designed for."#,
        remediation: r#"Replace `*` or `sts:*` with the assume action used (`assume_role_policy`, `AssumeRolePolicyDocument`)."#,
        bad_example: r#"resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "*"
    }]
  })
}
"#,
        good_example: r#"resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: '*'
"#,
            good: r#"Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: sts:AssumeRole
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for role in iam::roles(deployment) {
        let Some(trust) = role.trust_policy() else { continue };
        for statement in trust.statements.iter().filter(|s| s.allow) {
            let Some(action) =
                statement.actions.iter().find(|a| *a == "*" || a.eq_ignore_ascii_case("sts:*"))
            else {
                continue;
            };
            let at = statement_attr(statement);
            let message =
                format!("the trust policy allows every action (`{action}`) instead of an assume action");
            deployment.report(hits, role.resource, Some(&at), message);
        }
    }
}
