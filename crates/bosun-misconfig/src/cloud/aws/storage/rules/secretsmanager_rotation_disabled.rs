use crate::cloud::aws::storage::secrets_manager;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ036",
        name: "secretsmanager-secret-rotation-disabled",
        title: "Secrets Manager secret is never rotated automatically",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV2_AWS_57"],
        rationale: "A secret that never changes stays valid for as long as anyone who ever saw it keeps a copy: former staff, old laptops, leaked logs. Automatic rotation bounds how long a leaked value is useful.",
        remediation: "Add an `aws_secretsmanager_secret_rotation` for the secret (`AWS::SecretsManager::RotationSchedule` in CloudFormation).",
        bad_example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db/password\"\n}\n",
        good_example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db/password\"\n}\n\nresource \"aws_secretsmanager_secret_rotation\" \"db\" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\"\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n",
            good: "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n  DbRotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Db\n      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\n      RotationRules:\n        AutomaticallyAfterDays: 30\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for secret in secrets_manager::secrets(deployment) {
        if secret.rotations.is_empty() {
            deployment.report(hits, secret.resource, None, "no rotation is configured for the secret");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn inline_rotation_of_older_providers_counts() {
        let text = "resource \"aws_secretsmanager_secret\" \"a\" {\n  name                = \"a\"\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate\"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
