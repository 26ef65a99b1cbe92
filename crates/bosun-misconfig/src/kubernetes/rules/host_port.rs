use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S016",
        name: "host-port",
        title: "Container binds a port on the node",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.network-segregation", "img.minimal-ports"],
        aliases: &["KSV-0024", "CKV_K8S_26", "hostPortSet"],
        rationale: "A hostPort opens the port on the node's own addresses, outside the Service and \
                    NetworkPolicy model: anything that reaches the node reaches the container. It also pins \
                    one such pod per node and port. The baseline Pod Security Standard disallows host ports.",
        remediation: "Remove `hostPort`; expose the container through a Service (NodePort or LoadBalancer if it must be reachable from outside).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n          hostPort: 80\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 8080\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        for port in container.get("ports").map(|p| p.as_seq()).unwrap_or_default() {
            // 0 is the API's "no host port".
            let Some(host_port) = port.get("hostPort").filter(|p| p.as_i64().is_some_and(|p| p != 0)) else {
                continue;
            };
            let target =
                port.get("containerPort").and_then(|p| p.scalar_text()).unwrap_or_else(|| "?".into());
            hits.push(
                host_port.span,
                format!(
                    "{} binds port {} of the node (to container port {target})",
                    container.label(),
                    host_port.scalar_text().unwrap_or_default()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn zero_means_unset() {
        let text = RULE
            .meta
            .good_example
            .replace("containerPort: 8080\n", "containerPort: 8080\n          hostPort: 0\n");
        assert!(run_on_example(&RULE, &text).is_empty());
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(
            findings[0].message,
            "container \"web\" binds port 80 of the node (to container port 8080)"
        );
    }
}
