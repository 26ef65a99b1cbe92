use super::added_capabilities::BASELINE;
use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S010",
        name: "restricted-capabilities-added",
        title: "Container adds back a capability other than NET_BIND_SERVICE",
        severity: Severity::Low,
        domain: Domain::Kubernetes,
        checklist: &["run.restrict-syscalls"],
        aliases: &["KSV-0106"],
        rationale: "The restricted Pod Security Standard lets a container add back only NET_BIND_SERVICE after \
                    dropping ALL. Default capabilities such as CHOWN, DAC_OVERRIDE, SETUID or SETGID let a \
                    process take over files and identities inside the container; an application that needs \
                    them usually needs a different image layout instead. (Capabilities beyond the default set \
                    are reported by `non-default-capabilities` and `dangerous-capabilities`.)",
        remediation: "Remove the capability from `securityContext.capabilities.add`; fix file ownership in the image instead.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\", \"CHOWN\"]\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\"]\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    if workload.is_windows() {
        return;
    }
    for container in workload.containers() {
        for (capability, node) in container.capabilities("add") {
            if capability != "NET_BIND_SERVICE" && BASELINE.contains(&capability.as_str()) {
                hits.push(
                    node.span,
                    format!(
                        "{} adds {capability}; the restricted profile allows only NET_BIND_SERVICE",
                        container.label()
                    ),
                );
            }
        }
    }
}
