use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S063",
        name: "rbac-nodes-proxy",
        title: "Role grants access to nodes/proxy",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["KSV-0047", "CKV2_K8S_2"],
        rationale: "`nodes/proxy` passes requests straight to the kubelet API of every node, which can run \
                    commands in any container on it; the kubelet does its own authorization on the proxied \
                    path, and those calls bypass admission control and most audit logging. Even `get` is \
                    enough to open an exec stream. Monitoring agents that only need metrics can use \
                    `nodes/metrics` instead.",
        remediation: "Remove `nodes/proxy`; grant `nodes/metrics` or `nodes/stats` for monitoring.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: metrics\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"nodes\", \"nodes/proxy\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: metrics\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"nodes\", \"nodes/metrics\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        if !rule.covers_group("") {
            continue;
        }
        // Every kubelet call maps to one of these; list/watch map to nothing there.
        let verbs: Vec<_> = rule
            .listed("verbs", &["get", "create", "update", "patch", "delete", "*"])
            .into_iter()
            .map(|v| v.value)
            .collect();
        if verbs.is_empty() {
            continue;
        }
        for resource in rule.listed("resources", &["nodes/proxy", "nodes/*"]) {
            hits.push(
                resource.node.span,
                format!(
                    "{} \"{}\" grants {} on {}: the kubelet API of every node, including exec into its containers",
                    object.kind,
                    object.name,
                    verbs.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", "),
                    resource.value
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::registry::run_on_example;

    #[test]
    fn names_the_verbs_and_points_at_the_resource() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - apiGroups: [\"\"]\n    resources:\n      - nodes\n      - nodes/proxy\n    verbs: [get, list, watch]\n";
        let findings = run_on_example(&RULE, text);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].location.start_line, 9);
        assert!(findings[0].message.contains("grants \"get\" on nodes/proxy"), "{}", findings[0].message);
    }

    #[test]
    fn list_and_watch_alone_reach_nothing() {
        let text = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - apiGroups: [\"\"]\n    resources: [nodes/proxy]\n    verbs: [list, watch]\n";
        assert!(run_on_example(&RULE, text).is_empty());
    }
}
