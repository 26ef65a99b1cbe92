use crate::cloud::aws::data::rds;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ202",
        name: "rds-instance-publicly-accessible",
        title: "RDS DB instance is publicly accessible",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0180", "AVD-AWS-0082", "aws-rds-no-public-db-access", "CKV_AWS_17", "F22"],
        rationale: "A publicly accessible instance gets an endpoint that resolves to a public address, so the only thing between the internet and the database listener is its security group. Databases belong in private subnets, reached through the application, a bastion or a VPN.",
        remediation: "Set `publicly_accessible = false` on the `aws_db_instance` or `aws_rds_cluster_instance` (`PubliclyAccessible: false` on `AWS::RDS::DBInstance`).",
        bad_example: "resource \"aws_db_instance\" \"reports\" {\n  identifier          = \"reports\"\n  engine              = \"mysql\"\n  instance_class      = \"db.t3.micro\"\n  allocated_storage   = 20\n  publicly_accessible = true\n}\n",
        good_example: "resource \"aws_db_instance\" \"reports\" {\n  identifier          = \"reports\"\n  engine              = \"mysql\"\n  instance_class      = \"db.t3.micro\"\n  allocated_storage   = 20\n  publicly_accessible = false\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Reports:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      PubliclyAccessible: true\n",
            good: "Resources:\n  Reports:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      DBInstanceClass: db.t3.micro\n      AllocatedStorage: \"20\"\n      PubliclyAccessible: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for db in rds::instances(deployment) {
        if let Switch::On(attr) = db.publicly_accessible {
            deployment.report(
                hits,
                db.resource,
                Some(attr),
                "the DB instance is given a public address reachable from the internet",
            );
        }
    }
}
