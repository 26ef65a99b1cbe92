//! S3 buckets as checks see them, from `aws_s3_bucket` (with the AWS provider's
//! split resources since v4, such as `aws_s3_bucket_server_side_encryption_configuration`)
//! or `AWS::S3::Bucket`.

use crate::cloud::{Attr, Deployment, Resource};

pub struct Bucket<'a> {
    pub resource: &'a Resource,
    /// The default encryption algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`).
    pub sse_algorithm: Option<&'a Attr>,
}

const TF_BUCKET: &str = "aws_s3_bucket";
const CFN_BUCKET: &str = "AWS::S3::Bucket";
/// How a split resource may name its bucket other than by reference.
const NAME_KEYS: &[&str] = &["bucket"];

pub fn buckets(deployment: &Deployment) -> Vec<Bucket<'_>> {
    let terraform = deployment.of_kind(TF_BUCKET).map(|bucket| from_terraform(deployment, bucket));
    let cloudformation = deployment.of_kind(CFN_BUCKET).map(from_cloudformation);
    terraform.chain(cloudformation).collect()
}

fn from_terraform<'a>(deployment: &'a Deployment, bucket: &'a Resource) -> Bucket<'a> {
    const RULE: &[&str] = &["rule", "apply_server_side_encryption_by_default", "sse_algorithm"];
    let inline = bucket.path(&[&["server_side_encryption_configuration"], RULE].concat());
    let split = deployment
        .attached("aws_s3_bucket_server_side_encryption_configuration", "bucket", bucket, NAME_KEYS)
        .find_map(|config| config.path(RULE));
    Bucket { resource: bucket, sse_algorithm: inline.or(split) }
}

fn from_cloudformation(bucket: &Resource) -> Bucket<'_> {
    let rules = bucket.path(&["BucketEncryption", "ServerSideEncryptionConfiguration"]);
    let sse_algorithm = rules.and_then(|rules| {
        rules.items().iter().find_map(|rule| rule.path(&["ServerSideEncryptionByDefault", "SSEAlgorithm"]))
    });
    Bucket { resource: bucket, sse_algorithm }
}
