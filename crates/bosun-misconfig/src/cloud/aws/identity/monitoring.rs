//! Account monitoring: AWS Config recorders and aggregators, GuardDuty
//! detectors, and CloudWatch Logs log groups.

use crate::cloud::{Attr, Deployment, Resource};

/// A Config configuration recorder.
pub struct Recorder<'a> {
    pub resource: &'a Resource,
    /// Records every supported resource type (the default when no recording group is given).
    pub all_supported: Option<&'a Attr>,
    /// Also records global resources such as IAM (off unless set).
    pub include_global: Option<&'a Attr>,
}

pub fn recorders(deployment: &Deployment) -> Vec<Recorder<'_>> {
    let terraform = deployment.of_kind("aws_config_configuration_recorder").map(|r| Recorder {
        resource: r,
        all_supported: r.path(&["recording_group", "all_supported"]),
        include_global: r.path(&["recording_group", "include_global_resource_types"]),
    });
    let cloudformation = deployment.of_kind("AWS::Config::ConfigurationRecorder").map(|r| Recorder {
        resource: r,
        all_supported: r.path(&["RecordingGroup", "AllSupported"]),
        include_global: r.path(&["RecordingGroup", "IncludeGlobalResourceTypes"]),
    });
    terraform.chain(cloudformation).collect()
}

/// Whether a recorder runs (`aws_config_configuration_recorder_status`; a
/// CloudFormation recorder starts when created).
pub struct RecorderStatus<'a> {
    pub resource: &'a Resource,
    pub enabled: Option<&'a Attr>,
}

pub fn recorder_statuses(deployment: &Deployment) -> Vec<RecorderStatus<'_>> {
    deployment
        .of_kind("aws_config_configuration_recorder_status")
        .map(|r| RecorderStatus { resource: r, enabled: r.get("is_enabled") })
        .collect()
}

/// One source of a Config aggregator: some accounts, or an organization.
pub struct AggregationSource<'a> {
    pub block: &'a Attr,
    /// Aggregates every current and future region.
    pub all_regions: Option<&'a Attr>,
}

pub struct Aggregator<'a> {
    pub resource: &'a Resource,
    pub sources: Vec<AggregationSource<'a>>,
}

pub fn aggregators(deployment: &Deployment) -> Vec<Aggregator<'_>> {
    let terraform = deployment.of_kind("aws_config_configuration_aggregator").map(|r| {
        let blocks =
            r.blocks("account_aggregation_source").chain(r.blocks("organization_aggregation_source"));
        let sources =
            blocks.map(|block| AggregationSource { block, all_regions: block.get("all_regions") }).collect();
        Aggregator { resource: r, sources }
    });
    let cloudformation = deployment.of_kind("AWS::Config::ConfigurationAggregator").map(|r| {
        let blocks = r.blocks("AccountAggregationSources").chain(r.blocks("OrganizationAggregationSource"));
        let sources = blocks
            .map(|block| AggregationSource { block, all_regions: block.get("AllAwsRegions") })
            .collect();
        Aggregator { resource: r, sources }
    });
    terraform.chain(cloudformation).collect()
}

/// A GuardDuty detector.
pub struct Detector<'a> {
    pub resource: &'a Resource,
    /// On unless set false (required in CloudFormation).
    pub enable: Option<&'a Attr>,
}

pub fn detectors(deployment: &Deployment) -> Vec<Detector<'_>> {
    let terraform = deployment
        .of_kind("aws_guardduty_detector")
        .map(|r| Detector { resource: r, enable: r.get("enable") });
    let cloudformation = deployment
        .of_kind("AWS::GuardDuty::Detector")
        .map(|r| Detector { resource: r, enable: r.get("Enable") });
    terraform.chain(cloudformation).collect()
}

/// A CloudWatch Logs log group.
pub struct LogGroup<'a> {
    pub resource: &'a Resource,
    pub kms_key: Option<&'a Attr>,
    /// Days kept; absent (or 0 in Terraform) keeps events forever.
    pub retention_days: Option<&'a Attr>,
}

pub fn log_groups(deployment: &Deployment) -> Vec<LogGroup<'_>> {
    let terraform = deployment.of_kind("aws_cloudwatch_log_group").map(|r| LogGroup {
        resource: r,
        kms_key: r.get("kms_key_id"),
        retention_days: r.get("retention_in_days"),
    });
    let cloudformation = deployment.of_kind("AWS::Logs::LogGroup").map(|r| LogGroup {
        resource: r,
        kms_key: r.get("KmsKeyId"),
        retention_days: r.get("RetentionInDays"),
    });
    terraform.chain(cloudformation).collect()
}
