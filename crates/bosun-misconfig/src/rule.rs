use crate::compose::ComposeService;
use crate::dockerfile::DockerfileView;
use crate::kubernetes::{K8sObject, Workload};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity, Span};

/// A rule: its metadata, declared once, and the check that finds it.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

/// What a check looks at. The engine of each input kind builds these views and
/// calls every enabled check of the matching shape.
pub enum Check {
    /// A parsed Dockerfile.
    Dockerfile(fn(&DockerfileView, &mut Hits)),
    /// One pod spec (of a Pod, Deployment, CronJob, ...).
    Workload(fn(&Workload, &mut Hits)),
    /// One Kubernetes object of any kind (RBAC, Services, ...).
    Object(fn(&K8sObject, &Config, &mut Hits)),
    /// Every Kubernetes object of the scan at once, for cross-document checks.
    Cluster(fn(&[&K8sObject], &mut Hits)),
    /// One docker-compose service.
    ComposeService(fn(&ComposeService, &mut Hits)),
    /// Every resource of one Terraform module tree or CloudFormation stack.
    Cloud(crate::cloud::CloudCheck),
}

impl Rule {
    pub fn domain(&self) -> Domain {
        self.meta.domain
    }
}

/// A problem a check found: where, and what exactly (the message says which
/// container, field or value, so two hits of one rule read differently).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub message: String,
    /// Overrides the engine's resource for this subject (cluster checks use it).
    pub resource: Option<String>,
    /// Overrides the engine's path (cluster checks point into other files).
    pub path: Option<String>,
}

/// Collects what one check finds on one subject.
#[derive(Debug, Default)]
pub struct Hits {
    hits: Vec<Hit>,
}

impl Hits {
    pub fn push(&mut self, span: Span, message: impl Into<String>) {
        self.hits.push(Hit { span, message: message.into(), resource: None, path: None });
    }

    /// For cluster checks: a hit in another file, about another resource.
    pub fn push_at(&mut self, path: &str, resource: &str, span: Span, message: impl Into<String>) {
        self.hits.push(Hit {
            span,
            message: message.into(),
            resource: Some(resource.to_string()),
            path: Some(path.to_string()),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    pub fn take(&mut self) -> Vec<Hit> {
        std::mem::take(&mut self.hits)
    }
}

/// The rules a scan runs, with their effective severities.
pub struct RuleSet {
    pub rules: Vec<(&'static Rule, Severity)>,
}

impl RuleSet {
    pub fn all() -> Self {
        RuleSet { rules: crate::registry::RULES.iter().map(|r| (*r, r.meta.severity)).collect() }
    }

    pub fn only(rule: &'static Rule) -> Self {
        RuleSet { rules: vec![(rule, rule.meta.severity)] }
    }

    /// Infrastructure code needs reading at all: a cloud rule is enabled, or a
    /// Kubernetes rule (infrastructure code declares Kubernetes objects too).
    pub fn reads_infrastructure_code(&self) -> bool {
        self.rules.iter().any(|(r, _)| matches!(r.domain(), Domain::Cloud(_) | Domain::Kubernetes))
    }

    pub fn has_domain(&self, domain: Domain) -> bool {
        self.rules.iter().any(|(r, _)| r.domain() == domain)
    }
}
