use crate::cloud::aws::identity::{iam, statement_attr};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ100",
        name: "iam-policy-full-admin",
        title: "IAM policy allows every action on every resource",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_62"],
        rationale: r#"A statement allowing `*` on `*` is administrator access: whoever holds the policy can read every secret, change every permission and delete every resource in the account, and one leaked credential becomes a full account compromise. Administrative access belongs to a few break-glass roles, granted deliberately, not to policies written for workloads."#,
        remediation: r#"List the actions and resources the holder needs in the statement's `Action` and `Resource` (`policy` of `aws_iam_policy`/`aws_iam_role_policy`, `PolicyDocument` in CloudFormation)."#,
        bad_example: r#"resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}
"#,
        good_example: r#"resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::acme-artifacts/*"
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
  Deploy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: deploy
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: '*'
            Resource: '*'
"#,
            good: r#"Resources:
  Deploy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: deploy
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, s3:PutObject]
            Resource: arn:aws:s3:::acme-artifacts/*
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for policy in iam::identity_policies(deployment) {
        for statement in policy.allowing() {
            if super::super::has_star_action(statement) && super::super::has_star_resource(statement) {
                let at = statement_attr(statement);
                deployment.report(
                    hits,
                    policy.resource,
                    Some(&at),
                    "a statement allows every action (`*`) on every resource (`*`): full administrator access",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn heredoc_and_inline_role_policies_are_read() {
        let text = "resource \"aws_iam_role\" \"app\" {\n  name = \"app\"\n  assume_role_policy = \"{}\"\n  inline_policy {\n    name   = \"all\"\n    policy = <<EOF\n{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"*\"], \"Resource\": [\"*\"]}]}\nEOF\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }

    #[test]
    fn role_policies_in_cloudformation_are_read() {
        let text = "Resources:\n  App:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal:\n              Service: ec2.amazonaws.com\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: all\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n";
        assert_eq!(run_on_cloudformation_example(&RULE, text).len(), 1);
    }

    #[test]
    fn deny_statements_and_unknown_policies_are_ignored() {
        let deny = "resource \"aws_iam_policy\" \"guard\" {\n  policy = jsonencode({\n    Statement = [{ Effect = \"Deny\", Action = \"*\", Resource = \"*\" }]\n  })\n}\n";
        assert!(run_on_example(&RULE, deny).is_empty());
        let unknown =
            "resource \"aws_iam_policy\" \"p\" {\n  policy = data.aws_iam_policy_document.p.json\n}\n";
        assert!(run_on_example(&RULE, unknown).is_empty());
    }
}
