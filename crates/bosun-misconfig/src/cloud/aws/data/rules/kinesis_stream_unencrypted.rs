use crate::cloud::aws::data::streaming;
use crate::cloud::{CloudCheck, Deployment, Examples};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, Provider, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "AMZ237",
        name: "kinesis-stream-unencrypted",
        title: "Kinesis data stream is not encrypted at rest",
        severity: Severity::High,
        domain: Domain::Cloud(Provider::Aws),
        checklist: &["env.misconfig", "env.iac-terraform", "env.iac-cloudformation"],
        aliases: &["AVD-AWS-0064", "aws-kinesis-enable-in-transit-encryption", "CKV_AWS_43"],
        rationale: "Records in a stream are kept for a day or more, and often carry events, logs or personal data. Without server-side encryption with KMS they are stored in clear in the stream's shards.",
        remediation: "Set `encryption_type = \"KMS\"` and `kms_key_id` on the `aws_kinesis_stream` (`StreamEncryption` with `EncryptionType: KMS` on `AWS::Kinesis::Stream`).",
        bad_example: "resource \"aws_kinesis_stream\" \"clicks\" {\n  name             = \"clicks\"\n  shard_count      = 1\n  retention_period = 24\n}\n",
        good_example: "resource \"aws_kinesis_stream\" \"clicks\" {\n  name             = \"clicks\"\n  shard_count      = 1\n  retention_period = 24\n  encryption_type  = \"KMS\"\n  kms_key_id       = \"alias/aws/kinesis\"\n}\n",
    },
    check: Check::Cloud(CloudCheck {
        check,
        cloudformation: Some(Examples {
            bad: "Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n",
            good: "Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n      StreamEncryption:\n        EncryptionType: KMS\n        KeyId: alias/aws/kinesis\n",
        }),
    }),
};

fn check(deployment: &Deployment, hits: &mut Hits) {
    for stream in streaming::kinesis_streams(deployment) {
        match stream.encryption_type {
            None => deployment.report(
                hits,
                stream.resource,
                None,
                "the stream does not enable server-side encryption",
            ),
            Some(attr) if attr.as_str().is_some_and(|t| t.eq_ignore_ascii_case("NONE")) => {
                deployment.report(hits, stream.resource, Some(attr), "the stream's encryption type is NONE")
            }
            _ => {}
        }
    }
}
