//! BigQuery datasets (`google_bigquery_dataset`): their inline `access` blocks, the
//! separate `google_bigquery_dataset_access` resources and the dataset IAM grants.

use super::iam::{self, Grant};
use crate::cloud::{Attr, Deployment, Resource};

pub struct Dataset<'a> {
    pub resource: &'a Resource,
    /// `default_encryption_configuration.kms_key_name`.
    pub kms_key: Option<&'a Attr>,
}

pub fn datasets(deployment: &Deployment) -> Vec<Dataset<'_>> {
    deployment
        .of_kind("google_bigquery_dataset")
        .map(|dataset| Dataset {
            resource: dataset,
            kms_key: dataset.path(&["default_encryption_configuration", "kms_key_name"]),
        })
        .collect()
}

/// One access entry: an `access` block of a dataset, or a `google_bigquery_dataset_access`.
pub struct Access<'a> {
    pub resource: &'a Resource,
    pub entry: &'a Attr,
}

impl<'a> Access<'a> {
    /// The value that opens the dataset to everyone, if this entry does: `special_group =
    /// "allAuthenticatedUsers"` or `iam_member = "allUsers"`.
    pub fn public_member(&self) -> Option<&'a Attr> {
        ["special_group", "iam_member"].iter().find_map(|key| {
            self.entry.get(key).filter(|value| value.as_str().is_some_and(iam::is_public_member))
        })
    }
}

pub fn access_entries(deployment: &Deployment) -> Vec<Access<'_>> {
    let inline = deployment
        .of_kind("google_bigquery_dataset")
        .flat_map(|dataset| dataset.blocks("access").map(move |entry| Access { resource: dataset, entry }));
    let split = deployment
        .of_kind("google_bigquery_dataset_access")
        .map(|access| Access { resource: access, entry: &access.body });
    inline.chain(split).collect()
}

/// Grants on datasets (`google_bigquery_dataset_iam_member` and `_binding`).
pub fn dataset_grants(deployment: &Deployment) -> Vec<Grant<'_>> {
    iam::grants(deployment, &["google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"])
}
