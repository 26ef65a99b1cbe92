use crate::cloud::aws::data::redshift;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ224",
        name: "redshift-cluster-outside-vpc",
        title: "Redshift cluster does not name a subnet group",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "run.network-segregation"],
        aliases: &["AVD-AWS-0127", "aws-redshift-use-vpc", "CKV_AWS_154"],
        rationale: "Without a cluster subnet group, Redshift places the cluster in the default VPC (or, in old accounts, EC2-Classic) rather than in the private subnets designed for it, with whatever routing and exposure the default network has.",
        remediation: "Set `cluster_subnet_group_name` to an `aws_redshift_subnet_group` of private subnets (`ClusterSubnetGroupName` on `AWS::Redshift::Cluster`).",
        bad_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n}\n",
        good_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n  cluster_subnet_group_name = \"warehouse-private\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n",
            good: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n      ClusterSubnetGroupName: warehouse-private\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in redshift::clusters(deployment) {
        if cluster.subnet_group.is_none() {
            deployment.report(
                hits,
                cluster.resource,
                None,
                "the cluster names no subnet group and lands in the default network",
            );
        }
    }
}
