use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ110",
        name: "iam-user-direct-policy",
        title: "IAM policy granted directly to a user",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_40", "AVD-AWS-0143", "aws-iam-no-user-attached-policies", "F10", "F11", "F12"],
        rationale: r#"Permissions given to users one by one drift apart and are hard to review or revoke: people change teams and keep what they had. Granting through groups, or better through roles users assume, keeps access defined in one place per job."#,
        remediation: r#"Attach the policy to a group the user belongs to (`aws_iam_group_policy_attachment` and `aws_iam_user_group_membership`, `Groups` of `AWS::IAM::User`) or to a role, instead of `aws_iam_user_policy`/`aws_iam_user_policy_attachment` or the user's `Policies`/`ManagedPolicyArns`."#,
        bad_example: r#"resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_policy_attachment" "alice_readonly" {
  user       = aws_iam_user.alice.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
"#,
        good_example: r#"resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group" "auditors" {
  name = "auditors"
}

resource "aws_iam_group_policy_attachment" "auditors_readonly" {
  group      = aws_iam_group.auditors.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.auditors.name]
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
"#,
            good: r#"Resources:
  Auditors:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups:
        - !Ref Auditors
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for grant in iam::user_grants(deployment) {
        let message = if grant.inline {
            "an inline policy is given directly to an IAM user rather than to a group or role"
        } else {
            "a managed policy is attached directly to an IAM user rather than to a group or role"
        };
        deployment.report(hits, grant.resource, grant.at, message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{run_on_cloudformation_example, run_on_example};

    #[test]
    fn inline_user_policies_and_shared_attachments_count() {
        let text = "resource \"aws_iam_user_policy\" \"a\" {\n  user   = \"alice\"\n  policy = jsonencode({ Statement = [] })\n}\n\nresource \"aws_iam_policy_attachment\" \"b\" {\n  name       = \"b\"\n  users      = [\"bob\"]\n  roles      = []\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n\nresource \"aws_iam_policy_attachment\" \"c\" {\n  name       = \"c\"\n  roles      = [\"app\"]\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 2);
    }

    #[test]
    fn cloudformation_policies_naming_users_count() {
        let text = "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: p\n      PolicyDocument:\n        Statement: []\n      Users: [alice]\n";
        assert_eq!(run_on_cloudformation_example(&RULE, text).len(), 1);
    }
}
