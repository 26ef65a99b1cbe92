use crate::kubernetes::labels::{may_share_namespace, pod_labels, Selector};
use crate::kubernetes::{K8sObject, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S070",
        name: "dangling-service",
        title: "Service selects no workload of the scan",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.misconfig"],
        aliases: &["dangling-service"],
        rationale: "A Service whose selector matches no pod has no endpoints: clients get connection errors, \
                    and a later workload that happens to carry those labels silently starts receiving its \
                    traffic. It is usually a typo or a label changed on one side only. This is only reported \
                    when the scan contains workloads of the Service's namespace (set on both, or on \
                    neither), so Services for pods defined elsewhere are not flagged; Services without a selector (manual endpoints) and \
                    ExternalName Services are never flagged.",
        remediation: "Make the Service's selector match the pod template labels of the workload it fronts.",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: website\n  ports:\n    - port: 80\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n",
    },
    check: Check::Cluster(check),
};

fn check(objects: &[&K8sObject], hits: &mut Hits) {
    let config = Config::default();
    let workloads: Vec<_> = objects
        .iter()
        .filter(|o| o.kind != "PodTemplate")
        .filter_map(|o| Workload::of(o, &config).map(|w| (*o, pod_labels(&w))))
        .collect();
    for service in objects.iter().filter(|o| o.kind == "Service") {
        let Some(spec) = service.spec() else { continue };
        if spec.get("type").and_then(|t| t.as_str()) == Some("ExternalName") {
            continue;
        }
        let Some(selector_node) = spec.get("selector").filter(|s| s.entries().next().is_some()) else {
            continue;
        };
        // Judged only when the scan holds a workload of exactly the Service's
        // namespace (both unset counts): a namespace-less workload elsewhere in
        // the scan says nothing about the Service's namespace. It may still be
        // the one the Service selects, so every possible neighbour can match.
        if !workloads.iter().any(|(w, _)| w.namespace == service.namespace) {
            continue;
        }
        let neighbours: Vec<_> = workloads.iter().filter(|(w, _)| may_share_namespace(w, service)).collect();
        let selector = Selector::equality(selector_node);
        if neighbours.iter().any(|(_, labels)| selector.matches(labels)) {
            continue;
        }
        let wanted: Vec<_> = selector_node
            .string_entries()
            .map(|(k, v)| format!("{k}={}", v.scalar_text().unwrap_or_default()))
            .collect();
        let span = spec.key_node("selector").map_or(selector_node.span, |k| k.span);
        hits.push_at(
            &service.path,
            &service.resource_id(),
            span,
            format!(
                "Service \"{}\" selects {}, but no workload of its namespace in this scan has pods with those labels",
                service.name,
                wanted.join(", ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n        tier: front\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n";

    fn service(namespace: &str, spec: &str) -> String {
        format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n{namespace}spec:\n{spec}")
    }

    #[test]
    fn a_service_alone_is_not_judged() {
        assert!(run_on_example(&RULE, &service("", "  selector:\n    app: x\n")).is_empty());
    }

    #[test]
    fn a_subset_of_the_labels_matches() {
        let text =
            format!("{DEPLOYMENT}---\n{}", service("  namespace: shop\n", "  selector:\n    app: web\n"));
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn every_selector_label_must_match() {
        let text = format!(
            "{DEPLOYMENT}---\n{}",
            service("  namespace: shop\n", "  selector:\n    app: web\n    tier: back\n")
        );
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 23);
        assert!(findings[0].message.contains("selects app=web, tier=back"), "{}", findings[0].message);
    }

    #[test]
    fn workloads_of_other_namespaces_do_not_count() {
        let text =
            format!("{DEPLOYMENT}---\n{}", service("  namespace: billing\n", "  selector:\n    app: x\n"));
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn services_without_selector_or_external_name_are_skipped() {
        let text = format!(
            "{DEPLOYMENT}---\n{}---\n{}",
            service("  namespace: shop\n", "  ports:\n    - port: 5432\n"),
            service(
                "  namespace: shop\n",
                "  type: ExternalName\n  externalName: db.example.com\n  selector:\n    app: db\n"
            )
        );
        assert!(run_on_example(&RULE, &text).is_empty());
    }

    #[test]
    fn a_namespace_less_workload_does_not_put_a_namespaced_service_in_scope() {
        // A kustomize base elsewhere in the repository, next to an ingress controller's Service.
        let base = DEPLOYMENT.replace("  namespace: shop\n", "");
        let text = format!(
            "{base}---\n{}",
            service(
                "  namespace: ingress-nginx\n",
                "  selector:\n    app.kubernetes.io/name: ingress-nginx\n"
            )
        );
        assert!(run_on_example(&RULE, &text).is_empty());
        // Both without namespace: one kustomize base, judged; a namespace-less
        // workload can still be the one a namespaced Service selects.
        let same_base = format!("{base}---\n{}", service("", "  selector:\n    app: api\n"));
        assert_eq!(run_on_example(&RULE, &same_base).len(), 1);
        let api_base = base.replace("app: web", "app: api");
        let selected = format!(
            "{DEPLOYMENT}---\n{api_base}---\n{}",
            service("  namespace: shop\n", "  selector:\n    app: api\n")
        );
        assert!(run_on_example(&RULE, &selected).is_empty());
    }
}
