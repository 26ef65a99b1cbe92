use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ121",
        name: "iam-role-trust-any-principal",
        title: "IAM role can be assumed by any principal",
        severity: Severity::Critical,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_60"],
        rationale: r#"A trust policy with a `*` principal and no condition lets any AWS identity, in any account, assume the role and use its permissions. Roles must name the services, accounts or identity providers allowed to assume them."#,
        remediation: r#"Name the trusted principal in the trust policy's `Principal` (`assume_role_policy` of `aws_iam_role`, `AssumeRolePolicyDocument` of `AWS::IAM::Role`), or at least add a condition such as `aws:PrincipalOrgID`."#,
        bad_example: r#"resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
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
      Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }
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
              AWS: '*'
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
              AWS: arn:aws:iam::111122223333:role/ci
            Action: sts:AssumeRole
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for role in iam::roles(deployment) {
        let Some(trust) = role.trust_policy() else { continue };
        for statement in trust.statements.iter().filter(|s| s.is_public()) {
            let at = statement_attr(statement);
            deployment.report(
                hits,
                role.resource,
                Some(&at),
                "the trust policy lets any principal (`*`) assume the role, with no condition",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn a_condition_narrows_the_trust() {
        let text = "resource \"aws_iam_role\" \"r\" {\n  assume_role_policy = jsonencode({\n    Statement = [{\n      Effect = \"Allow\"\n      Principal = \"*\"\n      Action = \"sts:AssumeRole\"\n      Condition = { StringEquals = { \"aws:PrincipalOrgID\" = \"o-abc123\" } }\n    }]\n  })\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
