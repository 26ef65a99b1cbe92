use crate::cloud::aws::storage::kms;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ032",
        name: "kms-key-policy-missing",
        title: "KMS key relies on the default key policy",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV2_AWS_64"],
        rationale: "A key created without a policy gets the default one, which hands control of the key to every IAM principal of the account whose identity policy allows KMS actions. Writing the key policy states who may use and administer the key next to the key itself.",
        remediation: "Set `policy` on the `aws_kms_key` (or add an `aws_kms_key_policy`; `KeyPolicy` on `AWS::KMS::Key`) naming the key's administrators and users.",
        bad_example: "resource \"aws_kms_key\" \"data\" {\n  description         = \"Application data\"\n  enable_key_rotation = true\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  description         = \"Application data\"\n  enable_key_rotation = true\n  policy              = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"AccountAdmin\"\n      Effect    = \"Allow\"\n      Principal = {\n        AWS = \"arn:aws:iam::111122223333:root\"\n      }\n      Action   = \"kms:*\"\n      Resource = \"*\"\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: true\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: true\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: AccountAdmin\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::111122223333:root\n            Action: kms:*\n            Resource: '*'\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for key in kms::keys(deployment) {
        if key.policies.is_empty() {
            deployment.report(
                hits,
                key.resource,
                None,
                "the key declares no key policy, so the default one applies",
            );
        }
    }
}
