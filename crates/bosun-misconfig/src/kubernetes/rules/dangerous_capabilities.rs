use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S011",
        name: "dangerous-capabilities",
        title: "Container adds a capability that enables host compromise",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged", "run.restrict-syscalls"],
        aliases: &["KSV-0005", "KSV-0119", "KSV-0120", "CKV_K8S_39", "dangerousCapabilities"],
        rationale: "Some capabilities are nearly root on the node by themselves: SYS_ADMIN mounts file \
                    systems and creates namespaces, SYS_MODULE loads kernel code, SYS_PTRACE reads and \
                    rewrites other processes, NET_ADMIN and NET_RAW reconfigure and spoof the network, \
                    DAC_READ_SEARCH opens host files by handle. A compromised process holding one of them \
                    rarely stays inside its container.",
        remediation: "Remove the capability from `securityContext.capabilities.add`; move the operation that needs it out of the workload.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n    - name: vpn\n      image: wireguard:1.0\n      securityContext:\n        capabilities:\n          add: [\"NET_ADMIN\", \"SYS_MODULE\"]\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: vpn\nspec:\n  containers:\n    - name: vpn\n      image: wireguard:1.0\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\"]\n",
    },
    check: Check::Workload(check),
};

/// Capabilities that hand a container the means to break out or to attack the
/// node and its neighbours, with what each allows (for messages).
const DANGEROUS: &[(&str, &str)] = &[
    ("ALL", "every capability"),
    ("SYS_ADMIN", "mounts, namespaces and most administrative syscalls"),
    ("SYS_MODULE", "loading kernel modules"),
    ("SYS_PTRACE", "tracing and rewriting other processes"),
    ("SYS_RAWIO", "raw access to devices and I/O ports"),
    ("SYS_BOOT", "rebooting the node"),
    ("SYS_TIME", "setting the node's clock"),
    ("DAC_READ_SEARCH", "opening any host file by handle"),
    ("NET_ADMIN", "reconfiguring interfaces, routes and firewall rules"),
    ("NET_RAW", "raw sockets: spoofing and sniffing traffic"),
    ("BPF", "loading eBPF programs into the kernel"),
    ("PERFMON", "kernel performance monitoring and eBPF tracing"),
    ("MAC_ADMIN", "changing the mandatory access control policy"),
    ("MAC_OVERRIDE", "bypassing mandatory access control"),
    ("SYSLOG", "reading kernel logs and addresses"),
];

/// Is this capability (upper case, no `CAP_` prefix) one this rule reports?
pub fn is_dangerous(capability: &str) -> bool {
    DANGEROUS.iter().any(|(name, _)| *name == capability)
}

fn check(workload: &Workload, hits: &mut Hits) {
    for container in workload.containers() {
        for (capability, node) in container.capabilities("add") {
            if let Some((_, allows)) = DANGEROUS.iter().find(|(name, _)| *name == capability) {
                hits.push(node.span, format!("{} adds {capability} ({allows})", container.label()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::run_on_example;

    #[test]
    fn one_finding_per_capability_with_its_name() {
        let findings = run_on_example(&RULE, RULE.meta.bad_example);
        assert_eq!(findings.len(), 2);
        assert!(findings[0].message.contains("NET_ADMIN"));
        assert!(findings[1].message.contains("SYS_MODULE"));
    }

    #[test]
    fn cap_prefix_and_lower_case_are_the_same_capability() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: init\n      image: i:1\n      securityContext:\n        capabilities:\n          add:\n            - cap_sys_admin\n  containers:\n    - name: c\n      image: c:1\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 12);
        assert!(findings[0].message.contains("init container \"init\" adds SYS_ADMIN"));
    }
}
