use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S022",
        name: "unsafe-sysctls",
        title: "Pod sets a sysctl outside the safe set",
        severity: Severity::Medium,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0026", "unsafe-sysctls"],
        rationale: "Only a few kernel parameters are namespaced and isolated per pod. The others either change \
                    the whole node (affecting every workload on it) or can disable kernel protections. The \
                    baseline Pod Security Standard allows only the safe set; the kubelet refuses the rest \
                    unless an administrator allowed them on the node.",
        remediation: "Remove the sysctl from `securityContext.sysctls`, or set it on dedicated nodes and suppress with a reason.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.shm_rmid_forced\n        value: \"1\"\n      - name: vm.max_map_count\n        value: \"262144\"\n  containers:\n    - name: db\n      image: opensearch:2.17\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.shm_rmid_forced\n        value: \"1\"\n      - name: net.ipv4.ip_local_port_range\n        value: \"1024 65000\"\n  containers:\n    - name: db\n      image: opensearch:2.17\n",
    },
    check: Check::Workload(check),
};

/// The sysctls the baseline standard allows, as of Kubernetes 1.32.
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

fn check(workload: &Workload, hits: &mut Hits) {
    let sysctls = workload.security_context().and_then(|sc| sc.get("sysctls"));
    for sysctl in sysctls.map(|s| s.as_seq()).unwrap_or_default() {
        let Some(name) = sysctl.get("name") else { continue };
        let text = name.scalar_text().unwrap_or_default();
        // The kernel accepts `/` as the separator too.
        if !SAFE.contains(&text.replace('/', ".").as_str()) {
            hits.push(name.span, format!("the pod sets sysctl {text}, which is not in the safe set"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn names_the_sysctl() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 10);
        assert!(findings[0].message.contains("vm.max_map_count"));
    }
}
