use crate::cloud::aws::data::checks::require_on;
use crate::cloud::aws::data::neptune;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ243",
        name: "neptune-iam-auth-disabled",
        title: "Neptune cluster does not enable IAM database authentication",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access"],
        aliases: &["CKV_AWS_359"],
        rationale: "Without IAM authentication, any client that reaches the Neptune endpoint on the network can query and change the graph. With it, every request must be signed by an IAM identity allowed to connect.",
        remediation: "Set `iam_database_authentication_enabled = true` on the `aws_neptune_cluster` (`IamAuthEnabled: true` on `AWS::Neptune::DBCluster`).",
        bad_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n}\n",
        good_example: "resource \"aws_neptune_cluster\" \"graph\" {\n  cluster_identifier = \"graph\"\n  engine             = \"neptune\"\n  iam_database_authentication_enabled = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n      IamAuthEnabled: false\n",
            good: "Resources:\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      DBClusterIdentifier: graph\n      IamAuthEnabled: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in neptune::clusters(deployment) {
        require_on(
            deployment,
            hits,
            cluster.resource,
            cluster.iam_auth,
            "IAM database authentication is turned off on the Neptune cluster",
            "the Neptune cluster does not enable IAM database authentication",
        );
    }
}
