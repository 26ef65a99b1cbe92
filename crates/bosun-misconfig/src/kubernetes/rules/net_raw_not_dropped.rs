use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S012",
        name: "net-raw-not-dropped",
        title: "Container keeps the NET_RAW capability",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls", "run.network-segregation"],
        aliases: &["CKV_K8S_28", "drop-net-raw-capability"],
        rationale: "Container runtimes grant NET_RAW by default. It lets a process craft raw packets: spoof \
                    addresses, answer ARP and DNS for its neighbours on the node's bridge, and sniff. \
                    Applications rarely need it (modern ping does not), so it should be dropped, directly \
                    or through ALL.",
        remediation: "Add `NET_RAW` (or `ALL`) to `securityContext.capabilities.drop`.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"NET_RAW\"]\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if workload.is_windows() {
        return;
    }
    for container in workload.containers() {
        // Adding it back is a stronger finding of `dangerous-capabilities`.
        let added = container.capabilities("add").iter().any(|(name, _)| name == "NET_RAW" || name == "ALL");
        let dropped =
            container.capabilities("drop").iter().any(|(name, _)| name == "NET_RAW" || name == "ALL");
        if !added && !dropped {
            hits.push(
                container.span(),
                format!("{} does not drop NET_RAW (directly or through ALL)", container.label()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn drop_all_counts_and_an_added_net_raw_is_left_to_the_dangerous_rule() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        capabilities:\n          drop: [ALL]\n    - name: b\n      image: b:1\n      securityContext:\n        capabilities:\n          add: [NET_RAW]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
