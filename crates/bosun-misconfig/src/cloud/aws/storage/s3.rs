//! S3 buckets as checks see them, from `aws_s3_bucket` (with the AWS provider's
//! split resources since v4, such as `aws_s3_bucket_server_side_encryption_configuration`)
//! or `AWS::S3::Bucket`, and their bucket policies (`aws_s3_bucket_policy`,
//! the bucket's own `policy`, `AWS::S3::BucketPolicy`).

use super::switch::Switch;
use crate::cloud::aws::policy::{self, PolicyDocument};
use crate::cloud::{Attr, Deployment, Resource};
use std::collections::HashSet;

pub struct Bucket<'a> {
    pub resource: &'a Resource,
    /// The default encryption algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`).
    pub sse_algorithm: Option<&'a Attr>,
    /// The KMS key of the default encryption (`kms_master_key_id`, `KMSMasterKeyID`).
    pub kms_key: Option<&'a Attr>,
    /// Canned ACLs set on the bucket (`acl`, `aws_s3_bucket_acl.acl`, `AccessControl`).
    pub acls: Vec<&'a Attr>,
    /// ACL grants to the AllUsers and AuthenticatedUsers groups.
    pub grants: Vec<Grant<'a>>,
    /// The bucket's own public access block, when it declares one.
    pub public_access_block: Option<PublicAccessBlock<'a>>,
    /// The account-wide public access block of the deployment (Terraform's
    /// `aws_s3_account_public_access_block`), which covers every bucket.
    pub account_public_access_block: Option<PublicAccessBlock<'a>>,
    pub versioning: Switch<'a>,
    pub mfa_delete: Switch<'a>,
    /// CloudFormation cannot turn MFA delete on: only Terraform buckets are judged on it.
    pub mfa_delete_expressible: bool,
    /// The access logging configuration, when declared.
    pub logging: Option<&'a Attr>,
    /// Another bucket's access logs land here, or its ACL is `log-delivery-write`:
    /// logging it too, or encrypting it with a KMS key, is not expected.
    pub is_log_target: bool,
    /// The policy documents attached to the bucket.
    pub policies: Vec<&'a Attr>,
    /// Object ownership (`BucketOwnerEnforced` turns ACLs off).
    pub object_ownership: Option<&'a Attr>,
    /// Object lock switched on when the bucket is created.
    pub object_lock_enabled: Vec<Switch<'a>>,
    /// An object lock configuration (default retention), when declared.
    pub object_lock_configuration: Option<&'a Attr>,
}

/// The four settings of an S3 public access block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicAccessFlag {
    BlockPublicAcls,
    BlockPublicPolicy,
    IgnorePublicAcls,
    RestrictPublicBuckets,
}

impl PublicAccessFlag {
    pub fn terraform(self) -> &'static str {
        match self {
            PublicAccessFlag::BlockPublicAcls => "block_public_acls",
            PublicAccessFlag::BlockPublicPolicy => "block_public_policy",
            PublicAccessFlag::IgnorePublicAcls => "ignore_public_acls",
            PublicAccessFlag::RestrictPublicBuckets => "restrict_public_buckets",
        }
    }

    pub fn cloudformation(self) -> &'static str {
        match self {
            PublicAccessFlag::BlockPublicAcls => "BlockPublicAcls",
            PublicAccessFlag::BlockPublicPolicy => "BlockPublicPolicy",
            PublicAccessFlag::IgnorePublicAcls => "IgnorePublicAcls",
            PublicAccessFlag::RestrictPublicBuckets => "RestrictPublicBuckets",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct PublicAccessBlock<'a> {
    /// The resource that declares it (the split resource, or the bucket).
    pub resource: &'a Resource,
    /// The block's settings: the split resource's body or `PublicAccessBlockConfiguration`.
    pub body: &'a Attr,
    cloudformation: bool,
}

impl<'a> PublicAccessBlock<'a> {
    pub fn flag(&self, flag: PublicAccessFlag) -> Switch<'a> {
        let key = if self.cloudformation { flag.cloudformation() } else { flag.terraform() };
        Switch::of(self.body.get(key))
    }

    /// The name of a setting as this block's language spells it.
    pub fn key(&self, flag: PublicAccessFlag) -> &'static str {
        if self.cloudformation {
            flag.cloudformation()
        } else {
            flag.terraform()
        }
    }
}

/// The groups an ACL grant can make a bucket public to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    AllUsers,
    AuthenticatedUsers,
}

pub struct Grant<'a> {
    pub at: &'a Attr,
    pub group: Group,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`, upper-cased.
    pub permissions: Vec<String>,
}

/// The canned ACLs, whichever language spells them (`public-read`, `PublicRead`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannedAcl {
    Private,
    PublicRead,
    PublicReadWrite,
    AuthenticatedRead,
    LogDeliveryWrite,
    Other,
}

pub fn canned_acl(attr: &Attr) -> Option<CannedAcl> {
    let text: String = attr.as_str()?.chars().filter(|c| *c != '-').collect::<String>().to_ascii_lowercase();
    Some(match text.as_str() {
        "private" => CannedAcl::Private,
        "publicread" => CannedAcl::PublicRead,
        "publicreadwrite" => CannedAcl::PublicReadWrite,
        "authenticatedread" => CannedAcl::AuthenticatedRead,
        "logdeliverywrite" => CannedAcl::LogDeliveryWrite,
        _ => CannedAcl::Other,
    })
}

impl<'a> Bucket<'a> {
    /// The public access setting is on for this bucket, at bucket or account level.
    pub fn blocks(&self, flag: PublicAccessFlag) -> bool {
        [self.public_access_block, self.account_public_access_block]
            .iter()
            .flatten()
            .any(|block| block.flag(flag).is_on())
    }

    /// Public ACLs are ignored by S3 (`ignore_public_acls`), so an ACL cannot expose it.
    pub fn ignores_public_acls(&self) -> bool {
        self.blocks(PublicAccessFlag::IgnorePublicAcls)
    }

    /// Canned ACLs of one kind, with where they are written.
    pub fn acls_of(&self, wanted: CannedAcl) -> impl Iterator<Item = &'a Attr> + '_ {
        self.acls.iter().copied().filter(move |acl| canned_acl(acl) == Some(wanted))
    }

    /// Grants to `group` giving one of `permissions`.
    pub fn grants_to<'s>(
        &'s self,
        group: Group,
        permissions: &'s [&'s str],
    ) -> impl Iterator<Item = &'s Grant<'a>> + 's {
        self.grants.iter().filter(move |g| {
            g.group == group && g.permissions.iter().any(|p| permissions.contains(&p.as_str()))
        })
    }

    /// The attached policies, read. `None` when one of them cannot be read (a
    /// computed document): then nothing is known of what the policies allow.
    pub fn policy_documents(&self) -> Option<Vec<PolicyDocument>> {
        self.policies.iter().map(|attr| policy::parse(attr)).collect()
    }

    pub fn is_cloudformation(&self) -> bool {
        self.resource.is_cloudformation()
    }
}

/// A bucket policy, wherever it is written, with the bucket it applies to when
/// that bucket is part of the deployment.
pub struct BucketPolicy<'a> {
    /// The resource that declares the policy (the bucket, for the inline `policy`).
    pub resource: &'a Resource,
    pub document: &'a Attr,
    /// S3 refuses or ignores public policies on this bucket (`block_public_policy`
    /// or `restrict_public_buckets`, at bucket or account level).
    pub public_policies_blocked: bool,
}

const TF_BUCKET: &str = "aws_s3_bucket";
const CFN_BUCKET: &str = "AWS::S3::Bucket";
const CFN_POLICY: &str = "AWS::S3::BucketPolicy";
const TF_POLICY: &str = "aws_s3_bucket_policy";
/// How a split resource may name its bucket other than by reference.
const NAME_KEYS: &[&str] = &["bucket", "BucketName"];

pub fn buckets(deployment: &Deployment) -> Vec<Bucket<'_>> {
    let account = account_public_access_block(deployment);
    let terraform = deployment.of_kind(TF_BUCKET).map(|bucket| from_terraform(deployment, bucket));
    let cloudformation = deployment.of_kind(CFN_BUCKET).map(|bucket| from_cloudformation(deployment, bucket));
    let mut buckets: Vec<Bucket> = terraform.chain(cloudformation).collect();
    let targets = log_targets(deployment);
    for bucket in &mut buckets {
        bucket.account_public_access_block = account;
        let log_acl = bucket.acls.iter().any(|acl| canned_acl(acl) == Some(CannedAcl::LogDeliveryWrite));
        bucket.is_log_target = log_acl
            || targets.known.contains(&(bucket.resource as *const Resource))
            || targets.unknown_in.contains(&bucket.resource.kind.as_str())
            || bucket.policy_documents().is_some_and(|documents| {
                documents.iter().flat_map(|d| &d.statements).any(|s| {
                    s.allow
                        && s.principals.iter().any(|p| LOG_DELIVERY.iter().any(|l| p.eq_ignore_ascii_case(l)))
                })
            });
    }
    buckets
}

/// Every bucket policy of the deployment, including those of buckets declared elsewhere.
pub fn bucket_policies(deployment: &Deployment) -> Vec<BucketPolicy<'_>> {
    let buckets = buckets(deployment);
    let blocked = |bucket: Option<&Resource>| {
        let account = account_public_access_block(deployment);
        let flags = [PublicAccessFlag::BlockPublicPolicy, PublicAccessFlag::RestrictPublicBuckets];
        let by_account = account.is_some_and(|block| flags.iter().any(|f| block.flag(*f).is_on()));
        let by_bucket =
            bucket.and_then(|b| buckets.iter().find(|c| std::ptr::eq(c.resource, b))).is_some_and(|b| {
                b.public_access_block.is_some_and(|block| flags.iter().any(|f| block.flag(*f).is_on()))
            });
        by_account || by_bucket
    };
    let mut policies = Vec::new();
    for bucket in deployment.of_kind(TF_BUCKET) {
        if let Some(document) = bucket.get("policy").filter(|p| p.is_set()) {
            policies.push(BucketPolicy {
                resource: bucket,
                document,
                public_policies_blocked: blocked(Some(bucket)),
            });
        }
    }
    for (kind, link, key, bucket_kind) in
        [(TF_POLICY, "bucket", "policy", TF_BUCKET), (CFN_POLICY, "Bucket", "PolicyDocument", CFN_BUCKET)]
    {
        for resource in deployment.of_kind(kind) {
            let Some(document) = resource.get(key) else { continue };
            let bucket = resource.get(link).and_then(|b| deployment.resolve(b, &[bucket_kind], NAME_KEYS));
            policies.push(BucketPolicy { resource, document, public_policies_blocked: blocked(bucket) });
        }
    }
    policies
}

fn account_public_access_block(deployment: &Deployment) -> Option<PublicAccessBlock<'_>> {
    deployment.of_kind("aws_s3_account_public_access_block").next().map(|resource| PublicAccessBlock {
        resource,
        body: &resource.body,
        cloudformation: false,
    })
}

/// The service principals that write access logs into buckets (S3 server access
/// logs, and load balancer logs, which only accept S3-managed encryption).
const LOG_DELIVERY: &[&str] = &[
    "logging.s3.amazonaws.com",
    "delivery.logs.amazonaws.com",
    "logdelivery.elasticloadbalancing.amazonaws.com",
];

/// Buckets that receive another bucket's or a load balancer's access logs.
struct LogTargets {
    known: HashSet<*const Resource>,
    /// Bucket kinds (one per language) whose logs sometimes go to a bucket that
    /// is unknown: any bucket of that kind may be the one receiving them.
    unknown_in: Vec<&'static str>,
}

fn log_targets(deployment: &Deployment) -> LogTargets {
    let mut unknown_in = Vec::new();
    let terraform_targets: Vec<&Attr> = deployment
        .of_kind(TF_BUCKET)
        .flat_map(|bucket| bucket.blocks("logging").filter_map(|logging| logging.get("target_bucket")))
        .chain(deployment.of_kind("aws_s3_bucket_logging").filter_map(|logging| logging.get("target_bucket")))
        .chain(
            deployment
                .of_kinds(&["aws_lb", "aws_alb", "aws_elb"])
                .flat_map(|lb| lb.blocks("access_logs").filter_map(|logs| logs.get("bucket"))),
        )
        .collect();
    let load_balancer_targets = deployment
        .of_kind("AWS::ElasticLoadBalancingV2::LoadBalancer")
        .flat_map(|lb| lb.get("LoadBalancerAttributes").map(Attr::items).unwrap_or_default())
        .filter(|attribute| attribute.get("Key").and_then(Attr::as_str) == Some("access_logs.s3.bucket"))
        .filter_map(|attribute| attribute.get("Value"));
    let cloudformation_targets = deployment
        .of_kind(CFN_BUCKET)
        .filter_map(|bucket| bucket.path(&["LoggingConfiguration", "DestinationBucketName"]))
        .chain(load_balancer_targets)
        .chain(
            deployment
                .of_kind("AWS::ElasticLoadBalancing::LoadBalancer")
                .filter_map(|lb| lb.path(&["AccessLoggingPolicy", "S3BucketName"])),
        )
        .collect();
    let mut known = HashSet::new();
    for (targets, kind) in [(terraform_targets, TF_BUCKET), (cloudformation_targets, CFN_BUCKET)] {
        if targets.iter().any(|t| t.is_unknown()) {
            unknown_in.push(kind);
        }
        let resolved = targets.iter().filter_map(|t| deployment.resolve(t, &[kind], NAME_KEYS));
        known.extend(resolved.map(|r| r as *const Resource));
    }
    LogTargets { known, unknown_in }
}

fn attached<'a>(deployment: &'a Deployment, kind: &'a str, bucket: &'a Resource) -> Vec<&'a Resource> {
    deployment.attached(kind, "bucket", bucket, NAME_KEYS).collect()
}

fn from_terraform<'a>(deployment: &'a Deployment, bucket: &'a Resource) -> Bucket<'a> {
    const RULE: &[&str] = &["rule", "apply_server_side_encryption_by_default"];
    let inline_sse = bucket.path(&[&["server_side_encryption_configuration"], RULE].concat());
    let split_sse = attached(deployment, "aws_s3_bucket_server_side_encryption_configuration", bucket)
        .into_iter()
        .find_map(|config| config.path(RULE));
    let sse = inline_sse.or(split_sse);

    let acl_resources = attached(deployment, "aws_s3_bucket_acl", bucket);
    let mut acls: Vec<&Attr> = bucket.get("acl").into_iter().collect();
    acls.extend(acl_resources.iter().filter_map(|r| r.get("acl")));
    let mut grants: Vec<Grant> = bucket
        .blocks("grant")
        .filter_map(|grant| {
            let group = group_of(grant.get("uri")?)?;
            let permissions = grant.get("permissions").map(upper_strings).unwrap_or_default();
            Some(Grant { at: grant, group, permissions })
        })
        .collect();
    for resource in &acl_resources {
        for policy in resource.blocks("access_control_policy") {
            for grant in policy.blocks("grant") {
                let Some(group) = grant.path(&["grantee", "uri"]).and_then(group_of) else { continue };
                let permissions = grant.get("permission").map(upper_strings).unwrap_or_default();
                grants.push(Grant { at: grant, group, permissions });
            }
        }
    }

    let public_access_block = attached(deployment, "aws_s3_bucket_public_access_block", bucket)
        .first()
        .map(|resource| PublicAccessBlock { resource, body: &resource.body, cloudformation: false });

    let split_versioning = attached(deployment, "aws_s3_bucket_versioning", bucket)
        .into_iter()
        .find_map(|r| r.get("versioning_configuration"));
    let (versioning, mfa_delete) = match (split_versioning, bucket.get("versioning")) {
        (Some(config), _) => (Switch::of(config.get("status")), Switch::of(config.get("mfa_delete"))),
        (None, Some(inline)) => {
            // An inline block without `enabled` leaves versioning off.
            let enabled = inline.get("enabled");
            let versioning = if enabled.is_none() && !inline.is_unknown() {
                Switch::Off(inline)
            } else {
                Switch::of(enabled)
            };
            (versioning, Switch::of(inline.get("mfa_delete")))
        }
        (None, None) => (Switch::Absent, Switch::Absent),
    };

    let logging = bucket
        .get("logging")
        .filter(|l| l.is_set())
        .or_else(|| attached(deployment, "aws_s3_bucket_logging", bucket).first().map(|r| &r.body));

    let mut policies: Vec<&Attr> = bucket.get("policy").filter(|p| p.is_set()).into_iter().collect();
    policies.extend(attached(deployment, TF_POLICY, bucket).iter().filter_map(|r| r.get("policy")));

    let object_ownership = attached(deployment, "aws_s3_bucket_ownership_controls", bucket)
        .into_iter()
        .find_map(|r| r.path(&["rule", "object_ownership"]));

    let inline_lock = bucket.get("object_lock_configuration").filter(|c| c.is_set());
    let split_lock =
        attached(deployment, "aws_s3_bucket_object_lock_configuration", bucket).first().map(|r| &r.body);
    let mut object_lock_enabled = vec![Switch::of(bucket.get("object_lock_enabled"))];
    object_lock_enabled.extend(
        [inline_lock, split_lock].into_iter().flatten().map(|c| Switch::of(c.get("object_lock_enabled"))),
    );

    Bucket {
        resource: bucket,
        sse_algorithm: sse.and_then(|s| s.get("sse_algorithm")),
        kms_key: sse.and_then(|s| s.get("kms_master_key_id")),
        acls,
        grants,
        public_access_block,
        account_public_access_block: None,
        versioning,
        mfa_delete,
        mfa_delete_expressible: true,
        logging,
        is_log_target: false,
        policies,
        object_ownership,
        object_lock_enabled,
        object_lock_configuration: inline_lock.or(split_lock),
    }
}

fn from_cloudformation<'a>(deployment: &'a Deployment, bucket: &'a Resource) -> Bucket<'a> {
    let rules = bucket.path(&["BucketEncryption", "ServerSideEncryptionConfiguration"]);
    let sse = rules
        .and_then(|rules| rules.items().iter().find_map(|rule| rule.get("ServerSideEncryptionByDefault")));
    let policies = deployment
        .attached(CFN_POLICY, "Bucket", bucket, NAME_KEYS)
        .filter_map(|policy| policy.get("PolicyDocument"))
        .collect();
    let object_lock_configuration = bucket.get("ObjectLockConfiguration");
    let object_lock_enabled =
        [bucket.get("ObjectLockEnabled"), object_lock_configuration.and_then(|c| c.get("ObjectLockEnabled"))]
            .into_iter()
            .map(Switch::of)
            .collect();
    Bucket {
        resource: bucket,
        sse_algorithm: sse.and_then(|s| s.get("SSEAlgorithm")),
        kms_key: sse.and_then(|s| s.get("KMSMasterKeyID")),
        acls: bucket.get("AccessControl").into_iter().collect(),
        grants: Vec::new(),
        public_access_block: bucket.get("PublicAccessBlockConfiguration").map(|body| PublicAccessBlock {
            resource: bucket,
            body,
            cloudformation: true,
        }),
        account_public_access_block: None,
        versioning: Switch::of(bucket.path(&["VersioningConfiguration", "Status"])),
        mfa_delete: Switch::Absent,
        mfa_delete_expressible: false,
        logging: bucket.get("LoggingConfiguration"),
        is_log_target: false,
        policies,
        object_ownership: bucket
            .path(&["OwnershipControls", "Rules"])
            .and_then(|rules| rules.items().iter().find_map(|rule| rule.get("ObjectOwnership"))),
        object_lock_enabled,
        object_lock_configuration,
    }
}

fn group_of(uri: &Attr) -> Option<Group> {
    let uri = uri.as_str()?;
    if uri.ends_with("/global/AllUsers") {
        Some(Group::AllUsers)
    } else if uri.ends_with("/global/AuthenticatedUsers") {
        Some(Group::AuthenticatedUsers)
    } else {
        None
    }
}

fn upper_strings(attr: &Attr) -> Vec<String> {
    attr.strings().into_iter().map(str::to_ascii_uppercase).collect()
}
