//! Secrets Manager as checks see it: secrets (`aws_secretsmanager_secret`,
//! `AWS::SecretsManager::Secret`) and their rotation (`aws_secretsmanager_secret_rotation`,
//! the secret's own `rotation_rules` in provider versions before 5,
//! `AWS::SecretsManager::RotationSchedule`).

use crate::cloud::{Attr, Deployment, Resource};

pub struct Secret<'a> {
    pub resource: &'a Resource,
    pub kms_key: Option<&'a Attr>,
    /// Rotation declared for this secret.
    pub rotations: Vec<Rotation<'a>>,
}

pub struct Rotation<'a> {
    /// The resource declaring it (the rotation resource, or the secret for the inline form).
    pub resource: &'a Resource,
    /// Days between rotations (`automatically_after_days`, `AutomaticallyAfterDays`).
    pub after_days: Option<&'a Attr>,
    /// A `rate(..)` or `cron(..)` schedule (`schedule_expression`, `ScheduleExpression`).
    pub schedule: Option<&'a Attr>,
}

const TF_SECRET: &str = "aws_secretsmanager_secret";
const CFN_SECRET: &str = "AWS::SecretsManager::Secret";

pub fn secrets(deployment: &Deployment) -> Vec<Secret<'_>> {
    let terraform = deployment.of_kind(TF_SECRET).map(|r| {
        let mut rotations: Vec<Rotation> = deployment
            .attached("aws_secretsmanager_secret_rotation", "secret_id", r, &["name"])
            .map(terraform_rotation)
            .collect();
        if r.get("rotation_lambda_arn").is_some_and(Attr::is_set)
            || r.get("rotation_rules").is_some_and(Attr::is_set)
        {
            rotations.push(terraform_rotation(r));
        }
        Secret { resource: r, kms_key: r.get("kms_key_id").filter(|k| !k.is_null()), rotations }
    });
    let cloudformation = deployment.of_kind(CFN_SECRET).map(|r| Secret {
        resource: r,
        kms_key: r.get("KmsKeyId").filter(|k| !k.is_null()),
        rotations: deployment
            .attached("AWS::SecretsManager::RotationSchedule", "SecretId", r, &["Name"])
            .map(cloudformation_rotation)
            .collect(),
    });
    terraform.chain(cloudformation).collect()
}

/// Every rotation of the deployment, including those of secrets declared elsewhere.
pub fn rotations(deployment: &Deployment) -> Vec<Rotation<'_>> {
    let inline = deployment.of_kind(TF_SECRET).filter(|r| r.get("rotation_rules").is_some_and(Attr::is_set));
    let terraform =
        deployment.of_kind("aws_secretsmanager_secret_rotation").chain(inline).map(terraform_rotation);
    let cloudformation =
        deployment.of_kind("AWS::SecretsManager::RotationSchedule").map(cloudformation_rotation);
    terraform.chain(cloudformation).collect()
}

fn terraform_rotation(r: &Resource) -> Rotation<'_> {
    Rotation {
        resource: r,
        after_days: r.path(&["rotation_rules", "automatically_after_days"]),
        schedule: r.path(&["rotation_rules", "schedule_expression"]),
    }
}

fn cloudformation_rotation(r: &Resource) -> Rotation<'_> {
    Rotation {
        resource: r,
        after_days: r.path(&["RotationRules", "AutomaticallyAfterDays"]),
        schedule: r.path(&["RotationRules", "ScheduleExpression"]),
    }
}
