use crate::cloud::aws::compute::sagemaker;
use crate::cloud::aws::storage::switch::is_aws_managed_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ191",
        name: "sagemaker-notebook-without-cmk",
        title: "SageMaker notebook instance storage is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_22", "W1201"],
        rationale: "The notebook's storage volume holds datasets, models and code. Encrypting it with a customer managed key lets you decide through the key policy who can read it, audit each use, and cut off access by disabling the key.",
        remediation: "Set `kms_key_id` on the `aws_sagemaker_notebook_instance` to a customer managed key (`KmsKeyId` in CloudFormation).",
        bad_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n}\n",
        good_example: "resource \"aws_sagemaker_notebook_instance\" \"research\" {\n  name          = \"research\"\n  role_arn      = \"arn:aws:iam::123456789012:role/sagemaker\"\n  instance_type = \"ml.t3.medium\"\n  kms_key_id    = aws_kms_key.notebooks.arn\n}\n\nresource \"aws_kms_key\" \"notebooks\" {\n  enable_key_rotation = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n",
            good: "Resources:\n  Research:\n    Type: AWS::SageMaker::NotebookInstance\n    Properties:\n      RoleArn: arn:aws:iam::123456789012:role/sagemaker\n      InstanceType: ml.t3.medium\n      KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/0f2a3b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for notebook in sagemaker::notebook_instances(deployment) {
        match notebook.kms_key.filter(|k| k.is_set()) {
            None => deployment.report(
                hits,
                notebook.resource,
                None,
                "the notebook names no customer managed KMS key",
            ),
            Some(key) if is_aws_managed_key(key) => deployment.report(
                hits,
                notebook.resource,
                Some(key),
                "the notebook uses an AWS managed KMS key",
            ),
            Some(_) => {}
        }
    }
}
