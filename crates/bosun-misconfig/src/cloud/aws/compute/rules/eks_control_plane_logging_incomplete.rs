use crate::cloud::aws::compute::eks;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ165",
        name: "eks-control-plane-logging-incomplete",
        title: "EKS cluster does not send every control plane log type to CloudWatch",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0038", "aws-eks-enable-control-plane-logging", "CKV_AWS_37"],
        rationale: "The control plane logs are the only record of who called the Kubernetes API (`audit`), how they authenticated (`authenticator`) and what the API server, controller manager and scheduler did. They are off unless enabled, and without them an incident in the cluster cannot be reconstructed.",
        remediation: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]` on the `aws_eks_cluster` (`Logging.ClusterLogging.EnabledTypes` in CloudFormation).",
        bad_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  enabled_cluster_log_types = [\"api\", \"audit\"]\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  }\n}\n",
        good_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n",
            good: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      Logging:\n        ClusterLogging:\n          EnabledTypes:\n            - Type: api\n            - Type: audit\n            - Type: authenticator\n            - Type: controllerManager\n            - Type: scheduler\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in eks::clusters(deployment) {
        let Some(enabled) = &cluster.enabled_log_types else { continue };
        let missing: Vec<&str> = eks::LOG_TYPES
            .iter()
            .copied()
            .filter(|wanted| !enabled.iter().any(|t| t.eq_ignore_ascii_case(wanted)))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let message = if enabled.is_empty() {
            "no control plane log type is enabled".to_string()
        } else {
            format!("control plane logging leaves out {}", missing.join(", "))
        };
        deployment.report(hits, cluster.resource, cluster.log_types, message);
    }
}
