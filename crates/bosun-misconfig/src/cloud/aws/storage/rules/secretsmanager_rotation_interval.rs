use crate::cloud::aws::storage::secrets_manager;
use crate::cloud::Attr;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ037",
        name: "secretsmanager-rotation-interval-too-long",
        title: "Secrets Manager secret rotates less often than every 90 days",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_304"],
        rationale: "Rotation limits how long a leaked secret stays usable only if it happens often enough. An interval beyond 90 days leaves a stolen credential working for months.",
        remediation: "Set `automatically_after_days` (or a `rate(..)` `schedule_expression`) of 90 days or less in `rotation_rules` (`RotationRules` of `AWS::SecretsManager::RotationSchedule`).",
        bad_example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db/password\"\n}\n\nresource \"aws_secretsmanager_secret_rotation\" \"db\" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\"\n\n  rotation_rules {\n    automatically_after_days = 180\n  }\n}\n",
        good_example: "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"prod/db/password\"\n}\n\nresource \"aws_secretsmanager_secret_rotation\" \"db\" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\"\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n  DbRotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Db\n      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\n      RotationRules:\n        AutomaticallyAfterDays: 180\n",
            good: "Resources:\n  Db:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      Name: prod/db/password\n  DbRotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Db\n      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\n      RotationRules:\n        AutomaticallyAfterDays: 30\n",
        }),
    }),
};

const MAX_DAYS: f64 = 90.0;

fn check(deployment: &Deployment, hits: &mut Hits) {
    for rotation in secrets_manager::rotations(deployment) {
        let days = rotation.after_days.and_then(|d| d.as_f64().map(|n| (d, n)));
        let scheduled = rotation.schedule.and_then(|s| rate_days(s).map(|n| (s, n)));
        if let Some((at, days)) = days.or(scheduled).filter(|(_, days)| *days > MAX_DAYS) {
            let message = format!("the secret is rotated every {days} days, more than {MAX_DAYS} days apart");
            deployment.report(hits, rotation.resource, Some(at), message);
        }
    }
}

/// The days between runs of a `rate(N unit)` schedule; `cron(..)` is not judged.
fn rate_days(schedule: &Attr) -> Option<f64> {
    let text = schedule.as_str()?.trim();
    let inner = text.strip_prefix("rate(")?.strip_suffix(')')?;
    let mut parts = inner.split_whitespace();
    let count: f64 = parts.next()?.parse().ok()?;
    let per_day = match parts.next()?.trim_end_matches('s') {
        "day" => 1.0,
        "hour" => 24.0,
        "minute" => 24.0 * 60.0,
        _ => return None,
    };
    Some(count / per_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn rate_schedules_are_read() {
        let text = "resource \"aws_secretsmanager_secret_rotation\" \"a\" {\n  secret_id = \"a\"\n  rotation_rules {\n    schedule_expression = \"rate(120 days)\"\n  }\n}\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
        let cron = text.replace("rate(120 days)", "cron(0 4 1 * ? *)");
        assert!(run_on_example(&RULE, &cron).is_empty());
    }
}
