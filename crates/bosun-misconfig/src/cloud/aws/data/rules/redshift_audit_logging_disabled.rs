use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::redshift;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ223",
        name: "redshift-audit-logging-disabled",
        title: "Redshift cluster does not enable audit logging",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["CKV_AWS_71"],
        rationale: "Redshift audit logs record connections, user changes and, with user activity logging, the queries run. Without them there is no trail of who read or exported data from the warehouse.",
        remediation: "Add an `aws_redshift_logging` resource (or the cluster's `logging { enable = true }`) with an S3 bucket or CloudWatch destination (`LoggingProperties` on `AWS::Redshift::Cluster`).",
        bad_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n}\n",
        good_example: "resource \"aws_redshift_cluster\" \"warehouse\" {\n  cluster_identifier = \"warehouse\"\n  node_type          = \"ra3.xlplus\"\n  master_username    = \"admin\"\n}\n\nresource \"aws_redshift_logging\" \"warehouse\" {\n  cluster_identifier   = aws_redshift_cluster.warehouse.id\n  log_destination_type = \"cloudwatch\"\n  log_exports          = [\"connectionlog\", \"userlog\", \"useractivitylog\"]\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n",
            good: "Resources:\n  Warehouse:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n      DBName: analytics\n      MasterUsername: admin\n      LoggingProperties:\n        LogDestinationType: cloudwatch\n        LogExports:\n          - connectionlog\n          - userlog\n          - useractivitylog\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in redshift::clusters(deployment) {
        require_on(
            deployment,
            hits,
            cluster.resource,
            cluster.audit_logging,
            "audit logging is turned off on the cluster",
            "the cluster does not enable audit logging",
        );
    }
}
