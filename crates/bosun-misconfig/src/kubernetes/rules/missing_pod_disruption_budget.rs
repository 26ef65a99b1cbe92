use crate::kubernetes::labels::{may_share_namespace, pod_labels, Selector};
use crate::kubernetes::{K8sObject, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S071",
        name: "missing-pod-disruption-budget",
        title: "Replicated workload has no PodDisruptionBudget",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["env.misconfig"],
        aliases: &["missingPodDisruptionBudget"],
        rationale: "Running several replicas only keeps a service up if they are not all stopped together. \
                    Without a PodDisruptionBudget, a node drain, cluster upgrade or autoscaler scale-down may \
                    evict every replica at once, which also makes urgent patching riskier than it should be. \
                    Deployments and StatefulSets with more than one replica are checked against the \
                    PodDisruptionBudgets of the whole scan.",
        remediation: "Add a PodDisruptionBudget whose selector matches the pod template labels, e.g. with \
                      `maxUnavailable: 1`.",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n",
    },
    check: Check::Cluster(check),
};

/// The pods a PodDisruptionBudget protects. In `policy/v1` an empty selector
/// means every pod of the namespace; in `policy/v1beta1` it meant none. A
/// missing selector protects nothing in either.
fn budget_selector(object: &K8sObject) -> Selector {
    match object.root.path(&["spec", "selector"]) {
        Some(node) if node.is_map() => match Selector::label_selector(node) {
            Selector::All if object.api_version == "policy/v1beta1" => Selector::Nothing,
            selector => selector,
        },
        _ => Selector::Nothing,
    }
}

fn check(objects: &[&K8sObject], hits: &mut Hits) {
    let config = Config::default();
    let budgets: Vec<_> = objects
        .iter()
        .filter(|o| o.kind == "PodDisruptionBudget")
        .map(|o| (*o, budget_selector(o)))
        .collect();
    for object in objects.iter().filter(|o| matches!(o.kind.as_str(), "Deployment" | "StatefulSet")) {
        let Some(replicas) = object.root.path(&["spec", "replicas"]) else { continue };
        let Some(count) = replicas.as_i64().filter(|n| *n > 1) else { continue };
        let Some(workload) = Workload::of(object, &config) else { continue };
        let labels = pod_labels(&workload);
        if budgets
            .iter()
            .any(|(budget, selector)| may_share_namespace(budget, object) && selector.matches(&labels))
        {
            continue;
        }
        hits.push_at(
            &object.path,
            &object.resource_id(),
            replicas.span,
            format!(
                "{} \"{}\" runs {count} replicas but no PodDisruptionBudget in this scan covers its pods",
                object.kind, object.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    const STATEFUL_SET: &str = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 3\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: postgres:16.4\n";

    fn with_budget(api_version: &str, spec: &str) -> String {
        format!("{STATEFUL_SET}---\napiVersion: {api_version}\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n{spec}")
    }

    #[test]
    fn points_at_the_replica_count() {
        let findings = run_on_example(&RULE, STATEFUL_SET);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 6);
        assert!(findings[0].message.starts_with("StatefulSet \"db\" runs 3 replicas"));
    }

    #[test]
    fn single_replica_and_unset_replicas_are_not_reported() {
        assert!(run_on_example(&RULE, &STATEFUL_SET.replace("replicas: 3", "replicas: 1")).is_empty());
        assert!(run_on_example(&RULE, &STATEFUL_SET.replace("  replicas: 3\n", "")).is_empty());
    }

    #[test]
    fn empty_selector_depends_on_the_api_version() {
        assert!(run_on_example(&RULE, &with_budget("policy/v1", "  minAvailable: 2\n  selector: {}\n"))
            .is_empty());
        let old = with_budget("policy/v1beta1", "  minAvailable: 2\n  selector: {}\n");
        assert_eq!(run_on_example(&RULE, &old).len(), 1);
        assert_eq!(run_on_example(&RULE, &with_budget("policy/v1", "  minAvailable: 2\n")).len(), 1);
    }

    #[test]
    fn a_budget_for_other_pods_does_not_count() {
        let text =
            with_budget("policy/v1", "  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }
}
