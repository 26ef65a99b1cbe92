use crate::kubernetes::{ContainerKind, Workload};
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S027",
        name: "cpu-limit-missing",
        title: "Container has no CPU limit",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.resource-limits"],
        aliases: &["KSV-0011", "CKV_K8S_11", "cpuLimitsMissing"],
        rationale: "Without a CPU limit a container may use every idle core of its node. Requests still \
                    guarantee other pods their share, so this is mostly about predictability and about \
                    bounding a runaway or hijacked process (crypto-mining is the usual payload). Some teams \
                    deliberately leave CPU unlimited to avoid throttling; suppress the rule if so.",
        remediation: "Set `resources.limits.cpu`, or suppress the rule where bursting is intended.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      resources:\n        requests:\n          cpu: 100m\n        limits:\n          cpu: 500m\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if workload.spec.path(&["resources", "limits", "cpu"]).is_some() {
        return;
    }
    for container in workload.containers().into_iter().filter(|c| c.kind != ContainerKind::Ephemeral) {
        if container.resource("limits", "cpu").is_none() {
            hits.push(container.span(), format!("{} has no CPU limit", container.label()));
        }
    }
}
