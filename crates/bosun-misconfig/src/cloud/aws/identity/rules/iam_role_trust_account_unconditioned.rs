use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ122",
        name: "iam-role-trust-whole-account",
        title: "IAM role trusts a whole AWS account without a condition",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_61"],
        rationale: r#"Trusting an account (`arn:aws:iam::<id>:root` or a bare account id) lets every user and role of that account that has `sts:AssumeRole` rights assume this role. Naming the role allowed, or adding a condition such as `sts:ExternalId` or `aws:PrincipalArn`, keeps the trust to the identity that needs it and protects against the confused deputy problem."#,
        remediation: r#"Name the trusted role's ARN in `Principal`, or add a `Condition` (`sts:ExternalId`, `aws:PrincipalArn`) to the statement (`assume_role_policy`, `AssumeRolePolicyDocument`)."#,
        bad_example: r#"resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
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
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:ExternalId" = "acme-7f3a" } }
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
              AWS: '444455556666'
            Action: sts:AssumeRole
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
              AWS: '444455556666'
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: acme-7f3a
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for role in iam::roles(deployment) {
        let Some(trust) = role.trust_policy() else { continue };
        for statement in trust.statements.iter().filter(|s| s.allow && !s.has_condition) {
            let Some(account) = statement.principals.iter().find_map(|p| account_of(p)) else { continue };
            let at = statement_attr(statement);
            let message = format!(
                "the trust policy lets any identity of account {account} assume the role, with no condition"
            );
            deployment.report(hits, role.resource, Some(&at), message);
        }
    }
}

/// The account a principal names as a whole: `123456789012` or `arn:aws:iam::123456789012:root`.
fn account_of(principal: &str) -> Option<&str> {
    let is_account = |id: &str| id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit());
    if is_account(principal) {
        return Some(principal);
    }
    let rest = principal.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(":iam::")?;
    let id = rest.strip_suffix(":root")?;
    is_account(id).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn bare_account_ids_and_other_partitions_count() {
        let text = "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n    Statement = [{ Effect = \"Allow\", Principal = { AWS = [\"arn:aws:iam::111122223333:role/ci\", \"444455556666\"] }, Action = \"sts:AssumeRole\" }]\n  })\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
        let gov = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              AWS: [arn:aws-us-gov:iam::444455556666:root]\n            Action: sts:AssumeRole\n";
        assert_eq!(run_on_cloudformation_example(&RULE, gov).len(), 1);
    }

    #[test]
    fn roles_and_services_are_not_accounts() {
        assert_eq!(account_of("arn:aws:iam::444455556666:role/ci"), None);
        assert_eq!(account_of("ec2.amazonaws.com"), None);
        assert_eq!(account_of("arn:aws:iam::444455556666:root"), Some("444455556666"));
    }
}
