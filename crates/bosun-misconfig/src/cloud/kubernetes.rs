//! Kubernetes objects that infrastructure code declares — the Terraform
//! kubernetes provider's resources and `kubernetes_manifest`, CloudFormation's
//! `AWSQS::Kubernetes::Resource` manifests — rebuilt as the objects they create,
//! so that the Kubernetes rules check them like any manifest.

use super::deployment::{Deployment, Resource};
use super::value::{Attr, Value};
use crate::kubernetes::K8sObject;
use bosun_syntax::yaml::{self, Node};
use bosun_syntax::Span;
use std::sync::Arc;

/// The objects of a deployment, each pointing into the file that declared it.
pub fn objects(deployment: &Deployment, texts: &[Option<&str>]) -> Vec<K8sObject> {
    let mut objects = Vec::new();
    for resource in &deployment.resources {
        let path = deployment.path_of(resource.file);
        let text: Arc<str> = Arc::from(texts.get(resource.file as usize).copied().flatten().unwrap_or(""));
        if resource.kind == "kubernetes_manifest" {
            if let Some(manifest) = resource.get("manifest") {
                K8sObject::from_document(path, verbatim(manifest), &text, &mut objects);
            }
        } else if resource.kind == "AWSQS::Kubernetes::Resource" {
            objects.extend(embedded_manifest(resource, path, &text));
        } else if let Some((api_version, kind)) = terraform_kind(&resource.kind) {
            let mut root = from_schema(&resource.body);
            if let yaml::Value::Map(entries) = &mut root.value {
                let span = resource.span;
                entries.insert(0, (string("apiVersion", span), string(api_version, span)));
                entries.insert(1, (string("kind", span), string(kind, span)));
            }
            K8sObject::from_document(path, root, &text, &mut objects);
        }
    }
    objects
}

/// The Terraform kubernetes provider's resource types (and their `_v1` twins).
fn terraform_kind(resource_type: &str) -> Option<(&'static str, &'static str)> {
    let name = resource_type.strip_prefix("kubernetes_")?;
    let name = name.strip_suffix("_v1").or_else(|| name.strip_suffix("_v2")).unwrap_or(name);
    Some(match name {
        "pod" => ("v1", "Pod"),
        "deployment" => ("apps/v1", "Deployment"),
        "daemonset" | "daemon_set" => ("apps/v1", "DaemonSet"),
        "stateful_set" => ("apps/v1", "StatefulSet"),
        "replication_controller" => ("v1", "ReplicationController"),
        "job" => ("batch/v1", "Job"),
        "cron_job" => ("batch/v1", "CronJob"),
        "service" => ("v1", "Service"),
        "service_account" => ("v1", "ServiceAccount"),
        "secret" => ("v1", "Secret"),
        "config_map" => ("v1", "ConfigMap"),
        "namespace" => ("v1", "Namespace"),
        "role" => ("rbac.authorization.k8s.io/v1", "Role"),
        "cluster_role" => ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        "role_binding" => ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        "cluster_role_binding" => ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        "ingress" => ("networking.k8s.io/v1", "Ingress"),
        "network_policy" => ("networking.k8s.io/v1", "NetworkPolicy"),
        "pod_disruption_budget" => ("policy/v1", "PodDisruptionBudget"),
        _ => return None,
    })
}

/// Blocks the provider repeats, with the list field of the API they fill.
const REPEATED_BLOCKS: &[(&str, &str)] = &[
    ("container", "containers"),
    ("init_container", "initContainers"),
    ("ephemeral_container", "ephemeralContainers"),
    ("volume", "volumes"),
    ("volume_mount", "volumeMounts"),
    ("port", "ports"),
    ("env", "env"),
    ("env_from", "envFrom"),
    ("toleration", "tolerations"),
    ("host_aliases", "hostAliases"),
    ("image_pull_secrets", "imagePullSecrets"),
    ("subject", "subjects"),
    ("rule", "rules"),
    ("ingress", "ingress"),
    ("egress", "egress"),
    ("from", "from"),
    ("to", "to"),
    ("sysctl", "sysctls"),
    ("match_expressions", "matchExpressions"),
    ("tls", "tls"),
    ("path", "paths"),
    ("topology_spread_constraint", "topologySpreadConstraints"),
];

/// Field names whose API spelling is not plain camel case.
const SPECIAL_NAMES: &[(&str, &str)] = &[
    ("host_pid", "hostPID"),
    ("host_ipc", "hostIPC"),
    ("cluster_ip", "clusterIP"),
    ("cluster_ips", "clusterIPs"),
    ("external_ips", "externalIPs"),
    ("load_balancer_ip", "loadBalancerIP"),
    ("non_resource_urls", "nonResourceURLs"),
    ("pod_ip", "podIP"),
];

/// Maps whose keys are data (labels, limits, ...): kept as written.
const DATA_MAPS: &[&str] = &[
    "labels",
    "annotations",
    "limits",
    "requests",
    "match_labels",
    "node_selector",
    "data",
    "binary_data",
    "selector",
];

/// A provider schema body (snake_case blocks and attributes) as the API object.
fn from_schema(attr: &Attr) -> Node {
    let entries = attr
        .entries()
        .iter()
        .filter(|(_, value)| !value.is_unknown())
        .map(|(key, value)| {
            let repeated = REPEATED_BLOCKS.iter().find(|(block, _)| block == key);
            let name = match (repeated, SPECIAL_NAMES.iter().find(|(n, _)| n == key)) {
                (Some((_, api)), _) | (None, Some((_, api))) => api.to_string(),
                _ => camel_case(key),
            };
            let node = match &value.value {
                Value::List(items)
                    if !items.is_empty() && items.iter().all(|i| matches!(i.value, Value::Object(_))) =>
                {
                    match repeated {
                        Some(_) => {
                            node(yaml::Value::Seq(items.iter().map(from_schema).collect()), value.span)
                        }
                        None => from_schema(&items[0]),
                    }
                }
                Value::Object(_) if DATA_MAPS.contains(&key.as_str()) => verbatim(value),
                Value::Object(_) => from_schema(value),
                _ => verbatim(value),
            };
            (string(&name, value.span), node)
        })
        .collect();
    node(yaml::Value::Map(entries), attr.span)
}

/// A value as written (manifests, labels): keys kept.
fn verbatim(attr: &Attr) -> Node {
    let value = match &attr.value {
        Value::Null => yaml::Value::Null,
        Value::Bool(b) => yaml::Value::Bool(*b),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => yaml::Value::Int(*n as i64),
        Value::Number(n) => yaml::Value::Float(*n),
        Value::String(s) => yaml::Value::String(s.clone()),
        // Neither true nor false nor a number: rules that need the value stay silent.
        Value::Unknown => yaml::Value::String("(known after apply)".into()),
        Value::Reference(address) => yaml::Value::String(address.clone()),
        Value::List(items) => yaml::Value::Seq(items.iter().map(verbatim).collect()),
        Value::Object(entries) => {
            yaml::Value::Map(entries.iter().map(|(k, v)| (string(k, v.span), verbatim(v))).collect())
        }
    };
    node(value, attr.span)
}

/// `AWSQS::Kubernetes::Resource`'s `Manifest` is YAML text inside the template;
/// its lines are counted from the property's line.
fn embedded_manifest(resource: &Resource, path: &str, text: &Arc<str>) -> Vec<K8sObject> {
    let Some(manifest) = resource.get("Manifest") else { return Vec::new() };
    let Some(manifest_text) = manifest.as_str() else { return Vec::new() };
    let mut objects = Vec::new();
    for document in yaml::parse_stream(manifest_text).documents {
        K8sObject::from_document(
            path,
            shifted(document.root, manifest.span.start_line.saturating_sub(1)),
            text,
            &mut objects,
        );
    }
    objects
}

fn shifted(mut node: Node, first_line: u32) -> Node {
    node.span = Span::new(node.span.start_line + first_line, node.span.end_line + first_line);
    node.value = match node.value {
        yaml::Value::Seq(items) => {
            yaml::Value::Seq(items.into_iter().map(|n| shifted(n, first_line)).collect())
        }
        yaml::Value::Map(entries) => yaml::Value::Map(
            entries.into_iter().map(|(k, v)| (shifted(k, first_line), shifted(v, first_line))).collect(),
        ),
        other => other,
    };
    node
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn string(text: &str, span: Span) -> Node {
    node(yaml::Value::String(text.to_string()), span)
}

fn node(value: yaml::Value, span: Span) -> Node {
    Node { value, span }
}

#[cfg(test)]
mod tests {
    use crate::cloud::scan;
    use crate::rule::RuleSet;
    use bosun_core::config::Config;

    fn rule_lines(findings: &[bosun_core::Finding], id: &str) -> Vec<u32> {
        findings.iter().filter(|f| f.rule_id == id).map(|f| f.location.start_line).collect()
    }

    #[test]
    fn terraform_deployments_reach_the_kubernetes_rules() {
        let text = r#"resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        host_pid = true
        container {
          name  = "web"
          image = "nginx:1.27"
          security_context {
            privileged = true
          }
        }
      }
    }
  }
}
"#;
        let files = [("k8s.tf".to_string(), text.to_string())];
        let module = scan::analyze_terraform_files(&files, &RuleSet::all(), &Config::default());
        let findings = &module.files["k8s.tf"].findings;
        assert_eq!(rule_lines(findings, "K8S001"), [17], "privileged, at its line");
        assert_eq!(rule_lines(findings, "K8S003"), [12], "hostPID keeps its API spelling");
        let privileged = findings.iter().find(|f| f.rule_id == "K8S001").unwrap();
        assert_eq!(privileged.location.resource.as_deref(), Some("Deployment/shop/web"));
    }

    #[test]
    fn manifests_embedded_in_cloudformation_are_checked_at_their_lines() {
        let text = "Resources:\n  Debug:\n    Type: AWSQS::Kubernetes::Resource\n    Properties:\n      ClusterName: prod\n      Manifest: |\n        apiVersion: v1\n        kind: Pod\n        metadata:\n          name: debug\n        spec:\n          hostPID: true\n          containers:\n            - name: debug\n              image: busybox:1.36\n";
        let analysis =
            scan::analyze_cloudformation("stack.yaml", text, &RuleSet::all(), &Config::default()).unwrap();
        assert_eq!(rule_lines(&analysis.findings, "K8S003"), [12]);
    }
}
