use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S032",
        name: "readiness-probe-missing",
        title: "Long-running container has no readiness probe",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.monitor"],
        aliases: &["CKV_K8S_9", "no-readiness-probe", "readinessProbeMissing"],
        rationale: "Without a readiness probe a pod receives Service traffic as soon as its containers start, \
                    before the application can answer, and keeps receiving it while the application is \
                    overloaded or lost its dependencies. Rollouts then replace healthy pods with ones that \
                    fail requests. Jobs and other run-to-completion pods are not concerned.",
        remediation: "Add a `readinessProbe` that succeeds only when the container can serve requests.",
        bad_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n",
        good_example: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          readinessProbe:\n            httpGet:\n              path: /ready\n              port: 8080\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if workload.runs_to_completion() {
        return;
    }
    for container in workload.containers().into_iter().filter(|c| c.kind == ContainerKind::Regular) {
        if container.get("readinessProbe").is_none_or(|p| p.is_null()) {
            hits.push(container.span(), format!("{} has no readiness probe", container.label()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn cronjobs_are_not_concerned_but_each_server_container_is() {
        let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '@hourly'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: c\n              image: c:1\n";
        assert!(run_on_example(&RULE, cron).is_empty());
        let two = RULE.meta.good_example.replace(
            "      containers:\n",
            "      containers:\n        - name: sidecar\n          image: envoy:1.31\n",
        );
        let findings = run_on_example(&RULE, &two);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "container \"sidecar\" has no readiness probe");
    }
}
