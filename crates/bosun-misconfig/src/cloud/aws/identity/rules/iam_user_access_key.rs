use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ113",
        name: "iam-user-access-key",
        title: "IAM user is given a long-lived access key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &[],
        rationale: r#"An access key never expires by itself. Keys created in code end up in Terraform state, CI variables and laptops, and a leaked key works from anywhere until someone notices and deletes it. Roles, IAM Identity Center and OIDC federation give short-lived credentials instead."#,
        remediation: r#"Remove `aws_iam_access_key` (`AWS::IAM::AccessKey`) and let the workload assume a role (instance profiles, IRSA, OIDC from CI); if a key is unavoidable, rotate it and keep it out of state."#,
        bad_example: r#"resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}
"#,
        good_example: r#"resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main" } }
    }]
  })
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Ci:
    Type: AWS::IAM::User
    Properties:
      UserName: ci
  CiKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Ci
"#,
            good: r#"Resources:
  Ci:
    Type: AWS::IAM::User
    Properties:
      UserName: ci
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for key in iam::access_keys(deployment).into_iter().filter(|k| k.is_active()) {
        let message = format!("an access key is created for {}", key.user_name());
        deployment.report(hits, key.resource, None, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inactive_keys_are_not_reported() {
        let text =
            "resource \"aws_iam_access_key\" \"old\" {\n  user   = \"ci\"\n  status = \"Inactive\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
