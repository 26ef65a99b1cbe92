use crate::cloud::aws::data::redshift;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ222",
        name: "redshift-cluster-publicly-accessible",
        title: "Redshift cluster is publicly accessible",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_87"],
        rationale: "A publicly accessible cluster gets a public address, so its SQL endpoint can be reached from the internet, limited only by its security groups. Warehouses are better reached from inside the VPC or through a proxy.",
        remediation: "Set `publicly_accessible = false` on the `aws_redshift_cluster` (`PubliclyAccessible: false` on `AWS::Redshift::Cluster`).",
        bad_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n  publicly_accessible = true\n}\n",
        good_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n  publicly_accessible = false\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n      PubliclyAccessible: true\n",
            good: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n      PubliclyAccessible: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in redshift::clusters(deployment) {
        if let Switch::On(attr) = cluster.publicly_accessible {
            deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                "the cluster is given a public address reachable from the internet",
            );
        }
    }
}
