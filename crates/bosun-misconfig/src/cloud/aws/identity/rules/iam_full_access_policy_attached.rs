use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ112",
        name: "iam-full-access-policy-attached",
        title: "AWS managed IAMFullAccess policy is attached",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV2_AWS_56"],
        rationale: r#"`IAMFullAccess` lets its holder create users, keys and roles and attach any policy, itself included; it is administrator access one API call away."#,
        remediation: r#"Attach a policy granting only the IAM actions needed, on the resources needed, instead of `arn:aws:iam::aws:policy/IAMFullAccess` (`policy_arn`, `managed_policy_arns`, `ManagedPolicyArns`)."#,
        bad_example: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
"#,
        good_example: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}
"#,
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: r#"Resources:
  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMFullAccess
"#,
            good: r#"Resources:
  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: ec2.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMReadOnlyAccess
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for attachment in iam::attachments(deployment) {
        if attachment.aws_managed_name().is_some_and(|n| n.eq_ignore_ascii_case("IAMFullAccess")) {
            let message = format!(
                "the AWS managed policy `IAMFullAccess` is attached to an IAM {}",
                attachment.grantee.noun()
            );
            deployment.report(hits, attachment.resource, Some(attachment.arn), message);
        }
    }
}
