use crate::cloud::aws::data::streaming;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ235",
        name: "msk-broker-logging-disabled",
        title: "MSK cluster does not deliver broker logs",
        severity: Severity::Medium,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation", "env.audit-logging"],
        aliases: &["AVD-AWS-0074", "aws-msk-enable-logging", "CKV_AWS_80"],
        rationale: "Broker logs record authentication failures, authorisation denials and broker errors. Unless they are delivered to CloudWatch Logs, Firehose or S3 they cannot be searched, alarmed on or kept.",
        remediation: "Enable one of `cloudwatch_logs`, `firehose` or `s3` under `logging_info.broker_logs` of the `aws_msk_cluster` (`LoggingInfo.BrokerLogs` in CloudFormation).",
        bad_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
        good_example: "resource \"aws_msk_cluster\" \"events\" {\n  cluster_name           = \"events\"\n  kafka_version          = \"3.6.0\"\n  number_of_broker_nodes = 3\n  broker_node_group_info {\n    instance_type   = \"kafka.m5.large\"\n    client_subnets  = [\"subnet-a\", \"subnet-b\", \"subnet-c\"]\n    security_groups = [\"sg-0123456789abcdef0\"]\n  }\n  logging_info {\n    broker_logs {\n      cloudwatch_logs {\n        enabled   = true\n        log_group = \"msk-events\"\n      }\n    }\n  }\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n      LoggingInfo:\n        BrokerLogs:\n          S3:\n            Enabled: false\n",
            good: "Resources:\n  Events:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: events\n      KafkaVersion: 3.6.0\n      NumberOfBrokerNodes: 3\n      BrokerNodeGroupInfo:\n        InstanceType: kafka.m5.large\n        ClientSubnets:\n          - subnet-a\n          - subnet-b\n          - subnet-c\n      LoggingInfo:\n        BrokerLogs:\n          CloudWatchLogs:\n            Enabled: true\n            LogGroup: msk-events\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for cluster in streaming::msk_clusters(deployment) {
        if cluster.logs_delivered() == Some(false) {
            deployment.report(
                hits,
                cluster.resource,
                None,
                "broker logs are delivered to neither CloudWatch Logs, Firehose nor S3",
            );
        }
    }
}
