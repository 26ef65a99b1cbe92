//! What the adapters produce and every cloud check reads: the resources one
//! Terraform root module (with its modules) or one CloudFormation stack declares.

use super::value::{Attr, Value};
use crate::rule::Hits;
use bosun_core::Span;
use std::sync::OnceLock;

/// The language a resource was declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Terraform,
    /// `terraform show -json` output: values are the planned ones.
    TerraformPlan,
    CloudFormation,
}

/// One resource instance, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub lang: Lang,
    /// The resource type as its language spells it: `aws_s3_bucket`, `AWS::S3::Bucket`.
    pub kind: String,
    /// Where users find it: `module.logs.aws_s3_bucket.this[0]`, or a CloudFormation logical id.
    pub address: String,
    /// The resource block (Terraform) or the resource entry (CloudFormation).
    pub span: Span,
    pub file: u32,
    /// Terraform: the block's attributes and nested blocks. CloudFormation: `Properties`.
    pub body: Attr,
}

impl Resource {
    pub fn get(&self, key: &str) -> Option<&Attr> {
        self.body.get(key)
    }

    pub fn path(&self, keys: &[&str]) -> Option<&Attr> {
        self.body.path(keys)
    }

    pub fn blocks<'a>(&'a self, key: &str) -> impl Iterator<Item = &'a Attr> + 'a {
        self.body.blocks(key)
    }

    pub fn is_cloudformation(&self) -> bool {
        self.lang == Lang::CloudFormation
    }

    /// The address without instance keys: `aws_s3_bucket.logs[0]` → `aws_s3_bucket.logs`.
    pub fn base_address(&self) -> &str {
        base_address(&self.address)
    }
}

/// `a.b[0]` and `a.b["x"]` → `a.b`.
pub fn base_address(address: &str) -> &str {
    match address.rfind('[') {
        Some(open) if address.ends_with(']') => &address[..open],
        _ => address,
    }
}

/// Everything a set of files declares, as one unit of deployment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deployment {
    /// Display paths; [`Attr::file`] and [`Resource::file`] index into this.
    pub files: Vec<String>,
    pub resources: Vec<Resource>,
    /// Each resource with everything in it unknown, made on first use by
    /// [`Deployment::attached`] (same order as `resources`).
    unknown_twins: OnceLock<Vec<Resource>>,
}

impl Deployment {
    /// An empty deployment of these files.
    pub fn new(files: Vec<String>) -> Self {
        Deployment { files, ..Deployment::default() }
    }

    /// Resources of one type (`aws_s3_bucket` or `AWS::S3::Bucket`).
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources.iter().filter(move |r| r.kind == kind)
    }

    /// Resources of any of the given types.
    pub fn of_kinds<'a>(&'a self, kinds: &'a [&'a str]) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources.iter().filter(move |r| kinds.contains(&r.kind.as_str()))
    }

    pub fn path_of(&self, file: u32) -> &str {
        self.files.get(file as usize).map(String::as_str).unwrap_or("")
    }

    /// The resource a value points at: a reference by address, or a literal equal
    /// to the target's own name attribute (`bucket = "my-logs"` names the bucket
    /// whose `bucket` is `"my-logs"`).
    pub fn resolve<'a>(&'a self, value: &Attr, kinds: &[&str], name_keys: &[&str]) -> Option<&'a Resource> {
        let candidates = || self.resources.iter().filter(|r| kinds.contains(&r.kind.as_str()));
        match &value.value {
            Value::Reference(address) => {
                let wanted = base_address(address);
                candidates().find(|r| r.address == *address || r.base_address() == wanted)
            }
            Value::String(name) if !name.is_empty() => candidates().find(|r| {
                name_keys.iter().any(|key| r.get(key).and_then(Attr::as_str) == Some(name.as_str()))
            }),
            _ => None,
        }
    }

    /// Resources of `kind` whose attribute `link` points at `target` (see
    /// [`Deployment::resolve`]): the AWS provider's split resources, such as an
    /// `aws_s3_bucket_versioning` whose `bucket` names a bucket.
    ///
    /// One whose link is unknown (`bucket = var.name`, a conditional on an
    /// unknown value) may configure `target` or not: it comes as a twin whose
    /// every setting is unknown, so that what it might set reads as unknown —
    /// neither as the target's setting nor as a missing one.
    pub fn attached<'a>(
        &'a self,
        kind: &'a str,
        link: &'a str,
        target: &'a Resource,
        name_keys: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Resource> + 'a {
        self.resources.iter().enumerate().filter(move |(_, r)| r.kind == kind).filter_map(move |(i, r)| {
            let value = r.get(link)?;
            if value.is_unknown() {
                return self.unknown_twins().get(i);
            }
            (self.resolve(value, &[target.kind.as_str()], name_keys) == Some(target)).then_some(r)
        })
    }

    fn unknown_twins(&self) -> &[Resource] {
        self.unknown_twins.get_or_init(|| {
            self.resources
                .iter()
                .map(|r| Resource { body: Attr::unknown(r.span, r.file), ..r.clone() })
                .collect()
        })
    }

    /// Reports a problem with `resource` at the value that is wrong, or at the
    /// resource block when a safe setting is missing (`at` is `None`).
    pub fn report(
        &self,
        hits: &mut Hits,
        resource: &Resource,
        at: Option<&Attr>,
        message: impl Into<String>,
    ) {
        let (file, span) = match at {
            Some(attr) => (attr.file, attr.span),
            None => (resource.file, resource.span),
        };
        hits.push_at(self.path_of(file), &resource.address, span, message);
    }
}
