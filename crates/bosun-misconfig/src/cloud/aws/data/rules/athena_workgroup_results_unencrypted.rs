use crate::cloud::aws::data::athena;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ246",
        name: "athena-workgroup-results-unencrypted",
        title: "Athena workgroup does not encrypt query results",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0006", "aws-athena-enable-at-rest-encryption", "CKV_AWS_159"],
        rationale: "Athena writes every query's results to S3. Without an encryption configuration on the workgroup, result files, which can hold whole extracts of the data queried, rely on the bucket's defaults.",
        remediation: "Add `result_configuration { encryption_configuration { encryption_option = \"SSE_KMS\" } }` to the workgroup's `configuration` (`WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration` in CloudFormation).",
        bad_example: "resource \"aws_athena_workgroup\" \"analysts\" {\n  name = \"analysts\"\n  configuration {\n    result_configuration {\n      output_location = \"s3://acme-athena-results/\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_athena_workgroup\" \"analysts\" {\n  name = \"analysts\"\n  configuration {\n    result_configuration {\n      output_location = \"s3://acme-athena-results/\"\n      encryption_configuration {\n        encryption_option = \"SSE_KMS\"\n        kms_key_arn       = \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n      }\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Analysts:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: analysts\n",
            good: "Resources:\n  Analysts:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: analysts\n      WorkGroupConfiguration:\n        ResultConfiguration:\n          OutputLocation: s3://acme-athena-results/\n          EncryptionConfiguration:\n            EncryptionOption: SSE_S3\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for workgroup in athena::workgroups(deployment) {
        if workgroup.result_encryption.is_none() {
            deployment.report(
                hits,
                workgroup.resource,
                None,
                "the workgroup declares no encryption for query results",
            );
        }
    }
}
