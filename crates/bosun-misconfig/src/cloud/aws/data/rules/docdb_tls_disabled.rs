use crate::cloud::aws::data::checks::forbid_off;
use crate::cloud::aws::data::documentdb;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ241",
        name: "docdb-tls-disabled",
        title: "DocumentDB parameter group turns off TLS",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_90"],
        rationale: "With the `tls` parameter disabled, clusters using the parameter group accept unencrypted connections, so credentials and documents cross the network in clear.",
        remediation: "Remove the `tls` parameter or set it to `enabled` in the `aws_docdb_cluster_parameter_group` (`Parameters.tls` of `AWS::DocDB::DBClusterParameterGroup`).",
        bad_example: "resource \"aws_docdb_cluster_parameter_group\" \"profiles\" {\n  name   = \"profiles\"\n  family = \"docdb5.0\"\n  parameter {\n    name  = \"tls\"\n    value = \"disabled\"\n  }\n}\n",
        good_example: "resource \"aws_docdb_cluster_parameter_group\" \"profiles\" {\n  name   = \"profiles\"\n  family = \"docdb5.0\"\n  parameter {\n    name  = \"tls\"\n    value = \"enabled\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  ProfilesParameters:\n    Type: AWS::DocDB::DBClusterParameterGroup\n    Properties:\n      Description: profiles settings\n      Family: docdb5.0\n      Parameters:\n        tls: disabled\n",
            good: "Resources:\n  ProfilesParameters:\n    Type: AWS::DocDB::DBClusterParameterGroup\n    Properties:\n      Description: profiles settings\n      Family: docdb5.0\n      Parameters:\n        tls: enabled\n        audit_logs: enabled\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in documentdb::parameter_groups(deployment) {
        forbid_off(deployment, hits, group.resource, group.tls, "the parameter group turns TLS off");
    }
}
