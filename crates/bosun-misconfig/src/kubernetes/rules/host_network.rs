use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S002",
        name: "host-network",
        title: "Pod shares the host's network namespace",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.network-segregation"],
        aliases: &["KSV-0009", "CKV_K8S_19", "host-network", "hostNetworkSet"],
        rationale: "With `hostNetwork: true` the pod sees every interface of the node: it can sniff node \
                    traffic, reach services bound to localhost (the kubelet, cloud metadata proxies) and \
                    bypass NetworkPolicies. The Pod Security Standards forbid it at the baseline level.",
        remediation: "Remove `hostNetwork: true`; expose the pod through a Service instead.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: false\n  containers:\n    - name: web\n      image: nginx:1.27\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if let Some(flag) = workload.flag("hostNetwork") {
        hits.push(flag.span, "the pod sets hostNetwork: true and shares the node's network stack");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn finds_the_flag_in_a_cronjob_template() {
        let text = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          hostNetwork: true\n          restartPolicy: Never\n          containers:\n            - name: job\n              image: alpine:3.20\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 11);
    }
}
