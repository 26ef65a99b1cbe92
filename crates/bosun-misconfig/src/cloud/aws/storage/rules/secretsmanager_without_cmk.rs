use crate::cloud::aws::storage::secrets_manager;
use crate::cloud::aws::storage::switch::is_aws_managed_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ035",
        name: "secretsmanager-secret-without-cmk",
        title: "Secrets Manager secret is not encrypted with a customer managed KMS key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0098", "aws-ssm-secret-use-customer-key", "CKV_AWS_149"],
        rationale: "Secrets encrypted with the AWS managed `aws/secretsmanager` key can be decrypted by any principal of the account allowed to read the secret, and the key cannot be shared with other accounts or disabled. A customer managed key adds a policy of its own over who can decrypt.",
        remediation: "Set `kms_key_id` to a customer managed key on the `aws_secretsmanager_secret` (`KmsKeyId` on `AWS::SecretsManager::Secret`).",
        bad_example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db/password\"\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  enable_key_rotation = true\n}\n\nresource \"aws_secretsmanager_secret\" \"db\" {\n  name       = \"prod/db/password\"\n  kms_key_id = aws_kms_key.data.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n      KmsKeyId: !Ref DataKey\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for secret in secrets_manager::secrets(deployment) {
        match secret.kms_key {
            None => deployment.report(
                hits,
                secret.resource,
                None,
                "the secret is encrypted with the AWS managed key `aws/secretsmanager`",
            ),
            Some(key) if is_aws_managed_key(key) || key.as_str() == Some("") => deployment.report(
                hits,
                secret.resource,
                Some(key),
                "the secret names an AWS managed key, not a customer managed KMS key",
            ),
            Some(_) => {}
        }
    }
}
