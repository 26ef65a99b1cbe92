use crate::cloud::aws::identity::iam;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ111",
        name: "iam-administrator-access-attached",
        title: "AWS managed AdministratorAccess policy is attached",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_274", "W25"],
        rationale: r#"`AdministratorAccess` allows every action on every resource. Attached to a workload role, a user or a group, it turns any compromise of that identity into control of the whole account, and it hides which permissions the identity really needs."#,
        remediation: r#"Attach a policy scoped to the job instead of `arn:aws:iam::aws:policy/AdministratorAccess` (`policy_arn` of the attachment, `managed_policy_arns` of `aws_iam_role`, `ManagedPolicyArns` in CloudFormation); keep administration to a few break-glass roles."#,
        bad_example: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"#,
        good_example: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
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
        - arn:aws:iam::aws:policy/AdministratorAccess
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
        - arn:aws:iam::aws:policy/ReadOnlyAccess
"#,
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for attachment in iam::attachments(deployment) {
        if attachment.aws_managed_name().is_some_and(|n| n.eq_ignore_ascii_case("AdministratorAccess")) {
            let message = format!(
                "the AWS managed policy `AdministratorAccess` is attached to an IAM {}",
                attachment.grantee.noun()
            );
            deployment.report(hits, attachment.resource, Some(attachment.arn), message);
        }
    }
}
