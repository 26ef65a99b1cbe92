use crate::kubernetes::rbac::PolicyRule;
use crate::kubernetes::K8sObject;
use crate::rule::{Check, Hits, Rule};
use bosun_core::config::Config;
use bosun_core::{Domain, RuleMeta, Severity};

pub static RULE: Rule = Rule {
    meta: RuleMeta {
        id: "K8S058",
        name: "rbac-escalate-or-bind",
        title: "Role grants the escalate or bind verb on roles",
        severity: Severity::High,
        domain: Domain::Kubernetes,
        checklist: &["env.least-access"],
        aliases: &["CKV_K8S_157", "CKV_K8S_158"],
        rationale: "RBAC normally stops a subject from granting permissions it does not hold. `escalate` \
                    lifts that check for editing roles, and `bind` lifts it for creating bindings, so either \
                    one lets its holder give itself any permission, up to cluster-admin.",
        remediation: "Remove `escalate` and `bind`; have an administrator create the roles and bindings the \
                      subject needs.",
        bad_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\"]\n    verbs: [\"get\", \"update\", \"escalate\"]\n",
        good_example: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\"]\n    verbs: [\"get\", \"list\"]\n",
    },
    check: Check::Object(check),
};

fn check(object: &K8sObject, _config: &Config, hits: &mut Hits) {
    for rule in PolicyRule::of(object) {
        if !rule.covers_group("rbac.authorization.k8s.io") {
            continue;
        }
        let resources: Vec<_> =
            rule.listed("resources", &["roles", "clusterroles", "*"]).into_iter().map(|r| r.value).collect();
        if resources.is_empty() {
            continue;
        }
        // `verbs: ["*"]` includes both; the wildcard rules report it.
        for verb in rule.listed("verbs", &["escalate", "bind"]) {
            hits.push(
                verb.node.span,
                format!(
                    "{} \"{}\" grants \"{}\" on {}: its holder can grant itself any permission",
                    object.kind,
                    object.name,
                    verb.value,
                    resources.join(", ")
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
        format!("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: ns\nrules:\n{rule}")
    }

    #[test]
    fn bind_and_escalate_each_point_at_the_verb() {
        let text = role("  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [roles]\n    verbs:\n      - bind\n      - escalate\n");
        let findings = run_on_example(&RULE, &text);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].location.start_line, 10);
        assert_eq!(findings[1].location.start_line, 11);
    }

    #[test]
    fn other_groups_do_not_count() {
        let text = role("  - apiGroups: [\"\"]\n    resources: [roles]\n    verbs: [bind]\n");
        assert!(run_on_example(&RULE, &text).is_empty());
    }
}
