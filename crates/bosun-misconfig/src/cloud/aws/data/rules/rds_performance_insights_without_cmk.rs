use crate::cloud::aws::data::rds;
use crate::cloud::aws::storage::switch::{names_customer_key, Switch};
use crate::cloud::{Attr, Resource};
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ206",
        name: "rds-performance-insights-without-cmk",
        title: "RDS Performance Insights data is not encrypted with a customer managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0078", "aws-rds-enable-performance-insights-encryption", "CKV_AWS_354"],
        rationale: "Performance Insights keeps samples of the queries the database runs, literals included. Without a customer managed key it uses the AWS managed `aws/rds` key, whose policy you cannot narrow and whose use you cannot revoke separately from the database.",
        remediation: "Set `performance_insights_kms_key_id` to a customer managed key (`PerformanceInsightsKMSKeyId` on `AWS::RDS::DBInstance`, `PerformanceInsightsKmsKeyId` on `AWS::RDS::DBCluster`).",
        bad_example: "resource \"aws_db_instance\" \"search\" {\n  identifier                   = \"search\"\n  engine                       = \"postgres\"\n  instance_class               = \"db.r6g.large\"\n  allocated_storage            = 50\n  performance_insights_enabled = true\n}\n",
        good_example: "resource \"aws_kms_key\" \"insights\" {\n  description         = \"Performance Insights\"\n  enable_key_rotation = true\n}\n\nresource \"aws_db_instance\" \"search\" {\n  identifier                      = \"search\"\n  engine                          = \"postgres\"\n  instance_class                  = \"db.r6g.large\"\n  allocated_storage               = 50\n  performance_insights_enabled    = true\n  performance_insights_kms_key_id = aws_kms_key.insights.arn\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Search:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.r6g.large\n      AllocatedStorage: \"50\"\n      EnablePerformanceInsights: true\n",
            good: "Resources:\n  InsightsKey:\n    Type: AWS::KMS::Key\n    Properties:\n      EnableKeyRotation: true\n  Search:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.r6g.large\n      AllocatedStorage: \"50\"\n      EnablePerformanceInsights: true\n      PerformanceInsightsKMSKeyId: !GetAtt InsightsKey.Arn\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        judge(deployment, hits, db.resource, db.performance_insights, db.performance_insights_key);
    }
    for cluster in rds::clusters(deployment) {
        judge(
            deployment,
            hits,
            cluster.resource,
            cluster.performance_insights,
            cluster.performance_insights_key,
        );
    }
}

fn judge(deployment: &Deployment, hits: &mut Hits, resource: &Resource, enabled: Switch, key: Option<&Attr>) {
    let Switch::On(attr) = enabled else { return };
    if names_customer_key(key) {
        return;
    }
    let at = key.or(Some(attr));
    deployment.report(
        hits,
        resource,
        at,
        "Performance Insights data is encrypted with the AWS managed aws/rds key, not a customer managed key",
    );
}
