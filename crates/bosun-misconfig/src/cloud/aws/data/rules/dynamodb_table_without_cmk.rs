use crate::cloud::aws::data::dynamodb;
use crate::cloud::aws::storage::switch::{names_customer_key, Switch};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ214",
        name: "dynamodb-table-without-cmk",
        title: "DynamoDB table is not encrypted with a customer managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0025", "aws-dynamodb-table-customer-key", "CKV_AWS_119"],
        rationale: "DynamoDB always encrypts tables, but by default with a key AWS owns, or with the AWS managed `aws/dynamodb` key. Neither can be restricted by a key policy, disabled to cut off access, or audited on its own. A customer managed key puts access to the data under a policy you write.",
        remediation: "Add `server_side_encryption { enabled = true, kms_key_arn = ... }` to the `aws_dynamodb_table` (`SSESpecification` with `SSEEnabled: true` and `KMSMasterKeyId` on `AWS::DynamoDB::Table`).",
        bad_example: "resource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n  server_side_encryption {\n    enabled = true\n  }\n}\n",
        good_example: "resource \"aws_kms_key\" \"orders\" {\n  description         = \"orders table\"\n  enable_key_rotation = true\n}\n\nresource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.orders.arn\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n",
            good: "Resources:\n  OrdersKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      BillingMode: PAY_PER_REQUEST\n      AttributeDefinitions:\n        - AttributeName: id\n          AttributeType: S\n      KeySchema:\n        - AttributeName: id\n          KeyType: HASH\n      SSESpecification:\n        SSEEnabled: true\n        SSEType: KMS\n        KMSMasterKeyId: !Ref OrdersKey\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for table in dynamodb::tables(deployment) {
        match table.kms_encryption {
            Switch::On(attr) if !names_customer_key(table.kms_key) => deployment.report(
                hits,
                table.resource,
                table.kms_key.or(Some(attr)),
                "the table is encrypted with the AWS managed aws/dynamodb key, not a customer managed key",
            ),
            Switch::Off(attr) => deployment.report(
                hits,
                table.resource,
                Some(attr),
                "the table is encrypted with an AWS owned key, not a customer managed key",
            ),
            Switch::Absent => deployment.report(
                hits,
                table.resource,
                None,
                "the table names no customer managed KMS key and is encrypted with an AWS owned key",
            ),
            _ => {}
        }
    }
}
