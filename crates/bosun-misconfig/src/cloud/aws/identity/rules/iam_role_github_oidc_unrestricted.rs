use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ124",
        name: "iam-role-github-oidc-any-repository",
        title: "IAM role trusts GitHub Actions without restricting the repository",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_358"],
        rationale: r#"A role trusting GitHub's OIDC provider with no condition on the token's `sub` claim can be assumed by a workflow of any repository on GitHub, not only yours. The `sub` claim names the repository (and branch or environment) the workflow runs for."#,
        remediation: r#"Add a `StringEquals` or `StringLike` condition on `token.actions.githubusercontent.com:sub` naming your repository, such as `repo:acme/app:ref:refs/heads/main` (`assume_role_policy`, `AssumeRolePolicyDocument`)."#,
        bad_example: r#"resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }
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
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:sub" = "repo:acme/app:ref:refs/heads/main" } }
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
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
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
              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
                token.actions.githubusercontent.com:sub: repo:acme/app:ref:refs/heads/main
"#,
        }),
    }),
};

const PROVIDER: &str = "token.actions.githubusercontent.com";

fn check(deployment: &Deployment, hits: &mut Hits) {
    for role in iam::roles(deployment) {
        let Some(trust) = role.trust_policy() else { continue };
        for statement in trust.statements.iter().filter(|s| s.allow) {
            let trusts_github = statement.principals.iter().any(|p| p.ends_with(PROVIDER));
            // A condition bosun could not read may well test `sub`.
            let unread_condition = statement.has_condition && statement.condition_keys.is_empty();
            if trusts_github && !unread_condition && !statement.has_condition_key(&format!("{PROVIDER}:sub"))
            {
                let at = statement_attr(statement);
                deployment.report(
                    hits,
                    role.resource,
                    Some(&at),
                    "the trust policy lets GitHub Actions workflows of any repository assume the role (no condition on `sub`)",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_cloudformation_example;

    #[test]
    fn unreadable_conditions_are_given_the_benefit_of_the_doubt() {
        let text = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              Federated: arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\n            Action: sts:AssumeRoleWithWebIdentity\n            Condition: !Ref Unknown\n";
        assert!(run_on_cloudformation_example(&RULE, text).is_empty());
    }
}
