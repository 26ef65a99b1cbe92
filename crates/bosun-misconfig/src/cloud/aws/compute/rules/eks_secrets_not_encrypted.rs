use crate::cloud::aws::compute::eks;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ166",
        name: "eks-secrets-not-encrypted",
        title: "EKS cluster does not encrypt Kubernetes secrets with a KMS key",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0039", "aws-eks-encrypt-secrets", "CKV_AWS_58", "W82"],
        rationale: "Envelope encryption with a KMS key you own adds a layer over the etcd storage encryption AWS applies: reading a secret then needs that key, whose use you control with its policy and see in CloudTrail, and which you can revoke.",
        remediation: "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = aws_kms_key.eks.arn } }` to the `aws_eks_cluster` (`EncryptionConfig` with `Resources: [secrets]` and `Provider.KeyArn` in CloudFormation).",
        bad_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  }\n}\n",
        good_example: "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::123456789012:role/eks\"\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  }\n}\n\nresource \"aws_kms_key\" \"eks\" {\n  enable_key_rotation = true\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n",
            good: "Resources:\n  Main:\n    Type: AWS::EKS::Cluster\n    Properties:\n      Name: main\n      RoleArn: arn:aws:iam::123456789012:role/eks\n      EncryptionConfig:\n        - Resources:\n            - secrets\n          Provider:\n            KeyArn: arn:aws:kms:eu-west-1:123456789012:key/0f2a3b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c\n      ResourcesVpcConfig:\n        SubnetIds:\n          - subnet-0123456789abcdef0\n          - subnet-0fedcba9876543210\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in eks::clusters(deployment) {
        if cluster.encryption_unknown || cluster.encrypts_secrets() {
            continue;
        }
        let message = if cluster.encryption.is_empty() {
            "the cluster has no envelope encryption for secrets"
        } else {
            "the encryption configuration does not cover secrets with a KMS key"
        };
        deployment.report(hits, cluster.resource, None, message);
    }
}
