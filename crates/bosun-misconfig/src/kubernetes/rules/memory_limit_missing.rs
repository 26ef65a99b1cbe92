use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S026",
        name: "memory-limit-missing",
        title: "Container has no memory limit",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.resource-limits"],
        aliases: &["KSV-0018", "CKV_K8S_13", "unset-memory-requirements", "memoryLimitsMissing"],
        rationale: "A container without a memory limit can take all the memory of its node: a leak or a \
                    deliberate allocation then gets other pods OOM-killed or evicted, and the node itself may \
                    become unresponsive. Unlike CPU, memory cannot be throttled, so the limit is the only \
                    bound.",
        remediation: "Set `resources.limits.memory` (usually equal to `resources.requests.memory`).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          memory: 128Mi\n        limits:\n          memory: 128Mi\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // A pod-level limit (the pod `resources` field) bounds every container.
    if workload.spec.path(&["resources", "limits", "memory"]).is_some() {
        return;
    }
    // Ephemeral containers cannot declare resources.
    for container in workload.containers().into_iter().filter(|c| c.kind != ContainerKind::Ephemeral) {
        if container.resource("limits", "memory").is_none() {
            hits.push(container.span(), format!("{} has no memory limit", container.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn init_containers_count_and_pod_level_limits_cover_all() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: init\n      image: i:1\n  containers:\n    - name: c\n      image: c:1\n      resources:\n        limits:\n          memory: 1Gi\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "init container \"init\" has no memory limit");
        let pod_level = text
            .replace("  initContainers:", "  resources:\n    limits:\n      memory: 2Gi\n  initContainers:");
        assert!(run_on_example(&RULE, &pod_level).is_empty());
    }
}
