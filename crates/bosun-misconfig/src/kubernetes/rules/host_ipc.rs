use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S004",
        name: "host-ipc",
        title: "Pod shares the host's IPC namespace",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0008", "CKV_K8S_18", "host-ipc", "hostIPCSet"],
        rationale: "With `hostIPC: true` the containers share System V shared memory, semaphores and message \
                    queues with every process of the node, so they can read or corrupt data other workloads \
                    and host daemons keep there. The Pod Security Standards forbid it at the baseline level.",
        remediation: "Remove `hostIPC: true`; share memory between the pod's own containers with an `emptyDir` (`medium: Memory`).",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  hostIPC: true\n  containers:\n    - name: cache\n      image: redis:7.4\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n  containers:\n    - name: cache\n      image: redis:7.4\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if let Some(flag) = workload.flag("hostIPC") {
        hits.push(flag.span, "the pod sets hostIPC: true and shares the node's IPC namespace");
    }
}
