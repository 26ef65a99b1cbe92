use crate::cloud::aws::policy;
use crate::cloud::aws::storage::kms;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ031",
        name: "kms-key-policy-public",
        title: "KMS key policy allows any principal",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_33"],
        rationale: "A key policy statement with a wildcard principal and no condition lets any AWS account use or administer the key. Whoever can use the key can decrypt everything it protects, and whoever administers it can lock its owner out.",
        remediation: "Name the accounts or roles that need the key in the statement's `Principal`, or narrow it with a condition such as `kms:CallerAccount` (`policy` of `aws_kms_key`/`aws_kms_key_policy`, `KeyPolicy` of `AWS::KMS::Key`).",
        bad_example: "resource \"aws_kms_key\" \"data\" {\n  description         = \"Application data\"\n  enable_key_rotation = true\n  policy              = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"Everyone\"\n      Effect    = \"Allow\"\n      Principal = {\n        AWS = \"*\"\n      }\n      Action   = \"kms:*\"\n      Resource = \"*\"\n    }]\n  })\n}\n",
        good_example: "resource \"aws_kms_key\" \"data\" {\n  description         = \"Application data\"\n  enable_key_rotation = true\n  policy              = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"AccountAdmin\"\n      Effect    = \"Allow\"\n      Principal = {\n        AWS = \"arn:aws:iam::111122223333:root\"\n      }\n      Action   = \"kms:*\"\n      Resource = \"*\"\n    }]\n  })\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: true\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: Everyone\n            Effect: Allow\n            Principal:\n              AWS: '*'\n            Action: kms:*\n            Resource: '*'\n",
            good: "Resources:\n  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n      Description: Application data\n      EnableKeyRotation: true\n      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: AccountAdmin\n            Effect: Allow\n            Principal:\n              AWS: arn:aws:iam::111122223333:root\n            Action: kms:*\n            Resource: '*'\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for key in kms::keys(deployment) {
        for document in key.policies.iter().filter_map(|attr| policy::parse(attr)) {
            for statement in document.statements.iter().filter(|s| s.is_public()) {
                let at = super::statement_attr(statement);
                let message = format!(
                    "a key policy statement allows {} to any principal (`*`) with no condition",
                    super::describe_actions(statement)
                );
                deployment.report(hits, key.resource, Some(&at), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn split_key_policies_are_read() {
        let text = "resource \"aws_kms_key\" \"a\" {}\n\nresource \"aws_kms_key_policy\" \"a\" {\n  key_id = aws_kms_key.a.id\n  policy = \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"kms:Decrypt\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
