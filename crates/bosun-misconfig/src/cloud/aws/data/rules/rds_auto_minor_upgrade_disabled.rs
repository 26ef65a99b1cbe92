use crate::cloud::aws::data::checks::forbid_off;
use crate::cloud::aws::data::rds;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ207",
        name: "rds-auto-minor-upgrade-disabled",
        title: "RDS DB instance turns off automatic minor version upgrades",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.patch"],
        aliases: &["CKV_AWS_226"],
        rationale: "Minor engine versions carry security fixes. With automatic minor upgrades off, the instance keeps running a patched-over version until someone schedules the upgrade by hand, which tends not to happen.",
        remediation: "Remove `auto_minor_version_upgrade = false` or set it to true on the `aws_db_instance` or `aws_rds_cluster_instance` (`AutoMinorVersionUpgrade` on `AWS::RDS::DBInstance`).",
        bad_example: "resource \"aws_db_instance\" \"crm\" {\n  identifier                 = \"crm\"\n  engine                     = \"mariadb\"\n  instance_class             = \"db.t3.micro\"\n  allocated_storage          = 20\n  auto_minor_version_upgrade = false\n}\n",
        good_example: "resource \"aws_db_instance\" \"crm\" {\n  identifier                 = \"crm\"\n  engine                     = \"mariadb\"\n  instance_class             = \"db.t3.micro\"\n  allocated_storage          = 20\n  auto_minor_version_upgrade = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Crm:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mariadb\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      AutoMinorVersionUpgrade: false\n",
            good: "Resources:\n  Crm:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mariadb\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        forbid_off(
            deployment,
            hits,
            db.resource,
            db.auto_minor_upgrade,
            "automatic minor version upgrades are turned off on the DB instance",
        );
    }
}
