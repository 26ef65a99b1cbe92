use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S057",
        name: "rbac-pod-exec-attach",
        title: "Role allows exec or attach into pods",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access", "run.drift"],
        aliases: &["KSV-0053", "KSV-0054", "CKV2_K8S_2", "clusterrolePodExecAttach", "rolePodExecAttach"],
        rationale: "`pods/exec` and `pods/attach` give a shell in any pod the role covers: the holder reads \
                    that pod's mounted secrets and service account token, acts with its privileges, and \
                    changes a running container outside any deployment process. Both `create` and `get` \
                    count, since websocket clients open the stream with a GET.",
        remediation: "Drop `pods/exec` and `pods/attach` from the role; grant them for debugging through a \
                      separate, time-limited binding.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: support\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\", \"pods/exec\"]\n    verbs: [\"get\", \"create\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: support\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\", \"pods/log\"]\n    verbs: [\"get\", \"list\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        if !rule.covers_group("") {
            continue;
        }
        let verbs: Vec<_> =
            rule.listed("verbs", &["create", "get", "*"]).into_iter().map(|v| v.value).collect();
        if verbs.is_empty() {
            continue;
        }
        for resource in rule.listed("resources", &["pods/exec", "pods/attach"]) {
            hits.push(
                resource.node.span,
                format!(
                    "{} \"{}\" grants {} on {}: a shell in any pod it covers",
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

    fn role(rule: &str) -> String {
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n{rule}")
    }

    #[test]
    fn exec_and_attach_are_separate_findings() {
        let text =
            role("  - apiGroups: [\"\"]\n    resources: [pods/exec, pods/attach]\n    verbs: [create]\n");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 2);
        assert!(findings[1].message.contains("\"create\" on pods/attach"), "{}", findings[1].message);
    }

    #[test]
    fn get_alone_opens_a_websocket_exec() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [pods/exec]\n    verbs: [get]\n");
        assert_eq!(run_on_example(&RULE, &text).len(), 1);
    }

    #[test]
    fn list_and_watch_do_not_exec() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [pods/exec]\n    verbs: [list, watch]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
