use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S003",
        name: "host-pid",
        title: "Pod shares the host's process namespace",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0010", "CKV_K8S_17", "host-pid", "hostPIDSet"],
        rationale: "With `hostPID: true` the containers see every process of the node. They can read other \
                    processes' environment and command lines (often holding credentials), signal them, and \
                    with ptrace or a privileged context enter them. The Pod Security Standards forbid it at \
                    the baseline level.",
        remediation: "Remove `hostPID: true`; use `shareProcessNamespace` if only the pod's own containers must see each other.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  hostPID: true\n  containers:\n    - name: debug\n      image: busybox:1.36\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  hostPID: false\n  containers:\n    - name: debug\n      image: busybox:1.36\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if let Some(flag) = workload.flag("hostPID") {
        hits.push(flag.span, "the pod sets hostPID: true and sees every process of the node");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn yaml_1_1_spelling_counts() {
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      hostPID: \"yes\"\n      containers:\n        - name: agent\n          image: agent:1.0\n";
        assert_eq!(run_on_example(&RULE, text).len(), 1);
    }
}
