use crate::cloud::aws::data::dms;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ247",
        name: "dms-replication-instance-public",
        title: "DMS replication instance is publicly accessible",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_89", "W91"],
        rationale: "A replication instance holds credentials for its source and target databases and streams their data. A public address makes it reachable from the internet; it only needs to reach the databases, which a private address in the VPC does.",
        remediation: "Set `publicly_accessible = false` on the `aws_dms_replication_instance` (`PubliclyAccessible: false` on `AWS::DMS::ReplicationInstance`, where it defaults to true).",
        bad_example: "resource \"aws_dms_replication_instance\" \"migration\" {\n  replication_instance_id    = \"migration\"\n  replication_instance_class = \"dms.t3.medium\"\n  publicly_accessible        = true\n}\n",
        good_example: "resource \"aws_dms_replication_instance\" \"migration\" {\n  replication_instance_id    = \"migration\"\n  replication_instance_class = \"dms.t3.medium\"\n  publicly_accessible        = false\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Migration:\n    Type: AWS::DMS::ReplicationInstance\n    Properties:\n      ReplicationInstanceClass: dms.t3.medium\n",
            good: "Resources:\n  Migration:\n    Type: AWS::DMS::ReplicationInstance\n    Properties:\n      ReplicationInstanceClass: dms.t3.medium\n      PubliclyAccessible: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for instance in dms::replication_instances(deployment) {
        match instance.publicly_accessible {
            Switch::On(attr) => deployment.report(
                hits,
                instance.resource,
                Some(attr),
                "the replication instance is given a public address",
            ),
            Switch::Absent if instance.public_by_default => deployment.report(
                hits,
                instance.resource,
                None,
                "the replication instance does not set PubliclyAccessible, which defaults to true",
            ),
            _ => {}
        }
    }
}
