use crate::cloud::aws::data::athena;
use crate::cloud::aws::data::checks::forbid_off;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ245",
        name: "athena-workgroup-configuration-not-enforced",
        title: "Athena workgroup lets clients override its settings",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0007", "aws-athena-no-encryption-override", "CKV_AWS_82"],
        rationale: "When the workgroup configuration is not enforced, each client may choose its own result location and encryption, including none, so query results can land unencrypted or outside the intended bucket.",
        remediation: "Set `enforce_workgroup_configuration = true` in the `configuration` of the `aws_athena_workgroup` (`WorkGroupConfiguration.EnforceWorkGroupConfiguration: true` in CloudFormation).",
        bad_example: "resource \"aws_athena_workgroup\" \"analysts\" {\n  name = \"analysts\"\n  configuration {\n    enforce_workgroup_configuration = false\n  }\n}\n",
        good_example: "resource \"aws_athena_workgroup\" \"analysts\" {\n  name = \"analysts\"\n  configuration {\n    enforce_workgroup_configuration = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Analysts:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: analysts\n      WorkGroupConfiguration:\n        EnforceWorkGroupConfiguration: false\n",
            good: "Resources:\n  Analysts:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: analysts\n      WorkGroupConfiguration:\n        EnforceWorkGroupConfiguration: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for workgroup in athena::workgroups(deployment) {
        forbid_off(
            deployment,
            hits,
            workgroup.resource,
            workgroup.enforce_configuration,
            "the workgroup lets clients override its result location and encryption",
        );
    }
}
