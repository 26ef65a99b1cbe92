use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S031",
        name: "liveness-probe-missing",
        title: "Long-running container has no liveness probe",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.monitor"],
        aliases: &["CKV_K8S_8", "no-liveness-probe", "livenessProbeMissing"],
        rationale: "Without a liveness probe the kubelet restarts a container only when its process exits. A \
                    deadlocked or wedged server keeps running, keeps its place in the Service, and fails \
                    every request until someone notices. Jobs and other run-to-completion pods are not \
                    concerned.",
        remediation: "Add a `livenessProbe` that fails only when the process can no longer recover on its own.",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if workload.runs_to_completion() {
        return;
    }
    for container in workload.containers().into_iter().filter(|c| c.kind == ContainerKind::Regular) {
        if container.get("livenessProbe").is_none_or(|p| p.is_null()) {
            hits.push(container.span(), format!("{} has no liveness probe", container.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn jobs_one_off_pods_and_init_containers_are_not_concerned() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: j\n          image: j:1\n";
        assert!(run_on_example(&RULE, job).is_empty());
        let one_off = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: OnFailure\n  containers:\n    - name: p\n      image: p:1\n";
        assert!(run_on_example(&RULE, one_off).is_empty());
        let with_init = RULE.meta.good_example.replace(
            "      containers:\n",
            "      initContainers:\n        - name: init\n          image: busybox:1.36\n      containers:\n",
        );
        assert!(run_on_example(&RULE, &with_init).is_empty());
    }
}
