use crate::cloud::aws::compute::eks;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ163",
        name: "eks-public-endpoint-enabled",
        title: "EKS cluster API endpoint is reachable from the internet",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["AVD-AWS-0040", "aws-eks-no-public-cluster-access", "CKV_AWS_39"],
        rationale: "The public endpoint, on unless turned off, puts the Kubernetes API server on the internet. Every request still needs credentials, but a leaked token or kubeconfig, or a flaw in the API server, can then be used from anywhere. A private endpoint keeps the control plane inside the VPC.",
        remediation: "Set `endpoint_public_access = false` and `endpoint_private_access = true` in the `vpc_config` of the `aws_eks_cluster` (`EndpointPublicAccess`/`EndpointPrivateAccess` in `ResourcesVpcConfig` in CloudFormation), reaching the API through the VPC or a bastion.",
        bad_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = true\n    public_access_cidrs    = [\"203.0.113.0/24\"]\n  }\n}\n",
        good_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n",
            good: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n        EndpointPrivateAccess: true\n        EndpointPublicAccess: false\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in eks::clusters(deployment) {
        if cluster.vpc_config.is_none() {
            continue;
        }
        match cluster.public_access {
            Switch::On(at) => {
                deployment.report(hits, cluster.resource, Some(at), "the API endpoint is public")
            }
            Switch::Absent => deployment.report(
                hits,
                cluster.resource,
                cluster.vpc_config,
                "the API endpoint is public by default",
            ),
            Switch::Off(_) | Switch::Unknown(_) => {}
        }
    }
}
