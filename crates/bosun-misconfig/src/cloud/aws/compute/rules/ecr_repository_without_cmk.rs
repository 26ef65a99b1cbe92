use crate::cloud::aws::compute::ecr;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ152",
        name: "ecr-repository-without-cmk",
        title: "ECR repository is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0033", "aws-ecr-repository-customer-key", "CKV_AWS_136"],
        rationale: "ECR encrypts images with AES256 under keys AWS owns unless told to use KMS. A customer managed key lets you decide who may decrypt the images, audit every use of the key in CloudTrail, and revoke access by disabling the key.",
        remediation: "Set `encryption_configuration { encryption_type = \"KMS\" kms_key = aws_kms_key.ecr.arn }` on the `aws_ecr_repository` (`EncryptionConfiguration: {EncryptionType: KMS, KmsKey: ...}` in CloudFormation).",
        bad_example: "resource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n}\n",
        good_example: "resource \"aws_kms_key\" \"ecr\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_ecr_repository\" \"app\" {\n  name = \"app\"\n  encryption_configuration {\n    encryption_type = \"KMS\"\n    kms_key         = aws_kms_key.ecr.arn\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      EncryptionConfiguration:\n        EncryptionType: AES256\n",
            good: "Resources:\n  EcrKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  App:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: app\n      EncryptionConfiguration:\n        EncryptionType: KMS\n        KmsKey: !GetAtt EcrKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for repository in ecr::repositories(deployment) {
        match repository.kms_encryption() {
            Some(false) => deployment.report(
                hits,
                repository.resource,
                repository.encryption_type,
                "images are encrypted with AES256 rather than a KMS key",
            ),
            Some(true) if !names_customer_key(repository.kms_key) => deployment.report(
                hits,
                repository.resource,
                repository.kms_key.or(repository.encryption_type),
                "images are encrypted with the AWS managed key `aws/ecr`, not a customer managed one",
            ),
            _ => {}
        }
    }
}
