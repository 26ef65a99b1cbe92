use crate::cloud::aws::compute::eks;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ164",
        name: "eks-public-endpoint-open-to-world",
        title: "EKS cluster public API endpoint accepts connections from any address",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0041", "aws-eks-no-public-cluster-access-to-cidr", "CKV_AWS_38"],
        rationale: "When the public endpoint is on and `public_access_cidrs` is left out or includes `0.0.0.0/0`, anyone on the internet can reach the Kubernetes API server and try stolen credentials or exploits against it. Restricting it to the networks your operators and pipelines use removes most of that exposure.",
        remediation: "List only your own networks in `public_access_cidrs` in the `vpc_config` of the `aws_eks_cluster` (`PublicAccessCidrs` in CloudFormation), or turn the public endpoint off.",
        bad_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = true\n  }\n}\n",
        good_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = true\n    public_access_cidrs    = [\"203.0.113.0/24\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n        EndpointPublicAccess: true\n        PublicAccessCidrs:\n          - 0.0.0.0/0\n",
            good: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n        EndpointPublicAccess: true\n        PublicAccessCidrs:\n          - 203.0.113.0/24\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in eks::clusters(deployment) {
        if cluster.vpc_config.is_none() || !matches!(cluster.public_access, Switch::On(_) | Switch::Absent) {
            continue;
        }
        match cluster.public_access_cidrs {
            None => deployment.report(
                hits,
                cluster.resource,
                cluster.vpc_config,
                "the public API endpoint has no CIDR restriction, so it is open to 0.0.0.0/0",
            ),
            Some(cidrs) => {
                if let Some(open) =
                    cidrs.items().iter().find(|c| c.as_str().is_some_and(|c| c.trim() == "0.0.0.0/0"))
                {
                    deployment.report(
                        hits,
                        cluster.resource,
                        Some(open),
                        "the public API endpoint is open to 0.0.0.0/0",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    fn cluster(vpc: &str) -> String {
        format!(
            "resource \"aws_eks_cluster\" \"main\" {{\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  \
             vpc_config {{\n    subnet_ids = [\"subnet-1\"]\n{vpc}  }}\n}}\n"
        )
    }

    #[test]
    fn private_or_computed_endpoints_are_not_judged() {
        assert!(run_on_example(&RULE, &cluster("    endpoint_public_access = false\n")).is_empty());
        assert!(run_on_example(&RULE, &cluster("    public_access_cidrs = var.admin_cidrs\n")).is_empty());
        assert!(run_on_example(&RULE, &cluster("    endpoint_public_access = var.public\n")).is_empty());
        let found =
            run_on_example(&RULE, &cluster("    public_access_cidrs = [\"10.0.0.0/8\", \"0.0.0.0/0\"]\n"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "the public API endpoint is open to 0.0.0.0/0");
    }
}
