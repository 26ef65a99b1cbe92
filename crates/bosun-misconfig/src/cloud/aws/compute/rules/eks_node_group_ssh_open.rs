use crate::cloud::aws::compute::eks;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ167",
        name: "eks-node-group-ssh-open",
        title: "EKS node group allows SSH to its nodes from anywhere",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.least-access", "run.network-segregation"],
        aliases: &["CKV_AWS_100"],
        rationale: "A managed node group given an SSH key but no source security groups opens port 22 on every node to `0.0.0.0/0`. The nodes hold the kubelet's credentials and every pod's secrets, so they should only be reachable from known places, or through Session Manager without SSH at all.",
        remediation: "Add `source_security_group_ids` to the `remote_access` block of the `aws_eks_node_group` (`SourceSecurityGroups` in `RemoteAccess` in CloudFormation), or remove remote access and use Session Manager.",
        bad_example: "resource \"aws_eks_node_group\" \"workers\" {\n  cluster_name  = \"main\"\n  node_role_arn = \"arn:aws:iam::123456789012:role/eks-nodes\"\n  subnet_ids    = [\"subnet-0123456789abcdef0\"]\n  scaling_config {\n    desired_size = 2\n    max_size     = 3\n    min_size     = 1\n  }\n  remote_access {\n    ec2_ssh_key = \"ops\"\n  }\n}\n",
        good_example: "resource \"aws_eks_node_group\" \"workers\" {\n  cluster_name  = \"main\"\n  node_role_arn = \"arn:aws:iam::123456789012:role/eks-nodes\"\n  subnet_ids    = [\"subnet-0123456789abcdef0\"]\n  scaling_config {\n    desired_size = 2\n    max_size     = 3\n    min_size     = 1\n  }\n  remote_access {\n    ec2_ssh_key               = \"ops\"\n    source_security_group_ids = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Workers:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n      ClusterName: main\n      NodeRole: arn:aws:iam::123456789012:role/eks-nodes\n      Subnets:\n        - subnet-0123456789abcdef0\n      RemoteAccess:\n        Ec2SshKey: ops\n",
            good: "Resources:\n  Workers:\n    Type: AWS::EKS::Nodegroup\n    Properties:\n      ClusterName: main\n      NodeRole: arn:aws:iam::123456789012:role/eks-nodes\n      Subnets:\n        - subnet-0123456789abcdef0\n      RemoteAccess:\n        Ec2SshKey: ops\n        SourceSecurityGroups:\n          - sg-0123456789abcdef0\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for group in eks::node_groups(deployment) {
        let Some(remote_access) = group.remote_access else { continue };
        if remote_access.is_unknown() || !group.ssh_key.is_some_and(|k| k.is_set()) {
            continue;
        }
        let restricted =
            group.source_security_groups.is_some_and(|s| s.is_unknown() || !s.items().is_empty());
        if !restricted {
            deployment.report(
                hits,
                group.resource,
                Some(remote_access),
                "remote access names an SSH key but no source security groups, so SSH is open to 0.0.0.0/0",
            );
        }
    }
}
