//! SageMaker notebook instances (`aws_sagemaker_notebook_instance`,
//! `AWS::SageMaker::NotebookInstance`).

use crate::cloud::aws::storage::switch::Switch;
use crate::cloud::{Attr, Deployment, Resource};

pub struct NotebookInstance<'a> {
    pub resource: &'a Resource,
    /// `Enabled` (the default) or `Disabled`.
    pub direct_internet_access: Switch<'a>,
    /// `Enabled` (the default) or `Disabled`.
    pub root_access: Switch<'a>,
    pub kms_key: Option<&'a Attr>,
    /// The oldest instance metadata service version allowed: `1` (the default) or `2`.
    pub minimum_imds_version: Option<&'a Attr>,
}

pub fn notebook_instances(deployment: &Deployment) -> Vec<NotebookInstance<'_>> {
    let terraform = deployment.of_kind("aws_sagemaker_notebook_instance").map(|r| NotebookInstance {
        resource: r,
        direct_internet_access: Switch::of(r.get("direct_internet_access")),
        root_access: Switch::of(r.get("root_access")),
        kms_key: r.get("kms_key_id"),
        minimum_imds_version: r
            .path(&["instance_metadata_service_configuration", "minimum_instance_metadata_service_version"]),
    });
    let cloudformation = deployment.of_kind("AWS::SageMaker::NotebookInstance").map(|r| NotebookInstance {
        resource: r,
        direct_internet_access: Switch::of(r.get("DirectInternetAccess")),
        root_access: Switch::of(r.get("RootAccess")),
        kms_key: r.get("KmsKeyId"),
        minimum_imds_version: r
            .path(&["InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion"]),
    });
    terraform.chain(cloudformation).collect()
}
