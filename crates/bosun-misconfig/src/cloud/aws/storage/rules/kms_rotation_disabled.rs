use crate::cloud::aws::storage::kms;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ030",
        name: "kms-key-rotation-disabled",
        title: "KMS key does not rotate its key material",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0065", "aws-kms-auto-rotate-keys", "CKV_AWS_7", "F19"],
        rationale: "Automatic rotation gives a symmetric key new material every year while old data stays decryptable. Without it, the same material protects everything the key has ever encrypted, so a single exposure reaches all of it. Asymmetric and HMAC keys cannot rotate and are not judged.",
        remediation: "Set `enable_key_rotation = true` on the `aws_kms_key` (`EnableKeyRotation: true` on `AWS::KMS::Key`).",
        bad_example: "resource \"aws_kms_key\" \"data\" {\n  description = \"Application data\"\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  description         = \"Application data\"\n  enable_key_rotation = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: false\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for key in kms::keys(deployment) {
        if key.external || key.is_symmetric() != Some(true) {
            continue;
        }
        match key.rotation {
            Switch::Off(attr) => {
                deployment.report(hits, key.resource, Some(attr), "automatic key rotation is turned off")
            }
            Switch::Absent => {
                deployment.report(hits, key.resource, None, "the key does not enable automatic rotation")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn asymmetric_keys_are_not_judged() {
        let text = "resource \"aws_kms_key\" \"sign\" {\n  customer_master_key_spec = \"ECC_NIST_P256\"\n  key_usage                = \"SIGN_VERIFY\"\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
