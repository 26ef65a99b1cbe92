use crate::cloud::aws::data::streaming;
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ234",
        name: "msk-plaintext-allowed",
        title: "MSK cluster accepts unencrypted client or broker traffic",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0073", "aws-msk-enable-in-transit-encryption", "CKV_AWS_81"],
        rationale: "With `PLAINTEXT` or `TLS_PLAINTEXT`, producers and consumers may send and read messages in clear text, and with in-cluster encryption off, replication between brokers is in clear too. Anyone on the network path can read or inject events.",
        remediation: "Set `client_broker = \"TLS\"` and keep `in_cluster = true` in `encryption_info.encryption_in_transit` of the `aws_msk_cluster` (`EncryptionInfo.EncryptionInTransit` in CloudFormation).",
        bad_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n  encryption_info {\n    encryption_in_transit {\n      client_broker = \"TLS_PLAINTEXT\"\n    }\n  }\n}\n",
        good_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n  encryption_info {\n    encryption_in_transit {\n      client_broker = \"TLS\"\n      in_cluster    = true\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n      EncryptionInfo:\n        EncryptionInTransit:\n          ClientBroker: PLAINTEXT\n          InCluster: false\n",
            good: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n      EncryptionInfo:\n        EncryptionInTransit:\n          ClientBroker: TLS\n          InCluster: true\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in streaming::msk_clusters(deployment) {
        if let Some(attr) = cluster.plaintext_clients() {
            deployment.report(
                hits,
                cluster.resource,
                Some(attr),
                format!(
                    "clients may talk to the brokers without TLS ({})",
                    attr.as_str().unwrap_or_default()
                ),
            );
        }
        if let Switch::Off(attr) = cluster.in_cluster {
            deployment.report(hits, cluster.resource, Some(attr), "traffic between brokers is not encrypted");
        }
    }
}
