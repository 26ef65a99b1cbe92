use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ204",
        name: "rds-iam-auth-disabled",
        title: "RDS database does not enable IAM database authentication",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["AVD-AWS-0176", "aws-rds-enable-iam-auth", "CKV_AWS_161", "CKV_AWS_162"],
        rationale: "With IAM database authentication, MySQL, MariaDB and PostgreSQL users log in with short-lived tokens tied to IAM roles instead of long-lived passwords that end up in configuration files and are rarely rotated. Access is then granted, audited and revoked in one place.",
        remediation: "Set `iam_database_authentication_enabled = true` on the `aws_db_instance` or `aws_rds_cluster` (`EnableIAMDatabaseAuthentication: true` in CloudFormation).",
        bad_example: "resource \"aws_db_instance\" \"accounts\" {\n  identifier        = \"accounts\"\n  engine            = \"mysql\"\n  instance_class    = \"db.t3.micro\"\n  allocated_storage = 20\n}\n",
        good_example: "resource \"aws_db_instance\" \"accounts\" {\n  identifier                          = \"accounts\"\n  engine                              = \"mysql\"\n  instance_class                      = \"db.t3.micro\"\n  allocated_storage                   = 20\n  iam_database_authentication_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Accounts:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n      EnableIAMDatabaseAuthentication: false\n",
            good: "Resources:\n  Accounts:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      MasterUsername: app\n      EnableIAMDatabaseAuthentication: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        // Only some engines support it; cluster members follow their cluster.
        if db.cluster_member || !rds::supports_iam_auth(db.engine) {
            continue;
        }
        require_on(
            deployment,
            hits,
            db.resource,
            db.iam_auth,
            "IAM database authentication is turned off on the DB instance",
            "the DB instance does not enable IAM database authentication",
        );
    }
    for cluster in rds::clusters(deployment) {
        if !rds::supports_iam_auth(cluster.engine) {
            continue;
        }
        require_on(
            deployment,
            hits,
            cluster.resource,
            cluster.iam_auth,
            "IAM database authentication is turned off on the DB cluster",
            "the DB cluster does not enable IAM database authentication",
        );
    }
}
