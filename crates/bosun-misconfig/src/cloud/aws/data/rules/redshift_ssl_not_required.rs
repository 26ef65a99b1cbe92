use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::redshift;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ225",
        name: "redshift-ssl-not-required",
        title: "Redshift parameter group does not require SSL connections",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["CKV_AWS_105"],
        rationale: "Redshift accepts clear-text connections unless the cluster's parameter group sets `require_ssl`. Credentials and query results then cross the network unencrypted for any client that does not ask for TLS itself.",
        remediation: "Add a `parameter { name = \"require_ssl\" value = \"true\" }` to the `aws_redshift_parameter_group` (a `require_ssl` entry in `Parameters` of `AWS::Redshift::ClusterParameterGroup`).",
        bad_example: "resource \"aws_redshift_parameter_group\" \"warehouse\" {\n  name   = \"warehouse\"\n  family = \"redshift-1.0\"\n  parameter {\n    name  = \"require_ssl\"\n    value = \"false\"\n  }\n}\n",
        good_example: "resource \"aws_redshift_parameter_group\" \"warehouse\" {\n  name   = \"warehouse\"\n  family = \"redshift-1.0\"\n  parameter {\n    name  = \"require_ssl\"\n    value = \"true\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  WarehouseParameters:\n    Type: AWS::Redshift::ClusterParameterGroup\n    Properties:\n      Description: warehouse settings\n      ParameterGroupFamily: redshift-1.0\n      Parameters:\n        - ParameterName: enable_user_activity_logging\n          ParameterValue: \"true\"\n",
            good: "Resources:\n  WarehouseParameters:\n    Type: AWS::Redshift::ClusterParameterGroup\n    Properties:\n      Description: warehouse settings\n      ParameterGroupFamily: redshift-1.0\n      Parameters:\n        - ParameterName: enable_user_activity_logging\n          ParameterValue: \"true\"\n        - ParameterName: require_ssl\n          ParameterValue: \"true\"\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in redshift::parameter_groups(deployment) {
        require_on(
            deployment,
            hits,
            group.resource,
            group.require_ssl,
            "the parameter group sets require_ssl to false",
            "the parameter group leaves require_ssl at its default, false",
        );
    }
}
