use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S028",
        name: "resource-requests-missing",
        title: "Container requests no CPU or memory",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.resource-limits"],
        aliases: &[
            "KSV-0015",
            "KSV-0016",
            "CKV_K8S_10",
            "CKV_K8S_12",
            "unset-cpu-requirements",
            "cpuRequestsMissing",
            "memoryRequestsMissing",
        ],
        rationale: "The scheduler places pods by their requests. A container that requests nothing is \
                    scheduled onto nodes with no room for it, gets the lowest quality of service, and is the \
                    first evicted under pressure, while it may still starve its neighbours.",
        remediation: "Set `resources.requests.cpu` and `resources.requests.memory` to what the container uses under normal load.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n        limits:\n          memory: 128Mi\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    // Pod-level resources cover every container.
    let pod_has = |name: &str| {
        ["requests", "limits"].iter().any(|kind| workload.spec.path(&["resources", kind, name]).is_some())
    };
    for container in workload.containers().into_iter().filter(|c| c.kind != ContainerKind::Ephemeral) {
        // Kubernetes copies a limit into an unset request, so a limit is a request too.
        let requests = |name: &str| {
            pod_has(name)
                || container.resource("requests", name).is_some()
                || container.resource("limits", name).is_some()
        };
        let missing = match (requests("cpu"), requests("memory")) {
            (true, true) => continue,
            (false, false) => "neither CPU nor memory",
            (false, true) => "no CPU",
            (true, false) => "no memory",
        };
        hits.push(container.span(), format!("{} requests {missing}", container.label()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names_what_is_missing() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n      resources:\n        requests:\n          memory: 64Mi\n    - name: c\n      image: c:1\n      resources:\n        limits:\n          cpu: \"1\"\n          memory: 1Gi\n";
        let messages: Vec<_> = run_on_example(&RULE, text).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            vec!["container \"a\" requests neither CPU nor memory", "container \"b\" requests no CPU"]
        );
    }
}
