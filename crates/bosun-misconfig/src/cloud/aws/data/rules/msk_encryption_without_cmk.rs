use crate::cloud::aws::data::streaming;
use crate::cloud::aws::storage::switch::names_customer_key;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ236",
        name: "msk-encryption-without-cmk",
        title: "MSK cluster data is not encrypted with a customer managed key",
        severity: Severity::Low,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &[],
        rationale: "MSK always encrypts broker volumes, by default with the AWS managed `aws/kafka` key. A customer managed key lets a key policy decide who may decrypt the stored messages and can be disabled to cut access.",
        remediation: "Set `encryption_at_rest_kms_key_arn` in `encryption_info` of the `aws_msk_cluster` (`EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId` in CloudFormation).",
        bad_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
        good_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n  encryption_info {\n    encryption_at_rest_kms_key_arn = \"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n",
            good: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n      EncryptionInfo:\n        EncryptionAtRest:\n          DataVolumeKMSKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in streaming::msk_clusters(deployment) {
        if !names_customer_key(cluster.kms_key) {
            deployment.report(
                hits,
                cluster.resource,
                cluster.kms_key,
                "broker volumes are encrypted with the AWS managed aws/kafka key, not a customer managed key",
            );
        }
    }
}
