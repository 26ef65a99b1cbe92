//! Streaming services as checks see them: MSK clusters (`aws_msk_cluster`,
//! `AWS::MSK::Cluster`) and Kinesis data streams (`aws_kinesis_stream`,
//! `AWS::Kinesis::Stream`).

use super::checks::{at, switch_at};
use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct MskCluster<'a> {
    pub resource: &'a Resource,
    /// `TLS` (the default), `TLS_PLAINTEXT` or `PLAINTEXT`.
    pub client_broker: Option<&'a Attr>,
    /// Encryption between brokers (on by default).
    pub in_cluster: Switch<'a>,
    /// The KMS key of the data volumes; without it MSK uses an AWS managed key.
    pub kms_key: Option<&'a Attr>,
    /// Broker log delivery to CloudWatch Logs, Firehose and S3.
    pub broker_logs: [Switch<'a>; 3],
}

impl MskCluster<'_> {
    /// Whether broker logs go anywhere; `None` when bosun cannot tell.
    pub fn logs_delivered(&self) -> Option<bool> {
        if self.broker_logs.iter().any(Switch::is_on) {
            Some(true)
        } else if self.broker_logs.iter().any(Switch::is_unknown) {
            None
        } else {
            Some(false)
        }
    }

    /// The client-broker setting, when it lets clients talk in clear text.
    pub fn plaintext_clients(&self) -> Option<&Attr> {
        self.client_broker
            .filter(|c| c.as_str().is_some_and(|c| c.to_ascii_uppercase().contains("PLAINTEXT")))
    }
}

pub struct KinesisStream<'a> {
    pub resource: &'a Resource,
    /// `KMS` or `NONE`; absent means no encryption.
    pub encryption_type: Option<&'a Attr>,
}

pub fn msk_clusters(deployment: &Deployment) -> Vec<MskCluster<'_>> {
    let terraform = deployment.of_kind("aws_msk_cluster").map(|r| {
        let logs = |sink: &str| switch_at(&r.body, &["logging_info", "broker_logs", sink, "enabled"]);
        MskCluster {
            resource: r,
            client_broker: at(&r.body, &["encryption_info", "encryption_in_transit", "client_broker"])
                .filter(|a| !a.is_null()),
            in_cluster: switch_at(&r.body, &["encryption_info", "encryption_in_transit", "in_cluster"]),
            kms_key: at(&r.body, &["encryption_info", "encryption_at_rest_kms_key_arn"])
                .filter(|k| !k.is_null()),
            broker_logs: [logs("cloudwatch_logs"), logs("firehose"), logs("s3")],
        }
    });
    let cloudformation = deployment.of_kind("AWS::MSK::Cluster").map(|r| {
        let logs = |sink: &str| switch_at(&r.body, &["LoggingInfo", "BrokerLogs", sink, "Enabled"]);
        MskCluster {
            resource: r,
            client_broker: at(&r.body, &["EncryptionInfo", "EncryptionInTransit", "ClientBroker"])
                .filter(|a| !a.is_null()),
            in_cluster: switch_at(&r.body, &["EncryptionInfo", "EncryptionInTransit", "InCluster"]),
            kms_key: at(&r.body, &["EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId"])
                .filter(|k| !k.is_null()),
            broker_logs: [logs("CloudWatchLogs"), logs("Firehose"), logs("S3")],
        }
    });
    terraform.chain(cloudformation).collect()
}

pub fn kinesis_streams(deployment: &Deployment) -> Vec<KinesisStream<'_>> {
    let terraform = deployment.of_kind("aws_kinesis_stream").map(|r| KinesisStream {
        resource: r,
        encryption_type: r.get("encryption_type").filter(|a| !a.is_null()),
    });
    let cloudformation = deployment.of_kind("AWS::Kinesis::Stream").map(|r| KinesisStream {
        resource: r,
        encryption_type: at(&r.body, &["StreamEncryption", "EncryptionType"]).filter(|a| !a.is_null()),
    });
    terraform.chain(cloudformation).collect()
}
