use crate::kubernetes::labels::{may_share_namespace, pod_labels, Selector};
use crate::kubernetes::{K8sObject, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S069",
        name: "missing-network-policy",
        title: "Workload is not selected by any NetworkPolicy",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["env.network-policy", "run.network-segregation"],
        aliases: &["CKV2_K8S_6", "non-isolated-pod"],
        rationale: "Pods that no NetworkPolicy selects accept connections from every pod in the cluster and \
                    can connect anywhere: one compromised workload can reach all the others, their \
                    databases and the cloud metadata endpoint. This looks at every file of the scan together: \
                    a NetworkPolicy (an empty `podSelector` selects the whole namespace) in the same namespace \
                    whose selector matches the pod template's labels isolates the workload. Cilium and Calico \
                    policies in the scan are taken to cover their namespace (or the cluster, for the \
                    cluster-wide kinds). Pods on the host network are not reported, since NetworkPolicies do \
                    not apply to them.",
        remediation: "Add a NetworkPolicy for the namespace, ideally a default-deny policy (`podSelector: {}`) \
                      plus policies that allow the traffic each workload needs.",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
    },
    check: Check::Cluster(check),
};

/// A network policy of the scan and the pods it covers.
struct Policy<'a> {
    object: &'a K8sObject,
    /// False for cluster-wide policies, which cover every namespace.
    namespaced: bool,
    selector: Selector,
}

impl<'a> Policy<'a> {
    fn of(object: &'a K8sObject) -> Option<Policy<'a>> {
        let group = object.api_version.split('/').next().unwrap_or_default();
        let (namespaced, selector) = match (object.kind.as_str(), group) {
            ("NetworkPolicy", "networking.k8s.io") => {
                let selector = object
                    .root
                    .path(&["spec", "podSelector"])
                    .map_or(Selector::All, Selector::label_selector);
                (true, selector)
            }
            // Their selectors (Calico's expression language, Cilium's prefixed labels)
            // are not evaluated here; assuming they cover their scope avoids false alarms.
            ("NetworkPolicy", "crd.projectcalico.org" | "projectcalico.org") | ("CiliumNetworkPolicy", _) => {
                (true, Selector::All)
            }
            ("GlobalNetworkPolicy", _)
            | ("CiliumClusterwideNetworkPolicy", _)
            | ("AdminNetworkPolicy", _)
            | ("BaselineAdminNetworkPolicy", _)
            | ("ClusterNetworkPolicy", _) => (false, Selector::All),
            _ => return None,
        };
        Some(Policy { object, namespaced, selector })
    }
}

fn check(objects: &[&K8sObject], hits: &mut Hits) {
    let config = Config::default();
    let policies: Vec<_> = objects.iter().filter_map(|o| Policy::of(o)).collect();
    for object in objects {
        if object.kind == "PodTemplate" {
            continue;
        }
        let Some(workload) = Workload::of(object, &config) else { continue };
        if workload.flag("hostNetwork").is_some() {
            continue;
        }
        let labels = pod_labels(&workload);
        let isolated = policies
            .iter()
            .any(|p| (!p.namespaced || may_share_namespace(p.object, object)) && p.selector.matches(&labels));
        if isolated {
            continue;
        }
        let namespace = match &object.namespace {
            Some(namespace) => format!("namespace \"{namespace}\""),
            None => "its namespace".to_string(),
        };
        hits.push_at(
            &object.path,
            &object.resource_id(),
            object.kind_span(),
            format!(
                "{} \"{}\" is selected by no NetworkPolicy in {namespace}: its pods accept traffic from any pod",
                object.kind, object.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: front\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n";

    fn with_policy(namespace: &str, spec: &str) -> String {
        format!("{DEPLOYMENT}---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n{namespace}spec:\n{spec}")
    }

    #[test]
    fn one_finding_at_the_kind_line() {
        let findings = run_on_example(&RULE, DEPLOYMENT);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 2);
        assert_eq!(findings[0].location.resource.as_deref(), Some("Deployment/shop/web"));
        assert_eq!(
            findings[0].message,
            "Deployment \"web\" is selected by no NetworkPolicy in namespace \"shop\": its pods accept traffic from any pod"
        );
        assert!(!findings[0].snippet.is_empty());
    }

    #[test]
    fn matching_labels_isolate() {
        let text = with_policy("  namespace: shop\n", "  podSelector:\n    matchLabels:\n      app: web\n");
        assert!(run_on_example(&RULE, &text).is_empty());
        let text = with_policy(
            "  namespace: shop\n",
            "  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [front]}\n",
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn a_policy_for_other_pods_does_not_isolate() {
        let text = with_policy("  namespace: shop\n", "  podSelector:\n    matchLabels:\n      app: db\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }

    #[test]
    fn a_policy_of_another_namespace_does_not_isolate() {
        let text = with_policy("  namespace: billing\n", "  podSelector: {}\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }

    #[test]
    fn a_policy_without_namespace_may_land_in_the_workload_namespace() {
        let text = with_policy("", "  podSelector: {}\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn cilium_and_cluster_wide_policies_count() {
        let cilium = format!("{DEPLOYMENT}---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  endpointSelector:\n    matchLabels:\n      k8s:app: web\n");
        assert!(run_on_example(&RULE, &cilium).is_empty());
        let global = format!("{DEPLOYMENT}---\napiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: deny\nspec:\n  selector: all()\n");
        assert!(run_on_example(&RULE, &global).is_empty());
    }

    #[test]
    fn host_network_pods_and_other_kinds_are_skipped() {
        let host = DEPLOYMENT
            .replace("    spec:\n      containers:", "    spec:\n      hostNetwork: true\n      containers:");
        assert!(run_on_example(&RULE, &host).is_empty());
        let service =
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web\n";
        assert!(run_on_example(&RULE, service).is_empty());
    }
}
