use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ205",
        name: "rds-deletion-protection-disabled",
        title: "RDS database does not enable deletion protection",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0177", "AVD-AWS-0343", "aws-rds-enable-deletion-protection", "CKV_AWS_293", "CKV_AWS_139"],
        rationale: "Without deletion protection one API call, a console slip or a `terraform destroy` on the wrong workspace removes the database. With it, deleting needs a deliberate change first.",
        remediation: "Set `deletion_protection = true` on the `aws_db_instance` or `aws_rds_cluster` (`DeletionProtection: true` in CloudFormation).",
        bad_example: "resource \"aws_rds_cluster\" \"ledger\" {\n  cluster_identifier  = \"ledger\"\n  engine              = \"aurora-mysql\"\n  master_username     = \"app\"\n  deletion_protection = false\n}\n",
        good_example: "resource \"aws_rds_cluster\" \"ledger\" {\n  cluster_identifier  = \"ledger\"\n  engine              = \"aurora-mysql\"\n  master_username     = \"app\"\n  deletion_protection = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Ledger:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n",
            good: "Resources:\n  Ledger:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      DeletionProtection: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        if db.cluster_member {
            continue;
        }
        require_on(
            deployment,
            hits,
            db.resource,
            db.deletion_protection,
            "deletion protection is turned off on the DB instance",
            "the DB instance does not enable deletion protection",
        );
    }
    for cluster in rds::clusters(deployment) {
        require_on(
            deployment,
            hits,
            cluster.resource,
            cluster.deletion_protection,
            "deletion protection is turned off on the DB cluster",
            "the DB cluster does not enable deletion protection",
        );
    }
}
