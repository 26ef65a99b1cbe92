//! SNS topics and SQS queues, with the resource policies that say who may use
//! them (`aws_sns_topic_policy`/`aws_sqs_queue_policy`, the `policy` attribute
//! of the topic or queue, `AWS::SNS::TopicPolicy`/`AWS::SQS::QueuePolicy`).

use crate::cloud::aws::policy::{self, PolicyDocument};
use crate::cloud::{Attr, Deployment, Resource};

/// Which service a resource policy governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Sns,
    Sqs,
}

impl Service {
    /// The alias of the key AWS manages for the service (`alias/aws/sns`).
    pub fn aws_managed_key(self) -> &'static str {
        match self {
            Service::Sns => "alias/aws/sns",
            Service::Sqs => "alias/aws/sqs",
        }
    }
}

/// An SNS topic or SQS queue, as its encryption goes.
pub struct Channel<'a> {
    pub resource: &'a Resource,
    pub service: Service,
    pub kms_key: Option<&'a Attr>,
    /// SQS only: SSE-SQS, encryption with keys SQS owns.
    pub sqs_managed_sse: Option<&'a Attr>,
}

impl Channel<'_> {
    /// The KMS key is the one AWS manages for the service, named by its alias.
    pub fn uses_aws_managed_key(&self) -> Option<&Attr> {
        let wanted = self.service.aws_managed_key();
        self.kms_key.filter(|key| {
            key.as_str().is_some_and(|k| k.eq_ignore_ascii_case(wanted) || k.ends_with(&format!(":{wanted}")))
        })
    }
}

pub fn topics(deployment: &Deployment) -> Vec<Channel<'_>> {
    let terraform = deployment.of_kind("aws_sns_topic").map(|r| Channel {
        resource: r,
        service: Service::Sns,
        kms_key: r.get("kms_master_key_id"),
        sqs_managed_sse: None,
    });
    let cloudformation = deployment.of_kind("AWS::SNS::Topic").map(|r| Channel {
        resource: r,
        service: Service::Sns,
        kms_key: r.get("KmsMasterKeyId"),
        sqs_managed_sse: None,
    });
    terraform.chain(cloudformation).collect()
}

pub fn queues(deployment: &Deployment) -> Vec<Channel<'_>> {
    let terraform = deployment.of_kind("aws_sqs_queue").map(|r| Channel {
        resource: r,
        service: Service::Sqs,
        kms_key: r.get("kms_master_key_id"),
        sqs_managed_sse: r.get("sqs_managed_sse_enabled"),
    });
    let cloudformation = deployment.of_kind("AWS::SQS::Queue").map(|r| Channel {
        resource: r,
        service: Service::Sqs,
        kms_key: r.get("KmsMasterKeyId"),
        sqs_managed_sse: r.get("SqsManagedSseEnabled"),
    });
    terraform.chain(cloudformation).collect()
}

/// A topic or queue policy, read.
pub struct ResourcePolicy<'a> {
    pub resource: &'a Resource,
    pub document: PolicyDocument,
}

fn read<'a>(found: &mut Vec<ResourcePolicy<'a>>, resource: &'a Resource, attr: Option<&'a Attr>) {
    if let Some(document) = attr.and_then(policy::parse) {
        found.push(ResourcePolicy { resource, document });
    }
}

pub fn policies(deployment: &Deployment, service: Service) -> Vec<ResourcePolicy<'_>> {
    let (terraform, cloudformation): (&[&str], &[&str]) = match service {
        Service::Sns => (
            &["aws_sns_topic", "aws_sns_topic_policy"],
            &["AWS::SNS::TopicPolicy", "AWS::SNS::TopicInlinePolicy"],
        ),
        Service::Sqs => (
            &["aws_sqs_queue", "aws_sqs_queue_policy"],
            &["AWS::SQS::QueuePolicy", "AWS::SQS::QueueInlinePolicy"],
        ),
    };
    let mut found = Vec::new();
    for resource in deployment.of_kinds(terraform) {
        read(&mut found, resource, resource.get("policy"));
    }
    for resource in deployment.of_kinds(cloudformation) {
        read(&mut found, resource, resource.get("PolicyDocument"));
    }
    found
}
