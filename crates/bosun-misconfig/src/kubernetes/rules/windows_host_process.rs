use crate::kubernetes::Workload;
use crate::rule::{Check, Hits, Rule};
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S024",
        name: "windows-host-process",
        title: "Windows container runs as a HostProcess",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["run.no-privileged"],
        aliases: &["KSV-0103"],
        rationale: "A Windows HostProcess container runs directly on the node, in the host's network and with \
                    access to its file system and services: the Windows counterpart of a privileged \
                    container. The baseline Pod Security Standard forbids it.",
        remediation: "Remove `windowsOptions.hostProcess: true`; run node-level tooling as a managed node component instead.",
        bad_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  hostNetwork: true\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  containers:\n    - name: agent\n      image: agent:1.0-windows\n",
        good_example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: \"ContainerUser\"\n  containers:\n    - name: agent\n      image: agent:1.0-windows\n",
    },
    check: Check::Workload(check),
};

fn check(workload: &Workload, hits: &mut Hits) {
    for (label, context) in workload.security_contexts() {
        let flag = context.path(&["windowsOptions", "hostProcess"]);
        if let Some(flag) = flag.filter(|f| f.as_bool() == Some(true)) {
            hits.push(flag.span, format!("{label} securityContext sets windowsOptions.hostProcess: true"));
        }
    }
}
