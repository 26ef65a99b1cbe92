use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::dynamodb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ213",
        name: "dynamodb-point-in-time-recovery-disabled",
        title: "DynamoDB table does not enable point-in-time recovery",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0024", "aws-dynamodb-enable-recovery", "CKV_AWS_28", "W78"],
        rationale: "Point-in-time recovery keeps continuous backups of a table for 35 days, so a faulty deployment, a bulk delete or overwritten items can be rolled back to any second. Without it, only on-demand backups someone remembered to take are left.",
        remediation: "Add `point_in_time_recovery { enabled = true }` to the `aws_dynamodb_table` (`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true` on `AWS::DynamoDB::Table`).",
        bad_example: "resource \"aws_dynamodb_table\" \"sessions\" {\n  name         = \"sessions\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n}\n",
        good_example: "resource \"aws_dynamodb_table\" \"sessions\" {\n  name         = \"sessions\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Sessions:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: false\n",
            good: "Resources:\n  Sessions:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n      PointInTimeRecoverySpecification:\n        PointInTimeRecoveryEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for table in dynamodb::tables(deployment) {
        require_on(
            deployment,
            hits,
            table.resource,
            table.point_in_time_recovery,
            "point-in-time recovery is turned off on the table",
            "the table does not enable point-in-time recovery",
        );
    }
}
