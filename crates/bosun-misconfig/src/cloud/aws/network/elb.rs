//! Load balancers and their listeners as checks see them: Application, Network
//! and Gateway load balancers (`aws_lb`/`aws_alb`, `AWS::ElasticLoadBalancingV2::LoadBalancer`),
//! Classic ones (`aws_elb`, `AWS::ElasticLoadBalancing::LoadBalancer`), and
//! listeners (`aws_lb_listener`/`aws_alb_listener`, `AWS::ElasticLoadBalancingV2::Listener`).
//! CloudFormation writes the v2 settings as `LoadBalancerAttributes` key/value pairs.

use crate::cloud::{Attr, Deployment, Resource};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LbType {
    Application,
    Network,
    Gateway,
    Classic,
    /// A type not known before apply.
    Unknown,
}

pub struct LoadBalancer<'a> {
    pub resource: &'a Resource,
    pub lb_type: LbType,
    /// `internal` (Terraform) or `Scheme` (CloudFormation), when written.
    pub scheme: Option<&'a Attr>,
    /// Reachable from the internet: `Some(true)` when it is, including by default.
    pub internet_facing: Option<bool>,
    pub drop_invalid_headers: Option<&'a Attr>,
    pub deletion_protection: Option<&'a Attr>,
    /// Access logs: `Some(attr)` is the setting that says whether they are on.
    pub access_logs: AccessLogs<'a>,
    pub desync_mode: Option<&'a Attr>,
}

pub enum AccessLogs<'a> {
    On,
    /// Turned off by this setting.
    Off(&'a Attr),
    /// Not declared at all.
    Absent,
    Unknown,
}

const TF_LB: &[&str] = &["aws_lb", "aws_alb"];
const CFN_LB: &str = "AWS::ElasticLoadBalancingV2::LoadBalancer";

pub fn load_balancers(deployment: &Deployment) -> Vec<LoadBalancer<'_>> {
    let mut out = Vec::new();
    for lb in &deployment.resources {
        out.push(match lb.kind.as_str() {
            "aws_lb" | "aws_alb" => terraform_v2(lb),
            "aws_elb" => terraform_classic(lb),
            CFN_LB => cloudformation_v2(lb),
            "AWS::ElasticLoadBalancing::LoadBalancer" => cloudformation_classic(lb),
            _ => continue,
        });
    }
    out
}

fn lb_type(value: Option<&Attr>) -> LbType {
    match value.map(|v| v.as_str().map(str::to_ascii_lowercase)) {
        None => LbType::Application,
        Some(Some(text)) => match text.as_str() {
            "application" => LbType::Application,
            "network" => LbType::Network,
            "gateway" => LbType::Gateway,
            _ => LbType::Unknown,
        },
        Some(None) => LbType::Unknown,
    }
}

fn terraform_internet_facing(internal: Option<&Attr>) -> Option<bool> {
    match internal {
        None => Some(true),
        Some(attr) => attr.as_bool().map(|internal| !internal),
    }
}

fn terraform_v2(lb: &Resource) -> LoadBalancer<'_> {
    let lb_type = lb_type(lb.get("load_balancer_type"));
    let logs = lb.get("access_logs");
    let access_logs = match logs {
        None => AccessLogs::Absent,
        // `enabled` defaults to true once a bucket is given.
        Some(logs) => match (logs.get("enabled"), logs.get("bucket")) {
            (Some(enabled), _) if enabled.is_false() => AccessLogs::Off(enabled),
            (Some(enabled), _) if enabled.is_true() => AccessLogs::On,
            (None, Some(bucket)) if bucket.is_set() => AccessLogs::On,
            (None, None) => AccessLogs::Off(logs),
            _ => AccessLogs::Unknown,
        },
    };
    LoadBalancer {
        resource: lb,
        lb_type,
        scheme: lb.get("internal"),
        internet_facing: terraform_internet_facing(lb.get("internal")),
        drop_invalid_headers: lb.get("drop_invalid_header_fields"),
        deletion_protection: lb.get("enable_deletion_protection"),
        access_logs,
        desync_mode: lb.get("desync_mitigation_mode"),
    }
}

fn terraform_classic(lb: &Resource) -> LoadBalancer<'_> {
    let access_logs = match lb.get("access_logs") {
        None => AccessLogs::Absent,
        // `enabled` defaults to true.
        Some(logs) => match logs.get("enabled") {
            Some(enabled) if enabled.is_false() => AccessLogs::Off(enabled),
            Some(enabled) if !enabled.is_true() => AccessLogs::Unknown,
            _ => AccessLogs::On,
        },
    };
    LoadBalancer {
        resource: lb,
        lb_type: LbType::Classic,
        scheme: lb.get("internal"),
        internet_facing: terraform_internet_facing(lb.get("internal")),
        drop_invalid_headers: None,
        deletion_protection: None,
        access_logs,
        desync_mode: lb.get("desync_mitigation_mode"),
    }
}

fn cloudformation_internet_facing(scheme: Option<&Attr>) -> Option<bool> {
    match scheme {
        None => Some(true),
        Some(attr) => attr.as_str().map(|s| s.eq_ignore_ascii_case("internet-facing")),
    }
}

/// The `Value` of a `LoadBalancerAttributes` entry, by its `Key`.
/// The value of one `LoadBalancerAttributes` entry. An entry whose key is
/// unknown may be this one: without a known match, the value reads as unknown.
fn lb_attribute<'a>(lb: &'a Resource, key: &str) -> Option<&'a Attr> {
    let keys = || lb.blocks("LoadBalancerAttributes").filter_map(|entry| Some((entry, entry.get("Key")?)));
    keys()
        .filter(|(_, k)| k.as_str() == Some(key))
        .find_map(|(entry, _)| entry.get("Value"))
        .or_else(|| keys().find(|(_, k)| k.is_unknown()).map(|(_, unknown)| unknown))
}

fn cloudformation_v2(lb: &Resource) -> LoadBalancer<'_> {
    let access_logs = match lb_attribute(lb, "access_logs.s3.enabled") {
        None => AccessLogs::Absent,
        Some(enabled) if enabled.is_false() => AccessLogs::Off(enabled),
        Some(enabled) if enabled.is_true() => AccessLogs::On,
        Some(_) => AccessLogs::Unknown,
    };
    LoadBalancer {
        resource: lb,
        lb_type: lb_type(lb.get("Type")),
        scheme: lb.get("Scheme"),
        internet_facing: cloudformation_internet_facing(lb.get("Scheme")),
        drop_invalid_headers: lb_attribute(lb, "routing.http.drop_invalid_header_fields.enabled"),
        deletion_protection: lb_attribute(lb, "deletion_protection.enabled"),
        access_logs,
        desync_mode: lb_attribute(lb, "routing.http.desync_mitigation_mode"),
    }
}

fn cloudformation_classic(lb: &Resource) -> LoadBalancer<'_> {
    let access_logs = match lb.get("AccessLoggingPolicy") {
        None => AccessLogs::Absent,
        Some(policy) => match policy.get("Enabled") {
            Some(enabled) if enabled.is_true() => AccessLogs::On,
            Some(enabled) if enabled.is_false() => AccessLogs::Off(enabled),
            None => AccessLogs::Off(policy),
            Some(_) => AccessLogs::Unknown,
        },
    };
    LoadBalancer {
        resource: lb,
        lb_type: LbType::Classic,
        scheme: lb.get("Scheme"),
        internet_facing: cloudformation_internet_facing(lb.get("Scheme")),
        drop_invalid_headers: None,
        deletion_protection: None,
        access_logs,
        desync_mode: None,
    }
}

pub struct Listener<'a> {
    pub resource: &'a Resource,
    /// The load balancer it listens for, when the deployment declares it.
    pub load_balancer: Option<&'a Resource>,
    /// `protocol` / `Protocol`; `None` when not written.
    pub protocol_attr: Option<&'a Attr>,
    /// The protocol, upper-cased, with Terraform's default (HTTP on an Application
    /// load balancer) applied; `None` when not known.
    pub protocol: Option<String>,
    pub ssl_policy: Option<&'a Attr>,
    /// The default action redirects: `Some(true)` to HTTPS, `Some(false)` elsewhere
    /// (the same protocol), `None` when it does not redirect or the target is unknown.
    pub redirects_to_https: Option<bool>,
    /// The default action is a redirect (whatever its target).
    pub redirects: bool,
}

pub fn listeners(deployment: &Deployment) -> Vec<Listener<'_>> {
    let mut out = Vec::new();
    for listener in deployment.of_kinds(&["aws_lb_listener", "aws_alb_listener"]) {
        let load_balancer =
            listener.get("load_balancer_arn").and_then(|arn| deployment.resolve(arn, TF_LB, &[]));
        let protocol_attr = listener.get("protocol");
        let protocol = match protocol_attr {
            Some(attr) => attr.as_str().map(str::to_ascii_uppercase),
            None => load_balancer
                .filter(|lb| lb_type(lb.get("load_balancer_type")) == LbType::Application)
                .map(|_| "HTTP".to_string()),
        };
        let redirect = default_redirect(listener.blocks("default_action"), "type", "redirect");
        let redirect_protocol = redirect.map(|action| action.path(&["redirect", "protocol"]));
        out.push(Listener {
            resource: listener,
            load_balancer,
            protocol_attr,
            protocol,
            ssl_policy: listener.get("ssl_policy"),
            redirects_to_https: redirect_protocol.and_then(redirect_target),
            redirects: redirect.is_some(),
        });
    }
    for listener in deployment.of_kind("AWS::ElasticLoadBalancingV2::Listener") {
        let load_balancer =
            listener.get("LoadBalancerArn").and_then(|arn| deployment.resolve(arn, &[CFN_LB], &[]));
        let protocol_attr = listener.get("Protocol");
        let redirect = default_redirect(listener.blocks("DefaultActions"), "Type", "RedirectConfig");
        let redirect_protocol = redirect.map(|action| action.path(&["RedirectConfig", "Protocol"]));
        out.push(Listener {
            resource: listener,
            load_balancer,
            protocol_attr,
            protocol: protocol_attr.and_then(Attr::as_str).map(str::to_ascii_uppercase),
            ssl_policy: listener.get("SslPolicy"),
            redirects_to_https: redirect_protocol.and_then(redirect_target),
            redirects: redirect.is_some(),
        });
    }
    out
}

/// The default action that redirects. An action whose type is unknown but
/// that carries a redirect configuration may be the redirect: it counts as
/// one, so that an unknown type never passes for a known non-redirect.
fn default_redirect<'a>(
    mut actions: impl Iterator<Item = &'a Attr>,
    type_key: &str,
    config_key: &str,
) -> Option<&'a Attr> {
    actions.find(|action| match action.get(type_key) {
        Some(kind) if kind.is_unknown() => action.get(config_key).is_some(),
        Some(kind) => kind.as_str().is_some_and(|t| t.eq_ignore_ascii_case("redirect")),
        None => false,
    })
}

/// A redirect's protocol: absent or `#{protocol}` keeps the request's own.
fn redirect_target(protocol: Option<&Attr>) -> Option<bool> {
    match protocol {
        None => Some(false),
        Some(attr) => attr.as_str().map(|p| p.eq_ignore_ascii_case("HTTPS")),
    }
}

/// The oldest TLS version a predefined `ELBSecurityPolicy-*` policy accepts, as
/// `(1, minor)`; `None` for custom policies and names this table does not know.
pub fn policy_min_tls(policy: &str) -> Option<(u8, u8)> {
    let rest = policy.strip_prefix("ELBSecurityPolicy-")?;
    // Policies named after their minimum: TLS-1-2-..., TLS13-1-2-..., FS-1-2-...
    for prefix in ["TLS13-1-", "TLS-1-", "FS-1-"] {
        if let Some(minor) = rest.strip_prefix(prefix).and_then(|r| r.bytes().next()) {
            if minor.is_ascii_digit() {
                return Some((1, minor - b'0'));
            }
        }
    }
    // The older dated policies (2015-05, 2016-08, FS-2018-06) still accept TLS 1.0.
    match rest {
        "2015-05" | "2016-08" | "FS-2018-06" | "2015-03" | "2015-02" | "2014-10" | "2014-01" | "2011-08" => {
            Some((1, 0))
        }
        _ => None,
    }
}
