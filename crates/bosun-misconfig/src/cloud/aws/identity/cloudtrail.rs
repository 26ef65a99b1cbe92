//! CloudTrail trails, from `aws_cloudtrail` or `AWS::CloudTrail::Trail`.

use crate::cloud::{Attr, Deployment, Resource};

pub struct Trail<'a> {
    pub resource: &'a Resource,
    /// Records every region (off unless set).
    pub multi_region: Option<&'a Attr>,
    /// Writes digest files to prove log files unchanged (off unless set).
    pub log_validation: Option<&'a Attr>,
    /// The KMS key encrypting log files (SSE-S3 when absent).
    pub kms_key: Option<&'a Attr>,
    /// The CloudWatch Logs log group events are also sent to.
    pub cloudwatch_log_group: Option<&'a Attr>,
    /// Whether the trail records at all (Terraform defaults to true; required in CloudFormation).
    pub logging: Option<&'a Attr>,
}

pub fn trails(deployment: &Deployment) -> Vec<Trail<'_>> {
    let terraform = deployment.of_kind("aws_cloudtrail").map(|r| Trail {
        resource: r,
        multi_region: r.get("is_multi_region_trail"),
        log_validation: r.get("enable_log_file_validation"),
        kms_key: r.get("kms_key_id"),
        cloudwatch_log_group: r.get("cloud_watch_logs_group_arn"),
        logging: r.get("enable_logging"),
    });
    let cloudformation = deployment.of_kind("AWS::CloudTrail::Trail").map(|r| Trail {
        resource: r,
        multi_region: r.get("IsMultiRegionTrail"),
        log_validation: r.get("EnableLogFileValidation"),
        kms_key: r.get("KMSKeyId"),
        cloudwatch_log_group: r.get("CloudWatchLogsLogGroupArn"),
        logging: r.get("IsLogging"),
    });
    terraform.chain(cloudformation).collect()
}
